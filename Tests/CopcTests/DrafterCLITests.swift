import XCTest
import Foundation
import CopcDriver

/// Issue 13 as a drafter meets it on the command line (the built binary): one file checked
/// in its context, paths without `.cop` files, the conventions of gcc/ruff/eslint users.
final class DrafterCLITests: XCTestCase {
    func run(_ args: [String], cwd: String? = nil, stdin: String? = nil, env extra: [String: String?] = ["NO_COLOR": "1"]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = builtCopc
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func tempDir(_ files: [String: String], marker: Bool = true) throws -> String {
        let dir = scratchRoot + "copc-redac-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if marker { try "".write(toFile: dir + "/copc.toml", atomically: true, encoding: .utf8) }
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    let contract = """
    contrat C1 « Contrat d'essai »
      type : COP
      période : 2021 .. 2023
      signé le : 2021-03-12
    utilise « annuaire.cop »
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
    let annuaire = """
    annuaire A « Référents »
    référent DGOS « Direction générale de l'offre de soins »

    """
    let avenant = """
    avenant 1 au contrat C1 « Fixation »
      signé le : 2022-06-30
    modifier indicateur 1.1.a
      cible 2023 : 60 %

    """

    func dossier() throws -> String {
        try tempDir(["dossier/contrat.cop": contract, "dossier/annuaire.cop": annuaire, "dossier/avenants/avenant-1.cop": avenant])
    }

    /// An avenant given alone finds its contract beside it: no « contrat inconnu ».
    func testAvenantAloneIsCheckedWithItsContract() throws {
        let dir = try dossier()
        let (status, out, _) = try run(["check", "dossier/avenants/avenant-1.cop", "--au", "2023-06-01", "--format", "gcc"], cwd: dir)
        XCTAssertEqual(status, 0, out)
        XCTAssertFalse(out.contains("COP209"), out)
        XCTAssertEqual(out, "")
    }

    /// A contract given alone sees the target its avenant set: no pending-target warning.
    func testContractAloneSeesItsAvenants() throws {
        let dir = try dossier()
        let (status, out, _) = try run(["check", dir + "/dossier/contrat.cop", "--au", "2023-06-01", "--format", "gcc"], cwd: "/")
        XCTAssertEqual(status, 0, out)
        XCTAssertFalse(out.contains("COP303"), out)
        // Without the avenant, the same contract reports the pending target.
        try FileManager.default.removeItem(atPath: dir + "/dossier/avenants/avenant-1.cop")
        let (_, out2, _) = try run(["check", dir + "/dossier/contrat.cop", "--au", "2023-06-01", "--format", "gcc"], cwd: "/")
        XCTAssertTrue(out2.contains("COP303"), out2)
    }

    /// What the named file breaks in another file is reported there, as a note, and does not
    /// fail the check; diagnostics of the other files that it did not cause are not shown.
    func testBreakageElsewhereIsANote() throws {
        let dir = try dossier()
        try (avenant + "supprimer action 1.1.1\n  motif : « abandon »\n").write(toFile: dir + "/dossier/avenants/avenant-1.cop", atomically: true, encoding: .utf8)
        let (status, out, _) = try run(["check", "dossier/avenants/avenant-1.cop", "--au", "2023-06-01", "--format", "gcc"], cwd: dir)
        XCTAssertEqual(status, 0, out)
        XCTAssertTrue(out.contains("dossier/contrat.cop:7:10: note: objectif 1.1 n'a aucune action [COP501]"), out)
        // An annuaire that loses a référent: the contract's references become notes there.
        try annuaire.replacingOccurrences(of: "DGOS «", with: "DGOX «").write(toFile: dir + "/dossier/annuaire.cop", atomically: true, encoding: .utf8)
        let (_, out2, _) = try run(["check", "dossier/annuaire.cop", "--au", "2023-06-01", "--format", "gcc"], cwd: dir)
        XCTAssertTrue(out2.contains("dossier/contrat.cop:8:12: note: référent non défini « DGOS »"), out2)
    }

    /// pre-commit passes the staged file names: each is checked in its context and reported.
    func testFileNamesAsPreCommitPassesThem() throws {
        let dir = try dossier()
        try avenant.replacingOccurrences(of: "60 %", with: "soixante").write(toFile: dir + "/dossier/avenants/avenant-1.cop", atomically: true, encoding: .utf8)
        let (status, out, _) = try run(["check", "dossier/contrat.cop", "dossier/avenants/avenant-1.cop", "--au", "2023-06-01", "--format", "gcc"], cwd: dir)
        XCTAssertEqual(status, 1, out)
        XCTAssertTrue(out.contains("dossier/avenants/avenant-1.cop:4:16: error: cible invalide"), out)
        XCTAssertFalse(out.contains("COP209"), out)
    }

    /// The context never goes above the workspace root: a contract above the marker is not read.
    func testContextStopsAtTheWorkspaceRoot() throws {
        let dir = try tempDir(["contrat.cop": contract, "annuaire.cop": annuaire, "sous/copc.toml": "", "sous/avenant-1.cop": avenant])
        let (status, out, _) = try run(["check", "sous/avenant-1.cop", "--format", "gcc"], cwd: dir)
        XCTAssertEqual(status, 1, out)
        XCTAssertTrue(out.contains("contrat inconnu « C1 »"), out)
    }

    /// A folder with no `.cop` file below it is a usage error (exit 2), not a silent success.
    func testFolderWithoutCopFilesIsExit2() throws {
        let dir = try tempDir(["LISEZMOI.txt": "rien"])
        let (status, out, err) = try run(["check", dir], cwd: "/")
        XCTAssertEqual(status, 2, out)
        XCTAssertTrue(err.contains("aucun fichier .cop dans"), err)
    }

    /// A binary file gives one diagnostic and nothing else; an empty file is a diagnostic.
    func testBinaryAndEmptyFiles() throws {
        let dir = try tempDir(["vide.cop": ""])
        var bytes = [UInt8]("contrat C1 « x »\n".utf8)
        for k in 0..<20_000 { bytes.append(UInt8(truncatingIfNeeded: k &* 7919)) }
        _ = FileManager.default.createFile(atPath: dir + "/binaire.cop", contents: Data(bytes))
        let (status, out, _) = try run(["check", "binaire.cop", "--format", "gcc"], cwd: dir)
        XCTAssertEqual(status, 1)
        XCTAssertEqual(out.split(separator: "\n").count, 1, out)
        XCTAssertTrue(out.contains("binaire.cop:2:1: error: fichier binaire ?"), out)
        let (_, human, _) = try run(["check", "binaire.cop"], cwd: dir)
        XCTAssertFalse(human.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no raw control character reaches the terminal")
        let (s2, out2, _) = try run(["check", "vide.cop", "--format", "gcc"], cwd: dir)
        XCTAssertEqual(s2, 1)
        XCTAssertEqual(out2, "vide.cop:1:1: error: fichier vide : un fichier .cop commence par « contrat », « avenant » ou « annuaire » [COP105]\n")
    }

    /// Control characters in a path named on the command line are escaped in the message.
    func testControlCharactersInAPathAreEscaped() throws {
        let (status, _, err) = try run(["check", "introuvable\u{1B}[31m.cop"], cwd: scratchRoot)
        XCTAssertEqual(status, 2)
        XCTAssertFalse(err.contains("\u{1B}"), err)
        XCTAssertTrue(err.contains("\\x1B[31m"), err)
    }

    /// `copc check -` reads standard input; `--nom-fichier` names it and gives it its context.
    func testCheckStandardInput() throws {
        let dir = try dossier()
        let text = avenant.replacingOccurrences(of: "60 %", with: "soixante")
        let (status, out, _) = try run(["check", "-", "--nom-fichier", "dossier/avenants/avenant-1.cop", "--format", "gcc", "--au", "2023-06-01"], cwd: dir, stdin: text)
        XCTAssertEqual(status, 1, out)
        XCTAssertTrue(out.hasPrefix("dossier/avenants/avenant-1.cop:4:16: error: cible invalide « soixante »"), out)
        XCTAssertFalse(out.contains("COP209"), "the contract beside the named path was found")
        // Without a name: checked alone, shown as entrée-standard.cop.
        let (s2, out2, _) = try run(["check", "-", "--format", "gcc"], cwd: dir, stdin: contract.replacingOccurrences(of: "fin 2022", with: "bientôt"))
        XCTAssertEqual(s2, 1)
        XCTAssertTrue(out2.contains("entrée-standard.cop:10:11: error: délai invalide « bientôt »"), out2)
        let (s3, _, err3) = try run(["check", "dossier", "--nom-fichier", "x.cop"], cwd: dir)
        XCTAssertEqual(s3, 2, err3)
    }

    /// `--couleur`/`--color` accept always/never/auto; `NO_COLOR` counts only when non-empty.
    func testColourChoices() throws {
        let dir = try tempDir(["c.cop": contract.replacingOccurrences(of: "fin 2022", with: "fin 2030")])
        for (flag, colored) in [("always", true), ("toujours", true), ("never", false), ("jamais", false)] {
            let (_, out, _) = try run(["check", "c.cop", "--color", flag], cwd: dir)
            XCTAssertEqual(out.contains("\u{1B}["), colored, flag)
        }
        let (s, _, err) = try run(["check", "c.cop", "--couleur", "parfois"], cwd: dir)
        XCTAssertEqual(s, 2)
        XCTAssertTrue(err.contains("always ou never"), err)
        // A terminal (script(1) gives one): an empty NO_COLOR leaves colours on, a set one removes them.
        guard FileManager.default.fileExists(atPath: "/usr/bin/script") else { return }
        var results: [Bool] = []
        for value in ["", "1"] {
            let q = Process()
            q.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            q.arguments = ["-qc", "\(builtCopc.path) check c.cop", "/dev/null"]
            q.currentDirectoryURL = URL(fileURLWithPath: dir)
            var env = ProcessInfo.processInfo.environment
            env["NO_COLOR"] = value
            env["TERM"] = "xterm"
            q.environment = env
            let out = Pipe()
            q.standardOutput = out
            q.standardInput = FileHandle.nullDevice
            try q.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            q.waitUntilExit()
            results.append(String(decoding: data, as: UTF8.self).contains("\u{1B}[1;31m"))
        }
        XCTAssertEqual(results, [true, false], "NO_COLOR empty: colours; NO_COLOR=1: none")
    }

    /// `-q` prints only the summary; `--strict` says warnings made it fail; `--niveau erreur`
    /// shows errors only, with the count of the rest and the command to see them.
    func testQuietStrictAndLevel() throws {
        let dir = try tempDir(["c.cop": contract.replacingOccurrences(of: "action 1.1.1 « Action »\n  délai : fin 2022\n  pilote : DGOS\n", with: "").replacingOccurrences(of: "à fixer par avenant", with: "60 %"), "annuaire.cop": annuaire])
        let (s1, out1, _) = try run(["check", ".", "-q"], cwd: dir)
        XCTAssertEqual(s1, 0)
        XCTAssertEqual(out1, "aucune erreur, 1 avertissement, aucune note\n")
        let (s2, out2, _) = try run(["check", ".", "--silencieux", "--strict"], cwd: dir)
        XCTAssertEqual(s2, 1)
        XCTAssertEqual(out2, "aucune erreur, 1 avertissement, aucune note ; échec : avec --strict, les avertissements font échouer la vérification\n")
        let (_, out3, _) = try run(["check", ".", "--niveau", "erreur", "--au", "2022-01-01"], cwd: dir)
        XCTAssertFalse(out3.contains("COP501"), out3)
        XCTAssertTrue(out3.hasSuffix("aucune erreur, 1 avertissement, aucune note\n1 avertissement non affiché (--niveau erreur) ; pour tout voir : copc check . --au 2022-01-01\n"), out3)
    }

    /// `--niveau avertissement` hides notes, and says so in the feminine.
    func testLevelWarningHidesNotes() throws {
        let dir = try tempDir(["c.cop": contract.replacingOccurrences(of: "à fixer par avenant", with: "60 %").replacingOccurrences(of: "  pilote : DGOS\naction", with: "  pilote : à déterminer\naction"), "annuaire.cop": annuaire])
        let (_, out, _) = try run(["check", ".", "--niveau", "avertissement"], cwd: dir)
        XCTAssertFalse(out.contains("note[COP208]"), out)
        XCTAssertTrue(out.hasSuffix("aucune erreur, aucun avertissement, 1 note\n1 note non affichée (--niveau avertissement) ; pour tout voir : copc check .\n"), out)
    }

    /// `expliquer` wraps to COLUMNS.
    func testExpliquerWrapsToTheTerminal() throws {
        let (_, out, _) = try run(["expliquer", "COP300"], env: ["COLUMNS": "50"])
        for line in out.split(separator: "\n") where !line.hasPrefix(" ") {
            XCTAssertLessThanOrEqual(line.unicodeScalars.count, 50, String(line))
        }
        XCTAssertFalse(out.contains("`"))
    }

    /// `fmt --check --diff` shows what would change as a unified diff and changes nothing.
    func testFmtDiff() throws {
        let messy = "contrat C1 « x »\n    période :   2021 .. 2023\n  signé le : 2021-03-12\naxe 1 « a »\n"
        let dir = try tempDir(["f.cop": messy])
        let (status, out, _) = try run(["fmt", "--check", "--diff", "f.cop"], cwd: dir)
        XCTAssertEqual(status, 1)
        XCTAssertEqual(out, "--- a/f.cop\n+++ b/f.cop\n@@ -1,4 +1,5 @@\n contrat C1 « x »\n-    période :   2021 .. 2023\n+  période : 2021 .. 2023\n   signé le : 2021-03-12\n+\n axe 1 « a »\n")
        XCTAssertEqual(try String(contentsOfFile: dir + "/f.cop", encoding: .utf8), messy, "nothing written")
    }
}
