import XCTest
import Foundation
import CopcDriver

/// copc and git in a throw-away repository (issues 21 and 23): git's external diff driver over a
/// whole history (renames, avenants added, revised and removed, annuaire and bilan edits, names
/// with spaces, a leading dash and bytes that are not UTF-8), `git difftool` on added and
/// deleted files, and `copc diff --git` between revisions.
final class DiffGitTests: XCTestCase {
    func process(_ executable: URL, _ args: [String], in dir: String, env extra: [String: String]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["HOME"] = dir
        env["NO_COLOR"] = "1"
        env["GIT_PAGER"] = "cat"
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func git(_ args: [String], in dir: String, env: [String: String] = [:]) throws -> (Int32, String, String) {
        try process(URL(fileURLWithPath: "/usr/bin/git"), args, in: dir, env: env)
    }

    func run(_ args: [String], cwd: String) throws -> (Int32, String, String) {
        try process(builtCopc, args, in: cwd, env: [:])
    }

    func tempDir(_ files: [String: String]) throws -> String {
        let dir = scratchRoot + "copc-git-\(UUID().uuidString)"
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `-c diff.copc.command=…`: the driver for one git command.
    var driver: [String] { ["-c", "diff.copc.command=" + builtCopc.path + " diff"] }

    /// The history of the test repository: commit message → id.
    struct History {
        let repo: String
        var commits: [String: String] = [:]
    }

    static let example = repositoryRoot + "/" + DiffCLITests.example

    /// A repository holding the example contract (its référent OFE.DSI moved to an annuaire),
    /// then one commit per event a reviewer meets.
    func makeHistory() throws -> History {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { throw XCTSkip("git absent") }
        let contract = try String(contentsOfFile: Self.example + "/contrat.cop", encoding: .utf8)
            .replacingOccurrences(of: "référent OFE.DSI « Direction des systèmes d'information de l'Office »\n  rattachement : OFE\n",
                                  with: "utilise « annuaire.cop »\n")
        let annuaire = """
        annuaire OFE-ANN « Annuaire de l'Office »
        référent OFE.DSI « Direction des systèmes d'information de l'Office »
          rattachement : OFE
        référent OFE.COM « Communication de l'Office »

        """
        let repo = try tempDir([".gitattributes": "*.cop diff=copc\n", "c/contrat.cop": contract, "c/annuaire.cop": annuaire,
                                    "c/avenant-1.cop": try String(contentsOfFile: Self.example + "/avenant-1.cop", encoding: .utf8)])
        var h = History(repo: repo)
        for args in [["init", "-q"], ["config", "user.email", "essai@example.org"], ["config", "user.name", "Essai"]] {
            XCTAssertEqual(try git(args, in: repo).0, 0)
        }
        func commit(_ message: String) throws {
            XCTAssertEqual(try git(["add", "-A"], in: repo).0, 0)
            let r = try git(["commit", "-qm", message], in: repo)
            XCTAssertEqual(r.0, 0, r.2)
            h.commits[message] = try git(["rev-parse", "HEAD"], in: repo).1.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: repo + "/" + name, atomically: true, encoding: .utf8)
        }
        func edit(_ name: String, _ from: String, _ to: String) throws {
            let text = try String(contentsOfFile: repo + "/" + name, encoding: .utf8)
            XCTAssertTrue(text.contains(from), "\(name): \(from)")
            try write(name, text.replacingOccurrences(of: from, with: to))
        }
        try commit("contrat, annuaire et avenant 1")
        try write("c/avenant-2.cop", try String(contentsOfFile: Self.example + "/avenant-2.cop", encoding: .utf8))
        try commit("avenant 2")
        XCTAssertEqual(try git(["mv", "c/avenant-2.cop", "c/-avenant 02.cop"], in: repo).0, 0)
        try commit("renommage de l'avenant 2")
        try write("c/avenant-3.cop", try String(contentsOfFile: Self.example + "/avenant-3.cop", encoding: .utf8))
        try commit("avenant 3")
        try edit("c/avenant-3.cop", "cible 2027 : 70 %", "cible 2027 : 72 %")
        try commit("avenant 3 révisé")
        try edit("c/annuaire.cop", "Direction des systèmes d'information de l'Office", "Direction du numérique de l'Office")
        try edit("c/annuaire.cop", "référent OFE.COM «", "référent OFE.COMM «")
        try write("c/annuaire.cop", try String(contentsOfFile: repo + "/c/annuaire.cop", encoding: .utf8) + "référent OFE.JUR « Affaires juridiques »\n")
        try commit("annuaire")
        try write("c/bilan-2024.cop", """
        bilan 2024 du contrat COP-OFE « Bilan annuel 2024 »
          établi le : 2025-03-01

        indicateur 1.1.a
          réalisé : 52 %
          analyse : « Retard de l'outil de suivi »

        action 1.1.1
          état : finalisé

        """)
        try commit("bilan 2024")
        try edit("c/bilan-2024.cop", "réalisé : 52 %", "réalisé : 56 %")
        try edit("c/bilan-2024.cop", "Retard de l'outil de suivi", "Outil de suivi livré en mars")
        try edit("c/bilan-2024.cop", "état : finalisé", "état : en cours")
        try commit("bilan 2024 révisé")
        XCTAssertEqual(try git(["rm", "-q", "c/avenant-3.cop"], in: repo).0, 0)
        try commit("avenant 3 retiré")
        // A name in Latin-1 (unzipped from a Windows archive): not UTF-8.
        let sh = Process()
        sh.executableURL = URL(fileURLWithPath: "/bin/sh")
        sh.arguments = ["-c", "mv 'c/-avenant 02.cop' \"$(printf 'c/avenant-r\\351vis\\351.cop')\""]
        sh.currentDirectoryURL = URL(fileURLWithPath: repo)
        try sh.run()
        sh.waitUntilExit()
        XCTAssertEqual(sh.terminationStatus, 0)
        try commit("nom en Latin-1")
        return h
    }

    /// `git log -p --ext-diff` over the whole history exits 0 and shows, commit by commit,
    /// what each change means — never « comparaison impossible », never a line diff of a
    /// `.cop` file, never an error from judging an old commit against today's files.
    func testLogShowsEverySemanticDiff() throws {
        let h = try makeHistory()
        let r = try git(driver + ["log", "-p", "--ext-diff", "-M", "--format=@@@ %s"], in: h.repo)
        XCTAssertEqual(r.0, 0, r.2)
        XCTAssertEqual(r.2, "", "no error judged against today's files")
        XCTAssertFalse(r.1.contains("comparaison impossible"), r.1)
        var byCommit: [String: String] = [:]
        for part in r.1.components(separatedBy: "@@@ ").dropFirst() {
            let lines = part.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            byCommit[String(lines[0])] = lines.count > 1 ? String(lines[1]) : ""
        }
        XCTAssertEqual(byCommit.count, 10, byCommit.keys.joined(separator: ", "))
        for (message, diff) in byCommit where message != "contrat, annuaire et avenant 1" {
            XCTAssertFalse(diff.contains("\n+++ "), "\(message): no line diff of a .cop file\n\(diff)")
        }
        func shows(_ message: String, _ fragments: [String], file: StaticString = #filePath, line: UInt = #line) {
            let diff = byCommit[message] ?? ""
            for f in fragments { XCTAssertTrue(diff.contains(f), "\(message): « \(f) »\n\(diff)", file: file, line: line) }
        }
        // The first commit: an annuaire and an avenant added, the contract itself.
        shows("contrat, annuaire et avenant 1", [
            "copc diff — annuaire OFE-ANN : (absent) → b/c/annuaire.cop\nannuaire ajouté",
            "élément-ajouté  référent OFE.DSI « Direction des systèmes d'information de l'Office »",
            "copc diff — contrat COP-OFE : version 0 (telle que signée, en vigueur le 15\u{00A0}février 2023) → version 1 (en vigueur le 1er\u{00A0}novembre 2023)",
            "avenant ajouté : ce qu'il change à la version 0 du contrat",
            "cible-fixée  indicateur 1.1.a « Part des demandes traitées en moins de trente jours » — cible 2024\n    à fixer par avenant → 55 %",
            "contrat ajouté : « Contrat d'objectifs et de performance de l'Office fictif des essais 2023-2027 », 2 axes, 3 objectifs, 5 actions, 4 indicateurs"])
        // An avenant added: what it changes, clause by clause — not « fichier ajouté ».
        shows("avenant 2", [
            "avenant 2 « Raccourcissement du contrat et nouvelles actions » (ajouté) — signé le 28\u{A0}juin 2024, en vigueur le 1er\u{A0}juillet 2024",
            "élément-ajouté  action 1.1.3 « Ouvrir un service de rendez-vous en ligne »",
            "élément-supprimé  action 2.1.2 « Regrouper les sites de traitement »",
            "avenant 2, c/avenant-2.cop:17 — motif : « Regroupement des sites abandonné après l'étude d'impact »"])
        // A rename (git's nine arguments, a leading dash, a space): a modification, nothing changed.
        shows("renommage de l'avenant 2", [
            "copc diff — contrat COP-OFE : a/c/avenant-2.cop → b/c/-avenant 02.cop",
            "rename from c/avenant-2.cop ; rename to c/-avenant 02.cop",
            "(renommé)", "aucun changement"])
        shows("avenant 3 révisé", [
            "copc diff — contrat COP-OFE : a/c/avenant-3.cop → b/c/avenant-3.cop",
            "cible-modifiée  indicateur 1.1.a « Part des demandes traitées en moins de trente jours » — cible 2027\n    70 % → 72 %\n    avenant 3, c/avenant-3.cop:10"])
        // An annuaire: référents renamed (title), re-identified (same title), added.
        shows("annuaire", [
            "copc diff — annuaire OFE-ANN : a/c/annuaire.cop → b/c/annuaire.cop",
            "titre-modifié  référent OFE.DSI — titre\n    Direction [-des systèmes d'information-]{+du numérique+} de l'Office",
            "identifiant-modifié  référent OFE.COMM « Communication de l'Office » — identifiant\n    OFE.COM → OFE.COMM",
            "élément-ajouté  référent OFE.JUR « Affaires juridiques »"])
        shows("bilan 2024", ["copc diff — bilan 2024 du contrat COP-OFE : (absent) → b/c/bilan-2024.cop\nbilan ajouté",
                             "+ réalisé 2024 : 52 %"])
        // A bilan: réalisé judged against its target, état, analyse — titles from the contract.
        shows("bilan 2024 révisé", [
            "réalisé-modifié  indicateur 1.1.a « Part des demandes traitées en moins de trente jours » — réalisé 2024\n    52 % → 56 %\n    cible 2024 : 55 % — non atteinte → atteinte",
            "état-modifié  action 1.1.1 « Publier un guide des demandes » — état\n    finalisé → en cours",
            "propriété-modifiée  indicateur 1.1.a « Part des demandes traitées en moins de trente jours » — analyse\n    [-Retard-]{+Outil+} de [-l'outil de suivi-]{+suivi livré en mars+}",
            "bilan 2024, c/bilan-2024.cop:5"])
        // An avenant removed: what its removal undoes, each change named by its clause.
        shows("avenant 3 retiré", [
            "avenant supprimé : ce qu'il faisait est défait, le contrat revient à sa version 2",
            "avenant 3 « Prolongation d'un an » (supprimé)",
            "cible-retirée  indicateur 1.1.a « Part des demandes traitées en moins de trente jours » — cible 2027\n    72 % → (absent)\n    avenant 3, c/avenant-3.cop:10",
            "période-modifiée"])
        shows("nom en Latin-1", ["copc diff — contrat COP-OFE : a/c/-avenant 02.cop → b/c/avenant-r\\xE9vis\\xE9.cop", "aucun changement"])
    }

    /// An old commit is read at its own revision: after the avenant was removed from the
    /// working tree, `git show` of its revision still applies it to its contract as it was.
    func testOldCommitIsJudgedAtItsRevision() throws {
        let h = try makeHistory()
        // Today's working tree has no avenant-3.cop and a renamed avenant 2.
        let r = try git(driver + ["show", "--ext-diff", "--format=", h.commits["avenant 3 révisé"]!], in: h.repo)
        XCTAssertEqual(r.0, 0, r.2)
        XCTAssertEqual(r.2, "")
        XCTAssertTrue(r.1.contains("avenant 3 « Prolongation d'un an » (modifié)"), r.1)
        XCTAssertTrue(r.1.contains("1 changement : 1 cible modifiée"), r.1)
        // A worktree in which avenant 2 is a duplicate would have given errors: none.
        try "garbage".write(toFile: h.repo + "/c/avenant-2.cop", atomically: true, encoding: .utf8)
        let again = try git(driver + ["show", "--ext-diff", "--format=", h.commits["avenant 3 révisé"]!], in: h.repo)
        XCTAssertEqual(again.1, r.1)
        XCTAssertEqual(again.2, "")
    }

    /// `git diff` across several commits: git does not say which revision the texts are; copc
    /// says so and compares the two texts alone, clause by clause.
    func testUnknownRevisionIsSaidAndTextsComparedAlone() throws {
        let h = try makeHistory()
        let r = try git(driver + ["diff", h.commits["avenant 2"]!, h.commits["avenant 3 révisé"]!, "--", "c/avenant-3.cop"], in: h.repo)
        XCTAssertEqual(r.0, 0, r.2)
        XCTAssertTrue(r.1.contains("révision inconnue : git ne dit pas de quel commit viennent ces textes, ils sont comparés seuls"), r.1)
        XCTAssertTrue(r.1.contains("élément-ajouté  indicateur 1.1.a"), "the clauses of an added avenant\n" + r.1)
        XCTAssertTrue(r.1.contains("avenant 3 « Prolongation d'un an » (ajouté)"), r.1)
        // Two texts of one avenant changed by two commits: clause by clause, their values.
        let before = try git(["rev-parse", "HEAD"], in: h.repo).1.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = h.repo + "/c/avenant-1.cop"
        for (from, to) in [("cible 2024 : 55 %", "cible 2024 : 56 %"), ("cible 2025 : 62 %", "cible 2025 : 63 %")] {
            try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: from, with: to)
                .write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertEqual(try git(["commit", "-qam", to], in: h.repo).0, 0)
        }
        let both = try git(driver + ["diff", before, "HEAD", "--", "c/avenant-1.cop"], in: h.repo)
        XCTAssertEqual(both.0, 0, both.2)
        XCTAssertTrue(both.1.contains("révision inconnue"), both.1)
        XCTAssertTrue(both.1.contains("cible-modifiée  indicateur 1.1.a — cible 2024\n    55 % → 56 %"), both.1)
        XCTAssertTrue(both.1.contains("cible-modifiée  indicateur 1.1.a — cible 2025\n    62 % → 63 %"), both.1)
        // One commit at a time, each is found again.
        let one = try git(driver + ["show", "--ext-diff", "--format=", "HEAD"], in: h.repo)
        XCTAssertFalse(one.1.contains("révision inconnue"), one.1)
        XCTAssertTrue(one.1.contains("cible-modifiée  indicateur 1.1.a « Part des demandes traitées en moins de trente jours » — cible 2025\n    62 % → 63 %"), one.1)
    }

