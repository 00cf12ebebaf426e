import CopcLanguage

/// The elements of a contract (as built from one file, or as one consolidated version),
/// stored as values in chunks of 256 and linked by indices: parent, first and last child, next
/// sibling. Copying a tree copies no element; changing one copies its chunk only (copy on
/// write), so a version shares with the one before every chunk its avenant does not touch.
///
/// Invariants: the root, if any, is the contract (or avenant, annuaire) header; an element
/// removed by `remove` is unlinked and unreachable from the root, its index never reused;
/// `Element.suppressedWithAncestors` is its own codes and its parent's.
public struct ElementTree: Hashable, Sendable {
    @usableFromInline var nodes = Chunks()
    public private(set) var root: ElementID?
    /// Whether an element added or set in this tree gives a `poids` (COP405 visits no element
    /// of a tree that has none). Stays true after that element is removed: conservative.
    public private(set) var givesWeights = false

    public init() {}

    /// How many elements were ever added (removed ones included).
    public var capacity: Int { nodes.count }

    // Inlinable: the rules read elements by index in their inner loops, across the module.
    public subscript(id: ElementID) -> Element {
        @inlinable _read { yield nodes[Int(id.index)] }
        set {
            // Links belong to the tree: a caller changes what an element says, not where it is.
            var e = newValue
            let old = nodes[Int(id.index)]
            e.parent = old.parent
            e.firstChild = old.firstChild
            e.lastChild = old.lastChild
            e.nextSibling = old.nextSibling
            e.suppressedWithAncestors = old.suppressedWithAncestors
            if !givesWeights, ElementTree.hasWeight(e) { givesWeights = true }
            nodes[Int(id.index)] = e
        }
    }

    /// Elements in chunks: a copy shares every chunk until it writes to one.
    @usableFromInline
    struct Chunks: Hashable, Sendable {
        @usableFromInline static let bits = 8
        @usableFromInline static let size = 1 << bits
        @usableFromInline var chunks: [[Element]] = []
        private(set) var count = 0

        // Read and modified in place: a field of an element is read or written without
        // copying the element.
        @inlinable
        subscript(i: Int) -> Element {
            _read { yield chunks[i >> Chunks.bits][i & (Chunks.size - 1)] }
            _modify { yield &chunks[i >> Chunks.bits][i & (Chunks.size - 1)] }
        }

        mutating func append(_ e: Element) {
            if count & (Chunks.size - 1) == 0 {
                var chunk: [Element] = []
                chunk.reserveCapacity(Chunks.size)
                chunks.append(chunk)
            }
            chunks[chunks.count - 1].append(e)
            count += 1
        }
    }

    /// Whether the element gives a `poids`: reads the keys in place (no property is copied).
    static func hasWeight(_ e: Element) -> Bool {
        guard e.kind == .objectif || e.kind == .sousObjectif || e.kind == .indicateur else { return false }
        return e.properties.withUnsafeBufferPointer { b in
            for i in 0..<b.count where b[i].key == .poids { return true }
            return false
        }
    }

    /// Adds `element` as the last child of `parent`, or as the root.
    @discardableResult
    public mutating func add(_ element: Element, under parent: ElementID?) -> ElementID {
        var e = element
        if !givesWeights, ElementTree.hasWeight(e) { givesWeights = true }
        let id = ElementID(nodes.count)
        e.parent = parent
        e.firstChild = nil
        e.lastChild = nil
        e.nextSibling = nil
        if let p = parent {
            let pi = Int(p.index)
            e.suppressedWithAncestors = e.suppressed.union(nodes[pi].suppressedWithAncestors)
            if let last = nodes[pi].lastChild {
                nodes[Int(last.index)].nextSibling = id
            } else {
                nodes[pi].firstChild = id
            }
            nodes[pi].lastChild = id
        } else {
            precondition(root == nil, "ElementTree: one root")
            e.suppressedWithAncestors = e.suppressed
            root = id
        }
        nodes.append(e)
        return id
    }

    /// Unlinks `id` and its subtree from its parent.
    public mutating func remove(_ id: ElementID) {
        guard let p = nodes[Int(id.index)].parent else {
            if root == id { root = nil }
            return
        }
        let pi = Int(p.index)
        var previous: ElementID?
        var c = nodes[pi].firstChild
        while let x = c, x != id {
            previous = x
            c = nodes[Int(x.index)].nextSibling
        }
        guard c != nil else { return }
        let next = nodes[Int(id.index)].nextSibling
        if let prev = previous { nodes[Int(prev.index)].nextSibling = next } else { nodes[pi].firstChild = next }
        if nodes[pi].lastChild == id { nodes[pi].lastChild = previous }
        nodes[Int(id.index)].parent = nil
        nodes[Int(id.index)].nextSibling = nil
    }

