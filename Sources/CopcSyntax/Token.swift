import CopcSource

/// The kinds of tokens. Words cover identifiers, keywords, numbers and dates: the parser and
/// the value readers give them meaning from their position, as a drafter would read them.
public enum TokenKind: UInt8, Sendable {
    /// A run of letters, digits and `_ . - / ' ’ + ² €…` (a `..` ends it).
    case word
    /// `"…"` on one line, with `\"` and `\\` escapes.
    case string
    /// `« … »` on one line.
    case guillemets
    /// `"""` … `"""`, possibly over several lines.
    case textBlock
    case colon, comma, lparen, rparen, percent, dotdot
    case greaterEqual, lessEqual, greater, less
    case newline
    /// A character that starts no token (a diagnostic was recorded).
    case invalid
    case endOfFile
}

/// One token: a kind and a byte range. 12 bytes; no string is built while lexing.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var start: UInt32
    public var end: UInt32

    @inlinable public init(_ kind: TokenKind, _ start: Int, _ end: Int) {
        self.kind = kind
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: end)
    }

    @inlinable public var range: ByteRange { ByteRange(Int(start), Int(end)) }
    @inlinable public var length: Int { Int(end &- start) }

    /// True for tokens that carry a text value (strings, guillemets, text blocks).
    @inlinable public var isText: Bool { kind == .string || kind == .guillemets || kind == .textBlock }
}
