import CopcSource
import CopcLanguage
import CopcSema

// What the language server asks of the driver: which files belong with each open document,
// and the check of those files through its long-lived source set.
//
// `Driver.contexts(of:sources:)` is the one place the server learns contract membership, and
// it is the command line's: the context of a file named alone (`ContextFinder`: the first
// element of each candidate read by `Survey`, the files grouped by `Membership`), below the
// workspace root (`WorkspaceRoot`, trusted markers only), the root's `copc.toml` exclusions
// applied.

/// An editor's document as the driver needs it to find its context.
public struct EditorDocument: Hashable, Sendable {
    /// Absolute path (the folders of a document not yet saved may not exist).
    public let path: String
    /// The workspace folder the editor opened that holds the document, `nil` outside every one:
    /// the root when no trusted marker is found above the document.
    public let workspaceFolder: String?

    public init(path: String, workspaceFolder: String?) {
        self.path = path
        self.workspaceFolder = workspaceFolder
    }
}

/// The files checked with one document, and what their check must report besides.
public struct DocumentContext: Hashable, Sendable {
    /// The workspace root the files are read below (absolute, symlink-free).
    public let root: String
    /// The document and the files of its contract (`ContextFinder`, as `copc check FICHIER`),
    /// absolute and symlink-free, in the order of a walk of the contract's folder; then the
    /// candidates examined whose first element could not be decoded (they may belong to it).
    public let files: [String]
    /// The untrusted markers passed over finding the root (COP004), the problems of the
    /// root's `copc.toml` (COP003), the entries of the contract's folder a walk could not read
    /// (COP001).
    public let notices: [WorkspaceNotice]
}

extension Driver {
    /// The context of each of `documents`, in order, found through `sources` (texts in memory
    /// over the disk; a header already surveyed is read again only when the file's `lstat`
    /// changed). Each file is surveyed once for all the documents. `trust` says whose workspace
    /// markers count, as for `check(paths:)`.
    public static func contexts(of documents: [EditorDocument], sources: SourceSet,
                                trust: WorkspaceTrust = .current) -> [DocumentContext] {
        let workspaces = Workspaces(trust: trust)
        var finder = ContextFinder(sources: sources, workspaces: workspaces)
        var editorFolders: [String: String] = [:]
        return documents.map { doc in
            let (folder, real) = located(doc.path)
            let editorFolder = doc.workspaceFolder.map { f in
                if let known = editorFolders[f] { return known }
                let real = FileSystem.realPath(f) ?? Paths.normalize(f)
                editorFolders[f] = real
                return real
            }
            let root = workspaces.root(folder: folder, editorFolder: editorFolder)
            // The files of `copc check FICHIER`, undecodable candidates included.
            let files = finder.files(of: real, root: root)
            // The folders of the contracts of the context, whose trees were walked.
            let trees = Set(files.filter { finder.header($0, root: root).kind == .contract }.map { Paths.directory(of: $0) })
            let notices = workspaces.notices(folder: folder, root: root, trees: trees, display: sources.displayEntry)
            return DocumentContext(root: root, files: files, notices: notices)
        }
    }

    /// The folder of a file, symlink-free, and the file's path in it (the file itself may not
    /// exist yet, nor, for an unsaved document, its folder).
    static func located(_ path: String) -> (folder: String, file: String) {
        let real = FileSystem.realPath(path) ?? Paths.normalize(path)
        let folder = Paths.directory(of: real)
        let realFolder = FileSystem.realPath(folder) ?? folder
        return (realFolder, Paths.join(realFolder, Paths.lastComponent(of: real)))
    }

    /// What decides which files go with the document at `path` (as `contexts` reads it): the
    /// kind of its first element, the contract it declares or names, its first `utilise` lines.
    /// `nil` when it cannot be read.
    public static func header(of path: String, sources: SourceSet) -> FileHeader? {
        let (folder, real) = located(path)
        return Survey.header(of: real, root: folder, sources: sources)
    }

    /// The contracts declared below the workspace root `root`, each id once (its first
    /// declaration in walk order, as `succède à` resolves it), with that file's path as shown
    /// (relative to the set's base, its bytes made printable), sorted by id: what the editor proposes after `succède à :`. Found as a context is, from
    /// the first element of each `.cop` file (`Survey`, texts in memory over the disk, a header
    /// read again only when its file's `lstat` changed), never by a full parse; the root's
    /// `copc.toml` exclusions applied.
    public static func declaredContracts(below root: String, sources: SourceSet,
                                         trust: WorkspaceTrust = .current) -> [(id: String, file: String)] {
        var finder = ContextFinder(sources: sources, workspaces: Workspaces(trust: trust))
        var seen = Set<String>()
        var out: [(id: String, file: String)] = []
        for f in finder.listing(root, recursive: true, root: root) {
            let h = finder.header(f, root: root)
            guard h.kind == .contract, let id = h.contract, seen.insert(id).inserted else { continue }
            out.append((id, sources.display(f)))
        }
        return out.sorted { $0.id < $1.id }
    }

    /// Checks the files of a context together through a long-lived source set (texts in memory
    /// over the disk, unchanged files from its cache), with its notices. Displayed paths are
    /// relative to the set's base.
    public static func check(context: DocumentContext, sources: SourceSet, options: CheckOptions) -> CheckResult {
        let run = Loading(sources: sources)
        run.notices = context.notices
        for f in context.files { run.load(f, root: context.root) }
        return run.finish(options: options)
    }

    /// The files the `utilise` lines of a check's files name and that the check did not load
    /// (not found, outside the workspace, not a contract file), each with whether something is
    /// there now (a text in memory or an entry on disk): while that stays the same, so does
    /// what the check made of them.
    public static func importsNotLoaded(by result: CheckResult, sources: SourceSet) -> [String: Bool] {
        let loaded = Set(result.files.map(\.realPath))
        var out: [String: Bool] = [:]
        for f in result.files {
            for imp in f.model.imports {
                let candidate = Paths.normalize(Paths.join(Paths.directory(of: f.realPath), imp.path))
                if loaded.contains(candidate) || loaded.contains(FileSystem.realPath(candidate) ?? candidate) { continue }
                out[candidate] = isPresent(candidate, sources: sources)
            }
        }
        return out
    }

    /// Whether a text is held for `path` in `sources` or something is named `path` on disk.
    public static func isPresent(_ path: String, sources: SourceSet) -> Bool {
        sources.texts[path] != nil || FileSystem.entryExists(path)
    }
}
