// copc-bench — measures copc on deterministic synthetic contracts (release build).
//
// For each size (1 MB, 10 MB) it times, separately: a plain byte scan of the buffer (the
// baseline, measured in the same run), lexing, parsing, the full check and formatting; it prints MB/s
// and the ratio to the byte scan. `--ecrire DOSSIER` writes the synthetic files for
// whole-process measurements (peak memory, cold start) made by `scripts/bench.sh`. Last, or
// alone with `--latence`, the editor latency of `copc lsp` (EditorLatency.swift); with
// `--bilans`, the annual follow-up alone (Bilans.swift); with `--versions`, a contract with
// and without its avenants (Versions.swift); with `--portefeuille`, the synthetic portfolio of
// 450 contracts (Portfolio.swift).
import CopcSource
import CopcLanguage
import CopcSyntax
import CopcSema
import CopcDriver
import CopcFormat
import CopcModel
import CopcDiff
import CopcRender
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// A deterministic contract of about `size` bytes: axes, objectives, actions with deadlines,
/// indicators with bases and yearly targets, referents — every construct the checks visit.
func synthetic(size: Int, contract: String = "SYNTH") -> [UInt8] {
    var s = """
    # Contrat synthétique pour les mesures de copc (déterministe).
    contrat \(contract) « Contrat synthétique de mesure »
      type : COP
      organisme : OPE
      signataires : DGOS, DSS, OPE
      période : 2021-01-01 .. 2025-12-31
      signé le : 12 mars 2021
    référent DGOS « Direction générale de l'offre de soins »
    référent DSS « Direction de la sécurité sociale »
    référent OPE « Opérateur »
    référent OPE.SI « Service des systèmes d'information »
      rattachement : OPE
      personne : « Jeanne DUPONT »
    plan SDSI « Schéma directeur des systèmes d'information »
      période : 2022 .. 2025

    """
    s.reserveCapacity(size + 4096)
    let deadlines = ["fin 2022", "T1 2023", "1er semestre 2024", "tout au long du contrat", "à partir de 2022",
                     "d'ici fin 2024", "selon SDSI", "mi-2023", "30 juin 2025", "2022 .. 2024"]
    var axe = 0
    outer: while true {
        axe += 1
        s += "axe \(axe) « Axe stratégique numéro \(axe) : améliorer la qualité du service rendu »\n  pilote : DGOS\n\n"
        for o in 1...60 {
            let obj = "\(axe).\(o)"
            s += "objectif \(obj) « Objectif opérationnel \(obj) : développer les compétences et la performance »\n"
            s += "  pilote : OPE\n  co-pilote : DGOS, DSS\n"
            s += "  texte \"\"\"\n    Il s'agit de compléter le diagnostic disponible en termes de gestion prévisionnelle,\n    en poursuivant les efforts réalisés ces dernières années.\n  \"\"\"\n"
            for a in 1...4 {
                s += "action \(obj).\(a) « Mettre en place l'outil numéro \(a) de l'objectif \(obj) »\n"
                s += "  délai (directeurs) : \(deadlines[(o + a) % deadlines.count])\n"
                s += "  délai (praticiens) : \(deadlines[(o + 2 * a) % deadlines.count])\n"
                s += "  étape « Cartographier l'existant » : T1 2022\n  pilote : OPE.SI\n"
            }
            for (k, letter) in ["a", "b", "c"].enumerated() {
                s += "indicateur \(obj).\(letter) « Taux de réalisation \(letter) de l'objectif \(obj) »\n"
                s += "  méthode : « Nombre de réalisations / nombre total prévu »\n  unité : %\n  sens : hausse\n  nature : résultat\n"
                s += "  base 2019 : \(10 + k),5 %\n  cible 2021 : \(20 + k) %\n  cible 2022 .. 2023 : entre 30 % et 40 %\n"
                s += "  cible 2024 : ≥ 50 %\n  cible 2025 : 60 %\n"
            }
            s += "\n"
            if s.utf8.count >= size { break outer }
        }
    }
    return Array(s.utf8)
}

