import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// Checks one contract's versions in O(E + the size of the avenants) (issue 21): every rule on
/// every unit of version 0, then on each later version only the units its avenant may have
/// changed (`RuleScope`, from `Version.delta`), the diagnostics of the other units carried
/// over. The state checks are followed the same way and reported for the version in force.
///
/// The result is the definition's (`everyVersionWhole`: every rule on every unit of every
/// version, latest first, one diagnostic per code and place, the state checks on the version
/// in force): each (code, place) keeps the wording of the latest version reporting it, there
/// of the first unit in run order (rule, then document order). The only difference: the
/// budget of « vouliez-vous dire » suggestions (`Reporter.nearest`) is the contract's here,
/// each version's there.
///
/// With a `CheckMemory`, what version 0 left is kept, and a later check of the same contract
/// whose version 0 did not change (same contract text, same declarations, same options)
/// starts from there: re-checking after an avenant changed costs only the avenants.
final class ContractCheck {
    let contract: Contract
    let files: FileTable
    let models: [FileID: FileModel]
    let options: CheckOptions
    /// The number of the version in force at the `--au` date.
    let inForce: Int
    /// One reporter for the whole contract; each unit's diagnostics are taken from it.
    let reporter: Reporter
    let rules = Checker.analyzers

    /// What a unit of a rule is attached to.
    enum Anchor: Hashable {
        case element(ElementID)
        case declaration(ElementKind, String)
        case group(IdGroup)
    }

    struct Unit: Hashable {
        let rule: Int
        let anchor: Anchor
    }

    /// What a unit reported in the latest version that ran it.
    struct Outcome {
        var diagnostics: [Diagnostic]
        /// For an id group: where it first appears (its rank among the groups).
        var order: GroupOrder?
    }

    /// One (code, place) ever reported: the units reporting it in the current version, and
    /// its diagnostic in the latest version where some unit did.
    struct Key {
        let occurrence: Checker.Occurrence
        var sources: [Unit] = []
        var winner: Diagnostic?
    }

    /// Everything the check knows between two versions: what `CheckMemory` keeps of version 0.
    struct State {
        var outcomes: [Unit: Outcome] = [:]
        /// The rules with an outcome at each element, by index (dropped when the element is
        /// removed; an element without any is re-checked without a look-up).
        var anchored: [[Int]] = []
        var keyIndex: [Checker.Occurrence: Int] = [:]
        var keys: [Key] = []
        /// What each subtree holds (for `.subtree` rules).
        var counts: SubtreeCounts?
        /// The id groups' members and removed ids (for `NumberingSequence`), made on first need.
        var groups: IdGroupIndex?
        /// The state checks' diagnostics, once the version in force is reached.
        var stateDiagnostics: [Diagnostic]?
        /// What is left of the budget of suggestions.
        var suggestionBudget = 0
    }

    var state = State()
    /// Keys whose sources changed in the version being checked.
    var touched: [Int] = []
    var isTouched: [Bool] = []
    /// Called after each version with what its units report (the tests compare it with
    /// `whole(_:reporter:)` of that version).
    var observe: ((Version, [Diagnostic]) -> Void)?

    init(contract: Contract, files: FileTable, models: [FileID: FileModel], options: CheckOptions) {
        self.contract = contract
        self.files = files
        self.models = models
        self.options = options
        inForce = contract.versionInForce(at: options.au).number
        reporter = Reporter(files: files, models: models)
    }

    func context(_ v: Version, inForce: Bool = false) -> VersionContext {
        VersionContext(contract: contract, version: v, options: options, reporter: reporter, inForce: inForce, files: files,
                       counts: state.counts)
    }

    // MARK: the check

