import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import CopcLanguage
import CopcPortfolio
import CopcHTML

/// Every number a person reads in each format of `copc portefeuille` is read back and compared
/// with the model: the text, Markdown, HTML (parsed as XML), CSV and JSON of the fixture, in
/// every grouping.
final class PortfolioFormatTests: XCTestCase {
    // MARK: reading French back

    /// Spaces the outputs typeset (U+00A0 before `:` and `%`, U+202F between thousands and
    /// before `;`) made plain: U+00A0 a space, U+202F removed.
    static func plain(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars where u != "\u{202F}" { out.unicodeScalars.append(u == "\u{00A0}" ? " " : u) }
        return out
    }

    /// `12`, `4 000` (with U+202F), `aucun`, `aucune` → the integer.
    static func int(_ s: Substring) -> Int? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t == "aucun" || t == "aucune" { return 0 }
        return Int(t.unicodeScalars.filter { $0 != "\u{202F}" }.map(String.init).joined())
    }

    static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]

    /// `1er juillet 2025`, `31 décembre 2025` → the day.
    static func date(_ s: String) -> Day? {
        let parts = s.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 3, let m = months.firstIndex(of: String(parts[1])), let y = Int(parts[2]) else { return nil }
        let d = parts[0] == "1er" ? 1 : Int(parts[0]) ?? 0
        return Day(year: y, month: m + 1, day: d)
    }

    /// The first match of `pattern` in `s`: its capture groups.
    static func match(_ pattern: String, _ s: String) -> [String]? {
        guard let re = try? NSRegularExpression(pattern: pattern), let m = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else { return nil }
        return (1..<m.numberOfRanges).map { k in Range(m.range(at: k), in: s).map { String(s[$0]) } ?? "" }
    }

    /// The count before `noun` (singular or plural, or `aucun`/`aucune` before it).
    static func count(_ noun: String, _ s: String) -> Int? {
        guard let g = match("(\\d+|aucune?) \(noun)s?\\b", s) else { return nil }
        return int(Substring(g[0]))
    }

    /// A totals line read back (`Wording.totals`).
    static func totals(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) -> Totals? {
        let s = plain(line)
        var t = Totals()
        guard let contracts = count("contrat", s) else { return nil }
        t.contracts = contracts
        for k in ContractState.Kind.allCases where k != .noContract {
            for name in Set([k.rawValue, ContractState.counted(k, 2)]) {
                if let g = match("[(,] ?(\\d+) \(NSRegularExpression.escapedPattern(for: name))[,)]", s), let n = Int(g[0]) { t.byState[k] = n }
            }
        }
        guard let exp = match("expirant dans l'année sans successeur : (\\d+)", s), let bodies = match("organismes sans contrat : (\\d+)", s),
              let diag = match("diagnostics : ([^;]+)", s), let targets = match("cibles à fixer : (\\d+), dont année close : (\\d+)", s),
              let late = match("actions en retard : (\\d+)", s),
              let bilans = match("bilans : (\\d+|aucun) présents?, (\\d+|aucun) manquants? sur (\\d+|aucun) attendus?", s) else { return nil }
        t.expiringWithoutSuccessor = Int(exp[0])!
        t.bodiesWithoutContract = Int(bodies[0])!
        t.diagnostics = DiagnosticCounts(errors: count("erreur", diag[0]) ?? -1, warnings: count("avertissement", diag[0]) ?? -1,
                                         notes: count("note", diag[0]) ?? -1)
        t.pendingTargets = Int(targets[0])!
        t.overdueTargets = Int(targets[1])!
        t.lateActions = Int(late[0])!
        t.bilansPresent = int(Substring(bilans[0]))!
        t.bilansMissing = int(Substring(bilans[1]))!
        t.bilansExpected = int(Substring(bilans[2]))!
        return t
    }

    /// The totals the formats show: the model's, without the counts of states that are 0.
    static func shown(_ t: Totals) -> Totals {
        var u = t
        u.byState = t.byState.filter { $0.value > 0 }
        return u
    }

    /// `7 sur 10 (70 %)` → (7, 10, 70); the share is checked against the counts.
    static func ratio(_ s: String) -> (Int, Int)? {
        guard let g = match("(\\d+) sur (\\d+) \\((\\d+) %\\)", plain(s)), let a = Int(g[0]), let b = Int(g[1]), let p = Int(g[2]) else { return nil }
        XCTAssertEqual(p, Int((Double(a) * 100 / Double(b)).rounded()), "the share of \(s)")
        return (a, b)
    }

    /// `2023 – 2026`, `1er juillet 2025 – 30 juin 2026` → the window.
    static func period(_ s: String) -> Window? {
        let parts = plain(s).components(separatedBy: " – ")
        guard parts.count == 2 else { return Int(s).map { Window.year($0) } }
        if let a = Int(parts[0]), let b = Int(parts[1]) { return Window.years(a, b) }
        guard let a = date(parts[0]), let b = date(parts[1]) else { return nil }
        return Window(a, b)
    }

    // MARK: texte

    func testTextNumbersAreTheModels() throws {
        for grouping in Portfolio.Grouping.allCases {
            let p = PortfolioFixture.portfolio(grouping)
            let lines = p.text().split(separator: "\n", omittingEmptySubsequences: false).map { Self.plain(String($0)) }
            XCTAssertEqual(lines[0], "Portefeuille au 1er mars 2026, par \(grouping.rawValue)")
            XCTAssertEqual(Self.date(Self.match("au (.+),", lines[0])![0]), p.day)
            // Totals of the portfolio and of each group.
            let total = try XCTUnwrap(lines.first { $0.hasPrefix("Total : ") })
            XCTAssertEqual(Self.totals(total), Self.shown(p.totals), total)
            for g in p.groups {
                let line = try XCTUnwrap(lines.first { $0.hasPrefix("Total \(g.label) : ") }, g.label)
                XCTAssertEqual(Self.totals(line), Self.shown(g.totals), line)
                let heading = try XCTUnwrap(lines.first { $0.hasPrefix("== \(g.label) : ") })
                XCTAssertEqual(Self.count("contrat", heading), g.totals.contracts)
                XCTAssertEqual(Self.match("(\\d+) organismes? sans contrat", heading).flatMap { Int($0[0]) } ?? 0, g.totals.bodiesWithoutContract)
            }
            // What to act on.
            let attention = p.attention
            let expiring = try XCTUnwrap(lines.first { $0.hasPrefix("- expirent dans l'année sans successeur : ") })
            let items = expiring.dropFirst("- expirent dans l'année sans successeur : ".count).components(separatedBy: " ; ")
            XCTAssertEqual(items.count, attention.expiringWithoutSuccessor.count)
            for (item, r) in zip(items, attention.expiringWithoutSuccessor) {
                let g = try XCTUnwrap(Self.match("^(\\S+) \\(expire dans (\\d+) mois, le (.+)\\)$", item), item)
                XCTAssertEqual(g[0], r.id)
                XCTAssertEqual(r.state, .expiring(months: Int(g[1])!))
                XCTAssertEqual(Self.date(g[2]), r.period?.end)
            }
            let bodies = try XCTUnwrap(lines.first { $0.hasPrefix("- organismes sans contrat en vigueur : ") })
            for b in p.bodies {
                XCTAssertTrue(bodies.contains("\(b.id) ("), "\(b.id) in « \(bodies) »")
                if let end = b.lastEnd, !b.lastUpcoming { XCTAssertTrue(bodies.contains(b.lastContract! + ", terminé le " + Self.frenchDay(end))) }
                if let start = b.lastPeriod?.start, b.lastUpcoming { XCTAssertTrue(bodies.contains("à partir du " + Self.frenchDay(start))) }
            }
            let late = try XCTUnwrap(lines.first { $0.hasPrefix("- actions en retard : ") })
            for r in attention.lateActions {
                let g = try XCTUnwrap(Self.match("\(r.id) \\((\\d+) actions?, (?:la plus ancienne )?échue le ([^)]+)\\)", late), late)
                XCTAssertEqual(Int(g[0]), r.lateActions.count)
                XCTAssertEqual(Self.date(g[1]), r.lateActions.map(\.due).min())
            }
            let targets = try XCTUnwrap(lines.first { $0.hasPrefix("- cibles à fixer dont l'année est close : ") })
            for r in attention.overdueTargets {
                let g = try XCTUnwrap(Self.match("\(r.id) \\((\\d+) cibles? (?:de (\\d+) indicateurs|d'un indicateur)\\)", targets), targets)
                XCTAssertEqual(Int(g[0]), r.overdueTargets.count)
                XCTAssertEqual(g[1].isEmpty ? 1 : Int(g[1]) ?? -1, Set(r.overdueTargets.map(\.indicator)).count)
            }
            let missing = try XCTUnwrap(lines.first { $0.hasPrefix("- bilans manquants : ") })
            for r in attention.missingBilans { XCTAssertTrue(missing.contains("\(r.id) (\(r.bilans.missing.map(String.init).joined(separator: ", ")))")) }
            // Each contract's block.
            for r in p.contracts {
                let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix(r.id + " — ") }, r.id)
                let block = Array(lines[start..<(lines[start...].firstIndex(of: "") ?? lines.count)])
                func field(_ prefix: String) throws -> String {
                    try XCTUnwrap(block.first { $0.hasPrefix("  " + prefix) }, "\(r.id): \(prefix)").dropFirst(2 + prefix.count).description
                }
                XCTAssertEqual(Self.period(try XCTUnwrap(Self.match("période : (.+)$", try field("tutelles : ")))[0]), r.period)
                XCTAssertEqual(try field("état : ").components(separatedBy: " · ")[0], r.state.spelling)
                let version = try field("version en vigueur : ")
                XCTAssertEqual(Self.match("^(\\d+) · avenants : (\\d+)$", version)!.compactMap { Int($0) }, [r.version, r.avenants])
                let diag = try field("diagnostics : ")
                XCTAssertEqual(DiagnosticCounts(errors: Self.count("erreur", diag)!, warnings: Self.count("avertissement", diag)!,
                                                notes: Self.count("note", diag)!), r.diagnostics)
                let targets = try field("cibles à fixer par avenant : ")
                XCTAssertEqual(Self.match("^(\\d+), dont année close : (\\d+)", targets)!.compactMap { Int($0) }, [r.pendingTargets.count, r.overdueTargets.count])
                for t in r.overdueTargets { XCTAssertTrue(targets.contains("\(t.indicator) (") && targets.contains(String(t.year)), targets) }
                let late = try field("actions en retard : ")
                XCTAssertEqual(Self.int(late.prefix { $0 != " " }), r.lateActions.count)
                for a in r.lateActions {
                    let g = try XCTUnwrap(Self.match("\(NSRegularExpression.escapedPattern(for: a.id)) \\(délai échu le ([^,]+), ([^)]+)\\)", late), late)
                    XCTAssertEqual(Self.date(g[0]), a.due)
                    if let s = a.state { XCTAssertEqual(g[1], "« \(s.spelling) » au bilan \(a.reportedIn!)") } else { XCTAssertEqual(g[1], "absente des bilans") }
                }
                let bilans = try field("bilans : ")
                XCTAssertEqual(Self.count("présent", bilans), r.bilans.present.count)
                if r.bilans.calendar {
                    XCTAssertEqual(Self.count("attendu", bilans), r.bilans.expected.count)
                    let missing = Self.match("manquants? : (.+)$", bilans).map { $0[0].components(separatedBy: ", ").compactMap { Int($0) } } ?? []
                    XCTAssertEqual(missing, r.bilans.missing)
                } else {
                    XCTAssertTrue(bilans.hasSuffix("(pas de calendrier de suivi)"))
                }
                let latest = try field("dernier bilan")
                if let l = r.latestBilan {
                    let g = try XCTUnwrap(Self.match("^ \\((\\d+)\\) : indicateurs à la cible (.+), actions finalisées (.+)$", latest), latest)
                    XCTAssertEqual(Int(g[0]), l.year)
                    XCTAssertTrue(Self.ratio(g[1]).map { $0 == (l.indicatorsOnTarget, l.indicatorsJudged) } ?? (l.indicatorsJudged == 0))
                    XCTAssertTrue(Self.ratio(g[2]).map { $0 == (l.actionsDone, l.actionsCounted) } ?? (l.actionsCounted == 0))
                } else {
                    XCTAssertEqual(latest, " : aucun")
                }
            }
            for b in p.bodies {
                let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("organisme \(b.id) ") })
                XCTAssertTrue(lines[start + 1].hasSuffix("déclaré : \(b.file):\(b.line)"), lines[start + 1])
            }
        }
    }

    static func frenchDay(_ d: Day) -> String {
        (d.day == 1 ? "1er" : String(d.day)) + " " + months[d.month - 1] + " " + String(d.year)
    }

    // MARK: Markdown

    /// The rows of the Markdown table after the line `header`, split on unescaped `|`.
    static func markdownRows(_ lines: [String], from start: Int) -> [[String]] {
        var rows: [[String]] = []
        var k = start + 2
        while k < lines.count, lines[k].hasPrefix("| ") {
            var cells: [String] = [], cell = "", escaped = false
            for ch in lines[k].dropFirst(2) {
                if escaped { cell.append(ch); escaped = false } else if ch == "\\" { escaped = true } else if ch == "|" {
                    cells.append(cell.trimmingCharacters(in: .whitespaces)); cell = ""
                } else { cell.append(ch) }
            }
            rows.append(cells)
            k += 1
        }
        return rows
    }

    func testMarkdownNumbersAreTheModels() throws {
        for grouping in Portfolio.Grouping.allCases {
            let p = PortfolioFixture.portfolio(grouping)
            let lines = p.markdown().split(separator: "\n", omittingEmptySubsequences: false).map { Self.plain(String($0)) }
            XCTAssertEqual(Self.totals(try XCTUnwrap(lines.first { $0.hasPrefix("**Total** : ") })), Self.shown(p.totals))
            var tables = 0
            for g in p.groups {
                let heading = try XCTUnwrap(lines.firstIndex(of: "## " + g.label.replacingOccurrences(of: "_", with: "\\_")), g.label)
                XCTAssertEqual(Self.totals(try XCTUnwrap(lines[heading...].first { $0.hasPrefix("**Total ") })), Self.shown(g.totals))
                guard !g.contracts.isEmpty else { continue }
                let header = try XCTUnwrap(lines[heading...].firstIndex { $0.hasPrefix("| Contrat |") })
                let names = Self.markdownRows(lines, from: header - 2).first.map { _ in lines[header] } ?? ""
                let columns = names.dropFirst(2).dropLast(2).components(separatedBy: " | ")
                let rows = Self.markdownRows(lines, from: header)
                XCTAssertEqual(rows.count, g.contracts.count)
                for (cells, k) in zip(rows, g.contracts) {
                    try check(cells, columns: columns, p.contracts[k])
                    tables += 1
                }
            }
            XCTAssertEqual(tables, p.groups.map(\.contracts.count).reduce(0, +))
            // Details: every overdue target, late action and missing bilan.
            for r in p.contracts where !r.overdueTargets.isEmpty || !r.lateActions.isEmpty {
                let at = try XCTUnwrap(lines.firstIndex(of: "### " + r.id))
                let details = lines[at...].prefix(5).joined(separator: "\n")
                if !r.lateActions.isEmpty { XCTAssertTrue(details.contains("Actions en retard (\(r.lateActions.count)) : "), details) }
                if !r.overdueTargets.isEmpty { XCTAssertTrue(details.contains("dont l'année est close (\(r.overdueTargets.count)) : "), details) }
                for a in r.lateActions { XCTAssertTrue(details.contains("\(a.id) (délai échu le \(Self.frenchDay(a.due))"), details) }
            }
        }
    }

    /// A row of the contracts' table (Markdown or HTML cells, by column name) against the model.
    func check(_ cells: [String], columns: [String], _ r: ContractRow, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(cells.count, columns.count, file: file, line: line)
        var c: [String: String] = [:]
        for (name, value) in zip(columns, cells) { c[name] = Self.plain(value) }
        XCTAssertEqual(c["Contrat"], r.id, file: file, line: line)
        XCTAssertEqual(c["État"], r.state.spelling, file: file, line: line)
        XCTAssertEqual(Self.period(c["Période"] ?? ""), r.period, file: file, line: line)
        XCTAssertEqual(c["Successeur"], r.successor ?? "", file: file, line: line)
        let numbers: [(String, Int?)] = [("Version en vigueur", r.version), ("Avenants", r.avenants), ("Erreurs", r.diagnostics.errors),
                                         ("Avertissements", r.diagnostics.warnings), ("Notes", r.diagnostics.notes),
                                         ("Cibles à fixer", r.pendingTargets.count), ("dont année close", r.overdueTargets.count),
                                         ("Actions en retard", r.lateActions.count), ("Bilans présents", r.bilans.present.count),
                                         ("Bilans attendus", r.bilans.calendar ? r.bilans.expected.count : nil),
                                         ("Bilans manquants", r.bilans.calendar ? r.bilans.missing.count : nil),
                                         ("Dernier bilan", r.latestBilan?.year)]
        for (name, value) in numbers {
            let cell = try XCTUnwrap(c[name], name, file: file, line: line)
            if let value { XCTAssertEqual(Self.int(Substring(cell)), value, "\(r.id) \(name)", file: file, line: line) } else {
                XCTAssertTrue(cell == "—" || cell.isEmpty, "\(r.id) \(name): « \(cell) »", file: file, line: line)
            }
        }
        if let l = r.latestBilan {
            if l.indicatorsJudged > 0 { XCTAssertTrue(Self.ratio(c["Indicateurs à la cible"]!)! == (l.indicatorsOnTarget, l.indicatorsJudged), file: file, line: line) }
            if l.actionsCounted > 0 { XCTAssertTrue(Self.ratio(c["Actions finalisées"]!)! == (l.actionsDone, l.actionsCounted), file: file, line: line) }
        }
    }

    // MARK: HTML

    /// A node of a parsed page: name, attributes, children and text.
    final class Node {
        let name: String
        let attributes: [String: String]
        var children: [Node] = []
        var text = ""
        init(_ name: String, _ attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }

        /// All the text below it.
        var content: String { text + children.map(\.content).joined() }
        func all(_ name: String) -> [Node] { (self.name == name ? [self] : []) + children.flatMap { $0.all(name) } }
        func first(id: String) -> Node? {
            if attributes["id"] == id { return self }
            for c in children { if let n = c.first(id: id) { return n } }
            return nil
        }
    }

    static func dom(_ html: String) throws -> Node {
        final class Builder: NSObject, XMLParserDelegate {
            let root = Node("#document", [:])
            lazy var stack: [Node] = [root]
            var error: String?
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                let n = Node(name, attributes)
                stack.last!.children.append(n)
                stack.append(n)
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                // Text is kept in document order as a text child.
                let t = Node("#text", [:])
                t.text = string
                stack.last!.children.append(t)
            }
            func parser(_ parser: XMLParser, parseErrorOccurred e: Error) { error = "\(e) ligne \(parser.lineNumber)" }
        }
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
        let parser = XMLParser(data: Data(body.utf8))
        let b = Builder()
        parser.delegate = b
        XCTAssertTrue(parser.parse(), b.error ?? "")
        return b.root
    }

    func testHTMLNumbersAreTheModels() throws {
        for grouping in Portfolio.Grouping.allCases {
            let p = PortfolioFixture.portfolio(grouping)
            let html = p.html()
            let doc = try Self.dom(html)
            // Key figures.
            let figures: [(String, Int)] = [("chiffre-contrats", p.totals.contracts),
                                            ("chiffre-en-vigueur", p.totals.count(.inForce) + p.totals.count(.expiring)),
                                            ("chiffre-expirant", p.totals.expiringWithoutSuccessor),
                                            ("chiffre-expires", p.totals.count(.expiredWithoutSuccessor)),
                                            ("chiffre-sans-contrat", p.totals.bodiesWithoutContract),
                                            ("chiffre-cibles", p.totals.overdueTargets), ("chiffre-actions", p.totals.lateActions),
                                            ("chiffre-bilans", p.totals.bilansMissing)]
            for (id, n) in figures {
                let dd = try XCTUnwrap(doc.first(id: id)?.all("dd").first, id)
                XCTAssertEqual(Self.int(Substring(dd.content)), n, id)
            }
            // What to act on: each heading's count is its list's.
            let attention = try XCTUnwrap(doc.first(id: "a-traiter"))
            for h3 in attention.all("h3") {
                let n = try XCTUnwrap(Self.match("\\((\\d+)\\)$", Self.plain(h3.content)).flatMap { Int($0[0]) })
                let label = Self.plain(h3.content)
                let expected: Int
                switch true {
                case label.hasPrefix("Contrats qui expirent"): expected = p.attention.expiringWithoutSuccessor.count
                case label.hasPrefix("Contrats expirés"): expected = p.attention.expiredWithoutSuccessor.count
                case label.hasPrefix("Organismes"): expected = p.bodies.count
                case label.hasPrefix("Cibles"): expected = p.attention.overdueTargets.count
                case label.hasPrefix("Actions"): expected = p.attention.lateActions.count
                default: expected = p.attention.missingBilans.count
                }
                XCTAssertEqual(n, expected, label)
            }
            // The table: rows of contracts, bodies and totals, group by group.
            let table = try XCTUnwrap(doc.first(id: "tableau-contrats"))
            let columns = try XCTUnwrap(table.all("thead").first).all("th").map { Self.plain($0.content) }
            XCTAssertEqual(columns.count, 21)
            let tbodies = table.all("tbody")
            XCTAssertEqual(tbodies.count, p.groups.count)
            for (tbody, g) in zip(tbodies, p.groups) {
                let rows = tbody.all("tr")
                XCTAssertTrue(Self.plain(rows[0].content).hasPrefix(g.label))
                let contractRows = rows.filter { $0.attributes["data-etat"] != nil && !($0.attributes["class"] ?? "").contains("sans-contrat") }
                XCTAssertEqual(contractRows.count, g.contracts.count)
                for (tr, k) in zip(contractRows, g.contracts) {
                    let r = p.contracts[k]
                    XCTAssertEqual(tr.attributes["data-etat"], r.state.kind.key)
                    let cells = tr.children.filter { $0.name == "th" || $0.name == "td" }
                    XCTAssertEqual(cells.map { $0.attributes["data-libelle"] ?? "" }, columns)
                    try check(cells.map(\.content), columns: columns, r)
                    // The sort keys are the same numbers.
                    for (name, value) in [("Erreurs", r.diagnostics.errors), ("Avertissements", r.diagnostics.warnings),
                                          ("Actions en retard", r.lateActions.count), ("Cibles à fixer", r.pendingTargets.count)] {
                        XCTAssertEqual(cells[columns.firstIndex(of: name)!].attributes["data-tri"], String(value))
                    }
                }
                let bodyRows = rows.filter { ($0.attributes["class"] ?? "").contains("sans-contrat") }
                XCTAssertEqual(bodyRows.count, g.bodies.count)
                let total = try XCTUnwrap(rows.last)
                XCTAssertEqual(total.attributes["class"], "total")
                try checkTotalRow(total, columns: columns, g.totals)
            }
            try checkTotalRow(try XCTUnwrap(table.all("tfoot").first?.all("tr").first), columns: columns, p.totals)
            // The totals by group.
            let totals = try XCTUnwrap(doc.first(id: "tableau-totaux"))
            let rows = totals.all("tbody").first!.all("tr") + totals.all("tfoot").first!.all("tr")
            XCTAssertEqual(rows.count, p.groups.count + 1)
            for (tr, t) in zip(rows, p.groups.map(\.totals) + [p.totals]) {
                let numbers = tr.all("td").map { Self.int(Substring($0.content)) }
                XCTAssertEqual(numbers, totalsCells(t).map { Optional($0) })
            }
        }
    }

    func totalsCells(_ t: Totals) -> [Int] {
        [t.contracts] + ContractState.Kind.allCases.map { t.count($0) }
            + [t.expiringWithoutSuccessor, t.diagnostics.errors, t.diagnostics.warnings, t.diagnostics.notes, t.pendingTargets,
               t.overdueTargets, t.lateActions, t.bilansPresent, t.bilansExpected, t.bilansMissing]
    }

    func checkTotalRow(_ tr: Node, columns: [String], _ t: Totals) throws {
        let cells = tr.children.filter { $0.name == "th" || $0.name == "td" }.map { Self.plain($0.content) }
        var c: [String: String] = [:]
        for (name, value) in zip(columns, cells) { c[name] = value }
        for (name, value) in [("Erreurs", t.diagnostics.errors), ("Avertissements", t.diagnostics.warnings), ("Notes", t.diagnostics.notes),
                              ("Cibles à fixer", t.pendingTargets), ("dont année close", t.overdueTargets), ("Actions en retard", t.lateActions),
                              ("Bilans présents", t.bilansPresent), ("Bilans attendus", t.bilansExpected), ("Bilans manquants", t.bilansMissing)] {
            XCTAssertEqual(Self.int(Substring(c[name] ?? "")), value, name)
        }
        for k in ContractState.Kind.allCases where k != .noContract && t.count(k) > 0 {
            XCTAssertTrue((c["État"] ?? "").contains("\(t.count(k)) \(ContractState.counted(k, t.count(k)))"), c["État"] ?? "")
        }
    }

    func testHTMLIsSelfContainedWithItsScriptAllowedByItsHash() throws {
        let html = PortfolioFixture.portfolio().html()
        XCTAssertTrue(parseXML(html).isWellFormed)
        // One script, inline, named by its hash in the policy; no other resource.
        XCTAssertEqual(html.components(separatedBy: "<script").count, 2)
        let script = try XCTUnwrap(Self.match("<script>([\\s\\S]*)</script>", html)?.first)
        let digest = Data(SHA256.hash(Array(script.utf8))).base64EncodedString()
        XCTAssertTrue(html.contains("script-src 'sha256-\(digest)'"), "the policy names the script's hash")
        XCTAssertTrue(html.contains("default-src 'none'"))
        XCTAssertFalse(html.contains("src=\""))
        XCTAssertFalse(html.contains("http://") || html.contains("https://"))
        XCTAssertFalse(html.contains(" on"), "no event handler attribute")
    }

    /// SHA-256 against the standard's vectors, fed whole and in pieces; Base64 against Foundation's.
    func testSHA256() {
        XCTAssertEqual(SHA256.hex(SHA256.hash(Array("abc".utf8))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(SHA256.hash([UInt8]())), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        XCTAssertEqual(SHA256.hex(SHA256.hash(long)), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var million = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { million.update(chunk) }
        XCTAssertEqual(SHA256.hex(million.finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var pieces = SHA256()
        for k in stride(from: 0, to: long.count, by: 7) { pieces.update(long[k..<min(k + 7, long.count)]) }
        XCTAssertEqual(pieces.finish(), SHA256.hash(long))
        var random = SeededRandom(seed: 26)
        for n in [0, 1, 2, 3, 4, 31, 32, 33, 64, 100] {
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &random) }
            XCTAssertEqual(SHA256.base64(bytes), Data(bytes).base64EncodedString(), "\(n) bytes")
        }
    }

    // MARK: CSV and JSON

    /// RFC 4180 fields of a line (`;`-separated).
    static func csvFields(_ line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false, chars = Array(line), k = 0
        while k < chars.count {
            let c = chars[k]
            if quoted {
                if c == "\"" { if k + 1 < chars.count && chars[k + 1] == "\"" { field.append("\""); k += 1 } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == ";" { out.append(field); field = "" } else { field.append(c) }
            k += 1
        }
        out.append(field)
        return out
    }

    func testCSVNumbersAreTheModels() throws {
        let p = PortfolioFixture.portfolio()
        let csv = p.csv()
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}"))
        let lines = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = Self.csvFields(lines[0])
        XCTAssertEqual(lines.count, 1 + p.contracts.count + p.bodies.count)
        func column(_ fields: [String], _ name: String) -> String { fields[header.firstIndex(of: name)!] }
        for (line, r) in zip(lines.dropFirst(), p.contracts) {
            let f = Self.csvFields(line)
            XCTAssertEqual(f.count, header.count)
            XCTAssertEqual(column(f, "id"), r.id)
            XCTAssertEqual(column(f, "début"), r.period?.start.description ?? "")
            XCTAssertEqual(column(f, "fin"), r.period?.end.description ?? "")
            XCTAssertEqual(column(f, "état"), r.state.kind.rawValue)
            if case .expiring(let m) = r.state { XCTAssertEqual(Int(column(f, "mois avant la fin")), m) } else { XCTAssertEqual(column(f, "mois avant la fin"), "") }
            for (name, value) in [("version en vigueur", r.version), ("avenants", r.avenants), ("erreurs", r.diagnostics.errors),
                                  ("avertissements", r.diagnostics.warnings), ("notes", r.diagnostics.notes),
                                  ("cibles à fixer", r.pendingTargets.count), ("dont année close", r.overdueTargets.count),
                                  ("actions en retard", r.lateActions.count), ("bilans présents", r.bilans.present.count)] {
                XCTAssertEqual(Int(column(f, name)), value, "\(r.id) \(name)")
            }
            XCTAssertEqual(Int(column(f, "bilans attendus")), r.bilans.calendar ? r.bilans.expected.count : nil)
            XCTAssertEqual(Int(column(f, "bilans manquants")), r.bilans.calendar ? r.bilans.missing.count : nil)
            let l = r.latestBilan
            XCTAssertEqual(Int(column(f, "dernier bilan")), l?.year)
            XCTAssertEqual(Int(column(f, "indicateurs jugés")), l?.indicatorsJudged)
            XCTAssertEqual(Int(column(f, "indicateurs à la cible")), l?.indicatorsOnTarget)
            XCTAssertEqual(Int(column(f, "actions comptées")), l?.actionsCounted)
            XCTAssertEqual(Int(column(f, "actions finalisées")), l?.actionsDone)
            if let l, l.actionsCounted > 0 {
                let share = try XCTUnwrap(Double(column(f, "part des actions finalisées (%)").replacingOccurrences(of: ",", with: ".")))
                XCTAssertEqual(share, Double(l.actionsDone) * 100 / Double(l.actionsCounted), accuracy: 0.005)
            }
        }
        for (line, b) in zip(lines.dropFirst(1 + p.contracts.count), p.bodies) {
            let f = Self.csvFields(line)
            XCTAssertEqual(column(f, "organisme"), b.id)
            XCTAssertEqual(column(f, "fin"), b.lastEnd?.description ?? "")
            XCTAssertEqual(column(f, "précédent"), b.lastContract ?? "")
        }
    }

    func testJSONNumbersAreTheModelsAndMatchTheSchema() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/grammar/portefeuille.schema.json"))) as! [String: Any]
        for grouping in Portfolio.Grouping.allCases {
            let p = PortfolioFixture.portfolio(grouping)
            let value = try JSONSerialization.jsonObject(with: Data(p.json().utf8))
            var errors: [String] = []
            SchemaValidator(root: schema).validate(value, schema, "$", &errors)
            XCTAssertEqual(errors, [], "\(errors.prefix(5))")
            let json = try XCTUnwrap(value as? [String: Any])
            XCTAssertEqual(json["au"] as? String, "2026-03-01")
            let contracts = try XCTUnwrap(json["contrats"] as? [[String: Any]])
            XCTAssertEqual(contracts.count, p.contracts.count)
            for (c, r) in zip(contracts, p.contracts) {
                XCTAssertEqual(c["id"] as? String, r.id)
                XCTAssertEqual(c["version_en_vigueur"] as? Int, r.version)
                XCTAssertEqual(c["avenants"] as? Int, r.avenants)
                let d = c["diagnostics"] as! [String: Int]
                XCTAssertEqual(DiagnosticCounts(errors: d["erreurs"]!, warnings: d["avertissements"]!, notes: d["notes"]!), r.diagnostics)
                let etat = c["etat"] as! [String: Any]
                if case .expiring(let m) = r.state { XCTAssertEqual(etat["mois"] as? Int, m) } else { XCTAssertTrue(etat["mois"] is NSNull) }
                let targets = c["cibles_a_fixer"] as! [[String: Any]]
                XCTAssertEqual(targets.map { $0["annee"] as! Int }, r.pendingTargets.map(\.year))
                XCTAssertEqual(targets.map { $0["annee_close"] as! Bool }, r.pendingTargets.map(\.overdue))
                let late = c["actions_en_retard"] as! [[String: Any]]
                XCTAssertEqual(late.map { $0["delai_echu_le"] as! String }, r.lateActions.map(\.due.description))
                let bilans = c["bilans"] as! [String: Any]
                XCTAssertEqual(bilans["attendus"] as? [Int], r.bilans.expected)
                XCTAssertEqual(bilans["presents"] as? [Int], r.bilans.present)
                XCTAssertEqual(bilans["manquants"] as? [Int], r.bilans.missing)
                if let l = r.latestBilan {
                    let j = c["dernier_bilan"] as! [String: Int]
                    XCTAssertEqual([j["annee"], j["indicateurs_juges"], j["indicateurs_a_la_cible"], j["actions_comptees"], j["actions_finalisees"]],
                                   [l.year, l.indicatorsJudged, l.indicatorsOnTarget, l.actionsCounted, l.actionsDone])
                } else {
                    XCTAssertTrue(c["dernier_bilan"] is NSNull)
                }
            }
            let bodies = try XCTUnwrap(json["organismes_sans_contrat"] as? [[String: Any]])
            XCTAssertEqual(bodies.map { $0["ligne"] as! Int }, p.bodies.map(\.line))
            func totals(_ j: [String: Any]) -> [Int] {
                let states = j["par_etat"] as! [String: Int]
                let d = j["diagnostics"] as! [String: Int]
                return [j["contrats"] as! Int] + ContractState.Kind.allCases.map { states[$0.key]! }
                    + [j["expirant_sans_successeur"] as! Int, d["erreurs"]!, d["avertissements"]!, d["notes"]!, j["cibles_a_fixer"] as! Int,
                       j["cibles_annee_close"] as! Int, j["actions_en_retard"] as! Int, j["bilans_presents"] as! Int,
                       j["bilans_attendus"] as! Int, j["bilans_manquants"] as! Int]
            }
            XCTAssertEqual(totals(json["totaux"] as! [String: Any]), totalsCells(p.totals))
            let groups = try XCTUnwrap(json["groupes"] as? [[String: Any]])
            XCTAssertEqual(groups.map { totals($0["totaux"] as! [String: Any]) }, p.groups.map { totalsCells($0.totals) })
            XCTAssertEqual(groups.map { ($0["contrats"] as! [String]).count }, p.groups.map(\.contracts.count))
        }
    }
}
