import XCTest
import Foundation
import CopcSource
import CopcModel
import CopcDriver
@testable import CopcRender
import CopcSema

/// Issue 22, item 6: the rendered contract is the signed document — a signature page from
/// `signataires` (« Fait à …, le … », quality and name from the annuaire, blanks where the
/// document has blanks), `approuvé le`, délai labels in words, pilots and référents by name
/// with their id apart, an annex of what each avenant removed with its motif, and CSV year
/// columns that hold only numbers.
final class RenderSignedDocumentTests: XCTestCase {
    static let contract = """
    contrat S1 « Contrat signé »
      type : COP
      signataires : DGOS, CNG
      période : 2021 .. 2023
      fait à : Paris
      approuvé le : 2021-03-12
    référent DGOS « Direction générale de l'offre de soins »
      personne : « Katia JULIENNE »
      fonction : « La directrice générale de l'offre de soins »
    référent CNG « Centre national de gestion »
    axe 1 « Axe »
    objectif 1.1 « Objectif »
      pilote : DGOS
    action 1.1.1 « Action à deux délais »
      pilote : CNG
      délai (plan-formation-directeurs) : fin 2022
      délai (bourses-à-l-emploi) : 2023
    action 1.1.2 « Action supprimée par l'avenant »
      délai : 2022
    indicateur 1.1.a « Taux »
      unité : %
      base 2020 : 20 %
      cible 2021 : 21 %
      cible 2022 : +2 points
      cible 2023 : ≥ N-1
    indicateur 1.1.b « Dépenses »
      unité : k€
      cible 2021 .. 2023 : ≤ 2,2 M€

    """
    static let avenant = """
    avenant 1 au contrat S1 « Retrait d'une action »
      signé le : 2022-06-30
      motif : « Revue à mi-parcours »
    supprimer action 1.1.2
      motif : « Action reprise par le plan national »

    """

    func documents() -> (ContractDocument, ContractDocument) {
        let result = Driver.check(sources: [("s/contrat.cop", Array(Self.contract.utf8)), ("s/avenant-1.cop", Array(Self.avenant.utf8))],
                                  options: CheckOptions(au: testDate))
        let c = result.contracts[0]
        return (ContractDocument(contract: c, version: c.versions[0], files: result.fileTable),
                ContractDocument(contract: c, version: c.versions[1], files: result.fileTable))
    }

    func testSignaturePageApprovalAndNames() throws {
        let (v0, _) = documents()
        let html = HTMLDocument.render(v0)
        XCTAssertTrue(parseXML(html).isWellFormed)
        // No `signé le`: the date is a blank, as on the paper document; the place is written.
        XCTAssertTrue(html.contains("Fait à Paris, le ………………"), html)
        XCTAssertTrue(html.contains("La directrice générale de l\u{2019}offre de soins") || html.contains("La directrice générale de l'offre de soins"))
        XCTAssertTrue(html.contains("<p class=\"nom\">Katia JULIENNE</p>"), html)
        // CNG has neither fonction nor personne: its title as quality, a blank for the name.
        XCTAssertTrue(html.contains("Centre national de gestion <small class=\"sigle\">CNG</small></p><p class=\"nom\">………………</p>"), html)
        XCTAssertTrue(html.contains("<dt>Approuvé le</dt><dd>12\u{00A0}mars 2021</dd>"), html)
        // Pilots by name, their id in small type; labels in words, never as raw tags.
        XCTAssertTrue(html.contains("Direction générale de l\u{2019}offre de soins <small class=\"sigle\">DGOS</small>")
                      || html.contains("Direction générale de l'offre de soins <small class=\"sigle\">DGOS</small>"), html)
        XCTAssertTrue(html.contains("Centre national de gestion <small class=\"sigle\">CNG</small>"))
        XCTAssertTrue(html.contains("Plan formation directeurs\u{00A0}: fin 2022"), html)
        XCTAssertTrue(html.contains("Bourses à l\u{2019}emploi") || html.contains("Bourses à l'emploi"), html)
        XCTAssertFalse(html.contains("délai (plan-formation-directeurs)"))
        let md = MarkdownDocument.render(v0)
        XCTAssertTrue(md.contains("## Signatures"), md)
        XCTAssertTrue(md.contains("Fait à Paris, le ………………"), md)
        XCTAssertTrue(md.contains("**Katia JULIENNE**"), md)
        XCTAssertTrue(md.contains("- **Approuvé le** : 12\u{00A0}mars 2021"), md)
        XCTAssertTrue(md.contains("Plan formation directeurs\u{00A0}: fin 2022"), md)
        XCTAssertTrue(md.contains("Centre national de gestion (CNG)"), md)
    }

