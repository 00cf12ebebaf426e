/// The fixed words that give a line its role: element kinds, `utilise`, the changes of an
/// avenant, and the words of headers (`dans`, `au`).
public enum Keyword: UInt8, Sendable, CaseIterable, Hashable {
    case contrat, avenant, annuaire, referent, plan, axe, objectif, sousObjectif, action, indicateur
    case utilise, modifier, ajouter, supprimer, dans, au
    /// `bilan 2024 du contrat …` (design §9) and its connector `du`.
    case bilan, du
    /// `organisme ID « nom »` in an annuaire; `organisme :` stays a property key.
    case organisme

    /// The canonical spelling.
    public var spelling: String {
        if let k = elementKind { return k.keyword }
        if let op = changeOp { return op.keyword }
        switch self {
        case .utilise: return "utilise"
        case .dans: return "dans"
        case .du: return "du"
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
        case .bilan: return .bilan
        case .organisme: return .organisme
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
                                               .sousObjectif, .action, .indicateur, .utilise, .modifier, .ajouter, .supprimer, .bilan, .organisme]
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
    /// Open addressing over a power-of-two array, hashed by one multiplication: a lookup is a
    /// few instructions and one or two comparisons of three integers.
    @usableFromInline struct Table: Sendable {
        @usableFromInline var words: [FoldedWord?]
        @usableFromInline var entries: [LexiconEntry]
        @usableFromInline let mask: Int

        init(_ all: [(FoldedWord, LexiconEntry)]) {
            var size = 16
            while size < all.count * 4 { size *= 2 }
            mask = size - 1
            words = [FoldedWord?](repeating: nil, count: size)
            entries = [LexiconEntry](repeating: LexiconEntry(), count: size)
            for (w, e) in all {
                var i = Table.slot(w, mask)
                while words[i] != nil { i = (i + 1) & mask }
                words[i] = w
                entries[i] = e
            }
        }

        @inlinable static func slot(_ w: FoldedWord, _ mask: Int) -> Int {
            let h = (w.a ^ (w.b &* 0x100000001B3) ^ (w.c &* 0x27D4EB2F165667C5) ^ UInt64(w.count)) &* 0x9E3779B97F4A7C15
            return Int(truncatingIfNeeded: h >> 40) & mask
        }

        @inlinable func find(_ w: FoldedWord) -> LexiconEntry? {
            var i = Table.slot(w, mask)
            while let x = words[i] {
                if x == w { return entries[i] }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    @usableFromInline static let table: Table = {
        var t: [FoldedWord: LexiconEntry] = [:]
        for k in Keyword.allCases {
            t[FoldedWord(Folding.fold(k.spelling)), default: LexiconEntry()].keyword = k
        }
        for key in PropertyKey.allCases {
            t[FoldedWord(key.folded), default: LexiconEntry()].key = key
        }
        return Table(t.map { ($0.key, $0.value) })
    }()

    /// The entry of a folded word (or words joined by single spaces), if the grammar knows it.
    @inlinable public static func entry(_ w: FoldedWord) -> LexiconEntry? {
        w.overflow || w.isEmpty ? nil : table.find(w)
    }

    /// The keyword spelled by `bytes` (any case, accents optional).
    @inlinable public static func keyword<C: Collection>(_ bytes: C) -> Keyword? where C.Element == UInt8, C.Index == Int {
        entry(FoldedWord(folding: bytes))?.keyword
    }
}
