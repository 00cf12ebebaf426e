import CopcSyntax
import CopcDiagnostics
import CopcSema
import CopcLanguage

extension Element {
    /// Targets of an indicator: (year, prop, value), in source order.
    var targets: [(Int, Prop, TargetValue)] {
        props.compactMap { p in
            guard p.key == .cible, let y = p.years?.lowerBound, case .target(let t) = p.value else { return nil }
            return (y, p, t)
        }
    }

    var followedOnly: Bool { nature == .followUp }
}

/// COP301 — a target's year lies inside the contract period; a base may precede it but not
/// follow its end. `sans objet` and `à fixer par avenant` outside the period are harmless
/// (after an avenant shortens the period, no single target can be deleted).
enum TargetYearWithinPeriod: VersionRule {
    static func isPlaceholder(_ p: Prop) -> Bool {
        if case .target(let t) = p.value { return t == .notApplicable || t == .pending }
        return false
    }

    static func check(_ ctx: VersionContext) {
        guard let period = ctx.period else { return }
        ctx.version.root.forEach { e in
            guard e.kind == .indicateur else { return }
            for p in e.props {
                guard let y = p.years?.lowerBound else { continue }
                if p.key == .cible, !period.years.contains(y), !isPlaceholder(p) {
                    ctx.reporter.report(.targetYearOutsidePeriod(year: y, period: period), at: p.span, subject: e, notes: ctx.periodNote)
                } else if p.key == .base, y > period.end.year {
                    ctx.reporter.report(.baseYearAfterPeriod(year: y, period: period), at: p.span, subject: e, notes: ctx.periodNote)
                }
            }
        }
    }
}

/// COP302 — each year of the period has a target, `sans objet` or `à fixer par avenant`
/// (not for `nature : suivi` nor `cibles : déclinées`). One diagnostic per indicator, judged on
/// the version in force at the `--au` date.
enum EveryYearHasTarget: VersionRule {
    static func check(_ ctx: VersionContext) {
        guard ctx.inForce, let period = ctx.period else { return }
        ctx.version.root.forEach { e in
            guard e.kind == .indicateur, !e.followedOnly, !e.declinedTargets else { return }
            var covered = Set<Int>()
            for p in e.props where p.key == .cible { if let y = p.years?.lowerBound { covered.insert(y) } }
            let missing = period.years.filter { !covered.contains($0) }
            if !missing.isEmpty {
                ctx.reporter.report(.missingTargets(indicator: e.ref, years: missing), at: e.idSpan ?? e.span, subject: e)
            }
        }
    }
}

/// COP303 — targets still `à fixer par avenant`, one diagnostic per indicator listing the years,
/// judged on the version in force at `--au`. With `--strict`, an error once one of those years
/// has begun at the `--au` date.
enum PendingTargets: VersionRule {
    static func check(_ ctx: VersionContext) {
        guard ctx.inForce else { return }
        ctx.version.root.forEach { e in
            guard e.kind == .indicateur else { return }
            var years: [Int] = []
            for (y, _, t) in e.targets where t == .pending && !years.contains(y) { years.append(y) }
            guard !years.isEmpty else { return }
            years.sort()
            let begun = ctx.options.strict ? years.filter { $0 <= ctx.options.au.year } : []
            ctx.reporter.report(.pendingTargets(indicator: e.ref, years: years, begun: begun), at: e.idSpan ?? e.span, subject: e,
                                severity: begun.isEmpty ? nil : .error)
        }
    }
}

/// COP400 — a target's (or base's) unit has the dimension of the indicator's unit; qualitative
/// targets (`équilibre`…) go with money indicators; milestones not with quantities of money,
/// duration or area.
enum TargetUnitCompatible: VersionRule {
    static func check(_ ctx: VersionContext) {
        ctx.version.root.forEach { e in
            guard e.kind == .indicateur, let unit = e.unit else { return }
            // Targets expanded from one `cible A .. B` line share their place: report it once.
            var lastReported = -1
            func mismatch(_ shown: UnitMismatch, _ p: Prop) {
                guard p.valueSpan.range.start != lastReported else { return }
                lastReported = p.valueSpan.range.start
                ctx.reporter.report(.unitMismatch(target: shown, indicator: unit), at: p.valueSpan, subject: e)
            }
            for p in e.props {
                switch p.value {
                case .target(let t):
                    if let u = t.unit(notIn: unit.dimension) { mismatch(.unit(u), p) }
                    if case .qualitative(let q) = t, unit.dimension != .money { mismatch(.qualitative(q), p) }
                    if case .milestone(let m) = t, [.money, .duration, .area].contains(unit.dimension) { mismatch(.milestone(m), p) }
                case .base(let q?):
                    if let u = q.unit, u.dimension != unit.dimension { mismatch(.unit(u), p) }
                default: break
                }
            }
        }
    }
}

