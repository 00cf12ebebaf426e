import XCTest
import CopcSource
import CopcDiagnostics
import CopcSyntax

final class LexerTests: XCTestCase {
    func kinds(_ s: String) -> [TokenKind] {
        Lexer.lex(SourceFile(path: "t", text: s)).tokens.map(\.kind)
    }

    func testPunctuationAndWords() {
        XCTAssertEqual(kinds("délai (directeurs) : fin 2022\n"),
                       [.word, .lparen, .word, .rparen, .colon, .word, .word, .newline, .endOfFile])
        XCTAssertEqual(kinds("2021..2025"), [.word, .dotdot, .word, .endOfFile])
        XCTAssertEqual(kinds("≥ 80 % >= <= < >"), [.greaterEqual, .word, .percent, .greaterEqual, .lessEqual, .less, .greater, .endOfFile])
    }

    func testDecimalCommaStaysInWordButListCommaSplits() {
        let f = SourceFile(path: "t", text: "2,29 DGOS, DGS")
        let toks = Lexer.lex(f).tokens
        XCTAssertEqual(f.text(toks[0].range), "2,29")
        XCTAssertEqual(toks.map(\.kind), [.word, .word, .comma, .word, .endOfFile])
    }

    func testNoBreakSpacesSeparateWords() {
        let f = SourceFile(path: "t", text: "4\u{A0}000\u{202F}000")
        XCTAssertEqual(Lexer.lex(f).tokens.map(\.kind), [.word, .word, .word, .endOfFile])
    }

    func testStringsGuillemetsAndTextBlocks() {
        let f = SourceFile(path: "t", text: "« Un « titre » cité » \"a \\\" b\" \"\"\"\n  x\n    y\n  \"\"\"")
        let s = Lexer.lex(f)
        XCTAssertTrue(s.diagnostics.isEmpty)
        XCTAssertEqual(s.tokens.map(\.kind), [.guillemets, .string, .textBlock, .endOfFile])
        XCTAssertEqual(TokenText.value(of: s.tokens[0], in: f), "Un « titre » cité")
        XCTAssertEqual(TokenText.value(of: s.tokens[1], in: f), "a \" b")
        XCTAssertEqual(TokenText.value(of: s.tokens[2], in: f), "x\n  y")
    }

    func testUnterminatedStringsAreReportedAndLexingGoesOn() {
        let s = Lexer.lex(SourceFile(path: "t", text: "\"abc\nx « y\nz \"\"\"\n"))
        XCTAssertEqual(s.diagnostics.map(\.code), [.cop101, .cop101, .cop101])
        XCTAssertTrue(s.tokens.contains { $0.kind == .newline })
    }

    func testInvalidUTF8GivesOffset() {
        let f = SourceFile(path: "t", bytes: Array("ab ".utf8) + [0xFF] + Array(" cd".utf8))
        let s = Lexer.lex(f)
        XCTAssertEqual(s.diagnostics.map(\.code), [.cop001])
        XCTAssertEqual(s.diagnostics[0].text, "séquence UTF-8 invalide à l'octet 3")
    }

    func testUnexpectedCharacter() {
        let s = Lexer.lex(SourceFile(path: "t", text: "a @ b"))
        XCTAssertEqual(s.diagnostics.map(\.code), [.cop100])
        XCTAssertEqual(s.diagnostics[0].span?.start, LineColumn(line: 1, column: 3))
    }

    func testInvalidRunsMergeAndAreCappedPerFile() {
        // Adjacent invalid bytes are one diagnostic.
        let run = Lexer.lex(SourceFile(path: "t", bytes: Array("a ".utf8) + [0, 0, 0] + Array(" b".utf8)))
        XCTAssertEqual(run.diagnostics.count, 1)
        XCTAssertEqual(run.diagnostics[0].span?.range, ByteRange(2, 5))
        // A binary file gives at most the cap plus one summary.
        var bytes: [UInt8] = []
        for _ in 0..<1000 { bytes += [UInt8(ascii: "a"), 0] }
        let s = Lexer.lex(SourceFile(path: "t", bytes: bytes))
        XCTAssertEqual(s.diagnostics.count, 21)
        XCTAssertEqual(s.diagnostics.last?.message, .tooManyInvalidCharacters(980))
        XCTAssertEqual(s.tokens.filter { $0.kind == .invalid }.count, 1000)
    }

    func testCommentsAreKeptAside() {
        let f = SourceFile(path: "t", text: "a # copc: ignorer COP500\r\nb")
        let s = Lexer.lex(f)
        XCTAssertEqual(s.comments.count, 1)
        XCTAssertEqual(f.text(s.comments[0]), "# copc: ignorer COP500")
        XCTAssertEqual(s.tokens.map(\.kind), [.word, .newline, .word, .endOfFile])
    }

    func testBOMIsSkippedAndColumnsCountScalars() {
        let f = SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("délai : x".utf8))
        XCTAssertEqual(f.text(ByteRange(0, 6)), "délai")
        XCTAssertEqual(f.location(of: 8), LineColumn(line: 1, column: 8))
        XCTAssertEqual(f.utf16Column(of: 8), 7)
    }
}
