import CopcSource
import CopcDiagnostics
import CopcSyntax

/// Turns one file's syntax tree into typed elements: validates keys (COP104, COP107), reads
/// values (COP103, COP304), nests elements by rank (COP105). It never fails.
public enum Builder {
    public static func build(_ syntax: FileSyntax) -> (FileModel, [Diagnostic]) {
        var state = BuilderState(syntax: syntax)
        state.run()
        return (state.model, state.diagnostics)
    }
}

struct BuilderState {
    let syntax: FileSyntax
    let file: SourceFile
    var model: FileModel
    var diagnostics: [Diagnostic] = []
    /// COP002 for nesting is reported once per file.
    var reportedTooDeep = false

    init(syntax: FileSyntax) {
        self.syntax = syntax
        self.file = syntax.file
        self.model = FileModel(syntax: syntax)
    }

    func span(_ r: ByteRange) -> SourceSpan { SourceSpan(file, r) }

    mutating func report(_ m: Message, _ r: ByteRange, notes: [Note] = []) {
        diagnostics.append(Diagnostic(m, at: span(r), notes: notes))
    }

    // MARK: file

    mutating func run() {
        for s in syntax.suppressions {
            model.lineSuppressions[s.line, default: []].formUnion(s.codes)
        }
        // The header is the first rank-0 element; référent, plan and utilise may precede it.
        var headerIndex: Int?
        for (k, item) in syntax.items.enumerated() {
            if case .element(let e) = item, e.kind.rank == 0 { headerIndex = k; break }
            if case .element(let e) = item, e.kind == .referent || e.kind == .plan { continue }
            if case .uses = item { continue }
            break
        }
        if let h = headerIndex, case .element(let e) = syntax.items[h] {
            model.kind = e.kind == .contrat ? .contract : e.kind == .avenant ? .avenant : .annuaire
            model.root = makeElement(e, change: false)
            if e.kind == .avenant {
                if let id = e.id, let n = Int(id), n >= 0 { model.avenantNumber = n }
                else { report(.invalidNumber(e.id ?? ""), e.idRange ?? e.range) }
                model.contractRef = e.contractRef
                model.contractRefSpan = e.contractRefRange.map(span)
            }
            for key in Keys.required(for: e.kind) where model.root?.first(key) == nil {
                let display = Keys.specs(for: e.kind).first { $0.key == key }?.display ?? key
                report(.missingProperty(key: display, element: model.root!.displayName), e.range)
            }
        } else if let first = syntax.items.first {
            let r: ByteRange
            switch first {
            case .element(let e): r = e.range
            case .change(let c): r = c.element.range
            case .uses(let u): r = u.range
            }
            report(.missingFileHeader, r)
            // Recover: read the rest as the body of an anonymous contract.
            model.kind = .contract
            model.root = Element(kind: .contrat, id: nil, title: nil, span: span(ByteRange(0, 0)), idSpan: nil)
        }

        var stack: [Element] = model.root.map { [$0] } ?? []
        var index: [String: Element] = [:]
        for (k, item) in syntax.items.enumerated() {
            switch item {
            case .uses(let u):
                if model.kind == .avenant {
                    report(.misplacedElement(kind: "utilise", reason: "un avenant n'importe pas d'annuaire"), u.range)
                } else {
                    model.uses.append(u)
                }
            case .change(let c):
                if model.kind != .avenant {
                    report(.changeInNonAvenant(c.op.rawValue), c.opRange)
                } else {
                    model.changes.append(makeChange(c))
                }
            case .element(let e):
                if k == headerIndex { continue }
                if e.kind.rank == 0 {
                    report(.fileHeaderMisplaced(e.kind.keyword), e.keywordRange)
                } else if e.kind == .referent || e.kind == .plan {
                    if model.kind == .avenant {
                        report(.elementInAvenant(e.kind.keyword), e.keywordRange)
                    } else {
                        model.declarations.append(makeElement(e, change: false))
                    }
                } else if model.kind == .avenant {
                    report(.elementInAvenant(e.kind.keyword), e.keywordRange)
                } else if model.kind == .annuaire {
                    report(.misplacedElement(kind: e.kind.keyword, reason: "un annuaire ne contient que des référents et des plans"), e.keywordRange)
                } else if let root = model.root {
                    place(makeElement(e, change: false), syntax: e, root: root, stack: &stack, index: &index)
                }
            }
        }
    }

