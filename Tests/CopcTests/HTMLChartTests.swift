@testable import CopcFrench
import XCTest
@testable import CopcHTML

/// The inline SVG trajectory chart.
final class HTMLChartTests: XCTestCase {
    func chart(_ years: [Trajectory.Year], unit: String? = "%", id: String = "t") -> (svg: String, xml: ParsedXML) {
        let svg = Trajectory(anchor: Anchor(prefix: "graphique", key: id), title: "Indicateur 1.1.a « Taux »", unit: unit, years: years).svg()
        return (svg, parseXML(svg))
    }

    /// Every numeric attribute of the SVG parses as a finite number.
    func assertNumbersFinite(_ xml: ParsedXML, file: StaticString = #filePath, line: UInt = #line) {
        let numeric = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"]
        for e in xml.elements {
            for k in numeric {
                guard let v = e.attributes[k] else { continue }
                XCTAssertNotNil(Double(v).flatMap { $0.isFinite ? $0 : nil }, "\(e.name) \(k)=\(v)", file: file, line: line)
            }
            for k in ["d", "viewBox"] {
                guard let v = e.attributes[k] else { continue }
                for token in v.split(whereSeparator: { " MLHVZ".contains($0) }) {
                    XCTAssertNotNil(Double(token).flatMap { $0.isFinite ? $0 : nil }, "\(e.name) \(k)=\(v)", file: file, line: line)
                }
            }
        }
    }

    func assertSane(_ c: (svg: String, xml: ParsedXML), file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(c.xml.isWellFormed, c.xml.error ?? "", file: file, line: line)
        // No NaN nor infinity written anywhere: not in attributes (ids excepted, they come from
        // names), not in the text alternative.
        for e in c.xml.elements {
            for (k, v) in e.attributes where !["id", "aria-labelledby"].contains(k) {
                XCTAssertFalse(v.lowercased().contains("nan") || v.lowercased().contains("inf"), "\(e.name) \(k)=\(v)", file: file, line: line)
            }
        }
        for word in c.xml.text.split(whereSeparator: { !$0.isLetter }) {
            XCTAssertFalse(["nan", "inf", "infinity"].contains(word.lowercased()), String(word), file: file, line: line)
        }
        XCTAssertEqual(c.xml.count("svg"), 1, file: file, line: line)
        XCTAssertEqual(c.xml.count("title"), 1, file: file, line: line)
        XCTAssertEqual(c.xml.count("desc"), 1, file: file, line: line)
        XCTAssertEqual(c.xml.all("svg").first?["role"], "img", file: file, line: line)
        assertNumbersFinite(c.xml, file: file, line: line)
    }

    /// Missed years are drawn as hollow discs crossed by two lines: count them.
    func missedMarkers(_ xml: ParsedXML) -> Int {
        xml.all("circle").filter { $0["fill"] == "#fff" }.count
    }

    func filledMarkers(_ xml: ParsedXML) -> Int {
        xml.all("circle").filter { $0["fill"] == "#1b1b1b" }.count
    }

    func testTypicalTrajectory() {
        let c = chart([
            .init(2021, target: .value(40), actual: .init(42, outcome: .reached)),
            .init(2022, target: .value(50), actual: .init(45, outcome: .missed)),
            .init(2023, target: .value(60), actual: .init(61.5, outcome: .reached)),
            .init(2024, target: .described("à fixer par avenant"), actual: .init(nil, outcome: .notAssessed, note: "enquête reportée")),
            .init(2025, target: .value(80)),
        ])
        assertSane(c)
        // Legend included: one missed marker in the plot and one in the legend.
        XCTAssertEqual(missedMarkers(c.xml), 2)
        XCTAssertEqual(filledMarkers(c.xml), 3)
        // The text alternative lists every year and value, in French.
        let desc = c.xml.text
        for fragment in ["2021\u{A0}: cible 40\u{A0}%, réalisé 42\u{A0}%, cible atteinte", "2022\u{A0}: cible 50\u{A0}%, réalisé 45\u{A0}%, cible non atteinte",
                         "réalisé 61,5\u{A0}%", "2024\u{A0}: cible à fixer par avenant, réalisé non disponible (enquête reportée)", "2025\u{A0}: cible 80\u{A0}%"] {
            XCTAssertTrue(desc.contains(fragment), fragment)
        }
        XCTAssertTrue(desc.contains("n.\u{A0}d."), "a missing réalisé is written in the plot")
        XCTAssertTrue(desc.contains("cible non atteinte"), "the legend names the crossed marker")
        // Ticks are French numbers, the targets one step path.
        XCTAssertTrue(c.xml.all("path").contains { ($0["d"] ?? "").contains("V") })
        XCTAssertEqual(c.xml.all("svg").first?["aria-labelledby"], "graphique-t-titre graphique-t-desc")
    }

