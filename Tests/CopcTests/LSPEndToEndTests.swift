import XCTest
import Foundation
import CopcDriver
import CopcLSP

/// The bytes a `copc lsp` process writes on stdout, split into frames as they arrive.
/// Anything on stdout that is not a `Content-Length` frame fails the test.
final class FrameInbox: @unchecked Sendable {
    let condition = NSCondition()
    var buffer = Data()
    var messages: [[String: Any]] = []
    var garbage: [String] = []
    var closed = false

    func feed(_ data: Data) {
        condition.lock()
        if data.isEmpty { closed = true }
        buffer.append(data)
        while let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) {
            let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
            guard header.hasPrefix("Content-Length: "), let n = Int(header.dropFirst(16)) else {
                garbage.append(header)
                buffer.removeAll()
                break
            }
            guard buffer.count - (headerEnd.upperBound - buffer.startIndex) >= n else { break }
            let body = buffer[headerEnd.upperBound..<headerEnd.upperBound + n]
            if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
                messages.append(object)
            } else {
                garbage.append(String(decoding: body, as: UTF8.self))
            }
            buffer = Data(buffer[(headerEnd.upperBound + n)...])
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Removes and returns the first message matching `predicate`, waiting up to `timeout`.
    func take(timeout: TimeInterval, _ predicate: ([String: Any]) -> Bool) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let k = messages.firstIndex(where: predicate) { return messages.remove(at: k) }
            if closed || !condition.wait(until: deadline) { return nil }
        }
    }
}

/// `copc lsp` run as a process, spoken to over pipes as an editor would.
final class LSPProcess {
    let process = Process()
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    let inbox = FrameInbox()
    let errors = FrameInbox()
    var nextId = 1

    init(binary: URL) throws {
        process.executableURL = binary
        process.arguments = ["lsp"]
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let inbox = self.inbox
        stdout.fileHandleForReading.readabilityHandler = { inbox.feed($0.availableData) }
        let errText = self.errors
        stderr.fileHandleForReading.readabilityHandler = { h in
            let d = h.availableData
            errText.condition.lock()
            errText.buffer.append(d)
            errText.condition.unlock()
        }
        try process.run()
    }

    var stderrText: String {
        errors.condition.lock()
        defer { errors.condition.unlock() }
        return String(decoding: errors.buffer, as: UTF8.self)
    }

    func write(_ bytes: Data) { stdin.fileHandleForWriting.write(bytes) }

    func frame(_ object: [String: Any]) -> Data {
        let body = try! JSONSerialization.data(withJSONObject: object)
        return Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    func notify(_ method: String, _ params: [String: Any]) {
        write(frame(["jsonrpc": "2.0", "method": method, "params": params]))
    }

    /// Sends a request and waits for its response.
    func request(_ method: String, _ params: Any) -> [String: Any]? {
        let id = nextId
        nextId += 1
        write(frame(["jsonrpc": "2.0", "id": id, "method": method, "params": params]))
        return response(id)
    }

    func response(_ id: Int, timeout: TimeInterval = 20) -> [String: Any]? {
        inbox.take(timeout: timeout) { ($0["id"] as? Int) == id }
    }

    func diagnostics(uri: String, version: Int? = nil, timeout: TimeInterval = 20) -> [[String: Any]]? {
        let m = inbox.take(timeout: timeout) { m in
            guard m["method"] as? String == "textDocument/publishDiagnostics", let p = m["params"] as? [String: Any],
                  p["uri"] as? String == uri else { return false }
            return version == nil || p["version"] as? Int == version
        }
        return (m?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]]
    }

    /// Waits for the process to end; kills it and returns nil after `timeout`.
    func waitForExit(timeout: TimeInterval = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }
}

/// The built `copc lsp`, started as a process and driven over stdio: the whole protocol
/// path an editor uses, from framing to exit status.
final class LSPEndToEndTests: XCTestCase {
    var binary: URL { builtCopc }

