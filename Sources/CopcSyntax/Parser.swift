import CopcSource
import CopcDiagnostics
import CopcLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The recovering, line-oriented parser.
///
/// Invariant: the parser never fails. Every line is consumed whatever it holds; a malformed
/// line yields one diagnostic and the parser resumes at the next line. Properties that follow
/// a malformed element header are swallowed silently, so one typo gives one diagnostic.
public enum Parser {
    public static func parse(_ file: SourceFile) -> FileSyntax {
        if let refusal = refusalForSize(file) {
            let eof = Token(.endOfFile, file.bytes.count, file.bytes.count)
            return FileSyntax(file: file, tokens: [eof], comments: [], lines: [], items: [], suppressions: [], diagnostics: [refusal])
        }
        if let binary = refusalForUTF16(file) ?? refusalForBinary(file) {
            let eof = Token(.endOfFile, file.bytes.count, file.bytes.count)
            return FileSyntax(file: file, tokens: [eof], comments: [], lines: [], items: [], suppressions: [], diagnostics: [binary])
        }
        let stream = Lexer.lex(file)
        // Invalid UTF-8: a file saved in Windows-1252 is said once, not byte by byte with the
        // errors that follow from it (the check of valid files pays nothing for this).
        if stream.diagnostics.contains(where: { if case .invalidUTF8 = $0.message { return true } else { return false } }),
           let legacy = refusalForLegacyEncoding(file) {
            let eof = Token(.endOfFile, file.bytes.count, file.bytes.count)
            return FileSyntax(file: file, tokens: [eof], comments: [], lines: [], items: [], suppressions: [], diagnostics: [legacy])
        }
        return parse(file, stream)
    }

    /// COP001 « fichier en UTF-16 ? » for a file starting with a UTF-16 byte-order mark (Word's
    /// « Texte Unicode »): one diagnostic, the file is not lexed.
    public static func refusalForUTF16(_ file: SourceFile) -> Diagnostic? {
        let b = file.bytes
        guard b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) else { return nil }
        return Diagnostic(.utf16, at: SourceSpan(file, ByteRange(0, 0)))
    }

    /// COP001 « fichier en Windows-1252 ? » for a file that is not UTF-8 but reads as
    /// Windows-1252 (Latin-1 and its typographic characters): no byte undefined in
    /// Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D), and not one well-formed multi-byte UTF-8
    /// sequence — a UTF-8 file with a stray byte keeps its diagnostics byte by byte. Placed at
    /// the first byte that is not ASCII, with what it reads as.
    public static func refusalForLegacyEncoding(_ file: SourceFile) -> Diagnostic? {
        let b = file.bytes
        var first: Int?
        var k = 0
        while k < b.count {
            let c = b[k]
            if c < 0x80 { k += 1; continue }
            if c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D { return nil }
            let length = c & 0xE0 == 0xC0 ? 2 : c & 0xF0 == 0xE0 ? 3 : c & 0xF8 == 0xF0 ? 4 : 0
            if length > 0 && k + length <= b.count && b[(k + 1)..<(k + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) { return nil }
            if first == nil { first = k }
            k += 1
        }
        guard let at = first else { return nil }
        return Diagnostic(.legacyEncoding(offset: at, byte: b[at], reads: windows1252(b[at])), at: SourceSpan(file, ByteRange(at, at + 1)))
    }

    /// The character a byte stands for in Windows-1252 (0x80-0x9F: its typographic characters;
    /// 0xA0-0xFF: Latin-1).
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        let high: [UInt32] = [0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                              0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178]
        let v = byte >= 0x80 && byte < 0xA0 ? high[Int(byte - 0x80)] : UInt32(byte)
        return Unicode.Scalar(v) ?? "\u{FFFD}"
    }

    /// COP001 « fichier binaire ? » for a file holding a NUL byte (no text format of copc
    /// has one): one diagnostic, and the file is not lexed — never thousands of lines.
    public static func refusalForBinary(_ file: SourceFile) -> Diagnostic? {
        // memchr: the C library's vectorised search, as for carriage returns in the lexer.
        let found: Int? = file.bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress, let hit = memchr(base, 0, buf.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        guard let k = found else { return nil }
        return Diagnostic(.binaryFile(offset: k), at: SourceSpan(file, ByteRange(k, k)))
    }

    /// COP002 for a file beyond `Limits.maxFileBytes` or with a line beyond
    /// `Limits.maxLineBytes`: such a file is not lexed at all (bounded time and memory).
    public static func refusalForSize(_ file: SourceFile) -> Diagnostic? {
        if file.bytes.count > Limits.maxFileBytes {
            return Diagnostic(.fileTooLarge(bytes: file.bytes.count, limit: Limits.maxFileBytes), at: SourceSpan(file, ByteRange(0, 0)))
        }
        if let long = Limits.firstLongLine(file.bytes) {
            return Diagnostic(.lineTooLong(bytes: long.length, limit: Limits.maxLineBytes), at: SourceSpan(file, ByteRange(long.start, long.start)))
        }
        return nil
    }

    public static func parse(_ file: SourceFile, _ stream: TokenStream) -> FileSyntax {
        var state = ParserState(file: file, tokens: stream.tokens)
        state.diagnostics = stream.diagnostics
        state.run()
        let suppressions = Suppressions.read(file, stream.comments, &state.diagnostics)
        return FileSyntax(file: file, tokens: stream.tokens, comments: stream.comments,
                          lines: state.lines, items: state.items, suppressions: suppressions, diagnostics: state.diagnostics)
    }
}

