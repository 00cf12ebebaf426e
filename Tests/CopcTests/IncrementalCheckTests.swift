import XCTest
import CopcLanguage
import CopcSource
import CopcDiagnostics
import CopcModel
import CopcSema
@testable import CopcRules
import CopcDriver

/// The checker re-checks each version only where its avenant changed something (issue 21):
/// its result must equal the definition — every rule on every unit of every version, latest
/// first, one diagnostic per code and place (`Checker.check(everyVersionWhole: true)`) — on
/// the repository's contracts and cases and on random chains of avenants.
final class IncrementalCheckTests: XCTestCase {
    /// Every diagnostic, notes included, one per line.
    func shown(_ ds: [Diagnostic]) -> [String] {
        ds.map { d in
            let at = d.span.map { "\($0.file.path):\($0.start.line):\($0.start.column)-\($0.range.end)" } ?? d.path
            let notes = d.notes.map { n in "\n    note: " + n.message.text + (n.span.map { " @\($0.file.path):\($0.start.line)" } ?? "") }.joined()
            return "\(at) \(d.code.rawValue) \(d.severity) \(d.text)" + notes
        }
    }

    /// Checks `sources` both ways at each date; returns the number of diagnostics compared.
    @discardableResult
    func assertSame(_ sources: [(String, [UInt8])], dates: [Day], strict: Bool = false, _ label: String,
                    file: StaticString = #filePath, line: UInt = #line) -> Int {
        let r = Driver.check(sources: sources, options: CheckOptions(au: testDate))
        var compared = 0
        for au in dates {
            let options = CheckOptions(au: au, strict: strict)
            let incremental = Checker.check(r.workspace, files: r.fileTable, perFile: [], options: options)
            let whole = Checker.check(r.workspace, files: r.fileTable, perFile: [], options: options, everyVersionWhole: true)
            let a = shown(incremental), b = shown(whole)
            if a != b {
                let onlyA = a.filter { !b.contains($0) }, onlyB = b.filter { !a.contains($0) }
                XCTFail("\(label) au \(au): incremental ≠ whole\n  only incremental:\n  " + onlyA.joined(separator: "\n  ")
                        + "\n  only whole:\n  " + onlyB.joined(separator: "\n  ") + (onlyA.isEmpty && onlyB.isEmpty ? "\n  (order)" : ""),
                        file: file, line: line)
            }
            compared += b.count
            // Version by version: what the units report after each step is that version's whole
            // check (the date only chooses the version in force: looked at once).
            for c in r.contracts where au == dates[0] {
                let check = ContractCheck(contract: c, files: r.fileTable, models: Checker.models(of: r.workspace), options: options)
                check.observe = { v, found in
                    let expected = self.shown(check.whole(v, reporter: Reporter(files: r.fileTable, models: check.models))).sorted()
                    let actual = self.shown(found).sorted()
                    if actual != expected {
                        XCTFail("\(label) au \(au), version \(v.number): units ≠ whole check\n  only units:\n  "
                                + actual.filter { !expected.contains($0) }.joined(separator: "\n  ") + "\n  only whole:\n  "
                                + expected.filter { !actual.contains($0) }.joined(separator: "\n  "), file: file, line: line)
                    }
                }
                _ = check.run()
            }
        }
        return compared
    }

    let dates = [Day(year: 2020, month: 6, day: 1)!, Day(year: 2022, month: 3, day: 15)!, Day(year: 2023, month: 7, day: 1)!, testDate]

    /// The contracts of the repository and every case of the corpus, at several dates (the
    /// version in force moves).
    func testRepositoryContractsAndCases() throws {
        var inputs: [(String, [(String, [UInt8])])] = []
        let contracts = repositoryRoot + "/contracts"
        for path in try FileSystem.copFiles(under: contracts) {
            let rel = Paths.relative(path, to: contracts)
            let parts = rel.split(separator: "/")
            // A contract folder (`exemples/X` for the examples).
            let folder = parts.first == "exemples" && parts.count > 2 ? parts.prefix(2).joined(separator: "/") : String(parts[0])
            let inside = Paths.relative(path, to: contracts + "/" + folder)
            if let k = inputs.firstIndex(where: { $0.0 == folder }) {
                inputs[k].1.append((inside, try FileSystem.read(path)))
            } else {
                inputs.append((folder, [(inside, try FileSystem.read(path))]))
            }
        }
        let cases = repositoryRoot + "/Tests/CopcTests/Cases"
        var byCase: [String: [(String, [UInt8])]] = [:]
        for path in try FileSystem.copFiles(under: cases) {
            let rel = Paths.relative(path, to: cases)
            let name = rel.split(separator: "/").first.map(String.init) ?? rel
            let inside = rel.contains("/") ? Paths.relative(path, to: cases + "/" + name) : name
            byCase[name, default: []].append((inside, try FileSystem.read(path)))
        }
        for name in byCase.keys.sorted() { inputs.append(("cas " + name, byCase[name]!.sorted { $0.0 < $1.0 })) }
        var compared = 0
        var withAvenants = 0
        for (label, sources) in inputs {
            compared += assertSame(sources, dates: dates, label)
            compared += assertSame(sources, dates: [testDate], strict: true, label + " (strict)")
            if sources.contains(where: { $0.0.contains("avenant") }) { withAvenants += 1 }
        }
        XCTAssertGreaterThan(withAvenants, 20, "the corpus has contracts with avenants")
        XCTAssertGreaterThan(compared, 1000, "diagnostics were compared")
    }

