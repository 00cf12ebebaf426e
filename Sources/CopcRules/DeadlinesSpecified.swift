import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP307 — a deadline still `à préciser` in the version in force at the `--au` date (as
/// COP303): once an avenant in force sets it, it is no longer reported.
enum DeadlinesSpecified: ElementRule {
    /// Each action alone (reported for the version in force only).
    static let scope = RuleScope.element(kinds: [.action], context: [])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let e = ctx.tree[id]
        for i in e.properties.indices where e.properties[i].key == .delai || e.properties[i].key == .etape {
            guard case .deadline(let d) = e.properties[i].value, case .toBeSpecified = d.form else { continue }
            ctx.reporter.report(.deadlineToBeSpecified(DeadlineWithinPeriod.ref(e, i, ctx)), at: e.properties[i].valuePlace, subject: e)
        }
    }
}
