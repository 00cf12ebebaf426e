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
        let length = name.unicodeScalars.count
        guard length <= 64 else { return nil }
        let cost = candidates.count * (length + 1) * (length + length / 3 + 2)
        guard cost <= suggestionBudget else { return nil }
        suggestionBudget -= cost
        return Suggest.nearest(to: name, among: candidates)
    }

    /// Reports `message` at `place` about `subject` (whose `ignorer` comments, and its ancestors', apply).
    public func report(_ message: Message, at place: Place, subject: Element? = nil, notes: [Note] = [], severity: Severity? = nil) {
        let code = message.code
        if let s = subject, s.isSuppressed(code) { return }
        let span = files.span(place)
        if let f = models[place.file], !f.lineSuppressions.isEmpty, f.isSuppressed(code, line: span.start.line) { return }
        diagnostics.append(Diagnostic(message, at: span, notes: notes, severity: severity))
    }

    /// A note at a place.
    public func note(_ m: NoteMessage, at place: Place?) -> Note { Note(m, at: place.map(files.span)) }
}

/// What a rule sees: one consolidated version of one contract, walked once.
public struct VersionContext {
    public let contract: Contract
    public let version: Version
    public let options: CheckOptions
    public let reporter: Reporter
    /// Whether this version is the one in force at the `--au` date (state checks run there only).
    public let inForce: Bool
    /// Every element of the version in document order, the contract header first, and the
    /// same by kind — computed in one walk, for all the rules.
    public let elements: [ElementID]
    let byKind: [[ElementID]]
    public let files: FileTable

    init(contract: Contract, version: Version, options: CheckOptions, reporter: Reporter, inForce: Bool, files: FileTable) {
        self.contract = contract
        self.version = version
        self.options = options
        self.reporter = reporter
        self.inForce = inForce
        self.files = files
        period = version.period
        elements = version.tree.preorder
        var byKind = [[ElementID]](repeating: [], count: ElementKind.allCases.count)
        for id in elements { byKind[Int(version.tree[id].kind.rawValue)].append(id) }
        self.byKind = byKind
    }

    /// The contract period of this version (read once).
    public let period: Window?

    public var tree: ElementTree { version.tree }
    public var periodNote: [Note] {
        version.periodProperty.map { [reporter.note(.periodDeclared, at: $0.place)] } ?? []
    }

    /// A value as written, in canonical spelling.
    public func text(_ place: Place) -> String { files.canonicalText(place) }

    /// The window of a deadline in this version.
    public func window(of d: Deadline) -> Window? { version.window(of: d, period: period) }

    /// The elements of one kind, in document order.
    public func elements(_ kind: ElementKind) -> [ElementID] { byKind[Int(kind.rawValue)] }

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

/// The target chains of one version, by indicator (`VersionContext.chain(of:)`).
final class ChainCache {
    var byElement: [ElementID: TargetChain] = [:]
}

/// A check over one consolidated version.
public protocol VersionRule {
    static func check(_ ctx: VersionContext)
}

/// One check of copc, as Go's `analysis.Analyzer`: the codes it reports — whose
/// `RuleDescriptor`s give their severity, title, SARIF name and `expliquer` text — and how it
/// runs. `Checker.analyzers` is the list of checks; the codes found while reading a file
/// (lexer, parser, builder) and assembling the workspace are reported by those stages.
public struct Analyzer: Sendable {
    /// What a check looks at.
    public enum Run: Sendable {
        /// Every consolidated version of every contract, latest first.
        case version(@Sendable (VersionContext) -> Void)
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

    /// The descriptors of the codes this check reports.
    public var descriptors: [RuleDescriptor] { codes.map(\.descriptor) }

    static func version(_ rule: any VersionRule.Type, _ codes: [Code]) -> Analyzer {
        Analyzer(name: String(describing: rule), codes: codes, run: .version(rule.check))
    }

