@testable import CopcFrench
import XCTest
import CopcHTML
import CopcDiff

/// Demonstration pages of the HTML layer, looked at in headless Chromium with
/// `scripts/capture-html.sh`:
///
///     COPC_DEMO_HTML=/tmp/copc-demo swift test --filter HTMLDemoTests
///     scripts/capture-html.sh /tmp/copc-demo/demonstration-document.html /tmp/copc-capture/document
///     scripts/capture-html.sh /tmp/copc-demo/demonstration-comparaison.html /tmp/copc-capture/comparaison
///
/// Without `COPC_DEMO_HTML` the pages go to a temporary folder. The values are fictitious.
final class HTMLDemoTests: XCTestCase {
    /// A word diff as spans of the HTML layer (what `copc diff` will do).
    static func spans(_ old: String, _ new: String) -> [MarkedSpan] {
        WordDiff.compare(old, new).runs.map { r in
            switch r.kind {
            case .same: return MarkedSpan(.unchanged, r.text)
            case .deleted: return MarkedSpan(.deleted, r.text)
            case .inserted: return MarkedSpan(.inserted, r.text)
            }
        }
    }

    static func documentPage() -> String {
        let page = HTMLPage(title: "COP 2021-2025 — démonstration de la mise en page", runningHeader: "COP 2021-2025 (exemple fictif) — démonstration")
        return page.render { w in
            w.titlePage(TitlePage(
                kind: "Contrat d'objectifs et de performance",
                title: "COP 2021-2025 de l'établissement d'exemple",
                subtitle: "Exemple fictif : démonstration de la couche HTML de copc",
                facts: [
                    TitleFact("Type", "COP"),
                    TitleFact("Organisme", "Établissement public d'exemple (EPE)"),
                    TitleFact("Signataires", "Direction générale de l'offre de soins ; Établissement public d'exemple"),
                    TitleFact("Période", "2021 .. 2025"),
                    TitleFact("Signé le", French.date(year: 2021, month: 7, day: 1)!),
                    TitleFact("Version", "consolidée après l'avenant n° 2 (signé le " + French.date(year: 2024, month: 12, day: 31)! + ")"),
                ],
                mention: "Document produit par copc à partir du texte vérifié du contrat. Valeurs fictives."))
            w.tableOfContents([
                TOCEntry(level: 1, number: "1", title: "Typographie et nombres", anchor: Anchor(prefix: "el", key: "1")),
                TOCEntry(level: 1, number: "2", title: "Axe : qualité de service", anchor: Anchor(prefix: "el", key: "2")),
                TOCEntry(level: 2, number: "2.1", title: "Objectif : réduire les délais de traitement", anchor: Anchor(prefix: "el", key: "2.1")),
                TOCEntry(level: 1, number: "3", title: "Tableau des indicateurs (plusieurs pages)", anchor: Anchor(prefix: "el", key: "3")),
                TOCEntry(level: 1, number: "4", title: "Trajectoires des indicateurs", anchor: Anchor(prefix: "el", key: "4")),
            ])

            w.heading(level: 2, number: "1", title: "Typographie et nombres", anchor: Anchor(prefix: "el", key: "1"))
            w.element(.p, prose: "Motif: report du système d'information; pourquoi? Parce que «la migration» n'est pas achevée! Cible : 60% de 4 000 agents formés, pour 12,5 M€.")
            w.element(.p) { w in
                w.prose("Nombres : ")
                w.text([French.number(1234567.5), French.number(-2.806), French.percent(21.5), French.quantity(-300, symbol: nil, signed: true) + " (" + French.percent(-20, signed: true) + ")",
                        French.number(1.5e24), French.quantity(45, symbol: "jours")].joined(separator: " · "))
            }
            w.element(.p) { w in
                w.prose("Dates : ")
                w.text([French.date(year: 2024, month: 12, day: 31)!, French.date(year: 2018, month: 7, day: 1)!, French.date(year: 2025, month: 3)!].joined(separator: " · "))
            }
            w.element(.p) { w in
                w.prose("Changements de mots dans le texte : ")
                w.marked(spans("Former l'encadrement aux outils de pilotage avant la fin de 2022 : 60 % des cadres.",
                               "Former l'ensemble des agents aux outils de pilotage avant la fin de 2023 : 80 % des agents."))
            }
            w.legend(ChangeMark.allCases)

            w.element(.section, [.class(StyleClass.pageBreakBefore)]) { w in
                w.heading(level: 2, number: "2", title: "Axe : qualité de service", anchor: Anchor(prefix: "el", key: "2"))
                w.element(.p, prose: "L'établissement s'engage à améliorer la qualité du service rendu aux usagers et aux établissements, en s'appuyant sur des outils partagés et sur une démarche d'amélioration continue.")
                w.element(.article) { w in
                    w.heading(level: 3, number: "2.1", title: "Objectif : réduire les délais de traitement", anchor: Anchor(prefix: "el", key: "2.1"))
                    w.marginalNote(MarginalNote(title: "Modifié par l'avenant n° 2", detail: "Motif : « report du système d'information de gestion en 2025 ».",
                                                link: Anchor(prefix: "el", key: "3"), linkText: "voir le tableau"))
                    for _ in 0..<3 {
                        w.element(.p, prose: "Les demandes des usagers sont traitées dans un délai de trente jours au plus ; les réclamations font l'objet d'un suivi mensuel présenté au comité de direction. Les délais constatés sont publiés chaque trimestre, et les écarts sont analysés avec les services concernés afin de définir des mesures correctives.")
                    }
                    w.element(.div, [.class("apres-notes")]) { _ in }
                }
            }

            w.element(.section, [.class(StyleClass.pageBreakBefore)]) { w in
                w.heading(level: 2, number: "3", title: "Tableau des indicateurs (plusieurs pages)", anchor: Anchor(prefix: "el", key: "3"))
                var rows: [[TableCell]] = []
                for k in 1...70 {
                    let id = "\(1 + k / 20).\(1 + (k / 5) % 4).\(Character(Unicode.Scalar(UInt8(97 + k % 5))))"
                    var row: [TableCell] = [
                        .rowHeader(id),
                        .prose(k % 7 == 0 ? "Taux de dossiers traités dans le délai réglementaire, toutes procédures confondues (y compris les recours gracieux)" : "Part des agents formés aux outils de pilotage"),
                        .prose(k % 3 == 0 ? "Système d'information RH" : "Enquête annuelle"),
                        .number(10 + Double(k % 9) * 2.5, unit: "%"),
                    ]
                    for year in 2021...2025 {
                        let v = 20 + Double((k * 7 + year) % 60)
                        switch (k + year) % 11 {
                        case 0: row.append(TableCell(.prose("à fixer par avenant")))
                        case 3: row.append(TableCell(.text(French.percent(v)), numeric: true, mark: .changed))
                        case 5: row.append(TableCell(.prose("sans objet")))
                        case 7 where k % 2 == 0: row.append(TableCell(.text(French.percent(v)), numeric: true, mark: .added))
                        case 8 where k % 2 == 1: row.append(TableCell(.text(French.percent(v)), numeric: true, mark: .removed))
                        default: row.append(.number(v, unit: "%"))
                        }
                    }
                    rows.append(row)
                }
                w.legend(ChangeMark.allCases, extra: ["les en-têtes sont répétés en haut de chaque page imprimée"])
                w.table(DataTable(
                    caption: "Indicateurs de l'axe 1 et cibles annuelles",
                    headerRows: [
                        [HeaderCell("Indicateur", rowspan: 2), HeaderCell("Intitulé", rowspan: 2), HeaderCell("Source", rowspan: 2), HeaderCell("Base 2019", rowspan: 2, numeric: true), HeaderCell("Cibles", colspan: 5)],
                        (2021...2025).map { HeaderCell(String($0), numeric: true) },
                    ],
                    rows: rows))
            }

            w.element(.section, [.class(StyleClass.pageBreakBefore)]) { w in
                w.heading(level: 2, number: "4", title: "Trajectoires des indicateurs", anchor: Anchor(prefix: "el", key: "4"))
                w.element(.div, [.class(StyleClass.chartGrid)]) { w in
                    for t in demoTrajectories() { w.chart(t) }
                }
            }
        }
    }

