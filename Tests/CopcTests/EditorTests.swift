import XCTest
import Foundation

/// The editor files: the TextMate grammar and the declarative VS Code extension that ships a
/// copy of it. Tokenising real contracts with Oniguruma, VS Code's regex engine, is
/// `scripts/verifier-grammaire-tm.py` (it needs a Python binding of Oniguruma).
final class EditorTests: XCTestCase {
    let grammarPath = repositoryRoot + "/grammar/copc.tmLanguage.json"
    let extensionDir = repositoryRoot + "/editors/vscode"

    func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], path)
    }

    func testGrammarIsValidJSONWithItsScope() throws {
        let g = try json(grammarPath)
        XCTAssertEqual(g["scopeName"] as? String, "source.copc")
        XCTAssertEqual(g["fileTypes"] as? [String], ["cop"])
        XCTAssertFalse((g["patterns"] as? [Any] ?? []).isEmpty)
    }

    /// Every `include` names a rule of the repository; every rule of the repository is used.
    func testGrammarIncludesResolve() throws {
        let g = try json(grammarPath)
        let repository = try XCTUnwrap(g["repository"] as? [String: Any])
        var included = Set<String>()
        func walk(_ x: Any) {
            if let d = x as? [String: Any] {
                if let inc = d["include"] as? String {
                    XCTAssertTrue(inc == "$self" || (inc.hasPrefix("#") && repository[String(inc.dropFirst())] != nil), "include \(inc)")
                    included.insert(String(inc.dropFirst()))
                }
                d.values.forEach(walk)
            } else if let a = x as? [Any] {
                a.forEach(walk)
            }
        }
        walk(g)
        XCTAssertEqual(Set(repository.keys).subtracting(included), [], "unused rules")
    }

    /// A first line of defence before the Oniguruma check: every pattern also compiles with
    /// ICU (the two engines agree on the constructs the grammar uses: classes, look-arounds,
    /// `(?i)`, `\x{…}`), and a few lines match where they should.
    func testGrammarPatternsCompile() throws {
        let g = try json(grammarPath)
        var patterns: [String] = []
        func walk(_ x: Any) {
            if let d = x as? [String: Any] {
                for key in ["match", "begin", "end"] { if let p = d[key] as? String { patterns.append(p) } }
                d.values.forEach(walk)
            } else if let a = x as? [Any] {
                a.forEach(walk)
            }
        }
        walk(g)
        XCTAssertGreaterThan(patterns.count, 40)
        for p in patterns {
            XCTAssertNoThrow(try NSRegularExpression(pattern: p), p)
        }
        let repository = g["repository"] as! [String: [String: Any]]
        func matches(_ rule: String, _ key: String, _ line: String) throws -> Bool {
            let re = try NSRegularExpression(pattern: repository[rule]![key] as! String)
            return re.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
        }
        XCTAssertTrue(try matches("element-header", "begin", "Référent DGOS « DGOS »"))
        XCTAssertTrue(try matches("element-header", "begin", "sous-objectif « Sans numéro »"))
        XCTAssertFalse(try matches("element-header", "begin", "  référent : DGOS"), "a key, not a header")
        XCTAssertTrue(try matches("change-header", "begin", "modifier indicateur 1.1.a"))
        XCTAssertTrue(try matches("directive", "begin", "# copc: ignorer COP500"))
        XCTAssertTrue(try matches("property", "begin", "  cible 2023 .. 2025 (national) : 4 000"))
    }

    /// VS Code reads only files inside the extension: the copy must be the grammar, byte for byte.
    func testVSCodeCopyOfTheGrammarIsIdentical() throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: grammarPath))
        let copy = try Data(contentsOf: URL(fileURLWithPath: extensionDir + "/syntaxes/copc.tmLanguage.json"))
        XCTAssertEqual(copy, original, "recopiez grammar/copc.tmLanguage.json dans editors/vscode/syntaxes/")
    }

    func testVSCodeManifestContributesTheLanguageAndGrammar() throws {
        let manifest = try json(extensionDir + "/package.json")
        XCTAssertNil(manifest["main"], "declarative: no code, nothing to build or npm-install")
        XCTAssertNil(manifest["dependencies"])
        XCTAssertNotNil((manifest["engines"] as? [String: String])?["vscode"])
        let contributes = try XCTUnwrap(manifest["contributes"] as? [String: Any])
        let language = try XCTUnwrap((contributes["languages"] as? [[String: Any]])?.first)
        XCTAssertEqual(language["id"] as? String, "copc")
        XCTAssertEqual(language["extensions"] as? [String], [".cop"])
        let configuration = try XCTUnwrap(language["configuration"] as? String)
        XCTAssertTrue(FileManager.default.fileExists(atPath: extensionDir + "/" + configuration), configuration)
        let grammar = try XCTUnwrap((contributes["grammars"] as? [[String: Any]])?.first)
        XCTAssertEqual(grammar["language"] as? String, "copc")
        XCTAssertEqual(grammar["scopeName"] as? String, "source.copc")
        let path = try XCTUnwrap(grammar["path"] as? String)
        XCTAssertEqual(try json(extensionDir + "/" + path)["scopeName"] as? String, "source.copc")
    }

    func testLanguageConfiguration() throws {
        let c = try json(extensionDir + "/language-configuration.json")
        XCTAssertEqual((c["comments"] as? [String: String])?["lineComment"], "#")
        let pairs = (c["autoClosingPairs"] as? [[String: Any]] ?? []).map { "\($0["open"]!)\($0["close"]!)" }
        XCTAssertEqual(Set(pairs), ["«»", "\"\"", "()"])
        let surrounding = (c["surroundingPairs"] as? [[String]] ?? []).map { $0.joined() }
        XCTAssertEqual(Set(surrounding), ["«»", "\"\"", "()"])
        // Double-clicking an identifier selects all of it, dots and dashes included.
        let word = try NSRegularExpression(pattern: try XCTUnwrap(c["wordPattern"] as? String))
        let line = "  pilote : DGOS.SDRH, CNG-DG"
        let words = word.matches(in: line, range: NSRange(line.startIndex..., in: line)).map { String(line[Range($0.range, in: line)!]) }
        XCTAssertEqual(words, ["pilote", "DGOS.SDRH", "CNG-DG"])
    }
}
