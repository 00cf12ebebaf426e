import XCTest
@testable import CopcDiff
import CopcHTML

/// The word-level text diff.
final class WordDiffTests: XCTestCase {
    func tokens(_ s: String) -> [String] {
        let scalars = Array(s.unicodeScalars)
        return WordTokenizer.tokens(scalars).map { String(String.UnicodeScalarView(scalars[$0.range])) }
    }

    func assertReconstructs(_ old: String, _ new: String, _ d: WordDiff, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(d.oldText.unicodeScalars.elementsEqual(old.unicodeScalars), "ancien : \(old.debugDescription) ≠ \(d.oldText.debugDescription)", file: file, line: line)
        XCTAssertTrue(d.newText.unicodeScalars.elementsEqual(new.unicodeScalars), "nouveau : \(new.debugDescription) ≠ \(d.newText.debugDescription)", file: file, line: line)
        // No empty run, no two neighbours of the same kind.
        XCTAssertFalse(d.runs.contains { $0.text.isEmpty }, file: file, line: line)
        for (x, y) in zip(d.runs, d.runs.dropFirst()) {
            XCTAssertFalse(x.kind == y.kind, "\(d.runs)", file: file, line: line)
            XCTAssertFalse(x.kind == .inserted && y.kind == .deleted, "deletion first", file: file, line: line)
        }
    }

    func testTokenizer() {
        XCTAssertEqual(tokens("l'avenant n° 2"), ["l", "'", "avenant", " ", "n", "°", " ", "2"])
        XCTAssertEqual(tokens("Cible 2023 : 4 000 agents, 2,5 %"), ["Cible", " ", "2023", " ", ":", " ", "4 000", " ", "agents", ",", " ", "2,5", " ", "%"])
        XCTAssertEqual(tokens("1\u{202F}234\u{202F}567,5 €"), ["1\u{202F}234\u{202F}567,5", " ", "€"])
        XCTAssertEqual(tokens("objectif 1.1.a."), ["objectif", " ", "1.1.a", "."])
        XCTAssertEqual(tokens("de 2023 100 actions"), ["de", " ", "2023", " ", "100", " ", "actions"])
        XCTAssertEqual(tokens("«\u{202F}co-pilote\u{202F}»"), ["«", "\u{202F}", "co", "-", "pilote", "\u{202F}", "»"])
        XCTAssertEqual(tokens("a  \n\t b"), ["a", "  \n\t ", "b"])
        // Decomposed accents stay inside their word; emoji sequences stay whole.
        XCTAssertEqual(tokens("e\u{301}te\u{301} 👍🏽!👩‍💻"), ["e\u{301}te\u{301}", " ", "👍🏽", "!", "👩‍💻"])
        XCTAssertEqual(tokens(""), [])
    }

    func testIdenticalTextsHaveNoChange() {
        for s in ["", "a", "Objectif « santé » : 60 % !", String(repeating: "mot ", count: 500)] {
            let d = WordDiff.compare(s, s)
            XCTAssertFalse(d.hasChanges)
            XCTAssertEqual(d.runs, s.isEmpty ? [] : [WordRun(.same, s)])
            assertReconstructs(s, s, d)
        }
    }

    func testWhiteSpaceAloneIsNoChange() {
        let d = WordDiff.compare("Améliorer  la\nqualité", "Améliorer la qualité")
        XCTAssertFalse(d.hasChanges)
        XCTAssertEqual(d.runs.count, 1)
        XCTAssertEqual(d.runs[0].oldText, "Améliorer  la\nqualité")
        assertReconstructs("Améliorer  la\nqualité", "Améliorer la qualité", d)
    }

    func testAWordChanged() {
        let d = WordDiff.compare("Cible 2023 : 60 % des agents", "Cible 2023 : 65 % des agents")
        XCTAssertEqual(d.rendered(.plain), "Cible 2023 : [-60-]{+65+} % des agents")
        let e = WordDiff.compare("Former l'encadrement", "Former l'ensemble des agents")
        XCTAssertEqual(e.rendered(.plain), "Former l'[-encadrement-]{+ensemble des agents+}")
    }

    func testInsertionAndDeletionSlideToWordBoundaries() {
        XCTAssertEqual(WordDiff.compare("le chat", "le grand chat").rendered(.plain), "le {+grand +}chat")
        XCTAssertEqual(WordDiff.compare("le grand chat", "le chat").rendered(.plain), "le [-grand -]chat")
        XCTAssertEqual(WordDiff.compare("a b c", "a c").rendered(.plain), "a [-b -]c")
        XCTAssertEqual(WordDiff.compare("fin", "fin 2022").rendered(.plain), "fin{+ 2022+}")
        XCTAssertEqual(WordDiff.compare("la la la", "la la").rendered(.plain), "la [-la -]la")
    }

    func testNeighbouringChangesJoinAcrossSpaces() {
        let d = WordDiff.compare("le chat noir dort", "la chatte grise dort")
        XCTAssertEqual(d.rendered(.plain), "[-le chat noir-]{+la chatte grise+} dort")
        // A word in common keeps changes apart.
        XCTAssertEqual(WordDiff.compare("A B C D", "A X C Y").rendered(.plain), "A [-B-]{+X+} C [-D-]{+Y+}")
    }

