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
    writeOut(ExplainText.render(code.explanation, width: terminalWidth()) + "\n")
    return 0
}
