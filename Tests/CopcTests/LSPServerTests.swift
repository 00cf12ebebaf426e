import XCTest
import Foundation
import CopcDriver
import CopcFormat
import CopcSema
@testable import CopcLSP

/// A workspace of three files used by the language-server tests: an annuaire, a contract
/// that imports it, and an avenant. Checked clean at the test date.
enum LSPFixture {
    static let annuaire = """
    annuaire ANN « Annuaire des référents »
    référent DGOS « Direction générale de l'offre de soins »
      personne : « Jeanne Martin »
    référent DSS « Direction de la sécurité sociale »
    plan SDSI « Schéma directeur des systèmes d'information »
      période : 2022 .. 2023

    """
    // Line numbers (0-based) are used by the tests: pilote at 7, délai at 9, étape at 10,
    // indicateur 1.1.a at 11, its pending targets at 14, the `dans` placement at 15.
    static let contract = """
    contrat C1 « Contrat d'essai »
      utilise « annuaire.cop »
      type : COP
      période : 2021 .. 2023
      signé le : 2021-03-12
    axe 1 « Axe 🎯 premier »
    objectif 1.1 « Objectif »
      pilote : DGOS
    action 1.1.1 « Action »
      délai : fin 2022
      étape « Cadrer » : selon SDSI
    indicateur 1.1.a « Indicateur »
      unité : %
      cible 2021 : 40 %
      cible 2022 .. 2023 : à fixer par avenant
    indicateur 1.1.b « Indicateur b » dans objectif 1.1
      unité : %
      cible 2021 .. 2023 : 50 %

    """
    static let avenant = """
    avenant 1 au contrat C1 « Fixation des cibles »
      signé le : 2021-06-30
    modifier indicateur 1.1.a
      cible 2022 : 50 %
      cible 2023 : 60 %
    ajouter action 1.1.2 « Nouvelle action » dans objectif 1.1
      délai : 2023

    """

    /// A fresh folder holding the three files; returns its real path.
    static func folder(_ extra: [String: String] = [:]) throws -> String {
        let dir = scratchRoot + "copc-lsp-\(UUID().uuidString)"
        let files = ["annuaire.cop": annuaire, "contrat.cop": contract, "avenant-1.cop": avenant].merging(extra) { _, b in b }
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return FileSystem.realPath(dir)!
    }
}

/// Drives a `LanguageServer` in-process with a manual clock and records what it sends.
final class ServerHarness {
    final class Box {
        var now = 0.0
        var sent: [JSONValue] = []
        var logs: [String] = []
    }
    let box = Box()
    let server: LanguageServer
    let root: String
    var nextId = 1

    /// `watchesFiles`: the client offers to watch files for the server (dynamic registration of
    /// `workspace/didChangeWatchedFiles`), as Neovim 0.11 with inotify or Eglot do.
    init(root: String, hierarchical: Bool = true, initialize: Bool = true, watchesFiles: Bool = false) {
        self.root = root
        let box = self.box
        server = LanguageServer(version: "essai", debounce: 0.2, clock: { box.now },
                                send: { box.sent.append($0) }, log: { box.logs.append($0) })
        if initialize {
            let r = request("initialize", ["rootUri": .string(FileURI.uri(of: root)),
                                           "capabilities": ["textDocument": ["documentSymbol": ["hierarchicalDocumentSymbolSupport": .bool(hierarchical)]],
                                                            "workspace": ["didChangeWatchedFiles": ["dynamicRegistration": .bool(watchesFiles)]]],
                                           "initializationOptions": ["au": "2026-11-22"]])
            XCTAssertNotNil(r["result"]?["capabilities"])
            notify("initialized", [:])
        }
    }

    func uri(_ name: String) -> String { FileURI.uri(of: root + "/" + name) }

    /// Sends a request and returns the whole response message.
    @discardableResult
    func request(_ method: String, _ params: JSONValue) -> JSONValue {
        let id = nextId
        nextId += 1
        server.handle(message: ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return box.sent.last { $0["id"] == .int(id) } ?? .null
    }

    func notify(_ method: String, _ params: JSONValue) {
        server.handle(message: ["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    func open(_ name: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri(name)), "languageId": "copc", "version": .int(version), "text": .string(text)]])
    }

    func change(_ name: String, version: Int, _ text: String) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri(name)), "version": .int(version)],
                                          "contentChanges": [["text": .string(text)]]])
    }

    func edit(_ name: String, version: Int, line: Int, from: Int, to: Int, _ text: String) {
        let range: JSONValue = ["start": ["line": .int(line), "character": .int(from)], "end": ["line": .int(line), "character": .int(to)]]
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri(name)), "version": .int(version)],
                                          "contentChanges": [["range": range, "text": .string(text)]]])
    }

    /// Lets `seconds` pass and runs the due work; returns the diagnostics published meanwhile.
    @discardableResult
    func wait(_ seconds: Double = 1, inputPending: Bool = false) -> [JSONValue] {
        let before = box.sent.count
        box.now += seconds
        server.runDueWork(inputPending: { inputPending })
        return box.sent[before...].filter { $0["method"] == "textDocument/publishDiagnostics" }
    }

    func position(_ name: String, _ line: Int, _ character: Int) -> JSONValue {
        ["textDocument": ["uri": .string(uri(name))], "position": ["line": .int(line), "character": .int(character)]]
    }

    /// The result of a request at a position.
    func at(_ method: String, _ name: String, _ line: Int, _ character: Int) -> JSONValue {
        request(method, position(name, line, character))["result"] ?? .null
    }
}

extension Array where Element == JSONValue {
    func published(for uri: String) -> [JSONValue]? {
        last { $0["params"]?["uri"]?.string == uri }?["params"]?["diagnostics"]?.array
    }

    func codes(for uri: String) -> [String]? {
        published(for: uri)?.compactMap { $0["code"]?.string }
    }
}

final class LSPServerTests: XCTestCase {
    // MARK: diagnostics

    func testDiagnosticsOnOpenThenDebouncedAfterChanges() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.wait()
        h.open("contrat.cop", LSPFixture.contract)
        XCTAssertEqual(h.wait(0.05), [], "nothing before the quiet period")
        let first = h.wait()
        XCTAssertEqual(first.codes(for: h.uri("contrat.cop")), [], "an opened clean file gets an explicit empty list")
        XCTAssertEqual(first.last?["params"]?["version"], 1)

        // Three quick edits: one check, one publication, for the last version.
        h.edit("contrat.cop", version: 2, line: 9, from: 14, to: 18, "2030")
        h.box.now += 0.1
        h.edit("contrat.cop", version: 3, line: 9, from: 14, to: 18, "2031")
        h.box.now += 0.1
        h.edit("contrat.cop", version: 4, line: 9, from: 14, to: 18, "2032")
        XCTAssertEqual(h.wait(0.15), [], "the quiet period restarts at each change")
        let after = h.wait(0.1)
        XCTAssertEqual(after.count, 1)
        XCTAssertEqual(after[0]["params"]?["version"], 4)
        let d = try XCTUnwrap(after.published(for: h.uri("contrat.cop"))?.first)
        XCTAssertEqual(d["code"], "COP300")
        XCTAssertEqual(d["source"], "copc")
        XCTAssertEqual(d["severity"], 1)
        XCTAssertTrue(d["message"]?.string?.contains("fin 2032") == true, "\(d)")
        XCTAssertEqual(d["range"], ["start": ["line": 9, "character": 10], "end": ["line": 9, "character": 18]])
        XCTAssertEqual(d["relatedInformation"]?.array?.first?["location"]?["range"]?["start"], ["line": 3, "character": 2])
        XCTAssertEqual(d["relatedInformation"]?.array?.first?["message"], "période du contrat déclarée ici")

