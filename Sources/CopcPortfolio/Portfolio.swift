import CopcFrench
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcModel
import CopcDriver

/// A portfolio: every contract of a checked folder tree, each read at one date —
/// its state, its version in force, what is still pending, late or missing — and every body an
/// annuaire expects to hold a contract and that holds none in force, grouped and totalled. A
/// value computed once from a `CheckResult` (`Portfolio.make`, pure: no I/O); every format of
/// `copc portefeuille` and the site's dashboard render this.
public struct Portfolio: Sendable {
    /// The date the portfolio is read at (`--au`).
    public let day: Day
    public let grouping: Grouping
    /// One row per contract, in the order of the groups' listing (by body, then start, then id).
    public let contracts: [ContractRow]
    /// One row per body expected to hold a contract and holding none in force (COP212).
    public let bodies: [BodyRow]
    /// The groups of the chosen grouping, in their display order, with their totals.
    public let groups: [Group]
    /// The totals of the whole portfolio (a contract under two tutelles counts once).
    public let totals: Totals
    /// The portfolio's own diagnostics (COP212), for the shells to print.
    public let diagnostics: [Diagnostic]

    /// How contracts are grouped (`--par`).
    public enum Grouping: String, Sendable, CaseIterable {
        case tutelle
        case type
        case etat = "état"

        /// The option's accepted spellings: `état`, also `etat`.
        public init?(spelling: String) {
            if spelling == "etat" { self = .etat; return }
            self.init(rawValue: spelling)
        }
    }

    /// One group: its label, the contracts and bodies it holds (indices into `contracts` and
    /// `bodies`) and their totals.
    public struct Group: Sendable {
        /// The group's key: a tutelle's id, a type's spelling, a state's name.
        public let key: String
        /// How readers see it: `MASA — Ministère de l'agriculture`, `COP`, `en vigueur`.
        public let label: String
        public let contracts: [Int]
        public let bodies: [Int]
        public let totals: Totals
    }
}

/// Where a contract stands at the portfolio's date.
public enum ContractState: Hashable, Sendable {
    /// The period has not begun.
    case upcoming
    /// In force, ending in more than twelve months.
    case inForce
    /// In force, ending within twelve months: in how many months (at least 1).
    case expiring(months: Int)
    /// Ended, and no contract of the portfolio `succède à` it.
    case expiredWithoutSuccessor
    /// Ended, and renewed by another contract of the portfolio.
    case expiredRenewed
    /// No valid period (COP106 or COP103 in its file).
    case undated

    /// The state without its number of months: what `--par état` groups by.
    public var kind: Kind {
        switch self {
        case .upcoming: return .upcoming
        case .inForce: return .inForce
        case .expiring: return .expiring
        case .expiredWithoutSuccessor: return .expiredWithoutSuccessor
        case .expiredRenewed: return .expiredRenewed
        case .undated: return .undated
        }
    }

    /// The kinds of states, in the order groups and totals list them; a body without contract
    /// has its own.
    public enum Kind: String, Sendable, CaseIterable {
        case expiring = "expire dans l'année"
        case expiredWithoutSuccessor = "expiré sans successeur"
        case noContract = "sans contrat"
        case inForce = "en vigueur"
        case upcoming = "à venir"
        case expiredRenewed = "expiré et renouvelé"
        case undated = "période inconnue"

        /// A stable key for scripts and the dashboard's filter (`data-etat`).
        public var key: String {
            switch self {
            case .expiring: return "expire"
            case .expiredWithoutSuccessor: return "expire-sans-successeur"
            case .noContract: return "sans-contrat"
            case .inForce: return "en-vigueur"
            case .upcoming: return "a-venir"
            case .expiredRenewed: return "expire-et-renouvele"
            case .undated: return "periode-inconnue"
            }
        }
    }

    /// The kind's name for `n` contracts: `2 expirés sans successeur`, `3 expirent dans l'année`.
    public static func counted(_ kind: Kind, _ n: Int) -> String {
        guard n > 1 else { return kind.rawValue }
        switch kind {
        case .expiring: return "expirent dans l'année"
        case .expiredWithoutSuccessor: return "expirés sans successeur"
        case .expiredRenewed: return "expirés et renouvelés"
        default: return kind.rawValue
        }
    }

    /// How readers see it: `expire dans 10 mois`.
    public var spelling: String {
        switch self {
        case .expiring(let n): return "expire dans \(n) mois"
        default: return kind.rawValue
        }
    }
}

/// The diagnostics of a contract's files (the contract, its avenants, its bilans), by severity.
public struct DiagnosticCounts: Hashable, Sendable {
    public var errors = 0
    public var warnings = 0
    public var notes = 0

    public init(errors: Int = 0, warnings: Int = 0, notes: Int = 0) {
        self.errors = errors
        self.warnings = warnings
        self.notes = notes
    }

    static func + (a: DiagnosticCounts, b: DiagnosticCounts) -> DiagnosticCounts {
        DiagnosticCounts(errors: a.errors + b.errors, warnings: a.warnings + b.warnings, notes: a.notes + b.notes)
    }
}

/// A target still `à fixer par avenant` in the version in force.
public struct PendingTarget: Hashable, Sendable {
    public let indicator: String
    public let year: Int
    public let label: String?
    /// Its year is over at the portfolio's date (the year before the date's, or earlier).
    public let overdue: Bool
}

