import XCTest
import Foundation
import CopcDriver

/// Every input the fuzz campaigns found (Fuzz/regressions/CIBLE/, see scripts/fuzz.sh) is
/// replayed through the same properties as the fuzz target (FuzzProperties): each was a
/// crash, a hang or a violated property once, and must never be again.
final class FuzzRegressionTests: XCTestCase {
    func testEveryFindingStaysFixed() throws {
        let dir = repositoryRoot + "/Fuzz/regressions"
        var replayed = 0
        for target in FuzzProperties.targetNames {
            let folder = dir + "/" + target
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                let bytes = try FileSystem.read(folder + "/" + name)
                for failure in FuzzProperties.run(target, bytes) { XCTFail("\(target)/\(name) : \(failure)") }
                replayed += 1
            }
        }
        XCTAssertGreaterThan(replayed, 0, "aucune régression dans \(dir)")
    }

    /// The twin of the campaigns without libFuzzer: every target's properties hold on the seeds
    /// `scripts/fuzz.sh` gives it — every `.cop` file of contracts/ and of the test cases and,
    /// for the targets reading several files, every folder of them joined by a NUL byte
    /// (contract first) — so that CI runs the same entry points on the repository's contracts.
    func testEveryTargetHoldsOnItsSeeds() throws {
        let seeds = try FuzzSeeds.make()
        XCTAssertGreaterThan(seeds.files.count, 300)
        XCTAssertGreaterThan(seeds.folders.count, 40)
        for target in FuzzProperties.targetNames {
            var inputs = FuzzProperties.multiFileTargets.contains(target) ? seeds.folders + seeds.files : seeds.files
            // CSVWriter reads fields separated by 0x1F: each line of a file is a field.
            if target == "csv" { inputs += seeds.files.map { ($0.0, $0.1.map { $0 == 10 ? 0x1F : $0 }) } }
            for (name, bytes) in inputs {
                for failure in FuzzProperties.run(target, bytes) { XCTFail("\(target) sur \(name) : \(failure)") }
            }
        }
    }

    /// The properties themselves can fail: an input whose refusal would not be echoed, or a
    /// formatter whose output would change a message, is caught (a property that cannot fail
    /// would prove nothing).
    func testPropertiesDetectViolations() {
        XCTAssertEqual(FuzzProperties.json("x", "{\"a\":").count, 1)
        XCTAssertNotNil(FuzzProperties.jsonError("{\"a\":"))
        XCTAssertNil(FuzzProperties.jsonError("{\"a\":[1,2.5,null]}"))
        XCTAssertTrue(FuzzProperties.format(Array("contrat C1 « C »\n  période : 2021 .. 2023\n".utf8)).isEmpty)
        XCTAssertEqual(FuzzProperties.split([65, 0, 66, 0]).map(\.0), ["contrat.cop", "avenant-1.cop", "avenant-2.cop"])
        XCTAssertEqual(FuzzProperties.run("inconnue", []), ["cible inconnue « inconnue »"])
        // Output checkers: each catches what it is for.
        XCTAssertEqual(FuzzProperties.htmlProblems("<p><em>x</p></em>").count, 2)
        XCTAssertFalse(FuzzProperties.htmlProblems("<div><script>x</script></div>").isEmpty)
        XCTAssertFalse(FuzzProperties.htmlProblems("<p>a\u{1B}b</p>").isEmpty)
        XCTAssertEqual(FuzzProperties.htmlProblems("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>a > b {}</style></head><body><p title=\"a>b\">x<br>y</p></body></html>"), [])
        XCTAssertFalse(FuzzProperties.markdownProblems("a <img src=x onerror=y> b").isEmpty)
        XCTAssertFalse(FuzzProperties.markdownProblems("[x](javascript:alert(1))").isEmpty)
        XCTAssertFalse(FuzzProperties.markdownProblems("| a | b |\n|---|---|\n| c | d | e |").isEmpty)
        XCTAssertFalse(FuzzProperties.markdownProblems("| a |\n| \u{1B}[2J |").isEmpty)
        XCTAssertEqual(FuzzProperties.markdownProblems("| a \\| b | `c` |\n|---|---|\n| x<br>y | [1](#ancre) |\n\n\\<img\\> `<b>`"), [])
        XCTAssertFalse(FuzzProperties.csvProblems("\u{FEFF}a;b\r\n=1+2;c\r\n", headerRow: 0).isEmpty)
        XCTAssertFalse(FuzzProperties.csvProblems("\u{FEFF}a;b\r\nc\r\n", headerRow: 0).isEmpty)
        XCTAssertFalse(FuzzProperties.csvProblems("\u{FEFF}a;b\nc;d\r\n", headerRow: 0).isEmpty)
        XCTAssertFalse(FuzzProperties.csvProblems("a;b\r\n", headerRow: 0).isEmpty)
        XCTAssertEqual(FuzzProperties.csvProblems("\u{FEFF}titre\r\na;b\r\n-2,5;\"x\r\n\"\"y\"\"\"\r\n\r\nt\r\nc\r\nd\r\n", headerRow: 1), [])
        XCTAssertFalse(FuzzProperties.icsProblems("BEGIN:VCALENDAR\r\nEND:VCALENDAR\n").isEmpty)
        XCTAssertFalse(FuzzProperties.icsProblems("BEGIN:VCALENDAR\r\n" + "X:" + String(repeating: "a", count: 80) + "\r\nEND:VCALENDAR\r\n").isEmpty)
        let event = "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20220101T000000Z\r\nDTSTART;VALUE=DATE:20220101\r\nDTEND;VALUE=DATE:20220102\r\nEND:VEVENT\r\n"
        XCTAssertEqual(FuzzProperties.icsProblems("BEGIN:VCALENDAR\r\n" + event + "END:VCALENDAR\r\n"), [])
        XCTAssertEqual(FuzzProperties.icsProblems("BEGIN:VCALENDAR\r\n" + event + event + "END:VCALENDAR\r\n"), ["UID en double : u"])
        XCTAssertTrue(FuzzProperties.csvWriter(Array("a\u{1F}=b\u{1F}-1\u{0}\u{1F}x\r\ny;\"".utf8)).isEmpty)
    }
}

