import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP303 — targets still `à fixer par avenant`, one diagnostic per indicator listing the years,
/// judged on the version in force at `--au`. With `--strict`, an error once one of those years
/// has begun at the `--au` date.
enum PendingTargets: ElementRule {
    /// Each indicator alone, with the options (reported for the version in force only).
    static let scope = RuleScope.element(kinds: [.indicateur], context: [])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let e = ctx.tree[id]
        var years: [Int] = []
        for i in e.properties.indices where e.properties[i].key == .cible {
            guard let y = e.properties[i].year, case .target(.pending) = e.properties[i].value, !years.contains(y) else { continue }
            years.append(y)
        }
        guard !years.isEmpty else { return }
        years.sort()
        let begun = ctx.options.strict ? years.filter { $0 <= ctx.options.au.year } : []
        ctx.reporter.report(.pendingTargets(indicator: e.ref, years: years, begun: begun), at: e.namePlace, subject: e,
                            severity: begun.isEmpty ? nil : .error)
    }
}
