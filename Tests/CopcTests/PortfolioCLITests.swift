import XCTest
import Foundation
import CopcDriver

/// Runs the built `copc` with `args` (no colours); returns the status, stdout and stderr.
func runCopc(_ args: [String], cwd: String? = nil) throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = builtCopc
    p.arguments = args
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read stderr on another thread so that neither pipe fills up.
    final class Box: @unchecked Sendable { var data = Data() }
    let e = Box()
    let group = DispatchGroup()
    group.enter()
    let reader = err.fileHandleForReading
    DispatchQueue.global().async {
        e.data = reader.readDataToEndOfFile()
        group.leave()
    }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e.data, as: UTF8.self))
}

/// Writes files below a fresh temporary folder (absolute, symlink-free) and returns it.
func writeFolder(_ files: [(String, String)], prefix: String = "copc-pf") throws -> String {
    let dir = scratchRoot + "\(prefix)-\(UUID().uuidString)"
    for (name, text) in files {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return FileSystem.realPath(dir)!
}

/// `copc portefeuille` as a user runs it.
final class PortfolioCLITests: XCTestCase {
    func testEveryFormatAndGrouping() throws {
        let dir = try writeFolder(PortfolioFixture.files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = PortfolioFixture.portfolio()
        // Run in the folder, so that paths are shown as the check in memory shows them.
        let (status, out, err) = try runCopc(["portefeuille", ".", "--au", "2026-03-01"], cwd: dir)
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(out, p.text(), "the text of the model")
        XCTAssertEqual(err.components(separatedBy: "note[COP212]").count - 1, 3, err)
        XCTAssertTrue(err.contains("annuaire.cop:11:11"), err)
        for (format, expected) in [("markdown", p.markdown()), ("json", p.json()), ("csv", p.csv()), ("html", p.html())] {
            let (s, o, _) = try runCopc(["portefeuille", "--au", "2026-03-01", "--format", format], cwd: dir)
            XCTAssertEqual(s, 0)
            XCTAssertEqual(o, expected, format)
        }
        for (grouping, spelling) in [("type", "type"), ("etat", "état"), ("état", "état")] {
            let (s, o, _) = try runCopc(["portefeuille", dir, "--au", "2026-03-01", "--par", grouping, "--format", "json"])
            XCTAssertEqual(s, 0)
            XCTAssertTrue(o.contains("\"par\": \"\(spelling)\""), o)
        }
        let output = dir + "/../portefeuille-\(UUID().uuidString).html"
        let (s, o, _) = try runCopc(["portefeuille", dir, "--au", "2026-03-01", "--format", "html", "-o", output], cwd: dir)
        XCTAssertEqual(s, 0)
        XCTAssertEqual(o, "")
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), p.html())
        try? FileManager.default.removeItem(atPath: output)
    }

    func testBadUsage() throws {
        let dir = try writeFolder(PortfolioFixture.files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (args, message) in [(["--format", "pdf"], "format inconnu « pdf »"), (["--par", "tutele"], "vouliez-vous dire « tutelle »"),
                                (["--au", "demain"], "date invalide pour --au"), (["--bavard"], "option inconnue")] {
            let (s, o, e) = try runCopc(["portefeuille", dir] + args)
            XCTAssertEqual(s, 2, "\(args)")
            XCTAssertEqual(o, "")
            XCTAssertTrue(e.contains(message), e)
        }
        let (s, _, e) = try runCopc(["portefeuille", dir + "/absent"])
        XCTAssertEqual(s, 2)
        XCTAssertTrue(e.hasPrefix("copc : "), e)
        let (h, help, _) = try runCopc(["portefeuille", "--help"])
        XCTAssertEqual(h, 0)
        XCTAssertTrue(help.contains("--par G") && help.contains("expire dans N mois"), help)
        XCTAssertTrue(try runCopc(["--help"]).1.contains("copc portefeuille"))
    }

    /// Without `--au`, the portfolio is read today: the title says so.
    func testDefaultDateIsToday() throws {
        let dir = try writeFolder(PortfolioFixture.files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (s, o, _) = try runCopc(["portefeuille", dir, "--format", "json"])
        XCTAssertEqual(s, 0)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(o.utf8)) as? [String: Any])
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone.current
        XCTAssertEqual(json["au"] as? String, f.string(from: Date()))
    }
}
