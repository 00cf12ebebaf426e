import CopcSource

/// The canonical spelling of tokens, shared by the formatter and by every place that shows a
/// value "as written" (the IR's `texte_source`, messages): layout never changes what they say.
///
/// Rules: one space between tokens, none after `(` or before `)` and `,`; `>=` and `<=` are
/// written `≥` and `≤`; a `« … »` text keeps its value with one space inside each guillemet; a
/// `"…"` string becomes `« … »` when that keeps its value (no escape, no space at either end,
/// balanced inner guillemets). Words are kept as written; a text block is spelled by its value
/// (`"""` + dedented content + `"""`), since the formatter re-indents its lines.
public enum Canonical {
    /// The canonical bytes of one token. The formatter prints text blocks itself (re-indented,
    /// same value); this spelling of a block is for messages and the IR, which must not change
    /// when a block is re-indented.
    public static func spelling(of t: Token, in file: SourceFile) -> (bytes: [UInt8], kind: TokenKind) {
        switch t.kind {
        case .textBlock:
            return (Array(("\"\"\"" + TokenText.value(of: t, in: file) + "\"\"\"").utf8), t.kind)
        case .greaterEqual: return (Array("≥".utf8), t.kind)
        case .lessEqual: return (Array("≤".utf8), t.kind)
        case .guillemets:
            let value = TokenText.value(of: t, in: file)
            if file.bytes[Int(t.start)] == 0xC2 { return (guillemets(value), .guillemets) }
            // A word processor's quotes (COP110): `« … »` when that keeps the value, else `"…"`.
            let literal = literal(value)
            return (Array(literal.utf8), literal.hasPrefix("\"") ? .string : .guillemets)
        case .string:
            let value = TokenText.value(of: t, in: file)
            if fitsGuillemets(file.bytes[Int(t.start)..<Int(t.end)], value: value) {
                return (guillemets(value), .guillemets)
            }
            return (Array(file.bytes[Int(t.start)..<Int(t.end)]), t.kind)
        default:
            return (Array(file.bytes[Int(t.start)..<Int(t.end)]), t.kind)
        }
    }

    /// Whether one space separates a token of kind `a` from a following token of kind `b`.
    @inlinable public static func spaced(_ a: TokenKind, _ b: TokenKind) -> Bool {
        a != .lparen && b != .rparen && b != .comma
    }

    /// The tokens joined in canonical spelling and spacing.
    public static func text(_ tokens: ArraySlice<Token>, in file: SourceFile) -> String {
        var out: [UInt8] = []
        var previous: TokenKind?
        for t in tokens where t.kind != .newline && t.kind != .endOfFile {
            let (bytes, kind) = spelling(of: t, in: file)
            if let p = previous, spaced(p, kind) { out.append(32) }
            out.append(contentsOf: bytes)
            previous = kind
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical text of the bytes `range` of `file` (a property's value), lexed again.
    public static func text(of range: ByteRange, in file: SourceFile) -> String {
        guard range.length > 0 else { return "" }
        let part = SourceFile(path: file.path, bytes: Array(file.bytes[range.start..<range.end]))
        return text(Lexer.lex(part).tokens[...], in: part)
    }

    /// A text value written back as a literal in canonical spelling: `« value »` when that keeps
    /// the value (as `spelling(of:in:)` writes a `"…"` string), else `"…"` with `\\`, `\"`,
    /// `\n` and `\t` escaped. Reading the result gives `value` back.
    public static func literal(_ value: String) -> String {
        let raw = ArraySlice(Array(value.utf8))
        if !value.utf8.contains(10) && !value.utf8.contains(13) && fitsGuillemets(raw, value: value) { return String(decoding: guillemets(value), as: UTF8.self) }
        var out = "\""
        for ch in value.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    static func guillemets(_ value: String) -> [UInt8] {
        value.isEmpty ? Array("« »".utf8) : Array("« \(value) »".utf8)
    }

    /// A `"…"` string means the same as `« … »`: no escape, no space at either end (guillemets
    /// trim them), balanced inner guillemets.
    static func fitsGuillemets(_ raw: ArraySlice<UInt8>, value: String) -> Bool {
        guard !value.isEmpty, !raw.contains(UInt8(ascii: "\\")), TokenText.trimSpaces(value) == value else { return false }
        var depth = 0
        for u in value.unicodeScalars {
            if u == "«" { depth += 1 }
            if u == "»" { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0
    }
}

extension FileTable {
    /// A value as written, in canonical spelling (`Canonical.text(of:in:)`): what messages and
    /// the IR show of a place, decoded from the source only when shown.
    public func canonicalText(_ place: Place) -> String {
        Canonical.text(of: place.range, in: self[place.file])
    }
}
