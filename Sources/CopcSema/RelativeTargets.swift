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
        // `niveau`, `taux`, `stabilité`, `stable`, `N-1`, `points`, `an`, `/an`, `année`,
        // `précédente`, `cumulés`) or with a digit (a year, `N - 1`):
        // one byte rejects most absolute targets (`60 %`, `45 jours`) before any word is compared.
        guard end > p, kind(end - 1) == .word else { return nil }
        switch file.bytes[Int(tokens[end - 1].start)] | 0x20 {
        case UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "p"), UInt8(ascii: "a"), UInt8(ascii: "c"),
             UInt8(ascii: "t"), UInt8(ascii: "/"), UInt8(ascii: "0")...UInt8(ascii: "9"):
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
        if accept("maintien", "du", "niveau") || accept("maintien", "du", "taux") || accept("maintien")
            || accept("stabilite") || accept("stable") {
            return done(.maintained)
        }
        // `≥ N-1`, `>= N-1`, `au moins N-1`, `au moins le réalisé N-1`, `au moins égal au réalisé N-1`.
        var k = p
        if kind(k) == .greaterEqual { k += 1 }
        else if isWord(k, "au") && isWord(k + 1, "moins") { k += 2 }
        if k > p {
            var m = k
            if isWord(m, "egal") && (isWord(m + 1, "au") || isWord(m + 1, "a")) { m += 2 }
            if isWord(m, "le") { m += 1 }
            if isWord(m, "realise") || isWord(m, "resultat") { m += 1 }
            if let after = previousYearMark(at: m) {
                p = after
                return done(.atLeastPreviousActual)
            }
        }
        // A signed number: `+2 points`, `+5 % par an`; an unsigned one for `par rapport à`, `cumulés`.
        // These forms end with a word of their own: look at it before reading the number, so
        // that an absolute quantity (most targets) is read once, by `target()`.
        guard kind(p) == .word, endsRelativeForm else { return nil }
        // The sign may stand apart (`+ 2 points`, as many documents print it).
        var detachedSign: Double?
        if ["+", "-", "\u{2212}"].contains(raw(p)), kind(p + 1) == .word, adjacentBySpace(p, p + 1) {
            detachedSign = raw(p) == "+" ? 1 : -1
            p += 1
        }
        let signed = detachedSign != nil || ValueReader.startsWithSign(raw(p))
        guard let read = quantity() else { p = save; return nil }
        let q = detachedSign.map { Quantity(value: $0 * read.value, unit: read.unit, text: ($0 > 0 ? "+" : "-") + read.text) } ?? read
        // `+2 points`, and `+2 points par an` (each year: the same thing); `+2 points par
        // rapport à 2023` is relative to that year.
        if q.unit == .points, signed, !isWord(p, "par") || isWord(p + 1, "an") || isWord(p + 1, "annee") {
            _ = accept("par", "an") || accept("par", "annee") || accept("/an")
            return done(.points(q))
        }
        if q.unit == .percent, signed,
           accept("par", "an") || accept("par", "annee") || accept("/an")
            || accept("par", "rapport", "a", "n-1") || accept("par", "rapport", "au", "n-1")
            || accept("par", "rapport", "a", "l'annee", "precedente") {
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

    static let relativeEndings: [StaticString] = ["points", "point", "pts", "pt", "an", "/an", "annee", "precedente", "n-1", "cumules", "cumule",
                                  "cumulees", "cumulee", "cumul"]

    /// `N-1` (one word) or `N - 1` at `k`: the index after it, or `nil`.
    func previousYearMark(at k: Int) -> Int? {
        if isWord(k, "n-1") { return k + 1 }
        if isWord(k, "n"), isWord(k + 1, "-"), isWord(k + 2, "1") { return k + 3 }
        return nil
    }

    /// Whether a number is written with its sign (`+2`, `-1,5`, `−3`).
    static func startsWithSign(_ w: String) -> Bool {
        guard let c = w.unicodeScalars.first else { return false }
        return c == "+" || c == "-" || c == "\u{2212}"
    }
}
