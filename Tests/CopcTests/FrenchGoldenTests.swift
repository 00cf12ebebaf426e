import XCTest
import Foundation

/// French is correct everywhere (issue 22): every golden of the repository — diagnostics
/// (`attendu.json`), diffs (`attendu/`), rendered documents (`rendu/`), bilans — is scanned,
/// in its prose only (not JSON, CSV or iCalendar data fields, not `.cop` source, not values
/// quoted as written), for ISO dates inside sentences, ungrouped numbers of five digits or
/// more, and plurals after one (« 1 jours », « 0,5 points »).
final class FrenchGoldenTests: XCTestCase {
    /// The golden files and the prose they hold.
    func goldens() throws -> [(String, String)] {
        let root = repositoryRoot + "/contracts"
        var out: [(String, String)] = []
        let walker = FileManager.default.enumerator(atPath: root)
        while let rel = walker?.nextObject() as? String {
            let path = root + "/" + rel
            let name = (rel as NSString).lastPathComponent
            let inGoldenFolder = rel.contains("/attendu/") || rel.contains("/rendu/")
            let isGolden = inGoldenFolder || name.hasPrefix("attendu") || (name.hasPrefix("bilan-") && !name.hasSuffix(".cop"))
            guard isGolden, FileManager.default.fileExists(atPath: path), !name.hasSuffix(".cop"), !name.hasSuffix(".cop.txt") else { continue }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            out.append((rel, Self.prose(of: text, name: name)))
        }
        return out
    }

    /// The prose of a golden: JSON messages and texts; HTML text outside tags, styles and
    /// scripts; Markdown and text as they are; CSV and iCalendar have none (data fields).
    static func prose(of text: String, name: String) -> String {
        var t = text
        if name.hasSuffix(".csv") || name.hasSuffix(".ics") { return "" }
        if name.hasSuffix(".json") {
            // Only what a person reads: messages, notes, texts.
            let re = try! NSRegularExpression(pattern: "\"(message|texte|resume|titre_note)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
            let ns = t as NSString
            t = re.matches(in: t, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 2)) }.joined(separator: "\n")
        }
        if name.hasSuffix(".html") {
            t = replace(t, "<style[^>]*>[\\s\\S]*?</style>", "")
            t = replace(t, "<script[^>]*>[\\s\\S]*?</script>", "")
            t = replace(t, "<svg[^>]*>[\\s\\S]*?</svg>", "")
            t = replace(t, "<(del|ins|code)[^>]*>[\\s\\S]*?</\\1>", " ")
            t = replace(t, "<[^>]*>", " ")
        }
        // Values as written: quoted, in code spans, deleted or inserted words.
        t = replace(t, "«[^«»\\n]*»", "«»")
        t = replace(t, "`[^`\\n]*`", "``")
        t = replace(t, "\\[-[\\s\\S]*?-\\]|\\{\\+[\\s\\S]*?\\+\\}", " ")
        return t
    }

    static func replace(_ s: String, _ pattern: String, _ with: String) -> String {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.stringByReplacingMatches(in: s, range: NSRange(location: 0, length: (s as NSString).length), withTemplate: with)
    }

    static func matches(_ s: String, _ pattern: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        let ns = s as NSString
        return re.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    /// An ISO date after a word that makes it part of a sentence.
    static let isoInSentence = "\\b(le|du|au|depuis|avant le|après le|signé le|établi le|achevé le|en vigueur le|approuvé le)[\\s\\u00A0]+\\d{4}-\\d{2}-\\d{2}\\b"
    /// Five digits or more in a row, not part of an identifier, a decimal part or a path.
    static let ungrouped = "(?<![\\p{L}\\d_./\\-:#,\\u202F])\\d{5,}(?![\\p{L}\\d_./\\-:])"
    /// One (or less than two) followed by a plural noun.
    static let pluralAfterOne = "(?<![\\d,\\u202F.])(1|0,\\d+|1,\\d+|\\+1|\\u22121|\\+0,\\d+|\\u22120,\\d+)[ \\u00A0](jours|points|ans|cibles|changements|éléments|actions|indicateurs|objectifs|années|avenants|délais|numéros|versions|bilans|avertissements|erreurs|notes)\\b"

    func testGoldensWriteFrenchProse() throws {
        let files = try goldens()
        XCTAssertGreaterThan(files.count, 30)
        var problems: [String] = []
        for (path, prose) in files {
            for m in Self.matches(prose, Self.isoInSentence) { problems.append("\(path) : date ISO dans une phrase « \(m) »") }
            for m in Self.matches(prose, Self.ungrouped) { problems.append("\(path) : nombre non groupé « \(m) »") }
            for m in Self.matches(prose, Self.pluralAfterOne) { problems.append("\(path) : pluriel après un « \(m) »") }
        }
        XCTAssertEqual(problems, [], problems.prefix(40).joined(separator: "\n"))
    }

    /// The scan itself catches what it must (a scan that cannot fail proves nothing).
    func testScanCatchesEachDefect() {
        XCTAssertEqual(Self.matches("en vigueur le 2025-02-14.", Self.isoInSentence).count, 1)
        XCTAssertEqual(Self.matches("\"en_vigueur_le\": \"2025-02-14\"", Self.isoInSentence).count, 0)
        XCTAssertEqual(Self.matches("soit −1683309,07 €", Self.ungrouped).count, 1)
        XCTAssertEqual(Self.matches("soit 1\u{202F}683\u{202F}309,07 €, axe A12345, 2024", Self.ungrouped).count, 0)
        XCTAssertEqual(Self.matches("écart +0,5 jours", Self.pluralAfterOne).count, 1)
        XCTAssertEqual(Self.matches("1 jours, 1 cibles", Self.pluralAfterOne).count, 2)
        XCTAssertEqual(Self.matches("21 jours, 11 cibles, 2,5 points", Self.pluralAfterOne).count, 0)
        XCTAssertEqual(Self.prose(of: "a;2025-02-14;1 jours", name: "x.csv"), "")
        XCTAssertFalse(Self.prose(of: "<p>le 2025-02-14</p><del>12345</del>", name: "x.html").contains("12345"))
    }
}
