import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// What a bilan rule sees: one bilan of a contract, and the version it reads — the one in
/// force on 31 December of its year (design §9) — walked once.
public struct BilanContext {
    public let contract: Contract
    public let bilan: Bilan
    /// The year reported (a bilan without a valid year is not checked further).
    public let year: Int
    public let version: Version
    public let options: CheckOptions
    public let reporter: Reporter
    public let files: FileTable
    /// The version's indicators and actions, in document order.
    public let indicators: [ElementID]
    public let actions: [ElementID]
    /// The set targets of the year of each indicator that has some, by key, each read as the
    /// `Goal` a réalisé is judged against (relative targets resolved, `≥ N-1` from the
    /// previous bilan, numbers in the indicator's unit) — read once for the rules that compare
    /// or require réalisés.
    public let targets: [ElementKey: [Goal]]
    /// Actions an earlier bilan of the contract reported `finalisé`: they need no state again.
    public let doneBefore: Set<ElementKey>

    init?(contract: Contract, bilan: Bilan, options: CheckOptions, reporter: Reporter, files: FileTable) {
        guard let year = bilan.year, let version = contract.version(forBilanOf: year) else { return nil }
        self.contract = contract
        self.bilan = bilan
        self.year = year
        self.version = version
        self.options = options
        self.reporter = reporter
        self.files = files
        var indicators: [ElementID] = []
        var actions: [ElementID] = []
        var targets: [ElementKey: [Goal]] = [:]
        for id in version.tree.preorder {
            switch version.tree[id].kind {
            case .indicateur:
                indicators.append(id)
                let e = version.tree[id]
                var set: [Goal] = []
                for p in e.properties where p.key == .cible && p.year == year {
                    if case .target(let t) = p.value, t.status == .set { set.append(contract.goal(p, of: e, in: version)) }
                }
                if !set.isEmpty { targets[e.key] = set }
            case .action: actions.append(id)
            default: break
            }
        }
        self.indicators = indicators
        self.actions = actions
        self.targets = targets
        var done = Set<ElementKey>()
        for b in contract.bilans where (b.year ?? Int.max) < year {
            for r in b.reports where r.kind == .action && r.actionState == .done { done.insert(r.key) }
        }
        doneBefore = done
    }

    public var tree: ElementTree { version.tree }

    /// A value as written, in canonical spelling.
    public func text(_ place: Place) -> String { files.canonicalText(place) }

    /// The targets of an indicator for the bilan's year that expect a réalisé (status « fixée »).
    public func setTargets(of indicator: Element) -> [Goal] {
        targets[indicator.key] ?? []
    }

    /// The element of the version a block reports on, if it exists (looked up by the block's
    /// key, already normalised: no string is built).
    public func reported(_ r: Element) -> Element? {
        versionIndex(r.key).map { version.tree[$0] }
    }

    func versionIndex(_ key: ElementKey) -> ElementID? { version.index[key] }

    /// The bilan's block on the element `key`, if any.
    public func report(_ key: ElementKey) -> Element? { bilan.report(key) }

    /// The end of an action's last deadline in this version (`nil` without a placed deadline).
    public func due(_ action: Element) -> Day? {
        var end: Day?
        for p in action.properties where p.key == .delai {
            guard case .deadline(let d) = p.value, let w = version.window(of: d) else { continue }
            if end == nil || w.end > end! { end = w.end }
        }
        return end
    }

    /// 31 December of the year.
    public var yearEnd: Day { Day(year: year, month: 12, day: 31)! }
}

/// A check over one bilan.
public protocol BilanRule: SendableMetatype {
    static func check(_ ctx: BilanContext)
}
