import XCTest
import CopcLanguage
import CopcSource
import CopcDiagnostics
import CopcSema
import CopcDriver

/// The whole check (read, parse, build, assemble, consolidate, rules) on small texts.
final class PipelineTests: XCTestCase {
    func testCleanSkeletonHasNoDiagnostic() {
        XCTAssertEqual(summary(check(cleanContract)), [])
    }

    /// One typo gives one diagnostic, and the rest of the file is still checked.
    func testRecoveryAfterMisspelledHeaderKeepsChecking() {
        let text = cleanContract + """
        objectf 1.2 « Mal écrit »
          pilote : DGOS
          texte : « propriétés avalées sans bruit »
        action 1.1.2 « Après la faute »
          délai : fin 2026
        """
        let ds = check(text)
        XCTAssertEqual(summary(ds), ["14:COP102", "18:COP300"])
        XCTAssertTrue(ds[0].text.contains("vouliez-vous dire « objectif »"), ds[0].text)
    }

    func testRecoveryAfterMissingColonKeepsChecking() {
        let ds = check(cleanContract.replacingOccurrences(of: "unité : %", with: "unité %") + "action 1.1.2 « X »\n  délai : 2030\n")
        XCTAssertEqual(summary(ds), ["12:COP102", "15:COP300"])
    }

    func testUtiliseKeepsHeaderOpen() {
        let ds = check([("c.cop", "contrat C « x »\n  utilise « a.cop »\n  période : 2021 .. 2022\n"),
                        ("a.cop", "annuaire A « a »\nréférent DGOS « d »\n")])
        XCTAssertEqual(summary(ds), [])
    }

    /// Deterministic mutation fuzz: the parser and checker never crash, every diagnostic has a
    /// code and a place inside its file.
    func testMutatedInputsNeverCrash() {
        let base = Array((cleanContract + "avenant 1 au contrat C1 « a »\nmodifier indicateur 1.1.a\n  cible 2022 : 60 %\n").utf8)
        let alphabet: [[UInt8]] = [[0xFF], [0xC3], Array("«".utf8), Array("»".utf8), Array("\"".utf8), Array("\"\"\"".utf8),
                                   Array(":".utf8), Array("\n".utf8), Array("..".utf8), Array("(".utf8), Array("#".utf8),
                                   Array("é".utf8), [0x00], Array("\r".utf8), Array("€".utf8), Array("cible".utf8)]
        var seed: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return Int(seed % 1_000_000)
        }
        for _ in 0..<400 {
            var bytes = base
            for _ in 0..<(1 + next() % 4) {
                let at = next() % (bytes.count + 1)
                switch next() % 3 {
                case 0: bytes.insert(contentsOf: alphabet[next() % alphabet.count], at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = alphabet[next() % alphabet.count][0] }
                }
            }
            let result = Driver.check(sources: [("f.cop", bytes)], options: CheckOptions(au: testDate))
            for d in result.diagnostics {
                XCTAssertFalse(d.text.isEmpty)
                XCTAssertTrue(d.code.rawValue.hasPrefix("COP"))
                if let s = d.span { XCTAssertLessThanOrEqual(s.range.end, s.file.bytes.count) }
            }
        }
    }
}
