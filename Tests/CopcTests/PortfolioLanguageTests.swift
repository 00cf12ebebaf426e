import XCTest
import Foundation
import CopcLanguage
import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcModel
import CopcFormat
import CopcDriver
import CopcRules
import CopcLSP
import CopcRender
import CopcPortfolio

/// The language of the portfolio (issue 26, first part): `tutelle` and `succède à` on a
/// contract, `organisme ID « nom »` with `catégorie`, `tutelle` and `contrat attendu` in an
/// annuaire — read, modelled, emitted, formatted, completed — and the checks COP210-212.
final class PortfolioLanguageTests: XCTestCase {
    static let annuaire = """
    annuaire OPERATEURS « Opérateurs »
    référent MASA « Ministère de l'agriculture »
    référent MTE « Ministère de la transition écologique »
    organisme ONF « Office national des forêts »
      catégorie : EPIC
      tutelle : MASA, MTE
      contrat attendu : oui
      texte : « Opérateur de l'État »
    organisme IGN « Institut géographique »
      tutelle : MTE

    """

    static let ancien = """
    contrat COP-ONF-2016-2020 « COP de l'ONF 2016-2020 »
      utilise « annuaire.cop »
      organisme : ONF
      période : 2016 .. 2020

    """

    static let nouveau = """
    contrat COP-ONF-2021-2025 « COP de l'ONF 2021-2025 »
      utilise « annuaire.cop »
      organisme : ONF
      tutelle : MASA, MTE
      succède à : COP-ONF-2016-2020
      signataires : MASA, ONF
      période : 2021 .. 2025

    """

    static var files: [(String, String)] { [("annuaire.cop", annuaire), ("ancien.cop", ancien), ("nouveau.cop", nouveau)] }

    func testAnOrganismeIsADeclarationOfTheAnnuaireAndAReferent() throws {
        let result = Driver.check(sources: Self.files.map { ($0.0, Array($0.1.utf8)) }, options: CheckOptions(au: testDate))
        XCTAssertEqual(summary(result.diagnostics), [], "organisme : ONF and signataires : ONF resolve to the organisme")
        let annuaire = try XCTUnwrap(result.files.first { $0.model.kind == .annuaire }?.model)
        let onf = try XCTUnwrap(annuaire.declarations.first { $0.id == "ONF" })
        XCTAssertEqual(onf.kind, .organisme)
        XCTAssertEqual(onf.title, "Office national des forêts")
        XCTAssertEqual(onf.text(.categorie), "EPIC")
        XCTAssertEqual(onf.referents(.tutelle).map(\.spelling), ["MASA", "MTE"])
        XCTAssertTrue(onf.expectsContract)
        let ign = try XCTUnwrap(annuaire.declarations.first { $0.id == "IGN" })
        XCTAssertFalse(ign.expectsContract, "contrat attendu defaults to non")
        XCTAssertEqual(BodiesWithoutContract.expected(result.workspace).compactMap(\.id), ["ONF"])

        let contract = try XCTUnwrap(result.contracts.first { $0.id == "COP-ONF-2021-2025" })
        let header = contract.versions[0].header
        XCTAssertEqual(header.referents(.tutelle).map(\.spelling), ["MASA", "MTE"])
        XCTAssertEqual(header.predecessor, "COP-ONF-2016-2020")
        XCTAssertEqual(contract.versions[0].referents["ONF"]?.kind, .organisme)
    }

    func testContratAttenduIsAPropertyNotAContractHeader() {
        let text = "annuaire A « A »\norganisme X « X »\n  contrat attendu : oui\n  CONTRAT ATTENDU : non\n"
        let syntax = Parser.parse(SourceFile(path: "a.cop", text: text))
        XCTAssertEqual(syntax.lines.map(\.role), [.header(.annuaire), .header(.organisme), .property, .property])
        XCTAssertEqual(syntax.lines[2].key, .contratAttendu)
        XCTAssertEqual(summary(check(text)).filter { $0.hasSuffix("COP107") }, ["4:COP107"], "the same key twice")
        // The survey of a file named alone reads the same roles: the annuaire's first element
        // ends at the organisme, not at its `contrat attendu` line.
        XCTAssertEqual(Survey.header(of: Array(text.utf8), whole: true).kind, .annuaire)
        // `contrat` followed by another word is still a header (`contrat C « … »`).
        XCTAssertEqual(Parser.parse(SourceFile(path: "c.cop", text: "contrat attendu2 « x »\n")).lines.map(\.role), [.header(.contrat)])
    }

