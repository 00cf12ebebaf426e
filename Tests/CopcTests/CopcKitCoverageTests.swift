import XCTest
import CopcKit
import CopcLanguage

/// CopcKit covers the language: every key each element accepts (`ElementKind.keys`) can be
/// written from Swift. A key added to the language fails this test until CopcKit has its
/// method (one method in `Proprietes.swift`).
final class CopcKitCoverageTests: XCTestCase {
    func testEveryKeyOfEveryElementCanBeWritten() {
        let annuaire = Annuaire("A", "Annuaire") {
            Référent("R", "Référent").rattachement("DG").personne("P").fonction("F").texte("T")
            Plan("P", "Plan").période(2021...2022).pilote("DG").texte("T")
            Organisme("O", "Organisme").catégorie("EPA").tutelle("R").contratAttendu().texte("T")
        }
        .texte("T")
        let contrat = Contrat("C", "Contrat") {
            Référent("DG")
            Axe("1", "Axe") {
                Objectif("1.1", "Objectif") {
                    SousObjectif("1.1.1", "Sous-objectif") {
                        Action("1.1.1.1", "Action").délai(2022).étape("É", 2022).phare().texte("T").thème("T")
                            .pilote("DG").coPilote("DG").référent("DG")
                        Indicateur("1.1.1.a", "Indicateur").méthode("M").unité(.pourcent).sens(.hausse).nature(.résultat)
                            .thème("T").fournisseur("DG").source("S").base(2020, 1.pourcent).cible(2021, 2.pourcent)
                            .ciblesDéclinées().cumul().poids(.unTiers).texte("T").pilote("DG").coPilote("DG").référent("DG")
                    }
                    .pilote("DG").coPilote("DG").référent("DG").texte("T").thème("T").poids(.unTiers)
                }
                .pilote("DG").coPilote("DG").référent("DG").texte("T").thème("T").poids(1).moyens(2021, 3)
            }
            .pilote("DG").coPilote("DG").référent("DG").texte("T").moyens(2021, 3)
        }
        .utilise(annuaire)
        .type(.cop).organisme("DG").tutelle("DG").succèdeÀ("C0").signataires("DG").période(2021...2022).signéLe("2021-01-01").faitÀ("Paris").approuvéLe("2021-01-01")
        .enVigueurLe("2021-01-01").numérotation(.hiérarchique).texte("T")
        .moyens(2021, 3).avis("CGEFI", le: "2021-01-01")
        let avenant = Avenant(1, contrat: "C") {}.signéLe("2021-06-01").faitÀ("Paris").enVigueurLe("2021-07-01").texte("T").motif("M").avis("CGEFI", le: "2021-06-01")
        let texte = source(annuaire) + source(contrat) + source(avenant)
        // The keys printed under each header, by the header's keyword.
        var écrites: [String: Set<String>] = [:]
        var courant = ""
        let clés = PropertyKey.allCases.map(\.display).sorted { $0.count > $1.count }
        for ligne in texte.split(separator: "\n") {
            if !ligne.hasPrefix(" ") {
                courant = String(ligne.split(separator: " ")[0])
            } else if let clé = clés.first(where: { ligne.hasPrefix("  " + $0 + " ") }) {
                écrites[courant, default: []].insert(clé)
            }
        }
        // Not yet writable from Swift (issue 17 is open on this point): the bilan file of the
        // annual follow-up (issue 15) and the contract's follow-up calendar lines. Listed by
        // name so that the gap is visible and this list fails once CopcKit writes them.
        let pasEncore: [ElementKind: Set<PropertyKey>] = [.bilan: Set(ElementKind.bilan.keys),
                                                          .contrat: [.bilanAnnuel, .donnees, .synthese]]
        for kind in ElementKind.allCases {
            let attendues = Set(kind.keys).subtracting(pasEncore[kind] ?? [])
            XCTAssertEqual(écrites[kind.keyword] ?? [], Set(attendues.map(\.display)), "clés de \(kind.keyword) écrites par CopcKit")
            for clé in pasEncore[kind] ?? [] {
                XCTAssertFalse(écrites[kind.keyword, default: []].contains(clé.display), "\(clé.display) est écrite : retirez-la de pasEncore")
            }
        }
        XCTAssertEqual(CopcKit.check(annuaire, contrat, avenant).filter { $0.code == "COP104" }.map(\.description), [])
    }
}
