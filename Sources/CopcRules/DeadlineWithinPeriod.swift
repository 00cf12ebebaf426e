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
                // Worded only when reported.
                var what: String {
                    if p.key == .etape { return "l'étape « \(p.stepTitle ?? "") » de \(e.displayName)" }
                    return "le délai" + (p.label.map { " (\($0))" } ?? "") + " « \(d.text) » de \(e.displayName)"
                }
                if case .toBeSpecified = d.form {
                    let subject = p.key == .etape ? what : "le délai" + (p.label.map { " (\($0))" } ?? "") + " de \(e.displayName)"
                    ctx.reporter.report(.deadlineToBeSpecified(what: subject.prefix(1).uppercased() + subject.dropFirst()), at: p.valueSpan, subject: e)
                    continue
                }
                guard let period = ctx.period, let w = d.window(period: period, planPeriod: ctx.planPeriod) else { continue }
                if w.end > period.end || w.start < period.start {
                    let msg = Message.deadlineOutsidePeriod(what: what.prefix(1).uppercased() + what.dropFirst(), window: w.description,
                                                            period: period.description, after: w.end > period.end)
                    ctx.reporter.report(msg, at: p.valueSpan, subject: e, notes: ctx.periodNote)
                }
            }
        }
    }
}
