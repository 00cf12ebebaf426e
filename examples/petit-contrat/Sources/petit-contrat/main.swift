// Construit un petit contrat avec CopcKit, le vérifie, puis écrit son texte .cop et son IR.
//
//   swift run petit-contrat                 affiche les diagnostics, puis le texte .cop
//   swift run petit-contrat --ir            affiche l'IR (copc.ir/1)
//   swift run petit-contrat --dossier D     écrit D/annuaire.cop et D/COP-EXEMPLE.cop
import CopcKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Les directions, dans un annuaire partagé.
let annuaire = Annuaire("ANNUAIRE-EXEMPLE", "Directions de l'établissement") {
    Référent("DG", "Direction générale")
        .personne("Camille Martin")
        .fonction("Directrice générale")
    Référent("DSI", "Direction des systèmes d'information")
        .rattachement("DG")
    Plan("SDSI", "Schéma directeur des systèmes d'information")
        .période(2022...2025)
}
.fichier("annuaire.cop")

/// Les régions où le service est déployé, comme un système d'information les connaîtrait.
let régions = ["Bretagne", "Occitanie"]

let contrat = Contrat("COP-EXEMPLE", "Contrat d'objectifs et de performance 2021-2025") {
    Axe("1", "Moderniser le service rendu") {
        Objectif("1.1", "Dématérialiser les démarches") {
            Action("1.1.1", "Ouvrir le portail des démarches") {
                Étape("Rédiger le cahier des charges", .trimestre(1, 2022))
                Étape("Recetter le portail", "S2 2022")
            }
            .délai(.fin(2022))
            .pilote("DSI")
            for (rang, région) in régions.enumerated() {
                Action("1.1.\(rang + 2)", "Déployer le portail en \(région)")
                    .délai(.de(.début(2023), à: .fin(2024)))
            }
            Indicateur("1.1.a", "Part des démarches accessibles en ligne")
                .unité(.pourcent)
                .base(2020, 35.pourcent)
                .cible(2021...2022, .àFixerParAvenant)
                .cible(2023, 60.pourcent)
                .cible(2024...2025, .auMoins(75.pourcent))
        }
        .pilote("DG")
        Objectif("1.2", "Refondre le système d'information") {
            Action("1.2.1", "Mettre en œuvre le schéma directeur").délai(.selon("SDSI"))
            // Défaut volontaire : un délai au-delà de la période du contrat (COP300).
            Action("1.2.2", "Décommissionner l'ancien système").délai(.fin(2026))
            Indicateur("1.2.a", "Applications migrées")
                .unité(.nombre)
                .cible(2021...2025, "suivi")
        }
        .pilote("DSI")
    }
}
.utilise(annuaire)
.type(.cop)
.organisme("DG")
.signataires("DG")
.période(2021...2025)
.signéLe(Jour(2021, 3, 12))

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--ir" {
    print(emit(annuaire, contrat) ?? "aucun contrat")
} else if arguments.first == "--dossier", let dossier = arguments.dropFirst().first {
    for (nom, texte) in [("annuaire.cop", source(annuaire)), ("COP-EXEMPLE.cop", source(contrat))] {
        guard let f = fopen(dossier + "/" + nom, "w") else { fatalError("écriture impossible : \(dossier)/\(nom)") }
        fputs(texte, f)
        fclose(f)
    }
} else {
    for diagnostic in check(annuaire, contrat, au: "2022-01-01") { print(diagnostic) }
    print()
    print(source(contrat), terminator: "")
}
