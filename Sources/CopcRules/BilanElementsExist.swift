import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP600 — a bilan's `indicateur ID` and `action ID` blocks name elements of the version in
/// force on 31 December of its year (suggesting the nearest id), its year lies within that
/// version's period, and an `état (LIBELLÉ)` names a labelled `délai` of its action.
enum BilanElementsExist: BilanRule {
    static func check(_ ctx: BilanContext) {
        if let period = ctx.version.period, !period.years.contains(ctx.year) {
            ctx.reporter.report(.bilanYearOutsidePeriod(year: ctx.year, period: period), at: ctx.bilan.header.namePlace,
                                subject: ctx.bilan.header,
                                notes: ctx.version.periodProperty.map { [ctx.reporter.note(.periodDeclared, at: $0.place)] } ?? [])
        }
        var ids: [ElementKind: [String]] = [:]
        for r in ctx.bilan.reports where ctx.versionIndex(r.key) == nil {
            if ids[r.kind] == nil {
                ids[r.kind] = (r.kind == .indicateur ? ctx.indicators : ctx.actions).compactMap { ctx.tree[$0].id }
            }
            let id = r.id ?? ""
            ctx.reporter.report(.bilanUnknownElement(kind: r.kind, id: id, version: ctx.version.number,
                                                     suggestion: ctx.reporter.nearest(to: id, among: ids[r.kind]!)),
                                at: r.namePlace, subject: r)
        }
        for r in ctx.bilan.reports where r.kind == .action {
            let states = r.deadlineStates
            guard !states.isEmpty, let action = ctx.reported(r) else { continue }
            let labels = action.properties.compactMap { $0.key == .delai ? $0.label : nil }
            for s in states where !labels.contains(s.label) {
                ctx.reporter.report(.bilanUnknownDeadlineLabel(action: action.id ?? "", label: s.label, labels: labels),
                                    at: s.property.keyPlace, subject: r)
            }
        }
    }
}
