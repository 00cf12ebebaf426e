import XCTest
import Foundation
import CopcDriver

/// `copc fmt` as a user runs it.
extension CLITests {
    func runWithInput(_ args: [String], input: String) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        p.standardInput = inPipe
        p.standardOutput = out
        p.standardError = err
        try p.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func testFmtCheckNamesFilesAndChangesNothing() throws {
        let messy = "CONTRAT C1 «Contrat»\nPERIODE:2021..2023\n"
        let dir = try tempDir(["a/messy.cop": messy, "b/clean.cop": "contrat C2 « Propre »\n  période : 2021 .. 2023\n"])
        let (status, out, _) = try run(["fmt", "--check", "."], cwd: dir)
        XCTAssertEqual(status, 1)
        XCTAssertEqual(out, "à mettre en page : a/messy.cop\n")
        XCTAssertEqual(try read(dir + "/a/messy.cop"), messy, "--check ne doit rien écrire")
    }

    func testFmtRewritesThenIsStable() throws {
        let dir = try tempDir(["c.cop": "CONTRAT C1 «Contrat»\nPERIODE:2021..2023\n"])
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: dir + "/c.cop")
        let (status, out, _) = try run(["fmt", "c.cop"], cwd: dir)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(out, "mis en page : c.cop\n")
        XCTAssertEqual(try read(dir + "/c.cop"), "contrat C1 « Contrat »\n  période : 2021 .. 2023\n")
        // Written through a rename: no temporary file left, permissions kept.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["c.cop"])
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/c.cop")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o640)
        let (again, out2, _) = try run(["fmt", "--check", "c.cop"], cwd: dir)
        XCTAssertEqual(again, 0)
        XCTAssertEqual(out2, "")
    }

    func testFmtLeavesAFileWithSyntaxErrorsUntouched() throws {
        let broken = "CONTRAT C1 « Contrat\nPERIODE:2021..2023\n"
        let dir = try tempDir(["c.cop": broken])
        let (status, _, err) = try run(["fmt", "c.cop"], cwd: dir)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains("COP101"), err)
        XCTAssertTrue(err.contains("c.cop laissé intact"), err)
        XCTAssertEqual(try read(dir + "/c.cop"), broken)
    }

    func testFmtStandardInputIsAFilterThatNeverLosesText() throws {
        let (status, out, _) = try runWithInput(["fmt", "-"], input: "contrat C1 «C»\nPERIODE : 2021..2023\n")
        XCTAssertEqual(status, 0)
        XCTAssertEqual(out, "contrat C1 « C »\n  période : 2021 .. 2023\n")
        let broken = "contrat C1 « C\n"
        let (bad, echoed, err) = try runWithInput(["fmt", "-"], input: broken)
        XCTAssertEqual(bad, 1)
        XCTAssertEqual(echoed, broken, "l'entrée est rendue telle quelle")
        XCTAssertTrue(err.contains("COP101"), err)
    }

    func testFmtUsageErrors() throws {
        XCTAssertEqual(try run(["fmt", "--vite"]).0, 2)
        let (status, _, err) = try run(["fmt", "/nulle/part.cop"])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("chemin introuvable"), err)
        let (help, out, _) = try run(["fmt", "--help"])
        XCTAssertEqual(help, 0)
        XCTAssertTrue(out.contains("--check"))
    }
}
