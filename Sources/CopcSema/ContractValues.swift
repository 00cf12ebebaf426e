import CopcSyntax
import CopcLanguage
import CopcModel

extension ValueReader {
    /// A weight (design §3.5): `1/3`, `20 %`, `33,33 %`, `0,2`, `un tiers`, `le quart`, `la moitié`.
    /// `nil` when malformed or out of `0 … 1`.
    public mutating func weight() -> Weight? {
        let save = p
        func done(_ w: Weight) -> Weight? {
            if atEnd, w.fraction.numerator <= w.fraction.denominator { return w }
            p = save
            return nil
        }
        _ = accept("un") || accept("une") || accept("le") || accept("la")
        if accept("tiers") { return done(Weight(fraction: Fraction(1, 3)!, percent: false)) }
        if accept("quart") { return done(Weight(fraction: Fraction(1, 4)!, percent: false)) }
        if accept("moitie") { return done(Weight(fraction: Fraction(1, 2)!, percent: false)) }
        p = save
        guard kind(p) == .word else { return nil }
        // `1/3` is one word.
        let w = raw(p)
        let parts = w.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, ValueReader.isDigits(parts[0]), ValueReader.isDigits(parts[1]),
           parts[0].count <= 9, parts[1].count <= 9, let n = Int(parts[0]), let d = Int(parts[1]), let f = Fraction(n, d) {
            p += 1
            return done(Weight(fraction: f, percent: false))
        }
        // `20 %`, `33,33 %`, or a bare decimal `0,2`: the digits as written, exactly.
        guard !ValueReader.startsWithSign(w), let (_, text) = number() else { p = save; return nil }
        let percent = kind(p) == .percent
        if percent { p += 1 }
        var digits = 0, scale = 1, inFraction = false
        for b in text.utf8 {
            if b == UInt8(ascii: ",") || b == UInt8(ascii: ".") { inFraction = true; continue }
            guard b &- 0x30 < 10 else { continue }
            digits = digits * 10 + Int(b &- 0x30)
            if inFraction { scale *= 10 }
        }
        guard let f = Fraction(digits, (percent ? 100 : 1) * scale) else { p = save; return nil }
        return done(Weight(fraction: f, percent: percent))
    }

    /// The resources of a year (`moyens 2024 : 12,5 M€`, `moyens (ETP) 2024 : 350`,
    /// `moyens 2024 : 350 ETP`): a quantity; people or posts (`ETP`, `ETPT`, `postes`,
    /// `emplois`, `agents`) are a number.
    public mutating func resources() -> Quantity? {
        let save = p
        guard let q = quantity() else { p = save; return nil }
        // `350 ETP`, `12 postes`: a number of people or posts, as budgets count them.
        if q.unit == nil, accept("etp") || accept("etpt") || accept("postes") || accept("poste") || accept("emplois") || accept("agents") {
            guard atEnd else { p = save; return nil }
            return Quantity(value: q.value, unit: .count, text: q.text)
        }
        guard atEnd else { p = save; return nil }
        return q
    }
}
