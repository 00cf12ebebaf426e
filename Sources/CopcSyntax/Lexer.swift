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
    enum Wide { case space, word, guillemetOpen, guillemetClose, ge, le, invalid }

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
                if b1 == 0xAB { return (.guillemetOpen, 2) }   // «
                if b1 == 0xBB { return (.guillemetClose, 2) }  // »
            }
        } else if n == 3 && b0 == 0xE2 {
            let b1 = buf[k + 1], b2 = buf[k + 2]
            if b1 == 0x80 && (b2 == 0xAF || (b2 >= 0x80 && b2 <= 0x8A)) { return (.space, 3) } // narrow nbsp, thin spaces
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
                let (w, len) = wide(i)
                switch w {
                case .space: i += len
                case .word: lexWord()
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

    mutating func lexWord() {
        let s = i
        let n = buf.count
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
}
