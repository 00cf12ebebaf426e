import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcLanguage
import CopcModel
import CopcSema

/// Collects diagnostics, dropping those silenced by `# copc: ignorer`; places become spans
/// through the file table.
public final class Reporter {
    public private(set) var diagnostics: [Diagnostic] = []
    let files: FileTable
    let models: [FileID: FileModel]

    init(files: FileTable, models: [FileID: FileModel]) {
        self.files = files
        self.models = models
    }

    /// Work left for nearest-name suggestions (edit-distance cells, counted from an upper
    /// bound known before each search: the number of candidates and the name's length, so
    /// that which searches run never depends on the order of a dictionary). Past it, messages
    /// go without « vouliez-vous dire » : thousands of undefined names among thousands of
    /// declared ones stay linear (they cost 146 s before, for 20 000 of each).
    var suggestionBudget = 40_000_000

    /// The nearest candidate to an undefined `name`, within the budget; names longer than 64
    /// characters get no suggestion (a typo suggestion for them would not help).
    public func nearest<C: Collection<String>>(to name: String, among candidates: C) -> String? {
        nearest(to: name, count: candidates.count) { candidates }
    }

    /// The same, the `count` candidates listed only when the search is within the budget.
    public func nearest<C: Collection<String>>(to name: String, count: Int, among candidates: () -> C) -> String? {
        let length = name.unicodeScalars.count
        guard length <= 64 else { return nil }
        let cost = count * (length + 1) * (length + length / 3 + 2)
        guard cost <= suggestionBudget else { return nil }
        suggestionBudget -= cost
        return Suggest.nearest(to: name, among: candidates())
    }

    /// Reports `message` at `place` about `subject` (whose `ignorer` comments, and its ancestors', apply).
    public func report(_ message: Message, at place: Place, subject: Element? = nil, notes: [Note] = [], severity: Severity? = nil) {
        let code = message.code
        if let s = subject, s.isSuppressed(code) { return }
        let span = files.span(place)
        if let f = models[place.file], !f.lineSuppressions.isEmpty, f.isSuppressed(code, line: span.start.line) { return }
        diagnostics.append(Diagnostic(message, at: span, notes: notes, severity: severity))
    }

    /// Removes and returns the diagnostics reported since there were `mark` of them (what one
    /// unit of a rule reported).
    func take(from mark: Int) -> [Diagnostic] {
        guard diagnostics.count > mark else { return [] }
        // A copy of exactly what was taken: `Array(diagnostics[0...])` would share the whole
        // buffer, of the capacity the largest unit ever needed, and every outcome kept would
        // hold one (and the removal would then copy the buffer).
        var out: [Diagnostic] = []
        out.reserveCapacity(diagnostics.count - mark)
        out.append(contentsOf: diagnostics[mark...])
        diagnostics.removeSubrange(mark...)
        return out
    }

    /// A note at a place.
    public func note(_ m: NoteMessage, at place: Place?) -> Note { Note(m, at: place.map(files.span)) }
}

/// What a rule sees: one consolidated version of one contract. The walk of the whole version
/// (`elements`) is made on first use and shared by the rules: a version whose avenant changed
/// only a few elements is re-checked on them without being walked (issue 21).
public final class VersionContext {
    public let contract: Contract
    public let version: Version
    public let options: CheckOptions
    public let reporter: Reporter
    /// Whether this version is the one in force at the `--au` date (the state checks are
    /// reported there only).
    public let inForce: Bool
    public let files: FileTable
    let walk: Walk
    /// What each element's subtree holds (`RuleScope.subtree`), when a rule needs it.
    let counts: SubtreeCounts?

    /// `walk`: the walk of this version already made, if any.
    init(contract: Contract, version: Version, options: CheckOptions, reporter: Reporter, inForce: Bool, files: FileTable,
         counts: SubtreeCounts? = nil, walk: Walk? = nil) {
        self.contract = contract
        self.version = version
        self.options = options
        self.reporter = reporter
        self.inForce = inForce
        self.files = files
        self.counts = counts
        period = version.period
        isHierarchical = version.isHierarchical
        self.walk = walk ?? Walk(version.tree)
    }

    /// The contract period of this version (read once).
    public let period: Window?
    /// Whether the version's numbering is hierarchical (read once).
    public let isHierarchical: Bool

