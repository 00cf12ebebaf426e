/// A minimal streaming JSON writer with deterministic output (keys in the order written).
///
/// Used for every JSON copc prints, so that output is byte-identical across runs
/// without Foundation's `JSONEncoder`.
public struct JSONWriter {
    public private(set) var out: String = ""
    private var needsComma: [Bool] = [false]
    private let pretty: Bool
    private var depth = 0

    public init(pretty: Bool = false) {
        self.pretty = pretty
        out.reserveCapacity(4096)
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { out += "," }
        needsComma[needsComma.count - 1] = true
        if pretty && depth > 0 {
            out += "\n"
            out += String(repeating: "  ", count: depth)
        }
    }

    private mutating func open(_ c: String) {
        out += c
        needsComma.append(false)
        depth += 1
    }

    private mutating func close(_ c: String) {
        let hadItems = needsComma.removeLast()
        depth -= 1
        if pretty && hadItems {
            out += "\n"
            out += String(repeating: "  ", count: depth)
        }
        out += c
    }

    public mutating func beginObject() { separator(); open("{") }
    public mutating func endObject() { close("}") }
    public mutating func beginArray() { separator(); open("[") }
    public mutating func endArray() { close("]") }

    /// Writes `"key":` — the next value call writes the value without a separator.
    public mutating func key(_ k: String) {
        separator()
        JSONWriter.escape(k, into: &out)
        out += pretty ? ": " : ":"
        needsComma[needsComma.count - 1] = false
        // The value that follows must not add a comma; restore after it.
        pendingKey = true
    }

    private var pendingKey = false

    private mutating func valuePrefix() {
        if pendingKey {
            pendingKey = false
            needsComma[needsComma.count - 1] = true
        } else {
            separator()
        }
    }

    public mutating func string(_ s: String) { valuePrefix(); JSONWriter.escape(s, into: &out) }
    public mutating func int(_ i: Int) { valuePrefix(); out += String(i) }
    public mutating func bool(_ b: Bool) { valuePrefix(); out += b ? "true" : "false" }
    public mutating func null() { valuePrefix(); out += "null" }
    /// A number written with up to 6 decimals, no exponent, trailing zeros removed.
    public mutating func number(_ d: Double) { valuePrefix(); out += JSONWriter.format(d) }

    public mutating func objectStart(_ k: String) { key(k); valuePrefix(); open("{") }
    public mutating func arrayStart(_ k: String) { key(k); valuePrefix(); open("[") }
    public mutating func field(_ k: String, _ v: String) { key(k); string(v) }
    public mutating func field(_ k: String, _ v: Int) { key(k); int(v) }
    public mutating func field(_ k: String, _ v: Bool) { key(k); bool(v) }
    public mutating func field(_ k: String, _ v: Double) { key(k); number(v) }
    public mutating func fieldOrNull(_ k: String, _ v: String?) { key(k); if let v { string(v) } else { null() } }

    /// Total: every `Double` gives a JSON number (NaN and infinities, which JSON lacks, give
    /// `null`), without exponent and without trapping. Integral values below 2^63 are written
    /// exactly; others are rounded to 6 decimals, computed on the shortest decimal form of the
    /// value (`description`), never by converting a scaled value to a fixed-width integer.
    public static func format(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if d == d.rounded(), let i = Int64(exactly: d) { return String(i) }
        return plainDecimal(d.description, decimals: 6)
    }

    /// `1.5e+20` → `150000000000000000000`, `-2.5e-07` → `-0.0000003` (to `decimals`, half up
    /// on the written digits), `3.14` → `3.14`: the shortest round-trip form of a Double, laid
    /// out without exponent.
    static func plainDecimal(_ shortest: String, decimals: Int) -> String {
        var s = Substring(shortest)
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...]) ?? 0
            s = s[..<e]
        }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = Array(parts[0].utf8) + (parts.count > 1 ? Array(parts[1].utf8) : [])
        // Position of the decimal point within `digits`.
        var point = parts[0].utf8.count + exponent
        if point < 0 {
            digits = [UInt8](repeating: UInt8(ascii: "0"), count: -point) + digits
            point = 0
        }
        if point > digits.count {
            digits += [UInt8](repeating: UInt8(ascii: "0"), count: point - digits.count)
        }
        // Round to `decimals` on the decimal digits (half up), carrying into the integer part.
        if digits.count > point + decimals {
            let roundUp = digits[point + decimals] >= UInt8(ascii: "5")
            digits.removeLast(digits.count - (point + decimals))
            if roundUp {
                var k = digits.count - 1
                while k >= 0 {
                    if digits[k] == UInt8(ascii: "9") { digits[k] = UInt8(ascii: "0"); k -= 1 } else { digits[k] += 1; break }
                }
                if k < 0 { digits.insert(UInt8(ascii: "1"), at: 0); point += 1 }
            }
        }
        var whole = Array(digits[..<point].drop { $0 == UInt8(ascii: "0") })
        if whole.isEmpty { whole = [UInt8(ascii: "0")] }
        var frac = Array(digits[point...])
        while frac.last == UInt8(ascii: "0") { frac.removeLast() }
        let isZero = whole == [UInt8(ascii: "0")] && frac.isEmpty
        var out = negative && !isZero ? "-" : ""
        out += String(decoding: whole, as: UTF8.self)
        if !frac.isEmpty { out += "." + String(decoding: frac, as: UTF8.self) }
        return out
    }

    public static func escape(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
