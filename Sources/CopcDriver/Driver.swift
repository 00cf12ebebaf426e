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
    /// belongs to, that contract's avenants and annuaires, found below its workspace root. The
    /// diagnostics are those of the files named (and of the folders named); what a named file
    /// breaks in another file of its contract is reported there as a note.
    /// The files are parsed and built on up to `threads` threads (by default one per
    /// processor); the result is the same whatever their number.
    public static func check(paths: [String], options: CheckOptions,
                             threads: Int = Parallel.processors) throws(DriverError) -> CheckResult {
        let cwd = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
        let sources = SourceSet(displayBase: cwd, readsDisk: true)
        var named: [(real: String, root: String)] = []
        var explicitFiles: [(real: String, root: String)] = []
        for (file, root, explicit) in try expandMarked(paths.isEmpty ? ["."] : paths, cwd: cwd, requireCop: !paths.isEmpty) {
            guard let real = FileSystem.realPath(file) else { continue }
            named.append((real, root))
            if explicit { explicitFiles.append((real, root)) }
        }
        guard !explicitFiles.isEmpty else {
            let run = Loading(sources: sources)
            run.prepare(named, threads: threads)
            for (real, root) in named { run.load(real, root: root) }
            return run.finish(options: options)
        }
        return FileContext.check(named: named, explicit: explicitFiles, sources: sources, options: options)
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
        guard FileSystem.kind(folder) == .directory, let realFolder = FileSystem.realPath(folder), let root = WorkspaceRoot.of(realFolder) else {
            throw DriverError(description: "dossier introuvable pour --nom-fichier : \(name)")
        }
        let real = Paths.join(realFolder, String(Paths.normalize(absolute).split(separator: "/").last ?? "entrée-standard.cop"))
        sources.setText(input, at: real)
        return FileContext.check(named: [(real, root)], explicit: [(real, root)], sources: sources, options: options)
    }

    /// Checks texts held in memory (tests, benchmarks): `(path, text)` pairs under a virtual
    /// root, in that order.
    public static func check(sources: [(String, [UInt8])], options: CheckOptions) -> CheckResult {
        let root = "/virtual"
        let set = SourceSet(displayBase: root, readsDisk: false)
        for (path, bytes) in sources { set.setText(bytes, at: root + "/" + path) }
        let run = Loading(sources: set)
        for (path, _) in sources { run.load(Paths.normalize(root + "/" + path), root: root) }
        return run.finish(options: options)
    }

    /// Checks a folder as an editor sees it: every `.cop` file below `root` (below it
    /// recursively, or only in it), where `overlays` — unsaved texts keyed by absolute,
    /// symlink-free path — replace files on disk or add files not yet saved. Imports read
    /// overlays first too. Displayed paths are relative to `root`; `CheckResult.realPaths`
    /// maps them back. A missing or unreadable folder is checked as empty, never an error:
    /// an editor may point at a folder that is being created.
    ///
    /// Imports may reach anywhere below the folder's workspace root (`WorkspaceRoot`), the same
    /// rule as the command line's.
    public static func check(workspace root: String, overlays: [String: [UInt8]], recursive: Bool = true,
                             options: CheckOptions) -> CheckResult {
        let realRoot = FileSystem.realPath(root) ?? Paths.normalize(root)
        let set = SourceSet(displayBase: realRoot, readsDisk: true)
        set.setTexts(overlays)
        return check(workspace: realRoot, sources: set, recursive: recursive, options: options)
    }

    /// Checks a folder through a long-lived source set (the language server's, one per
    /// workspace folder): its texts in memory over the disk, its parse cache reused.
    /// `root` is absolute and symlink-free; displayed paths are relative to the set's base.
    public static func check(workspace root: String, sources: SourceSet, recursive: Bool = true,
                             options: CheckOptions, threads: Int = Parallel.processors) -> CheckResult {
        let importRoot = FileSystem.kind(root) == .directory ? WorkspaceRoot.enclosing(root) : root
        let found = (try? FileSystem.copFiles(under: root, recursive: recursive, within: importRoot)) ?? []
        if !recursive {
            // A document outside every workspace folder: the files of its folder, each checked
            // in its context below the workspace root, as on the command line (`FileContext`).
            var named: [(real: String, root: String)] = []
            var seen = Set<String>()
            for f in found { if let real = FileSystem.realPath(f), seen.insert(real).inserted { named.append((real, importRoot)) } }
            for path in sources.texts.keys.sorted() where Paths.directory(of: path) == root && seen.insert(path).inserted {
                named.append((path, importRoot))
            }
            return FileContext.check(named: named, explicit: named, sources: sources, options: options)
        }
        let run = Loading(sources: sources)
        var items: [(real: String, root: String)] = []
        for f in found {
            guard let real = FileSystem.realPath(f) else { continue }
            items.append((real, importRoot))
        }
        run.prepare(items, threads: threads)
        for (real, root) in items { run.load(real, root: root) }
        for path in sources.texts.keys.sorted() where run.byRealPath[path] == nil && Paths.isInside(path, root) {
            if !recursive && Paths.directory(of: path) != root { continue }
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

    /// The `.cop` files at `paths` (folders searched recursively), each with its workspace root
    /// (`WorkspaceRoot.of`: never the current folder, unless it is the root by the same rule).
    static func expand(_ paths: [String], cwd: String) throws(DriverError) -> [(file: String, root: String)] {
        try expandMarked(paths, cwd: cwd).map { ($0.file, $0.root) }
    }

    /// `expand`, marking the files named themselves (not found in a folder), which are checked
    /// in their context. A path naming a folder with no `.cop` file below it is an error: a
    /// mistyped path in CI must not pass silently.
    static func expandMarked(_ paths: [String], cwd: String, requireCop: Bool = false) throws(DriverError) -> [(file: String, root: String, explicit: Bool)] {
        var out: [(file: String, root: String, explicit: Bool)] = []
        for p in paths {
            switch FileSystem.kind(p) {
            case .missing:
                throw DriverError(description: "\(FileSystem.whyUnreachable(p)) : \(p)")
            case .other:
                throw DriverError(description: "ni fichier ni dossier : \(p)")
            case .directory:
                guard let root = WorkspaceRoot.of(p) else { throw DriverError(description: "\(FileSystem.whyUnreachable(p)) : \(p)") }
                let found: [String]
                do { found = try FileSystem.copFiles(under: p, within: root) } catch { throw DriverError(description: "dossier illisible : \(error.message)") }
                if found.isEmpty, requireCop { throw DriverError(description: "aucun fichier .cop dans « \(Escaping.controls(p)) »") }
                for f in found { out.append((f, root, false)) }
            case .file:
                guard let root = WorkspaceRoot.of(p) else { throw DriverError(description: "\(FileSystem.whyUnreachable(p)) : \(p)") }
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

    init(sources: SourceSet) {
        self.sources = sources
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
    func load(_ real: String, root: String) -> CheckedFile? {
        guard Paths.isInside(real, root) else { return nil }
        if let k = byRealPath[real] { return loaded[k] }
        do {
            let f = try sources.file(at: real, beneath: root)
            byRealPath[real] = loaded.count
            loaded.append(f)
            perFile += f.diagnostics
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

    func finish(options: CheckOptions) -> CheckResult {
        let ws = Workspace(files: loaded.map(\.model), loader: self)
        ws.assemble()
        let table = sources.files
        let diagnostics = Checker.check(ws, files: table, perFile: perFile, options: options, threads: threads, memory: sources.memory)
        var realPaths: [String: String] = [:]
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

    func load(_ path: String, from importer: FileID) -> ImportOutcome {
        guard let (real, root) = roots[importer] else { return .notFound }
        let candidate = Paths.join(Paths.directory(of: real), path)
        if sources.readsDisk, let resolved = FileSystem.realPath(candidate) {
            guard Paths.isInside(resolved, root) else { return .outsideWorkspace }
            guard FileSystem.kind(resolved) == .file else { return .notFound }
            guard let f = load(resolved, root: root) else { return .notFound }
            return .file(f.model)
        }
        // Not on disk: a text held in memory (a test's file, an editor's unsaved one).
        let norm = Paths.normalize(candidate)
        guard Paths.isInside(norm, root) else { return .outsideWorkspace }
        if let k = byRealPath[norm] { return .file(loaded[k].model) }
        guard sources.texts[norm] != nil, let f = load(norm, root: root) else { return .notFound }
        return .file(f.model)
    }
}

extension CheckOptions {
    /// Options with `--au` defaulting to today.
    public static func today(strict: Bool = false) -> CheckOptions {
        let t = FileSystem.today()
        return CheckOptions(au: Day(year: t.year, month: t.month, day: t.day) ?? Day(ordinal: 0), strict: strict)
    }
}
