import CopcFrench
import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP403 — with `sens : hausse` targets do not decrease from one year to the next (and
/// conversely for `baisse`); compared within one label, between targets of the same kind,
/// relative targets by their resolved value (`TargetChain`). Cumulative targets (`300
/// cumulés`, `cumul : oui`) grow even when the yearly quantity falls: with `sens : baisse`
/// they are not compared.
enum TargetsFollowDirection: ElementRule {
    /// Each indicator, against the version's period (its first year starts the relative chains).
    static let scope = RuleScope.element(kinds: [.indicateur], context: [.period])

    /// A target as written, followed for a relative one by its resolved value: `+2 points (52 %)`.
    static func shown(_ p: Point, _ e: Element, _ chain: TargetChain?, _ ctx: VersionContext) -> String {
        let written = ctx.text(p.place)
        guard let chain, e.properties[p.index].value.isTargetDependingOnOtherValue,
              let r = chain[property: p.index].value else { return written }
        return written + " (" + r.french(unit: e.unit) + ")"
    }

    /// One target to compare: its year, its label, its value scaled to the indicator's unit,
    /// its kind, and where it is.
    struct Point {
        let year: Int
        let label: String?
        /// `nil` for a target without a number (`à fixer par avenant`): it still separates its
        /// neighbours, which are not compared across it.
        var scaled: Double?
        var kind: TargetKind
        let place: Place
        /// The index of the property in the element (to show a relative target's value).
        let index: Int
    }

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let e = ctx.tree[id]
        guard let sens = e.direction else { return }
        let own = e.unit
        // Cumulative targets grow even when the quantity falls: not compared with `baisse`.
        let cumulativeIndicator = sens == .down && e.isCumulative
        var points: [Point] = []
        var labelled = false
        var relative = false
        for i in e.properties.indices where e.properties[i].key == .cible {
            guard let y = e.properties[i].year, case .target(let t) = e.properties[i].value else { continue }
            if sens == .down, cumulativeIndicator || t.kind == .cumulative { continue }
            let label = e.properties[i].label
            if label != nil { labelled = true }
            if t.dependsOnOtherValue { relative = true }
            let scaled = t.representative.map { $0 * ((t.firstUnit ?? own)?.scale ?? 1) }
            points.append(Point(year: y, label: label, scaled: scaled, kind: t.kind, place: e.properties[i].valuePlace, index: i))
        }
        // Relative targets take their resolved value (most indicators have none: no chain).
        let chain = relative ? ctx.chain(of: id) : nil
        if let chain {
            for k in points.indices where e.properties[points[k].index].value.isTargetDependingOnOtherValue {
                let r = chain[property: points[k].index].value
                points[k].scaled = r.map { $0.representative * (($0.unit ?? own)?.scale ?? 1) }
                points[k].kind = r?.kind ?? points[k].kind
            }
        }
        guard points.count > 1 else { return }
        // Most indicators have no labelled target: one group, no dictionary.
        let groups: [[Point]]
        if !labelled {
            groups = [points]
        } else {
            var byLabel: [String: [Point]] = [:]
            for p in points { byLabel[p.label ?? "", default: []].append(p) }
            groups = byLabel.keys.sorted().map { byLabel[$0]! }
        }
        for group in groups {
            let list = group.sorted { $0.year < $1.year }
            for (a, b) in zip(list, list.dropFirst()) {
                guard let va = a.scaled, let vb = b.scaled, a.kind == b.kind else { continue }
                if (sens == .up && vb < va) || (sens == .down && vb > va) {
                    ctx.reporter.report(.againstDirection(direction: sens, fromYear: a.year, toYear: b.year,
                                                          from: shown(a, e, chain, ctx), to: shown(b, e, chain, ctx)),
                                        at: b.place, subject: e)
                }
            }
        }
    }
}
