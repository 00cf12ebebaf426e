import CopcSource
import CopcLanguage
import CopcDiagnostics

/// An avenant as a version records it: its header (number, title, dates, motif) and its
/// changes, with its file.
public struct Avenant: Hashable, Sendable {
    /// The number written in the header (`avenant 2 au contrat …`).
    public let number: Int?
    public let file: FileID
    public let header: Element
    public let changes: [Change]

    public init(number: Int?, file: FileID, header: Element, changes: [Change]) {
        self.number = number
        self.file = file
        self.header = header
        self.changes = changes
    }

    /// `signé le`.
    public var signed: Day? { header.date(.signeLe) }
    /// The day it takes effect: `en vigueur le`, else `signé le`.
    public var effectiveDate: Day? { header.date(.enVigueurLe) ?? header.date(.signeLe) }
}

/// What an avenant changed from the version before, as consolidation saw it: the checker
/// re-checks only that (issue 21). Empty for version 0.
public struct VersionDelta: Hashable, Sendable {
    /// Elements added to the tree and still in it, in the order they were added.
    public var added: [ElementID] = []
    /// Elements of the previous version, still in this one, whose title or properties changed
    /// (the contract header included), in the order of the clauses.
    public var modified: [ElementID] = []
    /// The elements of the previous version no longer in this one: the roots of the removed
    /// subtrees (none inside another), by index.
    public var removed: [ElementID] = []
    /// The référents and plans added, modified or removed, by id as written, sorted.
    public var referents: [String] = []
    public var plans: [String] = []
    /// The keys added to `Version.removed`.
    public var removedKeys: [ElementKey] = []

    public init() {}

    public var isEmpty: Bool {
        added.isEmpty && modified.isEmpty && removed.isEmpty && referents.isEmpty && plans.isEmpty && removedKeys.isEmpty
    }
}

/// One consolidated version of a contract: version 0 is the contract as signed, version N the
/// contract after avenants 1 to N. A value, built once by consolidation; versions share the
/// storage an avenant does not change — the tree's chunks, and the chunks of the maps by key
/// (`SharedMap`) — so that making a version costs what its avenant changes.
public struct Version: Hashable, Sendable {
    public let number: Int
    /// The avenant that made this version (`nil` for version 0).
    public let avenant: Avenant?
    /// The elements; the root is the contract header.
    public var tree: ElementTree
    /// The tree's elements by key.
    public var index: SharedMap<ElementKey, ElementID>
    /// The référents and plans in force, by id as written.
    public var referents: SharedMap<String, Element>
    public var plans: SharedMap<String, Element>
    /// What this version's avenant or an earlier one removed: a removed referent still in use
    /// is COP207 (not COP201 again), and a removed element's number is not a hole (COP203).
    public var removed = SharedSet<ElementKey>()
    /// What this version's avenant changed from the version before.
    public var delta = VersionDelta()

    public init(number: Int, avenant: Avenant?, tree: ElementTree, index: SharedMap<ElementKey, ElementID>,
                referents: SharedMap<String, Element>, plans: SharedMap<String, Element>) {
        self.number = number
        self.avenant = avenant
        self.tree = tree
        self.index = index
        self.referents = referents
        self.plans = plans
    }

    /// The contract header.
    public var header: Element { tree[tree.root!] }

    /// The contract period of this version.
    public var period: Window? { header.period }

    /// The `période` property, for notes pointing at it.
    public var periodProperty: Property? { header.first(.periode) }

    /// The day this version takes effect: its avenant's, or for version 0 the contract's
    /// `en vigueur le`, else `signé le`.
    public var effectiveDate: Day? {
        guard let a = avenant else { return header.date(.enVigueurLe) ?? header.date(.signeLe) }
        return a.effectiveDate
    }

    public var isHierarchical: Bool { header.numbering != .free }

    /// The element `KIND ID` of this version (separators `-` and `.` equivalent), référents and
    /// plans included.
    public func find(_ kind: ElementKind, _ id: String) -> Element? {
        switch kind {
        case .referent: return referents[id]
        case .plan: return plans[id]
        default: return index[ElementKey(kind, id)].map { tree[$0] }
        }
    }

    /// Whether `KIND ID` was removed by an avenant up to this version.
    public func wasRemoved(_ kind: ElementKind, _ id: String) -> Bool {
        !removed.isEmpty && removed.contains(ElementKey(kind, id))
    }

    /// The window of a deadline in this version: its own, or relative to this version's period
    /// or to the period of the plan it follows.
    public func window(of d: Deadline) -> Window? { window(of: d, period: period) }

    /// The same, with this version's period already read.
    public func window(of d: Deadline, period: Window?) -> Window? {
        switch d.form {
        case .window(let w): return w
        case .toBeSpecified: return nil
        default: return d.window(period: period, planPeriod: { plans[$0]?.period })
        }
    }

    /// The référents and plans sorted by id (the order of the IR and of the checks).
    public var sortedReferents: [Element] { referents.values.sorted { $0.id! < $1.id! } }
    public var sortedPlans: [Element] { plans.values.sorted { $0.id! < $1.id! } }
}

/// Which version of a contract: a number (0 = as signed), the one in force on a day, or the
/// latest.
public enum VersionSelector: Hashable, Sendable {
    case number(Int)
    case inForce(Day)
    case latest
}

/// A contract with its avenants and all its consolidated versions.
public struct Contract: Hashable, Sendable {
    /// The contract's id (`contrat COP-CNG …`).
    public let id: String?
    /// The contract's file.
    public let file: FileID
    /// Its avenants in the order they apply (by number, then path).
    public let avenants: [Avenant]
    /// Version 0 (as signed), then one per avenant.
    public let versions: [Version]
    /// The bilans of the contract (design §9), by year then path.
    public var bilans: [Bilan] = []

    public init(id: String?, file: FileID, avenants: [Avenant], versions: [Version]) {
        self.id = id
        self.file = file
        self.avenants = avenants
        self.versions = versions
    }

    /// The files of the contract and its avenants.
    public var files: [FileID] { [file] + avenants.map(\.file) + bilans.map(\.file) }

    /// The version in force at `day`: the last one whose date of effect is on or before it.
    public func versionInForce(at day: Day) -> Version {
        var chosen = versions[0]
        for v in versions.dropFirst() {
            if let d = v.effectiveDate, d <= day { chosen = v }
        }
        return chosen
    }

    /// The one function that chooses a version: `nil` when the number is out of range.
    public func version(_ selector: VersionSelector) -> Version? {
        switch selector {
        case .number(let n): return n >= 0 && n < versions.count ? versions[n] : nil
        case .inForce(let day): return versionInForce(at: day)
        case .latest: return versions.last
        }
    }
}

/// Why no contract could be chosen among those of a workspace.
public enum ContractSelectionError: Error, Hashable, Sendable {
    case none
    /// Several contracts and no id given: their ids.
    case several([String])
    /// No contract has that id: the nearest id, and every id.
    case unknown(String, suggestion: String?, ids: [String])
}

extension Array where Element == Contract {
    /// The contract `id`, or the only one when `id` is `nil`.
    public func select(_ id: String?) -> Result<Contract, ContractSelectionError> {
        let ids = compactMap(\.id)
        if let id {
            guard let c = first(where: { $0.id == id }) else {
                return .failure(.unknown(id, suggestion: Suggest.nearest(to: id, among: ids), ids: ids))
            }
            return .success(c)
        }
        if isEmpty { return .failure(.none) }
        guard count == 1 else { return .failure(.several(ids)) }
        return .success(self[0])
    }
}
