import CopcFrench
import CopcSource

/// The output formats of `copc check` (`texte` was called `humain` before; the shell still
/// accepts that name).
public enum OutputFormat: String, CaseIterable, Sendable {
    case texte, gcc, json, sarif
}

/// Renders diagnostics in the formats of design §6.
public enum DiagnosticRenderer {
    /// `chemin:ligne:colonne: error|warning|note: message [COPxxx]`, one per line.
    public static func gcc(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for d in diagnostics {
            let loc = d.span?.start ?? LineColumn(line: 1, column: 1)
            out += "\(d.path.visible()):\(loc.line):\(loc.column): \(d.severity.rawValue): \(d.text.visible()) [\(d.code.rawValue)]\n"
            for n in d.notes {
                if let s = n.span {
                    let l = s.start
                    out += "\(s.file.path.visible()):\(l.line):\(l.column): note: \(n.message.text.visible())\n"
                }
            }
        }
        return out
    }

    /// The JSON object of design §6, exactly.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("version", 1)
        w.arrayStart("diagnostics")
        for d in diagnostics {
            w.beginObject()
            w.field("code", d.code.rawValue)
            w.field("severity", d.severity.rawValue)
            w.field("message", d.text)
            w.field("file", d.path)
            let s = d.span?.start ?? LineColumn(line: 1, column: 1)
            let e = d.span?.end ?? s
            w.field("line", s.line)
            w.field("column", s.column)
            w.field("endLine", e.line)
            w.field("endColumn", e.column)
            w.arrayStart("notes")
            for n in d.notes {
                w.beginObject()
                w.field("message", n.message.text)
                let p = n.span?.start ?? s
                w.field("file", n.span?.file.path ?? d.path)
                w.field("line", p.line)
                w.field("column", p.column)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        let sum = Summary(diagnostics)
        w.objectStart("summary")
        w.field("errors", sum.errors)
        w.field("warnings", sum.warnings)
        w.field("notes", sum.notes)
        w.endObject()
        w.endObject()
        return w.out + "\n"
    }

    /// The human format: French, the source line with a caret underline, notes, a summary.
    public static func human(_ diagnostics: [Diagnostic], color: Bool) -> String {
        humanBody(diagnostics, color: color) + summaryLine(Summary(diagnostics)) + "\n"
    }

    /// The human format without its summary line (a shell that filters or counts otherwise
    /// writes its own).
    public static func humanBody(_ diagnostics: [Diagnostic], color: Bool) -> String {
        let bold = color ? "\u{1B}[1m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        let blue = color ? "\u{1B}[1;34m" : ""
        func sevColor(_ s: Severity) -> String {
            guard color else { return "" }
            switch s {
            case .error: return "\u{1B}[1;31m"
            case .warning: return "\u{1B}[1;33m"
            case .note: return "\u{1B}[1;36m"
            }
        }
        var out = ""
        for d in diagnostics {
            out += "\(sevColor(d.severity))\(d.severity.french)[\(d.code.rawValue)]\(reset)\(bold): \(d.text.visible())\(reset)\n"
            guard let span = d.span else {
                out += "  \(blue)-->\(reset) \(d.path.visible())\n\n"
                continue
            }
            let start = span.start
            out += "  \(blue)-->\(reset) \(d.path.visible()):\(start.line):\(start.column)\n"
            out += excerpt(span, marker: "^", color: color ? sevColor(d.severity) : "", blue: blue, reset: reset)
            for n in d.notes {
                if let ns = n.span {
                    let l = ns.start
                    out += "  \(blue)=\(reset) note : \(n.message.text.visible()) (\(ns.file.path.visible()):\(l.line):\(l.column))\n"
                    if ns.file === span.file && ns.start.line == start.line { continue }
                    out += excerpt(ns, marker: "-", color: blue, blue: blue, reset: reset)
                } else {
                    out += "  \(blue)=\(reset) note : \(n.message.text.visible())\n"
                }
            }
            out += "\n"
        }
        return out
    }

    /// "2 erreurs, 1 avertissement, aucune note".
    public static func summaryLine(_ s: Summary) -> String {
        func count(_ n: Int, _ one: String, _ many: String, feminine: Bool) -> String {
            if n == 0 { return (feminine ? "aucune " : "aucun ") + one }
            return "\(n) " + (n == 1 ? one : many)
        }
        return count(s.errors, "erreur", "erreurs", feminine: true) + ", "
            + count(s.warnings, "avertissement", "avertissements", feminine: false) + ", "
            + count(s.notes, "note", "notes", feminine: true)
    }

    /// Longest source excerpt shown, in bytes: a longer line is shown as a window around the
    /// place (« … » on the cut sides), so that a diagnostic on a long line costs a bounded
    /// amount of output.
    static let excerptBytes = 240

    private static func excerpt(_ span: SourceSpan, marker: Character, color: String, blue: String, reset: String) -> String {
        let file = span.file
        let start = span.start
        let lineRange = file.lineRange(start.line)
        // The bytes shown: the whole line, or a window from a little before the place.
        var from = lineRange.start, to = lineRange.end
        var cutLeft = false, cutRight = false
        if to - from > excerptBytes {
            let at = min(max(span.range.start, from), to)
            from = max(lineRange.start, at - excerptBytes / 3)
            while from > lineRange.start && from < file.bytes.count && file.bytes[from] & 0xC0 == 0x80 { from -= 1 }
            to = min(lineRange.end, from + excerptBytes)
            while to < lineRange.end && file.bytes[to] & 0xC0 == 0x80 { to += 1 }
            cutLeft = from > lineRange.start
            cutRight = to < lineRange.end
        }
        func scalars(_ a: Int, _ b: Int) -> Int {
            var n = 0
            var k = a
            while k < b { if file.bytes[k] & 0xC0 != 0x80 { n += 1 }; k += 1 }
            return n
        }
        let lineText = (cutLeft ? "…" : "") + file.text(ByteRange(from, to)).visible() + (cutRight ? "…" : "")
        let gutter = String(start.line)
        let pad = String(repeating: " ", count: gutter.count)
        // Underline from the start column to the end of the range, clipped to what is shown.
        let caretStart = min(max(span.range.start, from), to)
        let caretEnd = min(max(span.range.end, caretStart), to)
        let column = scalars(from, caretStart) + (cutLeft ? 1 : 0)
        let width = max(1, scalars(caretStart, caretEnd))
        var s = "\(blue)\(pad) |\(reset)\n"
        s += "\(blue)\(gutter) |\(reset) \(lineText)\n"
        s += "\(blue)\(pad) |\(reset) " + String(repeating: " ", count: column)
            + color + String(repeating: marker, count: width) + reset + "\n"
        return s
    }
}

extension String {
    /// Tabs become single spaces so that caret columns (counted in scalars) stay aligned, and
    /// other control characters their visible symbol (`␍` for a carriage return, `␛` for an
    /// escape): a file cannot move the cursor or colour the terminal of whoever reads its
    /// diagnostics. One scalar each, so columns stay aligned.
    func visible() -> String { Escaping.pictures(self, tabAsSpace: true) }
}
