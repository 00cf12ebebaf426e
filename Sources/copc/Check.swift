// copc check: the diagnostics of the given paths, in one of four formats.
import CopcDiagnostics
import CopcSema
import CopcDriver

let checkHelp = """
Usage : copc check [CHEMINS…] [options]

Vérifie les fichiers .cop (contrats, annuaires, avenants) et signale chaque
problème avec son code, sa place et un message en français.

Options :
  --format humain|gcc|json|sarif
                             format de sortie (défaut : humain) ; sarif : SARIF 2.1.0
                             pour l'analyse de code de GitHub, chemins relatifs
                             au dossier courant
  --au AAAA-MM-JJ            date de référence : version en vigueur et années
                             commencées (défaut : aujourd'hui)
  --strict                   les avertissements font échouer la vérification ;
                             une cible en attente d'une année commencée devient
                             une erreur
  --couleur auto|toujours|jamais
                             couleurs de la sortie humaine (défaut : auto, c'est-à-dire
                             si la sortie est un terminal et que NO_COLOR n'est pas défini)
  -h, --help                 affiche cette aide

Statut de sortie : 0 aucune erreur ; 1 au moins une erreur (avec --strict, aussi
un avertissement) ; 2 mauvais usage ou échec de lecture avant toute vérification.
"""

enum CheckOption: Hashable, Sendable {
    case format, au, strict, couleur
}

let checkCommand = CommandSpec<CheckOption>(name: "copc check", help: checkHelp, options: [
    OptionSpec(.format, "--format", value: true),
    OptionSpec(.au, "--au", value: true),
    OptionSpec(.strict, "--strict"),
    OptionSpec(.couleur, "--couleur", "--color", value: true),
])

func runCheck(_ args: ArraySlice<String>) -> Int32 {
    let parsed = checkCommand.parse(args)
    var format = OutputFormat.humain
    if let v = parsed[.format] {
        guard let f = OutputFormat(rawValue: v) else {
            fail("format inconnu « \(v) » (formats possibles : \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        format = f
    }
    let color = parsed[.couleur] ?? "auto"
    guard ["auto", "toujours", "jamais"].contains(color) else {
        fail("valeur inconnue pour --couleur : « \(color) » (auto, toujours ou jamais)")
    }
    let strict = parsed.has(.strict)
    var options = CheckOptions.today(strict: strict)
    if let v = parsed[.au] { options.au = parseDateOption(v); options.auGiven = true }
    let result = checkOrFail(parsed.positionals, options)
    switch format {
    case .json: writeOut(DiagnosticRenderer.json(result.diagnostics))
    case .gcc: writeOut(DiagnosticRenderer.gcc(result.diagnostics))
    case .sarif:
        // Relative paths are relative to the current folder, which becomes %SRCROOT%.
        let root = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
        writeOut(DiagnosticRenderer.sarif(result.diagnostics, toolVersion: version, sourceRoot: root))
    case .humain:
        let useColor: Bool
        switch color {
        case "toujours": useColor = true
        case "jamais": useColor = false
        default:
            useColor = FileSystem.isTerminal(1) && FileSystem.environment("NO_COLOR") == nil && FileSystem.environment("TERM") != "dumb"
        }
        if result.files.isEmpty {
            writeOut("aucun fichier .cop trouvé\n")
        }
        writeOut(DiagnosticRenderer.human(result.diagnostics, color: useColor))
    }
    return result.exitStatus(strict: strict)
}
