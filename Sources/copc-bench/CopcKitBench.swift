// CopcKit's cost: the synthetic contract of `synthetic(size:)` built in Swift, then checked
// through CopcKit (print + the whole check + places mapped), against the check of its text.
import CopcKit
import CopcDriver
import CopcSema
import CopcModel
import CopcLanguage

/// The contract of `synthetic(size:)`, element for element, built with CopcKit.
func syntheticKit(size: Int) -> [any Document] {
    let deadlines: [Délai] = ["fin 2022", "T1 2023", "1er semestre 2024", "tout au long du contrat", "à partir de 2022",
                              "d'ici fin 2024", "selon SDSI", "mi-2023", "30 juin 2025", "2022 .. 2024"]
    // As many objectives as the text generator writes before reaching `size` bytes.
    let text = synthetic(size: size)
    var objectives = 0
    var i = 0
    let needle = Array("\nobjectif ".utf8)
    while i + needle.count <= text.count {
        if text[i] == 10 && Array(text[i..<i + needle.count]) == needle { objectives += 1 }
        i += 1
    }
    let axes = (objectives + 59) / 60
    let contrat = Contrat("SYNTH", "Contrat synthétique de mesure") {
        Référent("DGOS", "Direction générale de l'offre de soins")
        Référent("DSS", "Direction de la sécurité sociale")
        Référent("OPE", "Opérateur")
        Référent("OPE.SI", "Service des systèmes d'information").rattachement("OPE").personne("Jeanne DUPONT")
        Plan("SDSI", "Schéma directeur des systèmes d'information").période(2022...2025)
        for axe in 1...axes {
            Axe("\(axe)", "Axe stratégique numéro \(axe) : améliorer la qualité du service rendu") {
                for o in 1...min(60, objectives - (axe - 1) * 60) {
                    Objectif("\(axe).\(o)", "Objectif opérationnel \(axe).\(o) : développer les compétences et la performance") {
                        for a in 1...4 {
                            Action("\(axe).\(o).\(a)", "Mettre en place l'outil numéro \(a) de l'objectif \(axe).\(o)")
                                .délai(deadlines[(o + a) % deadlines.count], libellé: "directeurs")
                                .délai(deadlines[(o + 2 * a) % deadlines.count], libellé: "praticiens")
                                .étape("Cartographier l'existant", "T1 2022")
                                .pilote("OPE.SI")
                        }
                        for (k, letter) in ["a", "b", "c"].enumerated() {
                            Indicateur("\(axe).\(o).\(letter)", "Taux de réalisation \(letter) de l'objectif \(axe).\(o)")
                                .méthode("Nombre de réalisations / nombre total prévu")
                                .unité(.pourcent).sens(.hausse).nature(.résultat)
                                .base(2019, (Double(10 + k) + 0.5).pourcent)
                                .cible(2021, (20 + k).pourcent)
                                .cible(2022...2023, "entre 30 % et 40 %")
                                .cible(2024, .auMoins(50.pourcent))
                                .cible(2025, 60.pourcent)
                        }
                    }
                    .pilote("OPE")
                    .coPilote("DGOS", "DSS")
                    .texte("Il s'agit de compléter le diagnostic disponible en termes de gestion prévisionnelle,\nen poursuivant les efforts réalisés ces dernières années.")
                }
            }
            .pilote("DGOS")
        }
    }
    .type(.cop).organisme("OPE").signataires("DGOS", "DSS", "OPE")
    .période("2021-01-01 .. 2025-12-31").signéLe("12 mars 2021")
    .fichier("synthetique.cop")
    return [contrat]
}

/// Prints CopcKit's cost against the check of the same contract's text, and whether the IR
/// and the codes of both are equal (the control that both measure the same contract).
func measureCopcKit() {
    let au = Day(year: 2026, month: 11, day: 22)!
    var puits = 0
    print("")
    print("CopcKit — le contrat synthétique construit en Swift (meilleur de plusieurs essais)")
    print("")
    print(pad("taille", 9) + pad("phase", 38) + pad("temps (ms)", 12) + "rapport à la vérification du texte")
    for size in [1 << 20] {
        let bytes = synthetic(size: size)
        let label = fmt(Double(bytes.count) / 1_048_576, 1) + " Mo"
        let text = best(7) {
            puits &+= Driver.check(sources: [("synthetique.cop", bytes)], options: CheckOptions(au: au)).diagnostics.count
        }
        var documents: [any Document] = []
        let build = best(7) { documents = syntheticKit(size: size); puits &+= documents.count }
        let printed = best(7) { puits &+= source(documents[0]).utf8.count }
        let check = best(7) { puits &+= CopcKit.check(documents, au: "2026-11-22").count }
        for (name, t) in [("vérification du texte", text), ("construction en Swift", build),
                          ("texte canonique (source)", printed), ("CopcKit.check (impression comprise)", check)] {
            print(pad(label, 9) + pad(name, 38) + pad(fmt(t * 1000, 2), 12) + "×" + fmt(t / text, 2))
        }
        let r = Driver.check(sources: [("synthetique.cop", bytes)], options: CheckOptions(au: au))
        guard case .success(let c) = r.contracts.select(nil), let v = c.version(.latest) else { continue }
        let sameIR = IR.emit(c, version: v, files: r.fileTable) == CopcKit.emit(documents)
        let sameCodes = r.diagnostics.map(\.code.rawValue) == CopcKit.check(documents, au: "2026-11-22").map(\.code)
        print("contrôle (\(puits % 2 == 0 ? "" : " ")) : IR identique \(sameIR ? "oui" : "NON"), mêmes codes \(sameCodes ? "oui" : "NON")")
    }
}