    /// Random contracts (ids with gaps, letters, implied levels, misfiled ids, weights,
    /// untitled elements, plans, référents, relative targets…) each with a random chain of
    /// avenants (modifications of every kind of element and of the contract's period and
    /// numbering, additions, removals of elements and of déclarations): the same diagnostics
    /// both ways.
    func testRandomChainsOfAvenants() {
        var rng = SplitMix(seed: 0x5eed_2101)
        var compared = 0
        var versions = 0
        for k in 0..<160 {
            let files = RandomContract.make(&rng)
            versions += files.count
            compared += assertSame(files, dates: [dates[1], testDate], "chaîne aléatoire \(k):\n" + files.map { "== \($0.0)\n" + String(decoding: $0.1, as: UTF8.self) }.joined())
        }
        XCTAssertGreaterThan(versions, 500)
        XCTAssertGreaterThan(compared, 2000, "the random chains produce diagnostics")
    }

    /// Long chains (10 to 30 avenants) edited as a drafter does in the language server: an
    /// avenant rewritten, emptied, appended or deleted, step after step, in one `SourceSet`
    /// kept across checks (version 0 reused). After each edit, the incremental check equals
    /// the definition (every rule on every version, and version by version), and the kept
    /// source set's result equals a fresh check's.
    func testLongChainsEditedStepByStep() {
        var rng = SplitMix(seed: 0x21_1e_57)
        var steps = 0, compared = 0, reused = 0
        for k in 0..<12 {
            let count = 10 + rng.below(21)
            let start = RandomContract.make(&rng, avenants: count)
            var files = start.files
            var chain = start.chain
            let set = SourceSet(displayBase: "/m", readsDisk: false)
            for (name, bytes) in files { set.setText(bytes, at: "/m/" + name) }
            var label = "chaîne longue \(k)"
            for step in 0..<8 {
                let n = files.count - 1
                switch rng.below(5) {
                case 0, 1:
                    // Rewritten: another random avenant under the same number.
                    let a = 1 + rng.below(n)
                    files[a].1 = Array(chain.avenant(a, &rng).utf8)
                    set.setText(files[a].1, at: "/m/" + files[a].0)
                    label += ", avenant \(a) réécrit"
                case 2:
                    // Being typed: cut after a random line.
                    let a = 1 + rng.below(n)
                    let lines = files[a].1.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                    files[a].1 = Array(lines.prefix(1 + rng.below(max(1, lines.count))).joined(separator: [UInt8(ascii: "\n")]))
                    set.setText(files[a].1, at: "/m/" + files[a].0)
                    label += ", avenant \(a) coupé"
                case 3:
                    files.append(("avenant-\(n + 1).cop", Array(chain.avenant(n + 1, &rng).utf8)))
                    set.setText(files[n + 1].1, at: "/m/" + files[n + 1].0)
                    label += ", avenant \(n + 1) ajouté"
                default:
                    guard n > 1 else { continue }
                    set.removeText(at: "/m/" + files[n].0)
                    files.removeLast()
                    label += ", avenant \(n) supprimé"
                }
                let options = CheckOptions(au: testDate)
                let before = set.memory.reused
                let kept = Driver.check(workspace: "/m", sources: set, options: options)
                reused += set.memory.reused - before
                let fresh = SourceSet(displayBase: "/m", readsDisk: false)
                for (name, bytes) in files { fresh.setText(bytes, at: "/m/" + name) }
                let again = Driver.check(workspace: "/m", sources: fresh, options: options)
                XCTAssertEqual(shown(kept.diagnostics), shown(again.diagnostics), "\(label) (étape \(step))")
                compared += assertSame(files, dates: [testDate], label)
                steps += 1
            }
        }
        XCTAssertGreaterThan(steps, 80)
        XCTAssertGreaterThan(reused, 40, "version 0 was reused after most edits")
        XCTAssertGreaterThan(compared, 1000, "the long chains produce diagnostics")
    }

