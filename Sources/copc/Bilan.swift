// copc bilan: the annual follow-up of a contract (tableaux 1 à 3 de l'annexe 1) for one year.
import CopcDiagnostics
import CopcSema
import CopcDriver
import CopcModel
import CopcBilan
import CopcSheet

let bilanHelp = """
Usage : copc bilan [CHEMINS…] [--contrat ID] [--annee N] [--format markdown|html|csv|json|xlsx] [-o FICHIER]

Produit le bilan annuel de réalisation d'un contrat pour l'année N, à partir de ses
fichiers bilan (« bilan 2024 du contrat ID ») : tableau 1, les actions par axe et par
objectif avec leur état (finalisé, en cours, reporté…), leurs livrables et le décompte
des états ; tableau 2, les indicateurs avec la cible et le réalisé de chaque année de la
période jusqu'à N, l'écart et l'analyse des écarts ; tableau 3, les risques, difficultés
et mesures correctives. Le contrat lu est la version en vigueur au 31 décembre de N.

Options :
  --contrat ID        le contrat (obligatoire si les chemins en contiennent plusieurs)
  --annee N           l'année (défaut : celle du dernier bilan) ; aussi --année
  --format F          markdown (défaut, ou md), html (page autonome imprimable, avec un graphique
                      par indicateur), csv (pour un tableur : UTF-8 avec BOM, « ; »,
                      virgule décimale), json (schéma copc.bilan/1, grammar/bilan.schema.json)
                      ou xlsx (classeur Excel et LibreOffice écrit par copc : une feuille par
                      tableau, identifiants en texte, valeurs en nombres dans l'unité de
                      l'indicateur, dates en dates ; binaire, donc -o FICHIER.xlsx ou une
                      redirection : jamais sur un terminal)
  -o FICHIER          écrit dans FICHIER (aussi --sortie), par un fichier temporaire
                      renommé, plutôt que sur la sortie standard ; « -o - » : la sortie
                      standard ; jamais sur un fichier lu (statut 2)
  -h, --help          affiche cette aide

Les erreurs des fichiers sont résumées sur la sortie d'erreur (« copc check » les détaille) ;
le bilan est tout de même produit.
Statut de sortie : 0 bilan écrit ; 2 mauvais usage, contrat introuvable, aucun bilan,
échec d'écriture, fichier lu illisible ou mal encodé (COP001 : rien n'est écrit).
"""

enum BilanOption: Hashable, Sendable {
    case contrat, annee, format, sortie
}

let bilanCommand = CommandSpec<BilanOption>(name: "copc bilan", help: bilanHelp, options: [
    OptionSpec(.contrat, "--contrat", value: true),
    OptionSpec(.annee, "--annee", "--année", value: true),
    OptionSpec(.format, "--format", choices: formatNames(BilanFormat.self)),
    OptionSpec(.sortie, "-o", "--sortie", path: true),
])

/// The formats of `copc bilan`.
enum BilanFormat: String, CaseIterable {
    case markdown, html, csv, json, xlsx
}

func runBilan(_ args: ArraySlice<String>) -> Int32 {
    let parsed = bilanCommand.parse(args)
    var year: Int?
    if let v = parsed[.annee] {
        guard v.count == 4, let n = Int(v), n >= 1000 else { fail("année invalide : « \(v) » (attendu : 2024)") }
        year = n
    }
    let format = formatChoice(parsed[.format], default: BilanFormat.markdown)
    let result = checkOrFail(parsed.positionals, CheckOptions.today())
    let contract = chooseContract(result, parsed[.contrat])
    if year == nil && contract.bilans.isEmpty {
        fail("le contrat \(contract.id ?? "?") n'a aucun bilan (fichier « bilan ANNÉE du contrat \(contract.id ?? "ID") ») ; donnez --annee pour voir le contrat sans réalisé")
    }
    guard let report = BilanReport.make(contract, year: year, files: result.fileTable) else {
        fail("aucun bilan lisible pour le contrat \(contract.id ?? "?")")
    }
    let files = Set(contract.files)
    let errors = result.diagnostics.filter { $0.severity == .error && $0.span.map { files.contains($0.file.id) } ?? false }.count
    if errors > 0 {
        writeErr("copc : \(errors) erreur\(errors > 1 ? "s" : "") dans le contrat \(contract.id ?? "?"), ses avenants et ses bilans (voir « copc check ») ; le bilan reflète le texte tel qu'écrit\n")
    }
    switch format {
    case .html: writeResult(report.html(), to: parsed[.sortie])
    case .csv: writeResult(report.csv(), to: parsed[.sortie])
    case .json: writeResult(report.json(), to: parsed[.sortie])
    case .markdown: writeResult(report.markdown(), to: parsed[.sortie])
    case .xlsx:
        do { writeResult(try report.workbook().xlsx(), to: parsed[.sortie], binary: true) } catch { fail(error.message) }
    }
    return 0
}
