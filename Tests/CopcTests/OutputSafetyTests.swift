import XCTest
import Foundation
import CopcDriver

/// What the commands that write a document (`emit`, `rendre`, `calendrier`, `bilan`, `diff`)
/// may write: never over one of their inputs, under any name the system allows, to standard
/// output with `-o -` or `-o /dev/stdout`, and nothing at all when an input could not be
/// decoded (issue 21 item 10, issue 23 item 6).
final class OutputSafetyTests: XCTestCase {
    func run(_ args: [String], cwd: String) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = builtCopc
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
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

    let avenant = "avenant 1 au contrat C1 « Cible fixée »\n  signé le : 2021-06-30\n  en vigueur le : 2021-07-01\nmodifier indicateur 1.1.a\n  cible 2022 : 60 %\n"

    func workspace(_ extra: [String: [UInt8]] = [:]) throws -> String {
        let dir = scratchRoot + "copc-sorties-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/copc.toml", contents: Data())
        _ = FileManager.default.createFile(atPath: dir + "/c.cop", contents: Data(cleanContract.utf8))
        _ = FileManager.default.createFile(atPath: dir + "/a1.cop", contents: Data(avenant.utf8))
        for (name, bytes) in extra { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes)) }
        return dir
    }

    /// `-o` onto an input — named, found in a folder, through a symbolic link or a hard link —
    /// exits 2 and leaves the input as it was. Before, `copc rendre c.cop -o c.cop` replaced the
    /// contract with its HTML page.
    func testOutputOntoAnInputIsRefused() throws {
        let dir = try workspace()
        try FileManager.default.createSymbolicLink(atPath: dir + "/lien.html", withDestinationPath: "c.cop")
        try FileManager.default.linkItem(atPath: dir + "/a1.cop", toPath: dir + "/dur.html")
        let attempts: [[String]] = [
            ["rendre", "c.cop", "-o", "c.cop"],
            ["rendre", ".", "-o", "./c.cop"],
            ["rendre", "c.cop", "-o", "lien.html"],
            ["rendre", "c.cop", "--format", "cop", "-o", "a1.cop"],
            ["rendre", "c.cop", "-o", "dur.html"],
            ["emit", "c.cop", "-o", "c.cop"],
            ["calendrier", ".", "-o", "a1.cop"],
            ["bilan", "c.cop", "--annee", "2022", "-o", "c.cop"],
            ["diff", ".", "-o", "a1.cop"],
            ["diff", "c.cop", "c.cop", "-o", "c.cop"],
        ]
        for args in attempts {
            let (status, out, err) = try run(args, cwd: dir)
            XCTAssertEqual(status, 2, "\(args): \(err)")
            XCTAssertTrue(out.isEmpty, "\(args)")
            XCTAssertTrue(err.contains("désigne un fichier d'entrée"), "\(args): \(err)")
            XCTAssertTrue(err.contains("copc ne remplace jamais ce qu'il lit"), "\(args): \(err)")
        }
        XCTAssertEqual(try String(contentsOfFile: dir + "/c.cop", encoding: .utf8), cleanContract)
        XCTAssertEqual(try String(contentsOfFile: dir + "/a1.cop", encoding: .utf8), avenant)
        // A new file beside them is written.
        XCTAssertEqual(try run(["rendre", "c.cop", "--format", "cop", "-o", "consolide.cop"], cwd: dir).0, 0)
        XCTAssertTrue(try String(contentsOfFile: dir + "/consolide.cop", encoding: .utf8).hasPrefix("contrat C1"))
    }

    /// A name that is not UTF-8 (arguments are read as bytes): `-o` onto such an input, or onto
    /// a hard link to it, is refused like any other — before, the guard looked the name up
    /// as UTF-8, found nothing, and `rendre --format cop` replaced the contract; a new such
    /// name is written under its own bytes.
    func testOutputOntoAnInputWithAByteName() throws {
        let dir = try workspace()
        func shell(_ script: String) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script]
            p.currentDirectoryURL = URL(fileURLWithPath: dir)
            var env = ProcessInfo.processInfo.environment
            env["COPC"] = builtCopc.path
            p.environment = env
            let err = Pipe()
            p.standardOutput = FileHandle.nullDevice
            p.standardError = err
            try p.run()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: e, as: UTF8.self))
        }
        try FileManager.default.removeItem(atPath: dir + "/a1.cop")
        XCTAssertEqual(try shell("mv c.cop \"$(printf 'contrat-r\\351vis\\351.cop')\"").0, 0)
        XCTAssertEqual(try shell("ln \"$(printf 'contrat-r\\351vis\\351.cop')\" dur.cop").0, 0)
        for script in ["$COPC rendre . --format cop -o \"$(printf 'contrat-r\\351vis\\351.cop')\"",
                       "$COPC rendre dur.cop --format cop -o \"$(printf 'contrat-r\\351vis\\351.cop')\"",
                       "$COPC emit \"$(printf 'contrat-r\\351vis\\351.cop')\" -o dur.cop"] {
            let (status, err) = try shell(script)
            XCTAssertEqual(status, 2, "\(script): \(err)")
            XCTAssertTrue(err.contains("désigne un fichier d'entrée"), "\(script): \(err)")
        }
        XCTAssertTrue(try shell("$COPC rendre . --format cop -o \"$(printf 'contrat-r\\351vis\\351.cop')\"").1
            .contains("« -o contrat-r\\xE9vis\\xE9.cop » désigne un fichier d'entrée"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/dur.cop")), Data(cleanContract.utf8))
        XCTAssertEqual(try shell("$COPC rendre dur.cop -o \"$(printf 'rendu-r\\351vis\\351.html')\" && test -s \"$(printf 'rendu-r\\351vis\\351.html')\"").0, 0)
    }

    /// A file whose first element cannot be decoded is part of the context of a file named
    /// alone when the survey met it: an avenant in Windows-1252 in a subfolder of the contract's
    /// makes `rendre c.cop` refuse; a contract in Windows-1252 above a named avenant is said
    /// when no contract is found. A badly encoded file outside the contract's folders (never
    /// surveyed for it) does not stop it; the whole folder, which reads it, does.
    func testUndecodableFileInANamedFileContext() throws {
        func latin1(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }
        let latinAvenant = latin1("avenant 2 au contrat C1 « Délai repoussé »\n  signé le : 2022-01-10\nmodifier action 1.1.1\n  délai : fin 2023\n")
        let dir = try workspace()
        try FileManager.default.createDirectory(atPath: dir + "/avenants", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/avenants/a2.cop", contents: Data(latinAvenant))
        var (status, out, err) = try run(["rendre", "c.cop", "-o", "sortie.html"], cwd: dir)
        XCTAssertEqual(status, 2, err)
        XCTAssertTrue(out.isEmpty)
        XCTAssertTrue(err.contains("erreur[COP001]: fichier en Windows-1252 ?"), err)
        XCTAssertTrue(err.contains("fichier illisible ou mal encodé : « avenants/a2.cop » ; rien n'est écrit"), err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/sortie.html"))

        let above = try workspace()
        try FileManager.default.removeItem(atPath: above + "/a1.cop")
        _ = FileManager.default.createFile(atPath: above + "/c.cop", contents: Data(latin1(cleanContract)))
        try FileManager.default.createDirectory(atPath: above + "/avenants", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: above + "/avenants/a1.cop", contents: Data(avenant.utf8))
        (status, out, err) = try run(["rendre", "avenants/a1.cop", "-o", "sortie.html"], cwd: above)
        XCTAssertEqual(status, 2, err)
        XCTAssertTrue(err.contains("erreur[COP001]: fichier en Windows-1252 ?"), err)
        XCTAssertTrue(err.contains("--> c.cop:1:12"), err)
        XCTAssertTrue(err.contains("aucun contrat trouvé"), err)

        let near = try workspace()
        try FileManager.default.createDirectory(atPath: near + "/archives", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: near + "/contrat", withIntermediateDirectories: true)
        for name in ["c.cop", "a1.cop"] { try FileManager.default.moveItem(atPath: near + "/" + name, toPath: near + "/contrat/" + name) }
        _ = FileManager.default.createFile(atPath: near + "/archives/ancien.cop", contents: Data(latinAvenant))
        (status, out, err) = try run(["rendre", "contrat/a1.cop", "-o", "sortie.html"], cwd: near)
        XCTAssertEqual(status, 0, err)
        XCTAssertTrue(try String(contentsOfFile: near + "/sortie.html", encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        (status, out, err) = try run(["rendre", ".", "-o", "tout.html"], cwd: near)
        XCTAssertEqual(status, 2, err)
        XCTAssertTrue(err.contains("fichier illisible ou mal encodé : « archives/ancien.cop »"), err)
    }

    /// A name of up to NAME_MAX (255) bytes works: the temporary name used to be 40 bytes
    /// longer than the target's, so a 232-byte name failed.
    func testLongOutputNames() throws {
        let dir = try workspace()
        for name in [String(repeating: "x", count: 227) + ".html", String(repeating: "é", count: 125) + ".html"] {
            XCTAssertLessThanOrEqual(name.utf8.count, 255)
            let (status, _, err) = try run(["rendre", "c.cop", "-o", name], cwd: dir)
            XCTAssertEqual(status, 0, "\(name.utf8.count) octets : \(err)")
            XCTAssertTrue(try String(contentsOfFile: dir + "/" + name, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".copc-tmp-") }
        XCTAssertEqual(leftovers, [])
    }

    /// `-o -` and `-o /dev/stdout` write to standard output (a pipe here), as without `-o`;
    /// `-o /dev/null` is written as a device.
    func testStandardOutput() throws {
        let dir = try workspace()
        for command in [["rendre", "c.cop"], ["emit", "c.cop"], ["calendrier", "c.cop"], ["bilan", "c.cop", "--annee", "2022"], ["diff", "."]] {
            let plain = try run(command, cwd: dir)
            XCTAssertEqual(plain.0, 0, "\(command): \(plain.2)")
            XCTAssertFalse(plain.1.isEmpty)
            for target in ["-", "/dev/stdout"] {
                let (status, out, err) = try run(command + ["-o", target], cwd: dir)
                XCTAssertEqual(status, 0, "\(command) -o \(target): \(err)")
                XCTAssertEqual(out, plain.1, "\(command) -o \(target)")
            }
            let null = try run(command + ["-o", "/dev/null"], cwd: dir)
            XCTAssertEqual(null.0, 0, "\(command): \(null.2)")
            XCTAssertEqual(null.1, "")
        }
        let folder = try run(["rendre", "c.cop", "-o", dir], cwd: dir)
        XCTAssertEqual(folder.0, 2)
        XCTAssertTrue(folder.2.contains("c'est un dossier"), folder.2)
    }

    /// An avenant saved in Windows-1252 is one COP001 for `check` (nothing else for that
    /// file), and the commands that write a document refuse to write one without it.
    func testBadlyEncodedInputRefusesDocuments() throws {
        var latin = [UInt8]()
        for u in "avenant 2 au contrat C1 « Délai repoussé »\n  signé le : 2022-01-10\nmodifier action 1.1.1\n  délai : fin 2023\n".unicodeScalars {
            latin.append(UInt8(truncatingIfNeeded: u.value))   // Latin-1: one byte per character here
        }
        let dir = try workspace(["a2.cop": latin])
        let (status, out, _) = try run(["check", "--format", "gcc", "."], cwd: dir)
        XCTAssertEqual(status, 1)
        let lines = out.split(separator: "\n").filter { $0.hasPrefix("a2.cop:") }
        XCTAssertEqual(lines.count, 1, out)
        XCTAssertTrue(lines.first?.contains("fichier en Windows-1252 ? réenregistrez-le en UTF-8 (l'octet 0xAB se lit « « » en Windows-1252)") ?? false, out)
        for command in [["rendre", "."], ["emit", "."], ["calendrier", "."], ["bilan", ".", "--annee", "2022"], ["diff", "."], ["rendre", "c.cop"]] {
            let (status, out, err) = try run(command + ["-o", "sortie.txt"], cwd: dir)
            XCTAssertEqual(status, 2, "\(command): \(err)")
            XCTAssertTrue(out.isEmpty)
            XCTAssertTrue(err.contains("fichier illisible ou mal encodé : « a2.cop » ; rien n'est écrit"), "\(command): \(err)")
            XCTAssertTrue(err.contains("erreur[COP001]: fichier en Windows-1252 ?"), "\(command): \(err)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/sortie.txt"), "\(command)")
        }
        // copc fmt leaves it as it is, and says why.
        let (fmtStatus, _, fmtErr) = try run(["fmt", "a2.cop"], cwd: dir)
        XCTAssertEqual(fmtStatus, 1)
        XCTAssertTrue(fmtErr.contains("a2.cop laissé intact : fichier mal encodé (réenregistrez-le en UTF-8"), fmtErr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/a2.cop")), Data(latin))
    }

    /// A file saved as « Texte Unicode » (UTF-16 with its byte-order mark) is one COP001.
    func testUTF16FileIsOneDiagnostic() throws {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in cleanContract.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let dir = try workspace(["u.cop": utf16])
        let (status, out, _) = try run(["check", "--format", "gcc", "u.cop"], cwd: dir)
        XCTAssertEqual(status, 1)
        XCTAssertEqual(out, "u.cop:1:1: error: fichier en UTF-16 ? réenregistrez-le en UTF-8 ; rien d'autre n'est signalé pour ce fichier [COP001]\n")
    }
}
