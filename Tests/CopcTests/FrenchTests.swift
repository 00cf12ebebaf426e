import XCTest
import CopcLanguage
import CopcFrench

/// The house-style layer (CopcFrench): each rule, and the properties of `FrenchProperties`
/// over arbitrary doubles and texts (the same the fuzz target « francais » checks).
final class FrenchTests: XCTestCase {
    let nnbsp = "\u{202F}", nbsp = "\u{00A0}", minus = "\u{2212}"

    func testNumbers() {
        XCTAssertEqual(French.number(1600.0), "1\(nnbsp)600")
        XCTAssertEqual(French.number(-1600.0), "\(minus)1\(nnbsp)600")
        XCTAssertEqual(French.number(-1683309.07), "\(minus)1\(nnbsp)683\(nnbsp)309,07")
        XCTAssertEqual(French.number(2.675), "2,68")
        XCTAssertEqual(French.number(-0.0), "0")
        XCTAssertEqual(French.number(0.5, signed: true), "+0,5")
        XCTAssertEqual(French.number(Double.nan), "—")
        XCTAssertEqual(French.number(Double.infinity), "∞")
        XCTAssertEqual(French.number(-Double.infinity), "\(minus)∞")
        XCTAssertEqual(French.number(1e300), "1\(nbsp)×\(nbsp)10³⁰⁰")
        XCTAssertEqual(French.number(Double.leastNonzeroMagnitude), "0")
        XCTAssertEqual(French.number(Double.greatestFiniteMagnitude), "1,8\(nbsp)×\(nbsp)10³⁰⁸")
        XCTAssertEqual(French.number(Int.min), "\(minus)9\(nnbsp)223\(nnbsp)372\(nnbsp)036\(nnbsp)854\(nnbsp)775\(nnbsp)808")
        XCTAssertEqual(French.plainNumber(-2806), "-2806")
        XCTAssertEqual(French.plainNumber(1e21), "1000000000000000000000")
        XCTAssertEqual(French.plainNumber(0.0000005), "0,000001")
        XCTAssertEqual(French.plainNumber(Double.nan), "")
    }

    func testIntegerConversionsNeverTrap() {
        XCTAssertEqual(French.exactInteger(3), 3)
        XCTAssertNil(French.exactInteger(3.5))
        XCTAssertNil(French.exactInteger(9.223372036854775808e18))
        XCTAssertEqual(French.exactInteger(-9.223372036854775808e18), Int.min)
        XCTAssertNil(French.exactInteger(.nan))
        XCTAssertNil(French.exactInteger(.infinity))
        XCTAssertEqual(French.clamped(.nan, to: 0...10), 0)
        XCTAssertEqual(French.clamped(.infinity, to: 0...10), 10)
        XCTAssertEqual(French.clamped(-1e300, to: 0...10), 0)
        XCTAssertEqual(French.clamped(4.5, to: 0...10), 5)
    }

    func testQuantitiesAgreeWithTheirNumber() {
        XCTAssertEqual(French.points(0.5, signed: true), "+0,5\(nbsp)point")
        XCTAssertEqual(French.points(-12, signed: true), "\(minus)12\(nbsp)points")
        XCTAssertEqual(French.days(1), "1\(nbsp)jour")
        XCTAssertEqual(French.days(2), "2\(nbsp)jours")
        XCTAssertEqual(French.days(0.5, signed: true), "+0,5\(nbsp)jour")
        XCTAssertEqual(French.days(1.999), "2\(nbsp)jours", "the word agrees with the number shown")
        XCTAssertEqual(French.quantity(1, unit: .years), "1\(nbsp)an")
        XCTAssertEqual(French.quantity(3, unit: .months), "3\(nbsp)mois")
        XCTAssertEqual(French.quantity(12.5, unit: .megaEuro), "12,5\(nbsp)M€")
        XCTAssertEqual(French.quantity(4000, unit: .count), "4\(nnbsp)000")
        XCTAssertEqual(French.quantity(60, unit: .percent), "60\(nbsp)%")
    }