    /// The diagnostics of every version (each (code, place) once, in its latest wording), then
    /// those of the state checks for the version in force. `kept`: what a `CheckMemory` kept of
    /// this contract, used when its version 0 is the same; `remember`, when given, receives what
    /// to keep of this one, and whether `kept` was used.
    func run(kept: CheckMemory.Entry? = nil, remember: ((CheckMemory.Entry, Bool) -> Void)? = nil) -> [Diagnostic] {
        let versions = contract.versions
        if let kept, kept.fits(contract, files: files, options: options) {
            state = kept.state
            reporter.suggestionBudget = kept.state.suggestionBudget
            isTouched = [Bool](repeating: false, count: state.keys.count)
            remember?(kept, true)
        } else {
            let first = context(versions[0], inForce: inForce == 0)
            if !Checker.counted.isEmpty { state.counts = first.walk.counts }
            for r in rules.indices { runWhole(r, first) }
            settle(versions[0])
            state.suggestionBudget = reporter.suggestionBudget
            remember?(CheckMemory.Entry(state, of: contract, files: files, options: options), false)
        }
        observe?(versions[0], observed)
        for n in versions.indices.dropFirst() {
            step(from: versions[n - 1], to: versions[n])
            observe?(versions[n], observed)
        }
        return state.keys.compactMap(\.winner) + (state.stateDiagnostics ?? [])
    }

    /// What the units of the rules that are not state checks report now.
    var observed: [Diagnostic] {
        state.outcomes.filter { !rules[$0.key.rule].inForceOnly }.values.flatMap(\.diagnostics)
    }

