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
  -o FICHIER          écrit dans FICHIER (par un fichier temporaire renommé) plutôt
                      que sur la sortie standard
  -h, --help          affiche cette aide

L'IR reflète le texte tel qu'écrit : s'il contient des erreurs, elles sont résumées sur
la sortie d'erreur (« copc check » les détaille) et l'IR est tout de même écrit.
Statut de sortie : 0 IR écrit ; 2 mauvais usage, contrat ou version introuvable, échec
d'écriture.
"""

enum EmitOption: Hashable, Sendable {
    case contrat, version, au, sortie
}

let emitCommand = CommandSpec<EmitOption>(name: "copc emit", help: emitHelp, options: [
    OptionSpec(.contrat, "--contrat", value: true),
    OptionSpec(.version, "--version", value: true),
    OptionSpec(.au, "--au", value: true),
    OptionSpec(.sortie, "-o", "--sortie", value: true),
])

func runEmit(_ args: ArraySlice<String>) -> Int32 {
    let parsed = emitCommand.parse(args)
    let paths = parsed.positionals
    let contract = parsed[.contrat]
    var versionNumber: Int?
    if let v = parsed[.version] {
        guard let n = Int(v), n >= 0 else { fail("numéro de version invalide : « \(v) » (attendu : 0, 1, 2…)") }
        versionNumber = n
    }
    let au = parsed[.au].map(parseDateOption)
    let output = parsed[.sortie]
    if versionNumber != nil && au != nil { fail("--version et --au s'excluent : choisissez l'un des deux") }
    let result = checkOrFail(paths, CheckOptions.today())
    let units = result.workspace.units
    let ids = units.compactMap(\.id)
    let unit: ContractUnit
    if let contract {
        guard let u = units.first(where: { $0.id == contract }) else {
            let s = Suggest.nearest(to: contract, among: ids)
            fail("contrat inconnu « \(contract) »" + (s.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") + " (contrats : \(ids.joined(separator: ", ")))")
        }
        unit = u
    } else {
        guard units.count == 1 else {
            if units.isEmpty { fail("aucun contrat trouvé dans les chemins donnés") }
            fail("plusieurs contrats trouvés (\(ids.joined(separator: ", "))) : précisez --contrat ID")
        }
        unit = units[0]
    }
    let version: ContractVersion
    if let n = versionNumber {
        guard n < unit.versions.count else {
            fail("le contrat \(unit.id ?? "?") n'a pas de version \(n) (versions : 0 à \(unit.versions.count - 1))")
        }
        version = unit.versions[n]
    } else if let au {
        version = unit.versionInForce(at: au)
    } else {
        version = unit.versions[unit.versions.count - 1]
    }
    let files = Set(([unit.contract] + unit.avenants).map { ObjectIdentifier($0.source) })
    let errors = result.diagnostics.filter { $0.severity == .error && $0.span.map { files.contains(ObjectIdentifier($0.file)) } ?? false }.count
    if errors > 0 {
        writeErr("copc : \(errors) erreur\(errors > 1 ? "s" : "") dans le contrat \(unit.id ?? "?") et ses avenants (voir « copc check ») ; l'IR reflète le texte tel qu'écrit\n")
    }
    let json = IR.emit(unit, version: version)
    if let output {
        do { try FileSystem.writeAtomically(output, Array(json.utf8)) } catch {
            fail("écriture impossible de \(output) : \(error.message)")
        }
    } else {
        writeOut(json)
    }
    return 0
}
