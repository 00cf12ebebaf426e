import CopcFrench
// Output, usage errors and the helpers shared by the subcommands.
import CopcSource
import CopcSema
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcDriver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let version = "0.1.0"
/// The result of the run: the process exits right after, so tearing the model down would
/// only cost time. Every result kept here is also one of the run's `inputs`.
nonisolated(unsafe) var keepAlive: CheckResult? {
    didSet { if let keepAlive { inputs.append(keepAlive) } }
}

/// Every check this run made: the files they read are the inputs that `writeResult` refuses
/// to replace, and whose encoding it requires to be sound before writing a document.
nonisolated(unsafe) var inputs: [CheckResult] = []

/// Prints a French usage or I/O message on stderr and exits with status 2 — or, when a
/// subcommand set `failureHandler` (copc diff called by git), lets it answer instead.
func fail(_ message: String) -> Never {
    if let handler = failureHandler { handler(message) }
    writeErr("copc : \(Escaping.controls(message))\n")
    exit(2)
}

/// Replaces the usual failure (message on stderr, status 2) for the rest of the run.
nonisolated(unsafe) var failureHandler: ((String) -> Never)?

func writeOut(_ s: String) {
    var s = s
    _ = s.withUTF8 { FileSystem.writeAll(1, UnsafeRawBufferPointer($0)) }
}

func writeErr(_ s: String) {
    var s = s
    _ = s.withUTF8 { FileSystem.writeAll(2, UnsafeRawBufferPointer($0)) }
}

/// Checks `paths`, or exits 2 with the driver's message (missing path, unreadable folder).
func checkOrFail(_ paths: [String], _ options: CheckOptions) -> CheckResult {
    do {
        let result = try Driver.check(paths: paths, options: options)
        keepAlive = result
        return result
    } catch {
        fail(error.description)
    }
}

/// Writes a command's text document: `writeResult(_:to:named:binary:)` on its UTF-8 bytes.
func writeResult(_ text: String, to path: String?, named: [String] = []) {
    writeResult(Array(text.utf8), to: path, named: named)
}

/// Writes a command's document (`emit`, `rendre`, `calendrier`, `bilan`, `diff`), the one
/// writer of copc: to standard output without `path`, with `-` or with a path naming standard
/// output itself (`/dev/stdout`); to a device or a pipe (`/dev/null`) as such; else to the
/// file, through a temporary file and a rename (`FileSystem.writeAtomically`). Exits 2, writing
/// nothing, when a file the run read could not be decoded (`refuseUnreadableInputs`), or when
/// `path` is one of the run's input files — directly, through a symbolic link or a hard link
/// (same device and inode), or one of `named` (files a command read itself, such as two
/// drafts). A `binary` document (`xlsx`) is never written on a terminal: exits 2 asking for
/// `-o FICHIER.xlsx` when the destination (standard output or the device named) is one.
func writeResult(_ bytes: [UInt8], to path: String?, named: [String] = [], binary: Bool = false) {
    refuseUnreadableInputs()
    func onTerminal(_ fd: Int32) -> Bool { binary && FileSystem.isTerminal(fd) }
    func refuseTerminal() -> Never {
        fail("le format xlsx est binaire et ne s'écrit pas sur un terminal : donnez -o FICHIER.xlsx (ou redirigez la sortie standard vers un fichier)")
    }
    func toStandardOutput() {
        if onTerminal(1) { refuseTerminal() }
        _ = bytes.withUnsafeBytes { FileSystem.writeAll(1, $0) }
    }
    guard let path, path != "-" else { toStandardOutput(); return }
    // Paths are bytes (`PathBytes`: a name that is not UTF-8, as the arguments are read).
    func status(_ p: String, _ st: inout stat) -> Int32 { PathBytes.withCString(p) { stat($0, &st) } }
    let shown = PathBytes.shown(path)
    var target = stat()
    if status(path, &target) == 0 {
        // (shown as displayed, read through its real path)
        let read = inputs.flatMap { $0.realPaths.map { (shown: $0.key, real: $0.value) } } + named.map { (shown: PathBytes.shown($0), real: $0) }
        for input in read {
            var st = stat()
            if status(input.real, &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino {
                fail("« -o \(shown) » désigne un fichier d'entrée (\(input.shown)) : copc ne remplace jamais ce qu'il lit ; choisissez un autre fichier de sortie")
            }
        }
        var out = stat()
        if fstat(1, &out) == 0 && out.st_dev == target.st_dev && out.st_ino == target.st_ino {
            toStandardOutput()
            return
        }
        switch target.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: fail("écriture impossible de \(shown) : c'est un dossier")
        default:
            // A device, a pipe or a socket (/dev/null, /dev/stderr, a FIFO): written as it is.
            let fd = PathBytes.withCString(path) { open($0, O_WRONLY | O_NOCTTY | O_CLOEXEC) }
            guard fd >= 0 else { fail("écriture impossible de \(shown) : \(String(cString: strerror(errno)))") }
            if onTerminal(fd) {
                close(fd)
                refuseTerminal()
            }
            let written = bytes.withUnsafeBytes { FileSystem.writeAll(fd, $0) }
            close(fd)
            if !written { fail("écriture impossible de \(shown)") }
            return
        }
    }
    do { try FileSystem.writeAtomically(path, bytes) } catch {
        fail("écriture impossible de \(shown) : \((error as FileSystem.IOError).message)")
    }
}

