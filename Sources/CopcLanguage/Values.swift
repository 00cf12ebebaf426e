/// The dimension of a unit: targets are compatible with an indicator when dimensions agree.
public enum Dimension: String, Sendable {
    case percent, money, count, duration, area, milestone, text
    /// Percentage points (`points`): a gap between two percentages.
    case points
}

/// A unit of measure (design §3.5): a closed set.
public enum Unit: UInt8, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case percent, euro, kiloEuro, megaEuro, gigaEuro, count, days, months, years, squareMetres, yesNo, text, points

    /// The canonical symbol.
    public var symbol: String {
        switch self {
        case .percent: return "%"
        case .euro: return "€"
        case .kiloEuro: return "k€"
        case .megaEuro: return "M€"
        case .gigaEuro: return "Md€"
        case .count: return "nombre"
        case .days: return "jours"
        case .months: return "mois"
        case .years: return "ans"
        case .squareMetres: return "m²"
        case .yesNo: return "oui/non"
        case .text: return "texte"
        case .points: return "points"
        }
    }

    public var dimension: Dimension {
        switch self {
        case .percent: return .percent
        case .euro, .kiloEuro, .megaEuro, .gigaEuro: return .money
        case .count: return .count
        case .days, .months, .years: return .duration
        case .squareMetres: return .area
        case .yesNo: return .milestone
        case .text: return .text
        case .points: return .points
        }
    }

    /// Scale within the dimension (money: 1 = €, 1000 = k€…; duration: days).
    public var scale: Double {
        switch self {
        case .kiloEuro: return 1e3
        case .megaEuro: return 1e6
        case .gigaEuro: return 1e9
        case .months: return 30.4375
        case .years: return 365.25
        default: return 1
        }
    }

    public var description: String { symbol }

    /// Reads a folded unit word (`%`, `k€`, `m€` for M€, `md€`, `nombre`, `jours`, `m²`…).
    public static func parse(folded w: String) -> Unit? {
        switch w {
        case "%", "pourcent", "pourcentage": return .percent
        case "€", "euro", "euros", "eur": return .euro
        case "k€", "keur", "keuros": return .kiloEuro
        case "m€", "meur", "meuros": return .megaEuro
        case "md€", "mdeur", "mds€", "mdseur": return .gigaEuro
        case "nombre", "nb": return .count
        case "jour", "jours", "j": return .days
        case "mois": return .months
        case "an", "ans", "annee", "annees": return .years
        case "m²", "m2": return .squareMetres
        case "oui/non": return .yesNo
        case "texte": return .text
        case "points", "point", "pts", "pt": return .points
        default: return nil
        }
    }

    /// The canonical unit symbols, in the order of design §3.5.
    public static let knownSymbols = allCases.map(\.symbol)
}

/// A quantity: a number and an optional unit (a bare number takes the indicator's unit).
public struct Quantity: Hashable, Sendable, CustomStringConvertible {
    public let value: Double
    public let unit: Unit?
    /// The number as written (`2,29`), kept for faithful rendering.
    public let text: String

    public init(value: Double, unit: Unit?, text: String) {
        self.value = value
        self.unit = unit
        self.text = text
    }

    public var description: String {
        guard let u = unit else { return text }
        return text + " " + u.symbol
    }
}

/// A closed set of values of an enumerated key, read from folded words and shown in canonical
/// spelling. The table of spellings is the one place such values are compared.
public protocol EnumeratedValue: CaseIterable, Hashable, Sendable {
    /// The canonical (accented) spelling.
    var spelling: String { get }
    /// Folded spelling → value: the folded canonical spellings and their synonyms
    /// (built once by `table(synonyms:)`).
    static var byFolded: [String: Self] { get }
}

extension EnumeratedValue {
    /// The reading table: each value's folded canonical spelling, plus `synonyms`.
    public static func table(synonyms: [String: Self] = [:]) -> [String: Self] {
        var t = synonyms
        for v in allCases { t[Folding.fold(v.spelling)] = v }
        return t
    }

    /// The value a folded text spells, if any (inlinable: specialised for each enumeration
    /// where it is read, not looked up through generic metadata on every call).
    @inlinable
    public init?(folded: String) {
        guard let v = Self.byFolded[folded] else { return nil }
        self = v
    }

    /// The canonical spellings, sorted (messages and completion list them so).
    public static var spellings: [String] { allCases.map(\.spelling).sorted() }
}

/// `type :` of a contract.
public enum ContractType: CaseIterable, EnumeratedValue {
    public static let byFolded = table()
    case cop, cpom, cog, autre
    public var spelling: String {
        switch self {
        case .cop: return "COP"
        case .cpom: return "CPOM"
        case .cog: return "COG"
        case .autre: return "autre"
        }
    }
}

/// `numérotation :` — hierarchical ids are checked against their parents (COP202).
public enum Numbering: CaseIterable, EnumeratedValue {
    public static let byFolded = table()
    case hierarchical, free
    public var spelling: String { self == .hierarchical ? "hiérarchique" : "libre" }
}

