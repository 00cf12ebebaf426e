import XCTest
import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcModel
import CopcDriver

/// The parser alone: its diagnostics and recovery, without building nor checking.
final class ParserTests: XCTestCase {
    /// One typo gives one diagnostic, with the nearest keyword; what follows is still read.
    func testRecoveryAfterMisspelledHeader() {
        let text = cleanContract + """
        objectf 1.2 « Mal écrit »
          pilote : DGOS
          texte : « propriétés avalées sans bruit »
        action 1.1.2 « Après la faute »
          délai : fin 2026
        """
        let ds = parse(text)
        XCTAssertEqual(summary(ds), ["14:COP102"])
        XCTAssertTrue(ds[0].text.contains("vouliez-vous dire « objectif »"), ds[0].text)
        let syntax = Parser.parse(SourceFile(path: "t", text: text))
        XCTAssertTrue(syntax.items.contains { if case .element(let e) = $0 { return e.id == "1.1.2" } else { return false } },
                      "the action after the typo is read")
    }

    func testRecoveryAfterMissingColon() {
        let ds = parse(cleanContract.replacingOccurrences(of: "unité : %", with: "unité %") + "action 1.1.2 « X »\n  délai : 2030\n")
        XCTAssertEqual(summary(ds), ["12:COP102"])
    }

    func testPropertyBeforeAnyElement() {
        XCTAssertEqual(summary(parse("période : 2021 .. 2022\n" + cleanContract)), ["1:COP105"])
    }

    /// `utilise` does not close the header: the properties after it still belong to it.
    func testUtiliseKeepsHeaderOpen() {
        let syntax = Parser.parse(SourceFile(path: "c.cop", text: "contrat C « x »\n  utilise « a.cop »\n  période : 2021 .. 2022\n"))
        XCTAssertEqual(syntax.diagnostics.count, 0)
        XCTAssertEqual(syntax.header?.properties.map(\.key), [.periode])
    }

    /// Each line's role and key, read once by the parser, are what the formatter lays out.
    func testLinesRecordRoleAndKey() {
        let syntax = Parser.parse(SourceFile(path: "t", text: "contrat C « x »\n  Signé  le : 2021-01-01\n  Délai (a) : 2022\n  inconnue : 1\nmodifier action 1\n"))
        XCTAssertEqual(syntax.lines.map(\.role), [.header(.contrat), .property, .property, .property, .change(.modifier)])
        XCTAssertEqual(syntax.lines.map(\.key), [nil, .signeLe, .delai, nil, nil])
        XCTAssertEqual(syntax.lines.map(\.keyWordCount), [0, 2, 1, 0, 0])
    }
}