/// What a line that starts with a word is, from its first word alone (grammar §2.1), read
/// through the grammar's table (`Lexicon`).
public enum LineRole: Equatable, Sendable {
    case header(ElementKind)
    case uses
    case change(ChangeOp)
    case property

    /// `keyword` is the first word's keyword, if it is one; a keyword followed by `:` is a
    /// property key (`référent : DGOS`).
    public init(keyword: Keyword?, nextIsColon: Bool) {
        guard !nextIsColon, let keyword else { self = .property; return }
        if let kind = keyword.elementKind {
            self = .header(kind)
        } else if keyword == .utilise {
            self = .uses
        } else if let op = keyword.changeOp {
            self = .change(op)
        } else {
            self = .property
        }
    }
}

extension LineRole {
    /// The role of a line from its first two tokens (`first` a word): a keyword followed by `:`
    /// is a property key (`référent : DGOS`), and so is a keyword that starts a key of several
    /// words (`bilan annuel : …`, `contrat attendu : oui`), read from the table of keys.
    public init(_ bytes: [UInt8], first: Token, next: Token) {
        let head = bytes[Int(first.start)..<Int(first.end)]
        self.init(keyword: Lexicon.keyword(head), nextIsColon: next.kind == .colon)
        if case .header = self, next.kind == .word {
            var words = FoldedWord(folding: head)
            words.appendWord(folding: bytes[Int(next.start)..<Int(next.end)])
            if PropertyKey(folded: words) != nil { self = .property }
        }
    }
}

struct ParserState {
    let file: SourceFile
    let tokens: [Token]
    var p = 0
    var lines: [LineSyntax] = []
    var items: [ItemSyntax] = []
    var diagnostics: [Diagnostic] = []
    /// The element (or the element of a change) whose properties are being read, mutated in
    /// place so that appending a property never copies the others.
    var open: ElementSyntax?
    /// Set when `open` is the element of a change block.
    var openChange: (op: ChangeOp, range: ByteRange)?
    /// After a malformed header: swallow properties until the next header.
    var sink = false
    /// Set when the file holds more than `Limits.maxElements` elements: the rest is not read.
    var truncated = false
    /// Set after a `bilan` header: its `indicateur ID` and `action ID` blocks name elements of
    /// the contract and need no title.
    var inBilan = false

    init(file: SourceFile, tokens: [Token]) {
        self.file = file
        self.tokens = tokens
    }

