/// The kinds of elements of the language (design §3).
public enum ElementKind: UInt8, Sendable, CaseIterable, Hashable, Comparable {
    case contrat, avenant, annuaire, referent, plan, axe, objectif, sousObjectif, action, indicateur
    /// The header of a bilan file (design §9): `bilan 2024 du contrat ID « titre »`.
    case bilan
    /// A body expected to hold a contract, declared in an annuaire:
    /// `organisme ONF « Office national des forêts »`. It is also a référent of its id.
    case organisme

    public static func < (a: ElementKind, b: ElementKind) -> Bool { a.rawValue < b.rawValue }

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
        case .bilan: return "bilan"
        case .organisme: return "organisme"
        }
    }

    /// Rank in the element tree (design §3): nesting follows ranks, like document headings.
    public var rank: Int? {
        switch self {
        case .contrat, .avenant, .annuaire, .bilan: return 0
        case .axe: return 1
        case .objectif: return 2
        case .sousObjectif: return 3
        case .action, .indicateur: return 4
        case .referent, .plan, .organisme: return nil
        }
    }

    /// Parses a folded keyword (`delai` style folding: no accents, lowercase).
    public init?(folded: String) {
        guard let k = Lexicon.entry(FoldedWord(folded))?.keyword?.elementKind else { return nil }
        self = k
    }

    /// Kinds that may be declared without an identifier (grouping elements).
    public var idOptional: Bool { self == .axe || self == .objectif || self == .sousObjectif }

    /// Whether a file starts with this kind (contract, avenant, annuaire).
    public var isFileHeader: Bool { rank == 0 }

    /// Référents, plans and organismes: declarations, outside the element tree.
    public var isDeclaration: Bool { self == .referent || self == .plan || self == .organisme }

    /// Whether a header of this kind must have a title (`référent DGOS` may go without).
    public var titleRequired: Bool { !isDeclaration && self != .annuaire }

    /// The kinds an element of this kind may be placed under (design §3), in the order
    /// tried when an avenant adds an element without `dans`.
    public var allowedParents: [ElementKind] {
        switch self {
        case .axe: return [.contrat]
        case .objectif: return [.axe, .contrat]
        case .sousObjectif: return [.objectif]
        case .action: return [.objectif, .sousObjectif, .axe, .contrat]
        case .indicateur: return [.objectif, .sousObjectif, .axe, .contrat]
        default: return []
        }
    }

    /// The kinds an avenant's `modifier`, `ajouter` and `supprimer` may name (besides
    /// `modifier contrat`), in the order an editor proposes them.
    public static let changeTargets: [ElementKind] = [.axe, .objectif, .sousObjectif, .action, .indicateur, .referent, .plan]

    /// Ids compare with `-` read as `.` (`2-1` = `2.1`), except for référents and plans,
    /// whose ids are names.
    public func normalizedId(_ id: String) -> String {
        isDeclaration ? id : ElementKind.normalize(id)
    }

    /// `2-1` → `2.1`.
    public static func normalize(_ id: String) -> String {
        guard id.utf8.contains(UInt8(ascii: "-")) else { return id }
        return String(decoding: id.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: ".") : $0 }, as: UTF8.self)
    }
}

/// The three changes of an avenant.
public enum ChangeOp: UInt8, Sendable, CaseIterable, Hashable {
    case modifier, ajouter, supprimer

    /// The keyword as written.
    public var keyword: String {
        switch self {
        case .modifier: return "modifier"
        case .ajouter: return "ajouter"
        case .supprimer: return "supprimer"
        }
    }
}

/// What a file declares, by its first element, and so what it may hold.
public enum FileKind: Sendable, Hashable {
    case contract, avenant, annuaire, unknown
    /// A bilan: the follow-up of one year (design §9), reporting on indicators and actions.
    case bilan

    /// The kind of a file whose header is `kind`.
    public init(header kind: ElementKind?) {
        switch kind {
        case .contrat?: self = .contract
        case .avenant?: self = .avenant
        case .annuaire?: self = .annuaire
        case .bilan?: self = .bilan
        default: self = .unknown
        }
    }

    /// The line keywords a file of this kind may hold, in the order an editor proposes them
    /// (a file without header yet: the headers and what may precede them).
    public var lineKeywords: [Keyword] {
        switch self {
        case .contract: return [.axe, .objectif, .sousObjectif, .action, .indicateur, .referent, .plan, .utilise]
        case .avenant: return [.modifier, .ajouter, .supprimer]
        case .annuaire: return [.referent, .organisme, .plan, .utilise]
        case .bilan: return [.indicateur, .action]
        case .unknown: return [.contrat, .avenant, .annuaire, .bilan, .referent, .plan, .utilise]
        }
    }

    /// Whether an element of `kind` may be declared in the body of such a file.
    public func accepts(_ kind: ElementKind) -> Bool {
        switch self {
        case .contract: return !kind.isFileHeader && kind != .organisme
        case .unknown: return !kind.isFileHeader
        case .annuaire: return kind.isDeclaration
        case .avenant: return false
        case .bilan: return kind == .indicateur || kind == .action
        }
    }

    /// `utilise` imports an annuaire: not in an avenant nor in a bilan.
    public var acceptsUses: Bool { self != .avenant && self != .bilan }
    /// `modifier`, `ajouter`, `supprimer`: only in an avenant.
    public var acceptsChanges: Bool { self == .avenant }
}
