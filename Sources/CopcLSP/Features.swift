import CopcFrench
import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcLanguage
import CopcModel
import CopcDriver
import CopcFormat

/// Hover, go-to-definition, document symbols and formatting.
extension LanguageServer {
    /// The open or on-disk file of a `TextDocumentPositionParams`, checked on the current texts,
    /// and the byte offset of the position.
    func locate(_ params: JSONValue) throws(ResponseError) -> (Navigator, Int)? {
        guard let doc = documentPath(params) else {
            throw .invalidParams("textDocument.uri manquant ou autre que file://")
        }
        guard let pos = LSPPosition(json: params["position"]) else {
            throw .invalidParams("position manquante ou invalide (line et character, entiers positifs)")
        }
        guard let found = analysis(forPath: doc.path) else { return nil }
        return (Navigator(analysis: found.0, file: found.1), pos.offset(in: found.1.source))
    }

    // MARK: hover

    func hover(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let found = try locate(params), let t = found.0.target(at: found.1) else { return .null }
        let nav = found.0
        let text: String?
        let range: ByteRange
        switch t {
        case .referent(let id, let r):
            range = r
            if let id {
                text = nav.referent(id).map { describeReferent($0, nav) } ?? "référent **\(id)** non déclaré (COP201)"
            } else {
                text = "référent **à déterminer** (COP208)"
            }
        case .plan(let name, let r):
            range = r
            text = nav.plan(name).map { describePlan($0, nav) } ?? "plan **\(name)** non déclaré (COP201)"
        case .element(let kind, let id, let r, let site):
            range = r
            text = nav.element(kind, id, site: site).map { describeElement($0, nav) }
                ?? "\(kind.keyword) **\(id ?? "")** introuvable"
        case .file(let path, let r):
            range = r
            text = nav.importedPath(path).map { "fichier importé : `\($0)`" }
        case .header(let e, _):
            range = e.place.range
            if let reported = nav.reportedElement(e) {
                text = describeElement(reported, nav) + bilanTargets(reported, nav)
            } else if nav.model.kind == .bilan, e.kind == .indicateur || e.kind == .action {
                text = "\(e.kind.keyword) **\(e.id ?? "")** introuvable dans le contrat (COP600)"
            } else {
                switch e.kind {
                case .referent: text = describeReferent(e, nav)
                case .plan: text = describePlan(e, nav)
                default: text = describeElement(e, nav)
                }
            }
        case .properties(let e, let props, let r):
            range = r
            text = describeProperties(e, props, nav)
        }
        guard let text else { return .null }
        let kind = markdownHover ? "markdown" : "plaintext"
        let value = markdownHover ? text : text.replacingAll("**", with: "").replacingAll("*", with: "").replacingAll("`", with: "")
        return ["contents": ["kind": .string(kind), "value": .string(value)],
                "range": LSPRange(nav.source, range).json]
    }

    func placeNote(_ e: Element, _ nav: Navigator) -> String {
        guard let path = nav.analysis.path(of: e.place.file) else { return "" }
        let line = nav.analysis.result.fileTable[e.place.file].location(of: e.place.range.start).line
        return "\n\n*déclaré dans \(Paths.relative(path, to: nav.analysis.scope.root)), ligne \(line)*"
    }

    func describeReferent(_ e: Element, _ nav: Navigator) -> String {
        var s = "**\(e.id ?? "?")**" + (e.title.map { " — \($0)" } ?? "")
        var facts: [String] = []
        for key in [PropertyKey.rattachement, .personne, .fonction] {
            if let p = e.first(key) { facts.append("\(nav.written(p.keyPlace)) : \(nav.text(p.valuePlace))") }
        }
        if !facts.isEmpty { s += "\n\n" + facts.joined(separator: " · ") }
        return s + placeNote(e, nav)
    }

    func describePlan(_ e: Element, _ nav: Navigator) -> String {
        var s = "plan **\(e.id ?? "?")**" + (e.title.map { " — \($0)" } ?? "")
        if let w = e.period { s += "\n\npériode : du \(w.start) au \(w.end)" }
        return s + placeNote(e, nav)
    }