    // MARK: helpers

    @inline(__always) func tok(_ k: Int) -> Token { tokens[min(k, tokens.count - 1)] }

    func folded(_ t: Token) -> String {
        TokenText.fold(file.bytes[Int(t.start)..<Int(t.end)])
    }

    /// The grammar's entry for a word token (keyword, property key), read from its bytes.
    func entry(_ t: Token) -> LexiconEntry? {
        guard t.kind == .word else { return nil }
        return Lexicon.entry(FoldedWord(folding: file.bytes[Int(t.start)..<Int(t.end)]))
    }

    /// The keyword a word token spells, if any.
    func keyword(_ t: Token) -> Keyword? { entry(t)?.keyword }

    func text(_ t: Token) -> String { file.text(t.range) }

    /// What a token is, for an `expected` message (worded by the catalogue).
    func describe(_ t: Token) -> Found {
        switch t.kind {
        case .newline, .endOfFile: return .endOfLine
        case .string, .guillemets: return .string(text(t))
        case .textBlock: return .textBlock
        default: return .token(text(t))
        }
    }

    mutating func error(_ m: Message, _ range: ByteRange) {
        diagnostics.append(Diagnostic(m, at: SourceSpan(file, range)))
    }

    /// Index of the newline or end-of-file token that ends the line starting at `k`.
    func lineEnd(from k: Int) -> Int {
        var e = k
        while tokens[e].kind != .newline && tokens[e].kind != .endOfFile { e += 1 }
        return e
    }

    // MARK: driver

    mutating func run() {
        while tokens[p].kind != .endOfFile && !truncated {
            if tokens[p].kind == .newline { p += 1; continue }
            let before = p
            let end = lineEnd(from: p)
            parseLine(end)
            p = end
            precondition(p > before || tokens[p].kind == .newline, "parser made no progress")
        }
        flush()
    }

    mutating func flush() {
        if let e = open, items.count >= Limits.maxElements {
            if !truncated { error(.tooManyElements(limit: Limits.maxElements), openChange?.range ?? e.keywordRange) }
            truncated = true
        } else if let e = open {
            if let c = openChange {
                items.append(.change(ChangeSyntax(op: c.op, opRange: c.range, element: e)))
            } else {
                items.append(.element(e))
            }
        }
        open = nil
        openChange = nil
    }

    mutating func parseLine(_ end: Int) {
        let first = tokens[p]
        guard first.kind == .word else {
            lines.append(LineSyntax(first: p, end: end, role: .property, key: nil, keyWordCount: 0))
            // Invalid characters were already reported by the lexer.
            if first.kind != .invalid {
                error(.expected(.property, found: describe(first)), first.range)
            }
            return
        }
        let role = LineRole(file.bytes, first: first, next: tok(p + 1))
        lines.append(LineSyntax(first: p, end: end, role: role, key: nil, keyWordCount: 0))
        switch role {
        case .header(let kind): parseHeader(kind, end)
        case .uses: parseUses(end)
        case .change(let op): parseChange(op, end)
        case .property: parseProperty(end)
        }
    }

    // MARK: headers

