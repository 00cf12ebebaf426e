import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcLanguage

/// Options that change what the checks report.
public struct CheckOptions: Sendable {
    /// The date against which "the year has begun" and "the version in force" are judged.
    public var au: Day
    /// Warnings fail the run; pending targets of begun years become errors.
    public var strict: Bool

    public init(au: Day, strict: Bool = false) {
        self.au = au
        self.strict = strict
    }
}

/// How the driver answers an `utilise`: the file, or why not.
public enum ImportOutcome {
    case file(FileModel)
    case notFound
    case outsideWorkspace
}

/// The file system seen by the semantic layer (implemented by the driver; no I/O here).
public protocol SourceLoader: AnyObject {
    /// Resolves `path`, relative to the importing file, to a parsed and built file.
    func load(_ path: String, from importer: FileModel) -> ImportOutcome
    /// A canonical identity for a file (its real path), for cycle detection.
    func identity(of file: FileModel) -> String
}

/// One consolidated version of a contract: version 0 is the contract as signed.
public final class ContractVersion {
    public let number: Int
    public let root: Element
    public var referents: [String: Element]
    public var plans: [String: Element]
    /// What this version's avenant or an earlier one removed, as `removalKey`s: a removed
    /// referent or plan still in use is COP207 (not COP201 again), and a removed element's
    /// number is not a hole in the numbering (COP203).
    var removed: Set<ElementKey> = []

    /// Whether `KIND ID` was removed by an avenant up to this version.
    public func wasRemoved(_ kind: ElementKind, _ id: String) -> Bool {
        !removed.isEmpty && removed.contains(ElementKey(kind, id))
    }
    /// The avenant that produced this version (`nil` for version 0).
    public let avenant: FileModel?

    init(number: Int, root: Element, referents: [String: Element], plans: [String: Element], avenant: FileModel?) {
        self.number = number
        self.root = root
        self.referents = referents
        self.plans = plans
        self.avenant = avenant
    }

    public var period: Window? { root.period }
    public var periodProp: Prop? { root.first(.periode) }

    /// The day this version takes effect (`en vigueur le`, else `signé le`).
    public var effectiveDate: Day? {
        guard let a = avenant?.root else { return root.date(.enVigueurLe) ?? root.date(.signeLe) }
        return a.date(.enVigueurLe) ?? a.date(.signeLe)
    }

    /// Every element of the tree, in document order (the contract root first).
    public var elements: [Element] {
        var out: [Element] = []
        root.forEach { out.append($0) }
        return out
    }

    /// Looks an element up by kind and id (separators `-` and `.` equivalent).
    public func find(_ kind: ElementKind, _ id: String) -> Element? {
        let key = Element.normalize(id)
        if kind == .referent { return referents[id] }
        if kind == .plan { return plans[id] }
        var found: Element?
        root.forEach { e in
            if found == nil, e.kind == kind, e.key == key { found = e }
        }
        return found
    }

    public var isHierarchical: Bool { root.numbering != .free }
}

/// A contract with its avenants and its versions.
public final class ContractUnit {
    public let contract: FileModel
    public var avenants: [FileModel] = []
    public var versions: [ContractVersion] = []

    init(contract: FileModel) {
        self.contract = contract
    }

    public var id: String? { contract.root?.id }

    /// The version in force at `day`: the last one whose date of effect is on or before it.
    public func versionInForce(at day: Day) -> ContractVersion {
        var chosen = versions[0]
        for v in versions.dropFirst() {
            if let d = v.effectiveDate, d <= day { chosen = v }
        }
        return chosen
    }
}

/// All the files of a check: contracts grouped with their avenants, annuaires, and their imports.
public final class Workspace {
    public private(set) var files: [FileModel] = []
    public private(set) var units: [ContractUnit] = []
    /// Avenants whose contract is unknown.
    public private(set) var orphanAvenants: [FileModel] = []
    public var diagnostics: [Diagnostic] = []
    private let loader: SourceLoader
    /// Visible declarations per file identity (own + imported, transitively).
    private var visible: [String: (referents: [String: Element], plans: [String: Element])] = [:]

    public init(files: [FileModel], loader: SourceLoader) {
        self.files = files
        self.loader = loader
    }

    func report(_ m: Message, _ span: SourceSpan, notes: [Note] = []) {
        diagnostics.append(Diagnostic(m, at: span, notes: notes))
    }

