// copc diff and git: `copc diff --git A B` (the workspace at two revisions, contract by
// contract) and git's external diff driver (`diff=copc`), both reading the repository through
// git itself (CopcDriver's `GitRepository`), never today's working tree for an old revision.
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcSema
import CopcSyntax
import CopcDriver
import CopcModel
import CopcDiff
import CopcFrench
#if canImport(Glibc)
import Glibc
#endif

// MARK: one revision's workspace

/// The `.cop` files of one revision below a workspace root, checked in memory as
/// `Driver.check(sources:)` checks any text: shown by their path from the top of the
/// repository, imports resolved among them.
struct GitWorkspace {
    let result: CheckResult
    /// Path (bytes, from the top) → displayed path, for the files of the revision.
    let shown: [[UInt8]: String]

    /// Reads the revision's `.cop` files below `root` and checks those below `selection`
    /// (the others are read only when imported). `replacing` puts a text in place of a path (a
    /// side's own text, read from git's copy).
    static func read(_ repo: GitRepository, _ revision: GitRevision, root: [UInt8], selection: (([UInt8]) -> Bool)? = nil,
                     files: [GitEntry]? = nil, replacing: ([UInt8], [UInt8])? = nil, problems: inout [String]) throws(GitError) -> GitWorkspace {
        let all: [GitEntry]
        if let files { all = files } else { all = try repo.files(revision) }
        let cop = Array(".cop".utf8)
        let entries = all.filter { $0.path.count > cop.count && $0.path.suffix(cop.count).elementsEqual(cop) && GitRepository.isInside($0.path, root) }
        let (texts, why) = repo.texts(of: entries.filter { $0.path != replacing?.0 })
        problems += why
        var sources: [(String, [UInt8])] = []
        var load = Set<String>()
        var shown: [[UInt8]: String] = [:]
        for e in entries {
            guard let bytes = e.path == replacing?.0 ? replacing?.1 : texts[e.path] else { continue }
            let name = e.name
            shown[e.path] = name
            sources.append((name, bytes))
            if selection?(e.path) ?? true { load.insert(name) }
        }
        if let (path, bytes) = replacing, shown[path] == nil {
            let name = GitRepository.displayPath(path)
            shown[path] = name
            sources.append((name, bytes))
            load.insert(name)
        }
        let result = Driver.check(sources: sources, options: CheckOptions.today(), load: load)
        return GitWorkspace(result: result, shown: shown)
    }

    /// The file of this check at `path`.
    func file(_ path: [UInt8]) -> FileID? {
        guard let name = shown[path] else { return nil }
        return result.files.first { $0.source.path == name }?.model.file
    }
}

// MARK: copc diff --git

