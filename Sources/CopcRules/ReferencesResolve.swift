import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP201 — every referent (`pilote`, `organisme`, `fournisseur`…) and every plan
/// (`selon PLAN`) is declared, in the file or an annuaire it `utilise`; suggests the nearest
/// name. COP208 — a note for each `à déterminer`.
enum ReferencesResolve: VersionRule {
    static func check(_ ctx: VersionContext) {
        let v = ctx.version
        for id in ctx.elements {
            checkProperties(of: v.tree[id], referents: v.referents, plans: v.plans, reporter: ctx.reporter, removed: v.wasRemoved)
        }
        for e in v.sortedReferents + v.sortedPlans {
            checkProperties(of: e, referents: v.referents, plans: v.plans, reporter: ctx.reporter, removed: v.wasRemoved)
        }
    }

    static func checkProperties(of e: Element, referents: [String: Element], plans: [String: Element], reporter: Reporter,
                                removed: (ElementKind, String) -> Bool = { _, _ in false }) {
        for p in e.properties {
            switch p.value {
            case .referents(let refs):
                for r in refs {
                    guard let id = r.id else {
                        reporter.report(.referentToBeDetermined(role: p.key), at: r.place, subject: e)
                        continue
                    }
                    if referents[id] == nil && !removed(.referent, id) {
                        reporter.report(.undefinedReferent(id, suggestion: reporter.nearest(to: id, among: referents.keys)), at: r.place, subject: e)
                    }
                }
            case .deadline(let d):
                if case .plan(let name) = d.form, plans[name] == nil, !removed(.plan, name) {
                    reporter.report(.undefinedPlan(name, suggestion: reporter.nearest(to: name, among: plans.keys)), at: p.valuePlace, subject: e)
                }
            default: break
            }
        }
    }
}