struct Measure {
    let name: String
    let seconds: Double
}

/// Best of `runs` (the least disturbed run on a shared machine).
func best(_ runs: Int, _ body: () -> Void) -> Double {
    var m = Double.infinity
    for _ in 0..<runs {
        let t0 = now()
        body()
        m = min(m, now() - t0)
    }
    return m
}

func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.unicodeScalars.count)) }
func fmt(_ d: Double, _ decimals: Int = 1) -> String {
    let p = Double((0..<decimals).reduce(1) { r, _ in r * 10 })
    let v = (d * p).rounded() / p
    return String(v)
}

var sink = 0
let args = CommandLine.arguments
if args.count == 3 && args[1] == "--ecrire" {
    for (name, size) in [("synthetique-1mo.cop", 1 << 20), ("synthetique-10mo.cop", 10 << 20)] {
        let path = args[2] + "/" + name
        do { try FileSystem.writeAtomically(path, synthetic(size: size)) } catch {
            print("copc-bench : écriture impossible de \(path) : \(error.message)")
            exit(2)
        }
        print(path)
    }
    exit(0)
}
if args.count == 4 && args[1] == "--ecrire-suivi", let mb = Int(args[3]), mb > 0, mb <= 64 {
    // A synthetic contract of `mb` Mo in DOSSIER/contrat/contrat.cop, and the same contract
    // with its five bilans in DOSSIER/suivi/: each input alone in its folder, for the
    // instruction counts of `check` against `rendre` and `bilan` (scripts/instructions-documents.sh).
    let contract = synthetic(size: mb << 20)
    do {
        // An empty copc.toml marks each folder as a workspace root: nothing around it is read.
        try FileSystem.writeAtomically(args[2] + "/contrat/copc.toml", [])
        try FileSystem.writeAtomically(args[2] + "/suivi/copc.toml", [])
        try FileSystem.writeAtomically(args[2] + "/contrat/contrat.cop", contract)
        try FileSystem.writeAtomically(args[2] + "/suivi/contrat.cop", contract)
        for (name, bytes) in syntheticBilans(of: contract) { try FileSystem.writeAtomically(args[2] + "/suivi/" + name, bytes) }
    } catch {
        print("copc-bench : écriture impossible dans \(args[2]) : \(error.message)")
        exit(2)
    }
    exit(0)
}
if args.count == 3 && args[1] == "--ecrire-latence" {
    // The inputs of scripts/latence-lsp.py, each alone in its folder (a file is checked with
    // everything below its workspace root): the 1 MB contract, and the 500-file workspace.
    let base = args[2]
    let one = base + "/un-mo", many = base + "/espace-500"
    for dir in [one, many] where mkdir(dir, 0o755) != 0 && errno != EEXIST {
        print("copc-bench : dossier impossible : \(dir)")
        exit(2)
    }
    var files: [(String, [UInt8])] = [(one + "/copc.toml", []), (one + "/synthetique-1mo.cop", synthetic(size: 1 << 20)),
                                      (many + "/copc.toml", [])]
    for k in 0..<500 { files.append((many + "/contrat-\(k).cop", synthetic(size: 20_000, contract: "SYNTH\(k)"))) }
    for (path, bytes) in files {
        do { try FileSystem.writeAtomically(path, bytes) } catch {
            print("copc-bench : écriture impossible de \(path) : \(error.message)")
            exit(2)
        }
    }
    print(one + "/synthetique-1mo.cop")
    print(many + "/contrat-0.cop")
    exit(0)
}
if args.count == 2 && args[1] == "--copckit" {
    measureCopcKit()
    exit(0)
}
/// User + system processor time of this process, in seconds.
func cpuTime() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

