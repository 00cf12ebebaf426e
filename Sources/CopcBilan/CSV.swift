import CopcFrench
import CopcLanguage
import CopcDiagnostics
import CopcModel

extension BilanReport {
    /// The report as CSV for a spreadsheet: UTF-8 with a BOM (so that Excel reads the accents),
    /// `;` between fields and a decimal comma (the French conventions Excel and LibreOffice
    /// apply to a `.csv` opened on a French system), CRLF line ends, RFC 4180 quoting. Three
    /// blocks, one per table of annexe 1, each with its header line.
    public func csv() -> String {
        var out = "\u{FEFF}"
        func row(_ fields: [String]) { out += fields.map(csvField).joined(separator: ";") + "\r\n" }
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
        out += "\r\n"
        row(["Tableau 2 — Indicateurs : cibles et réalisés"])
        row(["axe", "objectif", "indicateur", "libellé", "intitulé", "unité", "année", "cible", "réalisé", "valeur réalisée", "atteinte", "écart", "écart relatif", "analyse des écarts"])
        for s in sections {
            for o in s.objectives {
                for r in o.indicators {
                    for p in r.trajectory {
                        var value = ""
                        if case .value(.quantity(let q))? = p.realized { value = csvNumber(q.value) }
                        var gap = "", relative = ""
                        if case .missed(let g)? = p.attainment, !g.french.isEmpty {
                            gap = csvNumber(g.difference)
                            relative = g.relative.map { csvNumber($0 * 100) } ?? ""
                        }
                        let realized: String
                        switch p.realized {
                        case .unavailable?: realized = "non disponible"
                        case .value?: realized = p.realizedText ?? ""
                        case nil: realized = ""
                        }
                        row([s.axe?.id ?? "", o.heading?.id ?? "", r.id, r.label ?? "", r.title ?? "", r.unit?.symbol ?? "", String(p.year),
                             p.targetText ?? "", realized, value, Wording.attainment(p.attainment) ?? "", gap, relative,
                             p.year == year ? [r.analysis, r.motif].compactMap { $0 }.joined(separator: " ") : ""])
                    }
                }
            }
        }
        out += "\r\n"
        row(["Tableau 3 — Risques, difficultés et mesures correctives"])
        row(["action", "intitulé", "état", "risque", "difficultés", "mesures correctives"])
        for a in riskRows {
            row([a.id, a.title ?? "", Wording.state(a.state), a.risk?.spelling ?? "", a.difficulties.joined(separator: " ; "),
                 a.correctiveMeasures.joined(separator: " ; ")])
        }
        return out
    }
}

/// A field quoted when it holds `;`, `"` or a line break (RFC 4180, with `;`).
func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    var out = "\""
    for c in s { if c == "\"" { out += "\"\"" } else { out.append(c) } }
    return out + "\""
}

/// A number for a French spreadsheet: decimal comma, no grouping, `-` sign, up to 6 decimals.
func csvNumber(_ d: Double) -> String {
    JSONWriter.format(d).replacingDot()
}

extension String {
    func replacingDot() -> String { String(map { $0 == "." ? "," : $0 }) }
}
