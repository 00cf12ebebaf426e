/// CSV as spreadsheets read it in French locales (LibreOffice Calc, Excel): the one CSV writer
/// of copc (`rendre --format csv`, `bilan --format csv`).
///
/// - UTF-8 with a byte-order mark (Excel guesses the encoding from it), `;` between fields (the
///   comma is the decimal separator), CRLF line ends;
/// - RFC 4180 quoting: a field is quoted when it holds `;`, `"`, a line break, or starts or
///   ends with a space; `"` is doubled;
/// - **formula injection** (OWASP): a text cell starting with `=`, `+`, `-`, `@`, a tab or a
///   carriage return is prefixed with `'`, so that no spreadsheet evaluates it (`=HYPERLINK(…)`,
///   an id `-1+2`, `+A1`); numbers written as numbers (`CSVField.number`) are not prefixed;
/// - control characters other than line feed are shown escaped (`\x1B`), as in diagnostics:
///   a file printed to a terminal cannot drive it.
public struct CSVWriter: Sendable {
    public private(set) var output = "\u{FEFF}"

    public init() {}

    /// One row of text cells (each guarded).
    public mutating func row(_ fields: [String]) {
        row(fields.map(CSVField.text))
    }

    /// One row of typed cells.
    public mutating func row(_ fields: [CSVField]) {
        var first = true
        for f in fields {
            if !first { output += ";" }
            first = false
            output += f.written
        }
        output += "\r\n"
    }

    /// An empty line between blocks.
    public mutating func blankLine() { output += "\r\n" }

    /// A text cell as written in the file: controls escaped, guarded, quoted if needed.
    public static func field(_ s: String) -> String { CSVField.text(s).written }

    /// A number for a French spreadsheet: decimal comma, no grouping, ASCII `-`, at most 6
    /// decimals (trailing zeros dropped), never an exponent; empty for NaN and the infinities
    /// (no spreadsheet reads them).
    public static func number(_ d: Double) -> String {
        French.plainNumber(d, decimals: 6, separator: ",")
    }
}

/// A cell of a CSV row: text (guarded against formulas) or a number already written for a
/// spreadsheet (`CSVWriter.number`).
public enum CSVField: Sendable, Hashable {
    case text(String)
    case number(Double)
    /// A number already spelled for a spreadsheet, kept as the drafter wrote its digits
    /// (`-2806`, `21,50`): written as is when it is one (`-`, digits, at most one `,` followed
    /// by digits), else guarded as a text.
    case numeral(String)
    /// An empty cell.
    case empty

    public var written: String {
        switch self {
        case .empty: return ""
        case .number(let d): return CSVWriter.number(d)
        case .numeral(let s): return CSVField.isNumeral(s) ? s : CSVField.text(s).written
        case .text(let s):
            var t = s
            t = Escaping.controls(t, keepingLineBreaks: true)
            if let f = t.unicodeScalars.first, f == "=" || f == "+" || f == "-" || f == "@" || f == "\t" || f == "\r" || f == "\u{FF1D}" || f == "\u{FF0B}" || f == "\u{FF0D}" || f == "\u{FF20}" {
                t = "'" + t
            }
            return CSVField.quote(t)
        }
    }

    /// `-`? digits (`,` digits)?
    static func isNumeral(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        var digitsBefore = 0, digitsAfter = 0, comma = false
        for b in u {
            if b &- 0x30 < 10 { if comma { digitsAfter += 1 } else { digitsBefore += 1 }; continue }
            if b == UInt8(ascii: ","), !comma { comma = true; continue }
            return false
        }
        return digitsBefore > 0 && (!comma || digitsAfter > 0)
    }

    static func quote(_ s: String) -> String {
        var needsQuotes = s.first == " " || s.last == " "
        for u in s.utf8 where u == UInt8(ascii: ";") || u == UInt8(ascii: "\"") || u == 10 || u == 13 {
            needsQuotes = true
            break
        }
        guard needsQuotes else { return s }
        var out = "\""
        for ch in s.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }
}