    static func allowedParents(_ kind: ElementKind) -> [ElementKind] {
        switch kind {
        case .axe: return [.contrat]
        case .objectif: return [.axe, .contrat]
        case .sousObjectif: return [.objectif]
        case .action: return [.objectif, .sousObjectif]
        case .indicateur: return [.objectif, .sousObjectif, .axe, .contrat]
        default: return []
        }
    }

    static func placementRule(_ kind: ElementKind) -> String {
        switch kind {
        case .sousObjectif: return "un sous-objectif doit suivre un objectif"
        case .action: return "une action doit suivre un objectif ou un sous-objectif"
        case .axe: return "un axe se place directement dans le contrat"
        case .objectif: return "un objectif se place dans un axe ou dans le contrat"
        default: return "un indicateur se place dans un objectif, un sous-objectif, un axe ou le contrat"
        }
    }

    /// Nests an element by rank, or under its explicit `dans KIND ID`.
    ///
    /// A second declaration of the same kind and id is COP200; when the message's two titles
    /// differ it names the first. A restatement under the same parent (documents restate their
    /// objectives in each annex table) continues the first declaration: what follows nests
    /// under it, so the repetition is reported once, without cascade. Under another parent it
    /// stays a separate element, so that its children keep their place.
    mutating func place(_ el: Element, syntax e: ElementSyntax, root: Element, stack: inout [Element], index: inout [String: Element]) {
        let rank = e.kind.rank ?? 4
        var parent: Element?
        var candidateStack = stack
        if let pl = e.placement {
            if pl.kind == .contrat {
                parent = root
            } else if let target = index[pl.kind.rawValue + "|" + Element.normalize(pl.id ?? "")] {
                parent = target
            } else {
                report(.misplacedElement(kind: e.kind.keyword, reason: "le parent \(pl.kind.keyword) \(pl.id ?? "") n'est pas déclaré avant cet élément"), pl.range)
            }
            if let p = parent, !BuilderState.allowedParents(e.kind).contains(p.kind) {
                report(.misplacedElement(kind: e.kind.keyword, reason: BuilderState.placementRule(e.kind)), pl.range)
            }
            if let p = parent {
                var path: [Element] = []
                var x: Element? = p
                while let y = x { path.append(y); x = y.parent }
                candidateStack = path.reversed()
            }
        }
        var misplaced = false
        if parent == nil {
            while candidateStack.count > 1, (candidateStack.last!.kind.rank ?? 0) >= rank { candidateStack.removeLast() }
            parent = candidateStack.last ?? root
            misplaced = !BuilderState.allowedParents(e.kind).contains(parent!.kind)
        }
        if let key = el.key, let first = index[e.kind.rawValue + "|" + key] {
            let message: Message = first.title != nil && el.title != nil && first.title != el.title
                ? .duplicateIdentifierRetitled(kind: e.kind.keyword, id: el.id!, firstTitle: first.title!)
                : .duplicateIdentifier(kind: e.kind.keyword, id: el.id!)
            if !(el.suppressed.contains(.cop200) || first.isSuppressed(.cop200)) {
                report(message, e.idRange ?? e.range, notes: [Note(.firstDeclaration, at: first.idSpan ?? first.span)])
            }
            if first.parent === parent {
                stack = candidateStack + [first]
                return
            }
        }
        if misplaced {
            report(.misplacedElement(kind: e.kind.keyword, reason: BuilderState.placementRule(e.kind)), e.keywordRange)
            // Structure checks would only repeat the same defect.
            el.suppressed.formUnion([.cop202, .cop500, .cop501, .cop502])
        }
        // Depth limit: only `dans` nests beyond the ranks; past the limit, the element becomes
        // a sibling of its parent (reported once per file). The walk is bounded by the limit.
        if let p = parent, nestingDepth(of: p) >= Limits.maxDepth, let grand = p.parent {
            if !reportedTooDeep {
                report(.nestingTooDeep(element: el.displayName, limit: Limits.maxDepth), e.placement?.range ?? e.keywordRange)
                reportedTooDeep = true
            }
            if candidateStack.last === p { candidateStack.removeLast() }
            parent = grand
        }
        el.parent = parent
        parent!.children.append(el)
        stack = candidateStack + [el]
        if let key = el.key {
            let k = e.kind.rawValue + "|" + key
            if index[k] == nil { index[k] = el }
        }
    }

