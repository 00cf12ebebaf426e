import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcDriver
import CopcModel

/// JSON-RPC and LSP error codes the server answers with.
public enum ErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let serverNotInitialized = -32002
}

/// An error answer to a request: a code and a French message.
public struct ResponseError: Error, Equatable {
    public let code: Int
    public let message: String

    public init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }

    static func invalidParams(_ m: String) -> ResponseError { ResponseError(ErrorCode.invalidParams, m) }
}

/// A document the client has open: its URI as the client spelled it, its version, its text.
struct Document {
    let uri: String
    var version: Int
    var text: [UInt8]
}

/// Where a check runs: a workspace folder, recursively, or — for a document outside every
/// folder — that document's own folder, without its subfolders.
struct Scope: Hashable, Comparable {
    let root: String
    let recursive: Bool

    func contains(_ path: String) -> Bool {
        recursive ? Paths.isInside(path, root) && path != root : Paths.directory(of: path) == root
    }

    static func < (a: Scope, b: Scope) -> Bool { (a.root, a.recursive ? 1 : 0) < (b.root, b.recursive ? 1 : 0) }
}

/// One check of the files that belong together (a contract with its avenants, bilans and the
/// annuaires they import), as `Driver.contexts` groups them for one or more open documents.
final class Analysis {
    let scope: Scope
    let result: CheckResult
    /// Files by absolute real path.
    let files: [String: CheckedFile]
    /// The revision of every file the check read (`SourceSet.revision`), whether something was
    /// at each import it could not load, and its date: while all are unchanged, the check is
    /// still the check of the texts.
    let revisions: [(real: String, root: String, revision: Int)]
    let importsNotLoaded: [String: Bool]
    let au: Day
    /// The diagnostics of each file of the check (absolute real path).
    let diagnostics: [String: [Diagnostic]]

    init(scope: Scope, result: CheckResult, sources: SourceSet, au: Day) {
        self.scope = scope
        self.result = result
        self.importsNotLoaded = Driver.importsNotLoaded(by: result, sources: sources)
        self.au = au
        var files: [String: CheckedFile] = [:]
        var revisions: [(real: String, root: String, revision: Int)] = []
        for f in result.files {
            files[f.realPath] = f
            if let root = result.workspaceRoot(of: f.source), let r = sources.revision(of: f.source.id) {
                revisions.append((f.realPath, root, r))
            }
        }
        self.files = files
        self.revisions = revisions
        var byPath: [String: [Diagnostic]] = [:]
        for f in result.files { byPath[f.realPath] = [] }
        for d in result.diagnostics {
            let path = d.span.flatMap { result.realPath(of: $0.file) } ?? result.realPaths[d.path]
            guard let path else { continue }
            byPath[path, default: []].append(d)
        }
        diagnostics = byPath
    }

    /// Whether nothing this check read has changed since (texts, imports not found, date).
    func isCurrent(_ sources: SourceSet, au day: Day) -> Bool {
        guard au == day else { return false }
        return revisions.allSatisfy { sources.revision(at: $0.real, beneath: $0.root) == $0.revision }
            && importsNotLoaded.allSatisfy { Driver.isPresent($0.key, sources: sources) == $0.value }
    }

    func path(of file: SourceFile) -> String? { result.realPath(of: file) }

    /// The absolute path of a file of the check.
    func path(of id: FileID) -> String? {
        guard result.fileTable.contains(id) else { return nil }
        return result.realPath(of: result.fileTable[id])
    }

    /// The contract a file belongs to (as the contract or as one of its avenants).
    func contract(of file: FileID) -> Contract? {
        result.contracts.first { $0.file == file || $0.avenants.contains { $0.file == file } || $0.bilans.contains { $0.file == file } }
    }
}

