import CopcSource
import CopcLanguage
import CopcDiagnostics

/// Where a part of a version comes from: the contract as signed, or the avenant that last set
/// it, with that avenant's `motif` and the place of its clause (`modifier action 1.1.2`).
public struct Provenance: Hashable, Sendable {
    /// 0 for the contract as signed, N for avenant N.
    public var avenant: Int
    public var motif: String?
    /// The clause of the avenant that made the change.
    public var clause: Place?

    public init(avenant: Int = 0, motif: String? = nil, clause: Place? = nil) {
        self.avenant = avenant
        self.motif = motif
        self.clause = clause
    }

    /// As signed.
    public static let signed = Provenance()
}

/// What makes two properties of one element the same property: a later one replaces it in an
/// avenant, a second one in a file is COP107 (`délai` by label, `étape` by title, `base` by
/// year, `cible` by year and label).
public struct PropertyIdentity: Hashable, Sendable {
    public let key: PropertyKey
    public let label: String
    public let year: Int
}

/// One property of an element, typed, with its places and its provenance.
public struct Property: Hashable, Sendable {
    public var key: PropertyKey
    public var label: String?
    /// The year of a `cible`, a `base` or `moyens` (`cible 2021 .. 2023` is one property per year).
    public var year: Int?
    /// The quoted text of the key: an `étape « … »`'s title, an `avis « … » le`'s organism.
    public var stepTitle: String?
    public var value: PropertyValue
    /// The whole line, the key (with its year, title or label) and the value within it.
    public var place: Place
    public var keyPlace: Place
    public var valuePlace: Place
    public var provenance: Provenance

    public init(key: PropertyKey, label: String? = nil, year: Int? = nil, stepTitle: String? = nil, value: PropertyValue,
                place: Place, keyPlace: Place, valuePlace: Place, provenance: Provenance = .signed) {
        self.key = key
        self.label = label
        self.year = year
        self.stepTitle = stepTitle
        self.value = value
        self.place = place
        self.keyPlace = keyPlace
        self.valuePlace = valuePlace
        self.provenance = provenance
    }

    public var identity: PropertyIdentity {
        switch key.identity {
        case .label: return PropertyIdentity(key: key, label: label ?? "", year: 0)
        case .title: return PropertyIdentity(key: key, label: stepTitle ?? "", year: 0)
        case .year: return PropertyIdentity(key: key, label: "", year: year ?? 0)
        case .yearAndLabel: return PropertyIdentity(key: key, label: label ?? "", year: year ?? 0)
        case .key: return PropertyIdentity(key: key, label: "", year: 0)
        case .repeatable: return PropertyIdentity(key: key, label: "", year: -1 - Int(place.start))
        }
    }

    /// The target, if this is a `cible` with a value.
    public var target: TargetValue? {
        if case .target(let t) = value { return t }
        return nil
    }

    /// The referents named, if the value is a list of them.
    public var referents: [ReferentRef]? {
        if case .referents(let r) = value { return r }
        return nil
    }
}

/// An element of a contract: the contract itself, an axe, objectif, sous-objectif, action,
/// indicateur, or a référent / plan declaration. A value: a version owns its elements in an
/// `ElementTree`, where parent and child links are indices.
public struct Element: Hashable, Sendable {
    public let kind: ElementKind
    /// The id as written.
    public let id: String?
    public let key: ElementKey
    public var title: String?
    /// The header line, and the id within it.
    public let place: Place
    public let idPlace: Place?
    public var properties: [Property] = []
    /// The avenant that last changed the element (its title, its properties), or as signed.
    public var provenance: Provenance = .signed
    /// Codes silenced by `# copc: ignorer` on the header line or the line above.
    public var suppressed = CodeSet()
    /// `suppressed` with the ancestors' (set by the tree when the element is placed).
    public internal(set) var suppressedWithAncestors = CodeSet()
    public internal(set) var parent: ElementID?
    public internal(set) var firstChild: ElementID?
    public internal(set) var lastChild: ElementID?
    public internal(set) var nextSibling: ElementID?

