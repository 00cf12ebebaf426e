import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP301 and COP400 on `moyens ANNÉE : VALEUR` (contract, axe, objective): the year lies in
/// the contract period, and the value is money or a number (`nombre`, or a bare number).
enum ResourcesChecked: ElementRule {
    /// The kinds that accept `moyens` (`ElementKind.keys`).
    static let kinds = ElementKind.allCases.filter { $0.keys.contains(.moyens) }

    /// Each element that accepts `moyens`, against the version's period.
    static let scope = RuleScope.element(kinds: kinds, context: [.period])

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        let period = ctx.period
        let e = ctx.tree[id]
        for p in e.properties where p.key == .moyens {
            guard case .resources(let q) = p.value else { continue }
            if let y = p.year, let period, !period.years.contains(y) {
                ctx.reporter.report(.resourcesYearOutsidePeriod(year: y, period: period), at: p.place, subject: e,
                                    notes: ctx.periodNote)
            }
            if let u = q.unit, u.dimension != .money, u.dimension != .count {
                ctx.reporter.report(.resourcesUnit(u), at: p.valuePlace, subject: e)
            }
        }
    }
}
