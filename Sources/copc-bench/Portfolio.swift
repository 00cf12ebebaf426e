// The portfolio at the State's scale: a deterministic synthetic portfolio of contracts across
// 12 ministries (annuaires with their operators, contracts with tutelles and successions,
// avenants, bilans), and the cost of `copc portefeuille` and `copc site` against `copc check`
// of the same tree, in the same run, at several sizes and on one thread and every processor.
import CopcSource
import CopcLanguage
import CopcDriver
import CopcSema
import CopcPortfolio
import CopcSite
#if canImport(Glibc)
import Glibc
#endif

/// The date the synthetic portfolio is read at (the repository's usual `--au`).
let portfolioDay = Day(year: 2026, month: 11, day: 22)!

/// The twelve ministries of the synthetic portfolio.
let ministries = 12

/// The operators each ministry's annuaire expects under contract (more than it has contracts:
/// some hold none, as in the Cour des comptes' count).
let bodiesPerMinistry = 40

/// The pattern of a contract slot (by slot mod 6), so that every state is present at
/// `portfolioDay`: renewed, its successor, expiring within the year, expired without
/// successor, to come, in force.
func slotPeriod(_ slot: Int) -> (start: Int, years: Int, renews: Bool) {
    switch slot % 6 {
    case 0: return (2019, 4, false)
    case 1: return (2023, 5, true)
    case 2: return (2022, 5, false)
    case 3: return (2021, 5, false)
    case 4: return (2027, 5, false)
    default: return (2024, 5, false)
    }
}

func ministryId(_ m: Int) -> String { "MIN\(m < 9 ? "0" : "")\(m + 1)" }
func bodyId(_ m: Int, _ b: Int) -> String { "OP-\(m + 1)-\(b + 1)" }
/// A slot's body: a renewal (slot mod 6 = 1) is the previous slot's body's next contract.
func slotBody(_ slot: Int) -> Int { slot % 6 == 1 ? slot - 1 : slot }
func contractId(_ m: Int, _ slot: Int) -> String {
    let p = slotPeriod(slot)
    return "COP-\(bodyId(m, slotBody(slot)))-\(p.start)-\(p.start + p.years - 1)"
}

/// One ministry's annuaire: the ministry, the budget direction, and its operators expected to
/// hold a contract.
func syntheticAnnuaire(_ m: Int) -> String {
    var s = "# Portefeuille synthétique de mesure (déterministe, fictif).\n"
    s += "annuaire ANN-\(ministryId(m)) « Opérateurs du ministère synthétique \(m + 1) »\n\n"
    s += "référent \(ministryId(m)) « Ministère synthétique numéro \(m + 1) »\n"
    s += "référent DB « Direction du budget »\n\n"
    for b in 0..<bodiesPerMinistry {
        s += "organisme \(bodyId(m, b)) « Opérateur synthétique \(b + 1) du ministère \(m + 1) »\n"
        s += "  catégorie : \(b % 3 == 0 ? "EPIC" : "EPA")\n"
        s += "  tutelle : \(ministryId(m))\(b % 4 == 0 ? ", DB" : "")\n"
        s += "  contrat attendu : oui\n"
    }
    return s
}