    func describeElement(_ e: Element, _ nav: Navigator) -> String {
        var s = "**\(e.kind.keyword)\(e.id.map { " " + $0 } ?? "")**" + (e.title.map { " — \($0)" } ?? "")
        var facts: [String] = []
        if e.kind == .contrat || e.kind == .avenant, let w = e.period { facts.append("période : du \(w.start) au \(w.end)") }
        for key in [PropertyKey.pilote, .coPilote, .referent, .unite] {
            if let p = e.first(key) { facts.append("\(nav.written(p.keyPlace)) : \(nav.text(p.valuePlace))") }
        }
        if let p = e.first(.poids), case .weight = p.value { facts.append("poids : \(nav.text(p.valuePlace))") }
        if e.provenance.avenant > 0 { facts.append("modifié par l'avenant \(e.provenance.avenant)") }
        if !facts.isEmpty { s += "\n\n" + facts.joined(separator: " · ") }
        let resources = e.properties.filter { $0.key == .moyens }
        if !resources.isEmpty { s += "\n\n" + describeResources(resources, nav) }
        return s + placeNote(e, nav)
    }

    /// `moyens` year by year: « moyens 2024 : 12,5 M€ · moyens (ETP) 2024 : 350 ».
    func describeResources(_ props: [Property], _ nav: Navigator) -> String {
        props.sorted { ($0.year ?? 0, $0.label ?? "") < ($1.year ?? 0, $1.label ?? "") }.map { p in
            "**moyens\(p.label.map { " (\($0))" } ?? "") \(p.year.map { String($0) } ?? "")** : \(nav.text(p.valuePlace))"
        }.joined(separator: " · ")
    }

    /// Deadlines with their windows, targets with their status, other keys with their value.
    func describeProperties(_ e: Element, _ props: [Property], _ nav: Navigator) -> String? {
        guard let first = props.first else { return nil }
        switch first.value {
        case .deadline(let d):
            var s = "**\(nav.written(first.keyPlace))** : \(nav.text(first.valuePlace))"
            guard let v = nav.versions else { return s }
            let w = v.after.window(of: d)
            s += "\n\nfenêtre : " + (w.map { "du \($0.start) au \($0.end)" } ?? "à préciser")
            if let latest = nav.latest, latest.number != v.after.number, let lw = latest.window(of: d), lw != w {
                s += " ; après l'avenant \(latest.number) : du \(lw.start) au \(lw.end)"
            }
            return s
        case .target:
            var lines: [String] = []
            // Relative targets are shown with their resolved value, in the version the line belongs to.
            let chain = props.contains { if case .target(let t) = $0.value { return t.dependsOnOtherValue } else { return false } }
                ? TargetChain(e, firstYear: (nav.versions?.after.period ?? nav.latest?.period)?.start.year) : nil
            for p in props {
                guard case .target(let t) = p.value else { continue }
                var line = "**cible \(p.year.map { String($0) } ?? "")\(p.label.map { " (\($0))" } ?? "")** : \(nav.text(p.valuePlace)) — \(t.status.spelling)"
                if let chain, t.dependsOnOtherValue, let i = e.properties.firstIndex(of: p) {
                    switch chain[property: i] {
                    case .resolved(let r): line += " ; soit " + r.french(unit: e.unit)
                    case .awaitingActual: line += " ; connue au bilan (réalisé de l'année précédente)"
                    default: line += " ; non calculable (COP103)"
                    }
                }
                if t == .pending, let later = laterValue(of: p, in: e, nav) { line += " ; " + later }
                lines.append(line)
            }
            return lines.joined(separator: "\n\n")
        case .base(let q):
            return "**\(nav.written(first.keyPlace))** : " + (q.map { "\($0)" } ?? "non communiquée")
        case .realized(let r):
            // A réalisé with the target of its year beside it, and the judgement (COP603).
            var s = "**\(nav.written(first.keyPlace))** : \(nav.text(first.valuePlace))"
            guard let indicator = nav.reportedElement(e), let year = nav.model.bilanYear else { return s }
            guard let t = indicator.targets.first(where: { $0.year == year && $0.property.label == first.label }) else {
                return s + "\n\naucune cible \(year)\(first.label.map { " (\($0))" } ?? "") pour l'indicateur \(indicator.id ?? "")"
            }
            // The target as the bilan judges it (`Goal`): a relative one by its resolved value,
            // `≥ N-1` by the previous bilan's réalisé, numbers in the indicator's unit.
            let goal: Goal
            if let c = nav.contract, let v = nav.versions?.after {
                goal = c.goal(t.property, of: indicator, in: v)
            } else {
                goal = Goal(t.property, of: indicator, firstYear: nav.versions?.after.period?.start.year)
            }
            if case .value(let rv) = r, case .quantity(let q) = rv, let u = q.unit, let unit = goal.unit, u != unit,
               let n = Attainment.number(of: rv, in: unit) {
                s += " ; soit " + French.quantity(n, unit: unit, decimals: 6)
            }
            s += "\n\ncible \(year)\(first.label.map { " (\($0))" } ?? "") : \(goal.french(asWritten: nav.text(t.property.valuePlace))) — \(t.value.status.spelling)"
            if case .value(let rv) = r, let judgement = goal.judge(rv, indicator: indicator) {
                switch judgement {
                case .reached: s += " ; **atteinte**"
                case .missed(let g): s += " ; **non atteinte**" + (g.french.isEmpty ? "" : " (écart \(g.french))")
                case .notComparable: s += " ; non évaluée"
                }
            }
            return s

        case .actionState(let state) where first.label != nil:
            // `état (LIBELLÉ)` in a bilan: the deadline of that label.
            let label = first.label ?? ""
            var s = "**\(nav.written(first.keyPlace)) (\(label))** : \(state.spelling)"
            guard let action = nav.reportedElement(e) else { return s }
            if let d = action.properties.first(where: { $0.key == .delai && $0.label == label }) {
                s += "\n\ndélai (\(label)) de l'action \(action.id ?? "") : \(nav.text(d.valuePlace))"
            } else {
                s += "\n\nl'action \(action.id ?? "") n'a pas de délai « \(label) » (COP600)"
            }
            return s
        case .resources:
            return describeResources(e.properties.filter { $0.key == .moyens }, nav)
        case .date(let d) where first.key == .avis:
            let all = e.properties.filter { $0.key == .avis }.compactMap { p -> String? in
                guard case .date(let day) = p.value else { return nil }
                return "avis « \(p.stepTitle ?? "") » du \(French.date(day))" + (p.provenance.avenant > 0 ? " (avenant \(p.provenance.avenant))" : "")
            }
            return "**avis « \(first.stepTitle ?? "") »** : \(French.date(d))" + (all.count > 1 ? "\n\n" + all.joined(separator: " · ") : "")
        case .weight(let w):
            return "**poids** : \(nav.text(first.valuePlace)) (\(w.fraction) de l'évaluation parmi ses frères)"
        default:
            return nil
        }
    }

