import CopcFrench
import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP405 — the `poids` given among siblings of one kind (the objectives of an axe or of the
/// contract, the sub-objectives or the indicators of an objective…) add up to exactly 1
/// (fractions added exactly: three times `1/3` is 1). Reported at the parent, with a note at
/// each weight. Sums are exact whatever the denominators (`ExactSum`, arbitrary precision); past
/// 4 096 bits of common denominator the sum is approximate and the message says so. Each
/// parent's children are visited once per weighted kind, and only in a tree that gives weights.
enum WeightsAddUp: ElementRule {
    /// The children of each element.
    static let scope = RuleScope.children

    static let weighted: [ElementKind] = [.objectif, .sousObjectif, .indicateur]

    /// The weights given to the children of one kind of one parent.
    struct Group {
        let parent: ElementID
        let kind: ElementKind
        var sum = ExactSum()
        var allPercent = true
        var weights: [Place] = []
    }

    /// The groups of one parent's children, one per weighted kind, in the order of `weighted`
    /// (a parent with two wrong groups is reported once, for the first).
    static func check(_ ctx: VersionContext, _ parent: ElementID) {
        guard ctx.tree.givesWeights else { return }
        let tree = ctx.tree
        var groups: [Group] = []
        for kind in weighted {
            for id in tree.children(of: parent) where tree[id].kind == kind {
                let e = tree[id]
                guard let i = e.properties.firstIndex(where: { $0.key == .poids }), case .weight(let w) = e.properties[i].value else { continue }
                if groups.last?.kind != kind { groups.append(Group(parent: parent, kind: kind)) }
                let g = groups.count - 1
                groups[g].sum.add(w.fraction)
                groups[g].weights.append(e.properties[i].valuePlace)
                if !w.percent { groups[g].allPercent = false }
            }
        }
        for g in groups {
            guard !g.sum.isOne else { continue }
            let p = tree[g.parent]
            let shown: String
            if !g.allPercent, let f = g.sum.fraction { shown = f.description } else { shown = percent(g.sum) }
            ctx.reporter.report(.weightsDoNotAddUp(parent: p.ref, kind: g.kind, count: g.weights.count, sum: shown),
                                at: p.namePlace, subject: p,
                                notes: g.weights.map { ctx.reporter.note(.weightHere(ctx.text($0)), at: $0) })
        }
    }

    /// A sum in percent, to two decimals in French notation (`90 %`, `99,99 %`); `environ`
    /// before a sum that is not exactly that value (rounded, or computed in `Double`).
    static func percent(_ sum: ExactSum) -> String {
        let shown = French.number(sum.value * 100, decimals: 2) + "\u{00A0}%"
        let exact = sum.fraction.map { f in (f.numerator * 10_000) % f.denominator == 0 && f.numerator <= Int.max / 10_000 } ?? false
        return exact ? shown : "environ " + shown
    }
}