/// A scope's texts and checks: one source set (texts, parse cache by content, disk stamps) and
/// the checks of its open documents' contexts, kept while nothing they read changes.
final class ScopeState {
    let sources: SourceSet
    /// The checks, by their context (`Driver.contexts`: root, files, notices).
    var units: [DocumentContext: Analysis] = [:]
    /// Each open document's context, a key of `units`.
    var unitOf: [String: DocumentContext] = [:]
    /// The workspace roots of the last contexts (a change below one may concern the scope).
    var roots: Set<String> = []
    /// Whether `units` were made from the current texts of the documents.
    var current = false
    /// The driver's last answer, for which documents, and what of each document decides its
    /// context (its first element: `Driver.header`). Asked again when the documents, one of
    /// those headers or the disk (`diskChanged`: watcher, look at the disk, closing) changed:
    /// an edit inside a document does not walk the workspace again.
    var survey: (named: [String], found: [DocumentContext], keys: [FileHeader?])?
    var diskChanged = true
    /// Contexts checked since their diagnostics were last published, and the files of the
    /// contexts dropped since (their diagnostics may now come from other contexts, or none).
    var unpublished: Set<DocumentContext> = []
    var droppedFiles: Set<String> = []
    /// The contexts of open documents at the last publication.
    var publishedUnits: Set<DocumentContext> = []

    /// The contexts of open documents (not those of a file only asked about).
    func openUnits(_ documents: [String: Document]) -> Set<DocumentContext> {
        Set(unitOf.compactMap { documents[$0.key] != nil ? $0.value : nil })
    }

    init(sources: SourceSet) { self.sources = sources }
}

/// The copc language server: JSON-RPC dispatch, open documents, debounced checking and the
/// LSP features. It does no I/O itself: messages come in through `handle`, go out through
/// `send`, and the transport (`LSPMain.run`, a test, the benchmark) decides when to call
/// `runDueWork`.
///
/// Invariants: no message, however malformed, makes it trap; every request gets exactly one
/// answer; diagnostics are published only from a check of the current texts (a check made
/// stale by pending input is not published, the transport runs it again), and only for open
/// documents and the files of their contracts.
public final class LanguageServer {
    /// The default quiet period after the last change, in seconds (issue 24: the drafter sees
    /// the diagnostics of a one-line edit before finishing the line).
    public static let defaultDebounce = 0.03
    /// Without the client's file watcher, the disk is looked at (file stamps) this often while
    /// documents are open, in seconds: a `git pull` is seen within this delay.
    public static let defaultDiskPoll = 2.0
    /// Diagnostics wait for this quiet period after the last change (seconds).
    public private(set) var debounce: Double
    /// How often the disk is looked at when the client does not watch files for the server.
    public let diskPoll: Double
    let send: (JSONValue) -> Void
    let log: (String) -> Void
    let clock: () -> Double
    let version: String

    enum Phase { case uninitialized, running, shuttingDown }
    var phase = Phase.uninitialized
    /// Set by the `exit` notification: 0 after `shutdown`, 1 otherwise.
    public private(set) var exitStatus: Int32?
    /// Whether `shutdown` was received (end of input then exits 0, else 1).
    public var shutdownRequested: Bool { phase == .shuttingDown }

    var roots: [String] = []
    var documents: [String: Document] = [:]
    /// Each scope's texts and the checks of its documents' contexts. A check made stale by an
    /// edit is kept until the next one: completion reads its declarations rather than
    /// re-checking on every keystroke.
    var scopes: [Scope: ScopeState] = [:]
    /// Scopes whose diagnostics must be published again.
    var pendingScopes: Set<Scope> = []
    /// Documents edited since their diagnostics were last published (published even unchanged,
    /// so the client sees the new version).
    var edited: Set<String> = []
    /// What was last published, by path: the hash of its diagnostics as sent (code, severity,
    /// message, ranges, related places).
    var published: [String: Int] = [:]
    /// When the debounced check is due (clock time), if one is scheduled.
    public private(set) var dueDate: Double?
    /// When the disk is next looked at, when the client does not watch files for the server.
    var diskPollDate: Double?
    /// Whether the client accepted to watch `*.cop` and `copc.toml` for the server
    /// (`workspace/didChangeWatchedFiles`, registered dynamically).
    var clientWatchesFiles = false
    var canRegisterWatchers = false
    /// How many contexts were checked (not taken as they were), and how many times the driver
    /// was asked which files go with the documents, for the tests.
    public private(set) var contextChecks = 0
    public private(set) var membershipQueries = 0

