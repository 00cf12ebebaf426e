import CopcFrench
import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP203 (gap) and COP204 (out of order) — elements of one kind are grouped by prefix (the id
/// without its last component; `A` for `A053`); in a group the last components run 1, 2, 3… or
/// a, b, c… in document order, without holes between the numbers present. `1.e.1` also stands
/// for `1.e` in group `1` when no element is `1.e`, so that a missing `1.d` is seen. Suffixes
/// `bis`, `ter` are ignored.
///
/// Cost: O(total length of the ids + m log m) for version 0, whatever the numbers: a gap is
/// measured by subtraction and named as a range when long (`2 à 999 999 999`), never
/// enumerated; the prefixes of long dotted ids are interned component by component. A later
/// version re-checks only the groups its avenant added to or removed from (`IdGroupIndex`),
/// each in O(its members).
enum NumberingSequence {
    struct Member {
        let value: Int
        let letter: Bool
        let element: ElementID
        /// The length in UTF-8 bytes of the id text before the last component (`1.`, `A`,
        /// `TF-`: always a prefix of `shown`), and the digits' width.
        let headBytes: Int
        let width: Int
        /// The element's id, as written.
        let shown: String
        /// 0 for the element's own number, `j` for the number its id implies at level `j`
        /// (`e` in group `1` for `1.e.1`: level 2).
        let level: Int

        /// The id text before the last component (decoded only for messages).
        var head: Substring { shown[..<shown.utf8.index(shown.startIndex, offsetBy: headBytes)] }
    }

    /// A group: the kind and the id without its last component — a node of the prefix trie
    /// for dotted ids, the text itself otherwise (`A` for `A053`).
    struct GroupKey: Hashable {
        enum Head: Hashable { case node(Int), text(String) }
        let kind: ElementKind
        let head: Head
    }

    /// The prefixes of dotted ids, interned one component at a time (node 0 is the empty prefix).
    struct Prefixes {
        struct Edge: Hashable {
            let parent: Int
            let component: Substring
        }
        var nodes: [Edge: Int] = [:]

        mutating func child(_ parent: Int, _ component: Substring) -> Int {
            let edge = Edge(parent: parent, component: component)
            if let n = nodes[edge] { return n }
            let n = nodes.count + 1
            nodes[edge] = n
            return n
        }

        /// The node of a sequence of components, if it was interned.
        func lookup<C: Collection>(_ components: C) -> Int? where C.Element == Substring {
            var n = 0
            for c in components {
                guard let next = nodes[Edge(parent: n, component: c)] else { return nil }
                n = next
            }
            return n
        }
    }

    static func isSeparator(_ c: Character) -> Bool { c == "." || c == "-" }

    static func split(_ id: String) -> (head: Substring, last: Substring)? {
        let u = id.utf8
        if u.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every id of the real contracts): bytes are characters.
            if let sep = u.lastIndex(where: { $0 == 0x2E || $0 == 0x2D }) {
                let after = u.index(after: sep)
                return after == u.endIndex ? nil : (id[..<after], id[after...])
            }
            let digit = u.firstIndex { $0 &- 0x30 < 10 } ?? u.endIndex
            return (id[..<digit], id[digit...])
        }
        if let sep = id.lastIndex(where: isSeparator) {
            let last = id[id.index(after: sep)...]
            return last.isEmpty ? nil : (id[...sep], last)
        }
        return (id.prefix { !$0.isNumber }, id.drop { !$0.isNumber })
    }

    /// Numbers beyond 18 digits are not numbering (`Int` could not hold the gaps between them).
    static let maxDigits = 18

    static let suffixes: [[UInt8]] = [Array("quater".utf8), Array("bis".utf8), Array("ter".utf8)]

    /// The value of a last component (`053` → 53, width 3; `e` → 5, a letter), suffixes `bis`,
    /// `ter`, `quater` ignored; `nil` when it is neither a number nor a single lowercase letter.
    static func component(_ s: Substring) -> (Int, Bool, Int)? {
        var core = Array(s.utf8)
        for suffix in suffixes where core.count > suffix.count && core.suffix(suffix.count).elementsEqual(suffix) {
            core.removeLast(suffix.count)
        }
        // Width matters only for zero-padded numbers (A054), not for OS-9 beside OS-10.
        if !core.isEmpty, core.allSatisfy({ $0 &- 0x30 < 10 }) {
            let significant = core.drop { $0 == 0x30 }
            guard significant.count <= maxDigits else { return nil }
            var v = 0
            for d in significant { v = v * 10 + Int(d - 0x30) }
            return (v, false, core.count > 1 && core[0] == 0x30 ? core.count : 0)
        }
        if core.count == 1, core[0] &- 0x61 < 26 { return (Int(core[0] - 96), true, 1) }
        return nil
    }

    /// The id of number `value` in `m`'s group, written like `m` (same head, zero padding to
    /// `width`, by default `m`'s); with `grouped`, a bare unpadded number of five digits or
    /// more in groups of three (`999 999 999`), for messages.
    static func format(_ m: Member, _ value: Int, width: Int? = nil, grouped: Bool = false) -> String {
        if m.letter { return m.head + String(UnicodeScalar(UInt8(96 + max(1, min(26, value))))) }
        let s = String(value)
        let w = width ?? m.width
        if grouped && w == 0 && m.head.isEmpty && s.count >= 5 { return French.number(value) }
        return m.head + String(repeating: "0", count: max(0, w - s.count)) + s
    }


    /// The group key of a regular member: the trie node of its head when an implied level
    /// uses it (so that `1.e` and the `1.e` implied by `1.e.1` meet), the normalised text
    /// otherwise (the two never name the same head: an interned head always gets its node).
    static func groupKey(_ kind: ElementKind, head: Substring, _ prefixes: Prefixes) -> GroupKey {
        let norm = ElementKind.normalize(String(head))
        if norm.hasSuffix("."), !prefixes.nodes.isEmpty {
            let comps = norm.dropLast().split(separator: ".", omittingEmptySubsequences: false)
            if !comps.contains(where: { $0.isEmpty }), let n = prefixes.lookup(comps) { return GroupKey(kind: kind, head: .node(n)) }
        }
        return GroupKey(kind: kind, head: .text(norm))
    }

    /// The members of every group, the groups in order of first appearance, and the numbers
    /// freed by an avenant's `supprimer` per group.
    struct Groups {
        var members: [GroupKey: [Member]] = [:]
        var order: [GroupKey] = []
        var freed: [GroupKey: Set<Int>] = [:]

        mutating func add(_ gk: GroupKey, _ m: Member) {
            if members[gk] == nil { order.append(gk) }
            members[gk, default: []].append(m)
        }
    }

    /// Every group of the version, in order of first appearance; `unit` is called before each
    /// group is reported, with a function naming the group (called only when it reports).
    static func checkAll(_ ctx: VersionContext, unit: (@escaping () -> (IdGroup, GroupOrder)) -> Void) {
        let g = ASCIIIds.all(ctx) ? ASCIIIds.collect(ctx) : collect(ctx)
        for gk in g.order {
            let members = g.members[gk]!
            unit { (IdGroup(gk.kind, first: members[0]), GroupOrder(element: members[0].element, level: members[0].level)) }
            report(members, freed: g.freed[gk] ?? [], ctx)
        }
    }

    /// The groups, read on Characters (any id; the ASCII ids of every real contract take
    /// `ASCIIIds.collect`, which gives the same groups from bytes).
    static func collect(_ ctx: VersionContext) -> Groups {
        // The prefixes of the ids that imply levels (three components or more) are interned
        // first; most contracts have few such ids, so the trie stays small.
        var prefixes = Prefixes()
        var groups: [GroupKey: [Member]] = [:]
        var order: [GroupKey] = []
        let tree = ctx.tree
        // Each element's nearest numbered ancestor (contract excluded), in document order.
        var numberedAbove = [ElementID?](repeating: nil, count: tree.capacity)
        for x in ctx.elements {
            let e = tree[x]
            if let p = e.parent {
                let parent = tree[p]
                numberedAbove[Int(x.index)] = parent.kind != .contrat && parent.id != nil ? p : numberedAbove[Int(p.index)]
            }
            // Only ids with two separators or more can have three components.
            if e.kind != .contrat, let id = e.id, id.utf8.lazy.filter({ $0 == 0x2E || $0 == 0x2D }).count >= 2 {
                let comps = id.split(whereSeparator: isSeparator)
                if comps.count >= 3 {
                    var n = 0
                    for c in comps.dropLast() { n = prefixes.child(n, c) }
                }
            }
        }
        // Nodes of the declared keys among those prefixes (a level declared is not implied).
        var declared = Set<Int>()
        if !prefixes.nodes.isEmpty {
            for x in ctx.elements {
                guard let k = tree[x].key.id else { continue }
                let comps = k.split(separator: ".", omittingEmptySubsequences: false)
                if comps.count >= 2, !comps.contains(where: { $0.isEmpty }), let n = prefixes.lookup(comps) { declared.insert(n) }
            }
        }
        func add(_ gk: GroupKey, _ m: Member) {
            if groups[gk] == nil { order.append(gk) }
            groups[gk, default: []].append(m)
        }
        for x in ctx.elements {
            let e = tree[x]
            guard e.kind != .contrat, let id = e.id, let (head, last) = split(id), let (v, letter, width) = component(last) else { continue }
            add(groupKey(e.kind, head: head, prefixes), Member(value: v, letter: letter, element: x, headBytes: head.utf8.count, width: width, shown: id, level: 0))
            // Implied intermediate ids: 1.e.1 stands for 1.e when 1.e is not declared.
            guard !prefixes.nodes.isEmpty, id.utf8.lazy.filter({ $0 == 0x2E || $0 == 0x2D }).count >= 2 else { continue }
            let comps = id.split(whereSeparator: isSeparator)
            guard comps.count >= 3 else { continue }
            // The level is implied only when it sits between the nearest numbered ancestor
            // and the element (1.e.1 under objectif 1), not beside it (1.2.1 under 1.1).
            var ancestorDepth = 0
            if let numbered = numberedAbove[Int(x.index)], let ak = tree[numbered].key.id {
                let akComps = ak.split(separator: ".", omittingEmptySubsequences: false)
                guard akComps.count < comps.count, zip(akComps, comps).allSatisfy({ $0 == $1 }) else { continue }
                ancestorDepth = akComps.count
            }
            // nodes[j] is the node of comps[0..<j] (all interned above).
            var nodes = [0]
            nodes.reserveCapacity(comps.count)
            for c in comps.dropLast() { nodes.append(prefixes.child(nodes[nodes.count - 1], c)) }
            for j in 2..<comps.count {
                // The id up to the separator before comps[j - 1] (a slice: no copy).
                let head = id[..<comps[j - 1].startIndex]
                if declared.contains(nodes[j]) || j <= ancestorDepth { continue }
                guard let (pv, pl, pw) = component(comps[j - 1]) else { continue }
                let gk = GroupKey(kind: e.kind, head: .node(nodes[j - 1]))
                if let lastMember = groups[gk]?.last, lastMember.value == pv, lastMember.letter == pl { continue }
                add(gk, Member(value: pv, letter: pl, element: x, headBytes: head.utf8.count, width: pw, shown: id, level: j))
            }
        }
        // Numbers freed by an avenant's `supprimer`, per group.
        var freed: [GroupKey: Set<Int>] = [:]
        for kind in Set(order.map(\.kind)) {
            for id in ctx.version.removed.compactMap({ $0.kind == kind ? $0.id : nil }) {
                guard let (head, last) = split(id), let (v, letter, _) = component(last) else { continue }
                let gk = groupKey(kind, head: head, prefixes)
                guard let f = groups[gk]?.first, f.letter == letter else { continue }
                freed[gk, default: []].insert(v)
            }
        }
        return Groups(members: groups, order: order, freed: freed)
    }

    /// The diagnostics of one group: its members in document order, the numbers freed by
    /// removals.
    static func report(_ members: [Member], freed: Set<Int>, _ ctx: VersionContext) {
        let tree = ctx.tree
        guard let f = members.first, members.allSatisfy({ $0.letter == f.letter }) else { return }
        let kindName = tree[f.element].kind
        // Out of order.
        var maxSoFar = f
        for m in members.dropFirst() {
            if m.value < maxSoFar.value {
                ctx.reporter.report(.numberingOrder(kind: kindName, id: m.shown, after: maxSoFar.shown),
                                    at: tree[m.element].namePlace, subject: tree[m.element])
            } else {
                maxSoFar = m
            }
        }
        // Gaps between present numbers (a group may start anywhere: `objectif 7` alone is fine).
        // A number freed by an avenant's `supprimer` is not a hole.
        // The first member with each number (an index into `members`).
        var firstIndex: [Int: Int] = [:]
        for (k, m) in members.enumerated() where firstIndex[m.value] == nil { firstIndex[m.value] = k }
        let firstWith = { (v: Int) -> Member? in firstIndex[v].map { members[$0] } }
        let present = firstIndex.keys.sorted()
        let released = freed.subtracting(present).sorted()
        var r = 0
        for (previous, v) in zip(present, present.dropFirst()) where v - previous > 1 {
            while r < released.count && released[r] <= previous { r += 1 }
            var inside: [Int] = []
            while r < released.count && released[r] < v { inside.append(released[r]); r += 1 }
            let count = v - previous - 1 - inside.count
            guard count > 0, let at = firstWith(v) else { continue }
            // Zero padding seen on either side of the gap (A001 … A999999 → A002).
            let width = max(at.width, firstWith(previous)?.width ?? 0)
            // The missing numbers, as runs between the freed ones.
            var runs: [ClosedRange<Int>] = []
            var from = previous + 1
            for x in inside + [v] {
                if x > from { runs.append(from...(x - 1)) }
                from = x + 1
            }
            let message: Message = count <= listedMissing
                ? .numberingGap(kind: kindName, id: at.shown, missing: runs.flatMap { $0.map { format(at, $0, width: width) } })
                : .numberingGapRange(kind: kindName, id: at.shown, first: format(at, runs[0].lowerBound, width: width, grouped: true),
                                     last: format(at, runs[runs.count - 1].upperBound, width: width, grouped: true), count: count)
            ctx.reporter.report(message, at: tree[at.element].namePlace, subject: tree[at.element])
        }
    }

    /// Up to this many missing numbers are listed one by one; more are named as a range.
    static let listedMissing = 12
}

