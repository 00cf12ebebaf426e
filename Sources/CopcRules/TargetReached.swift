import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP603 (note) — a réalisé that misses the target of its year and label, judged by
/// `Attainment` (value along `sens`, bound, range, milestone) against its `Goal` (a relative
/// target by its resolved value, `≥ N-1` by the previous year's réalisé), with the gap; the
/// target and the réalisé are worded in the indicator's unit, the written form beside them.
enum TargetReached: BilanRule {
    static func check(_ ctx: BilanContext) {
        for r in ctx.bilan.reports where r.kind == .indicateur {
            guard let indicator = ctx.reported(r) else { continue }
            let targets = ctx.setTargets(of: indicator)
            for (label, p, value) in r.realized {
                guard case .value(let realized) = value,
                      let goal = targets.first(where: { $0.label == label }),
                      case .missed(let gap)? = goal.judge(realized, indicator: indicator) else { continue }
                let unit = goal.unit
                ctx.reporter.report(.targetMissed(indicator: indicator.id ?? "", year: ctx.year, label: label,
                                                  target: goal.french(asWritten: ctx.text(goal.property.valuePlace)),
                                                  realized: Attainment.french(realized: realized, asWritten: ctx.text(p.valuePlace), unit: unit),
                                                  gap: gap),
                                    at: p.valuePlace, subject: r)
            }
        }
    }
}
