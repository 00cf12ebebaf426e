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
/// Cost: O(total length of the ids + m log m) per version, whatever the numbers: a gap is
/// measured by subtraction and named as a range when long (`2 à 999 999 999`), never
/// enumerated; the prefixes of long dotted ids are interned component by component.
enum NumberingSequence: VersionRule {
    struct Member {
        let value: Int
        let letter: Bool
        let element: ElementID
        /// The id text before the last component (`1.`, `A`, `TF-`), and the digits' width.
        let head: Substring
        let width: Int
        /// The element's id, as written.
        let shown: String
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
        if grouped && w == 0 && m.head.isEmpty && s.count >= 5 { return groupThousands(s) }
        return m.head + String(repeating: "0", count: max(0, w - s.count)) + s
    }

    /// `999999999` → `999 999 999`.
    static func groupThousands(_ digits: String) -> String {
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out += " " }
            out.append(c)
        }
        return out
    }

    /// The group key of a regular member: the trie node of its head when an implied level
    /// uses it (so that `1.e` and the `1.e` implied by `1.e.1` meet), the normalised text
    /// otherwise (the two never name the same head: an interned head always gets its node).
    static func groupKey(_ kind: ElementKind, head: Substring, _ prefixes: Prefixes) -> GroupKey {
        let norm = ElementKind.normalize(String(head))
        if norm.hasSuffix("."), !prefixes.nodes.isEmpty {
            let comps = norm.dropLast().split(separator: ".", omittingEmptySubsequences: false)
            if !comps.contains(where: \.isEmpty), let n = prefixes.lookup(comps) { return GroupKey(kind: kind, head: .node(n)) }
        }
        return GroupKey(kind: kind, head: .text(norm))
    }

    static func check(_ ctx: VersionContext) {
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
                if comps.count >= 2, !comps.contains(where: \.isEmpty), let n = prefixes.lookup(comps) { declared.insert(n) }
            }
        }
        func add(_ gk: GroupKey, _ m: Member) {
            if groups[gk] == nil { order.append(gk) }
            groups[gk, default: []].append(m)
        }
        for x in ctx.elements {
            let e = tree[x]
            guard e.kind != .contrat, let id = e.id, let (head, last) = split(id), let (v, letter, width) = component(last) else { continue }
            add(groupKey(e.kind, head: head, prefixes), Member(value: v, letter: letter, element: x, head: head, width: width, shown: id))
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
                add(gk, Member(value: pv, letter: pl, element: x, head: head, width: pw, shown: id))
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
        for gk in order {
            let members = groups[gk]!
            guard let f = members.first, members.allSatisfy({ $0.letter == f.letter }) else { continue }
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
            let released = (freed[gk] ?? []).subtracting(present).sorted()
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
    }

    /// Up to this many missing numbers are listed one by one; more are named as a range.
    static let listedMissing = 12
}
