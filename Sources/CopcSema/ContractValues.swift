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
        // Checked arithmetic: a weight whose digits do not fit in 64 bits is refused (COP103),
        // never wrapped.
        var digits = 0, scale = 1, inFraction = false, overflow = false
        for b in text.utf8 {
            if b == UInt8(ascii: ",") || b == UInt8(ascii: ".") { inFraction = true; continue }
            guard b &- 0x30 < 10 else { continue }
            let (m, o1) = digits.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(b &- 0x30))
            digits = a
            overflow = overflow || o1 || o2
            if inFraction {
                let (s, o3) = scale.multipliedReportingOverflow(by: 10)
                scale = s
                overflow = overflow || o3
            }
        }
        let (denominator, o4) = scale.multipliedReportingOverflow(by: percent ? 100 : 1)
        guard !overflow, !o4, let f = Fraction(digits, denominator) else { p = save; return nil }
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
