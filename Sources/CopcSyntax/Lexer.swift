import CopcSource
import CopcDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The result of lexing one file: tokens (ending with `.endOfFile`), comment ranges, diagnostics.
public struct TokenStream: Sendable {
    public var tokens: [Token]
    public var comments: [ByteRange]
    public var diagnostics: [Diagnostic]
}

/// Byte classes for the lexer's dispatch table.
@usableFromInline enum ByteClass: UInt8, Sendable {
    case invalid = 0, space, newline, word, punct, nonASCII, quote, hash
}

@usableFromInline let byteClasses: [ByteClass] = {
    var t = [ByteClass](repeating: .invalid, count: 256)
    for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = .word }
    for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = .word }
    for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = .word }
    for c in "_.-/'+" { t[Int(c.asciiValue!)] = .word }
    t[Int(UInt8(ascii: " "))] = .space
    t[Int(UInt8(ascii: "\t"))] = .space
    t[Int(UInt8(ascii: "\r"))] = .space
    t[0x0C] = .space
    t[Int(UInt8(ascii: "\n"))] = .newline
    for c in ":,()%<>" { t[Int(c.asciiValue!)] = .punct }
    t[Int(UInt8(ascii: "\""))] = .quote
    t[Int(UInt8(ascii: "#"))] = .hash
    for b in 0x80...0xFF { t[b] = .nonASCII }
    return t
}()

/// The byte-level lexer. It never fails: unknown characters and invalid UTF-8 become
/// diagnostics and the scan goes on.
public enum Lexer {
    public static func lex(_ file: SourceFile) -> TokenStream {
        file.bytes.withUnsafeBufferPointer { buf in
            var state = LexerState(buf: buf, file: file)
            state.run()
            return TokenStream(tokens: state.tokens, comments: state.comments, diagnostics: state.diagnostics)
        }
    }
}

struct LexerState {
    let buf: UnsafeBufferPointer<UInt8>
    let file: SourceFile
    var tokens: [Token] = []
    var comments: [ByteRange] = []
    var diagnostics: [Diagnostic] = []
    var i = 0

    init(buf: UnsafeBufferPointer<UInt8>, file: SourceFile) {
        self.buf = buf
        self.file = file
        tokens.reserveCapacity(buf.count / 5 + 16)
    }

    @inline(__always) func at(_ k: Int) -> UInt8 { k < buf.count ? buf[k] : 0 }

    /// Invalid characters and bytes reported so far, and those past the cap.
    var invalidReported = 0
    var invalidOverflow = 0
    var overflowStart = 0
    static let invalidCap = 20

    mutating func diag(_ m: Message, _ s: Int, _ e: Int) {
        diagnostics.append(Diagnostic(m, at: SourceSpan(file, ByteRange(s, e))))
    }

    /// Reports an invalid character or byte as an `.invalid` token and a diagnostic.
    mutating func invalid(_ m: Message, _ s: Int, _ e: Int) {
        tokens.append(Token(.invalid, s, e))
        reportInvalid(m, s, e)
    }

    /// Reports an invalid character or byte (also inside a comment or a string): adjacent ones
    /// are one diagnostic, and past `invalidCap` in a file they are only counted (a binary
    /// file gives a few lines, not thousands, and a long line is never quoted thousands of times).
    mutating func reportInvalid(_ m: Message, _ s: Int, _ e: Int) {
        if let last = diagnostics.last, let span = last.span, span.range.end == s, isSameKind(last.message, m) {
            diagnostics[diagnostics.count - 1] = Diagnostic(last.message, at: SourceSpan(file, ByteRange(span.range.start, e)))
            return
        }
        if invalidReported >= LexerState.invalidCap {
            if invalidOverflow == 0 { overflowStart = s }
            invalidOverflow += 1
            return
        }
        invalidReported += 1
        diag(m, s, e)
    }

    func isSameKind(_ a: Message, _ b: Message) -> Bool {
        switch (a, b) {
        case (.invalidUTF8, .invalidUTF8): return true
        case (.unexpectedCharacter, .unexpectedCharacter): return true
        default: return false
        }
    }

    /// The class of a non-ASCII sequence starting at `k`, and its length; `nil` length on invalid UTF-8.
    /// `quote`: a word processor's opening quote (`“ ” „ ‘ ‹`); `invisible`: a zero-width
    /// character or a soft hyphen (COP110).
    enum Wide { case space, word, guillemetOpen, guillemetClose, ge, le, quote, invisible, invalid }

