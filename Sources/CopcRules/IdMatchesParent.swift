import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP202 — under hierarchical numbering, a dotted id starts with the id of its nearest
/// numbered ancestor (axe, objectif or sous-objectif): indicator `8.a` under objective `7`
/// is misfiled. `-` and `.` are the same separator. Ids without separator are free.
enum IdMatchesParent: ElementRule {
    /// Each element (its id and its ancestors' never change), under the version's numbering.
    static let scope = RuleScope.element(kinds: nil, context: [.numbering])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        guard ctx.isHierarchical else { return }
        let tree = ctx.tree
        let e = tree[id]
        guard e.kind.rank ?? 0 >= 2, let key = e.key.id, isDottedNumber(key) else { return }
        // The nearest ancestor with an id (or the contract).
        var anc = e.parent
        while let a = anc, tree[a].kind != .contrat, tree[a].id == nil { anc = tree[a].parent }
        guard let a = anc else { return }
        let ancestor = tree[a]
        guard ancestor.kind != .contrat, let akey = ancestor.key.id, startsWithNumber(akey) else { return }
        if !hasComponentPrefix(key, akey) {
            ctx.reporter.report(.inconsistentId(kind: e.kind, id: e.id!, parentKind: ancestor.kind, parentId: ancestor.id!),
                                at: e.namePlace, subject: e, notes: [ctx.reporter.note(.parentHere, at: ancestor.namePlace)])
        }
    }

    // Ids are read as bytes when ASCII (all of them in practice), as characters otherwise.

    /// A key with a `.` whose first character is a digit (`1.2`, `8.a`).
    static func isDottedNumber(_ key: String) -> Bool {
        let u = key.utf8
        guard let first = u.first, u.contains(UInt8(ascii: ".")) else { return false }
        if first < 0x80 { return first &- 0x30 < 10 }
        return key.first?.isNumber == true
    }

    /// Whether the first component of a key (before its first `.`, empty ones skipped) is
    /// made of ASCII digits.
    static func startsWithNumber(_ akey: String) -> Bool {
        // The first non-empty dot-separated component is all digits (found without splitting).
        let u = akey.utf8
        var i = u.startIndex
        while i < u.endIndex && u[i] == UInt8(ascii: ".") { i = u.index(after: i) }
        guard i < u.endIndex else { return false }
        while i < u.endIndex && u[i] != UInt8(ascii: ".") {
            if u[i] &- 0x30 >= 10 { return false }
            i = u.index(after: i)
        }
        return true
    }

    /// `key` starts with `akey` followed by a `.`.
    static func hasComponentPrefix(_ key: String, _ akey: String) -> Bool {
        let k = key.utf8, a = akey.utf8
        if k.allSatisfy({ $0 < 0x80 }) {
            return k.count > a.count && k.starts(with: a) && k[k.index(k.startIndex, offsetBy: a.count)] == UInt8(ascii: ".")
        }
        return key.hasPrefix(akey + ".")
    }
}
