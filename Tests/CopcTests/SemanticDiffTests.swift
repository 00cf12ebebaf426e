import XCTest
import CopcSource
import CopcLanguage
import CopcSema
import CopcModel
import CopcDriver
import CopcFormat
import CopcDiff

/// The semantic diff as a pure function of two versions: each change kind on its own, with
/// its values, shift, motif and clause; no change for the same text, reformatted, re-commented
/// or re-ordered.
final class SemanticDiffTests: XCTestCase {
    /// The base contract of these tests: period 2021 .. 2023, one action, one indicator.
    let base = """
    contrat C1 « Contrat d'essai »
      type : COP
      organisme : OPE
      période : 2021 .. 2023
      signé le : 2021-03-12
    référent DGOS « Direction générale de l'offre de soins »
    référent DSS « Direction de la sécurité sociale »
    référent OPE « Opérateur »
    axe 1 « Axe »
    objectif 1.1 « Objectif »
      pilote : DGOS
      texte : « Former les agents avant la fin de 2022. »
    action 1.1.1 « Action »
      délai : fin 2022
      pilote : DGOS
    action 1.1.2 « Autre action »
      délai : tout au long du contrat
    indicateur 1.1.a « Indicateur »
      méthode : « Nombre d'agents formés / nombre d'agents »
      unité : %
      sens : hausse
      fournisseur : DSS
      source : « SI RH »
      cible 2021 : 40 %
      cible 2022 : à fixer par avenant
      cible 2023 : 60 %

    """

    /// The changes avenant 1 (whose clauses are `clauses`) makes to the base contract.
    func avenant(_ clauses: String, contract: String? = nil) -> [SemanticChange] {
        let text = "avenant 1 au contrat C1 « Avenant »\n  signé le : 2021-06-30\n\n" + clauses
        let r = Driver.check(sources: [("c.cop", Array((contract ?? base).utf8)), ("a1.cop", Array(text.utf8))], options: CheckOptions(au: testDate))
        let c = r.contracts[0]
        XCTAssertEqual(c.versions.count, 2)
        return SemanticDiff.compare(DiffSide(version: c.versions[0], files: r.fileTable),
                                    DiffSide(version: c.versions[1], files: r.fileTable), avenants: c.avenants)
    }

    /// Version 0 of each of two texts, compared.
    func drafts(_ old: String, _ new: String) -> [SemanticChange] {
        let a = Driver.check(sources: [("ancien.cop", Array(old.utf8))], options: CheckOptions(au: testDate))
        let b = Driver.check(sources: [("nouveau.cop", Array(new.utf8))], options: CheckOptions(au: testDate))
        return SemanticDiff.compare(DiffSide(version: a.contracts[0].versions[0], files: a.fileTable),
                                    DiffSide(version: b.contracts[0].versions[0], files: b.fileTable))
    }

    func kinds(_ cs: [SemanticChange]) -> [ChangeKind] { cs.map(\.kind) }

    func testPeriodExtended() {
        let cs = avenant("modifier contrat\n  motif : « Prorogation »\n  période : 2021 .. 2024\n")
        XCTAssertEqual(kinds(cs), [.periodExtended])
        XCTAssertEqual(cs[0].old, "2021 .. 2023")
        XCTAssertEqual(cs[0].new, "2021 .. 2024")
        XCTAssertEqual(cs[0].shift?.text, "+12 mois")
        XCTAssertEqual(cs[0].origin.motif, "Prorogation")
        XCTAssertEqual(cs[0].origin.avenant, 1)
        XCTAssertEqual(cs[0].origin.file, "a1.cop")
        XCTAssertEqual(cs[0].origin.line, 4)
    }

    /// A clause without motif carries its avenant's (header) motif, never an earlier clause's.
    func testMotifOfTheClauseElseOfTheAvenant() {
        let files = [("c.cop", base),
                     ("a1.cop", "avenant 1 au contrat C1 « Un »\n  signé le : 2021-06-30\nmodifier action 1.1.1\n  motif : « Ancien motif »\n  titre « Action revue »\n"),
                     ("a2.cop", "avenant 2 au contrat C1 « Deux »\n  signé le : 2021-09-30\n  motif : « Revue d'automne »\nmodifier action 1.1.1\n  titre « Action revue deux fois »\n")]
        let r = Driver.check(sources: files.map { ($0.0, Array($0.1.utf8)) }, options: CheckOptions(au: testDate))
        let c = r.contracts[0]
        let cs = SemanticDiff.compare(DiffSide(version: c.versions[1], files: r.fileTable),
                                      DiffSide(version: c.versions[2], files: r.fileTable), avenants: [c.avenants[1]])
        XCTAssertEqual(kinds(cs), [.titleChanged])
        XCTAssertEqual(cs[0].origin.motif, "Revue d'automne")
        XCTAssertEqual(cs[0].origin.avenant, 2)
    }

    func testPeriodChangedWhenTheStartMoves() {
        XCTAssertEqual(kinds(avenant("modifier contrat\n  période : 2020 .. 2023\n")), [.periodChanged])
    }

