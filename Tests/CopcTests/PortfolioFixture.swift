import CopcLanguage
import CopcSema
import CopcDriver
import CopcPortfolio

/// A small portfolio of a fictitious ministry, read on 1 March 2026, that holds every state:
/// a contract renewed (C-OA-2019 by C-OA-2023), one expiring in 10 months without successor
/// with an avenant, pending and overdue targets, a bilan present and one missing, late,
/// finalised and postponed actions (C-OA-2023), one expired without successor (C-OB-2021), one
/// to come (C-OC-2027), one in force (C-OE-2024), one without body nor tutelle expiring in 4
/// months (C-X); bodies without a contract: OB (ended), OC (to come), OD (never).
enum PortfolioFixture {
    static let day = Day(year: 2026, month: 3, day: 1)!

    static let files: [(String, String)] = [
        ("annuaire.cop", """
        annuaire MINX « Opérateurs du ministère fictif »

        référent MINX « Ministère fictif de l'exemple »
        référent MINY « Ministère fictif voisin »
        référent DB « Direction du budget »

        organisme OA « Office A »
          catégorie : EPA
          tutelle : MINX
          contrat attendu : oui
        organisme OB « Office B »
          catégorie : EPIC
          tutelle : MINY
          contrat attendu : oui
        organisme OC « Office C »
          tutelle : MINX
          contrat attendu : oui
        organisme OD « Office D »
          tutelle : MINX, MINY
          contrat attendu : oui
        organisme OE « Office E »
          tutelle : MINX

        """),
        ("oa-2019/contrat.cop", """
        contrat C-OA-2019 « COP de l'office A 2019-2022 »
          utilise « ../annuaire.cop »
          type : COP
          organisme : OA
          tutelle : MINX
          période : 2019 .. 2022

        """),
        ("oa-2023/contrat.cop", """
        contrat C-OA-2023 « COP de l'office A 2023-2026 »
          utilise « ../annuaire.cop »
          type : COP
          organisme : OA
          tutelle : MINX, DB
          succède à : C-OA-2019
          période : 2023 .. 2026
          signé le : 2023-01-10
          bilan annuel : avant le 31 mars N+1

        objectif 1 « Objectif »
          pilote : MINX

        action 1.1 « Action finalisée »
          délai : fin 2023
        action 1.2 « Action en cours, en retard »
          délai : fin 2024
        action 1.3 « Action reportée »
          délai : fin 2024
        action 1.4 « Action absente des bilans »
          délai : juin 2025
        action 1.5 « Action à venir »
          délai : fin 2026

        indicateur 1.a « Taux »
          unité : %
          sens : hausse
          cible 2023 : 50 %
          cible 2024 : à fixer par avenant
          cible 2025 : à fixer par avenant
          cible 2026 : à fixer par avenant
        indicateur 1.b « Nombre »
          unité : nombre
          sens : hausse
          cible 2023 .. 2026 : 100

        """),
        ("oa-2023/avenant-1.cop", """
        avenant 1 au contrat C-OA-2023 « Cible 2024 »
          signé le : 2024-05-01

        modifier indicateur 1.a
          cible 2024 : 60 %

        """),
        ("oa-2023/bilan-2023.cop", """
        bilan 2023 du contrat C-OA-2023 « Bilan 2023 »
          établi le : 2024-03-15

        indicateur 1.a
          réalisé : 55 %
        indicateur 1.b
          réalisé : 80

        action 1.1
          état : finalisé
          achevé le : 2023-11-30
        action 1.2
          état : en cours
        action 1.3
          état : reporté
          nouveau délai : fin 2026

        """),
        ("ob/contrat.cop", """
        contrat C-OB-2021 « COP de l'office B 2021-2025 »
          utilise « ../annuaire.cop »
          type : COP
          organisme : OB
          tutelle : MINY
          période : 2021 .. 2025

        """),
        ("oc/contrat.cop", """
        contrat C-OC-2027 « COP de l'office C 2027-2031 »
          utilise « ../annuaire.cop »
          type : COP
          organisme : OC
          tutelle : MINX
          période : 2027 .. 2031

        """),
        ("oe/contrat.cop", """
        contrat C-OE-2024 « CPOM de l'office E 2024-2028 »
          utilise « ../annuaire.cop »
          type : CPOM
          organisme : OE
          tutelle : MINX
          période : 2024 .. 2028

        """),
        ("x/contrat.cop", """
        contrat C-X « Convention sans organisme »
          période : 2025-07-01 .. 2026-06-30

        """),
    ]

    static func result() -> CheckResult {
        Driver.check(sources: files.map { ($0.0, Array($0.1.utf8)) }, options: CheckOptions(au: day, auGiven: true))
    }

    static func portfolio(_ grouping: Portfolio.Grouping = .tutelle, threads: Int = 2) -> Portfolio {
        Portfolio.make(result(), day: day, grouping: grouping, threads: threads)
    }
}