/// The one-minute load average, as the machine's noise.
func loadAverage() -> String {
    var l = [0.0, 0.0, 0.0]
    return getloadavg(&l, 3) == 3 ? fmt(l[0], 2) : "?"
}

/// Median of `runs` timings (the workspace figures: a ratio of two medians).
func median(_ runs: Int, _ body: () -> Void) -> Double {
    var t: [Double] = []
    for _ in 0..<runs {
        let t0 = now()
        body()
        t.append(now() - t0)
    }
    t.sort()
    return t[t.count / 2]
}

/// A workspace of `files` contracts of about `size` bytes each, written below a new
/// temporary folder (with a `copc.toml`, its workspace root); returns the folder.
func writeWorkspace(files: Int, size: Int) -> String {
    var template = Array("/tmp/copc-bench-XXXXXX".utf8CString)
    guard let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
        print("copc-bench : dossier temporaire impossible")
        exit(2)
    }
    do {
        try FileSystem.writeAtomically(dir + "/copc.toml", [])
        for k in 0..<files {
            try FileSystem.writeAtomically(dir + "/contrat-\(k).cop", synthetic(size: size, contract: "SYNTH\(k)"))
        }
    } catch {
        print("copc-bench : écriture impossible dans \(dir) : \(error.message)")
        exit(2)
    }
    return dir
}

/// Removes what `writeWorkspace` wrote.
func removeWorkspace(_ dir: String, files: Int) {
    for k in 0..<files { unlink(dir + "/contrat-\(k).cop") }
    unlink(dir + "/copc.toml")
    rmdir(dir)
}

/// The check of a 500-file workspace (~10 MB) from the disk, on one thread and on every
/// processor: medians of 5 runs, and their ratio.
func measureWorkspace() {
    let files = 500, size = 20_000
    let dir = writeWorkspace(files: files, size: size)
    defer { removeWorkspace(dir, files: files) }
    let options = CheckOptions(au: Day(year: 2026, month: 11, day: 22)!)
    let cores = Parallel.processors
    var counts: [Int] = []
    func run(_ threads: Int) -> Double {
        median(5) {
            guard let r = try? Driver.check(paths: [dir], options: options, threads: threads) else { return }
            counts.append(r.diagnostics.count)
        }
    }
    let cpu0 = cpuTime()
    let one = run(1)
    let cpu1 = cpuTime()
    let all = run(cores)
    let cpu2 = cpuTime()
    print("")
    print("espace de travail de \(files) fichiers (~\(files * size / 1_000_000) Mo, lus sur le disque), médiane de 5 essais :")
    print("  1 fil : \(fmt(one * 1000, 1)) ms ; \(cores) fils : \(fmt(all * 1000, 1)) ms ; accélération ×\(fmt(one / all, 2))"
          + (Set(counts).count == 1 ? "" : " (DIAGNOSTICS DIFFÉRENTS)"))
    print("  temps processeur des 5 essais : 1 fil \(fmt((cpu1 - cpu0) * 1000, 0)) ms, \(cores) fils \(fmt((cpu2 - cpu1) * 1000, 0)) ms"
          + " (charge de la machine : \(loadAverage()))")
}

