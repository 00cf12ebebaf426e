import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcModel
import CopcSema

/// A file named on its own is checked in its context (issue 13): editors, pre-commit (which
/// passes file names) and reviewers check one file, and `copc check avenant-1.cop` must not say
/// « contrat inconnu » when the contract is beside it.
///
/// The context of a named file is found below its workspace root (`WorkspaceRoot.of`: never
/// above the marker or repository root, never the current folder): the declaration of its
/// contract (its own header, the contract an avenant amends, or the contract of a file that
/// imports an annuaire) nearest to the named file when several folders declare the same id,
/// that declaration's avenants (those for which it is the nearest declaration), and their
/// imports. Diagnostics are reported on the files named; a diagnostic in another file that
/// appears only because of the named files (compared with the same context checked without
/// them) is reported there as a note.
enum FileContext {
    struct Entry { let real: String; let root: String; let model: FileModel }

    /// What the survey below the roots found: every file (in the order of the folder walks,
    /// then the files named), and for each explicit file, in order, the files of its contract.
    struct Survey {
        let entries: [Entry]
        let byReal: [String: Int]
        /// Per explicit file: itself, the nearest declaration of each contract it belongs to and
        /// that declaration's avenants (`files`), and that declaration's bilans (`bilans`).
        let contexts: [(files: Set<String>, bilans: Set<String>)]
    }

    /// The survey and the rule of the nearest declaration: the one answer to « which files
    /// belong with this file », for `check` (the command line) and `Driver.contexts` (the
    /// language server).
    static func survey(named: [(real: String, root: String)], explicit: [(real: String, root: String)],
                       sources: SourceSet) -> Survey {
        // Pass 1: every file below the roots of the files named, parsed and built once (the
        // source set's parse cache serves the passes that follow).
        let survey = Loading(sources: sources)
        var rootsSeen = Set<String>()
        for (_, root) in explicit where rootsSeen.insert(root).inserted {
            for f in (try? FileSystem.copFiles(under: root, within: root)) ?? [] {
                if let real = FileSystem.realPath(f) { survey.load(real, root: root) }
            }
        }
        for (real, root) in named { survey.load(real, root: root) }
        let entries = survey.loaded.map { f in Entry(real: f.realPath, root: survey.roots[f.model.file]?.root ?? "", model: f.model) }
        var declarations: [String: [Int]] = [:]   // contract id → entries declaring it
        var importers: [String: [Int]] = [:]      // real path imported → entries importing it
        for (k, e) in entries.enumerated() {
            if e.model.kind == .contract, let id = e.model.header?.id { declarations[id, default: []].append(k) }
            for imp in e.model.imports {
                let target = FileSystem.realPath(Paths.join(Paths.directory(of: e.real), imp.path)) ?? Paths.normalize(Paths.join(Paths.directory(of: e.real), imp.path))
                importers[target, default: []].append(k)
            }
        }
        /// The contracts a file belongs to: its own, the one it amends or follows up, or (an
        /// annuaire) those of the files importing it, directly or through other annuaires (each
        /// file visited once).
        func contractIds(_ start: Int) -> [String] {
            var ids: [String] = [], seen: Set<Int> = [start], queue = [start]
            while let k = queue.popLast() {
                let e = entries[k]
                switch e.model.kind {
                case .contract: if let id = e.model.header?.id { ids.append(id) }
                case .avenant, .bilan: if let id = e.model.contractRef { ids.append(id) }
                default:
                    for i in importers[e.real] ?? [] where seen.insert(i).inserted { queue.append(i) }
                }
            }
            return ids
        }
        // Each path split once: a root holding hundreds of declarations of one id (test
        // cases) would otherwise split them again for every avenant.
        let components = entries.map { $0.real.split(separator: "/") }
        var nearestOf: [String: [Int: Int?]] = [:]
        /// The declaration of `id` nearest to entry `k` (deepest common folder), in the same root.
        func nearest(_ id: String, to k: Int, root: String) -> Int? {
            let memo = root + "\u{0}" + id
            if let known = nearestOf[memo]?[k] { return known }
            let candidates = (declarations[id] ?? []).filter { entries[$0].root == root }
            let found = candidates.max { commonDepth(components[$0], components[k]) < commonDepth(components[$1], components[k]) }
            nearestOf[memo, default: [:]][k] = .some(found)
            return found
        }
        let byReal = Dictionary(entries.enumerated().map { ($1.real, $0) }, uniquingKeysWith: { a, _ in a })
        var contexts: [(files: Set<String>, bilans: Set<String>)] = []
        for (real, root) in explicit {
            var files: Set<String> = [real], bilans: Set<String> = []
            defer { contexts.append((files, bilans)) }
            guard let k = byReal[real] else { continue }
            for id in contractIds(k) {
                guard let decl = nearest(id, to: k, root: root) else { continue }
                files.insert(entries[decl].real)
                for (j, e) in entries.enumerated() where (e.model.kind == .avenant || e.model.kind == .bilan) && e.model.contractRef == id && e.root == root {
                    if nearest(id, to: j, root: root) == decl {
                        if e.model.kind == .avenant { files.insert(e.real) } else { bilans.insert(e.real) }
                    }
                }
            }
        }
        return Survey(entries: entries, byReal: byReal, contexts: contexts)
    }

