import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcLanguage

/// Collects diagnostics for one version, dropping those silenced by `# copc: ignorer`.
public final class Reporter {
    public private(set) var diagnostics: [Diagnostic] = []
    let filesBySource: [ObjectIdentifier: FileModel]

    init(filesBySource: [ObjectIdentifier: FileModel]) {
        self.filesBySource = filesBySource
    }

    /// Reports `message` at `span` about `subject` (whose `ignorer` comments, and its ancestors', apply).
    public func report(_ message: Message, at span: SourceSpan, subject: Element? = nil, notes: [Note] = [], severity: Severity? = nil) {
        let code = message.code
        if let s = subject, s.isSuppressed(code) { return }
        if let f = filesBySource[ObjectIdentifier(span.file)], f.isSuppressed(code, at: span) { return }
        diagnostics.append(Diagnostic(message, at: span, notes: notes, severity: severity))
    }
}

/// What a rule sees: one consolidated version of one contract.
public struct VersionContext {
    public let unit: ContractUnit
    public let version: ContractVersion
    public let options: CheckOptions
    public let reporter: Reporter
    /// Whether this version is the one in force at the `--au` date (state checks run there only).
    public let inForce: Bool

    public var period: Window? { version.period }
    public var periodNote: [Note] {
        version.periodProp.map { [Note(.periodDeclared, at: $0.span)] } ?? []
    }

    public func planPeriod(_ name: String) -> Window? { version.plans[name]?.period }
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
        case contract(@Sendable (ContractUnit, CheckOptions, Reporter) -> Void)
        /// The whole workspace.
        case workspace(@Sendable (Workspace, [FileModel], Reporter) -> Void)
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
        .version(IndicatorHasUnit.self, [.cop404]),
        .version(DeclinedTargetsHaveNoTarget.self, [.cop105]),
        .version(ObjectiveCoverage.self, [.cop500, .cop501]),
        .version(ObjectiveHasPilot.self, [.cop502]),
        Analyzer(name: "AvenantRules", codes: [.cop305, .cop306, .cop503], run: .contract(AvenantRules.check)),
        Analyzer(name: "UnknownContract", codes: [.cop209], run: .workspace({ ws, _, r in UnknownContract.check(ws, reporter: r) })),
        Analyzer(name: "AnnuaireReferences", codes: [.cop201, .cop208], run: .workspace(AnnuaireReferences.check)),
    ]

    /// All diagnostics of a workspace, deduplicated (a diagnostic repeated in version N and
    /// N-1 is reported once, at its source) and sorted.
    public static func check(_ workspace: Workspace, files: [FileModel], perFile: [Diagnostic], options: CheckOptions) -> [Diagnostic] {
        var byFile: [ObjectIdentifier: FileModel] = [:]
        for f in files { byFile[ObjectIdentifier(f.source)] = f }
        var all: [Diagnostic] = []
        // Per-file diagnostics (lexer, parser, builder) honour line suppressions too.
        for d in perFile + workspace.diagnostics {
            if let s = d.span, let f = byFile[ObjectIdentifier(s.file)], f.isSuppressed(d.code, at: s) { continue }
            all.append(d)
        }
        for unit in workspace.units {
            let inForce = unit.versionInForce(at: options.au)
            // Latest version first, so that a repeated diagnostic keeps its latest wording.
            for version in unit.versions.reversed() {
                let reporter = Reporter(filesBySource: byFile)
                let ctx = VersionContext(unit: unit, version: version, options: options, reporter: reporter, inForce: version === inForce)
                for a in analyzers { if case .version(let run) = a.run { run(ctx) } }
                all.append(contentsOf: reporter.diagnostics)
            }
            let reporter = Reporter(filesBySource: byFile)
            for a in analyzers { if case .contract(let run) = a.run { run(unit, options, reporter) } }
            all.append(contentsOf: reporter.diagnostics)
        }
        let reporter = Reporter(filesBySource: byFile)
        for a in analyzers { if case .workspace(let run) = a.run { run(workspace, files, reporter) } }
        all.append(contentsOf: reporter.diagnostics)

        var seen = Set<String>()
        var out: [Diagnostic] = []
        for d in all {
            let key: String
            if let s = d.span {
                key = "\(d.code.rawValue)|\(s.file.path)|\(s.range.start)|\(s.range.end)"
            } else {
                key = "\(d.code.rawValue)|\(d.path)|\(d.text)"
            }
            if seen.insert(key).inserted { out.append(d) }
        }
        out.sort(by: Diagnostic.ordered)
        return out
    }
}