    /// One chain per way a change reaches units other than the element it names: the same
    /// diagnostics both ways, and the code that shows the change is reported.
    func testEachDependencyOfTheScopes() {
        let header = "contrat C « C »\n  période : 2021 .. 2024\n  signé le : 2021-01-10\nréférent OPE « Opérateur »\nréférent DGOS « Direction »\n"
        func avenant(_ n: Int, _ clauses: String) -> (String, [UInt8]) {
            ("avenant-\(n).cop", Array("avenant \(n) au contrat C « A\(n) »\n  signé le : 2022-0\(n)-01\n\n\(clauses)".utf8))
        }
        let chains: [(String, String, [(String, [UInt8])], Code)] = [
            // A level declared hides the level an id implies: `1.1.e` hides the `e` of `1.1.e.1`.
            ("niveau implicite caché", header + """
            axe 1 « A »
            objectif 1.1 « O »
              pilote : OPE
            action 1.1.1 « A »
              délai : fin 2022
            action 1.1.3 « A »
              délai : fin 2022
            action 1.1.e.1 « A »
              délai : fin 2022
            indicateur 1.1.a « I »
              unité : %
              cible 2022 : 10 %

            """, [avenant(1, "ajouter indicateur 1.1.e « I »\n  unité : %\n  cible 2022 : 5 %\n"),
                  avenant(2, "supprimer indicateur 1.1.e\n")], .cop203),
            // The period moves every deadline and target year.
            ("période", header + """
            axe 1 « A »
            objectif 1.1 « O »
              pilote : OPE
            action 1.1.1 « A »
              délai : fin 2024
            indicateur 1.1.a « I »
              unité : %
              sens : hausse
              cible 2023 : 10 %
              cible 2024 : +2 points

            """, [avenant(1, "modifier contrat\n  période : 2021 .. 2023\n"), avenant(2, "modifier contrat\n  période : 2021 .. 2025\n")], .cop301),
            // Which référents exist: every reference re-checked, suggestions included.
            ("référents", header + """
            axe 1 « A »
            objectif 1.1 « O »
              pilote : DGOT
            objectif 1.2 « O »
              pilote : DGOS
            indicateur 1.2.a « I »
              unité : %
              cible 2022 : 10 %

            """, [avenant(1, "ajouter référent OPY « Y »\n"), avenant(2, "supprimer référent DGOS\n"), avenant(3, "ajouter référent OPX « X »\n")], .cop201),
            // An axe's pilot stands for its objectives'.
            ("parent", header + """
            axe 1 « A »
            objectif 1.1 « O »
            indicateur 1.1.a « I »
              unité : %
              cible 2022 : 10 %

            """, [avenant(1, "modifier axe 1\n  pilote : OPE\n"), avenant(2, "modifier axe 1\n  titre « Axe retitré »\n")], .cop502),
            // A sub-objective is reported only when its objective holds an indicator.
            ("sous-arbre", header + """
            axe 1 « A »
            objectif 1.1 « O »
              pilote : OPE
            action 1.1.9 « A »
              délai : fin 2022
            sous-objectif 1.1.1 « S1 »
            sous-objectif 1.1.2 « S2 »

            """, [avenant(1, "ajouter indicateur 1.1.1.a « I » dans sous-objectif 1.1.1\n  unité : %\n  cible 2022 : 1 %\n"),
                  avenant(2, "supprimer indicateur 1.1.1.a\n")], .cop500),
            // Weights of siblings: one removed, one modified.
            ("poids", header + """
            axe 1 « A »
            objectif 1.1 « O »
              pilote : OPE
              poids : 1/2
            indicateur 1.1.a « I »
              unité : %
              cible 2022 : 10 %
            objectif 1.2 « O »
              pilote : OPE
              poids : 1/2
            indicateur 1.2.a « I »
              unité : %
              cible 2022 : 10 %

            """, [avenant(1, "supprimer objectif 1.2\n"), avenant(2, "modifier objectif 1.1\n  poids : 1\n")], .cop405),
            // A repeated key (COP200): removing the first lets the next one answer it.
            ("clé répétée", header + """
            axe 1 « A »
            objectif 1.1 « O »
              pilote : OPE
            indicateur 1.1.a « I »
              unité : %
              cible 2022 : 10 %
            objectif 1.2 « O »
              pilote : OPE
            indicateur 1.1.a « Doublon »
              cible 2022 : 10 %

            """, [avenant(1, "supprimer objectif 1.1\n"), avenant(2, "modifier indicateur 1.1.a\n  unité : %\n")], .cop404),
            // Numbers freed by removals are not holes; re-added ones are members again.
            ("numéros libérés", header + """
            axe 1 « A »
            objectif 1.1 « O »
              pilote : OPE
            action 1.1.1 « A »
              délai : fin 2022
            action 1.1.2 « A »
              délai : fin 2022
            action 1.1.4 « A »
              délai : fin 2022
            indicateur 1.1.a « I »
              unité : %
              cible 2022 : 10 %

            """, [avenant(1, "supprimer action 1.1.2\n"), avenant(2, "ajouter action 1.1.6 « A »\n  délai : fin 2022\n"),
                  avenant(3, "ajouter action 1.1.2 « A »\n  délai : fin 2022\n")], .cop203),
            // An element added and removed by the same avenant is in neither version: its
            // number is freed all the same.
            ("ajout et retrait dans un avenant", header + """
            axe 1 « A »
            objectif 1.1 « O »
              pilote : OPE
            action 1.1.1 « A »
              délai : fin 2022
            action 1.1.5 « A »
              délai : fin 2022
            indicateur 1.1.a « I »
              unité : %
              cible 2022 : 10 %

            """, [avenant(1, "ajouter action 1.1.3 « A »\n  délai : fin 2022\nsupprimer action 1.1.3\n")], .cop203),
            // Référents only added: the units reporting an unknown name are re-checked (the name
            // resolves, a suggestion changes), the others are not.
            ("référents ajoutés", header + """
            axe 1 « A »
              pilote : SIX
            objectif 1.1 « O »
              pilote : OPE, DGOZ
            action 1.1.1 « A »
              délai : fin 2022
              pilote : SI
            indicateur 1.1.a « I »
              unité : %
              cible 2022 : 10 %

            """, [avenant(1, "ajouter référent SI « Systèmes »\n"), avenant(2, "ajouter référent DGOZA « Autre »\n"),
                  avenant(3, "ajouter référent SIX « Six »\nsupprimer référent DGOS\n")], .cop201),
            // A plan's period places `selon` deadlines.
            ("plans", header + """
            plan P « Plan »
              période : 2022 .. 2023
            axe 1 « A »
            objectif 1.1 « O »
              pilote : OPE
            action 1.1.1 « A »
              délai : selon P
            indicateur 1.1.a « I »
              unité : %
              cible 2022 : 10 %

            """, [avenant(1, "modifier plan P\n  période : 2022 .. 2026\n"), avenant(2, "supprimer plan P\n")], .cop300),
        ]
        for (label, contract, avenants, code) in chains {
            let sources = [("contrat.cop", Array(contract.utf8))] + avenants
            assertSame(sources, dates: dates, label)
            let r = Driver.check(sources: sources, options: CheckOptions(au: testDate))
            XCTAssertTrue(r.diagnostics.contains { $0.code == code }, "\(label): \(code.rawValue) reported\n" + shown(r.diagnostics).joined(separator: "\n"))
        }
    }