/// COP401 — a target relative to the base (`-40 % de la base`) needs a `base`.
enum RelativeTargetHasBase: VersionRule {
    static func check(_ ctx: VersionContext) {
        ctx.version.root.forEach { e in
            guard e.kind == .indicateur, e.first(.base) == nil else { return }
            for (_, p, t) in e.targets {
                if case .relative = t { ctx.reporter.report(.relativeWithoutBase, at: p.valueSpan, subject: e) }
            }
        }
    }
}

/// COP402 — in `entre A et B`, A does not exceed B (units scaled).
enum RangeOrdered: VersionRule {
    static func check(_ ctx: VersionContext) {
        ctx.version.root.forEach { e in
            guard e.kind == .indicateur else { return }
            for (_, p, t) in e.targets {
                guard case .range(let a, let b) = t else { continue }
                let sa = a.value * (a.unit?.scale ?? 1), sb = b.value * (b.unit?.scale ?? 1)
                if sa > sb { ctx.reporter.report(.invertedRange(low: a, high: b), at: p.valueSpan, subject: e) }
            }
        }
    }
}

/// COP403 — with `sens : hausse` targets do not decrease from one year to the next (and
/// conversely for `baisse`); compared within one label, between targets of the same kind.
enum TargetsFollowDirection: VersionRule {
    static func check(_ ctx: VersionContext) {
        ctx.version.root.forEach { e in
            guard e.kind == .indicateur, let sens = e.direction else { return }
            let all = e.targets
            // Most indicators have no labelled target: one group, no dictionary.
            let groups: [[(Int, Prop, TargetValue)]]
            if all.allSatisfy({ $0.1.label == nil }) {
                groups = [all]
            } else {
                var byLabel: [String: [(Int, Prop, TargetValue)]] = [:]
                for t in all { byLabel[t.1.label ?? "", default: []].append(t) }
                groups = byLabel.keys.sorted().map { byLabel[$0]! }
            }
            for group in groups {
                let list = group.sorted { $0.0 < $1.0 }
                let own = e.unit
                func scaled(_ t: TargetValue) -> Double? {
                    guard let v = t.representative else { return nil }
                    if case .relative = t { return v }
                    return v * ((t.firstUnit ?? own)?.scale ?? 1)
                }
                for (a, b) in zip(list, list.dropFirst()) {
                    guard let va = scaled(a.2), let vb = scaled(b.2), a.2.kind == b.2.kind else { continue }
                    if (sens == .up && vb < va) || (sens == .down && vb > va) {
                        ctx.reporter.report(.againstDirection(direction: sens, fromYear: a.0, toYear: b.0, from: a.1.rawValue, to: b.1.rawValue),
                                            at: b.1.valueSpan, subject: e)
                    }
                }
            }
        }
    }
}

/// COP404 — an indicator declares its `unité`; the message gives the unit inferred from the
/// targets when they agree.
enum IndicatorHasUnit: VersionRule {
    static func check(_ ctx: VersionContext) {
        ctx.version.root.forEach { e in
            guard e.kind == .indicateur, e.first(.unite) == nil else { return }
            // The units written on targets and bases, when they agree.
            var inferred: Unit?
            var agree = true
            func see(_ u: Unit) {
                if let i = inferred, i.symbol != u.symbol { agree = false } else { inferred = u }
            }
            for (_, _, t) in e.targets { for u in t.writtenUnits { see(u) } }
            for p in e.props where p.key == .base { if case .base(let q?) = p.value, let u = q.unit { see(u) } }
            ctx.reporter.report(.missingUnit(inferred: agree ? inferred : nil), at: e.idSpan ?? e.span, subject: e)
        }
    }
}

/// COP105 — an indicator whose targets each derived contract sets (`cibles : déclinées`)
/// carries no `cible` line.
enum DeclinedTargetsHaveNoTarget: VersionRule {
    static func check(_ ctx: VersionContext) {
        ctx.version.root.forEach { e in
            guard e.kind == .indicateur, e.declinedTargets else { return }
            var seen = Set<Int>()
            for p in e.props where p.key == .cible && seen.insert(p.span.range.start).inserted {
                ctx.reporter.report(.targetOnDeclinedIndicator, at: p.span, subject: e)
            }
        }
    }
}
