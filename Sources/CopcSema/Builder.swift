import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcLanguage
import CopcModel

/// Turns one file's syntax tree into its typed model (`FileModel`): validates keys (COP104,
/// COP107), reads values (COP103, COP304), nests elements by rank (COP105). It never fails.
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
    /// How many elements of each kind without id each element holds (their keys' ordinals).
    var untitled: [UntitledSlot: Int] = [:]

    struct UntitledSlot: Hashable {
        let parent: ElementID?
        let kind: ElementKind
    }

    init(syntax: FileSyntax) {
        self.syntax = syntax
        self.file = syntax.file
        self.model = FileModel(file: syntax.file.id)
    }

    func span(_ r: ByteRange) -> SourceSpan { SourceSpan(file, r) }
    func place(_ r: ByteRange) -> Place { file.place(r) }

    mutating func report(_ m: Message, _ r: ByteRange, notes: [Note] = []) {
        diagnostics.append(Diagnostic(m, at: span(r), notes: notes))
    }

    // MARK: file

    mutating func run() {
        for s in syntax.suppressions {
            model.lineSuppressions[s.line, default: CodeSet()].formUnion(CodeSet(s.codes))
        }
        // The header is the first rank-0 element; référent, plan and utilise may precede it.
        var headerIndex: Int?
        for (k, item) in syntax.items.enumerated() {
            if case .element(let e) = item, e.kind.isFileHeader { headerIndex = k; break }
            if case .element(let e) = item, e.kind.isDeclaration { continue }
            if case .uses = item { continue }
            break
        }
        if let h = headerIndex, case .element(let e) = syntax.items[h] {
            model.kind = FileKind(header: e.kind)
            let key = e.id.map { ElementKey(e.kind, $0) } ?? ElementKey(untitled: e.kind, parent: nil, ordinal: 0)
            model.tree.add(makeElement(e, key: key, op: nil), under: nil)
            if e.kind == .avenant {
                if let id = e.id, let n = Int(id), n >= 0 { model.avenantNumber = n }
                else { report(.invalidNumber(e.id ?? ""), e.idRange ?? e.range) }
                model.contractRef = e.contractRef
                model.contractRefPlace = e.contractRefRange.map(place)
            } else if e.kind == .bilan {
                let r = ValueReader(file: file, tokens: syntax.tokens, range: 0..<0)
                if let id = e.id, let y = r.yearText(id) { model.bilanYear = y }
                else { report(.invalidYear(e.id ?? ""), e.idRange ?? e.range) }
                model.contractRef = e.contractRef
                model.contractRefPlace = e.contractRefRange.map(place)
            }
            let header = model.header!
            for key in e.kind.requiredKeys where header.first(key) == nil {
                report(.missingProperty(key: key, element: header.ref), e.range)
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
            model.tree.add(Element(kind: .contrat, id: nil, key: ElementKey(untitled: .contrat, parent: nil, ordinal: 0),
                                   title: nil, place: place(ByteRange(0, 0)), idPlace: nil), under: nil)
        } else if syntax.diagnostics.isEmpty {
            // Nothing but blanks and comments: a truncated save or a placeholder, said once.
            report(.emptyFile(commentsOnly: !syntax.comments.isEmpty), ByteRange(0, 0))
        }

        var stack: [ElementID] = model.tree.root.map { [$0] } ?? []
        for (k, item) in syntax.items.enumerated() {
            switch item {
            case .uses(let u):
                if model.kind.acceptsUses {
                    model.imports.append(Import(path: u.path, place: place(u.range)))
                } else {
                    report(.misplaced(.utilise, reason: .avenantImports), u.range)
                }
            case .change(let c):
                if model.kind.acceptsChanges {
                    model.changes.append(makeChange(c))
                } else {
                    report(.changeInNonAvenant(c.op), c.opRange)
                }
            case .element(let e):
                if k == headerIndex { continue }
                if e.kind.isFileHeader {
                    report(.fileHeaderMisplaced(e.kind), e.keywordRange)
                } else if !model.kind.accepts(e.kind) {
                    if model.kind == .avenant {
                        report(.elementInAvenant(e.kind), e.keywordRange)
                    } else if e.kind == .organisme {
                        report(.misplaced(Keyword(e.kind), reason: .organismeInAnnuaire), e.keywordRange)
                    } else {
                        report(.misplaced(Keyword(e.kind), reason: .annuaireHoldsDeclarations), e.keywordRange)
                    }
                } else if e.kind.isDeclaration {
                    model.declarations.append(makeElement(e, key: ElementKey(e.kind, e.id ?? ""), op: nil))
                } else if model.kind == .bilan {
                    placeReport(e)
                } else if model.tree.root != nil {
                    place(e, stack: &stack)
                }
            }
        }
    }

    /// Nests an element by rank, or under its explicit `dans KIND ID`.
    ///
    /// A second declaration of the same kind and id is COP200; when the message's two titles
    /// differ it names the first. A restatement under the same parent (documents restate their
    /// objectives in each annex table) continues the first declaration: what follows nests
    /// under it, so the repetition is reported once, without cascade. Under another parent it
    /// stays a separate element, so that its children keep their place.
    mutating func place(_ e: ElementSyntax, stack: inout [ElementID]) {
        let root = model.tree.root!
        let rank = e.kind.rank ?? 4
        var parent: ElementID?
        var candidateStack = stack
        if let pl = e.placement {
            if pl.kind == .contrat {
                parent = root
            } else if let target = model.index[ElementKey(pl.kind, pl.id ?? "")] {
                parent = target
            } else {
                report(.misplaced(Keyword(e.kind), reason: .parentNotDeclared(pl.kind, pl.id ?? "")), pl.range)
            }
            if let p = parent, !e.kind.allowedParents.contains(model.tree[p].kind) {
                report(.misplaced(Keyword(e.kind), reason: .rule(e.kind)), pl.range)
            }
            if let p = parent {
                candidateStack = model.tree.ancestors(of: p).reversed() + [p]
            }
        }
        var misplaced = false
        if parent == nil {
            while candidateStack.count > 1, (model.tree[candidateStack.last!].kind.rank ?? 0) >= rank { candidateStack.removeLast() }
            parent = candidateStack.last ?? root
            misplaced = !e.kind.allowedParents.contains(model.tree[parent!].kind)
        }
        let key: ElementKey
        if let id = e.id {
            key = ElementKey(e.kind, id)
        } else {
            let slot = UntitledSlot(parent: parent, kind: e.kind)
            let n = untitled[slot, default: 0]
            untitled[slot] = n + 1
            key = ElementKey(untitled: e.kind, parent: parent.map { model.tree[$0].key }, ordinal: n)
        }
        var el = makeElement(e, key: key, op: nil)
        if e.id != nil, let firstID = model.index[key] {
            let first = model.tree[firstID]
            model.hasRepeatedKeys = true
            let message: Message = first.title != nil && el.title != nil && first.title != el.title
                ? .duplicateIdentifierRetitled(kind: e.kind, id: el.id!, firstTitle: first.title!)
                : .duplicateIdentifier(kind: e.kind, id: el.id!)
            if !(el.suppressed.contains(.cop200) || first.isSuppressed(.cop200)) {
                report(message, e.idRange ?? e.range, notes: [Note(.firstDeclaration, at: span(first.namePlace.range))])
            }
            if first.parent == parent {
                stack = candidateStack + [firstID]
                return
            }
        }
        if misplaced {
            report(.misplaced(Keyword(e.kind), reason: .rule(e.kind)), e.keywordRange)
            // Structure checks would only repeat the same defect.
            el.suppressed.formUnion(CodeSet([.cop202, .cop500, .cop501, .cop502]))
        }
        // Depth limit: only `dans` nests beyond the ranks; past the limit, the element becomes
        // a sibling of its parent (reported once per file). The walk is bounded by the limit.
        if let p = parent, model.tree.depth(of: p) >= Limits.maxDepth, let grand = model.tree[p].parent {
            if !reportedTooDeep {
                report(.nestingTooDeep(el.ref, limit: Limits.maxDepth), e.placement?.range ?? e.keywordRange)
                reportedTooDeep = true
            }
            if candidateStack.last == p { candidateStack.removeLast() }
            parent = grand
        }
        let id = model.tree.add(el, under: parent)
        stack = candidateStack + [id]
        if e.id != nil, model.index[key] == nil { model.index[key] = id }
    }

    /// A bilan's `indicateur ID` or `action ID` block: a report on an element of the
    /// contract, placed under the bilan's header; a second block for the same element is
    /// COP607 and is not kept.
    mutating func placeReport(_ e: ElementSyntax) {
        guard let root = model.tree.root, let id = e.id else { return }
        let key = ElementKey(e.kind, id)
        let el = makeElement(e, key: key, op: nil)
        if let firstID = model.index[key] {
            let first = model.tree[firstID]
            if !el.suppressed.contains(.cop607) {
                report(.duplicateReport(kind: e.kind, id: id), e.idRange ?? e.range,
                       notes: [Note(.firstDeclaration, at: span(first.namePlace.range))])
            }
            return
        }
        model.index[key] = model.tree.add(el, under: root)
    }

    // MARK: elements

    mutating func makeChange(_ c: ChangeSyntax) -> Change {
        let e = c.element
        let key = e.id.map { ElementKey(e.kind, $0) } ?? ElementKey(untitled: e.kind, parent: nil, ordinal: 0)
        let el = makeElement(e, key: key, op: c.op)
        return Change(op: c.op, kind: e.kind, id: e.id, element: el,
                      placement: e.placement.map { Placement(kind: $0.kind, id: $0.id, place: place($0.range)) },
                      place: place(ByteRange(c.opRange.start, e.range.end)))
    }

    mutating func makeElement(_ e: ElementSyntax, key: ElementKey, op: ChangeOp?) -> Element {
        var el = Element(kind: e.kind, id: e.id, key: key, title: e.title, place: place(e.range), idPlace: e.idRange.map(place))
        if !model.lineSuppressions.isEmpty {
            let line = file.location(of: e.range.start).line
            el.suppressed = (model.lineSuppressions[line] ?? CodeSet()).union(model.lineSuppressions[line - 1] ?? CodeSet())
        }
        let keys = op.map { e.kind.keys(in: $0) } ?? e.kind.keys(in: model.kind)
        // The identities already given, and where (an element has a handful: a linear search
        // beats a dictionary of strings per element).
        var seen: [(PropertyIdentity, ByteRange)] = []
        seen.reserveCapacity(e.properties.count)
        func firstSeen(_ identity: PropertyIdentity) -> ByteRange? {
            for (i, r) in seen where i == identity { return r }
            return nil
        }
        el.properties.reserveCapacity(e.properties.count)
        for p in e.properties {
            if p.malformed {
                // Already reported by the parser: record the key (value unknown), say nothing more.
                if let key = p.key, keys.contains(key), key.identity == .key {
                    let prop = Property(key: key, value: .invalid, place: place(p.range), keyPlace: place(p.keyRange),
                                        valuePlace: place(p.valueRange))
                    if firstSeen(prop.identity) == nil {
                        seen.append((prop.identity, p.keyRange))
                        el.properties.append(prop)
                    }
                }
                continue
            }
            guard let key = p.key, keys.contains(key) else {
                // A usual synonym (`responsable` → `pilote`) first, if this element takes that key;
                // else the nearest valid key (a typo).
                var words = foldedKey(p).split(separator: " ")
                while let last = words.last, words.count > 1, last.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) { words.removeLast() }
                let synonym = KeySynonyms.key(for: words.joined(separator: " ")).flatMap { keys.contains($0) ? $0.display : nil }
                let suggestion = synonym ?? Suggest.nearest(to: foldedKey(p), among: keys.map(\.display), normalize: { TokenText.fold($0) })
                report(.unknownProperty(key: quotedKey(p), element: el.ref, suggestion: suggestion), p.keyRange)
                continue
            }
            if p.label != nil && !key.labelled {
                // Reported once; the property itself is still read, without its label.
                report(.unknownProperty(key: quotedKey(p), element: el.ref, suggestion: key.display), p.labelRange ?? p.keyRange)
            }
            guard let read = readProperty(p, key) else { continue }
            if key == .titre {
                if case .text(let t) = read.value { el.title = t }
                continue
            }
            if key == .motif && model.kind != .bilan {
                if case .text(let t) = read.value { el.provenance.motif = t }
                continue
            }
            // One property, or one per year for `cible A .. B`.
            for year in read.years {
                let prop = Property(key: key, label: read.label, year: year, stepTitle: p.stepTitle,
                                    value: read.value, place: read.line, keyPlace: read.keyPlace, valuePlace: read.valuePlace)
                let identity = prop.identity
                if let first = firstSeen(identity) {
                    report(.duplicateProperty(PropertyRef(key: key, written: key.display, year: year,
                                                          label: prop.label, stepTitle: prop.stepTitle)),
                           p.keyRange, notes: [Note(.firstDeclaration, at: span(first))])
                    continue
                }
                seen.append((identity, p.keyRange))
                el.properties.append(prop)
            }
        }
        return el
    }

    /// Text quoted in a message, in canonical spacing (`Canonical`), so that `copc fmt`, which
    /// lays text out that way, never changes a message.
    func canonical(_ r: ByteRange) -> String { Canonical.text(of: r, in: file) }

    /// A key as `copc fmt` writes it: a known key in its canonical spelling (`dèlai` → `délai`,
    /// as for any element), another in canonical spacing.
    func quotedKey(_ p: PropertySyntax) -> String { p.key?.display ?? canonical(p.keyRange) }

    /// The folded words of a property's key, joined by single spaces (for suggestions).
    func foldedKey(_ p: PropertySyntax) -> String {
        p.keyWords.map { k in
            let t = syntax.tokens[k]
            return TokenText.fold(file.bytes[Int(t.start)..<Int(t.end)])
        }.joined(separator: " ")
    }

    /// What a property line says: its value, its label, its years (one `nil` for a key
    /// without year; one per year for `cible A .. B`) and its places; `nil` after a reported
    /// error in its years.
    struct ReadProperty {
        let value: PropertyValue
        let label: String?
        let years: [Int?]
        let line: Place
        let keyPlace: Place
        let valuePlace: Place
    }

    mutating func readProperty(_ p: PropertySyntax, _ key: PropertyKey) -> ReadProperty? {
        var years: [Int?] = [nil]
        if key.head == .years {
            var r = ValueReader(file: file, tokens: syntax.tokens, range: p.yearTokens)
            let yearsRange = p.yearTokens.isEmpty ? p.keyRange
                : ByteRange(Int(syntax.tokens[p.yearTokens.lowerBound].start), Int(syntax.tokens[p.yearTokens.upperBound - 1].end))
            switch r.years() {
            case .some(.some(let ys)) where r.atEnd:
                if (key == .base || key == .moyens) && ys.count > 1 {
                    report(.invalidYear(canonical(yearsRange)), yearsRange)
                    return nil
                }
                if ys.count > Limits.maxYears {
                    report(.tooManyYears(text: canonical(yearsRange), years: ys.count, limit: Limits.maxYears), yearsRange)
                    return nil
                }
                years = key == .cible ? ys.map { $0 } : [ys.lowerBound]
            case .some(.none):
                report(.invalidPeriodOrder(canonical(yearsRange)), yearsRange)
                return nil
            default:
                if p.yearTokens.isEmpty {
                    report(.expected(.yearSpec, found: .token(":")), p.keyRange)
                } else if let near = Nearest.years(ValueReader(file: file, tokens: syntax.tokens, range: p.yearTokens)) {
                    report(.invalidValueNearest(.years, canonical(yearsRange), suggestion: near), yearsRange)
                } else {
                    report(.invalidYear(canonical(yearsRange)), yearsRange)
                }
                return nil
            }
        }
        // An invalid character in the value was reported by the lexer: no second diagnostic.
        let hasInvalidToken = p.valueTokens.contains { syntax.tokens[$0].kind == .invalid }
        let value = hasInvalidToken ? PropertyValue.invalid : readValue(p, key)
        return ReadProperty(value: value, label: key.labelled ? p.label : nil, years: years,
                            line: place(p.range), keyPlace: place(p.keyRange), valuePlace: place(p.valueRange))
    }

    mutating func readValue(_ p: PropertySyntax, _ key: PropertyKey) -> PropertyValue {
        let tokens = syntax.tokens
        var r = ValueReader(file: file, tokens: tokens, range: p.valueTokens)
        // The value as written in canonical spacing, so that layout changes neither messages nor IR.
        var raw: String { Canonical.text(tokens[p.valueTokens], in: file) }
        if r.atEnd {
            report(.expected(.value, found: .endOfLine), ByteRange(p.keyRange.end, p.range.end))
            return .invalid
        }
        switch key.valueType {
        case .text:
            if p.valueTokens.count == 1 && tokens[p.valueTokens.lowerBound].isText {
                return .text(TokenText.value(of: tokens[p.valueTokens.lowerBound], in: file))
            }
            return .text(raw)
        case .referents, .referent:
            let single: Bool
            if case .referent = key.valueType { single = true } else { single = false }
            guard let refs = readReferents(&r), !single || refs.count == 1 else {
                report(.invalidReferentList(raw, suggestion: referentSuggestion(p, single: single, written: raw)), p.valueRange)
                return .invalid
            }
            return .referents(refs)
        case .deadline:
            guard let form = r.deadline() else {
                report(.invalidValueNearest(.deadline, raw, suggestion: Nearest.deadline(ValueReader(file: file, tokens: tokens, range: p.valueTokens))), p.valueRange)
                return .invalid
            }
            if case .window(let w) = form, !w.isValid {
                report(.invalidPeriodOrder(raw), p.valueRange)
                return .invalid
            }
            return .deadline(Deadline(form: form))
        case .target:
            guard let t = r.target() else {
                if let problem = r.numberProblem {
                    report(.numberTooPrecise(raw, problem), p.valueRange)
                    return .invalid
                }
                report(.invalidValueNearest(.target, raw, suggestion: Nearest.target(ValueReader(file: file, tokens: tokens, range: p.valueTokens))), p.valueRange)
                return .invalid
            }
            warnAmbiguousDecimalPoints(p)
            return .target(t)
        case .base:
            // `NC` and its spellings: the base is not known.
            var probe = r
            if (probe.accept("nc") || probe.accept("n.c.") || probe.accept("n.c") || probe.accept("inconnue") || probe.accept("inconnu")
                || probe.accept("non", "communique") || probe.accept("non", "communiquee")) && probe.atEnd {
                return .base(nil)
            }
            guard let q = r.quantity(), r.atEnd else {
                if let problem = r.numberProblem {
                    report(.numberTooPrecise(raw, problem), p.valueRange)
                    return .invalid
                }
                report(.invalidNumber(raw), p.valueRange)
                return .invalid
            }
            warnAmbiguousDecimalPoints(p)
            return .base(q)
        case .date:
            guard let d = r.date(), r.atEnd else {
                report(.invalidDate(raw), p.valueRange)
                return .invalid
            }
            return .date(d)
        case .period:
            guard let w = r.period(), r.atEnd else {
                if let near = Nearest.period(ValueReader(file: file, tokens: tokens, range: p.valueTokens)) {
                    report(.invalidValueNearest(.period, raw, suggestion: near), p.valueRange)
                } else {
                    report(.invalidPeriod(raw), p.valueRange)
                }
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
        case .realized:
            if r.accept("non", "disponible") || r.accept("nd") || r.accept("n.d.") || r.accept("indisponible") {
                if r.atEnd { return .realized(.unavailable) }
                report(.invalidRealized(raw), p.valueRange)
                return .invalid
            }
            guard let t = r.target() else {
                if let problem = r.numberProblem {
                    report(.numberTooPrecise(raw, problem), p.valueRange)
                    return .invalid
                }
                report(.invalidRealized(raw), p.valueRange)
                return .invalid
            }
            switch t {
            case .quantity, .milestone, .qualitative, .text: return .realized(.value(t))
            default:
                report(.invalidRealized(raw), p.valueRange)
                return .invalid
            }
        case .quantity:
            guard let q = r.quantity(), r.atEnd else {
                if let problem = r.numberProblem {
                    report(.numberTooPrecise(raw, problem), p.valueRange)
                    return .invalid
                }
                report(.invalidNumber(raw), p.valueRange)
                return .invalid
            }
            return .quantity(q)
        case .dueDate:
            guard let d = r.dueDate() else {
                report(.invalidDueDate(raw), p.valueRange)
                return .invalid
            }
            return .dueDate(d)
        case .weight:
            guard let w = r.weight() else {
                report(.invalidWeight(raw), p.valueRange)
                return .invalid
            }
            return .weight(w)
        case .resources:
            guard let q = r.resources() else {
                if let problem = r.numberProblem {
                    report(.numberTooPrecise(raw, problem), p.valueRange)
                    return .invalid
                }
                report(.invalidNumber(raw), p.valueRange)
                return .invalid
            }
            return .resources(q)
        case .contractId:
            // One word: the id of a contract, as its header writes it.
            guard p.valueTokens.count == 1, tokens[p.valueTokens.lowerBound].kind == .word else {
                report(.invalidContractId(raw), p.valueRange)
                return .invalid
            }
            return .contractId(raw)
        case .flag:
            if let b = Flag.parse(folded: TokenText.fold(raw)) { return .flag(b) }
            report(.invalidEnumValue(key: key, value: raw, suggestion: nil), p.valueRange)
            return .invalid
        case .choice(let choice):
            let f = TokenText.fold(raw)
            let allowed: [String]
            switch choice {
            case .contractType:
                if let v = ContractType(folded: f) { return .contractType(v) }
                allowed = ContractType.spellings
            case .numbering:
                if let v = Numbering(folded: f) { return .numbering(v) }
                allowed = Numbering.spellings
            case .direction:
                if let v = Direction(folded: f) { return .direction(v) }
                allowed = Direction.spellings
            case .nature:
                if let v = Nature(folded: f) { return .nature(v) }
                allowed = Nature.spellings
            case .declined:
                if Declined(folded: f) != nil { return .declined }
                allowed = Declined.spellings
            case .actionState:
                if let v = ActionState(folded: f) { return .actionState(v) }
                allowed = ActionState.spellings
            case .riskLevel:
                if let v = RiskLevel(folded: f) { return .riskLevel(v) }
                allowed = RiskLevel.spellings
            }
            report(.invalidEnumValue(key: key, value: raw,
                                     suggestion: Suggest.nearest(to: raw, among: allowed, normalize: { TokenText.fold($0) })), p.valueRange)
            return .invalid
        }
    }

    /// `DGOS, DGS`, `à déterminer`.
    /// What an invalid referent list (`pilote : la DGOS et la DSS ; DREES`) seems to mean: its
    /// words that are referents declared so far in the file, or that look like identifiers
    /// (an upper-case letter or a digit: `DGOS`, `ARS.IDF`), joined as the language writes a
    /// list (`DGOS, DSS, DREES`); nil when there is none, or the same text.
    func referentSuggestion(_ p: PropertySyntax, single: Bool, written: String) -> String? {
        let tokens = syntax.tokens
        var ids: [String] = []
        var words: [String] = []
        for k in p.valueTokens {
            if tokens[k].kind == .word { words.append(file.text(tokens[k].range)) }
            if tokens[k].isText {
                words += TokenText.value(of: tokens[k], in: file).split { $0 == " " || $0 == "," }.map(String.init)
            }
        }
        for w in words {
            let declared = model.declarations.contains { $0.kind == .referent && $0.id == w }
            let looksLikeId = w.unicodeScalars.contains { $0.properties.isUppercase || ("0"..."9").contains($0) }
            if (declared || looksLikeId) && !ids.contains(w) { ids.append(w) }
        }
        guard !ids.isEmpty else { return nil }
        let s = single ? ids[0] : ids.joined(separator: ", ")
        return s == written ? nil : s
    }

    func readReferents(_ r: inout ValueReader) -> [ReferentRef]? {
        var out: [ReferentRef] = []
        let tokens = syntax.tokens
        while !r.atEnd {
            let start = r.p
            if r.accept("a", "determiner") || r.accept("a", "definir") {
                out.append(ReferentRef(id: nil, place: file.place(ByteRange(Int(tokens[start].start), Int(tokens[r.p - 1].end)))))
            } else if tokens[r.p].kind == .word {
                out.append(ReferentRef(id: file.text(tokens[r.p].range), place: file.place(tokens[r.p].range)))
                r.p += 1
            } else {
                return nil
            }
            if r.atEnd { break }
            if tokens[r.p].kind == .comma || r.isWord(r.p, "et") {
                r.p += 1
                if r.atEnd { return nil }
            } else {
                return nil
            }
        }
        return out.isEmpty ? nil : out
    }
}
