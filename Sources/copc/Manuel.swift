// copc manuel: the manual page copc(1) in roff, generated from the table of subcommands and
// their help texts (`Commands.swift`); `docs/copc.1` is its output, compared by the tests.
import CopcDiagnostics

let manuelHelp = """
Usage : copc manuel

Écrit sur la sortie standard la page de manuel copc(1), au format roff, tirée des
mêmes textes que « copc --help » et « copc COMMANDE --help ». Pour la lire sans
l'installer : copc manuel > copc.1 && man -l copc.1 ; pour l'installer :
copc manuel > ~/.local/share/man/man1/copc.1 (puis « man copc »). Le dépôt en garde
une copie, docs/copc.1.

Options :
  -h, --help          affiche cette aide
"""

let manuelCommand = CommandSpec<NoOption>(name: "copc manuel", help: manuelHelp, options: [])

func runManuel(_ args: ArraySlice<String>) -> Int32 {
    let parsed = manuelCommand.parse(args)
    guard parsed.positionals.isEmpty else { fail("« manuel » n'accepte pas d'argument (voir « copc manuel --help »)") }
    writeOut(Manual.page())
    return 0
}

enum Manual {
    static func page() -> String {
        var out = """
        .\\" -*- coding: UTF-8 -*-
        .\\" Page de manuel de copc, écrite par « copc manuel » à partir des aides des commandes.
        .\\" Ne pas la modifier à la main : les tests la comparent à la sortie de « copc manuel ».
        .TH COPC 1 "" "copc \(version)" "Manuel de copc"
        .nh
        .ad l
        .SH NOM
        copc \\- compilateur des contrats d'objectifs et de performance (COP, CPOM, COG)
        .SH SYNOPSIS

        """
        for (k, sub) in subcommands.enumerated() {
            if k > 0 { out += ".br\n" }
            out += ".B copc " + escape(sub.name) + "\n"
            if !sub.synopsis.isEmpty { out += escape(sub.synopsis) + "\n" }
        }
        out += ".br\n.B copc \\-\\-help\n|\n.B \\-\\-version\n"
        out += ".SH DESCRIPTION\n"
        out += "copc vérifie, compare, met en page et rend les contrats d'objectifs et de performance "
            + "écrits en texte (fichiers .cop) : chaque problème est signalé avec un code, une place et "
            + "un message en français (« copc expliquer CODE » l'explique).\n"
        out += paragraphs(pathsParagraph)
        out += paragraphs(formatsParagraph)
        out += ".SH COMMANDES\n"
        for sub in subcommands {
            out += ".SS \"copc " + escape(sub.name) + "\"\n"
            out += ".PP\n" + escape(sub.summary.prefix(1).uppercased() + sub.summary.dropFirst()) + "."
            if !sub.aliases.isEmpty { out += " Autres noms : " + sub.aliases.map(escape).joined(separator: ", ") + "." }
            out += "\n"
            out += paragraphs(sub.help)
        }
        out += """
        .SH ENVIRONNEMENT
        .TP
        .B NO_COLOR
        Défini et non vide : pas de couleurs dans les sorties texte (no\\-color.org), sauf \\-\\-couleur toujours.
        .TP
        .B TERM
        « dumb » : pas de couleurs.
        .TP
        .B COLUMNS
        Largeur à laquelle « copc expliquer » coupe son texte (défaut : la largeur du terminal, sinon 80).
        .TP
        .B COPC_REPERTOIRES_SURS
        Dossiers (chemins absolus séparés par « : », ou « * » pour tous) dont le copc.toml ou le .git compte comme repère d'espace de travail même s'il appartient à un autre utilisateur (COP004).
        .SH "STATUT DE SORTIE"
        .TP
        .B 0
        succès (pour check : aucune erreur) ;
        .TP
        .B 1
        check : au moins une erreur (avec \\-\\-strict, aussi un avertissement) ; fmt \\-\\-check : un fichier à mettre en page ; diff \\-\\-sortie\\-code : au moins un changement ;
        .TP
        .B 2
        mauvais usage, chemin introuvable ou sans fichier .cop, fichier illisible ou mal encodé pour une commande qui écrit un document, échec d'écriture.
        .SH "VOIR AUSSI"
        Le README du dépôt de copc (installation, éditeurs, intégration continue), docs/langage.md
        (la référence du langage), grammar/DECISIONS.md (les choix de conception) et
        « copc expliquer CODE » pour chaque diagnostic.

        """
        return out
    }

    /// A help text in roff: blocks separated by blank lines; a block with an indented line, or
    /// whose first line ends with « : » or starts with « Usage », is kept line for line
    /// (`.nf`); any other block is a filled paragraph.
    static func paragraphs(_ text: String) -> String {
        var out = ""
        var block: [Substring] = []
        func flush() {
            guard !block.isEmpty else { return }
            let verbatim = block.contains { $0.first == " " } || block[0].hasSuffix(" :") || block[0].hasPrefix("Usage")
            if verbatim {
                out += ".PP\n.nf\n" + block.map { escape(String($0)) }.joined(separator: "\n") + "\n.fi\n"
            } else {
                out += ".PP\n" + block.map { escape(String($0)) }.joined(separator: "\n") + "\n"
            }
            block = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " }) { flush() } else { block.append(line) }
        }
        flush()
        return out
    }

    /// A line of text for roff: backslashes and hyphen-minus escaped (so that options paste
    /// as typed), a leading `.` or `'` neutralised.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            default: out.append(c)
            }
        }
        if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
        return out
    }
}
