import XCTest
import CopcLanguage
import CopcSource
import CopcSyntax
import CopcSema
import CopcModel

/// The readers of issue 14 (relative targets, weights) and exact fractions.
final class RelativeValueTests: XCTestCase {
    func reader(_ s: String) -> ValueReader {
        let f = SourceFile(path: "t", text: s)
        let toks = Lexer.lex(f).tokens
        return ValueReader(file: f, tokens: toks, range: 0..<(toks.count - 1))
    }

    func target(_ s: String) -> TargetValue? {
        var r = reader(s)
        return r.target()
    }

    func testRelativeTargetForms() {
        XCTAssertEqual(target("+2 points"), .points(Quantity(value: 2, unit: .points, text: "+2")))
        XCTAssertEqual(target("-1,5 point")?.kind, .points)
        XCTAssertEqual(target("2 points")?.kind, .quantity, "without its sign, a quantity in points")
        XCTAssertEqual(target("+5 % par an")?.kind, .annualRate)
        XCTAssertEqual(target("−3 % par année")?.kind, .annualRate)
        XCTAssertNil(target("5 % par an"), "a yearly rate carries its sign")
        XCTAssertEqual(target("+10 % par rapport à 2023"), .relativeToYear(2023, Quantity(value: 10, unit: .percent, text: "+10")))
        XCTAssertEqual(target("-40 % par rapport à la base")?.kind, .relative, "relative to the base stays as it was")
        XCTAssertEqual(target("maintien"), .maintained)
        XCTAssertEqual(target("Stabilité"), .maintained)
        XCTAssertEqual(target("maintien du niveau"), .maintained)
        XCTAssertEqual(target("≥ N-1"), .atLeastPreviousActual)
        XCTAssertEqual(target(">= n-1"), .atLeastPreviousActual)
        XCTAssertEqual(target("au moins le réalisé N-1"), .atLeastPreviousActual)
        XCTAssertEqual(target("au moins 80 %")?.kind, .bound, "au moins + a quantity stays a bound")
        XCTAssertEqual(target("1 200 cumulées"), .cumulative(Quantity(value: 1200, unit: nil, text: "1 200")))
        XCTAssertEqual(target("300 M€ cumulés")?.firstUnit, .megaEuro)
        XCTAssertNil(target("maintien 2 points"))
        // As documents print them.
        XCTAssertEqual(target("+ 2 points"), .points(Quantity(value: 2, unit: .points, text: "+2")))
        XCTAssertEqual(target("- 1,5 pt"), .points(Quantity(value: -1.5, unit: .points, text: "-1,5")))
        XCTAssertEqual(target("+2 points par an")?.kind, .points)
        XCTAssertEqual(target("+5 %/an")?.kind, .annualRate)
        XCTAssertEqual(target("+ 5 % par rapport à N-1")?.kind, .annualRate)
        XCTAssertEqual(target("-3 % par rapport à l'année précédente")?.kind, .annualRate)
        XCTAssertEqual(target("stable"), .maintained)
        XCTAssertEqual(target("maintien du taux"), .maintained)
        XCTAssertEqual(target("≥ N - 1"), .atLeastPreviousActual)
        XCTAssertEqual(target("au moins égal à N-1"), .atLeastPreviousActual)
        XCTAssertNil(target("2 points par an"), "without its sign")
        XCTAssertEqual(target("+2 points par rapport à 2023"), .relativeToYear(2023, Quantity(value: 2, unit: .points, text: "+2")))
        XCTAssertEqual(target("+2 points par rapport à la base")?.kind, .relative)
    }

    func weight(_ s: String) -> Weight? {
        var r = reader(s)
        return r.weight()
    }

    func testWeights() {
        XCTAssertEqual(weight("1/3")?.fraction, Fraction(1, 3))
        XCTAssertEqual(weight("2/6")?.fraction, Fraction(1, 3), "in lowest terms")
        XCTAssertEqual(weight("20 %"), Weight(fraction: Fraction(1, 5)!, percent: true))
        XCTAssertEqual(weight("33,33 %")?.fraction, Fraction(3333, 10000))
        XCTAssertEqual(weight("un tiers")?.fraction, Fraction(1, 3))
        XCTAssertEqual(weight("la moitié")?.fraction, Fraction(1, 2))
        XCTAssertNil(weight("3/2"), "more than the whole")
        XCTAssertNil(weight("1/0"))
        XCTAssertNil(weight("150 %"))
        XCTAssertNil(weight("-20 %"))
        XCTAssertNil(weight("un tiers environ"))
        XCTAssertEqual(weight("0,25")?.fraction, Fraction(1, 4))
        XCTAssertNil(weight("1,5"))
    }

    func testResources() {
        func resources(_ s: String) -> Quantity? {
            var r = reader(s)
            return r.resources()
        }
        XCTAssertEqual(resources("12,5 M€")?.unit, .megaEuro)
        XCTAssertEqual(resources("350")?.unit, nil)
        XCTAssertEqual(resources("350 ETP")?.unit, .count)
        XCTAssertEqual(resources("12 postes")?.value, 12)
        XCTAssertNil(resources("350 ETP en plus"))
        XCTAssertNil(resources("beaucoup"))
    }

    func testFractionsAddExactly() {
        let third = Fraction(1, 3)!
        XCTAssertEqual(third.adding(third)?.adding(third), .one)
        XCTAssertEqual(Fraction(3333, 10000)!.adding(Fraction(6667, 10000)!), .one)
        XCTAssertNotEqual(third.adding(Fraction(1, 5)!), .one)
        XCTAssertEqual(third.adding(Fraction(1, 5)!)?.description, "8/15")
        // Denominators whose product does not fit in 64 bits: no answer rather than a wrong one.
        XCTAssertNil(Fraction(1, 999_999_937)!.adding(Fraction(1, 999_999_929)!)?.adding(Fraction(1, 999_999_893)!))
    }
}
