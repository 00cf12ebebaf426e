import CopcFrench
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcModel
import CopcSema
import CopcRules
import CopcDriver
import CopcBilan

extension Portfolio {
    /// The portfolio of a check at `day`, grouped by `grouping`. Pure: reads the contracts, the
    /// diagnostics and the annuaires of `result`, never a file. Linear in the contracts: each
    /// row reads one contract (its version in force, its bilans), on up to `threads` threads,
    /// gathered by index so that the result does not depend on their number.
    public static func make(_ result: CheckResult, day: Day, grouping: Grouping, threads: Int = Parallel.processors) -> Portfolio {
        let files = result.fileTable
        // The contracts of the folders read; a predecessor read as their context is not one.
        let all = result.contracts
        let contracts = result.contextOnly.isEmpty ? all : all.filter { !result.contextOnly.contains(files[$0.file].path) }
        // Who renews whom: the first successor by id.
        var successors: [String: String] = [:]
        for c in all {
            guard let id = c.id, let p = c.predecessor, p != id else { continue }
            if let s = successors[p], s <= id { continue }
            successors[p] = id
        }
        // The diagnostics of each contract's files, in one pass.
        var owner: [FileID: Int] = [:]
        for (k, c) in contracts.enumerated() { for f in c.files where owner[f] == nil { owner[f] = k } }
        var counts = [DiagnosticCounts](repeating: DiagnosticCounts(), count: contracts.count)
        for d in result.diagnostics {
            guard let f = d.span?.file.id, let k = owner[f] else { continue }
            switch d.severity {
            case .error: counts[k].errors += 1
            case .warning: counts[k].warnings += 1
            case .note: counts[k].notes += 1
            }
        }
        let rows = UnsafeMutableBufferPointer<ContractRow?>.allocate(capacity: contracts.count)
        rows.initialize(repeating: nil)
        defer { rows.deinitialize(); rows.deallocate() }
        Parallel.forEach(contracts.count, threads: threads) { k in
            rows[k] = row(contracts[k], day: day, successor: contracts[k].id.flatMap { successors[$0] }, diagnostics: counts[k], files: files)
        }
        var contractRows = rows.compactMap { $0 }
        contractRows.sort { a, b in
            let ka = a.body ?? a.id, kb = b.body ?? b.id
            if ka != kb { return ka < kb }
            let sa = a.period?.start ?? Day(ordinal: 0), sb = b.period?.start ?? Day(ordinal: 0)
            if sa != sb { return sa < sb }
            return a.id < b.id
        }

        let options = CheckOptions(au: day, auGiven: true)
        let findings = BodiesWithoutContract.find(result.workspace, on: day)
        let bodyRows = findings.map { f -> BodyRow in
            let period = f.last.flatMap(\.finalPeriod)
            return BodyRow(id: f.body.id ?? "", name: f.body.title, category: f.body.text(.categorie),
                           tutelles: f.body.referents(.tutelle).map(\.spelling),
                           file: files[f.body.place.file].path, line: files.span(f.body.namePlace).start.line,
                           lastContract: f.last?.id, lastPeriod: period, lastUpcoming: period.map { day < $0.start } ?? false)
        }.sorted { $0.id < $1.id }

        // The names of the référents, for group labels: those of each contract's version in
        // force, then of the annuaires, the first seen winning.
        var names: [String: String] = [:]
        for c in contracts {
            for (id, e) in c.versionInForce(at: day).referents where names[id] == nil { if let t = e.title { names[id] = t } }
        }
        for f in result.workspace.files where f.kind == .annuaire {
            for e in f.declarations where e.kind != .plan { if let id = e.id, let t = e.title, names[id] == nil { names[id] = t } }
        }

        var totals = Totals()
        for r in contractRows { totals.add(r) }
        for b in bodyRows { totals.add(b) }
        let groups = makeGroups(grouping, contractRows, bodyRows, names: names)
        return Portfolio(day: day, grouping: grouping, contracts: contractRows, bodies: bodyRows, groups: groups, totals: totals,
                         diagnostics: Checker.portfolio(result.workspace, files: files, options: options))
    }