    @inline(__always) func wide(_ k: Int) -> (Wide, Int) {
        let b0 = buf[k]
        let n: Int
        if b0 & 0xE0 == 0xC0 { n = 2 } else if b0 & 0xF0 == 0xE0 { n = 3 } else if b0 & 0xF8 == 0xF0 { n = 4 } else { return (.invalid, 1) }
        if b0 == 0xC0 || b0 == 0xC1 || b0 > 0xF4 { return (.invalid, 1) }
        if k + n > buf.count { return (.invalid, 1) }
        for j in 1..<n where buf[k + j] & 0xC0 != 0x80 { return (.invalid, 1) }
        if n == 3 {
            // Overlong and surrogate encodings are invalid.
            if b0 == 0xE0 && buf[k + 1] < 0xA0 { return (.invalid, 1) }
            if b0 == 0xED && buf[k + 1] >= 0xA0 { return (.invalid, 1) }
        } else if n == 4 {
            if b0 == 0xF0 && buf[k + 1] < 0x90 { return (.invalid, 1) }
            if b0 == 0xF4 && buf[k + 1] >= 0x90 { return (.invalid, 1) }
        }
        if n == 2 {
            let b1 = buf[k + 1]
            if b0 == 0xC2 {
                if b1 == 0xA0 { return (.space, 2) }           // no-break space
                if b1 == 0xAD { return (.invisible, 2) }       // soft hyphen
                if b1 == 0xAB { return (.guillemetOpen, 2) }   // «
                if b1 == 0xBB { return (.guillemetClose, 2) }  // »
            }
        } else if n == 3 && b0 == 0xE2 {
            let b1 = buf[k + 1], b2 = buf[k + 2]
            if b1 == 0x80 && (b2 == 0xAF || (b2 >= 0x80 && b2 <= 0x8A)) { return (.space, 3) } // narrow nbsp, thin spaces
            if b1 == 0x80 && b2 >= 0x8B && b2 <= 0x8D { return (.invisible, 3) }   // zero-width space, (non-)joiner
            if b1 == 0x81 && b2 == 0xA0 { return (.invisible, 3) }                 // word joiner
            if b1 == 0x80 && (b2 == 0x9C || b2 == 0x9D || b2 == 0x9E || b2 == 0x98 || b2 == 0xB9) { return (.quote, 3) } // “ ” „ ‘ ‹
            if b1 == 0x89 && b2 == 0xA5 { return (.ge, 3) }
            if b1 == 0x89 && b2 == 0xA4 { return (.le, 3) }
        } else if n == 3 && b0 == 0xEF && buf[k + 1] == 0xBB && buf[k + 2] == 0xBF {
            return (.space, 3) // a stray BOM inside the file
        }
        return (.word, n)
    }

