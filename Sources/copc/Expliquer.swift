// copc expliquer: the long explanation of a diagnostic code.
import CopcDiagnostics

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