    public init(kind: ElementKind, id: String?, key: ElementKey, title: String?, place: Place, idPlace: Place?) {
        self.kind = kind
        self.id = id
        self.key = key
        self.title = title
        self.place = place
        self.idPlace = idPlace
    }

    /// The place a diagnostic about the element points at: its id, else its header line.
    public var namePlace: Place { idPlace ?? place }

    /// The element as messages name it.
    public var ref: ElementRef { ElementRef(kind: kind, id: id, title: title) }

    /// Whether `code` is silenced for this element or one of its ancestors.
    public func isSuppressed(_ code: Code) -> Bool {
        suppressedWithAncestors.contains(code) || suppressed.contains(code)
    }

    /// The first property `key`. (These lookups index the array and read `key` in place: a
    /// closure over the properties would copy each property it looks at.)
    public func first(_ key: PropertyKey) -> Property? {
        for i in properties.indices where properties[i].key == key { return properties[i] }
        return nil
    }

    /// Whether the element has a property `key`.
    public func has(_ key: PropertyKey) -> Bool {
        for i in properties.indices where properties[i].key == key { return true }
        return false
    }

    /// The value of the first property `key` (no copy of the property itself).
    public func value(_ key: PropertyKey) -> PropertyValue? {
        for i in properties.indices where properties[i].key == key { return properties[i].value }
        return nil
    }

    public var period: Window? {
        if case .period(let w)? = value(.periode) { return w }
        return nil
    }

    public func date(_ key: PropertyKey) -> Day? {
        if case .date(let d)? = value(key) { return d }
        return nil
    }

    public func text(_ key: PropertyKey) -> String? {
        if case .text(let t)? = value(key) { return t }
        return nil
    }

    /// The referents named under `key` (`pilote`, possibly on several lines), in order.
    public func referents(_ key: PropertyKey) -> [ReferentRef] {
        var out: [ReferentRef] = []
        for i in properties.indices where properties[i].key == key {
            if case .referents(let refs) = properties[i].value { out += refs }
        }
        return out
    }

    public var unit: Unit? {
        if case .unit(let u)? = value(.unite) { return u }
        return nil
    }

    public var contractType: ContractType? {
        if case .contractType(let v)? = value(.type) { return v }
        return nil
    }

    public var numbering: Numbering? {
        if case .numbering(let v)? = value(.numerotation) { return v }
        return nil
    }

    public var direction: Direction? {
        if case .direction(let v)? = value(.sens) { return v }
        return nil
    }

    public var nature: Nature? {
        if case .nature(let v)? = value(.nature) { return v }
        return nil
    }

    /// `cibles : déclinées`.
    public var declinedTargets: Bool {
        if case .declined? = value(.cibles) { return true }
        return false
    }

    /// `cumul : oui`: the indicator's targets are cumulated since the start of the period.
    public var isCumulative: Bool {
        if case .flag(let b)? = value(.cumul) { return b }
        return false
    }

    /// `poids : …`, if given.
    public var weight: Weight? {
        if case .weight(let w)? = value(.poids) { return w }
        return nil
    }

    /// `succède à : ID` of a contract: the id of the contract it renews.
    public var predecessor: String? {
        if case .contractId(let id)? = value(.succedeA) { return id }
        return nil
    }

    /// `contrat attendu : oui` of an organisme: the body is expected to hold a contract.
    public var expectsContract: Bool {
        if case .flag(let b)? = value(.contratAttendu) { return b }
        return false
    }

    /// `phare : oui`.
    public var flagship: Bool {
        if case .flag(let b)? = value(.phare) { return b }
        return false
    }

    /// The indicator's base (the latest year's, when several are given).
    public var baseQuantity: Quantity? {
        var best: (Int, Quantity)?
        for p in properties where p.key == .base {
            if case .base(let q?) = p.value, best == nil || (p.year ?? 0) > best!.0 { best = (p.year ?? 0, q) }
        }
        return best?.1
    }

    /// The targets of an indicator: (year, property, value), in source order.
    public var targets: [(year: Int, property: Property, value: TargetValue)] {
        properties.compactMap { p in
            guard p.key == .cible, let y = p.year, case .target(let t) = p.value else { return nil }
            return (y, p, t)
        }
    }
}
