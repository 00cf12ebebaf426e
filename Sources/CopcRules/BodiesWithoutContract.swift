import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP212 (note, portfolio only: `copc portefeuille`, never `copc check`) — a body an annuaire
/// expects to hold a contract (`organisme ID`, `contrat attendu : oui`) that no contract in
/// force on the `--au` date names (`organisme : ID`). One pass over the contracts, one over
/// the annuaires' declarations: linear.
public enum BodiesWithoutContract {
    /// A body expected to hold a contract and holding none in force: its declaration, and its
    /// latest contract (by the end of its period), if it ever had one.
    public struct Finding: Sendable {
        public let body: Element
        public let last: Contract?
    }

    /// The bodies expected to hold a contract, each once (its first declaration, in the order of
    /// the files).
    public static func expected(_ ws: Workspace) -> [Element] {
        var seen = Set<String>()
        var out: [Element] = []
        for f in ws.files where f.kind == .annuaire {
            for e in f.declarations where e.kind == .organisme && e.expectsContract {
                guard let id = e.id, seen.insert(id).inserted else { continue }
                out.append(e)
            }
        }
        return out
    }

    /// The bodies expected to hold a contract and holding none in force on `day`.
    public static func find(_ ws: Workspace, on day: Day) -> [Finding] {
        var inForce = Set<String>()
        var last: [String: Contract] = [:]
        for c in ws.contracts {
            guard let body = c.body(on: day) else { continue }
            if c.isInForce(on: day) { inForce.insert(body) }
            let end = c.finalPeriod?.end
            if let l = last[body], let e = l.finalPeriod?.end, end.map({ e >= $0 }) ?? true { continue }
            last[body] = c
        }
        return expected(ws).compactMap { e in
            guard let id = e.id, !inForce.contains(id) else { return nil }
            return Finding(body: e, last: last[id])
        }
    }

    static func check(_ ws: Workspace, options: CheckOptions, reporter: Reporter) {
        for f in find(ws, on: options.au) {
            let end = f.last.flatMap { c in c.finalPeriod.flatMap { $0.end < options.au ? $0.end : nil } }
            reporter.report(.bodyWithoutContract(id: f.body.id ?? "", day: options.au, last: f.last?.id, lastEnd: end),
                            at: f.body.namePlace, subject: f.body)
        }
    }
}
