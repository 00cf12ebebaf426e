/// Every property key of the language: one table (as swift-syntax's `Keyword`) giving its
/// folded and accented spellings, the type of its value, how it is keyed, and — with
/// `ElementKind.keys` — which elements accept it. The parser reads keys into this enum from
/// bytes (`Lexicon`); the builder, the formatter, completion and the IR read the table.
public enum PropertyKey: UInt8, Sendable, CaseIterable, Hashable, Comparable {
    case type, organisme, signataires, periode, signeLe, approuveLe, enVigueurLe, numerotation
    case texte, theme, pilote, coPilote, referent, rattachement, personne, fonction
    case motif, titre, delai, etape, phare, methode, unite, sens, nature, fournisseur, source
    case base, cible, cibles
    // The follow-up (design §9): the contract's calendar, a bilan's header, its indicator and
    // action blocks.
    case bilanAnnuel, donnees, synthese
    case etabliLe, realise, analyse, etat, avancement, acheveLe, nouveauDelai, livrable, risque, difficulte, mesureCorrective
    /// Design §3.5, last paragraph: `cumul : oui`, `poids : 1/3`, `moyens (ETP) 2024 : 350`,
    /// `avis « CGEFI » le : 2024-07-05`.
    case cumul, poids, moyens, avis
    /// The portfolio: a contract's `tutelle : MASA, DB` and `succède à : ID`; an
    /// organisme's `catégorie : EPIC`, `tutelle` and `contrat attendu : oui`.
    case tutelle, succedeA, categorie, contratAttendu
    /// Where the contract (or an avenant) was signed: `fait à : Paris` (« Fait à Paris, le … »
    /// of the signature page).
    case faitA

    public static func < (a: PropertyKey, b: PropertyKey) -> Bool { a.rawValue < b.rawValue }

    /// What a key's value is.
    public enum ValueType: Sendable, Hashable {
        case text, referents, referent, deadline, target, base, date, period, unit, flag
        /// A `réalisé`: a value read as a target's (quantity, milestone…), or `non disponible`.
        case realized
        /// A plain quantity (`avancement : 60 %`).
        case quantity
        /// A date of the follow-up calendar relative to the year reported (`avant le 15 mars N+1`).
        case dueDate
        /// `poids`: a fraction (`1/3`) or a percentage (`20 %`).
        case weight
        /// `moyens ANNÉE`: a quantity of money or a number.
        case resources
        /// `succède à`: the id of another contract.
        case contractId
        /// One of the values of an enumerated key.
        case choice(Choice)
    }

    /// The enumerated keys, each read into its own enum (`Values.swift`).
    public enum Choice: Sendable, Hashable {
        case contractType, numbering, direction, nature, declined, actionState, riskLevel

        /// The canonical spellings of the values, sorted.
        public var spellings: [String] {
            switch self {
            case .contractType: return ContractType.spellings
            case .numbering: return Numbering.spellings
            case .direction: return Direction.spellings
            case .nature: return Nature.spellings
            case .declined: return Declined.spellings
            case .actionState: return ActionState.spellings
            case .riskLevel: return RiskLevel.spellings
            }
        }
    }

    /// What follows the key's word before the colon.
    public enum Head: Sendable, Hashable {
        /// The key may span several words (`signé le`, `en vigueur le`).
        case words
        /// One word only (`texte`, `délai` — then a label, or a text without colon).
        case word
        /// The years of a `cible` or `base`.
        case years
        /// The quoted title of an `étape`.
        case stepTitle
        /// The quoted body of an `avis`, then `le` (`avis « CGEFI » le`).
        case organismThenLe
    }

    /// What makes two properties of one element the same property (a later one replaces it in
    /// an avenant; a second one in a file is COP107).
    public enum Identity: Sendable, Hashable {
        case key, label, title, year, yearAndLabel
        /// Each line is its own property (`livrable`, `difficulté`: as many as there are).
        case repeatable
    }

