// copc rendre: a consolidated version as a document (HTML, Markdown, canonical source, CSV, xlsx).
import CopcDiagnostics
import CopcLanguage
import CopcDriver
import CopcSema
import CopcModel
import CopcRender
import CopcSheet

let rendreHelp = """
Usage : copc rendre [CHEMINS…] [--contrat ID] [--version V] [--format F] [--table T] [-o FICHIER]

Rend une version consolidée d'un contrat comme le document que l'on signe : page de titre,
sommaire, chaque axe, objectif et sous-objectif avec son texte, les tableaux des annexes
(actions avec pilotes et échéances, indicateurs avec méthode, source, base et cibles de
chaque année), les référents, et une note en marge de chaque élément modifié par un avenant.

Options :
  --contrat ID        le contrat (obligatoire si les chemins en contiennent plusieurs)
  --version V         numéro de version (0 = tel que signé) ou date AAAA-MM-JJ (la version
                      en vigueur ce jour-là) ; défaut : la dernière version
  --format F          html (défaut) : une page autonome, imprimable sur A4 (aussi -f) ;
                      markdown : le même contenu, tableaux au format GitHub ;
                      cop : la version consolidée réécrite en texte source canonique
                      (avenants appliqués, commentaires conservés), point de départ d'un
                      nouveau cycle de rédaction ;
                      csv : un tableau pour un tableur (UTF-8 avec BOM, séparateur « ; »,
                      virgule décimale), choisi par --table ;
                      xlsx : un classeur Excel et LibreOffice écrit par copc, une feuille
                      par tableau (les deux sans --table) : identifiants en texte, cibles en
                      nombres dans l'unité de l'indicateur, échéances en dates ; binaire,
                      donc -o FICHIER.xlsx ou une redirection : jamais sur un terminal
  --table T           avec --format csv ou xlsx : indicateurs (défaut en csv) ou actions
  -o FICHIER          écrit dans FICHIER (aussi --sortie), par un fichier temporaire
                      renommé, plutôt que sur la sortie standard ; « -o - » : la sortie
                      standard ; jamais sur un fichier lu (statut 2)
  -h, --help          affiche cette aide

Le document reflète le texte tel qu'écrit : s'il contient des erreurs, elles sont résumées
sur la sortie d'erreur (« copc check » les détaille) et le document est tout de même écrit.
Statut de sortie : 0 document écrit ; 2 mauvais usage, contrat ou version introuvable,
échec d'écriture, fichier lu illisible ou mal encodé (COP001 : rien n'est écrit).
"""

enum RendreOption: Hashable, Sendable {
    case contrat, version, format, table, sortie
}

let rendreCommand = CommandSpec<RendreOption>(name: "copc rendre", help: rendreHelp, options: [
    OptionSpec(.contrat, "--contrat", value: true),
    OptionSpec(.version, "--version", value: true),
    OptionSpec(.format, "--format", "-f", choices: formatNames(RenderFormat.self)),
    OptionSpec(.table, "--table", choices: CSVTable.allCases.map(\.spelling)),
    OptionSpec(.sortie, "-o", "--sortie", path: true),
])

/// The formats of `copc rendre`.
enum RenderFormat: String, CaseIterable {
    case html, markdown, cop, csv, xlsx
}

func runRendre(_ args: ArraySlice<String>) -> Int32 {
    let parsed = rendreCommand.parse(args)
    let format = formatChoice(parsed[.format], default: RenderFormat.html)
    var table = CSVTable.indicators
    var tables = CSVTable.allCases
    if let t = parsed[.table] {
        guard format == .csv || format == .xlsx else { fail("--table ne s'emploie qu'avec --format csv ou xlsx") }
        guard let chosen = CSVTable(spelling: t) else {
            fail("tableau inconnu « \(t) » (tableaux : \(CSVTable.allCases.map(\.spelling).joined(separator: ", ")))")
        }
        table = chosen
        tables = [chosen]
    }
    let selector = parseVersionOption(parsed[.version])
    let result = checkOrFail(parsed.positionals, CheckOptions.today())
    let contract = chooseContract(result, parsed[.contrat])
    let version = chooseVersion(contract, selector)
    warnAboutErrors(result, contract, what: "le document")
    let doc = ContractDocument(contract: contract, version: version, files: result.fileTable)
    switch format {
    case .html: writeResult(HTMLDocument.render(doc), to: parsed[.sortie])
    case .markdown: writeResult(MarkdownDocument.render(doc), to: parsed[.sortie])
    case .csv: writeResult(CSVExport.render(doc, table: table), to: parsed[.sortie])
    case .xlsx:
        do { writeResult(try SheetExport.workbook(doc, tables: tables).xlsx(), to: parsed[.sortie], binary: true) } catch { fail(error.message) }
    case .cop:
        switch SourceDocument.render(contract, version: version, files: result.fileTable) {
        case .success(let text): writeResult(text, to: parsed[.sortie])
        case .failure(let e): fail(e.message)
        }
    }
    return 0
}

/// `--version V`: a number, or a date (the version in force that day); none: the latest.
func parseVersionOption(_ v: String?) -> VersionSelector {
    guard let v else { return .latest }
    if let n = Int(v) {
        guard n >= 0 else { fail("numéro de version invalide : « \(v) » (attendu : 0, 1, 2… ou une date AAAA-MM-JJ)") }
        return .number(n)
    }
    if let d = Day.parse(v) { return .inForce(d) }
    fail("version invalide : « \(v) » (attendu : un numéro 0, 1, 2… ou une date AAAA-MM-JJ)")
}

/// Says on stderr how many errors the contract's files hold (the output is written anyway).
func warnAboutErrors(_ result: CheckResult, _ contract: Contract, what: String) {
    let files = Set(contract.files)
    let errors = result.diagnostics.filter { $0.severity == .error && $0.span.map { files.contains($0.file.id) } ?? false }.count
    if errors > 0 {
        writeErr("copc : \(errors) erreur\(errors > 1 ? "s" : "") dans le contrat \(contract.id ?? "?") et ses avenants (voir « copc check ») ; \(what) reflète le texte tel qu'écrit\n")
    }
}
