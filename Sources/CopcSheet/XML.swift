/// Bytes of an XML part, written in one buffer: markup as given, text and attribute values
/// escaped for XML 1.0 and for SpreadsheetML's own escape (`_xHHHH_`).
struct XMLBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// Markup copc writes itself (never input).
    mutating func raw(_ s: String) { bytes += s.utf8 }

    /// Text or an attribute value: `&`, `<`, `>`, `"` as entities, a carriage return as `&#13;`
    /// (a reader would turn it into a line feed); a character XML 1.0 cannot hold (C0 controls
    /// other than tab and line breaks, U+FFFE, U+FFFF) as `_xHHHH_`, which spreadsheets decode;
    /// and an escape already in the text (`_x0041_`, `_x12_`) with its underscore escaped
    /// (`_x005F_`), so that it reads back as written.
    mutating func text(_ s: String) {
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            let b = u[i]
            switch b {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\""): raw("&quot;")
            case 13: raw("&#13;")
            case 9, 10: bytes.append(b)
            case 0..<32: hexEscape(UInt32(b))
            case UInt8(ascii: "_") where XMLBuffer.isEscapeSequence(u, at: i): raw("_x005F_")
            case 0xEF where i + 2 < u.count && u[i + 1] == 0xBF && (u[i + 2] == 0xBE || u[i + 2] == 0xBF):
                // U+FFFE, U+FFFF
                hexEscape(u[i + 2] == 0xBE ? 0xFFFE : 0xFFFF)
                i += 2
            default: bytes.append(b)
            }
            i += 1
        }
    }

    mutating func hexEscape(_ v: UInt32) {
        let digits = Array("0123456789ABCDEF".utf8)
        raw("_x")
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(digits[Int((v >> UInt32(shift)) & 0xF)]) }
        raw("_")
    }

    /// Whether an escape starts at `i`: `_x`, one to four hexadecimal digits, `_` (`x` in
    /// either case). Excel decodes `_xHHHH_`; LibreOffice decodes shorter ones too (`_x12_`).
    static func isEscapeSequence(_ u: [UInt8], at i: Int) -> Bool {
        guard i + 3 < u.count, u[i + 1] == UInt8(ascii: "x") || u[i + 1] == UInt8(ascii: "X") else { return false }
        var k = i + 2
        while k < u.count && k < i + 6 {
            let c = u[k]
            if c == UInt8(ascii: "_") { return k > i + 2 }
            let hex = (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
            if !hex { return false }
            k += 1
        }
        return k < u.count && u[k] == UInt8(ascii: "_")
    }
}