if args.count >= 2 && args[1] == "--portefeuille" {
    // copc-bench --portefeuille [N…]: the synthetic portfolio at N contracts (150, 300, 450).
    let sizes = args.dropFirst(2).compactMap { Int($0) }.filter { $0 > 0 && $0 <= 10_000 }
    measurePortfolio(sizes: sizes.isEmpty ? [150, 300, 450] : sizes)
    exit(0)
}
if args.count == 4 && args[1] == "--ecrire-portefeuille", let n = Int(args[3]), n > 0, n <= 10_000 {
    // copc-bench --ecrire-portefeuille DOSSIER N: writes the synthetic portfolio of N contracts
    // (for whole-process measurements: scripts/bench-portefeuille.sh).
    let (_, bytes) = writePortfolio(contracts: n, size: 40_000, into: args[2])
    print("\(n) contrats, \(bytes) octets")
    exit(0)
}
if args.count == 2 && args[1] == "--espace" {
    measureWorkspace()
    exit(0)
}
if args.count == 2 && args[1] == "--latence" {
    measureEditorLatency()
    exit(0)
}
if args.count >= 2 && args[1] == "--bilans" {
    measureBilans(size: (args.count == 3 ? Int(args[2]) ?? 10 : 10) << 20)
    exit(0)
}
if args.count == 3 && args[1] == "--diff-seul", let mb = Int(args[2]) {
    // One comparison of two synthetic versions of `mb` MB, for instruction counts:
    // valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*diffOnce*' copc-bench --diff-seul 10
    let old = synthetic(size: mb << 20)
    let (new, _) = revised(old)
    let options = CheckOptions(au: Day(year: 2026, month: 11, day: 22)!)
    let a = Driver.check(sources: [("ancien.cop", old)], options: options)
    let b = Driver.check(sources: [("nouveau.cop", new)], options: options)
    sink &+= diffOnce(DiffSide(version: a.contracts[0].versions[0], files: a.fileTable),
                      DiffSide(version: b.contracts[0].versions[0], files: b.fileTable))
    print("changements : \(sink)")
    exit(0)
}
if args.count == 3 && args[1] == "--verifier-seul", let mb = Int(args[2]) {
    // The check of the same two inputs, for instruction counts (--toggle-collect='*checkOnce*').
    let old = synthetic(size: mb << 20)
    let (new, _) = revised(old)
    sink &+= checkOnce(old, new)
    exit(0)
}
if args.count >= 2 && args[1] == "--versions" {
    // copc-bench --versions [ÉLÉMENTS [AVENANTS [FORME]]] (défaut : 50 000, 100, modifier)
    let e = args.count > 2 ? Int(args[2]) ?? 50_000 : 50_000
    let n = args.count > 3 ? Int(args[3]) ?? 100 : 100
    let form = args.count > 4 ? AvenantForm(rawValue: args[4]) ?? .modifier : .modifier
    measureVersions(elements: e, avenants: n, form: form)
    if form == .modifier { measureVersionsLatency(elements: e, avenants: n) }
    exit(0)
}
if args.count >= 5 && args[1] == "--ecrire-versions", let e = Int(args[3]), let n = Int(args[4]) {
    // copc-bench --ecrire-versions DOSSIER ÉLÉMENTS AVENANTS [FORME] : le contrat et ses avenants
    // dans DOSSIER (créé), pour les mesures du processus entier (callgrind, copc check, copc diff).
    let form = args.count > 5 ? AvenantForm(rawValue: args[5]) ?? .modifier : .modifier
    exit(writeVersioned(args[2], elements: e, avenants: n, form: form) ? 0 : 2)
}
if args.count == 2 && args[1] == "--diff" {
    measureDiff()
    exit(0)
}

