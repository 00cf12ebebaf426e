// Output, usage errors and the helpers shared by the subcommands.
import CopcSema
import CopcDriver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let version = "0.1.0"
/// The result of the run: the process exits right after, so tearing the model down would
/// only cost time.
nonisolated(unsafe) var keepAlive: CheckResult?

/// Prints a French usage or I/O message on stderr and exits with status 2.
func fail(_ message: String) -> Never {
    writeErr("copc : \(message)\n")
    exit(2)
}

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

/// Reads the value of `--au` (`AAAA-MM-JJ` or `JJ/MM/AAAA`), or exits 2.
func parseDateOption(_ v: String) -> Day {
    guard let d = parseDate(v) else { fail("date invalide pour --au : « \(v) » (attendu : AAAA-MM-JJ)") }
    return d
}

func parseDate(_ s: String) -> Day? {
    let parts = s.split(separator: "-")
    if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) { return Day(year: y, month: m, day: d) }
    let fr = s.split(separator: "/")
    if fr.count == 3, let d = Int(fr[0]), let m = Int(fr[1]), let y = Int(fr[2]) { return Day(year: y, month: m, day: d) }
    return nil
}