/// Exits 2 when a file this run read could not be read or decoded (COP001: unreadable, not
/// UTF-8, Windows-1252, UTF-16, binary): a document written without it — an avenant left out,
/// a title garbled — would look right and be wrong. The diagnostics are shown first.
func refuseUnreadableInputs() {
    var unread: [Diagnostic] = []
    var seen = Set<String>()
    for result in inputs {
        // The check's diagnostics (a file that could not be read), and those of every file it
        // loaded (a file named alone reports only its own).
        for d in result.diagnostics + result.files.flatMap(\.diagnostics) where d.code == .cop001 && seen.insert(d.path).inserted {
            unread.append(d)
        }
    }
    guard !unread.isEmpty else { return }
    writeErr(DiagnosticRenderer.human(unread, color: false))
    let names = unread.map { "« \($0.path) »" }.joined(separator: ", ")
    fail((unread.count > 1 ? "fichiers illisibles ou mal encodés : " : "fichier illisible ou mal encodé : ") + names
         + " ; rien n'est écrit (réenregistrez en UTF-8, puis relancez ; « copc expliquer COP001 »)")
}

/// Reads the value of `--au` (`AAAA-MM-JJ` or `JJ/MM/AAAA`), or exits 2.
func parseDateOption(_ v: String) -> Day {
    guard let d = Day.parse(v) else { fail("date invalide pour --au : « \(v) » (attendu : AAAA-MM-JJ)") }
    return d
}

/// The contract `id` of a check, or its only contract; exits 2 with a French message when there
/// is none, several, or no such id.
func chooseContract(_ result: CheckResult, _ id: String?) -> Contract {
    switch result.contracts.select(id) {
    case .success(let c): return c
    case .failure(.none):
        // Say why a file could not be read (COP001, COP002), if that is the reason: also a file
        // of a named file's context (a contract in Windows-1252 above the avenant named), whose
        // diagnostics the check reports only on the files named.
        var seen = Set<String>()
        let unread = (result.diagnostics + result.files.flatMap(\.diagnostics)).filter {
            ($0.code == .cop001 || $0.code == .cop002) && seen.insert("\($0.code.rawValue)|\($0.path)|\($0.text)").inserted
        }
        if !unread.isEmpty { writeErr(DiagnosticRenderer.human(unread, color: false)) }
        fail("aucun contrat trouvé dans les chemins donnés")
    case .failure(.several(let ids)): fail("plusieurs contrats trouvés (\(ids.joined(separator: ", "))) : précisez --contrat ID")
    case .failure(.unknown(let id, let suggestion, let ids)):
        fail("contrat inconnu « \(id) »" + (suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") + " (contrats : \(ids.joined(separator: ", ")))")
    }
}

/// A version of `contract` (`Contract.version`), or exit 2 when the number is out of range.
func chooseVersion(_ contract: Contract, _ selector: VersionSelector) -> Version {
    if let v = contract.version(selector) { return v }
    if case .number(let n) = selector {
        fail("le contrat \(contract.id ?? "?") n'a pas de version \(n) (versions : 0 à \(contract.versions.count - 1))")
    }
    fail("le contrat \(contract.id ?? "?") n'a pas de version")
}

/// `--couleur`: `nil` for auto.
func colorChoice(_ v: String) -> Bool? {
    switch v {
    case "auto": return nil
    case "toujours", "always", "oui": return true
    case "jamais", "never", "non": return false
    default: fail("valeur inconnue pour --couleur : « \(v) » (auto, toujours ou jamais ; aussi always ou never)")
    }
}

/// Colours for the human format: forced, or when the output is a terminal, `NO_COLOR` is unset
/// or empty (no-color.org), and the terminal is not `dumb`.
func useColor(_ choice: Bool?, fd: Int32 = 1) -> Bool {
    if let choice { return choice }
    let noColor = FileSystem.environment("NO_COLOR").map { !$0.isEmpty } ?? false
    return FileSystem.isTerminal(fd) && !noColor && FileSystem.environment("TERM") != "dumb"
}

/// Other spellings of format names, the same in every command: `humain` is the old name of
/// `texte` (`copc check` before issue 23), `md` is short for `markdown`.
let formatAliases: [String: String] = ["humain": "texte", "human": "texte", "text": "texte", "md": "markdown"]

/// The value of `--format` read into the command's format enum (`fallback` when absent), through
/// `formatAliases`; an unknown name is a usage error listing the formats.
func formatChoice<F: RawRepresentable & CaseIterable>(_ value: String?, default fallback: F) -> F where F.RawValue == String {
    guard let value else { return fallback }
    if let f = F(rawValue: value) ?? formatAliases[value].flatMap(F.init(rawValue:)) { return f }
    let names = F.allCases.map(\.rawValue)
    fail("format inconnu « \(value) » (formats possibles : \(names.joined(separator: ", ")))"
         + (Suggest.nearest(to: value, among: names).map { " ; vouliez-vous dire « \($0) » ?" } ?? ""))
}

/// The names of a format enum, for `OptionSpec(choices:)` (shell completion, the manual).
func formatNames<F: RawRepresentable & CaseIterable>(_: F.Type) -> [String] where F.RawValue == String {
    F.allCases.map(\.rawValue)
}

/// The values of `--couleur`, for completion.
let colorChoices = ["auto", "toujours", "jamais"]
