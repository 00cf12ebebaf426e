import CopcFrench
import CopcLanguage
import CopcHTML

extension Portfolio {
    /// Where the dashboard's names lead, in a site: each contract's page. `nil` for the page
    /// `copc portefeuille --format html` writes alone (contracts then lead to their details in
    /// the page).
    public struct Links: Sendable {
        public let contract: @Sendable (String) -> SiteLink?
        /// Where a body's annuaire file is shown, if anywhere.
        public init(contract: @Sendable @escaping (String) -> SiteLink?) {
            self.contract = contract
        }
    }

    /// The dashboard: a self-contained, printable page — key figures, what to act on, one
    /// table of every contract and every body without a contract, grouped, with the totals of
    /// each group, the totals by group, and the details. A small inline script sorts the table
    /// by any column and filters it by text and by state; without it the page reads whole.
    public func html(links: Links? = nil) -> String {
        let page = HTMLPage(title: title, orientation: .landscape, width: .wide, stylesheet: Portfolio.css, script: Portfolio.script)
        return page.render { w in
            w.element(.header, [.class("entete-portefeuille")]) { w in
                w.element(.h1, prose: "Portefeuille des contrats au \(Wording.day(day))")
                w.element(.p, [.class(StyleClass.muted)],
                          prose: "\(Wording.count(totals.contracts, "contrat", "contrats", none: "Aucun contrat")), \(Wording.grouping(grouping)) ; "
                              + "lu au \(Wording.day(day)) (version en vigueur de chaque contrat à cette date).")
            }
            figures(&w)
            attentionSection(&w, links)
            table(&w, links)
            totalsTable(&w)
            details(&w)
        }
    }

    /// The anchor of a contract's details in the page.
    static func detailsAnchor(_ id: String) -> Anchor { Anchor(prefix: "contrat", key: id) }

    func hasDetails(_ r: ContractRow) -> Bool { !r.overdueTargets.isEmpty || !r.lateActions.isEmpty || !r.bilans.missing.isEmpty }

    func contractLink(_ r: ContractRow, _ links: Links?) -> Attribute? {
        if let links { return links.contract(r.id).map { .href($0) } }
        return hasDetails(r) ? .href(Portfolio.detailsAnchor(r.id)) : nil
    }

    /// The key figures, each a number and its label.
    func figures(_ w: inout HTMLWriter) {
        let figures: [(Int, String, String)] = [
            (totals.contracts, "contrats", "chiffre-contrats"),
            (totals.count(.inForce) + totals.count(.expiring), "en vigueur", "chiffre-en-vigueur"),
            (totals.expiringWithoutSuccessor, "expirent dans l'année sans successeur", "chiffre-expirant"),
            (totals.count(.expiredWithoutSuccessor), "expirés sans successeur", "chiffre-expires"),
            (totals.bodiesWithoutContract, "organismes sans contrat en vigueur", "chiffre-sans-contrat"),
            (totals.overdueTargets, "cibles à fixer dont l'année est close", "chiffre-cibles"),
            (totals.lateActions, "actions en retard", "chiffre-actions"),
            (totals.bilansMissing, "bilans manquants", "chiffre-bilans"),
        ]
        w.element(.section, [.ariaLabel("Chiffres clés")]) { w in
            w.element(.dl, [.class("chiffres")]) { w in
                for (n, label, id) in figures {
                    w.element(.div, [Attribute(.id, id), .class(n > 0 && id != "chiffre-contrats" && id != "chiffre-en-vigueur" ? "chiffre alerte" : "chiffre")]) { w in
                        w.element(.dt, prose: label)
                        w.element(.dd, [.class(StyleClass.number)], text: French.number(n))
                    }
                }
            }
        }
    }

