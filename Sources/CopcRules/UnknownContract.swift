import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP209 — an avenant or a bilan names a contract that no file declares; suggests the nearest id.
enum UnknownContract {
    static func check(_ ws: Workspace, reporter: Reporter) {
        let ids = ws.contracts.compactMap(\.id)
        for av in ws.orphanAvenants + ws.orphanBilans {
            guard let ref = av.contractRef, let place = av.contractRefPlace else { continue }
            reporter.report(.unknownContract(ref, suggestion: reporter.nearest(to: ref, among: ids)), at: place, subject: av.header)
        }
    }
}