    /// A source set kept across checks (the language server's) keeps what version 0 left: after
    /// an avenant changed, the contract starts from there and the result is a fresh check's;
    /// after the contract, an annuaire or the date changed, version 0 is checked again.
    func testMemoryOfVersionZero() {
        var rng = SplitMix(seed: 0x4d45_4d4f)
        var reusedChecks = 0
        for k in 0..<40 {
            var files = RandomContract.make(&rng)
            let set = SourceSet(displayBase: "/m", readsDisk: false)
            for (name, bytes) in files { set.setText(bytes, at: "/m/" + name) }
            func same(_ options: CheckOptions, _ label: String) {
                let kept = Driver.check(workspace: "/m", sources: set, options: options)
                let fresh = SourceSet(displayBase: "/m", readsDisk: false)
                for (name, bytes) in files { fresh.setText(bytes, at: "/m/" + name) }
                let again = Driver.check(workspace: "/m", sources: fresh, options: options)
                XCTAssertEqual(shown(kept.diagnostics), shown(again.diagnostics), "chaîne \(k), \(label)")
            }
            let options = CheckOptions(au: testDate)
            same(options, "première vérification")
            XCTAssertEqual(set.memory.reused, 0)
            // The last avenant changes: version 0 is the same.
            let last = files.count - 1
            files[last].1 += Array("modifier contrat\n  période : 2021 .. \(2023 + k % 4)\nsupprimer action 1.1.1\n".utf8)
            set.setText(files[last].1, at: "/m/" + files[last].0)
            same(options, "avenant modifié")
            XCTAssertEqual(set.memory.reused, 1, "chaîne \(k): version 0 reused")
            reusedChecks += 1
            // The contract changes, then the date: version 0 is checked again.
            files[0].1 += Array("# fin\n".utf8)
            set.setText(files[0].1, at: "/m/contrat.cop")
            same(options, "contrat modifié")
            same(CheckOptions(au: dates[1]), "autre date")
            same(CheckOptions(au: dates[1], strict: true), "strict")
            XCTAssertEqual(set.memory.reused, 1, "chaîne \(k)")
            same(CheckOptions(au: dates[1], strict: true), "rien de changé")
            XCTAssertEqual(set.memory.reused, 2, "chaîne \(k)")
            // In force: version 0 (its state checks are kept with it).
            same(CheckOptions(au: dates[0]), "avant les avenants")
            files[last].1 += Array("modifier contrat\n  période : 2021 .. 2022\n".utf8)
            set.setText(files[last].1, at: "/m/" + files[last].0)
            same(CheckOptions(au: dates[0]), "avant les avenants, avenant modifié")
            XCTAssertEqual(set.memory.reused, 3, "chaîne \(k)")
        }
        XCTAssertEqual(reusedChecks, 40)
        // An annuaire changes what version 0 declares.
        let set = SourceSet(displayBase: "/m", readsDisk: false)
        set.setText(Array("annuaire A « A »\nréférent OPE « Opérateur »\n".utf8), at: "/m/annuaire.cop")
        set.setText(Array("utilise « annuaire.cop »\ncontrat C « C »\n  période : 2021 .. 2024\naxe 1 « A »\nobjectif 1.1 « O »\n  pilote : OPE\naction 1.1.1 « A »\n  délai : fin 2022\nindicateur 1.1.a « I »\n  unité : %\n  cible 2021 .. 2024 : 1 %\n".utf8), at: "/m/c.cop")
        XCTAssertEqual(Driver.check(workspace: "/m", sources: set, options: CheckOptions(au: testDate)).diagnostics.map(\.code), [])
        set.setText(Array("annuaire A « A »\nréférent OPX « Opérateur »\n".utf8), at: "/m/annuaire.cop")
        XCTAssertEqual(Driver.check(workspace: "/m", sources: set, options: CheckOptions(au: testDate)).diagnostics.map(\.code), [.cop201])
        XCTAssertEqual(set.memory.reused, 0)
    }

