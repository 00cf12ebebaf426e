import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP300 — every deadline and step of an action denotes a window (design §3.4) that lies
/// inside the contract period; `tout au long du contrat` follows the period of each version.
/// (COP307, a deadline still `à préciser`, is a state check: `DeadlinesSpecified`.)
enum DeadlineWithinPeriod: ElementRule {
    /// Each action, against the version's period and its plans' periods.
    static let scope = RuleScope.element(kinds: [.action], context: [.period, .plans])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let e = ctx.tree[id]
        for i in e.properties.indices where e.properties[i].key == .delai || e.properties[i].key == .etape {
            guard case .deadline(let d) = e.properties[i].value else { continue }
            if case .toBeSpecified = d.form { continue }
            guard let period = ctx.period, let w = ctx.window(of: d) else { continue }
            if w.end > period.end || w.start < period.start {
                ctx.reporter.report(.deadlineOutsidePeriod(ref(e, i, ctx), window: w, period: period, after: w.end > period.end),
                                    at: e.properties[i].valuePlace, subject: e, notes: ctx.periodNote)
            }
        }
    }

    /// The deadline `i` of action `e` as messages name it (its text decoded only when reported).
    static func ref(_ e: Element, _ i: Int, _ ctx: VersionContext) -> DeadlineRef {
        let p = e.properties[i]
        return DeadlineRef(action: e.ref, stepTitle: p.key == .etape ? (p.stepTitle ?? "") : nil, label: p.label,
                           text: ctx.text(p.valuePlace))
    }
}
