import CopcSyntax
import CopcLanguage
import CopcModel

extension ValueReader {
    /// A target relative to another year, or cumulative (design §3.5, second table):
    /// `+2 points`, `-1,5 point`, `+5 % par an`, `+10 % par rapport à 2023`, `maintien`,
    /// `stabilité`, `≥ N-1`, `au moins le réalisé N-1`, `300 cumulés`. `nil` (and nothing
    /// consumed) when the value is not one of these forms; `-40 % de la base` stays with the
    /// absolute forms (`target()`).
    public mutating func relativeTarget() -> TargetValue? {
        // Every relative form ends with a word starting with one of a few letters (`maintien`,
        // `niveau`, `stabilité`, `N-1`, `points`, `an`, `année`, `cumulés`) or with a year:
        // one byte rejects most absolute targets (`60 %`, `45 jours`) before any word is compared.
        guard end > p, kind(end - 1) == .word else { return nil }
        switch file.bytes[Int(tokens[end - 1].start)] | 0x20 {
        case UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "p"), UInt8(ascii: "a"), UInt8(ascii: "c"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default:
            return nil
        }
        let save = p
        func done(_ v: TargetValue) -> TargetValue? {
            if atEnd { return v }
            p = save
            return nil
        }
        if accept("maintien", "du", "niveau") || accept("maintien") || accept("stabilite") {
            return done(.maintained)
        }
        // `≥ N-1`, `>= N-1`, `au moins N-1`, `au moins le réalisé N-1`, `au moins égal au réalisé N-1`.
        var k = p
        if kind(k) == .greaterEqual { k += 1 }
        else if isWord(k, "au") && isWord(k + 1, "moins") { k += 2 }
        if k > p {
            var m = k
            if isWord(m, "egal") && isWord(m + 1, "au") { m += 2 }
            if isWord(m, "le") { m += 1 }
            if isWord(m, "realise") || isWord(m, "resultat") { m += 1 }
            if isWord(m, "n-1") {
                p = m + 1
                return done(.atLeastPreviousActual)
            }
        }
        // A signed number: `+2 points`, `+5 % par an`; an unsigned one for `par rapport à`, `cumulés`.
        // These forms end with a word of their own: look at it before reading the number, so
        // that an absolute quantity (most targets) is read once, by `target()`.
        guard kind(p) == .word, endsRelativeForm else { return nil }
        let signed = ValueReader.startsWithSign(raw(p))
        guard let q = quantity() else { p = save; return nil }
        if q.unit == .points, signed { return done(.points(q)) }
        if q.unit == .percent, signed, accept("par", "an") || accept("par", "annee") {
            return done(.annualRate(q))
        }
        if accept("par", "rapport", "a") || accept("par", "rapport", "au") {
            if let y = year() { return done(.relativeToYear(y, q)) }
            p = save
            return nil
        }
        if accept("cumules") || accept("cumule") || accept("cumulees") || accept("cumulee") || accept("en", "cumul") {
            return done(.cumulative(q))
        }
        p = save
        return nil
    }

    /// Whether the last word of the value may end a numeric relative form: `points`, `an`,
    /// `année`, a year (`par rapport à 2023`), `cumulés`, `cumul`. Compares bytes, no allocation.
    var endsRelativeForm: Bool {
        let k = end - 1
        guard k >= p, kind(k) == .word else { return false }
        for w in ValueReader.relativeEndings where isWord(k, w) { return true }
        let t = tokens[k]
        guard t.length == 4 else { return false }
        return file.bytes[Int(t.start)..<Int(t.end)].allSatisfy { $0 &- 0x30 < 10 }
    }

    static let relativeEndings = ["points", "point", "pts", "pt", "an", "annee", "cumules", "cumule", "cumulees", "cumulee", "cumul"]

    /// Whether a number is written with its sign (`+2`, `-1,5`, `−3`).
    static func startsWithSign(_ w: String) -> Bool {
        guard let c = w.unicodeScalars.first else { return false }
        return c == "+" || c == "-" || c == "\u{2212}"
    }
}
