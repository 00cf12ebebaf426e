import CopcSource
import CopcLanguage

/// A typed property value.
public enum PropertyValue: Hashable, Sendable {
    case text(String)
    case referents([ReferentRef])
    case deadline(Deadline)
    case target(TargetValue)
    /// A base value; `nil` quantity for `NC` (unknown).
    case base(Quantity?)
    case date(Day)
    case period(Window)
    case unit(Unit)
    case flag(Bool)
    case contractType(ContractType)
    case numbering(Numbering)
    case direction(Direction)
    case nature(Nature)
    /// `cibles : déclinées`.
    case declined
    /// `réalisé :` in a bilan.
    case realized(Realized)
    /// `avancement : 60 %`.
    case quantity(Quantity)
    /// `bilan annuel : avant le 15 mars N+1`.
    case dueDate(DueDate)
    case actionState(ActionState)
    case riskLevel(RiskLevel)
    /// `poids : 1/3`, `poids : 20 %`.
    case weight(Weight)
    /// `moyens ANNÉE : 12,5 M€`: a quantity of money or a number (a bare number is a number).
    case resources(Quantity)
    /// `succède à : COP-ONF-2016-2020`: the id of another contract.
    case contractId(String)
    /// A malformed value (already reported).
    case invalid
}

extension PropertyValue {
    /// A target that depends on another value (`TargetValue.dependsOnOtherValue`), tested
    /// without copying the value (the chain of every indicator asks it of every property).
    public var isTargetDependingOnOtherValue: Bool {
        switch self {
        case .target(.relative), .target(.points), .target(.annualRate), .target(.relativeToYear), .target(.maintained),
             .target(.atLeastPreviousActual):
            return true
        default:
            return false
        }
    }
}

/// A referent named in a value: an identifier, or `à déterminer`; resolved by id in the
/// référents of the version (`Version.referents`).
public struct ReferentRef: Hashable, Sendable {
    /// `nil` for `à déterminer`.
    public let id: String?
    public let place: Place

    public init(id: String?, place: Place) {
        self.id = id
        self.place = place
    }

    /// How the IR and the documents name it: its id, or `à déterminer`.
    public var spelling: String { id ?? ReferentRef.toBeDetermined }

    /// A referent not designated yet.
    public static let toBeDetermined = "à déterminer"
}

/// How a deadline was written, before it is placed in a period (design §3.4).
public enum DeadlineForm: Hashable, Sendable {
    case window(Window)
    case wholePeriod
    case from(Day)
    case until(Day)
    case plan(String)
    case toBeSpecified
}

extension DeadlineForm {
    /// The form's name in the IR (`forme`): `fenêtre`, `durée du contrat`, `à partir de`,
    /// `jusqu'à`, `selon plan`, `à préciser`.
    public var spelling: String {
        switch self {
        case .window: return "fenêtre"
        case .wholePeriod: return "durée du contrat"
        case .from: return "à partir de"
        case .until: return "jusqu'à"
        case .plan: return "selon plan"
        case .toBeSpecified: return "à préciser"
        }
    }
}

/// A deadline: its form; its window in a version is `Version.window(of:)` (it depends on the
/// period and the plans of that version). As written, it is the property's value place.
public struct Deadline: Hashable, Sendable {
    public let form: DeadlineForm

    public init(form: DeadlineForm) { self.form = form }

    /// The window of days the deadline denotes, given the contract period and the plans' periods.
    public func window(period: Window?, planPeriod: (String) -> Window?) -> Window? {
        switch form {
        case .window(let w): return w
        case .wholePeriod: return period
        case .from(let d): return period.map { Window(d, max(d, $0.end)) }
        case .until(let d): return period.map { Window(min(d, $0.start), d) }
        case .plan(let name): return planPeriod(name)
        case .toBeSpecified: return nil
        }
    }
}

