@testable import CopcFrench
import XCTest
@testable import CopcHTML

/// Escaping, French typography and French number/date formatting of the HTML layer.
final class HTMLEscapeTests: XCTestCase {
    func testMarkupCharactersInText() {
        XCTAssertEqual(HTMLEscape.text("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d")
        XCTAssertEqual(HTMLEscape.text("</p><script>x</script>"), "&lt;/p&gt;&lt;script&gt;x&lt;/script&gt;")
        // Quotes are harmless in text and kept for readers.
        XCTAssertEqual(HTMLEscape.text("« l'avenant » \"x\""), "« l'avenant » \"x\"")
        XCTAssertEqual(HTMLEscape.text("&amp;"), "&amp;amp;")
    }

    func testAttributeValues() {
        XCTAssertEqual(HTMLEscape.attribute("a\"b'c<d>&e"), "a&quot;b&#39;c&lt;d&gt;&amp;e")
        // Tabs and line breaks survive attribute-value normalisation.
        XCTAssertEqual(HTMLEscape.attribute("a\tb\nc"), "a&#9;b&#10;c")
        XCTAssertEqual(HTMLEscape.attribute("a\r\nb\rc"), "a&#10;b&#10;c")
    }

    func testLineBreaksAreNormalised() {
        XCTAssertEqual(HTMLEscape.text("a\r\nb\rc\nd"), "a\nb\nc\nd")
        XCTAssertEqual(HTMLEscape.text("\r\r\n"), "\n\n")
    }

    func testEveryControlCharacterHasAVisibleStandIn() {
        for v in UInt32(0)..<0x20 where v != 0x09 && v != 0x0A && v != 0x0D {
            let u = Unicode.Scalar(v)!
            let out = HTMLEscape.text("a" + String(Character(u)) + "b")
            XCTAssertEqual(out, "a" + String(Character(Unicode.Scalar(0x2400 + v)!)) + "b", "U+\(String(v, radix: 16))")
        }
        XCTAssertEqual(HTMLEscape.text("\u{7F}"), "\u{2421}")
        for v in UInt32(0x80)...0x9F {
            XCTAssertEqual(HTMLEscape.text(String(Character(Unicode.Scalar(v)!))), "\u{FFFD}")
        }
        let nonCharacters = String(String.UnicodeScalarView([0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE].map { Unicode.Scalar($0)! }))
        XCTAssertEqual(HTMLEscape.text(nonCharacters), "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")
        // Ordinary non-ASCII text is untouched.
        XCTAssertEqual(HTMLEscape.text("Évaluation €\u{202F}\u{A0}😀 \u{FEFF}"), "Évaluation €\u{202F}\u{A0}😀 \u{FEFF}")
    }

    func testInvalidUTF8ComesInAsReplacementCharacters() {
        let text = String(decoding: [0x61, 0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0x62] as [UInt8], as: UTF8.self)
        let out = HTMLEscape.text(text)
        XCTAssertTrue(out.hasPrefix("a") && out.hasSuffix("b"))
        XCTAssertTrue(parseXML("<p>" + out + "</p>").isWellFormed)
    }

    func testCSSStringCannotCloseTheStyleElement() {
        let s = HTMLEscape.cssString("</style><script>\"x\" \\ \n")
        XCTAssertFalse(s.contains("<"))
        XCTAssertFalse(s.contains("\""))
        XCTAssertFalse(s.contains("\n"))
        XCTAssertEqual(HTMLEscape.cssString("Contrat « A »"), "Contrat « A »")
    }

    /// Random strings made of the nastiest characters, escaped as text and as attribute
    /// values, always parse back (as XML, stricter than HTML) to exactly the visible text.
    func testFuzzedStringsAlwaysGiveWellFormedMarkup() {
        var rng = SeededRandom(seed: 42)
        var alphabet: [Unicode.Scalar] = ["<", ">", "&", "\"", "'", "\r", "\n", "\t", "\0", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}",
                                          "\u{9F}", "é", "«", "»", "a", " ", "]", ";", "#", "x", "\u{202E}", "\u{0301}"]
        alphabet += [0xFFFE, 0xFFFF, 0xFDD0, 0x10FFFF].map { Unicode.Scalar($0)! }
        for _ in 0..<500 {
            var s = ""
            for _ in 0..<Int.random(in: 0...30, using: &rng) {
                s.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
            }
            let doc = "<p title=\"" + HTMLEscape.attribute(s) + "\" class='" + HTMLEscape.attribute(s) + "'>" + HTMLEscape.text(s) + "</p>"
            let parsed = parseXML(doc)
            XCTAssertTrue(parsed.isWellFormed, "\(s.unicodeScalars.map { String($0.value, radix: 16) }) : \(parsed.error ?? "")")
            XCTAssertEqual(parsed.count("p"), 1)
            // Markup characters come back as themselves.
            for c in ["<", ">", "&"] where s.contains(c) {
                XCTAssertTrue(parsed.text.contains(c))
                XCTAssertEqual(parsed.all("p").first?["title"]?.contains(c), true)
            }
        }
    }
}

