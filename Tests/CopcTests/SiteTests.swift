import XCTest
import Foundation
import CopcDriver
import CopcSite

/// `copc site`: every link of the generated site followed (no broken link, no external
/// request, no absolute path), the same bytes for the same inputs, incremental runs that
/// rewrite only the pages whose inputs changed, and a writer that never leaves its folder.
final class SiteTests: XCTestCase {
    var scratch: [String] = []

    override func tearDown() {
        for d in scratch { try? FileManager.default.removeItem(atPath: d) }
        scratch = []
    }

    func fixture() throws -> String {
        let dir = try writeFolder(PortfolioFixture.files)
        scratch.append(dir)
        return dir
    }

    func newFolder() -> String {
        let dir = FileSystem.realPath(scratchRoot)! + "/copc-site-\(UUID().uuidString)"
        scratch.append(dir)
        return dir
    }

    /// Every file below `dir`, relative, sorted.
    static func files(_ dir: String) -> [String] {
        let e = FileManager.default.enumerator(atPath: dir)!
        var out: [String] = []
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
        }
        return out.sorted()
    }

    func site(_ input: String, _ output: String, _ extra: [String] = [], cwd: String? = nil) throws -> String {
        let (status, out, err) = try runCopc(["site", input, "-o", output, "--au", "2026-03-01"] + extra, cwd: cwd)
        XCTAssertEqual(status, 0, err)
        return out
    }

    /// Follows every link from the index: each leads to a file of the site (and to an element
    /// of that page for `#anchor`), relative, never outside; every page is reached; nothing
    /// is loaded from anywhere.
    func testEveryLinkOfTheSiteIsFollowed() throws {
        let input = try fixture(), output = newFolder()
        _ = try site(input, output)
        try Self.followEveryLink(output, input: input, minimum: 60)
    }

    /// Follows every link of the site in `output` from its index (`input`: the folder read,
    /// which no page may name).
    static func followEveryLink(_ output: String, input: String, minimum: Int) throws {
        let all = Set(Self.files(output))
        XCTAssertTrue(all.contains("index.html") && all.contains(Site.manifestPath))
        var ids: [String: Set<String>] = [:]
        var links: [String: [String]] = [:]
        for page in all where page.hasSuffix(".html") {
            let html = try String(contentsOfFile: output + "/" + page, encoding: .utf8)
            let parsed = parseXML(html)
            XCTAssertTrue(parsed.isWellFormed, "\(page): \(parsed.error ?? "")")
            ids[page] = Set(parsed.elements.compactMap { $0.attributes["id"] })
            links[page] = parsed.elements.compactMap { $0.attributes["href"] }
            for e in parsed.elements {
                XCTAssertNil(e.attributes["src"], "\(page): <\(e.name) src>")
                XCTAssertFalse(["img", "link", "iframe", "object", "embed", "video", "audio", "source"].contains(e.name), "\(page): <\(e.name)>")
            }
            XCTAssertFalse(html.contains("http://") || html.contains("https://") || html.contains("url("), "\(page): an external reference")
            XCTAssertFalse(html.contains(input) || html.contains(output) || html.contains(NSTemporaryDirectory()), "\(page): an absolute path")
            XCTAssertTrue(html.contains("default-src 'none'"), page)
        }
        var reached: Set<String> = ["index.html"]
        var queue = ["index.html"]
        var followed = 0
        while let page = queue.popLast() {
            for href in links[page] ?? [] {
                followed += 1
                XCTAssertFalse(href.hasPrefix("/") || href.contains(":") || href.contains("//"), "\(page): « \(href) » is not relative")
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? page : Paths.normalize(Paths.join(Paths.directory(of: "/" + page), parts[0])).dropFirst().description
                XCTAssertTrue(all.contains(target), "\(page): « \(href) » leads to « \(target) », which does not exist")
                if parts.count == 2, target.hasSuffix(".html") {
                    XCTAssertTrue(ids[target]?.contains(parts[1]) == true, "\(page): « \(href) »: no #\(parts[1]) in \(target)")
                }
                if all.contains(target), reached.insert(target).inserted, target.hasSuffix(".html") { queue.append(target) }
            }
        }
        XCTAssertGreaterThan(followed, minimum)
        XCTAssertEqual(all.subtracting(reached), [Site.manifestPath], "every file but the manifest is reached from the index")
    }

    func testSameInputsSameBytes() throws {
        let input = try fixture()
        let a = newFolder(), b = newFolder()
        _ = try site(input, a)
        // Another current folder, the input named relatively: the same bytes.
        _ = try site(Paths.lastComponent(of: input), b, cwd: Paths.directory(of: input))
        XCTAssertEqual(Self.files(a), Self.files(b))
        for f in Self.files(a) {
            XCTAssertEqual(FileManager.default.contents(atPath: a + "/" + f), FileManager.default.contents(atPath: b + "/" + f), f)
        }
    }

    func testIncrementalRewritesOnlyWhatChanged() throws {
        let input = try fixture(), output = newFolder(), full = newFolder()
        XCTAssertTrue(try site(input, output).contains("34 fichiers, 34 écrits, 0 inchangés, 0 retirés"))
        XCTAssertTrue(try site(input, output, ["--incrementiel"]).contains("0 écrits, 34 inchangés"))
        func inode(_ f: String) throws -> Int { try FileManager.default.attributesOfItem(atPath: output + "/" + f)[.systemFileNumber] as! Int }
        let untouched = try inode("contrats/C-OA-2023/version-0.html")
        let other = try inode("contrats/C-OB-2021/index.html")
        // The avenant changes a target: the pages made from it change, the others do not.
        let avenant = input + "/oa-2023/avenant-1.cop"
        try (try String(contentsOfFile: avenant, encoding: .utf8)).replacingOccurrences(of: "60 %", with: "65 %")
            .write(toFile: avenant, atomically: true, encoding: .utf8)
        let before = Site.readManifest(Array(FileManager.default.contents(atPath: output + "/" + Site.manifestPath)!))
        let out = try site(input, output, ["--incrementiel"])
        let after = Site.readManifest(Array(FileManager.default.contents(atPath: output + "/" + Site.manifestPath)!))
        let changed = Set(after.keys.filter { before[$0] != after[$0] })
        XCTAssertEqual(changed, ["contrats/C-OA-2023/index.html", "contrats/C-OA-2023/version-1.html", "contrats/C-OA-2023/avenant-1.html",
                                 "contrats/C-OA-2023/bilan-2023.html", "contrats/C-OA-2023/calendrier.ics",
                                 "contrats/C-OA-2023/indicateurs.csv", "contrats/C-OA-2023/actions.csv"])
        XCTAssertTrue(out.contains("\(changed.count) écrits, \(34 - changed.count) inchangés"), out)
        XCTAssertEqual(try inode("contrats/C-OA-2023/version-0.html"), untouched, "not rewritten")
        XCTAssertEqual(try inode("contrats/C-OB-2021/index.html"), other, "not rewritten")
        XCTAssertTrue(try String(contentsOfFile: output + "/contrats/C-OA-2023/version-1.html", encoding: .utf8).contains("65"))
        // What an incremental run leaves is what a full run writes.
        _ = try site(input, full)
        for f in Self.files(full) {
            XCTAssertEqual(FileManager.default.contents(atPath: output + "/" + f), FileManager.default.contents(atPath: full + "/" + f), f)
        }
        // A contract removed: its pages go, and its folder.
        try FileManager.default.removeItem(atPath: input + "/ob")
        XCTAssertTrue(try site(input, output, ["--incrementiel"]).contains("5 retirés"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output + "/contrats/C-OB-2021"))
        // A page deleted by hand is written again.
        try FileManager.default.removeItem(atPath: output + "/contrats/C-X/version-0.html")
        XCTAssertTrue(try site(input, output, ["--incrementiel"]).contains("1 écrits"))
    }

    func testTheWriterNeverLeavesItsFolder() throws {
        let input = try fixture()
        // The site's folder may not be, nor hold, a folder read.
        for bad in [input, Paths.directory(of: input)] {
            let (s, _, e) = try runCopc(["site", input, "-o", bad, "--au", "2026-03-01"])
            XCTAssertEqual(s, 2)
            XCTAssertTrue(e.contains("est un dossier lu"), e)
        }
        // A folder that is not a site of copc is not written into.
        let foreign = newFolder()
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try "mine".write(toFile: foreign + "/index.html", atomically: true, encoding: .utf8)
        var (s, _, e) = try runCopc(["site", input, "-o", foreign, "--au", "2026-03-01"])
        XCTAssertEqual(s, 2)
        XCTAssertTrue(e.contains("n'est pas un site de copc"), e)
        XCTAssertEqual(try String(contentsOfFile: foreign + "/index.html", encoding: .utf8), "mine")
        // A link as the site's folder, or planted inside it, is refused, never followed.
        let elsewhere = newFolder()
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let link = newFolder()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: elsewhere)
        (s, _, e) = try runCopc(["site", input, "-o", link, "--au", "2026-03-01"])
        XCTAssertEqual(s, 2, e)
        XCTAssertTrue(e.contains("lien symbolique"), e)
        let output = newFolder()
        _ = try site(input, output)
        try FileManager.default.removeItem(atPath: output + "/contrats/C-X")
        try FileManager.default.createSymbolicLink(atPath: output + "/contrats/C-X", withDestinationPath: elsewhere)
        try FileManager.default.removeItem(atPath: output + "/contrats/C-OB-2021/index.html")
        try FileManager.default.createSymbolicLink(atPath: output + "/contrats/C-OB-2021/index.html", withDestinationPath: elsewhere + "/cible.html")
        (s, _, e) = try runCopc(["site", input, "-o", output, "--au", "2026-03-01"])
        XCTAssertEqual(s, 2, e)
        XCTAssertTrue(e.contains("refusé"), e)
        XCTAssertEqual(Self.files(elsewhere), [], "nothing written through the links")
        // A manifest naming paths outside the site: never removed.
        let victim = elsewhere + "/garder.txt"
        try "garder".write(toFile: victim, atomically: true, encoding: .utf8)
        let clean = newFolder()
        _ = try site(input, clean)
        let manifest = clean + "/" + Site.manifestPath
        let escape = Paths.relative(victim, to: clean)
        try (try String(contentsOfFile: manifest, encoding: .utf8) + String(repeating: "0", count: 64) + "  " + escape + "\n"
             + String(repeating: "0", count: 64) + "  /etc/passwd\n").write(toFile: manifest, atomically: true, encoding: .utf8)
        _ = try site(input, clean, ["--incrementiel"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: victim))
    }

    func testBadUsage() throws {
        let input = try fixture()
        let (s, _, e) = try runCopc(["site", input])
        XCTAssertEqual(s, 2)
        XCTAssertTrue(e.contains("-o SITE"), e)
        let (h, help, _) = try runCopc(["site", "--help"])
        XCTAssertEqual(h, 0)
        XCTAssertTrue(help.contains("--incrementiel"))
    }

    func testSlugsAreInjectiveAndPlain() {
        let ids = ["COP-CNG", "cop.cng", "COP_CNG", "COP CNG", "COPé", ".cache", "A/B", "A_2FB"]
        let slugs = ids.map(Site.slug)
        XCTAssertEqual(Set(slugs).count, ids.count)
        for s in slugs { XCTAssertTrue(OutputFolder.isPlain(s), s) }
        XCTAssertEqual(Site.slug("COP-CNG"), "COP-CNG")
        XCTAssertEqual(Site.slug("A/B"), "A_2FB")
    }
}
