import CopcFrench
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcRules
import CopcModel

/// The result of checking a set of paths.
public struct CheckResult {
    public let diagnostics: [Diagnostic]
    /// The files of the check, in the order they were loaded.
    public let files: [CheckedFile]
    public let workspace: Workspace
    /// The files by id: places become paths and spans through it.
    public let fileTable: FileTable
    /// Displayed path (`SourceFile.path`, `Diagnostic.path`) → absolute real path, for the
    /// shells that must name files absolutely (the language server's URIs).
    public let realPaths: [String: String]
    /// Displayed path → the workspace root the file was checked in (`WorkspaceRoot`).
    public let roots: [String: String]
    public var summary: Summary { Summary(diagnostics) }

    /// The absolute real path of a file of this check (`nil` for a file it did not load).
    public func realPath(of file: SourceFile) -> String? { realPaths[file.path] }

    /// The workspace root a file of this check was read in: its imports never leave it.
    public func workspaceRoot(of file: SourceFile) -> String? { roots[file.path] }

    /// The contracts, each with its consolidated versions.
    public var contracts: [Contract] { workspace.contracts }

    /// Displayed paths of files read only as the context of the folders checked — the
    /// contract another one `succède à`, declared outside them (`Loading.loadPredecessors`):
    /// no diagnostic of theirs is reported, and a portfolio lists none of their contracts.
    public private(set) var contextOnly: Set<String> = []

    /// The result without the diagnostics of the files `context` (displayed paths), which it
    /// remembers as `contextOnly`.
    func withoutDiagnostics(of context: Set<String>) -> CheckResult {
        guard !context.isEmpty else { return self }
        var r = CheckResult(diagnostics: diagnostics.filter { !context.contains($0.path) }, files: files, workspace: workspace,
                            fileTable: fileTable, realPaths: realPaths, roots: roots)
        r.contextOnly = context
        return r
    }

    /// Exit status of design §6: 1 on an error (with `strict`, also on a warning), else 0.
    public func exitStatus(strict: Bool) -> Int32 {
        let s = summary
        return s.errors > 0 || (strict && s.warnings > 0) ? 1 : 0
    }
}

/// A usage or I/O problem that prevents any check (exit status 2).
public struct DriverError: Error, CustomStringConvertible {
    public let description: String
}

/// The one façade the CLI, the tests and the language server call: read through a
/// `SourceSet`, parse, build, assemble, check.
public enum Driver {
    /// Checks the `.cop` files at `paths` (files or folders; none = the current folder).
    ///
    /// A file named on its own is checked in its context (`FileContext`): the contract it
    /// belongs to, that contract's avenants, bilans and annuaires, found below its workspace
    /// root by the one rule of `Membership`. The diagnostics are those of the files named (and
    /// of the folders named); what a named file breaks in another file of its contract is
    /// reported there as a note. Untrusted workspace markers (COP004), problems of a
    /// `copc.toml` (COP003) and entries a walk could not read (COP001) are reported too.
    /// The files are parsed and built on up to `threads` threads (by default one per
    /// processor); the result is the same whatever their number. `trust` says whose workspace
    /// markers count (by default this process's user and `COPC_REPERTOIRES_SURS`).
    public static func check(paths: [String], options: CheckOptions, threads: Int = Parallel.processors,
                             trust: WorkspaceTrust = .current) throws(DriverError) -> CheckResult {
        let cwd = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
        let sources = SourceSet(displayBase: cwd, readsDisk: true)
        let workspaces = Workspaces(trust: trust)
        var named: [(real: String, root: String)] = []
        var explicitFiles: [(real: String, root: String)] = []
        for (file, root, explicit) in try expandMarked(paths.isEmpty ? ["."] : paths, cwd: cwd, requireCop: !paths.isEmpty, workspaces: workspaces) {
            guard let real = FileSystem.realPath(file) else { continue }
            named.append((real, root))
            if explicit { explicitFiles.append((real, root)) }
        }
        guard !explicitFiles.isEmpty else {
            let run = Loading(sources: sources, workspaces: workspaces)
            run.prepare(named, threads: threads)
            for (real, root) in named { run.load(real, root: root) }
            let context = run.loadPredecessors(workspaces: workspaces)
            return run.finish(options: options).withoutDiagnostics(of: context)
        }
        return FileContext.check(named: named, explicit: explicitFiles, sources: sources, workspaces: workspaces, options: options)
    }

