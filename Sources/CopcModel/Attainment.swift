import CopcFrench
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
        case .quantity(let tq), .cumulative(let tq):
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

/// What the réalisé of one year is judged against (design §9), read once for every output:
/// the target as written and the value it stands for — a relative target resolved through the
/// chain of years (`TargetChain`; `≥ N-1` from the previous year's réalisé, or the base before
/// the period) — with every number expressed in the indicator's unit (k€ and M€, days and
/// months converted by `Unit.convert`). `copc bilan`, COP603 and the language server's hover
/// read targets through it, so they show and judge the same value.
public struct Goal: Hashable, Sendable {
    /// The `cible` line.
    public let property: Property
    /// The target as written.
    public let written: TargetValue
    /// The absolute form a réalisé is compared with — a quantity, a bound or a range whose
    /// numbers are in `unit`, a milestone or a qualitative value as written —, or `nil` when
    /// there is nothing to compare with (a text, a target not set, a broken chain, `≥ N-1`
    /// before the previous year's réalisé is known).
    public let value: TargetValue?
    /// The indicator's unit (the target's own when the indicator has none).
    public let unit: Unit?
    /// Whether `value` was computed (a relative target resolved, or a unit converted): the
    /// outputs then show it with the written form beside it.
    public let isComputed: Bool

    public var label: String? { property.label }
    public var year: Int? { property.year }

    /// The goal of the target `property` of `indicator`; `firstYear` is the first year of the
    /// period of the version read, `actual` the réalisés of the contract's bilans (for `≥ N-1`).
    /// The chain of years is built only for a target that depends on another value.
    /// `chain`, when given, is the indicator's `TargetChain` already built (a caller reading
    /// every target of an indicator builds it once).
    public init(_ property: Property, of indicator: Element, firstYear: Int?,
                actual: ((_ year: Int, _ label: String?) -> Quantity?)? = nil, chain: TargetChain? = nil) {
        self.property = property
        guard case .target(let t) = property.value else {
            written = .text(""); value = nil; unit = indicator.unit; isComputed = false
            return
        }
        written = t
        let unit = indicator.unit ?? t.firstUnit
        self.unit = unit
        guard t.status == .set else { value = nil; isComputed = false; return }
        if t.dependsOnOtherValue {
            var resolved: TargetValue?
            if let i = indicator.properties.firstIndex(of: property),
               let r = (chain ?? TargetChain(indicator, firstYear: firstYear, actual: actual))[property: i].value {
                resolved = r.absoluteTarget
            }
            value = resolved.map { Goal.expressed($0, in: unit) }
            isComputed = value != nil
            return
        }
        switch t {
        case .quantity, .bound, .range, .cumulative:
            let v = Goal.expressed(t, in: unit)
            value = v
            isComputed = t.writtenUnits.contains { $0 != unit && unit != nil && $0.converts(to: unit!) }
        case .milestone, .qualitative:
            value = t; isComputed = false
        default:
            value = nil; isComputed = false
        }
    }

    /// The numbers of an absolute target in `unit` (a cumulated quantity is a quantity); a unit
    /// of another family is kept (the judgement then says « not comparable »).
    static func expressed(_ t: TargetValue, in unit: Unit?) -> TargetValue {
        func q(_ x: Quantity) -> Quantity {
            guard let u = x.unit, let unit, u != unit, let v = u.convert(x.value, to: unit) else {
                return Quantity(value: x.value, unit: x.unit ?? unit, text: x.text)
            }
            return Quantity(value: v, unit: unit, text: "")
        }
        switch t {
        case .quantity(let x), .cumulative(let x): return .quantity(q(x))
        case .bound(let op, let x): return .bound(op, q(x))
        case .range(let a, let b): return .range(q(a), q(b))
        default: return t
        }
    }

