import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcDriver
import CopcLanguage
import CopcModel

/// What the cursor is on in a file: a reference to resolve, a declaration, a property.
enum CursorTarget {
    /// A referent in a value (`pilote : DGOS`); `id == nil` for `à déterminer`.
    case referent(id: String?, range: ByteRange)
    /// `selon PLAN` in a deadline.
    case plan(name: String, range: ByteRange)
    /// `dans KIND ID`, `modifier/supprimer KIND ID`, `au contrat ID`.
    case element(kind: ElementKind, id: String?, range: ByteRange, site: Site)
    /// `utilise « chemin »`.
    case file(path: String, range: ByteRange)
    /// An element's own header line (and its index in the file's tree, for a tree element).
    case header(Element, ElementID?)
    /// A property line (several properties when `cible A .. B` was expanded by year).
    case properties(Element, [Property], range: ByteRange)

    enum Site { case placement, change, contractRef }
}

/// Finds what is at a byte offset and resolves references to their declarations, across
/// the files of one analysis.
struct Navigator {
    let analysis: Analysis
    let file: CheckedFile

    var source: SourceFile { file.source }
    var model: FileModel { file.model }

    static func covers(_ r: ByteRange, _ offset: Int) -> Bool { r.start <= offset && offset <= r.end }

    /// Every element written in this file: the contract tree, declarations, change blocks.
    var elements: [(Element, ElementID?)] {
        model.tree.preorder.map { (model.tree[$0], $0) } + model.declarations.map { ($0, nil) } + model.changes.map { ($0.element, nil) }
    }

    func target(at offset: Int) -> CursorTarget? {
        for item in file.syntax.items {
            switch item {
            case .uses(let u) where Navigator.covers(u.range, offset):
                return .file(path: u.path, range: u.range)
            case .element(let e):
                if let p = e.placement, Navigator.covers(p.range, offset) {
                    return .element(kind: p.kind, id: p.id, range: p.range, site: .placement)
                }
                if let r = e.contractRefRange, Navigator.covers(r, offset) {
                    return .element(kind: .contrat, id: e.contractRef, range: r, site: .contractRef)
                }
            case .change(let c):
                let e = c.element
                if let p = e.placement, Navigator.covers(p.range, offset) {
                    return .element(kind: p.kind, id: p.id, range: p.range, site: .placement)
                }
                if c.op != .ajouter, Navigator.covers(ByteRange(c.opRange.start, e.range.end), offset) {
                    let r = e.idRange ?? e.keywordRange
                    return .element(kind: e.kind, id: e.id, range: ByteRange(c.opRange.start, r.end), site: .change)
                }
            default: break
            }
        }
        for (e, id) in elements {
            if Navigator.covers(e.place.range, offset) && e.place.file == source.id { return .header(e, id) }
            var onLine: [Property] = []
            for p in e.properties where p.place.file == source.id && Navigator.covers(p.place.range, offset) {
                switch p.value {
                case .referents(let refs):
                    if let r = refs.first(where: { Navigator.covers($0.place.range, offset) }) {
                        return .referent(id: r.id, range: r.place.range)
                    }
                case .deadline(let d):
                    if case .plan(let name) = d.form, Navigator.covers(p.valuePlace.range, offset) {
                        return .plan(name: name, range: p.valuePlace.range)
                    }
                default: break
                }
                onLine.append(p)
            }
            if let first = onLine.first { return .properties(e, onLine, range: first.place.range) }
        }
        return nil
    }

    // MARK: versions

    /// The contract this file belongs to, as its contract or one of its avenants.
    var contract: Contract? { analysis.contract(of: model.file) }

    /// For an avenant, (the version it applies to, the version it makes); for a contract,
    /// (version 0, version 0).
    var versions: (before: Version, after: Version)? {
        guard let c = contract, !c.versions.isEmpty else { return nil }
        if c.file == model.file { return (c.versions[0], c.versions[0]) }
        // A bilan reads the version in force on 31 December of its year.
        if model.kind == .bilan {
            guard let y = model.bilanYear, let v = c.version(forBilanOf: y) else { return nil }
            return (v, v)
        }
        guard let k = c.avenants.firstIndex(where: { $0.file == model.file }), k + 1 < c.versions.count else { return nil }
        return (c.versions[k], c.versions[k + 1])
    }