    static func demoTrajectories() -> [Trajectory] {
        func id(_ k: Int) -> Anchor { Anchor(prefix: "graphique", index: k) }
        return [
            Trajectory(anchor: id(1), title: "1.1.a — Part des agents formés (cas courant : une année manquée, une cible à fixer)", unit: "%", years: [
                .init(2021, target: .value(40), actual: .init(42, outcome: .reached)),
                .init(2022, target: .value(50), actual: .init(45, outcome: .missed)),
                .init(2023, target: .value(60), actual: .init(61.5, outcome: .reached)),
                .init(2024, target: .described("à fixer par avenant"), actual: .init(nil, outcome: .notAssessed, note: "enquête reportée")),
                .init(2025, target: .value(80)),
            ]),
            Trajectory(anchor: id(2), title: "1.2.b — Taux de marge (fourchettes)", unit: "%", years: [
                .init(2021, target: .range(2.2, 2.8), actual: .init(2.5, outcome: .reached)),
                .init(2022, target: .range(2.2, 2.8), actual: .init(1.9, outcome: .missed)),
                .init(2023, target: .range(2.4, 3), actual: .init(2.6, outcome: .reached)),
            ]),
            Trajectory(anchor: id(3), title: "2.1.a — Délai moyen de traitement (seuils au plus / au moins)", unit: "jours", years: [
                .init(2021, target: .atMost(45), actual: .init(52, outcome: .missed)),
                .init(2022, target: .atMost(40), actual: .init(38, outcome: .reached)),
                .init(2023, target: .atLeast(10), actual: .init(12, outcome: .reached)),
            ]),
            Trajectory(anchor: id(4), title: "2.2.a — Années manquantes (2022 et 2023 sans donnée)", unit: "%", years: [
                .init(2020, target: .value(10), actual: .init(9, outcome: .missed)),
                .init(2021, target: .value(12), actual: .init(12, outcome: .reached)),
                .init(2024, target: .value(20), actual: .init(22, outcome: .reached)),
            ]),
            Trajectory(anchor: id(5), title: "3.1.a — Un seul point", unit: "%", years: [.init(2024, actual: .init(48, outcome: .notAssessed))]),
            Trajectory(anchor: id(6), title: "3.1.b — Toutes les valeurs égales", unit: nil, years: [
                .init(2021, target: .value(7), actual: .init(7, outcome: .reached)),
                .init(2022, target: .value(7), actual: .init(7, outcome: .reached)),
                .init(2023, target: .value(7), actual: .init(7, outcome: .reached)),
            ]),
            Trajectory(anchor: id(7), title: "3.2.a — Résultat net (valeurs négatives)", unit: "M€", years: [
                .init(2021, target: .value(-2.806), actual: .init(-3.1, outcome: .missed)),
                .init(2022, target: .value(-1.5), actual: .init(-1.2, outcome: .reached)),
                .init(2023, target: .value(0), actual: .init(0.4, outcome: .reached)),
                .init(2024, target: .value(1)),
            ]),
            Trajectory(anchor: id(8), title: "3.2.b — Montants énormes", unit: "€", years: [
                .init(2021, target: .value(1.5e18), actual: .init(1.2e18, outcome: .missed)),
                .init(2022, target: .value(4e18), actual: .init(4.5e18, outcome: .reached)),
            ]),
            Trajectory(anchor: id(9), title: "3.3.a — Grands nombres", unit: nil, years: [
                .init(2021, target: .value(4_000), actual: .init(3_200, outcome: .missed)),
                .init(2022, target: .value(12_500), actual: .init(13_000, outcome: .reached)),
                .init(2023, target: .value(250_000), actual: .init(231_456.5, outcome: .missed)),
            ]),
            Trajectory(anchor: id(10), title: "3.4.a — Quinze années", unit: "%", years: (2010...2024).map { y in
                .init(y, target: .value(Double(y - 2000) * 3), actual: .init(Double(y - 2000) * 3 + Double((y * 7) % 11) - 5, outcome: (y * 7) % 11 >= 5 ? .reached : .missed))
            }),
            Trajectory(anchor: id(11), title: "3.5.a — Aucune valeur chiffrée (jalons)", unit: nil, years: [
                .init(2021, target: .described("réalisation du diagnostic")),
                .init(2022, target: .described("sans objet")),
            ]),
        ]
    }

