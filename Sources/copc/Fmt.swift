// copc fmt: canonical layout of .cop files, or of standard input as an editor filter.
import CopcDiagnostics
import CopcDriver
import CopcFormat
import CopcSource
import CopcDiff
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
un renommage : une interruption ne laisse jamais un contrat tronqué ; ses
droits, son propriétaire et son groupe sont gardés quand c'est permis. Un
fichier qui contient des erreurs de syntaxe, ou qui dépasse une limite de
copc (COP002), n'est pas modifié ; avec « - », l'entrée refusée est rendue
octet pour octet.

Options :
  --check      ne modifie rien ; nomme les fichiers qui seraient modifiés (aussi
               --vérifier)
  --diff       ne modifie rien ; montre ce qui changerait, en diff unifié (comme
               diff -u), sur la sortie standard
  -h, --help   affiche cette aide

Statut de sortie : 0 rien à faire ou fichiers mis en page ; 1 avec --check, au
moins un fichier à mettre en page, ou un fichier laissé intact pour erreurs de
syntaxe ; 2 mauvais usage ou échec de lecture ou d'écriture.
"""

enum FmtOption: Hashable, Sendable {
    case check, diff
}

let fmtCommand = CommandSpec<FmtOption>(name: "copc fmt", help: fmtHelp, options: [
    OptionSpec(.check, "--check", "--verifier", "--vérifier"),
    OptionSpec(.diff, "--diff"),
])

func runFmt(_ args: ArraySlice<String>) -> Int32 {
    let parsed = fmtCommand.parse(args)
    let showDiff = parsed.has(.diff)
    let checkOnly = parsed.has(.check) || showDiff
    let stdin = parsed.positionals.contains("-")
    let paths = parsed.positionals.filter { $0 != "-" }
    if stdin {
        guard paths.isEmpty else { fail("« copc fmt - » lit l'entrée standard : ne donnez pas aussi de chemin") }
        return formatStandardInput(checkOnly: checkOnly)
    }
    let outcomes: [FormatOutcome]
    do { outcomes = try Driver.format(paths: paths, write: !checkOnly) } catch { fail(error.description) }
    var changed = 0, refused = 0, failed = 0
    let color = useColor(nil, fd: 2)
    for o in outcomes {
        switch o.status {
        case .unchanged: break
        case .reformatted:
            changed += 1
            if showDiff, let d = layoutDiff(o.path) { writeOut(d) } else {
                writeOut((checkOnly ? "à mettre en page : " : "mis en page : ") + o.shownPath + "\n")
            }
        case .refused(let diagnostics):
            refused += 1
            writeErr(DiagnosticRenderer.human(diagnostics, color: color))
            writeErr(diagnostics.contains { $0.code == .cop002 }
                ? "copc : \(o.shownPath) laissé intact : limite de copc dépassée (voir « copc expliquer COP002 »)\n"
                : diagnostics.contains { $0.code == .cop001 }
                ? "copc : \(o.shownPath) laissé intact : fichier mal encodé (réenregistrez-le en UTF-8 ; voir « copc expliquer COP001 »)\n"
                : "copc : \(o.shownPath) laissé intact : erreurs de syntaxe (corrigez-les, puis relancez copc fmt)\n")
        case .unsafe:
            refused += 1
            writeErr("copc : \(o.shownPath) laissé intact : la mise en page ne relisait pas à l'identique (défaut de copc, merci de le signaler avec ce fichier)\n")
        case .failed(let message):
            failed += 1
            writeErr("copc : \(o.shownPath) : \(message)\n")
        }
    }
    if failed > 0 { return 2 }
    if refused > 0 || (checkOnly && changed > 0) { return 1 }
    return 0
}

/// The unified diff of what `copc fmt` would change in the file at `path`.
func layoutDiff(_ path: String) -> String? {
    guard let bytes = try? FileSystem.read(path),
          case .formatted(let text) = Formatter.format(SourceFile(path: path, bytes: bytes)) else { return nil }
    return LineDiff.unified(old: String(decoding: bytes, as: UTF8.self), new: text, path: path)
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
