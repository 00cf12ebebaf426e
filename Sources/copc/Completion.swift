// copc completion: the bash and zsh completion scripts, generated from the table of
// subcommands (`Commands.swift`) and their option tables.
import CopcDiagnostics

let completionHelp = """
Usage : copc completion bash|zsh

Écrit sur la sortie standard le script de complétion de copc pour bash ou pour zsh :
commandes et leurs autres noms, options de chaque commande, valeurs des options à
liste fermée (--format, --couleur, --niveau, --table), fichiers .cop et dossiers pour
les chemins, codes pour « expliquer ». Le script est tiré des mêmes tables que
« copc COMMANDE --help » : il suit les options de la version de copc qui l'a écrit.

Installation :
  bash, pour la session :   source <(copc completion bash)
  bash, durablement :       copc completion bash > ~/.local/share/bash-completion/completions/copc
  zsh :                     copc completion zsh > ~/.zfunc/_copc
                            (avec, dans ~/.zshrc, avant compinit : fpath=(~/.zfunc $fpath))

Options :
  -h, --help          affiche cette aide
"""

let completionCommand = CommandSpec<NoOption>(name: "copc completion", help: completionHelp, options: [])

func runCompletion(_ args: ArraySlice<String>) -> Int32 {
    let parsed = completionCommand.parse(args)
    guard parsed.positionals.count == 1 else { fail("« completion » attend un nom de shell : bash ou zsh (voir « copc completion --help »)") }
    switch parsed.positionals[0] {
    case "bash": writeOut(Completion.bash())
    case "zsh": writeOut(Completion.zsh())
    case let other:
        fail("shell inconnu « \(other) » (shells possibles : bash, zsh)"
             + (Suggest.nearest(to: other, among: ["bash", "zsh"]).map { " ; vouliez-vous dire « \($0) » ?" } ?? ""))
    }
    return 0
}

enum Completion {
    /// The option names offered: those the help text mentions (the others are accepted but
    /// not advertised, as the help does).
    static func advertised(_ option: OptionInfo, in help: String) -> [String] {
        option.names.filter { Self.mentions(help, $0) }
    }

    /// Whether `help` names `option` as a word (`--format`, not `--formatage`).
    static func mentions(_ help: String, _ option: String) -> Bool {
        var rest = Substring(help)
        while let r = rest.firstRange(of: option) {
            let before = r.lowerBound == help.startIndex ? " " : help[help.index(before: r.lowerBound)]
            let after = r.upperBound == help.endIndex ? " " : help[r.upperBound]
            if !(before.isLetter || before == "-") && !(after.isLetter || after.isNumber || after == "-") { return true }
            rest = help[r.upperBound...]
        }
        return false
    }

    /// The first line of the help's description of `option` (for zsh), without the value
    /// names: the text after the option's column, or the next line.
    static func describe(_ option: OptionInfo, in help: String) -> String {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        for (k, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.count < line.count, option.names.contains(where: { name in
                trimmed.hasPrefix(name) && (trimmed.count == name.count || [" ", ","].contains(trimmed[trimmed.index(trimmed.startIndex, offsetBy: name.count)]))
            }) else { continue }
            // The description starts after the first run of two spaces.
            var text = ""
            if let gap = trimmed.firstRange(of: "  ") {
                text = trimmed[gap.upperBound...].trimmingSpaces()
            }
            if text.isEmpty || text.hasPrefix("(") || text.hasPrefix("aussi ") {
                if k + 1 < lines.count { text = lines[k + 1].trimmingSpaces() }
            }
            return text
        }
        return ""
    }

    // MARK: bash