    /// Judges a réalisé against this goal (`Attainment.judge`); `nil` when the target expects no
    /// réalisé (not set) — `.notComparable` when it has no comparable value.
    public func judge(_ realized: TargetValue, indicator: Element) -> Attainment? {
        guard written.status == .set else { return nil }
        guard let value else { return .notComparable }
        return Attainment.judge(target: value, realized: realized, unit: unit, direction: indicator.direction,
                                base: indicator.baseQuantity)
    }

    /// The number a chart draws for the goal: the quantity, the bound, both ends of a range.
    public var numbers: [Double] {
        switch value {
        case .quantity(let q)?: return [q.value]
        case .bound(_, let q)?: return [q.value]
        case .range(let a, let b)?: return [a.value, b.value]
        default: return []
        }
    }

    /// What a reader sees: the value in the indicator's unit, with the written form beside it
    /// when it was computed — « 22 % (+2 points) », « ≤ 2 200 k€ (≤ 2,2 M€) », « ≥ 21,5 % (≥ N-1) »
    /// —, else the target as written (`asWritten`, its canonical spelling).
    public func french(asWritten: String) -> String {
        guard isComputed, let value, let shown = Goal.french(value) else { return asWritten }
        return shown == asWritten ? shown : shown + " (" + asWritten + ")"
    }

    /// `22 %`, `≤ 2 200 k€`, `entre 8 et 12 %`: an absolute value in French house style (two
    /// decimals at most for a computed value); nil for what is not a number.
    public static func french(_ t: TargetValue) -> String? {
        switch t {
        case .quantity(let q), .cumulative(let q): return French.quantity(q.value, unit: q.unit)
        case .bound(let op, let q): return op.symbol + " " + French.quantity(q.value, unit: q.unit)
        case .range(let a, let b):
            return "entre " + French.quantity(a.value, unit: a.unit == b.unit ? nil : a.unit) + " et " + French.quantity(b.value, unit: b.unit)
        default: return nil
        }
    }
}

extension Attainment {
    /// A réalisé's number in the indicator's unit `unit` (converted within its family; a number
    /// without unit is in the indicator's), or nil for what is not a quantity or not convertible.
    public static func number(of realized: TargetValue, in unit: Unit?) -> Double? {
        guard case .quantity(let q) = realized else { return nil }
        guard let u = q.unit, let unit, u != unit else { return q.value }
        return u.convert(q.value, to: unit)
    }

    /// A réalisé as a reader sees it: in the indicator's unit, with the written form beside it
    /// when it was converted (« 2 350 k€ (2,35 M€) »); else as written.
    public static func french(realized: TargetValue, asWritten: String, unit: Unit?) -> String {
        guard case .quantity(let q) = realized, let u = q.unit, let unit, u != unit, let v = u.convert(q.value, to: unit) else {
            return asWritten
        }
        return French.quantity(v, unit: unit, decimals: 6) + " (" + asWritten + ")"
    }
}


extension Contract {
    /// The bilan of `year` (the first, when two are written: COP607).
    public func bilan(of year: Int) -> Bilan? { bilans.first { $0.year == year } }

    /// The réalisé the bilan of `year` gives for the indicator `key` under `label` (else its
    /// unlabelled réalisé), when it is a quantity: what `≥ N-1` of the next year is judged against.
    public func realizedQuantity(_ key: ElementKey, year: Int, label: String?) -> Quantity? {
        guard let block = bilan(of: year)?.report(key) else { return nil }
        let lines = block.realized
        let line = lines.first { $0.label == label } ?? (label != nil ? lines.first { $0.label == nil } : nil)
        if case .value(.quantity(let q))? = line?.value { return q }
        return nil
    }

    /// The goal of the target `property` of `indicator` in `version` (`Goal`), `≥ N-1` judged
    /// against the réalisés of this contract's bilans.
    public func goal(_ property: Property, of indicator: Element, in version: Version) -> Goal {
        let key = indicator.key
        return Goal(property, of: indicator, firstYear: version.period?.start.year,
                    actual: { self.realizedQuantity(key, year: $0, label: $1) })
    }
}