    /// `git diff`, `git diff --cached` and `git diff HEAD`: the working tree and the index are
    /// revisions too.
    func testWorkingTreeAndIndex() throws {
        let h = try makeHistory()
        let bilan = h.repo + "/c/bilan-2024.cop"
        let text = try String(contentsOfFile: bilan, encoding: .utf8)
        try text.replacingOccurrences(of: "réalisé : 56 %", with: "réalisé : 50 %").write(toFile: bilan, atomically: true, encoding: .utf8)
        for args in [["diff"], ["diff", "HEAD"]] {
            let r = try git(driver + args, in: h.repo + "/c")
            XCTAssertEqual(r.0, 0, r.2)
            XCTAssertTrue(r.1.contains("56 % → 50 %\n    cible 2024 : 55 % — atteinte → non atteinte"), "\(args)\n" + r.1)
        }
        XCTAssertEqual(try git(["add", "-A"], in: h.repo).0, 0)
        let cached = try git(driver + ["diff", "--cached"], in: h.repo)
        XCTAssertTrue(cached.1.contains("56 % → 50 %"), cached.1)
        XCTAssertFalse(cached.1.contains("révision inconnue"), cached.1)
        // A new avenant, only meant to be added (`git add -N`): what it would change.
        try String(contentsOfFile: Self.example + "/avenant-3.cop", encoding: .utf8)
            .write(toFile: h.repo + "/c/avenant-3.cop", atomically: true, encoding: .utf8)
        XCTAssertEqual(try git(["add", "-N", "c/avenant-3.cop"], in: h.repo).0, 0)
        let added = try git(driver + ["diff", "--", "c/avenant-3.cop"], in: h.repo)
        XCTAssertTrue(added.1.contains("avenant ajouté : ce qu'il change à la version 2 du contrat"), added.1)
        XCTAssertTrue(added.1.contains("période-prolongée"), added.1)
    }

