import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcLanguage

/// The outcome of formatting one file.
public enum FormatResult: Sendable {
    /// The canonical text: equal to the input when the file was already canonical.
    case formatted(String)
    /// The file is left untouched. The list holds its syntax errors; it is empty when the
    /// formatter could not prove its own output equivalent to the input (a formatter defect,
    /// reported as such by the shells rather than risking a drafter's text).
    case refused([Diagnostic])
}

/// `copc fmt`: one canonical layout for `.cop` files (grammar/DECISIONS.md, « Mise en page
/// canonique »).
///
/// Invariants: the output re-reads as the same tokens with the same values and the same
/// comments (checked on every run, see `Equivalence`), so the IR of the formatted file is the
/// IR of the original; formatting is idempotent; a file with syntax errors is never touched.
public enum Formatter {
    /// Formats `file`, or refuses with its syntax errors.
    public static func format(_ file: SourceFile) -> FormatResult {
        let syntax = Parser.parse(file)
        if syntax.diagnostics.contains(where: { $0.severity == .error }) {
            return .refused(syntax.diagnostics)
        }
        var printer = Printer(syntax)
        let out = printer.run()
        let output = SourceFile(path: file.path, bytes: out)
        let reread = Lexer.lex(output)
        guard reread.diagnostics.allSatisfy({ $0.severity != .error }),
              Equivalence.holds(Equivalence.Lexed(syntax), Equivalence.Lexed(output, reread)) else {
            return .refused([])
        }
        return .formatted(String(decoding: out, as: UTF8.self))
    }

    /// Formats text held in memory (the LSP's open documents, `copc fmt -`).
    public static func format(path: String, text: String) -> FormatResult {
        format(SourceFile(path: path, text: text))
    }
}

/// Indentation of properties under their header, and of text-block lines under their line.
let indentUnit = 2

/// One logical line: its tokens (up to the newline token `end`), possibly spanning several
/// physical lines when it holds a text block.
struct LogicalLine {
    var first: Int
    var end: Int
    var firstPhysical: Int
    var lastPhysical: Int
    var role: LineRole
    /// A property line's key, as the parser read it, and the number of words spelling it.
    var key: PropertyKey?
    var keyWordCount: Int
    var trailingComment: ByteRange?
}

/// What the printer meets, in source order.
enum Event {
    case blank
    case comment(ByteRange)
    case code(Int)
}

/// Prints a syntax tree that has no syntax error in the canonical layout.
struct Printer {
    let syntax: FileSyntax
    let file: SourceFile
    let bytes: [UInt8]
    let tokens: [Token]
    var lines: [LogicalLine] = []
    var events: [Event] = []
    var rows: [Row] = []

    // State while printing.
    var seenHeader = false
    var inDeclaration = false
    /// True before any code line and after a `utilise` that precedes every header.
    var lastCodeWasFileLevel = true
    var lastLineHadDirective = false

    init(_ syntax: FileSyntax) {
        self.syntax = syntax
        self.file = syntax.file
        self.bytes = syntax.file.bytes
        self.tokens = syntax.tokens
    }

    mutating func run() -> [UInt8] {
        collect()
        var sourceBlanks = 0
        var i = 0
        while i < events.count {
            switch events[i] {
            case .blank:
                sourceBlanks += 1
                i += 1
            case .comment:
                var k = i
                var group: [ByteRange] = []
                while k < events.count, case .comment(let r) = events[k] { group.append(r); k += 1 }
                var blanksAfter = 0
                while k + blanksAfter < events.count, case .blank = events[k + blanksAfter] { blanksAfter += 1 }
                let next: Int?
                if k + blanksAfter < events.count, case .code(let li) = events[k + blanksAfter] { next = li } else { next = nil }
                if let li = next, blanksAfter == 0 {
                    // Attached to the line below: it moves with it, blank line included.
                    let indent = self.indent(of: lines[li])
                    blankLines(blanksBefore(lines[li], source: sourceBlanks))
                    for c in group { comment(c, indent: indent) }
                    code(li)
                    i = k + 1
                } else {
                    // Followed by a blank line: it belongs to the line above, unless blank lines
                    // surround it, where it stands alone and takes the indentation of what follows.
                    let alone = sourceBlanks > 0 || rows.isEmpty
                    let indent = alone ? (next.map { self.indent(of: lines[$0]) } ?? 0) : attachIndent
                    blankLines(min(sourceBlanks, 1))
                    for c in group { comment(c, indent: indent) }
                    i = k
                }
                sourceBlanks = 0
            case .code(let li):
                blankLines(blanksBefore(lines[li], source: sourceBlanks))
                code(li)
                sourceBlanks = 0
                i += 1
            }
        }
        return render()
    }

