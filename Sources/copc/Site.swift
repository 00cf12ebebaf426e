// copc site: the portfolio as a static, self-contained website.
#if canImport(Glibc)
import Glibc
#endif
import CopcSource
import CopcDiagnostics
import CopcDriver
import CopcPortfolio
import CopcSite

let siteHelp = """
Usage : copc site [DOSSIER…] -o SITE [--au AAAA-MM-JJ] [--par tutelle|type|état] [--incrementiel]

Écrit dans le dossier SITE un site web statique du portefeuille, autonome (aucune ressource
extérieure, liens relatifs seulement : il se lit hors ligne, se copie, s'archive) :
  index.html                   le tableau de bord (copc portefeuille --format html),
                               trié et filtré par un petit script, lisible sans lui
  contrats/ID/index.html       la fiche de chaque contrat : état, versions, avenants,
                               bilans, ce qui est en retard, diagnostics
  contrats/ID/version-N.html   chaque version rendue comme le document signé (N = 0 :
                               tel que signé)
  contrats/ID/avenant-N.html   ce que l'avenant qui fait la version N change (comparaison)
  contrats/ID/bilan-ANNÉE.html chaque bilan annuel
  contrats/ID/calendrier.ics, indicateurs.csv, actions.csv
                               le calendrier et les tableaux de la version en vigueur
  manifeste-copc.txt           l'empreinte des entrées de chaque page
Même entrée, mêmes octets.

Options :
  -o, --sortie SITE   le dossier du site (créé s'il n'existe pas) ; copc n'écrit que dans
                      ce dossier, ne suit aucun lien symbolique, et refuse un dossier lu
                      ou un dossier non vide qui n'est pas un site de copc
  --au DATE           la date de lecture (défaut : aujourd'hui)
  --par G             regroupement du tableau de bord : tutelle (défaut), type ou état
  --incrementiel      ne réécrit que les pages dont les entrées ont changé depuis le
                      dernier site écrit dans ce dossier (selon manifeste-copc.txt)
  -h, --help          affiche cette aide

Les pages que le portefeuille ne produit plus (contrat retiré…) sont supprimées du dossier.
Statut de sortie : 0 site écrit ; 2 mauvais usage, dossier refusé, échec d'écriture.
"""

enum SiteOption: Hashable, Sendable {
    case au, par, sortie, incrementiel
}

let siteCommand = CommandSpec<SiteOption>(name: "copc site", help: siteHelp, options: [
    OptionSpec(.au, "--au", value: true),
    OptionSpec(.par, "--par", choices: Portfolio.Grouping.allCases.map(\.rawValue)),
    OptionSpec(.sortie, "-o", "--sortie", path: true),
    OptionSpec(.incrementiel, "--incrementiel", "--incremental"),
])

/// The site's folder, absolute and normalised; refused when it is, or holds, a folder or file
/// read (the inputs would be mixed with the pages).
func siteFolder(_ output: String, inputs: [String]) -> String {
    let cwd = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
    let absolute = Paths.normalize(output.hasPrefix("/") ? output : Paths.join(cwd, output))
    // Its folder's real path, its own name as given: a link given as the site's folder is
    // refused by `OutputFolder`, never followed.
    let parent = Paths.directory(of: absolute)
    let real = Paths.join(FileSystem.realPath(parent) ?? parent, Paths.lastComponent(of: absolute))
    for input in inputs.isEmpty ? ["."] : inputs {
        guard let r = FileSystem.realPath(input) else { continue }
        if Paths.isInside(r, real) {
            fail("le dossier du site « \(output) » est un dossier lu, ou en contient un (« \(input) ») : choisissez un autre dossier")
        }
    }
    return real
}

func runSite(_ args: ArraySlice<String>) -> Int32 {
    let parsed = siteCommand.parse(args)
    guard let output = parsed[.sortie] else { fail("copc site écrit un dossier : donnez-le avec -o SITE (voir « copc site --help »)") }
    let grouping = groupingChoice(parsed[.par])
    let target = siteFolder(output, inputs: parsed.positionals)
    // Paths are shown relative to the workspace root of the first folder read, whatever the
    // current folder: the same inputs make the same pages.
    let inputs = (parsed.positionals.isEmpty ? ["."] : parsed.positionals).map { p -> String in
        guard let real = FileSystem.realPath(p) else { fail("chemin introuvable : « \(p) »") }
        return real
    }
    let base = WorkspaceRoot.of(inputs[0]) ?? inputs[0]
    guard PathBytes.withCString(base, { chdir($0) }) == 0 else { fail("dossier inaccessible : « \(base) »") }
    let portfolio = portfolioOrFail(inputs, au: parsed[.au], grouping: grouping)
    guard let result = keepAlive else { fail("aucun contrat lu") }
    let site = Site.make(result, portfolio: portfolio, generator: "copc \(version), site/1")

    let folder: OutputFolder
    do { folder = try OutputFolder(target) } catch {
        fail("dossier du site « \(output) » refusé : \(error.message)")
    }
    let previous = folder.read(Site.manifestPath).map(Site.readManifest)
    if previous == nil, !folder.isEmpty {
        fail("le dossier « \(output) » n'est pas vide et n'est pas un site de copc (pas de \(Site.manifestPath)) : choisissez un dossier vide ou nouveau")
    }
    let incremental = parsed.has(.incrementiel)
    let todo = site.pages.filter { page in
        !incremental || previous?[page.path] != page.key || !folder.exists(page.path)
    }
    // Rendered and written on every processor, each page its own file.
    let failures = UnsafeMutableBufferPointer<String?>.allocate(capacity: todo.count)
    failures.initialize(repeating: nil)
    defer { failures.deinitialize(); failures.deallocate() }
    Parallel.forEach(todo.count, threads: Parallel.processors) { k in
        let bytes = site.render(todo[k])
        do throws(FileSystem.IOError) { try folder.write(todo[k].path, bytes) } catch { failures[k] = "\(todo[k].path) : \(error.message)" }
    }
    if let first = failures.compactMap({ $0 }).first { fail("écriture impossible dans « \(output) » : \(first)") }
    let current = Set(site.pages.map(\.path))
    let stale = (previous ?? [:]).keys.filter { !current.contains($0) && OutputFolder.isPlain($0) }.sorted()
    for path in stale { folder.remove(path) }
    do { try folder.write(Site.manifestPath, site.manifest()) } catch {
        fail("écriture impossible dans « \(output) » : \(Site.manifestPath) : \(error.message)")
    }
    writeOut("site écrit dans \(output) : \(site.pages.count) fichiers, \(todo.count) écrits, "
             + "\(site.pages.count - todo.count) inchangés, \(stale.count) retirés ; ouvrez \(Paths.join(output, "index.html"))\n")
    return 0
}