    static func comparisonPage() -> String {
        let page = HTMLPage(title: "Avenant n° 2 au COP 2021-2025 — comparaison", orientation: .landscape, width: .wide)
        var clauses: [RedlineClause] = []
        var change = 0
        func next() -> Anchor { change += 1; return Anchor(prefix: "chg", index: change) }
        clauses.append(RedlineClause(
            anchor: Anchor(prefix: "clause", index: 1), title: "Avenant n° 2 — article 1 : période",
            place: "avenant-2.cop, ligne 4", text: "période : 2021 .. 2026", motif: "Prolongation d'un an du contrat pour tenir compte du report du SI.",
            changes: [RedlineChange(anchor: next(), title: "Contrat — période", kind: "période prolongée", words: spans("2021 .. 2025", "2021 .. 2026"))]))
        clauses.append(RedlineClause(
            anchor: Anchor(prefix: "clause", index: 2), title: "Avenant n° 2 — article 2 : modifier l'objectif 1.1",
            place: "avenant-2.cop, ligne 9",
            text: "modifier objectif 1.1\n  texte : « Former l'ensemble des agents aux outils de pilotage avant la fin de 2023. »\n  pilote : DRH",
            motif: "Élargissement du public de la formation.",
            changes: [
                RedlineChange(anchor: next(), title: "Objectif 1.1 — texte", kind: "propriété modifiée",
                              words: spans("Former l'encadrement aux outils de pilotage avant la fin de 2022 ; 60 % des cadres au moins.",
                                           "Former l'ensemble des agents aux outils de pilotage avant la fin de 2023 ; 80 % des agents au moins.")),
                RedlineChange(anchor: next(), title: "Objectif 1.1 — pilote", kind: "référent modifié", words: spans("DGOS", "DRH")),
            ]))
        clauses.append(RedlineClause(
            anchor: Anchor(prefix: "clause", index: 3), title: "Avenant n° 2 — article 3 : ajouter l'action 1.1.4",
            place: "avenant-2.cop, ligne 15", text: "ajouter action 1.1.4 « Déployer le tableau de bord »\n  délai : S1 2025",
            changes: [RedlineChange(anchor: next(), title: "Action 1.1.4", kind: "élément ajouté", before: nil,
                                    after: [MarkedSpan(.inserted, "Déployer le tableau de bord — délai : S1 2025")])]))
        clauses.append(RedlineClause(
            anchor: Anchor(prefix: "clause", index: 4), title: "Avenant n° 2 — article 4 : supprimer l'action 2.3.1",
            place: "avenant-2.cop, ligne 19", text: "supprimer action 2.3.1", motif: "Action devenue sans objet.",
            changes: [RedlineChange(anchor: next(), title: "Action 2.3.1", kind: "élément supprimé",
                                    before: [MarkedSpan(.deleted, "Créer un guichet unique — délai : fin 2022")], after: nil)]))
        for k in 5...16 {
            let year = 2021 + k % 5
            clauses.append(RedlineClause(
                anchor: Anchor(prefix: "clause", index: k), title: "Avenant n° 2 — article \(k) : cibles de l'indicateur \(k / 4).\(k % 4 + 1).a",
                place: "avenant-2.cop, ligne \(20 + k * 4)", text: "modifier indicateur \(k / 4).\(k % 4 + 1).a\n  cible \(year) : \(40 + k) %\n  cible \(year + 1) : \(45 + k) %",
                motif: k % 2 == 0 ? "Cible fixée après la première enquête." : nil,
                changes: [
                    RedlineChange(anchor: next(), title: "Indicateur \(k / 4).\(k % 4 + 1).a — cible \(year)", kind: k % 2 == 0 ? "cible fixée" : "cible modifiée",
                                  words: spans(k % 2 == 0 ? "à fixer par avenant" : "\(30 + k) %", "\(40 + k) %")),
                    RedlineChange(anchor: next(), title: "Indicateur \(k / 4).\(k % 4 + 1).a — cible \(year + 1)", kind: "cible modifiée",
                                  words: spans("au moins \(35 + k) % des établissements", "au moins \(45 + k) % des établissements et services")),
                ]))
        }
        return page.render { w in
            w.element(.h1, prose: "Avenant n° 2 au COP 2021-2025 : ce qui change")
            w.element(.p, prose: "Comparaison de la version 1 (après l'avenant n° 1) et de la version 2 (après l'avenant n° 2). Exemple fictif.")
            w.redline(Redline(caption: "Clauses de l'avenant n° 2 et leur effet sur le texte consolidé", clauses: clauses))
        }
    }

