import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcLanguage
import CopcModel

/// Options that change what the checks report.
public struct CheckOptions: Sendable {
    /// The date against which "the year has begun" and "the version in force" are judged.
    public var au: Day
    /// Warnings fail the run; pending targets of begun years become errors.
    public var strict: Bool
    /// Whether the date was given (`--au`): the follow-up calendar is checked only then (COP606).
    public var auGiven: Bool

    public init(au: Day, strict: Bool = false, auGiven: Bool = false) {
        self.au = au
        self.strict = strict
        self.auGiven = auGiven
    }
}

/// How the driver answers an `utilise`: the file, or why not.
public enum ImportOutcome {
    case file(FileModel)
    case notFound
    case outsideWorkspace
    /// Not a `.cop` file, a hidden one, or a file with no contract or annuaire header: not
    /// opened, or opened and not quoted (issue 21).
    case notContractFile
}

/// The files seen by the semantic layer (implemented by the driver; no I/O here).
public protocol SourceLoader: AnyObject {
    /// Resolves `path`, relative to the importing file, to a built file.
    func load(_ path: String, from importer: FileID) -> ImportOutcome
    /// A canonical identity for a file (its real path), for cycle detection.
    func identity(of file: FileID) -> String
    /// The folder holding a file (absolute), which decides the contract it belongs to
    /// (`Membership`).
    func folder(of file: FileID) -> String
    /// The files loaded so far: paths, and places as spans.
    var files: FileTable { get }
}

/// The référents and plans visible from a file (its own and those of its imports); an
/// organisme is among the référents.
public struct Declarations: Sendable {
    public var referents: [String: Element] = [:]
    public var plans: [String: Element] = [:]
}

/// All the files of a check: contracts grouped with their avenants and consolidated into their
/// versions, annuaires, and their imports.
public final class Workspace {
    public private(set) var files: [FileModel] = []
    public private(set) var contracts: [Contract] = []
    /// Avenants whose contract is unknown.
    public private(set) var orphanAvenants: [FileModel] = []
    /// Bilans whose contract is unknown.
    public private(set) var orphanBilans: [FileModel] = []
    /// Orphan avenants and bilans whose contract is declared, but not in their folder nor above
    /// it → the place of that declaration's id (`Membership`).
    public private(set) var declaredElsewhere: [FileID: Place] = [:]
    public var diagnostics: [Diagnostic] = []
    private let loader: SourceLoader
    /// Visible declarations per file identity (own + imported, transitively).
    private var visible: [String: Declarations] = [:]

    public init(files: [FileModel], loader: SourceLoader) {
        self.files = files
        self.loader = loader
    }

    func report(_ m: Message, _ place: Place, notes: [Note] = []) {
        diagnostics.append(Diagnostic(m, at: loader.files.span(place), notes: notes))
    }

    func note(_ m: NoteMessage, _ place: Place?) -> Note { Note(m, at: place.map(loader.files.span)) }

    /// Groups files, resolves imports and consolidates every contract's versions.
    public func assemble() {
        // Which file belongs to which contract: the one rule (`Membership`), by folder.
        let membership = Membership.assign(files.map { f in
            Membership.File(folder: loader.folder(of: f.file), kind: f.header == nil ? .unknown : f.kind,
                            contract: f.kind == .contract ? f.header?.id : f.contractRef)
        })
        var contractFiles: [FileModel] = []
        var slot: [Int: Int] = [:]   // index in `files` of a declaration → index in `contractFiles`
        for (k, f) in files.enumerated() where f.kind == .contract {
            guard let root = f.header else { continue }
            if let first = membership.duplicateOf[k] {
                report(.duplicateContract(root.id ?? ""), root.namePlace, notes: [note(.firstDeclaration, files[first].header?.idPlace)])
                continue
            }
            slot[k] = contractFiles.count
            contractFiles.append(f)
        }
        var avenants = [[FileModel]](repeating: [], count: contractFiles.count)
        var bilans = [[FileModel]](repeating: [], count: contractFiles.count)
        for (k, f) in files.enumerated() where f.kind == .avenant || f.kind == .bilan {
            if let o = membership.owner[k], let c = slot[o] {
                if f.kind == .avenant { avenants[c].append(f) } else { bilans[c].append(f) }
                continue
            }
            if f.kind == .avenant { orphanAvenants.append(f) } else { orphanBilans.append(f) }
            if let d = membership.declaredElsewhere[k], let place = files[d].header?.idPlace { declaredElsewhere[f.file] = place }
        }
        for f in files where f.kind == .annuaire {
            _ = declarations(of: f, chain: [])
        }
        let table = loader.files
        for (k, f) in contractFiles.enumerated() {
            let sorted = avenants[k].sorted {
                ($0.avenantNumber ?? Int.max, table[$0.file].path) < ($1.avenantNumber ?? Int.max, table[$1.file].path)
            }
            var contract = consolidate(f, sorted)
            contract.bilans = bilans[k].sorted {
                ($0.bilanYear ?? Int.max, table[$0.file].path) < ($1.bilanYear ?? Int.max, table[$1.file].path)
            }.compactMap(Bilan.init)
            contracts.append(contract)
        }
    }