    public var tree: ElementTree { version.tree }
    public var periodNote: [Note] {
        version.periodProperty.map { [reporter.note(.periodDeclared, at: $0.place)] } ?? []
    }

    /// Every element of the version in document order, the contract header first (one walk,
    /// made on first use).
    public var elements: [ElementID] { walk.preorder }

    /// A value as written, in canonical spelling.
    public func text(_ place: Place) -> String { files.canonicalText(place) }

    /// The window of a deadline in this version.
    public func window(of d: Deadline) -> Window? { version.window(of: d, period: period) }

    /// The elements of one kind, in document order.
    public func elements(_ kind: ElementKind) -> [ElementID] { walk.byKind[Int(kind.rawValue)] }

    /// Whether the subtree of `id` (itself excluded) holds an element of `kind` (one of the
    /// kinds a `.subtree` rule counts).
    public func holds(_ kind: ElementKind, below id: ElementID) -> Bool {
        (counts ?? walk.counts).holds(kind, below: id)
    }

    /// The resolved targets of an indicator in this version, computed once and shared by the
    /// rules that read them (COP103 for a broken chain, COP403).
    public func chain(of id: ElementID) -> TargetChain {
        if let c = chains.byElement[id] { return c }
        let c = TargetChain(tree[id], firstYear: period?.start.year)
        // Without a relative target the chain is a view of the properties: nothing to share.
        if c.hasRelative { chains.byElement[id] = c }
        return c
    }
    let chains = ChainCache()
}

/// The walk of one version, made on first use: its elements in document order, by kind, and
/// (for a full check) what each subtree holds.
final class Walk {
    let tree: ElementTree

    init(_ tree: ElementTree) { self.tree = tree }

    lazy var preorder: [ElementID] = tree.preorder
    lazy var byKind: [[ElementID]] = {
        var byKind = [[ElementID]](repeating: [], count: ElementKind.allCases.count)
        for id in preorder { byKind[Int(tree[id].kind.rawValue)].append(id) }
        return byKind
    }()
    lazy var counts = SubtreeCounts(tree, preorder: preorder, counted: Checker.counted)
}

/// The target chains of one version, by indicator (`VersionContext.chain(of:)`).
final class ChainCache {
    var byElement: [ElementID: TargetChain] = [:]
}

/// Version-wide facts a rule's result on an element may depend on, besides the element.
public struct VersionFacts: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The contract's `période` (its value and its place, which notes point at).
    public static let period = VersionFacts(rawValue: 1)
    /// Which référents exist (added, removed).
    public static let referents = VersionFacts(rawValue: 2)
    /// The plans (added, modified, removed: their periods place `selon PLAN` deadlines).
    public static let plans = VersionFacts(rawValue: 4)
    /// The contract's `numérotation`.
    public static let numbering = VersionFacts(rawValue: 8)
    /// The element's parent (not version-wide: its parent's title and properties).
    public static let parent = VersionFacts(rawValue: 16)
}

/// What a rule's result on one unit depends on (issue 21). The checker runs every rule on
/// every unit of version 0; on each later version, only on the units its avenant may have
/// changed (`ContractCheck`), and keeps the diagnostics of the others.
public enum RuleScope: Sendable {
    /// Each element alone — of `kinds` (kind by kind), or every element (`nil`, in document
    /// order) — with the version-wide facts `context`; with `declarations`, each référent and
    /// plan too. Re-run on the elements added or modified (and, with `.parent`, the children
    /// of those modified), on every one when a fact of `context` changed.
    case element(kinds: [ElementKind]?, context: VersionFacts, declarations: Bool = false)
    /// The children of one element (the unit is the parent): re-run for the parents whose
    /// children were added, removed or modified.
    case children
    /// Whether the subtree of an element of `kinds` holds elements of the `counted` kinds, and
    /// for `parentFor` kinds its parent's: re-run where that changed (the ancestors of what was
    /// added or removed whose holding flipped, and their children of `parentFor` kinds).
    case subtree(counted: [ElementKind], kinds: [ElementKind], parentFor: [ElementKind])
}