    /// One contract at `day`.
    static func row(_ c: Contract, day: Day, successor: String?, diagnostics: DiagnosticCounts, files: FileTable) -> ContractRow {
        let v = c.versionInForce(at: day)
        let header = v.header
        let period = v.period
        let state: ContractState
        if let p = period {
            if day < p.start {
                state = .upcoming
            } else if day > p.end {
                state = successor == nil ? .expiredWithoutSuccessor : .expiredRenewed
            } else {
                let months = monthsUntil(p.end, from: day)
                state = months <= 12 ? .expiring(months: months) : .inForce
            }
        } else {
            state = .undated
        }
        let body = header.referents(.organisme).first?.id
        return ContractRow(id: c.id ?? "?", title: header.title, body: body, bodyName: body.flatMap { v.referents[$0]?.title },
                           tutelles: header.referents(.tutelle).map(\.spelling), type: header.contractType, period: period,
                           file: files[c.file].path, state: state, predecessor: c.predecessor, successor: successor,
                           version: v.number, avenants: c.avenants.count, diagnostics: diagnostics,
                           pendingTargets: pendingTargets(v, day: day), lateActions: lateActions(c, v, day: day),
                           bilans: bilanStatus(c, v, day: day), latestBilan: latestBilan(c, files: files))
    }

    /// The months left until `end`, a started month counting as one: from 1 March to 31
    /// December, 10; on the last day, 1.
    static func monthsUntil(_ end: Day, from day: Day) -> Int {
        var m = (end.year - day.year) * 12 + (end.month - day.month)
        if end.day > day.day { m += 1 }
        return max(1, m)
    }

    /// The targets `à fixer par avenant` of the version in force, one per indicator, year and
    /// label, in document order.
    static func pendingTargets(_ v: Version, day: Day) -> [PendingTarget] {
        var out: [PendingTarget] = []
        for id in v.tree.preorder where v.tree[id].kind == .indicateur {
            let e = v.tree[id]
            for p in e.properties where p.key == .cible {
                guard let y = p.year, case .target(.pending) = p.value else { continue }
                out.append(PendingTarget(indicator: e.id ?? "?", year: y, label: p.label, overdue: y < day.year))
            }
        }
        return out
    }

    /// The actions of the version in force whose last deadline ended before `day` and that the
    /// latest bilan reporting on them does not say `finalisé` or `abandonné` — nor `reporté`
    /// with a `nouveau délai` not yet over.
    static func lateActions(_ c: Contract, _ v: Version, day: Day) -> [LateAction] {
        // The latest report on each action (bilans are sorted by year).
        var latest: [ElementKey: (Element, Int)] = [:]
        for b in c.bilans {
            guard let y = b.year else { continue }
            for r in b.reports where r.kind == .action { latest[r.key] = (r, y) }
        }
        var out: [LateAction] = []
        for id in v.tree.preorder where v.tree[id].kind == .action {
            let a = v.tree[id]
            var due: Day?
            for p in a.properties where p.key == .delai {
                guard case .deadline(let d) = p.value, let w = v.window(of: d) else { continue }
                if due == nil || w.end > due! { due = w.end }
            }
            guard let end = due, end < day else { continue }
            let report = latest[a.key]
            let state = report?.0.actionState
            if state == .done || state == .abandoned { continue }
            if state == .postponed, case .deadline(let d)? = report?.0.value(.nouveauDelai), let w = v.window(of: d), w.end >= day { continue }
            out.append(LateAction(id: a.id ?? "?", title: a.title, due: end, state: state, reportedIn: report?.1))
        }
        return out
    }

