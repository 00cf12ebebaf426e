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
        let v = ctx.version
        checkProperties(of: v.tree[id], referents: v.referents, plans: v.plans, reporter: ctx.reporter, removed: v.removed)
    }

    static func check(_ ctx: VersionContext, declaration e: Element) {
        let v = ctx.version
        checkProperties(of: e, referents: v.referents, plans: v.plans, reporter: ctx.reporter, removed: v.removed)
    }

    /// `removed`: the référents and plans an avenant removed (a use of one is COP207, reported
    /// by the consolidation).
    static func checkProperties<Names: DeclaredNames>(of e: Element, referents: Names, plans: Names, reporter: Reporter,
                                                      removed: SharedSet<ElementKey> = SharedSet()) {
        for p in e.properties {
            switch p.value {
            case .referents(let refs):
                for r in refs {
                    guard let id = r.id else {
                        reporter.report(.referentToBeDetermined(role: p.key), at: r.place, subject: e)
                        continue
                    }
                    if !referents.declares(id) && (removed.isEmpty || !removed.contains(ElementKey(.referent, id))) {
                        reporter.report(.undefinedReferent(id, suggestion: reporter.nearest(to: id, count: referents.count) { referents.names }),
                                        at: r.place, subject: e)
                    }
                }
            case .deadline(let d):
                if case .plan(let name) = d.form, !plans.declares(name), removed.isEmpty || !removed.contains(ElementKey(.plan, name)) {
                    reporter.report(.undefinedPlan(name, suggestion: reporter.nearest(to: name, count: plans.count) { plans.names }),
                                    at: p.valuePlace, subject: e)
                }
            default: break
            }
        }
    }
}

/// The référents or plans a check knows, by id: a version's, or those an annuaire sees.
protocol DeclaredNames {
    func declares(_ id: String) -> Bool
    var count: Int { get }
    /// Every id (listed only for a suggestion).
    var names: [String] { get }
}

extension SharedMap: DeclaredNames where Key == String {
    func declares(_ id: String) -> Bool { self[id] != nil }
    var names: [String] { keys }
}

extension Dictionary: DeclaredNames where Key == String {
    func declares(_ id: String) -> Bool { self[id] != nil }
    var names: [String] { Array(keys) }
}