/// `copc diff --git REV1 [REV2]`: REV2 defaults to the working tree; `A...B` compares B with
/// the merge base of A and B, `A..B` A with B, as git does. Also returns, as paths in the
/// working tree, the files read at either revision, which `-o` must not replace: a blob is not
/// a file on disk, but the working file at its path is the drafter's text of it.
func diffGit(_ first: String, _ second: String?, contractId: String?) -> (report: GitDiffReport, worktreeFiles: [String]) {
    let cwd = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
    let repo: GitRepository
    do { repo = try GitRepository.discover(from: cwd) } catch { fail(error.description) }
    func commit(_ name: String) -> String {
        do { return try repo.commit(name.isEmpty ? "HEAD" : name) } catch { fail(error.description) }
    }
    var from: GitDiffReport.Revision
    var to: GitDiffReport.Revision
    /// `A...B` or `A..B` split at the first occurrence of `dots`.
    func split(_ dots: String) -> (String, String)? {
        let s = Array(first.utf8), d = Array(dots.utf8)
        guard s.count >= d.count else { return nil }
        for k in 0...(s.count - d.count) where s[k..<(k + d.count)].elementsEqual(d) {
            return (String(decoding: s[..<k], as: UTF8.self), String(decoding: s[(k + d.count)...], as: UTF8.self))
        }
        return nil
    }
    if let (a, b) = split("...") {
        if second != nil { fail("--git A...B compare déjà deux révisions : ne donnez pas de seconde révision") }
        let cb = commit(b)
        let base: String
        do throws(GitError) { base = try repo.mergeBase(commit(a), cb) } catch { fail(error.description) }
        from = GitDiffReport.Revision(name: first, commit: base, mergeBaseOf: (a.isEmpty ? "HEAD" : a) + "..." + (b.isEmpty ? "HEAD" : b))
        to = GitDiffReport.Revision(name: b.isEmpty ? "HEAD" : b, commit: cb)
    } else if let (a, b) = split(".."), second == nil {
        from = GitDiffReport.Revision(name: a.isEmpty ? "HEAD" : a, commit: commit(a))
        to = GitDiffReport.Revision(name: b.isEmpty ? "HEAD" : b, commit: commit(b))
    } else {
        from = GitDiffReport.Revision(name: first, commit: commit(first))
        to = second.map { GitDiffReport.Revision(name: $0, commit: commit($0)) } ?? GitDiffReport.Revision(name: nil, commit: nil)
    }
    // The files below the current folder, as `copc check` reads them; imports anywhere below
    // its workspace root, in each revision.
    let top = FileSystem.realPath(repo.top) ?? repo.top
    guard Paths.isInside(cwd, top) else { fail("le dossier courant n'est pas dans l'arbre de travail de son dépôt") }
    let prefix = Array(Paths.relative(cwd, to: top).utf8).filter { _ in cwd != top }
    func side(_ r: GitDiffReport.Revision) -> GitWorkspace {
        let revision: GitRevision = r.commit.map { .commit($0) } ?? .worktree
        var problems: [String] = []
        do {
            let files = try repo.files(revision)
            let root = GitRepository.workspaceRoot(of: prefix, in: files)
            let ws = try GitWorkspace.read(repo, revision, root: root, selection: { GitRepository.isInside($0, prefix) },
                                           files: files, problems: &problems)
            for p in problems { writeErr("copc : \(r.shortWords) : \(Escaping.controls(p))\n") }
            return ws
        } catch {
            fail("\(r.shortWords) : \(error.description)")
        }
    }
    let old = side(from), new = side(to)
    // Both checks are inputs of the run: a file of either revision that cannot be decoded
    // stops the report (`writeResult`).
    inputs.append(old.result)
    keepAlive = new.result
    let worktreeFiles = Set(old.shown.keys).union(new.shown.keys).map { Paths.join(top, PathBytes.decode($0)) }.sorted()
    var entries: [GitDiffReport.Entry] = []
    var ids: [String] = []
    for c in new.result.contracts + old.result.contracts {
        if let id = c.id, !ids.contains(id) { ids.append(id) }
    }
    if let contractId {
        guard ids.contains(contractId) else {
            fail("contrat inconnu « \(contractId) » dans l'une et l'autre révision" + (Suggest.nearest(to: contractId, among: ids).map { " ; vouliez-vous dire « \($0) » ?" } ?? ""))
        }
        ids = [contractId]
    }
    for id in ids {
        let a = old.result.contracts.first { $0.id == id }
        let b = new.result.contracts.first { $0.id == id }
        entries.append(compareContract(a, old.result.fileTable, b, new.result.fileTable, from: from, to: to))
    }
    return (GitDiffReport(from: from, to: to, entries: entries), worktreeFiles)
}

