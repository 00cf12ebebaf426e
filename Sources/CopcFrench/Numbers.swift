/// Numbers written the French way, for readers: the one number formatter of copc.
///
/// Choices (recorded in `grammar/DECISIONS.md`): thousands are separated by U+202F from four
/// digits on (`4 000`, as the contracts write them); the decimal separator is a comma; a
/// negative number takes the minus sign U+2212 (`−2,8`), which neither breaks at the end of a
/// line nor looks like a hyphen; `%` and units follow a U+00A0. Rounding is half away from
/// zero on the shortest decimal spelling of the value (`2.675` → `2,68`), so what the
/// drafters wrote is what gets rounded, not its binary approximation.
extension French {
    /// Shown for a value that is not a number (NaN).
    public static let notANumber = "\u{2014}"

    /// `value` with at most `decimals` decimals (trailing zeros removed down to
    /// `minimumDecimals`), U+202F thousands separators and a decimal comma:
    /// `1234567.5` → `1 234 567,5`, `-2.806` → `−2,81`. `signed` adds `+` to positive values
    /// (for gaps: `+300`); zero never has a sign. Integer parts longer than 21 digits are
    /// written in scientific notation (`1,23 × 10²⁴`); infinities as `∞`, `−∞`; NaN as `—`.
    public static func number(_ value: Double, decimals: Int = 2, minimumDecimals: Int = 0, signed: Bool = false) -> String {
        if value.isNaN { return notANumber }
        if value.isInfinite { return value < 0 ? String(minusSign) + "∞" : (signed ? "+∞" : "∞") }
        let maxFrac = min(max(decimals, 0), 15)
        let minFrac = min(max(minimumDecimals, 0), maxFrac)
        var d = Decimal(value)
        if d.pointPosition > 21 { return scientific(value, signed: signed) }
        d.round(fractionDigits: maxFrac)
        var integer = d.pointPosition > 0 ? Array(d.digits.prefix(d.pointPosition)) : []
        while integer.count < d.pointPosition { integer.append(0) }
        if integer.isEmpty { integer = [0] }
        var fraction: [UInt8] = []
        for k in 0..<maxFrac {
            let index = d.pointPosition + k
            fraction.append(index >= 0 && index < d.digits.count ? d.digits[index] : 0)
        }
        while fraction.count > minFrac && fraction.last == 0 { fraction.removeLast() }
        let isZero = integer.allSatisfy { $0 == 0 } && fraction.allSatisfy { $0 == 0 }
        var out = ""
        if !isZero {
            if d.negative { out.unicodeScalars.append(minusSign) } else if signed { out += "+" }
        }
        out += grouped(integer)
        if !fraction.isEmpty {
            out += ","
            for f in fraction { out.unicodeScalars.append(Unicode.Scalar(0x30 + UInt32(f))!) }
        }
        return out
    }

    /// An integer with U+202F thousands separators and a U+2212 minus sign (`−4 000`).
    public static func number(_ value: Int, signed: Bool = false) -> String {
        var digits: [UInt8] = []
        for c in String(value.magnitude).utf8 { digits.append(c - 0x30) }
        var out = ""
        if value < 0 { out.unicodeScalars.append(minusSign) } else if signed && value > 0 { out += "+" }
        return out + grouped(digits)
    }

    /// `value` for a machine reader (a spreadsheet cell): digits without grouping, ASCII `-`,
    /// `separator` before at most `decimals` decimals (trailing zeros dropped), never an
    /// exponent (`1e21` is written out); empty for NaN and the infinities.
    public static func plainNumber(_ value: Double, decimals: Int = 6, separator: Character = ",") -> String {
        guard value.isFinite else { return "" }
        var d = Decimal(value)
        d.round(fractionDigits: min(max(decimals, 0), 15))
        guard !d.digits.isEmpty else { return "0" }
        var out = d.negative ? "-" : ""
        if d.pointPosition <= 0 {
            out += "0"
        } else {
            for k in 0..<d.pointPosition { out.unicodeScalars.append(Unicode.Scalar(0x30 + UInt32(k < d.digits.count ? d.digits[k] : 0))!) }
        }
        if d.digits.count > d.pointPosition {
            out.append(separator)
            for _ in 0..<max(0, -d.pointPosition) { out += "0" }
            for k in max(0, d.pointPosition)..<d.digits.count { out.unicodeScalars.append(Unicode.Scalar(0x30 + UInt32(d.digits[k]))!) }
        }
        return out
    }

    /// A percentage given in percent (`60` → `60 %`, U+00A0 before the sign).
    public static func percent(_ value: Double, decimals: Int = 1, signed: Bool = false) -> String {
        number(value, decimals: decimals, signed: signed) + "\u{00A0}%"
    }

    /// A number followed by its unit after a U+00A0 (`12,5 M€`, `45 jours`); no unit, the number
    /// alone. The unit is written as given.
    public static func quantity(_ value: Double, symbol unit: String?, decimals: Int = 2, signed: Bool = false) -> String {
        let n = number(value, decimals: decimals, signed: signed)
        guard let unit, !unit.isEmpty else { return n }
        return n + "\u{00A0}" + unit
    }