    func testMissedYearsAreVisibleWithoutColour() {
        let c = chart([
            .init(2021, target: .value(10), actual: .init(5, outcome: .missed)),
            .init(2022, target: .value(10), actual: .init(6, outcome: .missed)),
            .init(2023, target: .value(10), actual: .init(12, outcome: .reached)),
        ])
        assertSane(c)
        XCTAssertEqual(missedMarkers(c.xml), 3)  // two years + legend
        // Each hollow marker is crossed: two lines per missed marker.
        let crossLines = c.xml.all("line").filter { $0["stroke-width"] == "1.6" }.count
        XCTAssertEqual(crossLines, 6)
        // Nothing distinguishes outcomes by colour alone: only black, white and greys are used.
        let colours = Set(c.xml.elements.flatMap { [$0.attributes["fill"], $0.attributes["stroke"]] }.compactMap { $0 })
        XCTAssertTrue(colours.isSubset(of: ["#1b1b1b", "#fff", "#555", "#d0d0d0", "#c8c8c8", "none"]), "\(colours)")
    }

    func testMissingYearsLeaveGaps() {
        let c = chart([
            .init(2020, target: .value(1), actual: .init(1, outcome: .reached)),
            .init(2024, target: .value(2), actual: .init(2, outcome: .reached)),
        ])
        assertSane(c)
        // Five years on the axis, two separate target segments, no line joining the réalisés.
        let yearLabels = c.xml.elements.filter { $0.name == "text" && $0.attributes["text-anchor"] == "middle" }.count
        XCTAssertEqual(yearLabels, 5)
        let targetPath = c.xml.all("path").first { $0["stroke-width"] == "2.2" }?["d"] ?? ""
        XCTAssertEqual(targetPath.filter { $0 == "M" }.count, 2)
        XCTAssertFalse(targetPath.contains("V"))
        XCTAssertFalse(c.xml.all("path").contains { $0["stroke-dasharray"] == "2 3" })
    }

    func testRangesAndBounds() {
        let c = chart([
            .init(2021, target: .range(2.8, 2.2), actual: .init(2.5, outcome: .reached)),
            .init(2022, target: .atLeast(80), actual: .init(70, outcome: .missed)),
            .init(2023, target: .atMost(10), actual: .init(12, outcome: .missed)),
        ])
        assertSane(c)
        XCTAssertTrue(c.xml.all("rect").contains { $0["fill"] == "#c8c8c8" }, "range band")
        XCTAssertEqual(c.xml.all("line").filter { $0["stroke-dasharray"] == "5 3" }.count, 3, "two bounds and the legend")
        XCTAssertTrue(c.xml.text.contains("entre 2,2\u{A0}% et 2,8\u{A0}%"))
        XCTAssertTrue(c.xml.text.contains("au moins 80\u{A0}%"))
        XCTAssertTrue(c.xml.text.contains("au plus 10\u{A0}%"))
    }

