import CopcSource
import CopcLanguage
import CopcDiagnostics

/// `dans KIND ID` or `dans contrat` after an element header.
public struct Placement: Hashable, Sendable {
    public let kind: ElementKind
    public let id: String?
    public let place: Place

    public init(kind: ElementKind, id: String?, place: Place) {
        self.kind = kind
        self.id = id
        self.place = place
    }
}

/// `utilise « chemin »`.
public struct Import: Hashable, Sendable {
    public let path: String
    public let place: Place

    public init(path: String, place: Place) {
        self.path = path
        self.place = place
    }
}

/// An avenant's change (`modifier`, `ajouter`, `supprimer`), typed.
public struct Change: Hashable, Sendable {
    public let op: ChangeOp
    public let kind: ElementKind
    public let id: String?
    /// For `ajouter`: the new element. For `modifier`: a carrier of the properties and the new
    /// title. Its provenance's motif is the change's `motif`.
    public var element: Element
    public let placement: Placement?
    /// From the operation to the end of its header line.
    public let place: Place

    public init(op: ChangeOp, kind: ElementKind, id: String?, element: Element, placement: Placement?, place: Place) {
        self.op = op
        self.kind = kind
        self.id = id
        self.element = element
        self.placement = placement
        self.place = place
    }

    public var motif: String? { element.provenance.motif }
}

/// What one file says, typed: built once per file content (by `CopcSema.Builder`, or by a
/// program without text), shared by every version and every check that reads the file.
public struct FileModel: Hashable, Sendable {
    public let file: FileID
    public var kind: FileKind = .unknown
    /// A contract's elements, nested (the root is the contract header); for an avenant or an
    /// annuaire, the header alone.
    public var tree = ElementTree()
    /// The tree's elements by key (the first declaration of a key when it is repeated).
    public var index: [ElementKey: ElementID] = [:]
    /// Whether two elements of the tree share a key (COP200).
    public var hasRepeatedKeys = false
    /// The `référent`, `organisme` and `plan` declarations of the file.
    public var declarations: [Element] = []
    public var imports: [Import] = []
    public var changes: [Change] = []
    /// Bilan header: its year (`bilan 2024 du contrat …`); its contract is `contractRef`.
    public var bilanYear: Int?
    /// Avenant header: its number and its contract.
    public var avenantNumber: Int?
    public var contractRef: String?
    public var contractRefPlace: Place?
    /// Codes silenced per line (1-based) by `# copc: ignorer`.
    public var lineSuppressions: [Int: CodeSet] = [:]

    public init(file: FileID) {
        self.file = file
    }

    /// The header element (contract, avenant or annuaire).
    public var header: Element? { tree.root.map { tree[$0] } }

    /// Whether a diagnostic on `line` is silenced by a comment on that line or the one above.
    public func isSuppressed(_ code: Code, line: Int) -> Bool {
        guard !lineSuppressions.isEmpty else { return false }
        return lineSuppressions[line]?.contains(code) == true || lineSuppressions[line - 1]?.contains(code) == true
    }
}
