import XCTest
import CopcSource
import CopcLanguage
import CopcSema
import CopcModel
import CopcDriver
import CopcDiff

/// The semantic diff of the files that are not versions of a contract (`DocumentDiff.swift`):
/// annuaires, bilans, an avenant's own text — each kind with its values, and no change for the
/// same text reformatted.
final class DocumentDiffTests: XCTestCase {
    func check(_ files: [(String, String)]) -> CheckResult {
        Driver.check(sources: files.map { ($0.0, Array($0.1.utf8)) }, options: CheckOptions(au: testDate))
    }

    // MARK: annuaires

    let annuaire = """
    annuaire ANN « Annuaire »
    référent DGOS « Direction générale de l'offre de soins »
    référent DSS « Direction de la sécurité sociale »
      rattachement : DGOS
    plan PRS « Projet régional de santé »
      période : 2023 .. 2027

    """

    func annuaires(_ old: String?, _ new: String?) -> [SemanticChange] {
        let a = old.map { check([("ann.cop", $0)]) }, b = new.map { check([("ann.cop", $0)]) }
        return SemanticDiff.compareAnnuaires(old: a?.files.first?.model, new: b?.files.first?.model,
                                             oldFiles: a?.fileTable ?? FileTable(), newFiles: b?.fileTable ?? FileTable())
    }

    func testAnnuaireSameTextReformattedHasNoChange() {
        XCTAssertEqual(annuaires(annuaire, annuaire), [])
        let reformatted = annuaire.replacingOccurrences(of: "  rattachement : DGOS", with: "  # commentaire\n  rattachement :   DGOS")
        XCTAssertEqual(annuaires(annuaire, reformatted), [])
    }

    func testAnnuaireRéférentsAddedRemovedRenamedReidentified() {
        let new = annuaire
            .replacingOccurrences(of: "« Direction générale de l'offre de soins »", with: "« Direction générale de l'offre de soins et de l'accès »")
            .replacingOccurrences(of: "référent DSS «", with: "référent DSS.1 «")
            .replacingOccurrences(of: "  rattachement : DGOS", with: "  rattachement : DGOS\nréférent CNAM « Caisse nationale »")
            .replacingOccurrences(of: "  période : 2023 .. 2027", with: "  période : 2023 .. 2028")
        let changes = annuaires(annuaire, new)
        // Référents by id, then plans.
        guard changes.count == 4 else { return XCTFail("\(changes)") }
        XCTAssertEqual(changes.map(\.kind), [.elementAdded, .titleChanged, .identifierChanged, .propertyChanged], "\(changes)")
        XCTAssertEqual(changes[1].words?.runs.filter { $0.kind == .inserted }.map(\.text), [" et de l'accès"])
        XCTAssertEqual(changes[0].element.name, "référent CNAM")
        XCTAssertEqual(changes[2].element.name, "référent DSS.1")
        XCTAssertEqual(changes[2].old, "DSS")
        XCTAssertEqual(changes[2].new, "DSS.1")
        XCTAssertNil(changes[2].note, "nothing else differs")
        XCTAssertEqual(changes[3].property, "période")
        // A re-identified référent whose properties changed too says so.
        let moved = annuaire.replacingOccurrences(of: "référent DSS «", with: "référent DSS.1 «")
            .replacingOccurrences(of: "rattachement : DGOS", with: "rattachement : CNAM")
        let c = annuaires(annuaire, moved).first { $0.kind == .identifierChanged }
        XCTAssertEqual(c?.note, "aussi : avant rattachement : DGOS, après rattachement : CNAM")
    }

    func testAnnuaireAddedOrRemovedListsItsDeclarations() {
        XCTAssertEqual(annuaires(nil, annuaire).map(\.kind), [.elementAdded, .elementAdded, .elementAdded])
        XCTAssertEqual(annuaires(annuaire, nil).map(\.kind), [.elementRemoved, .elementRemoved, .elementRemoved])
        XCTAssertEqual(annuaires(annuaire, nil).map(\.element.name), ["référent DGOS", "référent DSS", "plan PRS"])
    }

