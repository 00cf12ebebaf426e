import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP401 — a target relative to the base (`-40 % de la base`) needs a `base`.
enum RelativeTargetHasBase: ElementRule {
    /// Each indicator alone.
    static let scope = RuleScope.element(kinds: [.indicateur], context: [])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let e = ctx.tree[id]
        guard !e.has(.base) else { return }
        for i in e.properties.indices where e.properties[i].key == .cible {
            if case .target(.relative) = e.properties[i].value {
                ctx.reporter.report(.relativeWithoutBase, at: e.properties[i].valuePlace, subject: e)
            }
        }
    }
}
