import CopcFrench
import CopcLanguage

/// A target's number once its relative form is resolved: a quantity, a bound or a range, in
/// the unit of the value it was derived from (`nil`: the indicator's own unit).
public struct ResolvedTarget: Hashable, Sendable {
    /// The shape of the resolved value.
    public enum Shape: Hashable, Sendable {
        case quantity(Double)
        case bound(BoundOperator, Double)
        case range(Double, Double)
    }

    public let shape: Shape
    public let unit: Unit?

    public init(_ shape: Shape, unit: Unit?) {
        self.shape = shape
        self.unit = unit
    }

    /// The number compared against `sens` (COP403): the quantity, the bound, a range's minimum.
    public var representative: Double {
        switch shape {
        case .quantity(let v), .bound(_, let v), .range(let v, _): return v
        }
    }

    /// `52 %`, `≥ 54,6 %`, `entre 1 et 2 jours`, `1 000 000 000`: the resolved value in
    /// French house style (at most 2 decimals), in `unit` (the target's own unit, else the
    /// indicator's). Any value, however large, is written without trapping.
    public func french(unit: Unit?) -> String {
        let u = self.unit ?? unit
        switch shape {
        case .quantity(let v): return French.quantity(v, unit: u)
        case .bound(let op, let v): return op.symbol + " " + French.quantity(v, unit: u)
        case .range(let a, let b): return "entre " + French.number(a) + " et " + French.quantity(b, unit: u)
        }
    }

    /// The kind of target this resolves to (`quantité`, `borne`, `fourchette`).
    public var kind: TargetKind {
        switch shape {
        case .quantity: return .quantity
        case .bound: return .bound
        case .range: return .range
        }
    }

    /// Every number moved by `f` (a shift in points, a rate).
    func map(_ f: (Double) -> Double) -> ResolvedTarget {
        switch shape {
        case .quantity(let v): return ResolvedTarget(.quantity(f(v)), unit: unit)
        case .bound(let op, let v): return ResolvedTarget(.bound(op, f(v)), unit: unit)
        case .range(let a, let b): return ResolvedTarget(.range(f(a), f(b)), unit: unit)
        }
    }

    /// The value of an absolute target, or `nil` for a target without a number.
    public init?(absolute t: TargetValue) {
        switch t {
        case .quantity(let q), .cumulative(let q): self.init(.quantity(q.value), unit: q.unit)
        case .bound(let op, let q): self.init(.bound(op, q.value), unit: q.unit)
        case .range(let a, let b): self.init(.range(a.value, b.value), unit: b.unit ?? a.unit)
        default: return nil
        }
    }
}

/// Why a relative target cannot be resolved: what was expected and is not there.
public enum ChainBreak: Hashable, Sendable {
    /// No target for that year (and, for the first year of the period, no `base`).
    case missingTarget(year: Int)
    /// The target of that year has no number (`à fixer par avenant`, `sans objet`, a text…).
    case targetWithoutNumber(year: Int, kind: TargetKind)
    /// No `base` (or `base … : NC`) for a target relative to the base or to the year before
    /// the period.
    case missingBase
    /// `par rapport à ANNÉE` names the target's own year or a later one.
    case referenceNotEarlier(year: Int)
}

/// The resolution of one target (design §3.5, second table).
public enum TargetResolution: Hashable, Sendable {
    /// A number (absolute targets resolve to themselves).
    case resolved(ResolvedTarget)
    /// `≥ N-1`, or derived from it: known once the réalisé exists (the bilan resolves it).
    case awaitingActual
    /// The chain is broken here (COP103 at this target).
    case broken(ChainBreak)
    /// Derived from a target that is itself broken (reported there, not again here).
    case unresolved
    /// Not a number (`à fixer par avenant`, a milestone, a text…), or not a target.
    case none

    /// The resolved value, if any.
    public var value: ResolvedTarget? {
        if case .resolved(let r) = self { return r }
        return nil
    }
}

/// The targets of one indicator, each resolved through the chain of years: the previous
/// year's target (same label, else unlabelled), the base for the first year of the period.
/// Computed once per indicator per version (`VersionContext.chain(of:)`, the IR) and shared by
/// the rules (COP103, COP302, COP403). Linear: each target is resolved once, following its
/// chain back with an explicit stack, and every reference points to an earlier year.
public struct TargetChain: Sendable {
    /// One entry per property of the element (`.none` for what is not a `cible`) when a target
    /// depends on another value; empty otherwise (every target is then its own value, read from
    /// `absolute`, and no array is allocated: most indicators have no relative target).
    let resolutions: [TargetResolution]
    let absolute: [Property]

    /// Whether any target of the indicator depends on another value.
    public let hasRelative: Bool

    /// The resolution of the property at `index` of the element.
    public subscript(property index: Int) -> TargetResolution {
        if hasRelative { return resolutions[index] }
        guard absolute[index].key == .cible, case .target(let t) = absolute[index].value,
              let r = ResolvedTarget(absolute: t) else { return .none }
        return .resolved(r)
    }

    struct Slot: Hashable {
        let year: Int
        let label: String?
    }

