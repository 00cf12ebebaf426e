import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP405 — the `poids` given among siblings of one kind (the objectives of an axe or of the
/// contract, the sub-objectives or the indicators of an objective…) add up to exactly 1
/// (fractions added exactly: three times `1/3` is 1). Reported at the parent, with a note at
/// each weight. A sum too large for exact arithmetic is not judged.
enum WeightsAddUp: VersionRule {
    static let weighted: [ElementKind] = [.objectif, .sousObjectif, .indicateur]

    static func check(_ ctx: VersionContext) {
        let tree = ctx.tree
        for parent in ctx.elements {
            // One pass over the children; the three kinds are summed side by side.
            var sums: [Fraction?] = [.zero, .zero, .zero]
            var places: [[(Place, String)]] = [[], [], []]
            var allPercent = [true, true, true]
            for c in tree.children(of: parent) {
                let child = tree[c]
                guard let k = weighted.firstIndex(of: child.kind), let i = child.properties.firstIndex(where: { $0.key == .poids }),
                      case .weight(let w) = child.properties[i].value else { continue }
                sums[k] = sums[k].flatMap { $0.adding(w.fraction) }
                places[k].append((child.properties[i].valuePlace, ctx.text(child.properties[i].valuePlace)))
                if !w.percent { allPercent[k] = false }
            }
            for k in weighted.indices where !places[k].isEmpty {
                guard let sum = sums[k], sum != .one else { continue }
                let p = tree[parent]
                let shown = allPercent[k] ? percent(sum) : sum.description
                ctx.reporter.report(.weightsDoNotAddUp(parent: p.ref, kind: weighted[k], count: places[k].count, sum: shown),
                                    at: p.namePlace, subject: p,
                                    notes: places[k].map { ctx.reporter.note(.weightHere($0.1), at: $0.0) })
            }
        }
    }

    /// A sum in percent, to two decimals in French notation (`90 %`, `99,99 %`).
    static func percent(_ f: Fraction) -> String {
        let hundredths = (f.value * 10_000).rounded() / 100
        let s = hundredths == hundredths.rounded() ? String(Int(hundredths)) : String(hundredths)
        return String(s.map { $0 == "." ? "," : $0 }) + " %"
    }
}
