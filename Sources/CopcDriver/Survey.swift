import CopcSource
import CopcLanguage
import CopcSyntax
import CopcModel
import CopcSema

/// What a file's first element says: the kind of the file, the contract it declares or names,
/// its first `utilise` lines.
public struct FileHeader: Hashable, Sendable {
    public let kind: FileKind
    /// The contract it declares (a contract) or names (an avenant, a bilan); an annuaire's id.
    public let contract: String?
    /// The paths of the `utilise` lines before the header and in the first element.
    public let imports: [String]
    /// False when the first element is longer than the survey's bound (its later `utilise`
    /// lines are not seen).
    public let complete: Bool
    /// A contract's `succède à`: the contract it renews.
    public let predecessor: String?
    /// True when the first element could not be decoded (COP001: Windows-1252, UTF-16, a NUL
    /// byte): the file says nothing of what it is, and may belong to any contract.
    public let undecodable: Bool

    public init(kind: FileKind, contract: String?, imports: [String], complete: Bool, predecessor: String? = nil,
                undecodable: Bool = false) {
        self.kind = kind
        self.contract = contract
        self.imports = imports
        self.complete = complete
        self.predecessor = predecessor
        self.undecodable = undecodable
    }
}

/// The survey of a file (issue 23 item 4): to find the context of a file named alone, copc reads
/// only the first element of each candidate file — at most `maxBytes` bytes, never the whole
/// file — and parses only that element, with the same lexer, parser and builder as a check (so
/// the header reads exactly as it will when the file is checked).
///
/// The end of the first element is found by lexing growing prefixes (4, 16, 64 Kio, each cut
/// at a line end) and reading each line's role from its first word (`LineRole`, the parser's
/// rule): the line after the file's header (`contrat`, `avenant`, `annuaire`, `bilan`) that
/// starts another element or a change ends it.
public enum Survey {
    static let steps = [4 * 1024, 16 * 1024, 64 * 1024]
    /// The most bytes of a file the survey reads.
    public static var maxBytes: Int { steps[steps.count - 1] }

    /// The header of the file at `real` (below `root`): its text in memory, else a bounded read
    /// of the disk — or the header read before, while the file's `lstat` is unchanged (the
    /// language server's long-lived source set); `nil` when it cannot be read.
    static func header(of real: String, root: String, sources: SourceSet) -> FileHeader? {
        if let t = sources.texts[real] {
            return header(of: Array(t.prefix(maxBytes)), whole: t.count <= maxBytes)
        }
        guard sources.readsDisk else { return nil }
        return sources.header(at: real) {
            guard let (bytes, whole) = try? FileSystem.readPrefix(real, beneath: root, count: maxBytes) else { return nil }
            return header(of: bytes, whole: whole)
        }
    }

    /// The header read from the first bytes of a file (`whole`: they are all of it).
    public static func header(of bytes: [UInt8], whole: Bool) -> FileHeader {
        for (k, step) in steps.enumerated() {
            let last = k == steps.count - 1 || bytes.count <= step
            let all = whole && bytes.count <= step
            var n = min(step, bytes.count)
            if !all, let nl = bytes[..<n].lastIndex(of: 10) { n = nl + 1 }
            let prefix = Array(bytes[..<n])
            if let end = firstElementEnd(prefix) { return build(Array(prefix[..<end]), complete: true) }
            if all { return build(prefix, complete: true) }
            if last { return build(prefix, complete: false) }
        }
        return FileHeader(kind: .unknown, contract: nil, imports: [], complete: false)
    }

    /// The offset where the first element ends (the next element or change after the file's
    /// header), `nil` when it does not end in `bytes`.
    static func firstElementEnd(_ bytes: [UInt8]) -> Int? {
        let file = SourceFile(path: "", bytes: bytes)
        let tokens = Lexer.lex(file).tokens
        let text = file.bytes
        var seenHeader = false
        var k = 0
        while k < tokens.count {
            let t = tokens[k]
            if t.kind == .word {
                let next = k + 1 < tokens.count ? tokens[k + 1] : t
                // The parser's rule (`bilan annuel : …`, `contrat attendu : …` are properties).
                let role = LineRole(text, first: t, next: next)
                switch role {
                case .header(let kind):
                    if seenHeader { return offset(t.start, in: bytes, file) }
                    if FileKind(header: kind) != .unknown { seenHeader = true }
                case .change:
                    if seenHeader { return offset(t.start, in: bytes, file) }
                case .uses, .property:
                    break
                }
            }
            // The next line.
            while k < tokens.count, tokens[k].kind != .newline, tokens[k].kind != .endOfFile { k += 1 }
            k += 1
        }
        return nil
    }

    /// A token's offset in the bytes given (the source file drops a byte-order mark).
    static func offset(_ start: UInt32, in bytes: [UInt8], _ file: SourceFile) -> Int {
        Int(start) + (bytes.count - file.bytes.count)
    }

    /// The first element parsed and built as a check would.
    static func build(_ bytes: [UInt8], complete: Bool) -> FileHeader {
        let syntax = Parser.parse(SourceFile(path: "", bytes: bytes))
        let (model, _) = Builder.build(syntax)
        let kind: FileKind = model.header == nil ? .unknown : model.kind
        let contract = kind == .contract || kind == .annuaire ? model.header?.id : model.contractRef
        let undecodable = kind == .unknown && syntax.diagnostics.contains { $0.code == .cop001 }
        return FileHeader(kind: kind, contract: contract, imports: model.imports.map(\.path), complete: complete,
                          predecessor: kind == .contract ? model.header?.predecessor : nil, undecodable: undecodable)
    }
}
