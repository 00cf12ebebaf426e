import XCTest
import Foundation
import CopcLanguage
import CopcSource
import CopcModel
import CopcSema
import CopcDriver
import CopcBilan

/// `copc bilan`: the report computed from the contract and its bilans, its four formats, the
/// goldens of the fictitious example, and the command line.
final class BilanTests: XCTestCase {
    static let example = "contracts/exemples/suivi-annuel-fictif"

    func report(_ folder: String, year: Int?) throws -> BilanReport {
        let dir = repositoryRoot + "/" + folder
        let files = try FileSystem.copFiles(under: dir).map { (folder + "/" + Paths.relative($0, to: dir), try FileSystem.read($0)) }
        let result = Driver.check(sources: files, options: CheckOptions(au: testDate))
        guard case .success(let c) = result.contracts.select(nil) else { throw XCTSkip("no contract") }
        return try XCTUnwrap(BilanReport.make(c, year: year, files: result.fileTable))
    }

    /// The goldens of the fictitious example, in every format (`UPDATE_GOLDEN=1` rewrites them).
    func testExampleGoldens() throws {
        let r = try report(BilanTests.example, year: 2024)
        let update = FileSystem.environment("UPDATE_GOLDEN") == "1"
        for (ext, text) in [("md", r.markdown()), ("html", r.html()), ("csv", r.csv()), ("json", r.json())] {
            let path = repositoryRoot + "/" + BilanTests.example + "/bilan-2024." + ext
            if update { try FileSystem.writeAtomically(path, Array(text.utf8)); continue }
            let golden = String(decoding: try FileSystem.read(path), as: UTF8.self)
            XCTAssertEqual(golden, text, "bilan-2024.\(ext) differs (UPDATE_GOLDEN=1 swift test, then review)")
        }
    }

    /// Tableau 2 carries each indicator's whole trajectory, judged year by year with the
    /// version each year's bilan reads (1.1.a's 2024 target comes from avenant 1).
    func testTrajectoryAndJudgement() throws {
        let r = try report(BilanTests.example, year: 2024)
        XCTAssertEqual(r.version, 1)
        let rows = r.sections.flatMap { $0.objectives.flatMap(\.indicators) }
        let a = try XCTUnwrap(rows.first { $0.id == "1.1.a" })
        XCTAssertEqual(a.trajectory.map(\.year), [2022, 2023, 2024])
        XCTAssertEqual(a.point(2024)?.targetText, "70 %")
        XCTAssertEqual(a.point(2024)?.realizedText, "66 %")
        guard case .missed(let g)? = a.point(2024)?.attainment else { return XCTFail("2024 must be missed") }
        XCTAssertEqual(g.french, "−4\u{00A0}points")
        XCTAssertEqual(a.point(2023)?.attainment, .reached)
        let b = try XCTUnwrap(rows.first { $0.id == "1.1.b" })
        guard case .missed(let g2)? = b.point(2023)?.attainment else { return XCTFail("1.1.b 2023 must be missed") }
        XCTAssertEqual(g2.french, "−400 (−10\u{00A0}%)")
        let enc = try XCTUnwrap(rows.first { $0.id == "2.1.b" && $0.label == "encadrement" })
        XCTAssertEqual(enc.point(2023)?.realized, .unavailable)
        // Tableau 1: counts and an objective's state from its actions.
        let counts = Dictionary(uniqueKeysWithValues: r.stateCounts.map { ($0.state, $0.count) })
        XCTAssertEqual(counts[.done], 4, "two finalised in 2024, two in earlier bilans")
        XCTAssertEqual(counts[.postponed], 1)
        let o11 = try XCTUnwrap(r.sections.flatMap(\.objectives).first { $0.heading?.id == "1.1" })
        XCTAssertEqual(o11.state, .postponed)
        // Tableau 3
        XCTAssertEqual(r.riskRows.map(\.id), ["1.1.2"])
        XCTAssertEqual(r.riskRows.first?.difficulties.count, 2)
    }

    func testObjectiveStateAggregation() {
        XCTAssertEqual(BilanReport.aggregate([.done, .ongoing, .postponed]), .ongoing, "en cours if one action is")
        XCTAssertEqual(BilanReport.aggregate([.done, .postponed]), .postponed)
        XCTAssertEqual(BilanReport.aggregate([.done, .done]), .done)
        XCTAssertEqual(BilanReport.aggregate([.done, nil]), .ongoing)
        XCTAssertNil(BilanReport.aggregate([nil, nil]))
    }

