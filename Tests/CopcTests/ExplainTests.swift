import XCTest
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcSyntax
import CopcDriver
import CopcSema

/// `copc expliquer` as drafters read it (issue 13): plain French, wrapped, no backticks, no
/// reference to a document they cannot see; COP104 lists the keys from the grammar's table.
final class ExplainTests: XCTestCase {
    /// The COP100 example, under a contract header, does report COP100 on the marked line.
    func testCOP100ExampleTriggersCOP100() throws {
        let text = Code.cop100.explanation
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let example = lines.filter { $0.hasPrefix("    ") }.map { String($0.dropFirst(4)) }
        XCTAssertFalse(example.isEmpty)
        let header = "contrat C1 « Essai »\n  période : 2021 .. 2023\naxe 1 « Axe »\n"
        let source = header + example.joined(separator: "\n") + "\n"
        let diags = Parser.parse(SourceFile(path: "e.cop", text: source)).diagnostics
        let marked = example.firstIndex { $0.contains("# ← COP100") }! + 4
        XCTAssertTrue(diags.contains { $0.code == .cop100 && $0.span?.start.line == marked }, diags.map(\.text).joined(separator: "\n"))
    }

    func testNoBackticksNoSpecificationAndWrapped() {
        for code in Code.allCases {
            let shown = ExplainText.render(code.explanation, width: 72)
            XCTAssertFalse(shown.contains("`"), "\(code.rawValue): backtick")
            for word in ["spécification", "LANGUAGE", "design §"] {
                XCTAssertFalse(shown.contains(word), "\(code.rawValue): « \(word) »")
            }
            for line in shown.split(separator: "\n") where !line.hasPrefix(" ") {
                XCTAssertLessThanOrEqual(line.unicodeScalars.count, 72, "\(code.rawValue): \(line)")
            }
        }
        XCTAssertTrue(ExplainText.render("un `délai` ici, « `x` » là", width: 80).contains("un «\u{00A0}délai\u{00A0}» ici, « x » là"))
        XCTAssertEqual(ExplainText.render("    a `b` c", width: 40), "    a b c")
    }

    /// COP104 lists each element's keys from `ElementKind.keys`, not a copy.
    func testCOP104ListsKeysFromTheTable() {
        let text = Code.cop104.explanation
        for kind in ElementKind.allCases {
            XCTAssertTrue(text.contains("    \(kind.keyword) : " + kind.keys.map(\.display).joined(separator: ", ") + "\n"), kind.keyword)
        }
        XCTAssertTrue(text.contains("pilote ← "))
    }

    /// Every message and note of the case corpus and of the sample contracts starts lowercase
    /// (or with a quote or a digit), and versions are named as drafters name them.
    func testMessagesStartLowercase() throws {
        for dir in ["/Tests/CopcTests/Cases", "/contracts"] {
            let result = try Driver.check(paths: [repositoryRoot + dir], options: CheckOptions.today())
            for d in result.diagnostics {
                let texts = [d.text] + d.notes.map(\.message.text)
                for t in texts {
                    XCTAssertFalse(t.first?.isUppercase ?? true, "\(d.code.rawValue): \(t)")
                    XCTAssertFalse(t.contains("version 0") || t.contains("la version 1 "), t)
                }
            }
        }
        XCTAssertEqual(versionName(0), "le contrat tel que signé")
        XCTAssertEqual(versionName(2), "la version consolidée après l'avenant 2")
    }
}
