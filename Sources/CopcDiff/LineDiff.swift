/// A unified line diff (`diff -u`), for `copc fmt --check --diff`: what the formatter would
/// change, as users of `black --diff`, `ruff format --diff` or `gofmt -d` expect.
///
/// Myers' O(ND) algorithm over lines (after trimming the common prefix and suffix), keeping
/// the frontier of each step; past `maxEdits` edits the remaining middle is shown as one
/// replacement, so time and memory stay bounded on any input.
public enum LineDiff {
    /// Most edits searched for before falling back to one replacement hunk.
    public static let maxEdits = 2_000

    public enum Op: Equatable, Sendable { case same(Int, Int), deleted(Int), inserted(Int) }

    /// The edit script turning `a` into `b` (indices into each).
    public static func ops(_ a: [Substring], _ b: [Substring]) -> [Op] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let n = a.count - prefix - suffix, m = b.count - prefix - suffix
        var out: [Op] = (0..<prefix).map { .same($0, $0) }
        out += middle(a, b, prefix, n, m)
        out += (0..<suffix).map { .same(a.count - suffix + $0, b.count - suffix + $0) }
        return out
    }

    static func middle(_ a: [Substring], _ b: [Substring], _ off: Int, _ n: Int, _ m: Int) -> [Op] {
        let fallback: [Op] = (0..<n).map { .deleted(off + $0) } + (0..<m).map { .inserted(off + $0) }
        if n == 0 || m == 0 { return fallback }
        let maxD = min(n + m, maxEdits)
        let size = 2 * maxD + 1
        var v = [Int](repeating: 0, count: size)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[k - 1 + maxD] < v[k + 1 + maxD])) ? v[k + 1 + maxD] : v[k - 1 + maxD] + 1
                var y = x - k
                while x < n, y < m, a[off + x] == b[off + y] { x += 1; y += 1 }
                v[k + maxD] = x
                if x >= n && y >= m { found = true; break search }
            }
        }
        guard found else { return fallback }
        // Walk back through the frontiers.
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && v[k - 1 + maxD] < v[k + 1 + maxD])) ? k + 1 : k - 1
            let prevX = d == 0 ? 0 : v[prevK + maxD]
            let prevY = prevX - prevK
            while x > prevX && y > prevY { x -= 1; y -= 1; ops.append(.same(off + x, off + y)) }
            if d > 0 {
                if x == prevX { y -= 1; ops.append(.inserted(off + y)) } else { x -= 1; ops.append(.deleted(off + x)) }
            }
        }
        while x > 0 && y > 0 { x -= 1; y -= 1; ops.append(.same(off + x, off + y)) }
        return ops.reversed()
    }

    /// `--- a/PATH`, `+++ b/PATH`, then hunks with `context` lines around each change; empty
    /// when the texts are equal.
    public static func unified(old: String, new: String, path: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        func lines(_ s: String) -> [Substring] {
            var l = s.split(separator: "\n", omittingEmptySubsequences: false)
            if s.hasSuffix("\n") { l.removeLast() }
            return l
        }
        let a = lines(old), b = lines(new)
        let script = ops(a, b)
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        var k = 0
        while k < script.count {
            guard let firstChange = script[k...].firstIndex(where: { if case .same = $0 { return false }; return true }) else { break }
            let start = max(k, firstChange - context)
            var end = firstChange
            // Extend the hunk while changes are within 2 × context of each other.
            var lastChange = firstChange
            var j = firstChange
            while j < script.count {
                if case .same = script[j] {
                    if j - lastChange > 2 * context { break }
                } else { lastChange = j }
                j += 1
            }
            end = min(script.count, lastChange + context + 1)
            var aStart = 0, bStart = 0, aCount = 0, bCount = 0
            var body = ""
            var firstA: Int?, firstB: Int?
            for op in script[start..<end] {
                switch op {
                case .same(let i, let jb):
                    if firstA == nil { firstA = i }; if firstB == nil { firstB = jb }
                    aCount += 1; bCount += 1; body += " " + a[i] + "\n"
                case .deleted(let i):
                    if firstA == nil { firstA = i }
                    aCount += 1; body += "-" + a[i] + "\n"
                case .inserted(let jb):
                    if firstB == nil { firstB = jb }
                    bCount += 1; body += "+" + b[jb] + "\n"
                }
            }
            aStart = (firstA ?? 0) + (aCount > 0 ? 1 : 0)
            bStart = (firstB ?? 0) + (bCount > 0 ? 1 : 0)
            if firstA == nil { aStart = script[..<start].reduce(0) { n, op in if case .inserted = op { return n }; return n + 1 } }
            if firstB == nil { bStart = script[..<start].reduce(0) { n, op in if case .deleted = op { return n }; return n + 1 } }
            out += "@@ -\(aStart),\(aCount) +\(bStart),\(bCount) @@\n" + body
            k = end
        }
        return out
    }
}
