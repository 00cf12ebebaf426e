import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import CopcLanguage
import CopcSource
import CopcModel
import CopcSema
import CopcDriver
import CopcBilan
import CopcRender

/// Issue 22, item 3: over every contract and example of the repository, each number a person
/// reads in `copc bilan` (HTML, Markdown, CSV, JSON) and `copc rendre` (HTML, Markdown, CSV)
/// is parsed back and compared with the model's value in the indicator's unit: the target of
/// each year (a relative one through the chain of years, `≥ N-1` through the previous
/// réalisé, units of a family converted), each réalisé, and the count of actions by state.
/// A wrong unit, a dropped resolved value or a miscount fails it.
///
/// The expected values are computed here from the model (`TargetChain`, `Unit.convert`, the
/// bilans' `réalisé` lines), not from the report or the document being checked.
final class CrossCheckTests: XCTestCase {

    // MARK: the corpus

    /// Every folder of `contracts/` that holds a contract (the examples included).
    func folders() throws -> [String] {
        let root = repositoryRoot + "/contracts"
        var out: [String] = []
        for entry in try FileManager.default.contentsOfDirectory(atPath: root).sorted() {
            let path = root + "/" + entry
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { continue }
            if entry == "exemples" {
                for sub in try FileManager.default.contentsOfDirectory(atPath: path).sorted() { out.append("contracts/exemples/" + sub) }
            } else {
                out.append("contracts/" + entry)
            }
        }
        return out
    }

    func contracts(_ folder: String) throws -> (CheckResult, [Contract]) {
        let dir = repositoryRoot + "/" + folder
        let files = try FileSystem.copFiles(under: dir).map { (folder + "/" + Paths.relative($0, to: dir), try FileSystem.read($0)) }
        let result = Driver.check(sources: files, options: CheckOptions(au: testDate))
        return (result, result.contracts)
    }

    // MARK: the model's values

    /// A quantity in `unit` (converted within its family; a number without unit is in it).
    func inUnit(_ q: Quantity, _ unit: CopcLanguage.Unit?) -> Double? {
        guard let u = q.unit, let unit, u != unit else { return q.value }
        return u.convert(q.value, to: unit)
    }

    /// The number a reader sees first for a target: a quantity, a bound's value, a range's low
    /// end, in the indicator's unit; nil when the target has none (pending, text, milestone,
    /// `≥ N-1` unknown).
    func number(_ t: TargetValue?, _ unit: CopcLanguage.Unit?) -> Double? {
        switch t {
        case .quantity(let q)?, .cumulative(let q)?, .bound(_, let q)?, .range(let q, _)?: return inUnit(q, unit)
        default: return nil
        }
    }

    /// Whether a target reads as a range (its CSV number column stays empty: two numbers).
    func isRange(_ target: Property) -> Bool {
        if case .target(.range) = target.value { return true }
        return false
    }

    /// The value of `target` of `indicator`, resolved through its chain of years.
    func expectedTarget(_ target: Property, of indicator: Element, firstYear: Int?,
                        actual: ((Int, String?) -> Quantity?)? = nil) -> Double? {
        guard case .target(let t) = target.value, t.status == .set else { return nil }
        if !t.dependsOnOtherValue { return number(t, indicator.unit ?? t.firstUnit) }
        guard let i = indicator.properties.firstIndex(of: target),
              let r = TargetChain(indicator, firstYear: firstYear, actual: actual)[property: i].value else { return nil }
        return number(r.absoluteTarget, indicator.unit ?? t.firstUnit)
    }

    // MARK: reading numbers back

