import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP601 — a `réalisé` has the dimension of the indicator's unit (as targets, COP400), and a
/// labelled `réalisé (LABEL)` matches a target of the year with that label.
enum RealizedCompatible: BilanRule {
    static func check(_ ctx: BilanContext) {
        for r in ctx.bilan.reports where r.kind == .indicateur {
            guard let indicator = ctx.reported(r) else { continue }
            let labels = Set(ctx.setTargets(of: indicator).compactMap(\.label)).sorted()
            for (label, p, value) in r.realized {
                if let label, !labels.contains(label) {
                    ctx.reporter.report(.realizedUnknownLabel(label: label, year: ctx.year, labels: labels),
                                        at: p.keyPlace, subject: r)
                }
                guard case .value(let t) = value, let unit = indicator.unit else { continue }
                if let u = t.unit(notIn: unit.dimension) {
                    ctx.reporter.report(.realizedUnitMismatch(realized: .unit(u), indicator: unit), at: p.valuePlace, subject: r)
                } else if case .qualitative(let q) = t, unit.dimension != .money {
                    ctx.reporter.report(.realizedUnitMismatch(realized: .qualitative(q), indicator: unit), at: p.valuePlace, subject: r)
                } else if case .milestone(let m) = t, [.money, .duration, .area, .percent, .count].contains(unit.dimension) {
                    ctx.reporter.report(.realizedUnitMismatch(realized: .milestone(m), indicator: unit), at: p.valuePlace, subject: r)
                }
            }
        }
    }
}