    func start(root: String) throws -> LSPProcess {
        let p = try LSPProcess(binary: binary)
        let r = p.request("initialize", ["processId": NSNull(), "rootUri": FileURI.uri(of: root),
                                         "capabilities": ["textDocument": ["documentSymbol": ["hierarchicalDocumentSymbolSupport": true]]],
                                         "initializationOptions": ["au": "2026-11-22"]])
        XCTAssertNotNil((r?["result"] as? [String: Any])?["capabilities"], "\(String(describing: r))")
        p.notify("initialized", [:])
        return p
    }

    func position(_ uri: String, _ line: Int, _ character: Int) -> [String: Any] {
        ["textDocument": ["uri": uri], "position": ["line": line, "character": character]]
    }

    func testEditorSession() throws {
        let root = try LSPFixture.folder()
        let p = try start(root: root)
        let uri = FileURI.uri(of: root + "/contrat.cop")

        // Open with a defect: diagnostics are published.
        let broken = LSPFixture.contract.replacingOccurrences(of: "fin 2022", with: "fin 2030")
        p.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "copc", "version": 1, "text": broken]])
        let opened = try XCTUnwrap(p.diagnostics(uri: uri, version: 1))
        XCTAssertEqual(opened.map { $0["code"] as? String }, ["COP300"])
        XCTAssertEqual(opened.first?["source"] as? String, "copc")
        XCTAssertEqual(((opened.first?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int, 9)

        // Three edits in one burst: one publication, for the last version.
        var burst = Data()
        for (version, year) in [(2, "2031"), (3, "2032"), (4, "2022")] {
            let range = ["start": ["line": 9, "character": 14], "end": ["line": 9, "character": 18]]
            burst += p.frame(["jsonrpc": "2.0", "method": "textDocument/didChange",
                              "params": ["textDocument": ["uri": uri, "version": version],
                                         "contentChanges": [["range": range, "text": year]]]])
        }
        p.write(burst)
        XCTAssertEqual(p.diagnostics(uri: uri, version: 4)?.count, 0, "fixed: an empty list")
        XCTAssertNil(p.inbox.take(timeout: 0.5) { ($0["params"] as? [String: Any])?["version"] as? Int == 2 || ($0["params"] as? [String: Any])?["version"] as? Int == 3 },
                     "intermediate versions are not published")

        // Hover, definition across files, symbols, completion.
        let hover = p.request("textDocument/hover", position(uri, 7, 12))?["result"] as? [String: Any]
        XCTAssertTrue(((hover?["contents"] as? [String: Any])?["value"] as? String)?.contains("Direction générale de l'offre de soins") == true, "\(String(describing: hover))")
        let definition = p.request("textDocument/definition", position(uri, 7, 12))?["result"] as? [String: Any]
        XCTAssertEqual(definition?["uri"] as? String, FileURI.uri(of: root + "/annuaire.cop"))
        XCTAssertEqual(((definition?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int, 1)
        let symbols = p.request("textDocument/documentSymbol", ["textDocument": ["uri": uri]])?["result"] as? [[String: Any]]
        XCTAssertEqual(symbols?.first?["name"] as? String, "contrat C1")
        XCTAssertEqual((symbols?.first?["children"] as? [[String: Any]])?.first?["name"] as? String, "axe 1")
        let completion = p.request("textDocument/completion", position(uri, 7, 11))?["result"] as? [String: Any]
        let labels = (completion?["items"] as? [[String: Any]])?.compactMap { $0["label"] as? String }
        XCTAssertEqual(labels, ["DGOS", "DSS", "à déterminer"])

        let formatting = p.request("textDocument/formatting", ["textDocument": ["uri": uri], "options": ["tabSize": 2, "insertSpaces": true]])
        let edits = try XCTUnwrap(formatting?["result"] as? [[String: Any]])
        XCTAssertEqual(edits.count, 1)
        XCTAssertTrue((edits.first?["newText"] as? String)?.hasPrefix("contrat C1 « Contrat d'essai »\n  utilise « annuaire.cop »\n") == true)

        // Malformed input: answered or skipped, and the server keeps serving.
        p.write(Data("Salut, serveur !\r\n\r\n".utf8))
        p.write(Data("Content-Length: 12\r\n\r\n{pas du json".utf8))
        p.write(Data("Content-Length: 5\r\n\r\n[1,2]".utf8))
        let deep = Data(String(repeating: "[", count: 100_000).utf8)
        p.write(Data("Content-Length: \(deep.count)\r\n\r\n".utf8) + deep)
        XCTAssertEqual(((p.inbox.take(timeout: 20) { ($0["error"] as? [String: Any])?["code"] as? Int == ErrorCode.parseError })?["error"] as? [String: Any])?["code"] as? Int, -32700)
        XCTAssertNotNil(p.inbox.take(timeout: 20) { ($0["error"] as? [String: Any])?["code"] as? Int == ErrorCode.invalidRequest }, "a JSON array is not a request")
        XCTAssertNotNil(p.inbox.take(timeout: 20) { ($0["error"] as? [String: Any])?["code"] as? Int == ErrorCode.parseError }, "too deep")
        let unknown = p.request("copc/inconnu", [:])
        XCTAssertEqual((unknown?["error"] as? [String: Any])?["code"] as? Int, ErrorCode.methodNotFound)
        let still = p.request("textDocument/hover", position(uri, 6, 10))?["result"] as? [String: Any]
        XCTAssertTrue(((still?["contents"] as? [String: Any])?["value"] as? String)?.contains("objectif 1.1") == true, "still serving")

        // Shutdown, then exit: status 0, and nothing but frames on stdout.
        let shutdown = try XCTUnwrap(p.request("shutdown", NSNull()))
        XCTAssertTrue(shutdown.keys.contains("result") && shutdown["error"] == nil)
        p.notify("exit", [:])
        XCTAssertEqual(p.waitForExit(), 0)
        XCTAssertEqual(p.inbox.garbage, [], "stdout carries only protocol frames")
        XCTAssertTrue(p.stderrText.contains("copc lsp : "), "the log goes to stderr")
        XCTAssertFalse(p.stderrText.contains("Fatal error"))
    }

    func testExitWithoutShutdownIsStatusOne() throws {
        let p = try start(root: try LSPFixture.folder())
        p.notify("exit", [:])
        XCTAssertEqual(p.waitForExit(), 1)
    }

    func testEndOfInputEndsTheServer() throws {
        let p = try start(root: try LSPFixture.folder())
        p.stdin.fileHandleForWriting.closeFile()
        XCTAssertEqual(p.waitForExit(), 1, "the client vanished without shutdown")

        let q = try start(root: try LSPFixture.folder())
        XCTAssertNotNil(q.request("shutdown", NSNull()))
        q.write(Data("Content-Length: 40\r\n\r\n{\"jsonrpc\"".utf8)) // cut mid-message
        q.stdin.fileHandleForWriting.closeFile()
        XCTAssertEqual(q.waitForExit(), 0, "shutdown was received")
        XCTAssertFalse(q.stderrText.contains("Fatal error"))
    }

    func testHelpAndArguments() throws {
        func run(_ args: [String]) throws -> (Int32, String, String) {
            let p = Process()
            p.executableURL = binary
            p.arguments = args
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let (status, help, _) = try run(["lsp", "--help"])
        XCTAssertEqual(status, 0)
        XCTAssertTrue(help.contains("Usage : copc lsp"))
        let (bad, out, err) = try run(["lsp", "--tcp"])
        XCTAssertEqual(bad, 2)
        XCTAssertTrue(out.isEmpty && err.hasPrefix("copc : "), err)
        // `--stdio`, which clients pass by habit, is accepted; end of input right away: status 1.
        XCTAssertEqual(try run(["lsp", "--stdio"]).0, 1)
        XCTAssertTrue(try run(["--help"]).1.contains("copc lsp"))
    }
}
