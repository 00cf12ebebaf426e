import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP300 — every deadline and step of an action denotes a window (design §3.4) that lies
/// inside the contract period; `tout au long du contrat` follows the period of each version.
/// COP307 — a deadline still `à préciser` in the version in force at the `--au` date (as
/// COP303): once an avenant in force sets it, it is no longer reported.
enum DeadlineWithinPeriod: VersionRule {
    static func check(_ ctx: VersionContext) {
        for id in ctx.elements(.action) {
            let e = ctx.tree[id]
            for i in e.properties.indices where e.properties[i].key == .delai || e.properties[i].key == .etape {
                guard case .deadline(let d) = e.properties[i].value else { continue }
                // Worded (and its text decoded) only when reported.
                func ref() -> DeadlineRef {
                    let p = e.properties[i]
                    return DeadlineRef(action: e.ref, stepTitle: p.key == .etape ? (p.stepTitle ?? "") : nil, label: p.label,
                                       text: ctx.text(p.valuePlace))
                }
                let at = e.properties[i].valuePlace
                if case .toBeSpecified = d.form {
                    if ctx.inForce { ctx.reporter.report(.deadlineToBeSpecified(ref()), at: at, subject: e) }
                    continue
                }
                guard let period = ctx.period, let w = ctx.window(of: d) else { continue }
                if w.end > period.end || w.start < period.start {
                    ctx.reporter.report(.deadlineOutsidePeriod(ref(), window: w, period: period, after: w.end > period.end),
                                        at: at, subject: e, notes: ctx.periodNote)
                }
            }
        }
    }
}