/// One contract at two revisions: its latest versions, the avenants added, removed or changed
/// between them, and its bilans year by year.
func compareContract(_ a: Contract?, _ oldFiles: FileTable, _ b: Contract?, _ newFiles: FileTable,
                     from: GitDiffReport.Revision, to: GitDiffReport.Revision) -> GitDiffReport.Entry {
    guard let a, let b else {
        guard let only = a ?? b else { fail("aucun contrat à comparer") }
        let files = a == nil ? newFiles : oldFiles
        let last = only.versions[only.versions.count - 1]
        let end = DiffEndpoint(version: last.number, effectiveDate: last.effectiveDate, revision: (a == nil ? to : from).shortWords)
        var report = DiffReport(contract: only.id, title: only.versions[0].header.title,
                                from: a == nil ? DiffEndpoint(version: nil, file: "(absent)") : end,
                                to: a == nil ? end : DiffEndpoint(version: nil, file: "(absent)"), changes: [],
                                avenants: DiffReport.avenants(of: only, from: 0, to: only.avenants.count, files: files))
        let counts = contractCounts(last)
        report.notice = (a == nil ? "contrat ajouté" : "contrat supprimé") + " (" + files[only.file].path + ") : "
            + counts + ", " + plural(only.avenants.count, "avenant") + ", " + plural(only.bilans.count, "bilan")
        return GitDiffReport.Entry(presence: a == nil ? .added : .removed, report: report)
    }
    let va = a.versions[a.versions.count - 1], vb = b.versions[b.versions.count - 1]
    // The avenants, by number: the first that differs starts the new chain's clauses.
    func text(_ av: Avenant, _ files: FileTable) -> [UInt8] { files.contains(av.file) ? files[av.file].bytes : [] }
    var statuses: [DiffAvenant] = []
    var firstChanged = b.avenants.count
    for k in 0..<max(a.avenants.count, b.avenants.count) {
        let x = k < a.avenants.count ? a.avenants[k] : nil
        let y = k < b.avenants.count ? b.avenants[k] : nil
        if let y, let x {
            if text(x, oldFiles) != text(y, newFiles) {
                statuses.append(DiffAvenant(y, number: k + 1, files: newFiles, status: .changed))
                firstChanged = min(firstChanged, k)
            } else if oldFiles[x.file].path != newFiles[y.file].path {
                statuses.append(DiffAvenant(y, number: k + 1, files: newFiles, status: .renamed))
            }
        } else if let y {
            statuses.append(DiffAvenant(y, number: k + 1, files: newFiles, status: .added))
            firstChanged = min(firstChanged, k)
        } else if let x {
            statuses.append(DiffAvenant(x, number: k + 1, files: oldFiles, status: .removed))
        }
    }
    let applied = Array(b.avenants[min(firstChanged, b.avenants.count)...])
    // An annuaire's référent declared under a new id with the same title is one change.
    var changes = SemanticDiff.pairingRenames(SemanticDiff.compare(DiffSide(version: va, files: oldFiles),
                                                                   DiffSide(version: vb, files: newFiles), avenants: applied))
    // The bilans, year by year (a bilan reads the version in force on 31 December).
    var years: [Int] = []
    for bl in b.bilans + a.bilans { if let y = bl.year, !years.contains(y) { years.append(y) } }
    for y in years.sorted() {
        let x = a.bilans.first { $0.year == y }, z = b.bilans.first { $0.year == y }
        if let x, let z, oldFiles[x.file].bytes == newFiles[z.file].bytes { continue }
        changes += SemanticDiff.compareBilans(old: x, new: z, oldFiles: oldFiles, newFiles: newFiles,
                                              version: b.version(forBilanOf: y), versionFiles: newFiles)
    }
    var report = DiffReport(contract: b.id, title: b.versions[0].header.title,
                            from: DiffEndpoint(version: va.number, effectiveDate: va.effectiveDate, revision: from.shortWords),
                            to: DiffEndpoint(version: vb.number, effectiveDate: vb.effectiveDate, revision: to.shortWords),
                            changes: changes, clauseTexts: DiffReport.clauseTexts(of: applied, files: newFiles), avenants: statuses)
    if a.files.count != b.files.count || zip(a.files, b.files).contains(where: { oldFiles[$0].path != newFiles[$1].path }) {
        let before = Set(a.files.map { oldFiles[$0].path }), after = Set(b.files.map { newFiles[$0].path })
        let moved = after.subtracting(before).sorted(), gone = before.subtracting(after).sorted()
        if !moved.isEmpty || !gone.isEmpty {
            report.notice = (gone.isEmpty ? "" : "fichiers retirés : " + gone.joined(separator: ", "))
                + (gone.isEmpty || moved.isEmpty ? "" : " ; ") + (moved.isEmpty ? "" : "nouveaux fichiers : " + moved.joined(separator: ", "))
        }
    }
    let unchanged = changes.isEmpty && statuses.isEmpty
    return GitDiffReport.Entry(presence: unchanged ? .unchanged : .changed, report: report)
}

/// `3 axes, 5 objectifs, 12 actions, 8 indicateurs`.
func contractCounts(_ v: Version) -> String {
    var counts: [ElementKind: Int] = [:]
    for id in v.tree.preorder where id != v.tree.root { counts[v.tree[id].kind, default: 0] += 1 }
    let kinds: [ElementKind] = [.axe, .objectif, .sousObjectif, .action, .indicateur]
    let parts = kinds.compactMap { k in counts[k].map { plural($0, k.keyword) } }
    return parts.isEmpty ? "aucun élément" : parts.joined(separator: ", ")
}

func plural(_ n: Int, _ word: String) -> String {
    String(n) + " " + word + (n > 1 && !word.hasSuffix("s") ? "s" : "")
}

// MARK: git's external diff driver

