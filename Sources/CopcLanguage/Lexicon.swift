/// The fixed words that give a line its role: element kinds, `utilise`, the changes of an
/// avenant, and the words of headers (`dans`, `au`).
public enum Keyword: UInt8, Sendable, CaseIterable, Hashable {
    case contrat, avenant, annuaire, referent, plan, axe, objectif, sousObjectif, action, indicateur
    case utilise, modifier, ajouter, supprimer, dans, au

    /// The canonical spelling.
    public var spelling: String {
        if let k = elementKind { return k.keyword }
        if let op = changeOp { return op.keyword }
        switch self {
        case .utilise: return "utilise"
        case .dans: return "dans"
        default: return "au"
        }
    }

    public var elementKind: ElementKind? {
        switch self {
        case .contrat: return .contrat
        case .avenant: return .avenant
        case .annuaire: return .annuaire
        case .referent: return .referent
        case .plan: return .plan
        case .axe: return .axe
        case .objectif: return .objectif
        case .sousObjectif: return .sousObjectif
        case .action: return .action
        case .indicateur: return .indicateur
        default: return nil
        }
    }

    public var changeOp: ChangeOp? {
        switch self {
        case .modifier: return .modifier
        case .ajouter: return .ajouter
        case .supprimer: return .supprimer
        default: return nil
        }
    }

    public init(_ kind: ElementKind) {
        self = Keyword.allCases.first { $0.elementKind == kind }!
    }

    /// The words that may start a line other than a property: near-miss suggestions for a
    /// misspelled line head (`objectf` → `objectif`).
    public static let lineHeads: [Keyword] = [.contrat, .avenant, .annuaire, .referent, .plan, .axe, .objectif,
                                               .sousObjectif, .action, .indicateur, .utilise, .modifier, .ajouter, .supprimer]
}

/// What a folded word is in the grammar: a keyword, the first word of a property key, or both
/// (`référent` starts a declaration and is a property key).
public struct LexiconEntry: Sendable {
    public var keyword: Keyword?
    /// A property key made of this one word.
    public var key: PropertyKey?
}

/// The table that reads keywords and property keys from bytes: folded once into a
/// `FoldedWord`, looked up by value — no string is built, no string compared.
public enum Lexicon {
    @usableFromInline static let table: [FoldedWord: LexiconEntry] = {
        var t: [FoldedWord: LexiconEntry] = [:]
        for k in Keyword.allCases {
            t[FoldedWord(Folding.fold(k.spelling)), default: LexiconEntry()].keyword = k
        }
        for key in PropertyKey.allCases {
            t[FoldedWord(key.folded), default: LexiconEntry()].key = key
        }
        return t
    }()

    /// The entry of a folded word (or words joined by single spaces), if the grammar knows it.
    @inlinable public static func entry(_ w: FoldedWord) -> LexiconEntry? {
        w.overflow ? nil : table[w]
    }

    /// The keyword spelled by `bytes` (any case, accents optional).
    @inlinable public static func keyword<C: Collection>(_ bytes: C) -> Keyword? where C.Element == UInt8, C.Index == Int {
        entry(FoldedWord(folding: bytes))?.keyword
    }
}
