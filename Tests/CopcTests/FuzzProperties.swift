// The properties the fuzz targets check (Fuzz/, scripts/fuzz.sh), shared with the test suite,
// which replays every input kept in Fuzz/regressions/ through the same functions
// (FuzzRegressionTests). No XCTest and no Foundation here: scripts/fuzz.sh compiles this file,
// with the library sources, into a libFuzzer executable.
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcSema
import CopcModel
import CopcFormat
import CopcDriver
import CopcLSP
import CopcDiff

/// Each function returns the violated properties (empty when all hold).
enum FuzzProperties {
    /// A fixed `--au` date: the same input gives the same diagnostics on any day.
    static let au = Day(year: 2026, month: 11, day: 22)!

    /// The fuzz targets, by the name `scripts/fuzz.sh` takes.
    static let targetNames = ["avenants", "fmt", "francais", "verifier"]

    /// The properties of the target `name`, applied to one input.
    static func run(_ name: String, _ bytes: [UInt8]) -> [String] {
        switch name {
        case "verifier": return check(bytes)
        case "fmt": return format(bytes)
        case "avenants": return contractAndAvenants(bytes)
        case "francais": return FrenchProperties.check(bytes)
        default: return ["cible inconnue « \(name) »"]
        }
    }

    // MARK: lex + parse + check

    /// One file through the whole check: every diagnostic has a code and a place inside the
    /// file, the check is deterministic, and every renderer gives well-formed output (JSON and
    /// SARIF parse as JSON).
    static func check(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        let r1 = Driver.check(sources: [("f.cop", bytes)], options: CheckOptions(au: au))
        let r2 = Driver.check(sources: [("f.cop", bytes)], options: CheckOptions(au: au))
        if describe(r1.diagnostics) != describe(r2.diagnostics) { failures.append("vérification non déterministe") }
        let size = r1.files.first?.source.bytes.count ?? bytes.count
        for d in r1.diagnostics {
            if let s = d.span, !(0 <= s.range.start && s.range.start <= s.range.end && s.range.end <= size) {
                failures.append("\(d.code.rawValue) hors du fichier : \(s.range.start)..<\(s.range.end) (taille \(size))")
            }
            if d.message.code != d.code { failures.append("\(d.code.rawValue) : code différent de celui du message") }
        }
        _ = DiagnosticRenderer.human(r1.diagnostics, color: true)
        _ = DiagnosticRenderer.gcc(r1.diagnostics)
        failures += json("json", DiagnosticRenderer.json(r1.diagnostics))
        failures += json("sarif", DiagnosticRenderer.sarif(r1.diagnostics, toolVersion: "fuzz", sourceRoot: "/virtual"))
        return failures
    }

    // MARK: fmt

    /// `copc fmt` and `copc fmt -`: a refusal gives the input back byte for byte; an accepted
    /// file formats to a fixed point (idempotent) with the same diagnostics (code and message;
    /// places move) but the COP110 it corrects, and the same IR.
    static func format(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        let outcome = Driver.formatInput(bytes, checkOnly: false)
        switch Formatter.format(SourceFile(path: "f.cop", bytes: bytes)) {
        case .refused:
            if outcome.output != bytes { failures.append("refus : l'entrée n'est pas rendue octet pour octet") }
            if outcome.status != 1 { failures.append("refus : statut \(outcome.status) au lieu de 1") }
        case .formatted(let text):
            let out = Array(text.utf8)
            if outcome.output != out { failures.append("copc fmt - et Formatter.format diffèrent") }
            switch Formatter.format(SourceFile(path: "f.cop", bytes: out)) {
            case .formatted(let again) where Array(again.utf8) == out: break
            case .formatted: failures.append("mise en page non idempotente")
            case .refused: failures.append("la sortie de la mise en page est refusée")
            }
            // The characters of word processors (COP110) are what formatting corrects: gone
            // after it, every other diagnostic the same.
            let after = meanings([("f.cop", out)])
            if after.contains(where: { $0.hasPrefix("COP110") }) {
                failures.append("COP110 reste après la mise en page")
            }
            if meanings([("f.cop", bytes)]).filter({ !$0.hasPrefix("COP110") }) != after {
                failures.append("les diagnostics changent après la mise en page")
            }
            if irs([("f.cop", bytes)]) != irs([("f.cop", out)]) { failures.append("l'IR change après la mise en page") }
        }
        return failures
    }