    /// The numbers of a French text in reading order: `2 350` (groups of three after a narrow
    /// or no-break space or a space), `21,5`, `−0,5`, `-2805515,12`.
    func numbers(_ s: String) -> [Double] {
        let chars = Array(s.unicodeScalars)
        var out: [Double] = []
        var k = 0
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
        while k < chars.count {
            guard isDigit(chars[k]) else { k += 1; continue }
            var negative = false
            if k > 0, chars[k - 1] == "-" || chars[k - 1] == "\u{2212}" { negative = true }
            var digits = ""
            while k < chars.count {
                if isDigit(chars[k]) { digits.unicodeScalars.append(chars[k]); k += 1; continue }
                // A group separator followed by exactly three digits.
                if ["\u{202F}", "\u{00A0}", " "].contains(chars[k]), k + 3 < chars.count,
                   isDigit(chars[k + 1]), isDigit(chars[k + 2]), isDigit(chars[k + 3]),
                   !(k + 4 < chars.count && isDigit(chars[k + 4])) {
                    k += 1
                    continue
                }
                break
            }
            if k + 1 < chars.count, chars[k] == ",", isDigit(chars[k + 1]) {
                digits += "."
                k += 1
                while k < chars.count, isDigit(chars[k]) { digits.unicodeScalars.append(chars[k]); k += 1 }
            }
            if let v = Double(digits) { out.append(negative ? -v : v) }
        }
        return out
    }

    func assertClose(_ read: Double?, _ expected: Double, _ what: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line) {
        guard let read else { return XCTFail("no number read back: " + what(), file: file, line: line) }
        XCTAssertLessThanOrEqual(abs(read - expected), 0.006 + 1e-9 * abs(expected), what() + " : lu \(read), attendu \(expected)", file: file, line: line)
    }

