// copc check: the diagnostics of the given paths, in one of four formats.
import CopcDiagnostics
import CopcSema
import CopcDriver
import CopcSource

let checkHelp = """
Usage : copc check [CHEMINS…] [options]
        copc check - [--nom-fichier CHEMIN] [options]   (lit l'entrée standard)

Vérifie les fichiers .cop (contrats, annuaires, avenants) et signale chaque
problème avec son code, sa place et un message en français. Un fichier nommé
seul est vérifié dans son contexte : son contrat, ses avenants et ses annuaires
sont lus dans son espace de travail ; ce qu'il casse ailleurs est signalé en note.

Options :
  --format texte|gcc|json|sarif
                             format de sortie (défaut : texte ; « humain », son
                             ancien nom, est accepté) ; gcc :
                             CHEMIN:LIGNE:COLONNE: gravité: message [CODE], lignes
                             et colonnes comptées à partir de 1, colonnes en
                             caractères Unicode (scalaires), comme dans les
                             formats texte et json ; sarif : SARIF 2.1.0 pour
                             l'analyse de code de GitHub, colonnes en unités
                             UTF-16 (columnKind), chemins relatifs à la racine de
                             l'espace de travail (%SRCROOT%), jamais absolus
  --au AAAA-MM-JJ            date de référence : version en vigueur et années
                             commencées (défaut : aujourd'hui)
  --strict                   les avertissements font échouer la vérification ;
                             une cible en attente d'une année commencée devient
                             une erreur
  --niveau erreur|avertissement|note
                             n'affiche que les diagnostics de cette gravité ou
                             plus graves (défaut : note, c'est-à-dire tout) ; le
                             résumé compte tout et dit comment voir le reste
  -q, --silencieux           n'affiche que la ligne de résumé (aussi --quiet)
  --nom-fichier CHEMIN       avec « - » : le chemin sous lequel l'entrée standard
                             est vérifiée et nommée (son dossier donne le contexte) ;
                             aussi --stdin-filename
  --couleur auto|toujours|jamais   (aussi --color auto|always|never)
                             couleurs de la sortie texte (défaut : auto, c'est-à-dire
                             si la sortie est un terminal et que NO_COLOR n'est pas
                             défini ou est vide)
  -h, --help                 affiche cette aide

Statut de sortie : 0 aucune erreur ; 1 au moins une erreur (avec --strict, aussi
un avertissement) ; 2 mauvais usage, chemin sans fichier .cop, ou échec de
lecture avant toute vérification.
"""

enum CheckOption: Hashable, Sendable {
    case format, au, strict, couleur, silencieux, nomFichier, niveau
}

let checkCommand = CommandSpec<CheckOption>(name: "copc check", help: checkHelp, options: [
    OptionSpec(.format, "--format", choices: formatNames(OutputFormat.self)),
    OptionSpec(.au, "--au", value: true),
    OptionSpec(.strict, "--strict"),
    OptionSpec(.couleur, "--couleur", "--color", choices: colorChoices),
    OptionSpec(.silencieux, "--silencieux", "-q", "--quiet"),
    OptionSpec(.nomFichier, "--nom-fichier", "--stdin-filename", path: true),
    OptionSpec(.niveau, "--niveau", choices: ["erreur", "avertissement", "note"]),
])

/// `--niveau`: the least severe diagnostic shown.
func severityLevel(_ v: String) -> Severity {
    switch v {
    case "erreur", "erreurs", "error": return .error
    case "avertissement", "avertissements", "warning": return .warning
    case "note", "notes", "tout": return .note
    default: fail("valeur inconnue pour --niveau : « \(v) » (erreur, avertissement ou note)")
    }
}