    // MARK: contract + avenants

    /// The separator of the files of one input: a NUL byte, which no `.cop` file may contain
    /// (it is COP100), so that a mutation can add or remove a file.
    static let separator: UInt8 = 0

    /// Splits an input into a contract and its avenants (`contrat.cop`, `avenant-1.cop`…).
    static func split(_ bytes: [UInt8]) -> [(String, [UInt8])] {
        let parts = bytes.split(separator: separator, omittingEmptySubsequences: false)
        return parts.enumerated().map { k, p in (k == 0 ? "contrat.cop" : "avenant-\(k).cop", Array(p)) }
    }

    /// A contract and avenants: every consolidated version of every contract emits a
    /// well-formed IR (it parses as JSON), the same bytes twice.
    ///
    /// `copc diff` (design §8) does not exist yet: when it does, diff every pair of consecutive
    /// versions here (well-formed, deterministic, empty between a version and itself).
    static func contractAndAvenants(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        let files = split(bytes)
        let result = Driver.check(sources: files, options: CheckOptions(au: au))
        for unit in result.contracts {
            for v in unit.versions {
                let ir = IR.emit(unit, version: v, files: result.fileTable)
                failures += json("IR de la version \(v.number)", ir)
                if ir != IR.emit(unit, version: v, files: result.fileTable) { failures.append("IR non déterministe (version \(v.number))") }
            }
            failures += diffs(unit, result.fileTable)
        }
        return failures
    }

    /// `copc diff` on a contract's versions: a version against itself has no change; each
    /// avenant against the version before it, and the whole chain, never crash, and every
    /// rendering is well formed (JSON parses).
    static func diffs(_ unit: Contract, _ files: FileTable) -> [String] {
        var failures: [String] = []
        for v in unit.versions {
            let side = DiffSide(version: v, files: files)
            let same = SemanticDiff.compare(side, side)
            if !same.isEmpty { failures.append("diff de la version \(v.number) avec elle-même : \(same.count) changement(s), dont \(same[0].kind.rawValue) \(same[0].subject)") }
        }
        var pairs: [(Int, Int)] = []
        for n in unit.versions.indices.dropFirst() { pairs.append((n - 1, n)) }
        if unit.versions.count > 2 { pairs.append((0, unit.versions.count - 1)); pairs.append((unit.versions.count - 1, 0)) }
        for (a, b) in pairs {
            let avenants = a < b ? Array(unit.avenants[a ..< b]) : []
            let changes = SemanticDiff.compare(DiffSide(version: unit.versions[a], files: files),
                                               DiffSide(version: unit.versions[b], files: files), avenants: avenants)
            let report = DiffReport(contract: unit.id, title: unit.versions[0].header.title,
                                    from: DiffEndpoint(version: a), to: DiffEndpoint(version: b), changes: changes,
                                    clauseTexts: DiffReport.clauseTexts(of: avenants, files: files))
            _ = report.text(color: true)
            _ = report.markdown()
            _ = report.html()
            failures += json("diff \(a) → \(b)", report.json())
            for c in changes {
                if let w = c.words, w.oldText != (c.old ?? "") || w.newText != (c.new ?? "") {
                    failures.append("diff \(a) → \(b) : les mots ne redonnent pas les textes (\(c.subject))")
                }
            }
        }
        return failures
    }

    // MARK: helpers

    static func json(_ what: String, _ text: String) -> [String] {
        jsonError(text).map { ["\(what) : JSON mal formé (\($0))"] } ?? []
    }

    static func jsonError(_ text: String) -> String? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func describe(_ ds: [Diagnostic]) -> [String] {
        ds.map { "\($0.code.rawValue) \($0.span?.range.start ?? -1) \($0.span?.range.end ?? -1) \($0.text)" }
    }

    static func meanings(_ files: [(String, [UInt8])]) -> [String] {
        Driver.check(sources: files, options: CheckOptions(au: au)).diagnostics
            .map { "\($0.code.rawValue) \($0.message.text)" }.sorted()
    }

