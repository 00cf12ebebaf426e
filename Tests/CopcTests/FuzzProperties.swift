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
    static let targetNames = ["avenants", "fmt", "verifier"]

    /// The properties of the target `name`, applied to one input.
    static func run(_ name: String, _ bytes: [UInt8]) -> [String] {
        switch name {
        case "verifier": return check(bytes)
        case "fmt": return format(bytes)
        case "avenants": return contractAndAvenants(bytes)
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
