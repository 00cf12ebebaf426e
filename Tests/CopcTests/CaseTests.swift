import XCTest
import Foundation
import CopcLanguage
import CopcSource
import CopcDiagnostics
import CopcSema
import CopcDriver
import CopcRules

/// Runs every case of `Tests/CopcTests/Cases`: a `.cop` file or a folder of them, with the
/// expected diagnostics marked inline (`# attendu: COP300 "fragment"`, `# attendu+1: …` for
/// the next line, `# attendu-fichier: …` for a diagnostic on the file as a whole, without a
/// line). The set of (file, line, code) reported must equal the set marked, and each quoted
/// fragment must appear in the message. A case with `# portefeuille` in the first lines of a
/// file is also checked as a portfolio (the checks only `copc portefeuille` runs, COP212).
///
/// A folder case that holds a `copc.toml` is a workspace: it is copied to a temporary folder
/// and checked there on disk (`Driver.check(paths:)`), its `copc.toml` read as the root's; a
/// `copc.toml` whose first line is `# propriétaire : autre` belongs to another user (changed
/// with `chown` when the tests run as root, else the check runs as another user).
final class CaseTests: XCTestCase {
    struct Expectation: Hashable {
        let file: String
        let line: Int
        let code: String
    }

    static func parseMarkers(_ text: String, file: String) -> (Set<Expectation>, [Expectation: [String]]) {
        var expected = Set<Expectation>()
        var fragments: [Expectation: [String]] = [:]
        // Split on bytes: as Characters, "\r\n" is one grapheme and would not split.
        for (k, rawLine) in text.utf8.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
            let line = String(decoding: rawLine, as: UTF8.self)
            for (marker, offset) in [("# attendu+1:", 1), ("# attendu:", 0), ("# attendu-fichier:", -(k + 1))] {
                guard let r = line.range(of: marker) else { continue }
                var rest = Substring(line[r.upperBound...])
                // Codes, then optional "fragments".
                while true {
                    rest = rest.drop { $0 == " " || $0 == "," || $0 == "\r" }
                    if rest.hasPrefix("COP") {
                        let code = String(rest.prefix(6))
                        rest = rest.dropFirst(6)
                        let exp = Expectation(file: file, line: k + 1 + offset, code: code)
                        expected.insert(exp)
                        rest = rest.drop { $0 == " " }
                        if rest.hasPrefix("\""), let close = rest.dropFirst().firstIndex(of: "\"") {
                            fragments[exp, default: []].append(String(rest[rest.index(after: rest.startIndex)..<close]))
                            rest = rest[rest.index(after: close)...]
                        }
                    } else {
                        break
                    }
                }
                break
            }
        }
        return (expected, fragments)
    }

    func testAllCases() throws {
        let dir = repositoryRoot + "/Tests/CopcTests/Cases"
        let entries = try FileSystem.copFiles(under: dir)
        XCTAssertFalse(entries.isEmpty, "no case found in \(dir)")
        // Group files by case: a top-level file, or a top-level folder.
        var cases: [String: [String]] = [:]
        for path in entries {
            let rel = Paths.relative(path, to: dir)
            let name = rel.split(separator: "/").first.map(String.init) ?? rel
            cases[name, default: []].append(path)
        }
        var failures = 0
        for name in cases.keys.sorted() {
            var sources: [(String, [UInt8])] = []
            var expected = Set<Expectation>()
            var fragments: [Expectation: [String]] = [:]
            var au = testDate
            var auGiven = false
            var strict = false
            // `# portefeuille`: the portfolio's checks (`copc portefeuille`) are run too.
            var portfolio = false
            // Each case is its own workspace: a folder case is rooted at its folder, so that
            // `utilise « ../x.cop »` leaves the workspace as it would on disk.
            let caseRoot = dir + "/" + name
            let onDisk = FileSystem.kind(caseRoot + "/copc.toml") == .file
            var files = cases[name]!.sorted()
            if onDisk { files.append(caseRoot + "/copc.toml") }
            for path in files {
                let rel = FileSystem.kind(caseRoot) == .directory ? Paths.relative(path, to: caseRoot) : name
                var bytes = try FileSystem.read(path)
                let text = String(decoding: bytes, as: UTF8.self)
                if text.contains("<<") { bytes = CaseTests.rawBytes(bytes) }
                let (e, f) = CaseTests.parseMarkers(text, file: rel)
                expected.formUnion(e)
                fragments.merge(f) { $0 + $1 }
                for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).prefix(3) {
                    if line.hasPrefix("# au:"), let d = Day.parse(String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces)) { au = d; auGiven = true }
                    if line.trimmingCharacters(in: .whitespacesAndNewlines) == "# strict" { strict = true }
                    if line.trimmingCharacters(in: .whitespacesAndNewlines) == "# portefeuille" { portfolio = true }
                }
                sources.append((rel, bytes))
            }
            let options = CheckOptions(au: au, strict: strict, auGiven: auGiven)
            let result: CheckResult
            var shown: (Diagnostic) -> String = { $0.path }
            if onDisk {
                let copy = try CaseTests.workspaceCopy(sources)
                result = try Driver.check(paths: [copy.folder], options: options, trust: copy.trust)
                let cwd = FileSystem.realPath(".")!
                shown = { Paths.relative($0.path.hasPrefix("/") ? $0.path : Paths.normalize(cwd + "/" + $0.path), to: copy.folder) }
            } else {
                result = Driver.check(sources: sources, options: options)
            }
            var actual = Set<Expectation>()
            let portfolioDiagnostics = portfolio ? Checker.portfolio(result.workspace, files: result.fileTable, options: options) : []
            for d in result.diagnostics + portfolioDiagnostics {
                let e = Expectation(file: shown(d), line: d.span?.start.line ?? 0, code: d.code.rawValue)
                actual.insert(e)
                for frag in fragments[e] ?? [] where !d.text.contains(frag) {
                    failures += 1
                    XCTFail("\(name): \(e.file):\(e.line) \(e.code): message « \(d.text) » does not contain « \(frag) »")
                }
            }
            let missing = expected.subtracting(actual)
            let unexpected = actual.subtracting(expected)
            for m in missing.sorted(by: { ($0.file, $0.line, $0.code) < ($1.file, $1.line, $1.code) }) {
                failures += 1
                XCTFail("\(name): expected \(m.code) at \(m.file):\(m.line), not reported")
            }
            for u in unexpected.sorted(by: { ($0.file, $0.line, $0.code) < ($1.file, $1.line, $1.code) }) {
                failures += 1
                let msg = (result.diagnostics + portfolioDiagnostics).first { shown($0) == u.file && ($0.span?.start.line ?? 0) == u.line && $0.code.rawValue == u.code }?.text ?? ""
                XCTFail("\(name): unexpected \(u.code) at \(u.file):\(u.line): \(msg)")
            }
        }
        XCTAssertEqual(failures, 0)
    }

    /// A folder case with a `copc.toml`, copied to a fresh folder (absolute, symlink-free) with no
    /// marker above it; the trust to check it with (`# propriétaire : autre`).
    static func workspaceCopy(_ files: [(String, [UInt8])]) throws -> (folder: String, trust: WorkspaceTrust) {
        let dir = scratchRoot + "copc-cas-\(UUID().uuidString)"
        var trust = WorkspaceTrust.current
        for (rel, bytes) in files {
            let path = dir + "/" + rel
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            guard rel.hasSuffix("copc.toml"), String(decoding: bytes, as: UTF8.self).hasPrefix("# propriétaire : autre") else { continue }
            if geteuid() == 0 {
                XCTAssertEqual(chown(path, 4242, 4242), 0)
            } else {
                trust = WorkspaceTrust(user: 4242)
            }
        }
        return (FileSystem.realPath(dir)!, trust)
    }

    /// Every code has a case that triggers it and a near miss that does not.
    func testEveryCodeHasCaseAndNearMiss() throws {
        let dir = repositoryRoot + "/Tests/CopcTests/Cases"
        let entries = try FileSystem.copFiles(under: dir).map { Paths.relative($0, to: dir) }
        for code in Code.allCases {
            let c = code.rawValue
            XCTAssertTrue(entries.contains { $0.hasPrefix(c + "-") && !$0.hasPrefix(c + "-ok") }, "no case triggers \(c)")
            XCTAssertTrue(entries.contains { $0.hasPrefix(c + "-ok") }, "no near-miss case for \(c)")
        }
    }

    /// The bytes of a case file where `<<XX>>` (two upper-case hexadecimal digits) stands for
    /// the byte XX: invalid UTF-8 and other encodings written in a readable file.
    static func rawBytes(_ bytes: [UInt8]) -> [UInt8] {
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        var k = 0
        while k < bytes.count {
            if k + 6 <= bytes.count, bytes[k] == 0x3C, bytes[k + 1] == 0x3C, bytes[k + 4] == 0x3E, bytes[k + 5] == 0x3E,
               let h = hex(bytes[k + 2]), let l = hex(bytes[k + 3]) {
                out.append(h << 4 | l)
                k += 6
            } else {
                out.append(bytes[k])
                k += 1
            }
        }
        return out
    }

    func testMarkerParsing() {
        XCTAssertEqual(CaseTests.rawBytes(Array("a<<FF>>b<<E9>><<x>>".utf8)), [0x61, 0xFF, 0x62, 0xE9] + Array("<<x>>".utf8))
        let (e, f) = CaseTests.parseMarkers("a\nb # attendu: COP201 \"DGOS\", COP300\n# attendu+1: COP101\nc", file: "x")
        XCTAssertEqual(e, [Expectation(file: "x", line: 2, code: "COP201"), Expectation(file: "x", line: 2, code: "COP300"),
                           Expectation(file: "x", line: 4, code: "COP101")])
        XCTAssertEqual(f[Expectation(file: "x", line: 2, code: "COP201")], ["DGOS"])
    }
}
