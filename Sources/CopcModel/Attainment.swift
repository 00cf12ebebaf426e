import CopcLanguage

/// Whether a réalisé reaches its target (design §9, COP603), following the target's form: a
/// value is judged along the indicator's `sens` (else the direction from the base to the
/// target, else upward), a bound and a range as written, a milestone by its word.
///
/// Relative targets (`+2 points`, `maintien`, `≥ N-1`, design §3.5) are judged by their
/// resolved value: the caller passes the resolved form (`.quantity` or `.bound`) as `target`,
/// so this judgement needs no change when the model resolves them.
public enum Attainment: Hashable, Sendable {
    case reached
    case missed(Gap)
    /// Free text, a form without a comparable value, or units of different dimensions.
    case notComparable

    /// Judges `realized` against `target` for an indicator of unit `unit`, direction
    /// `direction` and base `base`.
    public static func judge(target: TargetValue, realized: TargetValue, unit: Unit?, direction: Direction?,
                             base: Quantity?) -> Attainment {
        // The unit of reference: the indicator's, else the target's.
        let reference = unit ?? target.firstUnit ?? realizedUnit(realized)
        func value(_ q: Quantity) -> Double? {
            guard let u = q.unit, let r = reference else { return q.value }
            guard u.dimension == r.dimension else { return nil }
            return q.value * u.scale / r.scale
        }
        func gap(_ r: Double, _ goal: Double) -> Gap {
            let d = r - goal
            let relative: Double? = reference == .percent || goal == 0 ? nil : d / abs(goal)
            return Gap(difference: d, unit: reference, relative: relative)
        }
        // Milestones and qualitative values.
        switch (target, realized) {
        case (.milestone(let t), .milestone(let r)):
            let want = t != .no
            let got = r != .no
            return want == got ? .reached : .missed(Gap(difference: 0, unit: nil, relative: nil))
        case (.qualitative(let t), .qualitative(let r)):
            return t == r ? .reached : .missed(Gap(difference: 0, unit: nil, relative: nil))
        case (.qualitative(let t), .quantity(let q)):
            guard let r = value(q) else { return .notComparable }
            switch t {
            case .balance: return r >= 0 ? .reached : .missed(gap(r, 0))
            case .surplus: return r > 0 ? .reached : .missed(gap(r, 0))
            case .deficit: return .notComparable
            }
        default: break
        }
        guard case .quantity(let rq) = realized, let r = value(rq) else { return .notComparable }
        switch target {
        case .quantity(let tq):
            guard let goal = value(tq) else { return .notComparable }
            let up: Bool
            if let direction { up = direction == .up }
            else if let b = base.flatMap(value), b != goal { up = goal > b }
            else { up = true }
            let ok = up ? r >= goal : r <= goal
            return ok ? .reached : .missed(gap(r, goal))
        case .bound(let op, let tq):
            guard let goal = value(tq) else { return .notComparable }
            let ok: Bool
            switch op {
            case .atLeast: ok = r >= goal
            case .moreThan: ok = r > goal
            case .atMost: ok = r <= goal
            case .lessThan: ok = r < goal
            }
            return ok ? .reached : .missed(gap(r, goal))
        case .range(let a, let b):
            guard let lo = value(a), let hi = value(b) else { return .notComparable }
            if r < lo { return .missed(gap(r, lo)) }
            if r > hi { return .missed(gap(r, hi)) }
            return .reached
        case .relative(let q):
            // `-40 % de la base`: the base moved by that rate.
            guard let b = base.flatMap(value) else { return .notComparable }
            let goal = b * (1 + q.value / 100)
            let up = direction.map { $0 == .up } ?? (goal > b)
            return (up ? r >= goal : r <= goal) ? .reached : .missed(gap(r, goal))
        default:
            return .notComparable
        }
    }

    static func realizedUnit(_ r: TargetValue) -> Unit? {
        if case .quantity(let q) = r { return q.unit }
        return nil
    }
}

extension ResolvedTarget {
    /// The resolved value as an absolute target (`nil` unit: the indicator's).
    public var absoluteTarget: TargetValue {
        func q(_ v: Double) -> Quantity { Quantity(value: v, unit: unit, text: "") }
        switch shape {
        case .quantity(let v): return .quantity(q(v))
        case .bound(let op, let v): return .bound(op, q(v))
        case .range(let a, let b): return .range(q(a), q(b))
        }
    }
}

extension Attainment {
    /// The value a réalisé is judged against: a target relative to another value (`+2 points`,
    /// `maintien`, `+5 % par an`…) by its value resolved through the chain of years of
    /// `element` (`TargetChain`); any other target, or one that does not resolve (`≥ N-1`,
    /// broken chain), as written. The chain is built only for a relative target.
    public static func comparable(_ target: Property, of element: Element, firstYear: Int?) -> TargetValue? {
        guard case .target(let t) = target.value else { return nil }
        guard t.dependsOnOtherValue, let i = element.properties.firstIndex(of: target) else { return t }
        return TargetChain(element, firstYear: firstYear)[property: i].value?.absoluteTarget ?? t
    }
}
