import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema

/// Collects diagnostics for one version, dropping those silenced by `# copc: ignorer`.
public final class Reporter {
    public private(set) var diagnostics: [Diagnostic] = []
    let filesBySource: [ObjectIdentifier: FileModel]

    init(filesBySource: [ObjectIdentifier: FileModel]) {
        self.filesBySource = filesBySource
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

    /// Codes silenced for an element by its own and its ancestors' `ignorer` comments,
    /// memoised: each element's ancestor walk stops at the first memoised ancestor, so the
    /// walks of a whole version cost O(elements), however deep and however many diagnostics.
    private var inherited: [ObjectIdentifier: Set<Code>] = [:]

    func silenced(for e: Element) -> Set<Code> {
        if let s = inherited[ObjectIdentifier(e)] { return s }
        var path: [Element] = []
        var base: Set<Code> = []
        var x: Element? = e
        while let y = x {
            if let s = inherited[ObjectIdentifier(y)] { base = s; break }
            path.append(y)
            x = y.parent
        }
        for y in path.reversed() {
            if !y.suppressed.isEmpty { base.formUnion(y.suppressed) }
            inherited[ObjectIdentifier(y)] = base
        }
        return base
    }

    /// Reports `message` at `span` about `subject` (whose `ignorer` comments, and its ancestors', apply).
    public func report(_ message: Message, at span: SourceSpan, subject: Element? = nil, notes: [Note] = [], severity: Severity? = nil) {
        let code = message.code
        if let s = subject, silenced(for: s).contains(code) { return }
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

/// Runs every check: per-file diagnostics, workspace diagnostics, rules on every version.
public enum Checker {
    static let versionRules: [any VersionRule.Type] = [
        ReferencesResolve.self,
        IdMatchesParent.self,
        NumberingSequence.self,
        DeadlineWithinPeriod.self,
        TargetYearWithinPeriod.self,
        EveryYearHasTarget.self,
        PendingTargets.self,
        TargetUnitCompatible.self,
        RelativeTargetHasBase.self,
        RangeOrdered.self,
        TargetsFollowDirection.self,
        IndicatorHasUnit.self,
        DeclinedTargetsHaveNoTarget.self,
        ObjectiveCoverage.self,
        ObjectiveHasPilot.self,
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
                for rule in versionRules { rule.check(ctx) }
                all.append(contentsOf: reporter.diagnostics)
            }
            let reporter = Reporter(filesBySource: byFile)
            AvenantRules.check(unit, options: options, reporter: reporter)
            all.append(contentsOf: reporter.diagnostics)
        }
        let reporter = Reporter(filesBySource: byFile)
        UnknownContract.check(workspace, reporter: reporter)
        AnnuaireReferences.check(workspace, files: files, reporter: reporter)
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
