// copc lsp: the language server on standard input and output.
import CopcLSP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let lspHelp = """
Usage : copc lsp [--stdio]

Lance le serveur de langage (Language Server Protocol) de copc sur l'entrée et la
sortie standard : l'éditeur le démarre et lui parle en JSON-RPC. Il publie les
diagnostics à l'ouverture et à chaque modification, et fournit le survol, l'aller à
la définition, le plan du document, la complétion et la mise en forme.

La sortie standard ne porte que les messages du protocole ; le journal va sur la
sortie d'erreur. Statut de sortie : 0 après « shutdown » puis « exit », 1 sinon.

Options :
  --stdio             accepté (ce que passent la plupart des éditeurs) : l'entrée et la
                      sortie standard sont le seul transport
  -h, --help          affiche cette aide
"""

enum LspOption: Hashable, Sendable {
    case stdio
}

let lspCommand = CommandSpec<LspOption>(name: "copc lsp", help: lspHelp, options: [
    OptionSpec(.stdio, "--stdio"),
])

func runLSP(_ args: ArraySlice<String>) -> Int32 {
    let parsed = lspCommand.parse(args)
    if !parsed.positionals.isEmpty { fail("« lsp » n'accepte pas d'argument (voir « copc lsp --help »)") }
    return LSPMain.run(version: version)
}
