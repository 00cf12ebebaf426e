import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP201 inside annuaires: a `rattachement` or a plan's `pilote` names a declared referent.
enum AnnuaireReferences {
    static func check(_ ws: Workspace, reporter: Reporter) {
        for f in ws.files where f.kind == .annuaire {
            let visible = ws.visibleDeclarations(of: f)
            for e in f.declarations {
                ReferencesResolve.checkProperties(of: e, referents: visible.referents, plans: visible.plans, reporter: reporter)
            }
        }
    }
}