    /// When the transport must call `runDueWork` next: the debounced check, or the look at
    /// the disk.
    public var nextWakeUp: Double? {
        switch (dueDate, diskPollDate) {
        case let (a?, b?): return min(a, b)
        case let (a, b): return a ?? b
        }
    }

    var au: Day?
    /// Whose workspace markers count (`WorkspaceTrust`: this process's user, root and
    /// `COPC_REPERTOIRES_SURS`).
    var trust = WorkspaceTrust.current
    var strict = false
    var markdownHover = true
    var hierarchicalSymbols = true

    /// `send` receives every outgoing message; `log` receives French lines for stderr.
    public init(version: String, debounce: Double = LanguageServer.defaultDebounce, diskPoll: Double = LanguageServer.defaultDiskPoll,
                clock: @escaping () -> Double = monotonicSeconds,
                send: @escaping (JSONValue) -> Void, log: @escaping (String) -> Void) {
        self.version = version
        self.debounce = debounce
        self.diskPoll = diskPoll
        self.clock = clock
        self.send = send
        self.log = log
    }

    // MARK: dispatch

    /// Handles one framed message body.
    public func handle(_ body: [UInt8]) {
        let message: JSONValue
        do {
            message = try JSONParser.parse(body)
        } catch {
            log("message illisible : \(error)")
            sendError(.null, ResponseError(ErrorCode.parseError, "message JSON illisible : \(error)"))
            return
        }
        handle(message: message)
    }

    /// Handles one parsed message: a request, a notification, or a response (ignored: the
    /// server sends no requests).
    public func handle(message: JSONValue) {
        guard exitStatus == nil else { return }
        guard case .object(let o) = message else {
            sendError(.null, ResponseError(ErrorCode.invalidRequest, "un message JSON-RPC doit être un objet JSON"))
            return
        }
        let id = o["id"]
        if let id {
            switch id {
            case .int, .string, .null: break
            default:
                sendError(.null, ResponseError(ErrorCode.invalidRequest, "« id » doit être un entier ou une chaîne"))
                return
            }
        }
        // JSON-RPC 2.0 requires `"jsonrpc": "2.0"` on every message: without it, the message
        // is refused, never half-understood.
        guard o["jsonrpc"]?.string == "2.0" else {
            if o["method"] == nil && (o["result"] != nil || o["error"] != nil) { return }
            log("message refusé : champ « jsonrpc » absent ou différent de « 2.0 »")
            sendError(id ?? .null, ResponseError(ErrorCode.invalidRequest, "champ « jsonrpc » absent ou différent de « 2.0 »"))
            return
        }
        guard let method = o["method"]?.string else {
            if o["error"] != nil, id == .string(LanguageServer.watcherRegistration) {
                // The client refused to watch files for the server: look at the disk ourselves.
                log("surveillance des fichiers refusée par le client : le disque sera relu toutes les \(Int(diskPoll)) s")
                clientWatchesFiles = false
                scheduleDiskPoll()
                return
            }
            if o["result"] != nil || o["error"] != nil { return }
            sendError(id ?? .null, ResponseError(ErrorCode.invalidRequest, "champ « method » absent ou invalide"))
            return
        }
        let params = o["params"] ?? .null
        if let id {
            let result: JSONValue
            do {
                result = try request(method, params)
            } catch {
                sendError(id, error)
                return
            }
            send(["jsonrpc": "2.0", "id": id, "result": result])
        } else {
            notification(method, params)
        }
    }

    func sendError(_ id: JSONValue, _ e: ResponseError) {
        send(["jsonrpc": "2.0", "id": id, "error": ["code": .int(e.code), "message": .string(e.message)]])
    }

