/// Text written into Markdown (`bilan`, `rendre` and `diff --format markdown`): the one
/// escaping of every Markdown copc writes. Whatever the input, a renderer reads it as text:
///
/// - HTML (`<script>`, `<img onerror=…>`), entities (`&amp;`), autolinks (`<http://…>`) and
///   link or image syntax (`[x](javascript:…)`, `![](http://…)`) have their `< > & [ ] !`
///   escaped with a backslash, as are emphasis, code, headings and tables (`\ ` * _ ~ # |`);
/// - control characters are shown escaped (`\x1B`, as diagnostics do): nothing drives the
///   terminal the file is printed to;
/// - a line break (LF, CR, CRLF — one `Character` —, U+0085, U+2028, U+2029) becomes
///   `lineBreak` (`<br>` in a table cell, a space in running text), so a text never ends a
///   table row.
public enum Markdown {
    /// `s` escaped for Markdown inline text, line breaks replaced by `lineBreak`.
    public static func text(_ s: String, lineBreak: String = " ") -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        var previousCR = false
        for u in s.unicodeScalars {
            let wasCR = previousCR
            previousCR = u == "\r"
            switch u {
            case "\\", "`", "*", "_", "~", "[", "]", "<", ">", "|", "&", "#", "!":
                out += "\\"
                out.unicodeScalars.append(u)
            case "\r", "\u{0085}", "\u{2028}", "\u{2029}":
                out += lineBreak
            case "\n":
                if !wasCR { out += lineBreak }
            default:
                if Escaping.isControl(u) { out += Escaping.controls(String(u)) } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// `s` for a cell of a pipe table: escaped, line breaks as `<br>`.
    public static func cell(_ s: String) -> String { text(s, lineBreak: "<br>") }

    /// `s` as a code span (`` `COP-AFSO` ``) when it holds no backtick nor line break, its
    /// control characters escaped; else as escaped text.
    public static func code(_ s: String) -> String {
        guard !s.isEmpty, !s.unicodeScalars.contains(where: { $0 == "`" || Escaping.isControl($0) || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{0085}" }) else { return text(s) }
        return "`" + s + "`"
    }
}