/// git's external diff call (`GIT_EXTERNAL_DIFF`, `diff.copc.command`): `path old-file
/// old-hex old-mode new-file new-hex new-mode`, and for a rename or a copy `new-path` and the
/// header git would print. Recognised by its shape (ids and modes at their places) before any
/// option is read, so that a path starting with `-` is never an option; the arguments are kept
/// as bytes (a path need not be UTF-8).
struct ExternalDiffCall {
    var path: [UInt8]
    var oldFile: [UInt8]
    var oldId: String
    var newFile: [UInt8]
    var newId: String
    var newPath: [UInt8]?
    var renameHeader: String?
    /// The options written in `diff.copc.command` before git's arguments.
    var options: ArraySlice<String>

    init?(_ args: ArraySlice<String>) {
        func isId(_ s: String) -> Bool {
            s == "." || (s.utf8.count >= 4 && s.utf8.count <= 64 && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        }
        func isMode(_ s: String) -> Bool { s == "." || (s.utf8.count == 6 && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x37 }) }
        for n in [9, 7] where args.count >= n {
            let start = args.endIndex - n
            guard isId(args[start + 2]), isMode(args[start + 3]), isId(args[start + 5]), isMode(args[start + 6]) else { continue }
            var options = args[args.startIndex..<start]
            if options.last == "--" { options = options.dropLast() }
            self.options = options
            path = rawArgument(start)
            oldFile = rawArgument(start + 1)
            oldId = args[start + 2]
            newFile = rawArgument(start + 4)
            newId = args[start + 5]
            if n == 9 {
                newPath = rawArgument(start + 7)
                renameHeader = args[start + 8]
            }
            return
        }
        return nil
    }

    init(path: [UInt8], oldFile: [UInt8], oldId: String, newFile: [UInt8], newId: String) {
        self.path = path
        self.oldFile = oldFile
        self.oldId = oldId
        self.newFile = newFile
        self.newId = newId
        self.options = []
    }

    static let devNull = Array("/dev/null".utf8)
    var oldAbsent: Bool { oldFile == ExternalDiffCall.devNull }
    var newAbsent: Bool { newFile == ExternalDiffCall.devNull }
    var finalPath: [UInt8] { newPath ?? path }
    /// A copy (`copy from`), not a rename: the old path still exists.
    var isCopy: Bool { renameHeader?.contains("copy from") ?? false }

    static func isNull(_ id: String) -> Bool { id == "." || id.utf8.allSatisfy { $0 == 0x30 } }
}

/// The bytes of command-line argument `index` (`CommandLine.arguments` repairs what is not
/// UTF-8; a path must be kept as it is).
func rawArgument(_ index: Int) -> [UInt8] {
    guard index >= 0, index < Int(CommandLine.argc), let p = CommandLine.unsafeArgv[index] else { return [] }
    return Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
}

/// One side of a file's comparison: its text, and the revision it belongs to when git can tell.
struct DriverSide {
    var bytes: [UInt8]?
    var revision: GitRevision?
}

/// Runs git's external diff: never stops git (every failure is said in the diff itself and
/// the status is 0), compares the two texts of the file as what they are — contract, avenant
/// (by its effect on its contract at each revision), annuaire, bilan —, and reads the other
/// files of each side at that side's revision, or, when git does not say which revision it is,
/// says so and compares the two texts alone.
func runExternalDiff(_ call: ExternalDiffCall, render: (DiffReport) -> String) -> Int32 {
    let label = GitRepository.displayPath(call.finalPath)
    failureHandler = { message in
        writeOut("copc diff — \(Escaping.controls(label)) : comparaison impossible : \(Escaping.controls(message))\n")
        exit(0)
    }
    // Git runs the driver at the top of the working tree: paths are from there.
    let repo = try? GitRepository.discover(from: ".")
    let shownOld = "a/" + GitRepository.displayPath(call.path), shownNew = "b/" + label
    let header = call.renameHeader.map { h in
        h.split(separator: "\n").filter { $0.hasPrefix("rename") || $0.hasPrefix("copy") || $0.hasPrefix("similarity") }.joined(separator: " ; ")
    }.flatMap { $0.isEmpty ? nil : $0 }
    func content(_ file: [UInt8], _ id: String, worktreePath: [UInt8]?) -> [UInt8] {
        if let repo, !ExternalDiffCall.isNull(id), let t = try? repo.blobs([id]).texts[id] { return t }
        if let repo, let p = worktreePath, file == p, let t = try? repo.readWorktree(p) { return t }
        do { return try GitRepository.readFile(file) } catch {
            fail("lecture impossible de \(GitRepository.displayPath(file)) : \(error.message)")
        }
    }
    var old = DriverSide(bytes: call.oldAbsent ? nil : content(call.oldFile, call.oldId, worktreePath: call.path))
    var new = DriverSide(bytes: call.newAbsent ? nil : content(call.newFile, call.newId, worktreePath: call.finalPath))
    if let repo { (old.revision, new.revision) = locate(call, repo, old: old.bytes, new: new.bytes) ?? (nil, nil) }
    let request = FileDiffRequest(repo: repo, path: call.path, newPath: call.finalPath, shownOld: shownOld, shownNew: shownNew,
                                  old: old, new: new, renameHeader: header)
    // Through the one writer: a file of either revision's context that cannot be decoded is
    // said in the diff (the failure handler above), never left out silently.
    writeResult(render(diffFile(request)), to: nil)
    return 0
}

