import XCTest
import Foundation
import CopcSource
import CopcDiagnostics
import CopcDriver

/// `copc check --format sarif`: the shape GitHub code scanning reads, URIs, UTF-16 columns,
/// related locations and fingerprints. Validation against the official schema itself is
/// `scripts/valider-sarif.sh` (it needs the schema from PyPI).
final class SarifTests: XCTestCase {
    /// A COP300 (with a note pointing at the period) on line 10.
    let sample = cleanContract.replacingOccurrences(of: "délai : fin 2022", with: "délai : fin 2026")

    func sarif(_ diagnostics: [Diagnostic], root: String? = "/depot") throws -> [String: Any] {
        let text = DiagnosticRenderer.sarif(diagnostics, toolVersion: "9.8.7", sourceRoot: root)
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    func run(_ log: [String: Any]) -> [String: Any] { (log["runs"] as! [[String: Any]])[0] }
    func results(_ log: [String: Any]) -> [[String: Any]] { run(log)["results"] as! [[String: Any]] }

    func physical(_ location: [String: Any]) -> (uri: String, base: String?, region: [String: Int]?) {
        let p = location["physicalLocation"] as! [String: Any]
        let a = p["artifactLocation"] as! [String: Any]
        return (a["uri"] as! String, a["uriBaseId"] as? String, p["region"] as? [String: Int])
    }

    func testLogRunAndToolDriver() throws {
        let log = try sarif(check(sample))
        XCTAssertEqual(log["$schema"] as? String, "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        XCTAssertEqual((log["runs"] as! [Any]).count, 1)
        let driver = (run(log)["tool"] as! [String: Any])["driver"] as! [String: Any]
        XCTAssertEqual(driver["name"] as? String, "copc")
        XCTAssertEqual(driver["version"] as? String, "9.8.7")
        XCTAssertEqual(run(log)["columnKind"] as? String, "utf16CodeUnits")
        let bases = run(log)["originalUriBaseIds"] as! [String: [String: Any]]
        XCTAssertEqual(bases["%SRCROOT%"]?["uri"] as? String, "file:///depot/", "a base URI ends with a slash")
        // Without a root (the command line's case), the base is declared without its URI: no
        // absolute path of the checkout leaks into an uploaded log; GitHub resolves %SRCROOT%
        // itself.
        let undisclosed = run(try sarif(check(sample), root: nil))["originalUriBaseIds"] as! [String: [String: Any]]
        XCTAssertNil(undisclosed["%SRCROOT%"]?["uri"])
        XCTAssertNotNil((undisclosed["%SRCROOT%"]?["description"] as? [String: String])?["text"])
    }

    /// Rules carry `help.markdown` (examples fenced) and tags; no `helpUri` (no honest URL).
    func testRulesHaveMarkdownHelpAndTags() throws {
        let driver = (run(try sarif([]))["tool"] as! [String: Any])["driver"] as! [String: Any]
        for rule in driver["rules"] as! [[String: Any]] {
            let help = rule["help"] as! [String: String]
            XCTAssertTrue(help["markdown"]!.contains("```\n"), rule["id"] as! String)
            XCTAssertTrue(help["markdown"]!.contains("docs/langage.md"))
            let tags = (rule["properties"] as! [String: Any])["tags"] as! [String]
            XCTAssertEqual(tags.first, "copc")
            XCTAssertEqual(tags.count, 3)
            XCTAssertNil(rule["helpUri"])
        }
    }

    /// Every code is a rule, in a stable order, with what GitHub shows about it.
    func testRulesListEveryCode() throws {
        let driver = (run(try sarif([]))["tool"] as! [String: Any])["driver"] as! [String: Any]
        let rules = driver["rules"] as! [[String: Any]]
        XCTAssertEqual(rules.map { $0["id"] as! String }, Code.allCases.map(\.rawValue))
        var names = Set<String>()
        for (rule, code) in zip(rules, Code.allCases) {
            let name = rule["name"] as! String
            XCTAssertNotNil(name.range(of: "^[A-Z][A-Za-z0-9]+$", options: .regularExpression), name)
            XCTAssertTrue(names.insert(name).inserted, "duplicate rule name \(name)")
            let short = (rule["shortDescription"] as! [String: String])["text"]!
            XCTAssertEqual(short.lowercased(), code.title.lowercased())
            XCTAssertTrue(short.first!.isUppercase, short)
            let full = (rule["fullDescription"] as! [String: String])["text"]!
            XCTAssertTrue(code.explanation.contains(full), code.rawValue)
            XCTAssertFalse(full.hasPrefix(code.rawValue), "the heading line is not the description: \(code.rawValue)")
            XCTAssertLessThanOrEqual(full.count, 1024, "GitHub's limit: \(code.rawValue)")
            XCTAssertEqual((rule["help"] as! [String: String])["text"], code.explanation)
            XCTAssertEqual((rule["defaultConfiguration"] as! [String: String])["level"], code.severity.rawValue)
        }
        XCTAssertEqual(Code.cop300.ruleName, "DeadlineOutsidePeriod")
    }

    func testResultFields() throws {
        let diagnostics = check(sample)
        let log = try sarif(diagnostics)
        let rs = results(log)
        XCTAssertEqual(rs.count, 1)
        let r = rs[0]
        XCTAssertEqual(r["ruleId"] as? String, "COP300")
        let rules = ((run(log)["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        XCTAssertEqual(rules[r["ruleIndex"] as! Int]["id"] as? String, "COP300")
        XCTAssertEqual(r["level"] as? String, "error")
        let text = (r["message"] as! [String: String])["text"]!
        XCTAssertTrue(text.hasPrefix(diagnostics[0].text + "\n"), text)
        let loc = physical((r["locations"] as! [[String: Any]])[0])
        XCTAssertEqual(loc.uri, "essai.cop")
        XCTAssertEqual(loc.base, "%SRCROOT%")
        XCTAssertEqual(loc.region, ["startLine": 10, "startColumn": 11, "endLine": 10, "endColumn": 19])
        let warnings = results(try sarif(check(cleanContract.replacingOccurrences(of: "  unité : %\n", with: ""))))
        XCTAssertEqual(warnings.map { $0["level"] as! String }, ["warning"])
        XCTAssertEqual(results(try sarif(check(cleanContract))).count, 0)
    }

    /// Notes become relatedLocations, linked from the message as SARIF embedded links.
    func testNotesBecomeRelatedLocations() throws {
        let r = results(try sarif(check(sample)))[0]
        let related = r["relatedLocations"] as! [[String: Any]]
        XCTAssertEqual(related.count, 1)
        XCTAssertEqual(related[0]["id"] as? Int, 1)
        XCTAssertEqual((related[0]["message"] as! [String: String])["text"], "période du contrat déclarée ici")
        let loc = physical(related[0])
        XCTAssertEqual(loc.uri, "essai.cop")
        XCTAssertEqual(loc.region?["startLine"], 3)
        XCTAssertEqual(loc.region?["startColumn"], 3)
        XCTAssertTrue((r["message"] as! [String: String])["text"]!.hasSuffix("\nnote : [période du contrat déclarée ici](1)"))
        // A note in another file points at that file.
        let files = [("a/contrat.cop", sample.replacingOccurrences(of: "référent DGOS « Direction générale de l'offre de soins »\n", with: "utilise « ../annuaire.cop »\n")),
                     ("annuaire.cop", "annuaire A « A »\nréférent DGOS « DGOS »\nréférent DGOS « Encore »\n")]
        let dup = results(try sarif(check(files))).first { $0["ruleId"] as? String == "COP200" }!
        XCTAssertEqual(physical((dup["relatedLocations"] as! [[String: Any]])[0]).uri, "annuaire.cop")
    }

    /// Literal brackets are escaped so that only copc's own links are links (SARIF §3.11.6).
    func testBracketsInMessagesAreEscaped() throws {
        let text = cleanContract.replacingOccurrences(of: "« Objectif »", with: "« Objectif [x] »") + "objectif 1.1 « Autre »\n"
        let r = results(try sarif(check(text))).first { $0["ruleId"] as? String == "COP200" }
        let message = try XCTUnwrap(r.flatMap { ($0["message"] as! [String: String])["text"] })
        XCTAssertTrue(message.contains("(« Objectif \\[x\\] »)\nnote : [première déclaration ici](1)"), message)
    }

    /// Columns count UTF-16 code units: an emoji before the flagged text counts twice.
    func testColumnsAreUTF16() throws {
        let text = cleanContract.replacingOccurrences(of: "action 1.1.1 « Action »", with: "action 1.1.1 « Été 😀 » dans objectif 9")
        let diagnostics = check(text)
        let d = try XCTUnwrap(diagnostics.first { $0.code == .cop105 })
        let r = results(try sarif(diagnostics)).first { $0["ruleId"] as? String == "COP105" }!
        let region = physical((r["locations"] as! [[String: Any]])[0]).region!
        XCTAssertEqual(region["startColumn"], d.span!.start.column + 1, "scalar column + 1 for the emoji's second unit")
        XCTAssertEqual(region["startColumn"], 25)
        XCTAssertEqual(region["endColumn"]! - region["startColumn"]!, "dans objectif 9".utf16.count)
    }

    func testURIsAreRelativeAndPercentEncoded() throws {
        let log = try sarif(check([("dossier été/contrat 1.cop", sample)]))
        let loc = physical((results(log)[0]["locations"] as! [[String: Any]])[0])
        XCTAssertEqual(loc.uri, "dossier%20%C3%A9t%C3%A9/contrat%201.cop")
        XCTAssertEqual(loc.base, "%SRCROOT%")
        // A file outside the root keeps an absolute file URI, without base; no span, no region.
        let outside = try sarif([Diagnostic(.unreadableFile(reason: "Permission non accordée"), path: "/ailleurs/a b.cop")], root: "/dépôt")
        let o = physical((results(outside)[0]["locations"] as! [[String: Any]])[0])
        XCTAssertEqual(o.uri, "file:///ailleurs/a%20b.cop")
        XCTAssertNil(o.base)
        XCTAssertNil(o.region)
        let bases = run(outside)["originalUriBaseIds"] as! [String: [String: Any]]
        XCTAssertEqual(bases["%SRCROOT%"]?["uri"] as? String, "file:///d%C3%A9p%C3%B4t/")
    }

    func fingerprints(_ text: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for r in results(try sarif(check(text))) {
            let key = (r["ruleId"] as! String)
            XCTAssertNil(out[key], "one result per code in these samples")
            out[key] = (r["partialFingerprints"] as! [String: String])["copc/v1"]
        }
        return out
    }

    /// Fingerprints ignore line numbers: lines inserted above change no fingerprint; editing
    /// the flagged line changes its own.
    func testFingerprintsSurviveInsertedLines() throws {
        let text = sample.replacingOccurrences(of: "  unité : %\n", with: "")  // COP300 + COP404
        let before = try fingerprints(text)
        XCTAssertEqual(Set(before.keys), ["COP300", "COP404"])
        for v in before.values { XCTAssertNotNil(v.range(of: "^[0-9a-f]{16}:1$", options: .regularExpression), v) }
        let shifted = text.replacingOccurrences(of: "axe 1 « Axe »\n", with: "# Une note de relecture\n\nréférent DGCS « DGCS »\naxe 1 « Axe »\n")
        XCTAssertNotEqual(summary(check(shifted)), summary(check(text)), "the lines did move")
        XCTAssertEqual(try fingerprints(shifted), before)
        let reindented = text.replacingOccurrences(of: "  délai : fin 2026", with: "\tdélai :   fin 2026")
        XCTAssertEqual(try fingerprints(reindented), before, "blanks are normalised")
        let edited = try fingerprints(text.replacingOccurrences(of: "fin 2026", with: "fin 2027"))
        XCTAssertNotEqual(edited["COP300"], before["COP300"])
        XCTAssertEqual(edited["COP404"], before["COP404"])
    }

    /// Two results with the same code on identical lines are told apart by their rank.
    func testIdenticalLinesGetDistinctFingerprints() throws {
        let text = cleanContract + "objectif 1.2 « Deux »\n  pilote : INCONNU\nobjectif 1.3 « Trois »\n  pilote : INCONNU\n"
        let rs = results(try sarif(check(text))).filter { $0["ruleId"] as? String == "COP201" }
        let prints = rs.map { ($0["partialFingerprints"] as! [String: String])["copc/v1"]! }
        XCTAssertEqual(prints.count, 2)
        XCTAssertEqual(prints[0].split(separator: ":")[0], prints[1].split(separator: ":")[0], "same line, same hash")
        XCTAssertEqual(prints.map { $0.split(separator: ":")[1] }, ["1", "2"])
    }

    func testDeterministic() {
        let d = check(sample)
        XCTAssertEqual(DiagnosticRenderer.sarif(d, toolVersion: "1", sourceRoot: "/r"),
                       DiagnosticRenderer.sarif(check(sample), toolVersion: "1", sourceRoot: "/r"))
    }
}