    func testMisplacedOrganismeAndInvalidValues() {
        XCTAssertEqual(summary(check("contrat C « C »\n  période : 2021 .. 2025\norganisme O « O »\n")), ["3:COP105"])
        XCTAssertEqual(summary(check([("c.cop", "contrat C « C »\n  période : 2021 .. 2025\n"),
                                      ("a.cop", "avenant 1 au contrat C « a »\n  signé le : 2021-06-01\nmodifier organisme O\n")])), ["3:COP102"])
        let invalid = check("contrat C « C »\n  succède à : « deux mots »\n  période : 2021 .. 2025\n")
        XCTAssertEqual(summary(invalid), ["2:COP103"])
        XCTAssertTrue(invalid[0].text.contains("identifiant de contrat invalide"), invalid[0].text)
        XCTAssertEqual(summary(check("annuaire A « A »\norganisme O « O »\n  contrat attendu : peut-être\n")), ["3:COP103"])
        XCTAssertEqual(summary(check("annuaire A « A »\norganisme O « O »\n  tutelle : INCONNU\n")), ["3:COP201"])
    }

    func testEmitWritesTutellesPredecessorAndOrganismes() throws {
        let result = Driver.check(sources: Self.files.map { ($0.0, Array($0.1.utf8)) }, options: CheckOptions(au: testDate))
        let contract = try XCTUnwrap(result.contracts.first { $0.id == "COP-ONF-2021-2025" })
        let ir = IR.emit(contract, version: contract.versions[0], files: result.fileTable)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(ir.utf8)) as? [String: Any])
        let contrat = try XCTUnwrap(json["contrat"] as? [String: Any])
        XCTAssertEqual(contrat["tutelles"] as? [String], ["MASA", "MTE"])
        XCTAssertEqual(contrat["succede_a"] as? String, "COP-ONF-2016-2020")
        let referents = try XCTUnwrap(json["referents"] as? [[String: Any]])
        let onf = try XCTUnwrap(referents.first { $0["id"] as? String == "ONF" })
        let organisme = try XCTUnwrap(onf["organisme"] as? [String: Any])
        XCTAssertEqual(organisme["categorie"] as? String, "EPIC")
        XCTAssertEqual(organisme["tutelles"] as? [String], ["MASA", "MTE"])
        XCTAssertEqual(organisme["contrat_attendu"] as? Bool, true)
        XCTAssertNil(referents.first { $0["id"] as? String == "MASA" }?["organisme"], "a référent has no organisme block")
        let ancien = try XCTUnwrap(result.contracts.first { $0.id == "COP-ONF-2016-2020" })
        let old = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(IR.emit(ancien, version: ancien.versions[0], files: result.fileTable).utf8)) as? [String: Any])
        XCTAssertTrue((old["contrat"] as? [String: Any])?["succede_a"] is NSNull)
        XCTAssertEqual((old["contrat"] as? [String: Any])?["tutelles"] as? [String], [])
    }

    func testRenderedDocumentsNameTheTutellesAndThePredecessor() throws {
        let result = Driver.check(sources: Self.files.map { ($0.0, Array($0.1.utf8)) }, options: CheckOptions(au: testDate))
        let contract = try XCTUnwrap(result.contracts.first { $0.id == "COP-ONF-2021-2025" })
        let doc = ContractDocument(contract: contract, version: contract.versions[0], files: result.fileTable)
        let md = MarkdownDocument.render(doc)
        XCTAssertTrue(md.contains("- **Tutelles** : Ministère de l'agriculture (MASA), Ministère de la transition écologique (MTE)\n"), md)
        XCTAssertTrue(md.contains("- **Succède à** : COP-ONF-2016-2020\n"), md)
        XCTAssertTrue(md.contains("- **Organisme** : Office national des forêts (ONF)\n"), "an organisme is named like a référent")
        let html = HTMLDocument.render(doc)
        XCTAssertTrue(html.contains("Tutelles"), html)
        XCTAssertTrue(html.contains("COP-ONF-2016-2020"))
    }

    func testFormatterKeepsTheOrganismesWithTheDeclarations() throws {
        let messy = "annuaire A « A »\nréférent MASA « M »\norganisme   ONF   « Office »\ncatégorie:EPIC\n   contrat   attendu : oui\norganisme IGN\n"
        guard case .formatted(let out) = Formatter.format(path: "a.cop", text: messy) else {
            return XCTFail("refused")
        }
        XCTAssertEqual(out, "annuaire A « A »\n\nréférent MASA « M »\norganisme ONF « Office »\n  catégorie : EPIC\n  contrat attendu : oui\norganisme IGN\n")
        guard case .formatted(let again) = Formatter.format(path: "a.cop", text: out) else { return XCTFail("refused") }
        XCTAssertEqual(again, out)
    }

    /// A contract named alone is checked with the contract it renews, found below the root: no
    /// COP210 for a predecessor that exists, and COP211 as the folder check says it.
    func testANamedContractIsCheckedWithItsPredecessor() throws {
        let dir = scratchRoot + "copc-pf-\(UUID().uuidString)"
        let files = ["annuaire.cop": Self.annuaire.replacingOccurrences(of: "utilise", with: "utilise"),
                     "onf/ancien/contrat.cop": Self.ancien.replacingOccurrences(of: "« annuaire.cop »", with: "« ../../annuaire.cop »"),
                     "onf/ancien/avenant-1.cop": "avenant 1 au contrat COP-ONF-2016-2020 « Prorogation »\n  signé le : 2020-10-01\nmodifier contrat\n  période : 2016 .. 2021\n",
                     "onf/nouveau/contrat.cop": Self.nouveau.replacingOccurrences(of: "« annuaire.cop »", with: "« ../../annuaire.cop »"),
                     "copc.toml": "exclure = []\n"]
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let options = CheckOptions(au: testDate)
        let folder = try Driver.check(paths: [dir], options: options)
        XCTAssertEqual(folder.diagnostics.map(\.code), [.cop211])
        let named = try Driver.check(paths: [dir + "/onf/nouveau/contrat.cop"], options: options)
        XCTAssertEqual(named.diagnostics.map(\.code), [.cop211], named.diagnostics.map(\.text).joined(separator: "\n"))
        XCTAssertTrue(named.diagnostics[0].text.contains("2016-01-01 .. 2021-12-31"), "the predecessor's avenant was read")
        // The successor's folder checked alone: the same, and the predecessor is only context —
        // its own diagnostics (here a COP303 added to it) are not reported, a portfolio of the
        // folder does not list it. Without the context, COP210 « inconnu ».
        try (Self.ancien.replacingOccurrences(of: "« annuaire.cop »", with: "« ../../annuaire.cop »")
             + "\nobjectif 1 « O »\nindicateur 1.a « I »\n  unité : %\n  cible 2021 : à fixer par avenant\n")
            .write(toFile: dir + "/onf/ancien/contrat.cop", atomically: true, encoding: .utf8)
        let whole = try Driver.check(paths: [dir], options: options)
        XCTAssertTrue(whole.diagnostics.contains { $0.path.hasSuffix("ancien/contrat.cop") }, "near miss: the folder of both reports it")
        let sub = try Driver.check(paths: [dir + "/onf/nouveau"], options: options)
        XCTAssertEqual(sub.diagnostics.map(\.code), [.cop211], sub.diagnostics.map(\.text).joined(separator: "\n"))
        XCTAssertEqual(sub.contextOnly.count, 2)
        let portfolio = Portfolio.make(sub, day: testDate, grouping: .tutelle)
        XCTAssertEqual(portfolio.contracts.map(\.id), ["COP-ONF-2021-2025"])
        XCTAssertEqual(portfolio.contracts[0].predecessor, "COP-ONF-2016-2020")
    }

    func testCompletionOfTheNewKeysAndValues() throws {
        let folder = try LSPFixture.folder(["annuaire.cop": Self.annuaire, "ancien.cop": Self.ancien, "nouveau.cop": Self.nouveau])
        let h = ServerHarness(root: folder)
        let typed = Self.nouveau.replacingOccurrences(of: "  succède à : COP-ONF-2016-2020\n", with: "  succède à : \n")
        h.open("nouveau.cop", typed)
        h.wait()
        let ids = (h.at("textDocument/completion", "nouveau.cop", 4, 14)["items"]?.array ?? []).compactMap { $0["label"]?.string }
        XCTAssertTrue(ids.contains("COP-ONF-2016-2020") && !ids.contains("COP-ONF-2021-2025"), "\(ids)")
        let keys = Self.nouveau.replacingOccurrences(of: "  tutelle : MASA, MTE\n", with: "  tu\n")
        h.change("nouveau.cop", version: 2, keys)
        let labels = (h.at("textDocument/completion", "nouveau.cop", 3, 4)["items"]?.array ?? []).compactMap { $0["label"]?.string }
        XCTAssertTrue(labels.contains("tutelle") && labels.contains("succède à"), "\(labels)")
        let tutelle = Self.nouveau.replacingOccurrences(of: "  tutelle : MASA, MTE\n", with: "  tutelle : M\n")
        h.change("nouveau.cop", version: 3, tutelle)
        let refs = (h.at("textDocument/completion", "nouveau.cop", 3, 13)["items"]?.array ?? []).compactMap { $0["label"]?.string }
        XCTAssertTrue(refs.contains("MASA") && refs.contains("ONF"), "an organisme is proposed as a référent: \(refs)")
        h.open("annuaire.cop", Self.annuaire + "org")
        let heads = (h.at("textDocument/completion", "annuaire.cop", 11, 3)["items"]?.array ?? []).compactMap { $0["label"]?.string }
        XCTAssertTrue(heads.contains("organisme"), "\(heads)")
        let body = Self.annuaire.replacingOccurrences(of: "  contrat attendu : oui\n", with: "  con\n")
        h.change("annuaire.cop", version: 2, body)
        let organismeKeys = (h.at("textDocument/completion", "annuaire.cop", 6, 5)["items"]?.array ?? []).compactMap { $0["label"]?.string }
        XCTAssertTrue(organismeKeys.contains("contrat attendu") && organismeKeys.contains("catégorie"), "\(organismeKeys)")
    }
}