    /// Organismes (the portfolio's bodies) are compared as the référents they also are.
    func testAnnuaireOrganismesAddedAndChanged() {
        let old = annuaire + "organisme ONF « Office national des forêts »\n  tutelle : DGOS\n  contrat attendu : oui\n"
        let new = old.replacingOccurrences(of: "  contrat attendu : oui", with: "  contrat attendu : non")
            + "organisme IGN « Institut géographique »\n  contrat attendu : oui\n"
        let changes = annuaires(old, new)
        XCTAssertEqual(changes.map(\.kind), [.elementAdded, .propertyChanged], "\(changes)")
        XCTAssertEqual(changes.map(\.element.name), ["organisme IGN", "organisme ONF"])
        XCTAssertEqual(changes[1].property, "contrat attendu")
        XCTAssertEqual([changes[1].old, changes[1].new], ["oui", "non"])
        XCTAssertEqual(annuaires(old, old), [])
    }

    // MARK: bilans

    let contract = """
    contrat C1 « Contrat d'essai »
      type : COP
      organisme : OPE
      période : 2023 .. 2025
      signé le : 2023-03-12
    référent OPE « Opérateur »
    axe 1 « Axe »
    objectif 1.1 « Objectif »
      pilote : OPE
    action 1.1.1 « Former les agents »
      délai : fin 2024
      pilote : OPE
    indicateur 1.1.a « Part des agents formés »
      unité : %
      sens : hausse
      cible 2023 : 40 %
      cible 2024 : 55 %
      cible 2025 : 60 %

    """

    let bilan = """
    bilan 2024 du contrat C1 « Bilan 2024 »
      établi le : 2025-03-01

    indicateur 1.1.a
      réalisé : 52 %
      analyse : « Retard de la formation »

    action 1.1.1
      état : en cours

    """

    func bilans(_ old: String?, _ new: String?) -> [SemanticChange] {
        let a = old.map { check([("c.cop", contract), ("bilan.cop", $0)]) }
        let b = new.map { check([("c.cop", contract), ("bilan.cop", $0)]) }
        let side = b ?? a
        return SemanticDiff.compareBilans(old: a?.contracts.first?.bilans.first, new: b?.contracts.first?.bilans.first,
                                          oldFiles: a?.fileTable ?? FileTable(), newFiles: b?.fileTable ?? FileTable(),
                                          version: side?.contracts.first?.version(forBilanOf: 2024), versionFiles: side?.fileTable)
    }

    func testBilanSameTextHasNoChange() {
        XCTAssertEqual(bilans(bilan, bilan), [])
        XCTAssertEqual(bilans(bilan, bilan.replacingOccurrences(of: "réalisé : 52 %", with: "réalisé : 52,0 %")), [])
    }

    func testBilanRéaliséJudgedÉtatAndAnalyse() {
        let new = bilan.replacingOccurrences(of: "réalisé : 52 %", with: "réalisé : 56 %")
            .replacingOccurrences(of: "Retard de la formation", with: "Formation achevée en mars")
            .replacingOccurrences(of: "état : en cours", with: "état : finalisé")
        let changes = bilans(bilan, new)
        XCTAssertEqual(changes.map(\.kind), [.realizedChanged, .propertyChanged, .stateChanged], "\(changes)")
        let r = changes[0]
        XCTAssertEqual(r.subject, "indicateur 1.1.a « Part des agents formés » — réalisé 2024", "named with its title from the contract")
        XCTAssertEqual(r.old, "52 %")
        XCTAssertEqual(r.new, "56 %")
        XCTAssertEqual(r.note, "cible 2024 : 55 % — non atteinte → atteinte")
        XCTAssertEqual(r.origin.bilan, 2024)
        XCTAssertEqual(r.origin.line, 5)
        XCTAssertEqual(changes[1].property, "analyse")
        XCTAssertNotNil(changes[1].words)
        XCTAssertEqual(changes[2].subject, "action 1.1.1 « Former les agents » — état")
        XCTAssertEqual(changes[2].old, "en cours")
        XCTAssertEqual(changes[2].new, "finalisé")
        // Withdrawn, and still judged; unchanged verdict said once.
        let gone = bilans(bilan, bilan.replacingOccurrences(of: "  réalisé : 52 %\n", with: ""))
        XCTAssertEqual(gone.first?.kind, .realizedChanged)
        XCTAssertNil(gone.first?.new)
        XCTAssertEqual(gone.first?.note, "cible 2024 : 55 % — non atteinte → sans réalisé")
        let still = bilans(bilan, bilan.replacingOccurrences(of: "réalisé : 52 %", with: "réalisé : 53 %"))
        XCTAssertEqual(still.first?.note, "cible 2024 : 55 % — non atteinte")
    }