    mutating func run() {
        let n = buf.count
        // A carriage return not followed by a line feed: old Mac line endings, or a stray one.
        // Said once, first, in plain words (the cascade that follows would not say it).
        // The C library's vectorised search: carriage returns are rare, and this pass must not
        // cost the lexer a second walk over every byte.
        if let base = buf.baseAddress {
            var k = 0
            while k < n, let hit = memchr(base + k, 0x0D, n - k) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at + 1 == n || buf[at + 1] != 0x0A {
                    diag(.bareCarriageReturn, at, at + 1)
                    break
                }
                k = at + 1
            }
        }
        while i < n {
            let b = buf[i]
            switch byteClasses[Int(b)] {
            case .space:
                i += 1
            case .newline:
                tokens.append(Token(.newline, i, i + 1))
                i += 1
            case .word:
                if b == UInt8(ascii: ".") && at(i + 1) == UInt8(ascii: ".") {
                    tokens.append(Token(.dotdot, i, i + 2))
                    i += 2
                } else {
                    lexWord()
                }
            case .punct:
                lexPunct(b)
            case .quote:
                lexQuote()
            case .hash:
                let s = i
                while i < n && buf[i] != UInt8(ascii: "\n") { i += 1 }
                var e = i
                if e > s && buf[e - 1] == UInt8(ascii: "\r") { e -= 1 }
                validate(s, e)
                comments.append(ByteRange(s, e))
            case .nonASCII:
                if tokens.isEmpty || tokens[tokens.count - 1].kind == .newline, let len = bulletLength(i) {
                    // A list bullet pasted at the start of a line: reported, then ignored.
                    wordProcessor(.bullet(scalar(at: i, len)), i, i + len)
                    i += len
                    continue
                }
                let (w, len) = wide(i)
                switch w {
                case .space: i += len
                case .word: lexWord()
                case .quote: lexWordProcessorQuote(len)
                case .invisible:
                    wordProcessor(.invisible(scalar(at: i, len)), i, i + len)
                    i += len
                case .guillemetOpen: lexGuillemets()
                case .ge: tokens.append(Token(.greaterEqual, i, i + len)); i += len
                case .le: tokens.append(Token(.lessEqual, i, i + len)); i += len
                case .guillemetClose:
                    invalid(.unexpectedCharacter("»"), i, i + len)
                    i += len
                case .invalid:
                    invalid(.invalidUTF8(offset: i), i, i + 1)
                    i += 1
                }
            case .invalid:
                invalid(.unexpectedCharacter(Unicode.Scalar(b)), i, i + 1)
                i += 1
            }
        }
        if invalidOverflow > 0 {
            diag(.tooManyInvalidCharacters(invalidOverflow), overflowStart, overflowStart + 1)
        }
        if wordProcessorOverflow > 0 {
            diag(.moreWordProcessorCharacters(wordProcessorOverflow), wordProcessorOverflowStart, wordProcessorOverflowStart + 1)
        }
        tokens.append(Token(.endOfFile, n, n))
    }

    /// Reports invalid UTF-8 inside a comment or a string, whose bytes are otherwise skipped.
    mutating func validate(_ s: Int, _ e: Int) {
        var k = s
        while k < e {
            if buf[k] < 0x80 { k += 1; continue }
            let (w, len) = wide(k)
            if w == .invalid {
                reportInvalid(.invalidUTF8(offset: k), k, k + 1)
            }
            k += len
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// A word from `i`; its first `first` bytes belong to it whatever they are (a word
    /// processor's quote that closes nothing on its line).
    mutating func lexWord(first: Int = 0) {
        let s = i
        let n = buf.count
        i += first
        while i < n {
            let b = buf[i]
            let c = byteClasses[Int(b)]
            if c == .word {
                if b == UInt8(ascii: ".") && at(i + 1) == UInt8(ascii: ".") { break }
                i += 1
            } else if c == .punct && b == UInt8(ascii: ",") && i > s && LexerState.isDigit(buf[i - 1]) && LexerState.isDigit(at(i + 1)) {
                i += 1 // decimal comma: 2,29
            } else if c == .nonASCII {
                let (w, len) = wide(i)
                if w != .word { break }
                i += len
            } else {
                break
            }
        }
        tokens.append(Token(.word, s, i))
    }

    mutating func lexPunct(_ b: UInt8) {
        let s = i
        i += 1
        let kind: TokenKind
        switch b {
        case UInt8(ascii: ":"): kind = .colon
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: "("): kind = .lparen
        case UInt8(ascii: ")"): kind = .rparen
        case UInt8(ascii: "%"): kind = .percent
        case UInt8(ascii: ">"):
            if at(i) == UInt8(ascii: "=") { i += 1; kind = .greaterEqual } else { kind = .greater }
        default: // "<"
            if at(i) == UInt8(ascii: "=") { i += 1; kind = .lessEqual } else { kind = .less }
        }
        tokens.append(Token(kind, s, i))
    }

    mutating func lexQuote() {
        let s = i
        let n = buf.count
        if at(i + 1) == UInt8(ascii: "\"") && at(i + 2) == UInt8(ascii: "\"") {
            i += 3
            while i < n {
                if buf[i] == UInt8(ascii: "\"") && at(i + 1) == UInt8(ascii: "\"") && at(i + 2) == UInt8(ascii: "\"") {
                    i += 3
                    validate(s, i)
                    tokens.append(Token(.textBlock, s, i))
                    return
                }
                i += 1
            }
            validate(s, n)
            diag(.unterminatedTextBlock, s, s + 3)
            tokens.append(Token(.textBlock, s, n))
            return
        }
        i += 1
        while i < n {
            let b = buf[i]
            if b == UInt8(ascii: "\\") && i + 1 < n && buf[i + 1] != UInt8(ascii: "\n") { i += 2; continue }
            if b == UInt8(ascii: "\"") {
                i += 1
                validate(s, i)
                tokens.append(Token(.string, s, i))
                return
            }
            if b == UInt8(ascii: "\n") { break }
            i += 1
        }
        var e = i
        if e > s && buf[e - 1] == UInt8(ascii: "\r") { e -= 1 }
        validate(s, e)
        diag(.unterminatedString, s, e)
        tokens.append(Token(.string, s, e))
    }

    mutating func lexGuillemets() {
        let s = i
        let n = buf.count
        i += 2
        // French text nests guillemets: « la fiche « DCF unique » citée ».
        var depth = 1
        while i < n {
            let b = buf[i]
            if b == 0xC2 && at(i + 1) == 0xAB {
                depth += 1
                i += 2
                continue
            }
            if b == 0xC2 && at(i + 1) == 0xBB {
                i += 2
                depth -= 1
                if depth > 0 { continue }
                validate(s, i)
                tokens.append(Token(.guillemets, s, i))
                return
            }
            if b == UInt8(ascii: "\n") { break }
            i += 1
        }
        var e = i
        if e > s && buf[e - 1] == UInt8(ascii: "\r") { e -= 1 }
        validate(s, e)
        diag(.unterminatedGuillemets, s, e)
        tokens.append(Token(.guillemets, s, e))
    }

    // MARK: characters of word processors (COP110)

    /// COP110 reported so far in the file, and those past the cap (only counted).
    var wordProcessorReported = 0
    var wordProcessorOverflow = 0
    var wordProcessorOverflowStart = 0

    /// Reports a word processor's character, read as corrected: adjacent invisible characters
    /// of one kind are one diagnostic, and past `invalidCap` in a file they are only counted.
    mutating func wordProcessor(_ c: WordProcessorCharacter, _ s: Int, _ e: Int) {
        if let last = diagnostics.last, let span = last.span, span.range.end == s,
           case .wordProcessorCharacter(let previous) = last.message, previous == c, case .invisible = c {
            diagnostics[diagnostics.count - 1] = Diagnostic(last.message, at: SourceSpan(file, ByteRange(span.range.start, e)))
            return
        }
        if wordProcessorReported >= LexerState.invalidCap {
            if wordProcessorOverflow == 0 { wordProcessorOverflowStart = s }
            wordProcessorOverflow += 1
            return
        }
        wordProcessorReported += 1
        diag(.wordProcessorCharacter(c), s, e)
    }

    /// The scalar encoded by the `len` valid UTF-8 bytes at `k`.
    func scalar(at k: Int, _ len: Int) -> Unicode.Scalar {
        var v = UInt32(buf[k]) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for j in 1..<len { v = v << 6 | UInt32(buf[k + j] & 0x3F) }
        return Unicode.Scalar(v) ?? "\u{FFFD}"
    }

    /// The list bullets of word processors (`•`, `◦`, `▪`, `■`, `●`, `‣`, `⁃`, `·`, Word's
    /// Symbol-font bullets in the private use area), and dashes used as bullets (`–`, `—`, only
    /// when a blank follows: a dash glued to a word is not a bullet).
    static let bullets: Set<UInt32> = [0x2022, 0x2023, 0x2043, 0x25E6, 0x25AA, 0x25AB, 0x25CF, 0x25CB, 0x25A0, 0x25A1,
                                        0x00B7, 0xF0B7, 0xF0A7]
    static let dashes: Set<UInt32> = [0x2013, 0x2014]

    /// The length of a bullet at `k`, or nil.
    func bulletLength(_ k: Int) -> Int? {
        let (w, len) = wide(k)
        guard w == .word, len <= 3 else { return nil }
        let v = scalar(at: k, len).value
        if LexerState.bullets.contains(v) { return len }
        if LexerState.dashes.contains(v) {
            let next = at(k + len)
            if next == 0x20 || next == 0x09 || (next == 0xC2 && at(k + len + 1) == 0xA0) { return len }
        }
        return nil
    }

    /// A word processor's opening quote (`“`, `”`, `„`, `‘`, `‹`) at `i`: the text up to its
    /// closing quote on the same line is a text token, read as `« … »`, with one COP110; an
    /// opening quote that closes nothing on its line starts a word, as any other character.
    /// `‘ … ’` closes at a `’` that is not an apostrophe (not followed by a letter or a digit).
    mutating func lexWordProcessorQuote(_ len: Int) {
        let s = i
        let n = buf.count
        let open = buf[s + 2]
        var k = s + len
        while k < n && buf[k] != UInt8(ascii: "\n") {
            if buf[k] == 0xE2 && at(k + 1) == 0x80 {
                let c = at(k + 2)
                let closes: Bool
                switch open {
                case 0xB9: closes = c == 0xBA                                   // ‹ … ›
                case 0x98:                                                      // ‘ … ’
                    let next = at(k + 3)
                    let letter = (next >= 0x30 && next <= 0x39) || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A) || (next >= 0xC3 && next <= 0xC5)
                    closes = c == 0x99 && !letter
                default: closes = c == 0x9D || c == 0x9C                        // “ … ”, „ … “
                }
                if closes {
                    let e = k + 3
                    validate(s, e)
                    tokens.append(Token(.guillemets, s, e))
                    wordProcessor(.quotes(open: scalar(at: s, 3), close: scalar(at: k, 3)), s, e)
                    i = e
                    return
                }
            }
            k += 1
        }
        lexWord(first: len)
    }
}