    /// RFC 4180 with `;`, the BOM removed.
    func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        let scalars = Array(text.unicodeScalars.drop { $0 == "\u{FEFF}" })
        var k = 0
        while k < scalars.count {
            let c = scalars[k]
            if quoted {
                if c == "\"" {
                    if k + 1 < scalars.count, scalars[k + 1] == "\"" { field += "\""; k += 1 } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == ";" { row.append(field); field = "" }
            else if c == "\r" {}
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
            k += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// A CSV number (`2200`, `21,5`, `-4`).
    func csvNumber(_ s: String) -> Double? { s.isEmpty ? nil : Double(s.replacingOccurrences(of: ",", with: ".")) }

    /// The tables of an HTML page: for each, its class and caption, and its rows, each cell
    /// with its whole text and its first run of text (a row header's id before its note).
    struct HTMLTable { var classes = "", caption = "", rows: [[(text: String, first: String, header: Bool)]] = [] }

    func tables(_ html: String) -> [HTMLTable] {
        final class Collector: NSObject, XMLParserDelegate {
            var tables: [HTMLTable] = []
            var current: HTMLTable?
            var row: [(text: String, first: String, header: Bool)]?
            var cell: (text: String, first: String, header: Bool)?
            var inCaption = false
            var inSVG = 0
            func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
                switch e {
                case "table": current = HTMLTable(classes: a["class"] ?? "")
                case "caption": inCaption = true
                case "tr": row = []
                case "td", "th": cell = ("", "", e == "th")
                default: break
                }
            }
            func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
                switch e {
                case "table": if let t = current { tables.append(t) }; current = nil
                case "caption": inCaption = false
                case "tr": if let r = row { current?.rows.append(r) }; row = nil
                case "td", "th": if let c = cell { row?.append(c) }; cell = nil
                default: break
                }
            }
            func parser(_ p: XMLParser, foundCharacters s: String) {
                if inCaption { current?.caption += s }
                if cell != nil {
                    if cell!.text.isEmpty { cell!.first = s }
                    cell!.text += s
                }
            }
        }
        let parser = XMLParser(data: Data(html.utf8))
        let c = Collector()
        parser.delegate = c
        XCTAssertTrue(parser.parse(), parser.parserError.map { "\($0)" } ?? "")
        return c.tables
    }

    /// The SVG descriptions of the charts (`<desc>`), by chart title.
    func chartDescriptions(_ html: String) -> [(title: String, desc: String)] {
        var out: [(String, String)] = []
        var rest = html[...]
        while let t = rest.range(of: "<title id=\"") {
            let afterTitle = rest[t.upperBound...]
            guard let close = afterTitle.range(of: "\">"), let end = afterTitle.range(of: "</title>"),
                  let d = afterTitle.range(of: "\">", range: end.upperBound..<afterTitle.endIndex),
                  let dEnd = afterTitle.range(of: "</desc>") else { break }
            out.append((String(afterTitle[close.upperBound..<end.lowerBound]), String(afterTitle[d.upperBound..<dEnd.lowerBound])))
            rest = afterTitle[dEnd.upperBound...]
        }
        return out
    }

    // MARK: rendre

    func testRendreNumbersReadBackAsTheModel() throws {
        var checkedCells = 0
        for folder in try folders() {
            let (result, contracts) = try contracts(folder)
            for c in contracts {
                guard let version = c.versions.last else { continue }
                let doc = ContractDocument(contract: c, version: version, files: result.fileTable)
                let first = version.period?.start.year
                let indicators = doc.sections.flatMap(\.indicators)
                // (id, year) → the expected number, for indicators with one unlabelled target that year.
                var expected: [String: [Int: Double?]] = [:]
                var ids: [String: Int] = [:]
                var ranges: Set<String> = []
                for i in indicators { ids[i.id ?? "", default: 0] += 1 }
                for i in indicators where ids[i.id ?? ""] == 1 && !i.declinedTargets {
                    for y in doc.years {
                        let ts = doc.targets(i, year: y)
                        guard ts.count == 1, ts[0].label == nil else { continue }
                        expected[i.id ?? "", default: [:]][y] = .some(expectedTarget(ts[0], of: i, firstYear: first))
                        if isRange(ts[0]) { ranges.insert((i.id ?? "") + "|\(y)") }
                    }
                }
                let name = "\(folder) \(c.id ?? "")"

                // CSV: « cible ANNÉE » holds the number, or nothing.
                let rows = csvRows(CSVExport.render(doc, table: .indicators))
                let header = rows[0]
                XCTAssertEqual(rows.count - 1, indicators.count, "\(name) CSV : une ligne par indicateur")
                for r in rows.dropFirst() {
                    guard let byYear = expected[r[0]] else { continue }
                    for (y, e) in byYear {
                        guard let col = header.firstIndex(of: "cible \(y)") else { XCTFail("\(name) : colonne cible \(y)"); continue }
                        if let e, !ranges.contains(r[0] + "|\(y)") { assertClose(csvNumber(r[col]), e, "\(name) CSV \(r[0]) \(y)") } else {
                            XCTAssertNil(csvNumber(r[col]), "\(name) CSV \(r[0]) \(y) : pas de nombre attendu, lu « \(r[col]) »")
                        }
                        checkedCells += 1
                    }
                }

                // Markdown: the indicator tables, the first number of each year's cell.
                let md = MarkdownDocument.render(doc)
                var mdRows = 0
                var years: [Int] = []
                for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
                    guard line.hasPrefix("| ") else { years = []; continue }
                    let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
                    if cells.first == "N°" { years = cells.contains("Indicateur et méthode") ? cells.map { Int($0) ?? 0 } : []; continue }
                    guard !years.isEmpty, !cells[0].hasPrefix("---") else { continue }
                    mdRows += 1
                    let id = String(cells[0].prefix { $0 != " " && $0 != "<" })
                    guard let byYear = expected[id] else { continue }
                    for (k, y) in years.enumerated() where y > 0 && k < cells.count {
                        guard let e = byYear[y] else { continue }
                        let cell = cells[k].replacingOccurrences(of: " ◆", with: "")
                        if let e { assertClose(numbers(cell).first, e, "\(name) Markdown \(id) \(y) « \(cell) »") }
                        checkedCells += 1
                    }
                }
                XCTAssertEqual(mdRows, indicators.count, "\(name) Markdown : une ligne par indicateur")

                // HTML: the tables of class « indicateurs », years from the second header row.
                let html = HTMLDocument.render(doc)
                var htmlRows = 0
                for t in tables(html) where t.classes.contains("indicateurs") {
                    let years = t.rows.count > 1 && t.rows[1].allSatisfy(\.header) ? t.rows[1].map { Int($0.text) ?? 0 } : []
                    for r in t.rows.dropFirst(years.isEmpty ? 1 : 2) {
                        htmlRows += 1
                        let id = r[0].first
                        guard let byYear = expected[id], r.count >= years.count else { continue }
                        let cells = r.suffix(years.count)
                        for (y, cell) in zip(years, cells) {
                            guard let e = byYear[y] else { continue }
                            if let e { assertClose(numbers(cell.text).first, e, "\(name) HTML \(id) \(y) « \(cell.text) »") }
                            checkedCells += 1
                        }
                    }
                }
                XCTAssertEqual(htmlRows, indicators.count, "\(name) HTML : une ligne par indicateur")
            }
        }
        XCTAssertGreaterThan(checkedCells, 500, "the corpus is read")
    }