    /// The definition: every rule on every unit of every version, latest first, each version
    /// with its own reporter; then the state checks on the version in force.
    /// (`Checker.check(everyVersionWhole:)`.)
    func everyVersionWhole() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for v in contract.versions.reversed() { out += whole(v, reporter: Reporter(files: files, models: models)) }
        return out + whole(contract.versions[inForce], reporter: Reporter(files: files, models: models), state: true)
    }

    /// Every rule on every unit of one version: the state checks only (`state`), or all the
    /// others.
    func whole(_ v: Version, reporter: Reporter, state: Bool = false) -> [Diagnostic] {
        let ctx = VersionContext(contract: contract, version: v, options: options, reporter: reporter, inForce: state, files: files)
        for r in rules.indices where rules[r].inForceOnly == state {
            switch rules[r].run {
            case .element(let scope, let check, let declaration):
                for id in units(scope, ctx) { check(ctx, id) }
                if case .element(_, _, true) = scope {
                    for e in v.sortedReferents { declaration(ctx, e) }
                    for e in v.sortedPlans { declaration(ctx, e) }
                }
            case .idGroups:
                NumberingSequence.checkAll(ctx) { _ in }
            default: break
            }
        }
        return reporter.diagnostics
    }

    /// The units of a rule in a whole version, in run order.
    func units(_ scope: RuleScope, _ ctx: VersionContext) -> [ElementID] {
        switch scope {
        case .element(let kinds?, _, _): return kinds.flatMap { ctx.elements($0) }
        case .element(nil, _, _), .children: return ctx.elements
        case .subtree(_, let kinds, _): return ctx.elements.filter { kinds.contains(ctx.tree[$0].kind) }
        }
    }

    /// Rule `r` on every unit of a version.
    func runWhole(_ r: Int, _ ctx: VersionContext) {
        switch rules[r].run {
        case .element(let scope, let check, let declaration):
            for id in units(scope, ctx) { runUnit(r, id, check, ctx) }
            if case .element(_, _, true) = scope {
                for e in ctx.version.sortedReferents { runDeclaration(r, e, declaration, ctx) }
                for e in ctx.version.sortedPlans { runDeclaration(r, e, declaration, ctx) }
            }
        case .idGroups:
            var name: (() -> (IdGroup, GroupOrder))?
            var mark = reporter.diagnostics.count
            func close() {
                let found = reporter.take(from: mark)
                if let name, !found.isEmpty {
                    let (g, order) = name()
                    record(Unit(rule: r, anchor: .group(g)), found, order: order)
                }
            }
            NumberingSequence.checkAll(ctx) { next in
                close()
                name = next
                mark = reporter.diagnostics.count
            }
            close()
        default: break
        }
    }

    func runUnit(_ r: Int, _ id: ElementID, _ check: (VersionContext, ElementID) -> Void, _ ctx: VersionContext) {
        let mark = reporter.diagnostics.count
        check(ctx, id)
        // Nothing reported where nothing was: no look-up (most units of most versions).
        let i = Int(id.index)
        if reporter.diagnostics.count == mark, i >= state.anchored.count || state.anchored[i].isEmpty { return }
        record(Unit(rule: r, anchor: .element(id)), reporter.take(from: mark))
    }

    func runDeclaration(_ r: Int, _ e: Element, _ check: (VersionContext, Element) -> Void, _ ctx: VersionContext) {
        let mark = reporter.diagnostics.count
        check(ctx, e)
        record(Unit(rule: r, anchor: .declaration(e.kind, e.id ?? "")), reporter.take(from: mark))
    }

    /// Version `next`, from `prev`: only the units its avenant may have changed.
    func step(from prev: Version, to next: Version) {
        let d = next.delta
        var changed: VersionFacts = []
        if prev.periodProperty != next.periodProperty { changed.insert(.period) }
        // Référents only added (none removed): a name that resolved still does, so only the
        // units that report something now (an unknown name, its suggestion) can change.
        var referentsOnlyAdded = false
        if d.referents.contains(where: { (prev.referents[$0] == nil) != (next.referents[$0] == nil) }) {
            changed.insert(.referents)
            referentsOnlyAdded = !d.referents.contains { prev.referents[$0] != nil && next.referents[$0] == nil }
        }
        if !d.plans.isEmpty { changed.insert(.plans) }
        if prev.isHierarchical != next.isHierarchical { changed.insert(.numbering) }
        // Every element removed, with its subtree: its units go.
        var gone: [ElementID] = []
        for r in d.removed { gone += prev.tree.subtree(r) }
        for x in gone where Int(x.index) < state.anchored.count {
            for rule in state.anchored[Int(x.index)] { record(Unit(rule: rule, anchor: .element(x)), []) }
        }
        let flipped = state.counts?.apply(d, prev: prev.tree, next: next.tree) ?? []
        let ctx = context(next, inForce: next.number == inForce)
        let tree = next.tree
        for r in rules.indices {
            switch rules[r].run {
            case .element(let scope, let check, let declaration):
                var dirty: [ElementID] = []
                switch scope {
                case .element(let kinds, let context, let declarations):
                    let hit = context.intersection(changed)
                    let reporting = hit == [.referents] && referentsOnlyAdded
                    if !hit.isEmpty && !reporting {
                        for id in units(scope, ctx) { runUnit(r, id, check, ctx) }
                        if declarations {
                            for e in next.sortedReferents { runDeclaration(r, e, declaration, ctx) }
                            for e in next.sortedPlans { runDeclaration(r, e, declaration, ctx) }
                        }
                    } else {
                        dirty = d.added + d.modified
                        if context.contains(.parent) { for m in d.modified { dirty += tree.children(of: m) } }
                        if let kinds { dirty = dirty.filter { kinds.contains(tree[$0].kind) } }
                        if reporting {
                            // The units of this rule that report something (O(diagnostics kept)).
                            for u in state.outcomes.keys where u.rule == r {
                                switch u.anchor {
                                case .element(let x): dirty.append(x)
                                case .declaration(let kind, let id):
                                    if !d.referents.contains(id) || kind != .referent,
                                       let e = kind == .referent ? next.referents[id] : next.plans[id] {
                                        runDeclaration(r, e, declaration, ctx)
                                    }
                                case .group: break
                                }
                            }
                        }
                        if declarations {
                            for id in d.referents { if let e = next.referents[id] { runDeclaration(r, e, declaration, ctx) } }
                            for id in d.plans { if let e = next.plans[id] { runDeclaration(r, e, declaration, ctx) } }
                        }
                    }
                    if declarations {
                        for id in d.referents where next.referents[id] == nil { record(Unit(rule: r, anchor: .declaration(.referent, id)), []) }
                        for id in d.plans where next.plans[id] == nil { record(Unit(rule: r, anchor: .declaration(.plan, id)), []) }
                    }
                case .children:
                    for y in d.added + d.modified {
                        dirty.append(y)
                        if let p = tree[y].parent { dirty.append(p) }
                    }
                    for x in d.removed { if let p = prev.tree[x].parent { dirty.append(p) } }
                case .subtree(_, let kinds, let parentFor):
                    dirty = (d.added + d.modified + flipped).filter { kinds.contains(tree[$0].kind) }
                    for f in flipped { dirty += tree.children(of: f).filter { parentFor.contains(tree[$0].kind) } }
                }
                var seen = Set<ElementID>()
                for id in dirty where seen.insert(id).inserted && tree.isPlaced(id) { runUnit(r, id, check, ctx) }
            case .idGroups:
                let freed = d.removedKeys.compactMap(NumberingSequence.group(ofRemoved:))
                guard !d.added.isEmpty || !gone.isEmpty || !freed.isEmpty else { continue }
                // The groups of the elements added and removed, those whose implied levels
                // their keys hide, and those where a removal frees a number (an element added
                // and removed by the same avenant is in neither version, its number is freed).
                var dirty: [IdGroup] = freed
                for x in gone { dirty += NumberingSequence.groups(of: prev.tree[x]) + NumberingSequence.hiddenGroups(of: prev.tree[x]) }
                for y in d.added { dirty += NumberingSequence.groups(of: tree[y]) + NumberingSequence.hiddenGroups(of: tree[y]) }
                if state.groups == nil {
                    state.groups = IdGroupIndex(next, preorder: ctx.elements)
                } else {
                    state.groups!.remove(gone, from: prev.tree)
                    state.groups!.add(d.added, in: tree)
                    state.groups!.addRemoved(d.removedKeys)
                }
                var seen = Set<IdGroup>()
                for g in dirty where seen.insert(g).inserted {
                    let mark = reporter.diagnostics.count
                    let order = NumberingSequence.check(ctx, group: g, candidates: state.groups!.candidates[g] ?? [],
                                                        removed: state.groups!.removed[g] ?? [])
                    record(Unit(rule: r, anchor: .group(g)), reporter.take(from: mark), order: order)
                }
            default: break
            }
        }
        settle(next)
    }

    // MARK: outcomes and keys

    /// What unit `u` reports now; the keys whose sources change are touched (not for a state
    /// check: its diagnostics are taken whole, at the version in force).
    func record(_ u: Unit, _ found: [Diagnostic], order: GroupOrder? = nil) {
        if found.isEmpty, case .element(let x) = u.anchor, Int(x.index) >= state.anchored.count || state.anchored[Int(x.index)].isEmpty { return }
        let old = state.outcomes[u]
        if old == nil && found.isEmpty { return }
        if let old, old.order == order, old.diagnostics == found { return }
        let keyed = !rules[u.rule].inForceOnly
        if let old, keyed {
            for k in distinctKeys(old.diagnostics) {
                if let i = state.keys[k].sources.firstIndex(of: u) { state.keys[k].sources.remove(at: i) }
                touch(k)
            }
        }
        if found.isEmpty {
            state.outcomes[u] = nil
            if case .element(let x) = u.anchor { state.anchored[Int(x.index)].removeAll { $0 == u.rule } }
            return
        }
        state.outcomes[u] = Outcome(diagnostics: found, order: order)
        if old == nil, case .element(let x) = u.anchor {
            let i = Int(x.index)
            if i >= state.anchored.count { state.anchored += [[Int]](repeating: [], count: i + 1 - state.anchored.count) }
            state.anchored[i].append(u.rule)
        }
        guard keyed else { return }
        for k in distinctKeys(found) {
            state.keys[k].sources.append(u)
            touch(k)
        }
    }

    /// The keys of some diagnostics, each once (created when new).
    func distinctKeys(_ ds: [Diagnostic]) -> [Int] {
        var out: [Int] = []
        // A unit may report thousands (a group's holes): a set past a few, not a scan of `out`.
        var seen = Set<Int>()
        for d in ds {
            let occurrence = Checker.Occurrence(d)
            let k: Int
            if let i = state.keyIndex[occurrence] { k = i } else {
                k = state.keys.count
                state.keyIndex[occurrence] = k
                state.keys.append(Key(occurrence: occurrence))
                isTouched.append(false)
            }
            if ds.count <= 16 ? !out.contains(k) : seen.insert(k).inserted { out.append(k) }
        }
        return out
    }

    func touch(_ k: Int) {
        if !isTouched[k] {
            isTouched[k] = true
            touched.append(k)
        }
    }

    /// The end of a version: each touched key still reported takes the diagnostic of the first
    /// unit in run order; a key no longer reported keeps its latest one. At the version in
    /// force, the state checks' diagnostics are taken.
    func settle(_ v: Version) {
        let tree = v.tree
        // The keys whose winning unit reports many diagnostics, by unit: its diagnostics are
        // then read once for all of them (a scan per key would be quadratic in the unit's).
        var many: [Unit: [Int]] = [:]
        for k in touched {
            isTouched[k] = false
            let sources = state.keys[k].sources
            guard var best = sources.first else { continue }
            for u in sources.dropFirst() where runsBefore(u, best, tree) { best = u }
            guard let found = state.outcomes[best]?.diagnostics else {
                state.keys[k].winner = nil
                continue
            }
            if found.count > 16 {
                many[best, default: []].append(k)
            } else {
                state.keys[k].winner = found.first { Checker.Occurrence($0) == state.keys[k].occurrence }
            }
        }
        for (u, keys) in many {
            var first: [Checker.Occurrence: Diagnostic] = [:]
            for d in state.outcomes[u]!.diagnostics {
                let o = Checker.Occurrence(d)
                if first[o] == nil { first[o] = d }
            }
            for k in keys { state.keys[k].winner = first[state.keys[k].occurrence] }
        }
        touched.removeAll(keepingCapacity: true)
        if v.number == inForce {
            let units = state.outcomes.keys.filter { rules[$0.rule].inForceOnly }.sorted { runsBefore($0, $1, tree) }
            state.stateDiagnostics = units.flatMap { state.outcomes[$0]!.diagnostics }
        }
    }

    /// Whether unit `a` runs before unit `b` in a whole check of the version of `tree`.
    func runsBefore(_ a: Unit, _ b: Unit, _ tree: ElementTree) -> Bool {
        if a.rule != b.rule { return a.rule < b.rule }
        switch (a.anchor, b.anchor) {
        case (.element(let x), .element(let y)):
            if case .element(.element(let kinds?, _, _), _, _) = rules[a.rule].run, tree[x].kind != tree[y].kind {
                return (kinds.firstIndex(of: tree[x].kind) ?? 0) < (kinds.firstIndex(of: tree[y].kind) ?? 0)
            }
            return tree.precedes(x, y)
        case (.element, .declaration): return true
        case (.declaration, .element): return false
        case (.declaration(let k1, let i1), .declaration(let k2, let i2)):
            return k1 != k2 ? k1 == .referent : i1 < i2
        case (.group, .group):
            guard let o1 = state.outcomes[a]?.order, let o2 = state.outcomes[b]?.order else { return false }
            return o1.element == o2.element ? o1.level < o2.level : tree.precedes(o1.element, o2.element)
        default: return false
        }
    }
}

