/// An exact non-negative fraction (`poids : 1/3`, `poids : 20 %`): weights among siblings are
/// added exactly, so that three times `1/3` is exactly 1 (COP405).
public struct Fraction: Hashable, Sendable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// `numerator/denominator` in lowest terms; `nil` for a zero or negative denominator.
    public init?(_ numerator: Int, _ denominator: Int) {
        guard denominator > 0, numerator >= 0 else { return nil }
        let g = Fraction.gcd(numerator, denominator)
        self.numerator = numerator / g
        self.denominator = denominator / g
    }

    public static let zero = Fraction(0, 1)!
    public static let one = Fraction(1, 1)!

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }

    /// The exact sum, or `nil` when it does not fit in 64 bits (the weights are then not compared).
    public func adding(_ o: Fraction) -> Fraction? {
        let g = Fraction.gcd(denominator, o.denominator)
        let (l, o1) = (denominator / g).multipliedReportingOverflow(by: o.denominator)
        let (a, o2) = numerator.multipliedReportingOverflow(by: l / denominator)
        let (b, o3) = o.numerator.multipliedReportingOverflow(by: l / o.denominator)
        let (n, o4) = a.addingReportingOverflow(b)
        guard !(o1 || o2 || o3 || o4) else { return nil }
        return Fraction(n, l)
    }

    /// `1/3`, `1` (a whole number).
    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    public var value: Double { Double(numerator) / Double(denominator) }
}

/// A weight as written: a fraction (`1/3`, `un tiers`) or a percentage (`20 %`); its value is
/// the exact fraction of the whole (`20 %` = 1/5).
public struct Weight: Hashable, Sendable {
    public let fraction: Fraction
    /// Written as a percentage (`20 %`): sums are then shown in percent.
    public let percent: Bool

    public init(fraction: Fraction, percent: Bool) {
        self.fraction = fraction
        self.percent = percent
    }
}
