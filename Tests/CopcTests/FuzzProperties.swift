// The properties the fuzz targets check (Fuzz/cible.swift, scripts/fuzz.sh), shared with the test suite,
// which replays every input kept in Fuzz/regressions/ through the same functions
// (FuzzRegressionTests). No XCTest and no Foundation here: scripts/fuzz.sh compiles this file,
// with the library sources, into a libFuzzer executable.
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcSema
import CopcModel
import CopcFormat
import CopcDriver
import CopcLSP
import CopcDiff
import CopcFrench
import CopcHTML
import CopcRender
import CopcBilan

/// Each function returns the violated properties (empty when all hold).
enum FuzzProperties {
    /// A fixed `--au` date: the same input gives the same diagnostics on any day.
    static let au = Day(year: 2026, month: 11, day: 22)!

    /// The fuzz targets, by the name `scripts/fuzz.sh` takes.
    static let targetNames = ["avenants", "bilan", "calendrier", "csv", "fmt", "francais", "rendre", "verifier"]

    /// The targets whose input is a contract and its other files joined by a NUL byte
    /// (`separator`): `scripts/fuzz.sh` seeds them with every folder of cases as well.
    static let multiFileTargets = ["avenants", "bilan", "calendrier", "rendre"]

    /// The properties of the target `name`, applied to one input.
    static func run(_ name: String, _ bytes: [UInt8]) -> [String] {
        switch name {
        case "verifier": return check(bytes)
        case "fmt": return format(bytes)
        case "avenants": return contractAndAvenants(bytes)
        case "francais": return FrenchProperties.check(bytes)
        case "rendre": return render(bytes)
        case "bilan": return bilan(bytes)
        case "calendrier": return calendar(bytes)
        case "csv": return csvWriter(bytes)
        default: return ["cible inconnue « \(name) »"]
        }
    }

    // MARK: lex + parse + check

    /// One file through the whole check: every diagnostic has a code and a place inside the
    /// file, the check is deterministic, and every renderer gives well-formed output (JSON and
    /// SARIF parse as JSON).
    static func check(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        let r1 = Driver.check(sources: [("f.cop", bytes)], options: CheckOptions(au: au))
        let r2 = Driver.check(sources: [("f.cop", bytes)], options: CheckOptions(au: au))
        if describe(r1.diagnostics) != describe(r2.diagnostics) { failures.append("vérification non déterministe") }
        let size = r1.files.first?.source.bytes.count ?? bytes.count
        for d in r1.diagnostics {
            if let s = d.span, !(0 <= s.range.start && s.range.start <= s.range.end && s.range.end <= size) {
                failures.append("\(d.code.rawValue) hors du fichier : \(s.range.start)..<\(s.range.end) (taille \(size))")
            }
            if d.message.code != d.code { failures.append("\(d.code.rawValue) : code différent de celui du message") }
        }
        _ = DiagnosticRenderer.human(r1.diagnostics, color: true)
        _ = DiagnosticRenderer.gcc(r1.diagnostics)
        failures += json("json", DiagnosticRenderer.json(r1.diagnostics))
        failures += json("sarif", DiagnosticRenderer.sarif(r1.diagnostics, toolVersion: "fuzz", sourceRoot: "/virtual"))
        return failures
    }

    // MARK: fmt

    /// `copc fmt` and `copc fmt -`: a refusal gives the input back byte for byte; an accepted
    /// file formats to a fixed point (idempotent) with the same diagnostics (code and message;
    /// places move) but the COP110 it corrects, and the same IR.
    static func format(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        let outcome = Driver.formatInput(bytes, checkOnly: false)
        switch Formatter.format(SourceFile(path: "f.cop", bytes: bytes)) {
        case .refused:
            if outcome.output != bytes { failures.append("refus : l'entrée n'est pas rendue octet pour octet") }
            if outcome.status != 1 { failures.append("refus : statut \(outcome.status) au lieu de 1") }
        case .formatted(let text):
            let out = Array(text.utf8)
            if outcome.output != out { failures.append("copc fmt - et Formatter.format diffèrent") }
            switch Formatter.format(SourceFile(path: "f.cop", bytes: out)) {
            case .formatted(let again) where Array(again.utf8) == out: break
            case .formatted: failures.append("mise en page non idempotente")
            case .refused: failures.append("la sortie de la mise en page est refusée")
            }
            // The characters of word processors (COP110) are what formatting corrects: gone
            // after it, every other diagnostic the same.
            let after = meanings([("f.cop", out)])
            if after.contains(where: { $0.hasPrefix("COP110") }) {
                failures.append("COP110 reste après la mise en page")
            }
            if meanings([("f.cop", bytes)]).filter({ !$0.hasPrefix("COP110") }) != after {
                failures.append("les diagnostics changent après la mise en page")
            }
            if irs([("f.cop", bytes)]) != irs([("f.cop", out)]) { failures.append("l'IR change après la mise en page") }
        }
        return failures
    }