/// A check over the elements of a version, one unit at a time (`RuleScope`).
public protocol ElementRule: SendableMetatype {
    static var scope: RuleScope { get }
    /// The check of one unit: an element, or for `.children` the parent of the siblings.
    static func check(_ ctx: VersionContext, _ id: ElementID)
    /// The check of a référent or plan (`declarations: true`).
    static func check(_ ctx: VersionContext, declaration: Element)
}

extension ElementRule {
    public static func check(_ ctx: VersionContext, declaration: Element) {}
}

/// One check of copc, as Go's `analysis.Analyzer`: the codes it reports — whose
/// `RuleDescriptor`s give their severity, title, SARIF name and `expliquer` text — and how it
/// runs. `Checker.analyzers` is the list of checks; the codes found while reading a file
/// (lexer, parser, builder) and assembling the workspace are reported by those stages.
public struct Analyzer: Sendable {
    /// What a check looks at.
    public enum Run: Sendable {
        /// Every consolidated version of every contract, unit by unit (`RuleScope`).
        case element(RuleScope, @Sendable (VersionContext, ElementID) -> Void, declaration: @Sendable (VersionContext, Element) -> Void)
        /// Every version, group of ids by group of ids (`NumberingSequence`).
        case idGroups
        /// A contract with its chain of avenants.
        case contract(@Sendable (Contract, Reporter) -> Void)
        /// The whole workspace.
        case workspace(@Sendable (Workspace, Reporter) -> Void)
        /// Each bilan of each contract, with the version in force on 31 December of its year.
        case bilan(@Sendable (BilanContext) -> Void)
        /// The bilans of a contract together, with the options (`--au`).
        case bilans(@Sendable (Contract, CheckOptions, Reporter) -> Void)
        /// The whole workspace as a portfolio at the `--au` date (`copc portefeuille` only).
        case portfolio(@Sendable (Workspace, CheckOptions, Reporter) -> Void)
    }

    /// The check's name (its type), for the docs and the tests.
    public let name: String
    public let codes: [Code]
    public let run: Run
    /// Whether the check is a state check (COP103, COP302, COP303, COP307): reported for the
    /// version in force at the `--au` date only.
    public var inForceOnly = false

    /// The descriptors of the codes this check reports.
    public var descriptors: [RuleDescriptor] { codes.map(\.descriptor) }

    static func element<R: ElementRule>(_ rule: R.Type, _ codes: [Code]) -> Analyzer {
        Analyzer(name: String(describing: rule), codes: codes, run: .element(R.scope, { R.check($0, $1) }, declaration: { R.check($0, declaration: $1) }))
    }

    /// A state check: an element rule reported for the version in force only.
    static func inForce<R: ElementRule>(_ rule: R.Type, _ codes: [Code]) -> Analyzer {
        var a = element(rule, codes)
        a.inForceOnly = true
        return a
    }

    static func bilan<R: BilanRule>(_ rule: R.Type, _ codes: [Code]) -> Analyzer {
        Analyzer(name: String(describing: rule), codes: codes, run: .bilan({ R.check($0) }))
    }
}

/// Runs every check: per-file diagnostics, workspace diagnostics, rules on every version.
public enum Checker {
    /// Every check, in the order they run.
    public static let analyzers: [Analyzer] = [
        .element(ReferencesResolve.self, [.cop201, .cop208]),
        .element(IdMatchesParent.self, [.cop202]),
        Analyzer(name: "NumberingSequence", codes: [.cop203, .cop204], run: .idGroups),
        .element(DeadlineWithinPeriod.self, [.cop300]),
        .inForce(DeadlinesSpecified.self, [.cop307]),
        .element(TargetYearWithinPeriod.self, [.cop301]),
        .inForce(EveryYearHasTarget.self, [.cop302]),
        .inForce(PendingTargets.self, [.cop303]),
        .element(TargetUnitCompatible.self, [.cop400]),
        .element(RelativeTargetHasBase.self, [.cop401]),
        .element(RangeOrdered.self, [.cop402]),
        .element(TargetsFollowDirection.self, [.cop403]),
        .inForce(RelativeTargetsResolve.self, [.cop103]),
        .element(IndicatorHasUnit.self, [.cop404]),
        .element(WeightsAddUp.self, [.cop405]),
        .element(ResourcesChecked.self, [.cop301, .cop400]),
        .element(DeclinedTargetsHaveNoTarget.self, [.cop105]),
        .element(ObjectiveCoverage.self, [.cop500, .cop501]),
        .element(ObjectiveHasPilot.self, [.cop502]),
        Analyzer(name: "AvenantChain", codes: [.cop305, .cop306, .cop503], run: .contract(AvenantChain.check)),
        Analyzer(name: "UnknownContract", codes: [.cop209], run: .workspace(UnknownContract.check)),
        Analyzer(name: "Succession", codes: [.cop210, .cop211], run: .workspace(Succession.check)),
        Analyzer(name: "AnnuaireReferences", codes: [.cop201, .cop208], run: .workspace(AnnuaireReferences.check)),
        .bilan(BilanElementsExist.self, [.cop600]),
        .bilan(RealizedCompatible.self, [.cop601]),
        .bilan(RealizedGiven.self, [.cop602]),
        .bilan(TargetReached.self, [.cop603]),
        .bilan(ActionsOnTime.self, [.cop604]),
        .bilan(CompletionDated.self, [.cop605]),
        Analyzer(name: "BilansDue", codes: [.cop606, .cop607], run: .bilans(BilansDue.check)),
    ]

