// copc-bench — the annual follow-up: the check of a synthetic contract with five bilans (one
// per year of its period, each reporting on every indicator and action), against the check
// of the contract alone, and `copc bilan` of the last year in every format.
import CopcSource
import CopcLanguage
import CopcSema
import CopcDriver
import CopcBilan
import CopcSyntax

/// Five bilans (2021 to 2025) of the synthetic contract `contract`: every indicator gets a
/// réalisé (some missing their target, one in seven `non disponible` with a motif), every
/// action a state (finalised with its date, in progress, or postponed with a new deadline,
/// a risk, a difficulty and a corrective measure).
func syntheticBilans(of contract: [UInt8]) -> [(String, [UInt8])] {
    var indicators: [String] = []
    var actions: [String] = []
    for line in contract.split(separator: 10) {
        for (prefix, list) in [("indicateur ", 0), ("action ", 1)] where line.starts(with: Array(prefix.utf8)) {
            let rest = line.dropFirst(prefix.utf8.count)
            let id = String(decoding: rest.prefix { $0 != 32 }, as: UTF8.self)
            if list == 0 { indicators.append(id) } else { actions.append(id) }
        }
    }
    var out: [(String, [UInt8])] = []
    for year in 2021...2025 {
        var s = "bilan \(year) du contrat SYNTH « Bilan annuel de réalisation \(year) »\n  établi le : \(year + 1)-03-10\n\n"
        s.reserveCapacity(indicators.count * 60 + actions.count * 80)
        for (k, id) in indicators.enumerated() {
            s += "indicateur \(id)\n"
            if k % 7 == 3 {
                s += "  réalisé : non disponible\n  motif : « Enquête reportée »\n"
            } else {
                s += "  réalisé : \(18 + (k + year) % 50) %\n"
                if k % 5 == 0 { s += "  analyse : « Écart expliqué par le calendrier de déploiement »\n" }
            }
        }
        for (k, id) in actions.enumerated() {
            s += "action \(id)\n"
            switch (k + year) % 3 {
            case 0: s += "  état : finalisé\n  achevé le : \(year)-06-30\n  livrable : « Livrable de l'action \(id) »\n"
            case 1: s += "  état : en cours\n  avancement : \(10 * ((k % 9) + 1)) %\n"
            default: s += "  état : reporté\n  nouveau délai : S1 \(year + 1)\n  risque : moyen\n  difficulté : « Recrutement difficile »\n  mesure corrective : « Appui d'un prestataire »\n"
            }
        }
        out.append(("bilan-\(year).cop", Array(s.utf8)))
    }
    return out
}

/// Times the check with and without the bilans, and `copc bilan` in each format.
@MainActor func measureBilans(size: Int) {
    let contract = synthetic(size: size)
    let bilans = syntheticBilans(of: contract)
    let options = CheckOptions(au: Day(year: 2026, month: 11, day: 22)!)
    let bilanBytes = bilans.reduce(0) { $0 + $1.1.count }
    let alone = best(3) {
        sink &+= Driver.check(sources: [("synthetique.cop", contract)], options: options).diagnostics.count
    }
    var last: CheckResult?
    let withBilans = best(3) {
        let r = Driver.check(sources: [("synthetique.cop", contract)] + bilans, options: options)
        sink &+= r.diagnostics.count
        last = r
    }
    // Reading the bilans alone (lexer, parser, builder), the part proportional to their text.
    let read = best(3) {
        for (name, bytes) in bilans {
            let syntax = Parser.parse(SourceFile(path: name, bytes: bytes))
            sink &+= Builder.build(syntax).0.index.count
        }
    }
    guard let r = last, case .success(let c) = r.contracts.select(nil) else { return }
    var report: BilanReport?
    let make = best(3) { report = BilanReport.make(c, year: 2025, files: r.fileTable) }
    guard let report else { return }
    let mb = Double(contract.count) / 1_048_576
    print("")
    print("suivi annuel — contrat synthétique de \(fmt(mb, 1)) Mo et 5 bilans (\(fmt(Double(bilanBytes) / 1_048_576, 1)) Mo en tout, \(c.bilans.map(\.reports.count).reduce(0, +)) blocs) :")
    print(pad("  vérification du contrat seul", 44) + fmt(alone * 1000, 1) + " ms")
    print(pad("  vérification du contrat et des 5 bilans", 44) + fmt(withBilans * 1000, 1) + " ms (surcoût des bilans : +"
          + fmt((withBilans / alone - 1) * 100, 1) + " %)")
    print(pad("  dont lecture des 5 bilans (texte → modèle)", 44) + fmt(read * 1000, 1) + " ms ; contrôles COP600-607 et le reste : "
          + fmt((withBilans - alone - read) * 1000, 1) + " ms (+" + fmt((withBilans - alone - read) / alone * 100, 1) + " %)")
    print(pad("  copc bilan 2025 : tableaux (modèle)", 44) + fmt(make * 1000, 1) + " ms")
    for (name, render) in [("markdown", { report.markdown().utf8.count }), ("html", { report.html().utf8.count }),
                           ("csv", { report.csv().utf8.count }), ("json", { report.json().utf8.count })] as [(String, () -> Int)] {
        var bytes = 0
        let t = best(3) { bytes = render() }
        print(pad("  copc bilan 2025 --format \(name)", 44) + fmt(t * 1000, 1) + " ms (" + fmt(Double(bytes) / 1_048_576, 1) + " Mo)")
    }
    print("  diagnostics des bilans : \(r.diagnostics.count) (dont \(r.diagnostics.filter { $0.code.rawValue.hasPrefix("COP6") }.count) COP6xx)")
}
