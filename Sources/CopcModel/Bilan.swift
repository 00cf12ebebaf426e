import CopcSource
import CopcLanguage

/// One bilan file (design §9): the follow-up of one year of a contract — what each indicator
/// achieved (`réalisé`) and where each action stands (`état`). A value, built from the bilan's
/// `FileModel`; it reads the contract through the version in force on 31 December of its year.
public struct Bilan: Hashable, Sendable {
    /// The year reported (`bilan 2024 du contrat …`); `nil` when the header's year is invalid.
    public let year: Int?
    public let file: FileID
    /// The header (`bilan 2024 du contrat …`) with `établi le`.
    public let header: Element
    /// The `indicateur ID` and `action ID` blocks, in document order (the first of each key
    /// when one is repeated, COP607).
    public let reports: [Element]
    /// The index in `reports` of each key's block (built once).
    public let index: [ElementKey: Int]

    public init(year: Int?, file: FileID, header: Element, reports: [Element]) {
        self.year = year
        self.file = file
        self.header = header
        self.reports = reports
        self.index = Bilan.index(reports)
    }

    static func index(_ reports: [Element]) -> [ElementKey: Int] {
        var out: [ElementKey: Int] = [:]
        out.reserveCapacity(reports.count)
        for (k, r) in reports.enumerated() where out[r.key] == nil { out[r.key] = k }
        return out
    }

    /// Builds the bilan of a bilan file.
    public init?(_ model: FileModel) {
        guard model.kind == .bilan, let header = model.header else { return nil }
        self.year = model.bilanYear
        self.file = model.file
        self.header = header
        var reports: [Element] = []
        if let root = model.tree.root {
            var c = model.tree[root].firstChild
            while let id = c {
                reports.append(model.tree[id])
                c = model.tree[id].nextSibling
            }
        }
        self.reports = reports
        self.index = Bilan.index(reports)
    }

    /// `établi le`.
    public var established: Day? { header.date(.etabliLe) }

    /// 31 December of the year: the day whose version in force the bilan reads.
    public var referenceDay: Day? { year.flatMap { Day(year: $0, month: 12, day: 31) } }

    /// The block reporting on the element `key` (the first, when it is repeated), if any.
    public func report(_ key: ElementKey) -> Element? {
        index[key].map { reports[$0] }
    }
}

extension Element {
    /// The `réalisé` lines of an indicator's block in a bilan (label → value).
    public var realized: [(label: String?, property: Property, value: Realized)] {
        properties.compactMap { p in
            guard p.key == .realise, case .realized(let r) = p.value else { return nil }
            return (p.label, p, r)
        }
    }

    /// The state of an action's block in a bilan: its unlabelled `état :`, else the state its
    /// labelled ones add up to (`ActionState.aggregate`, over the labels given).
    public var actionState: ActionState? {
        if let s = ownActionState { return s }
        let labelled = deadlineStates
        return labelled.isEmpty ? nil : ActionState.aggregate(labelled.map { $0.state })
    }

    /// The unlabelled `état :` of an action's block.
    public var ownActionState: ActionState? {
        for p in properties where p.key == .etat && p.label == nil {
            if case .actionState(let s) = p.value { return s }
        }
        return nil
    }

    /// `état (LIBELLÉ) :` lines: the state of each labelled `délai` of the action, in order.
    public var deadlineStates: [(label: String, state: ActionState, property: Property)] {
        properties.compactMap { p in
            guard p.key == .etat, let l = p.label, case .actionState(let s) = p.value else { return nil }
            return (l, s, p)
        }
    }

    /// `risque :` of an action's block in a bilan.
    public var riskLevel: RiskLevel? {
        if case .riskLevel(let r)? = value(.risque) { return r }
        return nil
    }

    /// Every text value of a repeatable key (`livrable`, `difficulté`, `mesure corrective`), in order.
    public func texts(_ key: PropertyKey) -> [String] {
        properties.compactMap { p in
            guard p.key == key, case .text(let t) = p.value else { return nil }
            return t
        }
    }
}

extension Element {
    /// The `bilan annuel` line of a contract header that sets when a bilan is due: the
    /// unlabelled one, else the earliest of the labelled ones (a bilan whose first part is
    /// late is late). COP606 and the portfolio read it.
    public var bilanDueLine: (Property, DueDate)? {
        var best: (Property, DueDate)?
        for p in properties where p.key == .bilanAnnuel {
            guard case .dueDate(let d) = p.value else { continue }
            if p.label == nil { return (p, d) }
            if let b = best, (b.1.yearOffset, b.1.month, b.1.day) <= (d.yearOffset, d.month, d.day) { continue }
            best = (p, d)
        }
        return best
    }
}

extension Contract {
    /// The version a bilan of `year` reads: the one in force on 31 December of that year.
    public func version(forBilanOf year: Int) -> Version? {
        guard let day = Day(year: year, month: 12, day: 31) else { return nil }
        return version(.inForce(day))
    }
}

extension ActionState {
    /// The state a set of actions (or of an action's labelled deadlines) adds up to, `nil`
    /// standing for one not reported: « en cours » if one is; else « reporté », then « non
    /// réalisé », if one is; « finalisé » (or « abandonné ») when every one is reported and
    /// closed; « en cours » when some are finalised and others not reported; `nil` (« non
    /// renseigné ») when none is reported.
    public static func aggregate(_ states: [ActionState?]) -> ActionState? {
        var known: [ActionState] = []
        var missing = false
        for s in states { if let s { known.append(s) } else { missing = true } }
        if known.contains(.ongoing) { return .ongoing }
        if known.contains(.postponed) { return .postponed }
        if known.contains(.notDone) { return .notDone }
        if known.isEmpty { return nil }
        // Only finalised and abandoned ones remain.
        if !missing { return known.contains(.done) ? .done : .abandoned }
        return known.contains(.done) ? .ongoing : nil
    }
}