    static func bash() -> String {
        var s = """
        # Complétion de copc pour bash, écrite par « copc completion bash » (copc \(version)).
        # Pour la session : source <(copc completion bash)
        # Durablement : copc completion bash > ~/.local/share/bash-completion/completions/copc

        _copc_chemins() {
            # Dossiers et fichiers .cop.
            local IFS=$'\\n'
            compopt -o filenames 2>/dev/null
            COMPREPLY=( $(compgen -d -- "$cur") $(compgen -f -X '!*.cop' -- "$cur") )
        }

        _copc_fichiers() {
            local IFS=$'\\n'
            compopt -o filenames 2>/dev/null
            COMPREPLY=( $(compgen -f -- "$cur") )
        }

        _copc() {
            local cur prev opt opts="" valeurs="" operandes=""
            COMPREPLY=()
            cur=${COMP_WORDS[COMP_CWORD]}
            prev=""
            (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}
            # « --option=valeur » : bash coupe au « = » (COMP_WORDBREAKS).
            opt=$prev
            if [[ $cur == "=" ]]; then
                cur=""
            elif [[ $prev == "=" ]] && (( COMP_CWORD > 1 )); then
                opt=${COMP_WORDS[COMP_CWORD-2]}
            fi
            if (( COMP_CWORD == 1 )); then
                COMPREPLY=( $(compgen -W "\(subcommands.map(\.name).joined(separator: " ")) --help --version" -- "$cur") )
                return 0
            fi
            case ${COMP_WORDS[1]} in

        """
        for sub in subcommands {
            s += "        " + sub.names.joined(separator: "|") + ")\n"
            let options = sub.options.filter { !advertised($0, in: sub.help).isEmpty }
            s += "            opts=\"" + options.flatMap { advertised($0, in: sub.help) }.joined(separator: " ") + "\"\n"
            let withValues = options.filter { $0.value != .none }
            if !withValues.isEmpty {
                s += "            case $opt in\n"
                for o in withValues {
                    s += "                " + o.names.joined(separator: "|") + ") valeurs="
                    switch o.value {
                    case .choices(let words): s += "\"" + words.joined(separator: " ") + "\""
                    case .path: s += "@fichier"
                    case .other, .none: s += "@libre"
                    }
                    s += " ;;\n"
                }
                s += "            esac\n"
            }
            s += "            operandes=" + bashOperands(sub.operands) + "\n"
            s += "            ;;\n"
        }
        s += """
                *) return 0 ;;
            esac
            if [[ -n $valeurs ]]; then
                case $valeurs in
                    @fichier) _copc_fichiers ;;
                    @libre) ;;
                    *) COMPREPLY=( $(compgen -W "$valeurs" -- "$cur") ) ;;
                esac
                return 0
            fi
            if [[ $cur == -* ]]; then
                COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
                return 0
            fi
            case $operandes in
                chemins) _copc_chemins ;;
                codes) COMPREPLY=( $(compgen -W "\(Code.allCases.map(\.rawValue).joined(separator: " "))" -- "${cur^^}") ) ;;
                shells) COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ) ;;
                commandes) COMPREPLY=( $(compgen -W "\(subcommands.map(\.name).joined(separator: " "))" -- "$cur") ) ;;
            esac
            return 0
        }

        complete -F _copc copc

        """
        return s
    }

    static func bashOperands(_ o: Operands) -> String {
        switch o {
        case .paths: return "chemins"
        case .code: return "codes"
        case .shell: return "shells"
        case .command: return "commandes"
        case .none: return "aucune"
        }
    }

    // MARK: zsh

    static func zsh() -> String {
        var s = """
        #compdef copc
        # Complétion de copc pour zsh, écrite par « copc completion zsh » (copc \(version)).
        # Installation : copc completion zsh > ~/.zfunc/_copc, et dans ~/.zshrc, avant
        # compinit : fpath=(~/.zfunc $fpath)

        _copc() {
          local curcontext="$curcontext" state line
          local -a commandes
          commandes=(

        """
        for sub in subcommands {
            for name in sub.names {
                let what = name == sub.name ? sub.summary : sub.summary + " (= " + sub.name + ")"
                s += "    " + quoted(name.replacing(":", with: "\\:") + ":" + what) + "\n"
            }
        }
        s += """
          )
          _arguments -C \\
            '(- *)'{-h,--help}'[affiche l'\\''aide]' \\
            '(- *)'{-V,--version}'[affiche la version]' \\
            '1: :->commande' \\
            '*:: :->arguments'
          case $state in
            commande)
              _describe -t commandes 'commande copc' commandes
              ;;
            arguments)
              case $words[1] in

        """
        for sub in subcommands {
            s += "            " + sub.names.joined(separator: "|") + ")\n"
            s += "              _arguments -s -S \\\n"
            for o in sub.options {
                let names = advertised(o, in: sub.help)
                guard !names.isEmpty else { continue }
                let exclusion = names.count > 1 ? "(" + names.joined(separator: " ") + ")" : ""
                let description = escapeSpec(describe(o, in: sub.help))
                for name in names {
                    var spec = exclusion + name
                    switch o.value {
                    case .none: spec += "[" + description + "]"
                    case .choices(let words):
                        spec += (name.hasPrefix("--") ? "=" : "") + "[" + description + "]:valeur:(" + words.joined(separator: " ") + ")"
                    case .path: spec += (name.hasPrefix("--") ? "=" : "") + "[" + description + "]:fichier:_files"
                    case .other: spec += (name.hasPrefix("--") ? "=" : "") + "[" + description + "]:valeur: "
                    }
                    s += "                " + quoted(spec) + " \\\n"
                }
            }
            switch sub.operands {
            case .paths: s += "                " + quoted("*:chemin:_files -g '*.cop(-.)'") + "\n"
            case .code: s += "                " + quoted("1:code:(" + Code.allCases.map(\.rawValue).joined(separator: " ") + ")") + "\n"
            case .shell: s += "                " + quoted("1:shell:(bash zsh)") + "\n"
            case .command: s += "                " + quoted("1:commande:(" + subcommands.map(\.name).joined(separator: " ") + ")") + "\n"
            case .none: s += "                " + quoted("*::") + "\n"
            }
            s += "              ;;\n"
        }
        s += """
              esac
              ;;
          esac
        }

        _copc "$@"

        """
        return s
    }

    /// A zsh single-quoted word.
    static func quoted(_ s: String) -> String {
        "'" + s.replacing("'", with: "'\\''") + "'"
    }

    /// A description inside an `_arguments` spec: brackets and colons escaped.
    static func escapeSpec(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "[" || c == "]" || c == ":" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

extension StringProtocol {
    /// Without the spaces at either end.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