/// The seeds of the fuzz campaigns, built as `scripts/fuzz.sh` builds them.
enum FuzzSeeds {
    /// Every `.cop` file of contracts/ and Tests/CopcTests/Cases, and every folder of them as
    /// one input (contract first, then the other files in name order, joined by NUL).
    static func make() throws -> (files: [(String, [UInt8])], folders: [(String, [UInt8])]) {
        var files: [(String, [UInt8])] = []
        var folders: [(String, [UInt8])] = []
        let fm = FileManager.default
        for top in ["contracts", "Tests/CopcTests/Cases"] {
            let base = repositoryRoot + "/" + top
            var dirs = [base]
            for case let rel as String in fm.enumerator(atPath: base)! {
                var isDir: ObjCBool = false
                let path = base + "/" + rel
                guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
                if isDir.boolValue { dirs.append(path) } else if rel.hasSuffix(".cop") { files.append((top + "/" + rel, try FileSystem.read(path))) }
            }
            for dir in dirs.dropFirst() {
                let names = try fm.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".cop") }.sorted()
                guard !names.isEmpty else { continue }
                let contents = try names.map { try FileSystem.read(dir + "/" + $0) }
                let first = contents.firstIndex { $0.starts(with: Array("contrat".utf8)) || $0.contains(subsequence: Array("\ncontrat".utf8)) }
                var ordered = contents
                // The contract first; none: an empty first file.
                if let k = first { ordered.insert(ordered.remove(at: k), at: 0) } else { ordered.insert([], at: 0) }
                folders.append((dir, Array(ordered.joined(separator: [FuzzProperties.separator]))))
            }
        }
        return (files, folders)
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence s: [UInt8]) -> Bool {
        guard !s.isEmpty, s.count <= count else { return s.isEmpty }
        for i in 0 ... (count - s.count) where self[i ..< i + s.count].elementsEqual(s) { return true }
        return false
    }
}
