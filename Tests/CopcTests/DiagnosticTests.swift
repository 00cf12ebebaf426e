import XCTest
import CopcSource
import CopcDiagnostics
import CopcDriver

final class DiagnosticTests: XCTestCase {
    let sample = cleanContract.replacingOccurrences(of: "délai : fin 2022", with: "délai : fin 2026")

    func testJSONShape() {
        let json = DiagnosticRenderer.json(check(sample))
        XCTAssertTrue(json.hasPrefix("{\"version\":1,\"diagnostics\":[{\"code\":\"COP300\",\"severity\":\"error\",\"message\":"), json)
        XCTAssertTrue(json.contains("\"file\":\"essai.cop\",\"line\":10,\"column\":11,\"endLine\":10,\"endColumn\":19,\"notes\":[{\"message\":\"période du contrat déclarée ici\",\"file\":\"essai.cop\",\"line\":3,\"column\":3}]"), json)
        XCTAssertTrue(json.hasSuffix("\"summary\":{\"errors\":1,\"warnings\":0,\"notes\":0}}\n"), json)
    }

    func testGCCFormat() {
        let out = DiagnosticRenderer.gcc(check(sample))
        XCTAssertTrue(out.hasPrefix("essai.cop:10:11: error: le délai « fin 2026 » de l'action 1.1.1 (2026-10-01 .. 2026-12-31) se termine après la fin du contrat (2021-01-01 .. 2023-12-31) [COP300]\n"), out)
        XCTAssertTrue(out.contains("essai.cop:3:3: note: période du contrat déclarée ici"))
    }

    func testHumanFormatHasCaretAndSummary() {
        let out = DiagnosticRenderer.human(check(sample), color: false)
        XCTAssertTrue(out.contains("erreur[COP300]: "), out)
        XCTAssertTrue(out.contains("10 |   délai : fin 2026\n   |           ^^^^^^^^\n"), out)
        XCTAssertTrue(out.hasSuffix("1 erreur, aucun avertissement, aucune note\n"), out)
        XCTAssertFalse(out.contains("\u{1B}["))
        XCTAssertTrue(DiagnosticRenderer.human(check(sample), color: true).contains("\u{1B}[1;31m"))
    }

    func testEveryCodeHasTitleAndExplanation() {
        for code in Code.allCases {
            let e = code.explanation
            XCTAssertTrue(e.hasPrefix("\(code.rawValue) — \(code.title) (\(code.severity.french))"), code.rawValue)
            XCTAssertTrue(e.contains("Exemple"), code.rawValue)
            XCTAssertTrue(e.contains("Correction"), code.rawValue)
        }
    }

    func testSuggestions() {
        XCTAssertEqual(Suggest.nearest(to: "DGSO", among: ["DGOS", "DGS", "CNG"]), "DGOS")
        XCTAssertEqual(Suggest.nearest(to: "méthdoe", among: ["méthode", "source"]), "méthode")
        XCTAssertNil(Suggest.nearest(to: "XYZ", among: ["DGOS"]))
    }

    func testSuppressionComments() {
        let text = cleanContract.replacingOccurrences(of: "  délai : fin 2022", with: "  délai : fin 2026 # copc: ignorer COP300")
        XCTAssertEqual(summary(check(text)), [])
        let above = cleanContract.replacingOccurrences(of: "objectif 1.1 « Objectif »\n  pilote : DGOS\n", with: "# copc: ignore COP502\nobjectif 1.1 « Objectif »\n")
        XCTAssertEqual(summary(check(above)), [])
        XCTAssertEqual(summary(check("# copc: ignorer COP999\n" + cleanContract)), ["1:COP103"])
    }
}