    func attentionSection(_ w: inout HTMLWriter, _ links: Links?) {
        let a = attention
        w.element(.section, [Attribute(.id, "a-traiter")]) { w in
            w.element(.h2, prose: "À traiter")
            func list(_ label: String, _ rows: [ContractRow], _ detail: @escaping (ContractRow) -> String) {
                w.element(.h3, prose: label + " (\(French.number(rows.count)))")
                if rows.isEmpty { w.element(.p, [.class(StyleClass.muted)], prose: "Aucun."); return }
                w.element(.ul) { w in
                    for r in rows {
                        w.element(.li) { w in
                            if let href = contractLink(r, links) { w.element(.a, [href], text: r.id) } else { w.element(.strong, text: r.id) }
                            w.prose(" — " + Wording.body(r) + " : " + detail(r))
                        }
                    }
                }
            }
            list("Contrats qui expirent dans l'année sans successeur", a.expiringWithoutSuccessor) {
                $0.state.spelling + ($0.period.map { ", le " + Wording.day($0.end) } ?? "")
            }
            list("Contrats expirés sans successeur", a.expiredWithoutSuccessor) { r in r.period.map { "fin le " + Wording.day($0.end) } ?? "" }
            w.element(.h3, prose: "Organismes sans contrat en vigueur (\(French.number(bodies.count)))")
            if bodies.isEmpty {
                w.element(.p, [.class(StyleClass.muted)], prose: "Aucun.")
            } else {
                w.element(.ul) { w in
                    for b in bodies {
                        w.element(.li) { w in
                            w.element(.strong, text: b.id)
                            w.prose((b.name.map { " — " + $0 } ?? "") + " : " + Wording.lastContract(b) + " (note COP212)")
                        }
                    }
                }
            }
            list("Cibles à fixer par avenant dont l'année est close", a.overdueTargets) { Wording.targetCount($0.overdueTargets) }
            list("Actions en retard", a.lateActions) { Wording.lateCount($0.lateActions) }
            list("Bilans manquants", a.missingBilans) { French.list($0.bilans.missing.map(String.init)) }
        }
    }

    /// The sort key of a state: the most urgent first.
    static func stateOrder(_ s: ContractState) -> String {
        var months = 0
        if case .expiring(let m) = s { months = m }
        return stateOrder(s.kind, months: months)
    }

    static func stateOrder(_ kind: ContractState.Kind, months: Int = 0) -> String {
        let k = ContractState.Kind.allCases.firstIndex(of: kind) ?? 9
        return String(k) + "." + (months < 10 ? "0" : "") + String(months)
    }

    func table(_ w: inout HTMLWriter, _ links: Links?) {
        let columns = Portfolio.columns
        w.element(.section, [Attribute(.id, "contrats")]) { w in
            w.element(.h2, prose: "Contrats, \(Wording.grouping(grouping))")
            w.element(.p, [.class(StyleClass.muted + " " + StyleClass.screenOnly)],
                      prose: "Cliquez un en-tête de colonne pour trier ; le champ de filtre retient les lignes qui contiennent le texte saisi.")
            w.element(.div, [.class("defilement")]) { w in
                w.element(.table, [Attribute(.id, "tableau-contrats"), .class("portefeuille")]) { w in
                    w.element(.caption, [.class(StyleClass.screenReaderOnly)], prose: "Contrats du portefeuille, \(Wording.grouping(grouping))")
                    w.element(.thead) { w in
                        w.element(.tr) { w in
                            for c in columns { w.element(.th, [.scope(.col)], prose: c) }
                        }
                    }
                    for g in groups {
                        w.element(.tbody) { w in
                            w.element(.tr, [.class("groupe")]) { w in
                                w.element(.th, [.scope(.colgroup), .colspan(columns.count)]) { w in
                                    w.prose(g.label)
                                    w.element(.span, [.class(StyleClass.muted)], prose: " — " + Wording.count(g.totals.contracts, "contrat", "contrats", none: "aucun contrat")
                                              + (g.totals.bodiesWithoutContract > 0 ? ", " + Wording.count(g.totals.bodiesWithoutContract, "organisme sans contrat", "organismes sans contrat") : ""))
                                }
                            }
                            for k in g.contracts { contractRow(&w, contracts[k], links) }
                            for k in g.bodies { bodyRow(&w, bodies[k]) }
                            totalRow(&w, "Total " + g.label, g.totals)
                        }
                    }
                    w.element(.tfoot) { w in totalRow(&w, "Total du portefeuille", totals) }
                }
            }
        }
    }

