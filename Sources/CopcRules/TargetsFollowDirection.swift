import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP403 — with `sens : hausse` targets do not decrease from one year to the next (and
/// conversely for `baisse`); compared within one label, between targets of the same kind.
enum TargetsFollowDirection: VersionRule {
    /// One target to compare: its year, its label, its value scaled to the indicator's unit,
    /// its kind, and where it is.
    struct Point {
        let year: Int
        let label: String?
        /// `nil` for a target without a number (`à fixer par avenant`): it still separates its
        /// neighbours, which are not compared across it.
        let scaled: Double?
        let kind: TargetKind
        let place: Place
    }

    static func check(_ ctx: VersionContext) {
        for id in ctx.elements(.indicateur) {
            let e = ctx.tree[id]
            guard let sens = e.direction else { continue }
            let own = e.unit
            var points: [Point] = []
            var labelled = false
            for i in e.properties.indices where e.properties[i].key == .cible {
                guard let y = e.properties[i].year, case .target(let t) = e.properties[i].value else { continue }
                var scaled = t.representative
                if let v = scaled, !(t.kind == .relative) { scaled = v * ((t.firstUnit ?? own)?.scale ?? 1) }
                let label = e.properties[i].label
                if label != nil { labelled = true }
                points.append(Point(year: y, label: label, scaled: scaled, kind: t.kind, place: e.properties[i].valuePlace))
            }
            guard points.count > 1 else { continue }
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
                                                              from: ctx.text(a.place), to: ctx.text(b.place)),
                                            at: b.place, subject: e)
                    }
                }
            }
        }
    }
}
