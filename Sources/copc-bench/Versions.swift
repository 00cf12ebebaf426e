// Versions (issue 21): a contract of E elements alone, then with N avenants, each checked
// alone in its folder; the cost of the avenants must be O(E + their size), not O(N × E).
import CopcSource
import CopcLanguage
import CopcSema
import CopcDriver
import CopcModel
import CopcDiff
#if canImport(Glibc)
import Glibc
#endif

/// What each avenant of `versionedContract` does.
enum AvenantForm: String, CaseIterable {
    /// One `modifier indicateur` with one target line (the one-line avenant of issue 21).
    case modifier
    /// One `ajouter indicateur` under an objective.
    case ajouter
    /// One `supprimer action`.
    case supprimer
    /// One `modifier contrat` that extends the period by a year (every deadline re-checked).
    case periode
    /// One `ajouter référent` (every reference re-checked).
    case referent
    /// The five, in turn.
    case melange
}

/// A deterministic contract of exactly `elements` elements (the header, axes of 40
/// objectives, each with 4 actions and 5 indicators), lean enough that 199 990 elements fit in
/// the 16 Mio of a file, and `avenants` avenants of the given form, spread over the contract.
/// Returns the files, contract first.
func versionedContract(elements: Int, avenants: Int, form: AvenantForm = .modifier) -> [(name: String, bytes: [UInt8])] {
    var s = """
    # Contrat de mesure des versions (copc-bench, déterministe).
    contrat VERS « Contrat de mesure des versions »
      type : COP
      organisme : OPE
      signataires : DGOS, OPE
      période : 2021-01-01 .. 2025-12-31
      signé le : 2021-03-12
    référent DGOS « Direction générale »
    référent OPE « Opérateur »

    """
    s.reserveCapacity(elements * 72)
    var count = 1
    var objectives: [String] = []
    var actions: [String] = []
    var indicators: [String] = []
    let deadlines = ["fin 2022", "T1 2023", "S1 2024", "tout au long du contrat", "2022 .. 2024"]
    var axe = 0
    outer: while count < elements {
        axe += 1
        s += "axe \(axe) « Axe \(axe) »\n  pilote : DGOS\n"
        count += 1
        for o in 1...40 {
            guard count < elements else { break outer }
            let obj = "\(axe).\(o)"
            s += "objectif \(obj) « Objectif \(obj) »\n  pilote : OPE\n"
            objectives.append(obj)
            count += 1
            for a in 1...4 {
                guard count < elements else { break outer }
                s += "action \(obj).\(a) « Action »\n  délai : \(deadlines[(o + a) % deadlines.count])\n"
                actions.append("\(obj).\(a)")
                count += 1
            }
            for letter in ["a", "b", "c", "d", "e"] {
                guard count < elements else { break outer }
                s += "indicateur \(obj).\(letter) « Indicateur »\n  unité : %\n  sens : hausse\n  cible 2021 .. 2025 : 50 %\n"
                indicators.append("\(obj).\(letter)")
                count += 1
            }
        }
    }
    var files: [(name: String, bytes: [UInt8])] = [("contrat.cop", Array(s.utf8))]
    let forms = AvenantForm.allCases.filter { $0 != .melange }
    for k in 1...max(1, avenants) where avenants > 0 {
        let signed = "2022-\(k / 28 + 1 < 10 ? "0" : "")\(k / 28 + 1)-\(k % 28 + 1 < 10 ? "0" : "")\(k % 28 + 1)"
        var a = "# Avenant de mesure \(k).\navenant \(k) au contrat VERS « Avenant \(k) »\n  signé le : \(signed)\n\n"
        let f = form == .melange ? forms[(k - 1) % forms.count] : form
        func spread(_ list: [String]) -> String { list[(k * 7919) % max(1, list.count)] }
        switch f {
        case .modifier:
            a += "modifier indicateur \(spread(indicators))\n  cible 2025 : \(50 + k % 40) %\n"
        case .ajouter:
            a += "ajouter indicateur \(spread(objectives)).v\(k)\n  unité : %\n  cible 2025 : 60 %\n"
        case .supprimer:
            a += "supprimer action \(spread(actions))\n"
        case .periode:
            a += "modifier contrat\n  période : 2021-01-01 .. \(2025 + k)-12-31\n"
        case .referent:
            a += "ajouter référent R\(k) « Référent \(k) »\n"
        case .melange:
            break
        }
        files.append(("avenant-\(k).cop", Array(a.utf8)))
    }
    return files
}

