// copc — the command-line shell over CopcDriver: one file per subcommand, dispatched here.
import CopcDiagnostics
import CopcDriver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let mainHelp = """
copc \(version) — compilateur des contrats d'objectifs et de performance (COP, CPOM, COG)

Usage :
  copc check     [CHEMINS…] [options]   vérifie les contrats, annuaires et avenants
  copc emit      [CHEMINS…] [options]   écrit le modèle intermédiaire (IR) JSON d'une version
  copc diff      [CHEMINS…] [options]   ce qu'un avenant change : deux versions, ou deux brouillons
  copc fmt       [CHEMINS…] [--check] [--diff]
                                        met les fichiers .cop en page canonique
  copc bilan     [CHEMINS…] [options]   bilan annuel de réalisation (actions, indicateurs, risques)
  copc rendre    [CHEMINS…] [options]   rend une version en document (HTML, Markdown, .cop, CSV)
  copc calendrier [CHEMINS…] [options]  écrit les échéances d'une version en iCalendar (.ics)
  copc portefeuille [DOSSIERS…] [options]
                                        tableau de bord de tous les contrats d'un dossier à une date
  copc site      [DOSSIERS…] -o SITE    site web statique du portefeuille (tableau de bord, contrats)
  copc lsp                              serveur de langage pour les éditeurs (LSP, sur stdin/stdout)
  copc expliquer CODE                   explique un code de diagnostic (ex. COP300)
  copc --help | --version

Les chemins sont des fichiers .cop ou des dossiers (parcourus récursivement) ;
sans chemin, le dossier courant. Un fichier nommé seul est vérifié avec son
contrat, ses avenants et ses annuaires ; « - » lit l'entrée standard.

Voir « copc COMMANDE --help » (check, emit, diff, fmt, rendre, calendrier, portefeuille, site) pour les options.
"""

/// The subcommands, each with its spellings and its entry point (in its own file).
let subcommands: [(names: [String], run: (ArraySlice<String>) -> Int32)] = [
    (["check", "verifier", "vérifier"], runCheck),
    (["emit", "emettre", "émettre"], runEmit),
    (["diff", "comparer"], runDiff),
    (["fmt", "format"], runFmt),
    (["bilan"], runBilan),
    (["rendre", "render"], runRendre),
    (["calendrier", "calendar"], runCalendrier),
    (["portefeuille", "portfolio"], runPortefeuille),
    (["site"], runSite),
    (["lsp"], runLSP),
    (["expliquer", "explain"], runExplain),
]

// Paths are bytes: a name that is not UTF-8 is kept (`PathBytes`), not replaced with U+FFFD.
let argv = FileSystem.arguments()
guard argv.count >= 2 else {
    writeOut(mainHelp + "\n")
    exit(2)
}
let command = argv[1]
if let sub = subcommands.first(where: { $0.names.contains(command) }) {
    exit(sub.run(argv[2...]))
}
switch command {
case "-h", "--help", "--aide", "aide", "help":
    writeOut(mainHelp + "\n")
    exit(0)
case "--version", "-V":
    writeOut("copc \(version)\n")
    exit(0)
default:
    let suggestion = Suggest.nearest(to: command, among: subcommands.map { $0.names[0] })
    fail("commande inconnue « \(command) »" + (suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") + " (voir « copc --help »)")
}