    /// `git difftool` on a file added and on a file deleted works (it used to say « --chemin
    /// ne s'emploie qu'avec deux brouillons »), its header names the file, not git's copies.
    func testDifftoolOnAddedAndDeletedFiles() throws {
        let h = try makeHistory()
        let tool = ["-c", "difftool.copc.cmd=" + builtCopc.path + " diff --chemin \"$MERGED\" \"$LOCAL\" \"$REMOTE\"", "difftool", "-y", "-t", "copc"]
        let added = try git(tool + [h.commits["avenant 3 révisé"]!, h.commits["annuaire"]!], in: h.repo)
        XCTAssertEqual(added.0, 0, added.2)
        XCTAssertTrue(added.1.contains("copc diff — annuaire OFE-ANN : a/c/annuaire.cop → b/c/annuaire.cop"), added.1)
        let bilan = try git(tool + [h.commits["annuaire"]!, h.commits["bilan 2024"]!], in: h.repo)
        XCTAssertEqual(bilan.0, 0, bilan.2)
        XCTAssertTrue(bilan.1.contains("copc diff — bilan 2024 du contrat COP-OFE : (absent) → b/c/bilan-2024.cop"), bilan.1)
        XCTAssertFalse(bilan.1.contains("--chemin"), bilan.1)
        let removed = try git(tool + [h.commits["bilan 2024 révisé"]!, h.commits["avenant 3 retiré"]!], in: h.repo)
        XCTAssertEqual(removed.0, 0, removed.2)
        XCTAssertTrue(removed.1.contains("avenant supprimé : ce qu'il faisait est défait"), removed.1)
        XCTAssertTrue(removed.1.contains("copc diff — contrat COP-OFE : version 3"), removed.1)
        XCTAssertFalse(removed.1.contains("/tmp/"), "no temporary path in the output\n" + removed.1)
        // Outside a repository, /dev/null has no revision to be compared with: said plainly.
        let outside = try tempDir(["a.cop": "contrat X « X »\n"])
        let r = try run(["diff", "--chemin", "a.cop", "/dev/null", "a.cop"], cwd: outside)
        XCTAssertEqual(r.0, 2)
        XCTAssertTrue(r.2.contains("ne se compare que dans un dépôt git"), r.2)
    }