    // MARK: reading the file into lines and events

    mutating func collect() {
        var commentAt: [Int: ByteRange] = [:]
        for c in syntax.comments { commentAt[file.lineIndex(of: c.start)] = c }
        var previousLast = -1
        func gap(upTo limit: Int, _ events: inout [Event]) {
            var l = previousLast + 1
            while l < limit {
                if let c = commentAt[l] { events.append(.comment(c)) } else { events.append(.blank) }
                l += 1
            }
        }
        for line in syntax.lines {
            let p = line.first, end = line.end
            let firstPhysical = file.lineIndex(of: Int(tokens[p].start))
            let lastPhysical = file.lineIndex(of: Int(tokens[end - 1].end) - 1)
            var trailing: ByteRange?
            if let c = commentAt[lastPhysical], c.start >= Int(tokens[end - 1].end) { trailing = c }
            gap(upTo: firstPhysical, &events)
            events.append(.code(lines.count))
            lines.append(LogicalLine(first: p, end: end, firstPhysical: firstPhysical, lastPhysical: lastPhysical,
                                     role: line.role, key: line.key, keyWordCount: line.keyWordCount, trailingComment: trailing))
            previousLast = lastPhysical
        }
        gap(upTo: file.lineStarts.count, &events)
    }

    // MARK: layout decisions

    func indent(of line: LogicalLine) -> Int {
        switch line.role {
        case .header, .change: return 0
        case .property: return indentUnit
        case .uses: return seenHeader ? indentUnit : 0
        }
    }

    /// Indentation of comments that belong to the line above them: under an element, at
    /// property level; after a file-level `utilise`, at column 0.
    var attachIndent: Int { lastCodeWasFileLevel ? 0 : indentUnit }

    /// Blank lines to print before `line`, given how many the source had.
    func blanksBefore(_ line: LogicalLine, source: Int) -> Int {
        if rows.isEmpty { return 0 }
        let kept = min(source, 1)
        switch line.role {
        case .header(let kind):
            // A directive at the end of the line above applies to this header: keep them adjacent.
            if source == 0 && lastLineHadDirective { return 0 }
            // Referents, organismes and plans keep the grouping the drafter chose (a list of one-liners).
            if kind.isDeclaration && (inDeclaration || !seenHeader) { return kept }
            return 1
        case .change:
            if source == 0 && lastLineHadDirective { return 0 }
            return 1
        case .uses, .property:
            return kept
        }
    }

    // MARK: output

    /// An output line before trailing comments are aligned.
    enum Row {
        case blank
        case comment(indent: Int, text: ArraySlice<UInt8>)
        /// `colon`: for a `cible`/`base` line, the byte offset of its ` : `, aligned in `render`.
        case code(text: [UInt8], colon: Int?, comment: ArraySlice<UInt8>?)
    }

    mutating func blankLines(_ n: Int) {
        guard !rows.isEmpty else { return }
        for _ in 0..<n { rows.append(.blank) }
    }

    mutating func comment(_ r: ByteRange, indent: Int) {
        rows.append(.comment(indent: indent, text: commentText(r)))
        lastLineHadDirective = false
    }

    func commentText(_ r: ByteRange) -> ArraySlice<UInt8> { TokenText.trimmingTrailingBlanks(r, in: bytes) }

    func isDirective(_ r: ByteRange) -> Bool {
        syntax.suppressions.contains { $0.range.start >= r.start && $0.range.start < r.end }
    }