    /// Groups files, resolves imports and consolidates every contract's versions.
    public func assemble() {
        var byId: [String: ContractUnit] = [:]
        for f in files where f.kind == .contract {
            guard let root = f.root else { continue }
            let unit = ContractUnit(contract: f)
            if let id = root.id {
                if let first = byId[id] {
                    report(.duplicateContract(id), root.idSpan ?? root.span, notes: [Note(.firstDeclaration, at: first.contract.root?.idSpan)])
                    continue
                }
                byId[id] = unit
            }
            units.append(unit)
        }
        for f in files where f.kind == .avenant {
            if let ref = f.contractRef, let unit = byId[ref] {
                unit.avenants.append(f)
            } else {
                orphanAvenants.append(f)
            }
        }
        for f in files where f.kind == .annuaire {
            _ = declarations(of: f, chain: [])
        }
        for unit in units {
            unit.avenants.sort { ($0.avenantNumber ?? Int.max, $0.source.path) < ($1.avenantNumber ?? Int.max, $1.source.path) }
            consolidate(unit)
        }
    }

    /// The referents and plans visible from a file: its own and those of its imports.
    public func visibleDeclarations(of f: FileModel) -> (referents: [String: Element], plans: [String: Element]) {
        declarations(of: f, chain: [])
    }

    func declarations(of f: FileModel, chain: [String]) -> (referents: [String: Element], plans: [String: Element]) {
        let me = loader.identity(of: f)
        if let done = visible[me] { return done }
        var refs: [String: Element] = [:]
        var plans: [String: Element] = [:]
        func add(_ e: Element) {
            guard let id = e.id else { return }
            if e.kind == .referent {
                if let first = refs[id] {
                    if first !== e {
                        report(.duplicateIdentifier(kind: .referent, id: id), e.idSpan ?? e.span, notes: [Note(.firstDeclaration, at: first.idSpan ?? first.span)])
                    }
                } else { refs[id] = e }
            } else if e.kind == .plan {
                if let first = plans[id] {
                    if first !== e {
                        report(.duplicateIdentifier(kind: .plan, id: id), e.idSpan ?? e.span, notes: [Note(.firstDeclaration, at: first.idSpan ?? first.span)])
                    }
                } else { plans[id] = e }
            }
        }
        // Imports first: a duplicate is then reported at this file's own declaration, not in
        // the shared annuaire.
        for u in f.uses {
            let span = SourceSpan(f.source, u.range)
            switch loader.load(u.path, from: f) {
            case .notFound: report(.importNotFound(u.path), span)
            case .outsideWorkspace: report(.importOutsideWorkspace(u.path), span)
            case .file(let g):
                let gid = loader.identity(of: g)
                if gid == me || chain.contains(gid) {
                    report(.importCycle(u.path), span)
                    continue
                }
                let imported = declarations(of: g, chain: chain + [me])
                for e in imported.referents.values.sorted(by: { $0.id! < $1.id! }) { add(e) }
                for e in imported.plans.values.sorted(by: { $0.id! < $1.id! }) { add(e) }
            }
        }
        f.declarations.forEach(add)
        visible[me] = (refs, plans)
        return (refs, plans)
    }

    // MARK: consolidation

    func consolidate(_ unit: ContractUnit) {
        guard let root = unit.contract.root else { return }
        let decl = declarations(of: unit.contract, chain: [])
        var current = ContractVersion(number: 0, root: root, referents: decl.referents, plans: decl.plans, avenant: nil)
        unit.versions = [current]
        for (k, av) in unit.avenants.enumerated() {
            let next = ContractVersion(number: k + 1, root: current.root.copy(), referents: current.referents,
                                       plans: current.plans, avenant: av)
            next.removed = current.removed
            apply(av, number: k + 1, from: current, to: next)
            unit.versions.append(next)
            current = next
        }
    }

