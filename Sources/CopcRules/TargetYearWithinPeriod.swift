import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP301 — a target's year lies inside the contract period; a base may precede it but not
/// follow its end. `sans objet` and `à fixer par avenant` outside the period are harmless
/// (after an avenant shortens the period, no single target can be deleted).
enum TargetYearWithinPeriod: ElementRule {
    /// Each indicator, against the version's period.
    static let scope = RuleScope.element(kinds: [.indicateur], context: [.period])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        guard let period = ctx.period else { return }
        let e = ctx.tree[id]
        for p in e.properties {
            guard let y = p.year else { continue }
            if p.key == .cible, !period.years.contains(y), !isPlaceholder(p) {
                ctx.reporter.report(.targetYearOutsidePeriod(year: y, period: period), at: p.place, subject: e, notes: ctx.periodNote)
            } else if p.key == .base, y > period.end.year {
                ctx.reporter.report(.baseYearAfterPeriod(year: y, period: period), at: p.place, subject: e, notes: ctx.periodNote)
            }
        }
    }

    static func isPlaceholder(_ p: Property) -> Bool {
        if case .target(let t) = p.value { return t == .notApplicable || t == .pending }
        return false
    }
}