    /// Under the element a bilan block reports on: its targets for the bilan's year, or its
    /// deadlines (what the réalisé or the state is measured against).
    func bilanTargets(_ e: Element, _ nav: Navigator) -> String {
        guard let year = nav.model.bilanYear else { return "" }
        var lines: [String] = []
        if e.kind == .indicateur {
            for t in e.targets where t.year == year {
                lines.append("cible \(year)\(t.property.label.map { " (\($0))" } ?? "") : \(nav.text(t.property.valuePlace))")
            }
            if lines.isEmpty { lines.append("aucune cible pour \(year)") }
        } else {
            for p in e.properties where p.key == .delai {
                lines.append("délai\(p.label.map { " (\($0))" } ?? "") : \(nav.text(p.valuePlace))")
            }
        }
        return "\n\n" + lines.joined(separator: " · ")
    }

    /// "fixée par l'avenant 2 : 40 %" when a later avenant replaced a pending target.
    func laterValue(of p: Property, in e: Element, _ nav: Navigator) -> String? {
        guard let latest = nav.latest, let id = e.id, let now = latest.find(e.kind, id) else { return nil }
        let identity = p.identity
        guard let q = now.properties.first(where: { $0.identity == identity }), q != p, q.provenance.avenant > 0,
              case .target(let t) = q.value else { return nil }
        if t == .pending { return nil }
        return "\(t.status.spelling) par l'avenant \(q.provenance.avenant) : \(nav.text(q.valuePlace))"
    }

    // MARK: definition

    func definition(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let found = try locate(params), let t = found.0.target(at: found.1) else { return .null }
        let nav = found.0
        if case .file(let path, _) = t {
            guard let target = nav.importedPath(path), FileSystem.kind(target) == .file || documents[target] != nil else { return .null }
            let zero = LSPPosition(line: 0, character: 0)
            return ["uri": .string(uri(of: target)), "range": LSPRange(start: zero, end: zero).json]
        }
        guard let place = nav.definition(of: t) else { return .null }
        return location(place, nav.analysis) ?? .null
    }

    // MARK: formatting

