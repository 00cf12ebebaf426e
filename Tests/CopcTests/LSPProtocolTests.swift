import XCTest
import CopcSource
@testable import CopcLSP

/// The hand-written JSON, the Content-Length framing and the UTF-16 positions of the server.
final class JSONTests: XCTestCase {
    func parse(_ s: String) throws -> JSONValue { try JSONParser.parse(s) }

    func testScalarsAndStructure() throws {
        XCTAssertEqual(try parse(#" {"a": [1, -2, 3.5, 1e3, -0.25E-2, true, false, null], "b": {}} "#),
                       ["a": [1, -2, 3.5, 1000.0, -0.0025, true, false, nil], "b": [:]])
        XCTAssertEqual(try parse("9223372036854775807"), .int(Int.max))
        XCTAssertEqual(try parse("9223372036854775808"), .double(9223372036854775808), "beyond Int: a double, no trap")
        XCTAssertEqual(try parse("[]"), [])
        XCTAssertEqual(try parse(#"{"k": 1, "k": 2}"#)["k"], 2, "the last duplicate wins")
    }

    func testEscapesAndSurrogatePairs() throws {
        XCTAssertEqual(try parse(#""\"\\\/\b\f\n\r\t""#), .string("\"\\/\u{8}\u{C}\n\r\t"))
        XCTAssertEqual(try parse(#""\u00e9t\u00C9""#), .string("étÉ"))
        XCTAssertEqual(try parse(#""\ud83c\udfaf cible""#), .string("🎯 cible"), "a surrogate pair is one scalar")
        XCTAssertEqual(try parse(#""a\ud83cb""#), .string("a\u{FFFD}b"), "a lone high surrogate")
        XCTAssertEqual(try parse(#""\udfaf""#), .string("\u{FFFD}"), "a lone low surrogate")
        XCTAssertEqual(try parse(#""\ud83c\u0041""#), .string("\u{FFFD}A"), "a high surrogate followed by a non-surrogate")
        XCTAssertEqual(try parse("\"délai 🎯\""), .string("délai 🎯"), "raw UTF-8")
    }

    func testMalformedInputIsAnErrorNotACrash() {
        for bad in ["", " ", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", "+1", ".5", "1e", "tru", "nul",
                    "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"a\nb\"", "{1: 2}", "[1] 2", "\u{0}", "'a'", "NaN", "Infinity"] {
            XCTAssertThrowsError(try parse(bad), bad.debugDescription)
        }
        XCTAssertThrowsError(try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]), "invalid UTF-8 in a string")
    }

    func testDeepNestingIsCappedWithAnError() throws {
        let depth = JSONParser.maxDepth
        XCTAssertNoThrow(try parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)))
        XCTAssertThrowsError(try parse(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)))
        // A million open brackets: an error, no stack overflow.
        XCTAssertThrowsError(try parse(String(repeating: "[", count: 1_000_000))) { e in
            XCTAssertTrue((e as? JSONError)?.message.contains("profonde") == true, "\(e)")
        }
        XCTAssertThrowsError(try parse(String(repeating: "{\"a\":", count: 100_000)))
    }

    func testSerializerEscapesAndRoundTrips() throws {
        let v: JSONValue = ["texte": .string("« guillemets » \"droits\" \\ \n\t\u{1} 🎯"), "n": [0, -7, 2.5, 1e-6, 3.0], "vide": [:], "rien": nil]
        let s = JSONSerializer.string(v)
        XCTAssertEqual(s, #"{"texte":"« guillemets » \"droits\" \\ \n\t\u0001 🎯","n":[0,-7,2.5,0.000001,3],"vide":{},"rien":null}"#)
        XCTAssertEqual(try parse(s), v)
        XCTAssertEqual(JSONSerializer.string(.double(.nan)), "null", "NaN is not JSON")
        XCTAssertEqual(JSONSerializer.string(.double(.infinity)), "null")
    }

    func testObjectKeepsKeyOrder() {
        let v: JSONValue = ["z": 1, "a": 2, "m": 3]
        XCTAssertEqual(JSONSerializer.string(v), #"{"z":1,"a":2,"m":3}"#)
    }
}

final class FramingTests: XCTestCase {
    func frame(_ body: String) -> [UInt8] { MessageFramer.frame(Array(body.utf8)) }

    func events(_ chunks: [[UInt8]]) -> [FrameEvent] {
        var f = MessageFramer()
        var out: [FrameEvent] = []
        for c in chunks {
            f.append(c)
            while let e = f.next() { out.append(e) }
        }
        return out
    }

    func messages(_ evs: [FrameEvent]) -> [String] {
        evs.compactMap { if case .message(let b) = $0 { return String(decoding: b, as: UTF8.self) } else { return nil } }
    }

    func testTwoMessagesInOneChunkAndOneByteAtATime() {
        let bytes = frame(#"{"a":"é"}"#) + Array("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n".utf8) + frame("[2]")
        XCTAssertEqual(messages(events([bytes])), [#"{"a":"é"}"#, "[2]"])
        XCTAssertEqual(messages(events(bytes.map { [$0] })), [#"{"a":"é"}"#, "[2]"], "split anywhere, even inside é")
        XCTAssertEqual(Array(frame("é").prefix(18)), Array("Content-Length: 2\r".utf8), "the length counts bytes")
    }

    func testGarbageHeadersAreSkippedAndTheStreamResynchronises() {
        let cases: [(String, [UInt8])] = [
            ("no Content-Length", Array("Salut\r\n\r\n".utf8)),
            ("non-numeric length", Array("Content-Length: douze\r\n\r\n".utf8)),
            ("negative length", Array("Content-Length: -5\r\n\r\n".utf8)),
            ("huge length", Array("Content-Length: 99999999999\r\n\r\n".utf8)),
        ]
        for (name, garbage) in cases {
            let evs = events([garbage + frame("{}")])
            XCTAssertEqual(messages(evs), ["{}"], name)
            XCTAssertTrue(evs.contains { if case .skipped = $0 { return true } else { return false } }, name)
        }
        // Garbage glued in front of the header line, and LF-only line ends.
        XCTAssertEqual(messages(events([Array("xx Content-Length: 2\n\n{}".utf8)])), ["{}"])
        // A header that never ends is dropped after the limit, keeping a later real header.
        let noise = [UInt8](repeating: UInt8(ascii: "x"), count: MessageFramer.maxHeaderBytes + 10)
        XCTAssertEqual(messages(events([noise, frame("[1]")])), ["[1]"])
        XCTAssertEqual(messages(events([noise + frame("[1]")])), ["[1]"])
    }

    func testIncompleteBodyWaits() {
        var f = MessageFramer()
        f.append(Array("Content-Length: 4\r\n\r\n[1".utf8))
        XCTAssertNil(f.next())
        XCTAssertTrue(f.hasBufferedBytes)
        f.append(Array("0]".utf8))
        XCTAssertEqual(f.next(), .message(Array("[10]".utf8)))
        XCTAssertFalse(f.hasBufferedBytes)
    }
}

final class PositionTests: XCTestCase {
    // "é" is 2 bytes and 1 UTF-16 unit; "🎯" is 4 bytes and 2 UTF-16 units (outside the BMP).
    let text = "objectif 1 « Été 🎯 cible »\n  pilote : DGOS\n"

    func testUTF16ColumnsWithAccentsAndEmoji() {
        let f = SourceFile(path: "t.cop", text: text)
        let bytes = Array(text.utf8)
        let cible = bytes.firstRange(of: Array("cible".utf8))!.lowerBound
        // Columns: "objectif 1 « " is 13 units, "Été " 4, "🎯" 2, " " 1.
        XCTAssertEqual(LSPPosition(f, offset: cible), LSPPosition(line: 0, character: 20))
        XCTAssertEqual(LSPPosition(line: 0, character: 20).offset(in: f), cible)
        let dgos = bytes.firstRange(of: Array("DGOS".utf8))!.lowerBound
        XCTAssertEqual(LSPPosition(f, offset: dgos), LSPPosition(line: 1, character: 11))
        // Every offset at a scalar boundary round-trips.
        var k = 0
        while k <= bytes.count {
            if k == bytes.count || bytes[k] & 0xC0 != 0x80 {
                XCTAssertEqual(LSPPosition(f, offset: k).offset(in: f), k, "offset \(k)")
            }
            k += 1
        }
        // Past the end of a line: the end of that line (LSP's rule); past the last line: the end.
        XCTAssertEqual(LSPPosition(line: 1, character: 500).offset(in: f), bytes.count - 1)
        XCTAssertEqual(LSPPosition(line: 9, character: 0).offset(in: f), bytes.count)
    }

    func testIncrementalEditWithEmoji() {
        // Replace "🎯" (characters 17..<19 of line 0) with "✓", then insert after "DGOS".
        var t = TextEdits.apply("✓", in: LSPRange(start: LSPPosition(line: 0, character: 17), end: LSPPosition(line: 0, character: 19)),
                                to: Array(text.utf8))
        XCTAssertEqual(String(decoding: t, as: UTF8.self), "objectif 1 « Été ✓ cible »\n  pilote : DGOS\n")
        t = TextEdits.apply(", DSS", in: LSPRange(start: LSPPosition(line: 1, character: 15), end: LSPPosition(line: 1, character: 15)), to: t)
        XCTAssertEqual(String(decoding: t, as: UTF8.self), "objectif 1 « Été ✓ cible »\n  pilote : DGOS, DSS\n")
    }

    func testFileURIs() {
        XCTAssertEqual(FileURI.path(of: "file:///tmp/contrats%20COG/r%C3%A9f%C3%A9rents.cop"), "/tmp/contrats COG/référents.cop")
        XCTAssertEqual(FileURI.uri(of: "/tmp/contrats COG/référents.cop"), "file:///tmp/contrats%20COG/r%C3%A9f%C3%A9rents.cop")
        XCTAssertEqual(FileURI.path(of: "file://localhost/a/b.cop"), "/a/b.cop")
        XCTAssertNil(FileURI.path(of: "untitled:Untitled-1"))
        XCTAssertNil(FileURI.path(of: "file:///a%2"), "truncated escape")
        XCTAssertNil(FileURI.path(of: "file:///a%FF"), "escape that is not UTF-8")
        XCTAssertNil(FileURI.path(of: "file://serveur/partage/a.cop"), "another host")
    }
}
