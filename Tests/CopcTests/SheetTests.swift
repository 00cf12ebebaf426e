import XCTest
import Foundation
import CopcLanguage
import CopcSource
import CopcDriver
import CopcSema
import CopcModel
import CopcRender
import CopcBilan
@testable import CopcSheet

/// A reader outside copc could not read an output (`scripts/lire-rendu.py`'s message).
struct ReaderFailure: Error, CustomStringConvertible {
    let description: String
}

/// Runs `scripts/lire-rendu.py` (openpyxl, icalendar, LibreOffice) and decodes its JSON: the
/// real tools' reading, for the tests that cross-check the tests' own readers
/// (`OutputReaders.swift`) and skip where the tools are not installed.
func readRendering(_ args: [String]) throws -> Any {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", repositoryRoot + "/scripts/lire-rendu.py"] + args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
        throw ReaderFailure(description: "lire-rendu.py \(args.first ?? "") : statut \(p.terminationStatus) : " + String(decoding: e, as: UTF8.self))
    }
    return try JSONSerialization.jsonObject(with: o)
}

/// A fresh temporary folder.
func temporaryFolder(_ prefix: String) throws -> String {
    let dir = scratchRoot + prefix + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// One cell as a reader read it: type (`s`, `n`, `d`), value, number format.
struct ReadCell: Equatable, CustomStringConvertible {
    let type: String
    let value: Any
    let format: String

    init(type: String, value: Any, format: String) {
        self.type = type
        self.value = value
        self.format = format
    }

    init?(_ json: Any) {
        guard let o = json as? [String: Any], let t = o["t"] as? String, let v = o["v"] else { return nil }
        type = t
        value = v
        format = o["f"] as? String ?? ""
    }

    var text: String? { type == "s" ? value as? String : nil }
    /// (sent as the shortest text that reads back as the same double)
    var number: Double? { type == "n" ? (value as? String).flatMap(Double.init) : nil }
    var date: String? { type == "d" ? value as? String : nil }
    var description: String { "\(type):\(value) [\(format)]" }

    static func == (a: ReadCell, b: ReadCell) -> Bool { a.description == b.description }
}

/// A workbook as a reader read it: sheets by name, rows of optional cells.
struct ReadWorkbook {
    let title: String?
    let sheets: [(name: String, frozen: String?, filter: String?, widths: [Double], rows: [[ReadCell?]])]

    /// Read by the tests' own reader (`init(swift:)`, `OutputReaders.swift`).
    init(_ path: String) throws {
        try self.init(swift: path)
    }

    /// Read by openpyxl (`scripts/lire-rendu.py classeur`), which shows SpreadsheetML's
    /// `_xHHHH_` escapes as written.
    init(openpyxl path: String) throws {
        let json = try XCTUnwrap(try readRendering(["classeur", path]) as? [String: Any])
        title = json["titre"] as? String
        var sheets: [(name: String, frozen: String?, filter: String?, widths: [Double], rows: [[ReadCell?]])] = []
        for s in json["feuilles"] as? [[String: Any]] ?? [] {
            let rows = (s["lignes"] as? [[Any]] ?? []).map { $0.map { ReadCell($0) } }
            sheets.append((s["nom"] as? String ?? "", s["fige"] as? String, s["filtre"] as? String,
                           (s["largeurs"] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? 0 }, rows))
        }
        self.sheets = sheets
    }

    func sheet(_ name: String) -> [[ReadCell?]] { sheets.first { $0.name == name }?.rows ?? [] }
}

/// `value` of unit `unit` in the indicator's unit `target` (the model's scales, applied here
/// independently of `CopcSheet`); nil across families.
func inUnit(_ value: Double, _ unit: CopcLanguage.Unit?, _ target: CopcLanguage.Unit?) -> Double? {
    guard let unit, let target, unit != target else { return value }
    guard unit.dimension == target.dimension, unit.dimension == .money || unit.dimension == .duration else { return nil }
    return value * unit.scale / target.scale
}

func write(_ book: Workbook, to path: String) throws {
    let bytes = try book.xlsx()
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The layer itself: ZIP, CRC-32, cells, limits.
final class SheetWriterTests: XCTestCase {
    func testCRC32() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
        XCTAssertEqual(CRC32.checksum([0]), 0xD202_EF8D)
    }

    /// The tests' ZIP reader reads every entry back from the central directory, stored, CRC
    /// checked, names and bytes intact; the same entries give the same bytes.
    func testStoredZipReadBack() throws {
        var zip = ZipArchive()
        let binary = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        zip.add("a.txt", Array("bonjour\n".utf8))
        zip.add("vide", [])
        zip.add("dossier/données.bin", binary)
        let bytes = try zip.bytes()
        XCTAssertEqual(bytes, try zip.bytes())
        XCTAssertEqual(Array(bytes.prefix(4)), [0x50, 0x4B, 0x03, 0x04])
        let entries = try readZip(bytes)
        XCTAssertEqual(entries.map(\.name), ["a.txt", "vide", "dossier/données.bin"])
        XCTAssertEqual(entries.map(\.method), [0, 0, 0])
        XCTAssertEqual(entries[2].crc, CRC32.checksum(binary))
        XCTAssertEqual(entries[0].data, Array("bonjour\n".utf8))
        XCTAssertEqual(entries[2].data, binary)
        XCTAssertEqual(entries[1].data.count, 0)
        // Near miss: a flipped byte of an entry is caught by its CRC.
        var damaged = bytes
        let at = try XCTUnwrap(indexOf(Array("bonjour".utf8), in: damaged))
        damaged[at] ^= 0x20
        XCTAssertThrowsError(try readZip(damaged))
    }

    func indexOf(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    /// Python's zipfile reads the same archive back (skipped without python3).
    func testStoredZipReadByPython() throws {
        try XCTSkipUnless(toolInstalled("python3"), "python3 absent")
        var zip = ZipArchive()
        let binary = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        zip.add("a.txt", Array("bonjour\n".utf8))
        zip.add("vide", [])
        zip.add("dossier/données.bin", binary)
        let bytes = try zip.bytes()
        let dir = try temporaryFolder("copc-zip")
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/a.zip"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            print(json.dumps([[i.filename, i.compress_type, i.CRC, list(z.read(i.filename))] for i in z.infolist()]))
            """, dir + "/a.zip"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let entries = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[Any]])
        XCTAssertEqual(entries.map { $0[0] as? String }, ["a.txt", "vide", "dossier/données.bin"])
        XCTAssertEqual(entries.map { $0[1] as? Int }, [0, 0, 0])
        XCTAssertEqual((entries[2][2] as? NSNumber)?.uint32Value, CRC32.checksum(binary))
        XCTAssertEqual((entries[2][3] as? [Int])?.map { UInt8($0) }, binary)
        XCTAssertEqual((entries[1][3] as? [Int])?.count, 0)
    }

    func testColumnNamesDatesAndSheetNames() {
        XCTAssertEqual([0, 25, 26, 51, 52, 701, 702, 16383].map(Workbook.columnName), ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"])
        XCTAssertEqual(Day(year: 1900, month: 3, day: 1)!.ordinal + Workbook.epoch, 61)
        XCTAssertEqual(Day(year: 2024, month: 1, day: 1)!.ordinal + Workbook.epoch, 45292)
        XCTAssertEqual(Workbook.uniqueName("a/b:c?[d]", among: []), "a-b-c--d-")
        XCTAssertEqual(Workbook.uniqueName("Actions", among: ["actions"]), "Actions (2)")
        XCTAssertEqual(Workbook.uniqueName("", among: []), "Feuille")
        XCTAssertEqual([12, 0.04, -3, 1e9, .nan, .infinity].map(Workbook.formatWidth), ["12.0", "0.0", "0.0", "255.0", "10.0", "10.0"])
        XCTAssertEqual(Workbook.uniqueName(String(repeating: "x", count: 40), among: []).count, 31)
    }

    func testNumberFormats() {
        XCTAssertEqual(NumberFormat.fitting(21.5).code, "#,##0.0")
        XCTAssertEqual(NumberFormat.fitting(2350, suffix: "k€").code, "#,##0\"\u{00A0}k€\"")
        XCTAssertEqual(NumberFormat.fitting(0.1 + 0.2).decimals, 1)
        XCTAssertEqual(NumberFormat.fitting(1.0 / 3).decimals, 6)
        XCTAssertEqual(NumberFormat.fitting(-0.0225, percent: true, maxDecimals: 1).code, "#,##0.0%")
        XCTAssertEqual(NumberFormat.plain.code, "0")
        XCTAssertEqual(NumberFormat.fitting(.infinity).decimals, 0)
        XCTAssertEqual(NumberFormat.fitting(1e300).decimals, 0)
        // A unit converts within its family only, into the indicator's unit.
        XCTAssertEqual(Cell.quantity(2.35, in: .megaEuro, as: .kiloEuro), .number(2350, NumberFormat.fitting(2350, suffix: "k€")))
        XCTAssertEqual(Cell.quantity(2, in: .years, as: .months), .number(24, NumberFormat.fitting(24)))
        XCTAssertNil(Cell.quantity(2, in: .percent, as: .euro))
        XCTAssertNil(Cell.quantity(.nan, in: nil, as: .euro))
        XCTAssertEqual(Cell.quantity(12, in: nil, as: .percent), .number(12, NumberFormat.fitting(12, suffix: "%")))
    }

    /// The workbook of every kind of cell (`testCellsReadBack`).
    static func cellsWorkbook() -> (Workbook, texts: [String], numbers: [Double], days: [Day]) {
        let texts = ["1.1.1", "1.2", "0012", "2024-01-01", "01/01/2001", "=1+1", "+33 1", "-5", "@x", "  espaces  ", "a\nb",
                     "tab\tx", "cr\rlf", "<b>&amp;</b> \"'", "_x0041_", "_X00e9_ et _x12_", "ctrl\u{7}\u{1}fin", "é€𝄞 ✓", "\u{FFFE}"]
        var s = Worksheet(name: "Essai", columns: [Column("texte"), Column("nombre"), Column("date")], frozenColumns: 1)
        let numbers: [Double] = [21.5, -2_805_515.12, 1e-7, 1e16, 0, -0.0, 2350, 0.1 + 0.2]
        let days = [Day(year: 2024, month: 2, day: 29)!, Day(year: 1900, month: 3, day: 1)!, Day(year: 2026, month: 12, day: 31)!]
        for (i, t) in texts.enumerated() {
            s.append([.text(t), i < numbers.count ? .number(numbers[i], .fitting(numbers[i])) : .empty,
                      i < days.count ? .date(days[i]) : .empty])
        }
        s.append([.number(.nan, .integer), .number(.infinity, .integer), .date(Day(year: 1899, month: 12, day: 31)!)])
        return (Workbook(title: "Titre « essai »", sheets: [s, Worksheet(name: "Essai", columns: [])]), texts, numbers, days)
    }

    /// Every kind of cell, read back with its type and value: texts stay texts whatever they
    /// look like (identifiers, leading zeros, formulas, XML markup, control characters,
    /// SpreadsheetML's own escapes — decoded as Excel and LibreOffice decode them), numbers
    /// are numbers, dates are dates.
    func testCellsReadBack() throws {
        let (workbook, texts, numbers, days) = SheetWriterTests.cellsWorkbook()
        let dir = try temporaryFolder("copc-classeur")
        try write(workbook, to: dir + "/e.xlsx")
        let book = try ReadWorkbook(dir + "/e.xlsx")
        XCTAssertEqual(book.title, "Titre « essai »")
        XCTAssertEqual(book.sheets.map(\.name), ["Essai", "Essai (2)"])
        XCTAssertEqual(book.sheets[0].frozen, "B2")
        XCTAssertEqual(book.sheets[1].frozen, "A2")
        XCTAssertEqual(book.sheets[0].filter, "A1:C\(texts.count + 2)")
        let rows = book.sheet("Essai")
        XCTAssertEqual(rows[0].map { $0?.text }, ["texte", "nombre", "date"])
        for (i, t) in texts.enumerated() {
            // XML reads a lone carriage return as written only when it is escaped (`&#13;`).
            XCTAssertEqual(rows[i + 1][0]?.text, t, "texte \(i)")
            XCTAssertEqual(rows[i + 1][0]?.format, "@")
            if i < numbers.count {
                XCTAssertEqual(rows[i + 1][1]?.number, numbers[i], "nombre \(i)")
            }
            if i < days.count { XCTAssertEqual(rows[i + 1][2]?.date, days[i].description) }
        }
        XCTAssertEqual(rows[1][1]?.format, "#,##0.0")
        let last = rows[texts.count + 1]
        XCTAssertEqual(last.map { $0?.text }, ["NaN", "∞", "1899-12-31"])
    }

    /// openpyxl reads the same cells as the tests' reader (skipped without openpyxl): the
    /// workbook of every kind of cell, a contract's and a bilan's. openpyxl does not decode
    /// SpreadsheetML's `_xHHHH_` escapes: its texts are compared once decoded.
    func testOpenpyxlReadsWhatTheTestsRead() throws {
        try XCTSkipUnless(pythonModulesInstalled(["openpyxl"]), "openpyxl absent (pip install openpyxl)")
        let dir = try temporaryFolder("copc-openpyxl")
        var books = [("cellules", SheetWriterTests.cellsWorkbook().0)]
        let (_, v1) = rendered()
        books.append(("contrat", SheetExport.workbook(v1)))
        let afso = Driver.check(sources: try sources(of: repositoryRoot + "/contracts/exemples/suivi-annuel-fictif"),
                                options: CheckOptions(au: testDate))
        books.append(("bilan", try XCTUnwrap(BilanReport.make(try XCTUnwrap(afso.contracts.first), year: 2024, files: afso.fileTable)).workbook()))
        var compared = 0
        for (name, book) in books {
            let path = dir + "/\(name).xlsx"
            try write(book, to: path)
            let ours = try ReadWorkbook(path), theirs = try ReadWorkbook(openpyxl: path)
            XCTAssertEqual(ours.title, theirs.title)
            XCTAssertEqual(ours.sheets.map(\.name), theirs.sheets.map(\.name))
            for (a, b) in zip(ours.sheets, theirs.sheets) {
                XCTAssertEqual(a.frozen, b.frozen, "\(name) \(a.name)")
                XCTAssertEqual(a.filter, b.filter, "\(name) \(a.name)")
                // (openpyxl gives a width of 0 to the one column of an empty sheet)
                func trimmed(_ w: [Double]) -> [Double] { Array(w.reversed().drop { $0 == 0 }.reversed()) }
                XCTAssertEqual(trimmed(a.widths), trimmed(b.widths), "\(name) \(a.name)")
                XCTAssertEqual(a.rows.count, b.rows.count, "\(name) \(a.name)")
                for (r, (x, y)) in zip(a.rows, b.rows).enumerated() {
                    XCTAssertEqual(x.count, y.count, "\(name) \(a.name) \(r)")
                    for (k, (c, d)) in zip(x, y).enumerated() {
                        let decoded = d.map { d in d.type == "s" ? ReadCell(type: "s", value: decodeSpreadsheetEscapes(d.text ?? ""), format: d.format) : d }
                        XCTAssertEqual(c, decoded, "\(name) \(a.name) \(r):\(k)")
                        compared += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 500)
    }

    func testLimitsAreRefusedWithAPlace() throws {
        var s = Worksheet(name: "Longue", columns: [Column("a"), Column("b")])
        s.append([.empty, .text(String(repeating: "é", count: 32_767))])
        XCTAssertNoThrow(try Workbook(sheets: [s]).xlsx())
        s.append([.empty, .text(String(repeating: "𝄞", count: 16_384))])
        XCTAssertThrowsError(try Workbook(sheets: [s]).xlsx()) { e in
            XCTAssertEqual(e as? SheetError, .textTooLong(sheet: "Longue", cell: "B3"))
            XCTAssertTrue((e as? SheetError)?.message.contains("B3") ?? false)
        }
        var wide = Worksheet(name: "Large", columns: [])
        wide.append([Cell](repeating: .empty, count: 16_385))
        XCTAssertThrowsError(try Workbook(sheets: [wide]).xlsx()) { e in
            XCTAssertEqual(e as? SheetError, .tooManyCells(sheet: "Large"))
        }
    }

    /// The same workbook gives the same bytes (no date, no random name inside).
    func testDeterministic() throws {
        let (_, v1) = rendered()
        XCTAssertEqual(try SheetExport.workbook(v1).xlsx(), try SheetExport.workbook(v1).xlsx())
    }
}

/// `copc rendre --format xlsx` and `copc bilan --format xlsx` against the model: every cell a
/// person reads is read back by openpyxl and compared with the value the model holds.
final class SheetExportTests: XCTestCase {
    /// Each indicator row and each action row of every contract folder of the repository.
    func testRendreWorkbookAgainstTheModel() throws {
        let dir = try temporaryFolder("copc-rendre-xlsx")
        var numbers = 0, dates = 0, identifiers = 0
        for folder in try contractFolders(under: repositoryRoot + "/contracts") {
            let result = Driver.check(sources: try sources(of: folder), options: CheckOptions(au: testDate))
            for contract in result.contracts {
                guard let version = contract.versions.last, let id = contract.id else { continue }
                let doc = ContractDocument(contract: contract, version: version, files: result.fileTable)
                let path = dir + "/\(id).xlsx"
                try write(SheetExport.workbook(doc), to: path)
                let book = try ReadWorkbook(path)
                XCTAssertEqual(book.sheets.map(\.name), ["Indicateurs", "Actions"])
                XCTAssertEqual(book.sheets.map(\.frozen), ["C2", "B2"])
                let firstYear = doc.period?.start.year

                // Indicators: one row per label of its targets.
                let indicators = book.sheet("Indicateurs")
                let header = indicators[0].map { $0?.text ?? "" }
                var r = 1
                for s in doc.sections {
                    for i in s.indicators {
                        var labels: [String?] = []
                        for p in i.properties where p.key == .cible && !labels.contains(where: { $0 == p.label }) { labels.append(p.label) }
                        labels = labels.filter { $0 == nil } + labels.filter { $0 != nil }
                        if labels.isEmpty { labels = [nil] }
                        let chain = TargetChain(i, firstYear: firstYear)
                        for label in labels {
                            guard r < indicators.count else { XCTFail("\(id): rows missing"); break }
                            let row = indicators[r]
                            XCTAssertEqual(row[0]?.text, i.id, "\(id) row \(r)")
                            XCTAssertEqual(row[1]?.text, label)
                            identifiers += 1
                            for (c, y) in doc.years.enumerated() {
                                let col = 14 + c
                                XCTAssertEqual(header[col], "cible \(y)")
                                let cell = col < row.count ? row[col] : nil
                                let props = i.properties
                                guard let k = props.indices.first(where: { (j: Int) -> Bool in
                                    props[j].key == .cible && props[j].year == y && props[j].label == label
                                }) else {
                                    XCTAssertEqual(cell?.text, i.declinedTargets ? "déclinée" : nil, "\(id) \(i.id ?? "") \(y)")
                                    continue
                                }
                                let p = i.properties[k]
                                // The model's number in the indicator's unit, converted here by scale.
                                var expected: Double?
                                switch p.value {
                                case .target(.quantity(let q)):
                                    expected = inUnit(q.value, q.unit, i.unit)
                                case .target(let t) where t.dependsOnOtherValue:
                                    if case .quantity(let v)? = chain[property: k].value?.shape {
                                        expected = inUnit(v, chain[property: k].value?.unit, i.unit)
                                    }
                                default: break
                                }
                                if i.declinedTargets {
                                    XCTAssertEqual(cell?.text, "déclinée")
                                } else if let expected {
                                    let got = try XCTUnwrap(cell?.number, "\(id) \(i.id ?? "") \(y): \(String(describing: cell))")
                                    XCTAssertEqual(got, expected, accuracy: 1e-9 * max(1, abs(expected)), "\(id) \(i.id ?? "") \(y)")
                                    numbers += 1
                                } else {
                                    XCTAssertEqual(cell?.text, doc.targetText(p), "\(id) \(i.id ?? "") \(y)")
                                }
                            }
                            r += 1
                        }
                    }
                }
                XCTAssertEqual(r, indicators.count, "\(id): as many rows as indicators and labels")

                // Actions: one row per deadline and step, its window as dates.
                let actions = book.sheet("Actions")
                r = 1
                for s in doc.sections {
                    for a in s.actions {
                        let ds = doc.deadlines(a)
                        if ds.isEmpty { XCTAssertEqual(actions[r][0]?.text, a.id); r += 1 }
                        for p in ds {
                            let row = actions[r]
                            XCTAssertEqual(row[0]?.text, a.id, "\(id) row \(r)")
                            XCTAssertEqual(row[8]?.text, doc.asWritten(p))
                            identifiers += 1
                            if let w = doc.window(p) {
                                XCTAssertEqual(row[9]?.date, w.start.description, "\(id) \(a.id ?? "")")
                                XCTAssertEqual(row[10]?.date, w.end.description)
                                dates += 2
                            } else {
                                XCTAssertNil(row.count > 9 ? row[9] : nil)
                            }
                            let n = p.provenance.avenant
                            XCTAssertEqual(row.count > 11 ? row[11]?.number : nil, n > 0 ? Double(n) : nil)
                            r += 1
                        }
                    }
                }
                XCTAssertEqual(r, actions.count, "\(id): as many rows as deadlines")
            }
        }
        XCTAssertGreaterThan(numbers, 50)
        XCTAssertGreaterThan(dates, 100)
        XCTAssertGreaterThan(identifiers, 150)
    }

    /// A relative target is the number it resolves to, its words in the last column; labelled
    /// targets give one row per label; a base in M€ of an indicator in k€ is in k€.
    func testRelativeAndLabelledTargets() throws {
        let text = """
            contrat C1 « Contrat »
              type : COP
              période : 2024 .. 2026
              signé le : 2024-01-10
            référent DGOS « Direction générale de l'offre de soins »
            axe 1 « Axe »
            objectif 1.1 « Objectif »
              pilote : DGOS
            indicateur 1.1.a « Taux »
              unité : %
              sens : hausse
              base 2023 : 20 %
              cible 2024 : 20 %
              cible 2025 : +2 points
              cible 2026 : maintien
            indicateur 1.1.b « Dépenses »
              unité : k€
              sens : baisse
              base 2023 : 2,5 M€
              cible 2024 (fonctionnement) : 2 400 k€
              cible 2025 (fonctionnement) : 2,3 M€
              cible 2024 (investissement) : au moins 100 k€
            """
        let result = Driver.check(sources: [("c.cop", Array(text.utf8))], options: CheckOptions(au: testDate))
        let c = try XCTUnwrap(result.contracts.first)
        let doc = ContractDocument(contract: c, version: c.versions[0], files: result.fileTable)
        let dir = try temporaryFolder("copc-relatif")
        try write(SheetExport.workbook(doc, tables: [.indicators]), to: dir + "/r.xlsx")
        let rows = try ReadWorkbook(dir + "/r.xlsx").sheet("Indicateurs")
        XCTAssertEqual(rows.count, 4)
        // 1.1.a: 20, 22, 22; the relative ones as written at the end.
        XCTAssertEqual(rows[1][14]?.number, 20)
        XCTAssertEqual(try XCTUnwrap(rows[1][15]?.number), 22, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(rows[1][16]?.number), 22, accuracy: 1e-9)
        XCTAssertEqual(rows[1][17]?.text, "2025 : +2 points ; 2026 : maintien")
        XCTAssertEqual(rows[1][14]?.format, "#,##0\"\u{00A0}%\"")
        // 1.1.b: a row per label, values in k€, the base converted.
        XCTAssertEqual(rows[2][1]?.text, "fonctionnement")
        XCTAssertEqual(rows[2][11]?.number, 2500)
        XCTAssertEqual(rows[2][12]?.number, 2023)
        XCTAssertEqual(rows[2][14]?.number, 2400)
        XCTAssertEqual(rows[2][15]?.number, 2300)
        XCTAssertEqual(rows[3][1]?.text, "investissement")
        XCTAssertEqual(rows[3][14]?.text, "au moins 100 k€")
        XCTAssertNil(rows[3].count > 15 ? rows[3][15] : nil)
    }

    /// The bilan's three tables: each réalisé, target, gap, date and progress against the report.
    func testBilanWorkbookAgainstTheReport() throws {
        let dir = try temporaryFolder("copc-bilan-xlsx")
        var checked = 0
        for folder in ["contracts/exemples/suivi-annuel-fictif", "contracts/cop-cng-2021-2025"] {
            let result = Driver.check(sources: try sources(of: repositoryRoot + "/" + folder), options: CheckOptions(au: testDate))
            let contract = try XCTUnwrap(result.contracts.first)
            let report = try XCTUnwrap(BilanReport.make(contract, year: nil, files: result.fileTable))
            let path = dir + "/\(contract.id ?? "c").xlsx"
            try write(report.workbook(), to: path)
            let book = try ReadWorkbook(path)
            XCTAssertEqual(book.sheets.map(\.name), ["Actions", "Indicateurs", "Risques"])
            XCTAssertEqual(book.title, "Bilan \(report.year) — \(report.contractId) — \(report.contractTitle ?? "")")
            let actions = book.sheet("Actions"), indicators = book.sheet("Indicateurs")
            var a = 1, i = 1
            for s in report.sections {
                for o in s.objectives {
                    for row in o.actions {
                        let cells = actions[a]
                        XCTAssertEqual(cells[3]?.text, row.id)
                        XCTAssertEqual(cells[1]?.text, o.heading?.id)
                        XCTAssertEqual(cells[7]?.number, row.progressValue)
                        XCTAssertEqual(cells[8]?.date, row.completed?.description)
                        a += 1
                        checked += 1
                    }
                    for r in o.indicators {
                        for p in r.trajectory {
                            let cells = indicators[i] + [ReadCell?](repeating: nil, count: 15)
                            XCTAssertEqual(cells[2]?.text, r.id)
                            XCTAssertEqual(cells[6]?.number, Double(p.year))
                            if case .value(.quantity(let q))? = p.realized, let v = inUnit(q.value, q.unit, r.unit) {
                                XCTAssertEqual(try XCTUnwrap(cells[10]?.number, "\(r.id) \(p.year)"), v, accuracy: 1e-9 * max(1, abs(v)))
                                checked += 1
                            } else {
                                XCTAssertNil(cells[10])
                            }
                            switch p.goal?.value {
                            case .quantity(let q)?, .bound(_, let q)?:
                                let v: Double = try XCTUnwrap(inUnit(q.value, q.unit, r.unit))
                                let got: Double = try XCTUnwrap(cells[8]?.number, "\(r.id) \(p.year)")
                                XCTAssertEqual(got, v, accuracy: 1e-9 * max(1, abs(v)))
                            default:
                                XCTAssertNil(cells[8])
                            }
                            if case .missed(let g)? = p.attainment, !g.french.isEmpty {
                                XCTAssertEqual(try XCTUnwrap(cells[12]?.number), g.difference, accuracy: 1e-9)
                                XCTAssertEqual(cells[13]?.number, g.relative)
                            } else {
                                XCTAssertNil(cells[12])
                            }
                            i += 1
                        }
                    }
                }
            }
            XCTAssertEqual(a, actions.count)
            XCTAssertEqual(i, indicators.count)
            XCTAssertEqual(book.sheet("Risques").count, report.riskRows.count + 1)
        }
        XCTAssertGreaterThan(checked, 40)
    }

    /// Issue 22's case: 2.1.a is in k€ and its 2023 réalisé is written `2,35 M€`: the cell is
    /// 2350, shown in k€.
    func testRealizedInAnotherUnitOfTheFamilyIsConverted() throws {
        let result = Driver.check(sources: try sources(of: repositoryRoot + "/contracts/exemples/suivi-annuel-fictif"),
                                  options: CheckOptions(au: testDate))
        let report = try XCTUnwrap(BilanReport.make(try XCTUnwrap(result.contracts.first), year: 2024, files: result.fileTable))
        let dir = try temporaryFolder("copc-bilan-unite")
        try write(report.workbook(), to: dir + "/b.xlsx")
        let row = try XCTUnwrap(try ReadWorkbook(dir + "/b.xlsx").sheet("Indicateurs").first {
            $0[2]?.text == "2.1.a" && $0[6]?.number == 2023
        })
        XCTAssertEqual(row[9]?.text, "2,35 M€")
        XCTAssertEqual(row[10]?.number, 2350)
        XCTAssertEqual(row[10]?.format, "#,##0\"\u{00A0}k€\"")
    }
}

/// The workbooks through LibreOffice Calc (`soffice --headless --convert-to csv`): every text
/// cell comes back as the same text — action numbers 1.1.1, 1.2.1 are not dates —, every
/// number as a number of the same value, every date as a date.
final class SheetLibreOfficeTests: XCTestCase {
    func testIdentifiersAndNumbersSurviveLibreOffice() throws {
        try XCTSkipUnless(toolInstalled("soffice") && toolInstalled("python3"), "LibreOffice (soffice) ou python3 absent")
        let dir = try temporaryFolder("copc-libreoffice")
        var books: [(String, Workbook)] = []
        let cng = Driver.check(sources: try sources(of: repositoryRoot + "/contracts/cop-cng-2021-2025"), options: CheckOptions(au: testDate))
        let c = try XCTUnwrap(cng.contracts.first)
        books.append(("cng", SheetExport.workbook(ContractDocument(contract: c, version: try XCTUnwrap(c.versions.last), files: cng.fileTable))))
        let afso = Driver.check(sources: try sources(of: repositoryRoot + "/contracts/exemples/suivi-annuel-fictif"),
                                options: CheckOptions(au: testDate))
        books.append(("bilan", try XCTUnwrap(BilanReport.make(try XCTUnwrap(afso.contracts.first), year: 2024, files: afso.fileTable)).workbook()))
        // Texts that look like something else, and SpreadsheetML's escapes, read as written.
        let tricky = ["1.1.1", "1.2.1", "0012", "2024-01-01", "=1+1", "-5", "  espaces  ", "_x0041_", "_X00e9_ et _x12_", "_x1_", "_x_ _x00041_",
                      "ctrl\u{7}fin", "<b>&amp;</b> \"'", "é€𝄞 ✓"]
        var t = Worksheet(name: "Textes", columns: [Column("texte")])
        for x in tricky { t.append([.text(x)]) }
        try write(Workbook(sheets: [t]), to: dir + "/textes.xlsx")
        let read = try XCTUnwrap(try readRendering(["csv-libreoffice", dir + "/textes.xlsx", dir]) as? [String: [[[String: Any]]]])
        XCTAssertEqual(read["Textes"]?.dropFirst().map { $0.first?["v"] as? String }, tricky)
        XCTAssertEqual(read["Textes"]?.dropFirst().map { $0.first?["texte"] as? Bool }, tricky.map { _ in true })

        var texts = 0, numbers = 0, dates = 0
        var converted: [String: [String: [[[String: Any]]]]] = [:]
        for (name, book) in books {
            let path = dir + "/\(name).xlsx"
            try write(book, to: path)
            let calc = try XCTUnwrap(try readRendering(["csv-libreoffice", path, dir]) as? [String: [[[String: Any]]]])
            converted[name] = calc
            let ours = try ReadWorkbook(path)
            XCTAssertEqual(Set(calc.keys), Set(ours.sheets.map(\.name)))
            for sheet in ours.sheets {
                let rows = try XCTUnwrap(calc[sheet.name])
                XCTAssertEqual(rows.count, sheet.rows.count, "\(name) \(sheet.name)")
                for (r, row) in sheet.rows.enumerated() where r < rows.count {
                    for (k, cell) in row.enumerated() {
                        let field = k < rows[r].count ? rows[r][k] : ["texte": false, "v": ""]
                        let quoted = field["texte"] as? Bool ?? false, value = field["v"] as? String ?? ""
                        guard let cell else { XCTAssertEqual(value, "", "\(name) \(sheet.name) \(r):\(k)"); continue }
                        if let t = cell.text {
                            XCTAssertTrue(quoted, "\(name) \(sheet.name) \(r):\(k) « \(t) » read as a \(value)")
                            XCTAssertEqual(value, t)
                            texts += 1
                        } else if let n = cell.number {
                            XCTAssertFalse(quoted, "\(name) \(sheet.name) \(r):\(k)")
                            // A percentage comes with its sign even as a raw value (`-10%`).
                            let read = value.hasSuffix("%") ? Double(value.dropLast()).map { $0 / 100 } : Double(value)
                            XCTAssertEqual(try XCTUnwrap(read, "\(value)"), n, accuracy: 1e-9 * max(1, abs(n)))
                            numbers += 1
                        } else if let d = cell.date {
                            // Raw values: LibreOffice writes dates MM/DD/YYYY.
                            XCTAssertFalse(quoted)
                            let parts = value.split(separator: "/")
                            XCTAssertEqual(parts.count == 3 ? "\(parts[2])-\(parts[0])-\(parts[1])" : value, d)
                            dates += 1
                        }
                    }
                }
            }
        }
        // The identifiers the CSV turned into dates.
        let actions = converted["cng"]?["Actions"]
        XCTAssertTrue(actions?.contains { $0.first?["v"] as? String == "1.2.1" && $0.first?["texte"] as? Bool == true } ?? false)
        XCTAssertGreaterThan(texts, 500)
        XCTAssertGreaterThan(numbers, 40)
        XCTAssertGreaterThan(dates, 100)
    }
}

/// `copc rendre --format xlsx` and `copc bilan --format xlsx` run as a user runs them.
final class SheetCLITests: XCTestCase {
    func run(_ args: [String]) throws -> (status: Int32, out: Data, err: String) {
        let p = Process()
        p.executableURL = builtCopc
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, o, String(decoding: e, as: UTF8.self))
    }

    /// Runs `command` on a terminal (script(1)): its status and what the terminal showed.
    func onTerminal(_ command: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", command, "/dev/null"]
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self))
    }

    func testRendreAndBilanWriteWorkbooks() throws {
        let dir = try temporaryFolder("copc-xlsx-cli")
        let cng = repositoryRoot + "/contracts/cop-cng-2021-2025"
        // Both tables without --table, one with it.
        var r = try run(["rendre", cng, "--format", "xlsx", "-o", dir + "/cng.xlsx"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out.count, 0)
        XCTAssertEqual(try ReadWorkbook(dir + "/cng.xlsx").sheets.map(\.name), ["Indicateurs", "Actions"])
        r = try run(["rendre", cng, "--format", "xlsx", "--table", "actions", "-o", dir + "/actions.xlsx"])
        XCTAssertEqual(r.status, 0, r.err)
        let actions = try ReadWorkbook(dir + "/actions.xlsx")
        XCTAssertEqual(actions.sheets.map(\.name), ["Actions"])
        XCTAssertEqual(actions.sheet("Actions")[1][0]?.text, "1.1.1")
        // Standard output that is not a terminal (a pipe) gets the bytes: the same file.
        r = try run(["rendre", cng, "--format", "xlsx", "--table", "actions"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, try Data(contentsOf: URL(fileURLWithPath: dir + "/actions.xlsx")))
        XCTAssertEqual(Array(r.out.prefix(4)), [0x50, 0x4B, 0x03, 0x04])
        // The bilan: three sheets.
        r = try run(["bilan", repositoryRoot + "/contracts/exemples/suivi-annuel-fictif", "--format", "xlsx", "-o", dir + "/bilan.xlsx"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try ReadWorkbook(dir + "/bilan.xlsx").sheets.map(\.name), ["Actions", "Indicateurs", "Risques"])
    }

    /// A binary file is never written on a terminal: -o is asked for, nothing is written.
    func testNeverOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            XCTFail("script(1) est nécessaire pour donner un terminal à copc")
            return
        }
        let cng = repositoryRoot + "/contracts/cop-cng-2021-2025"
        for args in [["rendre", cng, "--format", "xlsx"], ["rendre", cng, "--format", "xlsx", "-o", "-"],
                     ["rendre", cng, "--format", "xlsx", "-o", "/dev/tty"], ["rendre", cng, "--format", "xlsx", "-o", "/dev/stdout"],
                     ["bilan", repositoryRoot + "/contracts/exemples/suivi-annuel-fictif", "--format", "xlsx"]] {
            let (status, shown) = try onTerminal(([builtCopc.path] + args).joined(separator: " "))
            XCTAssertEqual(status, 2, "\(args)")
            XCTAssertTrue(shown.contains("le format xlsx est binaire et ne s'écrit pas sur un terminal : donnez -o FICHIER.xlsx"), shown)
            XCTAssertFalse(shown.contains("PK"), "\(args)")
        }
        // Redirected to a file from a terminal: written.
        let dir = try temporaryFolder("copc-xlsx-terminal")
        let (status, _) = try onTerminal(([builtCopc.path, "rendre", cng, "--format", "xlsx"]).joined(separator: " ") + " > " + dir + "/r.xlsx")
        XCTAssertEqual(status, 0)
        XCTAssertEqual(try ReadWorkbook(dir + "/r.xlsx").sheets.count, 2)
    }

    /// The workbook goes through copc's one writer (`writeResult`): never over a file read
    /// (also through a link), `-o -` and `/dev/stdout` are standard output, nothing is written
    /// when a file read could not be decoded.
    func testWorkbookGoesThroughTheOneWriter() throws {
        let dir = try temporaryFolder("copc-xlsx-writer")
        let cng = repositoryRoot + "/contracts/cop-cng-2021-2025"
        try FileManager.default.copyItem(atPath: cng, toPath: dir + "/cng")
        let contract = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: dir + "/cng").first { $0.hasSuffix(".cop") })
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/cng/" + contract))
        try FileManager.default.createSymbolicLink(atPath: dir + "/lien.xlsx", withDestinationPath: dir + "/cng/" + contract)
        for target in [dir + "/cng/" + contract, dir + "/lien.xlsx"] {
            let r = try run(["rendre", dir + "/cng", "--format", "xlsx", "-o", target])
            XCTAssertEqual(r.status, 2, target)
            XCTAssertTrue(r.err.contains("désigne un fichier d'entrée"), r.err)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/cng/" + contract)), before)
        }
        let piped = try run(["rendre", dir + "/cng", "--format", "xlsx", "-o", "-"])
        XCTAssertEqual(piped.status, 0, piped.err)
        XCTAssertEqual(try ReadWorkbook(swiftBytes: Array(piped.out)).sheets.map(\.name), ["Indicateurs", "Actions"])
        let stdout = try run(["bilan", repositoryRoot + "/contracts/exemples/suivi-annuel-fictif", "--format", "xlsx", "-o", "/dev/stdout"])
        XCTAssertEqual(stdout.status, 0, stdout.err)
        XCTAssertEqual(try ReadWorkbook(swiftBytes: Array(stdout.out)).sheets.map(\.name), ["Actions", "Indicateurs", "Risques"])
        // An avenant in Windows-1252 beside the contract: nothing is written.
        _ = FileManager.default.createFile(atPath: dir + "/cng/avenant-latin.cop",
                                           contents: Data("avenant 9 au contrat COP-CNG « Délai »\n".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))
        let refused = try run(["rendre", dir + "/cng", "--format", "xlsx", "-o", dir + "/r.xlsx"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.err.contains("rien n'est écrit"), refused.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/r.xlsx"))
    }

    func testBadUsage() throws {
        let cng = repositoryRoot + "/contracts/cop-cng-2021-2025"
        for (args, message) in [
            (["rendre", cng, "--format", "html", "--table", "actions"], "--table ne s'emploie qu'avec --format csv ou xlsx"),
            (["rendre", cng, "--format", "xlsx", "--table", "cibles"], "tableau inconnu « cibles »"),
            (["bilan", cng, "--format", "xls"], "format inconnu « xls » (formats possibles : markdown, html, csv, json, xlsx) ; vouliez-vous dire « xlsx » ?"),
        ] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertEqual(r.out.count, 0)
            XCTAssertTrue(r.err.contains(message), "\(args): \(r.err)")
        }
    }
}

/// `scripts/capture-classeur.sh`: usage, a missing copc, and whole runs with LibreOffice and
/// pdftoppm (a contract with bilans, one without).
final class CaptureClasseurScriptTests: XCTestCase {
    func run(_ args: [String], copc: String = builtCopc.path) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [repositoryRoot + "/scripts/capture-classeur.sh"] + args
        var env = ProcessInfo.processInfo.environment
        env["COPC"] = copc
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func testUsageAndMissingCopc() throws {
        let usage = try run([])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.err.contains("usage : scripts/capture-classeur.sh"), usage.err)
        let missing = try run(["contracts/cop-cng-2021-2025", NSTemporaryDirectory()], copc: "/nonexistent/copc")
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.err.contains("copc introuvable"), missing.err)
    }

    func testCapturesWorkbooks() throws {
        try XCTSkipUnless(toolInstalled("soffice") && toolInstalled("pdftoppm"), "LibreOffice (soffice) ou pdftoppm absent")
        let out = try temporaryFolder("copc-capture-classeur")
        let r = try run([repositoryRoot + "/contracts/exemples/suivi-annuel-fictif", out + "/afso"])
        XCTAssertEqual(r.status, 0, r.err)
        let files = try FileManager.default.contentsOfDirectory(atPath: out + "/afso")
        for name in ["contrat.xlsx", "contrat.pdf", "contrat-1.png", "bilan.xlsx", "bilan.pdf", "bilan-1.png", "bilan-3.png"] {
            XCTAssertTrue(files.contains(name), "\(name) in \(files)")
        }
        let png = try Data(contentsOf: URL(fileURLWithPath: out + "/afso/bilan-1.png"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        // Without bilans, the contract's workbook alone.
        let ofe = try run([repositoryRoot + "/contracts/exemples/cop-fictif-ofe-2023-2027", out + "/ofe"])
        XCTAssertEqual(ofe.status, 0, ofe.err)
        let ofeFiles = try FileManager.default.contentsOfDirectory(atPath: out + "/ofe")
        XCTAssertTrue(ofeFiles.contains("contrat-1.png"))
        XCTAssertFalse(ofeFiles.contains { $0.hasPrefix("bilan") })
    }
}
