// copc — the command-line shell over CopcDriver: argument parsing, output, exit status.
import CopcDiagnostics
import CopcSema
import CopcDriver
import CopcModel
import CopcFormat
import CopcSource
import CopcLSP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let version = "0.1.0"
nonisolated(unsafe) var keepAlive: CheckResult?

let mainHelp = """
copc \(version) — compilateur des contrats d'objectifs et de performance (COP, CPOM, COG)

Usage :
  copc check     [CHEMINS…] [options]   vérifie les contrats, annuaires et avenants
  copc emit      [CHEMINS…] [options]   écrit le modèle intermédiaire (IR) JSON d'une version
  copc fmt       [CHEMINS…] [--check]   met les fichiers .cop en page canonique
  copc lsp                              serveur de langage pour les éditeurs (LSP, sur stdin/stdout)
  copc expliquer CODE                   explique un code de diagnostic (ex. COP300)
  copc --help | --version

Les chemins sont des fichiers .cop ou des dossiers (parcourus récursivement) ;
sans chemin, le dossier courant.

Voir « copc check --help », « copc emit --help » et « copc fmt --help » pour les options.
"""

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

let lspHelp = """
Usage : copc lsp [--stdio]

Lance le serveur de langage (Language Server Protocol) de copc sur l'entrée et la
sortie standard : l'éditeur le démarre et lui parle en JSON-RPC. Il publie les
diagnostics à l'ouverture et à chaque modification, et fournit le survol, l'aller à
la définition, le plan du document, la complétion et la mise en forme.

La sortie standard ne porte que les messages du protocole ; le journal va sur la
sortie d'erreur. Statut de sortie : 0 après « shutdown » puis « exit », 1 sinon.
"""

func fail(_ message: String) -> Never {
    writeErr("copc : \(message)\n")
    exit(2)
}

func writeOut(_ s: String) {
    var s = s
    _ = s.withUTF8 { FileSystem.writeAll(1, UnsafeRawBufferPointer($0)) }
}

func writeErr(_ s: String) {
    var s = s
    _ = s.withUTF8 { FileSystem.writeAll(2, UnsafeRawBufferPointer($0)) }
}

/// Checks `paths`, or exits 2 with the driver's message (missing path, unreadable folder).
func checkOrFail(_ paths: [String], _ options: CheckOptions) -> CheckResult {
    do {
        let result = try Driver.check(paths: paths, options: options)
        // The process exits right after: tearing the model down would only cost time.
        keepAlive = result
        return result
    } catch {
        fail(error.description)
    }
}

/// `--format=json` → (`--format`, `json`); `--format` → (`--format`, nil).
func splitOption(_ a: String) -> (flag: String, inline: String?) {
    guard a.hasPrefix("--"), let eq = a.firstIndex(of: "=") else { return (a, nil) }
    return (String(a[..<eq]), String(a[a.index(after: eq)...]))
}

func parseDate(_ s: String) -> Day? {
    let parts = s.split(separator: "-")
    if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) { return Day(year: y, month: m, day: d) }
    let fr = s.split(separator: "/")
    if fr.count == 3, let d = Int(fr[0]), let m = Int(fr[1]), let y = Int(fr[2]) { return Day(year: y, month: m, day: d) }
    return nil
}

