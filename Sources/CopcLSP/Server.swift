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

/// One check of one scope, with the document versions it saw.
final class Analysis {
    let scope: Scope
    let result: CheckResult
    /// Open documents' versions at the time of the check, by path.
    let versions: [String: Int]
    /// Files by absolute real path.
    let files: [String: CheckedFile]

    init(scope: Scope, result: CheckResult, versions: [String: Int]) {
        self.scope = scope
        self.result = result
        self.versions = versions
        var files: [String: CheckedFile] = [:]
        for f in result.files { files[f.realPath] = f }
        self.files = files
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

/// The copc language server: JSON-RPC dispatch, open documents, debounced checking and the
/// LSP features. It does no I/O itself: messages come in through `handle`, go out through
/// `send`, and the transport (`LSPMain.run`, a test, the benchmark) decides when to call
/// `runDueWork`.
///
/// Invariants: no message, however malformed, makes it trap; every request gets exactly one
/// answer; diagnostics are published only from a check of the current texts (a check made
/// stale by pending input is not published, the transport runs it again).
public final class LanguageServer {
    /// Diagnostics wait for this quiet period after the last change (seconds).
    public private(set) var debounce: Double
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
    var analyses: [Scope: Analysis] = [:]
    /// The texts and parse cache of each scope.
    var sourceSets: [Scope: SourceSet] = [:]
    /// The last check of each scope, kept after its texts changed: completion reads its
    /// declarations rather than re-checking on every keystroke.
    var staleAnalyses: [Scope: Analysis] = [:]
    /// Scopes whose diagnostics must be published again.
    var pendingScopes: Set<Scope> = []
    /// Documents edited since their diagnostics were last published (published even unchanged,
    /// so the client sees the new version).
    var edited: Set<String> = []
    /// What was last published, by path: the serialised diagnostics array.
    var published: [String: String] = [:]
    /// When the debounced check is due (clock time), if one is scheduled.
    public private(set) var dueDate: Double?

    var au: Day?
    var strict = false
    var markdownHover = true
    var hierarchicalSymbols = true

    /// `send` receives every outgoing message; `log` receives French lines for stderr.
    public init(version: String, debounce: Double = 0.2, clock: @escaping () -> Double = monotonicSeconds,
                send: @escaping (JSONValue) -> Void, log: @escaping (String) -> Void) {
        self.version = version
        self.debounce = debounce
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
            // Check the whole workspace once, so that files not open show their problems too.
            for r in roots { invalidate(Scope(root: r, recursive: true)) }
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didClose": didClose(params)
        case "textDocument/didSave": didSave(params)
        case "workspace/didChangeWatchedFiles":
            for change in params["changes"]?.array ?? [] {
                guard let uri = change["uri"]?.string, let path = FileURI.path(of: uri) else { continue }
                let p = canonical(path)
                for s in activeScopes() where s.contains(p) { invalidate(s) }
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
        return (uri, canonical(path))
    }

    func didOpen(_ params: JSONValue) {
        guard let target = documentPath(params), let text = params["textDocument"]?["text"]?.string else {
            log("didOpen ignoré : paramètres invalides ou URI autre que file://")
            return
        }
        let path = target.path
        documents[path] = Document(uri: target.uri, version: params["textDocument"]?["version"]?.int ?? 0, text: Array(text.utf8))
        edited.insert(path)
        for s in activeScopes() where s.contains(path) { invalidate(s) }
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
        for s in activeScopes() where s.contains(path) { invalidate(s) }
    }

    func didClose(_ params: JSONValue) {
        guard let path = documentPath(params)?.path, documents[path] != nil else { return }
        let scopes = activeScopes().filter { $0.contains(path) }
        documents[path] = nil
        // The file on disk is now the truth (or, never saved, it is gone).
        for s in scopes { invalidate(s) }
        retireStaleScopes()
    }

    func didSave(_ params: JSONValue) {
        guard let path = documentPath(params)?.path else { return }
        if let text = params["text"]?.string, var doc = documents[path] {
            doc.text = Array(text.utf8)
            documents[path] = doc
        }
        for s in activeScopes() where s.contains(path) { invalidate(s) }
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

    /// Forgets the analysis of a scope and schedules the publication of its diagnostics.
    func invalidate(_ s: Scope) {
        if let a = analyses.removeValue(forKey: s) { staleAnalyses[s] = a }
        pendingScopes.insert(s)
        dueDate = clock() + debounce
    }

    /// Clears the diagnostics of files no active scope owns any more (a closed document
    /// outside the workspace, a removed workspace folder).
    func retireStaleScopes() {
        let active = activeScopes()
        for s in analyses.keys where !active.contains(s) { analyses[s] = nil }
        for s in staleAnalyses.keys where !active.contains(s) { staleAnalyses[s] = nil }
        for s in sourceSets.keys where !active.contains(s) { sourceSets[s] = nil }
        pendingScopes = pendingScopes.filter { active.contains($0) }
        for path in published.keys.sorted() where !active.contains(owner(of: path)) {
            publishDiagnostics(path: path, version: nil, [])
            published[path] = nil
        }
    }

    /// The check of a scope on the current texts, computed now if none is current.
    func analysis(_ s: Scope) -> Analysis {
        if let a = analyses[s] { return a }
        var overlays: [String: [UInt8]] = [:]
        var versions: [String: Int] = [:]
        for (path, doc) in documents where s.contains(path) {
            overlays[path] = doc.text
            versions[path] = doc.version
        }
        var options = CheckOptions.today(strict: strict)
        if let au { options.au = au }
        // One source set per scope, kept across checks: files whose text did not change are
        // not parsed nor built again.
        let sources: SourceSet
        if let known = sourceSets[s] {
            sources = known
        } else {
            sources = SourceSet(displayBase: FileSystem.realPath(s.root) ?? Paths.normalize(s.root), readsDisk: true)
            sourceSets[s] = sources
        }
        sources.setTexts(overlays)
        let result = Driver.check(workspace: sources.displayBase, sources: sources, recursive: s.recursive, options: options)
        let a = Analysis(scope: s, result: result, versions: versions)
        analyses[s] = a
        staleAnalyses[s] = nil
        return a
    }

    /// The analysis holding a document, with its file.
    func analysis(forPath path: String) -> (Analysis, CheckedFile)? {
        let a = analysis(owner(of: path))
        guard let f = a.files[path] else { return nil }
        return (a, f)
    }

    /// Runs the scheduled check if its quiet period is over, then publishes — unless
    /// `inputPending` says new messages are waiting: they may change the texts, so the
    /// result would be stale. The check is then kept (it is reused if the texts did not
    /// change) and the publication stays due, for the transport to call again.
    public func runDueWork(inputPending: () -> Bool) {
        guard let due = dueDate, clock() >= due else { return }
        for s in pendingScopes.sorted() {
            let a = analysis(s)
            if inputPending() { return }
            publish(a)
            pendingScopes.remove(s)
        }
        dueDate = nil
    }

    func publish(_ a: Analysis) {
        var byPath: [String: [JSONValue]] = [:]
        for path in a.files.keys where owner(of: path) == a.scope { byPath[path] = [] }
        for path in documents.keys where owner(of: path) == a.scope && byPath[path] == nil { byPath[path] = [] }
        for d in a.result.diagnostics {
            let path = d.span.flatMap { a.path(of: $0.file) } ?? a.result.realPaths[d.path]
            guard let path, owner(of: path) == a.scope else { continue }
            byPath[path, default: []].append(lspDiagnostic(d, a))
        }
        for path in published.keys where byPath[path] == nil && owner(of: path) == a.scope { byPath[path] = [] }
        for path in byPath.keys.sorted() {
            let diags = byPath[path]!
            let key = JSONSerializer.string(.array(diags))
            let forced = edited.contains(path)
            if !forced && key == (published[path] ?? "[]") { continue }
            publishDiagnostics(path: path, version: a.versions[path], diags)
            published[path] = diags.isEmpty ? nil : key
            edited.remove(path)
        }
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