/// Where the two texts of the driver come from, when git's arguments and the repository tell
/// it unambiguously:
/// - the new text is the working tree's (null id, the file itself) or a draft unknown to the
///   repository: the old one is the index's (`git diff`), else HEAD's (`git diff HEAD`);
/// - the new text is the index's and the old HEAD's (`git diff --cached`);
/// - else the one commit that changed the path from the old blob to the new one (`git log -p`,
///   `git show`, `git diff C^ C`), against its first parent; several such commits count as one
///   when their `.cop` files are the same.
/// Nil when none fits (`git diff A B` across several commits): the caller says so.
func locate(_ call: ExternalDiffCall, _ repo: GitRepository, old: [UInt8]?, new: [UInt8]?) -> (GitRevision?, GitRevision?)? {
    func id(_ given: String, _ bytes: [UInt8]?) -> String? {
        guard let bytes else { return nil }
        return ExternalDiffCall.isNull(given) ? repo.blobId(of: bytes) : given
    }
    let oldId = id(call.oldId, old), newId = id(call.newId, new)
    func matches(_ e: GitEntry?, _ id: String?) -> Bool { e?.blob == id }
    let newIsWorktree = (new != nil && ExternalDiffCall.isNull(call.newId) && call.newFile == call.finalPath)
        || (newId.map { !repo.hasObject($0) } ?? false)
        || (new == nil && !FileSystem.entryExists(Paths.join(repo.top, GitRepository.displayPath(call.finalPath))))
    let oldIsDraft = oldId.map { !repo.hasObject($0) } ?? false
    do {
        if oldIsDraft && newIsWorktree { return (.worktree, .worktree) }
        if newIsWorktree {
            if matches(try repo.entry(at: call.path, in: .index), oldId) { return (.index, .worktree) }
            if let head = try? repo.commit("HEAD"), matches(try repo.entry(at: call.path, in: .commit(head)), oldId) { return (.commit(head), .worktree) }
            if new != nil { return nil }
        }
        if let head = try? repo.commit("HEAD"), matches(try repo.entry(at: call.finalPath, in: .index), newId),
           matches(try repo.entry(at: call.path, in: .commit(head)), oldId) {
            return (.commit(head), .index)
        }
        // The commits that made this change.
        let history = try repo.history(of: call.path == call.finalPath ? [call.path] : [call.path, call.finalPath])
        var byCommit: [String: [GitPathChange]] = [:]
        var order: [String] = []
        for c in history {
            if byCommit[c.commit] == nil { order.append(c.commit) }
            byCommit[c.commit, default: []].append(c)
        }
        var candidates: [(parent: String?, commit: String)] = []
        for commit in order {
            let changes = byCommit[commit] ?? []
            let atOld = changes.first { $0.path == call.path }
            let atNew = changes.first { $0.path == call.finalPath }
            let oldFits = call.isCopy ? true : (atOld.map { $0.oldBlob == oldId } ?? false)
            let newFits = atNew.map { $0.newBlob == newId } ?? false
            if oldFits && newFits { candidates.append((changes.first?.parent, commit)) }
        }
        guard let first = candidates.first else { return nil }
        if candidates.count > 1 {
            // Several commits made the same change (a cherry-pick): one revision if their
            // `.cop` files are the same, else no telling which.
            func copFiles(_ c: String?) -> [GitEntry] {
                guard let c else { return [] }
                return ((try? repo.tree(c)) ?? []).filter { $0.path.count > 4 && $0.path.suffix(4).elementsEqual(".cop".utf8) }
            }
            let reference = (copFiles(first.parent), copFiles(first.commit))
            for c in candidates.dropFirst() where copFiles(c.parent) != reference.0 || copFiles(c.commit) != reference.1 {
                return nil
            }
        }
        return (first.parent.map { .commit($0) } ?? .commit(emptyTreeMarker), .commit(first.commit))
    } catch {
        return nil
    }
}