    /// The bilans due by the contract's calendar before `day` (years of the period of the
    /// version in force), and those present.
    static func bilanStatus(_ c: Contract, _ v: Version, day: Day) -> BilanStatus {
        var present: [Int] = []
        for b in c.bilans { if let y = b.year, !present.contains(y) { present.append(y) } }
        present.sort()
        guard let period = v.period, let (_, due) = v.header.bilanDueLine else {
            return BilanStatus(calendar: false, expected: [], present: present)
        }
        var expected: [Int] = []
        for y in period.years { if let d = due.day(for: y), d < day { expected.append(y) } }
        return BilanStatus(calendar: true, expected: expected, present: present)
    }

    /// The shares of the latest bilan, from its report (`BilanReport`, the one judgement of
    /// réalisés against targets).
    static func latestBilan(_ c: Contract, files: FileTable) -> LatestBilan? {
        guard !c.bilans.isEmpty, let report = BilanReport.make(c, year: nil, files: files) else { return nil }
        var judged = 0, reached = 0, counted = 0, done = 0
        for s in report.sections {
            for o in s.objectives {
                for r in o.indicators {
                    switch r.point(report.year)?.attainment {
                    case .reached?: judged += 1; reached += 1
                    case .missed?: judged += 1
                    default: break
                    }
                }
                for a in o.actions where a.reported || a.due {
                    counted += 1
                    if a.state == .done { done += 1 }
                }
            }
        }
        return LatestBilan(year: report.year, indicatorsJudged: judged, indicatorsOnTarget: reached, actionsCounted: counted, actionsDone: done)
    }

    // MARK: groups

    static func makeGroups(_ grouping: Grouping, _ contracts: [ContractRow], _ bodies: [BodyRow], names: [String: String]) -> [Group] {
        var members: [String: (contracts: [Int], bodies: [Int])] = [:]
        func put(_ key: String, contract: Int? = nil, body: Int? = nil) {
            if let c = contract { members[key, default: ([], [])].contracts.append(c) }
            if let b = body { members[key, default: ([], [])].bodies.append(b) }
        }
        let noContract = ContractState.Kind.noContract.rawValue
        switch grouping {
        case .tutelle:
            for (k, r) in contracts.enumerated() {
                if r.tutelles.isEmpty { put("", contract: k) }
                for t in Set(r.tutelles) { put(t, contract: k) }
            }
            for (k, b) in bodies.enumerated() {
                if b.tutelles.isEmpty { put("", body: k) }
                for t in Set(b.tutelles) { put(t, body: k) }
            }
        case .type:
            for (k, r) in contracts.enumerated() { put(r.type?.spelling ?? "", contract: k) }
            for k in bodies.indices { put(noContract, body: k) }
        case .etat:
            for (k, r) in contracts.enumerated() { put(r.state.kind.rawValue, contract: k) }
            for k in bodies.indices { put(noContract, body: k) }
        }
        // Display order.
        let keys: [String]
        switch grouping {
        case .tutelle:
            keys = members.keys.filter { !$0.isEmpty }.sorted() + (members[""] != nil ? [""] : [])
        case .type:
            keys = ContractType.allCases.map(\.spelling).filter { members[$0] != nil } + ["", noContract].filter { members[$0] != nil }
        case .etat:
            keys = ContractState.Kind.allCases.map(\.rawValue).filter { members[$0] != nil }
        }
        return keys.map { key in
            let m = members[key]!
            var totals = Totals()
            for c in m.contracts { totals.add(contracts[c]) }
            for b in m.bodies { totals.add(bodies[b]) }
            let label: String
            switch grouping {
            case .tutelle: label = key.isEmpty ? "sans tutelle" : names[key].map { "\(key) — \($0)" } ?? key
            case .type: label = key.isEmpty ? "type non précisé" : key
            case .etat: label = key
            }
            return Group(key: key, label: label, contracts: m.contracts, bodies: m.bodies, totals: totals)
        }
    }
}
