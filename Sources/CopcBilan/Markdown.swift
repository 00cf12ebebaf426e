import CopcFrench
import CopcLanguage
import CopcModel

extension BilanReport {
    /// The report in Markdown, to paste into a review or a steering committee's minutes.
    public func markdown() -> String {
        var out = "# Bilan \(year) — contrat \(md(contractId))" + (contractTitle.map { " « \(md($0)) »" } ?? "") + "\n\n"
        out += intro() + "\n\n"
        out += "## Tableau 1 — État d'avancement des actions\n\n"
        out += "| État | Actions |\n|---|---:|\n"
        for (s, n) in stateCounts { out += "| \(Wording.state(s)) | \(French.number(n)) |\n" }
        out += "| **total** | **\(French.number(actionCount))** |\n\n"
        for s in sections {
            out += "### \(md(Wording.heading("axe", s.axe)))\n\n"
            for o in s.objectives where !o.actions.isEmpty {
                out += "#### \(md(Wording.heading("objectif", o.heading))) — \(Wording.state(o.state))\n\n"
                out += "| Action | Intitulé | Délai | État | Avancement | Achèvement ou nouveau délai | Livrables | Commentaire |\n"
                out += "|---|---|---|---|---:|---|---|---|\n"
                for a in o.actions {
                    let end = a.completed.map { "achevé le \(French.date($0))" } ?? a.newDeadline.map { "nouveau délai : \($0)" } ?? ""
                    out += "| \(md(a.id)) | \(md(a.title ?? "")) | \(md(Wording.deadlines(a))) | \(Wording.state(a.state)) | \(md(a.progress ?? "")) | \(md(end)) | \(md(a.deliverables.joined(separator: " ; "))) | \(md(a.comment ?? "")) |\n"
                }
                out += "\n"
            }
        }
        out += "## Tableau 2 — Indicateurs : cibles et réalisés\n\n"
        out += realizedSummary + " Chaque case donne « cible → réalisé » ; ✓ cible atteinte, ✗ non atteinte.\n\n"
        let years = trajectoryYears
        for s in sections {
            let objs = s.objectives.filter { !$0.indicators.isEmpty }
            if objs.isEmpty { continue }
            out += "### \(md(Wording.heading("axe", s.axe)))\n\n"
            for o in objs {
                out += "#### \(md(Wording.heading("objectif", o.heading)))\n\n"
                out += "| Indicateur | Intitulé | " + years.map(String.init).joined(separator: " | ") + " | Écart \(year) | Analyse des écarts |\n"
                out += "|---|---|" + years.map { _ in "---|" }.joined() + "---|---|\n"
                for r in o.indicators {
                    let cells = years.map { y in r.point(y).map(Wording.cell) ?? "" }
                    let gap = r.point(year).flatMap { Wording.gap($0.attainment) } ?? ""
                    let analysis = [r.analysis, r.motif].compactMap { $0 }.joined(separator: " ")
                    out += "| \(md(Wording.indicatorName(r))) | \(md(r.title ?? "")) | " + cells.map(md).joined(separator: " | ") + " | \(md(gap)) | \(md(analysis)) |\n"
                }
                out += "\n"
            }
        }
        out += "## Tableau 3 — Risques, difficultés et mesures correctives\n\n"
        let risky = riskRows
        if risky.isEmpty {
            out += "Aucun risque ni difficulté signalé.\n"
        } else {
            out += "| Action | Intitulé | État | Risque | Difficultés | Mesures correctives |\n|---|---|---|---|---|---|\n"
            for a in risky {
                out += "| \(md(a.id)) | \(md(a.title ?? "")) | \(Wording.state(a.state)) | \(a.risk?.spelling ?? "") | \(md(a.difficulties.joined(separator: " ; "))) | \(md(a.correctiveMeasures.joined(separator: " ; "))) |\n"
            }
        }
        return out
    }

    /// The sentence under the title: which bilan, which version.
    func intro() -> String {
        var s: String
        if let bilanTitle {
            s = "« \(md(bilanTitle)) »" + (established.map { ", établi le \(French.date($0))" } ?? "") + (bilanPath.map { " (\(md($0)))" } ?? "")
        } else {
            s = "Aucun bilan n'est écrit pour \(year)"
        }
        s += " ; version \(version) du contrat, en vigueur au 31 décembre \(year)"
        if !bilanYears.isEmpty { s += " ; bilans lus : " + bilanYears.map(String.init).joined(separator: ", ") }
        return s + "."
    }

    /// The years of the trajectories (the period up to N).
    public var trajectoryYears: [Int] {
        for s in sections { for o in s.objectives { if let r = o.indicators.first { return r.trajectory.map(\.year) } } }
        return [year]
    }

    /// Tableau 3: actions with a risk, a difficulty or a corrective measure.
    public var riskRows: [ActionRow] {
        sections.flatMap { $0.objectives.flatMap { $0.actions.filter { $0.risk != nil || !$0.difficulties.isEmpty || !$0.correctiveMeasures.isEmpty } } }
    }
}

/// A Markdown table cell: the one Markdown escaping (`Markdown.text`: HTML, links, images,
/// emphasis, `|`, control characters), line breaks flattened to spaces.
func md(_ s: String) -> String { Markdown.text(s) }
