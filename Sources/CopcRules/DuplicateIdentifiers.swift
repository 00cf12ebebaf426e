import CopcSyntax
import CopcDiagnostics
import CopcSema

/// COP200 — identifiers are unique per kind within one contract version (`2-1` and `2.1` are
/// the same id). The note points at the first declaration.
enum DuplicateIdentifiers: VersionRule {
    static func check(_ ctx: VersionContext) {
        var first: [String: Element] = [:]
        ctx.version.root.forEach { e in
            guard e.kind != .contrat, let key = e.key else { return }
            let k = e.kind.rawValue + "|" + key
            if let f = first[k] {
                ctx.reporter.report(.duplicateIdentifier(kind: e.kind.keyword, id: e.id!), at: e.idSpan ?? e.span, subject: e,
                                    notes: [Note(.firstDeclaration, at: f.idSpan ?? f.span)])
            } else {
                first[k] = e
            }
        }
    }
}
