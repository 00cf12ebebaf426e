// copc expliquer: the long explanation of a diagnostic code.
import CopcDiagnostics
import CopcDriver
#if canImport(Glibc)
import Glibc
#endif

/// The width `expliquer` wraps its text to: `COLUMNS` when set, else the terminal's width
/// (`TIOCGWINSZ` on standard output), else 80.
func terminalWidth() -> Int {
    if let c = FileSystem.environment("COLUMNS"), let n = Int(c), n > 0 { return n }
    #if canImport(Glibc)
    var ws = winsize()
    if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
    #endif
    return 80
}

let explainHelp = """
Usage : copc expliquer CODE

Affiche l'explication longue d'un code de diagnostic : ce que le contrôle détecte,
pourquoi, un exemple et la correction. CODE s'écrit COP300, cop300 ou 300. Le texte
est coupé à la largeur du terminal (ou à COLUMNS).

Options :
  -h, --help          affiche cette aide

Codes : \(Code.allCases.map(\.rawValue).joined(separator: ", "))
"""

let explainCommand = CommandSpec<NoOption>(name: "copc expliquer", help: explainHelp, options: [])

func runExplain(_ args: ArraySlice<String>) -> Int32 {
    let parsed = explainCommand.parse(args)
    guard let first = parsed.positionals.first else { fail("« expliquer » attend un code (ex. copc expliquer COP300)") }
    guard parsed.positionals.count == 1 else { fail("« expliquer » attend un seul code") }
    guard let code = Code(parsing: first) else {
        let suggestion = Suggest.nearest(to: first.uppercased(), among: Code.allCases.map(\.rawValue))
        fail("code inconnu « \(first) »" + (suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") + " (voir « copc expliquer --help »)")
    }
    writeOut(ExplainText.render(code.explanation, width: terminalWidth()) + "\n")
    return 0
}