    static func irs(_ files: [(String, [UInt8])]) -> [String] {
        let result = Driver.check(sources: files, options: CheckOptions(au: au))
        return result.contracts.flatMap { unit in unit.versions.map { IR.emit(unit, version: $0, files: result.fileTable) } }
    }
}

// MARK: extreme values in every value position

/// Contracts, avenants and bilans with one value position replaced by an extreme number
/// (digit runs of 1 to 400 digits, signs, many decimals, 2⁶³ and its neighbours), for the
/// property « no trap on any input » (`ValueExtremesTests`) and as seeds for the fuzz targets.
enum ValuePositions {
    /// The numbers put in each position.
    static let numbers: [String] = {
        var n = ["0", "-0", "+0", "1", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                 "-9223372036854775809", "18446744073709551616", "4294967296", "2147483648", "99999999999999999999,99999",
                 "0," + String(repeating: "0", count: 400) + "1", "1," + String(repeating: "9", count: 40), "1e400", "1 000 000 000 000 000 000 000"]
        for length in [2, 4, 5, 15, 16, 17, 18, 19, 20, 21, 22, 40, 100, 308, 309, 310, 400] {
            n.append(String(repeating: "9", count: length))
            n.append("1" + String(repeating: "0", count: length - 1))
        }
        n.append("-" + String(repeating: "9", count: 400))
        n.append("+" + String(repeating: "9", count: 30))
        return n
    }()

    /// The numbers of the everyday run: one of each kind (zero and its signs, 2⁶³ and its
    /// neighbours, 2⁶⁴, runs of 1, 19, 20, 309 and 400 digits, 400 decimals, an exponent).
    /// `numbers` (all lengths) runs with `COPC_VALEURS_EXTREMES=toutes`.
    static let everyday: [String] = ["0", "-0", "7", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                                     "18446744073709551616", String(repeating: "9", count: 19), String(repeating: "9", count: 20),
                                     "1" + String(repeating: "0", count: 308), String(repeating: "9", count: 400),
                                     "-" + String(repeating: "9", count: 400), "0," + String(repeating: "0", count: 400) + "1", "1e400"]

    /// A position: which file and which placeholder it replaces, with the forms the number
    /// takes there (`{n}` stands for the number).
    struct Position {
        let slot: String
        let forms: [String]
    }

    static let positions: [Position] = [
        Position(slot: "P0", forms: ["{n}"]), Position(slot: "P1", forms: ["{n}"]),
        Position(slot: "SIGNE", forms: ["{n}-01-20", "2022-{n}-20", "2022-01-{n}", "{n} janvier 2022"]),
        Position(slot: "MOY", forms: ["{n} M€", "{n}", "{n} ETP"]), Position(slot: "MY", forms: ["{n}"]),
        Position(slot: "W1", forms: ["{n}", "1/{n}", "{n}/2", "{n} %", "{n},5 %"]), Position(slot: "NUMA", forms: ["{n}", "{n}bis"]),
        Position(slot: "NUMO", forms: ["{n}"]),
        Position(slot: "DELAI", forms: ["x {n}", "{n}", "fin {n}", "T1 {n}", "{n} .. 2024", "2022 .. {n}", "avant le {n} mars 2024",
                                        "mi-{n}", "d'ici {n}", "{n}/2024", "décembre {n}", "le 31/12/{n}", "{n}-12-31", "trimestre {n} 2023",
                                        "{n}e trimestre 2023", "fin 2023 x {n}"]),
        Position(slot: "ETAPE", forms: ["x {n}", "{n}", "S2 {n}"]),
        Position(slot: "UNIT", forms: ["{n}"]), Position(slot: "BASE", forms: ["{n}", "{n} %"]), Position(slot: "BY", forms: ["{n}"]),
        Position(slot: "Y1", forms: ["{n}"]),
        Position(slot: "C1", forms: ["{n}", "≥ {n}", "entre {n} et 3", "entre 1 et {n}", "{n} cumulés", "{n} jours"]),
        Position(slot: "C2", forms: ["+{n} % par an", "+{n} points", "+{n}", "-{n} %", "par rapport à {n}", "≥ N-{n}", "{n} % de plus"]),
        Position(slot: "C3", forms: ["+{n} % par an", "{n}", "-{n} % par an"]),
        Position(slot: "BILAN", forms: ["avant le {n} mars N+1", "avant le 15 mars N+{n}"]),
        Position(slot: "AC", forms: ["{n}", "+{n} % par an"]), Position(slot: "AVN", forms: ["{n}"]),
        Position(slot: "BILY", forms: ["{n}"]),
        Position(slot: "REAL", forms: ["{n}", "{n} %", "{n} M€", "{n} jours", "≥ {n}"]),
        Position(slot: "ND", forms: ["{n}", "x {n}", "fin {n}"]), Position(slot: "AVC", forms: ["{n}"]),
        Position(slot: "ACH", forms: ["{n}-06-30", "2023-{n}-30"]),
    ]