/// `sens :` of an indicator: which way its targets must go (COP403).
public enum Direction: CaseIterable, EnumeratedValue {
    /// Also what drafters write (issue 13): `à la hausse`, `croissant`, `augmentation`…
    public static let byFolded = table(synonyms: [
        "a la hausse": .up, "en hausse": .up, "croissant": .up, "croissante": .up, "augmentation": .up, "progression": .up,
        "a la baisse": .down, "en baisse": .down, "decroissant": .down, "decroissante": .down, "diminution": .down, "reduction": .down,
    ])
    case up, down
    public var spelling: String { self == .up ? "hausse" : "baisse" }
}

/// `nature :` of an indicator.
public enum Nature: CaseIterable, EnumeratedValue {
    public static let byFolded = table()
    case result, steering, core, complementary, followUp, means
    public var spelling: String {
        switch self {
        case .result: return "résultat"
        case .steering: return "pilotage"
        case .core: return "socle"
        case .complementary: return "complémentaire"
        case .followUp: return "suivi"
        case .means: return "moyens"
        }
    }
}

/// `cibles : déclinées` — each derived contract sets the targets.
public enum Declined: CaseIterable, EnumeratedValue {
    case declined
    public static let byFolded = table(synonyms: ["declinee": .declined])
    public var spelling: String { "déclinées" }
}

/// `phare : oui` (and `vrai`/`faux`).
public enum Flag {
    /// The value a folded word spells, if any.
    public static func parse(folded: String) -> Bool? {
        switch folded {
        case "oui", "vrai": return true
        case "non", "faux": return false
        default: return nil
        }
    }
    public static let spellings = ["oui", "non"]
}

/// The status of a target (design §7).
public enum TargetStatus: CaseIterable, Hashable, Sendable {
    case set, pending, notApplicable, followed
    public var spelling: String {
        switch self {
        case .set: return "fixée"
        case .pending: return "en attente d'avenant"
        case .notApplicable: return "sans objet"
        case .followed: return "suivi"
        }
    }
}

extension TargetStatus {
    /// How a drafter writes a target of this status that has no value (`cible 2024 : sans
    /// objet`), in canonical spelling; `nil` for a set target.
    public var written: String? {
        switch self {
        case .set: return nil
        case .pending: return "à fixer par avenant"
        case .notApplicable: return "sans objet"
        case .followed: return "suivi"
        }
    }
}

/// The deadlines written with words alone, in canonical spelling (what an editor proposes).
public enum DeadlineWords {
    public static let wholePeriod = "tout au long du contrat"
    public static let toBeSpecified = "à préciser"
    public static let all = [wholePeriod, toBeSpecified]
}

/// The comparison of a bound target (`≥ 80 %`).
public enum BoundOperator: CaseIterable, Hashable, Sendable {
    case atLeast, moreThan, atMost, lessThan
    public var symbol: String {
        switch self {
        case .atLeast: return "≥"
        case .moreThan: return ">"
        case .atMost: return "≤"
        case .lessThan: return "<"
        }
    }
}

/// A qualitative target for a money indicator.
public enum Qualitative: CaseIterable, EnumeratedValue {
    public static let byFolded = table()
    case balance, surplus, deficit
    public var spelling: String {
        switch self {
        case .balance: return "équilibre"
        case .surplus: return "excédent"
        case .deficit: return "déficit"
        }
    }
}

/// A milestone target.
public enum Milestone: CaseIterable, EnumeratedValue {
    public static let byFolded = table(synonyms: ["realisee": .done, "realisation": .done])
    case yes, no, done
    public var spelling: String {
        switch self {
        case .yes: return "oui"
        case .no: return "non"
        case .done: return "réalisé"
        }
    }
}

/// The kind of a target value (design §7: `valeur.genre` in the IR).
public enum TargetKind: CaseIterable, Hashable, Sendable {
    case quantity, range, bound, relative, qualitative, milestone, text, pending, notApplicable, followed
    /// Relative to another year (design §3.5, second table): `+2 points`, `+5 % par an`,
    /// `+10 % par rapport à 2023`, `maintien`, `≥ N-1`; and cumulative (`300 cumulés`).
    case points, annualRate, relativeToYear, maintained, atLeastPreviousActual, cumulative
    public var spelling: String {
        switch self {
        case .points: return "écart en points"
        case .annualRate: return "évolution annuelle"
        case .relativeToYear: return "relative à une année"
        case .maintained: return "maintien"
        case .atLeastPreviousActual: return "au moins le réalisé N-1"
        case .cumulative: return "cumulée"
        case .quantity: return "quantité"
        case .range: return "fourchette"
        case .bound: return "borne"
        case .relative: return "relative"
        case .qualitative: return "qualitative"
        case .milestone: return "jalon"
        case .text: return "texte"
        case .pending: return "en attente"
        case .notApplicable: return "sans objet"
        case .followed: return "suivi"
        }
    }
}
