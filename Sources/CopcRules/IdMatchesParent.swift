import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcLanguage

/// COP202 — under hierarchical numbering, a dotted id starts with the id of its nearest
/// numbered ancestor (axe, objectif or sous-objectif): indicator `8.a` under objective `7`
/// is misfiled. `-` and `.` are the same separator. Ids without separator are free.
enum IdMatchesParent: VersionRule {
    static func check(_ ctx: VersionContext) {
        guard ctx.version.isHierarchical else { return }
        ctx.version.root.forEach { e in
            guard e.kind.rank ?? 0 >= 2, let key = e.key, key.contains("."),
                  key.first?.isNumber == true else { return }
            var a = e.parent
            while let x = a, x.kind != .contrat, x.id == nil { a = x.parent }
            guard let anc = a, anc.kind != .contrat, let akey = anc.key,
                  let firstComponent = akey.split(separator: ".").first,
                  firstComponent.allSatisfy({ $0.isASCII && $0.isNumber }) else { return }
            if !key.hasPrefix(akey + ".") {
                ctx.reporter.report(.inconsistentId(kind: e.kind, id: e.id!, parentKind: anc.kind, parentId: anc.id!),
                                    at: e.idSpan ?? e.span, subject: e, notes: [Note(.parentHere, at: anc.idSpan ?? anc.span)])
            }
        }
    }
}
