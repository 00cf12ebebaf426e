import CopcFrench
import CopcLanguage
import CopcModel
import CopcHTML

extension BilanReport {
    /// The report as one self-contained, printable HTML page (A4), on the shared HTML layer:
    /// title page, the three tables per axe and objective, and each indicator's trajectory as
    /// a small SVG chart (targets as a line, réalisés as points, missed years crossed).
    public func html() -> String {
        let page = HTMLPage(title: "Bilan \(year) — contrat \(contractId)", orientation: .landscape, width: .wide,
                            runningHeader: "Bilan \(year) — \(contractId)")
        return page.render { w in
            var facts = [TitleFact("Contrat", contractId + (contractTitle.map { " — \($0)" } ?? "")),
                         TitleFact("Année", String(year)),
                         TitleFact("Version lue", "version \(version), en vigueur au 31 décembre \(year)")]
            if let established { facts.append(TitleFact("Établi le", French.date(established))) }
            if let bilanPath { facts.append(TitleFact("Fichier", bilanPath)) }
            if !bilanYears.isEmpty { facts.append(TitleFact("Bilans lus", bilanYears.map(String.init).joined(separator: ", "))) }
            w.titlePage(TitlePage(kind: "Bilan annuel de réalisation", title: bilanTitle ?? "Bilan \(year)", subtitle: contractTitle,
                                  facts: facts, mention: bilanTitle == nil ? "Aucun bilan n'est écrit pour \(year) : les tableaux montrent le contrat sans réalisé." : nil))

            // Tableau 1
            w.heading(level: 2, number: "1", title: "État d'avancement des actions", anchor: Anchor(prefix: "t", key: "1"))
            w.table(DataTable(caption: "Actions par état", columns: ["État", "Actions"], numericColumns: [1],
                              rows: stateCounts.map { [TableCell.rowHeader(Wording.state($0.state)), TableCell.number(Double($0.count), decimals: 0)] }
                                + [[TableCell.rowHeader("total"), TableCell.number(Double(actionCount), decimals: 0)]]))
            for s in sections {
                let objs = s.objectives.filter { !$0.actions.isEmpty }
                if objs.isEmpty { continue }
                w.heading(level: 3, title: Wording.heading("axe", s.axe))
                for o in objs {
                    w.table(DataTable(caption: Wording.heading("objectif", o.heading) + " — " + Wording.state(o.state),
                                      columns: ["Action", "Intitulé", "Délai", "État", "Avancement", "Achèvement ou nouveau délai", "Livrables", "Commentaire"],
                                      rows: o.actions.map { a in
                                          let end = a.completed.map { "achevé le \(French.date($0))" } ?? a.newDeadline.map { "nouveau délai : \($0)" } ?? ""
                                          return [TableCell.rowHeader(a.id), .prose(a.title ?? ""), .prose(Wording.deadlines(a)),
                                                  .text(Wording.state(a.state)), .text(a.progress ?? ""), .text(end),
                                                  .prose(a.deliverables.joined(separator: " ; ")), .prose(a.comment ?? "")]
                                      }))
                }
            }

            // Tableau 2
            w.element(.section, [.class(StyleClass.pageBreakBefore)]) { w in
                w.heading(level: 2, number: "2", title: "Indicateurs : cibles et réalisés", anchor: Anchor(prefix: "t", key: "2"))
                w.element(.p, prose: realizedSummary)
                w.element(.p, prose: "Chaque case donne « cible → réalisé » ; ✓ cible atteinte, ✗ non atteinte. Sur les graphiques, la cible est la ligne, le réalisé un point : plein s'il atteint la cible, creux et barré sinon.")
                let years = trajectoryYears
                for s in sections {
                    let objs = s.objectives.filter { !$0.indicators.isEmpty }
                    if objs.isEmpty { continue }
                    w.heading(level: 3, title: Wording.heading("axe", s.axe))
                    for o in objs {
                        w.table(DataTable(caption: Wording.heading("objectif", o.heading),
                                          columns: ["Indicateur", "Intitulé"] + years.map(String.init) + ["Écart \(year)", "Analyse des écarts"],
                                          rows: o.indicators.map { r in
                                              [TableCell.rowHeader(Wording.indicatorName(r)), .prose(r.title ?? "")]
                                                  + years.map { y in TableCell.prose(r.point(y).map(Wording.cell) ?? "") }
                                                  + [.prose(r.point(year).flatMap { Wording.gap($0.attainment) } ?? ""),
                                                     .prose([r.analysis, r.motif].compactMap { $0 }.joined(separator: " "))]
                                          }))
                        let charts = o.indicators.compactMap(trajectory)
                        if !charts.isEmpty {
                            w.element(.div, [.class(StyleClass.chartGrid)]) { w in
                                for c in charts { w.chart(c) }
                            }
                        }
                    }
                }
            }

            // Tableau 3
            w.element(.section, [.class(StyleClass.pageBreakBefore)]) { w in
                w.heading(level: 2, number: "3", title: "Risques, difficultés et mesures correctives", anchor: Anchor(prefix: "t", key: "3"))
                let risky = riskRows
                if risky.isEmpty {
                    w.element(.p, prose: "Aucun risque ni difficulté signalé.")
                } else {
                    w.table(DataTable(caption: "Actions à risque", columns: ["Action", "Intitulé", "État", "Risque", "Difficultés", "Mesures correctives"],
                                      rows: risky.map { a in
                                          [TableCell.rowHeader(a.id), .prose(a.title ?? ""), .text(Wording.state(a.state)), .text(a.risk?.spelling ?? ""),
                                           .prose(a.difficulties.joined(separator: " ; ")), .prose(a.correctiveMeasures.joined(separator: " ; "))]
                                      }))
                }
            }
        }
    }

