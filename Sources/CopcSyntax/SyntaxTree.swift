import CopcSource
import CopcDiagnostics

/// The kinds of elements of the language (design §3).
public enum ElementKind: String, Sendable, CaseIterable, Hashable {
    case contrat, avenant, annuaire, referent, plan, axe, objectif, sousObjectif, action, indicateur

    /// The keyword as written in canonical form.
    public var keyword: String {
        switch self {
        case .contrat: return "contrat"
        case .avenant: return "avenant"
        case .annuaire: return "annuaire"
        case .referent: return "référent"
        case .plan: return "plan"
        case .axe: return "axe"
        case .objectif: return "objectif"
        case .sousObjectif: return "sous-objectif"
        case .action: return "action"
        case .indicateur: return "indicateur"
        }
    }

    /// Rank in the element tree (design §3): nesting follows ranks, like document headings.
    public var rank: Int? {
        switch self {
        case .contrat, .avenant, .annuaire: return 0
        case .axe: return 1
        case .objectif: return 2
        case .sousObjectif: return 3
        case .action, .indicateur: return 4
        case .referent, .plan: return nil
        }
    }

    /// "l'action", "l'indicateur", "l'objectif"… for messages.
    public var withArticle: String {
        switch self {
        case .contrat: return "le contrat"
        case .avenant: return "l'avenant"
        case .annuaire: return "l'annuaire"
        case .referent: return "le référent"
        case .plan: return "le plan"
        case .axe: return "l'axe"
        case .objectif: return "l'objectif"
        case .sousObjectif: return "le sous-objectif"
        case .action: return "l'action"
        case .indicateur: return "l'indicateur"
        }
    }

    /// Parses a folded keyword (`delai` style folding: no accents, lowercase).
    public init?(folded: String) {
        switch folded {
        case "contrat": self = .contrat
        case "avenant": self = .avenant
        case "annuaire": self = .annuaire
        case "referent": self = .referent
        case "plan": self = .plan
        case "axe": self = .axe
        case "objectif": self = .objectif
        case "sous-objectif": self = .sousObjectif
        case "action": self = .action
        case "indicateur": self = .indicateur
        default: return nil
        }
    }

    /// Kinds that may be declared without an identifier (grouping elements).
    public var idOptional: Bool { self == .axe || self == .objectif || self == .sousObjectif }
}

/// `dans KIND ID` or `dans contrat` after an element header.
public struct PlacementSyntax: Sendable, Equatable {
    public var kind: ElementKind
    public var id: String?
    public var range: ByteRange
}

/// A `clé : valeur` line. The value stays as tokens: its meaning depends on the key and
/// is read by the semantic layer, which reports COP103 on a malformed value.
public struct PropertySyntax: Sendable {
    /// The folded key: `delai`, `cible`, `base`, `etape`, `signe le`, `co-pilote`…
    public var key: String
    /// The key as written (for messages).
    public var keyText: String
    public var keyRange: ByteRange
    /// `(label)` after `délai` or `cible`.
    public var label: String?
    public var labelRange: ByteRange?
    /// Tokens of the year specification after `cible` / `base` (indices into the token array).
    public var yearTokens: Range<Int>
    /// The title of an `étape « … »`.
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

public enum ChangeOp: String, Sendable {
    case modifier, ajouter, supprimer
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

/// The syntax tree of one file. It always exists, even for a file full of errors.
public struct FileSyntax: Sendable {
    public let file: SourceFile
    public let tokens: [Token]
    public let comments: [ByteRange]
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
