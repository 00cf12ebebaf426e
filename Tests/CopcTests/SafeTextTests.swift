import XCTest
import Foundation
import CopcLanguage
import CopcSema
import CopcModel
import CopcDriver
import CopcDiff
import CopcRender
import CopcBilan

/// Spreadsheet- and terminal-safe text (issue 21, item 4), through the real outputs: hostile
/// texts in every text position of a contract, an avenant and a bilan — titles, ids `-1+2` and
/// `+A1`, sources, analyses, livrables, difficultés, mesures correctives — never become a live
/// formula in CSV, never markup or a link in Markdown, never a raw control character anywhere.
final class SafeTextTests: XCTestCase {
    static let esc = "\u{1B}", bel = "\u{07}"
    static let contract = """
    contrat C « =HYPERLINK(\"http://x\";\"clic\") \(esc)[31mrouge\(esc)]52;c;SGVsbG8=\(bel) »
      période : 2022 .. 2024
      signé le : 2022-01-20
      bilan annuel : avant le 15 mars N+1
    référent O « @SUM(A1) »
    axe 1 « <img src=x onerror=alert(1)> »
    objectif 1.1 « [x](javascript:alert(1)) »
      pilote : O
    action -1+2 « +A1 ![](http://evil/x.png) »
      délai : fin 2023
      pilote : O
    indicateur +A1 « <script>alert(1)</script> »
      unité : nombre
      source : « -2+3 | cellule »
      méthode : « =1+1 »
      base 2021 : -2 806
      cible 2022 : 10
      cible 2023 : 20
      cible 2024 : 30

    """
    static let avenant = """
    avenant 1 au contrat C « @avenant <b>gras</b> »
      signé le : 2022-06-30
    modifier indicateur +A1
      cible 2024 : 40
      motif : « =motif\(esc)[2J »

    """
    static let bilan = """
    bilan 2023 du contrat C « -bilan »
      établi le : 2024-03-08
    indicateur +A1
      réalisé : 15
      analyse : « =analyse <script>x</script> [l](javascript:y) »
    action -1+2
      état : reporté
      nouveau délai : S1 2024
      risque : élevé
      livrable : « +livrable »
      difficulté : « @difficulte\(bel) »
      mesure corrective : « -mesure »

    """

    func outputs() throws -> [(String, String)] {
        let files = [("contrat.cop", Array(Self.contract.utf8)), ("avenant-1.cop", Array(Self.avenant.utf8)), ("bilan-2023.cop", Array(Self.bilan.utf8))]
        let result = Driver.check(sources: files, options: CheckOptions(au: testDate))
        let c = try XCTUnwrap(result.contracts.first)
        XCTAssertEqual(c.versions.count, 2)
        var out: [(String, String)] = []
        for v in c.versions {
            let doc = ContractDocument(contract: c, version: v, files: result.fileTable)
            out += [("rendre-\(v.number).html", HTMLDocument.render(doc)), ("rendre-\(v.number).md", MarkdownDocument.render(doc)),
                    ("rendre-\(v.number)-indicateurs.csv", CSVExport.render(doc, table: .indicators)),
                    ("rendre-\(v.number)-actions.csv", CSVExport.render(doc, table: .actions)),
                    ("calendrier-\(v.number).ics", ContractCalendar.render(doc))]
        }
        let report = try XCTUnwrap(BilanReport.make(c, year: 2023, files: result.fileTable))
        out += [("bilan.md", report.markdown()), ("bilan.csv", report.csv()), ("bilan.html", report.html()), ("bilan.json", report.json())]
        let changes = SemanticDiff.compare(DiffSide(version: c.versions[0], files: result.fileTable), DiffSide(version: c.versions[1], files: result.fileTable),
                                           avenants: c.avenants)
        let diff = DiffReport(contract: c.id, title: c.versions[0].header.title, from: DiffEndpoint(version: 0), to: DiffEndpoint(version: 1),
                              changes: changes, clauseTexts: DiffReport.clauseTexts(of: c.avenants, files: result.fileTable))
        out += [("diff.txt", diff.text(color: false)), ("diff.md", diff.markdown()), ("diff.html", diff.html()), ("diff.json", diff.json())]
        return out
    }

