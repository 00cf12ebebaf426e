import CopcFrench
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcModel
import CopcHTML
import CopcRender
import CopcPortfolio

extension Site {
    /// The page of contract `k`: what the portfolio says of it, then links to every version,
    /// every avenant's redline, every bilan, its calendar and spreadsheets, what is late, and
    /// the diagnostics of its files.
    func contractPage(_ k: Int) -> String {
        let c = contracts[k]
        let r = rows[k]
        let title = r.id + (r.title.map { " — " + $0 } ?? "")
        let page = HTMLPage(title: title, orientation: .portrait, width: .wide, stylesheet: Site.css)
        return page.render { w in
            w.element(.nav, [.class("site " + StyleClass.screenOnly), .ariaLabel("Navigation du site")]) { w in
                if let index = SiteLink("../../index.html") { w.element(.a, [.href(index)], text: "Portefeuille") }
                w.text(" › ")
                w.text(r.id)
            }
            w.element(.h1) { w in
                w.text(r.id)
                if let t = r.title { w.element(.span, [.class("titre-contrat")], prose: t) }
            }
            w.element(.p, [.class(StyleClass.muted)], prose: "Lu au \(Wording.day(portfolio.day)) : version en vigueur à cette date, fichier \(r.file).")
            facts(&w, k)
            versions(&w, k)
            bilans(&w, k)
            w.element(.section, [Attribute(.id, "fichiers")]) { w in
                w.element(.h2, prose: "Calendrier et tableaux")
                w.element(.p, prose: "De la version en vigueur (version \(r.version)) :")
                w.element(.ul) { w in
                    w.element(.li) { w in
                        if let l = SiteLink("calendrier.ics") { w.element(.a, [.href(l)], text: "calendrier.ics") }
                        w.prose(" — les échéances des actions et des étapes, pour un agenda (iCalendar)")
                    }
                    for table in CSVTable.allCases {
                        w.element(.li) { w in
                            if let l = SiteLink(table.spelling + ".csv") { w.element(.a, [.href(l)], text: table.spelling + ".csv") }
                            w.prose(" — le tableau des \(table.spelling), pour un tableur (CSV, « ; », virgule décimale)")
                        }
                    }
                }
            }
            late(&w, r)
            diagnosticsSection(&w, k)
            _ = c
        }
    }

    func facts(_ w: inout HTMLWriter, _ k: Int) {
        let r = rows[k]
        func link(_ id: String?) -> HTMLFragment {
            guard let id else { return .text("aucun") }
            guard let other = contracts.firstIndex(where: { $0.id == id }), let l = contractLink(other, from: true) else { return .text(id) }
            return .build { $0.element(.a, [.href(l)], text: id) }
        }
        var facts: [(String, HTMLFragment)] = [
            ("Organisme", .prose(Wording.body(r))),
            ("Tutelles", .text(r.tutelles.isEmpty ? "aucune" : r.tutelles.joined(separator: ", "))),
            ("Type", .text(r.type?.spelling ?? "non précisé")),
            ("Période", .prose(Wording.period(r.period))),
            ("État", .prose(r.state.spelling)),
            ("Contrat précédent", link(r.predecessor)),
            ("Successeur", link(r.successor)),
            ("Version en vigueur", .text(French.number(r.version))),
            ("Avenants", .text(French.number(r.avenants))),
            ("Diagnostics", .prose(Wording.diagnostics(r.diagnostics))),
            ("Cibles à fixer par avenant", .prose(French.number(r.pendingTargets.count) + ", dont année close : " + French.number(r.overdueTargets.count))),
            ("Actions en retard", .text(French.number(r.lateActions.count))),
            ("Bilans", .prose(Wording.bilans(r.bilans))),
        ]
        if let l = r.latestBilan {
            facts.append(("Dernier bilan (\(l.year))", .prose("indicateurs à la cible " + Wording.ratio(l.indicatorsOnTarget, of: l.indicatorsJudged, none: "aucun indicateur jugé")
                                                              + ", actions finalisées " + Wording.ratio(l.actionsDone, of: l.actionsCounted, none: "aucune action due"))))
        }
        w.element(.dl, [.class("fiche"), Attribute(.id, "fiche")]) { w in
            for (name, value) in facts {
                w.element(.div) { w in
                    w.element(.dt, prose: name)
                    w.element(.dd) { $0.append(value) }
                }
            }
        }
    }