    /// The checks of the portfolio, run by `copc portefeuille` on top of the
    /// check and never by `copc check`: what they say depends on the date.
    public static let portfolioAnalyzers: [Analyzer] = [
        Analyzer(name: "BodiesWithoutContract", codes: [.cop212], run: .portfolio(BodiesWithoutContract.check)),
    ]

    /// The diagnostics of the portfolio checks on a checked workspace, at the `--au` date of
    /// `options`, sorted.
    public static func portfolio(_ workspace: Workspace, files: FileTable, options: CheckOptions) -> [Diagnostic] {
        var models: [FileID: FileModel] = [:]
        for f in workspace.files { models[f.file] = f }
        let reporter = Reporter(files: files, models: models)
        for a in portfolioAnalyzers { if case .portfolio(let run) = a.run { run(workspace, options, reporter) } }
        return reporter.diagnostics.sorted(by: Diagnostic.ordered)
    }

    /// The kinds whose presence in subtrees the `.subtree` rules read (`SubtreeCounts`).
    static let counted: [ElementKind] = {
        var kinds: [ElementKind] = []
        for a in analyzers {
            if case .element(.subtree(let c, _, _), _, _) = a.run { for k in c where !kinds.contains(k) { kinds.append(k) } }
        }
        return kinds
    }()

    /// Where a diagnostic is, for deduplication: a diagnostic repeated in versions N and N-1
    /// has the same code and place.
    enum Occurrence: Hashable {
        case at(Code, FileID, ByteRange)
        case file(Code, String, String)

        init(_ d: Diagnostic) {
            self = d.span.map { .at(d.code, $0.file.id, $0.range) } ?? .file(d.code, d.path, d.text)
        }
    }

