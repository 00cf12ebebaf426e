import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP502 — an objective names a `pilote` or a `référent` (itself or its axe).
enum ObjectiveHasPilot: VersionRule {
    static func check(_ ctx: VersionContext) {
        func piloted(_ x: Element) -> Bool { x.first(.pilote) != nil || x.first(.referent) != nil }
        for id in ctx.elements(.objectif) {
            let e = ctx.tree[id]
            if piloted(e) { continue }
            if let p = e.parent, ctx.tree[p].kind == .axe, piloted(ctx.tree[p]) { continue }
            ctx.reporter.report(.noPilot(e.ref), at: e.namePlace, subject: e)
        }
    }
}
