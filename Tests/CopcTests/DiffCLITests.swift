import XCTest
import Foundation
import CopcDriver

/// `copc diff` as a user runs it: the example's goldens in every format, version selection,
/// two drafts, exit statuses, colours, and git (external diff driver and difftool).
final class DiffCLITests: XCTestCase {
    static let example = "contracts/exemples/cop-fictif-ofe-2023-2027"

    func run(_ args: [String], cwd: String? = repositoryRoot, env extra: [String: String] = ["NO_COLOR": "1"]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = builtCopc
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
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

    func tempDir(_ files: [String: String]) throws -> String {
        let dir = scratchRoot + "copc-diff-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// The comparisons the example's goldens hold: each avenant against the version before it,
    /// and the whole chain.
    static let pairs: [(String, String)] = [("0", "1"), ("1", "2"), ("2", "3"), ("0", "3")]
    static let formats: [(String, String)] = [("texte", "txt"), ("markdown", "md"), ("json", "json"), ("html", "html")]

    /// Every diff format of every pair, and `copc emit` of every version, equal their goldens
    /// in `attendu/` (`UPDATE_GOLDEN=1 swift test` rewrites them).
    func testExampleGoldens() throws {
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        let dir = repositoryRoot + "/" + Self.example + "/attendu"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var outputs: [(String, String)] = []
        for (a, b) in Self.pairs {
            for (format, ext) in Self.formats {
                let (status, out, err) = try run(["diff", Self.example, "--de", a, "--a", b, "--format", format])
                XCTAssertEqual(status, 0, err)
                XCTAssertEqual(err, "")
                outputs.append(("diff-\(a)-\(b).\(ext)", out))
            }
        }
        for v in 0...3 {
            let (status, out, err) = try run(["emit", Self.example, "--version", String(v)])
            XCTAssertEqual(status, 0, err)
            outputs.append(("emit-version-\(v).json", out))
        }
        for (name, out) in outputs {
            let path = dir + "/" + name
            if update {
                try out.write(toFile: path, atomically: true, encoding: .utf8)
                continue
            }
            guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
                XCTFail("missing golden \(path) (UPDATE_GOLDEN=1 swift test)")
                continue
            }
            XCTAssertEqual(out, expected, "\(name) differs from its golden (UPDATE_GOLDEN=1 swift test, then review)")
        }
        // The default compares the latest avenant with the version before it.
        let (_, defaultOut, _) = try run(["diff", Self.example, "--format", "json"])
        XCTAssertEqual(defaultOut, outputs.first { $0.0 == "diff-2-3.json" }?.1)
        // Dates select the version in force that day.
        let (_, byDate, _) = try run(["diff", Self.example, "--de", "2024-01-15", "--a", "2024-07-01", "--format", "json"])
        XCTAssertEqual(byDate, outputs.first { $0.0 == "diff-1-2.json" }?.1)
    }

    /// The chain of the example produces every change kind.
    func testExampleCoversEveryChangeKind() throws {
        var kinds = Set<String>()
        for (a, b) in Self.pairs.prefix(3) {
            let (_, out, _) = try run(["diff", Self.example, "--de", a, "--a", b, "--format", "json"])
            let obj = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
            for c in obj["changements"] as! [[String: Any]] { kinds.insert(c["genre"] as! String) }
        }
        XCTAssertEqual(kinds, ["période-prolongée", "période-modifiée", "élément-ajouté", "élément-supprimé", "élément-déplacé",
                               "titre-modifié", "délai-déplacé", "cible-fixée", "cible-modifiée", "cible-retirée",
                               "référent-modifié", "propriété-modifiée"])
    }

    /// Every JSON the diff writes validates against `grammar/diff.schema.json`; a broken one
    /// does not.
    func testDiffJSONMatchesSchema() throws {
        let schemaData = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/grammar/diff.schema.json"))
        let schema = try JSONSerialization.jsonObject(with: schemaData) as! [String: Any]
        let validator = SchemaValidator(root: schema)
        for (a, b) in Self.pairs {
            let (_, out, _) = try run(["diff", Self.example, "--de", a, "--a", b, "--format", "json"])
            let value = try JSONSerialization.jsonObject(with: Data(out.utf8))
            var errors: [String] = []
            validator.validate(value, schema, "$", &errors)
            XCTAssertEqual(errors, [], "\(a)→\(b): \(errors.prefix(5))")
        }
        var errors: [String] = []
        validator.validate(["schema": "copc.diff/2", "contrat": NSNull(), "changements": [["genre": "cible-inventée"]]] as [String: Any], schema, "$", &errors)
        XCTAssertTrue(errors.contains { $0.contains("const") })
        XCTAssertTrue(errors.contains { $0.contains("missing de") })
        XCTAssertTrue(errors.contains { $0.contains("not in enum") })
    }

    /// The redline is a self-contained page, well-formed XML, every change linked to its
    /// clause and back, every clause's text and motif shown.
    func testRedlineIsSelfContainedAndLinked() throws {
        let (status, html, _) = try run(["diff", Self.example, "--de", "1", "--a", "2", "--format", "html"])
        XCTAssertEqual(status, 0)
        let parsed = parseXML(html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""))
        XCTAssertTrue(parsed.isWellFormed, parsed.error ?? "")
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("src="))
        let ids = Set(parsed.elements.compactMap { $0.attributes["id"] })
        let links = parsed.all("a").compactMap { $0["href"] }
        XCTAssertGreaterThanOrEqual(links.count, 18, "each change links to its clause and each clause to its changes")
        for h in links { XCTAssertTrue(h.hasPrefix("#") && ids.contains(String(h.dropFirst())), h) }
        XCTAssertEqual(parsed.all("tbody").filter { $0["class"] == "clause" }.count, 5, "one row group per clause of avenant 2 that changed something")
        XCTAssertTrue(parsed.text.contains("supprimer action 2.1.2"))
        XCTAssertTrue(parsed.text.contains("Motif\u{A0}: Regroupement des sites abandonné après l'étude d'impact"), "the motif, typeset")
        XCTAssertEqual(parsed.count("del"), 1 + 7 + 2, "the legend, the changes, the removed action's two properties")
        XCTAssertEqual(parsed.count("ins"), 1 + 4 + 3, "the legend, the changes, the added elements' properties")
    }

    /// The redline names everything (issue 22): each change's header carries the element's
    /// title; the page starts with each avenant's title, signature date, date in force and
    /// motifs; two drafts link back to their element, not to a clause that does not exist.
    func testRedlineNamesEverything() throws {
        let (_, html, _) = try run(["diff", Self.example, "--de", "0", "--a", "3", "--format", "html"])
        let parsed = parseXML(html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""))
        XCTAssertTrue(parsed.isWellFormed, parsed.error ?? "")
        func spans(_ html: String, _ open: String) -> [String] {
            html.components(separatedBy: open).dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
        // Typeset: no-break spaces inside the guillemets, read back as spaces.
        let headers = spans(html, "<span class=\"changement-titre\">").map {
            $0.replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
        }
        let (_, json, _) = try run(["diff", Self.example, "--de", "0", "--a", "3", "--format", "json"])
        let summary = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any])["resume"] as! [String: Any]
        XCTAssertEqual(headers.count, summary["changements"] as? Int, "one header per change")
        for h in headers where !h.hasSuffix("— titre") {
            XCTAssertTrue(h.contains("«"), "a change header names its element's title: \(h)")
        }
        XCTAssertTrue(headers.contains("Indicateur 1.2.a « Part des agents d'accueil formés » — cible 2027"), "\(headers)")
        // The avenants, before the redline: title, dates in words, motifs, file.
        let text = parsed.text
        guard let table = text.range(of: "Les avenants"), let redline = text.range(of: "Clauses des avenants") else {
            return XCTFail("no avenants table before the redline\n" + text)
        }
        XCTAssertLessThan(table.lowerBound, redline.lowerBound)
        let avenants = String(text[table.upperBound..<redline.lowerBound])
        for f in ["n° 1", "Fixation des cibles après la première enquête", "16\u{A0}octobre 2023", "1er\u{A0}novembre 2023",
                  "Résultats de la première enquête de 2023", "n° 2", "28\u{A0}juin 2024", "1er\u{A0}juillet 2024",
                  "n° 3", "Prolongation d", "12\u{A0}décembre 2025", "1er\u{A0}janvier 2026", "Report d", "avenant-3.cop"] {
            XCTAssertTrue(avenants.contains(f), "« \(f) » in\n" + avenants)
        }
        // Two drafts: grouped by element, each change links back to it as « ↑ élément ».
        let dir = try tempDir(["a.cop": cleanContract, "b.cop": cleanContract.replacingOccurrences(of: "fin 2022", with: "fin 2023")])
        let (status, drafts, _) = try run(["diff", dir + "/a.cop", dir + "/b.cop", "--format", "html"])
        XCTAssertEqual(status, 0)
        let d = parseXML(drafts.replacingOccurrences(of: "<!DOCTYPE html>", with: ""))
        let back = drafts.components(separatedBy: "<a class=\"retour\" href=\"#").dropFirst()
        XCTAssertFalse(back.isEmpty)
        let ids = Set(d.elements.compactMap { $0.attributes["id"] })
        for a in back {
            let target = String(a.prefix { $0 != "\"" })
            XCTAssertTrue(ids.contains(target), target)
            XCTAssertTrue(a.contains("title=\"Revenir à l’élément\">↑ élément</a>"), a)
        }
        XCTAssertFalse(drafts.contains("↑ clause"))
    }

    /// The excerpt of the text output in the README is the example's real output.
    func testReadmeExcerptIsTheRealOutput() throws {
        let readme = try String(contentsOfFile: repositoryRoot + "/README.md", encoding: .utf8)
        let golden = try String(contentsOfFile: repositoryRoot + "/" + Self.example + "/attendu/diff-0-1.txt", encoding: .utf8)
        guard let intro = readme.range(of: "Extrait de la sortie texte"),
              let open = readme.range(of: "```\n", range: intro.upperBound..<readme.endIndex),
              let close = readme.range(of: "```", range: open.upperBound..<readme.endIndex) else {
            return XCTFail("README: no excerpt of copc diff's text output")
        }
        let lines = readme[open.upperBound..<close.lowerBound].split(separator: "\n")
        XCTAssertGreaterThanOrEqual(lines.count, 6)
        let goldenLines = Set(golden.split(separator: "\n"))
        for line in lines { XCTAssertTrue(goldenLines.contains(line), "README line not in diff-0-1.txt: \(line)") }
    }

    // MARK: usage

    func testBadUsageExitsTwoWithAFrenchMessage() throws {
        let contractOnly = try tempDir(["contrat.cop": cleanContract])
        var r = try run(["diff", contractOnly])
        XCTAssertEqual(r.0, 2)
        XCTAssertTrue(r.2.contains("n'a pas d'avenant"), r.2)
        r = try run(["diff", Self.example, "--contrat", "COP-OFF"])
        XCTAssertEqual(r.0, 2)
        XCTAssertTrue(r.2.contains("contrat inconnu « COP-OFF » ; vouliez-vous dire « COP-OFE »"), r.2)
        r = try run(["diff", Self.example, "--a", "7"])
        XCTAssertEqual(r.0, 2)
        XCTAssertTrue(r.2.contains("n'a pas de version 7 (versions : 0 à 3)"), r.2)
        r = try run(["diff", Self.example, "--de", "2024-13-01"])
        XCTAssertEqual(r.0, 2)
        XCTAssertTrue(r.2.contains("version invalide pour --de"), r.2)
        r = try run(["diff", Self.example, "--format", "pdf"])
        XCTAssertEqual(r.0, 2)
        let other = try tempDir(["a.cop": cleanContract, "b.cop": cleanContract.replacingOccurrences(of: "contrat C1", with: "contrat C2")])
        r = try run(["diff", other + "/a.cop", other + "/b.cop"])
        XCTAssertEqual(r.0, 2)
        XCTAssertTrue(r.2.contains("contrats différents (« C1 » et « C2 »)"), r.2)
        XCTAssertEqual(r.1, "")
    }

    func testExitCodeOption() throws {
        let dir = try tempDir(["a.cop": cleanContract, "b.cop": cleanContract.replacingOccurrences(of: "fin 2022", with: "fin 2023")])
        XCTAssertEqual(try run(["diff", dir + "/a.cop", dir + "/a.cop", "--sortie-code"]).0, 0)
        XCTAssertEqual(try run(["diff", dir + "/a.cop", dir + "/b.cop", "--sortie-code"]).0, 1)
        XCTAssertEqual(try run(["diff", dir + "/a.cop", dir + "/b.cop"]).0, 0, "without the option, a diff is not a failure")
        XCTAssertEqual(try run(["diff", Self.example, "--de", "2", "--a", "2", "--sortie-code"]).0, 0)
        XCTAssertEqual(try run(["diff", Self.example, "--sortie-code"]).0, 1)
    }

    func testColours() throws {
        let args = ["diff", Self.example, "--de", "0", "--a", "1"]
        XCTAssertTrue(try run(args + ["--couleur", "toujours"]).1.contains("\u{1B}["))
        XCTAssertFalse(try run(args + ["--couleur", "jamais"]).1.contains("\u{1B}["))
        // The same values as `copc check` (one reading of --couleur for every command).
        XCTAssertTrue(try run(args + ["--color", "always"]).1.contains("\u{1B}["))
        XCTAssertFalse(try run(args + ["--couleur", "never"]).1.contains("\u{1B}["))
        XCTAssertEqual(try run(args + ["--couleur", "parfois"]).0, 2)
        XCTAssertFalse(try run(args, env: [:]).1.contains("\u{1B}["), "not a terminal")
        // On a terminal (script(1) gives one): colours unless NO_COLOR is set and not empty.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let command = ([builtCopc.path] + args).joined(separator: " ")
        let onTerminal = try runScript(command, env: ["NO_COLOR": ""])
        XCTAssertTrue(onTerminal.contains("\u{1B}["), onTerminal)
        XCTAssertFalse(try runScript(command, env: ["NO_COLOR": "1"]).contains("\u{1B}["))
    }

    func runScript(_ command: String, env extra: [String: String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", command, "/dev/null"]
        p.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: o, as: UTF8.self)
    }

    // MARK: two drafts

    /// Two drafts outside any workspace marker (a temporary folder, as git's): compared as
    /// texts; an avenant needs its contract, found beside the place `--chemin` gives.
    func testTwoDraftsOutsideAnyWorkspace() throws {
        let example = repositoryRoot + "/" + Self.example
        let contract = try String(contentsOfFile: example + "/contrat.cop", encoding: .utf8)
        let dir = try tempDir(["ancien.cop": contract,
                               "nouveau.cop": contract.replacingOccurrences(of: "cible 2023 : 45 %", with: "cible 2023 : 50 %")])
        var r = try run(["diff", "ancien.cop", "nouveau.cop", "--format", "json"], cwd: dir)
        XCTAssertEqual(r.0, 0, r.2)
        var obj = try JSONSerialization.jsonObject(with: Data(r.1.utf8)) as! [String: Any]
        var changes = obj["changements"] as! [[String: Any]]
        XCTAssertEqual(changes.map { $0["genre"] as! String }, ["cible-modifiée"])
        XCTAssertEqual(changes[0]["fichier"] as? String, "nouveau.cop")
        XCTAssertEqual(changes[0]["ligne"] as? Int, 44)
        XCTAssertEqual((obj["de"] as! [String: Any])["fichier"] as? String, "ancien.cop")

        let avenant = try String(contentsOfFile: example + "/avenant-2.cop", encoding: .utf8)
        let tmp = try tempDir(["old.cop": avenant, "new.cop": avenant.replacingOccurrences(of: "S1 2026", with: "S2 2026")])
        r = try run(["diff", tmp + "/old.cop", tmp + "/new.cop"])
        XCTAssertEqual(r.0, 2)
        XCTAssertTrue(r.2.contains("introuvable à côté de"), r.2)
        r = try run(["diff", "--chemin", Self.example + "/avenant-2.cop", tmp + "/old.cop", tmp + "/new.cop", "--format", "json"])
        XCTAssertEqual(r.0, 0, r.2)
        obj = try JSONSerialization.jsonObject(with: Data(r.1.utf8)) as! [String: Any]
        changes = obj["changements"] as! [[String: Any]]
        XCTAssertEqual(changes.map { $0["genre"] as! String }, ["délai-déplacé"])
        XCTAssertEqual(changes[0]["decalage"] as? String, "+6 mois")
        XCTAssertEqual(changes[0]["avenant"] as? Int, 2)
        XCTAssertEqual(changes[0]["fichier"] as? String, Self.example + "/avenant-2.cop")
    }

    /// An avenant kept in a subfolder finds its contract in its workspace (below the marker).
    func testAvenantDraftsInASubfolderFindTheirContract() throws {
        let example = repositoryRoot + "/" + Self.example
        let avenant = try String(contentsOfFile: example + "/avenant-1.cop", encoding: .utf8)
        let dir = try tempDir(["copc.toml": "",
                               "contrat.cop": try String(contentsOfFile: example + "/contrat.cop", encoding: .utf8),
                               "avenants/avenant-1.cop": avenant,
                               "brouillons/avenant-1-v2.cop": avenant.replacingOccurrences(of: "cible 2025 : 62 %", with: "cible 2025 : 63 %")])
        let r = try run(["diff", "avenants/avenant-1.cop", "brouillons/avenant-1-v2.cop", "--format", "json"], cwd: dir)
        XCTAssertEqual(r.0, 0, r.2)
        let obj = try JSONSerialization.jsonObject(with: Data(r.1.utf8)) as! [String: Any]
        let changes = obj["changements"] as! [[String: Any]]
        XCTAssertEqual(changes.map { $0["genre"] as! String }, ["cible-modifiée"])
        XCTAssertEqual(changes[0]["nouveau"] as? String, "63 %")
        XCTAssertEqual(changes[0]["motif"] as? String, "Résultats de la première enquête de 2023")
    }

    /// Two avenants of one contract side by side are not two drafts: the versions they make.
    func testTwoAvenantsOfOneContractCompareTheirVersions() throws {
        let r = try run(["diff", Self.example + "/avenant-1.cop", Self.example + "/avenant-3.cop", "--format", "json"])
        XCTAssertEqual(r.0, 0, r.2)
        let (_, expected, _) = try run(["diff", Self.example, "--de", "1", "--a", "3", "--format", "json"])
        XCTAssertEqual(r.1, expected)
    }

    /// A draft in a temporary folder that imports `../annuaire.cop`: the import leaves the
    /// draft's workspace root (its own folder), so it is not read — COP206 is summarised, the
    /// diff still runs on the texts.
    func testDraftNeverReadsOutsideItsRoot() throws {
        let outer = try tempDir(["annuaire.cop": "annuaire A « Annuaire »\nréférent DGOS « Direction »\n"])
        let contract = cleanContract.replacingOccurrences(of: "référent DGOS « Direction générale de l'offre de soins »\n", with: "utilise « ../annuaire.cop »\n")
        try FileManager.default.createDirectory(atPath: outer + "/brouillons", withIntermediateDirectories: true)
        try contract.write(toFile: outer + "/brouillons/a.cop", atomically: true, encoding: .utf8)
        try contract.replacingOccurrences(of: "fin 2022", with: "fin 2023").write(toFile: outer + "/brouillons/b.cop", atomically: true, encoding: .utf8)
        // The marker makes brouillons/ its own workspace root.
        _ = FileManager.default.createFile(atPath: outer + "/brouillons/copc.toml", contents: Data())
        let r = try run(["diff", outer + "/brouillons/a.cop", outer + "/brouillons/b.cop", "--format", "json"])
        XCTAssertEqual(r.0, 0, r.2)
        XCTAssertTrue(r.2.contains("erreur"), r.2)
        XCTAssertTrue(r.1.contains("délai-déplacé"))
    }

    // MARK: git

    func git(_ args: [String], in dir: String, env extra: [String: String] = [:]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
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

    /// A throw-away repository holding the example: `git diff` and `git log -p --ext-diff`
    /// through the `diff=copc` driver, and `git difftool` with `--chemin "$MERGED"`.
    func testGitDriverAndDifftool() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { throw XCTSkip("git absent") }
        let example = repositoryRoot + "/" + Self.example
        var files: [String: String] = [".gitattributes": "*.cop diff=copc\n"]
        for name in ["contrat.cop", "avenant-1.cop", "avenant-2.cop"] {
            files["c/" + name] = try String(contentsOfFile: example + "/" + name, encoding: .utf8)
        }
        let repo = try tempDir(files)
        for args in [["init", "-q"], ["config", "user.email", "essai@example.org"], ["config", "user.name", "Essai"],
                     ["config", "diff.copc.command", builtCopc.path + " diff"], ["add", "-A"], ["commit", "-qm", "contrat signé"]] {
            let r = try git(args, in: repo)
            XCTAssertEqual(r.0, 0, r.2)
        }
        let av2 = repo + "/c/avenant-2.cop"
        try files["c/avenant-2.cop"]!.replacingOccurrences(of: "S1 2026", with: "S2 2026").write(toFile: av2, atomically: true, encoding: .utf8)
        let contract = repo + "/c/contrat.cop"
        try (files["c/contrat.cop"]! + "\n# Un commentaire ne change rien.\n").write(toFile: contract, atomically: true, encoding: .utf8)

        // git diff (from a subfolder: git runs the driver at the top of the working tree).
        var r = try git(["diff"], in: repo + "/c")
        XCTAssertEqual(r.0, 0, r.2)
        XCTAssertTrue(r.1.contains("copc diff — contrat COP-OFE : a/c/avenant-2.cop → b/c/avenant-2.cop"), r.1)
        XCTAssertTrue(r.1.contains("délai-déplacé  action 1.1.3"), r.1)
        XCTAssertTrue(r.1.contains("décalage : +6 mois ; dans la période"), r.1)
        XCTAssertTrue(r.1.contains("copc diff — contrat COP-OFE : a/c/contrat.cop → b/c/contrat.cop\naucun changement"), r.1)
        XCTAssertFalse(r.1.contains("@@"), "no line diff")

        // git log -p --ext-diff, after a commit.
        XCTAssertEqual(try git(["commit", "-qam", "avenant 2 révisé"], in: repo).0, 0)
        r = try git(["log", "-p", "--ext-diff", "-1", "--format=%s"], in: repo)
        XCTAssertEqual(r.0, 0, r.2)
        XCTAssertTrue(r.1.contains("avenant 2 révisé"), r.1)
        XCTAssertTrue(r.1.contains("S1 2026 → S2 2026"), r.1)
        r = try git(["log", "-p", "--ext-diff", "--format=%s"], in: repo)
        // An avenant added: what it changes (issue 23), not « fichier ajouté ».
        XCTAssertTrue(r.1.contains("avenant ajouté : ce qu'il change à la version 0 du contrat"), r.1)
        XCTAssertFalse(r.1.contains("fichier ajouté"), r.1)

        // An avenant whose contract is nowhere in the repository: git goes on, the diff says why
        // and compares its two texts alone.
        try FileManager.default.createDirectory(atPath: repo + "/seul", withIntermediateDirectories: true)
        let orphan = files["c/avenant-1.cop"]!.replacingOccurrences(of: "au contrat COP-OFE", with: "au contrat COP-AUTRE")
        try orphan.write(toFile: repo + "/seul/avenant-1.cop", atomically: true, encoding: .utf8)
        XCTAssertEqual(try git(["add", "-A"], in: repo).0, 0)
        XCTAssertEqual(try git(["commit", "-qm", "avenant seul"], in: repo).0, 0)
        try (orphan + "\n# modifié\n").write(toFile: repo + "/seul/avenant-1.cop", atomically: true, encoding: .utf8)
        r = try git(["diff"], in: repo)
        XCTAssertEqual(r.0, 0, r.2)
        XCTAssertTrue(r.1.contains("copc diff — contrat COP-AUTRE : a/seul/avenant-1.cop → b/seul/avenant-1.cop"), r.1)
        XCTAssertTrue(r.1.contains("contrat « COP-AUTRE » de l'avenant introuvable à l'une et l'autre révision : ses deux textes sont comparés seuls"), r.1)
        XCTAssertTrue(r.1.contains("\naucun changement\n"), "a comment changes nothing\n" + r.1)
        XCTAssertEqual(try git(["checkout", "--", "seul"], in: repo).0, 0)

        // git difftool: the old side is a temporary file of git's, outside the repository. (The
        // `diff=copc` driver, when configured, takes precedence over the difftool: remove it.)
        XCTAssertEqual(try git(["config", "--unset", "diff.copc.command"], in: repo).0, 0)
        try files["c/avenant-2.cop"]!.replacingOccurrences(of: "S1 2026", with: "fin 2026").write(toFile: av2, atomically: true, encoding: .utf8)
        r = try git(["-c", "difftool.copc.cmd=" + builtCopc.path + " diff --chemin \"$MERGED\" \"$LOCAL\" \"$REMOTE\" --format json",
                     "difftool", "-y", "-t", "copc"], in: repo)
        XCTAssertEqual(r.0, 0, r.2)
        let obj = try JSONSerialization.jsonObject(with: Data(r.1.utf8)) as! [String: Any]
        let changes = obj["changements"] as! [[String: Any]]
        XCTAssertEqual(changes.map { $0["genre"] as! String }, ["délai-déplacé"])
        XCTAssertEqual(changes[0]["ancien"] as? String, "S2 2026")
        XCTAssertEqual(changes[0]["nouveau"] as? String, "fin 2026")
    }
}
