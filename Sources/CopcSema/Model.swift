import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcLanguage

/// A typed property value.
public enum PropValue: Hashable, Sendable {
    case text(String)
    case referents([ReferentRef])
    case deadline(Deadline)
    case target(TargetValue)
    /// A base value; `nil` quantity for `NC` (unknown).
    case base(Quantity?)
    case date(Day)
    case period(Window)
    case unit(Unit)
    case flag(Bool)
    case contractType(ContractType)
    case numbering(Numbering)
    case direction(Direction)
    case nature(Nature)
    /// `cibles : déclinées`.
    case declined
    /// A malformed value (already reported).
    case invalid
}

/// One property of an element, typed, with its source place and the avenant that set it.
///
/// A class: properties are shared between consolidated versions (an avenant replaces a
/// property, it never mutates one in place) and iterated by every rule, so copying them must
/// cost one reference count, not one per string field.
public final class Prop {
    public let key: PropertyKey
    public let label: String?
    /// Years of a `cible` or `base`.
    public let years: ClosedRange<Int>?
    public let stepTitle: String?
    public let value: PropValue
    /// The whole line, and the key and value within it.
    public let span: SourceSpan
    public let keyRange: ByteRange
    public let valueSpan: SourceSpan
    /// 0 when set by the contract as signed, N when set by avenant N.
    public internal(set) var changedBy: Int = 0
    public internal(set) var motif: String?

    init(key: PropertyKey, label: String?, years: ClosedRange<Int>?, stepTitle: String?, value: PropValue,
         span: SourceSpan, keyRange: ByteRange, valueSpan: SourceSpan) {
        self.key = key
        self.label = label
        self.years = years
        self.stepTitle = stepTitle
        self.value = value
        self.span = span
        self.keyRange = keyRange
        self.valueSpan = valueSpan
    }

    /// A copy attributed to avenant `n` (the avenant's own change element keeps its copy).
    func attributed(to n: Int, motif: String?) -> Prop {
        let p = Prop(key: key, label: label, years: years, stepTitle: stepTitle, value: value,
                     span: span, keyRange: keyRange, valueSpan: valueSpan)
        p.changedBy = n
        p.motif = motif
        return p
    }

    /// The key as written.
    public var keyText: String { span.file.text(keyRange) }
    /// The value as written, in canonical spacing (`Canonical`): layout never changes it.
    public var rawValue: String { Canonical.text(of: valueSpan.range, in: valueSpan.file) }

    /// The identity of a property: two props with the same identity replace each other
    /// (`délai` by label, `étape` by title, `base` by year, `cible` by year and label).
    public var identity: PropIdentity {
        switch key.identity {
        case .label: return PropIdentity(key: key, label: label ?? "", year: 0)
        case .title: return PropIdentity(key: key, label: stepTitle ?? "", year: 0)
        case .year: return PropIdentity(key: key, label: "", year: years?.lowerBound ?? 0)
        case .yearAndLabel: return PropIdentity(key: key, label: label ?? "", year: years?.lowerBound ?? 0)
        case .key: return PropIdentity(key: key, label: "", year: 0)
        }
    }
}

/// What makes two properties of one element the same property.
public struct PropIdentity: Hashable, Sendable {
    public let key: PropertyKey
    public let label: String
    public let year: Int
}

/// An element of a contract: the contract itself, an axe, objectif, sous-objectif, action,
/// indicateur, or a référent / plan declaration.
public final class Element {
    public let kind: ElementKind
    public let id: String?
    /// The id with `-` separators read as `.` (`2-1` = `2.1`), used for lookups.
    public let key: String?
    public var title: String?
    /// The header line.
    public let span: SourceSpan
    public let idSpan: SourceSpan?
    public weak var parent: Element?
    public var children: [Element] = []
    public var props: [Prop] = []
    /// 0 when as signed, N when last changed by avenant N.
    public var changedBy: Int = 0
    public var motif: String?
    /// Codes silenced by `# copc: ignorer` on the header line or the line above (own only).
    public var suppressed: Set<Code> = []

    public init(kind: ElementKind, id: String?, title: String?, span: SourceSpan, idSpan: SourceSpan?) {
        self.kind = kind
        self.id = id
        self.key = id.map(Element.normalize)
        self.title = title
        self.span = span
        self.idSpan = idSpan
    }

