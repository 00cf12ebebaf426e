import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP201 — every referent (`pilote`, `organisme`, `fournisseur`…) and every plan
/// (`selon PLAN`) is declared, in the file or an annuaire it `utilise`; suggests the nearest
/// name. COP208 — a note for each `à déterminer`.
enum ReferencesResolve: ElementRule {
    /// Each element, then each référent and plan, against the names the version declares.
    static let scope = RuleScope.element(kinds: nil, context: [.referents, .plans], declarations: true)

    static func check(_ ctx: VersionContext, _ id: ElementID) {
        check(ctx, declaration: ctx.tree[id])
    }

    static func check(_ ctx: VersionContext, declaration e: Element) {
        let v = ctx.version
        checkProperties(of: e, isReferent: { v.referents[$0] != nil }, referentNames: { v.referents.keys },
                        isPlan: { v.plans[$0] != nil }, planNames: { v.plans.keys }, reporter: ctx.reporter, removed: v.wasRemoved)
    }

    /// The same against the declarations an annuaire sees.
    static func checkProperties(of e: Element, referents: [String: Element], plans: [String: Element], reporter: Reporter) {
        checkProperties(of: e, isReferent: { referents[$0] != nil }, referentNames: { Array(referents.keys) },
                        isPlan: { plans[$0] != nil }, planNames: { Array(plans.keys) }, reporter: reporter)
    }

    static func checkProperties(of e: Element, isReferent: (String) -> Bool, referentNames: () -> [String],
                                isPlan: (String) -> Bool, planNames: () -> [String], reporter: Reporter,
                                removed: (ElementKind, String) -> Bool = { _, _ in false }) {
        for p in e.properties {
            switch p.value {
            case .referents(let refs):
                for r in refs {
                    guard let id = r.id else {
                        reporter.report(.referentToBeDetermined(role: p.key), at: r.place, subject: e)
                        continue
                    }
                    if !isReferent(id) && !removed(.referent, id) {
                        reporter.report(.undefinedReferent(id, suggestion: reporter.nearest(to: id, among: referentNames())), at: r.place, subject: e)
                    }
                }
            case .deadline(let d):
                if case .plan(let name) = d.form, !isPlan(name), !removed(.plan, name) {
                    reporter.report(.undefinedPlan(name, suggestion: reporter.nearest(to: name, among: planNames())), at: p.valuePlace, subject: e)
                }
            default: break
            }
        }
    }
}