    func testConversionWithinAFamily() {
        XCTAssertEqual(Unit.megaEuro.convert(2.35, to: .kiloEuro)!, 2350, accuracy: 1e-9)
        XCTAssertEqual(Unit.euro.convert(1_500_000, to: .megaEuro)!, 1.5, accuracy: 1e-12)
        XCTAssertEqual(Unit.gigaEuro.convert(1, to: .euro), 1e9)
        XCTAssertEqual(Unit.years.convert(1, to: .days), 365.25)
        XCTAssertNil(Unit.percent.convert(1, to: .points))
        XCTAssertNil(Unit.euro.convert(1, to: .days))
        XCTAssertEqual(French.quantity(2.35, in: .megaEuro, as: .kiloEuro), "2\(nnbsp)350\(nbsp)k€")
        XCTAssertEqual(French.quantity(2, in: .percent, as: .kiloEuro), "2\(nbsp)%", "no conversion across families")
    }

    func testGapsAreInTheUnitOfReference() {
        XCTAssertEqual(Gap(difference: 0.5, unit: .days, relative: 0.1).french, "+0,5\(nbsp)jour (+10\(nbsp)%)")
        XCTAssertEqual(Gap(difference: 0.5, unit: .days, relative: 0.0833).french, "+0,5\(nbsp)jour (+8\(nbsp)%)")
        XCTAssertEqual(Gap(difference: 1, unit: .megaEuro, relative: 0.004).french, "+1\(nbsp)M€ (+0,4\(nbsp)%)")
        XCTAssertEqual(Gap(difference: -12, unit: .percent, relative: nil).french, "\(minus)12\(nbsp)points")
        XCTAssertEqual(Gap(difference: -300, unit: .count, relative: -0.2).french, "\(minus)300 (\(minus)20\(nbsp)%)")
        // A gap of 1 M€ on 2 000 M€ is 0,05 %, not « 0 % ».
        XCTAssertEqual(Gap(difference: 1, unit: .megaEuro, relative: 0.0005).french, "+1\(nbsp)M€ (+0,05\(nbsp)%)")
        XCTAssertEqual(Gap(difference: 1, unit: .megaEuro, relative: 1e-9).french, "+1\(nbsp)M€")
        XCTAssertEqual(Gap(difference: 0, unit: nil, relative: nil).french, "")
    }

    func testDatesListsPluralsArticles() {
        XCTAssertEqual(French.date(Day(year: 2026, month: 3, day: 16)!), "16\(nbsp)mars 2026")
        XCTAssertEqual(French.date(Day(year: 2025, month: 2, day: 14)!), "14\(nbsp)février 2025")
        XCTAssertEqual(French.dayMonth(day: 1, month: 3), "1er\(nbsp)mars")
        XCTAssertNil(French.date(year: 2023, month: 2, day: 29))
        XCTAssertEqual(French.monthName(8), "août")
        XCTAssertNil(French.monthName(13))
        XCTAssertEqual(French.list(["a", "b", "c"]), "a, b et c")
        XCTAssertEqual(French.list(["a"]), "a")
        XCTAssertEqual(French.list([]), "")
        XCTAssertEqual(French.list((1...12).map(String.init), limit: 10), "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 et 2 autres")
        XCTAssertEqual(French.count(2, "cible fixée"), "2 cibles fixées")
        XCTAssertEqual(French.count(1, "cible fixée"), "1 cible fixée")
        XCTAssertEqual(French.count(0, "élément supprimé"), "0 élément supprimé")
        XCTAssertEqual(French.plural(of: "sous-objectif modifié"), "sous-objectifs modifiés")
        XCTAssertEqual(French.plural(of: "délai décalé"), "délais décalés")
        XCTAssertEqual(French.plural(of: "indicateur nouveau"), "indicateurs nouveaux")
        XCTAssertEqual(French.de("axe"), "d'axe")
        XCTAssertEqual(French.de("contrat"), "de contrat")
        XCTAssertEqual(French.definite("action", feminine: true), "l'action")
        XCTAssertEqual(French.definite("cible", feminine: true), "la cible")
        XCTAssertEqual(French.quoted("a\u{1B}]52;c;x\u{07}"), "« a\\x1B]52;c;x\\x07 »")
    }

