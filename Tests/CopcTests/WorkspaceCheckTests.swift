import XCTest
import Foundation
import CopcSema
import CopcDriver

/// `Driver.check(workspace:overlays:)`: a folder as an editor sees it, unsaved texts over the disk.
final class WorkspaceCheckTests: XCTestCase {
    func makeFolder(_ files: [String: String]) throws -> String {
        let dir = scratchRoot + "copc-ws-\(UUID().uuidString)"
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return FileSystem.realPath(dir)!
    }

    let annuaire = "annuaire ANN « Annuaire »\nréférent DGOS « Direction générale de l'offre de soins »\n"

    func testOverlayReplacesTheDiskAndImportsReadOverlays() throws {
        let contract = cleanContract.replacingOccurrences(of: "référent DGOS « Direction générale de l'offre de soins »\n", with: "")
            .replacingOccurrences(of: "  signé le : 2021-03-12\n", with: "  signé le : 2021-03-12\n  utilise « annuaire.cop »\n")
        let dir = try makeFolder(["contrat.cop": contract, "annuaire.cop": annuaire])
        let options = CheckOptions(au: testDate)
        XCTAssertEqual(summary(Driver.check(workspace: dir, overlays: [:], options: options).diagnostics), [])
        // The annuaire, edited and not saved, no longer declares DGOS: the contract sees it.
        let edited = Driver.check(workspace: dir, overlays: [dir + "/annuaire.cop": Array("annuaire ANN « Annuaire »\n".utf8)], options: options)
        XCTAssertEqual(summary(edited.diagnostics), ["8:COP201"])
        XCTAssertEqual(edited.diagnostics.first.flatMap { $0.span.flatMap { edited.realPath(of: $0.file) } }, dir + "/contrat.cop")
        XCTAssertEqual(edited.diagnostics.first?.path, "contrat.cop", "displayed paths are relative to the root")
    }

    func testUnsavedNewFileJoinsTheWorkspace() throws {
        let dir = try makeFolder(["contrat.cop": cleanContract])
        let avenant = "avenant 1 au contrat C1 « a »\n  signé le : 2021-06-30\nmodifier action 9.9.9\n  délai : 2022\n"
        let r = Driver.check(workspace: dir, overlays: [dir + "/sous/avenant-1.cop": Array(avenant.utf8)], options: CheckOptions(au: testDate))
        XCTAssertEqual(summary(r.diagnostics), ["3:COP205"])
        XCTAssertEqual(r.diagnostics.first.flatMap { $0.span.flatMap { r.realPath(of: $0.file) } }, dir + "/sous/avenant-1.cop")
    }

    func testNonRecursiveScopeIgnoresSubfolders() throws {
        let dir = try makeFolder(["contrat.cop": cleanContract, "sous/autre.cop": "contrat C2 « x »\n"])
        XCTAssertEqual(Driver.check(workspace: dir, overlays: [:], recursive: false, options: CheckOptions(au: testDate)).files.count, 1)
        XCTAssertEqual(Driver.check(workspace: dir, overlays: [:], options: CheckOptions(au: testDate)).files.count, 2)
        // Below a non-recursive scope, an unsaved file is still read when imported.
        let importer = cleanContract.replacingOccurrences(of: "référent DGOS « Direction générale de l'offre de soins »\n", with: "")
            .replacingOccurrences(of: "  signé le : 2021-03-12\n", with: "  signé le : 2021-03-12\n  utilise « neuf/annuaire.cop »\n")
        let r = Driver.check(workspace: dir, overlays: [dir + "/contrat.cop": Array(importer.utf8), dir + "/neuf/annuaire.cop": Array(annuaire.utf8)],
                             recursive: false, options: CheckOptions(au: testDate))
        XCTAssertEqual(summary(r.diagnostics), [])
        XCTAssertEqual(r.files.count, 2)
    }

    func testMissingFolderIsAnEmptyWorkspace() {
        let r = Driver.check(workspace: "/nonexistent/copc-\(UUID().uuidString)", overlays: [:], options: CheckOptions(au: testDate))
        XCTAssertTrue(r.files.isEmpty && r.diagnostics.isEmpty)
    }
}