    func contractRow(_ w: inout HTMLWriter, _ r: ContractRow, _ links: Links?) {
        let cells = Portfolio.cells(r)
        let columns = Portfolio.columns
        let l = r.latestBilan
        // Sort keys: numbers as such, the period by its start, the state by urgency.
        var keys: [String?] = [r.id, r.body ?? "", r.tutelles.joined(separator: ","), r.type?.spelling ?? "",
                               r.period?.start.description ?? "", Portfolio.stateOrder(r.state), r.successor ?? ""]
        keys += [r.version, r.avenants, r.diagnostics.errors, r.diagnostics.warnings, r.diagnostics.notes, r.pendingTargets.count,
                 r.overdueTargets.count, r.lateActions.count, r.bilans.present.count].map { String($0) }
        keys += [r.bilans.calendar ? String(r.bilans.expected.count) : "-1", r.bilans.calendar ? String(r.bilans.missing.count) : "-1",
                 l.map { String($0.year) } ?? "0",
                 l.map { $0.indicatorsJudged > 0 ? String($0.indicatorsOnTarget * 1000 / $0.indicatorsJudged) : "-1" } ?? "-1",
                 l.map { $0.actionsCounted > 0 ? String($0.actionsDone * 1000 / $0.actionsCounted) : "-1" } ?? "-1"]
        w.element(.tr, [Attribute(.dataState, r.state.kind.key), .class(r.expiringWithoutSuccessor || r.state == .expiredWithoutSuccessor ? "alerte" : "")]) { w in
            w.element(.th, [.scope(.row), Attribute(.dataLabel, columns[0]), Attribute(.dataSort, keys[0] ?? "")] + (r.title.map { [.title($0)] } ?? [])) { w in
                if let href = contractLink(r, links) { w.element(.a, [href], text: r.id) } else { w.text(r.id) }
            }
            for k in 1..<columns.count {
                var attributes = [Attribute(.dataLabel, columns[k])]
                if let key = keys[k] { attributes.append(Attribute(.dataSort, key)) }
                if k >= 7 && k <= 17 { attributes.append(.class(StyleClass.number)) }
                w.element(.td, attributes, prose: cells[k])
            }
        }
    }

    func bodyRow(_ w: inout HTMLWriter, _ b: BodyRow) {
        let columns = Portfolio.columns
        let kind = ContractState.Kind.noContract
        w.element(.tr, [Attribute(.dataState, kind.key), .class("sans-contrat alerte")]) { w in
            w.element(.th, [.scope(.row), Attribute(.dataLabel, columns[0]), Attribute(.dataSort, "")]) { w in
                w.prose("aucun contrat en vigueur")
            }
            for k in 1..<columns.count {
                let value: String
                switch k {
                case 1: value = b.name.map { "\($0) (\(b.id))" } ?? b.id
                case 2: value = b.tutelles.joined(separator: ", ")
                case 5: value = kind.rawValue + " — " + Wording.lastContract(b) + " (COP212)"
                default: value = ""
                }
                let key = k == 5 ? Portfolio.stateOrder(kind) : (k >= 7 ? "-1" : value)
                w.element(.td, [Attribute(.dataLabel, columns[k]), Attribute(.dataSort, key)], prose: value)
            }
        }
    }

    func totalRow(_ w: inout HTMLWriter, _ label: String, _ t: Totals) {
        let columns = Portfolio.columns
        w.element(.tr, [.class("total")]) { w in
            w.element(.th, [.scope(.row), Attribute(.dataLabel, columns[0])], prose: label)
            for k in 1..<columns.count {
                let value: String
                switch k {
                case 5: value = Wording.states(t) + (t.bodiesWithoutContract > 0 ? ", " + French.number(t.bodiesWithoutContract) + " sans contrat" : "")
                case 9: value = French.number(t.diagnostics.errors)
                case 10: value = French.number(t.diagnostics.warnings)
                case 11: value = French.number(t.diagnostics.notes)
                case 12: value = French.number(t.pendingTargets)
                case 13: value = French.number(t.overdueTargets)
                case 14: value = French.number(t.lateActions)
                case 15: value = French.number(t.bilansPresent)
                case 16: value = French.number(t.bilansExpected)
                case 17: value = French.number(t.bilansMissing)
                default: value = ""
                }
                w.element(.td, [Attribute(.dataLabel, columns[k])] + (k >= 9 && k <= 17 ? [.class(StyleClass.number)] : []), prose: value)
            }
        }
    }