    /// The referents and plans visible from a file: its own and those of its imports.
    public func visibleDeclarations(of f: FileModel) -> Declarations {
        declarations(of: f, chain: [])
    }

    /// One file being resolved: its imports are visited one by one, then its own declarations
    /// are added.
    private struct Frame {
        let file: FileModel
        let identity: String
        var nextImport = 0
        var declarations = Declarations()
    }

    /// The visible declarations of `f`, its imports' first (a duplicate is then reported at
    /// this file's own declaration, not in the shared annuaire). The import graph is walked
    /// with an explicit stack and a set of the files in progress, so that a long chain of
    /// imports neither overflows the call stack nor costs its length at each step.
    func declarations(of f: FileModel, chain: [String]) -> Declarations {
        let rootIdentity = loader.identity(of: f.file)
        if let done = visible[rootIdentity] { return done }
        var inProgress: Set<String> = Set(chain)
        inProgress.insert(rootIdentity)
        var stack = [Frame(file: f, identity: rootIdentity)]
        func add(_ e: Element, to frame: inout Frame) {
            guard let id = e.id else { return }
            // An organisme is also the référent of its id: `organisme : ONF`,
            // `signataires : ONF` name it.
            if e.kind == .referent || e.kind == .organisme {
                if let first = frame.declarations.referents[id] {
                    if first.place != e.place {
                        report(.duplicateIdentifier(kind: e.kind, id: id), e.namePlace, notes: [note(.firstDeclaration, first.namePlace)])
                    }
                } else { frame.declarations.referents[id] = e }
            } else if e.kind == .plan {
                if let first = frame.declarations.plans[id] {
                    if first.place != e.place {
                        report(.duplicateIdentifier(kind: .plan, id: id), e.namePlace, notes: [note(.firstDeclaration, first.namePlace)])
                    }
                } else { frame.declarations.plans[id] = e }
            }
        }
        func merge(_ imported: Declarations, into frame: inout Frame) {
            for e in imported.referents.values.sorted(by: { $0.id! < $1.id! }) { add(e, to: &frame) }
            for e in imported.plans.values.sorted(by: { $0.id! < $1.id! }) { add(e, to: &frame) }
        }
        while !stack.isEmpty {
            let top = stack.count - 1
            let file = stack[top].file
            if stack[top].nextImport < file.imports.count {
                let u = file.imports[stack[top].nextImport]
                stack[top].nextImport += 1
                switch loader.load(u.path, from: file.file) {
                case .notFound: report(.importNotFound(u.path), u.place)
                case .outsideWorkspace: report(.importOutsideWorkspace(u.path), u.place)
                case .notContractFile: report(.importNotContractFile(u.path), u.place)
                case .file(let g):
                    let gid = loader.identity(of: g.file)
                    if inProgress.contains(gid) {
                        report(.importCycle(u.path), u.place)
                    } else if let done = visible[gid] {
                        merge(done, into: &stack[top])
                    } else if stack.count >= Limits.maxImportDepth {
                        report(.importChainTooLong(path: u.path, limit: Limits.maxImportDepth), u.place)
                    } else {
                        inProgress.insert(gid)
                        stack.append(Frame(file: g, identity: gid))
                    }
                }
                continue
            }
            var done = stack.removeLast()
            for e in done.file.declarations { add(e, to: &done) }
            visible[done.identity] = done.declarations
            inProgress.remove(done.identity)
            if !stack.isEmpty { merge(done.declarations, into: &stack[stack.count - 1]) }
        }
        return visible[rootIdentity]!
    }