    /// One contract re-checked alone gives that contract's part of the whole check.
    func testOneContractAlone() throws {
        let dir = repositoryRoot + "/Tests/CopcTests/Cases/COP203-grand-trou-numeros-liberes"
        let r = try Driver.check(paths: [dir], options: CheckOptions(au: testDate))
        let c = r.contracts[0]
        let alone = Checker.check(contract: c, files: r.fileTable, models: Checker.models(of: r.workspace), options: CheckOptions(au: testDate))
        let files = Set(c.files)
        XCTAssertEqual(shown(alone), shown(r.diagnostics.filter { $0.span.map { files.contains($0.file.id) } ?? false }))
        XCTAssertFalse(alone.isEmpty)
    }

    /// Consolidation records what each avenant changed, and versions share what it did not.
    func testDeltaOfEachVersion() {
        let contract = """
        contrat C « C »
          période : 2021 .. 2025
        référent OPE « Opérateur »
        axe 1 « A »
        objectif 1.1 « O »
          pilote : OPE
        action 1.1.1 « A1 »
          délai : fin 2022
        action 1.1.2 « A2 »
          délai : fin 2023
        indicateur 1.1.a « I »
          unité : %
          cible 2025 : 50 %

        """
        let avenant = """
        avenant 1 au contrat C « Av »
          signé le : 2022-01-10

        modifier indicateur 1.1.a
          cible 2025 : 60 %
        ajouter action 1.1.3 « A3 »
          délai : fin 2024
        supprimer action 1.1.1
        ajouter référent DGOS « D »

        """
        let r = Driver.check(sources: [("c.cop", Array(contract.utf8)), ("a.cop", Array(avenant.utf8))], options: CheckOptions(au: testDate))
        let v0 = r.contracts[0].versions[0], v1 = r.contracts[0].versions[1]
        XCTAssertTrue(v0.delta.isEmpty)
        let d = v1.delta
        XCTAssertEqual(d.modified.map { v1.tree[$0].id }, ["1.1.a"])
        XCTAssertEqual(d.added.map { v1.tree[$0].id }, ["1.1.3"])
        XCTAssertEqual(d.removed.map { v0.tree[$0].id }, ["1.1.1"])
        XCTAssertEqual(d.referents, ["DGOS"])
        XCTAssertEqual(d.removedKeys, [ElementKey(.action, "1.1.1")])
        XCTAssertFalse(v1.tree.isPlaced(d.removed[0]))
        XCTAssertTrue(v0.tree.isPlaced(d.removed[0]))
        // Document order: the added action comes after 1.1.2, before the indicator added earlier.
        let a3 = d.added[0], a2 = v1.index[ElementKey(.action, "1.1.2")]!, ind = v1.index[ElementKey(.indicateur, "1.1.a")]!
        XCTAssertTrue(v1.tree.precedes(a2, a3))
        XCTAssertTrue(v1.tree.precedes(ind, a3), "appended last under its objective")
        XCTAssertFalse(v1.tree.precedes(a3, a2))
        XCTAssertTrue(v1.tree.precedes(v1.tree.root!, a3))
        XCTAssertEqual(v1.tree.preorder.filter { v1.tree.precedes($0, a3) }.count, v1.tree.preorder.firstIndex(of: a3))
    }