/// What the checks of contracts' versions 0 left, kept between two checks of the same
/// workspace by a long-lived shell (the language server's `SourceSet`): a contract whose
/// version 0 did not change starts from there (`ContractCheck`). One entry per contract file,
/// those of the latest check; read before and written after contracts are checked in parallel,
/// never during.
public final class CheckMemory: @unchecked Sendable {
    /// What version 0 was made of, and the check's state after it.
    struct Entry {
        /// The contract file and the files its declarations come from, by identity: a file
        /// read again (changed) is another `SourceFile`.
        let sources: [ObjectIdentifier]
        let version: Version
        let options: CheckOptions
        let state: ContractCheck.State

        init(_ state: ContractCheck.State, of contract: Contract, files: FileTable, options: CheckOptions) {
            version = contract.versions[0]
            sources = Entry.sources(of: version, contract: contract.file, files: files)
            self.options = options
            self.state = state
        }

        /// The files whose text version 0 reads: the contract's, and those of its référents
        /// and plans.
        static func sources(of v: Version, contract: FileID, files: FileTable) -> [ObjectIdentifier] {
            var ids = [contract]
            for e in v.referents.values + v.plans.values where !ids.contains(e.place.file) { ids.append(e.place.file) }
            return ids.map { ObjectIdentifier(files[$0]) }
        }