    /// Unlinks several elements (and their subtrees) at once: one pass over the children of
    /// each of their parents.
    public mutating func remove(_ ids: Set<ElementID>) {
        var parents: [ElementID] = []
        var seen = Set<ElementID>()
        for id in ids {
            if let p = nodes[Int(id.index)].parent {
                if seen.insert(p).inserted { parents.append(p) }
            } else if root == id {
                root = nil
            }
        }
        for p in parents {
            let pi = Int(p.index)
            var kept: ElementID?
            var c = nodes[pi].firstChild
            nodes[pi].firstChild = nil
            while let x = c {
                let xi = Int(x.index)
                c = nodes[xi].nextSibling
                if ids.contains(x) {
                    nodes[xi].parent = nil
                    nodes[xi].nextSibling = nil
                    continue
                }
                if let k = kept { nodes[Int(k.index)].nextSibling = x } else { nodes[pi].firstChild = x }
                nodes[xi].nextSibling = nil
                kept = x
            }
            nodes[pi].lastChild = kept
        }
    }

    /// The children of `id`, in document order.
    public func children(of id: ElementID) -> Children { Children(tree: self, upcoming: nodes[Int(id.index)].firstChild) }

    /// Iterates the children of an element.
    public struct Children: Sequence, IteratorProtocol {
        let tree: ElementTree
        var upcoming: ElementID?

        public mutating func next() -> ElementID? {
            guard let n = upcoming else { return nil }
            upcoming = tree.nodes[Int(n.index)].nextSibling
            return n
        }
    }

    /// `id` and its descendants, in document order (pre-order).
    public func subtree(_ id: ElementID) -> [ElementID] {
        var out: [ElementID] = []
        // The next siblings to come back to, nearest last; `id`'s own siblings are not visited.
        var pending: [ElementID] = []
        var current: ElementID? = id
        while let x = current {
            out.append(x)
            let i = Int(x.index)
            if let child = nodes[i].firstChild {
                if x != id, let next = nodes[i].nextSibling { pending.append(next) }
                current = child
            } else if x != id, let next = nodes[i].nextSibling {
                current = next
            } else {
                current = pending.popLast()
            }
        }
        return out
    }

    /// Every element reachable from the root, in document order (the root first).
    public var preorder: [ElementID] { root.map(subtree) ?? [] }

    /// How many levels `id` is below the root (the root is 0). Trees never exceed
    /// `Limits.maxDepth` (the builder and the consolidation keep them so): the walk is bounded.
    public func depth(of id: ElementID) -> Int {
        var d = 0
        var x = nodes[Int(id.index)].parent
        while let y = x { d += 1; x = nodes[Int(y.index)].parent }
        return d
    }

    /// Whether the two trees are one storage (copies, neither changed since): O(1). `false`
    /// says nothing of their elements.
    public func sharesStorage(with other: ElementTree) -> Bool {
        guard nodes.count == other.nodes.count, root == other.root, givesWeights == other.givesWeights else { return false }
        guard !nodes.chunks.isEmpty else { return true }
        return nodes.chunks.withUnsafeBufferPointer { a in other.nodes.chunks.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }

    /// Whether `id` is in the tree: an element of it reachable from the root (a removed one,
    /// or one below a removed one, is not). O(depth).
    public func isPlaced(_ id: ElementID) -> Bool {
        guard id.index >= 0, Int(id.index) < nodes.count, let root else { return false }
        var x = id
        while let p = nodes[Int(x.index)].parent { x = p }
        return x == root
    }

    /// Whether `a` comes before `b` in document order (pre-order), both placed. Children are
    /// only ever appended, and indices only grow, so siblings are in the order of their
    /// indices: O(depth), nothing stored.
    public func precedes(_ a: ElementID, _ b: ElementID) -> Bool {
        guard a != b else { return false }
        var x = a, y = b
        var dx = depth(of: x), dy = depth(of: y)
        while dx > dy, let p = nodes[Int(x.index)].parent { x = p; dx -= 1 }
        if x == y { return false } // b is an ancestor of a
        while dy > dx, let p = nodes[Int(y.index)].parent { y = p; dy -= 1 }
        if x == y { return true } // a is an ancestor of b
        while let px = nodes[Int(x.index)].parent, let py = nodes[Int(y.index)].parent, px != py {
            x = px
            y = py
        }
        return x.index < y.index
    }

    /// The ancestors of `id`, nearest first.
    public func ancestors(of id: ElementID) -> Ancestors { Ancestors(tree: self, upcoming: nodes[Int(id.index)].parent) }

    /// Iterates the ancestors of an element, nearest first.
    public struct Ancestors: Sequence, IteratorProtocol {
        let tree: ElementTree
        var upcoming: ElementID?

        public mutating func next() -> ElementID? {
            guard let n = upcoming else { return nil }
            upcoming = tree.nodes[Int(n.index)].parent
            return n
        }
    }
}
