import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP605 — a `finalisé` action says `achevé le`, a day within the bilan's year and not after
/// its `établi le`.
enum CompletionDated: BilanRule {
    static func check(_ ctx: BilanContext) {
        let established = ctx.bilan.established
        for r in ctx.bilan.reports where r.kind == .action {
            guard let done = r.first(.acheveLe), case .date(let d) = done.value else {
                if r.actionState == .done {
                    ctx.reporter.report(.doneWithoutDate(action: r.id ?? ""), at: r.first(.etat)?.place ?? r.namePlace, subject: r)
                }
                continue
            }
            if let established, d > established {
                ctx.reporter.report(.completedAfterEstablished(date: d, established: established), at: done.valuePlace, subject: r)
            } else if d.year != ctx.year {
                ctx.reporter.report(.completedOutsideYear(date: d, year: ctx.year), at: done.valuePlace, subject: r)
            }
        }
    }
}