    // MARK: elements

    mutating func makeChange(_ c: ChangeSyntax) -> Change {
        let e = c.element
        let el = makeElement(e, change: true, op: c.op)
        return Change(op: c.op, kind: e.kind, id: e.id, element: el, placement: e.placement,
                      span: span(ByteRange(c.opRange.start, e.range.end)))
    }

    mutating func makeElement(_ e: ElementSyntax, change: Bool, op: ChangeOp? = nil) -> Element {
        let el = Element(kind: e.kind, id: e.id, title: e.title, span: span(e.range), idSpan: e.idRange.map(span))
        let line = file.location(of: e.range.start).line
        el.suppressed = (model.lineSuppressions[line] ?? []).union(model.lineSuppressions[line - 1] ?? [])
        var specs: [KeySpec]
        if op == .supprimer {
            specs = [Keys.changeOnly[1]]
        } else {
            specs = Keys.specs(for: e.kind)
            if change { specs += Keys.changeOnly }
        }
        var seen: [PropIdentity: ByteRange] = [:]
        for p in e.properties {
            if p.malformed {
                // Already reported by the parser: record the key (value unknown), say nothing more.
                if let spec = specs.first(where: { $0.key == p.key }), !spec.keyed {
                    let prop = Prop(key: spec.key, label: nil, years: nil, stepTitle: nil, value: .invalid,
                                    span: span(p.range), keyRange: p.keyRange, valueSpan: span(p.valueRange))
                    if seen[prop.identity] == nil {
                        seen[prop.identity] = p.keyRange
                        el.props.append(prop)
                    }
                }
                continue
            }
            guard let spec = specs.first(where: { $0.key == p.key }) else {
                let suggestion = Suggest.nearest(to: p.key, among: specs.map(\.display), normalize: { TokenText.fold($0) })
                report(.unknownProperty(key: quotedKey(p), element: el.displayName, suggestion: suggestion), p.keyRange)
                continue
            }
            if p.label != nil && !spec.labelled {
                // Reported once; the property itself is still read, without its label.
                report(.unknownProperty(key: quotedKey(p), element: el.displayName, suggestion: spec.display), p.labelRange ?? p.keyRange)
            }
            for prop in makeProps(p, spec) {
                if prop.key == "titre" {
                    if case .text(let t) = prop.value { el.title = t }
                    continue
                }
                if prop.key == "motif" {
                    if case .text(let t) = prop.value { el.motif = t }
                    continue
                }
                let identity = prop.identity
                if let first = seen[identity] {
                    report(.duplicateProperty(describeKey(prop, spec)), p.keyRange, notes: [Note(.firstDeclaration, at: span(first))])
                    continue
                }
                seen[identity] = p.keyRange
                el.props.append(prop)
            }
        }
        return el
    }

    /// Text quoted in a message, in canonical spacing (`Canonical`), so that `copc fmt`, which
    /// lays text out that way, never changes a message.
    func canonical(_ r: ByteRange) -> String { Canonical.text(of: r, in: file) }

    /// A key as `copc fmt` writes it: a known key in its canonical spelling (`dèlai` → `délai`,
    /// as for any element), another in canonical spacing.
    func quotedKey(_ p: PropertySyntax) -> String { KeySpelling.canonical(p.key) ?? canonical(p.keyRange) }

