import CopcFrench
import CopcSource
import CopcLanguage
import CopcSyntax
import CopcModel
import CopcHTML

/// One consolidated version read as the document the drafters sign (design §10): the facts of
/// the title page, the sections (axes, objectifs, sous-objectifs) in document order, and for
/// each section the rows of its annex tables (its own actions and indicators). Every output
/// format (HTML, Markdown, CSV) is written from this one reading, so they say the same thing.
///
/// Values "as written" are the canonical spelling of the source (`FileTable.canonicalText`),
/// the same text the IR's `texte_source` holds; windows come from `Version.window(of:)`.
public struct ContractDocument {
    public let contract: Contract
    public let version: Version
    public let files: FileTable
    /// The years of the indicator tables: the period's, plus any target year outside it.
    public let years: [Int]
    /// The version's period, read once (deadlines are placed in it).
    public let period: Window?
    /// Sections in document order (preorder of the tree, contract first when it holds actions
    /// or indicators directly).
    public let sections: [Section]
    /// Values and windows already spelled: contracts repeat them (`tout au long du contrat`,
    /// `fin 2022`, `50 %`), and spelling one re-lexes it.
    let memo = Memo()

    final class Memo {
        var asWritten: [ArraySlice<UInt8>: String] = [:]
        var typeset: [ArraySlice<UInt8>: String] = [:]
        var windows: [Window: String] = [:]
        /// The chain of years of each indicator with a relative target, built once.
        var chains: [ElementKey: TargetChain] = [:]
    }

    /// An element that opens a part of the document, with the actions and indicators placed
    /// directly under it.
    public struct Section {
        public let element: Element
        public let depth: Int
        public var actions: [Element] = []
        public var indicators: [Element] = []
    }

    public init(contract: Contract, version: Version, files: FileTable) {
        self.contract = contract
        self.version = version
        self.files = files
        self.period = version.period
        let tree = version.tree
        var sections: [Section] = []
        var yearSet = Set<Int>()
        if let p = version.period, p.isValid, p.years.count <= 200 { yearSet.formUnion(p.years) }
        // One preorder walk: a section per grouping element, each action or indicator added to
        // the section of its parent (the last section opened on its path).
        var sectionOf: [ElementID: Int] = [:]
        let root = tree.root!
        sections.append(Section(element: tree[root], depth: 0))
        sectionOf[root] = 0
        var stack: [(ElementID, Int)] = [(root, 0)]
        while let (id, depth) = stack.popLast() {
            let e = tree[id]
            if id != root {
                switch e.kind {
                case .axe, .objectif, .sousObjectif:
                    sectionOf[id] = sections.count
                    sections.append(Section(element: e, depth: depth))
                case .action, .indicateur:
                    let parent = e.parent.flatMap { sectionOf[$0] } ?? 0
                    if e.kind == .action { sections[parent].actions.append(e) } else { sections[parent].indicators.append(e) }
                    if e.kind == .indicateur {
                        for p in e.properties where p.key == .cible { if let y = p.year { yearSet.insert(y) } }
                    }
                default:
                    break
                }
            }
            var children: [ElementID] = []
            for c in tree.children(of: id) { children.append(c) }
            for c in children.reversed() { stack.append((c, depth + 1)) }
        }
        self.sections = sections
        self.years = yearSet.sorted()
    }

    /// The contract header of the version.
    public var header: Element { version.header }

    /// The sections other than the contract itself.
    public var bodySections: ArraySlice<Section> { sections.dropFirst() }

    /// The contract's own transversal actions and indicators (placed directly under it).
    public var transversal: Section? {
        sections[0].actions.isEmpty && sections[0].indicators.isEmpty ? nil : sections[0]
    }

    // MARK: words

    /// The long name of the contract type, above the title: `Contrat d'objectifs et de performance`.
    public var kindName: String? {
        switch header.contractType {
        case .cop?: return "Contrat d'objectifs et de performance"
        case .cpom?: return "Contrat pluriannuel d'objectifs et de moyens"
        case .cog?: return "Convention d'objectifs et de gestion"
        case .autre?: return "Contrat"
        case nil: return nil
        }
    }

    /// A referent as readers see it: its title with its id (`Centre national de gestion (CNG)`),
    /// or the id alone, or `à déterminer`.
    public func referentName(_ r: ReferentRef) -> String {
        guard let id = r.id else { return ReferentRef.toBeDetermined }
        if let t = version.referents[id]?.title, !t.isEmpty, t != id { return "\(t) (\(id))" }
        return id
    }