    static func check(named: [(real: String, root: String)], explicit: [(real: String, root: String)],
                      sources: SourceSet, options: CheckOptions) -> CheckResult {
        let found = survey(named: named, explicit: explicit, sources: sources)
        let entries = found.entries, byReal = found.byReal
        var selected = Set(named.map(\.real))
        // A bilan's contract is its context; the bilans of a contract named are not (they do
        // not change what the contract says).
        for c in found.contexts { selected.formUnion(c.files) }
        let rootOf = Dictionary(entries.map { ($0.real, $0.root) }, uniquingKeysWith: { a, _ in a })
        let namedRoots = Dictionary(named.map { ($0.real, $0.root) }, uniquingKeysWith: { a, _ in a })
        func run(_ files: [String]) -> CheckResult {
            let l = Loading(sources: sources)
            for f in files { if let root = namedRoots[f] ?? rootOf[f] { l.load(f, root: root) } }
            return l.finish(options: options)
        }
        // Named files first, in the order given; then their context.
        var order = named.map(\.real)
        order += selected.subtracting(order).sorted()
        let full = run(order)
        let explicitSet = Set(explicit.map(\.real))
        let reportedPaths = Set(named.map { sources.display($0.real) })
        let others = full.diagnostics.filter { !reportedPaths.contains($0.path) }
        var kept = full.diagnostics.filter { reportedPaths.contains($0.path) }
        if !others.isEmpty {
            let base = run(order.filter { !explicitSet.contains($0) })
            func key(_ d: Diagnostic) -> String { "\(d.code.rawValue)|\(d.path)|\(d.span?.range.start ?? -1)|\(d.text)" }
            let before = Set(base.diagnostics.map(key))
            // A named annuaire is imported by the other files, so the check without it still reads
            // it: what it breaks there are the references it no longer resolves (COP201).
            let annuaireNamed = explicit.contains { byReal[$0.real].map { entries[$0].model.kind == .annuaire } ?? false }
            for var d in others where !before.contains(key(d)) || (annuaireNamed && d.code == .cop201) {
                d.severity = .note
                kept.append(d)
            }
            kept.sort(by: Diagnostic.ordered)
        }
        return CheckResult(diagnostics: kept, files: full.files, workspace: full.workspace, fileTable: full.fileTable,
                           realPaths: full.realPaths, roots: full.roots)
    }

    /// The number of leading path components `a` and `b` share.
    static func commonDepth(_ x: [Substring], _ y: [Substring]) -> Int {
        var n = 0
        while n < x.count, n < y.count, x[n] == y[n] { n += 1 }
        return n
    }
}
