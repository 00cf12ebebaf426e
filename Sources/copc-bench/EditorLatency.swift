import CopcFrench
// Editor latency: from a `didChange` to the `publishDiagnostics` it causes, measured on the
// language server in-process, through the same message handler the stdio loop calls
// (JSON in, JSON out, framed), with the real clock and the default debounce delay.
import CopcSource
import CopcDriver
import CopcLSP
#if canImport(Glibc)
import Glibc
#endif

/// What one measured edit cost: the wait for the quiet period, then the check and publication.
struct EditTiming {
    /// Reading the message and applying the change to the document.
    var handled: Double
    /// From then to the start of the due check: the rest of the quiet period.
    var waited: Double
    /// The check of the workspace and the serialisation of the diagnostics.
    var checked: Double
    var total: Double { handled + waited + checked }
}

/// Keeps the serialised frames observable, so the optimiser cannot drop them.
nonisolated(unsafe) var latencySink = 0

final class LatencyProbe {
    let uri: String
    var publishedAt: Double?
    var published = 0

    init(uri: String) { self.uri = uri }
}

/// Drives a server on `root` and edits `path` `runs` times; each edit flips a trailing
/// ` x` on the first line, so every change is real and keeps the diagnostics as they are.
func measureEdits(root: String, path: String, runs: Int, fullText: Bool) -> (debounce: Double, timings: [EditTiming], diagnostics: Int)? {
    guard let text = try? FileSystem.read(path) else { return nil }
    let uri = FileURI.uri(of: path)
    let probe = LatencyProbe(uri: uri)
    var lastCount = 0
    let server = LanguageServer(version: "bench", send: { message in
        let framed = MessageFramer.frame(JSONSerializer.serialize(message))
        if message["method"]?.string == "textDocument/publishDiagnostics", message["params"]?["uri"]?.string == probe.uri {
            probe.publishedAt = monotonicSeconds()
            probe.published += 1
            lastCount = message["params"]?["diagnostics"]?.array?.count ?? 0
            latencySink &+= framed.count
        }
    }, log: { _ in })
    func handle(_ m: JSONValue) { server.handle(JSONSerializer.serialize(m)) }
    /// The stdio loop's timing, without the pipe: sleep until the check is due, run it.
    func settle() {
        while let due = server.dueDate {
            let wait = due - monotonicSeconds()
            if wait > 0 { usleep(useconds_t(wait * 1e6)) }
            server.runDueWork(inputPending: { false })
        }
    }
    handle(["jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": ["rootUri": .string(FileURI.uri(of: root)), "capabilities": [:], "initializationOptions": ["au": "2026-11-22"]]])
    handle(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
    handle(["jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": ["textDocument": ["uri": .string(uri), "languageId": "copc", "version": 1, "text": .string(String(decoding: text, as: UTF8.self))]]])
    settle()
    var current = text
    let firstLineEnd = current.firstIndex(of: 0x0A) ?? current.count
    let column = String(decoding: current[0..<firstLineEnd], as: UTF8.self).utf16.count
    var timings: [EditTiming] = []
    for k in 0..<runs {
        let adding = k % 2 == 0
        if adding {
            current.insert(contentsOf: Array(" x".utf8), at: firstLineEnd)
        } else {
            current.removeSubrange(firstLineEnd..<firstLineEnd + 2)
        }
        let change: JSONValue
        if fullText {
            change = ["text": .string(String(decoding: current, as: UTF8.self))]
        } else {
            let start: JSONValue = ["line": 0, "character": .int(column)]
            let end: JSONValue = ["line": 0, "character": .int(adding ? column : column + 2)]
            change = ["range": ["start": start, "end": end], "text": .string(adding ? " x" : "")]
        }
        let message: JSONValue = ["jsonrpc": "2.0", "method": "textDocument/didChange",
                                  "params": ["textDocument": ["uri": .string(uri), "version": .int(k + 2)], "contentChanges": [change]]]
        let body = JSONSerializer.serialize(message)
        probe.publishedAt = nil
        let t0 = monotonicSeconds()
        server.handle(body)
        let handledAt = monotonicSeconds()
        var checkStart = handledAt
        while let due = server.dueDate {
            let wait = due - monotonicSeconds()
            if wait > 0 { usleep(useconds_t(wait * 1e6)) }
            checkStart = monotonicSeconds()
            server.runDueWork(inputPending: { false })
        }
        guard let t1 = probe.publishedAt else { return nil }
        timings.append(EditTiming(handled: handledAt - t0, waited: checkStart - handledAt, checked: t1 - checkStart))
    }
    handle(["jsonrpc": "2.0", "id": 2, "method": "shutdown"])
    return (server.debounce, timings, lastCount)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : s[s.count / 2]
}

/// Prints the latency table: median and best of each part, in milliseconds. The parts add
/// up to the total: reading the change, the rest of the debounce delay, the check and the
/// publication.
func measureEditorLatency() {
    print("")
    print("copc-bench — latence de l'éditeur (copc lsp) : de didChange à publishDiagnostics, délai d'attente par défaut")
    print("")
    var cases: [(String, String, String, Int, Bool)] = []
    let real = "contracts/cog-canssm-2022-2024"
    if let root = FileSystem.realPath(real) {
        cases.append(("COG CANSSM + annuaire, incrémental", root, root + "/contrat.cop", 15, false))
    } else {
        print("(\(real) introuvable : lancer depuis la racine du dépôt pour mesurer le contrat réel)")
    }
    var template = Array("/tmp/copc-latence-XXXXXX".utf8CString)
    let dir: String? = template.withUnsafeMutableBufferPointer { buf in
        mkdtemp(buf.baseAddress!).map { String(cString: $0) }
    }
    if let dir {
        let path = dir + "/synthetique-1mo.cop"
        if (try? FileSystem.writeAtomically(path, synthetic(size: 1 << 20))) != nil {
            cases.append(("synthétique 1 Mo, incrémental", dir, path, 7, false))
            cases.append(("synthétique 1 Mo, texte complet", dir, path, 7, true))
        }
    }
    // A change to one file of a 500-file workspace (~10 MB): what the server re-reads,
    // re-checks and publishes for the whole folder.
    let workspace = writeWorkspace(files: 500, size: 20_000)
    cases.append(("espace de 500 fichiers, un modifié", workspace, workspace + "/contrat-0.cop", 7, false))
    print(pad("document", 36) + pad("message (ms)", 18) + pad("attente (ms)", 20) + pad("vérif. + publication (ms)", 28) + "total (ms)")
    for (name, root, path, runs, full) in cases {
        guard let (debounce, timings, count) = measureEdits(root: root, path: path, runs: runs, fullText: full) else {
            print(pad(name, 36) + "mesure impossible")
            continue
        }
        let handled = timings.map(\.handled), waited = timings.map(\.waited), checked = timings.map(\.checked), total = timings.map(\.total)
        func cell(_ xs: [Double]) -> String { fmt(median(xs) * 1000, 1) + " (min " + fmt((xs.min() ?? 0) * 1000, 1) + ")" }
        print(pad(name, 36) + pad(cell(handled), 18) + pad(cell(waited), 20) + pad(cell(checked), 28) + cell(total)
              + "   [délai \(French.clamped(debounce * 1000, to: 0...1_000_000)) ms, \(timings.count) essais, \(count) diagnostics]")
    }
    if let dir {
        unlink(dir + "/synthetique-1mo.cop")
        rmdir(dir)
    }
    removeWorkspace(workspace, files: 500)
}
