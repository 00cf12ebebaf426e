import XCTest
import Foundation
import CopcSema
import CopcDriver
import CopcModel
import CopcLanguage
import CopcDiagnostics

/// The IR keeps a relative target as written and its resolved value (design §3.5), and the new
/// properties (`poids`, `moyens`, `avis`, `cumul`); all of it validates against the schema.
final class RelativeTargetEmitTests: XCTestCase {
    static let contract = """
    contrat C « Cibles relatives »
      période : 2021 .. 2025
      avis « CGEFI » le : 2020-12-01
      moyens 2021 : 12,5 M€
      moyens (ETP) 2021 : 350
    objectif 1 « O »
      poids : 20 %
    indicateur 1.a « Taux »
      unité : %
      cumul : oui
      poids : 1/3
      base 2020 : 50 %
      cible 2021 : +2 points
      cible 2022 : +5 % par an
      cible 2023 : maintien
      cible 2024 : -10 % par rapport à 2021
      cible 2025 : ≥ N-1
    indicateur 1.b « Nombre »
      unité : nombre
      cible 2021 : à fixer par avenant
      cible 2022 : maintien
      cible 2023 .. 2025 : 300 cumulés

    """

    func emitted() throws -> [String: Any] {
        let result = Driver.check(sources: [("c.cop", Array(Self.contract.utf8))], options: CheckOptions(au: testDate))
        let unit = try XCTUnwrap(result.contracts.first)
        let json = IR.emit(unit, version: unit.versions.last!, files: result.fileTable)
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let schemaData = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/grammar/ir.schema.json"))
        let schema = try JSONSerialization.jsonObject(with: schemaData) as! [String: Any]
        var errors: [String] = []
        SchemaValidator(root: schema).validate(value, schema, "$", &errors)
        XCTAssertEqual(errors, [])
        return value
    }

    func targets(_ ir: [String: Any], _ path: [Int]) -> [[String: Any]] {
        var e = (ir["elements"] as! [[String: Any]])[path[0]]
        for k in path.dropFirst() { e = (e["enfants"] as! [[String: Any]])[k] }
        return e["cibles"] as! [[String: Any]]
    }

    func testRelativeTargetsKeepTheFormAndTheResolvedValue() throws {
        let ir = try emitted()
        let t = targets(ir, [0, 0])
        func value(_ k: Int) -> [String: Any] { t[k]["valeur"] as! [String: Any] }
        func resolved(_ k: Int) -> Double? { (value(k)["resolue"] as? [String: Any])?["nombre"] as? Double }
        XCTAssertEqual(value(0)["genre"] as? String, "écart en points")
        XCTAssertEqual(t[0]["texte_source"] as? String, "+2 points")
        XCTAssertEqual(resolved(0), 52)
        XCTAssertEqual(value(1)["genre"] as? String, "évolution annuelle")
        XCTAssertEqual(resolved(1), 54.6)
        XCTAssertEqual(value(2)["genre"] as? String, "maintien")
        XCTAssertEqual(resolved(2), 54.6)
        XCTAssertEqual(value(3)["annee_reference"] as? Int, 2021)
        XCTAssertEqual(resolved(3), 46.8)
        XCTAssertEqual((value(3)["resolue"] as? [String: Any])?["unite"] as? String, "%")
        XCTAssertEqual(value(4)["genre"] as? String, "au moins le réalisé N-1")
        XCTAssertTrue(value(4)["resolue"] is NSNull, "≥ N-1 waits for the réalisé")
        // A chain broken by a pending year: no value.
        let b = targets(ir, [0, 1])
        XCTAssertTrue((b[1]["valeur"] as! [String: Any])["resolue"] is NSNull)
        XCTAssertEqual((b[2]["valeur"] as! [String: Any])["genre"] as? String, "cumulée")
        XCTAssertEqual((b[2]["valeur"] as! [String: Any])["nombre"] as? Double, 300)
        XCTAssertEqual(((b[2]["valeur"] as! [String: Any])["resolue"] as? [String: Any])?["nombre"] as? Double, 300)
        XCTAssertNil((b[0]["valeur"] as! [String: Any])["resolue"], "a target of the first table has no resolved value of its own")
    }

