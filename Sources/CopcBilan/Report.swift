import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcModel

/// What `copc bilan` shows for year N (design §9; annexe 1 of the CNG's COP): the three
/// tables — actions by state, indicators with cible against réalisé, risks — per axe and
/// objective, and each indicator's trajectory over the years of the period up to N. A value
/// computed once from the contract and its bilans; every format renders this.
public struct BilanReport: Sendable {
    public let contractId: String
    public let contractTitle: String?
    public let year: Int
    /// The bilan of the year (its title, `établi le`, its file), if there is one.
    public let bilanTitle: String?
    public let established: Day?
    public let bilanPath: String?
    /// The version read: the one in force on 31 December of the year.
    public let version: Int
    public let period: Window?
    public let sections: [Section]
    /// Every year of the period up to N that has a bilan.
    public let bilanYears: [Int]

    /// One axe (or the contract itself, for elements outside any axe).
    public struct Section: Sendable {
        public let axe: Heading?
        public let objectives: [Objective]
    }

    /// An element's id and title, as headings show them.
    public struct Heading: Sendable {
        public let id: String?
        public let title: String?
        public var label: String { [id, title].compactMap { $0 }.joined(separator: " — ") }
    }

    /// An objective with its actions and indicators (those of its sous-objectifs included).
    public struct Objective: Sendable {
        public let heading: Heading?
        /// « en cours » if one of its actions is, etc. (`aggregate`).
        public let state: ActionState?
        public let actions: [ActionRow]
        public let indicators: [IndicatorRow]
    }

    /// Tableau 1 and 3: an action of the version and what the bilan says of it.
    public struct ActionRow: Sendable {
        public let id: String
        public let title: String?
        /// The deadlines as written (`fin 2023`, `(praticiens) début 2024`).
        public let deadline: String?
        /// Whether its last deadline ended on or before 31 December of the year.
        public let due: Bool
        public let reported: Bool
        public let state: ActionState?
        public let progress: String?
        /// `avancement` as a number of percent (`60` for `60 %`).
        public let progressValue: Double?
        public let completed: Day?
        public let newDeadline: String?
        public let deliverables: [String]
        public let risk: RiskLevel?
        public let difficulties: [String]
        public let correctiveMeasures: [String]
        public let comment: String?
    }

    /// Tableau 2: an indicator (one row per label of its targets) and its trajectory.
    public struct IndicatorRow: Sendable {
        public let id: String
        public let label: String?
        public let title: String?
        public let unit: Unit?
        public let direction: Direction?
        /// One point per year of the period up to N.
        public let trajectory: [Point]
        /// The analysis of the gaps for year N (`analyse`), and why a réalisé is missing (`motif`).
        public let analysis: String?
        public let motif: String?

        /// The point of year `y`.
        public func point(_ y: Int) -> Point? { trajectory.first { $0.year == y } }
    }

    /// One year of an indicator: its target (as written, and as a value), its réalisé and the
    /// judgement.
    public struct Point: Sendable {
        public let year: Int
        public let target: TargetValue?
        public let targetText: String?
        /// The value the réalisé is judged against: the target, or a relative one resolved
        /// through the chain of years (`Attainment.comparable`).
        public let goal: TargetValue?
        /// `nil` when the bilan of that year does not give it; `.unavailable` for `non disponible`.
        public let realized: Realized?
        public let realizedText: String?
        /// Whether that year has a bilan at all.
        public let hasBilan: Bool
        public let attainment: Attainment?
    }

    /// The indicators (with their label) whose réalisé for the year is not given at all.
    public var withoutRealized: [String] {
        sections.flatMap { $0.objectives.flatMap { $0.indicators.filter { $0.point(year)?.realized == nil }.map(Wording.indicatorName) } }
    }

    /// The number of indicator rows.
    public var indicatorCount: Int { sections.reduce(0) { $0 + $1.objectives.reduce(0) { $0 + $1.indicators.count } } }

    /// « Aucun des 22 indicateurs n'a de réalisé pour 2024. », or the list.
    public var realizedSummary: String {
        let missing = withoutRealized
        let n = indicatorCount
        if n == 0 { return "Le contrat n'a pas d'indicateur." }
        if missing.isEmpty { return "Les \(n) indicateurs ont un réalisé pour \(year) (ou « non disponible »)." }
        if missing.count == n { return n == 1 ? "L'indicateur n'a pas de réalisé pour \(year)." : "Aucun des \(n) indicateurs n'a de réalisé pour \(year)." }
        return "\(missing.count) indicateur\(missing.count > 1 ? "s" : "") sur \(n) sans réalisé pour \(year) : \(missing.joined(separator: ", "))."
    }