    func describeKey(_ p: Prop, _ spec: KeySpec) -> String {
        switch p.key {
        case "cible": return "cible \(p.years?.lowerBound ?? 0)" + (p.label.map { " (\($0))" } ?? "")
        case "base": return "base \(p.years?.lowerBound ?? 0)"
        case "delai": return "délai" + (p.label.map { " (\($0))" } ?? "")
        case "etape": return "étape « \(p.stepTitle ?? "") »"
        default: return spec.display
        }
    }

    /// One syntax property becomes one typed prop, or one per year for `cible A .. B`.
    mutating func makeProps(_ p: PropertySyntax, _ spec: KeySpec) -> [Prop] {
        var years: ClosedRange<Int>?
        if spec.key == "cible" || spec.key == "base" {
            var r = ValueReader(file: file, tokens: syntax.tokens, range: p.yearTokens)
            let yearsRange = p.yearTokens.isEmpty ? p.keyRange
                : ByteRange(Int(syntax.tokens[p.yearTokens.lowerBound].start), Int(syntax.tokens[p.yearTokens.upperBound - 1].end))
            switch r.years() {
            case .some(.some(let ys)) where r.atEnd:
                if spec.key == "base" && ys.count > 1 {
                    report(.invalidYear(canonical(yearsRange)), yearsRange)
                    return []
                }
                if ys.count > Limits.maxYears {
                    report(.tooManyYears(text: canonical(yearsRange), years: ys.count, limit: Limits.maxYears), yearsRange)
                    return []
                }
                years = ys
            case .some(.none):
                report(.invalidPeriodOrder(canonical(yearsRange)), yearsRange)
                return []
            default:
                if p.yearTokens.isEmpty {
                    report(.expected(.yearSpec, found: "« : »"), p.keyRange)
                } else {
                    report(.invalidYear(canonical(yearsRange)), yearsRange)
                }
                return []
            }
        }
        // An invalid character in the value was reported by the lexer: no second diagnostic.
        let hasInvalidToken = p.valueTokens.contains { syntax.tokens[$0].kind == .invalid }
        let value = hasInvalidToken ? PropValue.invalid : readValue(p, spec)
        let label = spec.labelled ? p.label : nil
        let lineSpan = span(p.range), valueSpan = span(p.valueRange)
        if spec.key == "cible", let ys = years, ys.count > 1 {
            return ys.map { y in
                Prop(key: spec.key, label: label, years: y...y, stepTitle: nil, value: value,
                     span: lineSpan, keyRange: p.keyRange, valueSpan: valueSpan)
            }
        }
        return [Prop(key: spec.key, label: label, years: years, stepTitle: p.stepTitle, value: value,
                     span: lineSpan, keyRange: p.keyRange, valueSpan: valueSpan)]
    }