    /// The real bilan gives no indicator value: the report says so.
    func testRealBilanHasNoIndicatorValue() throws {
        let r = try report("contracts/cop-cng-2021-2025", year: nil)
        XCTAssertEqual(r.year, 2024)
        // 1.1.a's 2024 target is « sans objet » (« / » in the document): it expects no réalisé.
        XCTAssertEqual(r.notApplicableCount, 1)
        XCTAssertEqual(r.withoutRealized.count + r.notApplicableCount, r.indicatorCount)
        XCTAssertFalse(r.withoutRealized.contains("1.1.a"))
        XCTAssertTrue(r.realizedSummary.hasPrefix("Aucun des"), r.realizedSummary)
        XCTAssertTrue(r.realizedSummary.contains("1 indicateur sans objet pour 2024"), r.realizedSummary)
        let md = r.markdown()
        XCTAssertTrue(md.contains("Tableau des emplois médicaux dans Logimedh"))
        XCTAssertTrue(md.contains("Un déficit de notoriété subsiste"))
    }

    func testCSVConventions() throws {
        let csv = try report(BilanTests.example, year: 2024).csv()
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}"), "BOM")
        XCTAssertTrue(csv.contains(";2023;55\u{00A0}%;55 %;55;58\u{00A0}%;58 %;58;atteinte;"), "decimal comma, semicolons")
        XCTAssertTrue(csv.contains(";2024;70\u{00A0}%;70 %;70;66\u{00A0}%;66 %;66;non atteinte;-4;;"))
        XCTAssertTrue(csv.contains("12,5"))
        XCTAssertTrue(csv.contains("\r\n"))
    }

    func testJSONIsValidAndFollowsTheSchemaKeys() throws {
        let json = try report(BilanTests.example, year: 2023).json()
        let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(o["schema"] as? String, "copc.bilan/1")
        XCTAssertEqual(o["annee"] as? Int, 2023)
        XCTAssertEqual(o["version"] as? Int, 1, "avenant 1, signed 2023-11-15, is in force on 31 December 2023")
        let earlier = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try report(BilanTests.example, year: 2022).json().utf8)) as? [String: Any])
        XCTAssertEqual(earlier["version"] as? Int, 0)
    }

    /// Every year of the example and of the real bilan validates against grammar/bilan.schema.json.
    func testJSONMatchesItsSchema() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/grammar/bilan.schema.json"))) as! [String: Any]
        let validator = SchemaValidator(root: schema)
        for (folder, year) in [(BilanTests.example, 2022), (BilanTests.example, 2023), (BilanTests.example, 2024), (BilanTests.example, 2026),
                               ("contracts/cop-cng-2021-2025", 2024)] {
            let value = try JSONSerialization.jsonObject(with: Data(try report(folder, year: year).json().utf8))
            var errors: [String] = []
            validator.validate(value, schema, "$", &errors)
            XCTAssertEqual(errors, [], "\(folder) \(year): \(errors.prefix(5))")
        }
    }

    func testHTMLIsSelfContainedAndWellFormed() throws {
        let html = try report(BilanTests.example, year: 2024).html()
        XCTAssertFalse(html.contains("<script"))
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertTrue(html.contains("Départ de deux formateurs sur trois"))
        XCTAssertTrue(parseXML(html).isWellFormed, "well-formed XML")
    }

    func testCommandLine() throws {
        let cli = CLITests(name: "testEmit", testClosure: { _ in })
        let dir = repositoryRoot + "/" + BilanTests.example
        let (s, out, err) = try cli.run(["bilan", dir, "--annee", "2023"])
        XCTAssertEqual(s, 0, err)
        XCTAssertTrue(out.contains("# Bilan 2023 — contrat COP-AFSO"))
        XCTAssertTrue(out.contains("Retards de livraison des équipements"))
        for f in ["html", "csv", "json", "markdown"] { XCTAssertEqual(try cli.run(["bilan", dir, "--format", f]).0, 0, f) }
        for args in [["bilan", dir, "--format", "pdf"], ["bilan", dir, "--annee", "24"], ["bilan", dir, "--contrat", "X"]] {
            let (status, o, e) = try cli.run(args)
            XCTAssertEqual(status, 2, args.joined(separator: " "))
            XCTAssertTrue(o.isEmpty)
            XCTAssertFalse(e.isEmpty)
        }
        // A contract without bilan: a French message, unless a year is given.
        let plain = try cli.tempDir(["c.cop": cleanContract])
        let (s2, _, e2) = try cli.run(["bilan", plain])
        XCTAssertEqual(s2, 2)
        XCTAssertTrue(e2.contains("aucun bilan"), e2)
        XCTAssertEqual(try cli.run(["bilan", plain, "--annee", "2022"]).0, 0)
        // A year far beyond the period: the trajectory stops at the period's end.
        let (s3, far, _) = try cli.run(["bilan", dir, "--annee", "9999", "--format", "json"])
        XCTAssertEqual(s3, 0)
        XCTAssertLessThan(far.utf8.count, 200_000)
    }

    /// `--au` on the command line turns the calendar check on (COP606); without it, no date
    /// decides the verdict.
    func testCalendarCheckOnlyWithAu() throws {
        let cli = CLITests(name: "testEmit", testClosure: { _ in })
        let dir = repositoryRoot + "/Tests/CopcTests/Cases/COP606-bilans-manquants"
        let (_, with, _) = try cli.run(["check", dir, "--au", "2026-04-01", "--format", "gcc"])
        XCTAssertTrue(with.contains("[COP606]"), with)
        let (_, without, _) = try cli.run(["check", dir, "--format", "gcc"])
        XCTAssertFalse(without.contains("[COP606]"), without)
    }

    /// `copc emit` carries the follow-up calendar and the bilans that read the version.
    func testEmitCarriesTheBilansOfTheVersion() throws {
        let cli = CLITests(name: "testEmit", testClosure: { _ in })
        let dir = repositoryRoot + "/" + BilanTests.example
        func ir(_ args: [String]) throws -> [String: Any] {
            let (status, out, err) = try cli.run(["emit", dir] + args)
            XCTAssertEqual(status, 0, err)
            return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        }
        let latest = try ir([])
        let years = (latest["bilans"] as? [[String: Any]])?.compactMap { $0["annee"] as? Int }
        XCTAssertEqual(years, [2023, 2024], "avenant 1 is in force on 31 December 2023 and 2024")
        let b2024 = try XCTUnwrap((latest["bilans"] as? [[String: Any]])?.last)
        let actions = try XCTUnwrap(b2024["actions"] as? [[String: Any]])
        let postponed = try XCTUnwrap(actions.first { $0["id"] as? String == "1.1.2" })
        XCTAssertEqual(postponed["etat"] as? String, "reporté")
        XCTAssertEqual((postponed["nouveau_delai"] as? [String: Any])?["texte_source"] as? String, "2025")
        XCTAssertEqual((postponed["difficultes"] as? [String])?.count, 2)
        let calendar = try XCTUnwrap((latest["contrat"] as? [String: Any])?["calendrier_suivi"] as? [[String: Any]])
        XCTAssertEqual(calendar.count, 3)
        XCTAssertEqual(calendar.first?["annee"] as? String, "N+1")
        let v0 = try ir(["--version", "0"])
        XCTAssertEqual((v0["bilans"] as? [[String: Any]])?.compactMap { $0["annee"] as? Int }, [2022])
    }

    /// Corrupted bilans never crash the check nor `copc bilan` in any format: every byte of
    /// the example's bilan replaced, deleted or duplicated at random positions.
    func testMutatedBilansNeverCrash() throws {
        let dir = repositoryRoot + "/" + BilanTests.example
        let contract = try FileSystem.read(dir + "/contrat.cop")
        let avenant = try FileSystem.read(dir + "/avenant-1.cop")
        let original = try FileSystem.read(dir + "/bilan-2024.cop")
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789 :%«»\"()\n-.,éabcdfinorstuN+≥≤€k".utf8) + [0xFF, 0xC3]
        for _ in 0..<150 {
            var b = original
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                guard !b.isEmpty else { break }
                let k = Int.random(in: 0..<b.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: b[k] = alphabet.randomElement(using: &rng)!
                case 1: b.remove(at: k)
                default: b.insert(contentsOf: b[k..<min(b.count, k + Int.random(in: 1...40, using: &rng))], at: k)
                }
            }
            let r = Driver.check(sources: [("contrat.cop", contract), ("avenant-1.cop", avenant), ("bilan-2024.cop", b)],
                                 options: CheckOptions(au: testDate, auGiven: true))
            guard case .success(let c) = r.contracts.select(nil) else { continue }
            for year in [nil, 2022, 2024, 2026] as [Int?] {
                guard let report = BilanReport.make(c, year: year, files: r.fileTable) else { continue }
                XCTAssertTrue(parseXML(report.html()).isWellFormed)
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(report.json().utf8)))
                _ = report.markdown()
                _ = report.csv()
            }
        }
    }
}
