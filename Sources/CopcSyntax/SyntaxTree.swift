import CopcSource
import CopcDiagnostics
import CopcLanguage

/// `dans KIND ID` or `dans contrat` after an element header.
public struct PlacementSyntax: Sendable, Equatable {
    public var kind: ElementKind
    public var id: String?
    public var range: ByteRange
}

/// A `clé : valeur` line. The value stays as tokens: its meaning depends on the key and
/// is read by the semantic layer, which reports COP103 on a malformed value.
public struct PropertySyntax: Sendable {
    /// The key, read from the table of keys; `nil` for a word no element accepts (COP104).
    public var key: PropertyKey?
    /// The tokens of the key's words (`signé le`), from which an unknown key is spelled again.
    public var keyWords: Range<Int>
    /// The key as written, with its years, step title or label (`file.text(keyRange)`).
    public var keyRange: ByteRange
    /// `(label)` after `délai` or `cible`.
    public var label: String?
    public var labelRange: ByteRange?
    /// Tokens of the year specification after `cible` / `base` (indices into the token array).
    public var yearTokens: Range<Int>
    /// The title of an `étape « … »`, the organism of an `avis « … » le`.
    public var stepTitle: String?
    public var valueTokens: Range<Int>
    public var valueRange: ByteRange
    /// The whole line.
    public var range: ByteRange
    /// The line could not be read (a diagnostic was given): the key is known, the value is not.
    public var malformed = false
}

/// An element header and the properties that follow it.
public struct ElementSyntax: Sendable {
    public var kind: ElementKind
    public var keywordRange: ByteRange
    public var id: String?
    public var idRange: ByteRange?
    public var title: String?
    public var titleRange: ByteRange?
    public var placement: PlacementSyntax?
    public var properties: [PropertySyntax] = []
    /// The header line.
    public var range: ByteRange
    /// For an avenant header: `au contrat ID`.
    public var contractRef: String?
    public var contractRefRange: ByteRange?
}

/// `modifier KIND ID`, `ajouter KIND ID « titre » [dans …]`, `supprimer KIND ID`, `modifier contrat`.
public struct ChangeSyntax: Sendable {
    public var op: ChangeOp
    public var opRange: ByteRange
    /// The targeted element (`kind == .contrat` for `modifier contrat`).
    public var element: ElementSyntax
}

/// `utilise « chemin »`.
public struct UsesSyntax: Sendable {
    public var path: String
    public var range: ByteRange
}

/// One top-level item of a file, in source order.
public enum ItemSyntax: Sendable {
    case element(ElementSyntax)
    case change(ChangeSyntax)
    case uses(UsesSyntax)
}

/// A `# copc: ignorer CODE…` comment.
public struct SuppressionSyntax: Sendable {
    public var line: Int
    public var codes: [Code]
    public var range: ByteRange
}

/// What one logical line is, as the parser read it (the formatter lays lines out from this).
/// Twelve bytes: there is one per line of the file.
public struct LineSyntax: Sendable {
    private var firstToken: UInt32
    private var endToken: UInt32
    public var role: LineRole
    /// For a property line: its key, and how many words spell it (`signé le`: 2).
    public var key: PropertyKey?
    private var words: UInt8

    public init(first: Int, end: Int, role: LineRole, key: PropertyKey?, keyWordCount: Int) {
        firstToken = UInt32(truncatingIfNeeded: first)
        endToken = UInt32(truncatingIfNeeded: end)
        self.role = role
        self.key = key
        words = UInt8(truncatingIfNeeded: keyWordCount)
    }

    /// The line's tokens: `first ..< end`, `end` being its newline or end-of-file token.
    public var first: Int { Int(firstToken) }
    public var end: Int { Int(endToken) }
    public var keyWordCount: Int {
        get { Int(words) }
        set { words = UInt8(truncatingIfNeeded: newValue) }
    }
}

/// The syntax tree of one file. It always exists, even for a file full of errors.
public struct FileSyntax: Sendable {
    public let file: SourceFile
    public let tokens: [Token]
    public let comments: [ByteRange]
    /// Every logical line, in order.
    public var lines: [LineSyntax]
    public var items: [ItemSyntax]
    public var suppressions: [SuppressionSyntax]
    public var diagnostics: [Diagnostic]

    /// The file's first element: what the file is (contract, avenant, annuaire).
    public var header: ElementSyntax? {
        for item in items {
            if case .element(let e) = item { return e.kind.rank == 0 ? e : nil }
            if case .uses = item { continue }
            return nil
        }
        return nil
    }
}
