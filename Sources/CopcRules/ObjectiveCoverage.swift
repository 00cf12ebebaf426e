import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP500 / COP501 — an objective (or sub-objective) has at least one indicator / action in
/// its subtree. A sub-objective is not reported again when its objective already is.
/// Linear: what each subtree holds is counted once (`SubtreeCounts`), then kept up to date
/// from version to version by what the avenants add and remove.
enum ObjectiveCoverage: ElementRule {
    /// Each objective and sub-objective, with what its subtree holds and, for a sub-objective,
    /// what its parent's holds.
    static let scope = RuleScope.subtree(counted: [.indicateur, .action], kinds: [.objectif, .sousObjectif], parentFor: [.sousObjectif])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let e = ctx.tree[id]
        let parentObjective = e.kind == .sousObjectif ? e.parent : nil
        for (kind, message) in [(ElementKind.indicateur, Message.noIndicator(e.ref)), (.action, Message.noAction(e.ref))] {
            guard !ctx.holds(kind, below: id) else { continue }
            if let po = parentObjective, !ctx.holds(kind, below: po) { continue }
            ctx.reporter.report(message, at: e.namePlace, subject: e)
        }
    }
}
