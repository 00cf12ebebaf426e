import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP210 — `succède à` names a contract of the workspace, other than itself (suggests the
/// nearest id). COP211 — the contract starts after the end of the one it renews, both read in
/// their latest version. One lookup per contract: linear.
enum Succession {
    static func check(_ ws: Workspace, reporter: Reporter) {
        var byId: [String: Contract] = [:]
        for c in ws.contracts { if let id = c.id, byId[id] == nil { byId[id] = c } }
        for c in ws.contracts {
            guard let latest = c.versions.last, let p = latest.header.first(.succedeA),
                  case .contractId(let id) = p.value else { continue }
            let header = latest.header
            if id == c.id {
                reporter.report(.selfPredecessor(id), at: p.valuePlace, subject: header)
                continue
            }
            guard let predecessor = byId[id] else {
                reporter.report(.unknownPredecessor(id, suggestion: reporter.nearest(to: id, among: byId.keys.sorted())),
                                at: p.valuePlace, subject: header)
                continue
            }
            guard let period = latest.period, let before = predecessor.finalPeriod, before.end >= period.start else { continue }
            let note = predecessor.versions.last?.periodProperty.map { [reporter.note(.predecessorPeriod(id), at: $0.place)] } ?? []
            reporter.report(.overlapsPredecessor(predecessor: id, period: period, predecessorPeriod: before),
                            at: p.valuePlace, subject: header, notes: note)
        }
    }
}
