import CopcFrench
import CopcHTML
import CopcRender

extension Portfolio {
    /// The header of the CSV export.
    public static let csvColumns = ["ligne", "id", "organisme", "nom", "tutelles", "type", "début", "fin", "état", "mois avant la fin",
                             "successeur", "précédent", "version en vigueur", "avenants", "erreurs", "avertissements", "notes",
                             "cibles à fixer", "dont année close", "actions en retard", "bilans présents", "bilans attendus",
                             "bilans manquants", "dernier bilan", "indicateurs jugés", "indicateurs à la cible",
                             "part des indicateurs à la cible (%)", "actions comptées", "actions finalisées",
                             "part des actions finalisées (%)", "groupes"]

    /// The portfolio for a spreadsheet (the one `CSVWriter`: UTF-8 with BOM, `;`, CRLF, text
    /// cells guarded against formulas, numbers as typed cells): one
    /// line per contract, then one per body without a contract (its latest contract as
    /// `précédent`, that contract's end as `fin`). Numbers are plain (no
    /// thousands separator, decimal comma), dates ISO, so that the spreadsheet reads numbers
    /// and dates; `groupes` lists the groups a line belongs to.
    public func csv() -> String {
        var w = CSVWriter()
        w.row(Portfolio.csvColumns)
        var groupsOf = [[String]](repeating: [], count: contracts.count)
        var bodyGroups = [[String]](repeating: [], count: bodies.count)
        for g in groups {
            for k in g.contracts { groupsOf[k].append(g.label) }
            for k in g.bodies { bodyGroups[k].append(g.label) }
        }
        func n(_ i: Int) -> CSVField { .number(Double(i)) }
        func t(_ s: String?) -> CSVField { s.map(CSVField.text) ?? .empty }
        func percent(_ part: Int, _ whole: Int) -> CSVField {
            whole > 0 ? .numeral(French.plainNumber(Double(part) * 100 / Double(whole), decimals: 2)) : .empty
        }
        for (k, r) in contracts.enumerated() {
            let l = r.latestBilan
            var months = CSVField.empty
            if case .expiring(let m) = r.state { months = n(m) }
            var row: [CSVField] = [.text("contrat"), .text(r.id), t(r.body), t(r.bodyName), .text(r.tutelles.joined(separator: ", ")),
                                   t(r.type?.spelling), t(r.period?.start.description), t(r.period?.end.description),
                                   .text(r.state.kind.rawValue), months, t(r.successor), t(r.predecessor), n(r.version), n(r.avenants)]
            row += [n(r.diagnostics.errors), n(r.diagnostics.warnings), n(r.diagnostics.notes),
                    n(r.pendingTargets.count), n(r.overdueTargets.count), n(r.lateActions.count),
                    n(r.bilans.present.count), r.bilans.calendar ? n(r.bilans.expected.count) : .empty,
                    r.bilans.calendar ? n(r.bilans.missing.count) : .empty]
            row += [l.map { n($0.year) } ?? .empty, l.map { n($0.indicatorsJudged) } ?? .empty, l.map { n($0.indicatorsOnTarget) } ?? .empty,
                    l.map { percent($0.indicatorsOnTarget, $0.indicatorsJudged) } ?? .empty,
                    l.map { n($0.actionsCounted) } ?? .empty, l.map { n($0.actionsDone) } ?? .empty,
                    l.map { percent($0.actionsDone, $0.actionsCounted) } ?? .empty, .text(groupsOf[k].joined(separator: " ; "))]
            w.row(row)
        }
        for (k, b) in bodies.enumerated() {
            var row = [String](repeating: "", count: Portfolio.csvColumns.count)
            row[0] = "organisme sans contrat"
            row[1] = b.id
            row[2] = b.id
            row[3] = b.name ?? ""
            row[4] = b.tutelles.joined(separator: ", ")
            row[7] = b.lastEnd?.description ?? ""
            row[8] = ContractState.Kind.noContract.rawValue
            row[11] = b.lastContract ?? ""
            row[30] = bodyGroups[k].joined(separator: " ; ")
            w.row(row)
        }
        return w.output
    }
}
