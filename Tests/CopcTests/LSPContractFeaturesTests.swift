import XCTest
import Foundation
import CopcLSP

/// Hover and completion for the forms of issue 14: `moyens` and `poids` on the element's hover,
/// relative targets with their resolved value, `avis « … » le` proposed as a key.
final class LSPContractFeaturesTests: XCTestCase {
    static let text = """
    contrat C « Contrat »
      période : 2021 .. 2023
      avis « CGEFI » le : 2020-12-01
    objectif 1 « Objectif »
      poids : 1/3
      moyens 2021 : 12,5 M€
      moyens (ETP) 2021 : 350
    indicateur 1.a « Taux »
      unité : %
      base 2020 : 50 %
      cible 2021 : +2 points
      cible 2022 : ≥ N-1
      cible 2023 : maintien

    """

    func hover(_ h: ServerHarness, _ line: Int, _ character: Int) -> String {
        h.at("textDocument/hover", "c.cop", line, character)["contents"]?["value"]?.string ?? ""
    }

    func testHoverShowsResourcesWeightsAndResolvedTargets() throws {
        let h = ServerHarness(root: try LSPFixture.folder(["c.cop": Self.text]))
        h.open("c.cop", Self.text)
        let objective = hover(h, 3, 10)
        XCTAssertTrue(objective.contains("poids : 1/3"), objective)
        XCTAssertTrue(objective.contains("**moyens 2021** : 12,5 M€ · **moyens (ETP) 2021** : 350"), objective)
        XCTAssertTrue(hover(h, 5, 4).contains("**moyens 2021** : 12,5 M€"), "hover on a moyens line")
        XCTAssertTrue(hover(h, 10, 4).contains("+2 points — fixée ; soit 52\u{00A0}%"), hover(h, 10, 4))
        XCTAssertTrue(hover(h, 11, 4).contains("connue au bilan"), hover(h, 11, 4))
        XCTAssertTrue(hover(h, 2, 4).contains("**avis « CGEFI »** : 1er\u{00A0}décembre 2020"), hover(h, 2, 4))
    }

    func testCompletionProposesTheNewKeys() throws {
        let h = ServerHarness(root: try LSPFixture.folder(["c.cop": Self.text]))
        let typed = Self.text.replacingOccurrences(of: "  poids : 1/3\n", with: "  poids : 1/3\n  m\n")
        h.open("c.cop", typed)
        h.wait()
        let items = h.at("textDocument/completion", "c.cop", 5, 3)["items"]?.array ?? []
        let labels = items.compactMap { $0["label"]?.string }
        XCTAssertTrue(labels.contains("moyens") && labels.contains("poids"), "\(labels)")
        let header = Self.text.replacingOccurrences(of: "  avis « CGEFI » le : 2020-12-01\n", with: "  a\n")
        h.change("c.cop", version: 2, header)
        let keys = h.at("textDocument/completion", "c.cop", 2, 3)["items"]?.array ?? []
        XCTAssertEqual(keys.first { $0["label"]?.string == "avis" }?["textEdit"]?["newText"]?.string, "avis « ")
    }
}
