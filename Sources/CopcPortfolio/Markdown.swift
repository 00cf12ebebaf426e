import CopcFrench
import CopcHTML
import CopcRender

extension Portfolio {
    /// The columns of the contracts' table (Markdown, CSV and the dashboard share their names).
    static let columns = ["Contrat", "Organisme", "Tutelles", "Type", "Période", "État", "Successeur", "Version en vigueur", "Avenants",
                          "Erreurs", "Avertissements", "Notes", "Cibles à fixer", "dont année close", "Actions en retard",
                          "Bilans présents", "Bilans attendus", "Bilans manquants", "Dernier bilan", "Indicateurs à la cible",
                          "Actions finalisées"]

    /// The columns of the table of bodies without a contract.
    static let bodyColumns = ["Organisme", "Nom", "Catégorie", "Tutelles", "Situation", "Déclaré dans"]

    /// The cells of a contract's row, as text (numbers in French notation).
    static func cells(_ r: ContractRow) -> [String] {
        let l = r.latestBilan
        return [r.id, Wording.body(r), r.tutelles.joined(separator: ", "), r.type?.spelling ?? "", Wording.period(r.period),
                r.state.spelling, r.successor ?? "", French.number(r.version), French.number(r.avenants),
                French.number(r.diagnostics.errors), French.number(r.diagnostics.warnings), French.number(r.diagnostics.notes),
                French.number(r.pendingTargets.count), French.number(r.overdueTargets.count), French.number(r.lateActions.count),
                French.number(r.bilans.present.count), r.bilans.calendar ? French.number(r.bilans.expected.count) : "—",
                r.bilans.calendar ? French.number(r.bilans.missing.count) : "—", l.map { String($0.year) } ?? "",
                l.map { Wording.ratio($0.indicatorsOnTarget, of: $0.indicatorsJudged, none: "aucun indicateur jugé") } ?? "",
                l.map { Wording.ratio($0.actionsDone, of: $0.actionsCounted, none: "aucune action due") } ?? ""]
    }

    static func cells(_ b: BodyRow) -> [String] {
        [b.id, b.name ?? "", b.category ?? "", b.tutelles.joined(separator: ", "), Wording.lastContract(b), "\(b.file):\(b.line)"]
    }

    /// The portfolio in Markdown, to paste into a note or a review: the lists to act on, one
    /// table per group with its bodies without contract and its totals, then the details of the
    /// contracts that have overdue targets, late actions or missing bilans.
    public func markdown() -> String {
        // The one Markdown escaping (`Markdown.text`, `Markdown.cell`), after French typography.
        func md(_ s: String) -> String { Markdown.text(French.typeset(s)) }
        func cell(_ s: String) -> String { Markdown.cell(French.typeset(s)) }
        func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>) -> String {
            var t = "| " + header.map(cell).joined(separator: " | ") + " |\n|"
            for k in header.indices { t += numeric.contains(k) ? "---:|" : "---|" }
            t += "\n"
            for r in rows { t += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
            return t
        }
        var out = "# " + md(title) + "\n\n"
        out += "**Total** : " + md(Wording.totals(totals)) + ".\n\n"
        out += "## À traiter\n\n"
        let a = attention
        func list(_ label: String, _ rows: [ContractRow], _ detail: (ContractRow) -> String) {
            out += "- **\(md(label))** : " + (rows.isEmpty ? "aucun" : rows.map { md("\($0.id) (\(detail($0)))") }.joined(separator: " ; ")) + "\n"
        }
        list("Expirent dans l'année sans successeur", a.expiringWithoutSuccessor) {
            $0.state.spelling + ($0.period.map { ", le " + Wording.day($0.end) } ?? "")
        }
        list("Expirés sans successeur", a.expiredWithoutSuccessor) { r in r.period.map { "fin le " + Wording.day($0.end) } ?? "" }
        out += "- **Organismes sans contrat en vigueur** : "
            + (bodies.isEmpty ? "aucun" : bodies.map { md("\($0.id) (\(Wording.lastContract($0)))") }.joined(separator: " ; ")) + "\n"
        list("Cibles à fixer dont l'année est close", a.overdueTargets) { Wording.targetCount($0.overdueTargets) }
        list("Actions en retard", a.lateActions) { Wording.lateCount($0.lateActions) }
        list("Bilans manquants", a.missingBilans) { $0.bilans.missing.map(String.init).joined(separator: ", ") }
        let numeric = Set(7...17)
        for g in groups {
            out += "\n## " + md(g.label) + "\n\n"
            if !g.contracts.isEmpty {
                out += table(Portfolio.columns, g.contracts.map { Portfolio.cells(contracts[$0]) }, numeric: numeric) + "\n"
            }
            if !g.bodies.isEmpty {
                out += "Organismes sans contrat en vigueur (note COP212) :\n\n"
                out += table(Portfolio.bodyColumns, g.bodies.map { Portfolio.cells(bodies[$0]) }, numeric: []) + "\n"
            }
            out += "**Total " + md(g.label) + "** : " + md(Wording.totals(g.totals)) + ".\n"
        }
        let detailed = contracts.filter { !$0.overdueTargets.isEmpty || !$0.lateActions.isEmpty || !$0.bilans.missing.isEmpty }
        if !detailed.isEmpty {
            out += "\n## Détails\n"
            for r in detailed {
                out += "\n### " + md(r.id) + "\n\n"
                if !r.overdueTargets.isEmpty {
                    out += "- Cibles à fixer dont l'année est close (" + French.number(r.overdueTargets.count) + ") : " + md(Wording.targets(r.overdueTargets)) + "\n"
                }
                if !r.lateActions.isEmpty {
                    out += "- Actions en retard (" + French.number(r.lateActions.count) + ") : " + md(French.list(r.lateActions.map(Wording.lateAction))) + "\n"
                }
                if !r.bilans.missing.isEmpty { out += "- Bilans manquants : " + French.list(r.bilans.missing.map(String.init)) + "\n" }
            }
        }
        return out
    }
}