    /// The columns of the totals by group.
    static let totalsColumns = ["Groupe", "Contrats"] + ContractState.Kind.allCases.map(\.rawValue)
        + ["dont expirant sans successeur", "Erreurs", "Avertissements", "Notes", "Cibles à fixer", "dont année close",
           "Actions en retard", "Bilans présents", "Bilans attendus", "Bilans manquants"]

    static func totalsCells(_ t: Totals) -> [Int] {
        [t.contracts] + ContractState.Kind.allCases.map { t.count($0) }
            + [t.expiringWithoutSuccessor, t.diagnostics.errors, t.diagnostics.warnings, t.diagnostics.notes, t.pendingTargets,
               t.overdueTargets, t.lateActions, t.bilansPresent, t.bilansExpected, t.bilansMissing]
    }

    func totalsTable(_ w: inout HTMLWriter) {
        w.element(.section, [Attribute(.id, "totaux")]) { w in
            w.element(.h2, prose: "Totaux \(Wording.grouping(grouping))")
            w.element(.div, [.class("defilement")]) { w in
                w.element(.table, [Attribute(.id, "tableau-totaux"), .class("totaux")]) { w in
                    w.element(.thead) { w in
                        w.element(.tr) { w in for c in Portfolio.totalsColumns { w.element(.th, [.scope(.col)], prose: c) } }
                    }
                    func row(_ w: inout HTMLWriter, _ label: String, _ t: Totals) {
                        w.element(.tr) { w in
                            w.element(.th, [.scope(.row), Attribute(.dataLabel, Portfolio.totalsColumns[0])], prose: label)
                            for (k, n) in Portfolio.totalsCells(t).enumerated() {
                                w.element(.td, [Attribute(.dataLabel, Portfolio.totalsColumns[k + 1]), .class(StyleClass.number)], text: French.number(n))
                            }
                        }
                    }
                    w.element(.tbody) { w in
                        for g in groups { row(&w, g.label, g.totals) }
                    }
                    w.element(.tfoot) { w in row(&w, "Total du portefeuille", totals) }
                }
            }
            if grouping == .tutelle {
                w.element(.p, [.class(StyleClass.muted)],
                          prose: "Un contrat suivi par plusieurs tutelles compte dans chacune ; le total du portefeuille le compte une fois.")
            }
        }
    }

    func details(_ w: inout HTMLWriter) {
        let detailed = contracts.filter(hasDetails)
        guard !detailed.isEmpty else { return }
        w.element(.section, [Attribute(.id, "details")]) { w in
            w.element(.h2, prose: "Détails")
            for r in detailed {
                w.element(.article, [.id(Portfolio.detailsAnchor(r.id)), .class(StyleClass.keepTogether)]) { w in
                    w.element(.h3) { w in
                        w.text(r.id)
                        w.prose(" — " + Wording.body(r))
                    }
                    w.element(.ul) { w in
                        if !r.overdueTargets.isEmpty {
                            w.element(.li, prose: "Cibles à fixer dont l'année est close : " + French.list(r.overdueTargets.map(Wording.target)))
                        }
                        if !r.lateActions.isEmpty {
                            w.element(.li, prose: "Actions en retard : " + French.list(r.lateActions.map(Wording.lateAction)))
                        }
                        if !r.bilans.missing.isEmpty {
                            w.element(.li, prose: "Bilans manquants : " + French.list(r.bilans.missing.map(String.init)))
                        }
                    }
                }
            }
        }
    }
}
