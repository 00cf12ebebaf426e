// CopcKit, compile-time tests: valid uses of the public API as a user writes them —
// `if`, `if … else`, `switch`, `for … in`, optionals and arrays inside the builders, typed
// values and values in the drafters' notation, every builder, a component of one's own.
// This file compiling is the test; CopcKitTests checks what it builds.
import CopcKit

/// A component of one's own: a standard action repeated in several objectives.
struct ActionDeSuivi: DansObjectif {
    let id: String
    var bloc: Bloc { Action(id, "Rendre compte au comité de pilotage").délai(.toutAuLongDuContrat).pilote("DG").bloc }
}

func annuaireDUsage() -> Annuaire {
    Annuaire("ANNUAIRE-USAGE", "Directions") {
        Référent("DG", "Direction générale")
            .personne("Camille Martin")
            .fonction("Directrice générale")
        Referent("SG")
        Plan("SDSI", "Schéma directeur des systèmes d'information")
            .période(2022...2025)
            .pilote("DG")
    }
    .fichier("annuaire.cop")
}

func contratDUsage(avecAxe3: Bool, ciblesConnues: Bool, régions: [String], pilote: String?) -> Contrat {
    let indicateurOptionnel: Indicateur? = ciblesConnues ? Indicateur("2.a", "Part des démarches en ligne").unité(.pourcent)
        .cible(2022...2024, 60.pourcent) : nil
    let actions = (1...2).map { Action("2.1.\($0)", "Action \($0)").délai(.année(2021 + $0)) }
    return Contrat("COP-USAGE", "Contrat d'usage") {
        Référent("LOCAL", "Service local")
        Axe("1", "Moderniser") {
            Objectif("1.1", "Dématérialiser") {
                Action("1.1.1", "Ouvrir le portail") {
                    Étape("Cahier des charges", .trimestre(1, 2022))
                    Etape("Recette", "S2 2022")
                }
                .délai(.fin(2022))
                .étape("Mise en service", .le(Jour(2023, 3, 1)))
                .phare()
                for région in régions {
                    Action("1.1.\(régions.firstIndex(of: région)! + 2)", "Déployer en \(région)")
                        .délai(.de(.début(2023), à: .fin(2024)), libellé: région)
                }
                Indicateur("1.1.a", "Démarches dématérialisées")
                    .unité(.nombre)
                    .sens(.hausse)
                    .nature(.résultat)
                    .base(2020, 1200)
                    .cible(2021, 1500)
                    .cible(2022, .auMoins(2000))
                    .cible(2023...2025, .àFixerParAvenant)
                if let pilote {
                    ActionDeSuivi(id: "1.1.9")
                    Indicateur("1.1.b", "Satisfaction").unité("%").cible(2025, "≥ 80 %").fournisseur(pilote)
                }
            }
            .pilote(pilote ?? "à déterminer")
            .thème("Numérique")
            SousObjectifFreeAxe()
            Indicateur("1.a", "Indicateur de l'axe").unité(.ouiNon).cible(2025, .oui)
        }
        Axe("2", "Simplifier") {
            Objectif("2.1", "Alléger") {
                actions
                SousObjectif("2.1.1", "Sous-objectif") {
                    Action("2.1.1.1", "Action du sous-objectif").délai("à partir de mi 2023")
                }
                .coPilote("SG")
            }
            .référent("DG", "SG")
            indicateurOptionnel
        }
        if avecAxe3 {
            Axe("3", "Ouvrir") {
                Objectif("3.1", "Publier").texte("Publier les données.")
            }
        } else {
            Objectif("Objectif sans axe ni numéro") {
                Action("9.1", "Suivre").délai(.selon("SDSI"))
            }
        }
        switch régions.count {
        case 0: Indicateur("T1", "Indicateur transversal").unité(.euros).cible(2025, 1_000_000.euros)
        default: Indicateur("T1", "Indicateur transversal").unité(.pourcent).cible(2025, .entre(40, et: 50.pourcent))
        }
    }
    .utilise(annuaireDUsage())
    .type(.cop)
    .organisme("DG")
    .signataires("DG", "SG")
    .période(Période(du: Jour(2021, 1, 1), au: Jour(2025, 12, 31)))
    .signéLe("2021-03-12")
    .approuvéLe(Jour(2021, 2, 15))
    .enVigueurLe("1er avril 2021")
    .numérotation(.hiérarchique)
    .texte("""
        Premier paragraphe.

        Second paragraphe, « cité ».
        """)
}

/// An objective without id under an axis, from a function.
func SousObjectifFreeAxe() -> Objectif {
    Objectif("Objectif sans numéro") {
        Action("1.2.1", "Action").délai(2024)
    }
}

func avenantDUsage() -> Avenant {
    Avenant(1, contrat: "COP-USAGE", "Fixation des cibles") {
        Modifier(.indicateur, "1.1.a")
            .cible(2023, 2500)
            .motif("Cible fixée")
        Modifier(.action, "1.1.1").titre("Ouvrir le portail national")
        Ajouter(Action("1.1.8", "Nouvelle action").délai(.fin(2025)), dans: .objectif("1.1"))
        Ajouter(Référent("DSI", "Direction des systèmes d'information"))
        Supprimer(.action, "2.1.2").motif("Abandonnée")
        Modifier(.contrat).période(2021...2026)
    }
    .signéLe(Jour(2022, 6, 30))
    .enVigueurLe(Jour(2022, 7, 1))
}

/// Values computed from data: interpolated strings, variables, arrays of referents.
func contratCalculé(année: Int, taux: Int, pilotes: [String], signataires: [String]) -> Contrat {
    let notation = "fin \(année)"
    return Contrat("C-\(année)", "Contrat \(année)") {
        Objectif("1", "Objectif") {
            Action("1.1", "Action").délai("fin \(année)").étape("Étape", "T1 \(année)")
            Action("1.2", "Action").délai(Délai(notation)).délai(.année(année), libellé: "bis")
            Indicateur("1.a", "Indicateur").unité(.pourcent)
                .cible(année, "\(taux) %")
                .cible(année + 1, Cible(taux))
                .cible(année + 2, taux.pourcent)
                .base(année - 1, Cible(Double(taux) / 2))
                .fournisseur(pilotes)
        }
        .pilote(pilotes)
        .coPilote(pilotes)
        .référent(pilotes)
    }
    .période("\(année) .. \(année + 2)")
    .signataires(signataires)
    .signéLe("\(année)-01-15")
}

func avenantDAjouts() -> Avenant {
    Avenant(2, contrat: "COP-USAGE") {
        Ajouter(dans: .axe("2")) {
            Objectif("2.3", "Nouvel objectif") {
                Action("2.3.1", "Première action").délai(2024)
            }
            .pilote("DG")
            Indicateur("2.b", "Nouvel indicateur").unité(.nombre).cible(2024, 10)
        }
        Ajouter(Plan("PNR", "Plan national").période(2024...2025))
    }
    .signéLe(Jour(2023, 6, 30))
}