/// One contract of about `size` bytes: objectives with actions (deadlines within its period)
/// and indicators (a base, a target per year, one year `à fixer par avenant`).
func syntheticContract(_ m: Int, _ slot: Int, size: Int) -> String {
    let p = slotPeriod(slot)
    let y0 = p.start, y1 = p.start + p.years - 1
    let body = bodyId(m, slotBody(slot))
    var s = "# Portefeuille synthétique de mesure (déterministe, fictif).\n"
    s += "contrat \(contractId(m, slot)) « Contrat d'objectifs et de performance \(y0)-\(y1) de l'opérateur \(body) »\n"
    s += "  utilise « ../annuaire.cop »\n"
    s += "  type : \(["COP", "COP", "CPOM", "COG"][m % 4])\n"
    s += "  organisme : \(body)\n"
    s += "  tutelle : \(ministryId(m))\(slot % 4 == 0 ? ", DB" : "")\n"
    if p.renews { s += "  succède à : \(contractId(m, slot - 1))\n" }
    s += "  signataires : \(ministryId(m)), \(body)\n"
    s += "  période : \(y0) .. \(y1)\n"
    s += "  signé le : \(y0 - 1)-12-15\n"
    s += "  bilan annuel : avant le 31 mars N+1\n\n"
    s.reserveCapacity(size + 4096)
    let deadlines = ["fin \(y0)", "T2 \(y0 + 1)", "1er semestre \(y0 + 2)", "tout au long du contrat", "\(y0 + 1) .. \(y0 + 2)",
                     "30 juin \(y0 + 3)", "fin \(y1)"]
    var axe = 0
    outer: while true {
        axe += 1
        s += "axe \(axe) « Axe stratégique \(axe) : la qualité du service rendu aux usagers »\n  pilote : \(ministryId(m))\n\n"
        for o in 1...8 {
            let obj = "\(axe).\(o)"
            s += "objectif \(obj) « Objectif \(obj) : développer les compétences et la performance de l'opérateur »\n"
            s += "  pilote : \(body)\n"
            s += "  texte \"\"\"\n    Il s'agit de compléter le diagnostic disponible en termes de gestion prévisionnelle,\n"
            s += "    en poursuivant les efforts réalisés pendant le contrat précédent.\n  \"\"\"\n"
            for a in 1...4 {
                s += "action \(obj).\(a) « Mettre en place le dispositif \(a) de l'objectif \(obj) »\n"
                s += "  délai : \(deadlines[(o + a) % deadlines.count])\n"
            }
            for (k, letter) in ["a", "b"].enumerated() {
                s += "indicateur \(obj).\(letter) « Taux de réalisation \(letter) de l'objectif \(obj) »\n"
                s += "  méthode : « Nombre de réalisations / nombre total prévu »\n  unité : %\n  sens : hausse\n"
                s += "  base \(y0 - 1) : \(10 + k),5 %\n"
                for y in y0...y1 {
                    if k == 0 && y == y0 + 2 {
                        s += "  cible \(y) : à fixer par avenant\n"
                    } else {
                        s += "  cible \(y) : \(20 + 8 * (y - y0) + k) %\n"
                    }
                }
            }
            s += "\n"
            if s.utf8.count >= size { break outer }
        }
    }
    return s
}

/// The objectives `syntheticContract` wrote (`axe.o` ids), read back from its text.
func objectives(in contract: String) -> [String] {
    var out: [String] = []
    for line in contract.split(separator: "\n") where line.hasPrefix("objectif ") {
        out.append(String(line.dropFirst(9).prefix { $0 != " " }))
    }
    return out
}

/// Avenant 1: fixes the pending target of every other objective, moves a deadline.
func syntheticAvenant(_ m: Int, _ slot: Int, objectives: [String]) -> String {
    let y0 = slotPeriod(slot).start
    var s = "# Portefeuille synthétique de mesure (déterministe, fictif).\n"
    s += "avenant 1 au contrat \(contractId(m, slot)) « Fixation des cibles de \(y0 + 2) »\n"
    s += "  signé le : \(y0 + 1)-06-15\n\n"
    for (k, o) in objectives.enumerated() where k % 2 == 0 {
        s += "modifier indicateur \(o).a\n  motif : « Résultats de l'enquête de \(y0) »\n  cible \(y0 + 2) : \(36 + k % 5) %\n\n"
        s += "modifier action \(o).4\n  motif : « Retard du marché »\n  délai : fin \(y0 + 3)\n\n"
    }
    return s
}

