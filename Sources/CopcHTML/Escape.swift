import CopcFrench
/// Escaping of text for HTML documents and their inline SVG.
///
/// Invariant: whatever the input, the output is a run of characters that an HTML parser and
/// an XML 1.0 parser both read back as text (or as an attribute value), never as markup, and
/// that contains no character either of them rejects. Characters that cannot be carried are
/// replaced by a visible stand-in rather than dropped, so that a reader sees something was
/// there:
///
/// | input | output |
/// |---|---|
/// | `&` `<` `>` | `&amp;` `&lt;` `&gt;` |
/// | `"` `'` (attribute values only) | `&quot;` `&#39;` |
/// | CR LF, lone CR | LF (as HTML parsers normalise them) |
/// | TAB, LF in an attribute value | `&#9;`, `&#10;` (kept, not folded to spaces) |
/// | other C0 controls U+0000–U+001F, DEL | the matching *Control Pictures* symbol `␀`…`␟`, `␡` |
/// | C1 controls U+0080–U+009F, noncharacters (U+FFFE, U+FDD0…) | U+FFFD `�` |
/// | bidirectional overrides and isolates U+202A–U+202E, U+2066–U+2069 | U+FFFD `�` (as `Escaping.isControl`: they reorder what the reader sees) |
///
/// Swift strings are always valid Unicode, so invalid UTF-8 has already become U+FFFD when a
/// `String` was made from bytes (`String(decoding:as:)`); there is no lone surrogate to handle.
public enum HTMLEscape {
    /// `s` escaped for use as element content.
    public static func text(_ s: String) -> String {
        var out = ""
        appendText(s, to: &out)
        return out
    }

    /// `s` escaped for use inside a double- or single-quoted attribute value.
    public static func attribute(_ s: String) -> String {
        var out = ""
        appendAttribute(s, to: &out)
        return out
    }

    /// Appends `s`, escaped as element content, to `out`.
    public static func appendText(_ s: String, to out: inout String) {
        append(s, attribute: false, to: &out)
    }

    /// Appends `s`, escaped as an attribute value (without the quotes), to `out`.
    public static func appendAttribute(_ s: String, to out: inout String) {
        append(s, attribute: true, to: &out)
    }

    /// The scalar shown instead of `u` when neither HTML nor XML can carry it, or nil when `u`
    /// is fine as it is. TAB, LF and CR are not replaced here (they are handled by the caller).
    static func standIn(for u: Unicode.Scalar) -> Unicode.Scalar? {
        let v = u.value
        if v < 0x20 {
            if v == 0x09 || v == 0x0A || v == 0x0D { return nil }
            return Unicode.Scalar(0x2400 + v)
        }
        if v == 0x7F { return "\u{2421}" }
        // C1 controls and the bidirectional overrides and isolates: one definition of a
        // control character for every output (`Escaping.isControl`).
        if Escaping.isControl(u) { return "\u{FFFD}" }
        if v >= 0xFDD0 && u.properties.isNoncharacterCodePoint { return "\u{FFFD}" }
        return nil
    }

    private static func needsWork(_ s: String, attribute: Bool) -> Bool {
        var s = s
        return s.withUTF8 { buf in
            let n = buf.count
            var i = 0
            while i < n {
                switch buf[i] {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"): return true
                case UInt8(ascii: "\""), UInt8(ascii: "'"), 0x09, 0x0A: if attribute { return true }
                case 0x00..<0x20, 0x7F: return true
                // C2 80–9F are the C1 controls; C2 A0 (the no-break space French text is full
                // of) and the rest of C2 need nothing.
                case 0xC2: if i + 1 >= n || buf[i + 1] < 0xA0 { return true }
                // E2 80 AA–AE and E2 81 A6–A9 are the bidirectional overrides and isolates;
                // the rest of E2 (U+202F, ’, —, …) needs nothing.
                case 0xE2:
                    if i + 2 < n && ((buf[i + 1] == 0x80 && (0xAA...0xAE).contains(buf[i + 2])) || (buf[i + 1] == 0x81 && (0xA6...0xA9).contains(buf[i + 2]))) { return true }
                // Lead bytes of U+FDD0 and above (EF B7…, EF BF…, and every 4-byte scalar,
                // whose plane may end in a noncharacter).
                case 0xEF, 0xF0...0xF4: return true
                default: break
                }
                i += 1
            }
            return false
        }
    }

    private static func append(_ s: String, attribute: Bool, to out: inout String) {
        if !needsWork(s, attribute: attribute) {
            out += s
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + s.utf8.count / 8 + 16)
        var copy = s
        copy.withUTF8 { buf in
            let n = buf.count
            var i = 0
            // Bytes are copied as they are, except the few that need a reference or a
            // stand-in; multi-byte scalars are decoded only when their lead byte may start a
            // C1 control or a noncharacter.
            while i < n {
                let b = buf[i]
                switch b {
                case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""):
                    if attribute { bytes.append(contentsOf: "&quot;".utf8) } else { bytes.append(b) }
                case UInt8(ascii: "'"):
                    if attribute { bytes.append(contentsOf: "&#39;".utf8) } else { bytes.append(b) }
                case 0x09:
                    if attribute { bytes.append(contentsOf: "&#9;".utf8) } else { bytes.append(b) }
                case 0x0A:
                    if attribute { bytes.append(contentsOf: "&#10;".utf8) } else { bytes.append(b) }
                case 0x0D:
                    // CR LF and lone CR become one LF.
                    if attribute { bytes.append(contentsOf: "&#10;".utf8) } else { bytes.append(0x0A) }
                    if i + 1 < n && buf[i + 1] == 0x0A { i += 1 }
                case 0x00..<0x20, 0x7F:
                    French.appendUTF8(standIn(for: Unicode.Scalar(b))!, to: &bytes)
                case 0xC2, 0xE2, 0xEF, 0xF0...0xF4:
                    let length = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2)
                    guard i + length <= n else { bytes.append(b); break }
                    var v = UInt32(b) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
                    for k in 1..<length { v = (v << 6) | (UInt32(buf[i + k]) & 0x3F) }
                    if let u = Unicode.Scalar(v), let r = standIn(for: u) {
                        French.appendUTF8(r, to: &bytes)
                    } else {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<(i + length)]))
                    }
                    i += length
                    continue
                default:
                    bytes.append(b)
                }
                i += 1
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// `s` as the content of a CSS string literal (without its quotes), safe inside a `<style>`
    /// element: quotes, backslashes, `<` (so that `</style` cannot appear) and every control
    /// character are written as CSS hexadecimal escapes.
    public static func cssString(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let r = standIn(for: u) ?? u
            switch r {
            case "\"", "'", "\\", "<", ">", "&":
                out += "\\" + String(r.value, radix: 16) + " "
            case "\n", "\r", "\t":
                out += "\\" + String(r.value, radix: 16) + " "
            default:
                out.unicodeScalars.append(r)
            }
        }
        return out
    }
}
