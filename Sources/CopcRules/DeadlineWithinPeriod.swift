import CopcSyntax
import CopcDiagnostics
import CopcSema
import CopcLanguage

/// COP300 — every deadline and step of an action denotes a window (design §3.4) that lies
/// inside the contract period; `tout au long du contrat` follows the period of each version.
/// COP307 — a deadline still `à préciser`.
enum DeadlineWithinPeriod: VersionRule {
    static func check(_ ctx: VersionContext) {
        ctx.version.root.forEach { e in
            guard e.kind == .action else { return }
            for p in e.props where p.key == .delai || p.key == .etape {
                guard case .deadline(let d) = p.value else { continue }
                let ref = DeadlineRef(action: e.ref, stepTitle: p.key == .etape ? (p.stepTitle ?? "") : nil, label: p.label, text: d.text)
                if case .toBeSpecified = d.form {
                    ctx.reporter.report(.deadlineToBeSpecified(ref), at: p.valueSpan, subject: e)
                    continue
                }
                guard let period = ctx.period, let w = d.window(period: period, planPeriod: ctx.planPeriod) else { continue }
                if w.end > period.end || w.start < period.start {
                    ctx.reporter.report(.deadlineOutsidePeriod(ref, window: w, period: period, after: w.end > period.end),
                                        at: p.valueSpan, subject: e, notes: ctx.periodNote)
                }
            }
        }
    }
}