        /// Whether `contract`'s version 0 is this one: the same files (by identity), the same
        /// tree (by storage), the same declarations, the same options.
        func fits(_ contract: Contract, files: FileTable, options: CheckOptions) -> Bool {
            let v = contract.versions[0]
            return self.options.au == options.au && self.options.strict == options.strict && self.options.auGiven == options.auGiven
                && v.tree.sharesStorage(with: version.tree) && v.referents == version.referents && v.plans == version.plans
                && Entry.sources(of: v, contract: contract.file, files: files) == sources
        }
    }

    var entries: [FileID: Entry] = [:]
    /// How many contract checks started from a kept version 0 (for the tests).
    public internal(set) var reused = 0

    public init() {}
}

/// How many elements of a few kinds each element's subtree holds (itself excluded), by element
/// index: counted once for version 0 (one bottom-up pass), then kept up to date from version to
/// version with what each avenant added and removed (O(changes × depth)).
struct SubtreeCounts {
    let counted: [ElementKind]
    /// `counts[k][i]`: the elements of kind `counted[k]` below element `i`.
    var counts: [[Int32]]

    init(_ tree: ElementTree, preorder: [ElementID], counted: [ElementKind]) {
        self.counted = counted
        counts = [[Int32]](repeating: [Int32](repeating: 0, count: tree.capacity), count: counted.count)
        for id in preorder.reversed() {
            guard let p = tree[id].parent else { continue }
            let kind = tree[id].kind
            for k in counted.indices {
                counts[k][Int(p.index)] += counts[k][Int(id.index)] + (kind == counted[k] ? 1 : 0)
            }
        }
    }

