/// The one JSON writer of copc: diagnostics (`--format json`, SARIF), the IR and the language
/// server's messages. Streaming, deterministic (keys in the order written), compact or
/// pretty-printed, with one number format (`format`) and one string escaping (`escape`).
///
/// No Foundation: output must be byte-identical across runs and start-up cheap.
public struct JSONWriter {
    /// The text written so far, as UTF-8.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    private let pretty: Bool
    private var depth = 0
    private var pendingKey = false

    public init(pretty: Bool = false) {
        self.pretty = pretty
        bytes.reserveCapacity(4096)
    }

    /// The text written so far.
    public var out: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func newlineAndIndent() {
        bytes.append(10)
        for _ in 0..<depth { bytes.append(32); bytes.append(32) }
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if pretty && depth > 0 { newlineAndIndent() }
    }

    private mutating func open(_ c: UInt8) {
        bytes.append(c)
        needsComma.append(false)
        depth += 1
    }

    private mutating func close(_ c: UInt8) {
        let hadItems = needsComma.removeLast()
        depth -= 1
        if pretty && hadItems { newlineAndIndent() }
        bytes.append(c)
    }

    private mutating func valuePrefix() {
        if pendingKey {
            pendingKey = false
            needsComma[needsComma.count - 1] = true
        } else {
            separator()
        }
    }

    public mutating func beginObject() { valuePrefix(); open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { valuePrefix(); open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"key":` — the next value call writes the value without a separator.
    public mutating func key(_ k: String) {
        separator()
        JSONWriter.escape(k, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(32) }
        needsComma[needsComma.count - 1] = false
        pendingKey = true
    }

    public mutating func string(_ s: String) { valuePrefix(); JSONWriter.escape(s, into: &bytes) }
    public mutating func int(_ i: Int) { valuePrefix(); bytes.append(contentsOf: String(i).utf8) }
    public mutating func bool(_ b: Bool) { valuePrefix(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    public mutating func null() { valuePrefix(); bytes.append(contentsOf: "null".utf8) }
    /// A number in the one format of copc (`format`).
    public mutating func number(_ d: Double) { valuePrefix(); bytes.append(contentsOf: JSONWriter.format(d).utf8) }

    public mutating func objectStart(_ k: String) { key(k); beginObject() }
    public mutating func arrayStart(_ k: String) { key(k); beginArray() }
    public mutating func field(_ k: String, _ v: String) { key(k); string(v) }
    public mutating func field(_ k: String, _ v: Int) { key(k); int(v) }
    public mutating func field(_ k: String, _ v: Bool) { key(k); bool(v) }
    public mutating func field(_ k: String, _ v: Double) { key(k); number(v) }
    public mutating func fieldOrNull(_ k: String, _ v: String?) { key(k); if let v { string(v) } else { null() } }
    public mutating func nullField(_ k: String) { key(k); null() }

    /// Numbers as copc writes them (the one number format of every JSON copc writes).
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

    /// Appends `s` as a JSON string: `"` and `\` escaped, `\n`, `\r`, `\t` by name, other
    /// control characters as `\u00XX`, everything else as raw UTF-8.
    public static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { buf in
            var runStart = 0
            for k in 0..<buf.count {
                let c = buf[k]
                if c >= 0x20 && c != 0x22 && c != 0x5C { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<k]))
                switch c {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                default:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hexDigits[Int(c >> 4)], hexDigits[Int(c & 0xF)]])
                }
                runStart = k + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<buf.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