final class FrenchTypographyTests: XCTestCase {
    let nbsp = "\u{00A0}", nnbsp = "\u{202F}"

    func testColonTakesANoBreakSpace() {
        XCTAssertEqual(French.typeset("Motif : retard"), "Motif\(nbsp): retard")
        XCTAssertEqual(French.typeset("Motif: retard"), "Motif\(nbsp): retard")
        XCTAssertEqual(French.typeset("Motif   : retard"), "Motif\(nbsp): retard")
        XCTAssertEqual(French.typeset("Motif\(nnbsp): retard"), "Motif\(nbsp): retard")
        XCTAssertEqual(French.typeset("Note :"), "Note\(nbsp):")
    }

    func testSemicolonExclamationQuestionTakeANarrowNoBreakSpace() {
        XCTAssertEqual(French.typeset("a ; b"), "a\(nnbsp); b")
        XCTAssertEqual(French.typeset("a; b"), "a\(nnbsp); b")
        XCTAssertEqual(French.typeset("Vraiment ?"), "Vraiment\(nnbsp)?")
        XCTAssertEqual(French.typeset("Vraiment?"), "Vraiment\(nnbsp)?")
        XCTAssertEqual(French.typeset("Attention!"), "Attention\(nnbsp)!")
        XCTAssertEqual(French.typeset("Attention\(nbsp)!"), "Attention\(nnbsp)!")
        // `?!`: one space, before the first mark only.
        XCTAssertEqual(French.typeset("Quoi?!"), "Quoi\(nnbsp)?!")
        XCTAssertEqual(French.typeset("Quoi ?!"), "Quoi\(nnbsp)?!")
    }

    func testGuillemetsTakeNarrowNoBreakSpacesInside() {
        XCTAssertEqual(French.typeset("«Bilan»"), "«\(nnbsp)Bilan\(nnbsp)»")
        XCTAssertEqual(French.typeset("« Bilan »"), "«\(nnbsp)Bilan\(nnbsp)»")
        XCTAssertEqual(French.typeset("«  Bilan\t»"), "«\(nnbsp)Bilan\(nnbsp)»")
        XCTAssertEqual(French.typeset("«\(nbsp)Bilan\(nbsp)»"), "«\(nnbsp)Bilan\(nnbsp)»")
        XCTAssertEqual(French.typeset("«»"), "«\(nnbsp)»")
    }

    func testNumbersUnitsAndPercentages() {
        XCTAssertEqual(French.typeset("60 %"), "60\(nbsp)%")
        XCTAssertEqual(French.typeset("60%"), "60\(nbsp)%")
        XCTAssertEqual(French.typeset("12,5 M€ et 300 k€ et 4€"), "12,5\(nbsp)M€ et 300\(nbsp)k€ et 4\(nbsp)€")
        XCTAssertEqual(French.typeset("4 000 agents"), "4\(nnbsp)000 agents")
        XCTAssertEqual(French.typeset("1 234 567,5 €"), "1\(nnbsp)234\(nnbsp)567,5\(nbsp)€")
        XCTAssertEqual(French.typeset("-2 806 000"), "-2\(nnbsp)806\(nnbsp)000")
    }

    func testWhatIsLeftAlone() {
        for s in ["10:30", "https://exemple.fr/?a=1", "COP200", "(?)", "2021 .. 2025", "de 2023 100 actions",
                  "T1 2022", "S2 2021 000", "a\n: b", "ligne\n; suite", "x :\ny", "", " ", "« ", "12 34", "1 2345"] {
            let t = French.typeset(s)
            // Only the spaces the rules target may change.
            XCTAssertEqual(t.unicodeScalars.filter { $0 != "\u{A0}" && $0 != "\u{202F}" && $0 != " " }.count,
                           s.unicodeScalars.filter { $0 != "\u{A0}" && $0 != "\u{202F}" && $0 != " " }.count, s)
        }
        XCTAssertEqual(French.typeset("10:30"), "10:30")
        XCTAssertEqual(French.typeset("https://exemple.fr/?a=1"), "https://exemple.fr/?a=1")
        XCTAssertEqual(French.typeset("(?)"), "(?)")
        XCTAssertEqual(French.typeset("de 2023 100 actions"), "de 2023 100 actions")
        XCTAssertEqual(French.typeset("T1 2022"), "T1 2022")
        XCTAssertEqual(French.typeset("12 34"), "12 34")
        XCTAssertEqual(French.typeset("1 2345"), "1 2345")
        XCTAssertEqual(French.typeset("a\n: b"), "a\n: b")
        XCTAssertEqual(French.typeset("x :\ny"), "x\(nbsp):\ny")
    }