    /// RFC 4180 fields of a `;` CSV.
    static func cells(_ csv: String) -> [String] {
        var cells: [String] = [], field = "", quoted = false
        var it = Array(csv.unicodeScalars).makeIterator()
        var pendingQuote = false
        while let u = it.next() {
            if quoted {
                if pendingQuote { pendingQuote = false; if u == "\"" { field.unicodeScalars.append(u); continue } else { quoted = false } }
                else if u == "\"" { pendingQuote = true; continue } else { field.unicodeScalars.append(u); continue }
            }
            if u == "\"" && field.isEmpty { quoted = true; continue }
            if u == ";" || u == "\n" { cells.append(field); field = ""; continue }
            if u == "\r" { continue }
            field.unicodeScalars.append(u)
        }
        cells.append(field)
        return cells
    }

    func testNoOutputCarriesAFormulaMarkupOrAControlCharacter() throws {
        let all = try outputs()
        var csvCells = 0
        for (name, text) in all {
            // No raw control character but line ends and tabs, in any output.
            for u in text.unicodeScalars where (u.value < 0x20 && u != "\n" && u != "\r" && u != "\t") || (0x7F...0x9F).contains(u.value) {
                XCTFail("\(name) : caractère de commande brut U+\(String(u.value, radix: 16))")
                break
            }
            if name.hasSuffix(".csv") {
                for cell in Self.cells(text) {
                    csvCells += 1
                    let numeral = cell.range(of: "^-?[0-9]+(,[0-9]+)?$", options: .regularExpression) != nil
                    if let f = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f), !numeral {
                        XCTFail("\(name) : cellule formule « \(cell) »")
                    }
                }
            }
            if name.hasSuffix(".md") {
                // Markup is live only when its first character is not escaped by a backslash.
                for bad in ["<img", "<script", "](javascript:", "![](", "<b>"] {
                    let pieces = text.components(separatedBy: bad)
                    for piece in pieces.dropLast() where !piece.hasSuffix("\\") {
                        XCTFail("\(name) : « \(bad) » non échappé")
                        break
                    }
                }
                // Every table row is whole: a text never breaks one.
                for line in text.split(separator: "\n") where line.hasPrefix("|") {
                    XCTAssertTrue(line.hasSuffix("|"), "\(name) : ligne de tableau coupée « \(line) »")
                }
            }
        }
        XCTAssertGreaterThan(csvCells, 100)
        // The guarded texts are still there, behind their apostrophe.
        let bilanCSV = try XCTUnwrap(all.first { $0.0 == "bilan.csv" }).1
        for guarded in ["'-1+2", "'+A1", "'+livrable", "'-mesure", "'=analyse"] { XCTAssertTrue(bilanCSV.contains(guarded), guarded) }
        let actions = try XCTUnwrap(all.first { $0.0 == "rendre-1-actions.csv" }).1
        XCTAssertTrue(actions.contains("'-1+2"))
        let indicators = try XCTUnwrap(all.first { $0.0 == "rendre-1-indicateurs.csv" }).1
        XCTAssertTrue(indicators.contains("'+A1") && indicators.contains("'-2+3") && indicators.contains("'=1+1"), indicators)
        XCTAssertTrue(indicators.contains(";-2806;"), "a number stays a number: \(indicators)")
        // Markdown shows what was written, escaped; the terminal sees `\x1B`, never ESC.
        let md = try XCTUnwrap(all.first { $0.0 == "bilan.md" }).1
        XCTAssertTrue(md.contains("\\<script\\>"), md)
        let rendered = try XCTUnwrap(all.first { $0.0 == "rendre-1.md" }).1
        XCTAssertTrue(rendered.contains("\\x1B"), rendered)
    }
}
