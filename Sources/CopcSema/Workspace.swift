import CopcSource
import CopcDiagnostics
import CopcSyntax

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
    var removed: Set<String> = []

    static func removalKey(_ kind: ElementKind, _ id: String) -> String {
        // Referents and plans are looked up by their id as written, elements by normalised key.
        kind.rawValue + "|" + (kind == .referent || kind == .plan ? id : Element.normalize(id))
    }

    /// The ids of elements of `kind` removed by an avenant up to this version (normalised
    /// keys; as written for referents and plans), in no particular order. O(removals).
    public func removedIds(of kind: ElementKind) -> [String] {
        let prefix = kind.rawValue + "|"
        return removed.compactMap { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : nil }
    }

    /// Whether `KIND ID` was removed by an avenant up to this version.
    public func wasRemoved(_ kind: ElementKind, _ id: String) -> Bool {
        !removed.isEmpty && removed.contains(ContractVersion.removalKey(kind, id))
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
    public var periodProp: Prop? { root.first("periode") }

    /// The day this version takes effect (`en vigueur le`, else `signé le`).
    public var effectiveDate: Day? {
        guard let a = avenant?.root else { return root.date("en vigueur le") ?? root.date("signe le") }
        return a.date("en vigueur le") ?? a.date("signe le")
    }

    /// Every element of the tree, in document order (the contract root first).
    public var elements: [Element] {
        var out: [Element] = []
        root.forEach { out.append($0) }
        return out
    }

    struct IndexKey: Hashable {
        let kind: ElementKind
        let key: String
    }
    /// Elements by kind and key in document order, built on the first `find`; elements removed
    /// by `supprimer` are `detached` and skipped (each at most once), so that applying an
    /// avenant of k changes to a tree of n elements costs O(n + k), not O(n × k).
    private var index: [IndexKey: [Element]]?
    private var indexHeads: [IndexKey: Int] = [:]
    private var detached = Set<ObjectIdentifier>()

    /// Looks an element up by kind and id (separators `-` and `.` equivalent): the first one
    /// in document order.
    public func find(_ kind: ElementKind, _ id: String) -> Element? {
        if kind == .referent { return referents[id] }
        if kind == .plan { return plans[id] }
        if index == nil {
            var built: [IndexKey: [Element]] = [:]
            root.forEach { e in if let k = e.key { built[IndexKey(kind: e.kind, key: k), default: []].append(e) } }
            index = built
        }
        let k = IndexKey(kind: kind, key: Element.normalize(id))
        guard let list = index![k] else { return nil }
        var h = indexHeads[k] ?? 0
        while h < list.count && detached.contains(ObjectIdentifier(list[h])) { h += 1 }
        indexHeads[k] = h
        return h < list.count ? list[h] : nil
    }

    /// Records an element added under `parent` (by `ajouter`) in the index, if built. Only
    /// called when no live element has its kind and key, so document order is kept.
    func indexAdded(_ e: Element) {
        guard index != nil, let key = e.key else { return }
        index![IndexKey(kind: e.kind, key: key), default: []].append(e)
    }

    /// Marks a subtree removed (`supprimer`): `find` no longer sees it. The caller takes it out
    /// of its parent's children.
    func detach(_ t: Element) {
        t.forEach { detached.insert(ObjectIdentifier($0)) }
    }

    func isDetached(_ e: Element) -> Bool { detached.contains(ObjectIdentifier(e)) }

    public var isHierarchical: Bool { root.word("numerotation") != "libre" }
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

    /// One file being resolved: its imports are visited one by one, then its own declarations
    /// are added.
    private struct Frame {
        let file: FileModel
        let identity: String
        var nextUse = 0
        var referents: [String: Element] = [:]
        var plans: [String: Element] = [:]
    }

    /// The visible declarations of `f`, its imports' first (a duplicate is then reported at
    /// this file's own declaration, not in the shared annuaire). The import graph is walked
    /// with an explicit stack and a set of the files in progress, so that a long chain of
    /// imports neither overflows the call stack nor costs its length at each step.
    func declarations(of f: FileModel, chain: [String]) -> (referents: [String: Element], plans: [String: Element]) {
        let rootIdentity = loader.identity(of: f)
        if let done = visible[rootIdentity] { return done }
        var inProgress: Set<String> = Set(chain)
        inProgress.insert(rootIdentity)
        var stack = [Frame(file: f, identity: rootIdentity)]
        func add(_ e: Element, to frame: inout Frame) {
            guard let id = e.id else { return }
            if e.kind == .referent {
                if let first = frame.referents[id] {
                    if first !== e {
                        report(.duplicateIdentifier(kind: "référent", id: id), e.idSpan ?? e.span, notes: [Note(.firstDeclaration, at: first.idSpan ?? first.span)])
                    }
                } else { frame.referents[id] = e }
            } else if e.kind == .plan {
                if let first = frame.plans[id] {
                    if first !== e {
                        report(.duplicateIdentifier(kind: "plan", id: id), e.idSpan ?? e.span, notes: [Note(.firstDeclaration, at: first.idSpan ?? first.span)])
                    }
                } else { frame.plans[id] = e }
            }
        }
        func merge(_ imported: (referents: [String: Element], plans: [String: Element]), into frame: inout Frame) {
            for e in imported.referents.values.sorted(by: { $0.id! < $1.id! }) { add(e, to: &frame) }
            for e in imported.plans.values.sorted(by: { $0.id! < $1.id! }) { add(e, to: &frame) }
        }
        while !stack.isEmpty {
            let top = stack.count - 1
            let file = stack[top].file
            if stack[top].nextUse < file.uses.count {
                let u = file.uses[stack[top].nextUse]
                stack[top].nextUse += 1
                let span = SourceSpan(file.source, u.range)
                switch loader.load(u.path, from: file) {
                case .notFound: report(.importNotFound(u.path), span)
                case .outsideWorkspace: report(.importOutsideWorkspace(u.path), span)
                case .file(let g):
                    let gid = loader.identity(of: g)
                    if inProgress.contains(gid) {
                        report(.importCycle(u.path), span)
                    } else if let done = visible[gid] {
                        merge(done, into: &stack[top])
                    } else if stack.count >= Limits.maxImportDepth {
                        report(.importChainTooLong(path: u.path, limit: Limits.maxImportDepth), span)
                    } else {
                        inProgress.insert(gid)
                        stack.append(Frame(file: g, identity: gid))
                    }
                }
                continue
            }
            var done = stack.removeLast()
            for e in done.file.declarations { add(e, to: &done) }
            visible[done.identity] = (done.referents, done.plans)
            inProgress.remove(done.identity)
            if !stack.isEmpty { merge((done.referents, done.plans), into: &stack[stack.count - 1]) }
        }
        return visible[rootIdentity]!
    }

    // MARK: consolidation

    func consolidate(_ unit: ContractUnit) {
        guard let root = unit.contract.root else { return }
        let decl = declarations(of: unit.contract, chain: [])
        var current = ContractVersion(number: 0, root: root, referents: decl.referents, plans: decl.plans, avenant: nil)
        unit.versions = [current]
        if unit.avenants.count > Limits.maxAvenants, let first = unit.avenants[Limits.maxAvenants].root {
            report(.tooManyAvenants(contract: root.id ?? "?", limit: Limits.maxAvenants), first.span)
        }
        for (k, av) in unit.avenants.prefix(Limits.maxAvenants).enumerated() {
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
        var emptied: [Element] = []
        for change in av.changes {
            let kindName = change.kind.keyword
            switch change.op {
            case .modifier:
                let target: Element?
                if change.kind == .contrat {
                    target = v.root
                } else if let id = change.id {
                    target = v.find(change.kind, id)
                } else { target = nil }
                guard var t = target else {
                    report(.changeTargetMissing(op: "modifier", kind: kindName, id: change.id ?? "", version: prev.number), change.span)
                    continue
                }
                if change.kind == .referent || change.kind == .plan {
                    // Declarations are shared between versions: copy before changing.
                    let c = t.copy()
                    if change.kind == .referent { v.referents[t.id!] = c } else { v.plans[t.id!] = c }
                    t = c
                }
                // Each new property replaces those of the same identity (a `délai` without label
                // replaces every `délai`), in one pass over the element's properties.
                let added = change.element.props.map { $0.attributed(to: n, motif: change.motif) }
                let lastBareDeadline = added.lastIndex { $0.key == "delai" && $0.label == nil }
                let replaced = Set(added.map(\.identity))
                t.props.removeAll { (lastBareDeadline != nil && $0.key == "delai") || replaced.contains($0.identity) }
                for (k, prop) in added.enumerated() {
                    if let b = lastBareDeadline, k < b, prop.key == "delai" { continue }
                    t.props.append(prop)
                }
                if let title = change.element.title { t.title = title }
                t.changedBy = n
                if let m = change.motif { t.motif = m }
            case .ajouter:
                guard let id = change.id else { continue }
                if v.find(change.kind, id) != nil {
                    report(.addExisting(kind: kindName, id: id, version: prev.number), change.span)
                    continue
                }
                let el = change.element.copy()
                el.changedBy = n
                el.props = el.props.map { $0.attributed(to: n, motif: change.motif) }
                if change.kind == .referent { v.referents[id] = el; continue }
                if change.kind == .plan { v.plans[id] = el; continue }
                guard var parent = parentForAddition(change, in: v) else { continue }
                // The same depth limit as the builder's: past it, a sibling of its parent.
                if nestingDepth(of: parent) >= Limits.maxDepth, let grand = parent.parent {
                    report(.nestingTooDeep(element: el.displayName, limit: Limits.maxDepth), change.placement.map { SourceSpan(change.span.file, $0.range) } ?? change.span)
                    parent = grand
                }
                el.parent = parent
                parent.children.append(el)
                v.indexAdded(el)
            case .supprimer:
                guard let id = change.id, let t = v.find(change.kind, id) else {
                    report(.changeTargetMissing(op: "supprimer", kind: kindName, id: change.id ?? "", version: prev.number), change.span)
                    continue
                }
                if change.kind == .referent { v.referents[id] = nil }
                else if change.kind == .plan { v.plans[id] = nil }
                else if let parent = t.parent {
                    // Taken out of the children once the avenant is applied (one pass per parent).
                    v.detach(t)
                    emptied.append(parent)
                }
                t.forEach { x in if let xid = x.id { v.removed.insert(ContractVersion.removalKey(x.kind, xid)) } }
                removed.append((t, change))
            }
        }
        var cleaned = Set<ObjectIdentifier>()
        for parent in emptied where cleaned.insert(ObjectIdentifier(parent)).inserted {
            parent.children.removeAll { v.isDetached($0) }
        }
        // COP207: checked once the whole avenant is applied (changes may come in any order).
        let declarations = removed.map(\.0).filter { $0.kind == .referent || $0.kind == .plan }
        guard !declarations.isEmpty else { return }
        let uses = firstUses(of: declarations, in: v)
        for (t, change) in removed where t.kind == .referent || t.kind == .plan {
            if let use = uses[ObjectIdentifier(t)] {
                report(.danglingReference(kind: t.kind.keyword, id: t.id ?? "", usedBy: use.0.displayName), change.span,
                       notes: [Note(.stillUsedHere, at: use.1)])
            }
        }
    }

    func parentForAddition(_ change: Change, in v: ContractVersion) -> Element? {
        if let pl = change.placement {
            if pl.kind == .contrat { return v.root }
            if let p = v.find(pl.kind, pl.id ?? "") { return p }
            report(.parentMissing(kind: pl.kind.keyword, id: pl.id ?? ""), SourceSpan(change.span.file, pl.range))
            return nil
        }
        if change.kind == .axe { return v.root }
        // Hierarchical numbering: the parent's id is the new id without its last component.
        let key = Element.normalize(change.id ?? "")
        if let dot = key.lastIndex(of: ".") {
            let prefix = String(key[..<dot])
            for k in BuilderState.allowedParents(change.kind) where k != .contrat {
                if let p = v.find(k, prefix) { return p }
            }
            report(.parentMissing(kind: BuilderState.allowedParents(change.kind).first?.keyword ?? "objectif", id: prefix), change.span)
            return nil
        }
        if change.kind == .indicateur || change.kind == .objectif { return v.root }
        report(.parentMissing(kind: BuilderState.allowedParents(change.kind).first?.keyword ?? "objectif", id: "?"), change.span)
        return nil
    }

    /// For each removed referent or plan, the first element of a version that still uses it,
    /// with the place: one pass over the version, whatever the number of removals.
    func firstUses(of decls: [Element], in v: ContractVersion) -> [ObjectIdentifier: (Element, SourceSpan)] {
        var referents: [String: Element] = [:]
        var plans: [String: Element] = [:]
        for d in decls {
            guard let id = d.id else { continue }
            if d.kind == .referent { referents[id] = d } else { plans[id] = d }
        }
        var found: [ObjectIdentifier: (Element, SourceSpan)] = [:]
        let holders = v.elements + v.referents.values.sorted { $0.id! < $1.id! } + v.plans.values.sorted { $0.id! < $1.id! }
        for e in holders {
            for p in e.props {
                switch p.value {
                case .referents(let refs):
                    for r in refs {
                        if let id = r.id, let d = referents[id], found[ObjectIdentifier(d)] == nil {
                            found[ObjectIdentifier(d)] = (e, SourceSpan(p.span.file, r.range))
                        }
                    }
                case .deadline(let dl):
                    if case .plan(let name) = dl.form, let d = plans[name], found[ObjectIdentifier(d)] == nil {
                        found[ObjectIdentifier(d)] = (e, p.valueSpan)
                    }
                default: break
                }
            }
        }
        return found
    }
}
