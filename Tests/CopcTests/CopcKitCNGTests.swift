import XCTest
import Foundation
import CopcKit
import CopcModel
import CopcDriver
import CopcSema
import CopcDiagnostics
import CopcSource

/// CopcKit on real text: the CNG contract written in Swift (CopcKitCNG.swift) against its `.cop` files.
final class CopcKitCNGTests: XCTestCase {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../contracts/cop-cng-2021-2025").standardized

    func textSources() throws -> [(String, [UInt8])] {
        try ["annuaire.cop", "contrat.cop"].map { name in
            (name, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    func testIRIsByteIdenticalToTheText() throws {
        let text = Driver.check(sources: try textSources(), options: CheckOptions.today())
        guard case .success(let contract) = text.contracts.select("COP-CNG"), let latest = contract.version(.latest) else {
            return XCTFail("le contrat CNG du texte est introuvable")
        }
        let expected = IR.emit(contract, version: latest, files: text.fileTable)
        let swift = CopcKit.emit(annuaireCNG(), contratCNG())
        XCTAssertNotNil(swift)
        XCTAssertEqual(swift, expected)
        XCTAssertEqual(CopcKit.emit(annuaireCNG(), contratCNG(), version: 0), expected, "aucun avenant : version 0 = dernière")
        XCTAssertNil(CopcKit.emit(annuaireCNG(), contratCNG(), version: 1))
    }

    func testSameCodesAndMessagesAtTheSwiftLines() throws {
        let text = Driver.check(sources: try textSources(), options: CheckOptions.today())
        let swift = CopcKit.check(annuaireCNG(), contratCNG())
        XCTAssertEqual(text.diagnostics.count, 42)
        XCTAssertEqual(swift.map(\.code), text.diagnostics.map(\.code.rawValue))
        XCTAssertEqual(swift.map(\.message), text.diagnostics.map(\.message.text))
        // Each diagnostic is at the Swift line that built the element the text points at.
        let kitFile = #filePath.replacingOccurrences(of: "CopcKitCNGTests.swift", with: "CopcKitCNG.swift")
        let kitLines = try String(contentsOfFile: kitFile, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for (t, s) in zip(text.diagnostics, swift) {
            XCTAssertEqual(s.fichier, kitFile)
            guard let span = t.span else { continue }
            let copLine = span.file.text(span.file.lineRange(span.start.line)).trimmingCharacters(in: .whitespaces)
            let words = copLine.split(separator: " ")
            guard words.count > 1 else { XCTFail("ligne vide : \(copLine)"); continue }
            let swiftLine = String(kitLines[s.ligne - 1])
            if ["objectif", "indicateur", "action", "axe"].contains(String(words[0])) {
                XCTAssertTrue(swiftLine.contains("(\"\(words[1])\""), "\(s) : « \(swiftLine) » devrait construire \(words[0]) \(words[1])")
            } else if words[0] == "cible" {
                XCTAssertTrue(swiftLine.contains(".cible(\(words[1])"), "\(s) : « \(swiftLine) »")
            }
        }
    }

    func testPrintedSourceIsAcceptedAndGivesTheSameIR() throws {
        let contrat = CopcKit.source(contratCNG())
        let annuaire = CopcKit.source(annuaireCNG())
        let printed = Driver.check(sources: [("annuaire.cop", Array(annuaire.utf8)), ("contrat.cop", Array(contrat.utf8))],
                                   options: CheckOptions.today())
        XCTAssertEqual(printed.diagnostics.map(\.code.rawValue), CopcKit.check(annuaireCNG(), contratCNG()).map(\.code))
        guard case .success(let c) = printed.contracts.select("COP-CNG"), let v = c.version(.latest) else { return XCTFail() }
        XCTAssertEqual(IR.emit(c, version: v, files: printed.fileTable), CopcKit.emit(annuaireCNG(), contratCNG()))
    }
}