/// A target value (design §3.5), plus `suivi` (DECISIONS.md).
public enum TargetValue: Hashable, Sendable {
    case quantity(Quantity)
    case range(Quantity, Quantity)
    case bound(BoundOperator, Quantity)
    case relative(Quantity)
    case qualitative(Qualitative)
    case milestone(Milestone)
    case text(String)
    case pending
    case notApplicable
    case followed
    /// `+2 points`, `-1,5 point`: the previous year's target plus or minus percentage points
    /// (a signed quantity in `points`).
    case points(Quantity)
    /// `+5 % par an`: the previous year's target raised (or lowered) by a rate (signed, in `%`).
    case annualRate(Quantity)
    /// `+10 % par rapport à 2023`: a year's target raised (or lowered) by a rate.
    case relativeToYear(Int, Quantity)
    /// `maintien`, `stabilité`: the previous year's target (or the base, for the first year).
    case maintained
    /// `≥ N-1`, `au moins le réalisé N-1`: at least the previous year's réalisé (the bilan
    /// resolves it).
    case atLeastPreviousActual
    /// `300 cumulés`: a quantity cumulated since the start of the period.
    case cumulative(Quantity)

    /// The status of design §7.
    public var status: TargetStatus {
        switch self {
        case .pending: return .pending
        case .notApplicable: return .notApplicable
        case .followed: return .followed
        default: return .set
        }
    }

    public var kind: TargetKind {
        switch self {
        case .quantity: return .quantity
        case .range: return .range
        case .bound: return .bound
        case .relative: return .relative
        case .qualitative: return .qualitative
        case .milestone: return .milestone
        case .text: return .text
        case .pending: return .pending
        case .notApplicable: return .notApplicable
        case .followed: return .followed
        case .points: return .points
        case .annualRate: return .annualRate
        case .relativeToYear: return .relativeToYear
        case .maintained: return .maintained
        case .atLeastPreviousActual: return .atLeastPreviousActual
        case .cumulative: return .cumulative
        }
    }

    /// Whether the value depends on another year's target, the base or a réalisé (design §3.5,
    /// second table, and `de la base`): its number is known only once resolved
    /// (`TargetChain`).
    public var dependsOnOtherValue: Bool {
        switch self {
        case .relative, .points, .annualRate, .relativeToYear, .maintained, .atLeastPreviousActual: return true
        default: return false
        }
    }

    /// The first unit written on the target, without allocating (rules call this per target).
    public var firstUnit: Unit? {
        switch self {
        case .quantity(let q), .bound(_, let q), .cumulative(let q): return q.unit
        case .range(let a, let b): return a.unit ?? b.unit
        default: return nil
        }
    }

    /// The first written unit whose dimension differs from `d`, if any.
    public func unit(notIn d: Dimension) -> Unit? {
        switch self {
        case .quantity(let q), .bound(_, let q), .cumulative(let q):
            if let u = q.unit, u.dimension != d { return u }
        case .range(let a, let b):
            if let u = a.unit, u.dimension != d { return u }
            if let u = b.unit, u.dimension != d { return u }
        default: break
        }
        return nil
    }

    /// The units written on the target itself.
    public var writtenUnits: [Unit] {
        switch self {
        case .quantity(let q), .bound(_, let q), .cumulative(let q): return q.unit.map { [$0] } ?? []
        case .range(let a, let b): return [a.unit, b.unit].compactMap { $0 }
        default: return []
        }
    }

    /// The number of an absolute target, to compare successive targets against `sens`
    /// (COP403); relative targets have theirs once resolved (`TargetChain`).
    public var representative: Double? {
        switch self {
        case .quantity(let q), .bound(_, let q), .cumulative(let q): return q.value
        case .range(let a, _): return a.value
        default: return nil
        }
    }
}

/// What a bilan says an indicator achieved (design §9): a value read with the targets' grammar
/// (a quantity, a milestone, a qualitative or free-text value), or `non disponible`.
public enum Realized: Hashable, Sendable {
    case value(TargetValue)
    case unavailable
}
