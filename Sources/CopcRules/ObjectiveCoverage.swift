import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP500 / COP501 — an objective (or sub-objective) has at least one indicator / action in
/// its subtree. A sub-objective is not reported again when its objective already is.
/// Linear: what each subtree holds is gathered in one bottom-up pass.
enum ObjectiveCoverage: VersionRule {
    static func check(_ ctx: VersionContext) {
        let tree = ctx.tree
        // Whether the subtree of each element (itself excluded) holds an indicator, an action.
        var hasIndicator = [Bool](repeating: false, count: tree.capacity)
        var hasAction = [Bool](repeating: false, count: tree.capacity)
        for id in ctx.elements.reversed() {
            guard let p = tree[id].parent else { continue }
            let i = Int(id.index), pi = Int(p.index)
            let kind = tree[id].kind
            if kind == .indicateur || hasIndicator[i] { hasIndicator[pi] = true }
            if kind == .action || hasAction[i] { hasAction[pi] = true }
        }
        for id in ctx.elements {
            let e = tree[id]
            guard e.kind == .objectif || e.kind == .sousObjectif else { continue }
            let parentObjective = e.kind == .sousObjectif ? e.parent : nil
            for (has, message) in [(hasIndicator, Message.noIndicator(e.ref)), (hasAction, Message.noAction(e.ref))] {
                guard !has[Int(id.index)] else { continue }
                if let po = parentObjective, !has[Int(po.index)] { continue }
                ctx.reporter.report(message, at: e.namePlace, subject: e)
            }
        }
    }
}