    /// Folded spelling (`delai`, `signe le`): what the parser matches, accents optional.
    public var folded: String {
        switch self {
        case .type: return "type"
        case .organisme: return "organisme"
        case .signataires: return "signataires"
        case .periode: return "periode"
        case .signeLe: return "signe le"
        case .approuveLe: return "approuve le"
        case .enVigueurLe: return "en vigueur le"
        case .numerotation: return "numerotation"
        case .texte: return "texte"
        case .theme: return "theme"
        case .pilote: return "pilote"
        case .coPilote: return "co-pilote"
        case .referent: return "referent"
        case .rattachement: return "rattachement"
        case .personne: return "personne"
        case .fonction: return "fonction"
        case .motif: return "motif"
        case .titre: return "titre"
        case .delai: return "delai"
        case .etape: return "etape"
        case .phare: return "phare"
        case .methode: return "methode"
        case .unite: return "unite"
        case .sens: return "sens"
        case .nature: return "nature"
        case .fournisseur: return "fournisseur"
        case .source: return "source"
        case .base: return "base"
        case .cible: return "cible"
        case .cibles: return "cibles"
        case .bilanAnnuel: return "bilan annuel"
        case .donnees: return "donnees"
        case .synthese: return "synthese"
        case .etabliLe: return "etabli le"
        case .realise: return "realise"
        case .analyse: return "analyse"
        case .etat: return "etat"
        case .avancement: return "avancement"
        case .acheveLe: return "acheve le"
        case .nouveauDelai: return "nouveau delai"
        case .livrable: return "livrable"
        case .risque: return "risque"
        case .difficulte: return "difficulte"
        case .mesureCorrective: return "mesure corrective"
        case .cumul: return "cumul"
        case .poids: return "poids"
        case .moyens: return "moyens"
        case .avis: return "avis"
        case .tutelle: return "tutelle"
        case .succedeA: return "succede a"
        case .categorie: return "categorie"
        case .contratAttendu: return "contrat attendu"
        case .faitA: return "fait a"
        }
    }

    /// The spelling of the canonical layout, shown to drafters (`délai`, `signé le`).
    public var display: String {
        switch self {
        case .periode: return "période"
        case .signeLe: return "signé le"
        case .approuveLe: return "approuvé le"
        case .numerotation: return "numérotation"
        case .theme: return "thème"
        case .referent: return "référent"
        case .delai: return "délai"
        case .etape: return "étape"
        case .methode: return "méthode"
        case .unite: return "unité"
        case .donnees: return "données"
        case .synthese: return "synthèse"
        case .etabliLe: return "établi le"
        case .realise: return "réalisé"
        case .etat: return "état"
        case .acheveLe: return "achevé le"
        case .nouveauDelai: return "nouveau délai"
        case .difficulte: return "difficulté"
        case .succedeA: return "succède à"
        case .categorie: return "catégorie"
        case .faitA: return "fait à"
        default: return folded
        }
    }

    public var valueType: ValueType {
        switch self {
        case .type: return .choice(.contractType)
        case .numerotation: return .choice(.numbering)
        case .sens: return .choice(.direction)
        case .nature: return .choice(.nature)
        case .cibles: return .choice(.declined)
        case .organisme, .rattachement: return .referent
        case .signataires, .pilote, .coPilote, .referent, .fournisseur, .tutelle: return .referents
        case .periode: return .period
        case .signeLe, .approuveLe, .enVigueurLe: return .date
        case .texte, .theme, .personne, .fonction, .motif, .titre, .methode, .source, .faitA: return .text
        case .delai, .etape: return .deadline
        case .phare, .cumul: return .flag
        case .unite: return .unit
        case .poids: return .weight
        case .moyens: return .resources
        case .avis: return .date
        case .base: return .base
        case .cible: return .target
        case .bilanAnnuel, .donnees, .synthese: return .dueDate
        case .etabliLe, .acheveLe: return .date
        case .realise: return .realized
        case .analyse, .livrable, .difficulte, .mesureCorrective: return .text
        case .etat: return .choice(.actionState)
        case .risque: return .choice(.riskLevel)
        case .avancement: return .quantity
        case .nouveauDelai: return .deadline
        case .succedeA: return .contractId
        case .categorie: return .text
        case .contratAttendu: return .flag
        }
    }

    public var head: Head {
        switch self {
        case .cible, .base, .moyens: return .years
        case .etape: return .stepTitle
        case .avis: return .organismThenLe
        case .texte, .titre, .motif, .methode, .delai, .realise, .analyse, .livrable, .difficulte: return .word
        default: return .words
        }
    }