extension NumberingSequence {
    /// The same groups as `collect`, read from the ids' bytes when every id is ASCII (on ASCII a
    /// Character is a byte, so splitting, comparing and the digit test agree): components are
    /// interned once as integers (`Atoms`), the prefix trie is keyed by integers, and no
    /// substring is made or hashed.
    enum ASCIIIds {
        static func all(_ ctx: VersionContext) -> Bool {
            let tree = ctx.tree
            for x in ctx.elements {
                if let id = tree[x].id, !isASCII(id) { return false }
                if let k = tree[x].key.id, !isASCII(k) { return false }
            }
            for k in ctx.version.removed { if let id = k.id, !isASCII(id) { return false } }
            return true
        }

        static func isASCII(_ s: String) -> Bool { bytes(s) { p in p.allSatisfy { $0 < 0x80 } } }

        @inline(__always)
        static func bytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
            var c = s
            c.makeContiguousUTF8()
            return c.utf8.withContiguousStorageIfAvailable(body)!
        }

        @inline(__always) static func isSep(_ b: UInt8) -> Bool { b == 0x2E || b == 0x2D }

        /// Byte strings interned as integers 0, 1, 2… (open addressing, FNV-1a).
        struct Atoms {
            var bytes: [UInt8] = []
            var ends: [Int] = []
            var table = [Int32](repeating: -1, count: 64)

