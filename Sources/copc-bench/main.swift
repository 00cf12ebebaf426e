// copc-bench — measures copc on deterministic synthetic contracts (release build).
//
// For each size (1 MB, 10 MB) it times, separately: a plain byte scan of the buffer (the
// baseline, measured in the same run), lexing, parsing, the full check and formatting; it prints MB/s
// and the ratio to the byte scan. `--ecrire DOSSIER` writes the synthetic files for
// whole-process measurements (peak memory, cold start) made by `scripts/bench.sh`. Last, or
// alone with `--latence`, the editor latency of `copc lsp` (EditorLatency.swift).
import CopcSource
import CopcLanguage
import CopcSyntax
import CopcSema
import CopcDriver
import CopcFormat
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
func synthetic(size: Int) -> [UInt8] {
    var s = """
    # Contrat synthétique pour les mesures de copc (déterministe).
    contrat SYNTH « Contrat synthétique de mesure »
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
if args.count == 2 && args[1] == "--copckit" {
    measureCopcKit()
    exit(0)
}
if args.count == 2 && args[1] == "--latence" {
    measureEditorLatency()
    exit(0)
}

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
    let check = best(max(3, runs / 3)) {
        let r = Driver.check(sources: [("synthetique.cop", bytes)], options: CheckOptions(au: Day(year: 2026, month: 11, day: 22)!))
        sink &+= r.diagnostics.count
    }
    let format = best(max(3, runs / 3)) {
        if case .formatted(let text) = Formatter.format(file) { sink &+= text.utf8.count }
    }
    let label = fmt(mb, 1) + " Mo"
    for m in [Measure(name: "balayage d'octets", seconds: scan), Measure(name: "lexeur", seconds: lex),
              Measure(name: "lexeur + parseur", seconds: parse), Measure(name: "vérification complète", seconds: check),
              Measure(name: "mise en page (fmt)", seconds: format)] {
        print(pad(label, 9) + pad(m.name, 22) + pad(fmt(m.seconds * 1000, 2), 12) + pad(fmt(mb / m.seconds, 0), 10)
              + "×" + fmt(m.seconds / scan, 1))
    }
}
let diags = Driver.check(sources: [("s.cop", synthetic(size: 1 << 20))], options: CheckOptions(au: Day(year: 2026, month: 11, day: 22)!)).diagnostics
print("")
print("diagnostics sur le contrat synthétique de 1 Mo : \(diags.count) (\(sink % 2 == 0 ? "" : " ")contrôle)")
measureEditorLatency()
measureCopcKit()