    mutating func code(_ li: Int) {
        let line = lines[li]
        if case .header(let kind) = line.role {
            seenHeader = true
            inDeclaration = kind.isDeclaration
        } else if case .change = line.role {
            seenHeader = true
            inDeclaration = false
        } else if line.role == .uses && !seenHeader {
            inDeclaration = true
        }
        let indent = self.indent(of: line)
        var text = [UInt8](repeating: 32, count: indent)
        let pieces = self.pieces(line, indent: indent)
        var colon: Int?
        if isTargetLine(line), let c = keyColon(pieces) {
            text.append(contentsOf: join(pieces[..<c]))
            colon = text.count
            text.append(32)
            text.append(contentsOf: join(pieces[c...]))
        } else {
            text.append(contentsOf: join(pieces[...]))
        }
        rows.append(.code(text: text, colon: colon, comment: line.trailingComment.map(commentText)))
        lastLineHadDirective = line.trailingComment.map(isDirective) ?? false
        lastCodeWasFileLevel = line.role == .uses && indent == 0
    }

    /// The colon that ends the key: the first one outside the label's parentheses
    /// (`moyens (BNGA, section : gestion) 2022 : …`).
    func keyColon(_ pieces: [Piece]) -> Int? {
        var depth = 0
        for (k, p) in pieces.enumerated() {
            switch p.kind {
            case .lparen: depth += 1
            case .rparen: depth = max(0, depth - 1)
            case .colon where depth == 0: return k
            default: break
            }
        }
        return nil
    }

    /// `cible 2024` or `base 2019`: the lines whose ` : ` is aligned with their neighbours'.
    func isTargetLine(_ line: LogicalLine) -> Bool {
        line.role == .property && line.key?.head == .years
    }