    /// Checks standard input (`copc check -`), shown as `name` (`--nom-fichier`): with a name
    /// whose folder exists, the text is checked in place of that file, in its context below
    /// the folder's workspace root, as a file named alone; without a name, it is checked on
    /// its own as `entrée-standard.cop` in the current folder (no other file is read).
    public static func check(input: [UInt8], name: String?, options: CheckOptions) throws(DriverError) -> CheckResult {
        let cwd = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
        let sources = SourceSet(displayBase: cwd, readsDisk: true)
        guard let name else {
            let path = Paths.join(cwd, "entrée-standard.cop")
            sources.setText(input, at: path)
            let run = Loading(sources: sources)
            run.load(path, root: cwd)
            return run.finish(options: options)
        }
        let absolute = name.hasPrefix("/") ? name : Paths.join(cwd, name)
        let folder = Paths.directory(of: Paths.normalize(absolute))
        let workspaces = Workspaces()
        guard FileSystem.kind(folder) == .directory, let realFolder = FileSystem.realPath(folder) else {
            throw DriverError(description: "dossier introuvable pour --nom-fichier : \(shown(name))")
        }
        let root = workspaces.root(folder: realFolder)
        let real = Paths.join(realFolder, Paths.lastComponent(of: Paths.normalize(absolute)))
        sources.setText(input, at: real)
        return FileContext.check(named: [(real, root)], explicit: [(real, root)], sources: sources, workspaces: workspaces, options: options)
    }

    /// Checks texts held in memory (tests, benchmarks, a revision read through git): `(path,
    /// text)` pairs under a virtual root, in that order; paths are shown as given. With `load`,
    /// only the paths it holds are checked, the others being read only when imported.
    public static func check(sources: [(String, [UInt8])], options: CheckOptions, load: Set<String>? = nil) -> CheckResult {
        let root = "/virtual"
        let set = SourceSet(displayBase: root, readsDisk: false)
        for (path, bytes) in sources { set.setText(bytes, at: root + "/" + path) }
        let run = Loading(sources: set)
        for (path, _) in sources where load?.contains(path) ?? true { run.load(Paths.normalize(root + "/" + path), root: root) }
        return run.finish(options: options)
    }

    /// Checks a folder with unsaved texts: every `.cop` file below `root` (below it
    /// recursively, or only in it), where `overlays` — unsaved texts keyed by absolute,
    /// symlink-free path — replace files on disk or add files not yet saved. Imports read
    /// overlays first too. Displayed paths are relative to `root`; `CheckResult.realPaths`
    /// maps them back. A missing or unreadable folder is checked as empty, never an error.
    /// (The language server checks each document's context instead: `contexts(of:sources:)`.)
    ///
    /// Imports may reach anywhere below the folder's workspace root (`WorkspaceRoot`), the same
    /// rule as the command line's; the folders its `copc.toml` excludes are not walked.
    public static func check(workspace root: String, overlays: [String: [UInt8]], recursive: Bool = true,
                             options: CheckOptions) -> CheckResult {
        let realRoot = FileSystem.realPath(root) ?? Paths.normalize(root)
        let set = SourceSet(displayBase: realRoot, readsDisk: true)
        set.setTexts(overlays)
        return check(workspace: realRoot, sources: set, recursive: recursive, options: options)
    }