/// The revision before a root commit: no file.
let emptyTreeMarker = "0000000000000000000000000000000000000000"

/// One file's two texts and where they stand, for `diffFile`.
struct FileDiffRequest {
    var repo: GitRepository?
    var path: [UInt8]
    var newPath: [UInt8]
    var shownOld: String
    var shownNew: String
    var old: DriverSide
    var new: DriverSide
    var renameHeader: String?

    var known: Bool { old.revision != nil || new.revision != nil }
}

/// The semantic diff of one file between two revisions (git's driver, `git difftool`).
func diffFile(_ r: FileDiffRequest) -> DiffReport {
    // Each text alone: its kind, and for a contract or an annuaire all the diff needs.
    func alone(_ bytes: [UInt8]?, _ path: [UInt8]) -> CheckResult? {
        bytes.map { Driver.check(sources: [(GitRepository.displayPath(path), $0)], options: CheckOptions.today()) }
    }
    let a = alone(r.old.bytes, r.path), b = alone(r.new.bytes, r.newPath)
    let ma = a?.files.first?.model, mb = b?.files.first?.model
    guard let kind = (mb ?? ma)?.kind else { fail("aucun texte à comparer") }
    if let ma, let mb, ma.kind != mb.kind {
        fail("les deux révisions ne sont pas du même genre (\(kindWords(ma.kind)) puis \(kindWords(mb.kind)))")
    }
    let status = r.old.bytes == nil ? "ajouté" : r.new.bytes == nil ? "supprimé" : nil
    let fromEnd = DiffEndpoint(version: nil, file: r.old.bytes == nil ? "(absent)" : r.shownOld)
    let toEnd = DiffEndpoint(version: nil, file: r.new.bytes == nil ? "(supprimé)" : r.shownNew)
    var notes: [String] = []
    if let h = r.renameHeader { notes.append(h) }
    let unknown = "révision inconnue : git ne dit pas de quel commit viennent ces textes, ils sont comparés seuls"
        + " (« copc diff --git A B » compare deux révisions entières)"
    var report: DiffReport
    switch kind {
    case .contract:
        let ca = a.flatMap { $0.contracts.first }, cb = b.flatMap { $0.contracts.first }
        if let a, let b, let ca, let cb {
            let changes = SemanticDiff.compare(DiffSide(version: ca.versions[0], files: a.fileTable),
                                               DiffSide(version: cb.versions[0], files: b.fileTable))
            report = DiffReport(contract: cb.id, title: cb.versions[0].header.title, from: fromEnd, to: toEnd, changes: changes)
        } else {
            guard let only = ca ?? cb else { fail("aucun contrat lisible") }
            report = DiffReport(contract: only.id, title: only.versions[0].header.title, from: fromEnd, to: toEnd, changes: [])
            notes.append("contrat " + (status ?? "") + " : « " + (only.versions[0].header.title ?? "") + " », " + contractCounts(only.versions[0]))
        }
    case .annuaire:
        let changes = SemanticDiff.compareAnnuaires(old: ma, new: mb, oldFiles: a?.fileTable ?? FileTable(), newFiles: b?.fileTable ?? FileTable())
        report = DiffReport(contract: nil, title: (mb ?? ma)?.header?.title, from: fromEnd, to: toEnd, changes: changes)
        report.subject = .annuaire((mb ?? ma)?.header?.id)
        if let s = status { notes.append("annuaire " + s) }
    case .bilan:
        // In context: the titles of the elements and the year's targets.
        let sa = context(r, old: true), sb = context(r, old: false)
        let ba = sa?.bilan ?? ma.flatMap(Bilan.init), bb = sb?.bilan ?? mb.flatMap(Bilan.init)
        let version = sb?.contract?.version(forBilanOf: (bb ?? ba)?.year ?? 0) ?? sa?.contract?.version(forBilanOf: (bb ?? ba)?.year ?? 0)
        let changes = SemanticDiff.compareBilans(old: ba, new: bb, oldFiles: sa?.files ?? a?.fileTable ?? FileTable(),
                                                 newFiles: sb?.files ?? b?.fileTable ?? FileTable(), version: version,
                                                 versionFiles: sb?.contract != nil ? sb?.files : sa?.files)
        report = DiffReport(contract: (mb ?? ma)?.contractRef, title: (mb ?? ma)?.header?.title, from: fromEnd, to: toEnd, changes: changes)
        report.subject = .bilan((bb ?? ba)?.year)
        if let s = status { notes.append("bilan " + s) }
        if !r.known { notes.append(unknown) }
    case .avenant:
        report = diffAvenant(r, a, b, ma, mb, fromEnd, toEnd, unknown: unknown, notes: &notes)
    case .unknown:
        fail("ni contrat, ni avenant, ni annuaire, ni bilan : rien à comparer")
    }
    if !notes.isEmpty { report.notice = notes.joined(separator: " ; ") }
    return report
}

