import XCTest
import Foundation
import CopcDriver

/// The repository stands alone: no file refers to the workplace's shared folder, and every
/// relative Markdown link points to a file (and, for a Markdown file, a heading) that exists.
final class RepositoryTests: XCTestCase {
    /// The tracked files (`git ls-files`), or, without git, every file outside `.git` and
    /// `.build`.
    static func trackedFiles() throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", repositoryRoot, "ls-files", "-z"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        if (try? p.run()) != nil {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            if p.terminationStatus == 0 {
                return String(decoding: data, as: UTF8.self).split(separator: "\0").map(String.init)
            }
        }
        var files: [String] = []
        let walker = FileManager.default.enumerator(atPath: repositoryRoot)
        while let rel = walker?.nextObject() as? String {
            if rel == ".git" || rel == ".build" || rel.hasPrefix(".git/") || rel.hasPrefix(".build/") {
                walker?.skipDescendants()
                continue
            }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: repositoryRoot + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                files.append(rel)
            }
        }
        return files
    }

    func testNoFileRefersToTheSharedFolder() throws {
        // Built from pieces, so that this file does not match itself.
        let needles = [".." + "/shared", "/work" + "/shared"].map { Array($0.utf8) }
        let files = try Self.trackedFiles()
        XCTAssertGreaterThan(files.count, 50)
        for rel in files {
            guard let bytes = try? FileSystem.read(repositoryRoot + "/" + rel) else { continue }
            for needle in needles where Self.contains(bytes, needle) {
                XCTFail("\(rel) refers to « \(String(decoding: needle, as: UTF8.self)) »: the repository must stand alone")
            }
        }
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count, let first = needle.first else { return false }
        var k = 0
        while k + needle.count <= hay.count {
            if hay[k] == first, Array(hay[k..<k + needle.count]) == needle { return true }
            k += 1
        }
        return false
    }

    // MARK: links

    /// The link targets of a Markdown text: inline links `[x](target)` and `![x](target)`,
    /// and reference definitions `[x]: target`, outside fenced code blocks and code spans.
    static func links(_ markdown: String) -> [(line: Int, target: String)] {
        var out: [(Int, String)] = []
        var fenced = false
        for (k, raw) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { fenced.toggle(); continue }
            if fenced { continue }
            // Drop code spans.
            var text = ""
            var inCode = false
            for c in line {
                if c == "`" { inCode.toggle(); continue }
                if !inCode { text.append(c) }
            }
            let t = text.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("["), let close = t.range(of: "]: ") {
                out.append((k + 1, String(t[close.upperBound...]).split(separator: " ").first.map(String.init) ?? ""))
                continue
            }
            var rest = Substring(text)
            while let r = rest.range(of: "](") {
                let after = rest[r.upperBound...]
                guard let end = after.firstIndex(of: ")") else { break }
                let target = after[..<end].split(separator: " ").first.map(String.init) ?? ""
                out.append((k + 1, target))
                rest = after[end...]
            }
        }
        return out
    }

    /// GitHub's anchor of a heading: lowercase, punctuation dropped, spaces as hyphens.
    static func anchor(_ heading: String) -> String {
        var out = ""
        for c in heading.lowercased() {
            if c.isLetter || c.isNumber || c == "-" || c == "_" { out.append(c) }
            else if c == " " { out.append("-") }
        }
        return out
    }

    static func anchors(_ markdown: String) -> Set<String> {
        var seen: [String: Int] = [:]
        var result = Set<String>()
        var fenced = false
        for line in markdown.split(separator: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { fenced.toggle(); continue }
            guard !fenced, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "")
            let base = anchor(title)
            let n = seen[base, default: 0]
            seen[base] = n + 1
            result.insert(n == 0 ? base : "\(base)-\(n)")
        }
        return result
    }

    func testEveryRelativeMarkdownLinkPointsToAnExistingFile() throws {
        let markdown = try Self.trackedFiles().filter { $0.hasSuffix(".md") }
        XCTAssertGreaterThan(markdown.count, 5)
        var checked = 0
        for rel in markdown {
            let text = String(decoding: try FileSystem.read(repositoryRoot + "/" + rel), as: UTF8.self)
            let dir = Paths.directory(of: repositoryRoot + "/" + rel)
            for (line, target) in Self.links(text) {
                if target.isEmpty || target.contains(":") { continue } // https:, mailto:…
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = parts[0].removingPercentEncoding ?? String(parts[0])
                let path = file.isEmpty ? repositoryRoot + "/" + rel : Paths.normalize(dir + "/" + file)
                checked += 1
                XCTAssertTrue(path.hasPrefix(repositoryRoot + "/"), "\(rel):\(line): « \(target) » leaves the repository")
                XCTAssertTrue(FileManager.default.fileExists(atPath: path), "\(rel):\(line): « \(target) » does not exist")
                if parts.count == 2, path.hasSuffix(".md"), let linked = try? FileSystem.read(path) {
                    let fragment = parts[1].removingPercentEncoding ?? String(parts[1])
                    XCTAssertTrue(Self.anchors(String(decoding: linked, as: UTF8.self)).contains(fragment),
                                  "\(rel):\(line): no heading « #\(fragment) » in \(file.isEmpty ? rel : file)")
                }
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }

    func testLinkAndAnchorExtraction() {
        let md = "a [x](b.md) `[c](d.md)` ![i](img.png) [e](https://x.fr)\n```\n[f](g.md)\n```\n[ref]: h/i.md \"t\"\n"
        XCTAssertEqual(Self.links(md).map(\.target), ["b.md", "img.png", "https://x.fr", "h/i.md"])
        XCTAssertEqual(Self.anchor("L'annuaire et utilise"), "lannuaire-et-utilise")
        XCTAssertEqual(Self.anchor("Les contrôles"), "les-contrôles")
        XCTAssertEqual(Self.anchors("# A\n## A\n```\n# B\n```\n"), ["a", "a-1"])
    }
}
