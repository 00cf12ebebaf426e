import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcLanguage
import CopcModel
import CopcDriver

/// Completion: keywords and property keys at the head of a line, values after `clé :`
/// (referents, units, target and deadline words, enumerated values), kinds and ids after
/// `modifier`, `supprimer` and `dans`.
extension LanguageServer {
    static let targetWords = [TargetStatus.pending, .notApplicable, .followed].compactMap(\.written) + RelativeTargetWords.all
    static let deadlineWords = DeadlineWords.all

    /// CompletionItemKind values.
    enum ItemKind {
        static let property = 10, unit = 11, value = 12, keyword = 14, reference = 18, enumMember = 20
    }

    func completion(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let doc = documentPath(params) else { throw .invalidParams("textDocument.uri manquant ou autre que file://") }
        guard let pos = LSPPosition(json: params["position"]) else {
            throw .invalidParams("position manquante ou invalide (line et character, entiers positifs)")
        }
        let text = documents[doc.path]?.text ?? ((try? FileSystem.read(doc.path)) ?? [])
        let source = SourceFile(path: doc.path, bytes: text)
        let offset = pos.offset(in: source)
        let lineStart = source.lineStarts[source.lineIndex(of: offset)]
        let before = source.text(ByteRange(lineStart, offset))
        // The context comes from the text as typed; declarations from the last check, even
        // one made a keystroke ago (a full check per keystroke would be wasted here).
        let syntax = Parser.parse(source)
        let a = lastAnalysis(forPath: doc.path)
        let nav = a.flatMap { a in a.files[doc.path].map { Navigator(analysis: a, file: $0) } }
        var builder = CompletionBuilder(source: source, offset: offset, lineStart: lineStart)

        let trimmed = String(before.drop { $0 == " " || $0 == "\t" })
        // The line's tokens up to the cursor, as the lexer read them (the last one cut at the
        // cursor when it is being typed).
        let words = lineTokens(syntax, from: lineStart, to: offset).map { source.text(ByteRange(Int($0.start), min(Int($0.end), offset))) }
        let headKeyword = lineTokens(syntax, from: lineStart, to: offset).first.flatMap { t in
            t.kind == .word ? Lexicon.keyword(source.bytes[Int(t.start)..<min(Int(t.end), offset)]) : nil
        }
        let typingHead = !trimmed.contains(" ") && !trimmed.contains("\t") && !trimmed.contains(":")
        let isHeaderLine = headKeyword.map { Keyword.lineHeads.contains($0) } ?? false
        let fileKind = FileKind(header: syntax.header?.kind)

        if typingHead {
            builder.replaceFrom(offset - trimmed.utf8.count)
            let (kind, _, op) = enclosing(syntax, before: lineStart)
            if let kind {
                for k in op.map({ kind.keys(in: $0) }) ?? kind.keys(in: fileKind) {
                    let insert: String
                    switch k.head {
                    case .stepTitle, .organismThenLe: insert = "\(k.display) « "
                    case .years: insert = "\(k.display) "
                    default: insert = "\(k.display) : "
                    }
                    builder.add(k.display, kind: ItemKind.property, detail: "propriété \(kind.withOf)", insert: insert, group: 0)
                }
            }
            for w in FileKind(header: syntax.header?.kind).lineKeywords.map(\.spelling) {
                builder.add(w, kind: ItemKind.keyword, detail: "mot-clé", insert: w + " ", group: 1)
            }
        } else if isHeaderLine {
            // After a comment there is no element or id to complete.
            if syntax.comments.contains(where: { $0.start >= lineStart && $0.start < offset }) { return builder.json }
            headerCompletion(words: words, endsWithSpace: before.last == " " || before.last == "\t", nav: nav,
                             inBilan: fileKind == .bilan, &builder)
        } else if fileKind == .bilan, !before.contains(":"), let open = before.lastIndex(of: "("), !before[open...].contains(")"),
                  let key = lineKey(syntax, lineStart: lineStart, offset: offset), key == .etat {
            // `état (` in an action's block: the labels of the action's deadlines.
            let typed = String(before[before.index(after: open)...])
            builder.replaceFrom(offset - typed.utf8.count)
            guard let id = enclosingElement(syntax, before: lineStart)?.id, let nav,
                  let action = nav.versions?.after.find(.action, id) else { return builder.json }
            for p in action.properties where p.key == .delai {
                guard let l = p.label else { continue }
                builder.add(l, kind: ItemKind.value, detail: "délai (\(l)) : \(nav.text(p.valuePlace))", insert: l + ") : ", group: 0)
            }
        } else if let colon = before.firstIndex(of: ":") {
            // The key as the parser read it on this line.
            let (kind, _, op) = enclosing(syntax, before: lineStart)
            let keys = kind.map { k in op.map { k.keys(in: $0) } ?? k.keys(in: fileKind) } ?? []
            guard let key = syntax.lines.first(where: { line in
                let s = Int(syntax.tokens[line.first].start)
                return s >= lineStart && s <= offset
            })?.key, keys.contains(key) else { return builder.json }
            let afterColon = before[before.index(after: colon)...]
            switch key.valueType {
            case .referents, .referent:
                // Complete the referent after the last comma.
                let lastSep = afterColon.lastIndex(of: ",") ?? colon
                let typed = String(before[before.index(after: lastSep)...]).drop { $0 == " " }
                builder.replaceFrom(offset - typed.utf8.count, spaceAfter: before[lastSep])
                let refs = nav?.visibleReferents ?? [:]
                for id in refs.keys.sorted() {
                    builder.add(id, kind: ItemKind.reference, detail: refs[id]?.title, insert: id, group: 0)
                }
                builder.add("à déterminer", kind: ItemKind.value, detail: "référent pas encore désigné", insert: "à déterminer", group: 1)
            default:
                let typed = String(afterColon).drop { $0 == " " }
                builder.replaceFrom(offset - typed.utf8.count, spaceAfter: ":")
                var values: [(String, Int, String?)] = []
                switch key.valueType {
                case .unit: values = Unit.knownSymbols.map { ($0, ItemKind.unit, key.display) }
                case .target:
                    values = LanguageServer.targetWords.map { ($0, ItemKind.value, key.display) }
                case .deadline:
                    values = LanguageServer.deadlineWords.map { ($0, ItemKind.value, PropertyKey.delai.display) }
                    let plans = nav?.visiblePlans ?? [:]
                    values += plans.keys.sorted().map { ("selon \($0)", ItemKind.reference, plans[$0]?.title) }
                case .flag: values = Flag.spellings.map { ($0, ItemKind.enumMember, key.display) }
                case .choice(let choice): values = choice.spellings.map { ($0, ItemKind.enumMember, key.display) }
                case .base: values = [("NC", ItemKind.value, "base non communiquée")]
                case .realized: values = [("non disponible", ItemKind.value, "réalisé manquant (avec un « motif »)")]
                case .dueDate: values = [("avant le 15 mars N+1", ItemKind.value, "échéance relative à l'année N du bilan")]
                case .contractId:
                    // `succède à` : the contracts declared in the document's workspace (the check
                    // of its context holds only its own contract and the one it already names),
                    // surveyed from their first elements, but the contract being typed.
                    let state = scopes[owner(of: doc.path)]
                    guard let state, let root = state.unitOf[doc.path]?.root else { break }
                    let own = Survey.header(of: Array(text.prefix(Survey.maxBytes)), whole: text.count <= Survey.maxBytes).contract
                    values = Driver.declaredContracts(below: root, sources: state.sources, trust: trust).compactMap { c in
                        c.id == own ? nil : (c.id, ItemKind.reference, "contrat déclaré dans " + c.file)
                    }
                default: break
                }
                for (label, kind, detail) in values { builder.add(label, kind: kind, detail: detail, insert: label, group: 0) }
            }
        }
        return builder.json
    }