    func testPeriodShrinkWithdrawsTargetsOfDroppedYears() {
        let cs = avenant("modifier contrat\n  période : 2021 .. 2022\n")
        XCTAssertEqual(kinds(cs), [.periodChanged, .targetRemoved])
        XCTAssertEqual(cs[1].property, "cible 2023")
        XCTAssertEqual(cs[1].old, "60 %")
        XCTAssertNil(cs[1].new)
        XCTAssertEqual(cs[1].origin.line, 4, "the clause that shrank the period")
    }

    func testElementAddedAndRemoved() {
        let cs = avenant("""
        ajouter action 1.1.3 « Nouvelle » dans objectif 1.1
          délai : 2023
        supprimer action 1.1.2
          motif : « Abandonnée »

        """)
        XCTAssertEqual(kinds(cs), [.elementAdded, .elementRemoved])
        XCTAssertEqual(cs[0].element.id, "1.1.3")
        XCTAssertEqual(cs[1].element.id, "1.1.2")
        XCTAssertEqual(cs[1].origin.motif, "Abandonnée")
        XCTAssertEqual(cs[1].origin.line, 6)
    }

    func testRemovingASubtreeIsOneChange() {
        let cs = avenant("supprimer objectif 1.1\n")
        XCTAssertEqual(kinds(cs), [.elementRemoved])
        XCTAssertEqual(cs[0].descendants, 3)
    }

    func testElementMovedInTwoDraftsUnderFreeNumbering() {
        let old = """
        contrat C1 « Contrat »
          période : 2021 .. 2023
          numérotation : libre
        axe A « Premier »
        objectif X « Objectif »
        axe B « Second »

        """
        let new = """
        contrat C1 « Contrat »
          période : 2021 .. 2023
          numérotation : libre
        axe A « Premier »
        axe B « Second »
        objectif X « Objectif »

        """
        let cs = drafts(old, new)
        XCTAssertEqual(kinds(cs), [.elementMoved])
        XCTAssertEqual(cs[0].oldParent, "axe A")
        XCTAssertEqual(cs[0].newParent, "axe B")
    }

    func testTitleChangedShowsWords() {
        let cs = avenant("modifier action 1.1.1\n  titre « Action élargie »\n")
        XCTAssertEqual(kinds(cs), [.titleChanged])
        XCTAssertEqual(cs[0].words?.rendered(.plain), "Action{+ élargie+}")
    }

    func testDeadlineMovedWithShiftAndFit() {
        var cs = avenant("modifier action 1.1.1\n  délai : fin 2023\n")
        XCTAssertEqual(kinds(cs), [.deadlineMoved])
        XCTAssertEqual(cs[0].shift?.text, "+12 mois")
        XCTAssertEqual(cs[0].withinPeriod, true)
        cs = avenant("modifier action 1.1.1\n  délai : fin 2024\n")
        XCTAssertEqual(cs[0].withinPeriod, false, "the new window ends after the period")
        cs = avenant("modifier action 1.1.1\n  délai : 2022-12-16\n")
        XCTAssertEqual(cs[0].shift?.text, "-15 jours")
    }

    func testDeadlineFollowingThePeriodIsNotReportedAsMoved() {
        // `tout au long du contrat` follows the period: only the period change is reported.
        XCTAssertEqual(kinds(avenant("modifier contrat\n  période : 2021 .. 2024\n")), [.periodExtended])
    }

    func testTargets() {
        var cs = avenant("modifier indicateur 1.1.a\n  cible 2022 : 50 %\n")
        XCTAssertEqual(kinds(cs), [.targetSet])
        XCTAssertEqual(cs[0].old, "à fixer par avenant")
        XCTAssertEqual(cs[0].new, "50 %")
        cs = avenant("modifier indicateur 1.1.a\n  cible 2023 : 65 %\n")
        XCTAssertEqual(kinds(cs), [.targetChanged])
        cs = avenant("modifier indicateur 1.1.a\n  cible 2023 : 60,0 %\n")
        XCTAssertEqual(kinds(cs), [], "the same quantity written differently")
        let withoutTarget = base.replacingOccurrences(of: "  cible 2023 : 60 %\n", with: "")
        cs = drafts(base, withoutTarget)
        XCTAssertEqual(kinds(cs), [.targetRemoved])
        XCTAssertEqual(cs[0].property, "cible 2023")
    }

    func testReferentsChanged() {
        let cs = avenant("""
        modifier objectif 1.1
          pilote : DSS
          co-pilote : DGOS
        modifier indicateur 1.1.a
          fournisseur : OPE
        modifier contrat
          organisme : DSS

        """)
        XCTAssertEqual(kinds(cs), [.referentChanged, .referentChanged, .referentChanged, .referentChanged])
        XCTAssertEqual(cs.map { $0.property ?? "" }, ["organisme", "pilote", "co-pilote", "fournisseur"])
        XCTAssertEqual(cs[1].old, "DGOS")
        XCTAssertEqual(cs[1].new, "DSS")
        XCTAssertNil(cs[2].old)
    }

