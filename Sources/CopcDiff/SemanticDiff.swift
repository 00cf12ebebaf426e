import CopcSource
import CopcLanguage
import CopcModel
import CopcSyntax

/// The stable kinds of change of `copc diff` (design §8): what scripts and reviews filter on.
public enum ChangeKind: String, Sendable, CaseIterable, Hashable, Comparable {
    case periodExtended = "période-prolongée"
    case periodChanged = "période-modifiée"
    case elementAdded = "élément-ajouté"
    case elementRemoved = "élément-supprimé"
    case elementMoved = "élément-déplacé"
    case titleChanged = "titre-modifié"
    case deadlineMoved = "délai-déplacé"
    case targetSet = "cible-fixée"
    case targetChanged = "cible-modifiée"
    case targetRemoved = "cible-retirée"
    case referentChanged = "référent-modifié"
    case propertyChanged = "propriété-modifiée"
    /// A référent or plan declared under another id, with the same title (an annuaire's
    /// référent renamed `OFE.DSI` → `OFE.DNUM`).
    case identifierChanged = "identifiant-modifié"
    /// A bilan's `réalisé` declared, changed or withdrawn.
    case realizedChanged = "réalisé-modifié"
    /// A bilan's `état` of an action changed.
    case stateChanged = "état-modifié"

    /// The kind in words, for readers (`cible fixée`).
    public var words: String { rawValue.replacingHyphens() }

