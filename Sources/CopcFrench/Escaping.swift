/// Control characters in text shown to a user (a path, a value as written, a file name) are
/// written escaped — `\u{1B}` becomes `\x1B`, a tab `\t` — so that no message, in any format,
/// sends raw control bytes to a terminal or breaks a line-oriented format.
public enum Escaping {
    /// `s` with every C0/C1 control character (and DEL) escaped; `s` itself when it has none.
    /// With `keepingLineBreaks`, line feeds, carriage returns and tabs are kept (a CSV field
    /// or a Markdown cell deals with them itself).
    public static func controls(_ s: String, keepingLineBreaks: Bool = false) -> String {
        func escaped(_ u: Unicode.Scalar) -> Bool {
            isControl(u) && !(keepingLineBreaks && (u == "\n" || u == "\r" || u == "\t"))
        }
        guard s.unicodeScalars.contains(where: escaped) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for u in s.unicodeScalars {
            guard escaped(u) else { out.unicodeScalars.append(u); continue }
            switch u {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                let hex = String(u.value, radix: 16, uppercase: true)
                out += u.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{" + hex + "}"
            }
        }
        return out
    }

    /// Whether `u` is a control character: U+0000–U+001F, U+007F–U+009F, and the bidirectional
    /// overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder what a terminal shows.
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// `s` with its control characters as visible symbols, for a reader rather than a copy:
    /// C0 controls as their *Control Pictures* (`␛` for ESC, `␇` for BEL), DEL as `␡`, C1
    /// controls and the bidirectional overrides as `�`. With `keepingLineBreaks`, line feeds
    /// and tabs are kept (a tab is a space otherwise when `tabAsSpace`).
    public static func pictures(_ s: String, keepingLineBreaks: Bool = false, tabAsSpace: Bool = false) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if keepingLineBreaks && (u == "\n" || u == "\t") { out.append(u); continue }
            if tabAsSpace && u == "\t" { out.append(" "); continue }
            if u.value < 0x20 { out.append(Unicode.Scalar(0x2400 + u.value) ?? "\u{FFFD}"); continue }
            if u.value == 0x7F { out.append("\u{2421}"); continue }
            out.append(isControl(u) ? "\u{FFFD}" : u)
        }
        return String(out)
    }
}