    public static func normalize(_ id: String) -> String { ElementKind.normalize(id) }

    /// A deep copy of the subtree (for consolidated versions).
    public func copy() -> Element {
        let e = Element(kind: kind, id: id, title: title, span: span, idSpan: idSpan)
        e.props = props
        e.changedBy = changedBy
        e.motif = motif
        e.suppressed = suppressed
        e.children = children.map { c in
            let cc = c.copy()
            cc.parent = e
            return cc
        }
        return e
    }

    /// The element as messages name it.
    public var ref: ElementRef { ElementRef(kind: kind, id: id, title: title) }

    public func all(_ key: PropertyKey) -> [Prop] { props.filter { $0.key == key } }
    public func first(_ key: PropertyKey) -> Prop? { props.first { $0.key == key } }

    /// Pre-order traversal of the subtree, self included.
    public func forEach(_ body: (Element) -> Void) {
        body(self)
        for c in children { c.forEach(body) }
    }

    /// Whether `code` is silenced for this element or one of its ancestors.
    public func isSuppressed(_ code: Code) -> Bool {
        var e: Element? = self
        while let x = e {
            if x.suppressed.contains(code) { return true }
            e = x.parent
        }
        return false
    }

    public var period: Window? {
        if case .period(let w)? = first(.periode)?.value { return w }
        return nil
    }

    public func date(_ key: PropertyKey) -> Day? {
        if case .date(let d)? = first(key)?.value { return d }
        return nil
    }

    public var unit: Unit? {
        if case .unit(let u)? = first(.unite)?.value { return u }
        return nil
    }

    public var contractType: ContractType? {
        if case .contractType(let v)? = first(.type)?.value { return v }
        return nil
    }

    public var numbering: Numbering? {
        if case .numbering(let v)? = first(.numerotation)?.value { return v }
        return nil
    }

    public var direction: Direction? {
        if case .direction(let v)? = first(.sens)?.value { return v }
        return nil
    }

    public var nature: Nature? {
        if case .nature(let v)? = first(.nature)?.value { return v }
        return nil
    }

    /// `cibles : déclinées`.
    public var declinedTargets: Bool {
        if case .declined? = first(.cibles)?.value { return true }
        return false
    }
}

/// An avenant's change (`modifier`, `ajouter`, `supprimer`), typed.
public struct Change {
    public let op: ChangeOp
    public let kind: ElementKind
    public let id: String?
    /// For `ajouter`: the new element (without parent). For `modifier`: a carrier of the props.
    public let element: Element
    public let placement: PlacementSyntax?
    public let span: SourceSpan
    public var motif: String? { element.motif }
}

/// The typed content of one file.
public final class FileModel {
    public let syntax: FileSyntax
    public var source: SourceFile { syntax.file }
    public var kind: FileKind = .unknown
    /// The contract, avenant or annuaire header element; for a contract, the root of the tree.
    public var root: Element?
    /// `référent` and `plan` declarations of the file.
    public var declarations: [Element] = []
    public var uses: [UsesSyntax] = []
    public var changes: [Change] = []
    /// Avenant header: number and contract.
    public var avenantNumber: Int?
    public var contractRef: String?
    public var contractRefSpan: SourceSpan?
    /// Codes silenced per line (1-based) by `# copc: ignorer`.
    public var lineSuppressions: [Int: Set<Code>] = [:]

    init(syntax: FileSyntax) {
        self.syntax = syntax
    }

    /// Whether a diagnostic at `span` is silenced by a comment on its line or the line above.
    public func isSuppressed(_ code: Code, at span: SourceSpan) -> Bool {
        guard !lineSuppressions.isEmpty else { return false }
        let line = span.start.line
        return lineSuppressions[line]?.contains(code) == true || lineSuppressions[line - 1]?.contains(code) == true
    }
}

/// The identity of an element: its kind and its normalised id (`2-1` = `2.1`; référents and
/// plans by their id as written).
public struct ElementKey: Hashable, Sendable {
    public let kind: ElementKind
    public let id: String

    public init(_ kind: ElementKind, _ id: String) {
        self.kind = kind
        self.id = kind.normalizedId(id)
    }
}