    func holds(_ kind: ElementKind, below id: ElementID) -> Bool {
        guard let k = counted.firstIndex(of: kind), Int(id.index) < counts[k].count else { return false }
        return counts[k][Int(id.index)] > 0
    }

    /// Applies what an avenant changed (`prev` → `next`); returns the elements whose holding of
    /// some counted kind flipped (none ↔ some), each once.
    mutating func apply(_ delta: VersionDelta, prev: ElementTree, next: ElementTree) -> [ElementID] {
        for k in counts.indices where counts[k].count < next.capacity {
            counts[k].append(contentsOf: repeatElement(0, count: next.capacity - counts[k].count))
        }
        var before: [ElementID: [Bool]] = [:]
        var touched: [ElementID] = []
        func holding(_ a: ElementID) -> [Bool] { counts.map { $0[Int(a.index)] > 0 } }
        for r in delta.removed {
            let kind = prev[r].kind
            let amounts = counted.indices.map { counts[$0][Int(r.index)] + (kind == counted[$0] ? 1 : 0) }
            guard amounts.contains(where: { $0 > 0 }) else { continue }
            for a in prev.ancestors(of: r) {
                if before[a] == nil {
                    before[a] = holding(a)
                    touched.append(a)
                }
                for k in counted.indices { counts[k][Int(a.index)] -= amounts[k] }
            }
        }
        for y in delta.added {
            guard let k = counted.firstIndex(of: next[y].kind) else { continue }
            for a in next.ancestors(of: y) {
                if before[a] == nil {
                    before[a] = holding(a)
                    touched.append(a)
                }
                counts[k][Int(a.index)] += 1
            }
        }
        return touched.filter { before[$0]! != holding($0) }
    }
}
