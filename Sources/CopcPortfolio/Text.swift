import CopcFrench
import CopcLanguage
import CopcHTML

extension Portfolio {
    /// What a tutelle must act on, first: the lists every format opens with.
    public struct Attention: Sendable {
        /// Contracts that expire within twelve months and that no contract renews.
        public let expiringWithoutSuccessor: [ContractRow]
        /// Contracts ended that no contract renews.
        public let expiredWithoutSuccessor: [ContractRow]
        /// Contracts with targets still `à fixer par avenant` for a year that is over.
        public let overdueTargets: [ContractRow]
        public let lateActions: [ContractRow]
        public let missingBilans: [ContractRow]
    }

    public var attention: Attention {
        Attention(expiringWithoutSuccessor: contracts.filter(\.expiringWithoutSuccessor),
                  expiredWithoutSuccessor: contracts.filter { $0.state == .expiredWithoutSuccessor },
                  overdueTargets: contracts.filter { !$0.overdueTargets.isEmpty },
                  lateActions: contracts.filter { !$0.lateActions.isEmpty },
                  missingBilans: contracts.filter { !$0.bilans.missing.isEmpty })
    }

    /// `Portefeuille au 1er mars 2026, par tutelle`.
    public var title: String { "Portefeuille au \(Wording.day(day)), \(Wording.grouping(grouping))" }

    /// The portfolio as text for a terminal: the lists to act on, then each group — one block
    /// per contract and per body without contract — and its totals, then the portfolio's.
    public func text() -> String {
        var out = title + "\n" + String(repeating: "=", count: title.count) + "\n\n"
        out += "Total : " + Wording.totals(totals) + ".\n\n"
        out += "À traiter\n---------\n"
        let a = attention
        func list(_ label: String, _ rows: [ContractRow], _ detail: (ContractRow) -> String) {
            out += "- \(label) : " + (rows.isEmpty ? "aucun" : rows.map { "\($0.id) (\(detail($0)))" }.joined(separator: " ; ")) + "\n"
        }
        list("expirent dans l'année sans successeur", a.expiringWithoutSuccessor) {
            $0.state.spelling + ($0.period.map { ", le " + Wording.day($0.end) } ?? "")
        }
        list("expirés sans successeur", a.expiredWithoutSuccessor) { r in r.period.map { "fin le " + Wording.day($0.end) } ?? "" }
        out += "- organismes sans contrat en vigueur : "
            + (bodies.isEmpty ? "aucun" : bodies.map { "\($0.id) (\(Wording.lastContract($0)))" }.joined(separator: " ; ")) + "\n"
        list("cibles à fixer dont l'année est close", a.overdueTargets) { Wording.targetCount($0.overdueTargets) }
        list("actions en retard", a.lateActions) { Wording.lateCount($0.lateActions) }
        list("bilans manquants", a.missingBilans) { French.list($0.bilans.missing.map(String.init)) }
        for g in groups {
            let heading = "\(g.label) : " + Wording.count(g.totals.contracts, "contrat", "contrats", none: "aucun contrat")
                + (g.totals.bodiesWithoutContract > 0 ? ", " + Wording.count(g.totals.bodiesWithoutContract, "organisme sans contrat", "organismes sans contrat") : "")
            out += "\n== \(heading) ==\n"
            for k in g.contracts { out += "\n" + Portfolio.textBlock(contracts[k]) }
            for k in g.bodies { out += "\n" + Portfolio.textBlock(bodies[k]) }
            out += "\nTotal \(g.label) : " + Wording.totals(g.totals) + ".\n"
        }
        return out
    }

    static func textBlock(_ r: ContractRow) -> String {
        var s = "\(r.id) — \(Wording.body(r))\n"
        if let t = r.title { s += "  « \(t) »\n" }
        s += "  tutelles : " + (r.tutelles.isEmpty ? "aucune" : r.tutelles.joined(separator: ", "))
        s += " · type : " + (r.type?.spelling ?? "non précisé") + " · période : " + Wording.period(r.period) + "\n"
        s += "  état : " + r.state.spelling + " · successeur : " + (r.successor ?? "aucun")
        if let p = r.predecessor { s += " · précédent : " + p }
        s += "\n"
        s += "  version en vigueur : " + French.number(r.version) + " · avenants : " + French.number(r.avenants) + "\n"
        s += "  diagnostics : " + Wording.diagnostics(r.diagnostics) + "\n"
        let overdue = r.overdueTargets
        s += "  cibles à fixer par avenant : " + French.number(r.pendingTargets.count) + ", dont année close : " + French.number(overdue.count)
        if !overdue.isEmpty { s += " — " + Wording.targets(overdue) }
        s += "\n"
        s += "  actions en retard : " + French.number(r.lateActions.count)
        if !r.lateActions.isEmpty { s += " — " + Wording.lateActions(r.lateActions) }
        s += "\n"
        s += "  bilans : " + Wording.bilans(r.bilans) + "\n"
        if let l = r.latestBilan {
            s += "  dernier bilan (\(l.year)) : indicateurs à la cible " + Wording.ratio(l.indicatorsOnTarget, of: l.indicatorsJudged, none: "aucun indicateur jugé")
                + ", actions finalisées " + Wording.ratio(l.actionsDone, of: l.actionsCounted, none: "aucune action due") + "\n"
        } else {
            s += "  dernier bilan : aucun\n"
        }
        return s
    }

    static func textBlock(_ b: BodyRow) -> String {
        var s = "organisme \(b.id)" + (b.name.map { " — \($0)" } ?? "") + " : sans contrat en vigueur (COP212)\n"
        s += "  tutelles : " + (b.tutelles.isEmpty ? "aucune" : b.tutelles.joined(separator: ", "))
        if let c = b.category { s += " · catégorie : " + c }
        s += " · " + Wording.lastContract(b) + " · déclaré : \(b.file):\(b.line)\n"
        return s
    }
}
