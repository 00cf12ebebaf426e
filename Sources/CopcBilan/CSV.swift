import CopcFrench
import CopcLanguage
import CopcDiagnostics
import CopcModel

extension BilanReport {
    /// The report as CSV for a spreadsheet: UTF-8 with a BOM (so that Excel reads the accents),
    /// `;` between fields and a decimal comma (the French conventions Excel and LibreOffice
    /// apply to a `.csv` opened on a French system), CRLF line ends, RFC 4180 quoting, texts
    /// guarded against formulas (`CSVWriter`, the one CSV writer). Three blocks, one per table
    /// of annexe 1, each with its header line.
    public func csv() -> String {
        var w = CSVWriter()
        func row(_ fields: [String]) { w.row(fields) }
        func row(_ fields: [CSVField]) { w.row(fields) }
        row(["Tableau 1 — État d'avancement des actions", "bilan \(year)", "contrat \(contractId)"])
        row(["axe", "objectif", "état de l'objectif", "action", "intitulé", "délai", "état", "avancement", "achevé le", "nouveau délai", "livrables", "commentaire"])
        for s in sections {
            for o in s.objectives {
                for a in o.actions {
                    row([s.axe?.id ?? "", o.heading?.id ?? "", Wording.state(o.state), a.id, a.title ?? "", Wording.deadlines(a),
                         Wording.state(a.state), a.progress ?? "", a.completed?.description ?? "",
                         a.newDeadline ?? "", a.deliverables.joined(separator: " ; "), a.comment ?? ""])
                }
            }
        }
        w.blankLine()
        row(["Actions par état", "bilan \(year)"])
        row(["état", "actions"])
        for (state, n) in stateCounts { row([.text(Wording.state(state)), .number(Double(n))]) }
        row([.text("total"), .number(Double(actionCount))])
        w.blankLine()
        row(["Tableau 2 — Indicateurs : cibles et réalisés"])
        row(["axe", "objectif", "indicateur", "libellé", "intitulé", "unité", "année", "cible", "cible telle qu'écrite", "valeur cible",
             "réalisé", "réalisé tel qu'écrit", "valeur réalisée", "atteinte", "écart", "écart relatif", "analyse des écarts"])
        for s in sections {
            for o in s.objectives {
                for r in o.indicators {
                    for p in r.trajectory {
                        // Numbers in the indicator's unit: the target's resolved value (a quantity
                        // or a bound; a range has two), the réalisé converted.
                        var target = CSVField.empty
                        switch p.goal?.value {
                        case .quantity(let q)?, .bound(_, let q)?: target = .number(q.value)
                        default: break
                        }
                        let value = p.realizedValue.map(CSVField.number) ?? .empty
                        var gap = CSVField.empty, relative = CSVField.empty
                        if case .missed(let g)? = p.attainment, !g.french.isEmpty {
                            gap = .number(g.difference)
                            relative = g.relative.map { .number($0 * 100) } ?? .empty
                        }
                        let shown: String, written: String
                        switch p.realized {
                        case .unavailable?: shown = "non disponible"; written = ""
                        case .value?: shown = p.realizedShown ?? ""; written = p.realizedText ?? ""
                        case nil: shown = ""; written = ""
                        }
                        let texts = [s.axe?.id ?? "", o.heading?.id ?? "", r.id, r.label ?? "", r.title ?? "", r.unit?.symbol ?? ""]
                        row(texts.map(CSVField.text) + [.number(Double(p.year)), .text(p.targetShown ?? ""), .text(p.targetText ?? ""), target,
                                                         .text(shown), .text(written), value,
                                                         .text(Wording.attainment(p.attainment) ?? ""), gap, relative,
                                                         .text(p.year == year ? [r.analysis, r.motif].compactMap { $0 }.joined(separator: " ") : "")])
                    }
                }
            }
        }
        w.blankLine()
        row(["Tableau 3 — Risques, difficultés et mesures correctives"])
        row(["action", "intitulé", "état", "risque", "difficultés", "mesures correctives"])
        for a in riskRows {
            row([a.id, a.title ?? "", Wording.state(a.state), a.risk?.spelling ?? "", a.difficulties.joined(separator: " ; "),
                 a.correctiveMeasures.joined(separator: " ; ")])
        }
        return w.output
    }
}

