import CopcLanguage
import CopcModel
import CopcSheet

extension BilanReport {
    /// The report as a workbook (`copc bilan --format xlsx`), one sheet per table of annexe 1,
    /// typed cells through `CopcSheet`: identifiers and words as text (`1.1.1` stays `1.1.1`),
    /// targets, réalisés and gaps as numbers in the indicator's unit (a réalisé written
    /// `2,35 M€` for an indicator in k€ is 2350, shown `2 350 k€`; a gap of percentages is in
    /// points), the relative gap as a percentage, years as numbers, `achevé le` as a date,
    /// `avancement` as a number of percent. Each value is also given as written, beside it.
    public func workbook() -> Workbook {
        var book = Workbook(title: "Bilan \(year) — " + [contractId, contractTitle].compactMap { $0 }.joined(separator: " — "))
        var actions = Worksheet(name: "Actions", columns: [
            "axe", "objectif", "état de l'objectif", "action", "intitulé", "délai", "état", "avancement", "achevé le",
            "nouveau délai", "livrables", "commentaire",
        ].map { Column($0) })
        var indicators = Worksheet(name: "Indicateurs", columns: [
            "axe", "objectif", "indicateur", "libellé", "intitulé", "unité", "année", "cible", "valeur cible", "réalisé",
            "valeur réalisée", "atteinte", "écart", "écart relatif", "analyse des écarts",
        ].map { Column($0) })
        var risks = Worksheet(name: "Risques", columns: [
            "action", "intitulé", "état", "risque", "difficultés", "mesures correctives",
        ].map { Column($0) }, frozenColumns: 1)
        for s in sections {
            for o in s.objectives {
                for a in o.actions {
                    actions.append([text(s.axe?.id), text(o.heading?.id), .text(Wording.state(o.state)), .text(a.id), text(a.title),
                                    text(Wording.deadlines(a)), .text(Wording.state(a.state)),
                                    a.progressValue.flatMap { Cell.quantity($0, in: .percent, as: .percent) } ?? text(a.progress),
                                    a.completed.map(Cell.date) ?? .empty, text(a.newDeadline),
                                    text(a.deliverables.joined(separator: " ; ")), text(a.comment)])
                }
                for r in o.indicators {
                    for p in r.trajectory {
                        var realized = Cell.empty, value = Cell.empty
                        switch p.realized {
                        case .unavailable?: realized = .text("non disponible")
                        case .value(let v)?:
                            realized = text(p.realizedText)
                            if case .quantity(let q) = v { value = Cell.quantity(q, as: r.unit) ?? .empty }
                        case nil: break
                        }
                        var goal = Cell.empty
                        switch p.goal?.value {
                        case .quantity(let q)?, .bound(_, let q)?: goal = Cell.quantity(q, as: r.unit) ?? .empty
                        default: break
                        }
                        var gap = Cell.empty, relative = Cell.empty
                        if case .missed(let g)? = p.attainment, !g.french.isEmpty {
                            // A gap between percentages is in points: no « % » after it.
                            let unit = g.unit == .percent ? nil : g.unit
                            if g.difference.isFinite { gap = .number(g.difference, .fitting(g.difference, suffix: NumberFormat.suffix(unit))) }
                            if let rel = g.relative, rel.isFinite { relative = .number(rel, .fitting(rel, percent: true, maxDecimals: 1)) }
                        }
                        indicators.append([text(s.axe?.id), text(o.heading?.id), .text(r.id), text(r.label), text(r.title),
                                           text(r.unit?.symbol), .number(Double(p.year), .plain), text(p.targetShown), goal,
                                           realized, value, text(Wording.attainment(p.attainment)), gap, relative,
                                           p.year == year ? text([r.analysis, r.motif].compactMap { $0 }.joined(separator: " ")) : .empty])
                    }
                }
            }
        }
        for a in riskRows {
            risks.append([.text(a.id), text(a.title), .text(Wording.state(a.state)), text(a.risk?.spelling),
                          text(a.difficulties.joined(separator: " ; ")), text(a.correctiveMeasures.joined(separator: " ; "))])
        }
        book.sheets = [actions, indicators, risks]
        return book
    }
}

private func text(_ s: String?) -> Cell {
    guard let s, !s.isEmpty else { return .empty }
    return .text(s)
}
