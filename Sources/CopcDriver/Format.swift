import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcFormat

/// What `copc fmt` did, or would do, to one file.
public struct FormatOutcome {
    public enum Status {
        /// Already in canonical layout.
        case unchanged
        /// Not canonical: rewritten (or, with `--check`, would be).
        case reformatted
        /// Syntax errors: left untouched; the diagnostics say why.
        case refused([Diagnostic])
        /// The formatter could not prove its output equivalent: left untouched (a copc defect).
        case unsafe
        /// Could not be read or written.
        case failed(String)
    }
    /// The path as the user gave it (or found under a folder).
    public let path: String
    public let status: Status
    /// The path as people see it (bytes that are not UTF-8 as `\xE9`).
    public var shownPath: String { PathBytes.shown(path) }
}

extension Driver {
    /// Formats the `.cop` files at `paths` (none = the current folder). With `write`, a file
    /// that changes is replaced through a temporary file and a rename (its symbolic link, if
    /// any, is followed; `FileSystem.writeAtomically`), so an interrupted run never leaves a
    /// truncated contract; the temporaries an interrupted run left in the folders written to
    /// are removed first (`FileSystem.removeStaleTemporaries`).
    public static func format(paths: [String], write: Bool) throws(DriverError) -> [FormatOutcome] {
        let cwd = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
        var seen = Set<String>()
        var cleaned = Set<String>()
        var outcomes: [FormatOutcome] = []
        let workspaces = Workspaces()
        // A folder named with no `.cop` file below it is a usage error, as for `copc check`.
        let found = try expand(paths.isEmpty ? ["."] : paths, cwd: cwd, requireCop: !paths.isEmpty, workspaces: workspaces)
        // What a walk could not read is not formatted, and said so (never silently).
        for s in workspaces.skipped {
            outcomes.append(FormatOutcome(path: s.path, status: .failed("non lu : \(s.reason)")))
        }
        for (path, root) in found {
            guard let real = FileSystem.realPath(path), Paths.isInside(real, root) else {
                outcomes.append(FormatOutcome(path: path, status: .failed("hors de l'espace de travail")))
                continue
            }
            guard seen.insert(real).inserted else { continue }
            if write, cleaned.insert(Paths.directory(of: real)).inserted {
                FileSystem.removeStaleTemporaries(in: Paths.directory(of: real))
            }
            outcomes.append(FormatOutcome(path: path, status: formatFile(path: path, real: real, root: root, write: write)))
        }
        return outcomes
    }

    static func formatFile(path: String, real: String, root: String, write: Bool) -> FormatOutcome.Status {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(real, beneath: root) } catch {
            if let size = error.tooLarge {
                return .refused([Diagnostic(.fileTooLarge(bytes: size, limit: Limits.maxFileBytes), path: PathBytes.shown(path))])
            }
            return .failed("lecture impossible : \(error.message)")
        }
        switch Formatter.format(SourceFile(path: PathBytes.shown(path), bytes: bytes)) {
        case .refused(let diagnostics):
            return diagnostics.isEmpty ? .unsafe : .refused(diagnostics)
        case .formatted(let text):
            let out = Array(text.utf8)
            if out == bytes { return .unchanged }
            if write {
                do { try FileSystem.writeAtomically(real, out) } catch { return .failed("écriture impossible : \(error.message)") }
            }
            return .reformatted
        }
    }
}

/// What `copc fmt -` does with its input: the bytes for standard output, the diagnostics and
/// message for standard error, the exit status.
public struct StreamFormatOutcome {
    /// Written to standard output: the formatted text, or on any refusal the input itself,
    /// byte for byte (an editor replacing its buffer with the output never loses text).
    /// Empty with `--check`.
    public let output: [UInt8]
    public let diagnostics: [Diagnostic]
    /// A French sentence for standard error, if any.
    public let message: String?
    public let status: Int32
}

extension Driver {
    /// `copc fmt -` on `input` (all of standard input). Every refusal echoes the input unchanged.
    public static func formatInput(_ input: [UInt8], checkOnly: Bool) -> StreamFormatOutcome {
        let echo = checkOnly ? [] : input
        switch Formatter.format(SourceFile(path: "<entrée>", bytes: input)) {
        case .formatted(let text):
            let out = Array(text.utf8)
            if checkOnly { return StreamFormatOutcome(output: [], diagnostics: [], message: nil, status: out == input ? 0 : 1) }
            return StreamFormatOutcome(output: out, diagnostics: [], message: nil, status: 0)
        case .refused(let diagnostics):
            let message = diagnostics.isEmpty
                ? "copc : entrée laissée intacte : la mise en page ne relisait pas à l'identique (défaut de copc)\n"
                : diagnostics.contains { $0.code == .cop002 }
                ? "copc : entrée laissée intacte : limite de copc dépassée\n"
                : "copc : entrée laissée intacte : erreurs de syntaxe\n"
            return StreamFormatOutcome(output: echo, diagnostics: diagnostics, message: message, status: 1)
        }
    }

    /// `copc fmt -` on an input larger than `Limits.maxFileBytes`: refused, echoed unchanged
    /// (the caller streams the part it did not keep in memory).
    public static func oversizedInput(_ received: Int) -> StreamFormatOutcome {
        StreamFormatOutcome(output: [], diagnostics: [],
                            message: "copc : entrée laissée intacte : plus de \(received) octets, au-delà de la limite de \(Limits.maxFileBytes) octets [COP002]\n",
                            status: 1)
    }
}
