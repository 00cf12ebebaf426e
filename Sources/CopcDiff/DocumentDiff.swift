import CopcSource
import CopcLanguage
import CopcModel

/// The semantic diff of the files that are not versions of a contract — an annuaire, a bilan,
/// an avenant's own text — read by `SemanticDiff.compare` itself: each side becomes a
/// version made of the file's header, its blocks as top-level elements and its declarations,
/// so that elements are matched by key and properties compared by typed value exactly as in
/// a contract.
extension SemanticDiff {
    /// A version holding a header, top-level elements (the first of a repeated key is
    /// indexed) and référent (organisme) and plan declarations (the first of an id).
    static func standalone(header: Element, children: [Element] = [], declarations: [Element] = []) -> Version {
        var tree = ElementTree()
        let root = tree.add(header, under: nil)
        var index: [ElementKey: ElementID] = [:]
        for c in children {
            let id = tree.add(c, under: root)
            if index[c.key] == nil { index[c.key] = id }
        }
        var referents: [String: Element] = [:], plans: [String: Element] = [:]
        for d in declarations {
            guard let id = d.id else { continue }
            // An organisme is the référent of its id, as in the workspace.
            if d.kind == .referent || d.kind == .organisme, referents[id] == nil { referents[id] = d }
            if d.kind == .plan, plans[id] == nil { plans[id] = d }
        }
        return Version(number: 0, avenant: nil, tree: tree, index: SharedMap(index), referents: SharedMap(referents), plans: SharedMap(plans))
    }

    /// Two texts of an annuaire (either may be absent: an annuaire added or removed): its
    /// header, and its référents and plans — added, removed, changed, or declared under a new
    /// id with the same title (`identifiant-modifié`).
    public static func compareAnnuaires(old: FileModel?, new: FileModel?, oldFiles: FileTable, newFiles: FileTable) -> [SemanticChange] {
        guard let header = new?.header ?? old?.header else { return [] }
        let a = standalone(header: old?.header ?? header, declarations: old?.declarations ?? [])
        let b = standalone(header: new?.header ?? header, declarations: new?.declarations ?? [])
        return pairingRenames(compare(DiffSide(version: a, files: oldFiles), DiffSide(version: b, files: newFiles)))
    }

    /// Two bilans of one year (either may be absent): the header (`établi le`), then block by
    /// block, each named with its element's title in `version` (the contract's version the
    /// bilan reads): réalisés (`réalisé-modifié`, judged against the year's target), états
    /// (`état-modifié`), analyses, livrables, difficultés and every other key.
    public static func compareBilans(old: Bilan?, new: Bilan?, oldFiles: FileTable, newFiles: FileTable,
                                     version: Version?, versionFiles: FileTable?) -> [SemanticChange] {
        guard let header = new?.header ?? old?.header else { return [] }
        let year = new?.year ?? old?.year
        func blocks(_ b: Bilan?) -> [Element] {
            (b?.reports ?? []).map { block in
                var e = block
                if let id = block.id, let element = version?.find(block.kind, id) { e.title = element.title }
                // `réalisé` of the year: the property reads `réalisé 2024`.
                if let year {
                    for k in e.properties.indices where e.properties[k].key == .realise && e.properties[k].year == nil {
                        e.properties[k].year = year
                    }
                }
                return e
            }
        }
        let a = standalone(header: old?.header ?? header, children: blocks(old))
        let b = standalone(header: new?.header ?? header, children: blocks(new))
        var changes = compare(DiffSide(version: a, files: oldFiles), DiffSide(version: b, files: newFiles),
                              judgingIn: version, targetFiles: versionFiles, year: year)
        for k in changes.indices { changes[k].origin.bilan = year }
        return changes
    }

    /// Two texts of one avenant compared for themselves, clause by clause, when the contract it
    /// amends cannot be read (the revision is unknown): the header (title, dates), then each
    /// clause matched by its operation and element — added, removed, or its values changed.
    /// Either may be absent (an avenant added or removed: all its clauses).
    public static func compareAvenantTexts(old: FileModel?, new: FileModel?, oldFiles: FileTable, newFiles: FileTable) -> [SemanticChange] {
        guard let header = new?.header ?? old?.header else { return [] }
        let oh = old?.header ?? header, nh = new?.header ?? header
        func clauses(_ m: FileModel?) -> [Element] {
            (m?.changes ?? []).map { c in
                // Keyed by operation and id: `supprimer indicateur T1` and `ajouter indicateur
                // T1` are two clauses.
                var e = Element(kind: c.kind, id: c.id, key: ElementKey(c.kind, c.op.keyword + " " + (c.id ?? "")),
                                title: c.element.title, place: c.place, idPlace: c.element.idPlace)
                e.properties = c.element.properties
                e.provenance = Provenance(avenant: 0, motif: c.motif, clause: nil)
                return e
            }
        }
        return compare(DiffSide(version: standalone(header: oh, children: clauses(old)), files: oldFiles),
                       DiffSide(version: standalone(header: nh, children: clauses(new)), files: newFiles))
    }

    /// A référent (or plan) removed and another of the same kind added with the same title:
    /// one `identifiant-modifié` change in place of the addition, the removal dropped.
    public static func pairingRenames(_ changes: [SemanticChange]) -> [SemanticChange] {
        func declaration(_ c: SemanticChange) -> Bool {
            (c.element.kind == .referent || c.element.kind == .plan) && c.element.title != nil
        }
        var removed: [ElementKind: [String: [Int]]] = [:]
        for (k, c) in changes.enumerated() where c.kind == .elementRemoved && declaration(c) {
            removed[c.element.kind, default: [:]][c.element.title!, default: []].append(k)
        }
        guard !removed.isEmpty else { return changes }
        var dropped = Set<Int>()
        var out = changes
        for (k, c) in changes.enumerated() where c.kind == .elementAdded && declaration(c) {
            guard var candidates = removed[c.element.kind]?[c.element.title!], !candidates.isEmpty else { continue }
            let r = candidates.removeFirst()
            removed[c.element.kind]![c.element.title!] = candidates
            dropped.insert(r)
            let gone = changes[r]
            var renamed = SemanticChange(kind: .identifierChanged, element: c.element, property: "identifiant",
                                         old: gone.element.id, new: c.element.id, words: nil, shift: nil, withinPeriod: nil,
                                         oldParent: nil, newParent: nil, descendants: 0, origin: c.origin)
            // What else differs, as the body of each side shows it.
            let before = Set(gone.body), after = Set(c.body)
            let lost = gone.body.filter { !after.contains($0) }, gained = c.body.filter { !before.contains($0) }
            if !lost.isEmpty || !gained.isEmpty {
                renamed.note = "aussi : " + (lost.isEmpty ? "" : "avant " + lost.joined(separator: " ; "))
                    + (lost.isEmpty || gained.isEmpty ? "" : ", ") + (gained.isEmpty ? "" : "après " + gained.joined(separator: " ; "))
            }
            out[k] = renamed
        }
        return out.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }
}