    func testOtherPropertiesChanged() {
        let cs = avenant("""
        modifier indicateur 1.1.a
          méthode : « Nombre d'agents formés / nombre total d'agents »
          source : « SI RH national »
          unité : nombre
          sens : baisse
        modifier objectif 1.1
          texte : « Former tous les agents avant la fin de 2023. »

        """)
        XCTAssertEqual(Set(kinds(cs)), [.propertyChanged])
        XCTAssertEqual(Set(cs.map { $0.property ?? "" }), ["méthode", "source", "unité", "sens", "texte"])
        let texte = cs.first { $0.property == "texte" }!
        XCTAssertEqual(texte.words?.rendered(.plain), "Former {+tous +}les agents avant la fin de [-2022-]{+2023+}.")
    }

    func testSameReformattedRecommentedReorderedTextHasNoChange() throws {
        XCTAssertEqual(drafts(base, base).count, 0)
        guard case .formatted(let formatted) = Formatter.format(SourceFile(path: "c.cop", text: base)) else {
            return XCTFail("the base contract formats")
        }
        XCTAssertEqual(drafts(base, formatted).count, 0)
        let recommented = base.replacingOccurrences(of: "axe 1 « Axe »", with: "# Premier axe\naxe 1 « Axe »  # commentaire")
        XCTAssertEqual(drafts(base, recommented).count, 0)
        // Properties re-ordered, and référents declared in another order.
        let reordered = base
            .replacingOccurrences(of: "  unité : %\n  sens : hausse\n", with: "  sens : hausse\n  unité : %\n")
            .replacingOccurrences(of: "référent DGOS « Direction générale de l'offre de soins »\nréférent DSS « Direction de la sécurité sociale »\n",
                                  with: "référent DSS « Direction de la sécurité sociale »\nréférent DGOS « Direction générale de l'offre de soins »\n")
        XCTAssertNotEqual(reordered, base)
        XCTAssertEqual(drafts(base, reordered).count, 0)
        // A real change is still seen.
        XCTAssertEqual(kinds(drafts(base, base.replacingOccurrences(of: "fin 2022", with: "fin 2023"))), [.deadlineMoved])
    }

    func testRenderingsNameKindMotifAndPlace() {
        let cs = avenant("modifier indicateur 1.1.a\n  motif : « Enquête »\n  cible 2022 : 50 %\n")
        let report = DiffReport(contract: "C1", title: nil, from: DiffEndpoint(version: 0), to: DiffEndpoint(version: 1), changes: cs)
        let text = report.text(color: false)
        XCTAssertTrue(text.contains("cible-fixée  indicateur 1.1.a « Indicateur » — cible 2022"), text)
        XCTAssertTrue(text.contains("à fixer par avenant → 50 %"), text)
        XCTAssertTrue(text.contains("avenant 1, a1.cop:4 — motif : « Enquête »"), text)
        XCTAssertFalse(text.contains("\u{1B}"))
        XCTAssertTrue(report.text(color: true).contains("\u{1B}[1mcible-fixée"))
        XCTAssertTrue(report.markdown().contains("| `cible-fixée` | indicateur 1.1.a"))
        XCTAssertTrue(report.json().contains("\"genre\": \"cible-fixée\""))
        let empty = DiffReport(contract: "C1", title: nil, from: DiffEndpoint(version: 0), to: DiffEndpoint(version: 1), changes: [])
        XCTAssertTrue(empty.text(color: false).hasSuffix("aucun changement\n"))
    }

    /// Over every case of the corpus and every contract (repeated keys, untitled axes, removed
    /// and re-added elements, malformed values…): a version against itself has no change, and
    /// every pair of successive versions diffs and renders (FuzzProperties.diffs).
    func testDiffPropertiesOnTheWholeCorpus() throws {
        var inputs: [[(String, [UInt8])]] = []
        for root in [repositoryRoot + "/Tests/CopcTests/Cases", repositoryRoot + "/contracts"] {
            var byFolder: [String: [(String, [UInt8])]] = [:]
            for path in try FileSystem.copFiles(under: root) {
                let dir = Paths.directory(of: path)
                let key = root.hasSuffix("Cases") && dir == root ? path : dir
                byFolder[key, default: []].append((Paths.relative(path, to: root), try FileSystem.read(path)))
            }
            inputs += byFolder.keys.sorted().map { byFolder[$0]! }
        }
        XCTAssertGreaterThan(inputs.count, 100)
        var versions = 0
        for files in inputs {
            let r = Driver.check(sources: files, options: CheckOptions(au: testDate))
            for unit in r.contracts {
                versions += unit.versions.count
                XCTAssertEqual(FuzzProperties.diffs(unit, r.fileTable), [], files.map(\.0).joined(separator: ", "))
            }
        }
        XCTAssertGreaterThan(versions, 100)
    }
}
