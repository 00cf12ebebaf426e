import XCTest
import Foundation

/// CopcKit's compile-time guarantees: what the language forbids does not compile. Each
/// snippet is type-checked by `swiftc` against the built CopcKit module; a control snippet
/// that must compile shows the others fail for the reason tested, not for a broken setup.
final class CopcKitCompileTests: XCTestCase {
    /// The folder holding the built `CopcKit.swiftmodule`, next to the test bundle.
    var modules: String? {
        final class Anchor {}
        var dir = Bundle(for: Anchor.self).bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("Modules")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("CopcKit.swiftmodule").path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    func typecheck(_ code: String) throws -> (Bool, String) {
        let swiftc = try XCTUnwrap(outilSwift("swiftc"), "swiftc introuvable dans le PATH")
        let modules = try XCTUnwrap(modules, "module CopcKit construit introuvable")
        let fichier = scratchRoot + "copckit-\(UUID().uuidString).swift"
        try ("import CopcKit\n" + code).write(toFile: fichier, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: fichier) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: swiftc)
        p.arguments = ["-typecheck", "-I", modules, fichier]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus == 0, e)
    }

    func testWhatTheLanguageForbidsDoesNotCompile() throws {
        let permis = """
            let c = Contrat("C", "T") {
                Axe("1", "A") { Objectif("1.1", "O") { Action("1.1.1", "A").délai(.fin(2022)) } }
            }.période(2021...2025)
            """
        let (ok, erreurs) = try typecheck(permis)
        XCTAssertTrue(ok, erreurs)
        let interdits: [(String, String)] = [
            ("Contrat(\"C\", \"T\") { Objectif(\"1\", \"O\") { Référent(\"DG\") } }", "DansObjectif"),
            ("Annuaire(\"A\") { Axe(\"1\", \"Axe dans un annuaire\") }", "DansAnnuaire"),
            ("Avenant(1, contrat: \"C\") { Action(\"1.1\", \"A\") }", "DansAvenant"),
            ("Action(\"1.1\", \"A\").cible(2022, 60.pourcent)", "cible"),
            ("Indicateur(\"1.a\", \"I\").délai(.fin(2022))", "délai"),
            ("Référent(\"DG\").pilote(\"SG\")", "pilote"),
            ("Action(\"1.1\", \"A\").délai(.trimestre(\"T1\", 2022))", "Int"),
            ("Indicateur(\"1.a\", \"I\").cible(\"2022\", 60.pourcent)", "Int"),
        ]
        for (code, mot) in interdits {
            let (compile, messages) = try typecheck("let x = " + code)
            XCTAssertFalse(compile, "devrait être refusé : \(code)")
            XCTAssertTrue(messages.contains(mot), "\(code) : \(messages)")
        }
    }
}
