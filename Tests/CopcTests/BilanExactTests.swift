import XCTest
import Foundation
import CopcLanguage
import CopcModel
import CopcDriver
import CopcBilan
@testable import CopcHTML
import CopcSema
import CopcSource
import CopcLSP

/// Issue 22, item 2: what the bilan shows is exact — units converted into the indicator's,
/// relative targets and `≥ N-1` resolved, objective states and counts over every action of the
/// version, `sans objet` years not missing, charts from zero with no line on the frame, a
/// state per labelled deadline; and the language server's hover agrees with the bilan.
final class BilanExactTests: XCTestCase {
    static let contract = """
    contrat C9 « Contrat d'essai »
      type : COP
      période : 2022 .. 2025

    référent DG « Direction générale »

    axe 1 « Axe »
    objectif 1.1 « Objectif »
      pilote : DG
    action 1.1.1 « Action achevée »
      délai : 2022
    action 1.1.2 « Action à deux délais »
      délai (pilote) : fin 2022
      délai (plan-formation-directeurs) : fin 2025
    action 1.1.3 « Action pas encore échue, non renseignée »
      délai : 2025
    indicateur 1.1.a « Dépenses »
      unité : k€
      sens : baisse
      cible 2022 .. 2025 : ≤ 2,2 M€
    indicateur 1.1.b « Taux »
      unité : %
      sens : hausse
      base 2021 : 20 %
      cible 2022 : 20 %
      cible 2023 : +2 points
      cible 2024 .. 2025 : ≥ N-1
    indicateur 1.1.c « Indicateur sans objet la première année »
      unité : nombre
      cible 2022 : sans objet
      cible 2023 .. 2025 : 10

    """

    static let bilan2023 = """
    bilan 2023 du contrat C9 « Bilan 2023 »
      établi le : 2024-03-01
    indicateur 1.1.a
      réalisé : 2,35 M€
    indicateur 1.1.b
      réalisé : 21,5 %
    action 1.1.1
      état : finalisé
      achevé le : 2022-06-01
    action 1.1.2
      état (pilote) : finalisé
      état (plan-formation-directeurs) : en cours

    """

    static let bilan2024 = """
    bilan 2024 du contrat C9 « Bilan 2024 »
      établi le : 2025-03-01
    indicateur 1.1.a
      réalisé : 2 100 k€
    indicateur 1.1.b
      réalisé : 21 %
    action 1.1.2
      état (pilote) : finalisé

    """

    func report(year: Int, bilans: [(String, String)]) throws -> BilanReport {
        let result = Driver.check(sources: ([("c9/contrat.cop", Self.contract)] + bilans.map { ("c9/" + $0.0, $0.1) }).map { ($0.0, Array($0.1.utf8)) },
                                  options: CheckOptions(au: testDate))
        guard case .success(let c) = result.contracts.select(nil) else { throw XCTSkip("no contract") }
        return try XCTUnwrap(BilanReport.make(c, year: year, files: result.fileTable))
    }