    /// Every `href="#x"` of a page has its `id="x"`.
    func assertLinksResolve(_ parsed: ParsedXML, file: StaticString = #filePath, line: UInt = #line) {
        let ids = parsed.elements.compactMap { $0.attributes["id"] }
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique", file: file, line: line)
        for h in parsed.all("a").compactMap({ $0["href"] }) {
            XCTAssertTrue(h.hasPrefix("#") && ids.contains(String(h.dropFirst())), h, file: file, line: line)
        }
    }

    func testDemonstrationPages() throws {
        let folder = try demoOutputFolder()
        for (name, html) in [("demonstration-document.html", Self.documentPage()), ("demonstration-comparaison.html", Self.comparisonPage())] {
            let parsed = parseXML(html)
            XCTAssertTrue(parsed.isWellFormed, "\(name) : \(parsed.error ?? "")")
            XCTAssertFalse(html.contains("<script"))
            XCTAssertFalse(html.contains("http:") || html.contains("https:"))
            assertLinksResolve(parsed)
            try html.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let doc = parseXML(Self.documentPage())
        XCTAssertEqual(doc.count("svg"), 11)
        XCTAssertEqual(doc.count("table"), 1)
        XCTAssertEqual(doc.count("aside"), 1)
        let cmp = parseXML(Self.comparisonPage())
        XCTAssertEqual(cmp.all("tr").filter { ($0["id"] ?? "").hasPrefix("chg-") }.count, 29)
    }
}
