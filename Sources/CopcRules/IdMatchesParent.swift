import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP202 — under hierarchical numbering, a dotted id starts with the id of its nearest
/// numbered ancestor (axe, objectif or sous-objectif): indicator `8.a` under objective `7`
/// is misfiled. `-` and `.` are the same separator. Ids without separator are free.
enum IdMatchesParent: VersionRule {
    static func check(_ ctx: VersionContext) {
        guard ctx.version.isHierarchical else { return }
        let tree = ctx.tree
        for id in ctx.elements {
            let e = tree[id]
            guard e.kind.rank ?? 0 >= 2, let key = e.key.id, key.contains("."),
                  key.first?.isNumber == true else { continue }
            // The nearest ancestor with an id (or the contract).
            var anc = e.parent
            while let a = anc, tree[a].kind != .contrat, tree[a].id == nil { anc = tree[a].parent }
            guard let a = anc else { continue }
            let ancestor = tree[a]
            guard ancestor.kind != .contrat, let akey = ancestor.key.id,
                  let firstComponent = akey.split(separator: ".").first,
                  firstComponent.allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
            if !key.hasPrefix(akey + ".") {
                ctx.reporter.report(.inconsistentId(kind: e.kind, id: e.id!, parentKind: ancestor.kind, parentId: ancestor.id!),
                                    at: e.namePlace, subject: e, notes: [ctx.reporter.note(.parentHere, at: ancestor.namePlace)])
            }
        }
    }
}