    // MARK: bilan

    func testBilanNumbersReadBackAsTheModel() throws {
        var checked = 0, reports = 0
        for folder in try folders() {
            let (result, contracts) = try contracts(folder)
            for c in contracts where !c.bilans.isEmpty {
                for year in c.bilans.compactMap(\.year) {
                    guard let report = BilanReport.make(c, year: year, files: result.fileTable) else { continue }
                    reports += 1
                    checked += try crossCheck(report, c, "\(folder) bilan \(year)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(reports, 4, "the bilans of the repository are read")
        XCTAssertGreaterThan(checked, 100)
    }

    /// Each réalisé of a bilan, converted into the indicator's unit: (year, id, label) → value.
    func realized(_ c: Contract, key: ElementKey, year: Int, label: String?, unit: CopcLanguage.Unit?) -> (given: Bool, value: Double?) {
        guard let block = c.bilan(of: year)?.report(key) else { return (false, nil) }
        let lines = block.realized
        guard let line = lines.first(where: { $0.label == label }) ?? (label != nil ? lines.first { $0.label == nil && $0.value == .unavailable } : nil) else {
            return (false, nil)
        }
        if case .value(.quantity(let q)) = line.value { return (true, inUnit(q, unit)) }
        return (true, nil)
    }

    func crossCheck(_ r: BilanReport, _ c: Contract, _ name: String) throws -> Int {
        var checked = 0
        // The model: for every indicator row of the version read, each year's target and réalisé.
        struct Expected { var target: Double?; var realized: Double?; var realizedGiven: Bool }
        var model: [String: [Int: Expected]] = [:]
        guard let version = c.version(forBilanOf: r.year) else { XCTFail(name); return 0 }
        var actions = 0
        for id in version.tree.preorder {
            let e = version.tree[id]
            if e.kind == .action { actions += 1 }
            guard e.kind == .indicateur else { continue }
            var labels: [String?] = []
            for p in e.properties where p.key == .cible && !labels.contains(p.label) { labels.append(p.label) }
            if labels.isEmpty { labels = [nil] }
            for label in labels {
                let rowName = (e.id ?? "") + (label.map { " (\($0))" } ?? "")
                for y in (r.period?.start.year ?? r.year)...r.year {
                    guard let v = c.version(forBilanOf: y), let ind = v.index[e.key].map({ v.tree[$0] }) else { continue }
                    let target = ind.properties.first { $0.key == .cible && $0.year == y && $0.label == label }
                    let actual: (Int, String?) -> Quantity? = { c.realizedQuantity(e.key, year: $0, label: $1) }
                    let t = target.flatMap { expectedTarget($0, of: ind, firstYear: v.period?.start.year, actual: actual) }
                    let real = realized(c, key: e.key, year: y, label: label, unit: ind.unit ?? e.unit)
                    model[rowName, default: [:]][y] = Expected(target: t, realized: real.value, realizedGiven: real.given)
                }
            }
        }

        // Counts: by state they add up to the actions of the version, in every format.
        XCTAssertEqual(r.actionCount, actions, "\(name) : nombre d'actions")
        let md = r.markdown()
        XCTAssertTrue(md.contains("| **total** | **\(actions)** |"), "\(name) Markdown : total \(actions)")
        let mdCounts = md.split(separator: "\n").drop { !$0.hasPrefix("| État | Actions |") }.dropFirst(2).prefix { $0.hasPrefix("| ") && !$0.contains("**total**") }
        XCTAssertEqual(mdCounts.reduce(0) { $0 + Int(numbers(String($1)).last ?? -1) }, actions, "\(name) Markdown : somme des états")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.json().utf8)) as? [String: Any])
        XCTAssertEqual(json["nombre_actions"] as? Int, actions, name)
        XCTAssertEqual((json["etats"] as? [[String: Any]])?.reduce(0) { $0 + (($1["nombre"] as? Int) ?? 0) }, actions, "\(name) JSON : somme des états")
        let csv = csvRows(r.csv())
        XCTAssertEqual(csv.first { $0.first == "total" }.flatMap { csvNumber($0[1]) }, Double(actions), "\(name) CSV : total")
        let html = r.html()
        let htmlTables = tables(html)
        let stateTable = try XCTUnwrap(htmlTables.first { $0.caption == "Actions par état" })
        let htmlStates = stateTable.rows.dropFirst().filter { $0[0].text != "total" }.reduce(0) { $0 + Int(numbers($1[1].text).first ?? -1) }
        XCTAssertEqual(htmlStates, actions, "\(name) HTML : somme des états")

        func compare(_ rowName: String, _ y: Int, target: String?, realized: String?, _ format: String) {
            guard let e = model[rowName]?[y] else { return }
            if let t = e.target, let target { assertClose(numbers(target).first, t, "\(name) \(format) \(rowName) \(y) cible « \(target) »"); checked += 1 }
            if let v = e.realized, let realized { assertClose(numbers(realized).first, v, "\(name) \(format) \(rowName) \(y) réalisé « \(realized) »"); checked += 1 }
            if e.realized == nil, !e.realizedGiven, let realized, !numbers(realized).isEmpty, e.target != nil {
                XCTFail("\(name) \(format) \(rowName) \(y) : un réalisé lu (« \(realized) ») que le bilan ne donne pas")
            }
        }

        // Markdown: « cible → réalisé » cells of tableau 2.
        var years: [Int] = []
        var mdRows = 0
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { years = []; continue }
            if line.hasPrefix("|---") { continue }
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            if cells.first == "Indicateur" { years = cells.map { Int($0) ?? 0 }; continue }
            guard !years.isEmpty, !cells[0].hasPrefix("---") else { continue }
            mdRows += 1
            for (k, y) in years.enumerated() where y > 0 && k < cells.count {
                let parts = cells[k].components(separatedBy: " → ")
                compare(cells[0], y, target: parts.first, realized: parts.count > 1 ? parts[1] : nil, "Markdown")
            }
        }
        XCTAssertEqual(mdRows, model.count, "\(name) Markdown : une ligne par indicateur et libellé")

        // HTML: the same cells, and each chart's description (« 2023 : cible …, réalisé … »).
        var htmlRows = 0
        for t in htmlTables {
            guard let head = t.rows.first, head.first?.text == "Indicateur" else { continue }
            let years = head.map { Int($0.text) ?? 0 }
            for row in t.rows.dropFirst() {
                htmlRows += 1
                for (k, y) in years.enumerated() where y > 0 && k < row.count {
                    let parts = row[k].text.components(separatedBy: " → ")
                    compare(row[0].text, y, target: parts.first, realized: parts.count > 1 ? parts[1] : nil, "HTML")
                }
            }
        }
        XCTAssertEqual(htmlRows, model.count, "\(name) HTML : une ligne par indicateur et libellé")
        for (title, desc) in chartDescriptions(html) {
            guard title.hasPrefix("Trajectoire : ") else { continue }
            let rowName = String(title.dropFirst("Trajectoire : ".count).components(separatedBy: " — ")[0])
            for part in desc.components(separatedBy: " ; ") {
                guard let colon = part.range(of: " : "), let y = Int(part[..<colon.lowerBound]) else { continue }
                let body = String(part[colon.upperBound...])
                let realized = body.range(of: "réalisé ").map { String(body[$0.upperBound...]) }
                if let realized, realized.hasPrefix("non disponible") { continue }
                compare(rowName, y, target: nil, realized: realized, "graphique")
            }
        }

        // CSV: « valeur cible » and « valeur réalisée » of tableau 2.
        if let h = csv.firstIndex(where: { $0.contains("valeur réalisée") }) {
            let header = csv[h]
            let col = { (n: String) in header.firstIndex(of: n)! }
            for row in csv[(h + 1)...] where row.count == header.count {
                let rowName = row[col("indicateur")] + (row[col("libellé")].isEmpty ? "" : " (\(row[col("libellé")]))")
                guard let y = Int(row[col("année")]), let e = model[rowName]?[y] else { continue }
                if let t = e.target {
                    assertClose(numbers(row[col("cible")]).first, t, "\(name) CSV \(rowName) \(y) cible « \(row[col("cible")]) »")
                    if let n = csvNumber(row[col("valeur cible")]) { assertClose(n, t, "\(name) CSV \(rowName) \(y) valeur cible") }
                    checked += 1
                }
                if let v = e.realized { assertClose(csvNumber(row[col("valeur réalisée")]), v, "\(name) CSV \(rowName) \(y) réalisé"); checked += 1 }
            }
        } else { XCTFail("\(name) CSV : tableau 2") }

        // JSON: cible.valeur (or min) and realise.valeur of each year.
        for axe in json["axes"] as? [[String: Any]] ?? [] {
            for o in axe["objectifs"] as? [[String: Any]] ?? [] {
                for i in o["indicateurs"] as? [[String: Any]] ?? [] {
                    let rowName = (i["id"] as? String ?? "") + ((i["libelle"] as? String).map { " (\($0))" } ?? "")
                    for p in i["trajectoire"] as? [[String: Any]] ?? [] {
                        guard let y = p["annee"] as? Int, let e = model[rowName]?[y] else { continue }
                        let cible = p["cible"] as? [String: Any]
                        if let t = e.target {
                            let n = (cible?["valeur"] as? NSNumber) ?? (cible?["min"] as? NSNumber)
                            assertClose(n?.doubleValue, t, "\(name) JSON \(rowName) \(y) cible")
                            checked += 1
                        }
                        if let v = e.realized {
                            assertClose(((p["realise"] as? [String: Any])?["valeur"] as? NSNumber)?.doubleValue, v, "\(name) JSON \(rowName) \(y) réalisé")
                            checked += 1
                        }
                    }
                }
            }
        }
        return checked
    }

    /// The reader of numbers itself: groups, decimal comma, minus signs, units beside.
    func testNumberReader() {
        XCTAssertEqual(numbers("≤ 2\u{202F}200\u{00A0}k€ (≤ 2,2\u{00A0}M€)"), [2200, 2.2])
        XCTAssertEqual(numbers("22\u{00A0}% (+2 points)"), [22, 2])
        XCTAssertEqual(numbers("−0,5 point ; -4"), [-0.5, -4])
        XCTAssertEqual(numbers("1 500 → 1 650 ✓"), [1500, 1650])
        XCTAssertEqual(numbers("entre 8 % et 12 %"), [8, 12])
        XCTAssertEqual(numbers("2021 2022"), [2021, 2022], "four digits are not a group")
        XCTAssertEqual(csvRows("\u{FEFF}a;\"b;c\";\"d \"\"e\"\"\"\r\n1;2;3\r\n"), [["a", "b;c", "d \"e\""], ["1", "2", "3"]])
    }
}
