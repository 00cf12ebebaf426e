import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP404 — an indicator declares its `unité`; the message gives the unit inferred from the
/// targets when they agree.
enum IndicatorHasUnit: VersionRule {
    static func check(_ ctx: VersionContext) {
        for id in ctx.elements(.indicateur) {
            let e = ctx.tree[id]
            guard e.first(.unite) == nil else { continue }
            // The units written on targets and bases, when they agree.
            var inferred: Unit?
            var agree = true
            func see(_ u: Unit) {
                if let i = inferred, i.symbol != u.symbol { agree = false } else { inferred = u }
            }
            for t in e.targets { for u in t.value.writtenUnits { see(u) } }
            for p in e.properties where p.key == .base { if case .base(let q?) = p.value, let u = q.unit { see(u) } }
            ctx.reporter.report(.missingUnit(inferred: agree ? inferred : nil), at: e.namePlace, subject: e)
        }
    }
}