    func versions(_ w: inout HTMLWriter, _ k: Int) {
        let c = contracts[k]
        let inForce = c.versionInForce(at: portfolio.day).number
        w.element(.section, [Attribute(.id, "versions")]) { w in
            w.element(.h2, prose: "Versions et avenants")
            w.element(.ol, [.class("versions")]) { w in
                for v in c.versions {
                    w.element(.li) { w in
                        if let l = SiteLink("version-\(v.number).html") {
                            w.element(.a, [.href(l)], prose: v.number == 0 ? "Version 0 — le contrat tel que signé" : "Version \(v.number)")
                        }
                        if let a = v.avenant {
                            var s = " — après l'avenant n° \(a.number ?? v.number)"
                            if let t = a.header.title { s += " « \(t) »" }
                            if let d = a.signed { s += ", signé le \(Wording.day(d))" }
                            if let d = v.effectiveDate { s += ", en vigueur le \(Wording.day(d))" }
                            w.prose(s + " ; ")
                            if let l = SiteLink("avenant-\(v.number).html") { w.element(.a, [.href(l)], prose: "ce que l'avenant change") }
                        } else if let d = v.effectiveDate {
                            w.prose(", en vigueur le \(Wording.day(d))")
                        }
                        if v.number == inForce { w.element(.strong, [.class("en-vigueur")], prose: " (en vigueur au \(Wording.day(portfolio.day)))") }
                    }
                }
            }
        }
    }

    func bilans(_ w: inout HTMLWriter, _ k: Int) {
        let c = contracts[k]
        let r = rows[k]
        w.element(.section, [Attribute(.id, "bilans")]) { w in
            w.element(.h2, prose: "Bilans annuels")
            var years: [Int] = []
            for b in c.bilans { if let y = b.year, !years.contains(y) { years.append(y) } }
            if years.isEmpty {
                w.element(.p, prose: "Aucun bilan.")
            } else {
                w.element(.ul) { w in
                    for y in years {
                        w.element(.li) { w in
                            if let l = SiteLink("bilan-\(y).html") { w.element(.a, [.href(l)], text: "Bilan \(y)") }
                        }
                    }
                }
            }
            if !r.bilans.calendar {
                w.element(.p, [.class(StyleClass.muted)], prose: "Le contrat ne fixe pas de calendrier de suivi : aucun bilan n'y est attendu à une date.")
            } else if !r.bilans.missing.isEmpty {
                w.element(.p, [.class("alerte")], prose: "Bilans attendus par le calendrier et absents : " + French.list(r.bilans.missing.map(String.init)) + ".")
            }
        }
    }

    func late(_ w: inout HTMLWriter, _ r: ContractRow) {
        guard !r.overdueTargets.isEmpty || !r.lateActions.isEmpty else { return }
        w.element(.section, [Attribute(.id, "a-traiter")]) { w in
            w.element(.h2, prose: "À traiter")
            if !r.overdueTargets.isEmpty {
                w.element(.h3, prose: "Cibles à fixer par avenant dont l'année est close (\(French.number(r.overdueTargets.count)))")
                w.element(.p, prose: Wording.targets(r.overdueTargets))
            }
            if !r.lateActions.isEmpty {
                w.table(DataTable(caption: "Actions en retard (\(French.number(r.lateActions.count)))",
                                  headerRows: [[HeaderCell("Action"), HeaderCell("Intitulé"), HeaderCell("Délai échu le"), HeaderCell("Dernier état connu")]],
                                  rows: r.lateActions.map { a in
                                      [.rowHeader(a.id), .text(a.title ?? ""), .text(Wording.day(a.due)),
                                       .text(a.state.map { "\($0.spelling) (bilan \(a.reportedIn ?? 0))" } ?? "absente des bilans")]
                                  }))
            }
        }
    }

    func diagnosticsSection(_ w: inout HTMLWriter, _ k: Int) {
        let ds = diagnostics[k]
        w.element(.section, [Attribute(.id, "diagnostics")]) { w in
            w.element(.h2, prose: "Diagnostics (\(French.number(ds.count)))")
            if ds.isEmpty {
                w.element(.p, prose: "Aucun : « copc check » ne signale rien dans le contrat, ses avenants et ses bilans.")
                return
            }
            w.table(DataTable(caption: "Ce que « copc check » signale dans les fichiers du contrat, à la date du portefeuille",
                              headerRows: [[HeaderCell("Code"), HeaderCell("Gravité"), HeaderCell("Fichier"), HeaderCell("Message")]],
                              rows: ds.map { d in
                                  [.rowHeader(d.code.rawValue), .text(d.severity.french),
                                   .text(d.path + (d.span.map { ":\($0.start.line)" } ?? "")), .text(d.text)]
                              }))
        }
    }

    /// The contract pages' additions to the shared stylesheet.
    static let css = """
    .titre-contrat { display: block; font-size: 1.1rem; font-weight: normal; margin-top: .3em; }
    dl.fiche { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0; }
    dl.fiche > div { display: contents; }
    dl.fiche dt { font-weight: bold; }
    dl.fiche dd { margin: 0; }
    nav.site { font-size: .9rem; border-bottom: 1px solid var(--filet); padding-bottom: .4rem; margin-bottom: 1rem; }
    .alerte::before { content: "▲ "; }
    @media screen and (max-width: 40rem) { dl.fiche { grid-template-columns: 1fr; } dl.fiche dd { margin-bottom: .4rem; } }
    """
}
