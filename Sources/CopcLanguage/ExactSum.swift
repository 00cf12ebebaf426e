/// A non-negative integer of any size (little-endian 64-bit limbs), with just what an exact sum
/// of fractions needs: multiply and divide by a 64-bit word, add, compare, and print.
public struct BigUInt: Hashable, Sendable, CustomStringConvertible {
    /// Limbs, least significant first; no trailing zero limb (zero is `[]`).
    public private(set) var limbs: [UInt64]

    public init(_ v: UInt64) { limbs = v == 0 ? [] : [v] }

    public var isZero: Bool { limbs.isEmpty }

    /// The number of significant bits.
    public var bitWidth: Int { limbs.isEmpty ? 0 : limbs.count * 64 - limbs[limbs.count - 1].leadingZeroBitCount }

    mutating func normalize() { while let last = limbs.last, last == 0 { limbs.removeLast() } }

    /// `self × m`.
    public func multiplied(by m: UInt64) -> BigUInt {
        if m == 0 || isZero { return BigUInt(0) }
        var out = BigUInt(0)
        out.limbs.reserveCapacity(limbs.count + 1)
        var carry: UInt64 = 0
        for l in limbs {
            let (high, low) = l.multipliedFullWidth(by: m)
            let (sum, o) = low.addingReportingOverflow(carry)
            out.limbs.append(sum)
            carry = high &+ (o ? 1 : 0)
        }
        if carry != 0 { out.limbs.append(carry) }
        return out
    }

    /// `self / d` and `self mod d` (`d` > 0).
    public func divided(by d: UInt64) -> (quotient: BigUInt, remainder: UInt64) {
        precondition(d > 0)
        var q = [UInt64](repeating: 0, count: limbs.count)
        var r: UInt64 = 0
        for k in stride(from: limbs.count - 1, through: 0, by: -1) {
            let (qk, rk) = d.dividingFullWidth((high: r, low: limbs[k]))
            q[k] = qk
            r = rk
        }
        var out = BigUInt(0)
        out.limbs = q
        out.normalize()
        return (out, r)
    }

    /// `self + o`.
    public func adding(_ o: BigUInt) -> BigUInt {
        var out = BigUInt(0)
        let n = max(limbs.count, o.limbs.count)
        out.limbs.reserveCapacity(n + 1)
        var carry = false
        for k in 0..<n {
            let a = k < limbs.count ? limbs[k] : 0
            let b = k < o.limbs.count ? o.limbs[k] : 0
            let (s1, o1) = a.addingReportingOverflow(b)
            let (s2, o2) = s1.addingReportingOverflow(carry ? 1 : 0)
            out.limbs.append(s2)
            carry = o1 || o2
        }
        if carry { out.limbs.append(1) }
        return out
    }

    /// `a / b` as a `Double` (0 when `b` is zero), from the leading limbs of both at the same
    /// scale: exact enough to show a ratio, whatever their size, and never an overflow.
    public static func ratio(_ a: BigUInt, _ b: BigUInt) -> Double {
        guard !b.isZero else { return 0 }
        let n = max(a.limbs.count, b.limbs.count)
        func lead(_ x: BigUInt) -> Double {
            var v = 0.0
            for k in stride(from: n - 1, through: max(0, n - 4), by: -1) {
                v = v * 18446744073709551616.0 + Double(k < x.limbs.count ? x.limbs[k] : 0)
            }
            return v
        }
        return lead(a) / lead(b)
    }

    /// Decimal digits.
    public var description: String {
        if isZero { return "0" }
        var parts: [UInt64] = []
        var x = self
        while !x.isZero {
            let (q, r) = x.divided(by: 1_000_000_000_000_000_000)
            parts.append(r)
            x = q
        }
        var out = String(parts[parts.count - 1])
        for p in parts.dropLast().reversed() {
            let s = String(p)
            out += String(repeating: "0", count: 18 - s.count) + s
        }
        return out
    }
}

/// The exact sum of non-negative fractions (`poids`, COP405), whatever their denominators:
/// kept over the least common multiple of the denominators, in arbitrary precision. Each
/// addition costs time linear in the size of that multiple; past `maximumBits` (far beyond any
/// real contract: 4 096 bits is the product of some 450 distinct denominators of nine digits)
/// the sum goes on in `Double` and says so (`isExact` false), so that the check stays linear.
public struct ExactSum: Sendable {
    public static let maximumBits = 4096

    /// numerator / denominator, not reduced.
    public private(set) var numerator = BigUInt(0)
    public private(set) var denominator = BigUInt(1)
    /// False once the common denominator outgrew `maximumBits`: `approximate` is then the sum.
    public private(set) var isExact = true
    /// The sum in `Double` (always kept).
    public private(set) var approximate = 0.0

    public init() {}

    public mutating func add(_ f: Fraction) {
        approximate += f.value
        guard isExact else { return }
        let d = UInt64(f.denominator.magnitude), n = UInt64(f.numerator.magnitude)
        // lcm(denominator, d) = denominator × d / gcd(denominator mod d, d).
        let r = denominator.divided(by: d).remainder
        let m = d / ExactSum.gcd(d, r)
        if m != 1 {
            numerator = numerator.multiplied(by: m)
            denominator = denominator.multiplied(by: m)
        }
        if denominator.bitWidth > ExactSum.maximumBits { isExact = false; return }
        numerator = numerator.adding(denominator.divided(by: d).quotient.multiplied(by: n))
    }

    /// Whether the sum is exactly 1 (for an inexact sum: within 10⁻¹² of 1).
    public var isOne: Bool { isExact ? numerator == denominator : Swift.abs(approximate - 1) <= 1e-12 }

    /// The sum as a `Double`.
    public var value: Double { isExact ? BigUInt.ratio(numerator, denominator) : approximate }

    /// The sum as a `Fraction` in lowest terms when both terms fit in 64 bits.
    public var fraction: Fraction? {
        guard isExact, numerator.limbs.count <= 1, denominator.limbs.count <= 1 else { return nil }
        let n = numerator.limbs.first ?? 0, d = denominator.limbs.first ?? 1
        guard n <= UInt64(Int.max), d <= UInt64(Int.max) else { return nil }
        return Fraction(Int(n), Int(d))
    }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }
}
