import XCTest
import Foundation
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcModel
import CopcSema
import CopcDriver

/// Issue 21 items 2, 3, 5 (walks) and 7, issue 23 items 3 and 4, on the command line: what
/// files copc reads, how they are grouped into contracts, and the security of that.
final class WorkspaceSecurityTests: XCTestCase {
    let secret = "c2VjcmV0"

    /// A shell command (raw bytes in file names need the shell's `printf`), with `$COPC` the
    /// built binary.
    func shell(_ script: String, cwd: String, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["COPC"] = builtCopc.path
        env[WorkspaceTrust.variable] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    let contract = """
    contrat C1 « Contrat d'essai »
      type : COP
      période : 2021 .. 2023
      signé le : 2021-03-12
    référent DGOS « Direction générale de l'offre de soins »
    axe 1 « Axe »
    objectif 1.1 « Objectif »
      pilote : DGOS
    action 1.1.1 « Action »
      délai : fin 2022
      pilote : DGOS
    indicateur 1.1.a « Indicateur »
      unité : %
      cible 2021 .. 2022 : 50 %
      cible 2023 : à fixer par avenant

    """

    func avenant(_ n: Int, title: String = "Fixation", target: String = "60 %") -> String {
        """
        avenant \(n) au contrat C1 « \(title) »
          signé le : 2022-06-30
        modifier indicateur 1.1.a
          cible 2023 : \(target)

        """
    }

    // MARK: issue 21 item 2 — `utilise` never reads a secret

    /// A throw-away repository whose `.git/config` holds a CI checkout's credential header, and
    /// `.env` a secret: a contract that `utilise`s them (directly, through `..`, through a link,
    /// in a hidden folder, in a `.cop` file that is not a contract) gets one COP206 each, and the
    /// secret appears in no output of any command.
    func testUtiliseNeverQuotesASecret() throws {
        let dir = try scratch()
        XCTAssertEqual(try shell("git init -q . && git config http.extraheader 'AUTHORIZATION: basic \(secret)'", cwd: dir).status, 0)
        XCTAssertTrue(try String(contentsOfFile: dir + "/.git/config", encoding: .utf8).contains(secret))
        let files: [String: String] = [
            ".env": "TOKEN=\(secret)\n",
            "notes.txt": "mot de passe : \(secret)\n",
            "divers/secret.cop": "cle = ligne-du-cop\nligne-du-cop\n",
            ".cache/annuaire.cop": "annuaire X « \(secret) »\n",
            "contrats/contrat.cop": contract.replacingOccurrences(of: "  signé le : 2021-03-12\n", with: """
              signé le : 2021-03-12
              utilise « ../.git/config »
              utilise « ../.env »
              utilise « ../notes.txt »
              utilise « ../divers/secret.cop »
              utilise « ../.cache/annuaire.cop »
              utilise « lien.cop »

            """),
            "contrats/avenant-1.cop": avenant(1),
        ]
        for (name, text) in files {
            try FileManager.default.createDirectory(atPath: Paths.directory(of: dir + "/" + name), withIntermediateDirectories: true)
            try text.write(toFile: dir + "/" + name, atomically: false, encoding: .utf8)
        }
        try FileManager.default.createSymbolicLink(atPath: dir + "/contrats/lien.cop", withDestinationPath: "../.git/config")
        let commands = [
            "$COPC check contrats", "$COPC check contrats/contrat.cop", "$COPC check .",
            "$COPC check contrats --format gcc", "$COPC check contrats --format json", "$COPC check contrats --format sarif",
            "$COPC check contrats/avenant-1.cop", "$COPC check - --nom-fichier contrats/avenant-1.cop < contrats/avenant-1.cop",
            "$COPC emit contrats", "$COPC emit contrats/contrat.cop",
            "$COPC rendre contrats --format markdown", "$COPC rendre contrats/contrat.cop --format html",
            "$COPC rendre contrats --format csv", "$COPC rendre contrats --format cop", "$COPC calendrier contrats",
            "$COPC diff contrats", "$COPC bilan contrats", "$COPC fmt --check .", "$COPC fmt --check contrats/contrat.cop",
            "$COPC check .git/config", "$COPC check .env", "$COPC fmt --check .git/config", "$COPC emit .env",
            "$COPC check contrats/lien.cop", "$COPC fmt --check contrats/lien.cop", "$COPC rendre contrats/lien.cop",
        ]
        for c in commands {
            let r = try shell(c, cwd: dir)
            XCTAssertFalse((r.out + r.err).contains(secret), "« \(c) » cite le secret :\n\(r.out)\n\(r.err)")
            XCTAssertFalse((r.out + r.err).contains("AUTHORIZATION"), "« \(c) » cite .git/config :\n\(r.out)\n\(r.err)")
        }
        let r = try shell("$COPC check contrats --format gcc", cwd: dir)
        XCTAssertEqual(r.status, 1)
        for (line, name) in [(5, "../.git/config"), (6, "../.env"), (7, "../notes.txt"), (8, "../divers/secret.cop"),
                             (9, "../.cache/annuaire.cop"), (10, "lien.cop")] {
            XCTAssertTrue(r.out.contains("contrats/contrat.cop:\(line):3: error: « \(name) » n'est pas un fichier de contrat"), r.out)
        }
        // Reported once each, and nothing else of those files.
        XCTAssertEqual(r.out.components(separatedBy: "n'est pas un fichier de contrat").count - 1, 6, r.out)
        XCTAssertFalse(r.out.contains("divers/secret.cop:") || r.out.contains("ligne-du-cop"), r.out)
        // Named, a file that is not a `.cop` file is refused unread.
        for c in ["$COPC check .git/config", "$COPC check contrats/lien.cop", "$COPC fmt contrats/lien.cop"] {
            let named = try shell(c, cwd: dir)
            XCTAssertEqual(named.status, 2, c)
            XCTAssertTrue(named.err.contains("n'est pas un fichier .cop"), named.err)
        }
        // The walk names the link and does not follow it.
        XCTAssertTrue(r.out.contains("contrats/lien.cop:1:1: error: non lu : lien symbolique vers un fichier caché ou qui n'est pas un .cop"), r.out)
        // The editor's folder check reads the same way.
        let ws = Driver.check(workspace: dir, overlays: [:], options: CheckOptions(au: testDate))
        XCTAssertFalse(ws.diagnostics.contains { $0.text.contains(secret) || $0.notes.contains { $0.message.text.contains(secret) } })
        XCTAssertFalse(ws.files.contains { $0.realPath.hasSuffix(".env") || $0.realPath.contains("/.git/") })
        // A `.cop` file that is part of the check on its own is reported as any file: one line of a
        // `.cop` file is what a diagnostic may quote.
        let own = try shell("$COPC check divers", cwd: dir)
        XCTAssertTrue(own.out.contains("divers/secret.cop:1:1") && own.out.contains("cle = ligne-du-cop"), own.out)
    }

    // MARK: issue 21 item 3 — the context of a named file is the contract's own

    /// For every contract folder of the repository (contracts/** and examples/), every file named
    /// alone gives, on itself, the diagnostics the check of its folder gives on it; a contract
    /// named alone gives the IR of its folder, version by version.
    func testEveryRepositoryFileAloneMatchesItsFolder() throws {
        var folders: [String] = []
        for top in ["contracts", "examples"] {
            for path in try FileSystem.copFiles(under: repositoryRoot + "/" + top) {
                let h = try String(contentsOfFile: path, encoding: .utf8)
                if h.split(separator: "\n").contains(where: { $0.hasPrefix("contrat ") }) { folders.append(Paths.directory(of: path)) }
            }
        }
        XCTAssertGreaterThanOrEqual(folders.count, 6, "\(folders)")
        let options = CheckOptions(au: testDate)
        func key(_ d: Diagnostic) -> String {
            "\(d.code.rawValue) \(d.severity) \(d.span?.start.line ?? 0):\(d.span?.start.column ?? 0) \(d.text)"
        }
        var compared = 0
        for folder in folders {
            let whole = try Driver.check(paths: [folder], options: options)
            for file in try FileSystem.copFiles(under: folder) {
                let alone = try Driver.check(paths: [file], options: options)
                let shown = alone.files.first { $0.realPath == file }?.source.path ?? file
                let expected = whole.diagnostics.filter { $0.path == shown }.map(key)
                let actual = alone.diagnostics.filter { $0.path == shown }.map(key)
                XCTAssertEqual(actual, expected, "\(file) seul ≠ \(folder)")
                compared += 1
                guard let c = alone.contracts.first(where: { alone.fileTable[$0.file].path == shown }) else { continue }
                let w = try XCTUnwrap(whole.contracts.first { whole.fileTable[$0.file].path == shown })
                XCTAssertEqual(c.versions.count, w.versions.count, file)
                for (v, wv) in zip(c.versions, w.versions) {
                    XCTAssertEqual(IR.emit(c, version: v, files: alone.fileTable), IR.emit(w, version: wv, files: whole.fileTable), "\(file) v\(v.number)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 18)
    }

    /// The repro of issue 21: a marker planted in a shared ancestor (here a private stand-in for
    /// `/tmp`) and a stranger's avenant below it. Whether the marker is trusted or not, the
    /// stranger's avenant is not part of the victim's contract; named alone or by its folder, the
    /// contract renders the same. An untrusted marker is reported (COP004) and does not widen
    /// what `utilise` may read; `COPC_REPERTOIRES_SURS` trusts it.
    func testMarkerInASharedAncestor() throws {
        let shared = try scratch([
            "copc.toml": [],
            "annuaire-commun.cop": bytes("annuaire A « Commun »\nréférent DGS « Direction générale de la santé »\n"),
            "victime/c.cop": bytes(contract),
            "etranger/avenant-1.cop": bytes(avenant(1).replacingOccurrences(of: "modifier indicateur 1.1.a\n  cible 2023 : 60 %", with: "modifier contrat\n  titre : « Titre changé par un inconnu »")),
        ])
        // Trusted (ours): the stranger's avenant, outside the contract's folder, is not applied.
        let alone = try shell("$COPC rendre victime/c.cop --format markdown", cwd: shared)
        let folder = try shell("$COPC rendre victime --format markdown", cwd: shared)
        XCTAssertEqual(alone.status, 0, alone.err)
        XCTAssertEqual(alone.out, folder.out)
        XCTAssertFalse(alone.out.contains("inconnu"), alone.out)
        // The folder above both: the avenant is an orphan that names the declaration elsewhere.
        let above = try shell("$COPC check . --format gcc", cwd: shared)
        XCTAssertTrue(above.out.contains("etranger/avenant-1.cop:1:22: error: contrat « C1 » déclaré hors du dossier de ce fichier"), above.out)

        // Untrusted: owned by someone else.
        try (contract.replacingOccurrences(of: "  signé le : 2021-03-12\n", with: "  signé le : 2021-03-12\n  utilise « ../annuaire-commun.cop »\n"))
            .write(toFile: shared + "/victime/c.cop", atomically: false, encoding: .utf8)
        let marker = shared + "/copc.toml"
        if geteuid() == 0 {
            XCTAssertEqual(chown(marker, 4242, 4242), 0)
            let r = try shell("$COPC check victime/c.cop --format gcc", cwd: shared)
            XCTAssertTrue(r.out.contains("copc.toml:1:1: warning: repère d'espace de travail ignoré : ce « copc.toml » (ou son dossier) appartient à l'utilisateur n° 4242"), r.out)
            XCTAssertTrue(r.out.contains("COPC_REPERTOIRES_SURS=\(shared)"), r.out)
            XCTAssertTrue(r.out.contains("fichier importé hors de l'espace de travail « ../annuaire-commun.cop »"), r.out)
            let a = try shell("$COPC rendre victime/c.cop --format markdown", cwd: shared)
            let b = try shell("$COPC rendre victime --format markdown", cwd: shared)
            XCTAssertEqual(a.out, b.out)
            XCTAssertFalse(a.out.contains("inconnu"))
            // The opt-in.
            for value in [shared, "/ailleurs:\(shared)", "*"] {
                let t = try shell("$COPC check victime/c.cop --format gcc", cwd: shared, environment: [WorkspaceTrust.variable: value])
                XCTAssertFalse(t.out.contains("COP004") || t.out.contains("COP206"), "\(value) : \(t.out)")
            }
        }
        // The same decision in-process, as another user (whatever user runs the tests).
        let other = WorkspaceTrust(user: 4343)
        let r = try Driver.check(paths: [shared + "/victime/c.cop"], options: CheckOptions(au: testDate), trust: other)
        XCTAssertTrue(r.diagnostics.contains { $0.code == .cop004 && $0.path.hasSuffix("copc.toml") }, "\(r.diagnostics.map(\.text))")
        XCTAssertTrue(r.diagnostics.contains { $0.code == .cop206 && $0.text.contains("hors de l'espace de travail") })
        XCTAssertEqual(WorkspaceRoot.of(shared + "/victime", trust: other), shared + "/victime")
        XCTAssertEqual(WorkspaceRoot.of(shared + "/victime", trust: WorkspaceTrust(user: 4343, safeFolders: [shared])), shared)
        XCTAssertEqual(WorkspaceRoot.of(shared + "/victime", trust: WorkspaceTrust(user: 4343, everything: true)), shared)
        XCTAssertNil(WorkspaceTrust(user: 0).distrust(marker: "/", in: "/"), "root's own folders are trusted")
    }

    /// An untrusted marker is passed over, and a trusted one above it still bounds the workspace.
    func testUntrustedMarkerIsPassedOverToATrustedOneAbove() throws {
        let dir = try scratch(["copc.toml": [], "a/copc.toml": [], "a/b/c.cop": bytes(contract)])
        guard geteuid() == 0 else {
            // Not root: the files are ours; as another user nothing is trusted but root's.
            let r = WorkspaceRoot.resolve(dir + "/a/b", trust: WorkspaceTrust(user: 4242))
            XCTAssertEqual(r?.root, dir + "/a/b")
            XCTAssertEqual(r?.untrusted.map(\.path), [dir + "/a/copc.toml", dir + "/copc.toml"])
            return
        }
        XCTAssertEqual(chown(dir + "/a/copc.toml", 4242, 4242), 0)
        let r = WorkspaceRoot.resolve(dir + "/a/b", trust: .current)
        XCTAssertEqual(r?.root, dir)
        XCTAssertEqual(r?.marker, dir + "/copc.toml")
        XCTAssertEqual(r?.untrusted, [WorkspaceRoot.UntrustedMarker(path: dir + "/a/copc.toml", owner: 4242)])
        // A folder owned by someone else makes its marker untrusted too.
        XCTAssertEqual(chown(dir + "/a/copc.toml", 0, 0), 0)
        XCTAssertEqual(chown(dir + "/a", 4242, 4242), 0)
        XCTAssertEqual(WorkspaceRoot.resolve(dir + "/a/b", trust: .current)?.untrusted.first?.owner, 4242)
    }

    // MARK: issue 21 items 5 and 7 — walks report what they skip; paths are bytes

    /// `avenant-r\xE9vis\xE9.cop` from a Windows archive is read and applied by a folder walk and
    /// when named, shown escaped; an unreadable folder, a path beyond PATH_MAX and a broken
    /// link are each reported (COP001), never skipped silently.
    func testNonUTF8NameIsReadAndApplied() throws {
        let dir = try scratch(["copc.toml": [], "contrat.cop": bytes(contract)])
        XCTAssertEqual(try shell("printf '%s' \"$AV\" > \"$(printf 'avenant-r\\351vis\\351.cop')\"", cwd: dir, environment: ["AV": avenant(1)]).status, 0)
        let folder = try shell("$COPC check . --au 2023-06-01 --format gcc", cwd: dir)
        XCTAssertEqual(folder.status, 0, folder.out + folder.err)
        XCTAssertFalse(folder.out.contains("COP303"), "l'avenant n'est pas appliqué : \(folder.out)")
        // Named directly: read, with its contract.
        let named = try shell("$COPC check \"$(printf 'avenant-r\\351vis\\351.cop')\" --au 2023-06-01 --format gcc", cwd: dir)
        XCTAssertEqual(named.status, 0, named.out + named.err)
        XCTAssertFalse(named.err.contains("introuvable"), named.err)
        // Its diagnostics name it with its raw bytes escaped.
        XCTAssertEqual(try shell("printf '%s' \"$AV\" > \"$(printf 'avenant-r\\351vis\\351.cop')\"", cwd: dir,
                                 environment: ["AV": avenant(1, target: "soixante")]).status, 0)
        let bad = try shell("$COPC check . --au 2023-06-01 --format gcc", cwd: dir)
        XCTAssertTrue(bad.out.contains("avenant-r\\xE9vis\\xE9.cop:4:16: error: cible invalide"), bad.out)
        let emitted = try shell("$COPC emit . --au 2023-06-01", cwd: dir)
        XCTAssertTrue(emitted.out.contains("avenant-r\\\\xE9vis\\\\xE9.cop"), emitted.out)
        // fmt reads, names and writes it too.
        XCTAssertEqual(try shell("printf '%s' \"$AV\" > \"$(printf 'avenant-r\\351vis\\351.cop')\"", cwd: dir,
                                 environment: ["AV": avenant(1).replacingOccurrences(of: "  cible", with: "      cible")]).status, 0)
        let layout = try shell("$COPC fmt --check .", cwd: dir)
        XCTAssertTrue(layout.out.contains("à mettre en page : avenant-r\\xE9vis\\xE9.cop\n"), layout.out)
        XCTAssertEqual(try shell("$COPC fmt . && $COPC fmt --check .", cwd: dir).status, 0)
    }

    func testPathBytesRoundTrip() {
        let samples: [[UInt8]] = [
            Array("avenant-révisé.cop".utf8), [0x61, 0xE9, 0x62], [0xFF, 0xFE, 0x2F, 0x80],
            Array("\u{F7E9}".utf8), [0xEF, 0x9F, 0xA9, 0xE9], [0xC3], [0xF0, 0x9F, 0x98], Array("é/ü".utf8),
        ]
        for s in samples {
            let path = PathBytes.decode(s)
            XCTAssertEqual(PathBytes.encode(path), s, "\(s)")
        }
        XCTAssertEqual(PathBytes.decode(Array("avenant-révisé.cop".utf8)), "avenant-révisé.cop")
        XCTAssertEqual(PathBytes.shown(PathBytes.decode([0x61, 0xE9, 0x2F, 0x62])), "a\\xE9/b")
        XCTAssertNotEqual(PathBytes.decode(Array("\u{F7E9}".utf8)), PathBytes.decode([0xE9]))
        // Random byte strings round-trip.
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let s = (0..<Int.random(in: 0...12, using: &g)).map { _ in UInt8.random(in: 1...255, using: &g) }
            XCTAssertEqual(PathBytes.encode(PathBytes.decode(s)), s)
        }
    }

    func testWalkReportsWhatItCannotRead() throws {
        let dir = try scratch(["copc.toml": [], "contrat.cop": bytes(contract), "fermé/avenant-1.cop": bytes(avenant(1))])
        try FileManager.default.createSymbolicLink(atPath: dir + "/casse.cop", withDestinationPath: "absent.cop")
        XCTAssertEqual(chmod(dir + "/fermé", 0), 0)
        defer { chmod(dir + "/fermé", 0o755) }
        // Root reads every folder: the check then runs as nobody.
        XCTAssertEqual(try shell("chmod -R a+rX . && chmod 0 fermé", cwd: dir).status, 0)
        let prefix = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        let r = try shell(prefix + "$COPC check . --au 2023-06-01 --format gcc", cwd: dir)
        XCTAssertEqual(r.status, 1, r.out + r.err)
        XCTAssertTrue(r.out.contains("fermé:1:1: error: non lu : dossier illisible (accès refusé)"), r.out)
        XCTAssertTrue(r.out.contains("casse.cop:1:1: error: non lu : lien symbolique vers un chemin introuvable"), r.out)
        let fmt = try shell(prefix + "$COPC fmt --check .", cwd: dir)
        XCTAssertEqual(fmt.status, 2, fmt.out + fmt.err)
        XCTAssertTrue(fmt.err.contains("fermé : non lu : dossier illisible"), fmt.err)
    }

    func testPathBeyondPATH_MAXIsReported() throws {
        let dir = try scratch(["copc.toml": [], "contrat.cop": bytes(contract), "profond/.garde": []])
        defer { _ = try? shell("rm -rf profond", cwd: dir) }
        // 20 levels of 250 bytes: 5 000 bytes, beyond PATH_MAX (4 096), made one level at a time
        // below an open folder (no path that long can be named).
        let name = String(repeating: "p", count: 250)
        var fd = open(dir + "/profond", O_RDONLY | O_DIRECTORY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        for _ in 0..<20 {
            XCTAssertEqual(mkdirat(fd, name, 0o755), 0)
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
        }
        let file = openat(fd, "avenant-1.cop", O_WRONLY | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(file, 0)
        _ = Array(avenant(1).utf8).withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
        close(fd)
        let r = try shell("$COPC check . --au 2023-06-01 --format gcc", cwd: dir)
        XCTAssertEqual(r.status, 1, r.out + r.err)
        XCTAssertTrue(r.out.contains(": error: non lu : chemin trop long pour le système"), r.out)
    }

    // MARK: copc.toml

    func testConfigurationSubsetAndErrors() {
        func read(_ text: String) -> WorkspaceConfig { WorkspaceConfig.parse(Array(text.utf8), root: "/r") }
        XCTAssertEqual(read("exclure = [\"Tests\", 'archives/2019/', \"./a\\u00e9\"]\n").excluded, ["/r/Tests", "/r/archives/2019", "/r/aé"])
        let multi = read("# configuration\n\nexclure = [  # les essais\n  \"Tests\",\n  \"b\", # fin\n]  # ok\n")
        XCTAssertEqual(multi.excluded, ["/r/Tests", "/r/b"])
        XCTAssertEqual(multi.problems, [])
        XCTAssertEqual(read("exclure = []\r\n").problems, [])
        func problem(_ text: String) -> WorkspaceConfig.Problem? { read(text).problems.first }
        XCTAssertEqual(problem("[copc]\nexclure = []\n"), .init(line: 1, column: 1, problem: .table))
        XCTAssertEqual(problem("exlure = [\"Tests\"]\n"), .init(line: 1, column: 1, problem: .unknownKey("exlure", suggestion: "exclure")))
        XCTAssertEqual(problem("exclure = []\nexclure = []\n"), .init(line: 2, column: 1, problem: .duplicateKey("exclure")))
        XCTAssertEqual(problem("\n  exclure = 3\n"), .init(line: 2, column: 13, problem: .expectedStringList(key: "exclure")))
        XCTAssertEqual(problem("exclure = [\"../x\"]\n"), .init(line: 1, column: 12, problem: .invalidExcludedFolder))
        XCTAssertEqual(problem("exclure = [\"/etc\"]\n"), .init(line: 1, column: 12, problem: .invalidExcludedFolder))
        XCTAssertEqual(problem("exclure = [\"a\n"), .init(line: 1, column: 14, problem: .unterminatedString))
        XCTAssertEqual(problem("exclure = [\"a\",\n"), .init(line: 2, column: 1, problem: .unterminatedArray))
        XCTAssertEqual(problem("exclure = [\"a\" \"b\"]\n"), .init(line: 1, column: 16, problem: .expectedComma))
        XCTAssertEqual(problem("exclure = [] x\n"), .init(line: 1, column: 14, problem: .trailingText))
        XCTAssertEqual(problem("exclure\n"), .init(line: 1, column: 8, problem: .expectedEquals(key: "exclure")))
        XCTAssertEqual(problem("exclure =\n"), .init(line: 1, column: 10, problem: .expectedValue))
        XCTAssertEqual(problem("= 1\n"), .init(line: 1, column: 1, problem: .expectedKey))
        XCTAssertEqual(problem("exclure = [\"a\\q\"]\n"), .init(line: 1, column: 15, problem: .badEscape))
        XCTAssertEqual(WorkspaceConfig.parse([0x65, 0x0A, 0xFF], root: "/r").problems.first?.problem, .notUTF8)
        // What .git/config would give: one problem, and no text of the file in its message.
        let git = read("[http]\n\textraheader = AUTHORIZATION: basic \(secret)\n")
        XCTAssertEqual(git.problems.count, 1)
        for p in git.problems { XCTAssertFalse(Message.invalidConfiguration(line: p.line, column: p.column, p.problem).text.contains(secret)) }
        let after = read("extraheader = AUTHORIZATION: basic \(secret)\n")
        for p in after.problems { XCTAssertFalse(Message.invalidConfiguration(line: p.line, column: p.column, p.problem).text.contains(secret)) }
    }

    /// `exclure` leaves folders out of every walk below the root — but a folder or a file named
    /// inside one is checked; a `copc.toml` that is a link is not read (it could be a link to
    /// `.git/config`), and says so.
    func testExclusionsAndALinkedConfiguration() throws {
        let broken = "contrat C1 « Doublon cassé »\n  type : INCONNU\n"
        let dir = try scratch(["copc.toml": bytes("exclure = [\"Tests\"]\n"), "contrats/c.cop": bytes(contract),
                               "Tests/cas/c.cop": bytes(broken), "Tests2/c.cop": bytes(contract)])
        let options = CheckOptions(au: testDate)
        let all = try Driver.check(paths: [dir], options: options)
        XCTAssertFalse(all.files.contains { $0.realPath.contains("/Tests/") }, "\(all.files.map(\.realPath))")
        XCTAssertTrue(all.files.contains { $0.realPath.contains("/Tests2/") })
        let inside = try Driver.check(paths: [dir + "/Tests/cas"], options: options)
        XCTAssertTrue(inside.diagnostics.contains { $0.code == .cop103 }, "\(inside.diagnostics.map(\.text))")
        let named = try Driver.check(paths: [dir + "/Tests/cas/c.cop"], options: options)
        XCTAssertTrue(named.diagnostics.contains { $0.code == .cop103 })
        // The editor's folder check excludes the same.
        let ws = Driver.check(workspace: dir, overlays: [dir + "/Tests/cas/nouveau.cop": bytes(broken)], options: options)
        XCTAssertFalse(ws.files.contains { $0.realPath.contains("/Tests/") })

        try FileManager.default.removeItem(atPath: dir + "/copc.toml")
        try "[http]\n\textraheader = AUTHORIZATION: basic \(secret)\n".write(toFile: dir + "/config-git", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/copc.toml", withDestinationPath: "config-git")
        let r = try shell("$COPC check contrats --format gcc", cwd: dir)
        XCTAssertTrue(r.out.contains("copc.toml:1:1: error: copc.toml, ligne 1, colonne 1 : fichier non lu (lien symbolique refusé sous l'espace de travail) [COP003]"), r.out)
        XCTAssertFalse(r.out.contains(secret) || r.err.contains(secret))
    }

    // MARK: issue 23 item 3 — one rule for the command line and the editor

    func testMembershipRule() {
        typealias F = Membership.File
        let files = [
            F(folder: "/r/c", kind: .contract, contract: "X"),          // 0
            F(folder: "/r/c/avenants", kind: .avenant, contract: "X"),  // 1: below → 0
            F(folder: "/r/autre", kind: .avenant, contract: "X"),       // 2: sibling → orphan, declared elsewhere
            F(folder: "/r/c", kind: .contract, contract: "X"),          // 3: same folder → duplicate of 0
            F(folder: "/r/c/vieux", kind: .contract, contract: "X"),    // 4: nested → its own
            F(folder: "/r/c/vieux/av", kind: .avenant, contract: "X"),  // 5: → 4, the nearest
            F(folder: "/r/Tests/cas", kind: .contract, contract: "X"),  // 6: elsewhere → its own, no error
            F(folder: "/r/c", kind: .bilan, contract: "X"),             // 7: → 0
            F(folder: "/r/c", kind: .annuaire, contract: "A"),          // 8: nobody's
            F(folder: "/r/c", kind: .avenant, contract: "Y"),           // 9: unknown
        ]
        let a = Membership.assign(files)
        XCTAssertEqual(a.owner, [0, 0, nil, nil, 4, 4, 6, 0, nil, nil])
        XCTAssertEqual(a.duplicateOf, [3: 0])
        XCTAssertEqual(a.declaredElsewhere, [2: 0])
        XCTAssertNil(Membership.nearest(["/r/c": 0], from: "/r/cc"), "compared by components")
        XCTAssertEqual(Membership.nearest(["/": 0], from: "/a/b"), 0)
    }

    /// Opening contracts/cop-cng-2021-2025/contrat.cop in an editor at the repository root:
    /// the test fixtures that also declare COP-CNG are other contracts, never a COP200 for it;
    /// the repository's `copc.toml` leaves them out of the walk.
    func testRepositoryHasNoFalseDuplicateForTheEditor() throws {
        let cng = repositoryRoot + "/contracts/cop-cng-2021-2025/contrat.cop"
        let config = WorkspaceConfig.load(root: repositoryRoot, marker: repositoryRoot + "/copc.toml")
        XCTAssertEqual(config.excluded, [repositoryRoot + "/Tests"])
        XCTAssertEqual(config.problems, [])
        let ws = Driver.check(workspace: repositoryRoot, overlays: [:], options: CheckOptions(au: testDate))
        XCTAssertFalse(ws.diagnostics.contains { $0.code == .cop200 && $0.path.hasSuffix("cop-cng-2021-2025/contrat.cop") })
        XCTAssertFalse(ws.files.contains { $0.realPath.hasPrefix(repositoryRoot + "/Tests/") })
        // Without the exclusion, still no duplicate: fixtures are in other folders.
        let copy = try scratch()
        XCTAssertEqual(try shell("cp -r \(repositoryRoot)/contracts \(repositoryRoot)/Tests . && touch copc.toml", cwd: copy).status, 0)
        let full = Driver.check(workspace: copy, overlays: [:], options: CheckOptions(au: testDate))
        XCTAssertTrue(full.files.contains { $0.realPath.hasPrefix(copy + "/Tests/") })
        XCTAssertFalse(full.diagnostics.contains { $0.code == .cop200 && $0.path.hasSuffix("cop-cng-2021-2025/contrat.cop") },
                       "\(full.diagnostics.filter { $0.code == .cop200 }.map(\.path))")
        // The one rule, as an API: the files of the CNG contract, and only them.
        let sources = SourceSet(displayBase: repositoryRoot, readsDisk: true)
        let context = try XCTUnwrap(Driver.contexts(of: [EditorDocument(path: cng, workspaceFolder: repositoryRoot)], sources: sources).first)
        XCTAssertEqual(context.root, repositoryRoot)
        XCTAssertEqual(context.files.map { Paths.relative($0, to: repositoryRoot) },
                       ["contracts/cop-cng-2021-2025/bilan-2024.cop", "contracts/cop-cng-2021-2025/contrat.cop"])
        XCTAssertEqual(context.notices, [])
        let documents = Driver.check(context: context, sources: sources, options: CheckOptions(au: testDate))
        XCTAssertFalse(documents.diagnostics.contains { $0.code == .cop200 })
        XCTAssertEqual(Set(documents.files.map(\.realPath)), Set(context.files + [repositoryRoot + "/contracts/cop-cng-2021-2025/annuaire.cop"]))
    }

    /// A bilan, an avenant or an annuaire named alone — or on standard input with a name — is
    /// checked with its contract (issue 23: COP209 « contrat inconnu » on a correct bilan).
    func testBilanAvenantAnnuaireAloneAndOnStandardInput() throws {
        let folder = repositoryRoot + "/contracts/exemples/suivi-annuel-fictif"
        for file in ["bilan-2024.cop", "avenant-1.cop", "contrat.cop"] {
            let r = try shell("$COPC check \(file) --format gcc --au 2025-06-01", cwd: folder)
            XCTAssertEqual(r.status, 0, "\(file) : \(r.out)\(r.err)")
            XCTAssertFalse(r.out.contains("COP209"), r.out)
            let s = try shell("$COPC check - --nom-fichier \(file) --format gcc --au 2025-06-01 < \(file)", cwd: folder)
            XCTAssertEqual(s.status, 0, "- \(file) : \(s.out)\(s.err)")
            XCTAssertEqual(s.out, r.out)
        }
        let annuaire = try shell("$COPC check annuaire.cop --format gcc", cwd: repositoryRoot + "/contracts/cop-cng-2021-2025")
        XCTAssertEqual(annuaire.status, 0, annuaire.out)
        // An annuaire imported from another folder finds its contract there.
        let dir = try scratch(["copc.toml": [], "annuaires/a.cop": bytes("annuaire A « A »\nréférent DGOS « Direction »\n"),
                               "contrats/c.cop": bytes(contract.replacingOccurrences(of: "référent DGOS « Direction générale de l'offre de soins »\n", with: "  utilise « ../annuaires/a.cop »\n"))])
        try "annuaire A « A »\nréférent DGOX « Direction »\n".write(toFile: dir + "/annuaires/a.cop", atomically: false, encoding: .utf8)
        let broken = try shell("$COPC check annuaires/a.cop --format gcc", cwd: dir)
        XCTAssertTrue(broken.out.contains("contrats/c.cop:8:12: note: référent non défini « DGOS »"), broken.out)
    }

    // MARK: issue 23 item 4 — a named file's context reads headers only

    func testSurveyReadsTheFirstElementOnly() {
        func header(_ text: String) -> FileHeader { Survey.header(of: Array(text.utf8), whole: true) }
        XCTAssertEqual(header(avenant(2)), FileHeader(kind: .avenant, contract: "C1", imports: [], complete: true))
        XCTAssertEqual(header("\u{FEFF}# bilan\nbilan 2024 du contrat C1 « B »\n  établi le : 2025-03-01\nindicateur 1.a\n  réalisé : 3\n"),
                       FileHeader(kind: .bilan, contract: "C1", imports: [], complete: true))
        XCTAssertEqual(header("utilise « a.cop »\nréférent X « X »\ncontrat C2 « T »\n  texte : \"\"\"\n  avenant 3 au contrat Z\n  \"\"\"\n  utilise « b.cop »\naxe 1 « A »\n  utilise « c.cop »\n"),
                       FileHeader(kind: .contract, contract: "C2", imports: ["a.cop", "b.cop"], complete: true))
        XCTAssertEqual(header("annuaire A\nutilise « x.cop »\n").imports, ["x.cop"])
        XCTAssertEqual(header("x = 1\n").kind, .unknown)
        XCTAssertEqual(header("contrat C « bilan annuel »\n  bilan annuel : 31 mars\n").contract, "C")
        // A first element longer than the bound: read up to it, said incomplete.
        let long = "contrat L « L »\n" + String(repeating: "  texte : « \(String(repeating: "x", count: 100)) »\n", count: 1000)
        let h = Survey.header(of: Array(long.utf8.prefix(Survey.maxBytes)), whole: false)
        XCTAssertEqual(h.kind, .contract)
        XCTAssertEqual(h.contract, "L")
        XCTAssertFalse(h.complete)
    }

    /// A first element refused for its encoding (Windows-1252, UTF-16, a NUL byte) is marked
    /// undecodable — such a file joins every context surveyed (`FileContext`); a first element
    /// that decodes, or a decoded file without a header, is not.
    func testSurveyMarksUndecodableFirstElements() {
        let latin = "contrat C « Un titre accentué »\n  période : 2021 .. 2023\n".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "contrat C « T »\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        for bytes in [latin, utf16, Array("contrat C « T »\n".utf8) + [0] + Array("  période : 2021 .. 2023\n".utf8)] {
            let h = Survey.header(of: bytes, whole: true)
            XCTAssertEqual(h.kind, .unknown)
            XCTAssertTrue(h.undecodable, "\(bytes.prefix(12))")
        }
        // A file whose first element is ASCII is filed by its header, its later bytes unread.
        let later = Array("avenant 2 au contrat C\n  signe le : 2022-01-10\nmodifier action 1.1\n".utf8) + [0x64, 0xE9, 0x6C, 0x61, 0x69, 0x0A]
        let h = Survey.header(of: later, whole: true)
        XCTAssertEqual(h.kind, .avenant)
        XCTAssertFalse(h.undecodable)
        XCTAssertFalse(Survey.header(of: Array("x = 1\n".utf8), whole: true).undecodable)
        XCTAssertFalse(Survey.header(of: Array(avenant(2).utf8), whole: true).undecodable)
    }

    /// `copc check F.cop` and the editor parse its contract's files, not everything below the
    /// root: with a hundred other contract folders beside it, the first elements read are those
    /// of its folder, and the files built in full are the context's.
    func testNamedFileParsesOnlyItsContext() throws {
        var files: [String: [UInt8]] = ["copc.toml": [], "c/contrat.cop": bytes(contract), "c/avenant-1.cop": bytes(avenant(1))]
        for k in 0..<100 { files["autres/\(k)/contrat.cop"] = bytes(contract.replacingOccurrences(of: "C1", with: "K\(k)")) }
        let dir = try scratch(files)
        let sources = SourceSet(displayBase: dir, readsDisk: true)
        let contexts = Driver.contexts(of: [EditorDocument(path: dir + "/c/avenant-1.cop", workspaceFolder: dir)], sources: sources)
        XCTAssertEqual(sources.builds, 0, "the survey builds no file")
        XCTAssertEqual(sources.headerReads, 2, "the first elements of c/, not of the hundred other folders")
        let r = Driver.check(context: try XCTUnwrap(contexts.first), sources: sources, options: CheckOptions(au: testDate))
        XCTAssertEqual(sources.builds, 2)
        XCTAssertEqual(r.files.count, 2)
        XCTAssertFalse(r.diagnostics.contains { $0.code == .cop209 })
    }

    /// An avenant whose contract is declared neither in its folder nor above (an orphan) is
    /// checked with the contracts of its folder, named alone as in the editor: its COP209
    /// suggests the id meant, as the check of the folder does; the other files say nothing.
    func testAnOrphanNamedAloneIsCheckedWithTheContractsOfItsFolder() throws {
        let dir = try scratch(["copc.toml": [], "contrat.cop": bytes(contract), "avenant-1.cop": bytes(avenant(1)),
                               "avenant-2.cop": bytes(avenant(2).replacingOccurrences(of: "au contrat C1", with: "au contrat C7"))])
        let alone = try Driver.check(paths: [dir + "/avenant-2.cop"], options: CheckOptions(au: testDate))
        let folder = try Driver.check(paths: [dir], options: CheckOptions(au: testDate))
        XCTAssertEqual(alone.diagnostics.map(\.text), ["contrat inconnu « C7 » ; vouliez-vous dire « C1 » ?"])
        XCTAssertEqual(folder.diagnostics.map(\.text), alone.diagnostics.map(\.text))
        XCTAssertEqual(Set(alone.files.map(\.realPath)), Set(folder.files.map(\.realPath)))
        // No contract in its folder: checked alone.
        let lone = try scratch(["copc.toml": [], "a/avenant-2.cop": bytes(avenant(2))])
        let r = try Driver.check(paths: [lone + "/a/avenant-2.cop"], options: CheckOptions(au: testDate))
        XCTAssertEqual(r.files.map(\.realPath), [lone + "/a/avenant-2.cop"])
        XCTAssertEqual(r.diagnostics.map(\.text), ["contrat inconnu « C1 »"])
    }
}
