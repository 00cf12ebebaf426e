import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP105 — an indicator whose targets each derived contract sets (`cibles : déclinées`)
/// carries no `cible` line.
enum DeclinedTargetsHaveNoTarget: VersionRule {
    static func check(_ ctx: VersionContext) {
        for id in ctx.elements(.indicateur) {
            let e = ctx.tree[id]
            guard e.declinedTargets else { continue }
            var seen = Set<UInt32>()
            for p in e.properties where p.key == .cible && seen.insert(p.place.start).inserted {
                ctx.reporter.report(.targetOnDeclinedIndicator, at: p.place, subject: e)
            }
        }
    }
}
