import CopcSyntax

/// The type of a property's value.
enum ValueType {
    case text, referents, referent, deadline, target, base, date, period, unit, flag
    /// Enumerated: folded spelling → canonical spelling.
    case choice([String: String])
}

/// A property key allowed on an element kind.
struct KeySpec {
    let key: String
    let display: String
    let type: ValueType
    /// Keyed properties (`délai (x)`, `cible 2023`) may repeat with different keys.
    var keyed: Bool = false
    var labelled: Bool = false
}

enum Keys {
    static let pilots: [KeySpec] = [
        KeySpec(key: "pilote", display: "pilote", type: .referents),
        KeySpec(key: "co-pilote", display: "co-pilote", type: .referents),
        KeySpec(key: "referent", display: "référent", type: .referents),
    ]
    static let texte = KeySpec(key: "texte", display: "texte", type: .text)
    static let theme = KeySpec(key: "theme", display: "thème", type: .text)

    static let contract: [KeySpec] = [
        KeySpec(key: "type", display: "type", type: .choice(["cop": "COP", "cpom": "CPOM", "cog": "COG", "autre": "autre"])),
        KeySpec(key: "organisme", display: "organisme", type: .referent),
        KeySpec(key: "signataires", display: "signataires", type: .referents),
        KeySpec(key: "periode", display: "période", type: .period),
        KeySpec(key: "signe le", display: "signé le", type: .date),
        KeySpec(key: "approuve le", display: "approuvé le", type: .date),
        KeySpec(key: "en vigueur le", display: "en vigueur le", type: .date),
        KeySpec(key: "numerotation", display: "numérotation", type: .choice(["hierarchique": "hiérarchique", "libre": "libre"])),
        texte,
    ]

    /// The keys of each kind, built once.
    static let table: [ElementKind: [KeySpec]] = {
        var t: [ElementKind: [KeySpec]] = [:]
        for k in ElementKind.allCases { t[k] = build(k) }
        return t
    }()

    static func specs(for kind: ElementKind) -> [KeySpec] { table[kind]! }

    private static func build(_ kind: ElementKind) -> [KeySpec] {
        switch kind {
        case .contrat: return contract
        case .annuaire: return [texte]
        case .avenant:
            return [
                KeySpec(key: "signe le", display: "signé le", type: .date),
                KeySpec(key: "en vigueur le", display: "en vigueur le", type: .date),
                texte,
                KeySpec(key: "motif", display: "motif", type: .text),
            ]
        case .referent:
            return [
                KeySpec(key: "rattachement", display: "rattachement", type: .referent),
                KeySpec(key: "personne", display: "personne", type: .text),
                KeySpec(key: "fonction", display: "fonction", type: .text),
                texte,
            ]
        case .plan:
            return [KeySpec(key: "periode", display: "période", type: .period),
                    KeySpec(key: "pilote", display: "pilote", type: .referents), texte]
        case .axe: return pilots + [texte]
        case .objectif, .sousObjectif: return pilots + [texte, theme]
        case .action:
            return [
                KeySpec(key: "delai", display: "délai", type: .deadline, keyed: true, labelled: true),
                KeySpec(key: "etape", display: "étape", type: .deadline, keyed: true),
                KeySpec(key: "phare", display: "phare", type: .flag),
                texte, theme,
            ] + pilots
        case .indicateur:
            return [
                KeySpec(key: "methode", display: "méthode", type: .text),
                KeySpec(key: "unite", display: "unité", type: .unit),
                KeySpec(key: "sens", display: "sens", type: .choice(["hausse": "hausse", "baisse": "baisse"])),
                KeySpec(key: "nature", display: "nature", type: .choice([
                    "resultat": "résultat", "pilotage": "pilotage", "socle": "socle",
                    "complementaire": "complémentaire", "suivi": "suivi", "moyens": "moyens",
                ])),
                theme,
                KeySpec(key: "fournisseur", display: "fournisseur", type: .referents),
                KeySpec(key: "source", display: "source", type: .text),
                KeySpec(key: "base", display: "base", type: .base, keyed: true),
                KeySpec(key: "cible", display: "cible", type: .target, keyed: true, labelled: true),
                KeySpec(key: "cibles", display: "cibles", type: .choice(["declinees": "déclinées", "declinee": "déclinées"])),
                texte,
            ] + pilots
        }
    }

    /// Keys allowed in a change block on top of the element's own.
    static let changeOnly: [KeySpec] = [
        KeySpec(key: "titre", display: "titre", type: .text),
        KeySpec(key: "motif", display: "motif", type: .text),
    ]

    /// Keys required on a header (COP106).
    static func required(for kind: ElementKind) -> [String] {
        switch kind {
        case .contrat: return ["periode"]
        case .avenant: return ["signe le"]
        default: return []
        }
    }
}

/// The canonical spelling of property keys, for the formatter and completion.
public enum KeySpelling {
    /// `delai` → `délai`, `signe le` → `signé le`; nil for a key no element accepts.
    public static func canonical(_ folded: String) -> String? { map[folded] }

    /// Every key an element of `kind` accepts, in canonical spelling, in table order.
    public static func keys(for kind: ElementKind) -> [String] { Keys.specs(for: kind).map(\.display) }

    static let map: [String: String] = {
        var m: [String: String] = [:]
        for specs in Keys.table.values { for s in specs { m[s.key] = s.display } }
        for s in Keys.changeOnly { m[s.key] = s.display }
        return m
    }()
}

/// A property key as editors present it (completion): the key table itself stays internal.
public struct PropertyKeyInfo: Sendable, Equatable {
    /// What a key's value is, coarsely: enough to propose values.
    public enum ValueKind: Sendable, Equatable {
        case text, referents, deadline, target, base, date, period, unit
        /// An enumerated value (also `oui`/`non` flags), canonical spellings.
        case choice([String])
    }

    /// The folded key (`delai`, `signe le`).
    public let key: String
    /// The key as a drafter writes it (`délai`, `signé le`).
    public let display: String
    public let valueKind: ValueKind
    /// `cible ANNÉE`, `base ANNÉE` and `étape « … »` carry more than the key before the colon.
    public let keyed: Bool
}

/// The property keys each element kind accepts (the table behind COP104), for editors.
public enum PropertyKeys {
    /// Keys allowed on `kind`; in an avenant's change block, also `titre` and `motif`.
    public static func keys(for kind: ElementKind, inChange: Bool = false) -> [PropertyKeyInfo] {
        (Keys.specs(for: kind) + (inChange ? Keys.changeOnly : [])).map { spec in
            let v: PropertyKeyInfo.ValueKind
            switch spec.type {
            case .text: v = .text
            case .referents, .referent: v = .referents
            case .deadline: v = .deadline
            case .target: v = .target
            case .base: v = .base
            case .date: v = .date
            case .period: v = .period
            case .unit: v = .unit
            case .flag: v = .choice(["oui", "non"])
            case .choice(let map): v = .choice(Array(Set(map.values)).sorted())
            }
            return PropertyKeyInfo(key: spec.key, display: spec.display, valueKind: v, keyed: spec.key == "cible" || spec.key == "base" || spec.key == "etape")
        }
    }
}