    /// The canonical layout as one edit replacing the whole document, or no edit when the
    /// text is already canonical. A file with syntax errors is left untouched (no edit): its
    /// diagnostics are already published. `options` (tab size…) are ignored: the layout is
    /// canonical by design.
    func formatting(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let doc = documentPath(params) else { throw .invalidParams("textDocument.uri manquant ou autre que file://") }
        let text: [UInt8]
        if let open = documents[doc.path] {
            text = open.text
        } else {
            do { text = try FileSystem.read(doc.path) } catch {
                log("mise en forme impossible de \(doc.path) : \(error.message)")
                return []
            }
        }
        let file = SourceFile(path: doc.path, bytes: text)
        switch Formatter.format(file) {
        case .refused(let diagnostics):
            if diagnostics.isEmpty {
                log("mise en forme refusée pour \(doc.path) : le résultat ne relit pas le même texte (défaut de copc fmt)")
            }
            return []
        case .formatted(let canonical):
            if Array(canonical.utf8) == file.bytes { return [] }
            let whole = LSPRange(file, ByteRange(0, file.bytes.count))
            return [["range": whole.json, "newText": .string(canonical)]]
        }
    }

    // MARK: document symbols

    func documentSymbols(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let doc = documentPath(params) else { throw .invalidParams("textDocument.uri manquant ou autre que file://") }
        guard let found = analysis(forPath: doc.path) else { return [] }
        let nav = Navigator(analysis: found.0, file: found.1)
        let model = nav.model
        var symbols: [SymbolNode] = []
        if let root = model.tree.root { symbols.append(node(model.tree[root], root, nav)) }
        for c in model.changes {
            let name = "\(c.op.keyword) \(c.kind.keyword)\(c.id.map { " " + $0 } ?? "")"
            var n = SymbolNode(name: name, detail: c.element.title, kind: 25, range: nav.extent(of: c.element, nil).union(c.place.range),
                               selection: c.element.idPlace?.range ?? c.place.range, children: [])
            n.range = n.range.union(n.selection)
            symbols.append(n)
        }
        for d in model.declarations { symbols.append(node(d, nil, nav)) }
        let src = nav.source
        if hierarchicalSymbols { return .array(symbols.map { $0.json(src) }) }
        var flat: [JSONValue] = []
        // Clients without hierarchical symbols show only the name: it carries the title, as
        // the outline's detail does (« axe 1 — GPMC »).
        func add(_ n: SymbolNode, container: String?) {
            let name = n.name + (n.detail.map { " — " + $0 } ?? "")
            var o = JSONObject()
            o["name"] = .string(name)
            o["kind"] = .int(n.kind)
            o["location"] = ["uri": .string(doc.uri), "range": LSPRange(src, n.range).json]
            if let container { o["containerName"] = .string(container) }
            flat.append(.object(o))
            for c in n.children { add(c, container: name) }
        }
        for s in symbols { add(s, container: nil) }
        return .array(flat)
    }

    func node(_ e: Element, _ id: ElementID?, _ nav: Navigator) -> SymbolNode {
        let name = e.id.map { "\(e.kind.keyword) \($0)" } ?? "\(e.kind.keyword) « \(e.title ?? "?") »"
        let tree = nav.model.tree
        let children = id.map { tree.children(of: $0).filter { tree[$0].place.file == nav.source.id }.map { node(tree[$0], $0, nav) } } ?? []
        let selection = e.idPlace?.range ?? e.place.range
        return SymbolNode(name: name, detail: e.id == nil ? nil : e.title, kind: LanguageServer.symbolKind(e.kind),
                          range: nav.extent(of: e, id).union(selection), selection: selection, children: children)
    }

    /// LSP SymbolKind per element kind: files are modules, groupings are namespaces/classes,
    /// actions events, indicators numbers, référents objects, plans packages.
    static func symbolKind(_ k: ElementKind) -> Int {
        switch k {
        case .contrat, .avenant, .annuaire, .bilan: return 2
        case .axe: return 3
        case .objectif: return 5
        case .sousObjectif: return 23
        case .action: return 24
        case .indicateur: return 16
        case .referent, .organisme: return 19
        case .plan: return 4
        }
    }
}

/// A document symbol before conversion to LSP positions.
struct SymbolNode {
    var name: String
    var detail: String?
    var kind: Int
    var range: ByteRange
    var selection: ByteRange
    var children: [SymbolNode]

    func json(_ file: SourceFile) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(name)
        if let detail { o["detail"] = .string(detail) }
        o["kind"] = .int(kind)
        o["range"] = LSPRange(file, range).json
        o["selectionRange"] = LSPRange(file, selection).json
        o["children"] = .array(children.map { $0.json(file) })
        return .object(o)
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
