/// A hash map whose copies share their storage: entries live in buckets, buckets in pages of
/// 256, so that changing one key of a copy copies the table of pages (one reference per 256
/// buckets), one page and one bucket — not the whole map. Versions hold their indices by key,
/// référents, plans and removed keys in it: a version made by a one-line avenant costs what the
/// avenant changes, not the size of the contract (issue 21).
///
/// A value with value semantics (its storage is arrays, copied on write). Iteration order
/// follows the hash, as `Dictionary`'s: readers that show entries sort them.
public struct SharedMap<Key: Hashable, Value> {
    @usableFromInline
    struct Entry {
        @usableFromInline let key: Key
        @usableFromInline var value: Value

        @usableFromInline init(key: Key, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// `pages[p][b]`: bucket `p << 8 | b`; the number of buckets is `1 << bits`.
    @usableFromInline var pages: [[[Entry]]]
    @usableFromInline var bits: Int
    public private(set) var count = 0

    @usableFromInline static var pageBits: Int { 8 }

    public init() {
        bits = 3
        pages = [[[Entry]](repeating: [], count: 1 << 3)]
    }

    /// The map of a dictionary's entries.
    public init(_ dictionary: [Key: Value]) {
        self.init(minimumCapacity: dictionary.count)
        for (k, v) in dictionary { insertNew(k, v) }
    }

    init(minimumCapacity n: Int) {
        var b = 3
        while (1 << b) < n { b += 1 }
        bits = b
        let buckets = 1 << b
        let perPage = Swift.min(buckets, 1 << SharedMap.pageBits)
        pages = [[[Entry]]](repeating: [[Entry]](repeating: [], count: perPage), count: buckets / perPage)
    }

    public var isEmpty: Bool { count == 0 }

    @inlinable
    func slot(_ key: Key) -> (page: Int, bucket: Int) {
        let i = key.hashValue & ((1 << bits) - 1)
        return (i >> SharedMap.pageBits, i & ((1 << SharedMap.pageBits) - 1))
    }

    public subscript(key: Key) -> Value? {
        get {
            let (p, b) = slot(key)
            for e in pages[p][b] where e.key == key { return e.value }
            return nil
        }
        set {
            let (p, b) = slot(key)
            if let i = pages[p][b].firstIndex(where: { $0.key == key }) {
                if let v = newValue { pages[p][b][i].value = v } else {
                    pages[p][b].remove(at: i)
                    count -= 1
                }
            } else if let v = newValue {
                pages[p][b].append(Entry(key: key, value: v))
                count += 1
                if count > 2 << bits { grow() }
            }
        }
    }

    /// Adds a key known to be absent.
    mutating func insertNew(_ key: Key, _ value: Value) {
        let (p, b) = slot(key)
        pages[p][b].append(Entry(key: key, value: value))
        count += 1
    }

    /// Four times the buckets, every entry placed again: amortised over the insertions that
    /// made the map grow.
    mutating func grow() {
        var bigger = SharedMap(minimumCapacity: 4 << bits)
        for page in pages { for bucket in page { for e in bucket { bigger.insertNew(e.key, e.value) } } }
        self = bigger
    }

    /// The keys, in hash order.
    public var keys: [Key] {
        var out: [Key] = []
        out.reserveCapacity(count)
        for page in pages { for bucket in page { for e in bucket { out.append(e.key) } } }
        return out
    }

    /// The values, in hash order.
    public var values: [Value] {
        var out: [Value] = []
        out.reserveCapacity(count)
        for page in pages { for bucket in page { for e in bucket { out.append(e.value) } } }
        return out
    }

    /// The entries as a dictionary.
    public var dictionary: [Key: Value] {
        var out: [Key: Value] = [:]
        out.reserveCapacity(count)
        for page in pages { for bucket in page { for e in bucket { out[e.key] = e.value } } }
        return out
    }
}

extension SharedMap: Sequence {
    public typealias Element = (key: Key, value: Value)

    public struct Iterator: IteratorProtocol {
        let pages: [[[Entry]]]
        var page = 0, bucket = 0, entry = 0

        public mutating func next() -> (key: Key, value: Value)? {
            while page < pages.count {
                if bucket < pages[page].count {
                    if entry < pages[page][bucket].count {
                        let e = pages[page][bucket][entry]
                        entry += 1
                        return (e.key, e.value)
                    }
                    bucket += 1
                    entry = 0
                } else {
                    page += 1
                    bucket = 0
                }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(pages: pages) }

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