    // MARK: consolidation

    /// Version 0 is the contract as signed; version N applies avenants 1 to N in order.
    ///
    /// Each version starts as a copy of the one before — sharing its tree's chunks and its
    /// maps' pages — and its avenant changes only what it names; its `delta` records what
    /// changed, for the checker. Consolidating N avenants costs O(E + their size), not O(N × E).
    func consolidate(_ contract: FileModel, _ avenants: [FileModel]) -> Contract {
        let decl = declarations(of: contract, chain: [])
        // The builder's index holds the first declaration of each key; the versions answer a
        // repeated key (COP200) with the first in document order, as a reader meets them.
        let repeated = contract.hasRepeatedKeys ? Workspace.repeatedKeys(of: contract.tree) : [:]
        var index = SharedMap(contract.index)
        for (key, ids) in repeated { index[key] = ids[0] }
        var current = Version(number: 0, avenant: nil, tree: contract.tree, index: index,
                              referents: SharedMap(decl.referents), plans: SharedMap(decl.plans))
        var versions = [current]
        let all = avenants.map { Avenant(number: $0.avenantNumber, file: $0.file, header: $0.header!, changes: $0.changes) }
        if all.count > Limits.maxAvenants {
            report(.tooManyAvenants(contract: contract.header?.id ?? "?", limit: Limits.maxAvenants), all[Limits.maxAvenants].header.place)
        }
        for (k, avenant) in all.prefix(Limits.maxAvenants).enumerated() {
            var next = Version(number: k + 1, avenant: avenant, tree: current.tree, index: current.index,
                               referents: current.referents, plans: current.plans)
            next.removed = current.removed
            apply(avenant, number: k + 1, from: current, to: &next, repeated: repeated)
            versions.append(next)
            current = next
        }
        return Contract(id: contract.header?.id, file: contract.file, avenants: all, versions: versions)
    }

    /// The keys declared more than once (COP200), each with its elements in document order:
    /// when an avenant removes the first, the next one answers the key.
    static func repeatedKeys(of tree: ElementTree) -> [ElementKey: [ElementID]] {
        var all: [ElementKey: [ElementID]] = [:]
        for id in tree.preorder where tree[id].id != nil && id != tree.root {
            all[tree[id].key, default: []].append(id)
        }
        return all.filter { $0.value.count > 1 }
    }