/// Writes the contract and its avenants into `dir` (created), each input alone in its folder.
func writeVersioned(_ dir: String, elements: Int, avenants: Int, form: AvenantForm) -> Bool {
    mkdir(dir, 0o755)
    for (name, bytes) in versionedContract(elements: elements, avenants: avenants, form: form) {
        do { try FileSystem.writeAtomically(dir + "/" + name, bytes) } catch {
            print("copc-bench : écriture impossible de \(dir)/\(name) : \(error.message)")
            return false
        }
    }
    return true
}

/// The check of the contract alone and with its avenants (in memory, best of a few runs), the
/// ratio between them, and the diff of the last avenant.
func measureVersions(elements: Int, avenants: Int, form: AvenantForm) {
    let options = CheckOptions(au: Day(year: 2026, month: 11, day: 22)!)
    let files = versionedContract(elements: elements, avenants: avenants, form: form)
    let alone = [files[0]]
    let runs = elements > 100_000 ? 2 : 3
    var diagnostics = (0, 0)
    let tAlone = best(runs) { diagnostics.0 = Driver.check(sources: alone.map { ($0.name, $0.bytes) }, options: options).diagnostics.count }
    var result: CheckResult?
    let tAll = best(runs) {
        let r = Driver.check(sources: files.map { ($0.name, $0.bytes) }, options: options)
        diagnostics.1 = r.diagnostics.count
        result = r
    }
    print("contrat de \(elements) éléments (\(files[0].bytes.count / 1024) Kio), \(avenants) avenants « \(form.rawValue) » :")
    print("  vérification du contrat seul : \(fmt(tAlone * 1000, 1)) ms (\(diagnostics.0) diagnostics)")
    print("  vérification avec les avenants : \(fmt(tAll * 1000, 1)) ms (\(diagnostics.1) diagnostics), ×\(fmt(tAll / tAlone, 2)) (objectif ≤ ×1,5)")
    guard let r = result, let c = r.contracts.first, c.versions.count >= 2 else { return }
    let n = c.versions.count - 1
    var changes = 0
    let tDiff = best(runs) {
        changes = SemanticDiff.compare(DiffSide(version: c.versions[n - 1], files: r.fileTable),
                                       DiffSide(version: c.versions[n], files: r.fileTable),
                                       avenants: [c.avenants[n - 1]]).count
    }
    print("  diff du dernier avenant (comparaison des modèles) : \(fmt(tDiff * 1000, 1)) ms (\(changes) changements)")
    print("  (charge de la machine : \(loadAverage()))")
}

/// The language server on the folder of the contract and its avenants: a change to the last
/// avenant, then to the contract itself (each first line is a comment, where the edit goes),
/// from `didChange` to `publishDiagnostics` (EditorLatency's harness): median, 95th
/// percentile (nearest rank) and worst of the check and publication, and of the total.
func measureVersionsLatency(elements: Int, avenants: Int) {
    var template = Array("/tmp/copc-versions-XXXXXX".utf8CString)
    guard let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }),
          writeVersioned(dir, elements: elements, avenants: avenants, form: .modifier),
          (try? FileSystem.writeAtomically(dir + "/copc.toml", [])) != nil else {
        print("copc-bench : dossier temporaire impossible")
        return
    }
    defer {
        for (name, _) in versionedContract(elements: elements, avenants: avenants) { unlink(dir + "/" + name) }
        unlink(dir + "/copc.toml")
        rmdir(dir)
    }
    print("latence de l'éditeur, contrat de \(elements) éléments et \(avenants) avenants (vérif. + publication ; total avec le délai) :")
    func p95(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s[max(0, Int((0.95 * Double(s.count)).rounded(.up)) - 1)]
    }
    for (name, file, runs) in [("dernier avenant modifié", "avenant-\(avenants).cop", 15), ("contrat modifié", "contrat.cop", 7)] {
        guard let (_, timings, count) = measureEdits(root: dir, path: dir + "/" + file, runs: runs, fullText: false) else {
            print("  \(name) : mesure impossible")
            continue
        }
        let checked = timings.map(\.checked), total = timings.map(\.total)
        func ms(_ x: Double) -> String { fmt(x * 1000, 1) }
        print("  \(name) : médiane \(ms(median(checked))) ms, 95e centile \(ms(p95(checked))) ms, pire \(ms(checked.max() ?? 0)) ms"
              + " ; total médian \(ms(median(total))) ms, 95e centile \(ms(p95(total))) ms [\(timings.count) essais, \(count) diagnostics]")
    }
    print("  (charge de la machine : \(loadAverage()))")
}