    func request(_ method: String, _ params: JSONValue) throws(ResponseError) -> JSONValue {
        switch phase {
        case .uninitialized where method != "initialize":
            throw ResponseError(ErrorCode.serverNotInitialized, "le serveur attend d'abord la requête « initialize »")
        case .shuttingDown:
            throw ResponseError(ErrorCode.invalidRequest, "le serveur s'arrête : seule la notification « exit » est acceptée")
        default: break
        }
        switch method {
        case "initialize": return try initialize(params)
        case "shutdown":
            phase = .shuttingDown
            return .null
        case "textDocument/hover": return try hover(params)
        case "textDocument/definition": return try definition(params)
        case "textDocument/documentSymbol": return try documentSymbols(params)
        case "textDocument/completion": return try completion(params)
        case "textDocument/formatting": return try formatting(params)
        default:
            throw ResponseError(ErrorCode.methodNotFound, "méthode inconnue : \(method)")
        }
    }

    func notification(_ method: String, _ params: JSONValue) {
        if method == "exit" {
            exitStatus = phase == .shuttingDown ? 0 : 1
            return
        }
        guard phase == .running else { return }
        switch method {
        case "initialized":
            // Nothing is checked before a document is opened: only open documents and the files
            // of their contracts get diagnostics. Files changed on disk: the client watches them
            // for the server when it can, else the server looks at their stamps now and then.
            if canRegisterWatchers {
                clientWatchesFiles = true
                send(["jsonrpc": "2.0", "id": .string(LanguageServer.watcherRegistration), "method": "client/registerCapability",
                      "params": ["registrations": [[
                          "id": .string(LanguageServer.watcherRegistration), "method": "workspace/didChangeWatchedFiles",
                          "registerOptions": ["watchers": [["globPattern": "**/*.cop"], ["globPattern": "**/copc.toml"]]],
                      ]]]])
            }
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didClose": didClose(params)
        case "textDocument/didSave": didSave(params)
        case "workspace/didChangeWatchedFiles":
            for change in params["changes"]?.array ?? [] {
                guard let uri = change["uri"]?.string, let path = FileURI.path(of: uri) else { continue }
                // A deleted file has no real path any more: its folder's, then its name.
                let p = FileSystem.realPath(path) ?? Paths.join(canonical(Paths.directory(of: path)), Paths.lastComponent(of: path))
                invalidate(concerning: p, edit: false)
            }
        case "workspace/didChangeWorkspaceFolders":
            let event = params["event"]
            for f in event?["removed"]?.array ?? [] {
                if let uri = f["uri"]?.string, let p = FileURI.path(of: uri) { roots.removeAll { $0 == canonical(p) } }
            }
            for f in event?["added"]?.array ?? [] {
                if let uri = f["uri"]?.string, let p = FileURI.path(of: uri), !roots.contains(canonical(p)) {
                    roots.append(canonical(p))
                }
            }
            retireStaleScopes()
            for s in activeScopes() { invalidate(s) }
        default:
            // `$/cancelRequest`, `$/setTrace` and unknown notifications: nothing to do
            // (requests are answered as soon as they are read, so there is nothing to cancel).
            break
        }
    }

    // MARK: lifecycle

    func initialize(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard phase == .uninitialized else {
            throw ResponseError(ErrorCode.invalidRequest, "« initialize » a déjà été reçu")
        }
        guard case .object = params else { throw .invalidParams("« initialize » attend un objet de paramètres") }
        var found: [String] = []
        if let folders = params["workspaceFolders"]?.array {
            for f in folders {
                if let uri = f["uri"]?.string, let p = FileURI.path(of: uri) { found.append(canonical(p)) }
            }
        }
        if found.isEmpty, let uri = params["rootUri"]?.string, let p = FileURI.path(of: uri) {
            found.append(canonical(p))
        }
        if found.isEmpty, let p = params["rootPath"]?.string, p.hasPrefix("/") {
            found.append(canonical(p))
        }
        roots = found
        let caps = params["capabilities"]?["textDocument"]
        if let formats = caps?["hover"]?["contentFormat"]?.array {
            markdownHover = formats.contains(.string("markdown"))
        }
        hierarchicalSymbols = caps?["documentSymbol"]?["hierarchicalDocumentSymbolSupport"]?.bool ?? false
        canRegisterWatchers = params["capabilities"]?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.bool ?? false
        if let options = params["initializationOptions"], case .object = options {
            if let text = options["au"]?.string {
                guard let d = Day.parse(text) else {
                    throw .invalidParams("initializationOptions.au : date invalide « \(text) » (attendu : AAAA-MM-JJ)")
                }
                au = d
            }
            if let s = options["strict"]?.bool { strict = s }
            if let ms = options["debounceMs"]?.int, ms >= 0, ms <= 10_000 { debounce = Double(ms) / 1000 }
        }
        phase = .running
        log("démarrage ; espace de travail : " + (roots.isEmpty ? "aucun (dossier de chaque document)" : roots.joined(separator: ", ")))
        return [
            "capabilities": [
                "positionEncoding": "utf-16",
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
                "hoverProvider": true,
                "definitionProvider": true,
                "documentSymbolProvider": true,
                "documentFormattingProvider": true,
                "completionProvider": ["triggerCharacters": [":", ","], "resolveProvider": false],
            ],
            "serverInfo": ["name": "copc", "version": .string(version)],
        ]
    }