    /// A referent named for a reader: its title (`Direction générale de l'offre de soins`)
    /// and its id apart (the documents print it in small type), or the id alone as name when
    /// it has no title, or `à déterminer`.
    public func referentLabel(_ r: ReferentRef) -> (name: String, id: String?) {
        guard let id = r.id else { return (ReferentRef.toBeDetermined, nil) }
        if let t = version.referents[id]?.title, !t.isEmpty, t != id { return (t, id) }
        return (id, nil)
    }

    /// One signatory of the signature page: the quality printed above the signature
    /// (`fonction`, else the referent's title), the person's name (`personne`, nil: a blank to
    /// fill by hand), and its id.
    public struct Signatory {
        public let quality: String?
        public let name: String?
        public let id: String?
    }

    /// The signature page of the version: « Fait à PLACE, le DATE » — either left blank when
    /// the contract does not give it, as in a document signed by hand — and the signatories in
    /// the order of `signataires`.
    public var signatories: [Signatory] {
        header.referents(.signataires).map { r in
            guard let id = r.id else { return Signatory(quality: nil, name: nil, id: nil) }
            let e = version.referents[id]
            let title = e?.title.flatMap { $0.isEmpty ? nil : $0 }
            return Signatory(quality: e?.text(.fonction) ?? title ?? id, name: e?.text(.personne), id: id)
        }
    }

    /// `fait à` of the contract, when written.
    public var signaturePlace: String? { header.text(.faitA) }

    /// One element an avenant removed (`supprimer KIND ID`), for the annex « Éléments
    /// supprimés par avenant ».
    public struct Removal {
        /// The version the avenant made.
        public let version: Int
        public let kind: ElementKind
        public let id: String?
        /// Its title in the version before the avenant.
        public let title: String?
        public let motif: String?
        /// Whether the element is present again in this version (moved: removed, then added).
        public let present: Bool
    }

    /// What each avenant applied to this version removed, in avenant order, each with its motif
    /// (the change's, else the avenant's).
    public var removals: [Removal] {
        var out: [Removal] = []
        for v in contract.versions.dropFirst() where v.number <= version.number {
            guard let a = v.avenant else { continue }
            let before = contract.versions[v.number - 1]
            for c in a.changes where c.op == .supprimer {
                let key = c.id.map { ElementKey(c.kind, $0) }
                let old = key.flatMap { before.index[$0] }.map { before.tree[$0] }
                    ?? c.id.flatMap { before.referents[$0] ?? before.plans[$0] }
                out.append(Removal(version: v.number, kind: c.kind, id: c.id, title: old?.title,
                                   motif: c.motif ?? a.header.provenance.motif,
                                   present: key.map { version.index[$0] != nil } ?? false))
            }
        }
        return out
    }

    /// The ids of the referents under `key`, joined: `DGOS, CNG`.
    public func referentIds(_ e: Element, _ key: PropertyKey) -> String {
        e.referents(key).map(\.spelling).joined(separator: ", ")
    }

    /// A value as written, in canonical spelling.
    public func asWritten(_ p: Property) -> String {
        let key = files[p.valuePlace.file].bytes[Int(p.valuePlace.start)..<Int(p.valuePlace.end)]
        if let s = memo.asWritten[key] { return s }
        let s = files.canonicalText(p.valuePlace)
        memo.asWritten[key] = s
        return s
    }

    /// A value as written, typeset the French way (`60 %` with a no-break space): what the
    /// HTML shows of it.
    public func typesetValue(_ p: Property) -> String {
        let key = files[p.valuePlace.file].bytes[Int(p.valuePlace.start)..<Int(p.valuePlace.end)]
        if let s = memo.typeset[key] { return s }
        let s = French.typeset(asWritten(p))
        memo.typeset[key] = s
        return s
    }

    /// `prose(window)`, remembered.
    public func windowProse(_ w: Window) -> String {
        if let s = memo.windows[w] { return s }
        let s = ContractDocument.prose(w)
        memo.windows[w] = s
        return s
    }

    /// The window of a deadline property in this version, if it has one.
    public func window(_ p: Property) -> Window? {
        guard case .deadline(let d) = p.value else { return nil }
        guard let w = version.window(of: d, period: period), w.isValid else { return nil }
        return w
    }

    /// A window in French prose: `du 1er octobre 2022 au 31 décembre 2022`, or `le 30 juin 2024`.
    public static func prose(_ w: Window) -> String {
        let s = day(w.start), e = day(w.end)
        return w.start == w.end ? "le \(s)" : "du \(s) au \(e)"
    }