    static let defaults: [String: String] = [
        "P0": "2022", "P1": "2026", "SIGNE": "2022-01-20", "MOY": "12,5 M€", "MY": "2024", "W1": "1/2", "NUMA": "1", "NUMO": "1",
        "DELAI": "fin 2023", "ETAPE": "T1 2023", "UNIT": "%", "BASE": "5 %", "BY": "2021", "Y1": "2022", "C1": "10 %",
        "C2": "+2 points", "C3": "+5 % par an", "BILAN": "avant le 15 mars N+1", "AC": "40 %", "AVN": "1", "BILY": "2023",
        "REAL": "15 %", "ND": "S1 2024", "AVC": "80", "ACH": "2023-06-30",
    ]

    static let contract = """
    contrat C « Contrat »
      type : COP
      organisme : O
      signataires : O
      période : {P0} .. {P1}
      signé le : {SIGNE}
      bilan annuel : {BILAN}
      moyens {MY} : {MOY}

    référent O « O »

    axe 1 « A »

    objectif 1.{NUMO} « Ob »
      pilote : O
      poids : {W1}

    action 1.{NUMO}.{NUMA} « Act »
      délai : {DELAI}
      étape « E » : {ETAPE}

    indicateur 1.{NUMO}.a « I »
      unité : {UNIT}
      sens : hausse
      poids : 1
      base {BY} : {BASE}
      cible {Y1} : {C1}
      cible 2023 : {C2}
      cible 2024 : {C3}

    indicateur 1.{NUMO}.b « J »
      unité : nombre
      sens : baisse
      cible 2022 : {C1}
      cible 2023 : {C2}
      cible 2024 : {C3}

    objectif 1.2 « Ob2 »
      pilote : O
      poids : 1/2

    """

    static let avenant = """
    avenant {AVN} au contrat C « Av »
      signé le : 2023-01-10

    modifier indicateur 1.{NUMO}.a
      cible 2025 : {AC}
      motif : « m »

    """

    static let bilan = """
    bilan {BILY} du contrat C « B »
      établi le : 2024-03-08

    indicateur 1.{NUMO}.a
      réalisé : {REAL}

    indicateur 1.{NUMO}.b
      réalisé : {REAL}

    action 1.{NUMO}.{NUMA}
      état : reporté
      nouveau délai : {ND}
      avancement : {AVC} %
      achevé le : {ACH}

    """

    /// The three files with `slot` replaced by `value` and every other slot by its default.
    static func files(slot: String, value: String) -> [(String, [UInt8])] {
        func fill(_ template: String) -> [UInt8] {
            var t = template
            for (k, v) in defaults { t = t.replacingEvery("{" + k + "}", with: k == slot ? value : v) }
            return Array(t.utf8)
        }
        return [("contrat.cop", fill(contract)), ("avenant-1.cop", fill(avenant)), ("bilan-2023.cop", fill(bilan))]
    }

    /// Every (slot, value) of the property, `numbers` in every form of every position.
    static func all(numbers: [String] = numbers) -> [(slot: String, value: String)] {
        var out: [(String, String)] = []
        for p in positions {
            for f in p.forms {
                for n in numbers { out.append((p.slot, f.replacingEvery("{n}", with: n))) }
            }
        }
        return out
    }
}

extension String {
    /// `self` with every `target` replaced (no Foundation).
    func replacingEvery(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
