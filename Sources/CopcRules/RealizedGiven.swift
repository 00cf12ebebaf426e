import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP602 — every indicator with a set target for the year has its `réalisé` in the bilan
/// (one per label of its targets), or `réalisé : non disponible` with a `motif`. Indicators
/// missing from the bilan are listed once, on the bilan's header.
enum RealizedGiven: BilanRule {
    static func check(_ ctx: BilanContext) {
        var absent: [String] = []
        for id in ctx.indicators {
            let indicator = ctx.tree[id]
            guard let iid = indicator.id else { continue }
            guard let targets = ctx.targets[indicator.key] else { continue }
            guard let r = ctx.report(indicator.key) else {
                if !indicator.isSuppressed(.cop602) { absent.append(iid) }
                continue
            }
            let given = r.realized
            var missing: [String?] = []
            for t in targets where !given.contains(where: { $0.label == t.label }) && !missing.contains(where: { $0 == t.label }) {
                missing.append(t.label)
            }
            // An unlabelled réalisé answers for an indicator whose targets all carry labels
            // only when it is `non disponible` (the value is missing for every label).
            if given.contains(where: { $0.label == nil && $0.value == .unavailable }) { missing.removeAll() }
            if !missing.isEmpty {
                let labels = missing.compactMap { $0 }
                ctx.reporter.report(.missingRealized(indicator: iid, year: ctx.year,
                                                     label: labels.isEmpty ? nil : labels.joined(separator: ", ")),
                                    at: r.namePlace, subject: r)
            }
        }
        for r in ctx.bilan.reports where r.kind == .indicateur && !r.has(.motif) {
            for (_, p, value) in r.realized where value == .unavailable {
                ctx.reporter.report(.unavailableWithoutMotif, at: p.valuePlace, subject: r)
            }
        }
        if !absent.isEmpty {
            ctx.reporter.report(.missingRealizedAbsent(indicators: absent, year: ctx.year), at: ctx.bilan.header.namePlace,
                                subject: ctx.bilan.header)
        }
    }
}