    public var identity: Identity {
        switch self {
        case .delai: return .label
        case .etape, .avis: return .title
        case .base: return .year
        case .cible, .moyens: return .yearAndLabel
        case .realise, .etat, .bilanAnnuel, .donnees, .synthese: return .label
        case .livrable, .difficulte, .mesureCorrective: return .repeatable
        default: return .key
        }
    }

    /// `délai (LABEL)`, `cible ANNÉE (LABEL)`, `moyens (LABEL) ANNÉE`, `réalisé (LABEL)`, in a bilan
    /// `état (LABEL)` (the state of the action's `délai (LABEL)`), and the calendar's dates take a
    /// label.
    public var labelled: Bool {
        switch self {
        case .delai, .cible, .moyens, .realise, .etat, .bilanAnnuel, .donnees, .synthese: return true
        default: return false
        }
    }

    /// Keys whose colon may be omitted before a text value (`texte """…"""`, `titre « … »`).
    public var colonOptional: Bool {
        self == .texte || self == .titre || self == .motif || self == .methode || self == .analyse
    }

    /// Keys that set the element itself rather than a property: `titre` (of a change) and
    /// `motif` (of an avenant or a change).
    public var setsElement: Bool { self == .titre || self == .motif }

    /// The key spelled by folded words joined by single spaces.
    public init?(folded: FoldedWord) {
        guard let k = Lexicon.entry(folded)?.key else { return nil }
        self = k
    }
}

extension ElementKind {
    /// The keys an element of this kind accepts (the table behind COP104), in the order an
    /// editor proposes them.
    public var keys: [PropertyKey] {
        switch self {
        case .contrat: return [.type, .organisme, .tutelle, .succedeA, .signataires, .periode, .signeLe, .faitA, .approuveLe, .enVigueurLe, .numerotation, .texte,
                               .avis, .moyens, .bilanAnnuel, .donnees, .synthese]
        case .bilan: return [.etabliLe, .texte]
        case .annuaire: return [.texte]
        case .avenant: return [.signeLe, .faitA, .enVigueurLe, .texte, .motif, .avis]
        case .referent: return [.rattachement, .personne, .fonction, .texte]
        case .organisme: return [.categorie, .tutelle, .contratAttendu, .texte]
        case .plan: return [.periode, .pilote, .texte]
        case .axe: return [.pilote, .coPilote, .referent, .texte, .moyens]
        case .objectif: return [.pilote, .coPilote, .referent, .texte, .theme, .poids, .moyens]
        case .sousObjectif: return [.pilote, .coPilote, .referent, .texte, .theme, .poids]
        case .action: return [.delai, .etape, .phare, .texte, .theme, .pilote, .coPilote, .referent]
        case .indicateur:
            return [.methode, .unite, .sens, .nature, .theme, .fournisseur, .source, .base, .cible, .cibles, .texte,
                    .pilote, .coPilote, .referent, .poids, .cumul]
        }
    }

    /// The keys of a change block: the element's own, then `titre` and `motif`; a
    /// `supprimer` takes only a `motif`.
    public func keys(in op: ChangeOp) -> [PropertyKey] {
        op == .supprimer ? PropertyKey.changeOnly.filter { $0 == .motif } : keys + PropertyKey.changeOnly
    }

    /// The keys of an element's block in a file of kind `file`: in a bilan, an indicator
    /// reports its `réalisé` and an action its state (design §9); elsewhere, `keys`.
    public func keys(in file: FileKind) -> [PropertyKey] {
        guard file == .bilan else { return keys }
        switch self {
        case .indicateur: return [.realise, .motif, .analyse, .texte]
        case .action: return [.etat, .avancement, .acheveLe, .nouveauDelai, .livrable, .risque, .difficulte, .mesureCorrective,
                              .motif, .texte]
        default: return keys
        }
    }

    /// Keys required on a header (COP106).
    public var requiredKeys: [PropertyKey] {
        switch self {
        case .contrat: return [.periode]
        case .avenant: return [.signeLe]
        default: return []
        }
    }
}

extension PropertyKey {
    /// Keys allowed in a change block on top of the element's own.
    public static let changeOnly: [PropertyKey] = [.titre, .motif]
}