    /// Reads `ID`, `« titre »`, `dans …` after a keyword; returns false after a reported error.
    mutating func parseHeaderRest(_ e: inout ElementSyntax, _ end: Int, titleRequired: Bool) -> Bool {
        // Identifier
        if p < end && tokens[p].kind == .word && keyword(tokens[p]) != .dans {
            e.id = text(tokens[p])
            e.idRange = tokens[p].range
            p += 1
        } else if !e.kind.idOptional {
            error(.expected(.identifier, found: describe(tokens[p])), tokens[p].range)
            return false
        }
        // Title
        if p < end && tokens[p].isText {
            e.title = TokenText.value(of: tokens[p], in: file)
            e.titleRange = tokens[p].range
            p += 1
        } else if e.id == nil {
            error(.expected(.title, found: describe(tokens[p])), tokens[p].range)
            return false
        } else if titleRequired {
            // Keep the element (its id is known) so that numbering checks do not see a hole.
            error(.expected(.title, found: describe(tokens[p])), tokens[p].range)
            if p < end && !(tokens[p].kind == .word && keyword(tokens[p]) == .dans) { return true }
        }
        // Placement
        if p < end && tokens[p].kind == .word && keyword(tokens[p]) == .dans {
            let dansStart = tokens[p].start
            p += 1
            guard p < end, tokens[p].kind == .word, let k = keyword(tokens[p])?.elementKind else {
                error(.expected(.elementKind, found: describe(tokens[p])), tokens[p].range)
                return false
            }
            p += 1
            var id: String?
            if k != .contrat {
                guard p < end, tokens[p].kind == .word else {
                    error(.expected(.identifier, found: describe(tokens[p])), tokens[p].range)
                    return false
                }
                id = text(tokens[p])
                p += 1
            }
            e.placement = PlacementSyntax(kind: k, id: id, range: ByteRange(Int(dansStart), Int(tokens[p - 1].end)))
        }
        if p < end {
            error(.expected(.endOfLine, found: describe(tokens[p])), tokens[p].range)
            return false
        }
        return true
    }

    mutating func parseHeader(_ kind: ElementKind, _ end: Int) {
        flush()
        if truncated { return }
        let kw = tokens[p]
        let lineRange = ByteRange(Int(kw.start), Int(tokens[end - 1].end))
        var e = ElementSyntax(kind: kind, keywordRange: kw.range, range: lineRange)
        p += 1
        var ok = true
        if kind == .avenant || kind == .bilan {
            ok = parseAvenantHeader(&e, end, connector: kind == .bilan ? .du : .au)
            if kind == .bilan && ok { inBilan = true }
        } else {
            ok = parseHeaderRest(&e, end, titleRequired: kind.titleRequired && !inBilan)
        }
        if ok {
            open = e
            sink = false
        } else {
            sink = true
        }
    }

    /// The length in bytes of a number sign opening `word` (`n°`, `N°`, `nº`, `no`, `numéro`)
    /// when digits follow it or it stands alone, else 0.
    static func avenantNumberSign(_ word: String) -> Int {
        let bytes = Array(word.utf8)
        for sign in ["n°", "N°", "nº", "Nº", "no", "No", "NO", "n°.", "numéro", "Numéro", "numero", "Numero"] {
            let sb = Array(sign.utf8)
            guard bytes.count >= sb.count, Array(bytes[0..<sb.count]) == sb else { continue }
            if bytes.count == sb.count { return sb.count }
            if bytes[sb.count] &- 0x30 < 10, bytes[sb.count...].allSatisfy({ $0 &- 0x30 < 10 }) { return sb.count }
        }
        return 0
    }