var renderRatios: [(label: String, render: Double, check: Double, mb: Double)] = []
print("copc-bench — débits sur contrats synthétiques (meilleur de plusieurs essais, un cœur)")
print("")
print(pad("taille", 9) + pad("phase", 22) + pad("temps (ms)", 12) + pad("Mo/s", 10) + "rapport au balayage")
for size in [1 << 20, 10 << 20] {
    let bytes = synthetic(size: size)
    let mb = Double(bytes.count) / 1_048_576
    let runs = size > (4 << 20) ? 5 : 15
    let file = SourceFile(path: "synthetique.cop", bytes: bytes)
    // Baseline: a plain scan that touches every byte (counts line feeds).
    let scan = best(runs) {
        bytes.withUnsafeBufferPointer { buf in
            var n = 0
            for b in buf where b == 10 { n &+= 1 }
            sink &+= n
        }
    }
    let lex = best(runs) { sink &+= Lexer.lex(file).tokens.count }
    let parse = best(runs) { sink &+= Parser.parse(file).items.count }
    // The check, and copc rendre --format html (the check, then the document; issue 16:
    // within 2× the check), timed alternately so that a change of load on the shared machine
    // touches both alike; the best of each.
    var check = Double.infinity, render = Double.infinity
    for _ in 0..<max(3, runs / 3) {
        check = min(check, best(1) {
            let r = Driver.check(sources: [("synthetique.cop", bytes)], options: CheckOptions(au: Day(year: 2026, month: 11, day: 22)!))
            sink &+= r.diagnostics.count
        })
        render = min(render, best(1) {
            let r = Driver.check(sources: [("synthetique.cop", bytes)], options: CheckOptions(au: Day(year: 2026, month: 11, day: 22)!))
            let c = r.contracts[0]
            sink &+= HTMLDocument.render(ContractDocument(contract: c, version: c.versions.last!, files: r.fileTable)).utf8.count
        })
    }
    renderRatios.append((label: fmt(mb, 1) + " Mo", render: render, check: check, mb: mb))
    let format = best(max(3, runs / 3)) {
        if case .formatted(let text) = Formatter.format(file) { sink &+= text.utf8.count }
    }
    let label = fmt(mb, 1) + " Mo"
    for m in [Measure(name: "balayage d'octets", seconds: scan), Measure(name: "lexeur", seconds: lex),
              Measure(name: "lexeur + parseur", seconds: parse), Measure(name: "vérification complète", seconds: check),
              Measure(name: "mise en page (fmt)", seconds: format), Measure(name: "rendre --format html", seconds: render)] {
        print(pad(label, 9) + pad(m.name, 22) + pad(fmt(m.seconds * 1000, 2), 12) + pad(fmt(mb / m.seconds, 0), 10)
              + "×" + fmt(m.seconds / scan, 1))
    }
}
measureDiff()
print("")
for r in renderRatios {
    print("rendre --format html (vérification comprise) sur \(r.label) : ×\(fmt(r.render / r.check, 2)) la vérification (objectif ≤ ×2)")
}
if renderRatios.count == 2 {
    let perMB = renderRatios.map { $0.render / $0.mb }
    print("rendre --format html, temps par Mo de 10 Mo rapporté à 1 Mo : ×\(fmt(perMB[1] / perMB[0], 2)) (linéaire : ≈ ×1)")
}
let diags = Driver.check(sources: [("s.cop", synthetic(size: 1 << 20))], options: CheckOptions(au: Day(year: 2026, month: 11, day: 22)!)).diagnostics
print("")
print("diagnostics sur le contrat synthétique de 1 Mo : \(diags.count) (\(sink % 2 == 0 ? "" : " ")contrôle)")
measureBilans(size: 10 << 20)
measureWorkspace()
measureEditorLatency()
measureCopcKit()

/// The synthetic contract with about 1 % of its elements changed: every 100th element
/// header gets a new title (a `titre-modifié` each).
func revised(_ bytes: [UInt8]) -> (bytes: [UInt8], changed: Int) {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 100)
    var headers = 0
    var changed = 0
    var lineStart = 0
    let keywords: [[UInt8]] = ["axe ", "objectif ", "action ", "indicateur "].map { Array($0.utf8) }
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 10 {
        let line = bytes[lineStart..<i]
        var isHeader = false
        for k in keywords where line.starts(with: k) { isHeader = true }
        if isHeader {
            headers += 1
            if headers % 100 == 0, let close = line.lastIndex(of: 0xBB) { // the closing « » quote's last byte
                // Insert before the closing quote (2 bytes: C2 BB).
                out += bytes[lineStart..<(close - 1)]
                out += Array(" révisé ".utf8)
                out += bytes[(close - 1)..<i]
                changed += 1
                if i < bytes.count { out.append(10) }
                lineStart = i + 1
                continue
            }
        }
        out += line
        if i < bytes.count { out.append(10) }
        lineStart = i + 1
    }
    return (out, changed)
}

