/// Nearest-name suggestions ("vouliez-vous dire « DGOS » ?"), as Elm does.
public enum Suggest {
    /// The candidate closest to `name` by edit distance (case- and accent-insensitive through
    /// `normalize`), if it is close enough to be a plausible typo.
    public static func nearest(to name: String, among candidates: some Sequence<String>,
                               normalize: (String) -> String = { $0.lowercased() }) -> String? {
        let target = Array(normalize(name).unicodeScalars)
        guard !target.isEmpty else { return nil }
        var best: (String, Int)?
        // A candidate too long or too short to be within the distance is skipped before it is
        // normalised (a scalar is 1 to 4 bytes): the cost of a search is bounded by the name.
        let longest = 4 * (target.count + target.count / 3 + 1)
        let shortest = target.count - max(1, target.count / 3)
        for c in candidates {
            let bytes = c.utf8.count
            if bytes > longest || bytes < shortest { continue }
            let cs = Array(normalize(c).unicodeScalars)
            if cs == target { continue }
            let limit = max(1, min(target.count, cs.count) / 3)
            if abs(cs.count - target.count) > limit { continue }
            let d = distance(target, cs)
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) {
                best = (c, d)
            }
        }
        return best?.0
    }

    /// Optimal string alignment distance (Levenshtein with adjacent transpositions).
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, prev2[j - 2] + 1)
                }
                cur[j] = v
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
