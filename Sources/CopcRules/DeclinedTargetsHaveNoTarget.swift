import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP105 — an indicator whose targets each derived contract sets (`cibles : déclinées`)
/// carries no `cible` line.
enum DeclinedTargetsHaveNoTarget: ElementRule {
    /// Each indicator alone.
    static let scope = RuleScope.element(kinds: [.indicateur], context: [])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let e = ctx.tree[id]
        guard e.declinedTargets else { return }
        var seen = Set<UInt32>()
        for p in e.properties where p.key == .cible && seen.insert(p.place.start).inserted {
            ctx.reporter.report(.targetOnDeclinedIndicator, at: p.place, subject: e)
        }
    }
}
