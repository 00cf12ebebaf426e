import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP209 — an avenant or a bilan names a contract that no file declares (suggests the nearest
/// id), or one declared only outside its folder (`Membership`: names that declaration).
enum UnknownContract {
    static func check(_ ws: Workspace, reporter: Reporter) {
        let ids = ws.contracts.compactMap(\.id)
        for av in ws.orphanAvenants + ws.orphanBilans {
            guard let ref = av.contractRef, let place = av.contractRefPlace else { continue }
            if let declaration = ws.declaredElsewhere[av.file] {
                reporter.report(.contractDeclaredElsewhere(ref), at: place, subject: av.header, notes: [reporter.note(.declaredHere, at: declaration)])
                continue
            }
            reporter.report(.unknownContract(ref, suggestion: reporter.nearest(to: ref, among: ids)), at: place, subject: av.header)
        }
    }
}
