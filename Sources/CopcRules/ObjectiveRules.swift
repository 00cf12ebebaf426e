import CopcSyntax
import CopcDiagnostics
import CopcSema
import CopcLanguage

/// COP500 / COP501 — an objective (or sub-objective) has at least one indicator / action in
/// its subtree. A sub-objective is not reported again when its objective already is.
enum ObjectiveCoverage: VersionRule {
    static func has(_ kind: ElementKind, in e: Element) -> Bool {
        e.children.contains { $0.kind == kind || has(kind, in: $0) }
    }

    static func check(_ ctx: VersionContext) {
        ctx.version.root.forEach { e in
            guard e.kind == .objectif || e.kind == .sousObjectif else { return }
            let parentObjective = e.kind == .sousObjectif ? e.parent : nil
            for (kind, message) in [(ElementKind.indicateur, Message.noIndicator(e.ref)),
                                    (ElementKind.action, Message.noAction(e.ref))] {
                guard !has(kind, in: e) else { continue }
                if let po = parentObjective, !has(kind, in: po) { continue }
                ctx.reporter.report(message, at: e.idSpan ?? e.span, subject: e)
            }
        }
    }
}

/// COP502 — an objective names a `pilote` or a `référent` (itself or its axe).
enum ObjectiveHasPilot: VersionRule {
    static func check(_ ctx: VersionContext) {
        ctx.version.root.forEach { e in
            guard e.kind == .objectif else { return }
            func piloted(_ x: Element) -> Bool { x.first(.pilote) != nil || x.first(.referent) != nil }
            if piloted(e) { return }
            if let axe = e.parent, axe.kind == .axe, piloted(axe) { return }
            ctx.reporter.report(.noPilot(e.ref), at: e.idSpan ?? e.span, subject: e)
        }
    }
}