    /// Called as git calls it with anything at all, the driver never exits non-zero: a missing
    /// copy, a file that is no contract, a path made of options.
    func testDriverNeverStopsGit() throws {
        let dir = try tempDir(["x.cop": "ceci n'est pas un contrat\n", "y.cop": "toujours pas\n"])
        let zero = String(repeating: "0", count: 40), hex = String(repeating: "a", count: 40)
        let calls: [[String]] = [
            ["diff", "--help", dir + "/absent.cop", hex, "100644", dir + "/absent2.cop", hex, "100644"],
            ["diff", "-o", dir + "/x.cop", ".", "100644", dir + "/y.cop", ".", "100644"],
            ["diff", "--git", "/dev/null", ".", ".", dir + "/x.cop", zero, "100644"],
            ["diff", "--", "-x.cop", dir + "/x.cop", hex, "100644", dir + "/y.cop", hex, "100644", "-y.cop", "similarity index 90%\nrename from -x.cop\nrename to -y.cop\n"],
        ]
        for args in calls {
            let r = try run(args, cwd: dir)
            XCTAssertEqual(r.0, 0, "\(args): \(r.2)")
            XCTAssertTrue(r.1.hasPrefix("copc diff — "), "\(args): \(r.1)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/--help"))
        XCTAssertEqual(try String(contentsOfFile: dir + "/x.cop", encoding: .utf8), "ceci n'est pas un contrat\n", "-o was not read as an option")
    }