    func apply(_ av: FileModel, number n: Int, from prev: ContractVersion, to v: ContractVersion) {
        var removed: [(Element, Change)] = []
        for change in av.changes {
            switch change.op {
            case .modifier:
                let target: Element?
                if change.kind == .contrat {
                    target = v.root
                } else if let id = change.id {
                    target = v.find(change.kind, id)
                } else { target = nil }
                guard var t = target else {
                    report(.changeTargetMissing(op: .modifier, kind: change.kind, id: change.id ?? "", version: prev.number), change.span)
                    continue
                }
                if change.kind == .referent || change.kind == .plan {
                    // Declarations are shared between versions: copy before changing.
                    let c = t.copy()
                    if change.kind == .referent { v.referents[t.id!] = c } else { v.plans[t.id!] = c }
                    t = c
                }
                for original in change.element.props {
                    let prop = original.attributed(to: n, motif: change.motif)
                    if prop.key == .delai && prop.label == nil {
                        t.props.removeAll { $0.key == .delai }
                    } else {
                        let identity = prop.identity
                        t.props.removeAll { $0.identity == identity }
                    }
                    t.props.append(prop)
                }
                if let title = change.element.title { t.title = title }
                t.changedBy = n
                if let m = change.motif { t.motif = m }
            case .ajouter:
                guard let id = change.id else { continue }
                if v.find(change.kind, id) != nil {
                    report(.addExisting(kind: change.kind, id: id, version: prev.number), change.span)
                    continue
                }
                let el = change.element.copy()
                el.changedBy = n
                el.props = el.props.map { $0.attributed(to: n, motif: change.motif) }
                if change.kind == .referent { v.referents[id] = el; continue }
                if change.kind == .plan { v.plans[id] = el; continue }
                guard let parent = parentForAddition(change, in: v) else { continue }
                el.parent = parent
                parent.children.append(el)
            case .supprimer:
                guard let id = change.id, let t = v.find(change.kind, id) else {
                    report(.changeTargetMissing(op: .supprimer, kind: change.kind, id: change.id ?? "", version: prev.number), change.span)
                    continue
                }
                if change.kind == .referent { v.referents[id] = nil }
                else if change.kind == .plan { v.plans[id] = nil }
                else if let parent = t.parent { parent.children.removeAll { $0 === t } }
                t.forEach { x in if let xid = x.id { v.removed.insert(ElementKey(x.kind, xid)) } }
                removed.append((t, change))
            }
        }
        // COP207: checked once the whole avenant is applied (changes may come in any order).
        for (t, change) in removed where t.kind == .referent || t.kind == .plan {
            if let use = firstUse(of: t, in: v) {
                report(.danglingReference(kind: t.kind, id: t.id ?? "", usedBy: use.0.ref), change.span,
                       notes: [Note(.stillUsedHere, at: use.1)])
            }
        }
    }

    func parentForAddition(_ change: Change, in v: ContractVersion) -> Element? {
        if let pl = change.placement {
            if pl.kind == .contrat { return v.root }
            if let p = v.find(pl.kind, pl.id ?? "") { return p }
            report(.parentMissing(kind: pl.kind, id: pl.id ?? ""), SourceSpan(change.span.file, pl.range))
            return nil
        }
        if change.kind == .axe { return v.root }
        // Hierarchical numbering: the parent's id is the new id without its last component.
        let key = Element.normalize(change.id ?? "")
        if let dot = key.lastIndex(of: ".") {
            let prefix = String(key[..<dot])
            for k in change.kind.allowedParents where k != .contrat {
                if let p = v.find(k, prefix) { return p }
            }
            report(.parentMissing(kind: change.kind.allowedParents.first ?? .objectif, id: prefix), change.span)
            return nil
        }
        if change.kind == .indicateur || change.kind == .objectif { return v.root }
        report(.parentMissing(kind: change.kind.allowedParents.first ?? .objectif, id: "?"), change.span)
        return nil
    }

    /// The first element of a version that still uses a referent or a plan, with the place.
    func firstUse(of decl: Element, in v: ContractVersion) -> (Element, SourceSpan)? {
        guard let id = decl.id else { return nil }
        var found: (Element, SourceSpan)?
        let holders = v.elements + v.referents.values.sorted { $0.id! < $1.id! } + v.plans.values.sorted { $0.id! < $1.id! }
        for e in holders where found == nil {
            for p in e.props where found == nil {
                switch p.value {
                case .referents(let refs) where decl.kind == .referent:
                    if let r = refs.first(where: { $0.id == id }) { found = (e, SourceSpan(p.span.file, r.range)) }
                case .deadline(let d) where decl.kind == .plan:
                    if case .plan(let name) = d.form, name == id { found = (e, p.valueSpan) }
                default: break
                }
            }
        }
        return found
    }
}
