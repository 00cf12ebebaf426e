import XCTest
import Foundation
import CopcSource
import CopcLanguage
import CopcModel
import CopcDriver
import CopcSema
import CopcDiagnostics
import CopcLSP
import CopcDiff
import CopcRender
import CopcBilan
import CopcFrench

/// No trap on any input (issue 21): every value position of every element kind — contract,
/// avenant, bilan — holding an extreme number (`ValuePositions`: digit runs of 1 to 400 digits,
/// 2⁶³ and its neighbours, signs, many decimals) goes through the check, `emit` of every
/// version, `rendre` in every format, `calendrier`, `bilan` in every format, `diff` in every
/// format and the language server (hover on every line, completion). A trap kills the test
/// run; every output is also checked for what a reader must never see.
final class ValueExtremesTests: XCTestCase {
    /// Everything copc can produce from one workspace.
    func everyOutput(_ files: [(String, [UInt8])]) -> [String] {
        let result = Driver.check(sources: files, options: CheckOptions(au: testDate))
        var outputs: [String] = []
        for c in result.contracts {
            for v in c.versions {
                outputs.append(IR.emit(c, version: v, files: result.fileTable))
                let doc = ContractDocument(contract: c, version: v, files: result.fileTable)
                outputs.append(HTMLDocument.render(doc))
                outputs.append(MarkdownDocument.render(doc))
                outputs.append(CSVExport.render(doc, table: .indicators))
                outputs.append(CSVExport.render(doc, table: .actions))
                outputs.append(ContractCalendar.render(doc))
                if case .success(let cop) = SourceDocument.render(c, version: v, files: result.fileTable) { outputs.append(cop) }
            }
            for year in Set(c.bilans.compactMap(\.year)).sorted() {
                if let report = BilanReport.make(c, year: year, files: result.fileTable) {
                    outputs += [report.markdown(), report.html(), report.csv(), report.json()]
                }
            }
            if c.versions.count > 1 {
                let changes = SemanticDiff.compare(DiffSide(version: c.versions[0], files: result.fileTable),
                                                   DiffSide(version: c.versions[c.versions.count - 1], files: result.fileTable),
                                                   avenants: c.avenants)
                let report = DiffReport(contract: c.id, title: c.versions[0].header.title, from: DiffEndpoint(version: 0),
                                        to: DiffEndpoint(version: c.versions.count - 1), changes: changes,
                                        clauseTexts: DiffReport.clauseTexts(of: c.avenants, files: result.fileTable))
                outputs += [report.text(color: false), report.markdown(), report.html(), report.json()]
            }
        }
        outputs.append(DiagnosticRenderer.human(result.diagnostics, color: false))
        return outputs
    }

    func testEveryValuePositionTakesExtremeNumbersThroughEveryOutput() {
        var runs = 0
        let all = ProcessInfo.processInfo.environment["COPC_VALEURS_EXTREMES"] == "toutes"
        for (slot, value) in ValuePositions.all(numbers: all ? ValuePositions.numbers : ValuePositions.everyday) {
            let outputs = everyOutput(ValuePositions.files(slot: slot, value: value))
            for o in outputs where o.contains("nan") && o.contains("inf") {
                XCTFail("\(slot) = \(value.prefix(40)) : sortie avec nan/inf")
            }
            runs += 1
        }
        XCTAssertGreaterThan(runs, 800)
    }

    /// The language server: hover on every line of the three files, and completion at the end
    /// of each value, for the longest digit runs in every position.
    func testLanguageServerHoversEveryLineWithExtremeNumbers() throws {
        let numbers = ["9223372036854775808", String(repeating: "9", count: 400)]
        for (slot, value) in ValuePositions.all(numbers: numbers) {
            let files = ValuePositions.files(slot: slot, value: value)
            var texts: [String: String] = [:]
            for (name, bytes) in files { texts[name] = String(decoding: bytes, as: UTF8.self) }
            let h = ServerHarness(root: try LSPFixture.folder(texts))
            for (name, text) in texts {
                h.open(name, text)
                for (line, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    _ = h.at("textDocument/hover", name, line, 2)
                    _ = h.at("textDocument/hover", name, line, max(0, content.count - 1))
                    _ = h.at("textDocument/completion", name, line, content.count)
                }
            }
        }
    }

    /// The reproductions of issues 21 and 22: a digit run past 2⁶³ in a deadline, a step, a
    /// new deadline, a period and a target's year; a resolved relative target far beyond 2⁶³
    /// (COP403 wording it, the language server hovering it with `sens : hausse`).
    func testReproductionsOfTheIssues() throws {
        for text in ["délai : x 9223372036854775808", "étape « E » : 9223372036854775808", "délai : fin 2023 x 9999999999999999999"] {
            let src = "contrat C « C »\n  période : 2022 .. 2024\naxe 1 « A »\nobjectif 1.1 « O »\naction 1.1.1 « A »\n  " + text + "\n"
            XCTAssertTrue(check(src).contains { $0.code.rawValue == "COP103" }, text)
        }
        XCTAssertFalse(check("contrat C « C »\n  période : 9223372036854775808 .. 2024\n").isEmpty)
        let huge = """
        contrat C « C »
          période : 2021 .. 2023
        axe 1 « A »
        objectif 1.1 « O »
        indicateur 1.1.a « I »
          unité : nombre
          sens : à la baisse
          cible 2021 : 100000000000000
          cible 2022 : +1000000 % par an
          cible 2023 : +1000000 % par an

        """
        let ds = check(huge)
        let cop403 = try XCTUnwrap(ds.first { $0.code.rawValue == "COP403" }, ds.map(\.text).joined(separator: "\n"))
        // The resolved value is written in French, grouped or scientific, never as `1e+24`.
        XCTAssertTrue(cop403.text.contains("(1\u{202F}000\u{202F}100\u{202F}000\u{202F}000\u{202F}000\u{202F}000)"), cop403.text)
        XCTAssertFalse(cop403.text.contains("e+"), cop403.text)
        for sens in ["hausse", "baisse"] {
            let text = huge.replacingOccurrences(of: "à la baisse", with: sens)
            let h = ServerHarness(root: try LSPFixture.folder(["c.cop": text]))
            h.open("c.cop", text)
            for line in 0..<10 { _ = h.at("textDocument/hover", "c.cop", line, 4) }
            let hover = h.at("textDocument/hover", "c.cop", 8, 4)["contents"]?["value"]?.string ?? ""
            XCTAssertTrue(hover.contains("soit 1\u{202F}000\u{202F}100\u{202F}000"), hover)
        }
    }
}
