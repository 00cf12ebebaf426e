import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema

/// COP201 — every referent (`pilote`, `organisme`, `fournisseur`…) and every plan
/// (`selon PLAN`) is declared, in the file or an annuaire it `utilise`; suggests the nearest
/// name. COP208 — a note for each `à déterminer`.
enum ReferencesResolve: VersionRule {
    static func check(_ ctx: VersionContext) {
        let v = ctx.version
        let holders = v.elements + v.referents.values.sorted { $0.id! < $1.id! } + v.plans.values.sorted { $0.id! < $1.id! }
        for e in holders {
            checkProps(of: e, referents: v.referents, plans: v.plans, reporter: ctx.reporter, removed: v.wasRemoved)
        }
    }

    static func checkProps(of e: Element, referents: [String: Element], plans: [String: Element], reporter: Reporter,
                           removed: (ElementKind, String) -> Bool = { _, _ in false }) {
        for p in e.props {
            switch p.value {
            case .referents(let refs):
                for r in refs {
                    let span = SourceSpan(p.span.file, r.range)
                    guard let id = r.id else {
                        reporter.report(.referentToBeDetermined(role: roleName(p.key)), at: span, subject: e)
                        continue
                    }
                    if referents[id] == nil && !removed(.referent, id) {
                        reporter.report(.undefinedReferent(id, suggestion: reporter.nearest(to: id, among: referents.keys)), at: span, subject: e)
                    }
                }
            case .deadline(let d):
                if case .plan(let name) = d.form, plans[name] == nil, !removed(.plan, name) {
                    reporter.report(.undefinedPlan(name, suggestion: reporter.nearest(to: name, among: plans.keys)), at: p.valueSpan, subject: e)
                }
            default: break
            }
        }
    }

    static func roleName(_ key: String) -> String {
        switch key {
        case "pilote": return "pilote"
        case "co-pilote": return "co-pilote"
        case "referent": return "référent"
        case "fournisseur": return "fournisseur"
        case "organisme": return "organisme"
        case "signataires": return "signataire"
        case "rattachement": return "rattachement"
        default: return key
        }
    }
}

/// COP201 inside annuaires: a `rattachement` or a plan's `pilote` names a declared referent.
enum AnnuaireReferences {
    static func check(_ ws: Workspace, files: [FileModel], reporter: Reporter) {
        for f in files where f.kind == .annuaire {
            let visible = ws.visibleDeclarations(of: f)
            for e in f.declarations {
                ReferencesResolve.checkProps(of: e, referents: visible.referents, plans: visible.plans, reporter: reporter)
            }
        }
    }
}

/// COP209 — an avenant names a contract that no file declares; suggests the nearest id.
enum UnknownContract {
    static func check(_ ws: Workspace, reporter: Reporter) {
        let ids = ws.units.compactMap(\.id)
        for av in ws.orphanAvenants {
            guard let ref = av.contractRef, let span = av.contractRefSpan else { continue }
            reporter.report(.unknownContract(ref, suggestion: reporter.nearest(to: ref, among: ids)), at: span, subject: av.root)
        }
    }
}