    mutating func readValue(_ p: PropertySyntax, _ spec: KeySpec) -> PropValue {
        let tokens = syntax.tokens
        var r = ValueReader(file: file, tokens: tokens, range: p.valueTokens)
        // The value as written in canonical spacing, so that layout changes neither messages nor IR.
        var raw: String { Canonical.text(tokens[p.valueTokens], in: file) }
        if r.atEnd {
            report(.expected(.value, found: "la fin de la ligne"), ByteRange(p.keyRange.end, p.range.end))
            return .invalid
        }
        switch spec.type {
        case .text:
            if p.valueTokens.count == 1 && tokens[p.valueTokens.lowerBound].isText {
                return .text(TokenText.value(of: tokens[p.valueTokens.lowerBound], in: file))
            }
            return .text(raw)
        case .referents, .referent:
            guard let refs = readReferents(&r) else {
                report(.invalidReferentList(raw), p.valueRange)
                return .invalid
            }
            if case .referent = spec.type, refs.count != 1 {
                report(.invalidReferentList(raw), p.valueRange)
                return .invalid
            }
            return .referents(refs)
        case .deadline:
            guard let form = r.deadline() else {
                report(.invalidDeadline(raw), p.valueRange)
                return .invalid
            }
            if case .window(let w) = form, !w.isValid {
                report(.invalidPeriodOrder(raw), p.valueRange)
                return .invalid
            }
            return .deadline(Deadline(text: raw, form: form))
        case .target:
            guard let t = r.target() else {
                if let problem = r.numberProblem {
                    report(.numberTooPrecise(raw, reason: problem), p.valueRange)
                    return .invalid
                }
                report(.invalidTarget(raw), p.valueRange)
                return .invalid
            }
            return .target(t)
        case .base:
            let f = TokenText.fold(raw)
            if ["nc", "n.c.", "n.c", "inconnue", "inconnu", "non communique", "non communiquee"].contains(f) { return .base(nil) }
            guard let q = r.quantity(), r.atEnd else {
                if let problem = r.numberProblem {
                    report(.numberTooPrecise(raw, reason: problem), p.valueRange)
                    return .invalid
                }
                report(.invalidNumber(raw), p.valueRange)
                return .invalid
            }
            return .base(q)
        case .date:
            guard let d = r.date(), r.atEnd else {
                report(.invalidDate(raw), p.valueRange)
                return .invalid
            }
            return .date(d)
        case .period:
            guard let w = r.period(), r.atEnd else {
                report(.invalidPeriod(raw), p.valueRange)
                return .invalid
            }
            if !w.isValid {
                report(.invalidPeriodOrder(raw), p.valueRange)
                return .invalid
            }
            if w.years.count > Limits.maxYears {
                report(.tooManyYears(text: raw, years: w.years.count, limit: Limits.maxYears), p.valueRange)
                return .invalid
            }
            return .period(w)
        case .unit:
            let f = TokenText.fold(raw.filter { $0 != " " })
            if let u = Unit.parse(folded: f) { return .unit(u) }
            report(.invalidUnit(raw, suggestion: Suggest.nearest(to: raw, among: Unit.knownSymbols, normalize: { TokenText.fold($0) })), p.valueRange)
            return .invalid
        case .flag:
            switch TokenText.fold(raw) {
            case "oui", "vrai": return .flag(true)
            case "non", "faux": return .flag(false)
            default:
                report(.invalidEnumValue(key: spec.display, value: raw, allowed: ["oui", "non"], suggestion: nil), p.valueRange)
                return .invalid
            }
        case .choice(let map):
            let f = TokenText.fold(raw)
            if let v = map[f] { return .word(v) }
            let allowed = Array(Set(map.values)).sorted()
            report(.invalidEnumValue(key: spec.display, value: raw, allowed: allowed,
                                     suggestion: Suggest.nearest(to: raw, among: allowed, normalize: { TokenText.fold($0) })), p.valueRange)
            return .invalid
        }
    }

    /// `DGOS, DGS`, `à déterminer`.
    func readReferents(_ r: inout ValueReader) -> [ReferentRef]? {
        var out: [ReferentRef] = []
        let tokens = syntax.tokens
        while !r.atEnd {
            let start = r.p
            if r.accept("a", "determiner") || r.accept("a", "definir") {
                out.append(ReferentRef(id: nil, range: ByteRange(Int(tokens[start].start), Int(tokens[r.p - 1].end))))
            } else if tokens[r.p].kind == .word {
                out.append(ReferentRef(id: file.text(tokens[r.p].range), range: tokens[r.p].range))
                r.p += 1
            } else {
                return nil
            }
            if r.atEnd { break }
            if tokens[r.p].kind == .comma || (tokens[r.p].kind == .word && ["et"].contains(TokenText.fold(file.bytes[Int(tokens[r.p].start)..<Int(tokens[r.p].end)]))) {
                r.p += 1
                if r.atEnd { return nil }
            } else {
                return nil
            }
        }
        return out.isEmpty ? nil : out
    }
}

/// How many levels `e` is below its root (the contract is 0). Trees never exceed
/// `Limits.maxDepth` (the builder and the consolidation keep it so), so this walk is bounded.
func nestingDepth(of e: Element) -> Int {
    var d = 0
    var x = e.parent
    while let y = x { d += 1; x = y.parent }
    return d
}
