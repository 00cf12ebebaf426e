import XCTest
import Foundation
import CopcDriver

/// The command line as a user runs it: exit status, French help, formats, bad usage.
final class CLITests: XCTestCase {
    var binary: URL { builtCopc }

    func run(_ args: [String], cwd: String? = nil) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
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
        let dir = scratchRoot + "copc-cli-\(UUID().uuidString)"
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    func testExitStatus() throws {
        let dir = try tempDir(["ok.cop": cleanContract])
        XCTAssertEqual(try run(["check", dir + "/ok.cop"]).0, 0)
        let bad = try tempDir(["bad.cop": cleanContract.replacingOccurrences(of: "fin 2022", with: "fin 2030")])
        let (status, out, _) = try run(["check", bad])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(out.contains("erreur[COP300]"), out)
        let warn = try tempDir(["w.cop": cleanContract.replacingOccurrences(of: "  unité : %\n", with: "")])
        XCTAssertEqual(try run(["check", warn]).0, 0)
        XCTAssertEqual(try run(["check", warn, "--strict"]).0, 1)
    }

    func testJSONAndGCCFormats() throws {
        let dir = try tempDir(["c.cop": cleanContract.replacingOccurrences(of: "fin 2022", with: "fin 2030")])
        let (_, json, _) = try run(["check", "--format", "json", "c.cop"], cwd: dir)
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        XCTAssertEqual(obj["version"] as? Int, 1)
        let d = (obj["diagnostics"] as! [[String: Any]])[0]
        XCTAssertEqual(d["code"] as? String, "COP300")
        XCTAssertEqual(d["file"] as? String, "c.cop")
        XCTAssertEqual(d["line"] as? Int, 10)
        let (_, gcc, _) = try run(["check", "--format=gcc", "c.cop"], cwd: dir)
        XCTAssertTrue(gcc.hasPrefix("c.cop:10:11: error: "), gcc)
    }

