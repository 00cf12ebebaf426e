import XCTest
import Foundation

/// A tool of the Swift toolchain (`swift`, `swiftc`), found in the PATH.
func outilSwift(_ nom: String) -> String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { $0 + "/" + nom }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// The example package `examples/petit-contrat`: another package depending on copc by path,
/// as a user's would. Built offline (a path dependency needs no network) into
/// `.build/exemples/petit-contrat`, so that later runs are incremental.
final class CopcKitExampleTests: XCTestCase {
    let racine = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path

    func lancer(_ exécutable: String, _ arguments: [String], dossier: String? = nil) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exécutable)
        p.arguments = arguments
        if let dossier { p.currentDirectoryURL = URL(fileURLWithPath: dossier) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func testTheExamplePackageBuildsAndChecksItsContract() throws {
        let exemple = racine + "/examples/petit-contrat"
        let scratch = racine + "/.build/exemples/petit-contrat"
        let swift = try XCTUnwrap(outilSwift("swift"), "swift introuvable dans le PATH")
        let (status, out, err) = try lancer(swift, ["build", "--package-path", exemple, "--scratch-path", scratch])
        XCTAssertEqual(status, 0, out + err)
        let programme = scratch + "/debug/petit-contrat"

        // The diagnostics point at the example's own Swift lines.
        let source = try String(contentsOfFile: exemple + "/Sources/petit-contrat/main.swift", encoding: .utf8)
        let lignes = source.split(separator: "\n", omittingEmptySubsequences: false)
        let ligne2026 = try XCTUnwrap(lignes.firstIndex { $0.contains(".délai(.fin(2026))") }) + 1
        let (s1, diagnostics, _) = try lancer(programme, [])
        XCTAssertEqual(s1, 0)
        XCTAssertTrue(diagnostics.contains("/Sources/petit-contrat/main.swift:\(ligne2026):"), diagnostics)
        XCTAssertTrue(diagnostics.contains("error: le délai « fin 2026 » de l'action 1.2.2"), diagnostics)
        XCTAssertTrue(diagnostics.contains("contrat COP-EXEMPLE « Contrat d'objectifs et de performance 2021-2025 »\n"))

        // Its printed text is checked by copc check (same defect), and emits the same IR.
        let dossier = scratchRoot + "copckit-exemple-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dossier, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dossier) }
        XCTAssertEqual(try lancer(programme, ["--dossier", dossier]).0, 0)
        let (s2, check, _) = try lancer(builtCopc.path, ["check", "--format", "gcc", "--au", "2022-01-01", "."], dossier: dossier)
        XCTAssertEqual(s2, 1, check)
        XCTAssertTrue(check.contains("COP-EXEMPLE.cop:"), check)
        XCTAssertEqual(check.split(separator: "\n").filter { !$0.contains(": note:") }.compactMap { $0.split(separator: "[").last }.sorted(), ["COP300]", "COP303]"])
        let (_, irTexte, _) = try lancer(builtCopc.path, ["emit", "."], dossier: dossier)
        let (_, irSwift, _) = try lancer(programme, ["--ir"])
        XCTAssertEqual(irSwift, irTexte + "\n")
    }
}