    /// `avenant N au contrat ID « titre »` (also `avenant n°N`, `avenant n° N`), `bilan ANNÉE du
    /// contrat ID « titre »` (a bilan also accepts `au`).
    mutating func parseAvenantHeader(_ e: inout ElementSyntax, _ end: Int, connector: Keyword = .au) -> Bool {
        guard p < end, tokens[p].kind == .word else {
            error(.expected(connector == .du ? .bilanYear : .avenantNumber, found: describe(tokens[p])), tokens[p].range)
            return false
        }
        // `avenant n°1`, `avenant n° 1`, `avenant N°2`, `avenant no 3`, `avenant numéro 4`:
        // the number alone is the avenant's id.
        let numberSign = ParserState.avenantNumberSign(text(tokens[p]))
        if numberSign == text(tokens[p]).utf8.count, p + 1 < end, tokens[p + 1].kind == .word,
           let first = text(tokens[p + 1]).utf8.first, first &- 0x30 < 10 {
            p += 1
        }
        let sign = ParserState.avenantNumberSign(text(tokens[p]))
        let r = tokens[p].range
        e.id = String(decoding: text(tokens[p]).utf8.dropFirst(sign), as: UTF8.self)
        e.idRange = ByteRange(r.start + sign, r.end)
        p += 1
        // `au contrat`, and as drafters also write it, `au COP`, `au CPOM`, `à la COG`, `à la convention`.
        if p + 2 < end, tokens[p].kind == .word, tokens[p + 1].kind == .word, tokens[p + 2].kind == .word,
           ["a"].contains(TokenText.fold(file.bytes[Int(tokens[p].start)..<Int(tokens[p].end)])),
           TokenText.fold(file.bytes[Int(tokens[p + 1].start)..<Int(tokens[p + 1].end)]) == "la",
           ["cog", "convention"].contains(TokenText.fold(file.bytes[Int(tokens[p + 2].start)..<Int(tokens[p + 2].end)])) {
            p += 1 // `à la COG X`: read as `au COG X`
        }
        let contractWord = p + 1 < end && tokens[p + 1].kind == .word
            && (keyword(tokens[p + 1]) == .contrat
                || ["cop", "cpom", "cog", "convention"].contains(TokenText.fold(file.bytes[Int(tokens[p + 1].start)..<Int(tokens[p + 1].end)])))
        guard p + 2 <= end, tokens[p].kind == .word, keyword(tokens[p]) == connector || keyword(tokens[p]) == .au || TokenText.fold(file.bytes[Int(tokens[p].start)..<Int(tokens[p].end)]) == "la",
              tokens[p + 1].kind == .word, contractWord,
              p + 2 < end, tokens[p + 2].kind == .word else {
            error(.expected(connector == .du ? .bilanContractReference : .contractReference, found: describe(tokens[p])), tokens[p].range)
            return false
        }
        e.contractRef = text(tokens[p + 2])
        e.contractRefRange = tokens[p + 2].range
        p += 3
        if p < end && tokens[p].isText {
            e.title = TokenText.value(of: tokens[p], in: file)
            e.titleRange = tokens[p].range
            p += 1
        }
        if p < end {
            error(.expected(.endOfLine, found: describe(tokens[p])), tokens[p].range)
            return false
        }
        return true
    }

    /// `utilise « chemin »`: recorded in place; it does not close the open element, so the
    /// header properties that follow it (`période : …`) still attach to the header.
    mutating func parseUses(_ end: Int) {
        let kw = tokens[p]
        p += 1
        guard p < end, tokens[p].isText else {
            error(.expected(.path, found: describe(tokens[p])), tokens[p].range)
            return
        }
        let path = TokenText.value(of: tokens[p], in: file)
        let range = ByteRange(Int(kw.start), Int(tokens[p].end))
        p += 1
        if p < end {
            error(.expected(.endOfLine, found: describe(tokens[p])), tokens[p].range)
        }
        if items.count >= Limits.maxElements {
            if !truncated { error(.tooManyElements(limit: Limits.maxElements), kw.range) }
            truncated = true
            return
        }
        items.append(.uses(UsesSyntax(path: path, range: range)))
    }

    mutating func parseChange(_ op: ChangeOp, _ end: Int) {
        flush()
        if truncated { return }
        let kw = tokens[p]
        let lineRange = ByteRange(Int(kw.start), Int(tokens[end - 1].end))
        p += 1
        guard p < end, tokens[p].kind == .word, let kind = keyword(tokens[p])?.elementKind,
              kind != .avenant, kind != .annuaire, kind != .organisme else {
            error(.expected(.elementKind, found: describe(tokens[p])), tokens[p].range)
            sink = true
            return
        }
        var e = ElementSyntax(kind: kind, keywordRange: tokens[p].range, range: lineRange)
        p += 1
        var ok = true
        if kind == .contrat {
            if op != .modifier {
                error(.expected(.elementKind, found: describe(tokens[p - 1])), tokens[p - 1].range)
                ok = false
            } else if p < end {
                error(.expected(.endOfLine, found: describe(tokens[p])), tokens[p].range)
                ok = false
            }
        } else if op == .ajouter {
            ok = parseHeaderRest(&e, end, titleRequired: !kind.isDeclaration)
        } else {
            if p < end && tokens[p].kind == .word {
                e.id = text(tokens[p])
                e.idRange = tokens[p].range
                p += 1
            } else {
                error(.expected(.identifier, found: describe(tokens[p])), tokens[p].range)
                ok = false
            }
            if ok && p < end {
                error(.expected(.endOfLine, found: describe(tokens[p])), tokens[p].range)
                ok = false
            }
        }
        if ok {
            open = e
            openChange = (op, kw.range)
            sink = false
        } else {
            sink = true
        }
    }

