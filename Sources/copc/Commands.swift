// The one table of copc's subcommands: names and aliases, synopsis, one-line summary, help
// text and options. The general help, `copc help COMMANDE` (= `copc COMMANDE --help`), shell
// completion (`copc completion bash|zsh`) and the manual page (`copc manuel`) are all
// generated from it, so they cannot disagree.
import CopcDiagnostics

/// What a subcommand takes besides its options (for completion and the manual).
enum Operands: Sendable {
    /// `.cop` files and folders, or `-` for standard input.
    case paths
    /// A diagnostic code (`expliquer`).
    case code
    /// A shell name (`completion`).
    case shell
    /// A subcommand name (`help`).
    case command
    case none
}

/// One subcommand of copc.
struct Subcommand: Sendable {
    /// The name first, then the other accepted spellings (French without accents, English).
    let names: [String]
    /// What follows `copc NAME` in the general help and the manual's synopsis.
    let synopsis: String
    /// One line for the general help (lowercase, no final period).
    let summary: String
    /// The text `copc NAME --help` prints.
    let help: String
    let options: [OptionInfo]
    let operands: Operands
    let run: @Sendable (ArraySlice<String>) -> Int32

    var name: String { names[0] }
    var aliases: ArraySlice<String> { names.dropFirst() }

    init<Key>(_ names: [String], _ synopsis: String, _ summary: String, _ spec: CommandSpec<Key>,
              operands: Operands, run: @escaping @Sendable (ArraySlice<String>) -> Int32) {
        self.names = names
        self.synopsis = synopsis
        self.summary = summary
        self.help = spec.help
        self.options = spec.infos
        self.operands = operands
        self.run = run
    }
}

/// Every subcommand, in the order of the general help.
let subcommands: [Subcommand] = [
    Subcommand(["check", "vérifier", "verifier"], "[CHEMINS…] [options]",
               "vérifie les contrats, annuaires, avenants et bilans", checkCommand, operands: .paths, run: runCheck),
    Subcommand(["emit", "émettre", "emettre"], "[CHEMINS…] [options]",
               "écrit le modèle intermédiaire (IR) JSON d'une version", emitCommand, operands: .paths, run: runEmit),
    Subcommand(["diff", "comparer"], "[CHEMINS…] [options]",
               "ce qu'un avenant change : deux versions, ou deux brouillons", diffCommand, operands: .paths, run: runDiff),
    Subcommand(["fmt", "format"], "[CHEMINS…] [--check] [--diff]",
               "met les fichiers .cop en page canonique", fmtCommand, operands: .paths, run: runFmt),
    Subcommand(["bilan"], "[CHEMINS…] [options]",
               "bilan annuel de réalisation (actions, indicateurs, risques)", bilanCommand, operands: .paths, run: runBilan),
    Subcommand(["rendre", "render"], "[CHEMINS…] [options]",
               "rend une version en document (HTML, Markdown, .cop, CSV, xlsx)", rendreCommand, operands: .paths, run: runRendre),
    Subcommand(["calendrier", "calendar"], "[CHEMINS…] [options]",
               "écrit les échéances d'une version en iCalendar (.ics)", calendrierCommand, operands: .paths, run: runCalendrier),
    Subcommand(["portefeuille", "portfolio"], "[DOSSIERS…] [options]",
               "tableau de bord de tous les contrats d'un dossier à une date", portefeuilleCommand, operands: .paths, run: runPortefeuille),
    Subcommand(["site"], "[DOSSIERS…] -o SITE [options]",
               "site web statique du portefeuille (tableau de bord, contrats)", siteCommand, operands: .paths, run: runSite),
    Subcommand(["expliquer", "explain"], "CODE",
               "explique un code de diagnostic (ex. COP300)", explainCommand, operands: .code, run: runExplain),
    Subcommand(["lsp"], "[--stdio]",
               "serveur de langage pour les éditeurs (LSP, sur stdin/stdout)", lspCommand, operands: .none, run: runLSP),
    Subcommand(["completion", "complétion"], "bash|zsh",
               "écrit le script de complétion de bash ou de zsh", completionCommand, operands: .shell, run: runCompletion),
    Subcommand(["manuel", "manual"], "",
               "écrit la page de manuel copc(1) (format roff, pour man)", manuelCommand, operands: .none, run: runManuel),
    Subcommand(["help", "aide"], "[COMMANDE]",
               "affiche l'aide générale, ou celle d'une commande", helpCommand, operands: .command, run: runHelp),
]