    func rows(_ r: BilanReport) -> [String: BilanReport.IndicatorRow] {
        Dictionary(r.sections.flatMap { $0.objectives.flatMap(\.indicators) }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func testValuesInTheIndicatorsUnitAndResolvedTargets() throws {
        let r = try report(year: 2024, bilans: [("bilan-2023.cop", Self.bilan2023), ("bilan-2024.cop", Self.bilan2024)])
        let rows = rows(r)
        // 2,35 M€ for a k€ indicator is 2 350 k€, the written form beside it; the target too.
        let a = try XCTUnwrap(rows["1.1.a"]?.point(2023))
        XCTAssertEqual(a.realizedValue, 2350)
        XCTAssertEqual(a.realizedShown, "2\u{202F}350\u{00A0}k€ (2,35\u{00A0}M€)")
        XCTAssertEqual(a.targetShown, "≤ 2\u{202F}200\u{00A0}k€ (≤ 2,2\u{00A0}M€)")
        XCTAssertEqual(a.attainment.map { if case .missed = $0 { return true } else { return false } }, true)
        // +2 points from 2022 (20 %) is 22 %; ≥ N-1 in 2024 is the 2023 réalisé (21,5 %).
        let b = try XCTUnwrap(rows["1.1.b"])
        XCTAssertEqual(b.point(2023)?.targetShown, "22\u{00A0}% (+2 points)")
        XCTAssertEqual(b.point(2024)?.targetShown, "≥ 21,5\u{00A0}% (≥ N-1)")
        guard case .missed(let gap)? = b.point(2024)?.attainment else { return XCTFail("21 % misses ≥ 21,5 %") }
        XCTAssertEqual(gap.difference, -0.5, accuracy: 1e-9)
        // The chart draws the resolved target, from zero for a percentage.
        let md = r.markdown()
        XCTAssertTrue(md.contains("22\u{00A0}% (+2 points) → 21,5\u{00A0}%"), md)
        XCTAssertTrue(md.contains("2\u{202F}350\u{00A0}k€ (2,35\u{00A0}M€)"), md)
        XCTAssertTrue(md.contains("→ 2\u{202F}100\u{00A0}k€ ✓"), "a réalisé as written is typeset like a computed one")
    }

    func testStateCountsCoverEveryActionAndObjectiveStateReadsThemAll() throws {
        let r = try report(year: 2024, bilans: [("bilan-2023.cop", Self.bilan2023), ("bilan-2024.cop", Self.bilan2024)])
        XCTAssertEqual(r.actionCount, 3)
        XCTAssertEqual(r.stateCounts.reduce(0) { $0 + $1.count }, 3, "counts add up to the actions of the version")
        // 1.1.1 finalised in 2023 (kept), 1.1.2 from its labelled state (pilote finalisé, the
        // other label not reported: en cours), 1.1.3 not reported.
        let counts = Dictionary(r.stateCounts.map { ($0.state, $0.count) }, uniquingKeysWith: +)
        XCTAssertEqual(counts[.done], 1)
        XCTAssertEqual(counts[.ongoing], 1)
        XCTAssertEqual(counts[nil as ActionState?], 1, "an action not reported is counted as « non renseigné »")
        let objective = try XCTUnwrap(r.sections.first?.objectives.first)
        XCTAssertEqual(objective.state, .ongoing, "an objective is not finalised while one of its actions is open or unreported")
        XCTAssertTrue(r.markdown().contains("| non renseigné | 1 |"), r.markdown())
        XCTAssertTrue(r.markdown().contains("| **total** | **3** |"))
        XCTAssertTrue(r.json().contains("\"nombre_actions\": 3") || r.json().contains("\"nombre_actions\":3"), r.json())
        // Without any bilan for an action: not finalised even if all reported ones are.
        XCTAssertEqual(ActionState.aggregate([.done, nil]), .ongoing)
        XCTAssertNil(ActionState.aggregate([nil, nil]))
        XCTAssertEqual(ActionState.aggregate([.done, .abandoned]), .done)
        XCTAssertEqual(ActionState.aggregate([.abandoned]), .abandoned)
    }

    func testEachLabelledDeadlineCarriesItsState() throws {
        let r = try report(year: 2023, bilans: [("bilan-2023.cop", Self.bilan2023)])
        let action = try XCTUnwrap(r.sections.first?.objectives.first?.actions.first { $0.id == "1.1.2" })
        XCTAssertEqual(action.deadlines.map(\.label), ["Pilote", "Plan formation directeurs"])
        XCTAssertEqual(action.deadlines.map(\.state), [.done, .ongoing])
        XCTAssertEqual(action.state, .ongoing)
        let md = r.markdown()
        XCTAssertTrue(md.contains("Pilote : fin 2022 (finalisé) ; Plan formation directeurs : fin 2025 (en cours)"), md)
        XCTAssertTrue(r.csv().contains("Pilote : fin 2022 (finalisé) ; Plan formation directeurs : fin 2025 (en cours)"))
        XCTAssertTrue(r.json().contains("\"libelle_en_mots\": \"Plan formation directeurs\""), r.json())
    }

    func testSansObjetYearIsNotMissing() throws {
        // 2022: 1.1.c's target is sans objet, and the bilan gives no réalisé for it.
        let b2022 = """
        bilan 2022 du contrat C9 « Bilan 2022 »
          établi le : 2023-03-01
        indicateur 1.1.a
          réalisé : 2 000 k€
        indicateur 1.1.b
          réalisé : 20 %

        """
        let r = try report(year: 2022, bilans: [("bilan-2022.cop", b2022)])
        XCTAssertEqual(r.withoutRealized, [])
        XCTAssertEqual(r.notApplicableCount, 1)
        XCTAssertTrue(r.realizedSummary.contains("1 indicateur sans objet pour 2022"), r.realizedSummary)
    }

    func testChartsStartAtZeroForPercentagesAndNoLineSitsOnTheFrame() throws {
        // A 0,5-point miss near 20 %: the axis starts at zero.
        let t = Trajectory(anchor: Anchor(prefix: "g", key: "x"), title: "T", unit: "%",
                           years: [.init(2023, target: .value(20), actual: .init(19.5, outcome: .missed))], axis: .fromZero)
        let svg = t.svg()
        XCTAssertTrue(svg.contains(">0</text>"), "zero is on the axis: \(svg)")
        XCTAssertFalse(svg.contains("axe des valeurs"), "no note when the axis starts at zero")
        // The target line at the top of the scale is not drawn on the frame (y = 22 is the top).
        XCTAssertFalse(svg.contains("H228\" fill=\"none\"") && svg.contains("M36 22 "), svg)
        let top = ValueScale(values: [0, 20], fromZero: true)
        let y = top.y(20, top: 22, height: 150)
        XCTAssertGreaterThan(y, 22, "the highest value sits below the frame")
        XCTAssertLessThan(top.y(0, top: 22, height: 150), 172, "zero sits above the bottom line")
        // An amount on a fitted axis that does not reach zero says so.
        let amounts = Trajectory(anchor: Anchor(prefix: "g", key: "y"), title: "A", unit: "k€",
                                 years: [.init(2023, target: .atMost(2200), actual: .init(2350, outcome: .missed)),
                                         .init(2024, target: .atMost(2200), actual: .init(2180, outcome: .reached))])
        XCTAssertTrue(amounts.svg().contains("axe des valeurs à partir de"), amounts.svg())
    }

    func testHoverJudgesLikeTheBilan() throws {
        let h = ServerHarness(root: try LSPFixture.folder(["c9.cop": Self.contract, "c9-bilan-2023.cop": Self.bilan2023,
                                                           "c9-bilan-2024.cop": Self.bilan2024]))
        h.open("c9-bilan-2023.cop", Self.bilan2023)
        h.open("c9-bilan-2024.cop", Self.bilan2024)
        func hover(_ file: String, _ line: Int, _ character: Int) -> String {
            h.at("textDocument/hover", file, line, character)["contents"]?["value"]?.string ?? ""
        }
        let converted = hover("c9-bilan-2023.cop", 3, 14)
        XCTAssertTrue(converted.contains("soit 2\u{202F}350\u{00A0}k€"), converted)
        XCTAssertTrue(converted.contains("≤ 2\u{202F}200\u{00A0}k€ (≤ 2,2 M€)") && converted.contains("non atteinte"), converted)
        let relative = hover("c9-bilan-2023.cop", 5, 14)
        XCTAssertTrue(relative.contains("22\u{00A0}% (+2 points)") && relative.contains("non atteinte"), relative)
        let previous = hover("c9-bilan-2024.cop", 5, 14)
        XCTAssertTrue(previous.contains("≥ 21,5\u{00A0}% (≥ N-1)") && previous.contains("non atteinte"), previous)
        let labelled = hover("c9-bilan-2023.cop", 11, 4)
        XCTAssertTrue(labelled.contains("délai (plan-formation-directeurs) de l'action 1.1.2 : fin 2025"), labelled)
        // Completion after `état (` in an action's block: the labels of its deadlines.
        let typed = Self.bilan2024 + "  état ("
        h.change("c9-bilan-2024.cop", version: 2, typed)
        h.wait()
        let lines = typed.components(separatedBy: "\n")
        let items = h.at("textDocument/completion", "c9-bilan-2024.cop", lines.count - 1, lines.last!.utf16.count)["items"]?.array ?? []
        XCTAssertEqual(items.compactMap { $0["label"]?.string }, ["pilote", "plan-formation-directeurs"])
    }
}