    // MARK: documents

    /// The absolute, symlink-free path of a document, as the driver names files.
    func canonical(_ path: String) -> String {
        FileSystem.realPath(path) ?? Paths.normalize(path)
    }

    /// The text document's path from `params.textDocument.uri`.
    func documentPath(_ params: JSONValue) -> (uri: String, path: String)? {
        guard let uri = params["textDocument"]?["uri"]?.string else { return nil }
        guard let path = FileURI.path(of: uri), path.hasPrefix("/") else { return nil }
        if let known = documents.first(where: { $0.value.uri == uri }) { return (uri, known.key) }
        // A folder (`file:///`) is not a document: checking it « in its context » would survey
        // everything below it.
        let real = canonical(path)
        guard FileSystem.kind(real) != .directory else { return nil }
        return (uri, real)
    }

    func didOpen(_ params: JSONValue) {
        guard let target = documentPath(params), let text = params["textDocument"]?["text"]?.string else {
            log("didOpen ignoré : paramètres invalides ou URI autre que file://")
            return
        }
        let path = target.path
        documents[path] = Document(uri: target.uri, version: params["textDocument"]?["version"]?.int ?? 0, text: Array(text.utf8))
        edited.insert(path)
        invalidate(concerning: path, edit: true)
        scheduleDiskPoll()
    }

    func didChange(_ params: JSONValue) {
        guard let path = documentPath(params)?.path, var doc = documents[path],
              let changes = params["contentChanges"]?.array else {
            log("didChange ignoré : document inconnu ou paramètres invalides")
            return
        }
        for change in changes {
            guard let text = change["text"]?.string else {
                log("didChange : changement sans « text » ignoré")
                continue
            }
            if let r = change["range"] {
                guard let range = LSPRange(json: r) else {
                    log("didChange : plage invalide ignorée")
                    continue
                }
                doc.text = TextEdits.apply(text, in: range, to: doc.text)
            } else {
                doc.text = Array(text.utf8)
            }
        }
        if let v = params["textDocument"]?["version"]?.int { doc.version = v }
        documents[path] = doc
        edited.insert(path)
        invalidate(concerning: path, edit: true)
    }

    func didClose(_ params: JSONValue) {
        guard let path = documentPath(params)?.path, documents[path] != nil else { return }
        let concerned = scopes(concerning: path)
        documents[path] = nil
        edited.remove(path)
        // The file on disk is now the truth (or, never saved, it is gone); its diagnostics stay
        // only if it belongs to the contract of a document still open.
        for s in concerned { invalidate(s, edit: true) }
        retireStaleScopes()
        if documents.isEmpty { diskPollDate = nil }
    }

    func didSave(_ params: JSONValue) {
        guard let path = documentPath(params)?.path else { return }
        if let text = params["text"]?.string, var doc = documents[path] {
            doc.text = Array(text.utf8)
            documents[path] = doc
        }
        invalidate(concerning: path, edit: true)
    }

    // MARK: scopes and checking

