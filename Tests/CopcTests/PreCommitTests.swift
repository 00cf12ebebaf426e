import XCTest
import Foundation
import CopcDriver

/// `scripts/pre-commit`, installed as a real Git hook in a throw-away repository: it checks
/// the staged versions of the .cop files, not the working tree.
final class PreCommitTests: XCTestCase {
    var repo = ""
    var copc = ""

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { throw XCTSkip("git absent") }
        copc = builtCopc.path
        repo = scratchRoot + "copc-hook-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try git("init", "-q")
        // The README's installation: a link from .git/hooks to the script.
        try FileManager.default.createSymbolicLink(atPath: repo + "/.git/hooks/pre-commit",
                                                   withDestinationPath: repositoryRoot + "/scripts/pre-commit")
    }

    override func tearDownWithError() throws {
        if !repo.isEmpty { try? FileManager.default.removeItem(atPath: repo) }
    }

    /// Runs git in the test repository (or in its subfolder `from`), isolated from the user's
    /// and the system's Git configuration (no global hooksPath, no signing), with COPC pointing
    /// at the built binary.
    @discardableResult
    func git(_ args: String..., from: String = "", expect: Int32? = 0) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: from.isEmpty ? repo : repo + "/" + from)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_AUTHOR_NAME"] = "Essai"; env["GIT_AUTHOR_EMAIL"] = "essai@exemple.invalid"
        env["GIT_COMMITTER_NAME"] = "Essai"; env["GIT_COMMITTER_EMAIL"] = "essai@exemple.invalid"
        env["COPC"] = copc
        env["NO_COLOR"] = "1"
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let out = String(decoding: data, as: UTF8.self)
        if let expect { XCTAssertEqual(p.terminationStatus, expect, "git \(args.joined(separator: " ")): \(out)") }
        return (p.terminationStatus, out)
    }

    func write(_ name: String, _ text: String) throws {
        let path = repo + "/" + name
        try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The number of commits (0 before the first: rev-list then fails).
    func commits() throws -> Int {
        Int(try git("rev-list", "--count", "HEAD", expect: nil).output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    let annuaire = "annuaire A « Annuaire »\nréférent DGOS « Direction générale de l'offre de soins »\n"
    var contract: String {
        cleanContract.replacingOccurrences(of: "référent DGOS « Direction générale de l'offre de soins »\n", with: "utilise « ../annuaire.cop »\n")
    }
    var broken: String { contract.replacingOccurrences(of: "fin 2022", with: "fin 2030") }

    func testRefusesAStagedErrorAndChecksTheIndexNotTheWorkingTree() throws {
        try write("annuaire.cop", annuaire)
        try write("contrats/c.cop", contract)
        try git("add", ".")
        try git("commit", "-q", "-m", "contrat propre")
        XCTAssertEqual(try commits(), 1)

        // A staged error refuses the commit, naming the repository path and the code.
        try write("contrats/c.cop", broken)
        try git("add", "contrats/c.cop")
        let refused = try git("commit", "-q", "-m", "délai hors période", expect: 1)
        XCTAssertTrue(refused.output.contains("erreur[COP300]"), refused.output)
        XCTAssertTrue(refused.output.contains("--> contrats/c.cop:10:11\n"), "paths of the repository, not of the export: \(refused.output)")
        XCTAssertTrue(refused.output.contains("commit refusé"), refused.output)
        XCTAssertEqual(try commits(), 1)

        // Fixed in the working tree but not staged: what would be committed is still wrong.
        try write("contrats/c.cop", contract)
        XCTAssertEqual(try git("commit", "-q", "-m", "correction non ajoutée", expect: 1).status, 1)
        XCTAssertEqual(try commits(), 1)

        // Staged fix, then a new unstaged error: the commit goes through.
        try git("add", "contrats/c.cop")
        try write("contrats/c.cop", broken)
        try write("notes.txt", "x\n")
        try git("add", "notes.txt")
        try git("commit", "-q", "-m", "avec correction")
        XCTAssertEqual(try commits(), 2)
    }

    /// A refused commit shows the errors only, then the count of warnings and the command
    /// that shows them (`--niveau erreur`), so that errors do not drown among warnings.
    func testRefusalShowsErrorsFirstWithTheCountOfWarnings() throws {
        try write("annuaire.cop", annuaire)
        // Two warnings (objective without action, without indicator) and one error.
        let noisy = broken + "objectif 1.2 « Sans rien »\n  pilote : DGOS\n"
        try write("contrats/c.cop", noisy)
        try git("add", ".")
        let refused = try git("commit", "-q", "-m", "bruyant", expect: 1)
        XCTAssertTrue(refused.output.contains("erreur[COP300]"), refused.output)
        XCTAssertFalse(refused.output.contains("avertissement[COP50"), refused.output)
        XCTAssertTrue(refused.output.contains("1 erreur, 2 avertissements, aucune note\n2 avertissements non affichés (--niveau erreur) ; pour tout voir : copc check ."), refused.output)
    }

    /// With COPC_FMT=oui, a staged file out of canonical layout is refused and named; once
    /// formatted and staged, the commit goes through. Without it, layout is not checked.
    func testLayoutIsCheckedOnRequest() throws {
        let messy = "CONTRAT C1 «Contrat»\nPERIODE:2021..2023\n"
        try write("c.cop", messy)
        try git("add", ".")
        try git("commit", "-q", "-m", "sans contrôle de mise en page")
        try write("c.cop", messy + "# ajout\n")
        try git("add", "c.cop")
        setenv("COPC_FMT", "oui", 1)
        defer { unsetenv("COPC_FMT") }
        let refused = try git("commit", "-q", "-m", "mise en page", expect: 1)
        XCTAssertTrue(refused.output.contains("à mettre en page : c.cop"), refused.output)
        XCTAssertTrue(refused.output.contains("pas en page canonique"), refused.output)
        XCTAssertEqual(try runCopc(["fmt", "c.cop"]), 0)
        try git("add", "c.cop")
        try git("commit", "-q", "-m", "mise en page")
        XCTAssertEqual(try commits(), 2)
    }

    func runCopc(_ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: copc)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: repo)
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Removing an annuaire that a contract still uses is caught (COP206), though the
    /// contract itself did not change.
    func testRefusesTheRemovalOfAnAnnuaireStillUsed() throws {
        try write("annuaire.cop", annuaire)
        try write("contrats/c.cop", contract)
        try git("add", ".")
        try git("commit", "-q", "-m", "initial")
        try git("rm", "-q", "annuaire.cop")
        let refused = try git("commit", "-q", "-m", "sans annuaire", expect: 1)
        XCTAssertTrue(refused.output.contains("COP206"), refused.output)
    }

    /// A relative COPC is read from the folder git was run from (git runs the hook from the
    /// top of the working tree): `COPC=../outils/copc` typed in `contrats/` names
    /// `outils/copc`, which does not exist as `../outils/copc` from the top.
    func testRelativeCopcIsReadFromTheFolderGitRanFrom() throws {
        try FileManager.default.createDirectory(atPath: repo + "/outils", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: repo + "/outils/copc", withDestinationPath: builtCopc.path)
        try write(".gitignore", "outils/\n")
        try write("annuaire.cop", annuaire)
        try write("contrats/c.cop", contract)
        try git("add", ".")
        copc = "../outils/copc"
        try git("commit", "-q", "-m", "contrat propre", from: "contrats")
        XCTAssertEqual(try commits(), 1)
        // The hook did run that copc: a staged error is refused, from the subfolder too.
        try write("contrats/c.cop", broken)
        try git("add", "c.cop", from: "contrats")
        let refused = try git("commit", "-q", "-m", "délai hors période", from: "contrats", expect: 1)
        XCTAssertTrue(refused.output.contains("erreur[COP300]"), refused.output)
        // From the top, the same relative path names nothing: a French message, no commit.
        let missing = try git("commit", "-q", "-m", "délai hors période", expect: 1)
        XCTAssertTrue(missing.output.contains("copc introuvable"), missing.output)
        // From the top, `outils/copc` is the right relative path.
        copc = "outils/copc"
        XCTAssertTrue(try git("commit", "-q", "-m", "délai hors période", expect: 1).output.contains("erreur[COP300]"))
        XCTAssertEqual(try commits(), 1)
    }

    /// A commit that touches no .cop file is not checked (and copc is not even needed).
    func testSkipsCommitsWithoutCopFiles() throws {
        try write("contrats/c.cop", broken)
        try git("add", ".")
        try git("commit", "-q", "--no-verify", "-m", "déjà cassé")
        try write("LISEZMOI.txt", "rien\n")
        try git("add", "LISEZMOI.txt")
        copc = "/nonexistent/copc"
        try git("commit", "-q", "-m", "documentation")
        XCTAssertEqual(try commits(), 2)
        // With a .cop change, a missing copc refuses the commit with a French explanation.
        try write("autre.cop", annuaire)
        try git("add", "autre.cop")
        let missing = try git("commit", "-q", "-m", "annuaire", expect: 1)
        XCTAssertTrue(missing.output.contains("copc introuvable"), missing.output)
    }
    /// Copies the fictitious example contract (contract and three avenants; avenant 3 modifies
    /// what avenant 2 added) into `folder` of the test repository.
    func writeExample(in folder: String) throws {
        let source = repositoryRoot + "/contracts/exemples/cop-fictif-ofe-2023-2027"
        for name in ["contrat.cop", "avenant-1.cop", "avenant-2.cop", "avenant-3.cop"] {
            try write(folder + "/" + name, try String(contentsOfFile: source + "/" + name, encoding: .utf8))
        }
    }

    /// Installs the hook as `scripts/pre-commit ARGS…`, as `.pre-commit-hooks.yaml` runs it.
    func installHook(_ args: String...) throws {
        let hook = repo + "/.git/hooks/pre-commit"
        try FileManager.default.removeItem(atPath: hook)
        let quoted = ([repositoryRoot + "/scripts/pre-commit"] + args).map { "'" + $0 + "'" }.joined(separator: " ")
        try ("#!/bin/sh\nexec " + quoted + " \"$@\"\n").write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
    }

    /// `git rm` of an avenant that a later one depends on leaves the contract with three
    /// errors (COP503, COP201, COP205): the removal touches a .cop file, so the hook runs.
    func testRefusesTheRemovalOfAnAvenantOthersDependOn() throws {
        try writeExample(in: "contrats/ofe")
        try git("add", ".")
        try git("commit", "-q", "-m", "contrat et avenants")
        try git("rm", "-q", "contrats/ofe/avenant-2.cop")
        let refused = try git("commit", "-q", "-m", "retrait de l'avenant 2", expect: 1)
        for code in ["COP503", "COP201", "COP205"] { XCTAssertTrue(refused.output.contains("erreur[\(code)]"), refused.output) }
        XCTAssertTrue(refused.output.contains("--> contrats/ofe/avenant-3.cop:"), refused.output)
        XCTAssertEqual(try commits(), 1)
        // Renaming a file is a removal and an addition: checked, and accepted when nothing breaks.
        try git("reset", "-q", "--hard")
        try git("mv", "contrats/ofe/avenant-1.cop", "contrats/ofe/avenant-01.cop")
        try git("commit", "-q", "-m", "renommage")
        XCTAssertEqual(try commits(), 2)
    }

    /// `--fichiers` (the copc-check-fichiers hook) checks the files of the commit, each in its
    /// context, and for a removed or renamed file the files left beside it and those that name
    /// it: the removal of an avenant others depend on, or of an annuaire still used from
    /// another folder, is refused; the removal of an unused file goes through. Arguments after
    /// `--fichiers` go to copc check.
    func testFilesModeChecksWhatARemovalBreaks() throws {
        try installHook("--fichiers")
        try writeExample(in: "contrats/ofe")
        try write("annuaires/dgos.cop", annuaire)
        try write("annuaires/autre.cop", "annuaire B « Autre »\nréférent DGS « Direction générale de la santé »\n")
        try write("contrats/c.cop", contract.replacingOccurrences(of: "../annuaire.cop", with: "../annuaires/dgos.cop"))
        try write("divers/vide.cop", "annuaire V « Inutilisé »\nréférent X « X »\n")
        try git("add", ".")
        try git("commit", "-q", "-m", "initial")

        // A staged error in a file of the commit.
        try write("contrats/c.cop", broken.replacingOccurrences(of: "../annuaire.cop", with: "../annuaires/dgos.cop"))
        try git("add", "contrats/c.cop")
        XCTAssertTrue(try git("commit", "-q", "-m", "erreur", expect: 1).output.contains("erreur[COP300]"))
        try git("reset", "-q", "--hard")

        // An avenant others depend on: avenant-3 beside it is checked in its context.
        try git("rm", "-q", "contrats/ofe/avenant-2.cop")
        let refused = try git("commit", "-q", "-m", "retrait de l'avenant 2", expect: 1)
        XCTAssertTrue(refused.output.contains("erreur[COP503]"), refused.output)
        try git("reset", "-q", "--hard")

        // An annuaire used from another folder: the contract that names it is checked.
        try git("rm", "-q", "annuaires/dgos.cop")
        let annuaireRefused = try git("commit", "-q", "-m", "retrait de l'annuaire", expect: 1)
        XCTAssertTrue(annuaireRefused.output.contains("COP206"), annuaireRefused.output)
        XCTAssertTrue(annuaireRefused.output.contains("contrats/c.cop"), annuaireRefused.output)
        try git("reset", "-q", "--hard")

        // An unused file, alone in its folder: nothing breaks.
        try git("rm", "-q", "divers/vide.cop")
        try git("commit", "-q", "-m", "retrait d'un annuaire inutilisé")
        XCTAssertEqual(try commits(), 2)

        // Arguments after --fichiers are options of copc check: with --strict, a warning
        // (an indicator without unit) refuses the commit.
        try installHook("--fichiers", "--strict")
        try write("contrats/c.cop", contract.replacingOccurrences(of: "../annuaire.cop", with: "../annuaires/dgos.cop")
            .replacingOccurrences(of: "  unité : %\n", with: ""))
        try git("add", "contrats/c.cop")
        let strict = try git("commit", "-q", "-m", "sans unité", expect: 1)
        XCTAssertTrue(strict.output.contains("avec --strict"), strict.output)
        XCTAssertEqual(try commits(), 2)
    }
    /// The framework's hooks (.pre-commit-hooks.yaml) run the hook script on every commit
    /// (`always_run`: its `files` filter never sees a removed file, so a removal-only commit
    /// was « Skipped »), and the script exits at once when no .cop changed. Run for real with
    /// the pre-commit framework by scripts/essai-pre-commit.sh.
    func testFrameworkHooksRunTheScriptOnRemovalsToo() throws {
        let yaml = try String(contentsOfFile: repositoryRoot + "/.pre-commit-hooks.yaml", encoding: .utf8)
        let hooks = yaml.components(separatedBy: "\n- id: ").dropFirst()
        var checked: [String] = []
        for hook in hooks {
            let id = String(hook.prefix { $0 != "\n" })
            guard id.hasPrefix("copc-check") else { continue }
            checked.append(id)
            XCTAssertTrue(hook.contains("\n  language: script\n"), id)
            XCTAssertTrue(hook.contains("\n  always_run: true\n"), id)
            XCTAssertTrue(hook.contains("\n  pass_filenames: false\n"), id)
            XCTAssertTrue(hook.contains("\n  entry: scripts/pre-commit"), id)
        }
        XCTAssertEqual(checked, ["copc-check", "copc-check-fichiers"])
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: repositoryRoot + "/scripts/pre-commit"))
    }
}
