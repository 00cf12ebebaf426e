import CopcLanguage
import CopcFrench

// Cells of the language's values: a quantity as a number in the unit of its indicator, a
// unit's symbol in the number format.

extension Cell {
    /// `value`, given in `from` (`nil`: already in `unit`), as a number in `unit` (`nil`: in
    /// `from`) shown with the decimals it needs and the unit's symbol: `2,35 M€` in an
    /// indicator in k€ is the number 2350 shown `2 350 k€`. `nil` when the two units are not of
    /// one family (€, k€, M€, Md€; jours, mois, ans), or the value is not finite.
    public static func quantity(_ value: Double, in from: Unit?, as unit: Unit?) -> Cell? {
        guard let v = Cell.convert(value, from: from, to: unit), v.isFinite else { return nil }
        return .number(v, .fitting(v, suffix: NumberFormat.suffix(unit ?? from)))
    }

    /// A quantity as written (`2,35 M€`, `48`) in the unit `unit` (see `quantity(_:in:as:)`).
    public static func quantity(_ q: Quantity, as unit: Unit?) -> Cell? {
        quantity(q.value, in: q.unit, as: unit)
    }

    /// `value` in `from` expressed in `to` (`Unit.convert` of the house-style layer: the same
    /// unit, or two units of money, or two durations); `value` itself when either is unknown.
    static func convert(_ value: Double, from: Unit?, to: Unit?) -> Double? {
        guard let from, let to else { return value }
        return from.convert(value, to: to)
    }
}

extension NumberFormat {
    /// The symbol shown after a number of `unit`: `%`, `€`, `k€`, `M€`, `Md€`, `m²`; none for
    /// counts and for units written as words (jours, mois, ans, points), which agree with the
    /// number and stay in the unit column.
    public static func suffix(_ unit: Unit?) -> String? {
        switch unit {
        case .percent?, .euro?, .kiloEuro?, .megaEuro?, .gigaEuro?, .squareMetres?: return unit?.symbol
        default: return nil
        }
    }
}
