import CopcSyntax
import CopcDiagnostics
import CopcSema

/// COP500 / COP501 — an objective (or sub-objective) has at least one indicator / action in
/// its subtree. A sub-objective is not reported again when its objective already is.
///
/// The subtrees holding an indicator (an action) are marked once per version, from each
/// indicator (action) up to the first ancestor already marked: O(elements), whatever the depth.
enum ObjectiveCoverage: VersionRule {
    /// The elements having an element of `kind` strictly below them.
    static func holders(of kind: ElementKind, in root: Element) -> Set<ObjectIdentifier> {
        var marked = Set<ObjectIdentifier>()
        root.forEach { e in
            guard e.kind == kind else { return }
            var x = e.parent
            while let y = x, marked.insert(ObjectIdentifier(y)).inserted { x = y.parent }
        }
        return marked
    }

    static func check(_ ctx: VersionContext) {
        let withIndicator = holders(of: .indicateur, in: ctx.version.root)
        let withAction = holders(of: .action, in: ctx.version.root)
        ctx.version.root.forEach { e in
            guard e.kind == .objectif || e.kind == .sousObjectif else { return }
            let parentObjective = e.kind == .sousObjectif ? e.parent : nil
            for (marked, message) in [(withIndicator, Message.noIndicator(kind: e.kind.keyword, id: e.label)),
                                      (withAction, Message.noAction(kind: e.kind.keyword, id: e.label))] {
                guard !marked.contains(ObjectIdentifier(e)) else { continue }
                if let po = parentObjective, !marked.contains(ObjectIdentifier(po)) { continue }
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
            func piloted(_ x: Element) -> Bool { x.first("pilote") != nil || x.first("referent") != nil }
            if piloted(e) { return }
            if let axe = e.parent, axe.kind == .axe, piloted(axe) { return }
            ctx.reporter.report(.noPilot(id: e.label), at: e.idSpan ?? e.span, subject: e)
        }
    }
}
