import XCTest
import Foundation
import CopcKit

/// CopcKit at run time: what each builder prints, what the check reports and where.
final class CopcKitTests: XCTestCase {
    /// (code, line) pairs of a check, for comparison.
    func placés(_ ds: [CopcKit.Diagnostic]) -> [String] { ds.map { "\($0.code)@\($0.ligne)" } }

    func json(_ ir: String?) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(XCTUnwrap(ir).utf8)) as? [String: Any])
    }

    func testDefectsComeBackAtTheSwiftLinesThatMadeThem() {
        let l = #line + 1
        let contrat = Contrat("C", "Contrat") {
            Objectif("1", "Objectif") {
                Action("1.1", "Action")
                    .délai(.fin(2030))
                Action("1.2", "Action au délai illisible").délai("fin de l'année")
                Indicateur("1.a", "Sans unité")
                    .cible(2021...2025, 10)
                Indicateur("1.b", "Cibles en pourcentage").unité(.euros)
                    .cible(2021...2025, 60.pourcent)
            }
            .pilote("INCONNU")
        }
        .période(2021...2025)
        let ds = CopcKit.check(contrat, au: "2022-01-01")
        XCTAssertEqual(Set(ds.map(\.fichier)), [#filePath])
        XCTAssertEqual(placés(ds).sorted(), ["COP300@\(l + 3)", "COP103@\(l + 4)", "COP404@\(l + 5)", "COP400@\(l + 8)",
                                             "COP201@\(l + 10)"].sorted())
        let d300 = ds.first { $0.code == "COP300" }
        XCTAssertEqual(d300?.gravité, .erreur)
        XCTAssertEqual(d300?.message, "le délai « fin 2030 » de l'action 1.1 (2030-10-01 .. 2030-12-31) se termine après la fin du contrat (2021-01-01 .. 2025-12-31)")
        XCTAssertEqual(d300?.colonne, 28, "colonne de la parenthèse de l'appel, en octets UTF-8 comme #column")
        XCTAssertEqual(d300?.description, "\(#filePath):\(l + 3):28: error: \(d300!.message) [COP300]")
        XCTAssertEqual(ds.first { $0.code == "COP404" }?.gravité, .avertissement)
    }
}

extension CopcKitTests {
    func testAHeaderWrittenOnSeveralLinesIsPlacedAtItsFirstLine() {
        let l = #line + 2
        let contrat = Contrat("C", "Contrat") {
            Indicateur(
                "T1",
                "Sans unité"
            )
            .cible(2021, 1)
        }
        .période(2021...2021)
        XCTAssertEqual(placés(CopcKit.check(contrat, au: "2020-01-01")), ["COP404@\(l)"])
    }

    func testEveryBuilderPrintsTheLanguage() {
        let texte = CopcKit.source(contratDUsage(avecAxe3: true, ciblesConnues: true, régions: ["Corse"], pilote: "DG"))
        for ligne in [
            "contrat COP-USAGE « Contrat d'usage »", "  utilise « annuaire.cop »", "  type : COP", "  organisme : DG",
            "  signataires : DG, SG", "  période : 2021-01-01 .. 2025-12-31", "  signé le : 2021-03-12",
            "  approuvé le : 2021-02-15", "  en vigueur le : 1er avril 2021", "  numérotation : hiérarchique",
            "référent LOCAL « Service local »", "axe 1 « Moderniser »", "objectif 1.1 « Dématérialiser »", "  pilote : DG",
            "  thème : « Numérique »", "action 1.1.1 « Ouvrir le portail »", "  étape « Cahier des charges » : 1er trimestre 2022",
            "  étape « Recette » : S2 2022", "  délai : fin 2022", "  étape « Mise en service » : 2023-03-01", "  phare : oui",
            "  délai (Corse) : de début 2023 à fin 2024", "  unité : nombre", "  sens : hausse", "  nature : résultat",
            "  cible 2022         : ≥ 2000", "  cible 2023 .. 2025 : à fixer par avenant", "  fournisseur : DG",
            "objectif « Objectif sans numéro »", "indicateur 1.a « Indicateur de l'axe » dans axe 1", "  unité : oui/non",
            "sous-objectif 2.1.1 « Sous-objectif »", "  co-pilote : SG", "  référent : DG, SG", "  délai : à partir de mi 2023",
            "indicateur 2.a « Part des démarches en ligne » dans axe 2", "  cible 2022 .. 2024 : 60 %",
            "axe 3 « Ouvrir »", "  texte : « Publier les données. »", "indicateur T1 « Indicateur transversal » dans contrat",
            "  cible 2025 : entre 40 et 50 %",
        ] {
            XCTAssertTrue(texte.contains("\n" + ligne + "\n") || texte.hasPrefix(ligne + "\n"), "absent : \(ligne)\n\(texte)")
        }
        XCTAssertFalse(texte.contains("Objectif sans axe ni numéro"), "branche else non prise")
        let autre = CopcKit.source(contratDUsage(avecAxe3: false, ciblesConnues: false, régions: [], pilote: nil))
        XCTAssertTrue(autre.contains("objectif « Objectif sans axe ni numéro » dans contrat\n"))
        XCTAssertTrue(autre.contains("  délai : selon SDSI\n"))
        XCTAssertTrue(autre.contains("  pilote : à déterminer\n"))
        XCTAssertTrue(autre.contains("  cible 2025 : 1000000 €\n"))
        XCTAssertFalse(autre.contains("indicateur 2.a"), "optionnel absent")
        XCTAssertFalse(autre.contains("action 1.1.9"), "if let sans valeur")
        XCTAssertFalse(autre.contains("Déployer"), "for sur un tableau vide")
        let annuaire = CopcKit.source(annuaireDUsage())
        XCTAssertEqual(annuaire, """
            annuaire ANNUAIRE-USAGE « Directions »

            référent DG « Direction générale »
              personne : « Camille Martin »
              fonction : « Directrice générale »
            référent SG
            plan SDSI « Schéma directeur des systèmes d'information »
              période : 2022 .. 2025
              pilote : DG

            """)
    }

    func testNestingFollowsTheSwiftStructure() throws {
        let contrat = Contrat("C", "Contrat") {
            Axe("1", "Axe") {
                Objectif("1.1", "Objectif") {
                    SousObjectif("1.1.1", "Sous-objectif") {
                        Action("1.1.1.1", "Action").délai(2022)
                    }
                    Indicateur("1.1.a", "Indicateur de l'objectif").unité(.nombre).cible(2021...2022, 1)
                }
                Indicateur("1.a", "Indicateur de l'axe").unité(.nombre).cible(2021...2022, 1)
            }
            Indicateur("T", "Indicateur du contrat").unité(.nombre).cible(2021...2022, 1)
        }
        .période(2021...2022)
        let ir = try json(CopcKit.emit(contrat))
        func arbre(_ e: [String: Any]) -> String {
            let enfants = (e["enfants"] as? [[String: Any]] ?? []).map(arbre)
            return "\(e["id"] as? String ?? "?")" + (enfants.isEmpty ? "" : "(" + enfants.joined(separator: " ") + ")")
        }
        let éléments = try XCTUnwrap(ir["elements"] as? [[String: Any]])
        XCTAssertEqual(éléments.map(arbre).joined(separator: " "), "1(1.1(1.1.1(1.1.1.1) 1.1.a) 1.a) T")
    }

    func testTypedValuesAreValidSpellings() {
        let délais: [Délai] = [.année(2022), .début(2022), .mi(2022), .fin(2022), .trimestre(1, 2022), .trimestre(4, 2022),
                               .semestre(2, 2022), .mois(2, 2022), .mois(8, 2022), .le(Jour(2022, 12, 31)),
                               .toutAuLongDuContrat, .àPartirDe(.fin(2021)), .jusquÀ(.mi(2023)),
                               .de(.trimestre(2, 2022), à: .semestre(1, 2023)), 2023]
        let cibles: [Cible] = [60.pourcent, 2.5.pourcent, .auMoins(1.5), .auPlus(70.pourcent), .plusDe(3), .moinsDe(4),
                               .entre(2.2, et: 2.8.pourcent), .àFixerParAvenant, .sansObjet, .suivi, 12, 0.25]
        let contrat = Contrat("C", "Contrat") {
            Objectif("1", "Objectif") {
                Action("1.1", "Action") {
                    for (i, d) in délais.enumerated() { Étape("étape \(i)", d) }
                }
                .délai(.toutAuLongDuContrat)
                .pilote("DG")
                for (i, c) in cibles.enumerated() {
                    Indicateur("1.\(i)", "Indicateur \(i)").unité(.pourcent).cible(2021...2023, c).base(2020, 10.pourcent)
                }
            }
            .pilote("DG")
            Référent("DG", "Direction")
        }
        .période(2021...2023)
        .signéLe(Jour(2021, 1, 15))
        let ds = CopcKit.check(contrat, au: "2021-06-01")
        XCTAssertEqual(ds.filter { $0.gravité == .erreur }.map(\.description), [])
        XCTAssertEqual(Délai.trimestre(2, 2022).description, "2e trimestre 2022")
        XCTAssertEqual(Délai.mois(8, 2022).description, "août 2022")
        XCTAssertEqual(Cible.entre(2.2, et: 2.8.pourcent).description, "entre 2,2 et 2,8 %")
        XCTAssertEqual(Cible(1_500_000.5).description, "1500000,5")
        let ir = CopcKit.emit(contrat) ?? ""
        XCTAssertTrue(ir.contains("\"texte_source\": \"de 2e trimestre 2022 à 1er semestre 2023\""))
        XCTAssertTrue(ir.contains("\"debut\": \"2022-04-01\",\n") && ir.contains("\"fin\": \"2023-06-30\"\n"))
    }

    func testStringsAreReadByTheValueGrammar() {
        let l = #line + 3
        let contrat = Contrat("C", "Contrat") {
            Objectif("1", "Objectif") {
                Action("1.1", "Action").délai("T5 2022")
                Action("1.2", "Action").délai("2ème semestre 2022")
                Indicateur("1.a", "Indicateur").unité("pourcentage").cible(2022, "au moins 60 %").cible(2021, "≥ 6O %")
            }
        }
        .période("du 2021-01-01 au 2022-12-31")
        XCTAssertEqual(placés(CopcKit.check(contrat, au: "2021-01-01").filter { $0.gravité == .erreur }),
                       ["COP103@\(l)", "COP103@\(l + 2)"])
    }

    func testNothingCanBreakOutOfItsLine() throws {
        let l = #line + 3
        let contrat = Contrat("C", "Contrat\navec « guillemets » et \"quotes\" \\ ") {
            Objectif("1", "Objectif") {
                Action("1.1", "Action").délai("fin 2022 # la suite serait un commentaire")
                Action("1.2", "Action").délai("fin 2022\naxe 9 « Injecté »")
                Indicateur("1.a", "« déséquilibré").méthode("ligne 1\n  ligne 2 ").unité(.nombre).cible(2022, 1)
            }
            .texte("  indenté\n\nfin")
        }
        .période(2021...2022)
        let ds = CopcKit.check(contrat, au: "2021-01-01")
        XCTAssertEqual(placés(ds.filter { $0.gravité == .erreur }), ["COP100@\(l)", "COP100@\(l + 1)"])
        let ir = try json(CopcKit.emit(contrat))
        XCTAssertEqual((ir["contrat"] as? [String: Any])?["titre"] as? String, "Contrat\navec « guillemets » et \"quotes\" \\ ")
        let objectif = try XCTUnwrap((ir["elements"] as? [[String: Any]])?.first)
        XCTAssertEqual(objectif["texte"] as? String, "  indenté\n\nfin")
        let enfants = try XCTUnwrap(objectif["enfants"] as? [[String: Any]])
        XCTAssertEqual(enfants.map { $0["id"] as? String }, ["1.1", "1.2", "1.a"], "aucun axe injecté")
        XCTAssertEqual(enfants[2]["titre"] as? String, "« déséquilibré")
        XCTAssertEqual(enfants[2]["methode"] as? String, "ligne 1\n  ligne 2 ")
    }

    func testIgnorerSilencesACodeOnAnElement() {
        let contrat = Contrat("C", "Contrat") {
            Objectif("1", "Objectif sans rien").ignorer("COP500", "501")
        }
        .période(2021...2022)
        XCTAssertEqual(CopcKit.check(contrat).map(\.code), ["COP502"])
    }

    func testAvenantGivesTheIRAndCodesOfItsText() throws {
        let contrat = contratDUsage(avecAxe3: true, ciblesConnues: true, régions: ["Corse"], pilote: "DG")
        let avenantTexte = """
            avenant 1 au contrat COP-USAGE « Fixation des cibles »
              signé le : 2022-06-30
              en vigueur le : 2022-07-01
            modifier indicateur 1.1.a
              cible 2023 : 2500
              motif : « Cible fixée »
            modifier action 1.1.1
              titre : « Ouvrir le portail national »
            ajouter action 1.1.8 « Nouvelle action » dans objectif 1.1
              délai : fin 2025
            ajouter référent DSI « Direction des systèmes d'information »
            supprimer action 2.1.2
              motif : « Abandonnée »
            modifier contrat
              période : 2021 .. 2026

            """
        XCTAssertEqual(CopcKit.source(avenantDUsage()), avenantTexte.replacingOccurrences(of: "\nmodifier", with: "\n\nmodifier")
            .replacingOccurrences(of: "\najouter", with: "\n\najouter").replacingOccurrences(of: "\nsupprimer", with: "\n\nsupprimer"))
        // The IR of version 1 equals the IR of the printed contract with the avenant's text.
        let dossier = scratchRoot + "copckit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dossier, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dossier) }
        try CopcKit.source(annuaireDUsage()).write(toFile: dossier + "/annuaire.cop", atomically: true, encoding: .utf8)
        try CopcKit.source(contrat).write(toFile: dossier + "/COP-USAGE.cop", atomically: true, encoding: .utf8)
        try avenantTexte.write(toFile: dossier + "/avenant-1.cop", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = builtCopc
        p.arguments = ["emit", ".", "--version", "1"]
        p.currentDirectoryURL = URL(fileURLWithPath: dossier)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let texte = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let swift = try XCTUnwrap(CopcKit.emit(annuaireDUsage(), contrat, avenantDUsage(), version: 1))
        XCTAssertEqual(swift, texte)
        XCTAssertEqual(CopcKit.emit(annuaireDUsage(), contrat, avenantDUsage()), swift, "dernière version = 1")
        XCTAssertNotEqual(CopcKit.emit(annuaireDUsage(), contrat, avenantDUsage(), version: 0), swift)
        XCTAssertTrue(swift.contains("\"fin\": \"2026-12-31\""))
        // copc check accepts every printed text: same codes as CopcKit.
        let c = Process()
        c.executableURL = builtCopc
        c.arguments = ["check", "--format", "gcc", "--au", "2022-01-01", "."]
        c.currentDirectoryURL = URL(fileURLWithPath: dossier)
        let cout = Pipe()
        c.standardOutput = cout
        c.standardError = Pipe()
        try c.run()
        let gcc = String(decoding: cout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        c.waitUntilExit()
        let codes = gcc.split(separator: "\n").compactMap { $0.split(separator: "[").last.map { String($0.dropLast()) } }.sorted()
        XCTAssertEqual(codes, CopcKit.check(annuaireDUsage(), contrat, avenantDUsage(), au: "2022-01-01").map(\.code).sorted())
        XCTAssertFalse(codes.isEmpty)
        XCTAssertFalse(gcc.contains("error"), gcc)
    }

    func testAvenantDefectsArePlacedInSwift() {
        let l = #line + 2
        let avenant = Avenant(1, contrat: "C") {
            Modifier(.action, "9.9").délai(.fin(2022))
            Modifier(.action, "1.1").unité(.pourcent)
        }
        .signéLe("2021-06-01")
        let contrat = Contrat("C", "Contrat") {
            Objectif("1", "O") { Action("1.1", "A").délai(2022) }.ignorer("COP500", "COP502")
        }
        .période(2021...2022)
        XCTAssertEqual(placés(CopcKit.check(contrat, avenant).filter { $0.gravité == .erreur }).sorted(),
                       ["COP104@\(l + 1)", "COP205@\(l)"].sorted())
    }
}

extension CopcKitTests {
    /// Every Swift example of the CopcKit documentation is compiled, verbatim, in CopcKitDocExamples.swift.
    func testDocumentationExamplesAreCompiled() throws {
        let racine = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
        func lignes(_ s: some StringProtocol) -> [String] {
            s.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "import CopcKit" }
        }
        let compilé = lignes(try String(contentsOfFile: racine + "/Tests/CopcTests/CopcKitDocExamples.swift", encoding: .utf8))
        var vus = 0
        for doc in ["Sources/CopcKit/CopcKit.docc/PremiersPas.md", "Sources/CopcKit/CopcKit.docc/CopcKit.md", "README.md"] {
            let texte = try String(contentsOfFile: racine + "/" + doc, encoding: .utf8)
            for bloc in texte.components(separatedBy: "```swift\n").dropFirst().map({ $0.components(separatedBy: "```")[0] })
            where !bloc.contains(".package(") && (doc != "README.md" || bloc.contains("import CopcKit")) {
                let attendu = lignes(bloc)
                let trouvé = (0...max(0, compilé.count - attendu.count)).contains { Array(compilé[$0..<min(compilé.count, $0 + attendu.count)]) == attendu }
                XCTAssertTrue(trouvé, "\(doc) : exemple non compilé :\n\(bloc)")
                vus += 1
            }
        }
        XCTAssertEqual(vus, 7)
    }
}

extension CopcKitTests {
    func testLabelsAreKeptAsWritten() throws {
        let libellés = ["directeurs", "praticiens hospitaliers", "V1", "a  b", "x..y", "60 %", "(parenthèses)", " bords ",
                        "dès « maintenant »", "étape#2"]
        let contrat = Contrat("C", "Contrat") {
            Objectif("1", "O") {
                Action("1.1", "A") {
                    for l in libellés { Étape(l, 2022) }
                }
                for (i, l) in libellés.enumerated() {
                    Action("1.\(i + 2)", "A").délai(2022, libellé: l)
                }
            }
        }
        .période(2021...2022)
        XCTAssertEqual(CopcKit.check(contrat).filter { $0.gravité == .erreur }.map(\.description), [])
        let ir = try json(CopcKit.emit(contrat))
        let objectif = try XCTUnwrap((ir["elements"] as? [[String: Any]])?.first)
        let actions = try XCTUnwrap(objectif["enfants"] as? [[String: Any]])
        let étapes = (actions[0]["etapes"] as? [[String: Any]] ?? []).map { $0["titre"] as? String }
        XCTAssertEqual(étapes, libellés)
        let délais = actions.dropFirst().map { (($0["delais"] as? [[String: Any]])?.first?["libelle"] as? String) }
        XCTAssertEqual(délais, libellés)
    }
}

extension CopcKitTests {
    func testValuesComputedFromData() {
        let texte = CopcKit.source(contratCalculé(année: 2023, taux: 45, pilotes: ["DG", "SG"], signataires: ["DG"]))
        for ligne in ["  période : 2023 .. 2025", "  signataires : DG", "  signé le : 2023-01-15", "  délai : fin 2023",
                      "  étape « Étape » : T1 2023", "  délai (bis) : 2023", "  cible 2023 : 45 %", "  cible 2024 : 45",
                      "  cible 2025 : 45 %", "  base 2022  : 22,5", "  fournisseur : DG, SG", "  pilote : DG, SG",
                      "  co-pilote : DG, SG", "  référent : DG, SG"] {
            XCTAssertTrue(texte.contains("\n" + ligne + "\n"), "absent : \(ligne)\n\(texte)")
        }
    }

    func testAMissingImportIsReportedAtItsSwiftLine() {
        let l = #line + 2
        let contrat = Contrat("C", "Contrat") { Objectif("1", "O").pilote("DG").ignorer("COP500", "COP501") }
            .utilise("annuaire-absent.cop")
            .période(2021...2022)
        let ds = CopcKit.check(contrat)
        XCTAssertTrue(placés(ds).contains("COP206@\(l)"), "\(ds)")
    }
}

extension CopcKitTests {
    func testAjouterSeveralElementsWithTheirChildren() throws {
        XCTAssertEqual(CopcKit.source(avenantDAjouts()), """
            avenant 2 au contrat COP-USAGE
              signé le : 2023-06-30

            ajouter objectif 2.3 « Nouvel objectif » dans axe 2
              pilote : DG

            ajouter action 2.3.1 « Première action » dans objectif 2.3
              délai : 2024

            ajouter indicateur 2.b « Nouvel indicateur » dans axe 2
              unité : nombre
              cible 2024 : 10

            ajouter plan PNR « Plan national »
              période : 2024 .. 2025

            """)
        let contrat = contratDUsage(avecAxe3: true, ciblesConnues: true, régions: [], pilote: "DG")
        let ir = try json(CopcKit.emit(annuaireDUsage(), contrat, avenantDUsage(), avenantDAjouts()))
        let axe2 = try XCTUnwrap((ir["elements"] as? [[String: Any]])?.first { $0["id"] as? String == "2" })
        let ids = (axe2["enfants"] as? [[String: Any]] ?? []).map { $0["id"] as? String }
        XCTAssertEqual(ids, ["2.1", "2.a", "2.3", "2.b"])
        let o23 = try XCTUnwrap((axe2["enfants"] as? [[String: Any]])?.first { $0["id"] as? String == "2.3" })
        XCTAssertEqual((o23["enfants"] as? [[String: Any]])?.map { $0["id"] as? String }, ["2.3.1"])
        XCTAssertEqual(((ir["plans"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }, ["PNR", "SDSI"])
    }
}

extension CopcKitTests {
    func testFileNamesStayInsideTheCheckAndNeverCollide() throws {
        let l = #line + 1
        let a = Contrat("A", "A") { Objectif("1", "O"); Référent("R") }.période(2021...2022).fichier("../../etc/passwd")
        let b = Contrat("B", "B") { Objectif("1", "O") }.période(2021...2022).fichier("/../etc/passwd")
        let ds = CopcKit.check(a, b)
        XCTAssertEqual(Set(ds.map(\.fichier)), [#filePath], "toutes les places restent dans le code Swift")
        XCTAssertEqual(Set(ds.map(\.ligne)), [l, l + 1])
        let ir = try XCTUnwrap(CopcKit.emit(a, b))
        XCTAssertTrue(ir.contains("\"fichier\": \"etc/passwd\""), ir)
        XCTAssertNotNil(CopcKit.emit(b, a))
    }
}

extension CopcKitTests {
    func testNotesArePlacedInSwiftToo() throws {
        let l = #line + 3
        let contrat = Contrat("C", "Contrat") {
            Objectif("1", "O") {
                Action("1.1", "Première").délai(2022)
                Action("1.1", "Doublon").délai(2022)
            }
            .pilote("DG")
            Référent("DG")
        }
        .période(2021...2022)
        let doublon = try XCTUnwrap(CopcKit.check(contrat).first { $0.code == "COP200" }, "\(CopcKit.check(contrat))")
        XCTAssertEqual(doublon.ligne, l + 1)
        XCTAssertEqual(doublon.notes.first?.ligne, l)
        XCTAssertEqual(doublon.notes.first?.fichier, #filePath)
    }

    func testSourceOfARefusedTextIsThePrintedText() {
        let contrat = Contrat("C", "Contrat") { Objectif("1", "O") { Action("1.1", "A").délai("fin 2022 # x") } }.période(2021...2022)
        XCTAssertTrue(CopcKit.source(contrat).contains("  délai : fin 2022 \\# x\n"))
    }
}
