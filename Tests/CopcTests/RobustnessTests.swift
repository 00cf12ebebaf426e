import XCTest
import CopcLanguage
import Foundation
import CopcSource
import CopcDriver
import CopcDiagnostics
import CopcSema
import CopcLSP

/// The outcome of a bounded run of the built copc.
struct BoundedRun {
    let status: Int32
    /// Set when the process was killed by a signal (a trap, SIGXCPU past the CPU limit…).
    let signal: Int32?
    let out: Data
    let err: String
    var text: String { String(decoding: out, as: UTF8.self) }
}

/// Runs the built `copc` as a process under resource limits (`ulimit -t` CPU seconds, `ulimit -v`
/// address space) and a wall-clock guard: a hang or a blow-up becomes a failed assertion, never
/// a stuck test run. The limits are guards, some fifty times what the run needs; no time is
/// asserted (speed is measured by copc-bench and scripts/mesurer-limites.sh).
func runBounded(_ args: [String], cwd: String? = nil, stdin: Data? = nil, cpuSeconds: Int = 60,
                memoryMB: Int = 4096, environment: [String: String] = [:]) throws -> BoundedRun {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "ulimit -t \(cpuSeconds); ulimit -v \(memoryMB * 1024); exec \"$0\" \"$@\"", builtCopc.path] + args
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["SWIFT_BACKTRACE"] = "enable=no"
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let dir = scratchRoot + "copc-run-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = FileManager.default.createFile(atPath: dir + "/out", contents: nil)
    _ = FileManager.default.createFile(atPath: dir + "/err", contents: nil)
    _ = FileManager.default.createFile(atPath: dir + "/in", contents: stdin ?? Data())
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/out"))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
    p.standardOutput = out
    p.standardError = err
    p.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: dir + "/in"))
    try p.run()
    let deadline = Date().addingTimeInterval(TimeInterval(cpuSeconds * 4))
    while p.isRunning && Date() < deadline { usleep(5_000) }
    if p.isRunning { p.interrupt(); kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
    try out.close()
    try err.close()
    let signal: Int32? = p.terminationReason == .uncaughtSignal ? p.terminationStatus : nil
    return BoundedRun(status: p.terminationStatus, signal: signal,
                      out: try Data(contentsOf: URL(fileURLWithPath: dir + "/out")),
                      err: String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/err")), as: UTF8.self))
}

/// A fresh folder with `files` (relative path → bytes), absolute and symlink-free.
func scratch(_ files: [String: [UInt8]] = [:]) throws -> String {
    let dir = FileSystem.realPath(scratchRoot)! + "/copc-robuste-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, bytes) in files {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }
    return dir
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// A contract header for the generated inputs below.
let robustHeader = """
contrat C1 « Contrat d'essai »
  type : COP
  période : 2021 .. 2023
  signé le : 2021-03-12
référent DGOS « Direction générale de l'offre de soins »

"""

/// Issue 9: bad input never hangs, crashes, escapes the workspace or loses text. Each test is a
/// regression test of one defect, with variants, run on the built binary under limits.
final class RobustnessTests: XCTestCase {
    // MARK: 1. numbering gaps cost O(elements)

    func testHugeNumberingGapsAreMeasuredNotEnumerated() throws {
        for (last, missing) in [("1000000000", "axe 2 à 999\u{202F}999\u{202F}999 manquent avant 1000000000 (999\u{202F}999\u{202F}998 numéros)"),
                                ("999999999999999999", "axe 2 à 999\u{202F}999\u{202F}999\u{202F}999\u{202F}999\u{202F}998 manquent"),
                                ("10000000", "axe 2 à 9\u{202F}999\u{202F}999 manquent")] {
            let dir = try scratch(["c.cop": bytes(robustHeader + "axe 1 « A »\naxe \(last) « B »\n")])
            for command in ["check", "emit"] {
                let r = try runBounded([command, dir + "/c.cop"], cpuSeconds: 20, memoryMB: 1024)
                XCTAssertNil(r.signal, "\(command) \(last) : tué par le signal \(r.signal ?? 0)")
                if command == "check" { XCTAssertTrue(r.text.contains(missing), r.text) }
                else { XCTAssertEqual(r.status, 0, r.err) }
            }
        }
        // Many groups, each with a huge gap: still one pass.
        var text = robustHeader + "axe 1 « A »\nobjectif 1 « O »\n  pilote : DGOS\n"
        for k in 1...2000 { text += "action G\(k)-1 « a »\naction G\(k)-999999999 « b »\n" }
        let dir = try scratch(["c.cop": bytes(text)])
        let r = try runBounded(["check", dir + "/c.cop"], cpuSeconds: 30, memoryMB: 1024)
        XCTAssertNil(r.signal)
        XCTAssertEqual(r.text.components(separatedBy: "(999\u{202F}999\u{202F}997 numéros)").count - 1, 2000, String(r.text.prefix(2000)))
    }

    func testLanguageServerAnswersOnHugeGap() throws {
        let root = try scratch()
        let p = try LSPProcess(binary: builtCopc)
        defer { p.process.terminate() }
        _ = p.request("initialize", ["processId": NSNull(), "rootUri": FileURI.uri(of: root), "capabilities": [:],
                                     "initializationOptions": ["au": "2026-11-22"]])
        p.notify("initialized", [:])
        let uri = FileURI.uri(of: root + "/c.cop")
        p.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "copc", "version": 1,
                                                            "text": robustHeader + "axe 1 « A »\naxe 1000000000 « B »\n"]])
        let diagnostics = try XCTUnwrap(p.diagnostics(uri: uri, version: 1, timeout: 60), "pas de diagnostics : le serveur ne répond plus")
        XCTAssertTrue(diagnostics.contains { ($0["message"] as? String)?.contains("2 à 999\u{202F}999\u{202F}999") == true }, "\(diagnostics)")
        XCTAssertNotNil(p.request("shutdown", NSNull()))
    }

    // MARK: 2. numbers never trap an output

    func testEmitNeverTrapsOnLargeOrPreciseNumbers() throws {
        let values = ["999999999999999", "9300000000000,5", "-9300000000000,5", "123456789,123456", "1000000000000000",
                      "9300000000000,1234567", "≥ 99999999999999999999", "entre 1 et 1e3", "0,0000001", "18446744073709551616"]
        for v in values {
            let text = robustHeader + """
            axe 1 « Axe »
            objectif 1.1 « Objectif »
              pilote : DGOS
            action 1.1.1 « Action »
              délai : fin 2022
            indicateur 1.1.a « Montant »
              unité : €
              base 2020 : \(v)
              cible 2021 .. 2023 : \(v)

            """
            let dir = try scratch(["c.cop": bytes(text)])
            let r = try runBounded(["emit", dir + "/c.cop"], cpuSeconds: 20, memoryMB: 1024)
            XCTAssertNil(r.signal, "« \(v) » : emit tué par le signal \(r.signal ?? 0)")
            XCTAssertEqual(r.status, 0, "« \(v) » : \(r.err)")
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: r.out), "« \(v) » : IR illisible")
            XCTAssertFalse(r.text.contains("e+") || r.text.contains("E+"), "« \(v) » : exposant dans l'IR")
        }
        let dir = try scratch(["c.cop": bytes(robustHeader + "axe 1 « A »\nobjectif 1.1 « O »\n  pilote : DGOS\nindicateur 1.1.a « I »\n  unité : €\n  cible 2021 .. 2023 : 9300000000000,5\n")])
        let ir = try runBounded(["emit", dir + "/c.cop"], cpuSeconds: 20).text
        XCTAssertTrue(ir.contains("\"nombre\": 9300000000000.5,"), ir)
        let check = try runBounded(["check", dir + "/c.cop"], cpuSeconds: 20)
        XCTAssertFalse(check.text.contains("COP103"), check.text)
    }

    func testJSONNumbersAreTotalAndWithoutExponent() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1e15, "1000000000000000"), (9.3e12 + 0.5, "9300000000000.5"),
            (-9.3e12 - 0.5, "-9300000000000.5"), (1e20, "100000000000000000000"), (2.29, "2.29"),
            (0.1 + 0.2, "0.3"), (1e-7, "0"), (5e-7, "0.000001"), (0.9999996, "1"), (-0.0000004, "0"),
            (123456789.123456, "123456789.123456"),
            // Beyond Int64: the shortest digits that read back as the same double.
            (Double(Int64.max), "9223372036854776000"),
            (.nan, "null"), (.infinity, "null"), (-.infinity, "null"),
        ]
        for (d, expected) in cases { XCTAssertEqual(JSONWriter.format(d), expected, "\(d)") }
        // Every finite double gives a plain JSON number that reads back close to it.
        for d in [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude, 1.7e308, Double.leastNonzeroMagnitude, 123.456e200] {
            let s = JSONWriter.format(d)
            XCTAssertFalse(s.contains("e") || s.contains("E"), s)
            XCTAssertEqual(Double(s) ?? .nan, d.magnitude < 5e-7 ? 0 : d, accuracy: max(1e-6, d.magnitude * 1e-15), s)
        }
    }

    // MARK: 3 and 9. fmt temporaries: exclusive, unpredictable, never a link; metadata; leftovers

    let unformatted = robustHeader.replacingOccurrences(of: "période : 2021 .. 2023", with: "période:2021..2023") + "axe 1 « A »\n"

    func testFmtNeverFollowsAPlantedLink() throws {
        let dir = try scratch(["c.cop": bytes(unformatted), "victime.txt": bytes("ne pas toucher\n")])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir + "/victime.txt")
        // The old temporary name was « c.cop.copc-tmp-PID »: plant it for the next PIDs.
        let last = Int((try? String(contentsOfFile: "/proc/sys/kernel/ns_last_pid", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        for pid in (last + 1)...(last + 3000) {
            try FileManager.default.createSymbolicLink(atPath: dir + "/c.cop.copc-tmp-\(pid)", withDestinationPath: dir + "/victime.txt")
        }
        let r = try runBounded(["fmt", dir + "/c.cop"], cpuSeconds: 20)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try String(contentsOfFile: dir + "/victime.txt", encoding: .utf8), "ne pas toucher\n")
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: dir + "/victime.txt"))[.posixPermissions] as? Int, 0o600)
        let attrs = try FileManager.default.attributesOfItem(atPath: dir + "/c.cop")
        XCTAssertEqual(attrs[.type] as? FileAttributeType, .typeRegular, "le contrat n'est pas devenu un lien")
        XCTAssertTrue(try String(contentsOfFile: dir + "/c.cop", encoding: .utf8).contains("période : 2021 .. 2023"))
    }

    func testFmtKeepsModeOwnerAndSetIDAndBreaksHardLinks() throws {
        let dir = try scratch(["c.cop": bytes(unformatted), "d.cop": bytes(unformatted)])
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: dir + "/c.cop")
        try FileManager.default.setAttributes([.posixPermissions: 0o4751], ofItemAtPath: dir + "/d.cop")
        try FileManager.default.linkItem(atPath: dir + "/c.cop", toPath: dir + "/lien-physique.txt")
        let before = try FileManager.default.attributesOfItem(atPath: dir + "/c.cop")
        XCTAssertEqual(try runBounded(["fmt", dir], cpuSeconds: 20).status, 0)
        let after = try FileManager.default.attributesOfItem(atPath: dir + "/c.cop")
        XCTAssertEqual(after[.posixPermissions] as? Int, 0o640)
        XCTAssertEqual(after[.ownerAccountID] as? Int, before[.ownerAccountID] as? Int)
        XCTAssertEqual(after[.groupOwnerAccountID] as? Int, before[.groupOwnerAccountID] as? Int)
        // Owner kept (the user's own file): the set-id bit is kept too.
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: dir + "/d.cop"))[.posixPermissions] as? Int, 0o4751)
        // The other name of a hard link keeps the old text (README: the rename separates them).
        XCTAssertEqual(try String(contentsOfFile: dir + "/lien-physique.txt", encoding: .utf8), unformatted)
        XCTAssertNotEqual(try String(contentsOfFile: dir + "/c.cop", encoding: .utf8), unformatted)
    }

    func testFmtRemovesStaleTemporariesItCreated() throws {
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let pid = dead.processIdentifier
        let dir = try scratch(["c.cop": bytes(unformatted),
                               ".c.cop.copc-tmp-\(pid)-0123456789abcdef": bytes("reste d'un fmt interrompu"),
                               "c.cop.copc-tmp-\(pid)": bytes("reste d'une version précédente"),
                               ".c.cop.copc-tmp-\(getpid())-fedcba9876543210": bytes("d'un processus vivant : gardé"),
                               "notes.copc-tmp-pas-un-pid": bytes("pas à copc : gardé")])
        XCTAssertEqual(try runBounded(["fmt", dir], cpuSeconds: 20).status, 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        XCTAssertEqual(left, [".c.cop.copc-tmp-\(getpid())-fedcba9876543210", "c.cop", "notes.copc-tmp-pas-un-pid"])
    }

    /// fmt killed at random moments over many files: every file is either as it was or fully
    /// formatted, never truncated; the next run leaves no temporary behind.
    func testFmtKilledMidRunNeverTruncatesNorLeavesTemporaries() throws {
        let big = unformatted + String(repeating: "objectif 1.1 « O »\n  pilote:DGOS\n", count: 2000)
        var files: [String: [UInt8]] = [:]
        for k in 0..<60 { files["c\(k).cop"] = bytes(big) }
        let dir = try scratch(files)
        let formatted = try runBounded(["fmt", "-"], stdin: Data(big.utf8), cpuSeconds: 20).out
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<25 {
            let p = Process()
            p.executableURL = builtCopc
            p.arguments = ["fmt", dir]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32.random(in: 1_000...60_000, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            for k in 0..<60 {
                let now = try Data(contentsOf: URL(fileURLWithPath: dir + "/c\(k).cop"))
                XCTAssertTrue(now == Data(big.utf8) || now == formatted, "c\(k).cop tronqué ou mélangé (\(now.count) octets)")
            }
            // Refresh the inputs, so that each kill finds work to interrupt.
            for k in 0..<60 where k % 2 == 0 { try Data(big.utf8).write(to: URL(fileURLWithPath: dir + "/c\(k).cop")) }
        }
        XCTAssertEqual(try runBounded(["fmt", dir], cpuSeconds: 60).status, 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("copc-tmp") }
        XCTAssertEqual(left, [], "temporaires restants")
    }

    // MARK: 4. Unicode equivalence never widens the workspace

    func testUnicodeEquivalentSiblingIsOutside() throws {
        let annuaire = bytes("annuaire A « Annuaire »\nréférent SECRET « Donnée d'un dossier voisin »\n")
        // (inside folder, sibling folder): NFC vs NFD, NFD vs NFC, compatibility forms, case.
        let pairs = [("café", "cafe\u{301}"), ("cafe\u{301}", "café"), ("fi", "\u{FB01}"), ("Å", "A\u{30A}"), ("dossier", "Dossier")]
        for (inside, sibling) in pairs {
            let contract = robustHeader + "  utilise « ../\(sibling)/annuaire.cop »\naxe 1 « A »\n"
            let dir = try scratch(["\(inside)/c.cop": bytes(contract), "\(sibling)/annuaire.cop": annuaire])
            for target in [dir + "/\(inside)", dir + "/\(inside)/c.cop"] {
                let r = try runBounded(["check", target], cwd: "/", cpuSeconds: 20)
                XCTAssertTrue(r.text.contains("COP206") && r.text.contains("hors de l'espace de travail"), "\(inside) / \(sibling) : \(r.text)")
                XCTAssertFalse(r.text.contains("Donnée d'un dossier voisin"))
            }
        }
        // Byte-wise comparison, component by component.
        XCTAssertFalse(Paths.isInside("/w/cafe\u{301}/x", "/w/café"))
        XCTAssertFalse(Paths.isInside("/w/café/x", "/w/cafe\u{301}"))
        XCTAssertFalse(Paths.isInside("/w/ca", "/w/c"))
        XCTAssertFalse(Paths.isInside("/w/c2", "/w/c"))
        XCTAssertTrue(Paths.isInside("/w/c/d", "/w/c/"))
        XCTAssertTrue(Paths.isInside("/w", "/"))
        XCTAssertEqual(Paths.directory(of: "/w/\u{301}x"), "/w", "a « / » before a combining mark is a separator")
        XCTAssertEqual(Paths.normalize("/a/\u{301}b/../c"), "/a/c")
        XCTAssertEqual(Paths.relative("/w/café/x", to: "/w/cafe\u{301}"), "/w/café/x")
    }

    // MARK: 5. the workspace root never depends on the current folder

    func testWorkspaceRootIgnoresTheCurrentFolder() throws {
        let text = robustHeader + "  utilise « ../../../../../../../../../../etc/passwd »\naxe 1 « A »\n"
        let dir = try scratch(["a/b/c.cop": bytes(text)])
        for cwd in ["/", dir, dir + "/a", dir + "/a/b"] {
            for target in [dir + "/a/b/c.cop", dir + "/a/b", dir + "/a"] {
                let r = try runBounded(["check", target], cwd: cwd, cpuSeconds: 20)
                XCTAssertTrue(r.text.contains("hors de l'espace de travail"), "depuis \(cwd), \(target) : \(r.text)")
                XCTAssertFalse(r.text.contains("root:"), "une ligne de /etc/passwd est citée : \(r.text)")
            }
        }
    }

    func testWorkspaceRootIsTheNearestMarker() throws {
        let annuaire = bytes("annuaire A « Annuaire »\nréférent DSS « Direction de la sécurité sociale »\n")
        let contract = bytes(robustHeader + "  utilise « ../annuaires/a.cop »\naxe 1 « A »\nobjectif 1.1 « O »\n  pilote : DSS\n")
        for marker in ["copc.toml", ".git", ".git/"] {
            let dir = try scratch(["depot/contrats/c.cop": contract, "depot/annuaires/a.cop": annuaire])
            if marker.hasSuffix("/") { try FileManager.default.createDirectory(atPath: dir + "/depot/.git", withIntermediateDirectories: true) }
            else { _ = FileManager.default.createFile(atPath: dir + "/depot/" + marker, contents: Data("gitdir: ailleurs\n".utf8)) }
            for (cwd, target) in [("/", dir + "/depot/contrats/c.cop"), (dir + "/depot/contrats", "c.cop"), ("/", dir + "/depot/contrats")] {
                let r = try runBounded(["check", target], cwd: cwd, cpuSeconds: 20)
                XCTAssertFalse(r.text.contains("COP206") || r.text.contains("COP201"), "\(marker), depuis \(cwd) : \(r.text)")
            }
            XCTAssertEqual(WorkspaceRoot.of(dir + "/depot/contrats/c.cop"), dir + "/depot")
            XCTAssertEqual(WorkspaceRoot.of(dir + "/depot/contrats"), dir + "/depot")
        }
        // Without a marker: the folder of the file, or the folder given.
        let bare = try scratch(["contrats/c.cop": contract, "annuaires/a.cop": annuaire])
        XCTAssertEqual(WorkspaceRoot.of(bare + "/contrats/c.cop"), bare + "/contrats")
        XCTAssertEqual(WorkspaceRoot.of(bare), bare)
        XCTAssertTrue(try runBounded(["check", bare + "/contrats/c.cop"], cwd: bare, cpuSeconds: 20).text.contains("hors de l'espace de travail"))
        XCTAssertFalse(try runBounded(["check", bare], cwd: "/", cpuSeconds: 20).text.contains("COP206"))
        // The language server: a document outside every folder follows the same rule.
        let workspace = Driver.check(workspace: bare + "/contrats", overlays: [:], recursive: false, options: CheckOptions(au: testDate))
        XCTAssertTrue(workspace.diagnostics.contains { $0.code == .cop206 }, "\(workspace.diagnostics.map(\.text))")
        _ = FileManager.default.createFile(atPath: bare + "/copc.toml", contents: Data())
        let marked = Driver.check(workspace: bare + "/contrats", overlays: [:], recursive: false, options: CheckOptions(au: testDate))
        XCTAssertFalse(marked.diagnostics.contains { $0.code == .cop206 }, "\(marked.diagnostics.map(\.text))")
    }

    /// The editor is not sent outside the workspace either: « aller à la définition » on an
    /// `utilise` that leaves the root answers nothing (the check reports COP206).
    func testLanguageServerDefinitionStaysInTheWorkspace() throws {
        let dir = try scratch(["ws/c.cop": bytes(robustHeader + "  utilise « ../dehors/a.cop »\n  utilise « a.cop »\naxe 1 « A »\n"),
                               "ws/a.cop": bytes("annuaire A « A »\n"), "dehors/a.cop": bytes("annuaire B « B »\n")])
        let h = ServerHarness(root: dir + "/ws")
        h.open("c.cop", robustHeader + "  utilise « ../dehors/a.cop »\n  utilise « a.cop »\naxe 1 « A »\n")
        XCTAssertEqual(h.at("textDocument/definition", "c.cop", 5, 14), .null, "hors de l'espace de travail : pas de définition")
        XCTAssertEqual(h.at("textDocument/definition", "c.cop", 6, 14)["uri"]?.string, FileURI.uri(of: dir + "/ws/a.cop"))
    }

    /// A path checked inside the root, then swapped for a link before it is opened, is refused:
    /// `read(_:beneath:)` opens every component below the root without following links.
    func testReadBeneathNeverFollowsALink() throws {
        let dir = try scratch(["ws/vrai/x.cop": bytes("annuaire A « A »\n"), "dehors/x.cop": bytes("secret\n")])
        try FileManager.default.createSymbolicLink(atPath: dir + "/ws/lien", withDestinationPath: dir + "/dehors")
        try FileManager.default.createSymbolicLink(atPath: dir + "/ws/lien.cop", withDestinationPath: dir + "/dehors/x.cop")
        XCTAssertEqual(try FileSystem.read(dir + "/ws/vrai/x.cop", beneath: dir + "/ws"), bytes("annuaire A « A »\n"))
        for path in [dir + "/ws/lien/x.cop", dir + "/ws/lien.cop", dir + "/dehors/x.cop", dir + "/ws/../dehors/x.cop"] {
            XCTAssertThrowsError(try FileSystem.read(path, beneath: dir + "/ws"), path)
        }
        // Not a regular file: refused without blocking (a FIFO would block a plain open).
        XCTAssertEqual(mkfifo(dir + "/ws/tube.cop", 0o600), 0)
        XCTAssertThrowsError(try FileSystem.read(dir + "/ws/tube.cop", beneath: dir + "/ws"))
        let r = try runBounded(["check", dir + "/ws"], cpuSeconds: 10)
        XCTAssertNil(r.signal)
        XCTAssertFalse(r.text.contains("secret"))
    }

    // MARK: 6. directory links never make a walk loop or leave the root

    func testDirectoryLinksAreWalkedOnce() throws {
        let contract = bytes(robustHeader + "axe 1 « A »\n")
        let dir = try scratch(["ws/c.cop": contract, "ws/sous/d.cop": bytes("annuaire B « B »\n"), "dehors/secret.cop": bytes("annuaire S « Secret »\nréférent SECRET « hors de l'espace »\n")])
        let fm = FileManager.default
        _ = FileManager.default.createFile(atPath: dir + "/ws/copc.toml", contents: Data())
        try fm.createSymbolicLink(atPath: dir + "/ws/a", withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: dir + "/ws/b", withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: dir + "/ws/sous/parent", withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: dir + "/ws/sous/boucle1", withDestinationPath: "boucle2")
        try fm.createSymbolicLink(atPath: dir + "/ws/sous/boucle2", withDestinationPath: "boucle1")
        try fm.createSymbolicLink(atPath: dir + "/ws/dehors", withDestinationPath: dir + "/dehors")
        try fm.createSymbolicLink(atPath: dir + "/ws/lien-secret.cop", withDestinationPath: dir + "/dehors/secret.cop")
        try fm.createSymbolicLink(atPath: dir + "/ws/alias", withDestinationPath: "sous")
        for cwd in [dir + "/ws", "/"] {
            let r = try runBounded(["check", dir + "/ws", "--format", "json"], cwd: cwd, cpuSeconds: 20, memoryMB: 1024)
            XCTAssertNil(r.signal)
            // The two links out of the workspace are not followed, and said so (issue 21: never
            // silently); nothing of the file outside is read.
            XCTAssertEqual(r.status, 1, r.text + r.err)
            XCTAssertEqual(r.text.components(separatedBy: "lien symbolique qui sort de l'espace de travail : non suivi").count - 1, 2, r.text)
            XCTAssertTrue(r.text.contains("dehors\"") && r.text.contains("lien-secret.cop\""), r.text)
            XCTAssertFalse(r.text.contains("Secret") || r.text.contains("SECRET"), r.text)
        }
        let found = try FileSystem.copFiles(under: dir + "/ws", within: dir + "/ws").map { Paths.relative($0, to: dir + "/ws") }
        XCTAssertEqual(Set(found.map { FileSystem.realPath(dir + "/ws/" + $0)! }).count, found.count, "un fichier vu deux fois : \(found)")
        XCTAssertEqual(found, ["c.cop", "sous/d.cop"], "les vrais dossiers d'abord, chacun une fois")
        // fmt walks the same way.
        XCTAssertNil(try runBounded(["fmt", "--check", dir + "/ws"], cpuSeconds: 20, memoryMB: 1024).signal)
        // The language server's folder scan too.
        let ws = Driver.check(workspace: dir + "/ws", overlays: [:], options: CheckOptions(au: testDate))
        XCTAssertEqual(ws.files.count, 2, "\(ws.files.map(\.source.path))")
    }

    func testSymlinkLoopGivenAsPathIsNamed() throws {
        let dir = try scratch()
        try FileManager.default.createSymbolicLink(atPath: dir + "/x.cop", withDestinationPath: "y.cop")
        try FileManager.default.createSymbolicLink(atPath: dir + "/y.cop", withDestinationPath: "x.cop")
        try FileManager.default.createSymbolicLink(atPath: dir + "/casse.cop", withDestinationPath: "absent.cop")
        for command in ["check", "fmt", "emit"] {
            let r = try runBounded([command, dir + "/x.cop"], cpuSeconds: 20)
            XCTAssertEqual(r.status, 2)
            XCTAssertTrue(r.err.contains("boucle de liens symboliques"), r.err)
        }
        XCTAssertTrue(try runBounded(["check", dir + "/casse.cop"], cpuSeconds: 20).err.contains("lien symbolique vers un chemin introuvable"))
        XCTAssertTrue(try runBounded(["check", dir + "/rien.cop"], cpuSeconds: 20).err.contains("chemin introuvable"))
    }

    // MARK: 7. refusals echo the input byte for byte

    func testFmtStdinRefusalEchoesBytes() throws {
        let inputs: [[UInt8]] = [
            bytes("contrat C1 « C ") + [0xFF, 0xFE] + bytes(" »\n  période : 2021 .. 2023\n"),
            [0xEF, 0xBB, 0xBF] + bytes("contrat C1 « C\r\n") + [0xC3, 0x28, 0x00, 0x0D],
            bytes("contrat C1 « C »\r  période : 2021 .. 2023\r"),
            bytes("contrat C1 « C »\n  période : 2021 .. 2023\n") + [0xE9] + bytes("t\u{E9}\n"),
            [0xC0, 0x80, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80] + bytes("\n"),
            Array(repeating: 0x41, count: Limits.maxLineBytes + 1) + bytes("\n"),
        ]
        for input in inputs {
            let r = try runBounded(["fmt", "-"], stdin: Data(input), cpuSeconds: 20)
            XCTAssertEqual(r.status, 1, r.err)
            XCTAssertEqual([UInt8](r.out), input, "entrée non rendue à l'identique : \(r.err)")
            XCTAssertTrue(r.err.contains("laissée intacte"), r.err)
        }
        // Beyond the file limit: streamed back unchanged, in bounded memory.
        var huge = [UInt8](repeating: 0x23, count: Limits.maxFileBytes + 1_000_000)
        huge[0] = 0xFF
        let r = try runBounded(["fmt", "-"], stdin: Data(huge), cpuSeconds: 30, memoryMB: 1024)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.out.count, huge.count)
        XCTAssertTrue(r.out == Data(huge), "grande entrée non rendue à l'identique")
        XCTAssertTrue(r.err.contains("COP002"), r.err)
    }

    // MARK: 8. nesting: linear in elements and depth

    func testDeepAndWideNestingStayLinear() throws {
        func chain(_ n: Int, kind: String = "sous-objectif") -> String {
            var t = robustHeader + "axe 1 « A »\nobjectif 1 « O »\n  pilote : DGOS\n\(kind) S1 « s »\n"
            for k in 2...n { t += "\(kind) S\(k) « s » dans \(kind) S\(k - 1)\n" }
            return t
        }
        var alternating = robustHeader + "axe 1 « A »\nobjectif O1 « o »\n"
        for k in 2...20_000 { alternating += k % 2 == 0 ? "sous-objectif O\(k) « s » dans objectif O\(k - 1)\n" : "objectif O\(k) « o » dans sous-objectif O\(k - 1)\n" }
        var suppressed = robustHeader + "axe 1 « A »\n# copc: ignorer COP500 COP501 COP502 COP105\nobjectif 1 « O »\nsous-objectif « s »\n"
        for _ in 0..<20_000 { suppressed += "sous-objectif « s » dans objectif 1\naction 1.1.1 « a »\n" }
        // check and emit on 10 000 and 20 000 elements; the check alone on a chain of 100 000
        // (its IR, 64 levels deep for most elements, is 350 Mo of indentation).
        for (name, text, commands) in [("chaîne de 10 000", chain(10_000), ["check", "emit"]),
                                       ("alternée", alternating, ["check", "emit"]),
                                       ("ignorer hérité", suppressed, ["check", "emit"]),
                                       ("chaîne de 100 000", chain(100_000), ["check"])] {
            let dir = try scratch(["c.cop": bytes(text)])
            for command in commands {
                let r = try runBounded([command, dir + "/c.cop"], cpuSeconds: 60, memoryMB: 3072)
                XCTAssertNil(r.signal, "\(name), \(command) : tué par le signal \(r.signal ?? 0) \(r.err.suffix(300))")
                if name == "chaîne de 100 000" {
                    XCTAssertEqual(r.text.components(separatedBy: "COP002").count - 1, 1, "un seul COP002 par fichier")
                    XCTAssertTrue(r.text.contains("dépasserait 64 niveaux"))
                }
            }
        }
    }

    /// 20 000 undefined referents among 20 000 declared: each search for the nearest name was
    /// a pass over all of them (146 s); suggestions now stop at a budget of work.
    func testSuggestionsStayLinear() throws {
        var text = "contrat C1 « C »\n  type : COP\n  période : 2021 .. 2023\n"
        for k in 0..<20_000 { text += "référent REF\(k) « r »\n" }
        text += "axe 1 « A »\n"
        for k in 1...20_000 { text += "objectif 1.\(k) « o »\n  pilote : XEF\(k)\n" }
        let r = try runBounded(["check", try scratch(["c.cop": bytes(text)]) + "/c.cop"], cpuSeconds: 60, memoryMB: 2048)
        XCTAssertNil(r.signal, "tué : \(r.signal ?? 0)")
        XCTAssertTrue(r.text.contains("référent non défini « XEF1 » ; vouliez-vous dire « REF1 » ?"), String(r.text.prefix(1000)))
        XCTAssertTrue(r.text.contains("20000 erreurs"))
    }

    // MARK: limits

    func testLimitsAreRefusedInBoundedTimeAndMemory() throws {
        // A file above 16 Mio: not read.
        let dir = try scratch()
        let big = dir + "/gros.cop"
        _ = FileManager.default.createFile(atPath: big, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try h.truncate(atOffset: 100_000_000)
        try h.close()
        for command in ["check", "fmt"] {
            let r = try runBounded([command, big], cpuSeconds: 10, memoryMB: 512)
            XCTAssertNil(r.signal)
            XCTAssertTrue((r.text + r.err).contains("COP002") && (r.text + r.err).contains("100\u{202F}000\u{202F}000 octets"), r.text + r.err)
        }
        // A line above 64 Kio: refused, and fmt leaves the file as it is.
        let line = robustHeader + "axe 1 « " + String(repeating: "x", count: Limits.maxLineBytes) + " »\n"
        let long = try scratch(["c.cop": bytes(line)])
        let r = try runBounded(["check", long + "/c.cop"], cpuSeconds: 10)
        XCTAssertTrue(r.text.contains("COP002") && r.text.contains("ligne trop longue"), String(r.text.prefix(500)))
        XCTAssertEqual(try runBounded(["fmt", long + "/c.cop"], cpuSeconds: 10).status, 1)
        XCTAssertEqual(try String(contentsOfFile: long + "/c.cop", encoding: .utf8), line)
        // One million elements: the first 200 000 are read.
        var many = robustHeader + "axe 1 « A »\nobjectif 1 « O »\n  pilote : DGOS\n"
        many.reserveCapacity(16_000_000)
        for k in 1...1_000_000 { many += "action A\(k)\n" }
        let m = try runBounded(["check", try scratch(["c.cop": bytes(many)]) + "/c.cop", "--format", "gcc"], cpuSeconds: 60, memoryMB: 3072)
        XCTAssertNil(m.signal)
        // Items before the actions: contrat, référent, axe, objectif; « action A199997 » (line
        // 200 005) would be the 200 001st.
        XCTAssertTrue(m.text.contains("c.cop:200005:1: error: trop d'éléments dans ce fichier : au-delà de 200\u{202F}000"), String(m.text.suffix(500)))
        XCTAssertFalse(m.text.contains("c.cop:200006:"), "la suite n'est pas lue")
    }

    func testAvenantLimits() {
        // 101 avenants: the 101st is not applied (COP002 at its header), the first 100 are.
        var files: [(String, [UInt8])] = [("c.cop", bytes(cleanContract))]
        for n in 1...101 {
            files.append(("avenant-\(n).cop", bytes("avenant \(n) au contrat C1 « Avenant \(n) »\n  signé le : 2021-06-30\nmodifier action 1.1.1\n  délai : fin 2022\n")))
        }
        let r = Driver.check(sources: files, options: CheckOptions(au: testDate))
        XCTAssertEqual(r.contracts[0].versions.count, 101)
        let limit = r.diagnostics.filter { $0.code == .cop002 }
        XCTAssertEqual(limit.map(\.path), ["avenant-101.cop"])
        XCTAssertTrue(limit.first?.text.contains("plus de 100 avenants") == true)
        // An avenant adding below the deepest level: placed at level 64, COP002 at its `dans`.
        // objectif 9 nests under axe 1 (level 2), S1 at level 3 … S62 at level 64.
        var contract = cleanContract + "# copc: ignorer COP500 COP501 COP502\nobjectif 9 « O »\nsous-objectif S1 « s »\n"
        for k in 2...62 { contract += "sous-objectif S\(k) « s » dans sous-objectif S\(k - 1)  # copc: ignorer COP105\n" }
        let add = "avenant 1 au contrat C1 « Ajout »\n  signé le : 2021-06-30\najouter sous-objectif S63 « trop profond » dans sous-objectif S62\n"
        let deep = Driver.check(sources: [("c.cop", bytes(contract)), ("a.cop", bytes(add))], options: CheckOptions(au: testDate))
        XCTAssertEqual(deep.diagnostics.filter { $0.code == .cop002 }.map { "\($0.path):\($0.span?.start.line ?? 0)" }, ["a.cop:3"],
                       "\(deep.diagnostics.map(\.text))")
        let v1 = deep.contracts[0].versions[1]
        let added = v1.find(.sousObjectif, "S63")
        XCTAssertEqual(added?.parent.map { v1.tree[$0].id }, "S61", "rangé au niveau 64, à côté de son parent")
    }

    /// A diagnostic on a long line shows a window around its place (bounded output, caret
    /// aligned); control characters of a file never reach the terminal.
    func testExcerptsAreBoundedAndInert() {
        let line = "axe 1 « " + String(repeating: "é", count: 3000) + " » @ « " + String(repeating: "x", count: 3000) + " »"
        let out = DiagnosticRenderer.human(check("contrat C1 « C »\n  période : 2021 .. 2023\n" + line + "\n"), color: false)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertLessThan(lines.map(\.count).max() ?? 0, 400, "extrait non borné")
        guard let k = lines.firstIndex(where: { $0.hasPrefix("3 | …") }) else { return XCTFail(out) }
        let caret = lines[k + 1].firstIndex(of: "^").map { lines[k + 1].distance(from: lines[k + 1].startIndex, to: $0) }
        let at = lines[k].firstIndex(of: "@").map { lines[k].distance(from: lines[k].startIndex, to: $0) }
        XCTAssertEqual(caret, at, "le ^ est sous le @")
        let escape = DiagnosticRenderer.human(check("contrat C1 « C\u{1B}[2J »\n  période : 2021 .. 2023\naxe 1 « A »\n  pilote : X\u{7}\n"), color: false)
        XCTAssertFalse(escape.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, escape)
    }

    // MARK: smaller points

    func testMessageWithoutJSONRPCVersionIsRefused() throws {
        let p = try LSPProcess(binary: builtCopc)
        defer { p.process.terminate() }
        for (k, body) in [["id": 1, "method": "initialize", "params": ["capabilities": [:]]] as [String: Any],
                          ["jsonrpc": "1.0", "id": 2, "method": "initialize", "params": ["capabilities": [:]]],
                          ["jsonrpc": 2, "id": 3, "method": "initialize", "params": ["capabilities": [:]]]].enumerated() {
            p.write(p.frame(body))
            let answer = try XCTUnwrap(p.response(k + 1), "pas de réponse")
            XCTAssertEqual((answer["error"] as? [String: Any])?["code"] as? Int, ErrorCode.invalidRequest)
            XCTAssertTrue(((answer["error"] as? [String: Any])?["message"] as? String)?.contains("jsonrpc") == true)
        }
        // A notification without it is not acted upon either: the server was never initialised.
        p.write(p.frame(["method": "exit"]))
        XCTAssertNotNil(p.request("initialize", ["processId": NSNull(), "capabilities": [:]])?["result"], "le serveur sert toujours")
    }
}

/// The tests leave nothing in the system's temporary folder: they write below one folder per
/// test process, which an earlier run killed before its end leaves behind only until the next
/// run starts.
final class ScratchTests: XCTestCase {
    func testScratchIsOneFolderPerProcess() {
        XCTAssertTrue(scratchRoot.hasSuffix("/" + scratchPrefix + String(getpid()) + "/"))
        var isDir: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratchRoot, isDirectory: &isDir) && isDir.boolValue)
    }

    func testFoldersOfFinishedRunsAreRemoved() throws {
        let system = scratchRoot + "systeme-\(UUID().uuidString)/"
        let gone = system + scratchPrefix + String(Int32.max)    // no process has this number
        let alive = system + scratchPrefix + String(getppid())
        let other = system + scratchPrefix + "pas-un-numero"
        for dir in [gone, alive, other] { try FileManager.default.createDirectory(atPath: dir + "/sous", withIntermediateDirectories: true) }
        removeFinishedScratch(in: system)
        XCTAssertFalse(FileManager.default.fileExists(atPath: gone))
        XCTAssertTrue(FileManager.default.fileExists(atPath: alive))
        XCTAssertTrue(FileManager.default.fileExists(atPath: other))
    }
}
