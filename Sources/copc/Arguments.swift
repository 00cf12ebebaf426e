import Glibc
import CopcDiagnostics
// The one option parser of the subcommands: each declares its options as a table keyed by
// its own enum, and gets back typed values or a French usage error (exit status 2).

/// What an option's value is, for shell completion and the manual page: a word from a closed
/// list, a path, or anything else (a date, an id, a number).
enum OptionValue: Sendable, Equatable {
    case none
    case choices([String])
    case path
    case other
}

/// One option of a subcommand: its spellings and whether it takes a value.
struct OptionSpec<Key: Hashable & Sendable>: Sendable {
    let key: Key
    /// Every accepted spelling (`--format`, `-o`…); the first is the one named in messages.
    let names: [String]
    let value: OptionValue
    var takesValue: Bool { value != .none }

    /// `value: true` for an option that takes a free value; `choices` for a closed list (which
    /// shell completion offers), `path: true` for a file.
    init(_ key: Key, _ names: String..., value: Bool = false, choices: [String] = [], path: Bool = false) {
        self.key = key
        self.names = names
        self.value = !choices.isEmpty ? .choices(choices) : path ? .path : value ? .other : .none
    }

    /// The option without its key: what completion and the manual read.
    var info: OptionInfo { OptionInfo(names: names, value: value) }
}

/// An option of any subcommand, without the subcommand's key type (`Commands.swift`).
struct OptionInfo: Sendable {
    let names: [String]
    let value: OptionValue
}

/// What a command line holds once parsed: positional arguments (paths, `-`), flags, values.
struct ParsedArguments<Key: Hashable & Sendable> {
    var positionals: [String] = []
    var flags: Set<Key> = []
    /// The last value given for each option that takes one.
    var values: [Key: String] = [:]

    func has(_ key: Key) -> Bool { flags.contains(key) || values[key] != nil }
    subscript(_ key: Key) -> String? { values[key] }
}

/// A subcommand's declaration: its name (for messages), help text and options.
struct CommandSpec<Key: Hashable & Sendable>: Sendable {
    let name: String
    let help: String
    let options: [OptionSpec<Key>]

    /// The options without their keys, `-h`/`--help` last (every subcommand accepts it).
    var infos: [OptionInfo] { options.map(\.info) + [OptionInfo(names: ["--help", "-h", "--aide"], value: .none)] }

    /// Parses `args`: `--option valeur`, `--option=valeur`, flags, `--` (only paths after it),
    /// and `-` as a positional (standard input). `-h`, `--help` and `--aide` print the help and
    /// exit 0; an unknown option or a missing value exits 2 with a French message.
    func parse(_ args: ArraySlice<String>) -> ParsedArguments<Key> {
        var out = ParsedArguments<Key>()
        var it = args.makeIterator()
        var onlyPositionals = false
        while let a = it.next() {
            if onlyPositionals || !a.hasPrefix("-") || a == "-" {
                out.positionals.append(a)
                continue
            }
            if a == "--" { onlyPositionals = true; continue }
            if a == "-h" || a == "--help" || a == "--aide" {
                writeOut(help + "\n")
                exit(0)
            }
            var flag = a
            var inline: String?
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                flag = String(a[..<eq])
                inline = String(a[a.index(after: eq)...])
            }
            guard let spec = options.first(where: { $0.names.contains(flag) }) else {
                let all = options.flatMap(\.names).filter { $0.hasPrefix("--") }
                let suggestion = Suggest.nearest(to: flag, among: all)
                fail("option inconnue « \(a) »" + (suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "")
                     + " (voir « \(name) --help »)")
            }
            if spec.takesValue {
                guard let v = inline ?? it.next() else {
                    fail("l'option \(flag) attend une valeur (voir « \(name) --help »)")
                }
                out.values[spec.key] = v
            } else {
                if inline != nil { fail("l'option \(flag) ne prend pas de valeur (voir « \(name) --help »)") }
                out.flags.insert(spec.key)
            }
        }
        return out
    }
}