func runCheck(_ args: ArraySlice<String>) -> Int32 {
    var paths: [String] = []
    var format = OutputFormat.humain
    var au: Day?
    var strict = false
    var color = "auto"
    var it = args.makeIterator()
    func value(_ flag: String) -> String {
        guard let v = it.next() else { fail("l'option \(flag) attend une valeur (voir « copc check --help »)") }
        return v
    }
    var onlyPaths = false
    while let a = it.next() {
        if onlyPaths || !a.hasPrefix("-") || a == "-" { paths.append(a); continue }
        let (flag, inline) = splitOption(a)
        switch flag {
        case "--": onlyPaths = true
        case "-h", "--help", "--aide":
            writeOut(checkHelp + "\n")
            return 0
        case "--format":
            let v = inline ?? value(flag)
            guard let f = OutputFormat(rawValue: v) else {
                fail("format inconnu « \(v) » (formats possibles : \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            format = f
        case "--au":
            let v = inline ?? value(flag)
            guard let d = parseDate(v) else { fail("date invalide pour --au : « \(v) » (attendu : AAAA-MM-JJ)") }
            au = d
        case "--strict":
            strict = true
        case "--couleur", "--color":
            let v = inline ?? value(flag)
            guard ["auto", "toujours", "jamais"].contains(v) else {
                fail("valeur inconnue pour --couleur : « \(v) » (auto, toujours ou jamais)")
            }
            color = v
        default:
            fail("option inconnue « \(a) » (voir « copc check --help »)")
        }
    }
    var options = CheckOptions.today(strict: strict)
    if let au { options.au = au }
    let result = checkOrFail(paths, options)
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

func runEmit(_ args: ArraySlice<String>) -> Int32 {
    var paths: [String] = []
    var contract: String?
    var versionNumber: Int?
    var au: Day?
    var output: String?
    var it = args.makeIterator()
    func value(_ flag: String) -> String {
        guard let v = it.next() else { fail("l'option \(flag) attend une valeur (voir « copc emit --help »)") }
        return v
    }
    while let a = it.next() {
        if !a.hasPrefix("-") || a == "-" { paths.append(a); continue }
        let (flag, inline) = splitOption(a)
        switch flag {
        case "-h", "--help", "--aide":
            writeOut(emitHelp + "\n")
            return 0
        case "--contrat": contract = inline ?? value(flag)
        case "--version":
            let v = inline ?? value(flag)
            guard let n = Int(v), n >= 0 else { fail("numéro de version invalide : « \(v) » (attendu : 0, 1, 2…)") }
            versionNumber = n
        case "--au":
            let v = inline ?? value(flag)
            guard let d = parseDate(v) else { fail("date invalide pour --au : « \(v) » (attendu : AAAA-MM-JJ)") }
            au = d
        case "-o", "--sortie": output = inline ?? value(flag)
        default:
            fail("option inconnue « \(a) » (voir « copc emit --help »)")
        }
    }
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
            if units.isEmpty {
                // Say why a file could not be read (COP001, COP002), if that is the reason.
                let unread = result.diagnostics.filter { $0.code == .cop001 || $0.code == .cop002 }
                if !unread.isEmpty { writeErr(DiagnosticRenderer.human(unread, color: false)) }
                fail("aucun contrat trouvé dans les chemins donnés")
            }
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

let fmtHelp = """
Usage : copc fmt [CHEMINS…] [--check]
        copc fmt -            (lit l'entrée standard, écrit le résultat sur la sortie standard)

Met les fichiers .cop dans la mise en page canonique : en-têtes en colonne 0,
propriétés indentées de deux espaces, une ligne vide avant chaque élément,
mots-clés et clés accentués, textes entre « guillemets », cibles alignées.
Les commentaires et le texte sont conservés tels quels ; le modèle (IR) du
fichier ne change pas. Un fichier est réécrit par un fichier temporaire puis
un renommage : une interruption ne laisse jamais un contrat tronqué. Un
fichier qui contient des erreurs de syntaxe n'est pas modifié.

Options :
  --check      ne modifie rien ; nomme les fichiers qui seraient modifiés
  -h, --help   affiche cette aide

Statut de sortie : 0 rien à faire ou fichiers mis en page ; 1 avec --check, au
moins un fichier à mettre en page, ou un fichier laissé intact pour erreurs de
syntaxe ; 2 mauvais usage ou échec de lecture ou d'écriture.
"""

func runFmt(_ args: ArraySlice<String>) -> Int32 {
    var paths: [String] = []
    var checkOnly = false
    var stdin = false
    var onlyPaths = false
    for a in args {
        if onlyPaths || !a.hasPrefix("-") { paths.append(a); continue }
        switch a {
        case "-": stdin = true
        case "--": onlyPaths = true
        case "--check", "--verifier", "--vérifier": checkOnly = true
        case "-h", "--help", "--aide":
            writeOut(fmtHelp + "\n")
            return 0
        default:
            fail("option inconnue « \(a) » (voir « copc fmt --help »)")
        }
    }
    if stdin {
        guard paths.isEmpty else { fail("« copc fmt - » lit l'entrée standard : ne donnez pas aussi de chemin") }
        return formatStandardInput(checkOnly: checkOnly)
    }
    let outcomes: [FormatOutcome]
    do { outcomes = try Driver.format(paths: paths, write: !checkOnly) } catch { fail(error.description) }
    var changed = 0, refused = 0, failed = 0
    let color = FileSystem.isTerminal(2) && FileSystem.environment("NO_COLOR") == nil
    for o in outcomes {
        switch o.status {
        case .unchanged: break
        case .reformatted:
            changed += 1
            writeOut((checkOnly ? "à mettre en page : " : "mis en page : ") + o.path + "\n")
        case .refused(let diagnostics):
            refused += 1
            writeErr(DiagnosticRenderer.human(diagnostics, color: color))
            writeErr(diagnostics.contains { $0.code == .cop002 }
                ? "copc : \(o.path) laissé intact : limite de copc dépassée (voir « copc expliquer COP002 »)\n"
                : "copc : \(o.path) laissé intact : erreurs de syntaxe (corrigez-les, puis relancez copc fmt)\n")
        case .unsafe:
            refused += 1
            writeErr("copc : \(o.path) laissé intact : la mise en page ne relisait pas à l'identique (défaut de copc, merci de le signaler avec ce fichier)\n")
        case .failed(let message):
            failed += 1
            writeErr("copc : \(o.path) : \(message)\n")
        }
    }
    if failed > 0 { return 2 }
    if refused > 0 || (checkOnly && changed > 0) { return 1 }
    return 0
}

/// `copc fmt -`: a filter for editors. On every refusal the input is echoed byte for byte, so
/// that an editor replacing its buffer with the output never loses text.
func formatStandardInput(checkOnly: Bool) -> Int32 {
    let (bytes, ended, failed) = FileSystem.readStream(0, limit: Limits.maxFileBytes)
    func echo(_ b: [UInt8]) { if !checkOnly { _ = b.withUnsafeBytes { FileSystem.writeAll(1, $0) } } }
    if failed {
        // What was read is given back: better than an empty buffer in an editor that ignores the status.
        echo(bytes)
        fail("lecture de l'entrée standard impossible")
    }
    if !ended {
        echo(bytes)
        if !checkOnly { FileSystem.copyStream(from: 0, to: 1) }
        writeErr(Driver.oversizedInput(bytes.count).message ?? "")
        return 1
    }
    let outcome = Driver.formatInput(bytes, checkOnly: checkOnly)
    _ = outcome.output.withUnsafeBytes { FileSystem.writeAll(1, $0) }
    if !outcome.diagnostics.isEmpty { writeErr(DiagnosticRenderer.human(outcome.diagnostics, color: false)) }
    if let m = outcome.message { writeErr(m) }
    return outcome.status
}

func runExplain(_ args: ArraySlice<String>) -> Int32 {
    guard let first = args.first else { fail("« expliquer » attend un code (ex. copc expliquer COP300)") }
    if first == "-h" || first == "--help" {
        writeOut("Usage : copc expliquer CODE\n\nAffiche l'explication longue d'un code de diagnostic, avec un exemple et la correction.\nCodes : " + Code.allCases.map(\.rawValue).joined(separator: ", ") + "\n")
        return 0
    }
    guard args.count == 1 else { fail("« expliquer » attend un seul code") }
    guard let code = Code(parsing: first) else {
        let suggestion = Suggest.nearest(to: first.uppercased(), among: Code.allCases.map(\.rawValue))
        fail("code inconnu « \(first) »" + (suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") + " (voir « copc expliquer --help »)")
    }
    writeOut(code.explanation + "\n")
    return 0
}

let argv = CommandLine.arguments
guard argv.count >= 2 else {
    writeOut(mainHelp + "\n")
    exit(2)
}
let command = argv[1]
let rest = argv[2...]
switch command {
case "check", "verifier", "vérifier":
    exit(runCheck(rest))
case "expliquer", "explain":
    exit(runExplain(rest))
case "emit", "emettre", "émettre":
    exit(runEmit(rest))
case "fmt", "format":
    exit(runFmt(rest))
case "lsp":
    if let a = rest.first {
        if a == "-h" || a == "--help" || a == "--aide" {
            writeOut(lspHelp + "\n")
            exit(0)
        }
        // `--stdio` is what most clients pass; stdio is the only transport anyway.
        if a != "--stdio" || rest.count > 1 { fail("« lsp » n'accepte pas d'argument (voir « copc lsp --help »)") }
    }
    exit(LSPMain.run(version: version))
case "-h", "--help", "--aide", "aide", "help":
    writeOut(mainHelp + "\n")
    exit(0)
case "--version", "-V":
    writeOut("copc \(version)\n")
    exit(0)
default:
    let commands = ["check", "emit", "fmt", "lsp", "expliquer"]
    let suggestion = Suggest.nearest(to: command, among: commands)
    fail("commande inconnue « \(command) »" + (suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") + " (voir « copc --help »)")
}
