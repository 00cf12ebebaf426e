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

    public static func format(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        let scaled = (d * 1_000_000).rounded()
        let negative = scaled < 0
        let mag = Int64(abs(scaled))
        var frac = String(mag % 1_000_000)
        frac = String(repeating: "0", count: 6 - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        let whole = String(mag / 1_000_000)
        return (negative ? "-" : "") + whole + (frac.isEmpty ? "" : "." + frac)
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