    /// The scope that owns a path: the innermost workspace folder holding it, else its folder.
    func owner(of path: String) -> Scope {
        var best: String?
        for r in roots where Paths.isInside(path, r) && path != r {
            if best == nil || r.count > best!.count { best = r }
        }
        if let best { return Scope(root: best, recursive: true) }
        return Scope(root: Paths.directory(of: path), recursive: false)
    }

    func activeScopes() -> Set<Scope> {
        var s = Set(roots.map { Scope(root: $0, recursive: true) })
        for path in documents.keys { s.insert(owner(of: path)) }
        return s
    }

    static let watcherRegistration = "copc-fichiers-surveilles"

    /// The active scopes a change to `path` may concern: those holding it, and those whose
    /// last contexts have a root holding it (an annuaire above a workspace folder).
    func scopes(concerning path: String) -> [Scope] {
        activeScopes().filter { s in
            s.contains(path) || (scopes[s]?.roots.contains { Paths.isInside(path, $0) } ?? false)
        }.sorted()
    }

    func invalidate(concerning path: String, edit: Bool) {
        for s in scopes(concerning: path) { invalidate(s, edit: edit) }
    }

    /// Marks the checks of a scope as no longer current and schedules the publication of its
    /// diagnostics: after the quiet period for an edit, at once for a change on disk.
    func invalidate(_ s: Scope, edit: Bool = true) {
        scopes[s]?.current = false
        if !edit { scopes[s]?.diskChanged = true }
        pendingScopes.insert(s)
        let due = clock() + (edit ? debounce : 0)
        dueDate = edit ? due : min(dueDate ?? due, due)
    }

    /// Schedules the next look at the disk, when the client does not watch files for us.
    func scheduleDiskPoll() {
        guard !clientWatchesFiles, !documents.isEmpty, diskPollDate == nil else { return }
        diskPollDate = clock() + diskPoll
    }

    /// Clears the diagnostics of files no active scope owns any more (a closed document
    /// outside the workspace, a removed workspace folder).
    func retireStaleScopes() {
        let active = activeScopes()
        for s in scopes.keys where !active.contains(s) { scopes[s] = nil }
        pendingScopes = pendingScopes.filter { active.contains($0) }
        for path in published.keys.sorted() where !active.contains(owner(of: path)) {
            publishDiagnostics(path: path, version: nil, [])
            published[path] = nil
        }
    }

    /// The checks of a scope on the current texts: the contexts of its open documents (and of
    /// `extra`, a file asked about that is not open) from the driver, each checked again only
    /// when something it read changed (`ScopeState.unpublished` collects those).
    func refresh(_ s: Scope, extra: String? = nil) {
        let state: ScopeState
        if let known = scopes[s] {
            state = known
        } else {
            state = ScopeState(sources: SourceSet(displayBase: FileSystem.realPath(s.root) ?? Paths.normalize(s.root), readsDisk: true))
            scopes[s] = state
        }
        if state.current, extra.map({ state.unitOf[$0] != nil }) ?? true { return }
        var named = documents.keys.filter { owner(of: $0) == s }.sorted()
        if let extra, !named.contains(extra) { named.append(extra) }
        // Every open document is read as typed, also from another scope (an unsaved annuaire).
        state.sources.setTexts(documents.mapValues(\.text))
        var options = CheckOptions.today(strict: strict)
        if let au { options.au = au }
        // Contract membership: one call to the driver, the rule of the command line (the root,
        // without a trusted marker, is the workspace folder the drafter opened) — asked again
        // only when what decides it may have changed.
        let keys = named.map { Driver.header(of: $0, sources: state.sources) }
        let found: [DocumentContext]
        if !state.diskChanged, let last = state.survey, last.named == named, last.keys == keys {
            found = last.found
        } else {
            found = Driver.contexts(of: named.map { EditorDocument(path: $0, workspaceFolder: s.recursive ? s.root : nil) },
                                    sources: state.sources, trust: trust)
            membershipQueries += 1
            state.survey = (named, found, keys)
            state.roots = Set(found.map(\.root))
            state.diskChanged = false
        }
        var units: [DocumentContext: Analysis] = [:]
        var unitOf: [String: DocumentContext] = [:]
        for (doc, key) in zip(named, found) {
            unitOf[doc] = key
            guard units[key] == nil else { continue }
            if let old = state.units[key], old.isCurrent(state.sources, au: options.au) {
                units[key] = old
                continue
            }
            let result = Driver.check(context: key, sources: state.sources, options: options)
            contextChecks += 1
            units[key] = Analysis(scope: s, result: result, sources: state.sources, au: options.au)
            state.unpublished.insert(key)
        }
        for (key, a) in state.units where units[key] == nil { state.droppedFiles.formUnion(a.diagnostics.keys) }
        state.units = units
        state.unitOf = unitOf
        state.current = true
    }

