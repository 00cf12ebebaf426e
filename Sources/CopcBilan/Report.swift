import CopcFrench
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

    /// One `délai` of an action: « Pilote : fin 2022 », with the state the bilan gives it.
    public struct DeadlineLine: Sendable {
        /// The label in words (`French.label`), `nil` for an unlabelled deadline.
        public let label: String?
        /// The label as written (what `état (LIBELLÉ)` names).
        public let writtenLabel: String?
        /// The deadline as written.
        public let text: String
        /// Whether the bilan gives states by label for this action (then `state` is this
        /// deadline's, `nil` meaning not reported).
        public let hasState: Bool
        public let state: ActionState?
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
        /// From all its actions, reported or not (`ActionState.aggregate`).
        public let state: ActionState?
        public let actions: [ActionRow]
        public let indicators: [IndicatorRow]
    }

    /// Tableau 1 and 3: an action of the version and what the bilan says of it.
    public struct ActionRow: Sendable {
        public let id: String
        public let title: String?
        /// Its deadlines in document order, each with its label in words and, when the bilan
        /// gives states by label (`état (LIBELLÉ) :`), its own state.
        public let deadlines: [DeadlineLine]
        /// Whether its last deadline ended on or before 31 December of the year.
        public let due: Bool
        /// Whether a bilan (this year's, or an earlier one that said it finalised) reports it.
        public let reported: Bool
        /// Its state (`nil`: not reported — « non renseigné »): the unlabelled `état`, else the
        /// state its labelled ones add up to.
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

    /// One year of an indicator: its target (as written, and the `Goal` it stands for), its
    /// réalisé (as written, and its number in the indicator's unit) and the judgement.
    public struct Point: Sendable {
        public let year: Int
        public let target: TargetValue?
        /// The target as written.
        public let targetText: String?
        /// What the réalisé is judged against: resolved, in the indicator's unit.
        public let goal: Goal?
        /// `nil` when the bilan of that year does not give it; `.unavailable` for `non disponible`.
        public let realized: Realized?
        /// The réalisé as written.
        public let realizedText: String?
        /// The réalisé's number in the indicator's unit (converted within its family).
        public let realizedValue: Double?
        /// Whether that year has a bilan at all.
        public let hasBilan: Bool
        public let attainment: Attainment?

        /// The target as a reader sees it: « 22 % (+2 points) », « ≤ 2 200 k€ (≤ 2,2 M€) », else
        /// as written — typeset (`French.typeset`), the written form as the computed one.
        public var targetShown: String? {
            guard let targetText else { return nil }
            return French.typeset(goal?.french(asWritten: targetText) ?? targetText)
        }

        /// The réalisé as a reader sees it: « 2 350 k€ (2,35 M€) », else as written; typeset.
        public var realizedShown: String? {
            guard case .value(let v)? = realized, let realizedText else { return nil }
            return French.typeset(Attainment.french(realized: v, asWritten: realizedText, unit: goal?.unit ?? unit))
        }

        /// The indicator's unit.
        public let unit: Unit?

        /// Whether the target of the year is `sans objet`: no réalisé is expected.
        public var notApplicable: Bool { target?.status == .notApplicable }
    }

    /// The indicators (with their label) whose réalisé for the year is not given at all — a
    /// year whose target is `sans objet` expects none.
    public var withoutRealized: [String] {
        sections.flatMap { $0.objectives.flatMap { $0.indicators.filter { r in
            r.point(year)?.realized == nil && r.point(year)?.notApplicable != true
        }.map(Wording.indicatorName) } }
    }

    /// The indicator rows whose target of the year is `sans objet` and that give no réalisé.
    public var notApplicableCount: Int {
        sections.reduce(0) { $0 + $1.objectives.reduce(0) { $0 + $1.indicators.filter { r in
            r.point(year)?.realized == nil && r.point(year)?.notApplicable == true
        }.count } }
    }

    /// The number of indicator rows.
    public var indicatorCount: Int { sections.reduce(0) { $0 + $1.objectives.reduce(0) { $0 + $1.indicators.count } } }

    /// « Aucun des 22 indicateurs n'a de réalisé pour 2024. », or the list; the indicators
    /// whose target of the year is `sans objet` are counted apart.
    public var realizedSummary: String {
        let missing = withoutRealized
        let n = indicatorCount
        if n == 0 { return "Le contrat n'a pas d'indicateur." }
        let exempt = notApplicableCount
        let expected = n - exempt
        let apart = exempt == 0 ? "" : " ; " + French.count(exempt, "indicateur") + " sans objet pour \(year)"
        if expected == 0 { return (n == 1 ? "L'indicateur est sans objet" : "Les \(French.number(n)) indicateurs sont sans objet") + " pour \(year)." }
        if missing.isEmpty {
            return (expected == 1 ? "L'indicateur attendu a un réalisé" : "Les \(French.number(expected)) indicateurs attendus ont un réalisé")
                + " pour \(year) (ou « non disponible »)" + apart + "."
        }
        if missing.count == expected {
            return (expected == 1 ? "L'indicateur attendu n'a pas de réalisé" : "Aucun des \(French.number(expected)) indicateurs attendus n'a de réalisé")
                + " pour \(year)" + apart + "."
        }
        return French.count(missing.count, "indicateur") + " sur \(French.number(expected)) sans réalisé pour \(year) : "
            + missing.joined(separator: ", ") + apart + "."
    }

    /// The counts of tableau 1: every action of the version by state, `nil` (« non renseigné »)
    /// for those no bilan reports; they add up to `actionCount`.
    public var stateCounts: [(state: ActionState?, count: Int)] {
        var counts: [ActionState?: Int] = [:]
        for s in sections { for o in s.objectives { for a in o.actions { counts[a.state, default: 0] += 1 } } }
        let order: [ActionState?] = ActionState.allCases.map { $0 } + [nil]
        return order.compactMap { s in counts[s].map { (s, $0) } }
    }

    /// The number of actions of the version read.
    public var actionCount: Int { sections.reduce(0) { $0 + $1.objectives.reduce(0) { $0 + $1.actions.count } } }

    /// The state of an objective from all its actions' (`ActionState.aggregate`), an action no
    /// bilan reports counting as not reported.
    public static func aggregate(_ states: [ActionState?]) -> ActionState? { ActionState.aggregate(states) }
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

        /// An action's state: its unlabelled `état`, else what the states of all its labelled
        /// deadlines add up to — a labelled deadline the bilan gives no state counting as not
        /// reported (pilote finalisé, généralisation not reported: « en cours »).
        func state(_ r: Element?, _ deadlines: [DeadlineLine]) -> ActionState? {
            guard let r else { return nil }
            if let s = r.ownActionState { return s }
            if r.deadlineStates.isEmpty { return r.actionState }
            return ActionState.aggregate(deadlines.filter { $0.writtenLabel != nil }.map(\.state))
        }

        func actionRow(_ e: Element) -> ActionRow {
            var due: Day?
            let r = report(e.key) ?? doneEarlier[e.key]
            let states = r?.deadlineStates ?? []
            var deadlines: [DeadlineLine] = []
            for p in e.properties where p.key == .delai {
                let state = p.label.flatMap { l in states.first { $0.label == l }?.state }
                deadlines.append(DeadlineLine(label: p.label.map(French.label), writtenLabel: p.label, text: text(p.valuePlace),
                                              hasState: !states.isEmpty && p.label != nil, state: state))
                if case .deadline(let d) = p.value, let w = version.window(of: d), due == nil || w.end > due! { due = w.end }
            }
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
            return ActionRow(id: e.id ?? "", title: e.title, deadlines: deadlines,
                             due: due.map { $0 <= yearEnd } ?? false, reported: r != nil, state: state(r, deadlines),
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
                    var goal: Goal?
                    if let t, let ind, let v { goal = contract.goal(t.property, of: ind, in: v) }
                    var attainment: Attainment?
                    if let goal, let ind, case .value(let rv)? = real?.value { attainment = goal.judge(rv, indicator: ind) }
                    let unit = ind?.unit ?? e.unit
                    var value: Double?
                    if case .value(let rv)? = real?.value { value = Attainment.number(of: rv, in: goal?.unit ?? unit) }
                    points.append(Point(year: y, target: t?.value, targetText: t.map { text($0.property.valuePlace) }, goal: goal,
                                        realized: real?.value, realizedText: real.map { text($0.property.valuePlace) },
                                        realizedValue: value, hasBilan: b != nil, attainment: attainment, unit: unit))
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
            return Objective(heading: heading, state: ActionState.aggregate(actions.map(\.state)),
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