    /// Writes the rows. In runs of adjacent target rows the ` : ` are aligned; then trailing
    /// comments of adjacent one-line rows are aligned two spaces after the longest of them, as
    /// a table of remarks is.
    func render() -> [UInt8] {
        var texts: [[UInt8]?] = rows.map { if case .code(let text, _, _) = $0 { return text } else { return nil } }
        for run in runs(where: { if case .code(_, _?, _) = $0 { return true } else { return false } }) {
            let colons = run.map { k -> (Int, Int) in
                guard case .code(let text, let colon?, _) = rows[k] else { return (0, 0) }
                return (colon, scalarCount(text[..<colon]))
            }
            let width = colons.map(\.1).max() ?? 0
            for (k, (colon, w)) in zip(run, colons) where w < width {
                texts[k]!.insert(contentsOf: repeatElement(32, count: width - w), at: colon)
            }
        }
        var commentColumn = [Int](repeating: 2, count: rows.count)
        let commented = runs(where: { if case .code(let text, _, .some) = $0 { return !text.contains(10) } else { return false } })
        for run in commented {
            let width = run.map { scalarCount(texts[$0]![...]) }.max() ?? 0
            for k in run { commentColumn[k] = width + 2 - scalarCount(texts[k]![...]) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for (n, row) in rows.enumerated() {
            switch row {
            case .blank:
                break
            case .comment(let indent, let text):
                out.append(contentsOf: repeatElement(32, count: indent))
                out.append(contentsOf: text)
            case .code(_, _, let comment):
                out.append(contentsOf: texts[n]!)
                if let comment {
                    out.append(contentsOf: repeatElement(32, count: commentColumn[n]))
                    out.append(contentsOf: comment)
                }
            }
            out.append(10)
        }
        return out
    }

    /// Maximal runs of adjacent rows that satisfy `test`.
    func runs(where test: (Row) -> Bool) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        for (k, row) in rows.enumerated() {
            if test(row) { current.append(k) } else if !current.isEmpty { result.append(current); current = [] }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    // MARK: tokens of a line

    struct Piece {
        var text: [UInt8]
        var kind: TokenKind
    }

    /// The line's tokens in canonical spelling.
    func pieces(_ line: LogicalLine, indent: Int) -> [Piece] {
        var result: [Piece] = []
        result.reserveCapacity(line.end - line.first)
        var k = line.first
        func word(_ s: String) -> Piece { Piece(text: Array(s.utf8), kind: .word) }
        func keyword(_ i: Int) -> Keyword? {
            i < line.end && tokens[i].kind == .word ? Lexicon.keyword(bytes[Int(tokens[i].start)..<Int(tokens[i].end)]) : nil
        }

        switch line.role {
        case .header(let kind):
            result.append(word(kind.keyword))
            k += 1
            if kind == .avenant && keyword(k + 1) == .au && keyword(k + 2) == .contrat {
                result.append(piece(k))
                result.append(word(Keyword.au.spelling))
                result.append(word(Keyword.contrat.spelling))
                k += 3
            }
        case .change(let op):
            result.append(word(op.keyword))
            k += 1
            if let kind = keyword(k)?.elementKind {
                result.append(word(kind.keyword))
                k += 1
            }
        case .uses:
            result.append(word(Keyword.utilise.spelling))
            k += 1
        case .property:
            // The key as the parser read it, in its canonical spelling.
            if let key = line.key {
                result.append(word(key.display))
                k += line.keyWordCount
            }
        }
        let isHeader: Bool
        switch line.role {
        case .header, .change: isHeader = true
        default: isHeader = false
        }
        while k < line.end {
            if isHeader && keyword(k) == .dans {
                result.append(word(Keyword.dans.spelling))
                if let kind = keyword(k + 1)?.elementKind {
                    result.append(word(kind.keyword))
                    k += 1
                }
            } else {
                result.append(piece(k, indent: indent))
            }
            k += 1
        }
        return result
    }

    /// One token in canonical spelling; text blocks re-indented under their line.
    func piece(_ i: Int, indent: Int = 0) -> Piece {
        let t = tokens[i]
        if t.kind == .textBlock {
            return Piece(text: reindentBlock(t, indent: indent), kind: t.kind)
        }
        let (text, kind) = Canonical.spelling(of: t, in: file)
        return Piece(text: text, kind: kind)
    }

    /// A text block opened at the end of its line and closed on a line of its own is re-indented
    /// one unit under its line. Its value is its dedented content (`TokenText.dedent`), and
    /// printing that content under one common indentation gives the same value back. Any other
    /// shape is printed as written.
    func reindentBlock(_ t: Token, indent: Int) -> [UInt8] {
        let raw = bytes[Int(t.start)..<Int(t.end)]
        func blank(_ l: ArraySlice<UInt8>) -> Bool {
            (l.last == 13 ? l.dropLast() : l).allSatisfy { $0 == 32 || $0 == 9 }
        }
        let quote = UInt8(ascii: "\"")
        guard raw.count >= 6, raw.suffix(3).allSatisfy({ $0 == quote }),
              let firstLF = raw.firstIndex(of: 10), blank(raw[(raw.startIndex + 3)..<firstLF]),
              let lastLF = raw.lastIndex(of: 10), blank(raw[(lastLF + 1)..<(raw.endIndex - 3)]) else {
            return Array(raw)
        }
        let value = TokenText.value(of: t, in: file)
        let lines = Array(value.utf8).split(separator: 10, omittingEmptySubsequences: false)
        // Only blank lines: their spaces are the value, which one indentation would change.
        if !value.isEmpty && lines.allSatisfy({ $0.allSatisfy { $0 == 32 || $0 == 9 } }) { return Array(raw) }
        var out: [UInt8] = Array("\"\"\"".utf8)
        out.append(10)
        for l in value.isEmpty ? [] : lines {
            if !l.isEmpty {
                out.append(contentsOf: repeatElement(32, count: indent + indentUnit))
                out.append(contentsOf: l)
            }
            out.append(10)
        }
        out.append(contentsOf: repeatElement(32, count: indent))
        out.append(contentsOf: Array("\"\"\"".utf8))
        return out
    }

    /// Joins pieces with the canonical spacing: one space, none inside parentheses or before a comma.
    func join(_ pieces: ArraySlice<Piece>) -> [UInt8] {
        var out: [UInt8] = []
        var previous: TokenKind?
        for p in pieces {
            if let prev = previous, Canonical.spaced(prev, p.kind) { out.append(32) }
            out.append(contentsOf: p.text)
            previous = p.kind
        }
        return out
    }

    func scalarCount(_ b: ArraySlice<UInt8>) -> Int {
        var n = 0
        for x in b where x & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