    /// The check holding a document (its context's), with its file; made now when the texts
    /// changed since the last one.
    func analysis(forPath path: String) -> (Analysis, CheckedFile)? {
        let s = owner(of: path)
        refresh(s, extra: documents[path] == nil ? path : nil)
        guard let key = scopes[s]?.unitOf[path], let a = scopes[s]?.units[key], let f = a.files[path] else { return nil }
        return (a, f)
    }

    /// The last check holding a document, even one made a keystroke ago (completion).
    func lastAnalysis(forPath path: String) -> Analysis? {
        let s = owner(of: path)
        if let key = scopes[s]?.unitOf[path], let a = scopes[s]?.units[key] { return a }
        return analysis(forPath: path)?.0
    }

    /// Runs the scheduled check if its quiet period is over, then publishes — unless
    /// `inputPending` says new messages are waiting: they may change the texts, so the
    /// result would be stale. The checks are then kept (each is reused while what it read is
    /// unchanged) and the publication stays due, for the transport to call again. Looks at the
    /// disk when that is due (no file watcher on the client's side).
    public func runDueWork(inputPending: () -> Bool) {
        if let poll = diskPollDate, clock() >= poll {
            diskPollDate = nil
            // The stamps of the files are compared: only contexts whose files changed are
            // checked again and only changed diagnostics published.
            for s in activeScopes() where scopes[s] != nil {
                scopes[s]?.current = false
                scopes[s]?.diskChanged = true
                pendingScopes.insert(s)
                if dueDate == nil { dueDate = clock() }
            }
            scheduleDiskPoll()
        }
        guard let due = dueDate, clock() >= due else { return }
        for s in pendingScopes.sorted() {
            refresh(s)
            if inputPending() { return }
            publish(s)
            pendingScopes.remove(s)
        }
        dueDate = nil
    }

    /// Publishes what changed in a scope: the diagnostics of the files of the contexts checked
    /// again, every edited document (so the client sees its new version), and an empty list for
    /// the files that no longer belong to any open document's context.
    func publish(_ s: Scope) {
        guard let state = scopes[s] else { return }
        let open = state.openUnits(documents)
        // Which contexts hold each file, for the files the scope owns.
        var holders: [String: [Analysis]] = [:]
        for key in open.sorted(by: { ($0.files + [$0.root]).lexicographicallyPrecedes($1.files + [$1.root]) }) {
            guard let a = state.units[key] else { continue }
            for path in a.diagnostics.keys where owner(of: path) == s { holders[path, default: []].append(a) }
        }
        var candidates = Set<String>()
        // Contexts checked again, contexts that became or stopped being an open document's.
        for key in state.unpublished.union(open.subtracting(state.publishedUnits)).intersection(open) {
            guard let a = state.units[key] else { continue }
            for path in a.diagnostics.keys where owner(of: path) == s { candidates.insert(path) }
        }
        for path in state.droppedFiles where owner(of: path) == s { candidates.insert(path) }
        state.unpublished = []
        state.droppedFiles = []
        state.publishedUnits = open
        for path in edited where owner(of: path) == s { candidates.insert(path) }
        for path in published.keys where owner(of: path) == s && holders[path] == nil { candidates.insert(path) }
        for path in candidates.sorted() {
            let diags = diagnostics(of: path, in: holders[path] ?? [])
            let hash = fingerprint(diags)
            let forced = edited.contains(path)
            if !forced && hash == (published[path] ?? LanguageServer.emptyFingerprint) { continue }
            publishDiagnostics(path: path, version: documents[path]?.version, diags.map { lspDiagnostic($0.0, $0.1) })
            published[path] = diags.isEmpty ? nil : hash
            edited.remove(path)
        }
    }