    func apply(_ av: Avenant, number n: Int, from prev: Version, to v: inout Version, repeated: [ElementKey: [ElementID]]) {
        var removed: [(Element, Change)] = []
        // What changed, for `Version.delta` (filtered once the whole avenant is applied).
        var modified: [ElementID] = []
        var added: [ElementID] = []
        var referents = Set<String>(), plans = Set<String>()
        var removedKeys: [ElementKey] = []
        // Keys whose element was removed while the key is repeated (COP200).
        var lost: [ElementKey] = []
        // Elements removed from the tree: unlinked once the avenant is applied, one pass per
        // parent (an avenant removing k children of one element costs O(children), not O(k ×
        // children)); the index forgets them at once, so later changes no longer see them.
        var unlinked = Set<ElementID>()
        for change in av.changes {
            let provenance = Provenance(avenant: n, motif: change.motif, clause: change.place)
            switch change.op {
            case .modifier:
                func modify(_ t: inout Element) {
                    // Each new property replaces those of the same identity (a `délai` without
                    // label replaces every `délai`), in one pass over the element's properties.
                    var added = change.element.properties
                    for k in added.indices { added[k].provenance = provenance }
                    let lastBareDeadline = added.lastIndex { $0.key == .delai && $0.label == nil }
                    if let b = lastBareDeadline {
                        // COP109: say which labelled deadlines the bare one replaces.
                        let labels = t.properties.compactMap { $0.key == .delai ? $0.label : nil }
                        if !labels.isEmpty { report(.bareDeadlineReplacesLabelled(labels: labels), added[b].place) }
                    }
                    let replaced = Set(added.map(\.identity))
                    t.properties.removeAll { (lastBareDeadline != nil && $0.key == .delai) || replaced.contains($0.identity) }
                    for (k, prop) in added.enumerated() {
                        if let b = lastBareDeadline, k < b, prop.key == .delai { continue }
                        t.properties.append(prop)
                    }
                    if let title = change.element.title { t.title = title }
                    t.provenance.avenant = n
                    t.provenance.clause = change.place
                    if let m = change.motif { t.provenance.motif = m }
                }
                if change.kind == .contrat {
                    modify(&v.tree[v.tree.root!])
                    modified.append(v.tree.root!)
                } else if let id = change.id, change.kind == .referent, var t = v.referents[id] {
                    modify(&t)
                    v.referents[id] = t
                    referents.insert(id)
                } else if let id = change.id, change.kind == .plan, var t = v.plans[id] {
                    modify(&t)
                    v.plans[id] = t
                    plans.insert(id)
                } else if let id = change.id, !change.kind.isDeclaration, let t = v.index[ElementKey(change.kind, id)] {
                    modify(&v.tree[t])
                    modified.append(t)
                } else {
                    report(.changeTargetMissing(op: .modifier, kind: change.kind, id: change.id ?? "", version: prev.number), change.place)
                }
            case .ajouter:
                guard let id = change.id else { continue }
                if v.find(change.kind, id) != nil {
                    report(.addExisting(kind: change.kind, id: id, version: prev.number), change.place)
                    continue
                }
                var el = change.element
                el.provenance.avenant = n
                el.provenance.clause = change.place
                for k in el.properties.indices { el.properties[k].provenance = provenance }
                if change.kind == .referent { v.referents[id] = el; referents.insert(id); continue }
                if change.kind == .plan { v.plans[id] = el; plans.insert(id); continue }
                guard let parent = parentForAddition(change, in: v) else { continue }
                // Under a référent or a plan (`dans référent X`): not in the tree.
                guard var p = parent else { continue }
                // The same depth limit as the builder's: past it, a sibling of its parent.
                if v.tree.depth(of: p) >= Limits.maxDepth, let grand = v.tree[p].parent {
                    report(.nestingTooDeep(el.ref, limit: Limits.maxDepth), change.placement?.place ?? change.place)
                    p = grand
                }
                let new = v.tree.add(el, under: p)
                v.index[el.key] = new
                added.append(new)
            case .supprimer:
                guard let id = change.id, let t = v.find(change.kind, id) else {
                    report(.changeTargetMissing(op: .supprimer, kind: change.kind, id: change.id ?? "", version: prev.number), change.place)
                    continue
                }
                if change.kind == .referent {
                    v.referents[id] = nil
                    referents.insert(id)
                    if v.removed.insert(ElementKey(.referent, id)) { removedKeys.append(ElementKey(.referent, id)) }
                } else if change.kind == .plan {
                    v.plans[id] = nil
                    plans.insert(id)
                    if v.removed.insert(ElementKey(.plan, id)) { removedKeys.append(ElementKey(.plan, id)) }
                } else if let tid = v.index[ElementKey(change.kind, id)] {
                    for x in v.tree.subtree(tid) {
                        let e = v.tree[x]
                        if let xid = e.id, v.removed.insert(ElementKey(e.kind, xid)) { removedKeys.append(ElementKey(e.kind, xid)) }
                        if v.index[e.key] == x {
                            v.index[e.key] = nil
                            if repeated[e.key] != nil { lost.append(e.key) }
                        }
                    }
                    unlinked.insert(tid)
                }
                removed.append((t, change))
            }
        }
        if !unlinked.isEmpty {
            v.tree.remove(unlinked)
            // A repeated key (COP200) removed: the next declaration in document order answers it.
            for key in lost {
                var candidates = (repeated[key] ?? []).filter { v.tree.isPlaced($0) }
                if let added = v.index[key], !candidates.contains(added) { candidates.append(added) }
                let tree = v.tree
                v.index[key] = candidates.min { tree.precedes($0, $1) }
            }
        }
        v.delta = Workspace.delta(prev: prev.tree, next: v.tree, modified: modified, added: added, unlinked: unlinked,
                                  referents: referents, plans: plans, removedKeys: removedKeys)
        // COP207: checked once the whole avenant is applied (changes may come in any order).
        let declarations = removed.map(\.0).filter { $0.kind.isDeclaration }
        guard !declarations.isEmpty else { return }
        let uses = firstUses(of: declarations, in: v)
        for (t, change) in removed where t.kind.isDeclaration {
            if let use = uses[t.key] {
                report(.danglingReference(kind: t.kind, id: t.id ?? "", usedBy: use.0.ref), change.place,
                       notes: [note(.stillUsedHere, use.1)])
            }
        }
    }

