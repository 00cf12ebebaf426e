import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP402 — in `entre A et B`, A does not exceed B (units scaled).
enum RangeOrdered: VersionRule {
    static func check(_ ctx: VersionContext) {
        for id in ctx.elements(.indicateur) {
            let e = ctx.tree[id]
            for t in e.targets {
                guard case .range(let a, let b) = t.value else { continue }
                let sa = a.value * (a.unit?.scale ?? 1), sb = b.value * (b.unit?.scale ?? 1)
                if sa > sb { ctx.reporter.report(.invertedRange(low: a, high: b), at: t.property.valuePlace, subject: e) }
            }
        }
    }
}