    var latest: Version? { contract?.versions.last }

    // MARK: resolution

    func referent(_ id: String) -> Element? {
        if let v = versions {
            return v.after.referents[id] ?? v.before.referents[id]
        }
        return analysis.result.workspace.visibleDeclarations(of: model).referents[id]
    }

    func plan(_ name: String) -> Element? {
        if let v = versions {
            return v.after.plans[name] ?? v.before.plans[name]
        }
        return analysis.result.workspace.visibleDeclarations(of: model).plans[name]
    }

    /// The referents visible from this file, by id.
    var visibleReferents: [String: Element] {
        if let v = versions { return v.before.referents.dictionary.merging(v.after.referents.dictionary) { _, b in b } }
        return analysis.result.workspace.visibleDeclarations(of: model).referents
    }

    var visiblePlans: [String: Element] {
        if let v = versions { return v.before.plans.dictionary.merging(v.after.plans.dictionary) { _, b in b } }
        return analysis.result.workspace.visibleDeclarations(of: model).plans
    }

    func element(_ kind: ElementKind, _ id: String?, site: CursorTarget.Site) -> Element? {
        if site == .contractRef || kind == .contrat {
            if site == .contractRef {
                return analysis.result.contracts.first { $0.id == id }?.versions.first?.header
            }
            return contract?.versions.first?.header
        }
        guard let id, let v = versions else { return nil }
        // `modifier` looks in the version the avenant changes; `dans` also sees its additions.
        let order = site == .change ? [v.before, v.after] : [v.after, v.before]
        for version in order {
            if let e = version.find(kind, id) { return e }
        }
        return nil
    }

    /// The file an `utilise` names, as an absolute path; `nil` outside the workspace root
    /// (the check refused it, COP206: the editor is not sent there either).
    func importedPath(_ path: String) -> String? {
        let me = file.realPath
        let p = Paths.normalize(Paths.join(Paths.directory(of: me), path))
        let target = FileSystem.realPath(p) ?? p
        if let root = analysis.result.workspaceRoot(of: source), !Paths.isInside(target, root) { return nil }
        return target
    }

    /// The declaration place of a target, if it resolves.
    func definition(of t: CursorTarget) -> Place? {
        switch t {
        case .referent(let id, _):
            guard let id, let e = referent(id) else { return nil }
            return e.namePlace
        case .plan(let name, _):
            guard let e = plan(name) else { return nil }
            return e.namePlace
        case .element(let kind, let id, _, let site):
            guard let e = element(kind, id, site: site) else { return nil }
            return e.namePlace
        case .header(let e, _):
            // A bilan's `indicateur ID` / `action ID` block leads to the contract's element.
            if let reported = reportedElement(e) { return reported.namePlace }
            return e.namePlace
        case .file, .properties:
            return nil
        }
    }

    /// For a block of a bilan, the element of the contract it reports on (in the version the
    /// bilan reads).
    func reportedElement(_ e: Element) -> Element? {
        guard model.kind == .bilan, e.kind == .indicateur || e.kind == .action, let id = e.id, let v = versions else { return nil }
        return v.after.find(e.kind, id)
    }

    // MARK: extents

    /// The range an element covers in this file: its header, its properties, its children
    /// (`id`: its index in this file's tree, when it is in it).
    func extent(of e: Element, _ id: ElementID?) -> ByteRange {
        var r = e.place.range
        for p in e.properties where p.place.file == source.id { r = r.union(p.place.range) }
        if let id {
            for c in model.tree.children(of: id) where model.tree[c].place.file == source.id {
                r = r.union(extent(of: model.tree[c], c))
            }
        }
        return r
    }

    /// A value as written, in canonical spelling.
    func text(_ place: Place) -> String { analysis.result.fileTable.canonicalText(place) }

    /// A key as written (`Délai (directeurs)`).
    func written(_ place: Place) -> String { analysis.result.fileTable[place.file].text(place.range) }
}