    /// A day in French prose (`1er octobre 2022`), by the HTML layer's one date formatter.
    public static func day(_ d: Day) -> String {
        French.date(d)
    }

    /// The name of the avenant that made version `n`: `avenant n° 2`.
    public func avenantName(_ n: Int) -> String {
        let number = n > 0 && n < contract.versions.count ? (contract.versions[n].avenant?.number ?? n) : n
        return "avenant n° \(number)"
    }

    /// For an element changed or added by an avenant, the note shown beside it:
    /// (`Ajouté par l'avenant n° 2` or `Modifié par l'avenant n° 2`, motif).
    public func changeNote(_ e: Element) -> (title: String, motif: String?)? {
        let n = e.provenance.avenant
        guard n > 0 else { return nil }
        let added = contract.versions[0].index[e.key] == nil
        let motif = e.provenance.motif ?? (n < contract.versions.count ? contract.versions[n].avenant?.header.provenance.motif : nil)
        return ((added ? "Ajouté par l'" : "Modifié par l'") + avenantName(n), motif)
    }

    /// What a target says, for a reader: pending and not-applicable in words, others as
    /// written.
    public func targetText(_ p: Property) -> String {
        switch p.value {
        case .target(.pending): return "à fixer par avenant"
        case .target(.notApplicable): return "sans objet"
        case .target(.followed): return "suivi"
        default: return asWritten(p)
        }
    }

    /// The goal of a target of `indicator` in this version (`Goal`): a relative target resolved
    /// through the chain of years (built once per indicator), numbers in the indicator's unit.
    /// `≥ N-1` stays unresolved: the contract alone does not know the réalisés.
    public func goal(_ p: Property, of indicator: Element) -> Goal {
        var chain: TargetChain?
        if case .target(let t) = p.value, t.dependsOnOtherValue {
            if let c = memo.chains[indicator.key] { chain = c } else {
                let c = TargetChain(indicator, firstYear: period?.start.year)
                memo.chains[indicator.key] = c
                chain = c
            }
        }
        return Goal(p, of: indicator, firstYear: period?.start.year, chain: chain)
    }

    /// A target as a reader sees it in the tables, typeset: pending and not-applicable in
    /// words, a computed value with the written form beside it (« 22 % (+2 points) »,
    /// « ≤ 2 200 k€ (≤ 2,2 M€) »), else as written.
    public func targetShown(_ p: Property, of indicator: Element) -> String {
        switch p.value {
        case .target(.pending), .target(.notApplicable), .target(.followed): return targetText(p)
        default: break
        }
        let g = goal(p, of: indicator)
        return g.isComputed ? French.typeset(g.french(asWritten: asWritten(p))) : typesetValue(p)
    }

    /// The targets of an indicator for `year`: (label, property), in source order.
    public func targets(_ e: Element, year: Int) -> [Property] {
        e.properties.filter { $0.key == .cible && $0.year == year }
    }

    /// The targets of an indicator by year, in source order (one pass over its properties).
    public func targetsByYear(_ e: Element) -> [Int: [Property]] {
        var out: [Int: [Property]] = [:]
        for p in e.properties where p.key == .cible {
            if let y = p.year { out[y, default: []].append(p) }
        }
        return out
    }

    /// The indicator's bases: `21,5 % (2019)`.
    public func bases(_ e: Element) -> [(property: Property, text: String)] {
        e.properties.filter { $0.key == .base }.map { p in
            (p, typesetValue(p) + (p.year.map { " (\($0))" } ?? ""))
        }
    }

    /// The deadlines (`délai`) and steps (`étape`) of an action, in source order.
    public func deadlines(_ e: Element) -> [Property] {
        e.properties.filter { $0.key == .delai || $0.key == .etape }
    }

    /// `délai (directeurs)`, `délai`, `étape « Cartographier »`: the tag as written (the
    /// calendar's descriptions).
    public static func deadlineLabel(_ p: Property) -> String {
        if p.key == .etape { return "étape « \(p.stepTitle ?? "") »" }
        if let l = p.label { return "délai (\(l))" }
        return "délai"
    }

    /// `Directeurs`, `Plan formation directeurs` (a label in words, `French.label`), `délai`,
    /// `étape « Cartographier »`: what precedes a deadline in the documents.
    public static func deadlineWords(_ p: Property) -> String {
        if p.key == .delai, let l = p.label { return French.label(l) }
        return deadlineLabel(p)
    }
}