    /// The diagnostics of a file, from every context holding it (the same diagnostic once), in
    /// the order of the checks.
    func diagnostics(of path: String, in holders: [Analysis]) -> [(Diagnostic, Analysis)] {
        guard holders.count > 1 else {
            guard let a = holders.first else { return [] }
            return (a.diagnostics[path] ?? []).map { ($0, a) }
        }
        var seen = Set<String>()
        var out: [(Diagnostic, Analysis)] = []
        for a in holders {
            for d in a.diagnostics[path] ?? [] {
                let r = d.span.map { "\($0.range.start):\($0.range.end)" } ?? ""
                if seen.insert("\(d.code.rawValue)|\(r)|\(d.text)").inserted { out.append((d, a)) }
            }
        }
        out.sort { Diagnostic.ordered($0.0, $1.0) }
        return out
    }

    static let emptyFingerprint = Hasher().finalize()

    /// A hash of the diagnostics as they would be sent: code, severity, message, range in
    /// UTF-16, related places and messages. Equal hashes: nothing to send again.
    func fingerprint(_ diags: [(Diagnostic, Analysis)]) -> Int {
        var h = Hasher()
        func combine(_ span: SourceSpan) {
            let r = LSPRange(span.file, span.range)
            h.combine(r.start.line); h.combine(r.start.character); h.combine(r.end.line); h.combine(r.end.character)
        }
        for (d, a) in diags {
            h.combine(d.code.rawValue)
            h.combine(d.severity)
            h.combine(d.text)
            if let span = d.span { combine(span) } else { h.combine(-1) }
            h.combine(d.notes.count)
            for n in d.notes {
                h.combine(n.message.text)
                if let span = n.span {
                    h.combine(a.path(of: span.file))
                    combine(span)
                } else { h.combine(-1) }
            }
        }
        return diags.isEmpty ? LanguageServer.emptyFingerprint : h.finalize()
    }

    func uri(of path: String) -> String {
        documents[path]?.uri ?? FileURI.uri(of: path)
    }

    func publishDiagnostics(path: String, version: Int?, _ diags: [JSONValue]) {
        var params = JSONObject()
        params["uri"] = .string(uri(of: path))
        if let version { params["version"] = .int(version) }
        params["diagnostics"] = .array(diags)
        send(["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": .object(params)])
    }

    func location(_ span: SourceSpan, _ a: Analysis) -> JSONValue? {
        guard let path = a.path(of: span.file) else { return nil }
        return ["uri": .string(uri(of: path)), "range": LSPRange(span.file, span.range).json]
    }

    func location(_ place: Place, _ a: Analysis) -> JSONValue? {
        location(a.result.fileTable.span(place), a)
    }

    /// A copc diagnostic as LSP: code, source `copc`, severity, French message, notes as
    /// related information (a note without a place is appended to the message).
    func lspDiagnostic(_ d: Diagnostic, _ a: Analysis) -> JSONValue {
        var o = JSONObject()
        let range = d.span.map { LSPRange($0.file, $0.range) } ?? LSPRange(start: LSPPosition(line: 0, character: 0), end: LSPPosition(line: 0, character: 0))
        o["range"] = range.json
        switch d.severity {
        case .error: o["severity"] = 1
        case .warning: o["severity"] = 2
        case .note: o["severity"] = 3
        }
        o["code"] = .string(d.code.rawValue)
        o["source"] = "copc"
        var message = d.text
        var related: [JSONValue] = []
        for n in d.notes {
            if let s = n.span, let loc = location(s, a) {
                related.append(["location": loc, "message": .string(n.message.text)])
            } else {
                message += "\n" + n.message.text
            }
        }
        o["message"] = .string(message)
        if !related.isEmpty { o["relatedInformation"] = .array(related) }
        return .object(o)
    }
}
