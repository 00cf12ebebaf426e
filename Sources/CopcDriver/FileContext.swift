import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcModel
import CopcSema

/// A file named on its own is checked in its context (issue 13): editors, pre-commit (which
/// passes file names) and reviewers check one file, and `copc check avenant-1.cop` must not say
/// « contrat inconnu » when the contract is beside it.
///
/// The context of a named file is its contract as a check of the contract's folder makes it
/// (issue 21 item 3): the declaration of its contract nearest above it, that declaration's
/// same-folder duplicates, avenants and bilans (`Membership`, the one rule), and their imports
/// — never a file outside the contract's folder tree except through `utilise`. It is found
/// reading only the first element of each candidate file (`Survey`, issue 23 item 4): the
/// folders from the named file's up to the workspace root (their own files only), then the
/// tree of the contract's folder; for an annuaire, the first elements of the files below the
/// root, for the contracts that import it. A candidate whose first element cannot be decoded
/// (COP001) is part of every context it was surveyed for: it may be any of them, and no
/// document is written without it (`ContextFinder.files(of:root:)`, also the editor's).
/// Diagnostics are reported on the files named; a diagnostic in another file that appears
/// only because of the named files (compared with the same context checked without them) is
/// reported there as a note.
enum FileContext {
    static func check(named: [(real: String, root: String)], explicit: [(real: String, root: String)],
                      sources: SourceSet, workspaces: Workspaces, options: CheckOptions) -> CheckResult {
        var finder = ContextFinder(sources: sources, workspaces: workspaces)
        let explicitRoots = Dictionary(explicit.map { ($0.real, $0.root) }, uniquingKeysWith: { a, _ in a })
        // Each explicit file brings its context, in the order of a walk of its contract's folder
        // (the order of a folder check, which decides which of two duplicates is the first).
        var order: [String] = []
        var rootOf: [String: String] = [:]
        for (real, root) in named {
            let files = explicitRoots[real] != nil ? finder.files(of: real, root: root) : [real]
            for f in files where rootOf[f] == nil {
                rootOf[f] = root
                order.append(f)
            }
        }
        func run(_ files: [String]) -> CheckResult {
            let l = Loading(sources: sources)
            for f in files { if let root = rootOf[f] { l.load(f, root: root) } }
            return l.finish(options: options)
        }
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
            let annuaireNamed = full.files.contains { explicitSet.contains($0.realPath) && $0.model.kind == .annuaire }
            for var d in others where !before.contains(key(d)) || (annuaireNamed && d.code == .cop201) {
                d.severity = .note
                kept.append(d)
            }
        }
        var realPaths = full.realPaths
        for n in workspaces.notices(display: sources.displayEntry) {
            // What a walk could not read, as the check of the contract's folder reports it: in
            // the trees of the contracts (not in the folders above, searched only for headers).
            if case .entryNotRead = n.diagnostic.message, !finder.trees.contains(where: { Paths.isInside(n.path, $0) }) { continue }
            kept.append(n.diagnostic)
            realPaths[n.diagnostic.path] = n.path
        }
        kept.sort(by: Diagnostic.ordered)
        return CheckResult(diagnostics: kept, files: full.files, workspace: full.workspace, fileTable: full.fileTable,
                           realPaths: realPaths, roots: full.roots)
    }
}

/// Finds the files of a contract from the first elements of the candidates (`Survey`), by the
/// one rule of `Membership`; each file is surveyed once.
struct ContextFinder {
    let sources: SourceSet
    let workspaces: Workspaces
    private var headers: [String: FileHeader] = [:]
    private var listings: [String: [String]] = [:]
    /// The folders of the contracts found (each walked with its tree).
    private(set) var trees = Set<String>()
    /// The files whose header was asked for (surveyed or from `headers`) while `files(of:root:)`
    /// finds a context, in order; `nil` outside it.
    private var asked: [String]?

