import XCTest
import Foundation
import CopcDiff

/// The unified line diff of `copc fmt --diff`: applying its hunks to the old text gives the
/// new one, headers count what they hold, and context is 3 lines.
final class LineDiffTests: XCTestCase {
    /// Applies a unified diff to `old` (the test's own reader of the format).
    func apply(_ diff: String, to old: String) -> String {
        var a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if old.hasSuffix("\n") { a.removeLast() }
        var out: [String] = []
        var cursor = 0
        let lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
        var k = 2
        while k < lines.count {
            let header = lines[k]
            XCTAssertTrue(header.hasPrefix("@@ -"), header)
            let nums = header.split(whereSeparator: { !"0123456789".contains($0) }).compactMap { Int($0) }
            let (aStart, aCount, bCount) = (nums[0], nums[1], nums[3])
            let from = aCount == 0 ? aStart : aStart - 1
            out += a[cursor..<from]
            cursor = from
            k += 1
            var seenA = 0, seenB = 0
            while k < lines.count, !lines[k].hasPrefix("@@") {
                let l = lines[k]
                switch l.first {
                case " ": XCTAssertEqual(a[cursor], String(l.dropFirst())); out.append(a[cursor]); cursor += 1; seenA += 1; seenB += 1
                case "-": XCTAssertEqual(a[cursor], String(l.dropFirst())); cursor += 1; seenA += 1
                case "+": out.append(String(l.dropFirst())); seenB += 1
                default: XCTFail("bad line \(l)")
                }
                k += 1
            }
            XCTAssertEqual(seenA, aCount, header)
            XCTAssertEqual(seenB, bCount, header)
        }
        out += a[cursor...]
        return out.map { $0 + "\n" }.joined()
    }

    func testHunksApply() {
        let base = (1...40).map { "ligne \($0)" }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var b = base
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let i = Int.random(in: 0..<max(1, b.count), using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: if !b.isEmpty { b.remove(at: i) }
                case 1: b.insert("nouvelle \(i)", at: min(i, b.count))
                default: if !b.isEmpty { b[i] = "changée \(i)" }
                }
            }
            let old = base.map { $0 + "\n" }.joined(), new = b.map { $0 + "\n" }.joined()
            let d = LineDiff.unified(old: old, new: new, path: "c.cop")
            if old == new { XCTAssertEqual(d, ""); continue }
            XCTAssertTrue(d.hasPrefix("--- a/c.cop\n+++ b/c.cop\n@@ -"), d)
            XCTAssertEqual(apply(d, to: old), new, d)
        }
    }

    func testOneChangeHasThreeLinesOfContext() {
        let old = (1...10).map { "l\($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "l5\n", with: "L5\n")
        XCTAssertEqual(LineDiff.unified(old: old, new: new, path: "x"), "--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n")
    }
}
