import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP404 — an indicator declares its `unité`; the message gives the unit inferred from the
/// targets when they agree.
enum IndicatorHasUnit: ElementRule {
    /// Each indicator alone.
    static let scope = RuleScope.element(kinds: [.indicateur], context: [])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let e = ctx.tree[id]
        guard !e.has(.unite) else { return }
        // The units written on targets and bases, when they agree.
        var inferred: Unit?
        var agree = true
        func see(_ u: Unit) {
            if let i = inferred, i != u { agree = false } else { inferred = u }
        }
        for i in e.properties.indices {
            switch e.properties[i].value {
            case .target(let t) where e.properties[i].key == .cible: for u in t.writtenUnits { see(u) }
            default: break
            }
        }
        for i in e.properties.indices where e.properties[i].key == .base {
            if case .base(let q?) = e.properties[i].value, let u = q.unit { see(u) }
        }
        ctx.reporter.report(.missingUnit(inferred: agree ? inferred : nil), at: e.namePlace, subject: e)
    }
}