    func testBilanAddedListsItsBlocks() {
        let added = bilans(nil, bilan)
        XCTAssertEqual(added.map(\.kind), [.elementAdded, .elementAdded])
        XCTAssertEqual(added[0].body, ["réalisé 2024 : 52 %", "analyse : Retard de la formation"])
        XCTAssertEqual(added[1].body, ["état : en cours"])
        XCTAssertEqual(bilans(bilan, nil).map(\.kind), [.elementRemoved, .elementRemoved])
    }

    // MARK: an avenant's own text

    let avenantText = """
    avenant 2 au contrat C1 « Avenant »
      signé le : 2024-06-30

    modifier indicateur 1.1.a
      motif : « Enquête »
      cible 2025 : 62 %

    supprimer action 1.1.1
      motif : « Abandon »

    ajouter action 1.1.1 « Former autrement » dans objectif 1.1
      délai : fin 2025
      pilote : OPE

    """

    func avenantTexts(_ old: String?, _ new: String?) -> [SemanticChange] {
        let a = old.map { check([("av.cop", $0)]) }, b = new.map { check([("av.cop", $0)]) }
        return SemanticDiff.compareAvenantTexts(old: a?.files.first?.model, new: b?.files.first?.model,
                                                oldFiles: a?.fileTable ?? FileTable(), newFiles: b?.fileTable ?? FileTable())
    }

    func testAvenantTextsClauseByClause() {
        XCTAssertEqual(avenantTexts(avenantText, avenantText), [])
        let new = avenantText.replacingOccurrences(of: "cible 2025 : 62 %", with: "cible 2025 : 63 %")
            .replacingOccurrences(of: "signé le : 2024-06-30", with: "signé le : 2024-07-02")
            .replacingOccurrences(of: "délai : fin 2025", with: "délai : S1 2025")
            .replacingOccurrences(of: "supprimer action 1.1.1\n  motif : « Abandon »\n", with: "")
        let changes = avenantTexts(avenantText, new)
        XCTAssertEqual(changes.map(\.kind), [.propertyChanged, .targetChanged, .deadlineMoved, .elementRemoved], "\(changes)")
        XCTAssertEqual(changes[0].property, "signé le")
        XCTAssertEqual(changes[1].old, "62 %")
        XCTAssertEqual(changes[1].new, "63 %")
        XCTAssertEqual(changes[2].element.name, "action 1.1.1", "the clause that adds action 1.1.1, not the one that removed it")
        XCTAssertEqual(changes[3].element.name, "action 1.1.1")
        XCTAssertEqual(avenantTexts(nil, avenantText).map(\.kind), [.elementAdded, .elementAdded, .elementAdded])
    }

    /// Every kind the diff can give is in the JSON schema, and the redline's words for it.
    func testEveryKindIsInTheSchema() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/grammar/diff.schema.json"))
        let schema = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let defs = schema["$defs"] as! [String: Any]
        let change = (defs["changement"] as! [String: Any])["properties"] as! [String: Any]
        let kinds = (change["genre"] as! [String: Any])["enum"] as! [String]
        XCTAssertEqual(kinds, ChangeKind.allCases.map(\.rawValue))
    }
}