    func testEdgeCasesStaySane() {
        let cases: [(String, [Trajectory.Year])] = [
            ("vide", []),
            ("un point", [.init(2024, actual: .init(5, outcome: .notAssessed))]),
            ("une cible", [.init(2024, target: .value(0))]),
            ("tout égal", [.init(2021, target: .value(7), actual: .init(7, outcome: .reached)), .init(2022, target: .value(7), actual: .init(7, outcome: .reached))]),
            ("négatif", [.init(2021, target: .value(-2.806), actual: .init(-3.1, outcome: .missed)), .init(2022, target: .value(-1), actual: .init(0.5, outcome: .reached))]),
            ("énorme", [.init(2021, target: .value(1e300), actual: .init(-1e308, outcome: .missed)), .init(2022, target: .value(Double.greatestFiniteMagnitude))]),
            ("minuscule", [.init(2021, target: .value(Double.leastNonzeroMagnitude), actual: .init(1e-300, outcome: .reached))]),
            ("non fini", [.init(2021, target: .value(.nan), actual: .init(.infinity, outcome: .missed)), .init(2022, target: .range(.nan, 3), actual: .init(-.infinity, outcome: .reached))]),
            ("années extrêmes", [.init(Int.min, target: .value(1)), .init(Int.max, actual: .init(2, outcome: .reached))]),
            ("décrit seulement", [.init(2021, target: .described("sans objet")), .init(2022, target: .described("oui"))]),
            ("doublon", [.init(2021, target: .value(1)), .init(2021, target: .value(2))]),
            ("grands nombres", [.init(2021, target: .value(4_000_000), actual: .init(3_999_999.5, outcome: .missed))]),
        ]
        for (name, years) in cases {
            let c = chart(years, id: name)
            assertSane(c)
            XCTAssertTrue(c.xml.isWellFormed, name)
        }
        // A year given twice keeps its last entry.
        XCTAssertTrue(chart([.init(2021, target: .value(1)), .init(2021, target: .value(2))]).xml.text.contains("2021\u{A0}: cible 2\u{A0}%"))
        // Values too large for plain digits are written in scientific notation.
        XCTAssertTrue(chart(cases[5].1).xml.text.contains("×\u{A0}10³⁰⁰"))
        XCTAssertTrue(chart([]).xml.text.contains("Aucune"))
        XCTAssertTrue(chart(cases[9].1).xml.text.contains("Aucune valeur chiffrée"))
        // Years far apart: only the given years are on the axis.
        let far = chart([.init(1900, target: .value(1)), .init(2024, target: .value(2))])
        XCTAssertEqual(far.xml.elements.filter { $0.name == "text" && $0.attributes["text-anchor"] == "middle" }.count, 2)
    }

    func testScaleTicksAreRoundAndCoverTheValues() {
        let s = ValueScale(values: [21.5, 60])
        XCTAssertEqual(s.lo, 0)
        XCTAssertGreaterThanOrEqual(s.hi, 60)
        XCTAssertTrue(s.ticks.allSatisfy { ($0 / s.step).rounded() * s.step == $0 })
        XCTAssertEqual(s.ticks.map { s.label($0) }, ["0", "20", "40", "60"])
        let neg = ValueScale(values: [-2.806, -1])
        XCTAssertLessThanOrEqual(neg.lo, -2.806)
        XCTAssertEqual(neg.hi, 0)
        XCTAssertTrue(neg.ticks.map { neg.label($0) }.allSatisfy { !$0.contains("-") }, "minus sign, not hyphen")
        let flat = ValueScale(values: [5, 5])
        XCTAssertLessThan(flat.lo, 5)
        XCTAssertGreaterThan(flat.hi, 5)
        let quarter = ValueScale(values: [0, 10])
        XCTAssertEqual(quarter.ticks.map { quarter.label($0) }, ["0", "2,5", "5", "7,5", "10"])
    }

    func testWriterWrapsTheChartInAFigure() {
        let t = Trajectory(anchor: Anchor(prefix: "g", key: "1"), title: "Taux : « x »", years: [.init(2021, target: .value(1))])
        let f = HTMLFragment.build { $0.chart(t) }
        XCTAssertTrue(f.markup.hasPrefix("<figure class=\"graphique\"><figcaption>Taux\u{A0}: «\u{202F}x\u{202F}»</figcaption><svg"))
        XCTAssertTrue(parseXML(f.markup, fragment: true).isWellFormed)
    }
}