    // MARK: contract + avenants

    /// The separator of the files of one input: a NUL byte, which no `.cop` file may contain
    /// (it is COP100), so that a mutation can add or remove a file.
    static let separator: UInt8 = 0

    /// Splits an input into a contract and its avenants (`contrat.cop`, `avenant-1.cop`…).
    static func split(_ bytes: [UInt8]) -> [(String, [UInt8])] {
        let parts = bytes.split(separator: separator, omittingEmptySubsequences: false)
        return parts.enumerated().map { k, p in (k == 0 ? "contrat.cop" : "avenant-\(k).cop", Array(p)) }
    }

    /// A contract and avenants: every consolidated version of every contract emits a
    /// well-formed IR (it parses as JSON), the same bytes twice, and `copc diff` of its
    /// versions holds (`diffs`).
    static func contractAndAvenants(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        let files = split(bytes)
        let result = Driver.check(sources: files, options: CheckOptions(au: au))
        for unit in result.contracts {
            for v in unit.versions {
                let ir = IR.emit(unit, version: v, files: result.fileTable)
                failures += json("IR de la version \(v.number)", ir)
                if ir != IR.emit(unit, version: v, files: result.fileTable) { failures.append("IR non déterministe (version \(v.number))") }
            }
            failures += diffs(unit, result.fileTable)
        }
        return failures
    }

    /// `copc diff` on a contract's versions: a version against itself has no change; each
    /// avenant against the version before it, and the whole chain, never crash, and every
    /// rendering is well formed (JSON parses).
    static func diffs(_ unit: Contract, _ files: FileTable) -> [String] {
        var failures: [String] = []
        for v in unit.versions {
            let side = DiffSide(version: v, files: files)
            let same = SemanticDiff.compare(side, side)
            if !same.isEmpty { failures.append("diff de la version \(v.number) avec elle-même : \(same.count) changement(s), dont \(same[0].kind.rawValue) \(same[0].subject)") }
        }
        var pairs: [(Int, Int)] = []
        for n in unit.versions.indices.dropFirst() { pairs.append((n - 1, n)) }
        if unit.versions.count > 2 { pairs.append((0, unit.versions.count - 1)); pairs.append((unit.versions.count - 1, 0)) }
        for (a, b) in pairs {
            let avenants = a < b ? Array(unit.avenants[a ..< b]) : []
            let changes = SemanticDiff.compare(DiffSide(version: unit.versions[a], files: files),
                                               DiffSide(version: unit.versions[b], files: files), avenants: avenants)
            let report = DiffReport(contract: unit.id, title: unit.versions[0].header.title,
                                    from: DiffEndpoint(version: a), to: DiffEndpoint(version: b), changes: changes,
                                    clauseTexts: DiffReport.clauseTexts(of: avenants, files: files))
            _ = report.text(color: true)
            _ = report.markdown()
            _ = report.html()
            failures += json("diff \(a) → \(b)", report.json())
            for c in changes {
                if let w = c.words, w.oldText != (c.old ?? "") || w.newText != (c.new ?? "") {
                    failures.append("diff \(a) → \(b) : les mots ne redonnent pas les textes (\(c.subject))")
                }
            }
        }
        return failures
    }

    // MARK: rendre

    /// `copc rendre` of every version of every contract of a contract and its avenants (files
    /// joined by a NUL byte): the HTML page is balanced markup with no raw control character and
    /// no `<script`; the Markdown is escaped (no raw HTML, no link leaving the page, no raw
    /// control character) with regular tables; both CSV tables are RFC 4180 with as many fields
    /// on every line and every text cell guarded against formulas; the `cop` text of a version
    /// of an input without error is written (never the « défaut de copc » refusal) and re-reads
    /// without a syntax error (an input with an error is written back with it). The HTML page
    /// is the same bytes twice.
    static func render(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        let files = split(bytes)
        let result = Driver.check(sources: files, options: CheckOptions(au: au))
        let clean = !result.diagnostics.contains { $0.severity == .error }
        for unit in result.contracts {
            for v in unit.versions {
                let doc = ContractDocument(contract: unit, version: v, files: result.fileTable)
                let html = HTMLDocument.render(doc)
                if html != HTMLDocument.render(ContractDocument(contract: unit, version: v, files: result.fileTable)) {
                    failures.append("rendre html non déterministe (version \(v.number))")
                }
                failures += htmlProblems(html).map { "rendre html (version \(v.number)) : \($0)" }
                failures += markdownProblems(MarkdownDocument.render(doc)).map { "rendre markdown (version \(v.number)) : \($0)" }
                for table in CSVTable.allCases {
                    failures += csvProblems(CSVExport.render(doc, table: table), headerRow: 0)
                        .map { "rendre csv \(table.spelling) (version \(v.number)) : \($0)" }
                }
                // The cop text writes back each line as written: an input with an error keeps it.
                guard clean else { continue }
                switch SourceDocument.render(unit, version: v, files: result.fileTable) {
                case .success(let cop):
                    let again = Driver.check(sources: [("rendu.cop", Array(cop.utf8))], options: CheckOptions(au: au))
                    for d in again.diagnostics where d.severity == .error && syntaxCodes.contains(d.code.rawValue) {
                        failures.append("rendre cop (version \(v.number)) : le texte rendu ne se relit pas (\(d.code.rawValue) \(d.text))")
                    }
                case .failure(let f):
                    failures.append("rendre cop (version \(v.number)) refusé sans erreur dans l'entrée : \(f.message)")
                }
            }
        }
        return failures
    }