    func testSharedMapIsAValue() {
        var a = SharedMap<String, Int>()
        for k in 0..<5000 { a["k\(k)"] = k }
        var b = a
        b["k7"] = -7
        b["neuf"] = 9
        b["k8"] = nil
        XCTAssertEqual(a["k7"], 7)
        XCTAssertEqual(a["k8"], 8)
        XCTAssertNil(a["neuf"])
        XCTAssertEqual(a.count, 5000)
        XCTAssertEqual(b.count, 5000)
        XCTAssertEqual(b["k7"], -7)
        XCTAssertNotEqual(a, b)
        var c = SharedMap<String, Int>()
        for k in (0..<5000).reversed() { c["k\(k)"] = k }
        XCTAssertEqual(a, c, "equal whatever the order of insertion")
        XCTAssertEqual(a.hashValue, c.hashValue)
        XCTAssertEqual(Set(a.keys), Set((0..<5000).map { "k\($0)" }))
        XCTAssertEqual(a.dictionary.count, 5000)
        // Made from a dictionary (a version 0's index): kept as its base, changes above it.
        let d = SharedMap(["a": 1, "b": 2])
        var e = d
        e["a"] = nil
        e["c"] = 3
        e["b"] = 20
        e["zz"] = nil
        XCTAssertEqual(d.dictionary, ["a": 1, "b": 2])
        XCTAssertEqual(e.dictionary, ["b": 20, "c": 3])
        XCTAssertEqual(e.count, 2)
        XCTAssertNil(e["a"])
        e["a"] = 5
        XCTAssertEqual(e.count, 3)
        e["a"] = nil
        XCTAssertEqual(e.count, 2)
        XCTAssertEqual(e, SharedMap(["b": 20, "c": 3]))
        XCTAssertEqual(Set(e.keys), ["b", "c"])
        var big = SharedMap(Dictionary(uniqueKeysWithValues: (0..<3000).map { ("k\($0)", $0) }))
        for k in 0..<3000 where k % 3 == 0 { big["k\(k)"] = nil }
        for k in 3000..<6000 { big["k\(k)"] = k }
        XCTAssertEqual(big.count, 5000)
        XCTAssertEqual(big["k3"], nil)
        XCTAssertEqual(big["k4"], 4)
        XCTAssertEqual(big["k5999"], 5999)
        XCTAssertEqual(big.values.reduce(0, +), (0..<6000).filter { $0 >= 3000 || $0 % 3 != 0 }.reduce(0, +))
        var s = SharedSet<Int>()
        XCTAssertTrue(s.insert(3))
        XCTAssertFalse(s.insert(3))
        XCTAssertTrue(s.contains(3))
        XCTAssertEqual(Array(s), [3])
    }
}

/// Random contracts with random chains of avenants, built to reach every rule and every path
/// of the incremental check.
enum RandomContract {
    static let referents = ["OPE", "DGOS", "SI", "X"]
    static let deadlines = ["fin 2022", "T1 2023", "à préciser", "selon P1", "selon P2", "tout au long du contrat", "2030",
                            "2019 .. 2020", "S2 2025", "mi-2024"]
    static let targets = ["20 %", "+2 points", "à fixer par avenant", "entre 50 % et 40 %", "-10 % de la base", "sans objet",
                          "≥ 60 %", "3 jours", "maintien", "45 %", "30 %"]

    static func make(_ rng: inout SplitMix) -> [(String, [UInt8])] {
        make(&rng, avenants: nil).files
    }

