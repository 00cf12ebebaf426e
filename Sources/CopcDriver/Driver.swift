import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcRules

/// The result of checking a set of paths.
public struct CheckResult {
    public let diagnostics: [Diagnostic]
    public let files: [FileModel]
    public let workspace: Workspace
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

/// The one façade the CLI (and tests) call: load, parse, build, assemble, check.
public final class Driver: SourceLoader {
    let cwd: String
    var files: [FileModel] = []
    var perFile: [Diagnostic] = []
    /// Real path → file, and file → (real path, workspace root).
    var byRealPath: [String: FileModel] = [:]
    var info: [ObjectIdentifier: (real: String, root: String)] = [:]

    public init() {
        cwd = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
    }

    init(cwd: String) {
        self.cwd = cwd
    }

    /// Checks the `.cop` files at `paths` (files or folders; none = the current folder).
    public static func check(paths: [String], options: CheckOptions) throws(DriverError) -> CheckResult {
        let d = Driver()
        try d.collect(paths.isEmpty ? ["."] : paths)
        return d.run(options: options)
    }

    /// Checks in-memory sources (tests, benchmarks): `(path, text)` pairs under a virtual root.
    public static func check(sources: [(String, [UInt8])], options: CheckOptions) -> CheckResult {
        let d = Driver()
        for (path, bytes) in sources {
            d.add(SourceFile(path: path, bytes: bytes), real: "/virtual/" + path, root: "/virtual")
        }
        d.virtual = Dictionary(uniqueKeysWithValues: sources.map { ("/virtual/" + $0.0, $0.1) })
        return d.run(options: options)
    }

    var virtual: [String: [UInt8]]?
    /// Unsaved editor texts by absolute path, read instead of the disk (`check(workspace:…)`).
    var overlays: [String: [UInt8]] = [:]
    /// Files that could not be read: displayed path → real path.
    var unreadable: [String: String] = [:]

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
        let importRoot = FileSystem.kind(realRoot) == .directory ? WorkspaceRoot.enclosing(realRoot) : realRoot
        let d = Driver(cwd: realRoot)
        d.overlays = overlays
        let found = (try? FileSystem.copFiles(under: realRoot, recursive: recursive, within: importRoot)) ?? []
        for f in found { d.loadFile(f, root: importRoot) }
        for path in overlays.keys.sorted() where d.byRealPath[path] == nil && Paths.isInside(path, realRoot) {
            if !recursive && Paths.directory(of: path) != realRoot { continue }
            d.add(SourceFile(path: d.display(path), bytes: overlays[path]!), real: path, root: importRoot)
        }
        return d.run(options: options)
    }

    func run(options: CheckOptions) -> CheckResult {
        let ws = Workspace(files: files, loader: self)
        ws.assemble()
        let diagnostics = Checker.check(ws, files: files, perFile: perFile, options: options)
        var realPaths: [String: String] = [:]
        var roots: [String: String] = [:]
        for f in files {
            if let i = info[ObjectIdentifier(f)] {
                realPaths[f.source.path] = i.real
                roots[f.source.path] = i.root
            }
        }
        for (display, real) in unreadable { realPaths[display] = real }
        return CheckResult(diagnostics: diagnostics, files: files, workspace: ws, realPaths: realPaths, roots: roots)
    }

    func display(_ real: String) -> String { Paths.relative(real, to: cwd) }

    func collect(_ paths: [String]) throws(DriverError) {
        for (file, root) in try Driver.expand(paths, cwd: cwd) { loadFile(file, root: root) }
    }

    /// The `.cop` files at `paths` (folders searched recursively), each with its workspace root
    /// (`WorkspaceRoot.of`: never the current folder, unless it is the root by the same rule).
    static func expand(_ paths: [String], cwd: String) throws(DriverError) -> [(file: String, root: String)] {
        var out: [(file: String, root: String)] = []
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
                for f in found { out.append((f, root)) }
            case .file:
                guard let root = WorkspaceRoot.of(p) else { throw DriverError(description: "\(FileSystem.whyUnreachable(p)) : \(p)") }
                out.append((p, root))
            }
        }
        return out
    }

    /// Loads a file of the workspace rooted at `root`: read below the root without following
    /// links (`FileSystem.read(_:beneath:)`); a file outside it is never opened.
    @discardableResult
    func loadFile(_ path: String, root: String) -> FileModel? {
        guard let real = FileSystem.realPath(path), Paths.isInside(real, root) else { return nil }
        if let f = byRealPath[real] { return f }
        let shown = display(real)
        if let text = overlays[real] {
            return add(SourceFile(path: shown, bytes: text), real: real, root: root)
        }
        do {
            let bytes = try FileSystem.read(real, beneath: root)
            return add(SourceFile(path: shown, bytes: bytes), real: real, root: root)
        } catch {
            let message: Message = error.tooLarge.map { .fileTooLarge(bytes: $0, limit: Limits.maxFileBytes) }
                ?? .unreadableFile(reason: error.message)
            perFile.append(Diagnostic(message, path: shown))
            unreadable[shown] = real
            return nil
        }
    }

    @discardableResult
    func add(_ source: SourceFile, real: String, root: String) -> FileModel {
        let syntax = Parser.parse(source)
        let (model, diags) = Builder.build(syntax)
        perFile += syntax.diagnostics
        perFile += diags
        files.append(model)
        byRealPath[real] = model
        info[ObjectIdentifier(model)] = (real, root)
        return model
    }

    // MARK: SourceLoader

    public func identity(of file: FileModel) -> String {
        info[ObjectIdentifier(file)]?.real ?? file.source.path
    }

    public func load(_ path: String, from importer: FileModel) -> ImportOutcome {
        guard let (real, root) = info[ObjectIdentifier(importer)] else { return .notFound }
        let candidate = Paths.join(Paths.directory(of: real), path)
        if let virtual {
            return loadFromMemory(candidate, root: root, virtual) { Paths.relative($0, to: root) }
        }
        guard let resolved = FileSystem.realPath(candidate) else {
            // Not on disk: perhaps a file created in the editor and not saved yet.
            return loadFromMemory(candidate, root: root, overlays, shown: display)
        }
        guard Paths.isInside(resolved, root) else { return .outsideWorkspace }
        guard FileSystem.kind(resolved) == .file else { return .notFound }
        if let f = byRealPath[resolved] { return .file(f) }
        guard let f = loadFile(resolved, root: root) else { return .notFound }
        return .file(f)
    }
}

extension Driver {
    /// An import read from texts held in memory (an in-memory workspace, or an editor's
    /// unsaved files), by lexically normalised path.
    func loadFromMemory(_ candidate: String, root: String, _ texts: [String: [UInt8]],
                        shown: (String) -> String) -> ImportOutcome {
        let norm = Paths.normalize(candidate)
        guard Paths.isInside(norm, root) else { return .outsideWorkspace }
        if let f = byRealPath[norm] { return .file(f) }
        guard let bytes = texts[norm] else { return .notFound }
        return .file(add(SourceFile(path: shown(norm), bytes: bytes), real: norm, root: root))
    }
}

extension CheckOptions {
    /// Options with `--au` defaulting to today.
    public static func today(strict: Bool = false) -> CheckOptions {
        let t = FileSystem.today()
        return CheckOptions(au: Day(year: t.year, month: t.month, day: t.day) ?? Day(ordinal: 0), strict: strict)
    }
}
