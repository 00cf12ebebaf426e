import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP302 — each year of the period has a target, `sans objet` or `à fixer par avenant`
/// (not for `nature : suivi` nor `cibles : déclinées`). One diagnostic per indicator, judged on
/// the version in force at the `--au` date.
enum EveryYearHasTarget: VersionRule {
    static func check(_ ctx: VersionContext) {
        guard ctx.inForce, let period = ctx.period else { return }
        for id in ctx.elements(.indicateur) {
            let e = ctx.tree[id]
            guard e.nature != .followUp, !e.declinedTargets else { continue }
            var covered = Set<Int>()
            for p in e.properties where p.key == .cible { if let y = p.year { covered.insert(y) } }
            let missing = period.years.filter { !covered.contains($0) }
            if !missing.isEmpty {
                ctx.reporter.report(.missingTargets(indicator: e.ref, years: missing), at: e.namePlace, subject: e)
            }
        }
    }
}
