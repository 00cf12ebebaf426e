import CopcLanguage

/// The stable identity of an element across versions and files: its kind and its id
/// normalised (`2-1` = `2.1`; référents and plans by their id as written), or — for an axe,
/// objectif or sous-objectif written without an id — its path: its parent's key and its rank
/// among the untitled siblings of its kind. Consolidation, the checks, navigation and the
/// diff all match elements by key.
public struct ElementKey: Hashable, Sendable, CustomStringConvertible {
    public let kind: ElementKind
    public let name: Name

    public enum Name: Hashable, Sendable {
        case id(String)
        /// The `ordinal`-th element of this kind without id under `parent` (0-based).
        indirect case untitled(parent: ElementKey?, ordinal: Int)
    }

    /// The key of `KIND ID`.
    public init(_ kind: ElementKind, _ id: String) {
        self.kind = kind
        self.name = .id(kind.normalizedId(id))
    }

    /// The key of an element written without id.
    public init(untitled kind: ElementKind, parent: ElementKey?, ordinal: Int) {
        self.kind = kind
        self.name = .untitled(parent: parent, ordinal: ordinal)
    }

    /// The normalised id, if the element has one.
    public var id: String? {
        if case .id(let s) = name { return s }
        return nil
    }

    /// `objectif 2.1`, `axe #1 in contrat C` (for debugging and tests, not for drafters).
    public var description: String {
        switch name {
        case .id(let s): return "\(kind.keyword) \(s)"
        case .untitled(let parent, let n): return "\(kind.keyword) #\(n + 1)" + (parent.map { " dans \($0)" } ?? "")
        }
    }
}

/// An element's index in an `ElementTree`: parent and child links are indices, not references.
public struct ElementID: Hashable, Comparable, Sendable {
    public let index: Int32

    public init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }

    public static func < (a: ElementID, b: ElementID) -> Bool { a.index < b.index }
}
