import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP203 (gap) and COP204 (out of order) — elements of one kind are grouped by prefix (the id
/// without its last component; `A` for `A053`); in a group the last components run 1, 2, 3… or
/// a, b, c… in document order, without holes between the numbers present. `1.e.1` also stands for `1.e` in group `1` when no element is
/// `1.e`, so that a missing `1.d` is seen. Suffixes `bis`, `ter` are ignored.
enum NumberingSequence: VersionRule {
    struct Member {
        let value: Int
        let letter: Bool
        let element: ElementID
        /// The id text before the last component (`1.`, `A`, `TF-`), and the digits' width.
        let head: String
        let width: Int
        let shown: String
    }

    static func split(_ id: String) -> (head: String, last: Substring)? {
        if let sep = id.lastIndex(where: { $0 == "." || $0 == "-" }) {
            let last = id[id.index(after: sep)...]
            return last.isEmpty ? nil : (String(id[...sep]), last)
        }
        return (String(id.prefix { !$0.isNumber }), id.drop { !$0.isNumber })
    }

    static func component(_ s: Substring) -> (Int, Bool, Int)? {
        var core = s
        for suffix in ["quater", "bis", "ter"] where core.count > suffix.count && core.hasSuffix(suffix) {
            core = core.dropLast(suffix.count)
        }
        // Width matters only for zero-padded numbers (A054), not for OS-9 beside OS-10.
        if !core.isEmpty, core.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return (Int(core) ?? 0, false, core.count > 1 && core.first == "0" ? core.count : 0)
        }
        if core.count == 1, let c = core.first, c.isASCII, c.isLowercase { return (Int(c.asciiValue! - 96), true, 1) }
        return nil
    }

    static func format(_ m: Member, _ value: Int) -> String {
        if m.letter { return m.head + String(UnicodeScalar(UInt8(96 + max(1, min(26, value))))) }
        let s = String(value)
        return m.head + String(repeating: "0", count: max(0, m.width - s.count)) + s
    }

    /// A group of siblings in numbering: one kind, one id prefix (`1.`, `A`, `TF.`).
    struct Group: Hashable {
        let kind: ElementKind
        let head: String
    }

    static func check(_ ctx: VersionContext) {
        var groups: [Group: [Member]] = [:]
        var order: [Group] = []
        let tree = ctx.tree
        var allKeys = Set<String>()
        for id in ctx.elements { if let k = tree[id].key.id { allKeys.insert(k) } }
        func add(_ groupKey: Group, _ m: Member) {
            if groups[groupKey] == nil { order.append(groupKey) }
            groups[groupKey, default: []].append(m)
        }
        for eid in ctx.elements {
            let e = tree[eid]
            guard e.kind != .contrat, let id = e.id, let (head, last) = split(id), let (v, letter, width) = component(last) else { continue }
            let normHead = ElementKind.normalize(head)
            add(Group(kind: e.kind, head: normHead), Member(value: v, letter: letter, element: eid, head: head, width: width, shown: id))
            // Implied intermediate ids: 1.e.1 stands for 1.e when 1.e is not declared.
            let comps = id.split(whereSeparator: { $0 == "." || $0 == "-" })
            if comps.count >= 3 {
                // The level is implied only when it sits between the nearest numbered ancestor
                // and the element (1.e.1 under objectif 1), not beside it (1.2.1 under 1.1).
                var anc = e.parent
                while let a = anc, tree[a].kind != .contrat, tree[a].id == nil { anc = tree[a].parent }
                let ancestorKey = anc.flatMap { tree[$0].kind == .contrat ? nil : tree[$0].key.id }
                for j in 2..<comps.count {
                    let prefixKey = comps[0..<j].joined(separator: ".")
                    if allKeys.contains(prefixKey) { continue }
                    if let ak = ancestorKey, !prefixKey.hasPrefix(ak + ".") { continue }
                    guard let (pv, pl, pw) = component(comps[j - 1]) else { continue }
                    let gk = Group(kind: e.kind, head: comps[0..<(j - 1)].joined(separator: ".") + ".")
                    if let lastMember = groups[gk]?.last, lastMember.value == pv, lastMember.letter == pl { continue }
                    let h = comps[0..<(j - 1)].joined(separator: ".") + "."
                    add(gk, Member(value: pv, letter: pl, element: eid, head: h, width: pw, shown: id))
                }
            }
        }
        for gk in order {
            let members = groups[gk]!
            guard let f = members.first, members.allSatisfy({ $0.letter == f.letter }) else { continue }
            let kind = tree[f.element].kind
            // Out of order.
            var maxSoFar = f
            for m in members.dropFirst() {
                if m.value < maxSoFar.value {
                    ctx.reporter.report(.numberingOrder(kind: kind, id: m.shown, after: maxSoFar.shown),
                                        at: tree[m.element].namePlace, subject: tree[m.element])
                } else {
                    maxSoFar = m
                }
            }
            // Gaps between present numbers (a group may start anywhere: `objectif 7` alone is fine).
            // A number freed by an avenant's `supprimer` is not a hole.
            var present = Set(members.map(\.value))
            if let lo = present.min(), let hi = present.max() {
                for v in lo...hi where !present.contains(v) && ctx.version.wasRemoved(kind, format(f, v)) {
                    present.insert(v)
                }
            }
            let sorted = present.sorted()
            var previous = sorted.first ?? 0
            for v in sorted.dropFirst() {
                if v > previous + 1 {
                    let at = members.first { $0.value == v }!
                    let missing = ((previous + 1)..<v).map { format(at, $0) }
                    let shown = missing.count > 12 ? Array(missing.prefix(12)) + ["…"] : missing
                    ctx.reporter.report(.numberingGap(kind: kind, id: at.shown, missing: shown),
                                        at: tree[at.element].namePlace, subject: tree[at.element])
                }
                previous = v
            }
        }
    }
}
