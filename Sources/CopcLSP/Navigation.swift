import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcDriver

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
    /// An element's own header line.
    case header(Element)
    /// A property line (several props when `cible A .. B` was expanded by year).
    case properties(Element, [Prop], range: ByteRange)

    enum Site { case placement, change, contractRef }
}

/// Finds what is at a byte offset and resolves references to their declarations, across
/// the files of one analysis.
struct Navigator {
    let analysis: Analysis
    let file: FileModel

    var source: SourceFile { file.source }

    static func covers(_ r: ByteRange, _ offset: Int) -> Bool { r.start <= offset && offset <= r.end }

    /// Every element written in this file: the contract tree, declarations, change blocks.
    var elements: [Element] {
        var out: [Element] = []
        file.root?.forEach { e in if e.span.file === file.source { out.append(e) } }
        out += file.declarations
        out += file.changes.map(\.element)
        return out
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
        for e in elements {
            if Navigator.covers(e.span.range, offset) && e.span.file === source { return .header(e) }
            var onLine: [Prop] = []
            for p in e.props where p.span.file === source && Navigator.covers(p.span.range, offset) {
                switch p.value {
                case .referents(let refs):
                    if let r = refs.first(where: { Navigator.covers($0.range, offset) }) {
                        return .referent(id: r.id, range: r.range)
                    }
                case .deadline(let d):
                    if case .plan(let name) = d.form, Navigator.covers(p.valueSpan.range, offset) {
                        return .plan(name: name, range: p.valueSpan.range)
                    }
                default: break
                }
                onLine.append(p)
            }
            if let first = onLine.first { return .properties(e, onLine, range: first.span.range) }
        }
        return nil
    }

    // MARK: versions

    /// For an avenant, (the version it applies to, the version it makes); for a contract,
    /// (version 0, version 0).
    var versions: (before: ContractVersion, after: ContractVersion)? {
        guard let unit = analysis.unit(of: file), !unit.versions.isEmpty else { return nil }
        if unit.contract === file { return (unit.versions[0], unit.versions[0]) }
        guard let k = unit.avenants.firstIndex(where: { $0 === file }), k + 1 < unit.versions.count else { return nil }
        return (unit.versions[k], unit.versions[k + 1])
    }

    var latest: ContractVersion? { analysis.unit(of: file)?.versions.last }

    // MARK: resolution

    func referent(_ id: String) -> Element? {
        if let v = versions {
            return v.after.referents[id] ?? v.before.referents[id]
        }
        return analysis.result.workspace.visibleDeclarations(of: file).referents[id]
    }

    func plan(_ name: String) -> Element? {
        if let v = versions {
            return v.after.plans[name] ?? v.before.plans[name]
        }
        return analysis.result.workspace.visibleDeclarations(of: file).plans[name]
    }

    /// The referents visible from this file, by id.
    var visibleReferents: [String: Element] {
        if let v = versions { return v.before.referents.merging(v.after.referents) { _, b in b } }
        return analysis.result.workspace.visibleDeclarations(of: file).referents
    }

    var visiblePlans: [String: Element] {
        if let v = versions { return v.before.plans.merging(v.after.plans) { _, b in b } }
        return analysis.result.workspace.visibleDeclarations(of: file).plans
    }

    func element(_ kind: ElementKind, _ id: String?, site: CursorTarget.Site) -> Element? {
        if site == .contractRef || kind == .contrat {
            if site == .contractRef {
                return analysis.result.workspace.units.first { $0.id == id }?.contract.root
            }
            return analysis.unit(of: file)?.contract.root
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
        guard let me = analysis.path(of: source) else { return nil }
        let p = Paths.normalize(Paths.join(Paths.directory(of: me), path))
        let target = FileSystem.realPath(p) ?? p
        if let root = analysis.result.workspaceRoot(of: source), !Paths.isInside(target, root) { return nil }
        return target
    }

    /// The declaration place of a target, if it resolves.
    func definition(of t: CursorTarget) -> SourceSpan? {
        switch t {
        case .referent(let id, _):
            guard let id, let e = referent(id) else { return nil }
            return e.idSpan ?? e.span
        case .plan(let name, _):
            guard let e = plan(name) else { return nil }
            return e.idSpan ?? e.span
        case .element(let kind, let id, _, let site):
            guard let e = element(kind, id, site: site) else { return nil }
            return e.idSpan ?? e.span
        case .header(let e):
            return e.idSpan ?? e.span
        case .file, .properties:
            return nil
        }
    }

    // MARK: extents

    /// The range an element covers in this file: its header, its properties, its children.
    func extent(of e: Element) -> ByteRange {
        var r = e.span.range
        for p in e.props where p.span.file === source { r = r.union(p.span.range) }
        for c in e.children where c.span.file === source { r = r.union(extent(of: c)) }
        return r
    }
}
