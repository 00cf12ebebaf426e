import XCTest
import CopcLanguage
import CopcSource
import CopcDiagnostics
import CopcSema
import CopcDriver
import CopcSyntax
import CopcModel

/// The repository root, found from this file's path.
let repositoryRoot: String = {
    var path = #filePath
    for _ in 0..<3 { path = Paths.directory(of: path) }
    return path
}()

/// The tests' scratch folder, ending with « / »: one per test process
/// (`copc-essais-PID` in the system's temporary folder), removed when the process exits, so
/// that a run leaves nothing behind however its tests end; the folders of earlier runs whose
/// process is gone (killed before exiting) are removed when the next run starts. Every test
/// writes its files below it, never directly in the system's temporary folder (a file named
/// alone there would be checked with everything beside it).
let scratchRoot: String = {
    let system = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
    removeFinishedScratch(in: system)
    let root = system + scratchPrefix + String(getpid()) + "/"
    try? FileManager.default.removeItem(atPath: root)
    try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: scratchRoot) }
    return root
}()

let scratchPrefix = "copc-essais-"

/// Removes the scratch folders in `system` whose test process no longer exists.
func removeFinishedScratch(in system: String) {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: system)) ?? [] where name.hasPrefix(scratchPrefix) {
        guard let pid = Int32(name.dropFirst(scratchPrefix.count)) else { continue }
        if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: system + name) }
    }
}

/// The built `copc` executable: next to the test bundle, else in `.build/debug`. The
/// environment variable `COPC_BINAIRE` names another one (to run the black-box tests against an
/// older build and see which fail).
let builtCopc: URL = {
    if let other = ProcessInfo.processInfo.environment["COPC_BINAIRE"], !other.isEmpty { return URL(fileURLWithPath: other) }
    final class Anchor {}
    var dir = Bundle(for: Anchor.self).bundleURL
    for _ in 0..<3 {
        let candidate = dir.appendingPathComponent("copc")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: repositoryRoot + "/.build/debug/copc")
}()

/// The fixed `--au` date of the tests, so that results do not depend on the day they run.
let testDate = Day(year: 2026, month: 11, day: 22)!

/// Checks in-memory files as one workspace.
func check(_ files: [(String, String)], au: Day = testDate, strict: Bool = false) -> [Diagnostic] {
    Driver.check(sources: files.map { ($0.0, Array($0.1.utf8)) }, options: CheckOptions(au: au, strict: strict)).diagnostics
}

func check(_ text: String, au: Day = testDate, strict: Bool = false) -> [Diagnostic] {
    check([("essai.cop", text)], au: au, strict: strict)
}

/// "line:CODE" for each diagnostic, sorted, for compact assertions.
func summary(_ ds: [Diagnostic]) -> [String] {
    ds.map { "\($0.span?.start.line ?? 0):\($0.code.rawValue)" }.sorted()
}

/// A clean contract skeleton: every check passes on it.
let cleanContract = """
contrat C1 « Contrat d'essai »
  type : COP
  période : 2021 .. 2023
  signé le : 2021-03-12
référent DGOS « Direction générale de l'offre de soins »
axe 1 « Axe »
objectif 1.1 « Objectif »
  pilote : DGOS
action 1.1.1 « Action »
  délai : fin 2022
indicateur 1.1.a « Indicateur »
  unité : %
  cible 2021 .. 2023 : 50 %

"""

/// The lexer's and parser's diagnostics of one text, without building nor checking it.
func parse(_ text: String) -> [Diagnostic] {
    Parser.parse(SourceFile(path: "essai.cop", text: text)).diagnostics
}

/// One text parsed and built (one file, no workspace, no check).
func build(_ text: String) -> (FileModel, [Diagnostic]) {
    let syntax = Parser.parse(SourceFile(path: "essai.cop", text: text))
    let (model, diags) = Builder.build(syntax)
    return (model, syntax.diagnostics + diags)
}
