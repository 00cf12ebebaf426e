import XCTest
import CopcSource
import CopcLanguage
import CopcModel
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcDriver
import CopcRules

/// `docs/langage.md`, the drafters' reference of the language, cannot drift from copc:
///
/// - every ```cop block is checked by the compiler and must give exactly the diagnostics its
///   `# attendu: CODE "fragment"` markers declare (none when it has no marker), as in the case
///   corpus. Info strings: `cop` (a complete file, checked alone), `cop extrait` (checked after
///   the block `cop préambule`, which must itself be clean), `cop dossier=NOM fichier=CHEMIN`
///   (the blocks sharing a `dossier` are one workspace, checked together), with the word
///   `portefeuille` also checked as a portfolio (`copc portefeuille`'s checks, COP212);
/// - the table of checks lists every code of the catalogue with its severity and title, and every
///   code but COP001 is triggered by a checked example;
/// - the deadline table gives, for each example, the window copc computes; the target table
///   gives the kind copc reads; the property table lists exactly the keys copc accepts per element;
/// - every deadline and target form of the grammar's examples (`grammar/copc.ebnf`) is documented.
final class LanguageReferenceTests: XCTestCase {
    static let path = "docs/langage.md"

    struct Block {
        /// 1-based line of the block's first text line in the Markdown file.
        let line: Int
        /// Words of the info string (`cop`, `extrait`, `dossier=x`…).
        let info: [String]
        let text: String

        func attribute(_ name: String) -> String? {
            info.first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
        }
    }

    /// Fenced code blocks (```), with their info string. Fences inside blocks are not nested.
    static func blocks(_ markdown: String) -> [Block] {
        var out: [Block] = []
        var open: (line: Int, info: [String], lines: [Substring])?
        for (k, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            if var o = open {
                if trimmed.hasPrefix("```") && trimmed.drop(while: { $0 == "`" }).allSatisfy({ $0 == " " }) {
                    out.append(Block(line: o.line, info: o.info, text: o.lines.map { $0 + "\n" }.joined()))
                    open = nil
                } else {
                    o.lines.append(line)
                    open = o
                }
            } else if trimmed.hasPrefix("```") {
                let info = trimmed.dropFirst(3).split(separator: " ").map(String.init)
                open = (k + 2, info, [])
            }
        }
        XCTAssertNil(open, "unterminated code block at line \(open?.line ?? 0)")
        return out
    }

    static func reference() throws -> String {
        String(decoding: try FileSystem.read(repositoryRoot + "/" + path), as: UTF8.self)
    }

    static func copBlocks(_ md: String) -> [Block] { blocks(md).filter { $0.info.first == "cop" } }

    /// The workspaces to check: name, files (path, text), and the Markdown line of each file's
    /// first line (for messages).
    struct Workspace {
        let name: String
        var files: [(path: String, text: String, line: Int, offset: Int)] = []
        /// Checked as a portfolio too (a block with `portefeuille`).
        var portfolio = false
    }

    static func workspaces(_ md: String) throws -> [Workspace] {
        let cop = copBlocks(md)
        let preambles = cop.filter { $0.info.contains("préambule") }
        XCTAssertEqual(preambles.count, 1, "exactly one ```cop préambule block")
        let preamble = preambles.first?.text ?? ""
        var result: [Workspace] = []
        var folders: [String: Int] = [:]
        for b in cop {
            let words = Set(b.info.dropFirst())
            let known = words.allSatisfy { $0 == "extrait" || $0 == "préambule" || $0 == "portefeuille" || $0.hasPrefix("dossier=") || $0.hasPrefix("fichier=") }
            XCTAssertTrue(known, "\(path):\(b.line): unknown info string « \(b.info.joined(separator: " ")) »")
            if let folder = b.attribute("dossier") {
                guard let file = b.attribute("fichier") else {
                    XCTFail("\(path):\(b.line): dossier= without fichier=")
                    continue
                }
                if let k = folders[folder] {
                    result[k].files.append((file, b.text, b.line, 0))
                } else {
                    folders[folder] = result.count
                    result.append(Workspace(name: "dossier=\(folder)", files: [(file, b.text, b.line, 0)]))
                }
                if words.contains("portefeuille") { result[folders[folder]!].portfolio = true }
            } else if words.contains("extrait") {
                // The snippet continues the preamble after one blank line.
                let offset = preamble.split(separator: "\n", omittingEmptySubsequences: false).count
                result.append(Workspace(name: "extrait l. \(b.line)", files: [("extrait.cop", preamble + "\n" + b.text, b.line, offset)]))
            } else {
                result.append(Workspace(name: "l. \(b.line)", files: [("exemple.cop", b.text, b.line, 0)]))
            }
        }
        return result
    }

