import XCTest
import Foundation
import CopcDriver
import CopcSite
import CopcHTML
import CopcPortfolio

/// The repository's fictitious portfolio (`contracts/exemples/portefeuille-fictif/`, read at
/// 22 November 2026): its dashboard in every format and its site are goldens beside it
/// (`attendu/`, rewritten with `UPDATE_GOLDEN=1`), and every link of its site is followed.
/// The site's golden is the full text of its dashboard and contract pages, and the SHA-256
/// of every file of the site (`site-empreintes.txt`): a change of any byte shows.
final class PortfolioExampleTests: XCTestCase {
    static let example = "contracts/exemples/portefeuille-fictif"
    static var goldens: String { repositoryRoot + "/" + example + "/attendu" }
    let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"

    func compare(_ actual: String, golden name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = Self.goldens + "/" + name
        if update {
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        // (read as bytes: Foundation's String(contentsOfFile:) drops the CSV's BOM)
        let expected = String(decoding: try XCTUnwrap(FileManager.default.contents(atPath: path)), as: UTF8.self)
        XCTAssertEqual(actual, expected, "\(name) differs from its golden (UPDATE_GOLDEN=1 swift test --filter PortfolioExampleTests, and review the diff)",
                       file: file, line: line)
    }

    func testDashboardGoldens() throws {
        for (format, ext) in [("texte", "txt"), ("markdown", "md"), ("html", "html"), ("json", "json"), ("csv", "csv")] {
            let (status, out, err) = try runCopc(["portefeuille", Self.example, "--au", "2026-11-22", "--format", format], cwd: repositoryRoot)
            XCTAssertEqual(status, 0, err)
            try compare(out, golden: "portefeuille.\(ext)")
        }
        // The example holds what a tutelle looks for: each kind of state, bodies without a
        // contract, overdue targets, late actions, missing bilans.
        let (_, text, _) = try runCopc(["portefeuille", Self.example, "--au", "2026-11-22", "--par", "état"], cwd: repositoryRoot)
        for needle in ["expire dans 2 mois", "expiré sans successeur", "expiré et renouvelé", "à venir", "en vigueur",
                       "organismes sans contrat en vigueur : CEF", "cibles à fixer dont l'année est close : COG-CRT-2024-2026",
                       "bilans manquants : COP-ANT-2022-2026 (2022 et 2023)"] {
            XCTAssertTrue(text.contains(needle), needle)
        }
    }

    func testSiteGoldenAndLinks() throws {
        let output = FileSystem.realPath(scratchRoot)! + "/copc-site-exemple-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (status, _, err) = try runCopc(["site", Self.example, "-o", output, "--au", "2026-11-22"], cwd: repositoryRoot)
        XCTAssertEqual(status, 0, err)
        let files = SiteTests.files(output)
        XCTAssertEqual(files.filter { $0.hasPrefix("contrats/") && $0.hasSuffix("/index.html") }.count, 12, "a page per contract")
        var digests = ""
        for f in files {
            let bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: output + "/" + f)))
            digests += SHA256.hash(bytes).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() + "  " + f + "\n"
            if f == "index.html" || (f.hasPrefix("contrats/") && f.hasSuffix("/index.html")) {
                try compare(String(decoding: bytes, as: UTF8.self), golden: "site/" + f)
            }
        }
        try compare(digests, golden: "site-empreintes.txt")
        try SiteTests.followEveryLink(output, input: repositoryRoot + "/" + Self.example, minimum: 150)
    }
}