    /// All diagnostics of a workspace, deduplicated (a diagnostic repeated in version N and
    /// N-1 is reported once, at its source) and sorted.
    ///
    /// Contracts are checked on up to `threads` threads (each contract's versions in order on
    /// one thread, with its own reporters); their diagnostics are gathered in the order of
    /// the contracts, so the result does not depend on `threads`. With `everyVersionWhole`,
    /// every rule runs on every unit of every version (the definition the incremental check
    /// must equal; for the tests). With a `memory` kept from an earlier check of the same
    /// workspace, a contract whose version 0 did not change is checked from there.
    public static func check(_ workspace: Workspace, files: FileTable, perFile: [Diagnostic], options: CheckOptions,
                             threads: Int = 1, everyVersionWhole: Bool = false, memory: CheckMemory? = nil) -> [Diagnostic] {
        let models = models(of: workspace)
        var all: [Diagnostic] = []
        // Per-file diagnostics (lexer, parser, builder) honour line suppressions too.
        for d in perFile + workspace.diagnostics {
            if let s = d.span, let f = models[s.file.id], !f.lineSuppressions.isEmpty, f.isSuppressed(d.code, line: s.start.line) { continue }
            all.append(d)
        }
        let contracts = workspace.contracts
        let found = UnsafeMutableBufferPointer<[Diagnostic]>.allocate(capacity: contracts.count)
        found.initialize(repeating: [])
        let kept = UnsafeMutableBufferPointer<CheckMemory.Entry?>.allocate(capacity: contracts.count)
        kept.initialize(repeating: nil)
        let reused = UnsafeMutableBufferPointer<Bool>.allocate(capacity: contracts.count)
        reused.initialize(repeating: false)
        defer {
            found.deinitialize(); found.deallocate()
            kept.deinitialize(); kept.deallocate()
            reused.deinitialize(); reused.deallocate()
        }
        if let memory { for k in 0..<contracts.count { kept[k] = memory.entries[contracts[k].file] } }
        Parallel.forEach(contracts.count, threads: threads) { k in
            found[k] = contractDiagnostics(contracts[k], files: files, models: models, options: options, everyVersionWhole: everyVersionWhole,
                                           kept: kept[k], remember: memory == nil ? nil : { kept[k] = $0; reused[k] = $1 })
        }
        for k in 0..<contracts.count { all.append(contentsOf: found[k]) }
        if let memory {
            memory.entries = [:]
            for k in 0..<contracts.count {
                memory.entries[contracts[k].file] = kept[k]
                if reused[k] { memory.reused += 1 }
            }
        }
        let reporter = Reporter(files: files, models: models)
        for a in analyzers { if case .workspace(let run) = a.run { run(workspace, reporter) } }
        all.append(contentsOf: reporter.diagnostics)
        return deduplicated(all)
    }

    /// The diagnostics of one contract — its versions, its chain of avenants, its bilans —
    /// deduplicated and sorted, for a shell that re-checks only the contracts an edit touched
    /// (the language server). `models` are the files of the workspace by id (their
    /// `# copc: ignorer` lines): `Checker.models(of:)`. With the other contracts' and the
    /// workspace's diagnostics, they make `check`'s result.
    /// With a `memory`, when the contract's version 0 did not change since the check that
    /// filled it, only the avenants are checked again (O(their size) instead of O(E)).
    public static func check(contract: Contract, files: FileTable, models: [FileID: FileModel], options: CheckOptions,
                             memory: CheckMemory? = nil) -> [Diagnostic] {
        var kept = memory?.entries[contract.file]
        let out = contractDiagnostics(contract, files: files, models: models, options: options, everyVersionWhole: false,
                                      kept: kept, remember: memory == nil ? nil : { entry, reused in
                                          kept = entry
                                          if reused { memory?.reused += 1 }
                                      })
        memory?.entries[contract.file] = kept
        return deduplicated(out)
    }

    /// The files of a workspace by id.
    public static func models(of workspace: Workspace) -> [FileID: FileModel] {
        var models: [FileID: FileModel] = [:]
        for f in workspace.files { models[f.file] = f }
        return models
    }

    /// One contract's diagnostics, before deduplication across contracts: its versions' (each
    /// repeated diagnostic once, in its latest wording), then its chain's and its bilans'.
    static func contractDiagnostics(_ contract: Contract, files: FileTable, models: [FileID: FileModel], options: CheckOptions,
                                    everyVersionWhole: Bool, kept: CheckMemory.Entry? = nil,
                                    remember: ((CheckMemory.Entry, Bool) -> Void)? = nil) -> [Diagnostic] {
        let check = ContractCheck(contract: contract, files: files, models: models, options: options)
        var out = everyVersionWhole ? check.everyVersionWhole() : check.run(kept: kept, remember: remember)
        let reporter = Reporter(files: files, models: models)
        for a in analyzers { if case .contract(let run) = a.run { run(contract, reporter) } }
        for a in analyzers { if case .bilans(let run) = a.run { run(contract, options, reporter) } }
        for bilan in contract.bilans {
            guard let ctx = BilanContext(contract: contract, bilan: bilan, options: options, reporter: reporter, files: files) else { continue }
            for a in analyzers { if case .bilan(let run) = a.run { run(ctx) } }
        }
        out.append(contentsOf: reporter.diagnostics)
        return out
    }

    /// One diagnostic per (code, place), the first given, sorted.
    static func deduplicated(_ all: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Occurrence>()
        var out: [Diagnostic] = []
        for d in all where seen.insert(Occurrence(d)).inserted { out.append(d) }
        out.sort(by: Diagnostic.ordered)
        return out
    }
}