        // Fixed: the file's diagnostics are cleared with an empty list.
        h.edit("contrat.cop", version: 5, line: 9, from: 14, to: 18, "2022")
        XCTAssertEqual(h.wait().codes(for: h.uri("contrat.cop")), [])
    }

    func testStaleCheckIsNotPublishedWhileInputIsPending() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.open("contrat.cop", LSPFixture.contract)
        XCTAssertEqual(h.wait(1, inputPending: true), [], "new input may change the text: drop the result")
        XCTAssertNotNil(h.server.dueDate, "the publication stays due")
        XCTAssertEqual(h.wait(0, inputPending: false).count, 1)
        XCTAssertNil(h.server.dueDate)
    }

    /// Only open documents and the files of their contracts get diagnostics (issue 23): a
    /// broken file nobody opened says nothing, until it is opened.
    func testOnlyOpenDocumentsAndTheirContractsArePublished() throws {
        let h = ServerHarness(root: try LSPFixture.folder(["autre.cop": "contrat C9 « x »\n  période : 2021 .. 2022\nsous-objectif « a »\n",
                                                          "avenant-1.cop": LSPFixture.avenant + "modifier indicateur 9.9.z\n  unité : %\n"]))
        XCTAssertEqual(h.wait(), [], "nothing open: nothing checked, nothing published")
        h.open("contrat.cop", LSPFixture.contract)
        let first = h.wait()
        XCTAssertEqual(first.codes(for: h.uri("contrat.cop")), [])
        XCTAssertEqual(first.codes(for: h.uri("avenant-1.cop")), ["COP205"], "the avenant of the open contract")
        XCTAssertNil(first.published(for: h.uri("autre.cop")), "another contract, not open")
        XCTAssertNil(first.published(for: h.uri("annuaire.cop")), "no diagnostic in the annuaire: nothing to say")
        h.open("autre.cop", "contrat C9 « x »\n  période : 2021 .. 2022\nsous-objectif « a »\n")
        let next = h.wait()
        XCTAssertEqual(next.codes(for: h.uri("autre.cop")), ["COP105"])
        XCTAssertNil(next.published(for: h.uri("avenant-1.cop")), "same diagnostics: not sent again")
        // Closed: its diagnostics are withdrawn, the avenant's stay while the contract is open.
        h.notify("textDocument/didClose", ["textDocument": ["uri": .string(h.uri("autre.cop"))]])
        XCTAssertEqual(h.wait().codes(for: h.uri("autre.cop")), [])
        h.notify("textDocument/didClose", ["textDocument": ["uri": .string(h.uri("contrat.cop"))]])
        let closed = h.wait()
        XCTAssertEqual(closed.codes(for: h.uri("avenant-1.cop")), [], "no open document of that contract any more")
        XCTAssertNil(closed.published(for: h.uri("contrat.cop")), "it had none")
    }

    /// Which files belong to a contract follows the command line's rule: the nearest
    /// declaration. A test fixture below the same root that declares the same contract is not
    /// a duplicate (COP200) for it, and a bilan is judged against its own contract (no COP600
    /// nor COP209), as in a clone of copc's own repository.
    func testTheNearestDeclarationMakesTheContract() throws {
        let bilan = LSPServerTests.bilan
        let root = try LSPFixture.folder(["copc.toml": "", "contrats/c1/contrat.cop": LSPFixture.contract,
                                          "contrats/c1/annuaire.cop": LSPFixture.annuaire,
                                          "contrats/c1/avenant-1.cop": LSPFixture.avenant,
                                          "contrats/c1/bilan-2022.cop": bilan,
                                          "Tests/cas/contrat.cop": "contrat C1 « Doublon d'essai »\n  période : 2021 .. 2022\n",
                                          "Tests/cas/avenant-1.cop": "avenant 1 au contrat C1 « x »\n  signé le : 2021-06-30\nmodifier indicateur 7.7.z\n  unité : %\n"])
        let h = ServerHarness(root: root)
        h.open("contrats/c1/contrat.cop", LSPFixture.contract)
        let published = h.wait()
        XCTAssertEqual(published.codes(for: h.uri("contrats/c1/contrat.cop")), [], "no COP200 for the fixture")
        // The bilan of the contract, judged against it: 1.1.a below its target, 1.1.1 late.
        XCTAssertEqual(published.codes(for: h.uri("contrats/c1/bilan-2022.cop")), ["COP603", "COP604"])
        for other in ["Tests/cas/contrat.cop", "Tests/cas/avenant-1.cop", "contrat.cop", "avenant-1.cop"] {
            XCTAssertNil(published.published(for: h.uri(other)), other)
        }
        h.open("contrats/c1/bilan-2022.cop", bilan)
        XCTAssertEqual(h.wait().codes(for: h.uri("contrats/c1/bilan-2022.cop")), ["COP603", "COP604"], "no COP209, no COP600")
        // The fixture opened: its own contract, with its own avenant's defect.
        h.open("Tests/cas/avenant-1.cop", "avenant 1 au contrat C1 « x »\n  signé le : 2021-06-30\nmodifier indicateur 7.7.z\n  unité : %\n")
        XCTAssertEqual(h.wait().codes(for: h.uri("Tests/cas/avenant-1.cop")), ["COP205"])
    }

    /// An avenant whose contract is unknown is checked with the contracts of its folder: its
    /// COP209 suggests the id meant, as a check of the folder does.
    func testAnOrphanAvenantGetsASuggestion() throws {
        let avenant = "avenant 2 au contrat C7 « Deux »\n  signé le : 2022-01-10\nmodifier indicateur 1.1.b\n  cible 2023 : 55 %\n"
        let h = ServerHarness(root: try LSPFixture.folder(["avenant-2.cop": avenant]))
        h.open("avenant-2.cop", avenant)
        let d = try XCTUnwrap(h.wait().published(for: h.uri("avenant-2.cop"))?.first)
        XCTAssertEqual(d["code"], "COP209")
        XCTAssertEqual(d["message"]?.string, "contrat inconnu « C7 » ; vouliez-vous dire « C1 » ?")
    }

    /// The editor's contract is the command line's (`Membership`, `copc.toml`): two
    /// declarations in one folder are a duplicate (COP200), a folder `exclure` names is not read
    /// (its avenant neither applied nor published), and a `copc.toml` that cannot be read as
    /// configuration is reported on itself (COP003), its exclusions gone.
    func testDuplicatesAndExclusionsAsOnTheCommandLine() throws {
        let stray = "avenant 2 au contrat C1 « Essai »\n  signé le : 2021-07-01\nmodifier indicateur 7.7.z\n  unité : %\n"
        let root = try LSPFixture.folder(["copc.toml": "exclure = [\"essais\"]\n",
                                          "copie.cop": "contrat C1 « Copie »\n  période : 2021 .. 2023\n",
                                          "essais/avenant-2.cop": stray])
        let h = ServerHarness(root: root, watchesFiles: true)
        h.open("contrat.cop", LSPFixture.contract)
        let published = h.wait()
        XCTAssertEqual(published.codes(for: h.uri("contrat.cop")), [])
        XCTAssertEqual(published.codes(for: h.uri("copie.cop")), ["COP200"], "the second declaration of C1 in the folder")
        XCTAssertNil(published.published(for: h.uri("essais/avenant-2.cop")), "excluded: not part of the contract")
        XCTAssertNil(published.published(for: h.uri("copc.toml")))
        // The same files as `copc check contrat.cop`.
        let cli = try Driver.check(paths: [root + "/contrat.cop"], options: CheckOptions(au: testDate))
        let expected: Set<String> = [root + "/contrat.cop", root + "/copie.cop", root + "/avenant-1.cop", root + "/annuaire.cop"]
        XCTAssertEqual(Set(cli.files.map(\.realPath)), expected)
        // A mistyped key: COP003 on copc.toml, and nothing is excluded any more.
        try "exlure = [\"essais\"]\n".write(toFile: root + "/copc.toml", atomically: true, encoding: .utf8)
        h.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(h.uri("copc.toml")), "type": 2]]])
        let after = h.wait(0)
        XCTAssertEqual(after.codes(for: h.uri("copc.toml")), ["COP003"])
        XCTAssertEqual(after.codes(for: h.uri("essais/avenant-2.cop")), ["COP205"], "below the contract's folder, now read")
    }

    /// A marker that belongs to someone else is passed over in the editor as on the command line
    /// (`WorkspaceTrust`), and reported there (COP004): the root is then the folder the drafter
    /// opened, whose annuaire the contract may import. Trusted, the same marker makes its folder
    /// the root, and the annuaire above is out of the workspace (COP206).
    func testAnUntrustedMarkerIsPassedOverInTheEditor() throws {
        let contract = LSPFixture.contract.replacingOccurrences(of: "utilise « annuaire.cop »", with: "utilise « ../annuaire.cop »")
        let root = try LSPFixture.folder(["contrat.cop": "", "avenant-1.cop": "", "sous/copc.toml": "", "sous/contrat.cop": contract])
        let stranger = ServerHarness(root: root)
        if geteuid() == 0 {
            XCTAssertEqual(chown(root + "/sous/copc.toml", 4242, 4242), 0)
        } else {
            stranger.server.trust = WorkspaceTrust(user: 4242)
        }
        stranger.open("sous/contrat.cop", contract)
        let published = stranger.wait()
        XCTAssertEqual(published.codes(for: stranger.uri("sous/contrat.cop")), ["COP303"],
                       "its targets left to an avenant, nothing about the annuaire above: it is in the workspace")
        XCTAssertEqual(published.codes(for: stranger.uri("sous/copc.toml")), ["COP004"])
        if geteuid() == 0 { XCTAssertEqual(chown(root + "/sous/copc.toml", 0, 0), 0) }
        let trusted = ServerHarness(root: root)
        trusted.open("sous/contrat.cop", contract)
        let codes = trusted.wait().codes(for: trusted.uri("sous/contrat.cop"))
        XCTAssertEqual(codes?.first, "COP206", "the marker makes sous/ the root")
    }

    /// A check whose `utilise` found nothing is made again when the file appears, on disk or
    /// opened unsaved, though the contract's files are the same.
    func testAnImportThatAppearsIsSeen() throws {
        let contract = LSPFixture.contract.replacingOccurrences(of: "utilise « annuaire.cop »", with: "utilise « annuaires/ann.cop »")
        let root = try LSPFixture.folder(["contrat.cop": contract])
        let h = ServerHarness(root: root, watchesFiles: true)
        h.open("contrat.cop", contract)
        XCTAssertEqual(h.wait().codes(for: h.uri("contrat.cop"))?.first, "COP206")
        try FileManager.default.createDirectory(atPath: root + "/annuaires", withIntermediateDirectories: true)
        try LSPFixture.annuaire.write(toFile: root + "/annuaires/ann.cop", atomically: true, encoding: .utf8)
        h.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(h.uri("annuaires/ann.cop")), "type": 1]]])
        XCTAssertEqual(h.wait(0).codes(for: h.uri("contrat.cop")), [], "found on disk")
        try FileManager.default.removeItem(atPath: root + "/annuaires/ann.cop")
        h.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(h.uri("annuaires/ann.cop")), "type": 3]]])
        XCTAssertEqual(h.wait(0).codes(for: h.uri("contrat.cop"))?.first, "COP206", "gone")
        h.open("annuaires/ann.cop", LSPFixture.annuaire)
        XCTAssertEqual(h.wait().codes(for: h.uri("contrat.cop")), [], "opened, not saved")
    }

    func testAnnuaireChangeRechecksTheContractThatUsesIt() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.wait()
        h.open("annuaire.cop", LSPFixture.annuaire)
        h.wait()
        // Rename DGOS in the unsaved annuaire: the contract (not open) loses its pilot.
        h.edit("annuaire.cop", version: 2, line: 1, from: 9, to: 13, "DGOZ")
        let published = h.wait()
        XCTAssertEqual(published.codes(for: h.uri("contrat.cop")), ["COP201"])
        XCTAssertEqual(published.published(for: h.uri("contrat.cop"))?.first?["range"]?["start"], ["line": 7, "character": 11])
        XCTAssertTrue(published.published(for: h.uri("contrat.cop"))?.first?["message"]?.string?.contains("DGOZ") == true)
        h.edit("annuaire.cop", version: 3, line: 1, from: 9, to: 13, "DGOS")
        XCTAssertEqual(h.wait().codes(for: h.uri("contrat.cop")), [], "cleared when the referent is back")
    }

    /// A file whose first element cannot be decoded (COP001: Windows-1252) goes with every open
    /// document whose context examined it, as with `copc check FICHIER` — the same code,
    /// `ContextFinder.files(of:root:)`: an avenant in Windows-1252 in the contract's subfolder is
    /// checked and published with the open contract; a contract in Windows-1252 above two
    /// avenants in their own folders is in both their contexts, though its header is read once
    /// for both. Near miss: such a file outside the contract's folders is in no context.
    func testUndecodableFilesJoinTheContextsThatExaminedThem() throws {
        func latin1(_ text: String) -> Data { Data(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }) }
        let latinAvenant = latin1("avenant 2 au contrat C1 « Délai repoussé »\n  signé le : 2022-01-10\nmodifier action 1.1.1\n  délai : fin 2023\n")
        let root = try LSPFixture.folder(["copc.toml": ""])
        try FileManager.default.createDirectory(atPath: root + "/avenants", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root + "/avenants/a2.cop", contents: latinAvenant)
        let h = ServerHarness(root: root)
        h.open("contrat.cop", LSPFixture.contract)
        let published = h.wait()
        XCTAssertEqual(published.codes(for: h.uri("contrat.cop")), [])
        XCTAssertEqual(published.codes(for: h.uri("avenants/a2.cop")), ["COP001"], "the undecodable avenant of the open contract")
        XCTAssertEqual(published.published(for: h.uri("avenants/a2.cop"))?.first?["message"]?.string?.hasPrefix("fichier en Windows-1252 ?"), true)
        // The files of the editor's context are those of the command line's (the annuaire it
        // imports is read through `utilise` by both, not listed in the context).
        let sources = SourceSet(displayBase: root, readsDisk: true)
        let context = try XCTUnwrap(Driver.contexts(of: [EditorDocument(path: root + "/contrat.cop", workspaceFolder: root)], sources: sources).first)
        let cli = try Driver.check(paths: [root + "/contrat.cop"], options: CheckOptions(au: testDate))
        XCTAssertEqual(Set(context.files), Set(cli.files.filter { $0.model.kind != .annuaire }.map(\.realPath)))
        XCTAssertEqual(Set(cli.files.map(\.realPath)).subtracting(context.files), [root + "/annuaire.cop"])
        XCTAssertTrue(context.files.contains(root + "/avenants/a2.cop"))

        // Above two avenants, each in its folder: the undecodable contract is in both contexts.
        let above = try LSPFixture.folder(["copc.toml": "", "contrat.cop": "", "avenant-1.cop": "",
                                           "un/avenant-1.cop": LSPFixture.avenant,
                                           "deux/avenant-3.cop": "avenant 3 au contrat C1 « Trois »\n  signé le : 2023-01-10\nmodifier action 1.1.1\n  délai : fin 2023\n"])
        try FileManager.default.removeItem(atPath: above + "/avenant-1.cop")
        _ = FileManager.default.createFile(atPath: above + "/contrat.cop", contents: latin1(LSPFixture.contract))
        let both = Driver.contexts(of: [EditorDocument(path: above + "/un/avenant-1.cop", workspaceFolder: above),
                                        EditorDocument(path: above + "/deux/avenant-3.cop", workspaceFolder: above)],
                                   sources: SourceSet(displayBase: above, readsDisk: true))
        XCTAssertEqual(both.map(\.files), [[above + "/un/avenant-1.cop", above + "/contrat.cop"],
                                            [above + "/deux/avenant-3.cop", above + "/contrat.cop"]])
        let editor = ServerHarness(root: above)
        editor.open("deux/avenant-3.cop", "avenant 3 au contrat C1 « Trois »\n  signé le : 2023-01-10\nmodifier action 1.1.1\n  délai : fin 2023\n")
        let shown = editor.wait()
        XCTAssertEqual(shown.codes(for: editor.uri("contrat.cop")), ["COP001"])
        XCTAssertEqual(shown.codes(for: editor.uri("deux/avenant-3.cop")), ["COP209"], "its contract could not be read")

        // Near miss: an undecodable file in a folder beside the contract's is not examined.
        let near = try LSPFixture.folder(["copc.toml": "", "contrat.cop": "", "avenant-1.cop": "", "annuaire.cop": "",
                                          "contrat/contrat.cop": LSPFixture.contract, "contrat/avenant-1.cop": LSPFixture.avenant,
                                          "contrat/annuaire.cop": LSPFixture.annuaire])
        for name in ["contrat.cop", "avenant-1.cop", "annuaire.cop"] { try FileManager.default.removeItem(atPath: near + "/" + name) }
        try FileManager.default.createDirectory(atPath: near + "/archives", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: near + "/archives/ancien.cop", contents: latinAvenant)
        let apart = ServerHarness(root: near)
        apart.open("contrat/contrat.cop", LSPFixture.contract)
        let quiet = apart.wait()
        XCTAssertEqual(quiet.codes(for: apart.uri("contrat/contrat.cop")), [])
        XCTAssertNil(quiet.published(for: apart.uri("archives/ancien.cop")))
    }

    func testAvenantIsCheckedWithItsContract() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.wait()
        h.open("contrat.cop", LSPFixture.contract)
        h.open("avenant-1.cop", LSPFixture.avenant)
        h.wait()
        // The contract renames its indicator: the avenant now modifies nothing.
        h.edit("contrat.cop", version: 2, line: 11, from: 15, to: 16, "z")
        let published = h.wait()
        XCTAssertEqual(published.codes(for: h.uri("avenant-1.cop")), ["COP205"])
        XCTAssertEqual(published.published(for: h.uri("avenant-1.cop"))?.first?["range"]?["start"]?["line"], 2)
    }

    func testPositionsAreUTF16WithEmoji() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        // `dans axe 9` after a title holding an emoji (two UTF-16 units, one scalar): the
        // range of the COP105 on the placement is in UTF-16 units, as LSP counts.
        let line = "objectif 1.2 « 🎯 Suite » dans axe 9"
        let text = LSPFixture.contract + line + "\n"
        h.open("contrat.cop", text)
        let d = try XCTUnwrap(h.wait().published(for: h.uri("contrat.cop"))?.first { $0["code"] == "COP105" })
        let prefix = String(line[..<line.range(of: "dans")!.lowerBound])
        XCTAssertEqual(prefix.utf16.count, prefix.unicodeScalars.count + 1, "the emoji is two UTF-16 units")
        XCTAssertEqual(d["range"]?["start"], ["line": 18, "character": .int(prefix.utf16.count)])
        XCTAssertEqual(d["range"]?["end"], ["line": 18, "character": .int(line.utf16.count)])
    }

    func testNotesBecomeRelatedInformationAcrossFiles() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        // DSS declared again in the contract: COP200 points at the annuaire's declaration.
        h.open("contrat.cop", LSPFixture.contract + "référent DSS « Doublon »\n")
        let d = try XCTUnwrap(h.wait().published(for: h.uri("contrat.cop"))?.first)
        XCTAssertEqual(d["code"], "COP200")
        let related = try XCTUnwrap(d["relatedInformation"]?.array?.first)
        XCTAssertEqual(related["location"]?["uri"]?.string, h.uri("annuaire.cop"))
        XCTAssertEqual(related["location"]?["range"]?["start"], ["line": 3, "character": 9])
        XCTAssertEqual(related["message"], "première déclaration ici")
    }

    func testClosingAnUnsavedFileClearsItsDiagnostics() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.wait()
        h.open("brouillon.cop", "contrat X « x »\n")
        XCTAssertEqual(h.wait().codes(for: h.uri("brouillon.cop")), ["COP106"])
        h.notify("textDocument/didClose", ["textDocument": ["uri": .string(h.uri("brouillon.cop"))]])
        XCTAssertEqual(h.wait().codes(for: h.uri("brouillon.cop")), [], "never saved: it is gone")
    }

    func testDocumentOutsideTheWorkspaceIsCheckedInItsFolder() throws {
        let elsewhere = try LSPFixture.folder()
        let h = ServerHarness(root: try LSPFixture.folder(["vide.txt": ""]))
        h.notify("textDocument/didOpen", ["textDocument": ["uri": .string(FileURI.uri(of: elsewhere + "/contrat.cop")), "languageId": "copc",
                                                           "version": 1, "text": .string(LSPFixture.contract + "  pilote : XYZ, DGOS\n")]])
        let published = h.wait()
        XCTAssertEqual(published.codes(for: FileURI.uri(of: elsewhere + "/contrat.cop")), ["COP201"], "XYZ only: the annuaire beside it was found")
    }

    /// A document outside every workspace folder is checked in its context, as on the command
    /// line: an avenant in a sub-folder finds its contract one level up (below the marker).
    func testDocumentOutsideTheWorkspaceFindsItsContractAbove() throws {
        let elsewhere = try LSPFixture.folder(["copc.toml": "", "avenants/avenant-2.cop": "avenant 2 au contrat C1 « Deux »\n  signé le : 2022-01-10\nmodifier indicateur 1.1.b\n  cible 2023 : 55 %\n"])
        let h = ServerHarness(root: try LSPFixture.folder(["vide.txt": ""]))
        let uri = FileURI.uri(of: elsewhere + "/avenants/avenant-2.cop")
        h.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "copc", "version": 1,
                                                           "text": .string("avenant 2 au contrat C1 « Deux »\n  signé le : 2022-01-10\nmodifier indicateur 1.1.z\n  cible 2023 : 55 %\n")]])
        let published = h.wait()
        XCTAssertEqual(published.codes(for: uri), ["COP205"], "no « contrat inconnu »: the contract above was found, and 1.1.z does not exist in it")
    }

    func testFilesChangedOnDiskAreRecheckedWhenTheClientSaysSo() throws {
        let h = ServerHarness(root: try LSPFixture.folder(), watchesFiles: true)
        let registration = try XCTUnwrap(h.box.sent.first { $0["method"] == "client/registerCapability" })
        XCTAssertEqual(registration["params"]?["registrations"]?.array?.first?["method"], "workspace/didChangeWatchedFiles")
        XCTAssertEqual(registration["params"]?["registrations"]?.array?.first?["registerOptions"]?["watchers"],
                       [["globPattern": "**/*.cop"], ["globPattern": "**/copc.toml"]])
        h.server.handle(message: ["jsonrpc": "2.0", "id": registration["id"] ?? .null, "result": .null])
        h.open("contrat.cop", LSPFixture.contract)
        h.wait()
        // Another program rewrites the annuaire (not open): the client's watcher reports it.
        try LSPFixture.annuaire.replacingOccurrences(of: "DGOS", with: "DGOZ").write(toFile: h.root + "/annuaire.cop", atomically: true, encoding: .utf8)
        XCTAssertNil(h.wait(5).published(for: h.uri("contrat.cop")), "the client watches: the server does not look by itself")
        h.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(h.uri("annuaire.cop")), "type": 2]]])
        XCTAssertEqual(h.wait(0).codes(for: h.uri("contrat.cop")), ["COP201"], "at once: no quiet period for the disk")
        // A new avenant pulled: checked with its contract.
        try "avenant 2 au contrat C1 « Deux »\n  signé le : 2022-01-10\nmodifier indicateur 1.1.z\n  unité : %\n".write(toFile: h.root + "/avenant-2.cop", atomically: true, encoding: .utf8)
        h.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(h.uri("avenant-2.cop")), "type": 1]]])
        XCTAssertEqual(h.wait(0).codes(for: h.uri("avenant-2.cop")), ["COP205"])
        // Deleted: its diagnostics are withdrawn.
        try FileManager.default.removeItem(atPath: h.root + "/avenant-2.cop")
        h.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(h.uri("avenant-2.cop")), "type": 3]]])
        XCTAssertEqual(h.wait(0).codes(for: h.uri("avenant-2.cop")), [])
    }

    /// A client that cannot watch files (Neovim 0.7, Neovim on Linux without inotify-tools):
    /// no registration; the server looks at the files' stamps every two seconds while a
    /// document is open, so a `git pull` is seen all the same.
    func testWithoutTheClientsWatcherTheDiskIsLookedAt() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        XCTAssertNil(h.box.sent.first { $0["method"] == "client/registerCapability" })
        XCTAssertNil(h.server.nextWakeUp, "nothing open: nothing to look at")
        h.open("contrat.cop", LSPFixture.contract)
        h.wait(0.5)
        try LSPFixture.annuaire.replacingOccurrences(of: "DGOS", with: "DGOZ").write(toFile: h.root + "/annuaire.cop", atomically: true, encoding: .utf8)
        XCTAssertNil(h.wait(1).published(for: h.uri("contrat.cop")), "not yet looked at")
        let checks = h.server.contextChecks
        XCTAssertEqual(h.wait(1).codes(for: h.uri("contrat.cop")), ["COP201"], "seen within two seconds")
        XCTAssertEqual(h.server.contextChecks, checks + 1)
        XCTAssertEqual(h.wait(2), [], "nothing changed since: nothing published")
        XCTAssertEqual(h.server.contextChecks, checks + 1, "nor checked again")
        h.notify("textDocument/didClose", ["textDocument": ["uri": .string(h.uri("contrat.cop"))]])
        h.wait()
        XCTAssertNil(h.server.nextWakeUp, "nothing open any more")
    }

    /// The client refuses the registration: the server looks at the disk itself.
    func testARefusedRegistrationFallsBackToLooking() throws {
        let h = ServerHarness(root: try LSPFixture.folder(), watchesFiles: true)
        let registration = try XCTUnwrap(h.box.sent.first { $0["method"] == "client/registerCapability" })
        h.open("contrat.cop", LSPFixture.contract)
        h.wait()
        XCTAssertNil(h.server.nextWakeUp)
        h.server.handle(message: ["jsonrpc": "2.0", "id": registration["id"] ?? .null, "error": ["code": -32601, "message": "non"]])
        XCTAssertNotNil(h.server.nextWakeUp, "the disk will be looked at")
    }

    func testWorkspaceFoldersAddedAndRemoved() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.wait()
        let other = try LSPFixture.folder(["contrat.cop": LSPFixture.contract + "  pilote : XYZ\n"])
        let otherURI = FileURI.uri(of: other + "/contrat.cop")
        h.notify("workspace/didChangeWorkspaceFolders", ["event": ["added": [["uri": .string(FileURI.uri(of: other)), "name": "autre"]], "removed": []]])
        h.notify("textDocument/didOpen", ["textDocument": ["uri": .string(otherURI), "languageId": "copc", "version": 1,
                                                           "text": .string(LSPFixture.contract + "  pilote : XYZ\n")]])
        XCTAssertEqual(h.wait().codes(for: otherURI), ["COP201"], "a document of the new folder is checked")
        h.notify("workspace/didChangeWorkspaceFolders", ["event": ["added": [], "removed": [["uri": .string(FileURI.uri(of: other)), "name": "autre"]]]])
        XCTAssertEqual(h.wait().codes(for: otherURI) ?? ["COP201"], ["COP201"], "still open: checked in its own folder")
        let before = h.box.sent.count
        h.notify("textDocument/didClose", ["textDocument": ["uri": .string(otherURI)]])
        h.wait()
        XCTAssertEqual(Array(h.box.sent[before...]).codes(for: otherURI), [], "closed outside every folder: its diagnostics are cleared")
    }

    func testInitializationOptions() throws {
        let root = try LSPFixture.folder(["contrat.cop": LSPFixture.contract.replacingOccurrences(of: "cible 2021 : 40 %", with: "cible 2021 : à fixer par avenant")])
        let h = ServerHarness(root: root, initialize: false)
        h.request("initialize", ["rootUri": .string(FileURI.uri(of: root)),
                                 "initializationOptions": ["au": "2021-06-01", "strict": true, "debounceMs": 50]])
        h.notify("initialized", [:])
        XCTAssertEqual(h.server.debounce, 0.05)
        h.open("contrat.cop", LSPFixture.contract.replacingOccurrences(of: "cible 2021 : 40 %", with: "cible 2021 : à fixer par avenant"))
        // On 2021-06-01 the contract as signed is in force (the avenant fixing 2022 and 2023
        // takes effect on 2021-06-30), and 2021 has begun: with strict, an error naming all three years.
        let d = try XCTUnwrap(h.wait().published(for: h.uri("contrat.cop"))?.first { $0["code"] == "COP303" })
        XCTAssertEqual(d["severity"], 1)
        XCTAssertTrue(d["message"]?.string?.contains("2022") == true, "\(d)")
        let bad = ServerHarness(root: root, initialize: false)
        XCTAssertEqual(bad.request("initialize", ["initializationOptions": ["au": "demain"]])["error"]?["code"]?.int, ErrorCode.invalidParams)
    }

    // MARK: protocol errors and lifecycle

    func error(_ response: JSONValue) -> Int? { response["error"]?["code"]?.int }

    func testLifecycleAndErrors() throws {
        let h = ServerHarness(root: try LSPFixture.folder(), initialize: false)
        XCTAssertEqual(error(h.request("textDocument/hover", h.position("contrat.cop", 0, 0))), ErrorCode.serverNotInitialized)
        h.open("contrat.cop", LSPFixture.contract)
        XCTAssertTrue(h.box.sent.count == 1, "notifications before initialize are dropped")
        XCTAssertEqual(error(h.request("initialize", "pas un objet")), ErrorCode.invalidParams)
        XCTAssertNotNil(h.request("initialize", ["rootUri": .string(FileURI.uri(of: h.root))])["result"])
        XCTAssertEqual(error(h.request("initialize", [:])), ErrorCode.invalidRequest, "initialize twice")

        let unknown = h.request("textDocument/frobnicate", [:])
        XCTAssertEqual(error(unknown), ErrorCode.methodNotFound)
        XCTAssertTrue(unknown["error"]?["message"]?.string?.contains("frobnicate") == true)
        let count = h.box.sent.count
        h.notify("textDocument/frobnicate", [:])
        h.notify("$/cancelRequest", ["id": 1])
        XCTAssertEqual(h.box.sent.count, count, "unknown notifications are ignored")

        XCTAssertEqual(error(h.request("textDocument/hover", ["textDocument": ["uri": .string(h.uri("contrat.cop"))]])), ErrorCode.invalidParams)
        XCTAssertEqual(error(h.request("textDocument/hover", ["position": ["line": 0, "character": 0]])), ErrorCode.invalidParams)
        XCTAssertEqual(error(h.request("textDocument/definition", h.position("contrat.cop", -1, 0))), ErrorCode.invalidParams)
        XCTAssertEqual(error(h.request("textDocument/documentSymbol", 42)), ErrorCode.invalidParams)
        XCTAssertEqual(error(h.request("textDocument/completion", ["textDocument": ["uri": "untitled:1"], "position": ["line": 0, "character": 0]])), ErrorCode.invalidParams)

        h.server.handle(message: [1, 2])
        XCTAssertEqual(h.box.sent.last?["error"]?["code"]?.int, ErrorCode.invalidRequest)
        XCTAssertEqual(h.box.sent.last?["id"], .null)
        h.server.handle(Array("{pas du json".utf8))
        XCTAssertEqual(h.box.sent.last?["error"]?["code"]?.int, ErrorCode.parseError)
        h.server.handle(message: ["jsonrpc": "2.0", "id": ["objet": 1], "method": "shutdown"])
        XCTAssertEqual(h.box.sent.last?["error"]?["code"]?.int, ErrorCode.invalidRequest, "an id must be a number or a string")
        h.server.handle(message: ["jsonrpc": "2.0", "id": 99])
        XCTAssertEqual(h.box.sent.last?["error"]?["code"]?.int, ErrorCode.invalidRequest, "no method")
        let before = h.box.sent.count
        h.server.handle(message: ["jsonrpc": "2.0", "id": 7, "result": nil])
        XCTAssertEqual(h.box.sent.count, before, "a response from the client needs no answer")
        // A position far outside the text is clamped, not a crash.
        h.open("contrat.cop", LSPFixture.contract)
        XCTAssertEqual(h.at("textDocument/hover", "contrat.cop", 1_000_000, 1_000_000), .null)
        XCTAssertEqual(h.request("textDocument/hover", ["textDocument": ["uri": .string(h.uri("contrat.cop"))],
                                                        "position": ["line": 1e300, "character": 0]])["error"]?["code"]?.int, ErrorCode.invalidParams)

        XCTAssertEqual(h.request("shutdown", nil)["result"], .null)
        XCTAssertEqual(error(h.request("textDocument/hover", h.position("contrat.cop", 0, 0))), ErrorCode.invalidRequest, "after shutdown")
        XCTAssertNil(h.server.exitStatus)
        h.notify("exit", nil)
        XCTAssertEqual(h.server.exitStatus, 0)
    }

    func testExitWithoutShutdownIsStatusOne() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.notify("exit", nil)
        XCTAssertEqual(h.server.exitStatus, 1)
    }

    // MARK: hover

    func hoverText(_ h: ServerHarness, _ name: String, _ line: Int, _ character: Int) -> String {
        h.at("textDocument/hover", name, line, character)["contents"]?["value"]?.string ?? ""
    }

    func testHover() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.open("contrat.cop", LSPFixture.contract)
        h.open("avenant-1.cop", LSPFixture.avenant)
        // A referent: its full name, from the annuaire.
        let dgos = hoverText(h, "contrat.cop", 7, 12)
        XCTAssertTrue(dgos.contains("**DGOS** — Direction générale de l'offre de soins"), dgos)
        XCTAssertTrue(dgos.contains("Jeanne Martin") && dgos.contains("annuaire.cop"), dgos)
        XCTAssertEqual(h.at("textDocument/hover", "contrat.cop", 7, 12)["range"], ["start": ["line": 7, "character": 11], "end": ["line": 7, "character": 15]])
        // An element: its title.
        XCTAssertTrue(hoverText(h, "contrat.cop", 6, 10).contains("**objectif 1.1** — Objectif"))
        XCTAssertTrue(hoverText(h, "avenant-1.cop", 2, 22).contains("**indicateur 1.1.a** — Indicateur"), "the target of a modifier")
        XCTAssertTrue(hoverText(h, "contrat.cop", 5, 3).contains("Axe 🎯 premier"))
        // A deadline: its window; `selon PLAN`: the plan's period.
        XCTAssertTrue(hoverText(h, "contrat.cop", 9, 4).contains("fenêtre : du 2022-10-01 au 2022-12-31"))
        XCTAssertTrue(hoverText(h, "contrat.cop", 10, 4).contains("fenêtre : du 2022-01-01 au 2023-12-31"))
        XCTAssertTrue(hoverText(h, "contrat.cop", 10, 26).contains("plan **SDSI** — Schéma directeur"))
        // A target: its status, and the avenant that fixed a pending one.
        XCTAssertTrue(hoverText(h, "contrat.cop", 13, 4).contains("**cible 2021** : 40 % — fixée"))
        let pending = hoverText(h, "contrat.cop", 14, 4)
        XCTAssertTrue(pending.contains("**cible 2022** : à fixer par avenant — en attente d'avenant ; fixée par l'avenant 1 : 50 %"), pending)
        XCTAssertTrue(pending.contains("**cible 2023** : à fixer par avenant — en attente d'avenant ; fixée par l'avenant 1 : 60 %"), pending)
        // Nothing to say on a blank spot.
        XCTAssertEqual(h.at("textDocument/hover", "contrat.cop", 18, 0), .null)
    }

    func testPlainTextHoverForClientsWithoutMarkdown() throws {
        let root = try LSPFixture.folder()
        let h = ServerHarness(root: root, initialize: false)
        h.request("initialize", ["rootUri": .string(FileURI.uri(of: root)), "capabilities": ["textDocument": ["hover": ["contentFormat": ["plaintext"]]]]])
        h.notify("initialized", [:])
        let r = h.at("textDocument/hover", "contrat.cop", 7, 12)
        XCTAssertEqual(r["contents"]?["kind"], "plaintext")
        XCTAssertTrue(r["contents"]?["value"]?.string?.hasPrefix("DGOS — Direction") == true, "\(r)")
        XCTAssertFalse(r["contents"]?["value"]?.string?.contains("*") ?? true, "no Markdown left: \(r)")
    }

    // MARK: definition

    func location(_ h: ServerHarness, _ name: String, _ line: Int, _ character: Int) -> (String, Int, Int)? {
        let r = h.at("textDocument/definition", name, line, character)
        guard let uri = r["uri"]?.string, let l = r["range"]?["start"]?["line"]?.int, let c = r["range"]?["start"]?["character"]?.int else { return nil }
        return (String(uri.split(separator: "/").last!), l, c)
    }

    func testDefinitionAcrossFiles() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.open("contrat.cop", LSPFixture.contract)
        h.open("avenant-1.cop", LSPFixture.avenant)
        XCTAssertTrue(location(h, "contrat.cop", 7, 13)! == ("annuaire.cop", 1, 9), "pilote → annuaire")
        XCTAssertTrue(location(h, "contrat.cop", 1, 14)! == ("annuaire.cop", 0, 0), "utilise → the file")
        XCTAssertTrue(location(h, "contrat.cop", 10, 28)! == ("annuaire.cop", 4, 5), "selon SDSI → the plan")
        XCTAssertTrue(location(h, "contrat.cop", 15, 40)! == ("contrat.cop", 6, 9), "dans objectif 1.1")
        XCTAssertTrue(location(h, "avenant-1.cop", 2, 20)! == ("contrat.cop", 11, 11), "modifier indicateur 1.1.a")
        XCTAssertTrue(location(h, "avenant-1.cop", 0, 21)! == ("contrat.cop", 0, 8), "au contrat C1")
        XCTAssertTrue(location(h, "avenant-1.cop", 5, 50)! == ("contrat.cop", 6, 9), "ajouter … dans objectif 1.1")
        XCTAssertNil(location(h, "contrat.cop", 3, 4), "a period has no declaration")
    }

    func testDefinitionOfAnElementAddedByAnEarlierAvenant() throws {
        let h = ServerHarness(root: try LSPFixture.folder(["avenant-2.cop": "avenant 2 au contrat C1 « Suite »\n  signé le : 2021-09-01\nsupprimer action 1.1.2\n"]))
        XCTAssertTrue(location(h, "avenant-2.cop", 2, 20)! == ("avenant-1.cop", 5, 15))
    }

    // MARK: symbols

    func testDocumentSymbolsAreHierarchical() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.open("contrat.cop", LSPFixture.contract)
        let symbols = try XCTUnwrap(h.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(h.uri("contrat.cop"))]])["result"]?.array)
        func outline(_ s: JSONValue, _ depth: Int) -> [String] {
            [String(repeating: " ", count: depth) + (s["name"]?.string ?? "?")] + (s["children"]?.array ?? []).flatMap { outline($0, depth + 1) }
        }
        XCTAssertEqual(symbols.flatMap { outline($0, 0) }, [
            "contrat C1", " axe 1", "  objectif 1.1", "   action 1.1.1", "   indicateur 1.1.a", "   indicateur 1.1.b",
        ])
        XCTAssertEqual(symbols[0]["detail"], "Contrat d'essai")
        let objective = symbols[0]["children"]?.array?[0]["children"]?.array?[0]
        XCTAssertEqual(objective?["selectionRange"], ["start": ["line": 6, "character": 9], "end": ["line": 6, "character": 12]])
        XCTAssertEqual(objective?["range"], ["start": ["line": 6, "character": 0], "end": ["line": 17, "character": 27]])

        h.open("annuaire.cop", LSPFixture.annuaire)
        let annuaire = h.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(h.uri("annuaire.cop"))]])["result"]?.array ?? []
        XCTAssertEqual(annuaire.compactMap { $0["name"]?.string }, ["annuaire ANN", "référent DGOS", "référent DSS", "plan SDSI"])
        XCTAssertEqual(annuaire[1]["range"]?["end"], ["line": 2, "character": 30], "a referent spans its properties")

        let avenant = h.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(h.uri("avenant-1.cop"))]])["result"]?.array ?? []
        XCTAssertEqual(avenant.compactMap { $0["name"]?.string }, ["avenant 1", "modifier indicateur 1.1.a", "ajouter action 1.1.2"])
    }

    func testFlatSymbolsForClientsWithoutHierarchy() throws {
        let h = ServerHarness(root: try LSPFixture.folder(), hierarchical: false)
        let symbols = h.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(h.uri("contrat.cop"))]])["result"]?.array ?? []
        XCTAssertEqual(symbols.count, 6)
        XCTAssertEqual(symbols[2]["name"], "objectif 1.1 — Objectif", "the title, as in the outline")
        XCTAssertEqual(symbols[2]["containerName"], "axe 1 — Axe 🎯 premier")
        XCTAssertEqual(symbols[0]["name"], "contrat C1 — Contrat d'essai")
        XCTAssertEqual(symbols[2]["location"]?["uri"]?.string, h.uri("contrat.cop"))
    }

    // MARK: formatting

    func testFormattingIsOneWholeDocumentEditThenNothing() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        let messy = "contrat C1 « Contrat 🎯 »\n    période :   2021 .. 2023\n  signé le : 2021-03-12\naxe 1 « Axe 🎯 »"
        h.open("contrat.cop", messy)
        let params: JSONValue = ["textDocument": ["uri": .string(h.uri("contrat.cop"))], "options": ["tabSize": 4, "insertSpaces": true]]
        let edits = try XCTUnwrap(h.request("textDocument/formatting", params)["result"]?.array)
        XCTAssertEqual(edits.count, 1)
        guard case .formatted(let canonical) = Formatter.format(path: "contrat.cop", text: messy) else { return XCTFail("refused") }
        XCTAssertEqual(edits[0]["newText"]?.string, canonical)
        XCTAssertNotEqual(canonical, messy)
        // The range covers the whole document; its end is in UTF-16 units (the emoji counts two).
        XCTAssertEqual(edits[0]["range"], ["start": ["line": 0, "character": 0], "end": ["line": 3, "character": .int("axe 1 « Axe 🎯 »".utf16.count)]])

        h.change("contrat.cop", version: 2, canonical)
        XCTAssertEqual(h.request("textDocument/formatting", params)["result"], [], "already canonical: no edit")
        h.change("contrat.cop", version: 3, canonical + "objectif 1.1 « sans fin\n")
        XCTAssertEqual(h.request("textDocument/formatting", params)["result"], [], "syntax errors: left untouched")
        XCTAssertEqual(h.request("textDocument/formatting", ["textDocument": ["uri": .string(h.uri("annuaire.cop"))]])["result"]?.array?.count, 1,
                       "a file that is not open is formatted from the disk")
    }

    // MARK: completion

    func completion(_ h: ServerHarness, _ name: String, _ line: Int, _ character: Int) -> [JSONValue] {
        h.at("textDocument/completion", name, line, character)["items"]?.array ?? []
    }

    func labels(_ items: [JSONValue]) -> [String] { items.compactMap { $0["label"]?.string } }

    /// The contract with `line` inserted before 0-based line `index`.
    func contract(inserting line: String, at index: Int) -> String {
        var lines = LSPFixture.contract.components(separatedBy: "\n")
        lines.insert(line, at: index)
        return lines.joined(separator: "\n")
    }

    func testCompletionOfKeywordsAndKeysForTheEnclosingElement() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.open("contrat.cop", contract(inserting: "  ", at: 15))
        let inIndicator = labels(completion(h, "contrat.cop", 15, 2))
        for k in ["unité", "cible", "base", "méthode", "sens", "pilote", "axe", "objectif", "action", "indicateur"] {
            XCTAssertTrue(inIndicator.contains(k), "\(k) in \(inIndicator)")
        }
        XCTAssertFalse(inIndicator.contains("délai"), "an indicator has no deadline")
        XCTAssertFalse(inIndicator.contains("modifier"), "changes belong to avenants")

        h.change("contrat.cop", version: 2, contract(inserting: "  dé", at: 11))
        let inAction = completion(h, "contrat.cop", 11, 4)
        XCTAssertTrue(labels(inAction).contains("délai") && labels(inAction).contains("étape") && !labels(inAction).contains("unité"))
        let delai = try XCTUnwrap(inAction.first { $0["label"] == "délai" })
        XCTAssertEqual(delai["textEdit"]?["newText"], "délai : ")
        XCTAssertEqual(delai["textEdit"]?["range"], ["start": ["line": 11, "character": 2], "end": ["line": 11, "character": 4]])
        XCTAssertNil(delai["filterText"], "typed with an accent: the label filters")

        h.change("contrat.cop", version: 3, contract(inserting: "  del", at: 11))
        let unaccented = completion(h, "contrat.cop", 11, 5).first { $0["label"] == "délai" }
        XCTAssertEqual(unaccented?["filterText"], "delai", "accents are optional: so is typing them")

        h.open("avenant-1.cop", LSPFixture.avenant + "mod")
        XCTAssertEqual(labels(completion(h, "avenant-1.cop", 7, 3)).filter { ["modifier", "ajouter", "supprimer"].contains($0) }.count, 3)
    }

    func testCompletionOfValues() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.open("contrat.cop", contract(inserting: "  co-pilote : ", at: 8))
        h.wait()
        // Referents, including those of the imported annuaire.
        let refs = completion(h, "contrat.cop", 8, 14)
        XCTAssertEqual(labels(refs), ["DGOS", "DSS", "à déterminer"])
        XCTAssertEqual(refs[0]["detail"], "Direction générale de l'offre de soins")
        h.change("contrat.cop", version: 2, contract(inserting: "  co-pilote : DGOS, D", at: 8))
        let second = completion(h, "contrat.cop", 8, 21)
        XCTAssertEqual(second.first?["textEdit"]?["range"], ["start": ["line": 8, "character": 20], "end": ["line": 8, "character": 21]])
        // Right after the colon, the inserted text brings its space.
        h.change("contrat.cop", version: 3, contract(inserting: "  co-pilote:", at: 8))
        XCTAssertEqual(completion(h, "contrat.cop", 8, 12).first?["textEdit"]?["newText"], " DGOS")

        h.change("contrat.cop", version: 4, contract(inserting: "  unité : k", at: 13))
        let units = completion(h, "contrat.cop", 13, 11)
        XCTAssertTrue(labels(units).contains("%") && labels(units).contains("k€") && labels(units).contains("jours"), "\(labels(units))")
        h.change("contrat.cop", version: 5, contract(inserting: "  cible 2024 : ", at: 13))
        XCTAssertEqual(labels(completion(h, "contrat.cop", 13, 15)), ["à fixer par avenant", "sans objet", "suivi", "maintien", "≥ N-1", "au moins le réalisé N-1"])
        h.change("contrat.cop", version: 6, contract(inserting: "  délai : tout", at: 10))
        let deadlines = completion(h, "contrat.cop", 10, 14)
        XCTAssertEqual(labels(deadlines), ["tout au long du contrat", "à préciser", "selon SDSI"])
        XCTAssertEqual(deadlines[0]["textEdit"]?["range"]?["start"], ["line": 10, "character": 10], "the whole value is replaced")
        h.change("contrat.cop", version: 7, contract(inserting: "  sens : ", at: 13))
        XCTAssertEqual(labels(completion(h, "contrat.cop", 13, 9)), ["baisse", "hausse"])
    }

    func testCompletionOfKindsAndIdsInAvenants() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.open("avenant-1.cop", LSPFixture.avenant + "modifier ")
        h.wait()
        XCTAssertTrue(labels(completion(h, "avenant-1.cop", 7, 9)).contains("indicateur"))
        h.change("avenant-1.cop", version: 2, LSPFixture.avenant + "modifier indicateur ")
        XCTAssertEqual(labels(completion(h, "avenant-1.cop", 7, 20)), ["1.1.a", "1.1.b"])
        h.change("avenant-1.cop", version: 3, LSPFixture.avenant + "ajouter action 1.1.3 « x » dans objectif ")
        XCTAssertEqual(labels(completion(h, "avenant-1.cop", 7, 41)), ["1.1"])
    }

    // MARK: bilans

    /// A bilan of 2022 (lines used below: indicateur 1.1.a at 2, its réalisé at 3, action at 5,
    /// indicateur 1.1.b at 7, its réalisé at 8).
    static let bilan = """
    bilan 2022 du contrat C1 « Bilan 2022 »
      établi le : 2023-03-01
    indicateur 1.1.a
      réalisé : 45 %
      analyse : « Bon déploiement »
    action 1.1.1
      état : en cours
    indicateur 1.1.b
      réalisé : 55 %

    """

    func testBilanHoverDefinitionAndCompletion() throws {
        let h = ServerHarness(root: try LSPFixture.folder(["bilan-2022.cop": LSPServerTests.bilan]))
        h.open("bilan-2022.cop", LSPServerTests.bilan)
        // Hover on the block: the contract's element and its target of the year (set by avenant 1).
        let block = hoverText(h, "bilan-2022.cop", 2, 12)
        XCTAssertTrue(block.contains("**indicateur 1.1.a** — Indicateur") && block.contains("cible 2022 : 50 %"), block)
        // Hover on a réalisé: the target of the year beside it, and the judgement.
        let missed = hoverText(h, "bilan-2022.cop", 3, 14)
        XCTAssertTrue(missed.contains("cible 2022 : 50 %") && missed.contains("non atteinte") && missed.contains("−5\u{00A0}points"), missed)
        let reached = hoverText(h, "bilan-2022.cop", 8, 14)
        XCTAssertTrue(reached.contains("**atteinte**") && !reached.contains("non atteinte"), reached)
        // An action block: its deadlines.
        XCTAssertTrue(hoverText(h, "bilan-2022.cop", 5, 8).contains("délai : fin 2022"))
        // Definition: the block leads to the contract's element; the header to the contract.
        XCTAssertTrue(location(h, "bilan-2022.cop", 2, 12)! == ("contrat.cop", 11, 11), "indicateur 1.1.a → contract")
        XCTAssertTrue(location(h, "bilan-2022.cop", 5, 8)! == ("contrat.cop", 8, 7), "action 1.1.1 → contract")
        XCTAssertTrue(location(h, "bilan-2022.cop", 0, 22)! == ("contrat.cop", 0, 8), "du contrat C1")
        // Completion: the ids of the version the bilan reads; the keys of a bilan block.
        h.change("bilan-2022.cop", version: 2, LSPServerTests.bilan + "action ")
        h.wait()
        XCTAssertEqual(labels(completion(h, "bilan-2022.cop", 10, 7)), ["1.1.1", "1.1.2"])
        h.change("bilan-2022.cop", version: 3, LSPServerTests.bilan + "indicateur 1.1.b\n  ")
        let keys = labels(completion(h, "bilan-2022.cop", 11, 2))
        XCTAssertTrue(keys.contains("réalisé") && keys.contains("analyse") && !keys.contains("cible"), "\(keys)")
    }
}

