import XCTest
import Foundation
import CopcKit

/// CopcKit and the keys and forms of issue 14: poids, moyens, avis, cumul, relative targets,
/// actions under an axe or the contract. Each prints the language and its defects come back
/// at the Swift line of the method that wrote them.
final class CopcKitLangageTests: XCTestCase {
    func placés(_ ds: [CopcKit.Diagnostic]) -> [String] { ds.map { "\($0.code)@\($0.ligne)" } }

    func testTheNewKeysPrintTheLanguage() {
        let contrat = Contrat("C", "Contrat") {
            Axe("1", "Axe") {
                Objectif("1.1", "Objectif") {
                    Indicateur("1.1.a", "Taux").unité(.pourcent).poids(.fraction(1, 3))
                        .base(2020, 50.pourcent).cible(2021, .points(+2)).cible(2022, .parAn(5))
                        .cible(2023, .auMoinsNMoins1)
                    Indicateur("1.1.b", "Nombre").unité(.nombre).poids(.pourcent(66.67))
                        .base(2019, 100).cible(2021, .maintien).cible(2022, .parRapportÀ(2021, -10))
                    Indicateur("1.1.c", "Cumul").unité(.nombre).cumul().cible(2021, .cumulés(100))
                }
                .poids(.laMoitié).moyens(2022, "3 M€").moyens(2023, 350, libellé: "ETP")
            }
        }
        .période(2021...2023).avis("Conseil d'administration", le: Jour(2021, 2, 1))
        // `source` is laid out by `copc fmt`, which aligns the colons of a block.
        let texte = CopcKit.source(contrat).replacingOccurrences(of: "  +:", with: " :", options: .regularExpression)
        for ligne in ["  poids : 1/3", "  poids : 66,67 %", "  poids : la moitié", "  cible 2021 : +2 points",
                      "  cible 2022 : +5 % par an", "  cible 2023 : ≥ N-1", "  cible 2021 : maintien",
                      "  cible 2022 : -10 % par rapport à 2021", "  cumul : oui", "  cible 2021 : 100 cumulés",
                      "  moyens 2022 : 3 M€", "  moyens (ETP) 2023 : 350",
                      "  avis « Conseil d'administration » le : 2021-02-01"] {
            XCTAssertTrue(texte.contains(ligne + "\n"), "« \(ligne) » absent de :\n\(texte)")
        }
    }

    func testTheNewValuesReachTheIR() throws {
        let contrat = Contrat("C", "Contrat") {
            Objectif("1", "Objectif") {
                Indicateur("1.a", "Taux").unité(.pourcent).base(2020, 50.pourcent).cible(2021, .points(+2))
            }
            .moyens(2021, 350, libellé: "ETP")
        }
        .période(2021...2021).avis("CGEFI", le: "2021-02-01")
        let ir = try XCTUnwrap(CopcKit.emit(contrat))
        for fragment in ["\"avis\"", "CGEFI", "\"moyens\"", "\"resolue\""] {
            XCTAssertTrue(ir.contains(fragment), "\(fragment) absent de l'IR :\n\(ir)")
        }
    }

    func testDefectsOfTheNewKeysComeBackAtTheirSwiftLines() {
        let l = #line + 1
        let contrat = Contrat("C", "Contrat") {
            Objectif("1", "Objectif") {
                Indicateur("1.a", "Taux").unité(.pourcent)
                    .poids(.fraction(3, 2))
                    .cible(2021, .àFixerParAvenant)
                    .cible(2022, .points(+2))
            }
            .moyens(2022, Cible(45, .jours))
        }
        .période(2021...2022)
        let ds = CopcKit.check(contrat, au: "2023-01-01").filter { ["COP103", "COP400"].contains($0.code) }
        XCTAssertEqual(placés(ds).sorted(), ["COP103@\(l + 3)", "COP103@\(l + 5)", "COP400@\(l + 7)"].sorted(),
                       ds.map(\.description).joined(separator: "\n"))
    }

    func testActionsUnderAnAxeOrTheContractArePlacedThere() throws {
        let contrat = Contrat("C", "Contrat") {
            Axe("1", "Axe") {
                Objectif("1.1", "Objectif") {
                    Action("1.1.1", "Action d'objectif").délai(2021)
                }
                Action("1.2", "Action d'axe").délai(2021)
            }
            Action("2", "Action du contrat").délai(2021)
        }
        .période(2021...2021)
        let texte = CopcKit.source(contrat)
        XCTAssertTrue(texte.contains("action 1.2 « Action d'axe » dans axe 1\n"), texte)
        XCTAssertTrue(texte.contains("action 2 « Action du contrat » dans contrat\n"), texte)
        let ir = try XCTUnwrap(CopcKit.emit(contrat))
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ir.utf8)) as? [String: Any])
        XCTAssertFalse(CopcKit.check(contrat, au: "2020-01-01").contains { $0.code == "COP104" || $0.code.hasPrefix("COP1") })
        XCTAssertNotNil(obj)
    }
}