    static func bilan(_ rule: any BilanRule.Type, _ codes: [Code]) -> Analyzer {
        Analyzer(name: String(describing: rule), codes: codes, run: .bilan(rule.check))
    }
}

/// Runs every check: per-file diagnostics, workspace diagnostics, rules on every version.
public enum Checker {
    /// Every check, in the order they run.
    public static let analyzers: [Analyzer] = [
        .version(ReferencesResolve.self, [.cop201, .cop208]),
        .version(IdMatchesParent.self, [.cop202]),
        .version(NumberingSequence.self, [.cop203, .cop204]),
        .version(DeadlineWithinPeriod.self, [.cop300, .cop307]),
        .version(TargetYearWithinPeriod.self, [.cop301]),
        .version(EveryYearHasTarget.self, [.cop302]),
        .version(PendingTargets.self, [.cop303]),
        .version(TargetUnitCompatible.self, [.cop400]),
        .version(RelativeTargetHasBase.self, [.cop401]),
        .version(RangeOrdered.self, [.cop402]),
        .version(TargetsFollowDirection.self, [.cop403]),
        .version(RelativeTargetsResolve.self, [.cop103]),
        .version(IndicatorHasUnit.self, [.cop404]),
        .version(WeightsAddUp.self, [.cop405]),
        .version(ResourcesChecked.self, [.cop301, .cop400]),
        .version(DeclinedTargetsHaveNoTarget.self, [.cop105]),
        .version(ObjectiveCoverage.self, [.cop500, .cop501]),
        .version(ObjectiveHasPilot.self, [.cop502]),
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

    /// Where a diagnostic is, for deduplication: a diagnostic repeated in versions N and N-1
    /// has the same code and place.
    enum Occurrence: Hashable {
        case at(Code, FileID, ByteRange)
        case file(Code, String, String)
    }

    /// All diagnostics of a workspace, deduplicated (a diagnostic repeated in version N and
    /// N-1 is reported once, at its source) and sorted.
    ///
    /// Contracts are checked on up to `threads` threads (each contract's versions in order on
    /// one thread, with its own reporters); their diagnostics are gathered in the order of
    /// the contracts, so the result does not depend on `threads`.
    public static func check(_ workspace: Workspace, files: FileTable, perFile: [Diagnostic], options: CheckOptions,
                             threads: Int = 1) -> [Diagnostic] {
        var models: [FileID: FileModel] = [:]
        for f in workspace.files { models[f.file] = f }
        var all: [Diagnostic] = []
        // Per-file diagnostics (lexer, parser, builder) honour line suppressions too.
        for d in perFile + workspace.diagnostics {
            if let s = d.span, let f = models[s.file.id], !f.lineSuppressions.isEmpty, f.isSuppressed(d.code, line: s.start.line) { continue }
            all.append(d)
        }
        let contracts = workspace.contracts
        let found = UnsafeMutableBufferPointer<[Diagnostic]>.allocate(capacity: contracts.count)
        found.initialize(repeating: [])
        defer { found.deinitialize(); found.deallocate() }
        Parallel.forEach(contracts.count, threads: threads) { k in
            let contract = contracts[k]
            var out: [Diagnostic] = []
            let inForce = contract.versionInForce(at: options.au).number
            // Latest version first, so that a repeated diagnostic keeps its latest wording.
            for version in contract.versions.reversed() {
                let reporter = Reporter(files: files, models: models)
                let ctx = VersionContext(contract: contract, version: version, options: options, reporter: reporter,
                                         inForce: version.number == inForce, files: files)
                for a in analyzers { if case .version(let run) = a.run { run(ctx) } }
                out.append(contentsOf: reporter.diagnostics)
            }
            let reporter = Reporter(files: files, models: models)
            for a in analyzers { if case .contract(let run) = a.run { run(contract, reporter) } }
            for a in analyzers { if case .bilans(let run) = a.run { run(contract, options, reporter) } }
            for bilan in contract.bilans {
                guard let ctx = BilanContext(contract: contract, bilan: bilan, options: options, reporter: reporter, files: files) else { continue }
                for a in analyzers { if case .bilan(let run) = a.run { run(ctx) } }
            }
            out.append(contentsOf: reporter.diagnostics)
            found[k] = out
        }
        for k in 0..<contracts.count { all.append(contentsOf: found[k]) }
        let reporter = Reporter(files: files, models: models)
        for a in analyzers { if case .workspace(let run) = a.run { run(workspace, reporter) } }
        all.append(contentsOf: reporter.diagnostics)

        var seen = Set<Occurrence>()
        var out: [Diagnostic] = []
        for d in all {
            let key: Occurrence = d.span.map { .at(d.code, $0.file.id, $0.range) } ?? .file(d.code, d.path, d.text)
            if seen.insert(key).inserted { out.append(d) }
        }
        out.sort(by: Diagnostic.ordered)
        return out
    }
}
