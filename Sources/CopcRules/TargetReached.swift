import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP603 (note) — a réalisé that misses the target of its year and label, judged by
/// `Attainment` (value along `sens`, bound, range, milestone), with the gap.
enum TargetReached: BilanRule {
    static func check(_ ctx: BilanContext) {
        for r in ctx.bilan.reports where r.kind == .indicateur {
            guard let indicator = ctx.reported(r) else { continue }
            let targets = ctx.setTargets(of: indicator)
            for (label, p, value) in r.realized {
                guard case .value(let realized) = value,
                      let target = targets.first(where: { $0.label == label }) else { continue }
                let judgement = Attainment.judge(target: target.value, realized: realized, unit: indicator.unit,
                                                 direction: indicator.direction, base: indicator.baseQuantity)
                guard case .missed(let gap) = judgement else { continue }
                ctx.reporter.report(.targetMissed(indicator: indicator.id ?? "", year: ctx.year, label: label,
                                                  target: ctx.text(target.property.valuePlace), realized: ctx.text(p.valuePlace),
                                                  gap: gap),
                                    at: p.valuePlace, subject: r)
            }
        }
    }
}