func kindWords(_ k: FileKind) -> String {
    switch k {
    case .contract: return "un contrat"
    case .avenant: return "un avenant"
    case .annuaire: return "un annuaire"
    case .bilan: return "un bilan"
    case .unknown: return "un fichier sans en-tête"
    }
}

/// One side of a file read with the other files of its revision: the contract it belongs to,
/// and the file's own id there.
struct FileContextSide {
    var result: CheckResult
    var files: FileTable { result.fileTable }
    var contract: Contract?
    var own: FileID?
    var bilan: Bilan? { contract?.bilans.first { $0.file == own } }
    var avenantIndex: Int? { contract?.avenants.firstIndex { $0.file == own } }
}

/// The side `old` (or new) of `r` read at its revision, below its workspace root: the files of
/// its folder first, the whole root when its contract is not there. Nil when the revision is
/// unknown or the side absent.
func context(_ r: FileDiffRequest, old: Bool) -> FileContextSide? {
    let side = old ? r.old : r.new
    guard let repo = r.repo, let revision = side.revision, let bytes = side.bytes else { return nil }
    let path = old ? r.path : r.newPath
    var files: [GitEntry] = []
    if case .commit(let c) = revision, c == emptyTreeMarker { files = [] } else {
        guard let f = try? repo.files(revision) else { return nil }
        files = f
    }
    let folder = GitRepository.directory(of: path)
    let root = GitRepository.workspaceRoot(of: folder, in: files)
    var problems: [String] = []
    for wide in [false, true] where !(wide && folder == root) {
        let selection: ([UInt8]) -> Bool = wide ? { _ in true } : { GitRepository.directory(of: $0) == folder }
        guard let ws = try? GitWorkspace.read(repo, revision, root: root, selection: selection, files: files,
                                              replacing: (path, bytes), problems: &problems),
              let own = ws.file(path) else { continue }
        keepAlive = ws.result
        let contract = ws.result.contracts.first { $0.files.contains(own) }
        if contract != nil || wide { return FileContextSide(result: ws.result, contract: contract, own: own) }
    }
    return nil
}

