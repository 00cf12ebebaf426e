import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP400 — a target's (or base's) unit has the dimension of the indicator's unit; qualitative
/// targets (`équilibre`…) go with money indicators; milestones not with quantities of money,
/// duration or area; `+2 points` only with `%` or `points` indicators.
enum TargetUnitCompatible: ElementRule {
    /// Each indicator alone.
    static let scope = RuleScope.element(kinds: [.indicateur], context: [])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let e = ctx.tree[id]
        guard let unit = e.unit else { return }
        // Targets expanded from one `cible A .. B` line share their place: report it once.
        var lastReported: Place?
        func mismatch(_ shown: UnitMismatch, _ p: Property) {
            guard p.valuePlace != lastReported else { return }
            lastReported = p.valuePlace
            ctx.reporter.report(.unitMismatch(target: shown, indicator: unit), at: p.valuePlace, subject: e)
        }
        for p in e.properties {
            switch p.value {
            case .target(let t):
                if let u = t.unit(notIn: unit.dimension) { mismatch(.unit(u), p) }
                if case .qualitative(let q) = t, unit.dimension != .money { mismatch(.qualitative(q), p) }
                if case .milestone(let m) = t, [.money, .duration, .area].contains(unit.dimension) { mismatch(.milestone(m), p) }
                // Percentage points only move a percentage (or a gap measured in points); a
                // change relative to a year or the base is a rate (`%`) or a quantity of the
                // indicator's dimension.
                switch t {
                case .points:
                    if unit.dimension != .percent, unit.dimension != .points { mismatch(.unit(.points), p) }
                case .relativeToYear(_, let q), .relative(let q):
                    if let u = q.unit, u != .percent {
                        let fits = u.dimension == unit.dimension || (u == .points && unit.dimension == .percent)
                        if !fits { mismatch(.unit(u), p) }
                    }
                default: break
                }
            case .base(let q?):
                if let u = q.unit, u.dimension != unit.dimension { mismatch(.unit(u), p) }
            default: break
            }
        }
    }
}
