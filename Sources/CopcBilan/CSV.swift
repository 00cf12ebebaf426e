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
                    row([s.axe?.id ?? "", o.heading?.id ?? "", Wording.state(o.state), a.id, a.title ?? "", a.deadline ?? "",
                         a.reported || a.due ? Wording.state(a.state) : "", a.progress ?? "", a.completed?.description ?? "",
                         a.newDeadline ?? "", a.deliverables.joined(separator: " ; "), a.comment ?? ""])
                }
            }
        }
        w.blankLine()
        row(["Tableau 2 — Indicateurs : cibles et réalisés"])
        row(["axe", "objectif", "indicateur", "libellé", "intitulé", "unité", "année", "cible", "réalisé", "valeur réalisée", "atteinte", "écart", "écart relatif", "analyse des écarts"])
        for s in sections {
            for o in s.objectives {
                for r in o.indicators {
                    for p in r.trajectory {
                        var value = CSVField.empty
                        if case .value(.quantity(let q))? = p.realized { value = .number(q.value) }
                        var gap = CSVField.empty, relative = CSVField.empty
                        if case .missed(let g)? = p.attainment, !g.french.isEmpty {
                            gap = .number(g.difference)
                            relative = g.relative.map { .number($0 * 100) } ?? .empty
                        }
                        let realized: String
                        switch p.realized {
                        case .unavailable?: realized = "non disponible"
                        case .value?: realized = p.realizedText ?? ""
                        case nil: realized = ""
                        }
                        let texts = [s.axe?.id ?? "", o.heading?.id ?? "", r.id, r.label ?? "", r.title ?? "", r.unit?.symbol ?? ""]
                        row(texts.map(CSVField.text) + [.number(Double(p.year)), .text(p.targetText ?? ""), .text(realized), value,
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

