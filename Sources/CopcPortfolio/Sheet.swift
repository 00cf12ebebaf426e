import CopcFrench
import CopcLanguage
import CopcSheet

extension Portfolio {
    /// The portfolio as a workbook (`copc portefeuille --format xlsx`, through `CopcSheet`):
    /// a sheet of contracts (the columns of the CSV export, typed: ids and words as text,
    /// dates as dates, counts as numbers, shares as percentages), a sheet of the bodies
    /// without a contract, and a sheet of the totals of each group and of the portfolio.
    public func workbook() -> Workbook {
        var book = Workbook(title: title)
        var contractsSheet = Worksheet(name: "Contrats", columns: Portfolio.csvColumns.dropFirst().map { Column($0) }, frozenColumns: 1)
        var groupsOf = [[String]](repeating: [], count: contracts.count)
        var bodyGroups = [[String]](repeating: [], count: bodies.count)
        for g in groups {
            for k in g.contracts { groupsOf[k].append(g.label) }
            for k in g.bodies { bodyGroups[k].append(g.label) }
        }
        func n(_ i: Int) -> Cell { .number(Double(i), .integer) }
        func year(_ i: Int) -> Cell { .number(Double(i), .plain) }
        func text(_ s: String?) -> Cell { s.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
        func share(_ part: Int, _ whole: Int) -> Cell {
            whole > 0 ? .number(Double(part) / Double(whole), NumberFormat(percent: true)) : .empty
        }
        for (k, r) in contracts.enumerated() {
            let l = r.latestBilan
            var months = Cell.empty
            if case .expiring(let m) = r.state { months = n(m) }
            contractsSheet.append([.text(r.id), text(r.body), text(r.bodyName), text(r.tutelles.joined(separator: ", ")),
                                   text(r.type?.spelling), r.period.map { .date($0.start) } ?? .empty,
                                   r.period.map { .date($0.end) } ?? .empty, .text(r.state.kind.rawValue), months,
                                   text(r.successor), text(r.predecessor), n(r.version), n(r.avenants),
                                   n(r.diagnostics.errors), n(r.diagnostics.warnings), n(r.diagnostics.notes),
                                   n(r.pendingTargets.count), n(r.overdueTargets.count), n(r.lateActions.count),
                                   n(r.bilans.present.count), r.bilans.calendar ? n(r.bilans.expected.count) : .empty,
                                   r.bilans.calendar ? n(r.bilans.missing.count) : .empty, l.map { year($0.year) } ?? .empty,
                                   l.map { n($0.indicatorsJudged) } ?? .empty, l.map { n($0.indicatorsOnTarget) } ?? .empty,
                                   l.map { share($0.indicatorsOnTarget, $0.indicatorsJudged) } ?? .empty,
                                   l.map { n($0.actionsCounted) } ?? .empty, l.map { n($0.actionsDone) } ?? .empty,
                                   l.map { share($0.actionsDone, $0.actionsCounted) } ?? .empty,
                                   text(groupsOf[k].joined(separator: " ; "))])
        }
        var bodiesSheet = Worksheet(name: "Organismes sans contrat", columns: [
            "organisme", "nom", "catégorie", "tutelles", "dernier contrat", "fin du dernier contrat", "annuaire", "ligne", "groupes",
        ].map { Column($0) }, frozenColumns: 1)
        for (k, b) in bodies.enumerated() {
            bodiesSheet.append([.text(b.id), text(b.name), text(b.category), text(b.tutelles.joined(separator: ", ")),
                                text(b.lastContract), b.lastEnd.map(Cell.date) ?? .empty, .text(b.file), n(b.line),
                                text(bodyGroups[k].joined(separator: " ; "))])
        }
        var totalsSheet = Worksheet(name: "Totaux", columns: ([
            "groupe", "contrats",
        ] + ContractState.Kind.allCases.map(\.rawValue) + [
            "expirant dans l'année sans successeur", "erreurs", "avertissements", "notes", "cibles à fixer", "dont année close",
            "actions en retard", "bilans attendus", "bilans présents", "bilans manquants",
        ]).map { Column($0) }, frozenColumns: 1)
        func totalsRow(_ label: String, _ t: Totals) -> [Cell] {
            [.text(label), n(t.contracts)] + ContractState.Kind.allCases.map { n(t.count($0)) } + [
                n(t.expiringWithoutSuccessor), n(t.diagnostics.errors), n(t.diagnostics.warnings), n(t.diagnostics.notes),
                n(t.pendingTargets), n(t.overdueTargets), n(t.lateActions), n(t.bilansExpected), n(t.bilansPresent),
                n(t.bilansMissing),
            ]
        }
        for g in groups { totalsSheet.append(totalsRow(g.label, g.totals)) }
        totalsSheet.append(totalsRow("portefeuille", totals))
        book.sheets = [contractsSheet, bodiesSheet, totalsSheet]
        return book
    }
}