    /// A random contract and `avenants` avenants (1 to 6 when nil), with the chain that can
    /// write more.
    static func make(_ rng: inout SplitMix, avenants: Int?) -> (files: [(String, [UInt8])], chain: Chain) {
        var ids: [(kind: String, id: String)] = []
        let end = 2023 + rng.below(4)
        var s = "contrat R « Contrat aléatoire »\n  type : COP\n  organisme : OPE\n  période : 2021 .. \(end)\n  signé le : 2021-01-15\n"
        if rng.chance(15) { s += "  numérotation : libre\n" }
        if rng.chance(20) { s += "  moyens \(2020 + rng.below(8)) : 3 M€\n" }
        s += "référent OPE « Opérateur »\nréférent DGOS « Direction »\n"
        if rng.chance(50) { s += "  rattachement : \(rng.pick(referents))\n" }
        if rng.chance(60) { s += "plan P1 « Plan »\n  période : 2022 .. \(2023 + rng.below(3))\n" }
        for a in 1...(1 + rng.below(3)) {
            if rng.chance(10) {
                s += "axe « Axe sans numéro »\n"
            } else {
                s += "axe \(a) « Axe \(a) »\n"
                ids.append(("axe", "\(a)"))
            }
            if rng.chance(40) { s += "  pilote : \(rng.pick(referents))\n" }
            var o = 0
            for _ in 0..<(1 + rng.below(4)) {
                o += rng.chance(15) ? 2 : 1
                let obj = rng.chance(8) ? "\(a + 1).\(o)" : "\(a).\(o)"
                if rng.chance(8) {
                    s += "objectif « Objectif sans numéro »\n"
                } else {
                    s += "objectif \(obj) « Objectif \(obj) »\n"
                    ids.append(("objectif", obj))
                }
                if rng.chance(60) { s += "  pilote : \(rng.chance(20) ? "à déterminer" : rng.pick(referents))\n" }
                if rng.chance(20) { s += "  poids : \(rng.pick(["1/3", "50 %", "1/2", "25 %"]))\n" }
                if rng.chance(15) { s += "  moyens \(2020 + rng.below(8)) : \(rng.pick(["2 M€", "45 jours", "12 nombre"]))\n" }
                if rng.chance(20) {
                    let so = "\(obj).\(rng.pick(["1", "2", "A"]))"
                    s += "sous-objectif \(so) « Bloc »\n"
                    ids.append(("sous-objectif", so))
                    if rng.chance(50) {
                        s += "indicateur \(so).a « Indicateur du bloc »\n  unité : %\n  cible 2022 : 30 %\n"
                        ids.append(("indicateur", "\(so).a"))
                    }
                }
                var n = 0
                for _ in 0..<rng.below(4) {
                    n += rng.chance(20) ? 2 : 1
                    let id = rng.chance(10) ? "\(obj).e.\(n)" : (rng.chance(5) ? "\(obj).\(n)bis" : "\(obj).\(n)")
                    s += "action \(id) « Action \(id) »\n"
                    ids.append(("action", id))
                    s += "  délai : \(rng.pick(deadlines))\n"
                    if rng.chance(30) { s += "  étape « Étape » : \(rng.pick(deadlines))\n" }
                    if rng.chance(40) { s += "  pilote : \(rng.pick(referents))\n" }
                }
                var letter = 0
                for _ in 0..<rng.below(4) {
                    letter += rng.chance(20) ? 2 : 1
                    let id = "\(obj).\(String(UnicodeScalar(UInt8(96 + min(26, letter)))))"
                    s += "indicateur \(id) « Indicateur \(id) »\n"
                    ids.append(("indicateur", id))
                    s += indicatorBody(&rng)
                }
            }
        }
        var files: [(String, [UInt8])] = [("contrat.cop", Array(s.utf8))]
        var chain = Chain(ids: ids)
        for k in 1...(avenants ?? 1 + rng.below(6)) { files.append(("avenant-\(k).cop", Array(chain.avenant(k, &rng).utf8))) }
        return (files, chain)
    }

    /// What the avenants of a chain can name: the contract's ids, and those added so far.
    struct Chain {
        var ids: [(kind: String, id: String)]
        var added = 0