    /// Checks a folder through a long-lived source set: its texts in memory over the disk, its
    /// parse cache reused.
    /// `root` is absolute and symlink-free; displayed paths are relative to the set's base.
    public static func check(workspace root: String, sources: SourceSet, recursive: Bool = true,
                             options: CheckOptions, threads: Int = Parallel.processors) -> CheckResult {
        let workspaces = Workspaces()
        let isFolder = FileSystem.kind(root) == .directory
        let importRoot = isFolder ? workspaces.root(folder: root) : root
        let found = isFolder ? ((try? workspaces.walk(root, recursive: recursive, root: importRoot)) ?? []) : []
        let excluded = isFolder ? workspaces.config(of: importRoot).excluded : []
        func inMemory(_ path: String) -> Bool {
            guard path.hasSuffix(".cop"), Paths.isInside(path, root) else { return false }
            if !recursive { return Paths.directory(of: path) == root }
            return !excluded.contains { Paths.isInside(path, $0) && !Paths.isInside(root, $0) }
        }
        if !recursive {
            // The files of the folder only: each checked in its context below the workspace
            // root, as on the command line (`FileContext`).
            var named: [(real: String, root: String)] = []
            var seen = Set<String>()
            for f in found { if let real = FileSystem.realPath(f), seen.insert(real).inserted { named.append((real, importRoot)) } }
            for path in sources.texts.keys.sorted() where inMemory(path) && seen.insert(path).inserted {
                named.append((path, importRoot))
            }
            return FileContext.check(named: named, explicit: named, sources: sources, workspaces: workspaces, options: options)
        }
        let run = Loading(sources: sources, workspaces: workspaces)
        var items: [(real: String, root: String)] = []
        for f in found {
            guard let real = FileSystem.realPath(f) else { continue }
            items.append((real, importRoot))
        }
        run.prepare(items, threads: threads)
        for (real, root) in items { run.load(real, root: root) }
        for path in sources.texts.keys.sorted() where run.byRealPath[path] == nil && inMemory(path) {
            run.load(path, root: importRoot)
        }
        return run.finish(options: options)
    }

    /// Checks the given files (absolute, symlink-free paths, all below `root`) where
    /// `overlays` — texts keyed by such paths — replace the disk (`copc diff` of two drafts: a
    /// draft's text, possibly a temporary file of git's, put in the place of the file it is a
    /// revision of). Imports resolve below `root` only; displayed paths are relative to the
    /// current folder.
    public static func check(files: [String], root: String, overlays: [String: [UInt8]], options: CheckOptions) -> CheckResult {
        let cwd = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
        let set = SourceSet(displayBase: cwd, readsDisk: true)
        set.setTexts(overlays)
        let run = Loading(sources: set)
        for f in files { run.load(f, root: root) }
        return run.finish(options: options)
    }

    /// The path as people see it: bytes that are not UTF-8 as `\xE9`, control characters escaped.
    static func shown(_ p: String) -> String { Escaping.controls(PathBytes.shown(p)) }

    /// The `.cop` files at `paths` (folders searched recursively), each with its workspace root
    /// (`WorkspaceRoot.of`: never the current folder, unless it is the root by the same rule).
    static func expand(_ paths: [String], cwd: String, requireCop: Bool = false,
                       workspaces: Workspaces) throws(DriverError) -> [(file: String, root: String)] {
        try expandMarked(paths, cwd: cwd, requireCop: requireCop, workspaces: workspaces).map { ($0.file, $0.root) }
    }

    /// `expand`, marking the files named themselves (not found in a folder), which are checked
    /// in their context. A path naming a folder with no `.cop` file below it is an error: a
    /// mistyped path in CI must not pass silently. A file named must be a `.cop` file: copc
    /// never reads another (its lines would be quoted in diagnostics).
    static func expandMarked(_ paths: [String], cwd: String, requireCop: Bool = false,
                             workspaces: Workspaces) throws(DriverError) -> [(file: String, root: String, explicit: Bool)] {
        var out: [(file: String, root: String, explicit: Bool)] = []
        for p in paths {
            switch FileSystem.kind(p) {
            case .missing:
                throw DriverError(description: "\(FileSystem.whyUnreachable(p)) : \(shown(p))")
            case .other:
                throw DriverError(description: "ni fichier ni dossier : \(shown(p))")
            case .directory:
                guard let root = workspaces.root(of: p) else { throw DriverError(description: "\(FileSystem.whyUnreachable(p)) : \(shown(p))") }
                let found: [String]
                let skippedBefore = workspaces.skipped.count
                do { found = try workspaces.walk(p, root: root) } catch { throw DriverError(description: "dossier illisible : \(error.message)") }
                if found.isEmpty, requireCop, workspaces.skipped.count == skippedBefore {
                    throw DriverError(description: "aucun fichier .cop dans « \(shown(p)) »")
                }
                for f in found { out.append((f, root, false)) }
            case .file:
                // The file named, and the file it leads to through links: a `.cop` file; a link
                // into a hidden folder (`contrat.cop → ../.git/config`) is refused unread.
                guard let root = workspaces.root(of: p) else { throw DriverError(description: "\(FileSystem.whyUnreachable(p)) : \(shown(p))") }
                let real = FileSystem.realPath(p) ?? p
                let given = Paths.normalize(p.hasPrefix("/") ? p : Paths.join(cwd, p))
                guard Paths.lastComponent(of: p).hasSuffix(".cop"), real.hasSuffix(".cop"),
                      real == given || Paths.isVisible(Paths.relative(real, to: root)) else {
                    throw DriverError(description: "« \(shown(p)) » n'est pas un fichier .cop : copc ne lit que les fichiers .cop")
                }
                out.append((p, root, true))
            }
        }
        return out
    }

}