    func testWeightsResourcesOpinionsAndCumulAreEmitted() throws {
        let ir = try emitted()
        let contrat = ir["contrat"] as! [String: Any]
        let avis = contrat["avis"] as! [[String: Any]]
        XCTAssertEqual(avis.first?["organisme"] as? String, "CGEFI")
        XCTAssertEqual(avis.first?["date"] as? String, "2020-12-01")
        let moyens = contrat["moyens"] as! [[String: Any]]
        XCTAssertEqual(moyens.map { $0["libelle"] as? String }, [nil, "ETP"])
        XCTAssertEqual(moyens.map { $0["nombre"] as? Double }, [12.5, 350])
        let objective = (ir["elements"] as! [[String: Any]])[0]
        XCTAssertEqual((objective["poids"] as? [String: Any])?["fraction"] as? String, "1/5")
        let indicator = (objective["enfants"] as! [[String: Any]])[0]
        XCTAssertEqual((indicator["poids"] as? [String: Any])?["fraction"] as? String, "1/3")
        XCTAssertEqual(indicator["cumul"] as? Bool, true)
        XCTAssertNil((objective["enfants"] as! [[String: Any]])[1]["cumul"], "cumul is written only when set")
    }

    /// An avenant gives its own `avis`, replaces a year's `moyens` and a `poids`, and mends a
    /// broken chain: no COP103 once it is in force.
    func testAvenantAmendsResourcesWeightsAndChains() throws {
        let contract = """
        contrat C « C »
          période : 2021 .. 2023
          signé le : 2021-01-15
          moyens 2022 : 10 M€
        objectif 1 « O1 »
          poids : 1/2
        objectif 2 « O2 »
          poids : 1/3
        indicateur 2.a « Taux »
          unité : %
          cible 2021 : à fixer par avenant
          cible 2022 : +2 points

        """
        let avenant = """
        avenant 1 au contrat C « Révision »
          signé le : 2021-06-30
          avis « CGEFI » le : 2021-06-01
        modifier contrat
          moyens 2022 : 12 M€
        modifier objectif 2
          poids : 1/2
        modifier indicateur 2.a
          cible 2021 : 40 %

        """
        let sources = [("c.cop", Array(contract.utf8)), ("a1.cop", Array(avenant.utf8))]
        let early = Driver.check(sources: sources, options: CheckOptions(au: Day(year: 2021, month: 3, day: 1)!))
        XCTAssertTrue(early.diagnostics.contains { $0.code.rawValue == "COP103" }, "before the avenant, the chain is broken")
        let result = Driver.check(sources: sources, options: CheckOptions(au: testDate))
        XCTAssertFalse(result.diagnostics.contains { $0.code.rawValue == "COP103" }, "\(result.diagnostics.map(\.text))")
        // The signed text's weights were wrong: reported once, at their source, as every check
        // on every version (the avenant's weights add up).
        XCTAssertEqual(result.diagnostics.filter { $0.code.rawValue == "COP405" }.map(\.text), ["les poids des 2 objectifs du contrat C totalisent 5/6, et non 1"])
        let unit = try XCTUnwrap(result.contracts.first)
        let json = IR.emit(unit, version: unit.versions.last!, files: result.fileTable)
        let ir = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let avenants = ir["avenants"] as! [[String: Any]]
        XCTAssertEqual((avenants[0]["avis"] as? [[String: Any]])?.first?["organisme"] as? String, "CGEFI")
        let moyens = (ir["contrat"] as! [String: Any])["moyens"] as! [[String: Any]]
        XCTAssertEqual(moyens.map { $0["nombre"] as? Double }, [12])
        XCTAssertEqual(moyens.first?["modifie_par"] as? Int, 1)
        let o2 = (ir["elements"] as! [[String: Any]])[1]
        XCTAssertEqual((o2["poids"] as? [String: Any])?["fraction"] as? String, "1/2")
        let t = (o2["enfants"] as! [[String: Any]])[0]["cibles"] as! [[String: Any]]
        XCTAssertEqual(((t[1]["valeur"] as! [String: Any])["resolue"] as? [String: Any])?["nombre"] as? Double, 42)
    }
}
