import XCTest
import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcDriver
import CopcModel
import CopcFormat

/// The formatted text of `text`, or nil (with a test failure) when the formatter refused it.
func formatted(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
    switch Formatter.format(path: "essai.cop", text: text) {
    case .formatted(let out): return out
    case .refused(let ds):
        XCTFail("refusé : \(summary(ds))", file: file, line: line)
        return nil
    }
}

/// The IR of every version of every contract of a workspace, in order.
func irs(_ files: [(String, [UInt8])]) -> [String] {
    let result = Driver.check(sources: files, options: CheckOptions(au: testDate))
    return result.contracts.flatMap { unit in unit.versions.map { IR.emit(unit, version: $0, files: result.fileTable) } }
}

/// Diagnostics without their places: (code, message), sorted. Formatting moves lines, not meaning.
func meanings(_ files: [(String, [UInt8])]) -> [String] {
    Driver.check(sources: files, options: CheckOptions(au: testDate)).diagnostics
        .map { "\($0.code.rawValue) \($0.message.text)" }.sorted()
}

func trimmedComments(_ text: String) -> [String] {
    Parser.parse(SourceFile(path: "x.cop", text: text)).comments.map { r -> String in
        let s = SourceFile(path: "x.cop", text: text).text(r)
        var scalars = Substring(s)
        while let l = scalars.last, l == " " || l == "\t" || l == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}

final class FormatTests: XCTestCase {
    // MARK: the canonical layout, decision by decision

    func testHeadersAtColumnZeroPropertiesIndentedKeywordsAccented() {
        let src = """
            CONTRAT C1 « Contrat »
        PERIODE:2021..2023
              Signe Le : 2021-03-12
          Objectif 1 «Objectif»
        Delai : fin 2022
        """
        // `Delai` under an objective is still a property line: only its spelling is canonical.
        XCTAssertEqual(formatted(src), """
        contrat C1 « Contrat »
          période : 2021 .. 2023
          signé le : 2021-03-12

        objectif 1 « Objectif »
          délai : fin 2022

        """)
    }

    func testSpacingAroundPunctuation() {
        let src = "indicateur 1.a « I »\n  cible   2021..2022 (national):>=60%\n  pilote:DGOS ,DGCS\n  délai(v2)  :  fin   2022\n  cible 2023 : <= 2,5\n"
        XCTAssertEqual(formatted(src), "indicateur 1.a « I »\n  cible 2021 .. 2022 (national) : ≥ 60 %\n  pilote : DGOS, DGCS\n  délai (v2) : fin 2022\n  cible 2023 : ≤ 2,5\n")
    }

    func testOneBlankLineBeforeEachElementButReferentListsKeepTheirGrouping() {
        let src = "référent A « A »\nréférent B « B »\n\n\n\nréférent C\ncontrat C1 « C »\n  période : 2021 .. 2023\n\n\n  type : COP\naxe 1 « Axe »\naction 1.1 « Act »\n"
        XCTAssertEqual(formatted(src), "référent A « A »\nréférent B « B »\n\nréférent C\n\ncontrat C1 « C »\n  période : 2021 .. 2023\n\n  type : COP\n\naxe 1 « Axe »\n\naction 1.1 « Act »\n")
    }

    func testStringsBecomeGuillemetsOnlyWhenTheValueIsTheSame() {
        let src = """
        objectif 1 "Titre « cité »"
          texte : "avec \\"échappement\\""
          thème : " espaces au bord "
          méthode : "guillemet « seul"
          source : «  Espacé  »
        """
        XCTAssertEqual(formatted(src), """
        objectif 1 « Titre « cité » »
          texte : "avec \\"échappement\\""
          thème : " espaces au bord "
          méthode : "guillemet « seul"
          source : « Espacé »

        """)
    }

    func testTargetsAreAligned() {
        let src = "indicateur 1.a « I »\n  unité : %\n  cible 2021 : 10 %\n  cible 2022 .. 2024 : 20 %\n  cible 2025 (hors Corse) : 30 %\n  # seul\n  cible 2026 : 40 %\n"
        XCTAssertEqual(formatted(src), """
        indicateur 1.a « I »
          unité : %
          cible 2021              : 10 %
          cible 2022 .. 2024      : 20 %
          cible 2025 (hors Corse) : 30 %
          # seul
          cible 2026 : 40 %

        """)
    }

    func testCommentsMoveWithTheLineTheyDescribe() {
        let src = """
        # En-tête du fichier

        contrat C1 « C »   # en fin de ligne
          période : 2021 .. 2023
              # sur la propriété suivante
          type : COP
            # après type, avant une ligne vide

        # Section
        axe 1 « A »

        # seul entre deux lignes vides

        objectif 1.1 « O »
        """
        XCTAssertEqual(formatted(src), """
        # En-tête du fichier

        contrat C1 « C »  # en fin de ligne
          période : 2021 .. 2023
          # sur la propriété suivante
          type : COP
          # après type, avant une ligne vide

        # Section
        axe 1 « A »

        # seul entre deux lignes vides

        objectif 1.1 « O »

        """)
    }

    /// A colon inside a label is not the key's colon: `moyens (BNGA, section : X) 2022 : …` aligns
    /// on the colon after the year, and the forms of issue 14 keep their spelling.
    func testLabelColonIsNotAligned() {
        let src = "contrat C « C »\n  période : 2021 .. 2022\n  moyens (a : b) 2021 : 3 M€\n  moyens 2022 : 4 M€\n  avis « CGEFI »  le :  2020-12-01\n"
        XCTAssertEqual(formatted(src), """
        contrat C « C »
          période : 2021 .. 2022
          moyens (a : b) 2021 : 3 M€
          moyens 2022         : 4 M€
          avis « CGEFI » le : 2020-12-01

        """)
        let targets = "indicateur 1.a « I »\n  cible 2021 : +2   points\n  cible 2022 : >= N-1\n  cible 2023 : +5 %  par an\n"
        XCTAssertEqual(formatted(targets), "indicateur 1.a « I »\n  cible 2021 : +2 points\n  cible 2022 : ≥ N-1\n  cible 2023 : +5 % par an\n")
    }

    func testTrailingCommentsOfAdjacentLinesAreAligned() {
        let src = "objectif 1 « O »\n  pilote : DGOS # un\n  co-pilote : DGCS, DSS # deux\n\n  thème : « T »      # seul\n"
        XCTAssertEqual(formatted(src), "objectif 1 « O »\n  pilote : DGOS          # un\n  co-pilote : DGCS, DSS  # deux\n\n  thème : « T »  # seul\n")
    }

    func testDirectiveAtTheEndOfALineStaysAdjacentToTheHeaderItGoverns() {
        let src = "contrat C1 « C »\n  période : 2021 .. 2023  # copc: ignorer COP500\nobjectif 1 « O »\n"
        let out = formatted(src)
        XCTAssertEqual(out, "contrat C1 « C »\n  période : 2021 .. 2023  # copc: ignorer COP500\nobjectif 1 « O »\n")
        // The directive still applies: no COP500 on the objective, before or after.
        let before = summary(check(src)).filter { $0.hasSuffix("COP500") }
        let after = summary(check(out ?? "")).filter { $0.hasSuffix("COP500") }
        XCTAssertEqual(before, after)
    }

    func testTextBlocksAreReindentedKeepingTheirValue() {
        let src = "contrat C1 « C »\n  période : 2021 .. 2023\n texte \"\"\"\n        Premier.\n          Indenté.\n\n        Dernier.\n \"\"\"\n"
        XCTAssertEqual(formatted(src), "contrat C1 « C »\n  période : 2021 .. 2023\n  texte \"\"\"\n    Premier.\n      Indenté.\n\n    Dernier.\n  \"\"\"\n")
        // A block that starts on its opening line is printed as written.
        let inline = "contrat C1 « C »\n  période : 2021 .. 2023\n  texte \"\"\"Tout de suite\n      puis\"\"\"\n"
        XCTAssertEqual(formatted(inline), inline)
    }

    func testAvenantsAndChangesAreCanonical() {
        let src = "AVENANT 1 AU CONTRAT C1 « Fixation »\n  Signé Le : 2022-06-30\nModifier Indicateur 1.a\n  cible 2022 : 60 %\nAjouter action 1.2 « Nouvelle » DANS Objectif 1\n  délai : 2023\nsupprimer action 1.1\n"
        XCTAssertEqual(formatted(src), "avenant 1 au contrat C1 « Fixation »\n  signé le : 2022-06-30\n\nmodifier indicateur 1.a\n  cible 2022 : 60 %\n\najouter action 1.2 « Nouvelle » dans objectif 1\n  délai : 2023\n\nsupprimer action 1.1\n")
    }

    func testCRLFBOMAndNoBreakSpacesAreNormalised() {
        let src = "\u{FEFF}contrat C1 « C »\r\n  période\u{A0}:\u{A0}2021 .. 2023\r\n  # note\r\n"
        XCTAssertEqual(formatted(src), "contrat C1 « C »\n  période : 2021 .. 2023\n  # note\n")
    }

    func testUnknownKeysAndValuesAreKeptAsWritten() {
        let src = "action 1.1 « A »\n  Délai : Tout Au Long Du Contrat\n  Couleur Préférée : Bleu\n"
        XCTAssertEqual(formatted(src), "action 1.1 « A »\n  délai : Tout Au Long Du Contrat\n  Couleur Préférée : Bleu\n")
    }

    func testSyntaxErrorsRefuseWithTheDiagnostics() {
        guard case .refused(let ds) = Formatter.format(path: "x.cop", text: "contrat C1 « C\n  période : 2021 .. 2023\n") else {
            return XCTFail("un fichier avec une erreur de syntaxe doit être refusé")
        }
        XCTAssertEqual(ds.map(\.code), [.cop101])
        guard case .refused(let ds2) = Formatter.format(path: "x.cop", text: "contrat C1 « C »\n  ! : x\n") else {
            return XCTFail("refus attendu")
        }
        XCTAssertFalse(ds2.isEmpty)
    }

    func testEmptyAndCommentOnlyFiles() {
        XCTAssertEqual(formatted(""), "")
        XCTAssertEqual(formatted("\n\n\n"), "")
        XCTAssertEqual(formatted("   # seul\n\n\n"), "# seul\n")
    }

    // MARK: properties on the real contracts

    func contractFolders() throws -> [[(String, [UInt8])]] {
        let root = repositoryRoot + "/contracts"
        var folders: [String] = []
        for path in try FileSystem.copFiles(under: root) where !folders.contains(Paths.directory(of: path)) {
            folders.append(Paths.directory(of: path))
        }
        return try folders.map { dir in
            try FileSystem.copFiles(under: dir).map { (Paths.relative($0, to: root), try FileSystem.read($0)) }
        }
    }

    /// Idempotent, IR preserved, comments kept, same diagnostics, on every contract.
    func testPropertiesOnEveryContract() throws {
        let folders = try contractFolders()
        XCTAssertGreaterThanOrEqual(folders.count, 4)
        for files in folders {
            let formattedFiles = files.map { (path, bytes) -> (String, [UInt8]) in
                let text = String(decoding: bytes, as: UTF8.self)
                guard let out = formatted(text) else { return (path, bytes) }
                XCTAssertEqual(formatted(out), out, "\(path) : la mise en page n'est pas idempotente")
                XCTAssertEqual(trimmedComments(out), trimmedComments(text), "\(path) : commentaires perdus ou modifiés")
                return (path, Array(out.utf8))
            }
            XCTAssertEqual(irs(formattedFiles), irs(files), "\(files[0].0) : l'IR change")
            XCTAssertEqual(meanings(formattedFiles), meanings(files), "\(files[0].0) : les diagnostics changent")
        }
    }

    /// The contracts of the repository are kept in canonical layout (`copc fmt --check contracts`).
    func testContractsAreCanonical() throws {
        for files in try contractFolders() {
            for (path, bytes) in files {
                XCTAssertEqual(formatted(String(decoding: bytes, as: UTF8.self)), String(decoding: bytes, as: UTF8.self),
                               "\(path) n'est pas en page canonique : lancez « copc fmt contracts »")
            }
        }
    }

    /// Every case of the test corpus without syntax error keeps its diagnostics when formatted.
    func testPropertiesOnTheCaseCorpus() throws {
        let dir = repositoryRoot + "/Tests/CopcTests/Cases"
        var tried = 0
        for path in try FileSystem.copFiles(under: dir) {
            let bytes = try FileSystem.read(path)
            guard case .formatted(let out) = Formatter.format(SourceFile(path: path, bytes: bytes)) else { continue }
            tried += 1
            guard case .formatted(let again) = Formatter.format(path: path, text: out) else { XCTFail(path); continue }
            XCTAssertEqual(again, out, "\(path) : non idempotent")
            let name = Paths.relative(path, to: dir)
            XCTAssertEqual(irs([(name, Array(out.utf8))]), irs([(name, bytes)]), "\(name) : l'IR change")
            // The characters of word processors (COP110) are what formatting corrects: they
            // are gone, every other diagnostic stays.
            let after = meanings([(name, Array(out.utf8))])
            XCTAssertFalse(after.contains { $0.hasPrefix("COP110") }, "\(name) : COP110 reste après la mise en page")
            XCTAssertEqual(after, meanings([(name, bytes)]).filter { !$0.hasPrefix("COP110") }, "\(name) : les diagnostics changent")
        }
        XCTAssertGreaterThan(tried, 150)
    }

    // MARK: properties on generated inputs

    /// Mutated real contracts: the formatter never crashes; what it accepts it formats to a
    /// fixed point with the same diagnostics; what it refuses has a syntax error to show.
    func testMutatedContractsNeverCrashOrLoseMeaning() throws {
        let base = try FileSystem.read(repositoryRoot + "/contracts/cop-cng-2021-2025/contrat.cop")
        let lines = base.split(separator: 10, omittingEmptySubsequences: false)
        let alphabet: [[UInt8]] = [Array("«".utf8), Array("»".utf8), Array("\"".utf8), Array("\"\"\"".utf8), Array(":".utf8),
                                   Array("\n".utf8), Array("..".utf8), Array("(".utf8), Array(")".utf8), Array("#".utf8),
                                   Array(" ".utf8), Array("\t".utf8), Array("\r\n".utf8), Array(">=".utf8), Array(",".utf8),
                                   Array("dans objectif 1.1".utf8), Array("# copc: ignorer COP500\n".utf8), [0xFF]]
        var rng = SplitMix(seed: 42)
        var accepted = 0, refused = 0
        for _ in 0..<200 {
            // A window of about 40 lines keeps each run fast while crossing element boundaries.
            let start = rng.below(max(1, lines.count - 40))
            var bytes = Array(lines[start..<min(lines.count, start + 40)].joined(separator: [10]))
            for _ in 0..<(1 + rng.below(4)) {
                let at = rng.below(bytes.count + 1)
                switch rng.below(3) {
                case 0: bytes.insert(contentsOf: rng.pick(alphabet), at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = rng.pick(alphabet)[0] }
                }
            }
            switch Formatter.format(SourceFile(path: "m.cop", bytes: bytes)) {
            case .refused(let ds):
                refused += 1
                XCTAssertTrue(ds.contains { $0.severity == .error }, "refus sans erreur de syntaxe :\n\(String(decoding: bytes, as: UTF8.self))")
            case .formatted(let out):
                accepted += 1
                XCTAssertEqual(formatted(out), out, "non idempotent :\n\(String(decoding: bytes, as: UTF8.self))")
                XCTAssertEqual(meanings([("m.cop", Array(out.utf8))]), meanings([("m.cop", bytes)]),
                               "diagnostics changés :\n\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        // A bare carriage return (from replacing a byte with the first of "\r\n") is refused
        // since issue 9 (COP100), which moved a few inputs from accepted to refused.
        XCTAssertGreaterThan(accepted, 15)
        XCTAssertGreaterThan(refused, 10)
    }

    /// Random contracts written in every style the language accepts: the formatter must give the
    /// same IR, the same diagnostics, the same comments, and a fixed point.
    func testPropertiesOnGeneratedContracts() {
        var rng = SplitMix(seed: 0xC0FFEE)
        for n in 0..<300 {
            var generator = ContractGenerator(rng: &rng)
            let text = generator.contract()
            let bytes = Array(text.utf8)
            guard case .formatted(let out) = Formatter.format(SourceFile(path: "g.cop", bytes: bytes)) else {
                XCTFail("contrat généré \(n) refusé :\n\(text)")
                continue
            }
            XCTAssertEqual(formatted(out), out, "généré \(n) : non idempotent\n\(text)")
            XCTAssertEqual(trimmedComments(out), trimmedComments(text), "généré \(n) : commentaires")
            XCTAssertEqual(irs([("g.cop", Array(out.utf8))]), irs([("g.cop", bytes)]), "généré \(n) : IR\n\(text)")
            XCTAssertEqual(meanings([("g.cop", Array(out.utf8))]), meanings([("g.cop", bytes)]), "généré \(n) : diagnostics\n\(text)")
        }
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}

/// Writes valid contracts in varied styles: keyword case and accents, spacing (tabs, no-break
/// spaces, none around punctuation), comments everywhere, blank lines, strings and guillemets,
/// text blocks, CRLF.
struct ContractGenerator {
    var rng: SplitMix
    var crlf = false

    init(rng: inout SplitMix) {
        self.rng = SplitMix(seed: rng.next())
        crlf = self.rng.chance(15)
    }

    mutating func space() -> String { rng.pick([" ", " ", " ", "  ", "\t", "\u{A0}", "   "]) }
    mutating func tight() -> String { rng.pick(["", " ", " ", "  ", "\u{A0}"]) }
    mutating func indent() -> String { rng.pick(["", "  ", "  ", "    ", "\t", " "]) }
    mutating func keyword(_ k: String) -> String {
        switch rng.below(6) {
        case 0: return k.uppercased()
        case 1: return k.prefix(1).uppercased() + k.dropFirst()
        case 2: return String(TokenText.fold(k))
        default: return k
        }
    }
    mutating func text(_ s: String) -> String {
        switch rng.below(5) {
        case 0: return "\"" + s + "\""
        case 1: return "«" + s + "»"
        case 2: return "«\u{A0}" + s + "\u{A0}»"
        default: return "« " + s + " »"
        }
    }
    mutating func eol() -> String {
        var s = ""
        if rng.chance(12) { s += space() + "# remarque \(rng.below(100))" + rng.pick(["", " ", "\t"]) }
        return s + (crlf ? "\r\n" : "\n")
    }
    mutating func blanks() -> String {
        var s = ""
        for _ in 0..<rng.pick([0, 0, 0, 1, 1, 2, 3]) { s += rng.pick(["", "  ", "\t"]) + (crlf ? "\r\n" : "\n") }
        if rng.chance(15) { s += indent() + "# commentaire « seul » \(rng.below(100))" + (crlf ? "\r\n" : "\n") }
        if rng.chance(5) { s += indent() + "# copc: ignorer COP500" + (crlf ? "\r\n" : "\n") }
        return s
    }
    mutating func property(_ key: String, _ value: String) -> String {
        blanks() + indent() + keyword(key) + tight() + ":" + tight() + value + eol()
    }

    mutating func contract() -> String {
        var s = blanks()
        for r in 0..<rng.below(3) {
            s += keyword("référent") + space() + "R\(r)" + space() + text("Référent \(r)") + eol()
        }
        s += keyword("contrat") + space() + "C\(rng.below(9))" + space() + text("Contrat « généré »") + eol()
        s += property("période", "2021" + tight() + ".." + tight() + "2025")
        if rng.chance(50) { s += property("type", rng.pick(["COP", "cpom", "COG"])) }
        if rng.chance(30) { s += property("signé le", rng.pick(["2021-03-12", "12/03/2021", "12 mars 2021"])) }
        if rng.chance(30) {
            let pad = rng.pick(["", "  ", "      ", "\t"])
            s += indent() + keyword("texte") + space() + "\"\"\"" + (crlf ? "\r\n" : "\n")
                + pad + "Premier paragraphe,\n" + pad + "  indenté « ici ».\n\n" + pad + "Fin.\n" + rng.pick(["", "  "]) + "\"\"\"" + eol()
        }
        for a in 1...(1 + rng.below(2)) {
            s += blanks() + indent() + keyword("axe") + space() + "\(a)" + space() + text("Axe \(a)") + eol()
            for o in 1...(1 + rng.below(2)) {
                s += blanks() + indent() + keyword("objectif") + space() + "\(a).\(o)" + space() + text("Objectif") + eol()
                if rng.chance(60) { s += property(rng.pick(["pilote", "référent"]), rng.pick(["R0", "R1", "DGOS", "R0" + tight() + "," + tight() + "R1"])) }
                for c in 1...(1 + rng.below(3)) {
                    s += blanks() + indent() + keyword("action") + space() + "\(a).\(o).\(c)" + space() + text("Action") + eol()
                    s += property("délai", rng.pick(["fin 2022", "2023", "1er semestre 2024", "tout au long du contrat", "2022" + tight() + ".." + tight() + "2023", "Fin 2030"]))
                    if rng.chance(30) {
                        s += blanks() + indent() + keyword("délai") + space() + "(" + tight() + "v2" + tight() + ")" + tight() + ":" + tight() + "fin 2024" + eol()
                    }
                }
                if rng.chance(70) {
                    s += blanks() + indent() + keyword("indicateur") + space() + "\(a).\(o).a" + space() + text("Taux") + eol()
                    s += property("unité", rng.pick(["%", "nombre", "jours"]))
                    var year = 2021
                    while year <= 2025 {
                        let span = rng.below(3)
                        let years = span == 0 || year + span > 2025 ? "\(year)" : "\(year)" + tight() + ".." + tight() + "\(year + span)"
                        let value = rng.pick(["50 %", ">=60%", "≥ 70 %", "à fixer par avenant", "sans objet", "4 000", "2,5", "<= 3",
                                              "+2" + space() + "points", "+ 5" + tight() + "%" + space() + "par an", "maintien", ">=" + tight() + "N-1",
                                              "300" + space() + "cumulés", "-10 %" + space() + "par rapport à" + space() + "2021"])
                        s += blanks() + indent() + keyword("cible") + space() + years + tight() + ":" + tight() + value + eol()
                        year += (span == 0 || year + span > 2025) ? 1 : span + 1
                    }
                }
            }
        }
        return s
    }
}

@testable import CopcFormat

/// The guard that keeps the formatter from ever writing a file that reads differently.
final class EquivalenceTests: XCTestCase {
    func holds(_ a: String, _ b: String) -> Bool {
        Equivalence.holds(Parser.parse(SourceFile(path: "a", text: a)), Parser.parse(SourceFile(path: "b", text: b)))
    }

    func testSameMeaningDifferentLayout() {
        XCTAssertTrue(holds("CONTRAT C « T »\n\n\nPERIODE:2021..2023\n", "contrat C « T »\n  période : 2021 .. 2023"))
        XCTAssertTrue(holds("cible 2021 : >= 5  # note\n", "cible 2021 : ≥ 5 # note   \n"))
        XCTAssertTrue(holds("texte : \"mot\"\n", "texte : « mot »\n"))
        XCTAssertTrue(holds("texte \"\"\"\n  a\n    b\n\"\"\"\n", "texte \"\"\"\n        a\n          b\n    \"\"\"\n"))
    }

    func testDifferentMeaningIsCaught() {
        XCTAssertFalse(holds("cible 2021 : 5\n", "cible 2021 : 6\n"))
        XCTAssertFalse(holds("délai : fin 2022\n", "délai : fin\n2022\n"), "une fin de ligne déplacée change le sens")
        XCTAssertFalse(holds("texte : « a  b »\n", "texte : « a b »\n"))
        XCTAssertFalse(holds("pilote : A # un\n", "pilote : A # deux\n"))
        XCTAssertFalse(holds("pilote : A # un\n", "pilote : A\n"))
        XCTAssertFalse(holds("pilote : A\n", "pilote : A\nthème : x\n"))
        XCTAssertFalse(holds("cible 2021 : ≥ 5\n", "cible 2021 : > 5\n"))
    }
}