func runCheck(_ args: ArraySlice<String>) -> Int32 {
    let parsed = checkCommand.parse(args)
    let format = formatChoice(parsed[.format], default: OutputFormat.texte)
    let color = colorChoice(parsed[.couleur] ?? "auto")
    let quiet = parsed.has(.silencieux)
    let strict = parsed.has(.strict)
    // With --strict, warnings fail the check: they are shown even under --niveau erreur.
    let level = min(parsed[.niveau].map(severityLevel) ?? .note, strict ? .warning : .error)
    var options = CheckOptions.today(strict: strict)
    if let v = parsed[.au] { options.au = parseDateOption(v); options.auGiven = true }
    let result: CheckResult
    if parsed.positionals.contains("-") {
        guard parsed.positionals == ["-"] else { fail("« copc check - » lit l'entrée standard : ne donnez pas aussi de chemin") }
        let (bytes, ended, failed) = FileSystem.readStream(0, limit: Limits.maxFileBytes)
        if failed { fail("lecture de l'entrée standard impossible") }
        if !ended { fail("entrée standard trop grande : plus de \(Limits.maxFileBytes) octets (limite de copc, voir « copc expliquer COP002 »)") }
        do { result = try Driver.check(input: bytes, name: parsed[.nomFichier], options: options) } catch { fail(error.description) }
        keepAlive = result
    } else {
        if parsed[.nomFichier] != nil { fail("--nom-fichier ne s'emploie qu'avec « - » (entrée standard)") }
        result = checkOrFail(parsed.positionals, options)
    }
    let all = result.diagnostics
    let shown = quiet ? [] : all.filter { $0.severity >= level }
    switch format {
    case .json: writeOut(DiagnosticRenderer.json(shown))
    case .gcc:
        writeOut(DiagnosticRenderer.gcc(shown))
        if quiet || shown.count < all.count { writeErr(summary(all, shown: shown, strict: strict, level: level, args: args) + "\n") }
    case .sarif:
        // Paths relative to the workspace root (%SRCROOT%), never absolute, whatever the
        // current folder (`cd contrats/exemples && copc check ..`).
        let root = sarifRoot(result)
        writeOut(DiagnosticRenderer.sarif(shown, toolVersion: version, sourceRoot: nil) { shown in
            let real = result.realPaths[shown] ?? (shown.hasPrefix("/") ? shown : Paths.join(FileSystem.realPath(".") ?? FileSystem.currentDirectory(), shown))
            let relative = Paths.relative(real, to: root)
            return relative.hasPrefix("/") ? Paths.lastComponent(of: real) : relative
        })
    case .texte:
        if result.files.isEmpty {
            writeOut("aucun fichier .cop trouvé\n")
        }
        writeOut(DiagnosticRenderer.humanBody(shown, color: useColor(color)))
        writeOut(summary(all, shown: shown, strict: strict, level: level, args: args) + "\n")
    }
    return result.exitStatus(strict: strict)
}

/// `%SRCROOT%` of a SARIF log: the workspace root of the files checked (the repository), or,
/// when they lie in several workspaces, the deepest folder holding all of them.
func sarifRoot(_ result: CheckResult) -> String {
    let roots = Set(result.roots.values).sorted()
    guard var common = roots.first.map(Paths.components) else {
        return FileSystem.realPath(".") ?? FileSystem.currentDirectory()
    }
    for r in roots.dropFirst() {
        let c = Paths.components(r)
        var n = 0
        while n < min(common.count, c.count) && common[n] == c[n] { n += 1 }
        common = Array(common.prefix(n))
    }
    return "/" + common.joined(separator: "/")
}

/// The summary line: counts of every diagnostic (shown or not), why `--strict` failed, and how
/// to see what `--niveau` hid.
func summary(_ all: [Diagnostic], shown: [Diagnostic], strict: Bool, level: Severity, args: ArraySlice<String>) -> String {
    let s = Summary(all)
    var line = DiagnosticRenderer.summaryLine(s)
    if strict && s.errors == 0 && s.warnings > 0 {
        line += " ; échec : avec --strict, les avertissements font échouer la vérification"
    }
    let hidden = all.count - shown.count
    if hidden > 0 && level > .note {
        let h = Summary(all.filter { $0.severity < level })
        var parts: [String] = []
        if h.warnings > 0 { parts.append(h.warnings == 1 ? "1 avertissement" : "\(h.warnings) avertissements") }
        if h.notes > 0 { parts.append(h.notes == 1 ? "1 note" : "\(h.notes) notes") }
        var rest: [String] = []
        var skip = false
        for a in args {
            if skip { skip = false; continue }
            if a == "--niveau" { skip = true; continue }
            if a.hasPrefix("--niveau=") { continue }
            rest.append(a.contains(" ") ? "'\(a)'" : a)
        }
        let feminine = h.warnings == 0   // « 2 notes non affichées », « 1 avertissement et 1 note non affichés »
        line += "\n" + parts.joined(separator: " et ") + " non affiché" + (feminine ? "e" : "") + (hidden > 1 ? "s" : "")
            + " (--niveau \(level == .error ? "erreur" : "avertissement")) ; pour tout voir : copc check " + rest.joined(separator: " ")
    }
    return line
}