/// An action whose deadline is over at the portfolio's date and that no bilan says finished.
public struct LateAction: Hashable, Sendable {
    public let id: String
    public let title: String?
    /// The end of its last deadline.
    public let due: Day
    /// Its state in the latest bilan that reports on it (`nil`: no bilan does).
    public let state: ActionState?
    /// The year of that bilan.
    public let reportedIn: Int?
}

/// The bilans of a contract against its follow-up calendar.
public struct BilanStatus: Hashable, Sendable {
    /// Whether the contract states its calendar (`bilan annuel : avant le …`): without it, no
    /// bilan is expected by date.
    public let calendar: Bool
    /// The years whose bilan was due before the portfolio's date.
    public let expected: [Int]
    /// The years that have a bilan file.
    public let present: [Int]
    /// Expected and absent.
    public var missing: [Int] { expected.filter { !present.contains($0) } }

    public init(calendar: Bool, expected: [Int], present: [Int]) {
        self.calendar = calendar
        self.expected = expected
        self.present = present
    }
}

/// What the latest bilan says, as shares.
public struct LatestBilan: Hashable, Sendable {
    public let year: Int
    /// Indicators (one per label of their targets) whose target of the year is set and whose
    /// réalisé could be judged; and those of them that reached it.
    public let indicatorsJudged: Int
    public let indicatorsOnTarget: Int
    /// Actions due by the end of the year or reported in the bilan; and those finalised.
    public let actionsCounted: Int
    public let actionsDone: Int

    public init(year: Int, indicatorsJudged: Int, indicatorsOnTarget: Int, actionsCounted: Int, actionsDone: Int) {
        self.year = year
        self.indicatorsJudged = indicatorsJudged
        self.indicatorsOnTarget = indicatorsOnTarget
        self.actionsCounted = actionsCounted
        self.actionsDone = actionsDone
    }
}

/// One contract of the portfolio.
public struct ContractRow: Hashable, Sendable {
    public let id: String
    public let title: String?
    /// The body (`organisme :`) and its name (the title of its référent or organisme).
    public let body: String?
    public let bodyName: String?
    public let tutelles: [String]
    public let type: ContractType?
    /// The period of the version in force at the date.
    public let period: Window?
    /// The contract's file, as the check shows paths.
    public let file: String
    public let state: ContractState
    public let predecessor: String?
    /// The contract that renews it (`succède à` it), if any.
    public let successor: String?
    /// The number of the version in force at the date (0 = as signed), and of avenants.
    public let version: Int
    public let avenants: Int
    public let diagnostics: DiagnosticCounts
    public let pendingTargets: [PendingTarget]
    public let lateActions: [LateAction]
    public let bilans: BilanStatus
    public let latestBilan: LatestBilan?

    /// The pending targets whose year is over.
    public var overdueTargets: [PendingTarget] { pendingTargets.filter(\.overdue) }

    /// Expires within twelve months and no contract renews it: what a tutelle must act on.
    public var expiringWithoutSuccessor: Bool {
        if case .expiring = state { return successor == nil }
        return false
    }
}

/// A body an annuaire expects to hold a contract (`contrat attendu : oui`) that holds none in
/// force at the date.
public struct BodyRow: Hashable, Sendable {
    public let id: String
    public let name: String?
    public let category: String?
    public let tutelles: [String]
    /// The annuaire that declares it, and the line.
    public let file: String
    public let line: Int
    /// Its latest contract (by the end of its period), if it had one, and that contract's period.
    public let lastContract: String?
    public let lastPeriod: Window?
    /// Whether that contract has not begun yet at the date.
    public let lastUpcoming: Bool

    /// The end of its latest contract.
    public var lastEnd: Day? { lastPeriod?.end }
}

/// Counts over a set of rows.
public struct Totals: Hashable, Sendable {
    public var contracts = 0
    /// Contracts by kind of state (`ContractState.Kind`, `noContract` excluded).
    public var byState: [ContractState.Kind: Int] = [:]
    public var expiringWithoutSuccessor = 0
    public var bodiesWithoutContract = 0
    public var diagnostics = DiagnosticCounts()
    public var pendingTargets = 0
    public var overdueTargets = 0
    public var lateActions = 0
    public var bilansExpected = 0
    public var bilansPresent = 0
    public var bilansMissing = 0

    public init() {}

    /// The count of one kind of state (0 when absent).
    public func count(_ kind: ContractState.Kind) -> Int {
        kind == .noContract ? bodiesWithoutContract : byState[kind] ?? 0
    }

    mutating func add(_ r: ContractRow) {
        contracts += 1
        byState[r.state.kind, default: 0] += 1
        if r.expiringWithoutSuccessor { expiringWithoutSuccessor += 1 }
        diagnostics = diagnostics + r.diagnostics
        pendingTargets += r.pendingTargets.count
        overdueTargets += r.overdueTargets.count
        lateActions += r.lateActions.count
        bilansExpected += r.bilans.expected.count
        bilansPresent += r.bilans.present.count
        bilansMissing += r.bilans.missing.count
    }

    mutating func add(_ b: BodyRow) {
        bodiesWithoutContract += 1
    }
}
