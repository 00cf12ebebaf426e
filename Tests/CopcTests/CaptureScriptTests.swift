import XCTest
import Foundation

/// `scripts/capture-html.sh`: its usage message, its failures when a tool is missing, and the
/// commands it runs (with stand-ins for Chromium and pdftoppm that record their arguments, so
/// the test needs neither).
final class CaptureScriptTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = scratchRoot + "copc-capture-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/outils", withIntermediateDirectories: true)
        try "<!DOCTYPE html><title>x</title>".write(toFile: dir + "/page #1.html", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        if !dir.isEmpty { try? FileManager.default.removeItem(atPath: dir) }
    }

    /// Runs the script with `PATH` limited to the stand-ins folder plus the basic tools.
    func run(_ args: [String], tools: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        for (name, body) in tools {
            let path = dir + "/outils/" + name
            try ("#!/bin/bash\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        // The basic tools the script uses, linked one by one so that chromium and pdftoppm
        // installed on this machine stay out of reach.
        for tool in ["dirname", "basename", "sed", "mktemp", "rm", "mkdir", "tail", "ls", "wc", "mv", "cat", "touch"] {
            let link = dir + "/outils/" + tool
            if !FileManager.default.fileExists(atPath: link), let real = ["/usr/bin/" + tool, "/bin/" + tool].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
            }
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [repositoryRoot + "/scripts/capture-html.sh"] + args
        p.environment = ["PATH": dir + "/outils", "HOME": dir]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func testUsage() throws {
        for args in [[], ["un"], ["--aide"], ["a", "b", "c"]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2)
            XCTAssertTrue(r.err.contains("usage : scripts/capture-html.sh ENTRÉE.html DOSSIER_SORTIE"), r.err)
        }
        let r = try run(["absent.html", "sortie"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("fichier introuvable : absent.html"), r.err)
    }

    func testMissingToolsAreNamedWithTheirDebianPackage() throws {
        let noBrowser = try run(["page #1.html", "sortie"])
        XCTAssertEqual(noBrowser.status, 2)
        XCTAssertTrue(noBrowser.err.contains("Chromium est introuvable") && noBrowser.err.contains("apt-get install chromium"), noBrowser.err)
        let noPoppler = try run(["page #1.html", "sortie"], tools: ["chromium": "exit 0\n"])
        XCTAssertEqual(noPoppler.status, 2)
        XCTAssertTrue(noPoppler.err.contains("pdftoppm est introuvable") && noPoppler.err.contains("apt-get install poppler-utils"), noPoppler.err)
    }

    func testScreenshotPrintAndGreyPages() throws {
        // Stand-ins: chromium writes the file named by --screenshot= or --print-to-pdf= and logs
        // its arguments; pdftoppm writes three numbered pages as poppler does (page-01…).
        let chromium = """
        echo "$@" >> "$HOME/chromium.log"
        for a in "$@"; do
          case "$a" in
            --screenshot=*) echo png > "${a#--screenshot=}" ;;
            --print-to-pdf=*) echo pdf > "${a#--print-to-pdf=}" ;;
          esac
        done

        """
        let pdftoppm = """
        echo "$@" >> "$HOME/pdftoppm.log"
        prefix="${@: -1}"
        for n in 01 02 10; do echo png > "$prefix-$n.png"; done

        """
        let r = try run(["page #1.html", "sortie"], tools: ["chromium": chromium, "pdftoppm": pdftoppm])
        XCTAssertEqual(r.status, 0, r.err)
        let fm = FileManager.default
        for f in ["ecran.png", "impression.pdf", "page-1.png", "page-2.png", "page-10.png"] {
            XCTAssertTrue(fm.fileExists(atPath: dir + "/sortie/" + f), f)
        }
        XCTAssertFalse(fm.fileExists(atPath: dir + "/sortie/page-01.png"))
        let calls = try String(contentsOfFile: dir + "/chromium.log", encoding: .utf8)
        XCTAssertTrue(calls.contains("--headless"))
        XCTAssertTrue(calls.contains("--no-pdf-header-footer"), "no date, title or file path printed by the browser")
        XCTAssertTrue(calls.contains("file://" + dir + "/page%20%231.html"), calls)
        let poppler = try String(contentsOfFile: dir + "/pdftoppm.log", encoding: .utf8)
        XCTAssertTrue(poppler.contains("-gray"), "pages in grey, to check black-and-white printing")
        XCTAssertTrue(r.out.contains("3 page(s)"), r.out)
    }
}