    func testSegmentsAreTypesetAsOneSentence() {
        // The space before « : » is in another segment than the colon.
        XCTAssertEqual(French.typeset(segments: ["Motif ", ": retard"]), ["Motif\(nbsp)", ": retard"])
        // An inserted space goes with its punctuation.
        XCTAssertEqual(French.typeset(segments: ["«", "mot", "»"]), ["«\(nnbsp)", "mot", "\(nnbsp)»"])
        XCTAssertEqual(French.typeset(segments: ["Vraiment", "?"]), ["Vraiment", "\(nnbsp)?"])
        XCTAssertEqual(French.typeset(segments: []), [])
        // Empty segments stay empty and in place.
        XCTAssertEqual(French.typeset(segments: ["", "Note", "", ":", ""]), ["", "Note", "", "\(nbsp):", ""])
        XCTAssertEqual(French.typeset(segments: ["a ", "", " ; b"]), ["a\(nnbsp)", "", "; b"])
    }

    func testIdempotence() {
        let samples = ["Motif: « retard »; vraiment?! 60% de 4 000 agents : 12,5 M€.", "«»", "a  :  b", "x ; y ; z",
                       "1 234 567 890", "«\tcitation\t»", "Quoi ?!", "fin 2022 : 80 % (au moins)", "a:b", "«« a »»"]
        for s in samples {
            let once = French.typeset(s)
            XCTAssertEqual(French.typeset(once), once, s)
        }
        var rng = SeededRandom(seed: 7)
        let pieces = ["a", "é", " ", "  ", "\u{A0}", "\u{202F}", ":", ";", "!", "?", "«", "»", "%", "€", "1", "000", "\n", "M€", ",", ".",
                      "b", "c", "2", "\t", "\u{3000}", "\u{2009}", "x y"]
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...14, using: &rng) { s += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            let once = French.typeset(s)
            XCTAssertEqual(French.typeset(once), once, s.debugDescription)
            // The quick check that skips texts needing nothing agrees with the full scan.
            XCTAssertEqual(French.typeset(segments: [s]), [once], s.debugDescription)
            // Never doubles a space: between a character and `: ; ! ? »`, or between `«` and a
            // character, one space at most (runs at a line start or end are indentation, kept).
            let out = Array(once.unicodeScalars)
            var k = 0
            while k < out.count {
                guard French.isHorizontalSpace(out[k]) else { k += 1; continue }
                var j = k
                while j < out.count && French.isHorizontalSpace(out[j]) { j += 1 }
                if k > 0, j < out.count, !French.isLineBreak(out[k - 1]), !French.isLineBreak(out[j]),
                   ":;!?»".unicodeScalars.contains(out[j]) || out[k - 1] == "«" {
                    XCTAssertEqual(j - k, 1, s.debugDescription)
                }
                k = j
            }
            // Never loses or reorders a non-space character.
            XCTAssertEqual(once.unicodeScalars.filter { !French.isHorizontalSpace($0) }.map(\.value),
                           s.unicodeScalars.filter { !French.isHorizontalSpace($0) }.map(\.value))
        }
    }
}

final class FrenchFormatTests: XCTestCase {
    let nbsp = "\u{00A0}", nnbsp = "\u{202F}", minus = "\u{2212}"

