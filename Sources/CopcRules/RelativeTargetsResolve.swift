import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP103 — a target relative to another year (`+2 points`, `+5 % par an`, `maintien`,
/// `+10 % par rapport à 2023`) can be calculated: the year it derives from has a target with a
/// number (or, for the first year of the period, the indicator has a `base`). Judged on the
/// version in force at the `--au` date, as COP302: an avenant that sets the missing target
/// mends the chain. `≥ N-1` is not reported (the bilan resolves it), nor a target derived from
/// one already reported; a target relative to the base without a base is COP401.
enum RelativeTargetsResolve: ElementRule {
    /// Each indicator, against the version's period (reported for the version in force only).
    static let scope = RuleScope.element(kinds: [.indicateur], context: [.period])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let chain = ctx.chain(of: id)
        guard chain.hasRelative else { return }
        let e = ctx.tree[id]
        for i in e.properties.indices {
            guard case .broken(let b) = chain[property: i], let year = e.properties[i].year else { continue }
            let gap: RelativeTargetGap
            switch b {
            case .missingTarget(let y): gap = .missingTarget(year: y)
            case .targetWithoutNumber(let y, _):
                let written = e.properties.first { $0.key == .cible && $0.year == y }.map { ctx.text($0.valuePlace) } ?? ""
                gap = .targetWithoutNumber(year: y, status: written)
            case .missingBase:
                if case .target(.relative) = e.properties[i].value { continue } // COP401
                gap = .missingBase
            case .referenceNotEarlier(let y): gap = .referenceNotEarlier(year: y)
            }
            ctx.reporter.report(.unresolvedRelativeTarget(written: ctx.text(e.properties[i].valuePlace), year: year, gap: gap),
                                at: e.properties[i].valuePlace, subject: e)
        }
    }
}