    // MARK: copc diff --git

    /// `copc diff --git A B`: every contract of the workspace at both revisions, contract by
    /// contract, in four formats; the JSON validates against its schema.
    func testDiffGitBetweenRevisions() throws {
        let h = try makeHistory()
        let first = h.commits["contrat, annuaire et avenant 1"]!, last = h.commits["nom en Latin-1"]!
        var r = try run(["diff", "--git", first, last], cwd: h.repo)
        XCTAssertEqual(r.0, 0, r.2)
        for f in ["copc diff --git — \(first) (\(first.prefix(10))) → \(last) (\(last.prefix(10)))",
                  "1 contrat comparé : 1 modifié",
                  "copc diff — contrat COP-OFE : version 1 (en vigueur le 1er\u{00A0}novembre 2023) dans \(first) → version 2 (en vigueur le 1er\u{00A0}juillet 2024) dans \(last)",
                  "avenant 2 « Raccourcissement du contrat et nouvelles actions » (ajouté)",
                  "élément-ajouté  action 1.1.3",
                  "titre-modifié  référent OFE.DSI — titre",
                  "identifiant-modifié  référent OFE.COMM « Communication de l'Office » — identifiant\n    OFE.COM → OFE.COMM",
                  "élément-ajouté  référent OFE.JUR",
                  "+ réalisé 2024 : 56 %"] {
            XCTAssertTrue(r.1.contains(f), "« \(f) »\n" + r.1)
        }
        // A revision named after its range: the merge base, as git means `A...B`.
        XCTAssertEqual(try git(["checkout", "-qb", "relecture"], in: h.repo).0, 0)
        try String(contentsOfFile: Self.example + "/avenant-3.cop", encoding: .utf8)
            .write(toFile: h.repo + "/c/avenant-3.cop", atomically: true, encoding: .utf8)
        XCTAssertEqual(try git(["add", "-A"], in: h.repo).0, 0)
        XCTAssertEqual(try git(["commit", "-qm", "avenant 3 de nouveau"], in: h.repo).0, 0)
        XCTAssertEqual(try git(["checkout", "-q", "master"], in: h.repo).0, 0)
        r = try run(["diff", "--git", "master...relecture"], cwd: h.repo)
        XCTAssertEqual(r.0, 0, r.2)
        XCTAssertTrue(r.1.contains("la base de fusion de master...relecture"), r.1)
        XCTAssertTrue(r.1.contains("avenant 3 « Prolongation d'un an » (ajouté)"), r.1)
        XCTAssertTrue(r.1.contains("période-prolongée"), r.1)
        // The working tree by default, untracked files included; the exit code for CI.
        try "bilan 2025 du contrat COP-OFE « Bilan 2025 »\n\nindicateur 1.1.a\n  réalisé : 61 %\n"
            .write(toFile: h.repo + "/c/bilan-2025.cop", atomically: true, encoding: .utf8)
        r = try run(["diff", "--git", "HEAD", "--sortie-code"], cwd: h.repo + "/c")
        XCTAssertEqual(r.0, 1, r.2)
        XCTAssertTrue(r.1.contains("→ l’arbre de travail"), r.1)
        XCTAssertTrue(r.1.contains("+ réalisé 2025 : 61 %"), r.1)
        XCTAssertEqual(try run(["diff", "--git", "HEAD", "HEAD", "--sortie-code"], cwd: h.repo).0, 0)
        // A contract on one side only.
        try FileManager.default.createDirectory(atPath: h.repo + "/autre", withIntermediateDirectories: true)
        try (try String(contentsOfFile: h.repo + "/c/contrat.cop", encoding: .utf8))
            .replacingOccurrences(of: "contrat COP-OFE «", with: "contrat COP-AUTRE «")
            .replacingOccurrences(of: "utilise « annuaire.cop »\n", with: "")
            .write(toFile: h.repo + "/autre/contrat.cop", atomically: true, encoding: .utf8)
        r = try run(["diff", "--git", "HEAD", "--format", "json"], cwd: h.repo)
        XCTAssertEqual(r.0, 0, r.2)
        let obj = try JSONSerialization.jsonObject(with: Data(r.1.utf8)) as! [String: Any]
        let contracts = obj["contrats"] as! [[String: Any]]
        XCTAssertEqual(Set(contracts.map { $0["etat"] as! String }), ["ajouté", "modifié"])
        let schemaData = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/grammar/diff-git.schema.json"))
        let schema = try JSONSerialization.jsonObject(with: schemaData) as! [String: Any]
        var errors: [String] = []
        SchemaValidator(root: schema).validate(obj, schema, "$", &errors)
        XCTAssertEqual(errors, [], "\(errors.prefix(5))")
        // A broken report does not validate (the nested copc.diff/1 is checked too).
        var broken = obj
        var first0 = contracts[0]
        var inner = first0["diff"] as! [String: Any]
        inner["objet"] = "tableau"
        first0["diff"] = inner
        broken["contrats"] = [first0]
        errors = []
        SchemaValidator(root: schema).validate(broken, schema, "$", &errors)
        XCTAssertTrue(errors.contains { $0.contains("not in enum") }, "\(errors)")
        // Markdown and HTML.
        r = try run(["diff", "--git", first, last, "--format", "markdown"], cwd: h.repo)
        XCTAssertTrue(r.1.hasPrefix("## copc diff --git — "), r.1)
        XCTAssertTrue(r.1.contains("| `élément-ajouté` | action 1.1.3"), r.1)
        r = try run(["diff", "--git", first, last, "--format", "html"], cwd: h.repo)
        let parsed = parseXML(r.1.replacingOccurrences(of: "<!DOCTYPE html>", with: ""))
        XCTAssertTrue(parsed.isWellFormed, parsed.error ?? "")
        let ids = Set(parsed.elements.compactMap { $0.attributes["id"] })
        for link in parsed.all("a").compactMap({ $0["href"] }) { XCTAssertTrue(ids.contains(String(link.dropFirst())), link) }
        XCTAssertTrue(parsed.text.contains("Avenant n° 2"), parsed.text)
    }