/// `copc diff` of two synthetic versions (1 MB and 10 MB, ~1 % of elements changed) against
/// the check of the same two inputs, in the same run: the comparison of the two models, then
/// the comparison and its JSON rendering.
@MainActor func measureDiff() {
    print("")
    print("diff de deux versions synthétiques (~1 % des éléments modifiés) contre la vérification des deux mêmes entrées")
    print(pad("taille", 9) + pad("phase", 34) + pad("temps (ms)", 12) + "rapport à la vérification des deux")
    var diffTimes: [Double] = []
    for size in [1 << 20, 10 << 20] {
        let old = synthetic(size: size)
        let (new, changedCount) = revised(old)
        let runs = size > (4 << 20) ? 3 : 7
        let options = CheckOptions(au: Day(year: 2026, month: 11, day: 22)!)
        let checkBoth = best(runs) {
            sink &+= Driver.check(sources: [("ancien.cop", old)], options: options).diagnostics.count
            sink &+= Driver.check(sources: [("nouveau.cop", new)], options: options).diagnostics.count
        }
        let a = Driver.check(sources: [("ancien.cop", old)], options: options)
        let b = Driver.check(sources: [("nouveau.cop", new)], options: options)
        let sa = DiffSide(version: a.contracts[0].versions[0], files: a.fileTable)
        let sb = DiffSide(version: b.contracts[0].versions[0], files: b.fileTable)
        var found = 0
        let compare = best(runs) {
            found = SemanticDiff.compare(sa, sb).count
            sink &+= found
        }
        let withJSON = best(runs) {
            let changes = SemanticDiff.compare(sa, sb)
            let report = DiffReport(contract: "SYNTH", title: nil, from: DiffEndpoint(version: nil, file: "ancien.cop"),
                                    to: DiffEndpoint(version: nil, file: "nouveau.cop"), changes: changes)
            sink &+= report.json().utf8.count
        }
        diffTimes.append(withJSON)
        let label = fmt(Double(old.count) / 1_048_576, 1) + " Mo"
        print(pad(label, 9) + pad("vérification des deux entrées", 34) + pad(fmt(checkBoth * 1000, 2), 12) + "×1.0")
        print(pad(label, 9) + pad("diff (comparaison des modèles)", 34) + pad(fmt(compare * 1000, 2), 12) + "×" + fmt(compare / checkBoth, 3))
        print(pad(label, 9) + pad("diff + rendu JSON", 34) + pad(fmt(withJSON * 1000, 2), 12) + "×" + fmt(withJSON / checkBoth, 3)
              + "   (\(found) changements pour \(changedCount) éléments modifiés)")
    }
    print("rapport diff 10 Mo / 1 Mo : ×" + fmt(diffTimes[1] / diffTimes[0], 1) + " (linéaire : ≤ ×12)")
}

/// One comparison and its JSON rendering (a function of its own, for callgrind's toggle).
@inline(never) func diffOnce(_ a: DiffSide, _ b: DiffSide) -> Int {
    let changes = SemanticDiff.compare(a, b)
    let report = DiffReport(contract: "SYNTH", title: nil, from: DiffEndpoint(version: nil, file: "ancien.cop"),
                            to: DiffEndpoint(version: nil, file: "nouveau.cop"), changes: changes)
    return report.json().utf8.count &+ changes.count
}

/// The check of two inputs (a function of its own, for callgrind's toggle).
@inline(never) func checkOnce(_ old: [UInt8], _ new: [UInt8]) -> Int {
    let options = CheckOptions(au: Day(year: 2026, month: 11, day: 22)!)
    return Driver.check(sources: [("ancien.cop", old)], options: options).diagnostics.count
        &+ Driver.check(sources: [("nouveau.cop", new)], options: options).diagnostics.count
}
