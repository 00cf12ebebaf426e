import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP604 — an action whose last deadline ended on or before 31 December of the year is
/// `finalisé`, or `reporté` with a `nouveau délai`; actions missing from the bilan are listed
/// once on its header (unless an earlier bilan reported it `finalisé`); `reporté` always
/// needs a `nouveau délai`.
enum ActionsOnTime: BilanRule {
    static func check(_ ctx: BilanContext) {
        var absent: [String] = []
        let end = ctx.yearEnd
        for id in ctx.actions {
            let action = ctx.tree[id]
            guard let aid = action.id, let due = ctx.due(action), due <= end else { continue }
            guard let r = ctx.report(action.key) else {
                if !action.isSuppressed(.cop604) && !ctx.doneBefore.contains(action.key) { absent.append(aid) }
                continue
            }
            let state = r.actionState
            if state == .done || state == .postponed { continue }
            ctx.reporter.report(.actionLate(action: aid, due: due, state: state), at: r.first(.etat)?.place ?? r.namePlace, subject: r)
        }
        for r in ctx.bilan.reports where r.kind == .action && r.actionState == .postponed && !r.has(.nouveauDelai) {
            ctx.reporter.report(.postponedWithoutNewDeadline(action: r.id ?? ""), at: r.first(.etat)?.place ?? r.namePlace, subject: r)
        }
        if !absent.isEmpty {
            ctx.reporter.report(.actionsLateAbsent(actions: absent, year: ctx.year), at: ctx.bilan.header.place,
                                subject: ctx.bilan.header)
        }
    }
}
