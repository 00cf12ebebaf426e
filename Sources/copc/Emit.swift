// copc emit: the IR of one consolidated version of one contract.
import CopcDiagnostics
import CopcSema
import CopcDriver
import CopcModel

let emitHelp = """
Usage : copc emit [CHEMINS…] [--contrat ID] [--version N | --au AAAA-MM-JJ] [-o FICHIER]

Écrit en JSON le modèle intermédiaire (schéma copc.ir/1, grammar/ir.schema.json) d'une
version consolidée d'un contrat : version 0 = tel que signé, version N = après les
avenants 1 à N. Sortie identique octet pour octet d'une exécution à l'autre.

Options :
  --contrat ID        le contrat (obligatoire si les chemins en contiennent plusieurs)
  --version N         la version N (défaut : la dernière)
  --au AAAA-MM-JJ     la version en vigueur ce jour-là (date d'effet des avenants)
  -o FICHIER          écrit dans FICHIER (aussi --sortie), par un fichier temporaire
                      renommé, plutôt que sur la sortie standard ; « -o - » : la sortie
                      standard ; jamais sur un fichier lu (statut 2)
  -h, --help          affiche cette aide

L'IR reflète le texte tel qu'écrit : s'il contient des erreurs, elles sont résumées sur
la sortie d'erreur (« copc check » les détaille) et l'IR est tout de même écrit.
Statut de sortie : 0 IR écrit ; 2 mauvais usage, contrat ou version introuvable, échec
d'écriture, fichier lu illisible ou mal encodé (COP001 : rien n'est écrit).
"""

enum EmitOption: Hashable, Sendable {
    case contrat, version, au, sortie
}

let emitCommand = CommandSpec<EmitOption>(name: "copc emit", help: emitHelp, options: [
    OptionSpec(.contrat, "--contrat", value: true),
    OptionSpec(.version, "--version", value: true),
    OptionSpec(.au, "--au", value: true),
    OptionSpec(.sortie, "-o", "--sortie", path: true),
])

func runEmit(_ args: ArraySlice<String>) -> Int32 {
    let parsed = emitCommand.parse(args)
    let paths = parsed.positionals
    let contractId = parsed[.contrat]
    var versionNumber: Int?
    if let v = parsed[.version] {
        guard let n = Int(v), n >= 0 else { fail("numéro de version invalide : « \(v) » (attendu : 0, 1, 2…)") }
        versionNumber = n
    }
    let au = parsed[.au].map(parseDateOption)
    let output = parsed[.sortie]
    if versionNumber != nil && au != nil { fail("--version et --au s'excluent : choisissez l'un des deux") }
    let result = checkOrFail(paths, CheckOptions.today())
    let contract = chooseContract(result, contractId)
    let selector: VersionSelector = versionNumber.map { .number($0) } ?? au.map { .inForce($0) } ?? .latest
    let version = chooseVersion(contract, selector)
    let files = Set(contract.files)
    let errors = result.diagnostics.filter { $0.severity == .error && $0.span.map { files.contains($0.file.id) } ?? false }.count
    if errors > 0 {
        writeErr("copc : \(errors) erreur\(errors > 1 ? "s" : "") dans le contrat \(contract.id ?? "?") et ses avenants (voir « copc check ») ; l'IR reflète le texte tel qu'écrit\n")
    }
    let json = IR.emit(contract, version: version, files: result.fileTable)
    writeResult(json, to: output)
    return 0
}
