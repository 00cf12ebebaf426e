import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP401 — a target relative to the base (`-40 % de la base`) needs a `base`.
enum RelativeTargetHasBase: VersionRule {
    static func check(_ ctx: VersionContext) {
        for id in ctx.elements(.indicateur) {
            let e = ctx.tree[id]
            guard e.first(.base) == nil else { continue }
            for t in e.targets {
                if case .relative = t.value { ctx.reporter.report(.relativeWithoutBase, at: t.property.valuePlace, subject: e) }
            }
        }
    }
}
