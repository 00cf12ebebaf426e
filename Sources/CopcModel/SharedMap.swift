/// A hash map whose copies share their storage: a base dictionary, never changed once the map
/// is made (a version 0 takes its file's index as it is), and the changes made since, in
/// buckets held in pages of 256, so that changing one key of a copy copies the table of pages
/// (one reference per 256 buckets), one page and one bucket — not the whole map. Versions hold
/// their indices by key, référents, plans and removed keys in it: a version made by a one-line
/// avenant costs what the avenant changes, not the size of the contract (issue 21).
///
/// A value with value semantics (its storage is arrays and a dictionary, copied on write).
/// Iteration order follows the hash, as `Dictionary`'s: readers that show entries sort them.
public struct SharedMap<Key: Hashable, Value> {
    @usableFromInline
    struct Entry {
        @usableFromInline let key: Key
        /// `nil`: the key of `base` removed.
        @usableFromInline var value: Value?

        @usableFromInline init(key: Key, value: Value?) {
            self.key = key
            self.value = value
        }
    }

    /// The entries the map was made with.
    @usableFromInline let base: [Key: Value]
    /// The changes since: `pages[p][b]` is bucket `p << 8 | b`, of `1 << bits` buckets.
    @usableFromInline var pages: [[[Entry]]]
    @usableFromInline var bits: Int
    /// How many entries `pages` holds.
    var changes = 0
    public private(set) var count: Int

    @usableFromInline static var pageBits: Int { 8 }

    public init() {
        self.init([:])
    }

    /// The map of a dictionary's entries (kept as they are: O(1)).
    public init(_ dictionary: [Key: Value]) {
        base = dictionary
        count = dictionary.count
        bits = 3
        pages = [[[Entry]](repeating: [], count: 1 << 3)]
    }

    public var isEmpty: Bool { count == 0 }

    @inlinable
    func slot(_ key: Key) -> (page: Int, bucket: Int) {
        let i = key.hashValue & ((1 << bits) - 1)
        return (i >> SharedMap.pageBits, i & ((1 << SharedMap.pageBits) - 1))
    }

    public subscript(key: Key) -> Value? {
        get {
            if changes > 0 {
                let (p, b) = slot(key)
                for e in pages[p][b] where e.key == key { return e.value }
            }
            return base.isEmpty ? nil : base[key]
        }
        set {
            let (p, b) = slot(key)
            let inBase = base.isEmpty ? false : base[key] != nil
            if let i = pages[p][b].firstIndex(where: { $0.key == key }) {
                let had = pages[p][b][i].value != nil
                count += (newValue != nil ? 1 : 0) - (had ? 1 : 0)
                if newValue == nil && !inBase {
                    pages[p][b].remove(at: i)
                    changes -= 1
                } else {
                    pages[p][b][i].value = newValue
                }
            } else {
                if newValue == nil && !inBase { return }
                count += (newValue != nil ? 1 : 0) - (inBase ? 1 : 0)
                pages[p][b].append(Entry(key: key, value: newValue))
                changes += 1
                if changes > 2 << bits { grow() }
            }
        }
    }

    /// Four times the buckets, every change placed again: amortised over the changes that
    /// made the map grow.
    mutating func grow() {
        bits += 2
        let buckets = 1 << bits
        let perPage = Swift.min(buckets, 1 << SharedMap.pageBits)
        let old = pages
        pages = [[[Entry]]](repeating: [[Entry]](repeating: [], count: perPage), count: buckets / perPage)
        for page in old {
            for bucket in page {
                for e in bucket {
                    let (p, b) = slot(e.key)
                    pages[p][b].append(e)
                }
            }
        }
    }

    /// Calls `body` with every entry: the changes, then the base entries not changed.
    func forEachEntry(_ body: (Key, Value) -> Void) {
        if changes > 0 {
            for page in pages { for bucket in page { for e in bucket { if let v = e.value { body(e.key, v) } } } }
        }
        for (k, v) in base {
            if changes > 0 {
                let (p, b) = slot(k)
                if pages[p][b].contains(where: { $0.key == k }) { continue }
            }
            body(k, v)
        }
    }

    /// The keys, in hash order.
    public var keys: [Key] {
        var out: [Key] = []
        out.reserveCapacity(count)
        forEachEntry { k, _ in out.append(k) }
        return out
    }

    /// The values, in hash order.
    public var values: [Value] {
        var out: [Value] = []
        out.reserveCapacity(count)
        forEachEntry { _, v in out.append(v) }
        return out
    }

    /// The entries as a dictionary.
    public var dictionary: [Key: Value] {
        guard changes > 0 else { return base }
        var out: [Key: Value] = [:]
        out.reserveCapacity(count)
        forEachEntry { k, v in out[k] = v }
        return out
    }
}

extension SharedMap: Sequence {
    public typealias Element = (key: Key, value: Value)

    public func makeIterator() -> IndexingIterator<[(key: Key, value: Value)]> {
        var out: [(key: Key, value: Value)] = []
        out.reserveCapacity(count)
        forEachEntry { k, v in out.append((k, v)) }
        return out.makeIterator()
    }

    public var underestimatedCount: Int { count }
}

extension SharedMap: Equatable where Value: Equatable {
    /// The same entries (whatever the order they were added in).
    public static func == (a: SharedMap, b: SharedMap) -> Bool {
        guard a.count == b.count else { return false }
        for (k, v) in a { guard b[k] == v else { return false } }
        return true
    }
}

extension SharedMap: Hashable where Value: Hashable {
    /// Independent of the order of the entries, as `Dictionary`'s.
    public func hash(into hasher: inout Hasher) {
        var sum = 0
        for (k, v) in self {
            var h = Hasher()
            h.combine(k)
            h.combine(v)
            sum = sum &+ h.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}

extension SharedMap.Entry: Sendable where Key: Sendable, Value: Sendable {}
extension SharedMap: Sendable where Key: Sendable, Value: Sendable {}

/// A set whose copies share their storage (`SharedMap`).
public struct SharedSet<Member: Hashable>: Hashable, Sequence {
    var map = SharedMap<Member, Bool>()

    public init() {}

    public var count: Int { map.count }
    public var isEmpty: Bool { map.isEmpty }

    public func contains(_ m: Member) -> Bool { map[m] != nil }

    @discardableResult
    public mutating func insert(_ m: Member) -> Bool {
        guard map[m] == nil else { return false }
        map[m] = true
        return true
    }

    public func makeIterator() -> IndexingIterator<[Member]> { map.keys.makeIterator() }
}

extension SharedSet: Sendable where Member: Sendable {}
