import CopcSyntax
import CopcLanguage
import CopcModel

extension ValueReader {
    /// A weight (design §3.5): `1/3`, `20 %`, `33,33 %`, `un tiers`, `le quart`, `la moitié`.
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
        // `20 %`, `33,33 %`: the digits as written, exactly.
        guard !ValueReader.startsWithSign(w), let (_, text) = number(), kind(p) == .percent else { p = save; return nil }
        p += 1
        var digits = 0, scale = 1, inFraction = false
        for b in text.utf8 {
            if b == UInt8(ascii: ",") || b == UInt8(ascii: ".") { inFraction = true; continue }
            guard b &- 0x30 < 10 else { continue }
            digits = digits * 10 + Int(b &- 0x30)
            if inFraction { scale *= 10 }
        }
        guard let f = Fraction(digits, 100 * scale) else { p = save; return nil }
        return done(Weight(fraction: f, percent: true))
    }

    /// The resources of a year (`moyens 2024 : 12,5 M€`, `moyens (ETP) 2024 : 350`): a quantity.
    public mutating func resources() -> Quantity? {
        let save = p
        guard let q = quantity(), atEnd else { p = save; return nil }
        return q
    }
}
