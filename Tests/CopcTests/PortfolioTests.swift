import XCTest
import Foundation
import CopcLanguage
import CopcDiagnostics
import CopcSema
import CopcDriver
import CopcPortfolio

/// The portfolio's model (`Portfolio.make`): each row of the fixture's contracts, the bodies
/// without a contract, groups and totals — and its independence from the number of threads.
final class PortfolioTests: XCTestCase {
    func row(_ p: Portfolio, _ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> ContractRow {
        try XCTUnwrap(p.contracts.first { $0.id == id }, "no row \(id)", file: file, line: line)
    }

    func testRowsAreReadAtTheDate() throws {
        let p = PortfolioFixture.portfolio()
        XCTAssertEqual(p.day, PortfolioFixture.day)
        XCTAssertEqual(p.contracts.map(\.id), ["C-X", "C-OA-2019", "C-OA-2023", "C-OB-2021", "C-OC-2027", "C-OE-2024"],
                       "by body (or id), then start")

        let renewed = try row(p, "C-OA-2019")
        XCTAssertEqual(renewed.state, .expiredRenewed)
        XCTAssertEqual(renewed.successor, "C-OA-2023")
        XCTAssertEqual(renewed.bodyName, "Office A")

        let oa = try row(p, "C-OA-2023")
        XCTAssertEqual(oa.state, .expiring(months: 10))
        XCTAssertTrue(oa.expiringWithoutSuccessor)
        XCTAssertEqual(oa.predecessor, "C-OA-2019")
        XCTAssertEqual(oa.tutelles, ["MINX", "DB"])
        XCTAssertEqual(oa.type, .cop)
        XCTAssertEqual(oa.version, 1)
        XCTAssertEqual(oa.avenants, 1)
        XCTAssertEqual(oa.pendingTargets.map { "\($0.indicator) \($0.year) \($0.overdue)" }, ["1.a 2025 true", "1.a 2026 false"],
                       "2024 was set by the avenant")
        XCTAssertEqual(oa.lateActions.map(\.id), ["1.2", "1.4"], "1.1 finalisé, 1.3 postponed to the end of 2026, 1.5 not due")
        XCTAssertEqual(oa.lateActions[0].state, .ongoing)
        XCTAssertEqual(oa.lateActions[0].reportedIn, 2023)
        XCTAssertEqual(oa.lateActions[0].due, Day(year: 2024, month: 12, day: 31))
        XCTAssertNil(oa.lateActions[1].state)
        XCTAssertEqual(oa.lateActions[1].due, Day(year: 2025, month: 6, day: 30))
        XCTAssertEqual(oa.bilans, BilanStatus(calendar: true, expected: [2023, 2024], present: [2023]))
        XCTAssertEqual(oa.bilans.missing, [2024])
        XCTAssertEqual(oa.latestBilan, LatestBilan(year: 2023, indicatorsJudged: 2, indicatorsOnTarget: 1, actionsCounted: 3, actionsDone: 1))

        XCTAssertEqual(try row(p, "C-OB-2021").state, .expiredWithoutSuccessor)
        XCTAssertEqual(try row(p, "C-OC-2027").state, .upcoming)
        XCTAssertEqual(try row(p, "C-OE-2024").state, .inForce)
        let x = try row(p, "C-X")
        XCTAssertEqual(x.state, .expiring(months: 4))
        XCTAssertNil(x.body)
        XCTAssertEqual(x.tutelles, [])
        XCTAssertEqual(x.bilans, BilanStatus(calendar: false, expected: [], present: []))
        XCTAssertNil(x.latestBilan)
    }

    func testDiagnosticsAreCountedPerContract() throws {
        let result = PortfolioFixture.result()
        let p = Portfolio.make(result, day: PortfolioFixture.day, grouping: .tutelle)
        for c in result.contracts {
            let files = Set(c.files)
            let mine = result.diagnostics.filter { $0.span.map { files.contains($0.file.id) } ?? false }
            let r = try row(p, c.id!)
            XCTAssertEqual(r.diagnostics, DiagnosticCounts(errors: mine.filter { $0.severity == .error }.count,
                                                          warnings: mine.filter { $0.severity == .warning }.count,
                                                          notes: mine.filter { $0.severity == .note }.count), c.id!)
        }
        XCTAssertGreaterThan(try row(p, "C-OA-2023").diagnostics.warnings, 0, "COP303 and COP606 at the date")
    }

    func testBodiesWithoutContractAndTheirNotes() throws {
        let p = PortfolioFixture.portfolio()
        XCTAssertEqual(p.bodies.map(\.id), ["OB", "OC", "OD"])
        XCTAssertEqual(p.bodies[0].lastContract, "C-OB-2021")
        XCTAssertEqual(p.bodies[0].lastEnd, Day(year: 2025, month: 12, day: 31))
        XCTAssertFalse(p.bodies[0].lastUpcoming)
        XCTAssertEqual(p.bodies[0].category, "EPIC")
        XCTAssertEqual(p.bodies[0].file, "annuaire.cop")
        XCTAssertEqual(p.bodies[0].line, 11)
        XCTAssertEqual(p.bodies[1].lastContract, "C-OC-2027")
        XCTAssertTrue(p.bodies[1].lastUpcoming)
        XCTAssertNil(p.bodies[2].lastContract)
        XCTAssertEqual(p.bodies[2].tutelles, ["MINX", "MINY"])
        XCTAssertEqual(p.diagnostics.map(\.code), [.cop212, .cop212, .cop212])
        XCTAssertEqual(p.diagnostics.map { $0.span?.start.line ?? 0 }, [11, 15, 18])
        XCTAssertTrue(p.diagnostics[0].text.contains("a pris fin le 31\u{00A0}décembre 2025"), p.diagnostics[0].text)
        XCTAssertTrue(p.diagnostics[1].text.contains("n'est pas en vigueur"), p.diagnostics[1].text)
        XCTAssertTrue(p.diagnostics[2].text.contains("aucun contrat ne le nomme"), p.diagnostics[2].text)
        // `copc check` does not report them.
        XCTAssertFalse(PortfolioFixture.result().diagnostics.contains { $0.code == .cop212 })
    }

    func testGroupsAndTotals() throws {
        let p = PortfolioFixture.portfolio(.tutelle)
        XCTAssertEqual(p.groups.map(\.key), ["DB", "MINX", "MINY", ""])
        XCTAssertEqual(p.groups.map(\.label), ["DB — Direction du budget", "MINX — Ministère fictif de l'exemple",
                                               "MINY — Ministère fictif voisin", "sans tutelle"])
        func ids(_ g: Portfolio.Group) -> [String] { g.contracts.map { p.contracts[$0].id } }
        XCTAssertEqual(ids(p.groups[1]), ["C-OA-2019", "C-OA-2023", "C-OC-2027", "C-OE-2024"])
        XCTAssertEqual(p.groups[1].bodies.map { p.bodies[$0].id }, ["OC", "OD"])
        XCTAssertEqual(p.groups[2].bodies.map { p.bodies[$0].id }, ["OB", "OD"], "a body under two tutelles is in both")
        XCTAssertEqual(p.totals.contracts, 6, "a contract under two tutelles counts once in the whole")
        XCTAssertEqual(p.groups.map(\.totals.contracts).reduce(0, +), 7)
        XCTAssertEqual(p.totals.count(.expiring), 2)
        XCTAssertEqual(p.totals.expiringWithoutSuccessor, 2)
        XCTAssertEqual(p.totals.count(.expiredRenewed), 1)
        XCTAssertEqual(p.totals.count(.expiredWithoutSuccessor), 1)
        XCTAssertEqual(p.totals.count(.upcoming), 1)
        XCTAssertEqual(p.totals.count(.inForce), 1)
        XCTAssertEqual(p.totals.bodiesWithoutContract, 3)
        XCTAssertEqual(p.totals.pendingTargets, 2)
        XCTAssertEqual(p.totals.overdueTargets, 1)
        XCTAssertEqual(p.totals.lateActions, 2)
        XCTAssertEqual([p.totals.bilansExpected, p.totals.bilansPresent, p.totals.bilansMissing], [2, 1, 1])

        let byType = PortfolioFixture.portfolio(.type)
        XCTAssertEqual(byType.groups.map(\.label), ["COP", "CPOM", "type non précisé", "sans contrat"])
        XCTAssertEqual(byType.groups.last?.bodies.count, 3)
        let byState = PortfolioFixture.portfolio(.etat)
        XCTAssertEqual(byState.groups.map(\.label), ["expire dans l'année", "expiré sans successeur", "sans contrat", "en vigueur",
                                                      "à venir", "expiré et renouvelé"])
    }

    func testTheResultDoesNotDependOnTheThreads() {
        let one = PortfolioFixture.portfolio(threads: 1)
        let two = PortfolioFixture.portfolio(threads: 4)
        XCTAssertEqual(one.json(), two.json())
        XCTAssertEqual(one.html(), two.html())
        XCTAssertEqual(PortfolioFixture.portfolio().text(), PortfolioFixture.portfolio().text(), "deterministic")
    }

    func testMonthsLeftCountAStartedMonthAsOne() {
        func state(_ start: String, _ end: String) -> ContractState {
            let text = "contrat C « C »\n  période : \(start) .. \(end)\n"
            let r = Driver.check(sources: [("c.cop", Array(text.utf8))], options: CheckOptions(au: PortfolioFixture.day))
            return Portfolio.make(r, day: PortfolioFixture.day, grouping: .etat).contracts[0].state
        }
        XCTAssertEqual(state("2020-01-01", "2026-03-01"), .expiring(months: 1), "the last day")
        XCTAssertEqual(state("2020-01-01", "2026-03-02"), .expiring(months: 1))
        XCTAssertEqual(state("2020-01-01", "2027-03-01"), .expiring(months: 12), "exactly a year")
        XCTAssertEqual(state("2020-01-01", "2027-03-02"), .inForce, "a year and a day")
        XCTAssertEqual(state("2026-03-02", "2027-01-01"), .upcoming)
        XCTAssertEqual(state("2020-01-01", "2026-02-28"), .expiredWithoutSuccessor)
    }
}
