import XCTest
import CopcDiagnostics
import CopcDriver

/// `grammar/copc.ebnf` stays true: every `(* Exemple : … *)` block in it is a complete file
/// that copc reads without any syntax or value error (no COP0xx / COP1xx diagnostic).
final class GrammarTests: XCTestCase {
    static func examples(_ text: String) -> [(line: Int, text: String)] {
        var out: [(Int, String)] = []
        var current: [Substring]?
        var start = 0
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil, line.trimmingCharacters(in: .whitespaces).hasPrefix("(* Exemple") {
                current = []
                start = k + 2
            } else if current != nil, line.trimmingCharacters(in: .whitespaces) == "*)" {
                out.append((start, current!.joined(separator: "\n") + "\n"))
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return out
    }

    func testEveryExampleParses() throws {
        let text = String(decoding: try FileSystem.read(repositoryRoot + "/grammar/copc.ebnf"), as: UTF8.self)
        let examples = GrammarTests.examples(text)
        XCTAssertGreaterThanOrEqual(examples.count, 30)
        for (line, example) in examples {
            let syntaxErrors = check(example).filter { $0.code.rawValue < "COP200" }
            XCTAssertTrue(syntaxErrors.isEmpty, "grammar/copc.ebnf:\(line): \(syntaxErrors.map { "\($0.code.rawValue) \($0.text)" })")
        }
    }

    func testExtraction() {
        let ex = GrammarTests.examples("a\n(* Exemple :\ncontrat C « x »\n  période : 2021\n*)\nb")
        XCTAssertEqual(ex.count, 1)
        XCTAssertEqual(ex[0].line, 3)
        XCTAssertEqual(ex[0].text, "contrat C « x »\n  période : 2021\n")
    }
}