        /// Avenant `k`: one to four random clauses (modifier, ajouter, supprimer, période,
        /// numérotation, référents and plans).
        mutating func avenant(_ k: Int, _ rng: inout SplitMix) -> String {
            // Signed a month apart, in order (the first twelve in 2022).
            let month = (k - 1) % 12 + 1
            let signed = "\(2022 + (k - 1) / 12)-\(month < 10 ? "0" : "")\(month)-10"
            var av = "avenant \(k) au contrat R « Avenant \(k) »\n  signé le : \(signed)\n\n"
            for _ in 0..<(1 + rng.below(4)) {
                let target: (kind: String, id: String) = ids.isEmpty ? (kind: "objectif", id: "1.1") : rng.pick(ids)
                switch rng.below(14) {
                case 0, 1, 2:
                    let ind = ids.filter { $0.kind == "indicateur" }
                    let id = ind.isEmpty ? "1.1.a" : rng.pick(ind).id
                    av += "modifier indicateur \(id)\n" + RandomContract.modifiedIndicator(&rng)
                case 3:
                    let act = ids.filter { $0.kind == "action" }
                    av += "modifier action \(act.isEmpty ? "1.1.1" : rng.pick(act).id)\n  délai : \(rng.pick(RandomContract.deadlines))\n"
                    if rng.chance(30) { av += "  titre « Action retitrée »\n" }
                case 4:
                    av += "modifier \(target.kind) \(target.id)\n"
                    av += rng.chance(50) ? "  pilote : \(rng.pick(RandomContract.referents))\n" : "  titre « Retitré »\n"
                    if target.kind == "objectif", rng.chance(40) { av += "  poids : \(rng.pick(["1/3", "50 %", "1/2"]))\n" }
                case 5:
                    av += "modifier contrat\n  période : 2021 .. \(2022 + rng.below(5))\n"
                    if rng.chance(20) { av += "  numérotation : \(rng.pick(["libre", "hiérarchique"]))\n" }
                case 6, 7:
                    added += 1
                    let parents = ids.filter { $0.kind == "objectif" || $0.kind == "sous-objectif" }
                    let parent = parents.isEmpty ? "1.1" : rng.pick(parents).id
                    let kind = rng.pick(["indicateur", "action"])
                    let id = kind == "action" ? "\(parent).\(rng.pick(["3", "5", "9", "e.2", "2"]))" : "\(parent).\(rng.pick(["b", "d", "z", "a", "e"]))"
                    av += "ajouter \(kind) \(id) « Ajout \(added) »" + (rng.chance(30) ? " dans objectif \(parent)" : "") + "\n"
                    av += kind == "action" ? "  délai : \(rng.pick(RandomContract.deadlines))\n" : RandomContract.indicatorBody(&rng)
                    ids.append((kind, id))
                case 8:
                    added += 1
                    let axes = ids.filter { $0.kind == "axe" }
                    let axe = axes.isEmpty ? "1" : rng.pick(axes).id
                    let id = "\(axe).\(5 + rng.below(4))"
                    av += "ajouter objectif \(id) « Nouvel objectif \(added) » dans axe \(axe)\n"
                    if rng.chance(50) { av += "  pilote : OPE\n" }
                    if rng.chance(30) { av += "  poids : 1/2\n" }
                    ids.append(("objectif", id))
                    if rng.chance(60) {
                        av += "ajouter indicateur \(id).a « Son indicateur »\n" + RandomContract.indicatorBody(&rng)
                        ids.append(("indicateur", "\(id).a"))
                    }
                case 9, 10:
                    av += "supprimer \(target.kind) \(target.id)\n"
                case 11:
                    av += rng.chance(50) ? "ajouter référent R\(k) « Nouveau »\n" : "supprimer référent \(rng.pick(["DGOS", "SI"]))\n"
                case 12:
                    av += rng.pick(["modifier référent OPE\n  rattachement : \(rng.pick(RandomContract.referents))\n",
                                    "modifier plan P1\n  période : 2022 .. \(2022 + rng.below(6))\n",
                                    "supprimer plan P1\n", "ajouter plan P2 « Autre plan »\n  période : 2023 .. 2024\n"])
                default:
                    let act = ids.filter { $0.kind == "action" }
                    av += "modifier action \(act.isEmpty ? "1.1.2" : rng.pick(act).id)\n  étape « Étape » : \(rng.pick(RandomContract.deadlines))\n"
                }
            }
            return av
        }
    }

    static func indicatorBody(_ rng: inout SplitMix) -> String {
        var s = ""
        if rng.chance(80) { s += "  unité : \(rng.pick(["%", "€", "jours", "nombre"]))\n" }
        if rng.chance(60) { s += "  sens : \(rng.pick(["hausse", "baisse"]))\n" }
        if rng.chance(10) { s += "  cibles : déclinées\n" }
        if rng.chance(10) { s += "  nature : suivi\n" }
        if rng.chance(15) { s += "  poids : \(rng.pick(["1/3", "1/2", "50 %"]))\n" }
        if rng.chance(40) { s += "  base \(2019 + rng.below(8)) : \(10 + rng.below(30)) %\n" }
        for y in 2021...2026 where rng.chance(55) { s += "  cible \(y) : \(rng.pick(targets))\n" }
        return s
    }

    static func modifiedIndicator(_ rng: inout SplitMix) -> String {
        var s = ""
        for _ in 0..<(1 + rng.below(2)) {
            switch rng.below(6) {
            case 0: s += "  unité : \(rng.pick(["%", "€", "jours"]))\n"
            case 1: s += "  sens : \(rng.pick(["hausse", "baisse"]))\n"
            case 2: s += "  poids : \(rng.pick(["1/3", "1/2", "50 %", "25 %"]))\n"
            case 3: s += "  titre « Indicateur retitré »\n"
            default: s += "  cible \(2021 + rng.below(6)) : \(rng.pick(targets))\n"
            }
        }
        return s
    }
}