    func testNumbers() {
        XCTAssertEqual(French.number(1234567.5), "1\(nnbsp)234\(nnbsp)567,5")
        XCTAssertEqual(French.number(0), "0")
        XCTAssertEqual(French.number(-0.0), "0")
        XCTAssertEqual(French.number(999), "999")
        XCTAssertEqual(French.number(1000), "1\(nnbsp)000")
        XCTAssertEqual(French.number(-2.806), "\(minus)2,81")
        XCTAssertEqual(French.number(-2.806, decimals: 3), "\(minus)2,806")
        XCTAssertEqual(French.number(2.5, decimals: 2, minimumDecimals: 2), "2,50")
        XCTAssertEqual(French.number(0.1 + 0.2), "0,3")
        XCTAssertEqual(French.number(2.675), "2,68")  // rounds what was written, not its binary value
        XCTAssertEqual(French.number(1.005), "1,01")
        XCTAssertEqual(French.number(0.004), "0")
        XCTAssertEqual(French.number(-0.004), "0")  // no « −0 »
        XCTAssertEqual(French.number(0.005), "0,01")
        XCTAssertEqual(French.number(9.996), "10")
        XCTAssertEqual(French.number(999999.999), "1\(nnbsp)000\(nnbsp)000")
        XCTAssertEqual(French.number(1e-7, decimals: 2), "0")
        XCTAssertEqual(French.number(300, signed: true), "+300")
        XCTAssertEqual(French.number(-300, signed: true), "\(minus)300")
        XCTAssertEqual(French.number(0, signed: true), "0")
        XCTAssertEqual(French.number(1e20), "100\(nnbsp)000\(nnbsp)000\(nnbsp)000\(nnbsp)000\(nnbsp)000\(nnbsp)000")
        XCTAssertEqual(French.number(1.5e24), "1,5\(nbsp)×\(nbsp)10²⁴")
        XCTAssertEqual(French.number(-Double.greatestFiniteMagnitude), "\(minus)1,8\(nbsp)×\(nbsp)10³⁰⁸")
        XCTAssertEqual(French.number(.nan), "—")
        XCTAssertEqual(French.number(.infinity), "∞")
        XCTAssertEqual(French.number(-.infinity), "\(minus)∞")
    }

    func testIntegers() {
        XCTAssertEqual(French.number(4000), "4\(nnbsp)000")
        XCTAssertEqual(French.number(-1234567), "\(minus)1\(nnbsp)234\(nnbsp)567")
        XCTAssertEqual(French.number(Int.min), "\(minus)9\(nnbsp)223\(nnbsp)372\(nnbsp)036\(nnbsp)854\(nnbsp)775\(nnbsp)808")
        XCTAssertEqual(French.number(12, signed: true), "+12")
    }

    func testPercentagesAndQuantities() {
        XCTAssertEqual(French.percent(60), "60\(nbsp)%")
        XCTAssertEqual(French.percent(21.5), "21,5\(nbsp)%")
        XCTAssertEqual(French.percent(-20, signed: true), "\(minus)20\(nbsp)%")
        XCTAssertEqual(French.quantity(12.5, symbol: "M€"), "12,5\(nbsp)M€")
        XCTAssertEqual(French.quantity(4000, symbol: nil), "4\(nnbsp)000")
        XCTAssertEqual(French.quantity(45, symbol: "jours"), "45\(nbsp)jours")
    }

    func testScientific() {
        XCTAssertEqual(French.scientific(1.5e-9), "1,5\(nbsp)×\(nbsp)10⁻⁹")
        XCTAssertEqual(French.scientific(9.999e5, significantDigits: 3), "1\(nbsp)×\(nbsp)10⁶")
        XCTAssertEqual(French.scientific(-2.5), "\(minus)2,5")
        XCTAssertEqual(French.scientific(0), "0")
    }

    func testDates() {
        XCTAssertEqual(French.date(year: 2024, month: 12, day: 31), "31\(nbsp)décembre 2024")
        XCTAssertEqual(French.date(year: 2018, month: 7, day: 1), "1er\(nbsp)juillet 2018")
        XCTAssertEqual(French.date(year: 2024, month: 2, day: 29), "29\(nbsp)février 2024")
        XCTAssertEqual(French.date(year: 2021, month: 8, day: 15), "15\(nbsp)août 2021")
        XCTAssertNil(French.date(year: 2023, month: 2, day: 29))
        XCTAssertNil(French.date(year: 1900, month: 2, day: 29))
        XCTAssertEqual(French.date(year: 2000, month: 2, day: 29), "29\(nbsp)février 2000")
        XCTAssertNil(French.date(year: 2024, month: 13, day: 1))
        XCTAssertNil(French.date(year: 2024, month: 4, day: 31))
        XCTAssertNil(French.date(year: 2024, month: 1, day: 0))
        XCTAssertNil(French.date(year: 0, month: 1, day: 1))
        XCTAssertNil(French.date(year: Int.max, month: 1, day: 1))
        XCTAssertEqual(French.date(year: 2018, month: 7), "juillet 2018")
        XCTAssertEqual((1...12).compactMap { French.monthName($0) }.count, 12)
        XCTAssertNil(French.monthName(0))
    }
}
