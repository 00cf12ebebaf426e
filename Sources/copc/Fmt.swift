// copc fmt: canonical layout of .cop files, or of standard input as an editor filter.
import CopcDiagnostics
import CopcDriver
import CopcFormat
import CopcSource
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

enum FmtOption: Hashable, Sendable {
    case check
}

let fmtCommand = CommandSpec<FmtOption>(name: "copc fmt", help: fmtHelp, options: [
    OptionSpec(.check, "--check", "--verifier", "--vérifier"),
])

func runFmt(_ args: ArraySlice<String>) -> Int32 {
    let parsed = fmtCommand.parse(args)
    let checkOnly = parsed.has(.check)
    let stdin = parsed.positionals.contains("-")
    let paths = parsed.positionals.filter { $0 != "-" }
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
            writeErr("copc : \(o.path) laissé intact : erreurs de syntaxe (corrigez-les, puis relancez copc fmt)\n")
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

/// `copc fmt -`: a filter for editors. On refusal the input is echoed unchanged, so that an
/// editor replacing its buffer with the output never loses text.
func formatStandardInput(checkOnly: Bool) -> Int32 {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; fail("lecture de l'entrée standard impossible") }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    switch Formatter.format(SourceFile(path: "<entrée>", bytes: bytes)) {
    case .formatted(let text):
        if checkOnly { return Array(text.utf8) == bytes ? 0 : 1 }
        writeOut(text)
        return 0
    case .refused(let diagnostics):
        if !checkOnly { writeOut(String(decoding: bytes, as: UTF8.self)) }
        writeErr(DiagnosticRenderer.human(diagnostics, color: false))
        writeErr(diagnostics.isEmpty
            ? "copc : entrée laissée intacte : la mise en page ne relisait pas à l'identique (défaut de copc)\n"
            : "copc : entrée laissée intacte : erreurs de syntaxe\n")
        return 1
    }
}
