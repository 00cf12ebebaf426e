import XCTest
@testable import CopcDriver
import CopcDiagnostics

/// `NumberingSequence` reads ASCII ids from bytes (`ASCIIIds`) and any other id on Characters:
/// both readings must give the same COP203/COP204 diagnostics. A last axe with a non-ASCII id
/// and no number (which numbering skips) sends the whole version down the Character path.
final class NumberingFastPathTests: XCTestCase {
    struct Rng {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    func numbering(_ text: String) -> [String] {
        check(text).filter { $0.code == .cop203 || $0.code == .cop204 }
            .map { "\($0.span?.start.line ?? 0) \($0.code.rawValue) \($0.message)" }.sorted()
    }

    func testByteAndCharacterReadingsAgree() {
        var rng = Rng(state: 12)
        var seen = 0
        for _ in 0..<150 {
            var s = "contrat C1 « Essai »\n  type : COP\n  période : 2021 .. 2023\n  signé le : 2021-03-12\nréférent DGOS « D »\n"
            let sep = ["." , "-"]
            for a in 1...(1 + rng.next(3)) {
                let ax = rng.next(5) == 0 ? a + 1 + rng.next(3) : a
                s += "axe \(ax) « Axe »\n"
                for o in 1...(1 + rng.next(4)) {
                    let ob = rng.next(6) == 0 ? o + rng.next(4) : o
                    let oid = "\(ax)\(sep[rng.next(5) == 0 ? 1 : 0])\(ob)"
                    s += "objectif \(oid) « O »\n  pilote : DGOS\n"
                    for n in 1...(1 + rng.next(4)) {
                        let num = rng.next(5) == 0 ? n + rng.next(5) : n
                        let suffix = rng.next(8) == 0 ? "bis" : ""
                        let pad = rng.next(10) == 0 ? "0" : ""
                        s += "action \(oid).\(pad)\(num)\(suffix) « A »\n  délai : fin 2022\n"
                    }
                    let letters = Array("abcdefgh")
                    for l in 0..<(1 + rng.next(4)) {
                        let li = min(7, rng.next(5) == 0 ? l + rng.next(3) : l)
                        let implied = rng.next(4) == 0 ? ".\(1 + rng.next(2))" : ""
                        s += "indicateur \(oid).\(letters[li])\(implied) « I »\n  unité : %\n  cible 2021 .. 2023 : 50 %\n"
                    }
                }
            }
            let fast = numbering(s)
            let slow = numbering(s + "axe É « Axe sans numéro »\n")
            XCTAssertEqual(fast, slow, s)
            seen += fast.count
        }
        XCTAssertGreaterThan(seen, 50, "the generated contracts must have numbering defects")
    }
}