    /// The codes of lexical and syntax errors: a text copc wrote never has one.
    static let syntaxCodes: Set<String> = ["COP001", "COP100", "COP101", "COP102"]

    // MARK: bilan

    /// `copc bilan` of every bilan year of every contract of a contract, its avenants and its
    /// bilans (files joined by a NUL byte): JSON parses, the CSV is RFC 4180 with regular
    /// blocks and guarded cells, the HTML is balanced with no `<script`, the Markdown escaped
    /// with regular tables; the same bytes twice.
    static func bilan(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        let result = Driver.check(sources: split(bytes), options: CheckOptions(au: au))
        for unit in result.contracts {
            for year in Set(unit.bilans.compactMap(\.year)).sorted() {
                guard let report = BilanReport.make(unit, year: year, files: result.fileTable) else { continue }
                let json = report.json()
                failures += FuzzProperties.json("bilan \(year) json", json)
                if json != BilanReport.make(unit, year: year, files: result.fileTable)?.json() {
                    failures.append("bilan \(year) : json non déterministe")
                }
                failures += csvProblems(report.csv(), headerRow: 1).map { "bilan \(year) csv : \($0)" }
                failures += htmlProblems(report.html()).map { "bilan \(year) html : \($0)" }
                failures += markdownProblems(report.markdown()).map { "bilan \(year) markdown : \($0)" }
            }
        }
        return failures
    }

    // MARK: calendrier

    /// `copc calendrier` of every version of every contract: RFC 5545 content lines (CRLF
    /// only, at most 75 octets, a continuation line starts with a space), unfolded lines of
    /// the form `NAME[;PARAM]:value`, balanced `BEGIN`/`END`, one `UID`, `DTSTART` and `DTEND`
    /// (the end after the start) per event, UIDs unique in the file, no raw control character.
    static func calendar(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        let result = Driver.check(sources: split(bytes), options: CheckOptions(au: au))
        for unit in result.contracts {
            for v in unit.versions {
                let ics = ContractCalendar.render(ContractDocument(contract: unit, version: v, files: result.fileTable))
                failures += icsProblems(ics).map { "calendrier (version \(v.number)) : \($0)" }
            }
        }
        return failures
    }