    public static func < (a: ChangeKind, b: ChangeKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension String {
    fileprivate func replacingHyphens() -> String {
        String(unicodeScalars.map { $0 == "-" ? " " : Character($0) })
    }
}

/// An element as the diff names it: kind, id as written, title, key.
public struct DiffElement: Hashable, Sendable {
    public let kind: ElementKind
    public let id: String?
    public let title: String?
    public let key: ElementKey

    init(_ e: Element) {
        kind = e.kind
        id = e.id
        title = e.title
        key = e.key
    }

    /// `indicateur 1.1.a`, `contrat EX-COP`, `axe (sans identifiant)`.
    public var name: String { kind.keyword + " " + (id ?? "(sans identifiant)") }
}

/// A deadline's shift: the end of its window moved by whole months when both ends are month
/// ends, else by days.
public struct DeadlineShift: Hashable, Sendable {
    public let months: Int?
    public let days: Int

    /// `+11 mois`, `-3 mois`, `+15 jours`, `0 jour`.
    public var text: String {
        let sign = (months ?? days) > 0 ? "+" : ""
        if let m = months { return sign + String(m) + " mois" }
        return sign + String(days) + (abs(days) > 1 ? " jours" : " jour")
    }
}

/// Where a change comes from: the avenant whose clause made it (0: the text itself, two drafts
/// compared), its motif, and the place shown to the reader (the clause, or for two drafts the
/// line of the new — or, for a removal, the old — text).
public struct ChangeOrigin: Hashable, Sendable {
    public let avenant: Int
    public let motif: String?
    public let file: String?
    public let line: Int?
    /// The clause's place, to find its text (HTML redline); nil for two drafts.
    public let clause: Place?
    /// For a change of a bilan: its year.
    public var bilan: Int? = nil

    public init(avenant: Int, motif: String?, file: String?, line: Int?, clause: Place?, bilan: Int? = nil) {
        self.avenant = avenant
        self.motif = motif
        self.file = file
        self.line = line
        self.clause = clause
        self.bilan = bilan
    }
}

/// One change between two versions.
public struct SemanticChange: Equatable, Sendable {
    public let kind: ChangeKind
    public let element: DiffElement
    /// `cible 2024`, `délai (praticiens)`, `pilote`, `titre`, `période`; nil for a whole element.
    public let property: String?
    /// The value as written before and after (nil: absent).
    public let old: String?
    public let new: String?
    /// For texts and titles: the words that changed (nil when the values are not texts).
    public let words: WordDiff?
    public let shift: DeadlineShift?
    /// Whether the new deadline window still fits the new period (nil: not a deadline, or unknown).
    public let withinPeriod: Bool?
    /// `élément-déplacé`: the parents before and after (`objectif 1.1`).
    public let oldParent: String?
    public let newParent: String?
    /// `élément-ajouté` / `élément-supprimé`: how many elements the subtree holds below it.
    public let descendants: Int
    /// `élément-ajouté` / `élément-supprimé`: its properties as written, one `clé : valeur`
    /// per line (the whole element the reviewer accepts or loses).
    public var body: [String] = []
    public var origin: ChangeOrigin
    /// What the change means beyond its values: for a bilan's réalisé, its judgement against
    /// the year's target before and after (`cible 55 % : non atteinte → atteinte`).
    public var note: String? = nil
}

/// One side of a comparison: a consolidated version and the files its places point into.
public struct DiffSide: Sendable {
    public let version: Version
    public let files: FileTable

    public init(version: Version, files: FileTable) {
        self.version = version
        self.files = files
    }
}

/// The semantic diff of two consolidated versions (design §8): a pure function of the two
/// models — elements matched by `ElementKey`, properties by identity and compared by typed
/// value (a reformatted, re-commented or re-ordered text has no change) — and of the avenants
/// that lead from one to the other (to name the clause of a removal).
///
/// Linear in the elements of both versions (one walk of each, lookups by key) and the size
/// of the changed texts (the word diff is bounded).
public enum SemanticDiff {
    /// The changes from `old` to `new`, in the order of the new text (removals where the old
    /// text had them, after the new elements). `avenants` are those applied between the two
    /// (empty for two drafts).
    public static func compare(_ old: DiffSide, _ new: DiffSide, avenants: [Avenant] = []) -> [SemanticChange] {
        var d = Differ(old: old, new: new, avenants: avenants)
        d.run()
        return d.out
    }

    /// `compare` of two sides holding a bilan's blocks (`DocumentDiff`): a réalisé that changed
    /// is judged against the target of `year` in `targets` (the contract's version the bilan
    /// reads, its places in `targetFiles`).
    static func compare(_ old: DiffSide, _ new: DiffSide, judgingIn targets: Version?, targetFiles: FileTable?, year: Int?) -> [SemanticChange] {
        var d = Differ(old: old, new: new, avenants: [])
        d.judgement = targets.map { ($0, targetFiles ?? new.files, year) }
        d.run()
        return d.out
    }
}

private struct Differ {
    let old: DiffSide
    let new: DiffSide
    let avenants: [Avenant]
    var out: [SemanticChange] = []
    /// The motif written in each avenant's header (by number): a change whose clause has no
    /// motif of its own carries its avenant's.
    var avenantMotifs: [Int: String] = [:]
    /// Each clause's own motif (nil: none), by its place: an element keeps the motif of an
    /// earlier clause when a later one without motif changes it, so the clause is asked.
    var clauseMotifs: [Place: String?] = [:]
    /// The clause that removed each key (the last one in the range), and the number of its avenant.
    var removals: [ElementKey: (Change, Int)] = [:]
    /// The clause that added each key (the last one in the range): the origin of an added or
    /// moved element, which later clauses may have modified since.
    var additions: [ElementKey: (Change, Int)] = [:]
    let oldPeriod: Window?
    let newPeriod: Window?
    /// The elements without id of each version, by key (the first of a repeated key).
    var oldUntitled: [ElementKey: ElementID] = [:]
    var newUntitled: [ElementKey: ElementID] = [:]
    /// For a bilan: the contract's version whose targets judge its réalisés, and the year.
    var judgement: (version: Version, files: FileTable, year: Int?)?

    init(old: DiffSide, new: DiffSide, avenants: [Avenant]) {
        self.old = old
        self.new = new
        self.avenants = avenants
        oldPeriod = old.version.period
        newPeriod = new.version.period
        oldUntitled = Differ.untitled(old.version.tree)
        newUntitled = Differ.untitled(new.version.tree)
        let first = new.version.number - avenants.count + 1
        for (k, av) in avenants.enumerated() {
            if let m = av.header.provenance.motif ?? av.header.text(.motif) { avenantMotifs[first + k] = m }
            for c in av.changes { clauseMotifs[c.place] = .some(c.motif) }
            for c in av.changes where c.op == .supprimer || c.op == .ajouter {
                guard let id = c.id else { continue }
                if c.op == .supprimer { removals[ElementKey(c.kind, id)] = (c, first + k) } else { additions[ElementKey(c.kind, id)] = (c, first + k) }
            }
        }
    }

    static func untitled(_ tree: ElementTree) -> [ElementKey: ElementID] {
        var out: [ElementKey: ElementID] = [:]
        for id in tree.preorder where id != tree.root && tree[id].id == nil && out[tree[id].key] == nil {
            out[tree[id].key] = id
        }
        return out
    }

    mutating func run() {
        let a = old.version, b = new.version
        // The contract header, then the tree in document order.
        compareElement(a.header, b.header, oldParent: nil, newParent: nil)
        let bTree = b.tree
        let aTree = a.tree
        for id in bTree.preorder where id != bTree.root {
            let e = bTree[id]
            // A repeated key (COP200): the index answers with the first declaration, the
            // others are not matched (each would otherwise look moved or changed).
            if let indexed = b.index[e.key] ?? (e.id == nil ? newUntitled[e.key] : nil), indexed != id { continue }
            let parentKey = bTree[id].parent.map { bTree[$0] }
            if let oid = a.index[e.key] ?? untitledMatch(e, inOld: true) {
                let o = aTree[oid]
                compareElement(o, e, oldParent: o.parent.map { aTree[$0] }, newParent: parentKey)
            } else if let p = e.parent, p != bTree.root, !isPresent(bTree[p], inOld: true) {
                continue // inside an added subtree: counted with its root
            } else {
                var c = change(.elementAdded, DiffElement(e), nil, old: nil, new: e.title, words: nil,
                               descendants: bTree.subtree(id).count - 1, origin: additionOrigin(e))
                c.body = body(e, new)
                out.append(c)
            }
        }
        for id in aTree.preorder where id != aTree.root {
            let e = aTree[id]
            if let indexed = a.index[e.key] ?? (e.id == nil ? oldUntitled[e.key] : nil), indexed != id { continue }
            if isPresent(e, inOld: false) { continue }
            if let p = e.parent, p != aTree.root, !isPresent(aTree[p], inOld: false) { continue }
            var c = change(.elementRemoved, DiffElement(e), nil, old: e.title, new: nil, words: nil,
                           descendants: aTree.subtree(id).count - 1, origin: removalOrigin(e))
            c.body = body(e, old)
            out.append(c)
        }
        // Référents and plans, by id.
        for (kind, olds, news) in [(ElementKind.referent, a.referents, b.referents), (.plan, a.plans, b.plans)] {
            for key in news.keys.sorted() {
                let e = news[key]!
                if let o = olds[key] {
                    compareElement(o, e, oldParent: nil, newParent: nil)
                } else {
                    var c = change(.elementAdded, DiffElement(e), nil, old: nil, new: e.title, words: nil,
                                   descendants: 0, origin: additionOrigin(e))
                    c.body = body(e, new)
                    out.append(c)
                }
            }
            for key in olds.keys.sorted() where news[key] == nil {
                let e = olds[key]!
                _ = kind
                var c = change(.elementRemoved, DiffElement(e), nil, old: e.title, new: nil, words: nil,
                               descendants: 0, origin: removalOrigin(e))
                c.body = body(e, old)
                out.append(c)
            }
        }
    }

    /// Whether `e` has a match in the old version (`inOld`) or the new one.
    /// An added or removed element's properties, `clé : valeur` as written (at most 40).
    func body(_ e: Element, _ side: DiffSide) -> [String] {
        e.properties.prefix(40).filter { $0.key != .motif }.map { label($0) + " : " + text($0, side) }
    }

    func isPresent(_ e: Element, inOld: Bool) -> Bool {
        (inOld ? old : new).version.index[e.key] != nil || untitledMatch(e, inOld: inOld) != nil
    }

    /// Elements without id are keyed by their place among untitled siblings, which the index
    /// does not hold: found in the table of untitled elements made by one walk of each tree.
    func untitledMatch(_ e: Element, inOld: Bool) -> ElementID? {
        guard e.id == nil else { return nil }
        return inOld ? oldUntitled[e.key] : newUntitled[e.key]
    }

    func change(_ kind: ChangeKind, _ element: DiffElement, _ property: String?, old: String?, new: String?, words: WordDiff?,
                shift: DeadlineShift? = nil, within: Bool? = nil, oldParent: String? = nil, newParent: String? = nil,
                descendants: Int = 0, origin: ChangeOrigin) -> SemanticChange {
        SemanticChange(kind: kind, element: element, property: property, old: old, new: new, words: words, shift: shift,
                       withinPeriod: within, oldParent: oldParent, newParent: newParent, descendants: descendants, origin: origin)
    }

    /// The origin of something the new version holds: its avenant's clause when it comes from
    /// one, else (the text itself) its own place in the new text.
    func origin(_ p: Provenance, _ side: DiffSide, _ fallback: Place) -> ChangeOrigin {
        var own = p.motif
        if let c = p.clause, let m = clauseMotifs[c] { own = m }
        let motif = p.avenant > 0 ? own ?? avenantMotifs[p.avenant] : nil
        if p.avenant > 0, let c = p.clause, side.files.contains(c.file) {
            let f = side.files[c.file]
            return ChangeOrigin(avenant: p.avenant, motif: motif, file: f.path, line: f.location(of: Int(c.start)).line, clause: c)
        }
        return placeOrigin(side, fallback, motif: motif, avenant: p.avenant)
    }

    func placeOrigin(_ side: DiffSide, _ place: Place, motif: String? = nil, avenant: Int = 0) -> ChangeOrigin {
        guard side.files.contains(place.file) else { return ChangeOrigin(avenant: avenant, motif: motif, file: nil, line: nil, clause: nil) }
        let f = side.files[place.file]
        return ChangeOrigin(avenant: avenant, motif: motif, file: f.path, line: f.location(of: Int(place.start)).line, clause: nil)
    }

    /// An added (or moved) element: the clause that added it, else where it comes from.
    func additionOrigin(_ e: Element) -> ChangeOrigin {
        if let (c, n) = additions[e.key], new.files.contains(c.place.file) {
            let f = new.files[c.place.file]
            return ChangeOrigin(avenant: n, motif: c.motif ?? avenantMotifs[n], file: f.path,
                                line: f.location(of: Int(c.place.start)).line, clause: c.place)
        }
        return origin(e.provenance, new, e.place)
    }

    /// A removed element: the clause that removed it (or an ancestor), else its old place.
    func removalOrigin(_ e: Element) -> ChangeOrigin {
        var key: ElementKey? = e.key
        var current: Element? = e
        let tree = old.version.tree
        while let k = key {
            if let (c, n) = removals[k], new.files.contains(c.place.file) {
                let f = new.files[c.place.file]
                return ChangeOrigin(avenant: n, motif: c.motif ?? avenantMotifs[n], file: f.path, line: f.location(of: Int(c.place.start)).line, clause: c.place)
            }
            guard let p = current?.parent else { break }
            current = tree[p]
            key = current?.key
        }
        return placeOrigin(old, e.place)
    }

    // MARK: one element

    mutating func compareElement(_ o: Element, _ e: Element, oldParent: Element?, newParent: Element?) {
        let de = DiffElement(e)
        if let op = oldParent, let np = newParent, op.key != np.key {
            out.append(change(.elementMoved, de, nil, old: nil, new: nil, words: nil,
                              oldParent: parentName(op), newParent: parentName(np), origin: additionOrigin(e)))
        }
        if (o.title ?? "") != (e.title ?? "") {
            let w = WordDiff.compare(o.title ?? "", e.title ?? "")
            out.append(change(.titleChanged, de, "titre", old: o.title, new: e.title, words: w, origin: origin(e.provenance, new, e.place)))
        }
        compareProperties(o, e, de)
    }

    func parentName(_ p: Element) -> String {
        p.kind == .contrat ? "contrat" : DiffElement(p).name
    }

    /// Properties grouped by identity, in order of first appearance.
    func groups(_ e: Element) -> (order: [PropertyIdentity], byIdentity: [PropertyIdentity: [Property]]) {
        var order: [PropertyIdentity] = []
        var by: [PropertyIdentity: [Property]] = [:]
        for p in e.properties where p.key != .motif {
            let id = p.identity
            if by[id] == nil { order.append(id); by[id] = [p] } else { by[id]!.append(p) }
        }
        return (order, by)
    }

    mutating func compareProperties(_ o: Element, _ e: Element, _ de: DiffElement) {
        // Fast path, the common case: the same properties in the same order with the same
        // values (unless the period moved, which may withdraw an indicator's targets).
        if o.properties.count == e.properties.count && (oldPeriod == newPeriod || e.kind != .indicateur) {
            var equal = true
            for i in o.properties.indices {
                let x = o.properties[i], y = e.properties[i]
                if x.key != y.key || x.year != y.year || x.label != y.label || x.stepTitle != y.stepTitle || !sameValue(x.value, y.value) {
                    equal = false
                    break
                }
            }
            if equal { return }
        }
        let (oOrder, oBy) = groups(o)
        let (nOrder, nBy) = groups(e)
        var identities = nOrder
        for id in oOrder where nBy[id] == nil { identities.append(id) }
        for id in identities {
            let before = oBy[id] ?? []
            let after = nBy[id] ?? []
            compareProperty(id, before, after, o, e, de)
        }
    }

    func label(_ p: Property) -> String {
        var s = p.key.display
        if let y = p.year { s += " " + String(y) }
        if let t = p.stepTitle { s += " « " + t + " »" }
        if let l = p.label { s += " (" + l + ")" }
        return s
    }

    func written(_ ps: [Property], _ side: DiffSide) -> String? {
        guard !ps.isEmpty else { return nil }
        if ps.count == 1 { return text(ps[0], side) }
        return ps.map { text($0, side) }.joined(separator: ", ")
    }

    func text(_ p: Property, _ side: DiffSide) -> String {
        switch p.value {
        case .text(let t): return t
        case .referents(let r): return r.map(\.spelling).joined(separator: ", ")
        default:
            return side.files.contains(p.valuePlace.file) ? side.files.canonicalText(p.valuePlace) : ""
        }
    }

    mutating func compareProperty(_ id: PropertyIdentity, _ before: [Property], _ after: [Property], _ o: Element, _ e: Element, _ de: DiffElement) {
        let key = id.key
        // A target whose year falls out of the new period is withdrawn, even if still written.
        let withdrawn = key == .cible && !after.isEmpty && !before.isEmpty && newPeriod.map { !$0.years.contains(id.year) } == true
            && oldPeriod.map { $0.years.contains(id.year) } == true
        if !withdrawn && !before.isEmpty && !after.isEmpty && same(before, after) { return }
        // Only what changed is spelled (values as written are decoded from the source).
        let sample = after.first ?? before.first!
        let name = label(sample)
        let oldText = written(before, old)
        let newText = written(after, new)
        let prov = after.first?.provenance ?? e.provenance
        let place = after.first?.place ?? e.place
        let orig = origin(prov, new, place)
        if withdrawn {
            let p = new.version.periodProperty
            out.append(change(.targetRemoved, de, name, old: oldText, new: nil, words: nil,
                              origin: p.map { origin($0.provenance, new, $0.place) } ?? orig))
            return
        }

        switch key {
        case .periode where e.kind == .contrat:
            guard case .period(let ow)? = before.first?.value, case .period(let nw)? = after.first?.value else {
                out.append(change(.periodChanged, de, name, old: oldText, new: newText, words: nil, origin: orig)); return
            }
            let extended = ow.start == nw.start && nw.end > ow.end
            out.append(change(extended ? .periodExtended : .periodChanged, de, name, old: oldText, new: newText, words: nil,
                              shift: extended ? shift(ow.end, nw.end) : nil, origin: orig))
        case .cible:
            let ot = before.first?.target
            let nt = after.first?.target
            let kind: ChangeKind
            if nt == nil {
                kind = .targetRemoved
            } else if (ot == nil || ot!.status == .pending) && (nt!.status == .set || nt!.status == .notApplicable) {
                kind = .targetSet
            } else {
                kind = .targetChanged
            }
            out.append(change(kind, de, name, old: oldText, new: newText, words: nil,
                              origin: after.isEmpty ? origin(e.provenance, new, e.place) : orig))
        case .delai, .etape:
            var sh: DeadlineShift?
            var within: Bool?
            if case .deadline(let nd)? = after.first?.value, let nw = new.version.window(of: nd, period: newPeriod) {
                if let np = newPeriod { within = np.start <= nw.start && nw.end <= np.end }
                if case .deadline(let od)? = before.first?.value, let ow = old.version.window(of: od, period: oldPeriod) {
                    sh = shift(ow.end, nw.end)
                }
            }
            let kind: ChangeKind = (!before.isEmpty && !after.isEmpty) ? .deadlineMoved : .propertyChanged
            out.append(change(kind, de, name, old: oldText, new: newText, words: nil, shift: sh, within: within, origin: orig))
        case .realise:
            var c = change(.realizedChanged, de, name, old: oldText, new: newText, words: nil, origin: orig)
            c.note = judge(e, label: sample.label, before.first, after.first)
            out.append(c)
        case .etat:
            out.append(change(.stateChanged, de, name, old: oldText, new: newText, words: nil, origin: orig))
        default:
            if key.valueType == .referents || key.valueType == .referent {
                out.append(change(.referentChanged, de, name, old: oldText, new: newText, words: nil, origin: orig))
                return
            }
            var words: WordDiff?
            if case .text? = (after.first ?? before.first)?.value, let a = oldText, let b = newText {
                words = WordDiff.compare(a, b)
            }
            out.append(change(.propertyChanged, de, name, old: oldText, new: newText, words: words, origin: orig))
        }
    }

    /// A bilan's réalisé before and after, judged against the year's target of its indicator
    /// (`cible 55 % : non atteinte → atteinte`); nil without a set target or a comparable value.
    func judge(_ block: Element, label: String?, _ before: Property?, _ after: Property?) -> String? {
        guard let (version, files, year) = judgement, let year, block.kind == .indicateur, let id = block.id,
              let indicator = version.find(.indicateur, id),
              let target = indicator.targets.first(where: { $0.year == year && $0.property.label == label }),
              target.value.status == .set else { return nil }
        let goal = Goal(target.property, of: indicator, firstYear: version.period?.start.year)
        func verdict(_ p: Property?) -> String {
            guard let p, case .realized(let r) = p.value else { return "sans réalisé" }
            guard case .value(let v) = r else { return "non disponible" }
            switch goal.judge(v, indicator: indicator) {
            case .reached?: return "atteinte"
            case .missed?: return "non atteinte"
            case .notComparable?, nil: return "non comparable"
            }
        }
        let written = files.contains(target.property.valuePlace.file) ? files.canonicalText(target.property.valuePlace) : ""
        let a = verdict(before), b = verdict(after)
        return "cible " + String(year) + (written.isEmpty ? "" : " : " + written) + " — " + (a == b ? b : a + " → " + b)
    }

    func shift(_ a: Day, _ b: Day) -> DeadlineShift {
        let days = b.ordinal - a.ordinal
        let monthEnds = a.day == Day.daysIn(month: a.month, year: a.year) && b.day == Day.daysIn(month: b.month, year: b.year)
        return DeadlineShift(months: monthEnds ? (b.year - a.year) * 12 + (b.month - a.month) : nil, days: days)
    }

    /// Same meaning: typed values compared, places and spellings ignored.
    func same(_ a: [Property], _ b: [Property]) -> Bool {
        guard a.count == b.count else {
            // `pilote` on several lines against one line: compare the referents named.
            if case .referents? = a.first?.value { return referentIds(a) == referentIds(b) }
            return false
        }
        if case .referents? = a.first?.value { return referentIds(a) == referentIds(b) }
        for (x, y) in zip(a, b) where !sameValue(x.value, y.value) { return false }
        return true
    }

    func referentIds(_ ps: [Property]) -> [String] {
        ps.flatMap { $0.referents ?? [] }.map(\.spelling)
    }

    func sameValue(_ a: PropertyValue, _ b: PropertyValue) -> Bool {
        switch (a, b) {
        case (.referents(let x), .referents(let y)): return x.map(\.spelling) == y.map(\.spelling)
        case (.target(let x), .target(let y)): return sameTarget(x, y)
        case (.realized(.value(let x)), .realized(.value(let y))): return sameTarget(x, y)
        case (.base(let x), .base(let y)):
            if let x, let y { return sameQuantity(x, y) }
            return x == nil && y == nil
        default: return a == b
        }
    }

    func sameQuantity(_ a: Quantity, _ b: Quantity) -> Bool { a.value == b.value && a.unit == b.unit }

    func sameTarget(_ a: TargetValue, _ b: TargetValue) -> Bool {
        switch (a, b) {
        case (.quantity(let x), .quantity(let y)), (.relative(let x), .relative(let y)): return sameQuantity(x, y)
        case (.range(let x1, let x2), .range(let y1, let y2)): return sameQuantity(x1, y1) && sameQuantity(x2, y2)
        case (.bound(let o1, let x), .bound(let o2, let y)): return o1 == o2 && sameQuantity(x, y)
        default: return a == b
        }
    }
}