    /// Bad revisions and a folder outside any repository: exit 2, a French message; a revision
    /// that looks like an option is never one for git.
    func testDiffGitUsageErrors() throws {
        let h = try makeHistory()
        for (args, message) in [(["diff", "--git", "--output=/tmp/x"], "révision inconnue « --output=/tmp/x »"),
                                (["diff", "--git", "nulle-part"], "révision inconnue « nulle-part »"),
                                (["diff", "--git", "HEAD", "HEAD~1", "HEAD~2"], "une ou deux révisions"),
                                (["diff", "--git", "HEAD...HEAD~1", "HEAD"], "ne donnez pas de seconde révision"),
                                (["diff", "--git", "HEAD", "--de", "1"], "--de, --a et --chemin ne s'y emploient pas"),
                                (["diff", "--git", "HEAD", "--contrat", "COP-OF"], "vouliez-vous dire « COP-OFE »")] {
            let r = try run(args, cwd: h.repo)
            XCTAssertEqual(r.0, 2, "\(args)")
            XCTAssertTrue(r.2.contains(message), "\(args): \(r.2)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/x"))
        let outside = try tempDir(["a.cop": "contrat X « X »\n"])
        let r = try run(["diff", "--git", "HEAD"], cwd: outside)
        XCTAssertEqual(r.0, 2)
        XCTAssertTrue(r.2.contains("pas de dépôt git ici"), r.2)
    }