    /// OWASP's rule: a text cell starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with
    /// `'`; numbers are not.
    func testCSVNeutralisesFormulas() {
        XCTAssertEqual(CSVWriter.field("=HYPERLINK(\"http://x\";\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"")
        XCTAssertEqual(CSVWriter.field("-1+2"), "'-1+2")
        XCTAssertEqual(CSVWriter.field("+A1"), "'+A1")
        XCTAssertEqual(CSVWriter.field("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVWriter.field("\tx"), "'\tx")
        XCTAssertEqual(CSVWriter.field("\rx"), "\"'\rx\"")
        XCTAssertEqual(CSVWriter.field("a;b"), "\"a;b\"")
        XCTAssertEqual(CSVWriter.field(" a"), "\" a\"")
        XCTAssertEqual(CSVWriter.field("1.1.1"), "1.1.1")
        XCTAssertEqual(CSVWriter.field("titre \u{1B}[31m"), "titre \\x1B[31m")
        XCTAssertEqual(CSVField.number(-2806).written, "-2806")
        XCTAssertEqual(CSVField.number(-0.5).written, "-0,5")
        XCTAssertEqual(CSVField.numeral("-2806").written, "-2806")
        XCTAssertEqual(CSVField.numeral("-1+2").written, "'-1+2", "a numeral that is not a number is a guarded text")
        var w = CSVWriter()
        w.row([.text("=1"), .number(-3), .empty])
        XCTAssertEqual(w.output, "\u{FEFF}'=1;-3;\r\n")
    }

    func testMarkdownEscapesMarkupLinksAndControls() {
        XCTAssertEqual(Markdown.text("<img src=x onerror=alert(1)>"), "\\<img src=x onerror=alert(1)\\>")
        XCTAssertEqual(Markdown.text("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>")
        XCTAssertEqual(Markdown.text("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))")
        XCTAssertEqual(Markdown.text("![](http://evil/x.png)"), "\\!\\[\\](http://evil/x.png)")
        XCTAssertEqual(Markdown.cell("a\r\nb|c"), "a<br>b\\|c")
        XCTAssertEqual(Markdown.text("a\r\nb"), "a b")
        XCTAssertEqual(Markdown.text("\u{1B}]52;c;SGVsbG8=\u{07}"), "\\x1B\\]52;c;SGVsbG8=\\x07")
        XCTAssertEqual(Markdown.code("COP-AFSO"), "`COP-AFSO`")
        XCTAssertEqual(Markdown.code("a`b"), "a\\`b")
    }

    func testPropertiesOnArbitraryDoublesAndTexts() {
        var g = SystemRandomNumberGenerator()
        var checked = 0
        let special: [Double] = [0, -0.0, .nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                 .leastNonzeroMagnitude, .leastNormalMagnitude, 0.5, 1.5, 1.995, 2.675, 999.5, 9999.995,
                                 9.223372036854775807e18, 1e21, 1e21 - 65536, 123456789012345678901234.0]
        for d in special {
            XCTAssertEqual(FrenchProperties.number(d), [], "\(d)")
            XCTAssertEqual(FrenchProperties.number(-d), [], "\(-d)")
        }
        for _ in 0..<2_000 {
            let d = Double(bitPattern: g.next())
            let failures = FrenchProperties.number(d)
            if !failures.isEmpty { XCTFail(failures.joined(separator: "\n")); break }
            let e = Double(Int64.random(in: -10_000_000...10_000_000, using: &g)) / [1, 10, 100, 1000][Int.random(in: 0...3, using: &g)]
            XCTAssertEqual(FrenchProperties.number(e), [], "\(e)")
            checked += 2
        }
        let samples = ["=1+2", "-1+2", "+A1", "@x", "\t=1", "\r=1", "a\r\nb", "<script>", "[x](javascript:y)", "![](http://a)",
                       "\u{1B}[2J", "\u{07}", "\u{1B}]52;c;eA==\u{07}", "\u{202E}abc", "a\u{2028}b", "«\u{00A0}x\u{00A0}»", ""]
        for s in samples { XCTAssertEqual(FrenchProperties.text(s), [], s.debugDescription) }
        for _ in 0..<2_000 {
            let scalars = (0..<Int.random(in: 0...24, using: &g)).map { _ -> Character in
                let pool: [UInt32] = [0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x20, 0x22, 0x23, 0x26, 0x2B, 0x2D, 0x3B, 0x3C, 0x3D, 0x40,
                                      0x5B, 0x5D, 0x5F, 0x60, 0x7C, 0x7F, 0x85, 0x9B, 0xA0, 0xAB, 0xBB, 0x2028, 0x202E, 0x202F, 0x41, 0x61, 0x31]
                return Character(Unicode.Scalar(pool[Int.random(in: 0..<pool.count, using: &g)])!)
            }
            let s = String(scalars)
            let failures = FrenchProperties.text(s)
            if !failures.isEmpty { XCTFail("\(s.debugDescription) : " + failures.joined(separator: " ; ")); break }
        }
        XCTAssertGreaterThan(checked, 0)
        // The property can fail: a number written with a dot, or a CSV formula, is caught.
        XCTAssertNil(FrenchProperties.readBack("1.5"))
        XCTAssertNil(FrenchProperties.readBack("12345"))
        XCTAssertEqual(FrenchProperties.readBack("\u{2212}12\u{202F}345,5"), -12345.5)
    }

    /// COP405's exact sum: seven weights over distinct primes overflow 64 bits, and are still
    /// added exactly.
    func testExactSumsBeyondSixtyFourBits() {
        var s = ExactSum()
        for p in [907, 911, 919, 929, 937, 941, 947] { s.add(Fraction(1, p)!) }
        XCTAssertTrue(s.isExact)
        XCTAssertFalse(s.isOne)
        XCTAssertGreaterThan(s.denominator.bitWidth, 64)
        XCTAssertEqual(s.value, [907.0, 911, 919, 929, 937, 941, 947].reduce(0) { $0 + 1 / $1 }, accuracy: 1e-15)
        var one = ExactSum()
        for p in [907, 911, 919, 929, 937, 941, 947] {
            one.add(Fraction(1, 7 * p)!)
            one.add(Fraction(p - 1, 7 * p)!)
        }
        XCTAssertTrue(one.isOne)
        var thirds = ExactSum()
        for _ in 0..<3 { thirds.add(Fraction(1, 3)!) }
        XCTAssertTrue(thirds.isOne)
        XCTAssertEqual(thirds.fraction, Fraction.one)
        XCTAssertEqual(BigUInt(1).multiplied(by: UInt64.max).multiplied(by: UInt64.max).description, "340282366920938463426481119284349108225")
        // Past 4 096 bits the sum goes on in Double, and stays linear.
        var many = ExactSum()
        // The primes below 6 000 (some 780 of them, 8 000 bits of product).
        var composite = [Bool](repeating: false, count: 6000)
        var primes: [Int] = []
        for n in 2..<6000 where !composite[n] {
            primes.append(n)
            for m in stride(from: n * n, to: 6000, by: n) { composite[m] = true }
        }
        for p in primes { many.add(Fraction(1, p)!) }
        XCTAssertFalse(many.isExact)
        XCTAssertFalse(many.isOne)
    }
}