/// One check: the files loaded (the given ones, then their imports) and the workspace made
/// of them. Imports resolve through the source set: a text in memory, else the disk.
final class Loading: SourceLoader {
    let sources: SourceSet
    var loaded: [CheckedFile] = []
    var perFile: [Diagnostic] = []
    /// Real path → index in `loaded`; file → (real path, workspace root).
    var byRealPath: [String: Int] = [:]
    var roots: [FileID: (real: String, root: String)] = [:]
    /// Threads for parsing and building (`prepare`) and for checking contracts (`finish`).
    var threads = 1
    /// Files that could not be read: displayed path → real path.
    var unreadable: [String: String] = [:]
    /// The workspaces of the check, whose notices (COP001, COP003, COP004) `finish` reports.
    let workspaces: Workspaces?
    /// Notices found before the check (an editor's context), reported too.
    var notices: [WorkspaceNotice] = []

    init(sources: SourceSet, workspaces: Workspaces? = nil) {
        self.sources = sources
        self.workspaces = workspaces
    }

    /// Loads the file at `real` (absolute) of the workspace rooted at `root`, once: read below
    /// the root without following links (`FileSystem.read(_:beneath:)`), a file outside it is
    /// never opened; `nil` (with COP001 or COP002) when it cannot be read.
    /// Parses and builds ahead, concurrently, the files `load` will be asked for in this
    /// order (those inside their root and not loaded yet); `load` then takes them from the
    /// source set's cache.
    func prepare(_ items: [(real: String, root: String)], threads: Int) {
        self.threads = threads
        let todo = items.filter { Paths.isInside($0.real, $0.root) && byRealPath[$0.real] == nil }
        guard threads > 1, todo.count > 1 else { return }
        sources.prepare(todo, threads: threads)
    }

    @discardableResult
    func load(_ real: String, root: String, reportsDiagnostics: Bool = true) -> CheckedFile? {
        guard Paths.isInside(real, root) else { return nil }
        if let k = byRealPath[real] { return loaded[k] }
        do {
            let f = try sources.file(at: real, beneath: root)
            byRealPath[real] = loaded.count
            loaded.append(f)
            if reportsDiagnostics { perFile += f.diagnostics }
            roots[f.model.file] = (real, root)
            return f
        } catch {
            let shown = sources.display(real)
            let message: Message = error.tooLarge.map { .fileTooLarge(bytes: $0, limit: Limits.maxFileBytes) }
                ?? .unreadableFile(reason: error.message)
            perFile.append(Diagnostic(message, path: shown))
            unreadable[shown] = real
            return nil
        }
    }

    /// Loads, as context, the contract each loaded contract `succède à` when no loaded file
    /// declares it: its first declaration below the root, with its avenants and bilans, as
    /// for a file named alone (`FileContext`) — without it, the check of one folder of a
    /// portfolio would call a predecessor kept in the next folder unknown (COP210). Returns
    /// the displayed paths of the files it added.
    func loadPredecessors(workspaces: Workspaces) -> Set<String> {
        var declared = Set<String>()
        var wanted: [(id: String, root: String)] = []
        for f in loaded where f.model.kind == .contract {
            if let id = f.model.header?.id { declared.insert(id) }
        }
        for f in loaded where f.model.kind == .contract {
            guard let p = f.model.header?.predecessor, !declared.contains(p), let root = roots[f.model.file]?.root else { continue }
            declared.insert(p)
            wanted.append((p, root))
        }
        guard !wanted.isEmpty else { return [] }
        var finder = ContextFinder(sources: sources, workspaces: workspaces)
        var added = Set<String>()
        for (id, root) in wanted {
            for real in finder.declaration(of: id, root: root) where byRealPath[real] == nil {
                if let f = load(real, root: root, reportsDiagnostics: false) { added.insert(f.source.path) }
            }
        }
        return added
    }