    /// The tokens of the line starting at `lineStart` that begin before `offset`.
    func lineTokens(_ syntax: FileSyntax, from lineStart: Int, to offset: Int) -> ArraySlice<Token> {
        let tokens = syntax.tokens
        // First token at or after the line start (tokens are in order).
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].start) < lineStart { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < tokens.count, tokens[end].kind != .newline, tokens[end].kind != .endOfFile, Int(tokens[end].start) < offset { end += 1 }
        return tokens[lo..<end]
    }

    /// `modifier KIND ID`, `supprimer KIND ID`, `ajouter KIND ID « … » dans KIND ID`, `… dans KIND ID`.
    /// In a bilan, `indicateur ID` and `action ID` complete with the ids of the version the
    /// bilan reads.
    func headerCompletion(words: [String], endsWithSpace: Bool, nav: Navigator?, inBilan: Bool = false, _ builder: inout CompletionBuilder) {
        // Words completed so far, and the one being typed.
        let done = endsWithSpace ? words : Array(words.dropLast())
        let typed = endsWithSpace ? "" : (words.last ?? "")
        builder.replaceFrom(builder.offset - typed.utf8.count)
        let keywords = done.map { Lexicon.keyword(Array($0.utf8)) }
        func offerKinds(contract: Bool) {
            for k in ElementKind.changeTargets { builder.add(k.keyword, kind: ItemKind.keyword, detail: "genre d'élément", insert: k.keyword + " ", group: 0) }
            if contract { builder.add("contrat", kind: ItemKind.keyword, detail: "genre d'élément", insert: "contrat", group: 0) }
        }
        func offerIds(_ kind: ElementKind) {
            guard let nav else { return }
            var ids: [(String, String?)] = []
            switch kind {
            case .referent: ids = nav.visibleReferents.map { ($0.key, $0.value.title) }
            case .plan: ids = nav.visiblePlans.map { ($0.key, $0.value.title) }
            default:
                let tree = (inBilan ? nav.versions?.after.tree : nil) ?? nav.latest?.tree ?? nav.model.tree
                ids = tree.preorder.map { tree[$0] }.filter { $0.kind == kind }.compactMap { e in e.id.map { ($0, e.title) } }
            }
            var seen = Set<String>()
            for (id, title) in ids.sorted(by: { $0.0 < $1.0 }) where seen.insert(id).inserted {
                builder.add(id, kind: ItemKind.reference, detail: title, insert: id, group: 0)
            }
        }
        if let dans = keywords.lastIndex(of: .dans) {
            if dans == keywords.count - 1 { offerKinds(contract: true) }
            else if dans == keywords.count - 2, let k = keywords[dans + 1]?.elementKind, k != .contrat { offerIds(k) }
            return
        }
        if inBilan, keywords.count == 1, let k = keywords[0]?.elementKind, k == .indicateur || k == .action {
            offerIds(k)
            return
        }
        guard let op = keywords.first??.changeOp else { return }
        if keywords.count == 1 { offerKinds(contract: op == .modifier) }
        else if keywords.count == 2, op != .ajouter, let k = keywords[1]?.elementKind { offerIds(k) }
    }

    /// The key the parser read on the line starting at `lineStart`, if the line is a property.
    func lineKey(_ syntax: FileSyntax, lineStart: Int, offset: Int) -> PropertyKey? {
        syntax.lines.first(where: { line in
            let s = Int(syntax.tokens[line.first].start)
            return s >= lineStart && s <= offset
        })?.key
    }

    /// The element (not a change block) whose properties a line starting at `lineStart` would
    /// belong to.
    func enclosingElement(_ syntax: FileSyntax, before lineStart: Int) -> ElementSyntax? {
        var found: ElementSyntax?
        for item in syntax.items {
            switch item {
            case .element(let e) where e.range.start < lineStart: found = e
            case .change(let c) where c.element.range.start < lineStart: found = nil
            default: break
            }
        }
        return found
    }

    /// The kind of the element (or change block) whose properties a line starting at
    /// `lineStart` would belong to.
    func enclosing(_ syntax: FileSyntax, before lineStart: Int) -> (ElementKind?, Bool, ChangeOp?) {
        var found: (ElementKind?, Bool, ChangeOp?) = (nil, false, nil)
        for item in syntax.items {
            switch item {
            case .element(let e) where e.range.start < lineStart: found = (e.kind, false, nil)
            case .change(let c) where c.element.range.start < lineStart: found = (c.element.kind, true, c.op)
            default: break
            }
        }
        return found
    }
}