/// Random and half-valid messages: the server answers every request exactly once and never
/// traps, whatever the params, positions and document texts.
final class LSPFuzzTests: XCTestCase {
    func testRandomMessagesAreAnsweredAndNeverCrashTheServer() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        var rng = SplitMix(seed: UInt64(ProcessInfo.processInfo.environment["COPC_FUZZ_SEED"] ?? "") ?? 0x15B)
        let uris = ["contrat.cop", "avenant-1.cop", "annuaire.cop", "neuf.cop"].map { h.uri($0) }
            + ["untitled:1", "file:///", "file:///nonexistent/x.cop", "file:///a%2", ""]
        let fragments = LSPFixture.contract.components(separatedBy: "\n") + LSPFixture.avenant.components(separatedBy: "\n")
            + ["«", "»", "\"\"\"", ":", " dans ", "modifier ", "selon ", "\r\n", "🎯", "é", "\u{0}", ",", "  cible 2022 .. ", "à fixer par avenant"]
        func text() -> String {
            guard rng.chance(60) else { return (0..<rng.below(30)).map { _ in rng.pick(fragments) + (rng.chance(70) ? "\n" : "") }.joined() }
            // A real document with a few fragments dropped in.
            var lines = rng.pick([LSPFixture.contract, LSPFixture.avenant, LSPFixture.annuaire]).components(separatedBy: "\n")
            for _ in 0..<rng.below(4) { lines.insert(rng.pick(fragments), at: rng.below(lines.count + 1)) }
            return lines.joined(separator: "\n")
        }
        func number() -> JSONValue {
            rng.chance(85) ? .int(rng.below(20)) : rng.pick([.int(-1), .int(Int.max), .double(2.5), .double(1e300), .string("3"), .null])
        }
        func scalar() -> JSONValue { rng.pick([number(), .string(text()), .bool(true), .null, [], [:]]) }
        func position() -> JSONValue { rng.chance(85) ? ["line": number(), "character": number()] : scalar() }
        func document() -> JSONValue {
            var o = JSONObject()
            if rng.chance(95) { o["uri"] = rng.chance(90) ? .string(rng.pick(rng.chance(80) ? Array(uris.prefix(3)) : uris)) : scalar() }
            if rng.chance(50) { o["version"] = number() }
            if rng.chance(50) { o["text"] = rng.chance(90) ? .string(text()) : scalar() }
            if rng.chance(20) { o["languageId"] = "copc" }
            return .object(o)
        }
        func params() -> JSONValue {
            if rng.chance(5) { return scalar() }
            var o = JSONObject()
            if rng.chance(95) { o["textDocument"] = document() }
            if rng.chance(80) { o["position"] = position() }
            if rng.chance(50) {
                o["contentChanges"] = .array((0..<rng.below(3)).map { _ in
                    rng.chance(60) ? ["range": ["start": position(), "end": position()], "text": .string(text())] : ["text": rng.chance(90) ? .string(text()) : scalar()]
                })
            }
            if rng.chance(10) { o["changes"] = [["uri": .string(rng.pick(uris)), "type": 2]] }
            return .object(o)
        }
        let requests = ["textDocument/hover", "textDocument/definition", "textDocument/documentSymbol",
                        "textDocument/completion", "textDocument/formatting", "copc/inconnu"]
        let notifications = ["textDocument/didOpen", "textDocument/didChange", "textDocument/didChange", "textDocument/didClose",
                             "textDocument/didSave", "workspace/didChangeWatchedFiles", "$/cancelRequest", "initialized"]
        var useful = 0
        for k in 0..<1500 {
            if rng.chance(50) {
                let id = 10_000 + k
                let before = h.box.sent.count
                h.server.handle(message: ["jsonrpc": "2.0", "id": .int(id), "method": .string(rng.pick(requests)), "params": params()])
                let answers = h.box.sent[before...].filter { $0["id"] == .int(id) }
                XCTAssertEqual(answers.count, 1, "request \(k)")
                if let a = answers.first, a["error"] == nil, a["result"] != .null { useful += 1 }
            } else {
                h.notify(rng.pick(notifications), params())
            }
            if rng.chance(20) { h.wait(rng.chance(50) ? 1 : 0.05) }
        }
        h.wait()
        XCTAssertGreaterThan(useful, 150, "the messages reach the features, not only the parameter checks")
        // Still serving: a real document, a real request.
        h.open("contrat.cop", LSPFixture.contract, version: 99)
        XCTAssertTrue(h.at("textDocument/hover", "contrat.cop", 7, 12)["contents"]?["value"]?.string?.contains("DGOS") == true)
    }
}