    func testPunctuationGuillemetsAndAccents() {
        XCTAssertEqual(WordDiff.compare("« Bilan » validé.", "« Bilan annuel » validé !").rendered(.plain), "« Bilan {+annuel +}» validé[-.-]{+ !+}")
        XCTAssertEqual(WordDiff.compare("été", "éte").rendered(.plain), "[-été-]{+éte+}")
        // Canonically equivalent spellings still differ byte for byte: shown, and exact.
        let d = WordDiff.compare("\u{E9}t\u{E9}", "e\u{301}te\u{301}")
        XCTAssertTrue(d.hasChanges)
        assertReconstructs("\u{E9}t\u{E9}", "e\u{301}te\u{301}", d)
        // Numbers change as a whole.
        XCTAssertEqual(WordDiff.compare("4 000 agents", "5 000 agents").rendered(.plain), "[-4 000-]{+5 000+} agents")
    }

    func testMarkdownAndANSIStyles() {
        let d = WordDiff.compare("taux *brut* | 60 %", "taux net | 65 %\nfin")
        XCTAssertEqual(d.rendered(.markdown), "taux <del>\\*brut\\*</del><ins>net</ins> \\| <del>60</del><ins>65</ins> %<br><ins>fin</ins>")
        let a = WordDiff.compare("a b", "a c\u{1B}[2J").rendered(.ansi)
        XCTAssertEqual(a, "a \u{1B}[31;9mb\u{1B}[0m\u{1B}[32;4mc␛[2J\u{1B}[0m")
        // Spaces at the edge of a change go outside Markdown's markers.
        XCTAssertEqual(WordDiff.compare("x", "x y").rendered(.markdown), "x <ins>y</ins>")
    }

    func testRunsMapOntoTheHTMLLayer() {
        let d = WordDiff.compare("Cible : 60 %", "Cible : 65 %")
        let spans = d.runs.map { r -> MarkedSpan in
            switch r.kind {
            case .same: return MarkedSpan(.unchanged, r.text)
            case .deleted: return MarkedSpan(.deleted, r.text)
            case .inserted: return MarkedSpan(.inserted, r.text)
            }
        }
        let f = HTMLFragment.build { $0.marked(spans) }
        XCTAssertEqual(f.markup, "Cible\u{A0}: <del>60</del><ins>65</ins>\u{A0}%")
    }

    /// Thousands of random pairs built from a small vocabulary (so they share words): the runs
    /// always rebuild both texts, and a text compared with itself has no change.
    func testFuzzReconstructsBothTexts() {
        var rng = SeededRandom(seed: 2024)
        let vocabulary = ["le", "la", "cible", "2023", "60", "%", "4 000", " ", "  ", "\n", "«", "»", ":", ";", ",", ".", "l'", "avenant",
                          "é", "e\u{301}", "objectif", "1.1.a", "-", "👩‍💻", "\u{A0}", "\u{202F}", "\t", "?", "!", "agents", "x", "y"]
        func text() -> String {
            var s = ""
            for _ in 0..<Int.random(in: 0...25, using: &rng) { s += vocabulary[Int.random(in: 0..<vocabulary.count, using: &rng)] }
            return s
        }
        for _ in 0..<3000 {
            let old = text()
            // Half the time, a mutation of the old text; otherwise an unrelated one.
            var new = old
            if Bool.random(using: &rng) {
                var parts = old.components(separatedBy: " ")
                if !parts.isEmpty { parts[Int.random(in: 0..<parts.count, using: &rng)] = text() }
                new = parts.joined(separator: " ")
            } else {
                new = text()
            }
            let d = WordDiff.compare(old, new)
            assertReconstructs(old, new, d)
            XCTAssertFalse(d.isApproximate)
            XCTAssertFalse(WordDiff.compare(new, new).hasChanges)
        }
    }

    /// Texts with nothing in common cost the full search; past the limit the diff becomes a
    /// single replacement of the middle, still exact, and the work stays within the bound.
    func testPathologicalPairStaysWithinTheBound() {
        var rng = SeededRandom(seed: 9)
        func words(_ n: Int, _ prefix: String) -> String {
            (0..<n).map { _ in prefix + String(Int.random(in: 0..<1000, using: &rng)) }.joined(separator: " ")
        }
        let n = 40_000
        let old = "Début commun. " + words(n, "a") + " Fin commune."
        let new = "Début commun. " + words(n, "b") + " Fin commune."
        let limit = 200_000
        let d = WordDiff.compare(old, new, costLimit: limit)
        XCTAssertTrue(d.isApproximate)
        let tokens = 2 * (2 * n + 8)
        XCTAssertLessThanOrEqual(d.cost, limit + 3 * tokens)
        assertReconstructs(old, new, d)
        XCTAssertEqual(d.runs.map(\.kind), [.same, .deleted, .inserted, .same])
        XCTAssertTrue(d.runs[0].text.hasPrefix("Début commun."))
        XCTAssertTrue(d.runs[3].text.hasSuffix("Fin commune."))

        // Many scattered changes in a long text: exact within the default limit, and the cost
        // grows with the number of changes, not with the square of the length.
        var base = (0..<5000).map { "m\($0)" }
        let original = base.joined(separator: " ")
        for k in stride(from: 0, to: 5000, by: 100) { base[k] = "changé\(k)" }
        let changed = base.joined(separator: " ")
        let e = WordDiff.compare(original, changed)
        XCTAssertFalse(e.isApproximate)
        assertReconstructs(original, changed, e)
        XCTAssertEqual(e.runs.filter { $0.kind == .inserted }.count, 50)
        XCTAssertLessThan(e.cost, 20 * 10_000 * 2)

        // A zero limit still gives an exact (whole-text) answer.
        let z = WordDiff.compare("a b c", "a x c", costLimit: 0)
        assertReconstructs("a b c", "a x c", z)
    }
}
