import XCTest
import Foundation
import CopcDriver

/// `copc diff` as a user runs it: the example's goldens in every format, version selection,
/// two drafts, exit statuses, colours, and git (external diff driver and difftool).
final class DiffCLITests: XCTestCase {
    static let example = "contracts/exemples/cop-fictif-ofe-2023-2027"

    func run(_ args: [String], cwd: String? = repositoryRoot, env extra: [String: String] = ["NO_COLOR": "1"]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = builtCopc
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func tempDir(_ files: [String: String]) throws -> String {
        let dir = NSTemporaryDirectory() + "copc-diff-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// The comparisons the example's goldens hold: each avenant against the version before it,
    /// and the whole chain.
    static let pairs: [(String, String)] = [("0", "1"), ("1", "2"), ("2", "3"), ("0", "3")]
    static let formats: [(String, String)] = [("texte", "txt"), ("markdown", "md"), ("json", "json"), ("html", "html")]

    /// Every diff format of every pair, and `copc emit` of every version, equal their goldens
    /// in `attendu/` (`UPDATE_GOLDEN=1 swift test` rewrites them).
    func testExampleGoldens() throws {
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        let dir = repositoryRoot + "/" + Self.example + "/attendu"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var outputs: [(String, String)] = []
        for (a, b) in Self.pairs {
            for (format, ext) in Self.formats {
                let (status, out, err) = try run(["diff", Self.example, "--de", a, "--a", b, "--format", format])
                XCTAssertEqual(status, 0, err)
                XCTAssertEqual(err, "")
                outputs.append(("diff-\(a)-\(b).\(ext)", out))
            }
        }
        for v in 0...3 {
            let (status, out, err) = try run(["emit", Self.example, "--version", String(v)])
            XCTAssertEqual(status, 0, err)
            outputs.append(("emit-version-\(v).json", out))
        }
        for (name, out) in outputs {
            let path = dir + "/" + name
            if update {
                try out.write(toFile: path, atomically: true, encoding: .utf8)
                continue
            }
            guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
                XCTFail("missing golden \(path) (UPDATE_GOLDEN=1 swift test)")
                continue
            }
            XCTAssertEqual(out, expected, "\(name) differs from its golden (UPDATE_GOLDEN=1 swift test, then review)")
        }
        // The default compares the latest avenant with the version before it.
        let (_, defaultOut, _) = try run(["diff", Self.example, "--format", "json"])
        XCTAssertEqual(defaultOut, outputs.first { $0.0 == "diff-2-3.json" }?.1)
        // Dates select the version in force that day.
        let (_, byDate, _) = try run(["diff", Self.example, "--de", "2024-01-15", "--a", "2024-07-01", "--format", "json"])
        XCTAssertEqual(byDate, outputs.first { $0.0 == "diff-1-2.json" }?.1)
    }

    /// The chain of the example produces every change kind.
    func testExampleCoversEveryChangeKind() throws {
        var kinds = Set<String>()
        for (a, b) in Self.pairs.prefix(3) {
            let (_, out, _) = try run(["diff", Self.example, "--de", a, "--a", b, "--format", "json"])
            let obj = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
            for c in obj["changements"] as! [[String: Any]] { kinds.insert(c["genre"] as! String) }
        }
        XCTAssertEqual(kinds, ["période-prolongée", "période-modifiée", "élément-ajouté", "élément-supprimé", "élément-déplacé",
                               "titre-modifié", "délai-déplacé", "cible-fixée", "cible-modifiée", "cible-retirée",
                               "référent-modifié", "propriété-modifiée"])
    }

    /// Every JSON the diff writes validates against `grammar/diff.schema.json`; a broken one
    /// does not.
    func testDiffJSONMatchesSchema() throws {
        let schemaData = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/grammar/diff.schema.json"))
        let schema = try JSONSerialization.jsonObject(with: schemaData) as! [String: Any]
        let validator = SchemaValidator(root: schema)
        for (a, b) in Self.pairs {
            let (_, out, _) = try run(["diff", Self.example, "--de", a, "--a", b, "--format", "json"])
            let value = try JSONSerialization.jsonObject(with: Data(out.utf8))
            var errors: [String] = []
            validator.validate(value, schema, "$", &errors)
            XCTAssertEqual(errors, [], "\(a)→\(b): \(errors.prefix(5))")
        }
        var errors: [String] = []
        validator.validate(["schema": "copc.diff/2", "contrat": NSNull(), "changements": [["genre": "cible-inventée"]]] as [String: Any], schema, "$", &errors)
        XCTAssertTrue(errors.contains { $0.contains("const") })
        XCTAssertTrue(errors.contains { $0.contains("missing de") })
        XCTAssertTrue(errors.contains { $0.contains("not in enum") })
    }
}