/// An avenant's two texts: by the versions it makes of its contract at each revision; added,
/// what it changes; removed, what it undid; without a revision, its two texts clause by clause.
func diffAvenant(_ r: FileDiffRequest, _ a: CheckResult?, _ b: CheckResult?, _ ma: FileModel?, _ mb: FileModel?,
                 _ fromEnd: DiffEndpoint, _ toEnd: DiffEndpoint, unknown: String, notes: inout [String]) -> DiffReport {
    let ref = (mb ?? ma)?.contractRef
    let number = (mb ?? ma)?.avenantNumber
    let sa = r.old.bytes == nil ? nil : context(r, old: true)
    let sb = r.new.bytes == nil ? nil : context(r, old: false)
    let okA = r.old.bytes == nil || sa?.avenantIndex != nil, okB = r.new.bytes == nil || sb?.avenantIndex != nil
    if r.known && okA && okB {
        if let sa, let sb, let ka = sa.avenantIndex, let kb = sb.avenantIndex, let ca = sa.contract, let cb = sb.contract {
            // Changed: the version it makes, before and after.
            let va = ca.versions[ka + 1], vb = cb.versions[kb + 1]
            let avs = [cb.avenants[kb]]
            let changes = SemanticDiff.compare(DiffSide(version: va, files: sa.files), DiffSide(version: vb, files: sb.files), avenants: avs)
            summarizeErrors(sb.result, files: [cb.avenants[kb].file], what: r.shownNew)
            return DiffReport(contract: cb.id, title: cb.versions[0].header.title, from: fromEnd, to: toEnd, changes: changes,
                              clauseTexts: DiffReport.clauseTexts(of: avs, files: sb.files),
                              avenants: [DiffAvenant(cb.avenants[kb], number: kb + 1, files: sb.files,
                                                     status: r.old.bytes == r.new.bytes ? .renamed : .changed)])
        }
        if let sb, let kb = sb.avenantIndex, let cb = sb.contract {
            // Added: what it changes in the contract.
            let avs = [cb.avenants[kb]]
            let changes = SemanticDiff.compare(DiffSide(version: cb.versions[kb], files: sb.files),
                                               DiffSide(version: cb.versions[kb + 1], files: sb.files), avenants: avs)
            notes.append("avenant ajouté : ce qu'il change à la version \(kb) du contrat")
            return DiffReport(contract: cb.id, title: cb.versions[0].header.title,
                              from: DiffEndpoint(version: kb, effectiveDate: cb.versions[kb].effectiveDate),
                              to: DiffEndpoint(version: kb + 1, effectiveDate: cb.versions[kb + 1].effectiveDate),
                              changes: changes, clauseTexts: DiffReport.clauseTexts(of: avs, files: sb.files),
                              avenants: [DiffAvenant(cb.avenants[kb], number: kb + 1, files: sb.files, status: .added)])
        }
        if let sa, let ka = sa.avenantIndex, let ca = sa.contract {
            // Removed: what its removal undoes, each change named by the clause it undoes.
            let av = ca.avenants[ka]
            let did = SemanticDiff.compare(DiffSide(version: ca.versions[ka], files: sa.files),
                                           DiffSide(version: ca.versions[ka + 1], files: sa.files), avenants: [av])
            var clauseOf: [ElementKey: [String?: ChangeOrigin]] = [:]
            for c in did { clauseOf[c.element.key, default: [:]][c.property] = c.origin }
            let undone = ChangeOrigin(avenant: ka + 1, motif: av.header.provenance.motif ?? av.header.text(.motif),
                                      file: sa.files.contains(av.file) ? sa.files[av.file].path : nil, line: nil, clause: nil)
            var changes = SemanticDiff.compare(DiffSide(version: ca.versions[ka + 1], files: sa.files),
                                               DiffSide(version: ca.versions[ka], files: sa.files))
            for k in changes.indices {
                changes[k].origin = clauseOf[changes[k].element.key]?[changes[k].property] ?? undone
            }
            notes.append("avenant supprimé : ce qu'il faisait est défait, le contrat revient à sa version \(ka)")
            return DiffReport(contract: ca.id, title: ca.versions[0].header.title,
                              from: DiffEndpoint(version: ka + 1, effectiveDate: ca.versions[ka + 1].effectiveDate),
                              to: DiffEndpoint(version: ka, effectiveDate: ca.versions[ka].effectiveDate),
                              changes: changes,
                              avenants: [DiffAvenant(ca.avenants[ka], number: ka + 1, files: sa.files, status: .removed)])
        }
    }
    // No revision, or no contract at it: the two texts alone, clause by clause.
    if !r.known {
        notes.append(unknown)
    } else {
        let where_ = !okA && !okB ? "à l'une et l'autre révision" : okA ? "à la nouvelle révision" : "à l'ancienne révision"
        notes.append("contrat « \(ref ?? "?") » de l'avenant introuvable \(where_) : ses deux textes sont comparés seuls")
    }
    let changes = SemanticDiff.compareAvenantTexts(old: ma, new: mb, oldFiles: a?.fileTable ?? FileTable(), newFiles: b?.fileTable ?? FileTable())
    var report = DiffReport(contract: ref, title: nil, from: fromEnd, to: toEnd, changes: changes)
    if let m = mb ?? ma, let h = m.header, let n = number {
        let av = Avenant(number: n, file: m.file, header: h, changes: m.changes)
        report.avenants = [DiffAvenant(av, number: n, files: (mb != nil ? b : a)?.fileTable ?? FileTable(),
                                       status: r.old.bytes == nil ? .added : r.new.bytes == nil ? .removed : .changed)]
    }
    return report
}
