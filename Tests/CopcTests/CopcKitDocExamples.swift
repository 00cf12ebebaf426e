// The Swift examples of the documentation (DocC catalogue, README), compiled here verbatim:
// CopcKitTests.testDocumentationExamplesAreCompiled checks that each example of the
// documents appears in this file, so an example that stops compiling fails the build.
import CopcKit

func exemplePremiersPas() {
    let annuaire = Annuaire("ANNUAIRE", "Directions") {
        Référent("DG", "Direction générale")
        Référent("DSI", "Direction des systèmes d'information").rattachement("DG")
        Plan("SDSI", "Schéma directeur des systèmes d'information").période(2022...2025)
    }
    .fichier("annuaire.cop")

    let contrat = Contrat("COP-X", "Contrat d'objectifs et de performance 2021-2025") {
        Axe("1", "Moderniser le service") {
            Objectif("1.1", "Dématérialiser les démarches") {
                Action("1.1.1", "Ouvrir le portail") {
                    Étape("Rédiger le cahier des charges", .trimestre(1, 2022))
                    Étape("Recetter", "S2 2022")
                }
                .délai(.fin(2022))
                Action("1.1.2", "Refondre le système d'information").délai(.selon("SDSI"))
                Indicateur("1.1.a", "Part des démarches en ligne")
                    .unité(.pourcent)
                    .base(2020, 35.pourcent)
                    .cible(2021...2022, .àFixerParAvenant)
                    .cible(2023, 60.pourcent)
                    .cible(2024...2025, .auMoins(75.pourcent))
            }
            .pilote("DG")
        }
    }
    .utilise(annuaire)
    .type(.cop)
    .signataires("DG")
    .période(2021...2025)

    for d in check(annuaire, contrat) {
        print(d)   // /chemin/MonOutil/main.swift:42:21: warning: indicateur sans « unité » [COP404]
    }

    let ir = emit(annuaire, contrat)           // JSON copc.ir/1, dernière version
    let texte = source(contrat)                // texte .cop canonique

    let avenant = Avenant(1, contrat: "COP-X", "Fixation des cibles") {
        Modifier(.indicateur, "1.1.a").cible(2021...2022, 40.pourcent).motif("Cibles fixées")
        Ajouter(Action("1.1.3", "Former les agents").délai(.fin(2023)), dans: .objectif("1.1"))
        Ajouter(dans: .axe("1")) {
            Objectif("1.2", "Simplifier les démarches") {
                Action("1.2.1", "Supprimer les pièces justificatives").délai(2024)
            }
        }
        Supprimer(.action, "1.1.2").motif("Abandonnée")
    }
    .signéLe(Jour(2022, 6, 30))

    let signé = emit(annuaire, contrat, avenant, version: 0)    // le contrat tel que signé
    let consolidé = emit(annuaire, contrat, avenant)            // après l'avenant 1
    _ = (ir, signé, texte, consolidé)
}

func exempleDeBoucle(régions: [String], indicateurDeDéploiement: Indicateur?) -> Objectif {
    return
        Objectif("2.1", "Déployer dans chaque région") {
            for (rang, région) in régions.enumerated() {
                Action("2.1.\(rang + 1)", "Déployer en \(région)").délai(.fin(2024))
            }
            if let indicateur = indicateurDeDéploiement { indicateur }
        }
}

func exempleDeLaRacine() {
    let contrat = Contrat("COP-X", "Contrat d'objectifs et de performance 2021-2025") {
        Axe("1", "Moderniser le service") {
            Objectif("1.1", "Dématérialiser les démarches") {
                Action("1.1.1", "Ouvrir le portail").délai(.fin(2022))
                Indicateur("1.1.a", "Part des démarches en ligne")
                    .unité(.pourcent)
                    .cible(2023, 60.pourcent)
                    .cible(2024...2025, .àFixerParAvenant)
            }
            .pilote("DG")
        }
        Référent("DG", "Direction générale")
    }
    .période(2021...2025)

    for diagnostic in check(contrat) { print(diagnostic) }
}

func exempleDuREADME() {
    let contrat = Contrat("COP-X", "Contrat d'objectifs et de performance 2021-2025") {
        Axe("1", "Moderniser le service") {
            Objectif("1.1", "Dématérialiser les démarches") {
                Action("1.1.1", "Ouvrir le portail").délai(.fin(2022))
                Indicateur("1.1.a", "Part des démarches en ligne")
                    .unité(.pourcent)
                    .cible(2023, 60.pourcent)
                    .cible(2024...2025, .àFixerParAvenant)
            }
            .pilote("DG")
        }
        Référent("DG", "Direction générale")
    }
    .période(2021...2025)

    for d in check(contrat) { print(d) }   // mêmes codes et messages que copc check,
                                           // à la ligne Swift de l'appel en cause
    let ir = emit(contrat)                 // la même IR que copc emit
    let texte = source(contrat)            // le texte .cop canonique
    _ = (ir, texte)
}