    /// `copc diff --git` and git's driver write through the one `writeResult`: `-o` never
    /// replaces the working file of a path read at either revision (even when both are
    /// commits), `-o -` is standard output, and a file of either revision that cannot be
    /// decoded stops the report — said inside the diff when git runs the driver (status 0).
    func testDiffGitOutputsAndUndecodableRevisions() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { throw XCTSkip("git absent") }
        let avenant = "avenant 1 au contrat C1 « Cible fixée »\n  signé le : 2021-06-30\n  en vigueur le : 2021-07-01\nmodifier indicateur 1.1.a\n  cible 2022 : 60 %\n"
        let repo = try tempDir([".gitattributes": "*.cop diff=copc\n", "c.cop": cleanContract, "a1.cop": avenant])
        for args in [["init", "-q"], ["config", "user.email", "essai@example.org"], ["config", "user.name", "Essai"]] {
            XCTAssertEqual(try git(args, in: repo).0, 0)
        }
        func commit(_ message: String) throws {
            XCTAssertEqual(try git(["add", "-A"], in: repo).0, 0)
            XCTAssertEqual(try git(["commit", "-qm", message], in: repo).0, 0)
        }
        try commit("contrat")
        for args in [["diff", "--git", "HEAD", "HEAD", "-o", "c.cop"], ["diff", "--git", "HEAD", "-o", "a1.cop"],
                     ["diff", "--git", "HEAD", "--format", "json", "-o", "./c.cop"]] {
            let r = try run(args, cwd: repo)
            XCTAssertEqual(r.0, 2, "\(args): \(r.2)")
            XCTAssertTrue(r.2.contains("désigne un fichier d'entrée"), "\(args): \(r.2)")
        }
        XCTAssertEqual(try String(contentsOfFile: repo + "/c.cop", encoding: .utf8), cleanContract)
        XCTAssertEqual(try String(contentsOfFile: repo + "/a1.cop", encoding: .utf8), avenant)
        let plain = try run(["diff", "--git", "HEAD"], cwd: repo)
        XCTAssertEqual(plain.0, 0, plain.2)
        XCTAssertTrue(plain.1.contains("1 contrat comparé : 1 inchangé"), plain.1)
        XCTAssertEqual(try run(["diff", "--git", "HEAD", "-o", "-"], cwd: repo).1, plain.1)
        XCTAssertEqual(try run(["diff", "--git", "HEAD", "-o", "rapport.txt"], cwd: repo).0, 0)
        XCTAssertEqual(try String(contentsOfFile: repo + "/rapport.txt", encoding: .utf8), plain.1)
        try FileManager.default.removeItem(atPath: repo + "/rapport.txt")