    /// The counts of tableau 1: actions by state (`nil`: not reported).
    public var stateCounts: [(state: ActionState?, count: Int)] {
        var counts: [ActionState?: Int] = [:]
        for s in sections { for o in s.objectives { for a in o.actions where a.reported || a.due { counts[a.state, default: 0] += 1 } } }
        let order: [ActionState?] = ActionState.allCases.map { $0 } + [nil]
        return order.compactMap { s in counts[s].map { (s, $0) } }
    }

    /// The state of an objective from its actions': « en cours » if one is, else « reporté »
    /// (or « non réalisé ») if one is, else « finalisé » if all reported ones are.
    public static func aggregate(_ states: [ActionState?]) -> ActionState? {
        let known = states.compactMap { $0 }
        if known.contains(.ongoing) { return .ongoing }
        if known.contains(.postponed) { return .postponed }
        if known.contains(.notDone) { return .notDone }
        if !known.isEmpty && known.allSatisfy({ $0 == .done || $0 == .abandoned }) && known.count == states.count {
            return known.contains(.done) ? .done : .abandoned
        }
        if known.contains(.done) { return .ongoing }
        return nil
    }
}

extension BilanReport {
    /// The report of year `year` (default: the latest bilan) of `contract`; `nil` when the
    /// contract has no bilan and no year is given.
    public static func make(_ contract: Contract, year: Int?, files: FileTable) -> BilanReport? {
        guard let year = year ?? contract.bilans.compactMap(\.year).max(),
              let version = contract.version(forBilanOf: year) else { return nil }
        var bilanOf: [Int: Bilan] = [:]
        for b in contract.bilans { if let y = b.year, bilanOf[y] == nil { bilanOf[y] = b } }
        let bilan = bilanOf[year]
        func report(_ key: ElementKey) -> Element? { bilan?.report(key) }
        let period = version.period
        // The years of the period up to N (N alone when it lies outside the period).
        let firstYear = period?.start.year ?? year
        let lastYear = min(year, period?.end.year ?? year)
        let years = firstYear <= lastYear ? Array(firstYear...lastYear) : [year]
        let tree = version.tree
        let yearEnd = Day(year: year, month: 12, day: 31)!
        // The version each year's bilan reads, and its reports.
        var versionOf: [Int: Version] = [:]
        for y in years { versionOf[y] = contract.version(forBilanOf: y) }
        func text(_ p: Place) -> String { files.canonicalText(p) }
        // Actions an earlier bilan reported finalised: shown as such, with their date.
        var doneEarlier: [ElementKey: Element] = [:]
        for b in contract.bilans where (b.year ?? Int.max) < year {
            for r in b.reports where r.kind == .action && r.actionState == .done { doneEarlier[r.key] = r }
        }

        func actionRow(_ e: Element) -> ActionRow {
            var deadlines: [String] = []
            var due: Day?
            for p in e.properties where p.key == .delai {
                deadlines.append((p.label.map { "(\($0)) " } ?? "") + text(p.valuePlace))
                if case .deadline(let d) = p.value, let w = version.window(of: d), due == nil || w.end > due! { due = w.end }
            }
            let r = report(e.key) ?? doneEarlier[e.key]
            var progress: String?
            var progressValue: Double?
            if let p = r?.first(.avancement) {
                progress = text(p.valuePlace)
                if case .quantity(let q) = p.value, q.unit == nil || q.unit == .percent { progressValue = q.value }
            }
            var newDeadline: String?
            if let p = r?.first(.nouveauDelai) { newDeadline = text(p.valuePlace) }
            var comment = r?.text(.texte)
            if let m = r?.text(.motif) { comment = comment.map { $0 + " " + m } ?? m }
            return ActionRow(id: e.id ?? "", title: e.title, deadline: deadlines.isEmpty ? nil : deadlines.joined(separator: " ; "),
                             due: due.map { $0 <= yearEnd } ?? false, reported: r != nil, state: r?.actionState,
                             progress: progress, progressValue: progressValue, completed: r?.date(.acheveLe), newDeadline: newDeadline,
                             deliverables: r?.texts(.livrable) ?? [], risk: r?.riskLevel, difficulties: r?.texts(.difficulte) ?? [],
                             correctiveMeasures: r?.texts(.mesureCorrective) ?? [], comment: comment)
        }

        func indicatorRows(_ e: Element) -> [IndicatorRow] {
            // The labels of its targets over the years shown (unlabelled first).
            var labels: [String?] = []
            for y in years {
                guard let v = versionOf[y], let ind = v.find(.indicateur, e.id ?? "") else { continue }
                for t in ind.targets where t.year == y && !labels.contains(where: { $0 == t.property.label }) { labels.append(t.property.label) }
            }
            if labels.isEmpty { labels = [nil] }
            let r = report(e.key)
            return labels.map { label in
                var points: [Point] = []
                for y in years {
                    let v = versionOf[y]
                    let ind = v?.find(.indicateur, e.id ?? "")
                    let t = ind?.targets.first { $0.year == y && $0.property.label == label }
                    let b = bilanOf[y]
                    let rep = b?.report(e.key)
                    let real = rep?.realized.first { $0.label == label } ?? (label != nil ? rep?.realized.first { $0.label == nil && $0.value == .unavailable } : nil)
                    var attainment: Attainment?
                    var goal: TargetValue?
                    if let t, t.value.status == .set {
                        goal = ind.flatMap { Attainment.comparable(t.property, of: $0, firstYear: v?.period?.start.year) } ?? t.value
                    }
                    if let goal, case .value(let rv)? = real?.value {
                        attainment = Attainment.judge(target: goal, realized: rv, unit: ind?.unit, direction: ind?.direction,
                                                      base: ind?.baseQuantity)
                    }
                    points.append(Point(year: y, target: t?.value, targetText: t.map { text($0.property.valuePlace) }, goal: goal,
                                        realized: real?.value, realizedText: real.map { text($0.property.valuePlace) },
                                        hasBilan: b != nil, attainment: attainment))
                }
                return IndicatorRow(id: e.id ?? "", label: label, title: e.title, unit: e.unit, direction: e.direction,
                                    trajectory: points, analysis: r?.text(.analyse), motif: r?.text(.motif))
            }
        }

        // Walk the version: axes, their objectives; elements outside any objective gather in
        // a section (or objective) without heading.
        var sections: [Section] = []
        func objective(_ heading: Heading?, _ ids: [ElementID]) -> Objective? {
            var actions: [ActionRow] = []
            var indicators: [IndicatorRow] = []
            for id in ids {
                let e = tree[id]
                if e.kind == .action { actions.append(actionRow(e)) }
                if e.kind == .indicateur { indicators += indicatorRows(e) }
            }
            if actions.isEmpty && indicators.isEmpty && heading == nil { return nil }
            return Objective(heading: heading, state: aggregate(actions.filter { $0.reported || $0.due }.map(\.state)),
                             actions: actions, indicators: indicators)
        }
        /// The actions and indicators of a subtree, in document order.
        func leaves(_ id: ElementID) -> [ElementID] {
            var out: [ElementID] = []
            var stack = [id]
            while let top = stack.popLast() {
                let kids = tree.children(of: top)
                for k in kids.reversed() { stack.append(k) }
                if top != id, tree[top].kind == .action || tree[top].kind == .indicateur { out.append(top) }
            }
            return out
        }
        func heading(_ e: Element) -> Heading { Heading(id: e.id, title: e.title) }
        let root = tree.root!
        var loose: [ElementID] = []
        var looseObjectives: [Objective] = []
        for c in tree.children(of: root) {
            let e = tree[c]
            switch e.kind {
            case .axe:
                var objs: [Objective] = []
                var direct: [ElementID] = []
                for o in tree.children(of: c) {
                    if tree[o].kind == .objectif {
                        if let ob = objective(heading(tree[o]), leaves(o)) { objs.append(ob) }
                    } else if tree[o].kind == .action || tree[o].kind == .indicateur {
                        direct.append(o)
                    }
                }
                if let d = objective(nil, direct) { objs.insert(d, at: 0) }
                sections.append(Section(axe: heading(e), objectives: objs))
            case .objectif:
                if let ob = objective(heading(e), leaves(c)) { looseObjectives.append(ob) }
            case .action, .indicateur:
                loose.append(c)
            default: break
            }
        }
        if let d = objective(nil, loose) { looseObjectives.insert(d, at: 0) }
        if !looseObjectives.isEmpty { sections.insert(Section(axe: nil, objectives: looseObjectives), at: 0) }

        return BilanReport(contractId: contract.id ?? "?", contractTitle: version.header.title, year: year,
                           bilanTitle: bilan?.header.title, established: bilan?.established,
                           bilanPath: bilan.map { files[$0.file].path }, version: version.number, period: period,
                           sections: sections, bilanYears: years.filter { bilanOf[$0] != nil })
    }
}