    /// The chart of an indicator row, when at least one year has a drawable target or value:
    /// targets drawn at their resolved value and réalisés at their value, both in the
    /// indicator's unit. Counts and percentages are drawn from zero (a close miss must not look
    /// dramatic); amounts and durations on the range of their values, which the chart states.
    func trajectory(_ r: IndicatorRow) -> Trajectory? {
        var drawable = false
        let years: [Trajectory.Year] = r.trajectory.map { p in
            var target: Trajectory.Target?
            switch p.goal?.value {
            case .quantity(let q)?: target = .value(q.value); drawable = true
            case .range(let a, let b)?: target = .range(a.value, b.value); drawable = true
            case .bound(let op, let q)?:
                target = op == .atLeast || op == .moreThan ? .atLeast(q.value) : .atMost(q.value); drawable = true
            default: target = p.target == nil ? nil : .described(p.targetShown ?? "")
            }
            var actual: Trajectory.Actual?
            let outcome: Trajectory.Outcome
            switch p.attainment {
            case .reached?: outcome = .reached
            case .missed?: outcome = .missed
            default: outcome = .notAssessed
            }
            switch p.realized {
            case .value(.quantity)?:
                if let v = p.realizedValue { actual = .init(v, outcome: outcome); drawable = true }
                else { actual = .init(nil, outcome: .notAssessed, note: p.realizedShown) }
            case .value?: actual = .init(nil, outcome: outcome, note: p.realizedShown)
            case .unavailable?: actual = .init(nil, outcome: .notAssessed, note: "non disponible")
            case nil: actual = nil
            }
            return Trajectory.Year(p.year, target: target, actual: actual)
        }
        guard drawable else { return nil }
        let fromZero = r.unit == nil || r.unit == .percent || r.unit == .count || r.unit == .points
        return Trajectory(anchor: Anchor(prefix: "g", key: r.id + "|" + (r.label ?? "")),
                          title: Wording.indicatorName(r) + (r.title.map { " — \($0)" } ?? ""), unit: r.unit?.symbol, years: years,
                          axis: fromZero ? .fromZero : .fitted)
    }
}
