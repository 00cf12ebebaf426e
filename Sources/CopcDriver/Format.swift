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
}

extension Driver {
    /// Formats the `.cop` files at `paths` (none = the current folder). With `write`, a file
    /// that changes is replaced through a temporary file and a rename (its symbolic link, if
    /// any, is followed), so an interrupted run never leaves a truncated contract.
    public static func format(paths: [String], write: Bool) throws(DriverError) -> [FormatOutcome] {
        let cwd = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
        var seen = Set<String>()
        var outcomes: [FormatOutcome] = []
        for (path, _) in try expand(paths.isEmpty ? ["."] : paths, cwd: cwd) {
            let real = FileSystem.realPath(path) ?? path
            guard seen.insert(real).inserted else { continue }
            outcomes.append(FormatOutcome(path: path, status: formatFile(path: path, real: real, write: write)))
        }
        return outcomes
    }

    static func formatFile(path: String, real: String, write: Bool) -> FormatOutcome.Status {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(real) } catch { return .failed("lecture impossible : \(error.message)") }
        switch Formatter.format(SourceFile(path: path, bytes: bytes)) {
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