    /// `value` in scientific notation with `significantDigits` digits, trailing zeros removed:
    /// `1.5e-9` → `1,5 × 10⁻⁹`. For values too large or too small for `number`.
    public static func scientific(_ value: Double, significantDigits: Int = 3, signed: Bool = false) -> String {
        if value.isNaN { return notANumber }
        if value.isInfinite || value == 0 { return number(value, signed: signed) }
        var d = Decimal(value)
        let keep = min(max(significantDigits, 1), 17)
        d.round(fractionDigits: keep - d.pointPosition)
        // After rounding (9,996 → 10,0 adds a digit in front), the first digit sets the exponent.
        let exponent = d.pointPosition - 1
        var mantissa = Array(d.digits.prefix(keep))
        while mantissa.count < keep { mantissa.append(0) }
        while mantissa.count > 1 && mantissa.last == 0 { mantissa.removeLast() }
        var out = ""
        if d.negative { out.unicodeScalars.append(minusSign) } else if signed { out += "+" }
        out.unicodeScalars.append(Unicode.Scalar(0x30 + UInt32(mantissa[0]))!)
        if mantissa.count > 1 {
            out += ","
            for f in mantissa.dropFirst() { out.unicodeScalars.append(Unicode.Scalar(0x30 + UInt32(f))!) }
        }
        if exponent == 0 { return out }
        out += "\u{00A0}×\u{00A0}10"
        out += superscript(exponent)
        return out
    }

    // MARK: - Helpers

    static func grouped(_ digits: [UInt8]) -> String {
        var out = ""
        let n = digits.count
        for (k, d) in digits.enumerated() {
            if k > 0 && n >= 4 && (n - k) % 3 == 0 { out.unicodeScalars.append(narrowNoBreakSpace) }
            out.unicodeScalars.append(Unicode.Scalar(0x30 + UInt32(d))!)
        }
        return out
    }

    private static func superscript(_ n: Int) -> String {
        let digits: [Unicode.Scalar] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        var out = ""
        if n < 0 { out += "⁻" }
        for c in String(n.magnitude).utf8 { out.unicodeScalars.append(digits[Int(c - 0x30)]) }
        return out
    }
}

/// A finite double as decimal digits: value = ±0.d₀d₁d₂… × 10^pointPosition, taken from the
/// shortest spelling that reads back as the same double (Swift's `description`).
struct Decimal {
    var negative: Bool
    /// Significant digits, 0…9, without leading zeros (empty for zero).
    var digits: [UInt8]
    /// How many of `digits` stand before the decimal point (may be negative or exceed the count).
    var pointPosition: Int

    init(_ value: Double) {
        negative = value.sign == .minus
        digits = []
        pointPosition = 0
        var exponent = 0
        var seenPoint = false
        var fractionDigits = 0
        var inExponent = false
        var exponentText = ""
        for c in value.magnitude.description.utf8 {
            if inExponent { exponentText.unicodeScalars.append(Unicode.Scalar(c)); continue }
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(c - 0x30)
                if seenPoint { fractionDigits += 1 }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            default: break
            }
        }
        exponent = Int(exponentText) ?? 0
        // value = digits (as an integer) × 10^(exponent − fractionDigits)
        pointPosition = digits.count - fractionDigits + exponent
        while let first = digits.first, first == 0 { digits.removeFirst(); pointPosition -= 1 }
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty { pointPosition = 0; negative = false }
    }

    /// Rounds half away from zero to `fractionDigits` digits after the point.
    mutating func round(fractionDigits: Int) {
        let keep = pointPosition + fractionDigits
        guard keep < digits.count else { return }
        if keep < 0 { digits = []; pointPosition = 0; return }
        let roundUp = digits[keep] >= 5
        digits.removeSubrange(keep...)
        if roundUp {
            var k = digits.count - 1
            while k >= 0 && digits[k] == 9 { digits[k] = 0; k -= 1 }
            if k >= 0 {
                digits[k] += 1
            } else {
                digits.insert(1, at: 0)
                pointPosition += 1
            }
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty { pointPosition = 0 }
    }
}

// MARK: - The conversions of a Double to an integer

extension French {
    /// `value` as an `Int` when it is a whole number that an `Int` holds exactly; nil for a
    /// fraction, NaN, an infinity or a magnitude of 2⁶³ or more. With `French.clamped`, the only
    /// conversions of a `Double` to an integer in copc: nothing else may trap on a number read
    /// from a contract.
    public static func exactInteger(_ value: Double) -> Int? {
        guard value.isFinite, value == value.rounded(), value >= -9.223372036854775808e18, value < 9.223372036854775808e18 else { return nil }
        return Int(value)
    }

    /// `value` rounded half away from zero and clamped to `range` (NaN gives the lower bound):
    /// for counts of ticks, pixel sizes and timeouts computed from numbers of any size.
    public static func clamped(_ value: Double, to range: ClosedRange<Int>) -> Int {
        guard !value.isNaN else { return range.lowerBound }
        let r = value.rounded()
        if r <= Double(range.lowerBound) { return range.lowerBound }
        if r >= Double(range.upperBound) { return range.upperBound }
        return Int(r)
    }
}