    func testSignatureDateWhenGiven() throws {
        let signed = Self.contract.replacingOccurrences(of: "  fait à : Paris\n", with: "  signé le : 2021-04-02\n")
        let result = Driver.check(sources: [("s/contrat.cop", Array(signed.utf8))], options: CheckOptions(au: testDate))
        let c = result.contracts[0]
        let doc = ContractDocument(contract: c, version: c.versions[0], files: result.fileTable)
        XCTAssertEqual(HTMLDocument.signatureLine(doc), "Fait à ………………, le 2\u{00A0}avril 2021")
        // The IR carries the place of signature.
        let (v0, _) = documents()
        XCTAssertTrue(IR.emit(v0.contract, version: v0.version, files: v0.files).contains("\"fait_a\": \"Paris\""))
        XCTAssertTrue(IR.emit(c, version: c.versions[0], files: result.fileTable).contains("\"fait_a\": null"))
    }

    func testRemovedElementsAnnex() throws {
        let (v0, v1) = documents()
        XCTAssertTrue(v0.removals.isEmpty)
        let r = try XCTUnwrap(v1.removals.first)
        XCTAssertEqual(r.version, 1)
        XCTAssertEqual(r.id, "1.1.2")
        XCTAssertEqual(r.title, "Action supprimée par l'avenant")
        XCTAssertEqual(r.motif, "Action reprise par le plan national")
        XCTAssertFalse(r.present)
        let html = HTMLDocument.render(v1)
        XCTAssertTrue(html.contains("Éléments supprimés par avenant"))
        XCTAssertTrue(html.contains("Action reprise par le plan national"))
        XCTAssertFalse(HTMLDocument.render(v0).contains("Éléments supprimés par avenant"))
        let md = MarkdownDocument.render(v1)
        XCTAssertTrue(md.contains("| avenant n° 1 | action 1.1.2 |"), md)
    }

    func testCSVYearColumnsHoldOnlyNumbers() throws {
        let (v0, _) = documents()
        let csv = CSVExport.render(v0, table: .indicators)
        let lines = csv.dropFirst().components(separatedBy: "\r\n")
        let header = lines[0].components(separatedBy: ";")
        XCTAssertEqual(Array(header.suffix(6)), ["cible 2021", "cible 2021 telle qu'écrite", "cible 2022", "cible 2022 telle qu'écrite",
                                                 "cible 2023", "cible 2023 telle qu'écrite"])
        let a = lines[1].components(separatedBy: ";")
        // 21 ; +2 points resolved to 23 ; ≥ N-1 is not known from the contract alone: empty.
        XCTAssertEqual(Array(a.suffix(6)), ["21", "21 %", "23", "'+2 points", "", "≥ N-1"])
        let b = lines[2].components(separatedBy: ";")
        XCTAssertEqual(Array(b.suffix(2)), ["2200", "≤ 2,2 M€"], "converted into the indicator's unit")
        // Every numeric year column reads as a number or is empty.
        for line in lines.dropFirst() where !line.isEmpty {
            let cells = line.components(separatedBy: ";")
            for (k, name) in header.enumerated() where name.hasPrefix("cible ") && !name.hasSuffix("écrite") {
                let cell = cells[k]
                XCTAssertTrue(cell.isEmpty || Double(cell.replacingOccurrences(of: ",", with: ".")) != nil, "\(name) : \(cell)")
            }
        }
    }
}