    func testEveryExampleGivesTheDiagnosticsItDeclares() throws {
        let md = try Self.reference()
        let spaces = try Self.workspaces(md)
        XCTAssertGreaterThan(spaces.count, 40)
        for space in spaces {
            var expected = Set<CaseTests.Expectation>()
            var fragments: [CaseTests.Expectation: [String]] = [:]
            for f in space.files {
                let (e, fr) = CaseTests.parseMarkers(f.text, file: f.path)
                expected.formUnion(e)
                fragments.merge(fr) { $0 + $1 }
            }
            let options = CheckOptions(au: testDate, auGiven: true)
            let result = Driver.check(sources: space.files.map { ($0.path, Array($0.text.utf8)) }, options: options)
            let diagnostics = result.diagnostics
                + (space.portfolio ? Checker.portfolio(result.workspace, files: result.fileTable, options: options) : [])
            // The Markdown line of a diagnostic, for a message that points into the reference.
            func mdLine(_ file: String, _ line: Int) -> Int {
                guard let f = space.files.first(where: { $0.path == file }) else { return 0 }
                return f.line + line - 1 - f.offset
            }
            var actual = Set<CaseTests.Expectation>()
            for d in diagnostics {
                let e = CaseTests.Expectation(file: d.path, line: d.span?.start.line ?? 0, code: d.code.rawValue)
                actual.insert(e)
                for frag in fragments[e] ?? [] where !d.text.contains(frag) {
                    XCTFail("\(Self.path):\(mdLine(e.file, e.line)): \(e.code) « \(d.text) » does not contain « \(frag) »")
                }
            }
            for m in expected.subtracting(actual) {
                XCTFail("\(Self.path):\(mdLine(m.file, m.line)) (\(space.name)): \(m.code) declared, not reported")
            }
            for u in actual.subtracting(expected) {
                let text = diagnostics.first { $0.path == u.file && $0.span?.start.line == u.line && $0.code.rawValue == u.code }?.text ?? ""
                XCTFail("\(Self.path):\(mdLine(u.file, u.line)) (\(space.name)): unexpected \(u.code): \(text)")
            }
        }
    }

    /// The preamble of the snippets is itself a clean contract.
    func testThePreambleIsClean() throws {
        let md = try Self.reference()
        let preamble = Self.copBlocks(md).first { $0.info.contains("préambule") }
        XCTAssertNotNil(preamble)
        XCTAssertEqual(check(preamble?.text ?? "").map { "\($0.code.rawValue) \($0.text)" }, [])
    }

    /// A reader tells a snippet from a complete file by its content (the info string is not
    /// shown): a snippet has no `contrat`, `avenant`, `annuaire` or `bilan` header, any other example has one.
    func testSnippetsAreRecognisableWithoutTheirInfoString() throws {
        let md = try Self.reference()
        for b in Self.copBlocks(md) {
            let headers = b.text.split(separator: "\n").contains { line in
                let w = TokenText.fold(String(line.split(separator: " ").first ?? ""))
                return w == "contrat" || w == "avenant" || w == "annuaire" || w == "bilan"
            }
            XCTAssertEqual(headers, !b.info.contains("extrait"), "\(Self.path):\(b.line): « \(b.info.joined(separator: " ")) »")
        }
    }

    /// copc text outside a ```cop block would escape every check.
    func testNoContractTextOutsideCopBlocks() throws {
        let md = try Self.reference()
        let headers = ["contrat ", "avenant ", "annuaire ", "objectif ", "action ", "indicateur ", "modifier ", "ajouter "]
        for b in Self.blocks(md) where b.info.first != "cop" {
            let first = b.text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            XCTAssertFalse(headers.contains { first.hasPrefix($0) }, "\(Self.path):\(b.line): copc text in a « \(b.info.joined(separator: " ")) » block")
        }
    }

    /// The checked examples themselves: the markers are read on every kind of block.
    func testBlockExtraction() throws {
        let md = "a\n```cop extrait\naction 1.2 « A »   # attendu: COP300\n```\n```sh\nls\n```\n```cop dossier=x fichier=y.cop\nz\n```\n"
        let bs = Self.blocks(md)
        XCTAssertEqual(bs.count, 3)
        XCTAssertEqual(bs[0].line, 3)
        XCTAssertEqual(bs[0].info, ["cop", "extrait"])
        XCTAssertEqual(bs[0].text, "action 1.2 « A »   # attendu: COP300\n")
        XCTAssertEqual(bs[2].attribute("dossier"), "x")
        XCTAssertEqual(bs[2].attribute("fichier"), "y.cop")
    }