    /// Resolves the targets of `element`; `firstYear` is the first year of the contract period.
    /// `actual(year, label)` gives the réalisé a bilan reports for a year (same label, else
    /// unlabelled): with it, `≥ N-1` resolves to at least the previous year's réalisé — or, when
    /// that year lies before the period, to the latest base up to it; without it (the contract
    /// alone), `≥ N-1` awaits the bilans.
    public init(_ element: Element, firstYear: Int?, actual: ((_ year: Int, _ label: String?) -> Quantity?)? = nil) {
        let props = element.properties
        absolute = props
        hasRelative = props.contains { $0.value.isTargetDependingOnOtherValue }
        guard hasRelative else { resolutions = []; return }
        var res = [TargetResolution](repeating: .none, count: props.count)
        for i in props.indices where props[i].key == .cible {
            if case .target(let t) = props[i].value, !t.dependsOnOtherValue, let r = ResolvedTarget(absolute: t) { res[i] = .resolved(r) }
        }

        var slots: [Slot: Int] = [:]
        var bases: [(year: Int, value: Quantity?)] = []
        for i in props.indices {
            if props[i].key == .cible, let y = props[i].year, case .target = props[i].value {
                slots[Slot(year: y, label: props[i].label)] = i
            } else if props[i].key == .base, let y = props[i].year, case .base(let q) = props[i].value {
                bases.append((y, q))
            }
        }
        /// The latest base before `year`: `nil` when there is none, `.some(nil)` for `NC`.
        /// The latest base of a year up to `year` (the base of the target's own year is its
        /// starting point); with `anyYear`, else the earliest later one (`de la base` names the
        /// indicator's base, whatever its year).
        func base(upTo year: Int, anyYear: Bool = false) -> Quantity?? {
            var best: (year: Int, value: Quantity?)?
            for b in bases where b.year <= year && (best == nil || b.year > best!.year) { best = b }
            if best == nil, anyYear {
                for b in bases where best == nil || b.year < best!.year { best = b }
            }
            return best.map { $0.value }
        }
        func target(_ year: Int, _ label: String?) -> Int? {
            if let i = slots[Slot(year: year, label: label)] { return i }
            return label == nil ? nil : slots[Slot(year: year, label: nil)]
        }
        /// What a relative target at `i` derives from: another target's index, the base, or a break.
        enum Source { case target(Int), base(Quantity), actual(Quantity), broken(ChainBreak), awaiting, nothing }
        func source(_ i: Int) -> Source {
            guard case .target(let t) = props[i].value, let y = props[i].year else { return .nothing }
            let label = props[i].label
            func fromBase(anyYear: Bool = false) -> Source {
                switch base(upTo: y, anyYear: anyYear) {
                case .some(.some(let q)): return .base(q)
                default: return .broken(.missingBase)
                }
            }
            switch t {
            case .atLeastPreviousActual:
                guard let actual else { return .awaiting }
                let previous = y.subtractingReportingOverflow(1)
                guard !previous.overflow else { return .awaiting }
                if let first = firstYear, previous.partialValue < first {
                    if case .some(.some(let q)) = base(upTo: previous.partialValue) { return .actual(q) }
                    return .awaiting
                }
                return actual(previous.partialValue, label).map { .actual($0) } ?? .awaiting
            case .relative: return fromBase(anyYear: true)
            case .relativeToYear(let ref, _):
                guard ref < y else { return .broken(.referenceNotEarlier(year: ref)) }
                if let j = target(ref, label) { return .target(j) }
                if bases.contains(where: { $0.year == ref }), case .some(.some(let q)) = base(upTo: ref) { return .base(q) }
                return .broken(.missingTarget(year: ref))
            case .points, .annualRate, .maintained:
                if let j = target(y - 1, label) { return .target(j) }
                if let first = firstYear, y > first { return .broken(.missingTarget(year: y - 1)) }
                return fromBase()
            default: return .nothing
            }
        }
        /// Applies the relative form of target `i` to the value it derives from.
        func apply(_ i: Int, to from: ResolvedTarget) -> ResolvedTarget {
            guard case .target(let t) = props[i].value else { return from }
            switch t {
            case .points(let q): return from.map { $0 + q.value }
            case .annualRate(let q): return from.map { $0 * (1 + q.value / 100) }
            case .relativeToYear(_, let q), .relative(let q):
                if q.unit == .percent || q.unit == nil { return from.map { $0 * (1 + q.value / 100) } }
                return from.map { $0 + q.value * q.unit!.scale / (from.unit?.scale ?? q.unit!.scale) }
            default: return from
            }
        }
        func baseValue(_ q: Quantity) -> ResolvedTarget { ResolvedTarget(.quantity(q.value), unit: q.unit) }

        var done = [Bool](repeating: false, count: props.count)
        for i in props.indices where props[i].key == .cible { if case .target(let t) = props[i].value, !t.dependsOnOtherValue { done[i] = true } }
        var stack: [Int] = []
        for start in props.indices where props[start].key == .cible && !done[start] {
            guard case .target = props[start].value else { continue }
            stack.append(start)
            while let i = stack.last {
                if done[i] { stack.removeLast(); continue }
                switch source(i) {
                case .nothing:
                    done[i] = true
                case .awaiting:
                    res[i] = .awaitingActual
                    done[i] = true
                case .broken(let b):
                    res[i] = .broken(b)
                    done[i] = true
                case .base(let q):
                    res[i] = .resolved(apply(i, to: baseValue(q)))
                    done[i] = true
                case .actual(let q):
                    res[i] = .resolved(ResolvedTarget(.bound(.atLeast, q.value), unit: q.unit))
                    done[i] = true
                case .target(let j):
                    if !done[j] { stack.append(j); continue }
                    switch res[j] {
                    case .resolved(let r): res[i] = .resolved(apply(i, to: r))
                    case .awaitingActual: res[i] = .awaitingActual
                    case .broken, .unresolved: res[i] = .unresolved
                    case .none:
                        if case .target(let tj) = props[j].value, let yj = props[j].year {
                            res[i] = .broken(.targetWithoutNumber(year: yj, kind: tj.kind))
                        } else {
                            res[i] = .unresolved
                        }
                    }
                    done[i] = true
                }
                if done[i] { stack.removeLast() }
            }
        }
        resolutions = res
    }
}
