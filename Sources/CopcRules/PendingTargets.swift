import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP303 — targets still `à fixer par avenant`, one diagnostic per indicator listing the years,
/// judged on the version in force at `--au`. With `--strict`, an error once one of those years
/// has begun at the `--au` date.
enum PendingTargets: VersionRule {
    static func check(_ ctx: VersionContext) {
        guard ctx.inForce else { return }
        for id in ctx.elements(.indicateur) {
            let e = ctx.tree[id]
            var years: [Int] = []
            for i in e.properties.indices where e.properties[i].key == .cible {
                guard let y = e.properties[i].year, case .target(.pending) = e.properties[i].value, !years.contains(y) else { continue }
                years.append(y)
            }
            guard !years.isEmpty else { continue }
            years.sort()
            let begun = ctx.options.strict ? years.filter { $0 <= ctx.options.au.year } : []
            ctx.reporter.report(.pendingTargets(indicator: e.ref, years: years, begun: begun), at: e.namePlace, subject: e,
                                severity: begun.isEmpty ? nil : .error)
        }
    }
}