    // MARK: tables

    /// Rows of the Markdown table whose header row's cells are `header` (cells trimmed).
    static func table(_ md: String, header: [String]) -> [(line: Int, cells: [String])] {
        var rows: [(Int, [String])] = []
        var inTable = false
        for (k, line) in md.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("|") else { inTable = false; continue }
            let cells = t.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if cells == header { inTable = true; continue }
            if inTable, !cells.allSatisfy({ $0.allSatisfy { $0 == "-" || $0 == ":" } }) { rows.append((k + 1, cells)) }
        }
        return rows
    }

    /// The `code` spans of a table cell.
    static func codeSpans(_ cell: String) -> [String] {
        let parts = cell.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count, by: 2).map { String(parts[$0]) }
    }

    func testEveryCodeIsListedWithItsSeverityAndTitle() throws {
        let md = try Self.reference()
        let rows = Self.table(md, header: ["Code", "Gravité", "Titre", "En une ligne"])
        var seen = Set<String>()
        for (line, cells) in rows {
            guard cells.count == 4, let code = Code(rawValue: cells[0]) else {
                XCTFail("\(Self.path):\(line): bad row \(cells)")
                continue
            }
            seen.insert(code.rawValue)
            XCTAssertEqual(cells[1], code.severity.french, "\(Self.path):\(line)")
            XCTAssertEqual(cells[2], code.title, "\(Self.path):\(line)")
            XCTAssertGreaterThan(cells[3].count, 20, "\(Self.path):\(line): one-line explanation missing")
        }
        XCTAssertEqual(seen, Set(Code.allCases.map(\.rawValue)), "the table of checks lists every code, once")
        XCTAssertEqual(rows.count, Code.allCases.count)
    }

    /// Every code but COP001 (an invalid byte cannot be shown in a text document), COP003 and
    /// COP004 (a workspace's `copc.toml` and the owner of its marker, not the language: their
    /// cases are folders checked on disk, `CaseTests`) is triggered by a checked example.
    func testEveryCodeHasACheckedExample() throws {
        let md = try Self.reference()
        var marked = Set<String>()
        for space in try Self.workspaces(md) {
            for f in space.files { marked.formUnion(CaseTests.parseMarkers(f.text, file: f.path).0.map(\.code)) }
        }
        for code in Code.allCases where code != .cop001 && code != .cop003 && code != .cop004 {
            XCTAssertTrue(marked.contains(code.rawValue), "no checked example of \(code.rawValue) in \(Self.path)")
        }
    }

    static let period = Window(Day(year: 2021, month: 1, day: 1)!, Day(year: 2025, month: 12, day: 31)!)

    static func reader(_ text: String) -> ValueReader {
        let f = SourceFile(path: "valeur", text: text)
        let tokens = Lexer.lex(f).tokens
        return ValueReader(file: f, tokens: tokens, range: 0..<(tokens.count - 1))
    }

    /// The window copc gives a deadline, in a contract 2021 .. 2025 with a plan SDSI 2022 .. 2025.
    static func window(_ text: String) -> String? {
        var r = reader(text)
        guard let form = r.deadline() else { return nil }
        let plans: (String) -> Window? = { $0 == "SDSI" ? Window.years(2022, 2025) : nil }
        return Deadline(form: form).window(period: period, planPeriod: plans)?.description ?? "inconnue"
    }

    static func targetKind(_ text: String) -> String? {
        var r = reader(text)
        return r.target()?.kind.spelling
    }

    func testDeadlineTable() throws {
        let md = try Self.reference()
        let rows = Self.table(md, header: ["Forme", "Exemples", "Fenêtre (contrat 2021 .. 2025)"])
        XCTAssertGreaterThanOrEqual(rows.count, 15)
        for (line, cells) in rows {
            guard cells.count == 3 else { XCTFail("\(Self.path):\(line): bad row"); continue }
            let examples = Self.codeSpans(cells[1])
            let expected = Self.codeSpans(cells[2]).first ?? cells[2]
            XCTAssertFalse(examples.isEmpty, "\(Self.path):\(line): no example")
            for ex in examples {
                XCTAssertEqual(Self.window(ex), expected, "\(Self.path):\(line): délai : \(ex)")
            }
        }
    }

    func testTargetTable() throws {
        let md = try Self.reference()
        let rows = Self.table(md, header: ["Forme", "Exemples", "Lecture"])
        XCTAssertGreaterThanOrEqual(rows.count, 10)
        var kinds = Set<String>()
        for (line, cells) in rows {
            guard cells.count == 3 else { XCTFail("\(Self.path):\(line): bad row"); continue }
            let examples = Self.codeSpans(cells[1])
            XCTAssertFalse(examples.isEmpty, "\(Self.path):\(line): no example")
            // The reading starts with the kind's spelling (« en attente », « écart en points »…): the longest that fits.
            let expected = TargetKind.allCases.map(\.spelling)
                .filter { cells[2] == $0 || cells[2].hasPrefix($0 + " ") }.max { $0.count < $1.count } ?? cells[2]
            kinds.insert(expected)
            for ex in examples {
                XCTAssertEqual(Self.targetKind(ex), expected, "\(Self.path):\(line): cible : \(ex)")
            }
        }
        XCTAssertEqual(kinds, Set(TargetKind.allCases.map(\.spelling)))
    }

    /// The README's table of target forms: each example is read as the form its row names, and
    /// every form of the language has a row.
    func testReadmeTargetFormsTable() throws {
        let readme = String(decoding: try FileSystem.read(repositoryRoot + "/README.md"), as: UTF8.self)
        let rows = Self.table(readme, header: ["forme", "exemples", "valeur"])
        var kinds = Set<String>()
        for (line, cells) in rows {
            guard cells.count == 3 else { XCTFail("README.md:\(line): bad row"); continue }
            // « relative à la base » is the kind « relative ».
            let kind = cells[0] == "relative à la base" ? "relative" : cells[0]
            kinds.insert(kind)
            for ex in Self.codeSpans(cells[1]) where !ex.contains(":") {
                XCTAssertEqual(Self.targetKind(ex), kind, "README.md:\(line): cible : \(ex)")
            }
        }
        XCTAssertEqual(kinds, Set(TargetKind.allCases.map(\.spelling)))
    }

    func testPropertyTable() throws {
        let md = try Self.reference()
        let rows = Self.table(md, header: ["Élément", "Propriétés"])
        var seen = Set<ElementKind>()
        for (line, cells) in rows {
            guard cells.count == 2, let name = Self.codeSpans(cells[0]).first else { XCTFail("\(Self.path):\(line): bad row"); continue }
            let keys = Set(Self.codeSpans(cells[1]))
            if name == "modifier" {
                // Change blocks: the keys of the kind they aim at, plus these.
                let extra = Set(ElementKind.action.keys(in: .modifier).map(\.display))
                    .subtracting(ElementKind.action.keys.map(\.display))
                XCTAssertEqual(keys, extra, "\(Self.path):\(line)")
                continue
            }
            guard let kind = ElementKind(folded: TokenText.fold(name)) else { XCTFail("\(Self.path):\(line): \(name)"); continue }
            seen.insert(kind)
            XCTAssertEqual(keys, Set(kind.keys.map(\.display)), "\(Self.path):\(line): properties of \(name)")
        }
        XCTAssertEqual(seen, Set(ElementKind.allCases))
    }

    /// Every element keyword heads a line of a checked example, every key starts a property
    /// line, and every operation of an avenant is shown.
    func testEveryElementKeyAndOperationHasAnExample() throws {
        let md = try Self.reference()
        var lines: [String] = []
        for b in Self.copBlocks(md) { lines += b.text.split(separator: "\n").map { TokenText.fold($0.trimmingCharacters(in: .whitespaces)) } }
        func shown(_ prefix: String) -> Bool {
            let p = TokenText.fold(prefix)
            return lines.contains { $0 == p || $0.hasPrefix(p + " ") || $0.hasPrefix(p + ":") || $0.hasPrefix(p + "(") }
        }
        for kind in ElementKind.allCases {
            XCTAssertTrue(shown(kind.keyword), "no example of « \(kind.keyword) »")
            for key in kind.keys(in: .modifier) {
                XCTAssertTrue(shown(key.display), "no example of « \(key.display) » (\(kind.keyword))")
            }
        }
        for op in ["modifier contrat", "modifier objectif", "modifier action", "modifier indicateur", "modifier référent",
                   "ajouter action", "ajouter objectif", "ajouter référent", "supprimer action", "supprimer référent",
                   "utilise", "# copc: ignorer"] {
            XCTAssertTrue(shown(op), "no example of « \(op) »")
        }
        for unit in Unit.knownSymbols {
            XCTAssertTrue(md.contains("`\(unit)`"), "unit \(unit) not documented")
        }
    }

    // MARK: the grammar's forms

    /// The value of a `délai`, `étape` or `cible` line (after the first colon outside texts and
    /// parentheses, without a trailing comment), with the key's kind; nil for other lines.
    static func valueOf(_ line: String) -> (kind: String, value: String)? {
        let t = line.trimmingCharacters(in: .whitespaces)
        let folded = TokenText.fold(t)
        let kind: String
        if folded.hasPrefix("delai") || folded.hasPrefix("etape") { kind = "délai" }
        else if folded.hasPrefix("cible ") { kind = "cible" }
        else { return nil }
        var depth = 0, inString = false
        var colon: String.Index?
        var end = t.endIndex
        for i in t.indices {
            let c = t[i]
            if inString { if c == "\"" { inString = false }; continue }
            switch c {
            case "\"": inString = true
            case "«", "(": depth += 1
            case "»", ")": depth -= 1
            case ":" where depth == 0 && colon == nil: colon = i
            case "#" where depth == 0 && colon != nil: end = i
            default: break
            }
            if end != t.endIndex { break }
        }
        guard let c = colon else { return nil }
        let value = t[t.index(after: c)..<end].trimmingCharacters(in: .whitespaces)
        return (kind, value)
    }

    /// A value as copc reads it: its tokens, folded (case and accents), one space apart, so that
    /// `2023..2024` = `2023 .. 2024` and `60%` = `60 %`, as for the compiler.
    static func normalized(_ value: String) -> String {
        let f = SourceFile(path: "valeur", text: value)
        return Lexer.lex(f).tokens.filter { $0.kind != .newline && $0.kind != .endOfFile }
            .map { TokenText.fold(f.bytes[Int($0.start)..<Int($0.end)]) }.joined(separator: " ")
    }

    func testEveryDeadlineAndTargetFormOfTheGrammarIsDocumented() throws {
        let md = try Self.reference()
        var documented: [String: Set<String>] = ["délai": [], "cible": []]
        for b in Self.copBlocks(md) {
            for line in b.text.split(separator: "\n") {
                if let (k, v) = Self.valueOf(String(line)) { documented[k]!.insert(Self.normalized(v)) }
            }
        }
        for (_, cells) in Self.table(md, header: ["Forme", "Exemples", "Fenêtre (contrat 2021 .. 2025)"]) where cells.count > 1 {
            for ex in Self.codeSpans(cells[1]) { documented["délai"]!.insert(Self.normalized(ex)) }
        }
        for (_, cells) in Self.table(md, header: ["Forme", "Exemples", "Lecture"]) where cells.count > 1 {
            for ex in Self.codeSpans(cells[1]) { documented["cible"]!.insert(Self.normalized(ex)) }
        }
        let grammar = String(decoding: try FileSystem.read(repositoryRoot + "/grammar/copc.ebnf"), as: UTF8.self)
        var count = 0
        for (line, example) in GrammarTests.examples(grammar) {
            for (k, text) in example.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let (kind, value) = Self.valueOf(String(text)) else { continue }
                count += 1
                XCTAssertTrue(documented[kind]!.contains(Self.normalized(value)),
                              "grammar/copc.ebnf:\(line + k): \(kind) « \(value) » is not in \(Self.path)")
            }
        }
        XCTAssertGreaterThan(count, 80)
    }

    func testValueExtraction() {
        XCTAssertEqual(Self.valueOf("  délai (directeurs) : fin 2022   # x")?.value, "fin 2022")
        XCTAssertEqual(Self.valueOf("  étape « a : b » : T3 2021")?.value, "T3 2021")
        XCTAssertEqual(Self.valueOf("  cible 2021 (b) : « un : texte »")?.value, "« un : texte »")
        XCTAssertEqual(Self.valueOf("  Cible 2021 .. 2025 : A fixer par avenant")?.kind, "cible")
        XCTAssertNil(Self.valueOf("  cibles : déclinées"))
        XCTAssertEqual(Self.normalized("À  fixer par Avenant"), "a fixer par avenant")
        XCTAssertEqual(Self.normalized("2023..2024"), Self.normalized("2023 .. 2024"))
        XCTAssertEqual(Self.normalized("≥ 60%"), "≥ 60 %")
    }
}
