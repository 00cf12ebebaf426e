import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP302 — each year of the period has a target, `sans objet` or `à fixer par avenant`
/// (not for `nature : suivi` nor `cibles : déclinées`). One diagnostic per indicator, judged on
/// the version in force at the `--au` date.
enum EveryYearHasTarget: ElementRule {
    /// Each indicator, against the version's period (reported for the version in force only).
    static let scope = RuleScope.element(kinds: [.indicateur], context: [.period])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        guard let period = ctx.period else { return }
        let years = period.years
        let e = ctx.tree[id]
        guard e.nature != .followUp, !e.declinedTargets else { return }
        var covered = [Bool](repeating: false, count: years.count)
        for i in e.properties.indices where e.properties[i].key == .cible {
            if let y = e.properties[i].year, years.contains(y) { covered[y - years.lowerBound] = true }
        }
        let missing = years.filter { !covered[$0 - years.lowerBound] }
        if !missing.isEmpty {
            ctx.reporter.report(.missingTargets(indicator: e.ref, years: missing), at: e.namePlace, subject: e)
        }
    }
}
