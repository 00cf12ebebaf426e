import XCTest
import CopcDiagnostics
import CopcSema
import CopcDriver

/// Each contract folder of `contracts/` (and each folder of `contracts/exemples/`) has its expected `copc check --format json` output
/// beside it (`attendu.json`, checked with `--au 2026-11-22`). `UPDATE_GOLDEN=1 swift test`
/// rewrites them; the diff of the goldens is reviewed like code.
final class GoldenTests: XCTestCase {
    func testContractGoldens() throws {
        let root = repositoryRoot + "/contracts"
        let update = FileSystem.environment("UPDATE_GOLDEN") == "1"
        // One golden per contract folder: `contracts/X/`, or `contracts/exemples/X/` — a
        // portfolio (`exemples/portefeuille-fictif/`) is one folder tree, checked whole.
        var folders: [String] = []
        for path in try FileSystem.copFiles(under: root) {
            let parts = Paths.components(Paths.relative(Paths.directory(of: path), to: root))
            let depth = parts.first == "exemples" ? 2 : 1
            let dir = Paths.join(root, parts.prefix(depth).joined(separator: "/"))
            if !folders.contains(dir) { folders.append(dir) }
        }
        XCTAssertGreaterThanOrEqual(folders.count, 4)
        for dir in folders {
            let rel = Paths.relative(dir, to: root)
            let files = try FileSystem.copFiles(under: dir).map { ("contracts/" + rel + "/" + Paths.relative($0, to: dir), try FileSystem.read($0)) }
            let result = Driver.check(sources: files, options: CheckOptions(au: testDate))
            let json = DiagnosticRenderer.json(result.diagnostics)
            let golden = dir + "/attendu.json"
            if update {
                try FileSystem.writeAtomically(golden, Array(json.utf8))
                continue
            }
            guard FileSystem.kind(golden) == .file else {
                XCTFail("\(rel): missing golden \(golden) (run UPDATE_GOLDEN=1 swift test)")
                continue
            }
            let expected = String(decoding: try FileSystem.read(golden), as: UTF8.self)
            if expected != json {
                XCTFail("\(rel): copc check output differs from attendu.json (run UPDATE_GOLDEN=1 swift test and review the diff)")
            }
        }
    }
}