    // MARK: properties

    mutating func parseProperty(_ end: Int) {
        let start = p
        let first = tokens[p]
        let headKey = entry(first)?.key
        var key = headKey
        var keyEnd = first.end
        var yearTokens = p..<p
        var stepTitle: String?
        var label: String?
        var labelRange: ByteRange?
        p += 1

        switch headKey?.head {
        case .years?:
            let ys = p
            while p < end && tokens[p].kind != .colon && tokens[p].kind != .lparen { p += 1 }
            yearTokens = ys..<p
            if p > ys { keyEnd = tokens[p - 1].end }
        case .stepTitle?:
            if p < end && tokens[p].isText {
                stepTitle = TokenText.value(of: tokens[p], in: file)
                keyEnd = tokens[p].end
                p += 1
            } else {
                error(.expected(.stepTitle, found: describe(tokens[p])), tokens[p].range)
                return
            }
        case .organismThenLe?:
            // `avis « CGEFI » le`: the organism is kept as the property's title.
            if p + 1 < end && tokens[p].isText && tokens[p + 1].kind == .word
                && TokenText.fold(file.bytes[Int(tokens[p + 1].start)..<Int(tokens[p + 1].end)]) == "le" {
                stepTitle = TokenText.value(of: tokens[p], in: file)
                keyEnd = tokens[p + 1].end
                p += 2
            } else {
                error(.expected(.opinionBody, found: describe(tokens[p])), tokens[p].range)
                return
            }
        case .word?:
            break
        default:
            // Multi-word keys: `signé le`, `en vigueur le`, `approuvé le`.
            var words = FoldedWord(folding: file.bytes[Int(first.start)..<Int(first.end)])
            var count = 1
            while p < end && tokens[p].kind == .word && count < 4 {
                words.appendWord(folding: file.bytes[Int(tokens[p].start)..<Int(tokens[p].end)])
                keyEnd = tokens[p].end
                p += 1
                count += 1
            }
            key = PropertyKey(folded: words)
        }
        let keyWords = start..<(headKey?.head == .words || headKey == nil ? p : start + 1)
        if key != nil {
            lines[lines.count - 1].key = key
            lines[lines.count - 1].keyWordCount = keyWords.count
        }
        if p < end && tokens[p].kind == .lparen {
            let ls = p
            p += 1
            var words: [String] = []
            while p < end && tokens[p].kind != .rparen {
                words.append(tokens[p].isText ? TokenText.value(of: tokens[p], in: file) : text(tokens[p]))
                p += 1
            }
            guard p < end else {
                error(.expected(.closingParen, found: describe(tokens[p])), tokens[p].range)
                return
            }
            label = words.joined(separator: " ")
            labelRange = ByteRange(Int(tokens[ls].start), Int(tokens[p].end))
            if words.isEmpty {
                error(.expected(.label, found: describe(tokens[p])), tokens[p].range)
                return
            }
            keyEnd = tokens[p].end
            p += 1
            // `moyens (ETP) 2024 :` — the years may follow the label.
            if headKey?.head == .years, yearTokens.isEmpty {
                let ys = p
                while p < end && tokens[p].kind != .colon { p += 1 }
                yearTokens = ys..<p
                if p > ys { keyEnd = tokens[p - 1].end }
            }
        }
        if p < end && tokens[p].kind == .colon {
            p += 1
        } else if !(key?.colonOptional == true && p < end && tokens[p].isText) {
            if open == nil && !sink {
                error(.unknownKeyword(text(first), suggestion: nearestKeyword(first)), first.range)
            } else if !sink {
                let suggestion = nearestKeyword(first)
                if suggestion != nil && tokens[p].kind != .colon {
                    error(.unknownKeyword(text(first), suggestion: suggestion), first.range)
                    sink = true
                } else {
                    error(.expected(.colon, found: describe(tokens[p])), tokens[p].range)
                    // Keep the key, so that later checks do not also report it as missing.
                    attach(PropertySyntax(
                        key: headKey, keyWords: start..<(start + 1), keyRange: first.range,
                        label: label, labelRange: labelRange,
                        yearTokens: yearTokens, stepTitle: stepTitle, valueTokens: end..<end,
                        valueRange: ByteRange(Int(tokens[end - 1].end), Int(tokens[end - 1].end)),
                        range: ByteRange(Int(first.start), Int(tokens[end - 1].end)), malformed: true))
                }
            }
            return
        }
        if sink { return }
        let valueStart = p
        let valueRange: ByteRange
        if end > valueStart {
            valueRange = ByteRange(Int(tokens[valueStart].start), Int(tokens[end - 1].end))
        } else {
            valueRange = ByteRange(Int(tokens[max(valueStart - 1, start)].end), Int(tokens[max(valueStart - 1, start)].end))
        }
        let prop = PropertySyntax(
            key: key, keyWords: keyWords,
            keyRange: ByteRange(Int(first.start), Int(keyEnd)),
            label: label, labelRange: labelRange, yearTokens: yearTokens, stepTitle: stepTitle,
            valueTokens: valueStart..<end, valueRange: valueRange,
            range: ByteRange(Int(first.start), Int(tokens[end - 1].end)))
        p = end
        attach(prop)
    }

