import CopcLanguage

// Quantities with their unit: the unit's word agrees with the number (« 1 jour », « 0,5 jour »,
// « 2 jours »), and a value converts between the units of one family (€, k€, M€, Md€; jours,
// mois, ans). Recorded in grammar/DECISIONS.md.

extension Unit {
    /// Whether a value in `self` can be expressed in `other`: the same unit, or two units of
    /// money, or two durations.
    public func converts(to other: Unit) -> Bool {
        if self == other { return true }
        switch (dimension, other.dimension) {
        case (.money, .money), (.duration, .duration): return true
        default: return false
        }
    }

    /// `value`, given in `self`, expressed in `other` (`2,35 M€` → `2 350 k€`); nil when the
    /// units are not of one family. A month is 30,4375 days and a year 365,25 days (the mean
    /// Gregorian lengths). Never traps: a result beyond `Double` is an infinity.
    public func convert(_ value: Double, to other: Unit) -> Double? {
        guard converts(to: other) else { return nil }
        if self == other { return value }
        return value * scale / other.scale
    }
}

extension French {
    /// The unit's word after a number of magnitude `value`: singular below 2 (« 0,5 jour »,
    /// « 1 point », « 1,5 an »), plural from 2 on; nil for a count (`nombre`), which shows the
    /// number alone. Symbols do not agree (`%`, `€`, `k€`, `M€`, `Md€`, `m²`).
    public static func unitWord(_ unit: Unit, for value: Double) -> String? {
        let singular = value.isNaN || Swift.abs(value) < 2
        switch unit {
        case .count: return nil
        case .days: return singular ? "jour" : "jours"
        case .years: return singular ? "an" : "ans"
        case .points: return singular ? "point" : "points"
        case .months: return "mois"
        default: return unit.symbol
        }
    }

    /// A number and its unit (`12,5 M€`, `45 jours`, `0,5 point`, `60 %`), U+00A0 between
    /// them; the number alone for a count or without unit. The number is rounded to `decimals`
    /// first, and the word agrees with the number shown.
    public static func quantity(_ value: Double, unit: Unit?, decimals: Int = 2, signed: Bool = false) -> String {
        let n = number(value, decimals: decimals, signed: signed)
        guard let unit, let word = unitWord(unit, for: shownMagnitude(value, decimals: decimals)) else { return n }
        return n + "\u{00A0}" + word
    }

    /// `value` in `from` written in the unit `to` (`2 350 k€` for `2,35 M€` in k€); the value in
    /// its own unit when the two are not of one family.
    public static func quantity(_ value: Double, in from: Unit?, as to: Unit?, decimals: Int = 2, signed: Bool = false) -> String {
        if let from, let to, let v = from.convert(value, to: to) { return quantity(v, unit: to, decimals: decimals, signed: signed) }
        return quantity(value, unit: from ?? to, decimals: decimals, signed: signed)
    }

    /// A difference of percentages in points: `+0,5 point`, `−12 points`.
    public static func points(_ value: Double, decimals: Int = 2, signed: Bool = false) -> String {
        quantity(value, unit: .points, decimals: decimals, signed: signed)
    }

    /// A count of days: `1 jour`, `2 jours`, `+0,5 jour`.
    public static func days(_ value: Double, decimals: Int = 2, signed: Bool = false) -> String {
        quantity(value, unit: .days, decimals: decimals, signed: signed)
    }

    /// The magnitude of `value` once rounded to `decimals` (what the reader sees decides the
    /// agreement: 1,996 shown « 2 » takes the plural).
    public static func shownMagnitude(_ value: Double, decimals: Int) -> Double {
        guard value.isFinite else { return value.isNaN ? 0 : .infinity }
        var scale = 1.0
        for _ in 0..<min(max(decimals, 0), 15) { scale *= 10 }
        let m = Swift.abs(value)
        if m >= 1e15 { return m }
        return (m * scale).rounded() / scale
    }
}

extension Gap {
    /// « −12 points », « −300 (−20 %) », « −0,5 M€ (−10 %) », « +0,5 jour »: the difference in
    /// the unit of reference (the indicator's, into which the réalisé was converted), the unit's
    /// word agreeing with it, and for other units than percentages the gap as a share of the
    /// target (whole percents; one decimal below 1 %, two below 0,1 %; left out when it rounds
    /// to zero, never « (0 %) »); empty
    /// for a milestone.
    public var french: String {
        if unit == nil && difference == 0 && relative == nil { return "" }
        if inPoints { return French.points(difference, signed: true) }
        var s = French.quantity(difference, unit: unit, signed: true)
        if let r = relative, r.isFinite {
            let percent = r * 100
            let m = Swift.abs(percent)
            let decimals = m >= 1 ? 0 : (m >= 0.1 ? 1 : 2)
            if French.shownMagnitude(percent, decimals: decimals) != 0 {
                s += " (" + French.number(percent, decimals: decimals, signed: true) + "\u{00A0}%)"
            }
        }
        return s
    }
}