    init(sources: SourceSet, workspaces: Workspaces) {
        self.sources = sources
        self.workspaces = workspaces
    }

    /// The header of a file, surveyed once (`.unknown` when it cannot be read).
    mutating func header(_ real: String, root: String) -> FileHeader {
        asked?.append(real)
        if let h = headers[real] { return h }
        let h = Survey.header(of: real, root: root, sources: sources)
            ?? FileHeader(kind: .unknown, contract: nil, imports: [], complete: true)
        headers[real] = h
        return h
    }

    /// The files checked with `real` when it is named alone — by `copc check FICHIER`
    /// (`FileContext`) and for a document open in the editor (`Driver.contexts`), the one rule:
    /// its context (`context(of:root:)`), then every candidate examined finding it whose first
    /// element could not be decoded (COP001: Windows-1252, UTF-16, binary). Such a file has no
    /// header, so it may belong to the contract: it is checked with it, so that its COP001 is
    /// shown and no document is written without it. A file is examined once per finder, but
    /// counts for every context that asked for it.
    mutating func files(of real: String, root: String) -> [String] {
        asked = []
        var out = context(of: real, root: root)
        let examined = asked ?? []
        asked = nil
        var seen = Set(out)
        // A contract that renews another (`succède à`) is checked with the contract it names,
        // as a check of the whole root would (COP210, COP211).
        for f in out {
            guard let id = header(f, root: root).predecessor else { continue }
            for g in declaration(of: id, root: root) where seen.insert(g).inserted { out.append(g) }
        }
        for f in examined where headers[f]?.undecodable == true && seen.insert(f).inserted { out.append(f) }
        return out
    }

    /// The `.cop` files of a folder (`recursive`: and below it), real paths in walk order, the
    /// root's exclusions applied, with the texts held in memory there that are not on disk.
    mutating func listing(_ dir: String, recursive: Bool, root: String) -> [String] {
        let key = (recursive ? "R" : "F") + dir
        if let l = listings[key] { return l }
        var out: [String] = []
        var seen = Set<String>()
        for f in (try? workspaces.walk(dir, recursive: recursive, root: root)) ?? [] {
            if let real = FileSystem.realPath(f), seen.insert(real).inserted { out.append(real) }
        }
        let excluded = workspaces.config(of: root).excluded
        for path in sources.texts.keys.sorted() where path.hasSuffix(".cop") && !seen.contains(path) && Paths.isInside(path, dir) {
            if recursive ? excluded.contains(where: { Paths.isInside(path, $0) && !Paths.isInside(dir, $0) }) : Paths.directory(of: path) != dir {
                continue
            }
            seen.insert(path)
            out.append(path)
        }
        listings[key] = out
        return out
    }

    /// The files of the contract `id` declared below `root` (the first declaration in walk
    /// order, with its avenants and bilans), found from the first elements of the root's files.
    mutating func declaration(of id: String, root: String) -> [String] {
        guard let file = listing(root, recursive: true, root: root).first(where: {
            let h = header($0, root: root)
            return h.kind == .contract && h.contract == id
        }) else { return [] }
        return members(of: id, from: file, root: root)
    }

