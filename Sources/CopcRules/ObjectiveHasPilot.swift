import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP502 — an objective names a `pilote` or a `référent` (itself or its axe).
enum ObjectiveHasPilot: ElementRule {
    /// Each objective, with its parent (an axe's pilot stands for it).
    static let scope = RuleScope.element(kinds: [.objectif], context: [.parent])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        func piloted(_ x: Element) -> Bool { x.first(.pilote) != nil || x.first(.referent) != nil }
        let e = ctx.tree[id]
        if piloted(e) { return }
        if let p = e.parent, ctx.tree[p].kind == .axe, piloted(ctx.tree[p]) { return }
        ctx.reporter.report(.noPilot(e.ref), at: e.namePlace, subject: e)
    }
}