    func finish(options: CheckOptions) -> CheckResult {
        let ws = Workspace(files: loaded.map(\.model), loader: self)
        ws.assemble()
        let table = sources.files
        let notices = (workspaces?.notices(display: sources.displayEntry) ?? []) + self.notices
        let diagnostics = Checker.check(ws, files: table, perFile: perFile + notices.map(\.diagnostic), options: options, threads: threads,
                                        memory: sources.memory)
        var realPaths: [String: String] = [:]
        for n in notices { realPaths[n.diagnostic.path] = n.path }
        var rootsByPath: [String: String] = [:]
        for f in loaded {
            realPaths[f.source.path] = f.realPath
            rootsByPath[f.source.path] = roots[f.model.file]?.root
        }
        for (display, real) in unreadable { realPaths[display] = real }
        return CheckResult(diagnostics: diagnostics, files: loaded, workspace: ws, fileTable: table, realPaths: realPaths, roots: rootsByPath)
    }

    // MARK: SourceLoader

    var files: FileTable { sources.files }

    func identity(of file: FileID) -> String {
        roots[file]?.real ?? sources.files[file].path
    }

    func folder(of file: FileID) -> String {
        Paths.directory(of: identity(of: file))
    }

    /// `utilise` opens only `.cop` files that are not hidden, below the root: the path as written
    /// and the path it resolves to are both checked before anything is opened (`.env`,
    /// `../.git/config`, a link `annuaire.cop → .git/config` are refused unread). A file that
    /// is opened but holds no contract or annuaire header is refused once, at the `utilise`, and
    /// its own diagnostics — which would quote its lines — are not reported unless the file is
    /// part of the check on its own.
    func load(_ path: String, from importer: FileID) -> ImportOutcome {
        guard let (real, root) = roots[importer] else { return .notFound }
        let candidate = Paths.join(Paths.directory(of: real), path)
        let resolved: String
        if sources.readsDisk, let r = FileSystem.realPath(candidate) {
            guard Paths.isInside(r, root) else { return .outsideWorkspace }
            guard Loading.isContractFileName(Paths.components(path)),
                  Loading.isContractFileName(Paths.components(Paths.relative(r, to: root))) else { return .notContractFile }
            guard FileSystem.kind(r) == .file else { return .notFound }
            resolved = r
        } else {
            // Not on disk: a text held in memory (a test's file, an editor's unsaved one).
            let norm = Paths.normalize(candidate)
            guard Paths.isInside(norm, root) else { return .outsideWorkspace }
            guard Loading.isContractFileName(Paths.components(path)) else { return .notContractFile }
            guard byRealPath[norm] != nil || sources.texts[norm] != nil else { return .notFound }
            resolved = norm
        }
        let known = byRealPath[resolved] != nil
        guard let f = load(resolved, root: root, reportsDiagnostics: known) else { return .notFound }
        if f.model.header == nil || f.model.kind == .unknown { return .notContractFile }
        if !known { perFile += f.diagnostics }
        return .file(f.model)
    }

    /// Whether a path (its components) names a `.cop` file that is not hidden: no component
    /// but `.` and `..` starts with a dot, the last ends with `.cop`.
    static func isContractFileName(_ components: [String]) -> Bool {
        guard let last = components.last, last.hasSuffix(".cop") else { return false }
        return Paths.isVisible(components.joined(separator: "/"))
    }
}

extension CheckOptions {
    /// Options with `--au` defaulting to today.
    public static func today(strict: Bool = false) -> CheckOptions {
        let t = FileSystem.today()
        return CheckOptions(au: Day(year: t.year, month: t.month, day: t.day) ?? Day(ordinal: 0), strict: strict)
    }
}