    /// The files checked with `real` when it is named alone: its contract's (for an annuaire,
    /// those of the contracts importing it), itself included. An avenant or a bilan whose
    /// contract is declared neither in its folder nor above (an orphan) is checked with the
    /// contracts of its folder, each with its files, as a check of that folder would: its COP209
    /// can then suggest the id the drafter meant.
    mutating func context(of real: String, root: String) -> [String] {
        let h = header(real, root: root)
        switch h.kind {
        case .contract:
            guard let id = h.contract else { return [real] }
            return members(of: id, from: real, root: root)
        case .avenant, .bilan:
            guard let id = h.contract else { return [real] }
            let own = members(of: id, from: real, root: root)
            guard own == [real] else { return own }
            let folder = Paths.directory(of: real)
            var found: Set<String> = [real]
            for f in listing(folder, recursive: false, root: root) {
                let c = header(f, root: root)
                guard c.kind == .contract, let cid = c.contract else { continue }
                found.formUnion(members(of: cid, from: f, root: root))
            }
            guard found.count > 1 else { return [real] }
            // In the order of a walk of the folder (the unsaved orphan, not on disk, last).
            var out = listing(folder, recursive: true, root: root).filter { found.contains($0) }
            if !out.contains(real) { out.append(real) }
            return out
        case .annuaire:
            var out: [String] = []
            var seen = Set<String>()
            for c in importers(of: real, root: root) {
                guard let id = header(c, root: root).contract else { continue }
                for f in members(of: id, from: c, root: root) where seen.insert(f).inserted { out.append(f) }
            }
            if seen.insert(real).inserted { out.append(real) }
            return out
        case .unknown:
            return [real]
        }
    }

    /// The files of contract `id` as seen from the file `file`: the declaration nearest above it,
    /// then the members of that declaration in its folder's tree, in walk order.
    mutating func members(of id: String, from file: String, root: String) -> [String] {
        // The folder of the declaration: the deepest one, from the file's up to the root, that
        // holds a declaration of `id` among its own files.
        var dir = Paths.directory(of: file)
        var declarationFolder: String?
        while Paths.isInside(dir, root) {
            let found = listing(dir, recursive: false, root: root) + (Paths.directory(of: file) == dir ? [file] : [])
            if found.contains(where: { let h = header($0, root: root); return h.kind == .contract && h.contract == id }) {
                declarationFolder = dir
                break
            }
            if dir == root { break }
            dir = Paths.directory(of: dir)
        }
        guard let folder = declarationFolder else { return [file] }
        trees.insert(folder)
        var tree = listing(folder, recursive: true, root: root)
        if !tree.contains(file) { tree.append(file) }
        var files: [Membership.File] = []
        for f in tree {
            let h = header(f, root: root)
            files.append(Membership.File(folder: Paths.directory(of: f), kind: h.kind, contract: h.contract))
        }
        let assignment = Membership.assign(files)
        guard let declaration = files.indices.first(where: {
            files[$0].kind == .contract && files[$0].contract == id && files[$0].folder == folder && assignment.owner[$0] == $0
        }) else { return [file] }
        var out: [String] = []
        for (k, f) in tree.enumerated() where f == file || assignment.owner[k] == declaration || assignment.duplicateOf[k] == declaration {
            out.append(f)
        }
        return out
    }

    /// The contracts that import the annuaire `real`, directly or through other annuaires, found
    /// from the `utilise` lines of the first elements of the files of the annuaire's folder tree,
    /// else of its parent's, and so on up to the root: the nearest importers, at the cost of the
    /// folders searched.
    mutating func importers(of real: String, root: String) -> [String] {
        var dir = Paths.directory(of: real)
        while true {
            let found = importers(of: real, among: listing(dir, recursive: true, root: root), root: root)
            if !found.isEmpty || dir == root || !Paths.isInside(dir, root) { return found }
            dir = Paths.directory(of: dir)
        }
    }

    mutating func importers(of real: String, among all: [String], root: String) -> [String] {
        var importedBy: [String: [String]] = [:]
        for f in all {
            let folder = Paths.directory(of: f)
            for imp in header(f, root: root).imports {
                let joined = Paths.join(folder, imp)
                let target = FileSystem.realPath(joined) ?? Paths.normalize(joined)
                importedBy[target, default: []].append(f)
            }
        }
        var contracts: [String] = []
        var seen: Set<String> = [real]
        var queue = [real]
        while let next = queue.popLast() {
            for f in importedBy[next] ?? [] where seen.insert(f).inserted {
                switch header(f, root: root).kind {
                case .contract: contracts.append(f)
                case .annuaire: queue.append(f)
                default: break
                }
            }
        }
        return contracts.sorted()
    }
}
