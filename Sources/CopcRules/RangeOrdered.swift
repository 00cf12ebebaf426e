import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP402 — in `entre A et B`, A does not exceed B (units scaled).
enum RangeOrdered: ElementRule {
    /// Each indicator alone.
    static let scope = RuleScope.element(kinds: [.indicateur], context: [])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let e = ctx.tree[id]
        for i in e.properties.indices where e.properties[i].key == .cible {
            guard case .target(.range(let a, let b)) = e.properties[i].value else { continue }
            let sa = a.value * (a.unit?.scale ?? 1), sb = b.value * (b.unit?.scale ?? 1)
            if sa > sb { ctx.reporter.report(.invertedRange(low: a, high: b), at: e.properties[i].valuePlace, subject: e) }
        }
    }
}