        // An avenant saved in Windows-1252, in the working tree, then in a commit fixed later.
        var latin = [UInt8]()
        for u in "avenant 2 au contrat C1 « Délai repoussé »\n  signé le : 2022-01-10\nmodifier action 1.1.1\n  délai : fin 2023\n".unicodeScalars {
            latin.append(UInt8(truncatingIfNeeded: u.value))
        }
        _ = FileManager.default.createFile(atPath: repo + "/a2.cop", contents: Data(latin))
        func refused(_ args: [String]) throws {
            let r = try run(args, cwd: repo)
            XCTAssertEqual(r.0, 2, "\(args): \(r.2)")
            XCTAssertTrue(r.1.isEmpty, "\(args): \(r.1)")
            XCTAssertTrue(r.2.contains("erreur[COP001]: fichier en Windows-1252 ?"), "\(args): \(r.2)")
            XCTAssertTrue(r.2.contains("fichier illisible ou mal encodé : « a2.cop » ; rien n'est écrit"), "\(args): \(r.2)")
        }
        try refused(["diff", "--git", "HEAD"])
        // git's driver for another file of the contract: said in the diff, git not stopped.
        try avenant.replacingOccurrences(of: "60 %", with: "65 %").write(toFile: repo + "/a1.cop", atomically: true, encoding: .utf8)
        let driven = try git(driver + ["diff"], in: repo)
        XCTAssertEqual(driven.0, 0, driven.2)
        XCTAssertTrue(driven.1.contains("copc diff — a1.cop : comparaison impossible : fichier illisible ou mal encodé : « a2.cop »"), driven.1)
        try commit("avenant 2 en Windows-1252")
        try String(String.UnicodeScalarView(latin.map { Unicode.Scalar($0) }))
            .write(toFile: repo + "/a2.cop", atomically: true, encoding: .utf8)
        try commit("avenant 2 en UTF-8")
        try refused(["diff", "--git", "HEAD~1", "HEAD"])
        // Near miss: both revisions decoded.
        let fixed = try run(["diff", "--git", "HEAD"], cwd: repo)
        XCTAssertEqual(fixed.0, 0, fixed.2)
        XCTAssertTrue(fixed.1.contains("1 contrat comparé : 1 inchangé"), fixed.1)
        let after = try git(driver + ["diff", "HEAD~2", "HEAD~1"], in: repo)
        XCTAssertEqual(after.0, 0, after.2)
        XCTAssertTrue(after.1.contains("comparaison impossible : fichier illisible ou mal encodé : « a2.cop »"), after.1)
    }

    // MARK: the git reader

    /// Paths that are not UTF-8 are shown with their bytes escaped, injectively.
    func testDisplayPathEscapesInjectively() {
        XCTAssertEqual(GitRepository.displayPath(Array("c/avenant.cop".utf8)), "c/avenant.cop")
        XCTAssertEqual(GitRepository.displayPath([0x61, 0xE9, 0x62]), "a\\xE9b")
        XCTAssertEqual(GitRepository.displayPath(Array("é".utf8) + [0xFF]), "é\\xFF")
        // A literal `\xE9` and the byte E9 differ.
        XCTAssertNotEqual(GitRepository.displayPath(Array("a\\xE9b".utf8) + [0xFF]), GitRepository.displayPath([0x61, 0xE9, 0x62, 0xFF]))
    }

    /// The workspace root at a revision: the nearest folder with a `copc.toml`, else the top.
    func testWorkspaceRootAtARevision() {
        let files = [GitEntry(blob: nil, path: Array("a/copc.toml".utf8)), GitEntry(blob: nil, path: Array("a/b/c.cop".utf8)),
                     GitEntry(blob: nil, path: Array("copc.toml".utf8))]
        XCTAssertEqual(GitRepository.workspaceRoot(of: Array("a/b".utf8), in: files), Array("a".utf8))
        XCTAssertEqual(GitRepository.workspaceRoot(of: Array("x".utf8), in: files), [])
        XCTAssertEqual(GitRepository.workspaceRoot(of: Array("a/b".utf8), in: [files[1]]), [])
    }

    /// Blobs through one `cat-file --batch`, one larger than a pipe holds, read in lockstep;
    /// ids and revisions that look like options are refused before git sees them.
    func testBlobsInOneBatch() throws {
        let h = try makeHistory()
        let big = String(repeating: "référent X « Une ligne assez longue pour remplir un tube »\n", count: 5_000)
        try big.write(toFile: h.repo + "/gros.cop", atomically: true, encoding: .utf8)
        XCTAssertEqual(try git(["add", "-A"], in: h.repo).0, 0)
        XCTAssertEqual(try git(["commit", "-qm", "gros"], in: h.repo).0, 0)
        let repo = try GitRepository.discover(from: h.repo)
        let files = try repo.files(.commit(try repo.commit("HEAD")))
        XCTAssertTrue(files.contains { $0.path == Array("c/avenant-r".utf8) + [0xE9] + Array("vis".utf8) + [0xE9] + Array(".cop".utf8) })
        let ids = files.compactMap(\.blob)
        let (texts, large) = try repo.blobs(ids + ids)
        XCTAssertEqual(Set(texts.keys), Set(ids))
        XCTAssertTrue(large.isEmpty)
        let bigId = files.first { $0.path == Array("gros.cop".utf8) }?.blob
        XCTAssertEqual(texts[bigId ?? ""].map { String(decoding: $0, as: UTF8.self) }, big)
        let (_, tooLarge) = try repo.blobs(ids, limit: 10)
        XCTAssertEqual(tooLarge.count, ids.count)
        XCTAssertThrowsError(try repo.blobs(["--batch-all-objects"]))
        XCTAssertThrowsError(try repo.commit("--all"))
    }
}