            static func hash(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for i in r { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
                return Int(truncatingIfNeeded: h ^ (h >> 29))
            }

            func equal(_ atom: Int, _ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
                let start = atom == 0 ? 0 : ends[atom - 1]
                guard ends[atom] - start == r.count else { return false }
                var k = start
                for i in r {
                    if bytes[k] != p[i] { return false }
                    k += 1
                }
                return true
            }

            func find(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
                let mask = table.count - 1
                var slot = Atoms.hash(p, r) & mask
                while true {
                    let a = Int(table[slot])
                    if a < 0 { return nil }
                    if equal(a, p, r) { return a }
                    slot = (slot + 1) & mask
                }
            }

            mutating func intern(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int {
                if let a = find(p, r) { return a }
                let a = ends.count
                for i in r { bytes.append(p[i]) }
                ends.append(bytes.count)
                if ends.count * 2 > table.count {
                    table = [Int32](repeating: -1, count: table.count * 2)
                    for k in 0..<ends.count { place(k) }
                } else {
                    place(a)
                }
                return a
            }

            private mutating func place(_ a: Int) {
                let start = a == 0 ? 0 : ends[a - 1]
                let h = bytes.withUnsafeBufferPointer { Atoms.hash($0, start..<ends[a]) }
                let mask = table.count - 1
                var slot = h & mask
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(a)
            }
        }

        /// The prefix trie of dotted ids over interned components (node 0: the empty prefix).
        struct Trie {
            var atoms = Atoms()
            var nodes: [Int: Int] = [:]

            var isEmpty: Bool { nodes.isEmpty }

            mutating func child(_ parent: Int, _ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int {
                let key = parent << 32 | atoms.intern(p, r)
                if let n = nodes[key] { return n }
                let n = nodes.count + 1
                nodes[key] = n
                return n
            }

            func lookup(_ p: UnsafeBufferPointer<UInt8>, _ comps: [Range<Int>]) -> Int? {
                var n = 0
                for c in comps {
                    guard let a = atoms.find(p, c), let next = nodes[n << 32 | a] else { return nil }
                    n = next
                }
                return n
            }
        }

        /// `id.split(whereSeparator: isSeparator)` (empty components omitted), as byte ranges.
        static func components(_ p: UnsafeBufferPointer<UInt8>, into out: inout [Range<Int>]) {
            out.removeAll(keepingCapacity: true)
            var start = 0
            for i in 0..<p.count where isSep(p[i]) {
                if i > start { out.append(start..<i) }
                start = i + 1
            }
            if p.count > start { out.append(start..<p.count) }
        }

        /// `s.split(separator: ".", omittingEmptySubsequences: false)` over `r`, as byte ranges.
        static func dotted(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into out: inout [Range<Int>]) {
            out.removeAll(keepingCapacity: true)
            var start = r.lowerBound
            for i in r where p[i] == 0x2E {
                out.append(start..<i)
                start = i + 1
            }
            out.append(start..<r.upperBound)
        }

        static func separators(_ p: UnsafeBufferPointer<UInt8>) -> Int {
            var n = 0
            for b in p where isSep(b) { n += 1 }
            return n
        }

        /// `NumberingSequence.split` on bytes: the length of the head and the range of the last
        /// component, `nil` when the id ends with a separator.
        static func split(_ p: UnsafeBufferPointer<UInt8>) -> (head: Int, last: Range<Int>)? {
            var i = p.count - 1
            while i >= 0 {
                if isSep(p[i]) { return i == p.count - 1 ? nil : (i + 1, (i + 1)..<p.count) }
                i -= 1
            }
            var digit = 0
            while digit < p.count && p[digit] &- 0x30 >= 10 { digit += 1 }
            return (digit, digit..<p.count)
        }

        /// `NumberingSequence.component` on bytes.
        static func component(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (Int, Bool, Int)? {
            var end = r.upperBound
            for suffix in NumberingSequence.suffixes where end - r.lowerBound > suffix.count {
                var match = true
                for (k, b) in suffix.enumerated() where p[end - suffix.count + k] != b { match = false; break }
                if match { end -= suffix.count }
            }
            let core = r.lowerBound..<end
            if !core.isEmpty, core.allSatisfy({ p[$0] &- 0x30 < 10 }) {
                var first = core.lowerBound
                while first < end && p[first] == 0x30 { first += 1 }
                guard end - first <= NumberingSequence.maxDigits else { return nil }
                var v = 0
                for i in first..<end { v = v * 10 + Int(p[i] - 0x30) }
                return (v, false, core.count > 1 && p[core.lowerBound] == 0x30 ? core.count : 0)
            }
            if core.count == 1, p[core.lowerBound] &- 0x61 < 26 { return (Int(p[core.lowerBound] - 96), true, 1) }
            return nil
        }

        /// `NumberingSequence.groupKey` on bytes: the head `p[0..<head]`, normalised (`-` → `.`).
        static func groupKey(_ kind: ElementKind, _ p: UnsafeBufferPointer<UInt8>, head: Int, _ trie: Trie,
                             _ scratch: inout [Range<Int>]) -> GroupKey {
            if head > 0, isSep(p[head - 1]), !trie.isEmpty {
                // The normalised head without its final dot, split on dots and dashes alike.
                scratch.removeAll(keepingCapacity: true)
                var start = 0
                for i in 0..<(head - 1) where isSep(p[i]) {
                    scratch.append(start..<i)
                    start = i + 1
                }
                scratch.append(start..<(head - 1))
                if !scratch.contains(where: { $0.isEmpty }), let n = trie.lookup(p, scratch) { return GroupKey(kind: kind, head: .node(n)) }
            }
            let norm = String(decoding: UnsafeBufferPointer(rebasing: p[0..<head]).map { $0 == 0x2D ? 0x2E : $0 }, as: UTF8.self)
            return GroupKey(kind: kind, head: .text(norm))
        }

        static func collect(_ ctx: VersionContext) -> Groups {
            var trie = Trie()
            var g = Groups()
            let tree = ctx.tree
            var comps: [Range<Int>] = []
            var scratch: [Range<Int>] = []
            var numberedAbove = [ElementID?](repeating: nil, count: tree.capacity)
            for x in ctx.elements {
                let kind = tree[x].kind
                if let p = tree[x].parent {
                    numberedAbove[Int(x.index)] = tree[p].kind != .contrat && tree[p].id != nil ? p : numberedAbove[Int(p.index)]
                }
                guard kind != .contrat, let id = tree[x].id else { continue }
                bytes(id) { p in
                    guard separators(p) >= 2 else { return }
                    components(p, into: &comps)
                    guard comps.count >= 3 else { return }
                    var n = 0
                    for c in comps.dropLast() { n = trie.child(n, p, c) }
                }
            }
            var declared = Set<Int>()
            if !trie.isEmpty {
                for x in ctx.elements {
                    guard let k = tree[x].key.id else { continue }
                    bytes(k) { p in
                        dotted(p, 0..<p.count, into: &comps)
                        if comps.count >= 2, !comps.contains(where: { $0.isEmpty }), let n = trie.lookup(p, comps) { declared.insert(n) }
                    }
                }
            }
            var nodes: [Int] = []
            for x in ctx.elements {
                let kind = tree[x].kind
                guard kind != .contrat, let id = tree[x].id else { continue }
                let ancestorKey = numberedAbove[Int(x.index)].flatMap { tree[$0].key.id }
                bytes(id) { p in
                    guard let (head, last) = split(p), let (v, letter, width) = component(p, last) else { return }
                    g.add(groupKey(kind, p, head: head, trie, &scratch),
                          Member(value: v, letter: letter, element: x, headBytes: head, width: width, shown: id, level: 0))
                    guard !trie.isEmpty, separators(p) >= 2 else { return }
                    components(p, into: &comps)
                    guard comps.count >= 3 else { return }
                    var ancestorDepth = 0
                    if let ak = ancestorKey {
                        let prefix: Bool = bytes(ak) { q in
                            dotted(q, 0..<q.count, into: &scratch)
                            guard scratch.count < comps.count else { return false }
                            for (a, c) in zip(scratch, comps) where !(a.count == c.count && zip(a, c).allSatisfy({ q[$0] == p[$1] })) {
                                return false
                            }
                            return true
                        }
                        guard prefix else { return }
                        ancestorDepth = scratch.count
                    }
                    nodes.removeAll(keepingCapacity: true)
                    nodes.append(0)
                    for c in comps.dropLast() { nodes.append(trie.child(nodes[nodes.count - 1], p, c)) }
                    for j in 2..<comps.count {
                        if declared.contains(nodes[j]) || j <= ancestorDepth { continue }
                        guard let (pv, pl, pw) = component(p, comps[j - 1]) else { continue }
                        let gk = GroupKey(kind: kind, head: .node(nodes[j - 1]))
                        if let lastMember = g.members[gk]?.last, lastMember.value == pv, lastMember.letter == pl { continue }
                        g.add(gk, Member(value: pv, letter: pl, element: x, headBytes: comps[j - 1].lowerBound, width: pw, shown: id, level: j))
                    }
                }
            }
            for kind in Set(g.order.map(\.kind)) {
                for id in ctx.version.removed.compactMap({ $0.kind == kind ? $0.id : nil }) {
                    bytes(id) { p in
                        guard let (head, last) = split(p), let (v, letter, _) = component(p, last) else { return }
                        let gk = groupKey(kind, p, head: head, trie, &scratch)
                        guard let f = g.members[gk]?.first, f.letter == letter else { return }
                        g.freed[gk, default: []].insert(v)
                    }
                }
            }
            return g
        }
    }
}

/// A group of ids as the checker follows it from version to version: a kind and the
/// normalised text of the ids before their last component (`1.2.` for `1.2.a`, `A` for
/// `A053`), or for a level implied by longer ids, their first components joined by dots
/// (`1.` for the `e` of `1.e.1`). The same group whatever the version's other ids.
struct IdGroup: Hashable {
    let kind: ElementKind
    let head: String

    init(_ kind: ElementKind, head: String) {
        self.kind = kind
        self.head = head
    }

    /// The group of a member.
    init(_ kind: ElementKind, first m: NumberingSequence.Member) {
        self.kind = kind
        if m.level == 0 {
            head = ElementKind.normalize(String(m.head))
        } else {
            let comps = m.shown.split(whereSeparator: NumberingSequence.isSeparator)
            head = comps[0..<(m.level - 1)].joined(separator: ".") + "."
        }
    }
}

/// Where a group first appears in a version: its first member's element and level (the
/// order in which the groups of a version are reported).
struct GroupOrder: Equatable {
    let element: ElementID
    let level: Int
}

extension NumberingSequence {
    /// The groups an element's id may belong to: its own (when its last component is a
    /// number or a letter), then those of the levels it implies (three components or more).
    static func groups(of e: Element) -> [IdGroup] {
        guard e.kind != .contrat, let id = e.id, let (head, last) = split(id), component(last) != nil else { return [] }
        var out = [IdGroup(e.kind, head: ElementKind.normalize(String(head)))]
        let comps = id.split(whereSeparator: isSeparator)
        if comps.count >= 3 {
            for j in 2..<comps.count { out.append(IdGroup(e.kind, head: comps[0..<(j - 1)].joined(separator: ".") + ".")) }
        }
        return out
    }

    /// The groups whose implied members an element's key hides when it is declared (`1.e`
    /// declared: `1.e.1` no longer stands for it in group `1.`), for every kind.
    static func hiddenGroups(of e: Element) -> [IdGroup] {
        guard let k = e.key.id else { return [] }
        let comps = k.split(separator: ".", omittingEmptySubsequences: false)
        guard comps.count >= 2, !comps.contains(where: { $0.isEmpty }) else { return [] }
        let head = comps.dropLast().joined(separator: ".") + "."
        return ElementKind.allCases.filter { $0.rank ?? 0 > 0 }.map { IdGroup($0, head: head) }
    }

    /// The group a removed key frees a number in.
    static func group(ofRemoved key: ElementKey) -> IdGroup? {
        guard !key.kind.isDeclaration, let id = key.id, let (head, last) = split(id), component(last) != nil else { return nil }
        return IdGroup(key.kind, head: ElementKind.normalize(String(head)))
    }

    /// Whether an element of the version has the key id `p` (any kind).
    static func isDeclared(_ p: String, in v: Version) -> Bool {
        for kind in ElementKind.allCases where kind.rank ?? 0 > 0 {
            if v.index[ElementKey(kind, p)] != nil { return true }
        }
        return v.tree.root.map { v.tree[$0].key.id == p } ?? false
    }

    /// One group re-checked: its members among `candidates` (the elements whose ids may
    /// belong to it, in document order) as `collect` finds them, the numbers freed by the
    /// `removed` ids of its kind and head, then `report`. Returns where the group first
    /// appears, `nil` when it has no member. O(candidates × depth).
    @discardableResult
    static func check(_ ctx: VersionContext, group: IdGroup, candidates: [ElementID], removed: [String]) -> GroupOrder? {
        let tree = ctx.tree
        var members: [Member] = []
        // The components of the group's head, for the implied level that falls in it.
        let target: [Substring]? = group.head.hasSuffix(".")
            ? group.head.dropLast().split(separator: ".", omittingEmptySubsequences: false) : nil
        for x in candidates {
            let e = tree[x]
            guard e.kind == group.kind, let id = e.id, let (head, last) = split(id), let (v, letter, width) = component(last) else { continue }
            if ElementKind.normalize(String(head)) == group.head {
                members.append(Member(value: v, letter: letter, element: x, headBytes: head.utf8.count, width: width, shown: id, level: 0))
                continue
            }
            guard let target, !target.contains(where: { $0.isEmpty }) else { continue }
            let comps = id.split(whereSeparator: isSeparator)
            let j = target.count + 1
            guard comps.count >= 3, j < comps.count, zip(target, comps).allSatisfy({ $0 == $1 }) else { continue }
            // The level is implied only between the nearest numbered ancestor and the element.
            var ancestorDepth = 0
            var anc = e.parent
            while let a = anc, tree[a].kind == .contrat || tree[a].id == nil { anc = tree[a].parent }
            if let a = anc, let ak = tree[a].key.id {
                let akComps = ak.split(separator: ".", omittingEmptySubsequences: false)
                guard akComps.count < comps.count, zip(akComps, comps).allSatisfy({ $0 == $1 }) else { continue }
                ancestorDepth = akComps.count
            }
            if j <= ancestorDepth || isDeclared(comps[0..<j].joined(separator: "."), in: ctx.version) { continue }
            guard let (pv, pl, pw) = component(comps[j - 1]) else { continue }
            if let lastMember = members.last, lastMember.value == pv, lastMember.letter == pl { continue }
            let headBytes = id.utf8.distance(from: id.startIndex, to: comps[j - 1].startIndex)
            members.append(Member(value: pv, letter: pl, element: x, headBytes: headBytes, width: pw, shown: id, level: j))
        }
        guard let f = members.first else { return nil }
        var freed = Set<Int>()
        for rid in removed {
            guard let (_, last) = split(rid), let (v, letter, _) = component(last), letter == f.letter else { continue }
            freed.insert(v)
        }
        report(members, freed: freed, ctx)
        return GroupOrder(element: f.element, level: f.level)
    }
}

/// The elements that may belong to each id group, in document order, and the removed ids of
/// each group: made once, from the first version whose avenant adds or removes an element,
/// then kept up to date with each avenant's additions and removals (O(their ids)).
struct IdGroupIndex {
    var candidates: [IdGroup: [ElementID]] = [:]
    var removed: [IdGroup: [String]] = [:]

    init(_ v: Version, preorder: [ElementID]) {
        for x in preorder { for g in NumberingSequence.groups(of: v.tree[x]) { candidates[g, default: []].append(x) } }
        for key in v.removed {
            if let g = NumberingSequence.group(ofRemoved: key), let id = key.id { removed[g, default: []].append(id) }
        }
    }

    /// Forgets elements of `tree` (the version before their removal).
    mutating func remove(_ ids: [ElementID], from tree: ElementTree) {
        var byGroup: [IdGroup: Set<ElementID>] = [:]
        for x in ids { for g in NumberingSequence.groups(of: tree[x]) { byGroup[g, default: []].insert(x) } }
        for (g, gone) in byGroup { candidates[g]?.removeAll { gone.contains($0) } }
    }

    /// Adds elements placed in `tree`, each at its place in document order.
    mutating func add(_ ids: [ElementID], in tree: ElementTree) {
        for x in ids {
            for g in NumberingSequence.groups(of: tree[x]) {
                var list = candidates[g] ?? []
                var lo = 0, hi = list.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if tree.precedes(list[mid], x) { lo = mid + 1 } else { hi = mid }
                }
                list.insert(x, at: lo)
                candidates[g] = list
            }
        }
    }

    /// Records keys newly removed.
    mutating func addRemoved(_ keys: [ElementKey]) {
        for key in keys {
            if let g = NumberingSequence.group(ofRemoved: key), let id = key.id { removed[g, default: []].append(id) }
        }
    }
}
