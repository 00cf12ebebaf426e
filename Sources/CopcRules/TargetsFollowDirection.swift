import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP403 — with `sens : hausse` targets do not decrease from one year to the next (and
/// conversely for `baisse`); compared within one label, between targets of the same kind.
enum TargetsFollowDirection: VersionRule {
    static func check(_ ctx: VersionContext) {
        for id in ctx.elements(.indicateur) {
            let e = ctx.tree[id]
            guard let sens = e.direction else { continue }
            let all = e.targets
            // Most indicators have no labelled target: one group, no dictionary.
            let groups: [[(year: Int, property: Property, value: TargetValue)]]
            if all.allSatisfy({ $0.property.label == nil }) {
                groups = [all]
            } else {
                var byLabel: [String: [(year: Int, property: Property, value: TargetValue)]] = [:]
                for t in all { byLabel[t.property.label ?? "", default: []].append(t) }
                groups = byLabel.keys.sorted().map { byLabel[$0]! }
            }
            let own = e.unit
            func scaled(_ t: TargetValue) -> Double? {
                guard let v = t.representative else { return nil }
                if case .relative = t { return v }
                return v * ((t.firstUnit ?? own)?.scale ?? 1)
            }
            for group in groups {
                let list = group.sorted { $0.year < $1.year }
                for (a, b) in zip(list, list.dropFirst()) {
                    guard let va = scaled(a.value), let vb = scaled(b.value), a.value.kind == b.value.kind else { continue }
                    if (sens == .up && vb < va) || (sens == .down && vb > va) {
                        ctx.reporter.report(.againstDirection(direction: sens, fromYear: a.year, toYear: b.year,
                                                              from: ctx.text(a.property.valuePlace), to: ctx.text(b.property.valuePlace)),
                                            at: b.property.valuePlace, subject: e)
                    }
                }
            }
        }
    }
}