/// The bilan of `year`: a réalisé per indicator, a state per action due.
func syntheticBilan(_ m: Int, _ slot: Int, year: Int, objectives: [String]) -> String {
    let y0 = slotPeriod(slot).start
    var s = "# Portefeuille synthétique de mesure (déterministe, fictif).\n"
    s += "bilan \(year) du contrat \(contractId(m, slot)) « Bilan annuel \(year) »\n  établi le : \(year + 1)-03-10\n\n"
    for (k, o) in objectives.enumerated() {
        s += "indicateur \(o).a\n  réalisé : \(18 + 8 * (year - y0) + k % 5) %\n"
        s += "indicateur \(o).b\n  réalisé : \(19 + 8 * (year - y0) + k % 3) %\n"
        for a in 1...3 {
            switch (k + a) % 4 {
            case 0: s += "action \(o).\(a)\n  état : finalisé\n  achevé le : \(year)-11-30\n"
            case 1: s += "action \(o).\(a)\n  état : en cours\n  avancement : 50 %\n"
            case 2: s += "action \(o).\(a)\n  état : reporté\n  nouveau délai : fin \(year + 2)\n"
            default: s += "action \(o).\(a)\n  état : en cours\n  avancement : 10 %\n"
            }
        }
        s += "\n"
    }
    return s
}

/// Writes a synthetic portfolio of `contracts` contracts (about `size` bytes each, avenant and
/// bilans besides) across the ministries into a new temporary folder, with its `copc.toml`.
/// Returns the folder and the bytes written.
func writePortfolio(contracts: Int, size: Int, into given: String? = nil) -> (dir: String, bytes: Int) {
    let dir: String
    if let given {
        dir = given
    } else {
        var template = Array("/tmp/copc-portefeuille-XXXXXX".utf8CString)
        guard let d = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            print("copc-bench : dossier temporaire impossible")
            exit(2)
        }
        dir = d
    }
    var bytes = 0
    func write(_ path: String, _ text: String) {
        do { try FileSystem.writeAtomically(path, Array(text.utf8)) } catch {
            print("copc-bench : écriture impossible de \(path) : \(error.message)")
            exit(2)
        }
        bytes += text.utf8.count
    }
    write(dir + "/copc.toml", "")
    for m in 0..<ministries {
        mkdir(dir + "/" + ministryId(m), 0o755)
        write(dir + "/\(ministryId(m))/annuaire.cop", syntheticAnnuaire(m))
    }
    for i in 0..<contracts {
        let m = i % ministries, slot = i / ministries
        let folder = dir + "/\(ministryId(m))/" + contractId(m, slot)
        mkdir(folder, 0o755)
        let text = syntheticContract(m, slot, size: size)
        write(folder + "/contrat.cop", text)
        let objs = objectives(in: text)
        let y0 = slotPeriod(slot).start
        if y0 + 1 < portfolioDay.year { write(folder + "/avenant-1.cop", syntheticAvenant(m, slot, objectives: objs)) }
        // Bilans of the first years that are over, the later ones missing (one in three).
        for year in stride(from: y0, to: min(y0 + 3, portfolioDay.year), by: 1) where !(year == y0 + 2 && slot % 3 == 0) {
            write(folder + "/bilan-\(year).cop", syntheticBilan(m, slot, year: year, objectives: objs))
        }
    }
    return (dir, bytes)
}

/// Removes a folder tree the bench wrote (only regular files and folders, never a link
/// followed).
func removeTree(_ path: String) {
    guard let d = opendir(path) else { unlink(path); return }
    var names: [String] = []
    while let e = readdir(d) {
        let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        if name != "." && name != ".." { names.append(name) }
    }
    closedir(d)
    for n in names {
        var st = stat()
        let p = path + "/" + n
        if lstat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { removeTree(p) } else { unlink(p) }
    }
    rmdir(path)
}

/// `copc site` in process: the check, the portfolio, every page rendered and written (on
/// `threads` threads), the manifest. Returns the number of bytes written.
func siteOnce(_ dir: String, out: String, threads: Int) -> Int {
    let options = CheckOptions(au: portfolioDay, auGiven: true)
    guard let r = try? Driver.check(paths: [dir], options: options, threads: threads) else { return 0 }
    let p = Portfolio.make(r, day: portfolioDay, grouping: .tutelle, threads: threads)
    let site = Site.make(r, portfolio: p, generator: "copc-bench, site/1", threads: threads)
    guard let folder = try? OutputFolder(out) else { return 0 }
    let written = UnsafeMutableBufferPointer<Int>.allocate(capacity: site.pages.count)
    written.initialize(repeating: 0)
    defer { written.deallocate() }
    Parallel.forEach(site.pages.count, threads: threads) { k in
        let bytes = site.render(site.pages[k])
        if (try? folder.write(site.pages[k].path, bytes)) != nil { written[k] = bytes.count }
    }
    _ = try? folder.write(Site.manifestPath, site.manifest())
    return written.reduce(0, +)
}