/// Builds completion items that replace the text typed so far (a `textEdit`), so that ids
/// with dots and multi-word values replace as a whole whatever the client's word rules.
struct CompletionBuilder {
    let source: SourceFile
    let offset: Int
    /// The replaced text never reaches back past the line (invalid UTF-8 read from disk
    /// decodes longer than its bytes).
    let lineStart: Int
    var start: Int
    /// A space to insert first, when the cursor sits right after `:` or `,`.
    var leadingSpace = false
    var items: [JSONValue] = []

    init(source: SourceFile, offset: Int, lineStart: Int) {
        self.source = source
        self.offset = offset
        self.lineStart = lineStart
        self.start = offset
    }

    mutating func replaceFrom(_ s: Int, spaceAfter separator: Character? = nil) {
        start = max(min(s, offset), lineStart)
        if let separator, start > 0, start == offset, source.bytes[start - 1] == separator.asciiValue ?? 0 {
            leadingSpace = true
        }
    }

    var typed: String { source.text(ByteRange(start, offset)) }

    mutating func add(_ label: String, kind: Int, detail: String?, insert: String, group: Int) {
        let typedText = typed
        var o = JSONObject()
        o["label"] = .string(label)
        o["kind"] = .int(kind)
        if let detail { o["detail"] = .string(detail) }
        let range = LSPRange(source, ByteRange(start, offset))
        o["textEdit"] = ["range": range.json, "newText": .string((leadingSpace ? " " : "") + insert)]
        // Accents are optional in the language: typed without them, match without them.
        if typedText.utf8.allSatisfy({ $0 < 0x80 }) {
            o["filterText"] = .string(TokenText.fold(label))
        }
        o["sortText"] = .string("\(group)-\(items.count + 1000)")
        items.append(.object(o))
    }

    var json: JSONValue { ["isIncomplete": false, "items": .array(items)] }
}