/// `copc portefeuille --format xlsx`: every cell of the three sheets read back (the tests'
/// own reader) and compared with the model — ids and words as text, dates as dates, counts
/// as numbers, shares as fractions shown as percentages.
final class PortfolioSheetTests: XCTestCase {
    func testWorkbookAgainstTheModel() throws {
        let portfolio = PortfolioFixture.portfolio()
        let dir = try temporaryFolder("copc-portefeuille-xlsx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/portefeuille.xlsx"
        try write(portfolio.workbook(), to: path)
        let book = try ReadWorkbook(path)
        XCTAssertEqual(book.title, portfolio.title)
        XCTAssertEqual(book.sheets.map(\.name), ["Contrats", "Organismes sans contrat", "Totaux"])
        let rows = book.sheet("Contrats")
        XCTAssertEqual(rows[0].map { $0?.text }, Portfolio.csvColumns.dropFirst().map { $0 })
        XCTAssertEqual(rows.count, portfolio.contracts.count + 1)
        for (k, r) in portfolio.contracts.enumerated() {
            let c = rows[k + 1]
            XCTAssertEqual(c[0]?.text, r.id)
            XCTAssertEqual(c[1]?.text, r.body)
            XCTAssertEqual(c[5]?.date, r.period?.start.description)
            XCTAssertEqual(c[6]?.date, r.period?.end.description)
            XCTAssertEqual(c[7]?.text, r.state.kind.rawValue)
            if case .expiring(let m) = r.state { XCTAssertEqual(c[8]?.number, Double(m)) } else { XCTAssertNil(c[8]) }
            let counts = [r.version, r.avenants, r.diagnostics.errors, r.diagnostics.warnings, r.diagnostics.notes,
                          r.pendingTargets.count, r.overdueTargets.count, r.lateActions.count, r.bilans.present.count]
            XCTAssertEqual((11...19).map { c[$0]?.number }, counts.map { Double($0) }, r.id)
            XCTAssertEqual(c[20]?.number, r.bilans.calendar ? Double(r.bilans.expected.count) : nil, r.id)
            XCTAssertEqual(c[21]?.number, r.bilans.calendar ? Double(r.bilans.missing.count) : nil, r.id)
            XCTAssertEqual(c[22]?.number, r.latestBilan.map { Double($0.year) }, r.id)
            if let l = r.latestBilan {
                XCTAssertEqual(c[23]?.number, Double(l.indicatorsJudged))
                XCTAssertEqual(c[24]?.number, Double(l.indicatorsOnTarget))
                XCTAssertEqual(c[25]?.number, l.indicatorsJudged > 0 ? Double(l.indicatorsOnTarget) / Double(l.indicatorsJudged) : nil)
                XCTAssertTrue(l.indicatorsJudged == 0 || c[25]?.format.hasSuffix("%") == true)
                XCTAssertEqual(c[26]?.number, Double(l.actionsCounted))
                XCTAssertEqual(c[27]?.number, Double(l.actionsDone))
                XCTAssertEqual(c[28]?.number, l.actionsCounted > 0 ? Double(l.actionsDone) / Double(l.actionsCounted) : nil)
            }
        }
        let bodies = book.sheet("Organismes sans contrat")
        XCTAssertEqual(bodies.count, portfolio.bodies.count + 1)
        for (k, b) in portfolio.bodies.enumerated() {
            XCTAssertEqual(bodies[k + 1][0]?.text, b.id)
            XCTAssertEqual(bodies[k + 1][4]?.text, b.lastContract)
            XCTAssertEqual(bodies[k + 1][5]?.date, b.lastEnd?.description)
            XCTAssertEqual(bodies[k + 1][7]?.number, Double(b.line))
        }
        let totals = book.sheet("Totaux")
        XCTAssertEqual(totals.count, portfolio.groups.count + 2)
        for (k, (label, t)) in (portfolio.groups.map { ($0.label, $0.totals) } + [("portefeuille", portfolio.totals)]).enumerated() {
            let c = totals[k + 1]
            XCTAssertEqual(c[0]?.text, label)
            let expected = [t.contracts] + ContractState.Kind.allCases.map { t.count($0) } + [
                t.expiringWithoutSuccessor, t.diagnostics.errors, t.diagnostics.warnings, t.diagnostics.notes, t.pendingTargets,
                t.overdueTargets, t.lateActions, t.bilansExpected, t.bilansPresent, t.bilansMissing]
            XCTAssertEqual(c.dropFirst().map { $0?.number }, expected.map { Double($0) }, label)
        }
    }

    func testCommandWritesTheWorkbookNeverOnATerminal() throws {
        let dir = try temporaryFolder("copc-portefeuille-xlsx-cli")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (status, _, err) = try runCopc(["portefeuille", PortfolioExampleTests.example, "--au", "2026-11-22", "--format", "xlsx",
                                            "-o", dir + "/p.xlsx"], cwd: repositoryRoot)
        XCTAssertEqual(status, 0, err)
        let book = try ReadWorkbook(dir + "/p.xlsx")
        XCTAssertEqual(book.sheet("Contrats").count, 13, "12 contracts and the header")
        XCTAssertEqual(book.sheet("Organismes sans contrat").count, 5)
    }
}