/// The three commands in process on the tree at `dir`, on `threads` threads: the best of
/// `runs`, each run of the three in turn so that a change of load touches them alike.
@MainActor func measureCommands(_ dir: String, threads: Int, runs: Int) -> (check: Double, portfolio: Double, site: Double, pages: Int) {
    let options = CheckOptions(au: portfolioDay, auGiven: true)
    var check = Double.infinity, portfolio = Double.infinity, site = Double.infinity
    var pages = 0
    for _ in 0..<runs {
        check = min(check, best(1) {
            if let r = try? Driver.check(paths: [dir], options: options, threads: threads) { sink &+= r.diagnostics.count }
        })
        portfolio = min(portfolio, best(1) {
            guard let r = try? Driver.check(paths: [dir], options: options, threads: threads) else { return }
            let p = Portfolio.make(r, day: portfolioDay, grouping: .tutelle, threads: threads)
            sink &+= p.html().utf8.count
        })
        let out = dir + "-site"
        removeTree(out)
        site = min(site, best(1) { pages = siteOnce(dir, out: out, threads: threads) })
        removeTree(out)
    }
    return (check, portfolio, site, pages)
}

/// `copc-bench --portefeuille`: the synthetic portfolio at 150, 300 and 450 contracts; for
/// each, check, portefeuille (html) and site on one thread and on every processor.
@MainActor func measurePortfolio(sizes: [Int] = [150, 300, 450], size: Int = 40_000) {
    let cores = Parallel.processors
    print("portefeuille synthétique : \(ministries) ministères, \(bodiesPerMinistry) opérateurs attendus chacun, "
          + "contrats de ~\(size / 1000) ko avec avenant et bilans, lu au \(portfolioDay) (meilleur de 3 essais)")
    print("   charge de la machine au départ : \(loadAverage())")
    print(pad("contrats", 10) + pad("Mo", 7) + pad("fils", 6) + pad("check (s)", 11) + pad("portefeuille (s)", 18)
          + pad("site (s)", 10) + pad("portef./check", 15) + "site/check")
    var perContract: [(n: Int, check: Double, portfolio: Double, site: Double)] = []
    for n in sizes {
        let (dir, bytes) = writePortfolio(contracts: n, size: size)
        for threads in [1, cores] where threads == 1 || cores > 1 {
            let m = measureCommands(dir, threads: threads, runs: 3)
            print(pad("\(n)", 10) + pad(fmt(Double(bytes) / 1_048_576, 1), 7) + pad("\(threads)", 6) + pad(fmt(m.check, 2), 11)
                  + pad(fmt(m.portfolio, 2), 18) + pad(fmt(m.site, 2), 10) + pad("×" + fmt(m.portfolio / m.check, 2), 15)
                  + "×" + fmt(m.site / m.check, 2) + "  (\(m.pages) octets de site)")
            if threads == cores { perContract.append((n, m.check / Double(n), m.portfolio / Double(n), m.site / Double(n))) }
        }
        removeTree(dir)
    }
    if let first = perContract.first, let last = perContract.last, perContract.count > 1 {
        print("temps par contrat à \(last.n) contrats rapporté à \(first.n) (linéaire : ≈ ×1) : check ×\(fmt(last.check / first.check, 2)), "
              + "portefeuille ×\(fmt(last.portfolio / first.portfolio, 2)), site ×\(fmt(last.site / first.site, 2))")
    }
    print("   charge de la machine à la fin : \(loadAverage())")
}