    func testSARIFFormat() throws {
        let dir = try tempDir(["sous dossier/c.cop": cleanContract.replacingOccurrences(of: "fin 2022", with: "fin 2030")])
        let (status, out, err) = try run(["check", "--format", "sarif", "."], cwd: dir)
        XCTAssertEqual(status, 1, err)
        let log = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let run = (log["runs"] as! [[String: Any]])[0]
        let driver = (run["tool"] as! [String: Any])["driver"] as! [String: Any]
        XCTAssertEqual(driver["version"] as? String, try self.run(["--version"]).1.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        let base = (run["originalUriBaseIds"] as! [String: [String: Any]])["%SRCROOT%"]
        XCTAssertNotNil(base?["description"], "%SRCROOT% is declared")
        XCTAssertNil(base?["uri"], "no absolute path of the checkout in the log")
        XCTAssertFalse(out.contains(FileSystem.realPath(dir)!), "no absolute path of the checkout in the log")
        let root = URL(fileURLWithPath: FileSystem.realPath(dir)!, isDirectory: true).absoluteString
        let result = (run["results"] as! [[String: Any]])[0]
        let artifact = ((result["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["artifactLocation"] as! [String: String]
        XCTAssertEqual(artifact, ["uri": "sous%20dossier/c.cop", "uriBaseId": "%SRCROOT%"])
        XCTAssertEqual(URL(string: artifact["uri"]!, relativeTo: URL(string: root))?.path, FileSystem.realPath(dir)! + "/sous dossier/c.cop")
        XCTAssertEqual(try self.run(["check", "--format=sarif", "."], cwd: dir).1, out, "byte-identical across runs")
        let (_, _, usage) = try self.run(["check", "--format", "xml"])
        XCTAssertTrue(usage.contains("texte, gcc, json, sarif"), usage)
    }

    /// `cd contrats/exemples && copc check .. --format sarif` wrote `file:///…` URIs for every
    /// file outside the current folder: now every URI is relative to the workspace root
    /// (`%SRCROOT%`, the folder holding `copc.toml` or `.git`), wherever copc is started, and
    /// the fingerprints do not change with the current folder.
    func testSARIFPathsAreRelativeToTheWorkspaceRootFromAnyFolder() throws {
        let bad = cleanContract.replacingOccurrences(of: "fin 2022", with: "fin 2030")
        let dir = try tempDir(["copc.toml": "", "contrats/a/c.cop": bad, "contrats/exemples/e/c.cop": bad.replacingOccurrences(of: "C1", with: "C2")])
        let (status, fromSub, err) = try run(["check", "--format", "sarif", ".."], cwd: dir + "/contrats/exemples")
        XCTAssertEqual(status, 1, err)
        XCTAssertFalse(fromSub.contains("file:"), fromSub)
        XCTAssertFalse(fromSub.contains(FileSystem.realPath(dir)!), "no absolute path")
        let (_, fromRoot, _) = try run(["check", "--format", "sarif", "contrats"], cwd: dir)
        func uris(_ text: String) throws -> [String] {
            let log = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            let results = (log["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]
            return results.map { r in
                let a = ((r["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["artifactLocation"] as! [String: String]
                XCTAssertEqual(a["uriBaseId"], "%SRCROOT%")
                return a["uri"]! + " " + ((r["partialFingerprints"] as! [String: String])["copc/v1"] ?? "")
            }.sorted()
        }
        XCTAssertEqual(try uris(fromSub).map { $0.split(separator: " ")[0] }, ["contrats/a/c.cop", "contrats/exemples/e/c.cop"])
        XCTAssertEqual(try uris(fromSub), try uris(fromRoot), "same URIs and fingerprints from the root and from a subfolder")
    }

    func testUsageErrorsExitTwoInFrench() throws {
        for args in [["check", "/nonexistent/x.cop"], ["check", "--format", "xml"], ["check", "--au", "hier"],
                     ["check", "--couleur", "rose"], ["check", "--inconnue"], ["frobnicate"], ["expliquer", "COP999"], ["expliquer"]] {
            let (status, out, err) = try run(args)
            XCTAssertEqual(status, 2, "\(args)")
            XCTAssertTrue(out.isEmpty, "\(args): \(out)")
            XCTAssertTrue(err.hasPrefix("copc : "), "\(args): \(err)")
            XCTAssertFalse(err.contains("Fatal error"), "\(args)")
        }
    }

    /// Every subcommand parses its options through one declarative parser: the same French
    /// messages for an unknown option (with the nearest spelling), a missing value, a value
    /// given to a flag; `--option=valeur` and `--` work everywhere.
    func testOneOptionParserForEverySubcommand() throws {
        let cases: [([String], String)] = [
            (["check", "--frmat", "json"], "option inconnue « --frmat » ; vouliez-vous dire « --format » ? (voir « copc check --help »)"),
            (["emit", "--contrat"], "l'option --contrat attend une valeur (voir « copc emit --help »)"),
            (["fmt", "--check=oui"], "l'option --check ne prend pas de valeur (voir « copc fmt --help »)"),
            (["emit", "--verison", "1"], "vouliez-vous dire « --version » ?"),
        ]
        for (args, expected) in cases {
            let (status, out, err) = try run(args)
            XCTAssertEqual(status, 2, "\(args)")
            XCTAssertTrue(out.isEmpty, "\(args): \(out)")
            XCTAssertTrue(err.contains(expected), "\(args): \(err)")
        }
        let dir = try tempDir(["-x.cop": cleanContract.replacingOccurrences(of: "fin 2022", with: "fin 2030")])
        let (status, out, _) = try run(["check", "--format=gcc", "--au=2022-01-01", "--", "-x.cop"], cwd: dir)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(out.hasPrefix("-x.cop:") && out.contains("[COP300]"), out)
        for sub in ["check", "emit", "fmt"] {
            let (s, help, _) = try run([sub, "--aide"])
            XCTAssertEqual(s, 0, sub)
            XCTAssertTrue(help.hasPrefix("Usage : copc \(sub)"), help)
        }
    }

    func testHelpAndExplain() throws {
        let (s1, help, _) = try run(["--help"])
        XCTAssertEqual(s1, 0)
        XCTAssertTrue(help.contains("Usage :") && help.contains("vérifie les contrats"))
        let (s2, checkHelp, _) = try run(["check", "--help"])
        XCTAssertEqual(s2, 0)
        XCTAssertTrue(checkHelp.contains("--strict") && checkHelp.contains("Statut de sortie"))
        for code in ["COP300", "cop203", "500"] {
            let (s, out, _) = try run(["expliquer", code])
            XCTAssertEqual(s, 0, code)
            XCTAssertTrue(out.contains("Exemple"), code)
        }
        let (s3, weights, _) = try run(["expliquer", "COP405"])
        XCTAssertEqual(s3, 0)
        XCTAssertTrue(weights.hasPrefix("COP405 — poids qui ne totalisent pas 1 (avertissement)") && weights.contains("1/3"), weights)
    }

    func testEmit() throws {
        let dir = try tempDir(["c.cop": cleanContract,
                               "a1.cop": "avenant 1 au contrat C1 « a »\n  signé le : 2021-06-30\n  en vigueur le : 2021-07-01\nmodifier indicateur 1.1.a\n  cible 2022 : 60 %\n"])
        let (s0, out, err) = try run(["emit", dir])
        XCTAssertEqual(s0, 0, err)
        let ir = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        XCTAssertEqual(ir["version"] as? Int, 1)
        XCTAssertEqual(try run(["emit", dir]).1, out, "byte-identical across runs")
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(try run(["emit", dir, "--version", "0"]).1.utf8)) as! [String: Any])["version"] as? Int, 0)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(try run(["emit", dir, "--au", "2021-06-30"]).1.utf8)) as! [String: Any])["version"] as? Int, 0)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(try run(["emit", dir, "--au", "2021-07-01"]).1.utf8)) as! [String: Any])["version"] as? Int, 1)
        let target = dir + "/ir.json"
        XCTAssertEqual(try run(["emit", dir, "--contrat", "C1", "-o", target]).0, 0)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), out)
        for args in [["emit", dir, "--version", "7"], ["emit", dir, "--contrat", "C2"], ["emit", dir, "--version", "0", "--au", "2021-01-01"],
                     ["emit", dir, "-o", "/nonexistent/dir/ir.json"], ["emit", dir, "--version", "x"]] {
            let (status, o, e) = try run(args)
            XCTAssertEqual(status, 2, "\(args)")
            XCTAssertTrue(o.isEmpty && e.hasPrefix("copc : "), "\(args): \(e)")
        }
    }

    func testUnreadableFileIsCOP001NotACrash() throws {
        let dir = try tempDir(["a.cop": cleanContract])
        let path = dir + "/b.cop"
        try "contrat X « x »\n  période : 2021 .. 2022\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        let (status, out, _) = try run(["check", dir, "--format", "gcc"])
        if getuid() == 0 { return } // root reads anything: nothing to observe
        XCTAssertEqual(status, 1)
        XCTAssertTrue(out.contains("[COP001]"), out)
    }
}