    static func icsProblems(_ ics: String) -> [String] {
        var problems: [String] = []
        let b = Array(ics.utf8)
        var physical: [[UInt8]] = []
        var start = 0, i = 0
        while i < b.count {
            if b[i] == 13 {
                guard i + 1 < b.count, b[i + 1] == 10 else { return ["CR sans LF à l'octet \(i)"] }
                physical.append(Array(b[start ..< i]))
                i += 2
                start = i
                continue
            }
            if b[i] == 10 { return ["LF sans CR à l'octet \(i)"] }
            i += 1
        }
        if start != b.count { problems.append("dernière ligne sans CRLF") }
        var logical: [[UInt8]] = []
        for (n, line) in physical.enumerated() {
            if line.count > 75 { problems.append("ligne \(n + 1) de \(line.count) octets") }
            if line.first == 32 {
                if logical.isEmpty { problems.append("ligne de continuation en tête") } else { logical[logical.count - 1] += line.dropFirst() }
            } else {
                logical.append(line)
            }
        }
        var stack: [String] = []
        var uids: Set<String> = []
        var event: [String: Int] = [:]
        var dates: [String: String] = [:]
        for raw in logical {
            let line = String(decoding: raw, as: UTF8.self)
            if line.unicodeScalars.contains(where: { Escaping.isControl($0) }) { problems.append("contrôle brut : \(Escaping.controls(line))"); continue }
            guard let colon = line.firstIndex(of: ":") else { problems.append("ligne sans « : » : \(line.prefix(60))"); continue }
            let head = line[..<colon]
            let name = String(head.split(separator: ";", omittingEmptySubsequences: false)[0])
            let value = String(line[line.index(after: colon)...])
            if name.isEmpty || !name.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || $0 == "-" }) {
                problems.append("nom de propriété invalide « \(name.prefix(40)) »")
            }
            switch name {
            case "BEGIN":
                stack.append(value)
                if value == "VEVENT" { event = [:]; dates = [:] }
            case "END":
                if stack.last != value { problems.append("END:\(value) ne ferme pas \(stack.last ?? "rien")") } else { stack.removeLast() }
                if value == "VEVENT" {
                    for p in ["UID", "DTSTART", "DTEND", "DTSTAMP"] where event[p] != 1 {
                        problems.append("événement avec \(event[p] ?? 0) \(p)")
                    }
                    if let s = dates["DTSTART"], let e = dates["DTEND"], !(s.count == 8 && e.count == 8 && s < e) {
                        problems.append("événement du \(s) au \(e)")
                    }
                }
            default:
                if stack.last == "VEVENT" {
                    event[name, default: 0] += 1
                    if name == "DTSTART" || name == "DTEND" { dates[name] = value }
                    if name == "UID" && !uids.insert(value).inserted { problems.append("UID en double : \(value.prefix(80))") }
                }
            }
        }
        if !stack.isEmpty { problems.append("BEGIN sans END : \(stack)") }
        if logical.first.map({ String(decoding: $0, as: UTF8.self) }) != "BEGIN:VCALENDAR" { problems.append("ne commence pas par BEGIN:VCALENDAR") }
        return problems
    }

    // MARK: csv

    /// `CSVWriter` alone: the input is rows (separated by NUL) of fields (separated by 0x1F),
    /// written as text cells, then as numerals, then the same fields' first 8 bytes as numbers
    /// (`Double(bitPattern:)`); the output reads back (RFC 4180, `;`) as the same rows of the
    /// same fields — a text with its control characters escaped and a `'` before a formula
    /// start, a numeral as is when it is one, a number as a plain decimal that parses back
    /// within its 6 decimals — and no cell starts a formula.
    static func csvWriter(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        let rows = bytes.split(separator: 0, omittingEmptySubsequences: false)
            .map { r in r.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) } }
        var w = CSVWriter()
        var expected: [[String]] = []
        var numbers: [[Double]] = []
        for fields in rows {
            w.row(fields)
            expected.append(fields.map { f in
                let t = Escaping.controls(f, keepingLineBreaks: true)
                return startsFormula(t) ? "'" + t : t
            })
            w.row(fields.map(CSVField.numeral))
            expected.append(fields.map { f in
                if CSVField.numeral(f).written == f { return f }
                let t = Escaping.controls(f, keepingLineBreaks: true)
                return startsFormula(t) ? "'" + t : t
            })
            let ds: [Double] = fields.map { f in
                var bits: UInt64 = 0
                for (k, u) in f.utf8.prefix(8).enumerated() { bits |= UInt64(u) << (8 * UInt64(k)) }
                return Double(bitPattern: bits)
            }
            w.row(ds.map(CSVField.number))
            numbers.append(ds)
            expected.append([])
        }
        let parsed: [[String]]
        switch readCSV(w.output) {
        case .failure(let e): return ["relecture : \(e.message)"]
        case .success(let r): parsed = r
        }
        guard parsed.count == expected.count else { return ["\(parsed.count) lignes relues pour \(expected.count) écrites"] }
        for (k, read) in parsed.enumerated() {
            // A line of one empty field is an empty line.
            let row = read.isEmpty ? [""] : read
            if k % 3 == 2 {
                let ds = numbers[k / 3]
                guard row.count == ds.count else { failures.append("ligne \(k + 1) : \(row.count) champs pour \(ds.count)"); continue }
                for (cell, d) in zip(row, ds) {
                    if !d.isFinite {
                        if !cell.isEmpty { failures.append("nombre \(d) écrit « \(cell) »") }
                        continue
                    }
                    guard isNumeral(cell), let back = Double(cell.replacingEvery(",", with: ".")) else {
                        failures.append("nombre \(d) écrit « \(cell.prefix(40)) », pas un nombre"); continue
                    }
                    if abs(back - d) > max(5.000001e-7, abs(d) * 1e-15) { failures.append("nombre \(d) relu \(back)") }
                }
            } else if row != expected[k] {
                failures.append("ligne \(k + 1) relue \(row.map { Escaping.controls($0) }) au lieu de \(expected[k].map { Escaping.controls($0) })")
            }
            for cell in row where startsFormula(cell) && !isNumeral(cell) {
                failures.append("cellule non neutralisée : \(Escaping.controls(String(cell.prefix(40))))")
            }
        }
        return failures
    }

    // MARK: output checkers

    /// Whether a spreadsheet would evaluate a cell starting so (OWASP's list, and the
    /// full-width forms Excel folds).
    static func startsFormula(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"].contains(f)
    }

    /// `-`? digits (`,` digits)?: a number a French spreadsheet reads as such.
    static func isNumeral(_ s: String) -> Bool {
        var u = Array(s.unicodeScalars)
        if u.first == "-" { u.removeFirst() }
        let parts = u.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        return parts.allSatisfy { p in !p.isEmpty && p.allSatisfy { ("0"..."9").contains($0) } }
    }

    struct CSVError: Error { let message: String }

    /// An RFC 4180 reader (`;`, CRLF, `"` doubled inside quotes) of a file starting with a BOM;
    /// a bare CR or LF outside quotes is an error.
    static func readCSV(_ text: String) -> Result<[[String]], CSVError> {
        var u = Array(text.unicodeScalars)
        guard u.first == "\u{FEFF}" else { return .failure(CSVError(message: "pas de BOM")) }
        u.removeFirst()
        var rows: [[String]] = []
        var row: [String] = []
        var i = 0
        while i < u.count {
            var field = String.UnicodeScalarView()
            if u[i] == "\"" {
                i += 1
                while true {
                    guard i < u.count else { return .failure(CSVError(message: "guillemet non fermé")) }
                    if u[i] == "\"" {
                        if i + 1 < u.count, u[i + 1] == "\"" { field.append("\""); i += 2; continue }
                        i += 1
                        break
                    }
                    field.append(u[i])
                    i += 1
                }
            } else {
                while i < u.count, u[i] != ";", u[i] != "\r", u[i] != "\n" {
                    if u[i] == "\"" { return .failure(CSVError(message: "guillemet dans un champ sans guillemets (ligne \(rows.count + 1))")) }
                    field.append(u[i])
                    i += 1
                }
            }
            row.append(String(field))
            guard i < u.count else { return .failure(CSVError(message: "dernière ligne sans CRLF")) }
            if u[i] == ";" { i += 1; continue }
            guard u[i] == "\r", i + 1 < u.count, u[i + 1] == "\n" else {
                return .failure(CSVError(message: "caractère \(Escaping.controls(String(u[i]))) après un champ (ligne \(rows.count + 1))"))
            }
            i += 2
            rows.append(row == [""] ? [] : row)
            row = []
        }
        return .success(rows)
    }

    /// The problems of a CSV output: RFC 4180, in blocks separated by empty lines in which the
    /// lines from `headerRow` on all have as many fields as that header, no raw control
    /// character other than line breaks and tabs inside cells, no cell starting a formula.
    static func csvProblems(_ text: String, headerRow: Int) -> [String] {
        let rows: [[String]]
        switch readCSV(text) {
        case .failure(let e): return [e.message]
        case .success(let r): rows = r
        }
        var problems: [String] = []
        var block: [[String]] = []
        func close() {
            if block.count > headerRow {
                let n = block[headerRow].count
                for (k, r) in block.enumerated().dropFirst(headerRow + 1) where r.count != n {
                    problems.append("ligne \(k + 1) du bloc : \(r.count) champs pour \(n) en tête")
                }
            }
            block = []
        }
        for r in rows {
            if r.isEmpty { close(); continue }
            block.append(r)
            for cell in r {
                if cell.unicodeScalars.contains(where: { Escaping.isControl($0) && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
                    problems.append("contrôle brut dans « \(Escaping.controls(String(cell.prefix(40)))) »")
                }
                if startsFormula(cell) && !isNumeral(cell) {
                    problems.append("cellule non neutralisée : \(Escaping.controls(String(cell.prefix(40))))")
                }
            }
        }
        close()
        return problems
    }

    /// The problems of an HTML page: markup balanced as XML (void elements `br`, `col`, `hr`,
    /// `meta`, `link`; `/>`), `<style>` content skipped, no `<script`, no raw control character
    /// other than line feed and tab (bidirectional overrides included), quoted attribute values
    /// without `<`.
    static func htmlProblems(_ html: String) -> [String] {
        var problems: [String] = []
        let b = Array(html.utf8)
        if html.unicodeScalars.contains(where: { Escaping.isControl($0) && $0 != "\n" && $0 != "\t" }) {
            problems.append("contrôle brut")
        }
        let voids: Set<String> = ["br", "col", "hr", "meta", "link", "wbr", "img", "input"]
        var stack: [String] = []
        var i = 0
        func lower(_ x: UInt8) -> UInt8 { (65...90).contains(x) ? x + 32 : x }
        func starts(_ s: String, at k: Int) -> Bool {
            let p = Array(s.utf8)
            guard k + p.count <= b.count else { return false }
            for j in 0 ..< p.count where lower(b[k + j]) != p[j] { return false }
            return true
        }
        while i < b.count {
            guard b[i] == UInt8(ascii: "<") else {
                if b[i] == UInt8(ascii: ">") { problems.append("« > » brut à l'octet \(i)") }
                i += 1
                continue
            }
            if starts("<script", at: i) { problems.append("<script à l'octet \(i)") }
            if starts("<!--", at: i) {
                var j = i + 4
                while j < b.count, !starts("-->", at: j) { j += 1 }
                i = j + 3
                continue
            }
            if starts("<!doctype", at: i) {
                while i < b.count, b[i] != UInt8(ascii: ">") { i += 1 }
                i += 1
                continue
            }
            var j = i + 1
            let closing = j < b.count && b[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            let nameStart = j
            while j < b.count, (97...122).contains(lower(b[j])) || (48...57).contains(b[j]) || b[j] == UInt8(ascii: "-") { j += 1 }
            let name = String(decoding: b[nameStart ..< j].map(lower), as: UTF8.self)
            if name.isEmpty { problems.append("« < » brut à l'octet \(i)"); i += 1; continue }
            var quote: UInt8? = nil
            var selfClosing = false
            while j < b.count {
                let c = b[j]
                if let q = quote {
                    if c == q { quote = nil } else if c == UInt8(ascii: "<") { problems.append("« < » dans un attribut de <\(name)>") }
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if c == UInt8(ascii: ">") {
                    selfClosing = j > 0 && b[j - 1] == UInt8(ascii: "/")
                    break
                }
                j += 1
            }
            guard j < b.count else { problems.append("balise <\(name) non fermée"); break }
            i = j + 1
            if closing {
                if stack.last == name { stack.removeLast() } else { problems.append("</\(name)> ferme <\(stack.last ?? "rien")>") }
            } else if !selfClosing && !voids.contains(name) {
                stack.append(name)
                if name == "style" {
                    while i < b.count, !starts("</style", at: i) { i += 1 }
                }
            }
            if problems.count > 20 { break }
        }
        if !stack.isEmpty { problems.append("éléments non fermés : \(stack.suffix(5))") }
        return problems
    }

    /// The problems of a Markdown output: no raw control character (other than line feed), no
    /// raw HTML tag other than `<br>` and no link leaving the page outside code spans, and in
    /// every table (consecutive lines starting with `|`) the same number of unescaped `|` on
    /// every line.
    static func markdownProblems(_ md: String) -> [String] {
        var problems: [String] = []
        var tableCells: Int? = nil
        for (n, line) in md.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let u = Array(line.unicodeScalars)
            if u.contains(where: { Escaping.isControl($0) }) { problems.append("ligne \(n + 1) : contrôle brut") }
            var pipes = 0
            var code = false
            var k = 0
            while k < u.count {
                let c = u[k]
                if c == "\\" && !code { k += 2; continue }
                if c == "\\" && code && k + 1 < u.count && u[k + 1] == "|" { k += 2; continue }
                if c == "|" { pipes += 1 }
                if c == "`" {
                    var run = 0
                    while k < u.count, u[k] == "`" { run += 1; k += 1 }
                    if run == 1 { code.toggle() }
                    continue
                }
                if !code && c == "<" {
                    let rest = String(String.UnicodeScalarView(u[k...].prefix(5)))
                    if rest.hasPrefix("<br>") { k += 4; continue }
                    if let next = u.dropFirst(k + 1).first, next.properties.isAlphabetic || next == "/" || next == "!" || next == "?" {
                        problems.append("ligne \(n + 1) : HTML brut « \(Escaping.controls(String(String.UnicodeScalarView(u[k...].prefix(30))))) »")
                    }
                }
                if !code && c == "]" && k + 1 < u.count && u[k + 1] == "(" && !(k + 2 < u.count && u[k + 2] == "#") {
                    problems.append("ligne \(n + 1) : lien hors de la page")
                }
                k += 1
            }
            if line.hasPrefix("|") {
                if let t = tableCells, t != pipes { problems.append("ligne \(n + 1) : \(pipes) « | » pour \(t) dans le tableau") }
                if tableCells == nil { tableCells = pipes }
            } else {
                tableCells = nil
            }
            if problems.count > 20 { break }
        }
        return problems
    }

    // MARK: helpers

    static func json(_ what: String, _ text: String) -> [String] {
        jsonError(text).map { ["\(what) : JSON mal formé (\($0))"] } ?? []
    }

    static func jsonError(_ text: String) -> String? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func describe(_ ds: [Diagnostic]) -> [String] {
        ds.map { "\($0.code.rawValue) \($0.span?.range.start ?? -1) \($0.span?.range.end ?? -1) \($0.text)" }
    }

    static func meanings(_ files: [(String, [UInt8])]) -> [String] {
        Driver.check(sources: files, options: CheckOptions(au: au)).diagnostics
            .map { "\($0.code.rawValue) \($0.message.text)" }.sorted()
    }

    static func irs(_ files: [(String, [UInt8])]) -> [String] {
        let result = Driver.check(sources: files, options: CheckOptions(au: au))
        return result.contracts.flatMap { unit in unit.versions.map { IR.emit(unit, version: $0, files: result.fileTable) } }
    }
}

// MARK: extreme values in every value position

/// Contracts, avenants and bilans with one value position replaced by an extreme number
/// (digit runs of 1 to 400 digits, signs, many decimals, 2⁶³ and its neighbours), for the
/// property « no trap on any input » (`ValueExtremesTests`) and as seeds for the fuzz targets.
enum ValuePositions {
    /// The numbers put in each position.
    static let numbers: [String] = {
        var n = ["0", "-0", "+0", "1", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                 "-9223372036854775809", "18446744073709551616", "4294967296", "2147483648", "99999999999999999999,99999",
                 "0," + String(repeating: "0", count: 400) + "1", "1," + String(repeating: "9", count: 40), "1e400", "1 000 000 000 000 000 000 000"]
        for length in [2, 4, 5, 15, 16, 17, 18, 19, 20, 21, 22, 40, 100, 308, 309, 310, 400] {
            n.append(String(repeating: "9", count: length))
            n.append("1" + String(repeating: "0", count: length - 1))
        }
        n.append("-" + String(repeating: "9", count: 400))
        n.append("+" + String(repeating: "9", count: 30))
        return n
    }()

    /// The numbers of the everyday run: one of each kind (zero and its signs, 2⁶³ and its
    /// neighbours, 2⁶⁴, runs of 1, 19, 20, 309 and 400 digits, 400 decimals, an exponent).
    /// `numbers` (all lengths) runs with `COPC_VALEURS_EXTREMES=toutes`.
    static let everyday: [String] = ["0", "-0", "7", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                                     "18446744073709551616", String(repeating: "9", count: 19), String(repeating: "9", count: 20),
                                     "1" + String(repeating: "0", count: 308), String(repeating: "9", count: 400),
                                     "-" + String(repeating: "9", count: 400), "0," + String(repeating: "0", count: 400) + "1", "1e400"]

    /// A position: which file and which placeholder it replaces, with the forms the number
    /// takes there (`{n}` stands for the number).
    struct Position {
        let slot: String
        let forms: [String]
    }

    static let positions: [Position] = [
        Position(slot: "P0", forms: ["{n}"]), Position(slot: "P1", forms: ["{n}"]),
        Position(slot: "SIGNE", forms: ["{n}-01-20", "2022-{n}-20", "2022-01-{n}", "{n} janvier 2022"]),
        Position(slot: "MOY", forms: ["{n} M€", "{n}", "{n} ETP"]), Position(slot: "MY", forms: ["{n}"]),
        Position(slot: "W1", forms: ["{n}", "1/{n}", "{n}/2", "{n} %", "{n},5 %"]), Position(slot: "NUMA", forms: ["{n}", "{n}bis"]),
        Position(slot: "NUMO", forms: ["{n}"]),
        Position(slot: "DELAI", forms: ["x {n}", "{n}", "fin {n}", "T1 {n}", "{n} .. 2024", "2022 .. {n}", "avant le {n} mars 2024",
                                        "mi-{n}", "d'ici {n}", "{n}/2024", "décembre {n}", "le 31/12/{n}", "{n}-12-31", "trimestre {n} 2023",
                                        "{n}e trimestre 2023", "fin 2023 x {n}"]),
        Position(slot: "ETAPE", forms: ["x {n}", "{n}", "S2 {n}"]),
        Position(slot: "UNIT", forms: ["{n}"]), Position(slot: "BASE", forms: ["{n}", "{n} %"]), Position(slot: "BY", forms: ["{n}"]),
        Position(slot: "Y1", forms: ["{n}"]),
        Position(slot: "C1", forms: ["{n}", "≥ {n}", "entre {n} et 3", "entre 1 et {n}", "{n} cumulés", "{n} jours"]),
        Position(slot: "C2", forms: ["+{n} % par an", "+{n} points", "+{n}", "-{n} %", "par rapport à {n}", "≥ N-{n}", "{n} % de plus"]),
        Position(slot: "C3", forms: ["+{n} % par an", "{n}", "-{n} % par an"]),
        Position(slot: "BILAN", forms: ["avant le {n} mars N+1", "avant le 15 mars N+{n}"]),
        Position(slot: "AC", forms: ["{n}", "+{n} % par an"]), Position(slot: "AVN", forms: ["{n}"]),
        Position(slot: "BILY", forms: ["{n}"]),
        Position(slot: "REAL", forms: ["{n}", "{n} %", "{n} M€", "{n} jours", "≥ {n}"]),
        Position(slot: "ND", forms: ["{n}", "x {n}", "fin {n}"]), Position(slot: "AVC", forms: ["{n}"]),
        Position(slot: "ACH", forms: ["{n}-06-30", "2023-{n}-30"]),
        Position(slot: "APP", forms: ["{n}-02-15", "{n}/02/2022", "1er déc. {n}"]), Position(slot: "VIG", forms: ["{n}-1-5", "1er avril {n}"]),
        Position(slot: "AVIS", forms: ["{n}-07-05", "2022-07-{n}"]), Position(slot: "MOYE", forms: ["{n}", "{n} ETP"]),
        Position(slot: "AVS", forms: ["{n}-01-10", "10 janvier {n}"]), Position(slot: "AVV", forms: ["{n}-02-01", "2023-{n}-01"]),
        Position(slot: "AVAV", forms: ["{n}-01-05"]), Position(slot: "AD", forms: ["{n}", "fin {n}", "x {n}"]),
        Position(slot: "AW", forms: ["{n}", "1/{n}"]), Position(slot: "ETB", forms: ["{n}-03-08", "8 mars {n}"]),
    ]

    static let defaults: [String: String] = [
        "P0": "2022", "P1": "2026", "SIGNE": "2022-01-20", "MOY": "12,5 M€", "MY": "2024", "W1": "1/2", "NUMA": "1", "NUMO": "1",
        "DELAI": "fin 2023", "ETAPE": "T1 2023", "UNIT": "%", "BASE": "5 %", "BY": "2021", "Y1": "2022", "C1": "10 %",
        "C2": "+2 points", "C3": "+5 % par an", "BILAN": "avant le 15 mars N+1", "AC": "40 %", "AVN": "1", "BILY": "2023",
        "REAL": "15 %", "ND": "S1 2024", "AVC": "80", "ACH": "2023-06-30",
        "APP": "2022-01-15", "VIG": "2022-02-01", "AVIS": "2022-01-05", "MOYE": "350", "AVS": "2023-01-10", "AVV": "2023-02-01",
        "AVAV": "2023-01-05", "AD": "fin 2024", "AW": "1/2", "ETB": "2024-03-08",
    ]

    static let contract = """
    contrat C « Contrat »
      type : COP
      organisme : O
      signataires : O
      période : {P0} .. {P1}
      signé le : {SIGNE}
      approuvé le : {APP}
      en vigueur le : {VIG}
      avis « CGEFI » le : {AVIS}
      bilan annuel : {BILAN}
      moyens {MY} : {MOY}
      moyens (ETP) {MY} : {MOYE}

    référent O « O »

    axe 1 « A »

    objectif 1.{NUMO} « Ob »
      pilote : O
      poids : {W1}

    action 1.{NUMO}.{NUMA} « Act »
      délai : {DELAI}
      étape « E » : {ETAPE}

    indicateur 1.{NUMO}.a « I »
      unité : {UNIT}
      sens : hausse
      poids : 1
      base {BY} : {BASE}
      cible {Y1} : {C1}
      cible 2023 : {C2}
      cible 2024 : {C3}

    indicateur 1.{NUMO}.b « J »
      unité : %
      sens : baisse
      cible 2022 : {C1}
      cible 2023 : {C2}
      cible 2024 : {C3}

    objectif 1.2 « Ob2 »
      pilote : O
      poids : 1/2

    """

    static let avenant = """
    avenant {AVN} au contrat C « Av »
      signé le : {AVS}
      en vigueur le : {AVV}
      avis « CGEFI » le : {AVAV}

    modifier indicateur 1.{NUMO}.a
      cible 2025 : {AC}
      motif : « m »

    modifier action 1.{NUMO}.{NUMA}
      délai : {AD}

    modifier objectif 1.{NUMO}
      poids : {AW}

    """

    static let bilan = """
    bilan {BILY} du contrat C « B »
      établi le : {ETB}

    indicateur 1.{NUMO}.a
      réalisé : {REAL}

    indicateur 1.{NUMO}.b
      réalisé : {REAL}

    action 1.{NUMO}.{NUMA}
      état : reporté
      nouveau délai : {ND}
      avancement : {AVC} %
      achevé le : {ACH}

    """

    /// The three files with `slot` replaced by `value` and every other slot by its default.
    static func files(slot: String, value: String) -> [(String, [UInt8])] {
        func fill(_ template: String) -> [UInt8] {
            var t = template
            for (k, v) in defaults { t = t.replacingEvery("{" + k + "}", with: k == slot ? value : v) }
            return Array(t.utf8)
        }
        return [("contrat.cop", fill(contract)), ("avenant-1.cop", fill(avenant)), ("bilan-2023.cop", fill(bilan))]
    }

    /// Every (slot, value) of the property, `numbers` in every form of every position.
    static func all(numbers: [String] = numbers) -> [(slot: String, value: String)] {
        var out: [(String, String)] = []
        for p in positions {
            for f in p.forms {
                for n in numbers { out.append((p.slot, f.replacingEvery("{n}", with: n))) }
            }
        }
        return out
    }
}

extension String {
    /// `self` with every `target` replaced (no Foundation).
    func replacingEvery(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
