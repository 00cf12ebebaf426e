// copc portefeuille: every contract of a folder tree at a date — a ministry's, or the State's —
// with what a tutelle must act on.
import CopcDiagnostics
import CopcLanguage
import CopcSema
import CopcDriver
import CopcPortfolio

let portefeuilleHelp = """
Usage : copc portefeuille [DOSSIER…] [--au AAAA-MM-JJ] [--par tutelle|type|état] [--format F] [-o FICHIER]

Le tableau de bord d'un portefeuille de contrats : tous les contrats des dossiers donnés
(avec leurs avenants et leurs bilans), lus à une date. Pour chaque contrat : organisme,
tutelles, type, période, état à la date (à venir, en vigueur, expire dans N mois, expiré
sans successeur, expiré et renouvelé), version en vigueur et nombre d'avenants, erreurs,
avertissements et notes, cibles encore à fixer par avenant (et celles dont l'année est
close), actions en retard (délai échu, non finalisées au dernier bilan), bilans attendus
par le calendrier de suivi et présents, part des indicateurs à la cible et des actions
finalisées au dernier bilan. Une ligne par organisme qu'un annuaire attend sous contrat
(« contrat attendu : oui ») et qui n'en a aucun en vigueur (note COP212). Des totaux par
groupe et pour tout le portefeuille ; en tête, ce qui est à traiter.

Options :
  --au DATE           la date de lecture (défaut : aujourd'hui)
  --par G             regroupe par tutelle (défaut ; un contrat à deux tutelles figure dans
                      les deux groupes), par type ou par état
  --format F          texte (défaut), markdown, html (tableau de bord autonome, triable et
                      filtrable, imprimable), json (schéma copc.portefeuille/1,
                      grammar/portefeuille.schema.json), csv (une ligne par contrat et par
                      organisme sans contrat : UTF-8 avec BOM, « ; ») ou xlsx (classeur
                      Excel et LibreOffice écrit par copc : feuilles Contrats, Organismes
                      sans contrat et Totaux ; identifiants en texte, dates en dates,
                      nombres en nombres, parts en pourcentages ; binaire, donc
                      -o FICHIER.xlsx ou une redirection : jamais sur un terminal)
  -o FICHIER          écrit dans FICHIER (par un fichier temporaire renommé) plutôt que sur
                      la sortie standard
  -h, --help          affiche cette aide

Les erreurs des fichiers sont comptées dans le tableau (« copc check » les détaille) ;
les notes COP212 sont écrites sur la sortie d'erreur.
Statut de sortie : 0 tableau écrit ; 2 mauvais usage, dossier illisible, échec d'écriture.
"""

enum PortefeuilleOption: Hashable, Sendable {
    case au, par, format, sortie
}

let portefeuilleCommand = CommandSpec<PortefeuilleOption>(name: "copc portefeuille", help: portefeuilleHelp, options: [
    OptionSpec(.au, "--au", value: true),
    OptionSpec(.par, "--par", choices: Portfolio.Grouping.allCases.map(\.rawValue)),
    OptionSpec(.format, "--format", "-f", choices: formatNames(PortfolioFormat.self)),
    OptionSpec(.sortie, "-o", "--sortie", path: true),
])

/// The formats of `copc portefeuille`.
enum PortfolioFormat: String, CaseIterable {
    case texte, markdown, html, json, csv, xlsx
}

/// `--par`: the grouping, or exit 2.
func groupingChoice(_ v: String?) -> Portfolio.Grouping {
    guard let v else { return .tutelle }
    if let g = Portfolio.Grouping(spelling: v) { return g }
    fail("regroupement inconnu « \(v) » (regroupements : tutelle, type, état)"
         + (Suggest.nearest(to: v, among: ["tutelle", "type", "état"]).map { " ; vouliez-vous dire « \($0) » ?" } ?? ""))
}

/// Checks the folders of a portfolio at `--au` (today by default) and reads it.
func portfolioOrFail(_ paths: [String], au: String?, grouping: Portfolio.Grouping) -> Portfolio {
    var options = CheckOptions.today()
    if let au {
        options = CheckOptions(au: parseDateOption(au), auGiven: true)
    }
    let result = checkOrFail(paths, options)
    let portfolio = Portfolio.make(result, day: options.au, grouping: grouping)
    if !portfolio.diagnostics.isEmpty {
        writeErr(DiagnosticRenderer.human(portfolio.diagnostics, color: useColor(nil, fd: 2)))
    }
    return portfolio
}

func runPortefeuille(_ args: ArraySlice<String>) -> Int32 {
    let parsed = portefeuilleCommand.parse(args)
    let format = formatChoice(parsed[.format], default: PortfolioFormat.texte)
    let grouping = groupingChoice(parsed[.par])
    let portfolio = portfolioOrFail(parsed.positionals, au: parsed[.au], grouping: grouping)
    let out: String
    switch format {
    case .texte: out = portfolio.text()
    case .markdown: out = portfolio.markdown()
    case .html: out = portfolio.html()
    case .json: out = portfolio.json()
    case .csv: out = portfolio.csv()
    case .xlsx:
        do { writeResult(try portfolio.workbook().xlsx(), to: parsed[.sortie], binary: true) } catch { fail(error.message) }
        return 0
    }
    writeResult(out, to: parsed[.sortie])
    return 0
}