    mutating func attach(_ prop: PropertySyntax) {
        if open != nil {
            open!.properties.append(prop)
        } else {
            error(.propertyOutsideElement, prop.range)
        }
    }

    /// A line keyword close to a mistyped line head (`objectf` → `objectif`).
    func nearestKeyword(_ head: Token) -> String? {
        Suggest.nearest(to: folded(head), among: Keyword.lineHeads.map(\.spelling), normalize: { TokenText.fold($0) })
    }
}

/// Reads `# copc: ignorer CODE[, CODE]` comments.
enum Suppressions {
    static func read(_ file: SourceFile, _ comments: [ByteRange], _ diagnostics: inout [Diagnostic]) -> [SuppressionSyntax] {
        var out: [SuppressionSyntax] = []
        for c in comments {
            // Cheap filter: only comments mentioning "copc" are directives.
            let text = file.text(ByteRange(c.start + 1, c.end))
            let trimmed = TokenText.trimSpaces(text)
            let lower = TokenText.fold(trimmed)
            guard lower.hasPrefix("copc:") || lower.hasPrefix("copc :") else { continue }
            var rest = Substring(lower.drop(while: { $0 != ":" }).dropFirst())
            rest = rest.drop(while: { $0 == " " })
            let verbs = ["ignorer", "ignore"]
            guard let verb = verbs.first(where: { rest.hasPrefix($0) }) else { continue }
            rest = rest.dropFirst(verb.count)
            var codes: [Code] = []
            for part in rest.split(whereSeparator: { $0 == " " || $0 == "," }) {
                if let code = Code(parsing: String(part)) {
                    codes.append(code)
                } else {
                    let all = Code.allCases.map(\.rawValue)
                    diagnostics.append(Diagnostic(.invalidSuppressionCode(String(part).uppercased(), suggestion: Suggest.nearest(to: String(part).uppercased(), among: all)), at: SourceSpan(file, c)))
                    break
                }
            }
            if !codes.isEmpty {
                out.append(SuppressionSyntax(line: file.location(of: c.start).line, codes: codes, range: c))
            }
        }
        return out
    }
}