/// The subcommand spelled `name` (its name or an alias).
func subcommand(named name: String) -> Subcommand? {
    subcommands.first { $0.names.contains(name) }
}

/// The subcommand nearest to a mistyped name: a name first (`rendr` → `rendre`), else an alias.
func suggestedCommand(_ name: String) -> String? {
    Suggest.nearest(to: name, among: subcommands.map(\.name)) ?? Suggest.nearest(to: name, among: subcommands.flatMap(\.aliases))
}

/// The paragraphs of the general help that follow the list of commands (also the manual's
/// description).
let pathsParagraph = """
Les chemins sont des fichiers .cop ou des dossiers (parcourus récursivement) ;
sans chemin, le dossier courant. Un fichier nommé seul est vérifié avec son
contrat, ses avenants et ses annuaires ; « - » lit l'entrée standard.
"""

let formatsParagraph = """
Formats de sortie (--format), mêmes noms dans toutes les commandes : texte,
gcc, json, sarif, markdown, html, csv, xlsx, cop. « humain » (ancien nom de
texte) et « md » (markdown) sont aussi acceptés. xlsx (rendre, bilan) est un
classeur binaire : jamais sur un terminal.
"""

/// `copc --help`, `copc help`: every subcommand with one line, its aliases, then the general
/// paragraphs.
func generalHelp() -> String {
    var out = "copc \(version) — compilateur des contrats d'objectifs et de performance (COP, CPOM, COG)\n\n"
    out += "Usage : copc COMMANDE [ARGUMENTS…] [options]\n        copc --help | --version\n\nCommandes :\n"
    let width = (subcommands.map { $0.name.count }.max() ?? 0) + 2
    for s in subcommands {
        out += "  copc " + s.name + String(repeating: " ", count: width - s.name.count) + s.summary + "\n"
    }
    out += "\n" + wrapped("Autres noms des commandes : " + subcommands.filter { !$0.aliases.isEmpty }
        .map { $0.aliases.joined(separator: " et ") + " (" + $0.name + ")" }
        .joined(separator: ", ") + ".", width: 80)
    out += "\n\n" + pathsParagraph + "\n\n" + formatsParagraph + "\n\n"
    out += "Voir « copc help COMMANDE » ou « copc COMMANDE --help » pour les options d'une commande,\n"
    out += "« man copc » pour le manuel (voir « copc manuel »)."
    return out
}

/// `text` cut into lines of at most `width` characters, at spaces.
func wrapped(_ text: String, width: Int) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
        if !line.isEmpty && line.count + 1 + word.count > width {
            lines.append(line)
            line = ""
        }
        line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines.joined(separator: "\n")
}

// MARK: copc help

let helpHelp = """
Usage : copc help [COMMANDE]

Sans argument, affiche l'aide générale (la liste des commandes). Avec le nom d'une
commande (ou un de ses autres noms : vérifier, rendre, explain…), affiche son aide,
exactement comme « copc COMMANDE --help ».

Options :
  -h, --help          affiche cette aide
"""

enum NoOption: Hashable, Sendable {}

let helpCommand = CommandSpec<NoOption>(name: "copc help", help: helpHelp, options: [])

func runHelp(_ args: ArraySlice<String>) -> Int32 {
    let parsed = helpCommand.parse(args)
    guard let first = parsed.positionals.first else {
        writeOut(generalHelp() + "\n")
        return 0
    }
    guard parsed.positionals.count == 1 else { fail("« help » attend au plus un nom de commande (voir « copc help --help »)") }
    guard let sub = subcommand(named: first) else {
        let suggestion = suggestedCommand(first)
        fail("commande inconnue « \(first) »" + (suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") + " (voir « copc --help »)")
    }
    writeOut(sub.help + "\n")
    return 0
}