    /// What an avenant changed, once applied: the elements added that are still placed, those
    /// of the previous version modified and still placed (each once), the roots of the
    /// previous version's subtrees no longer placed. O(changes × depth).
    static func delta(prev: ElementTree, next: ElementTree, modified: [ElementID], added: [ElementID], unlinked: Set<ElementID>,
                      referents: Set<String>, plans: Set<String>, removedKeys: [ElementKey]) -> VersionDelta {
        var d = VersionDelta()
        d.added = added.filter { next.isPlaced($0) }
        var seen = Set<ElementID>()
        d.modified = modified.filter { Int($0.index) < prev.capacity && next.isPlaced($0) && seen.insert($0).inserted }
        let gone = unlinked.filter { Int($0.index) < prev.capacity && prev.isPlaced($0) }
        d.removed = gone.filter { r in !prev.ancestors(of: r).contains { gone.contains($0) } }.sorted()
        d.referents = referents.sorted()
        d.plans = plans.sorted()
        d.removedKeys = removedKeys
        return d
    }

    /// The parent of an added element: its `dans`, else (hierarchical numbering) the element
    /// whose id is the new id without its last component. `.some(nil)`: a parent outside the
    /// tree (a référent or a plan), where the element is dropped.
    func parentForAddition(_ change: Change, in v: Version) -> ElementID?? {
        if let pl = change.placement {
            if pl.kind == .contrat { return v.tree.root }
            if pl.kind.isDeclaration {
                if v.find(pl.kind, pl.id ?? "") != nil { return .some(nil) }
            } else if let p = v.index[ElementKey(pl.kind, pl.id ?? "")] {
                return p
            }
            report(.parentMissing(kind: pl.kind, id: pl.id ?? ""), pl.place)
            return nil
        }
        if change.kind == .axe { return v.tree.root }
        // Hierarchical numbering: the parent's id is the new id without its last component.
        let key = ElementKind.normalize(change.id ?? "")
        if let dot = key.lastIndex(of: ".") {
            let prefix = String(key[..<dot])
            for k in change.kind.allowedParents where k != .contrat {
                if let p = v.index[ElementKey(k, prefix)] { return p }
            }
            report(.parentMissing(kind: change.kind.allowedParents.first ?? .objectif, id: prefix), change.place)
            return nil
        }
        if change.kind == .indicateur || change.kind == .objectif { return v.tree.root }
        report(.parentMissing(kind: change.kind.allowedParents.first ?? .objectif, id: "?"), change.place)
        return nil
    }

    /// For each removed referent or plan, the first element of a version that still uses it,
    /// with the place: one pass over the version, whatever the number of removals.
    func firstUses(of decls: [Element], in v: Version) -> [ElementKey: (Element, Place)] {
        var referents = Set<String>()
        var plans = Set<String>()
        for d in decls {
            guard let id = d.id else { continue }
            if d.kind == .referent { referents.insert(id) } else { plans.insert(id) }
        }
        var found: [ElementKey: (Element, Place)] = [:]
        let holders = v.tree.preorder.map { v.tree[$0] } + v.sortedReferents + v.sortedPlans
        for e in holders {
            for p in e.properties {
                switch p.value {
                case .referents(let refs):
                    for r in refs {
                        if let id = r.id, referents.contains(id), found[ElementKey(.referent, id)] == nil {
                            found[ElementKey(.referent, id)] = (e, r.place)
                        }
                    }
                case .deadline(let d):
                    if case .plan(let name) = d.form, plans.contains(name), found[ElementKey(.plan, name)] == nil {
                        found[ElementKey(.plan, name)] = (e, p.valuePlace)
                    }
                default: break
                }
            }
        }
        return found
    }
}
