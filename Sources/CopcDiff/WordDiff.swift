import CopcFrench
/// One piece of a word-level comparison of two texts.
public struct WordRun: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// In both texts.
        case same
        /// Only in the old text.
        case deleted
        /// Only in the new text.
        case inserted
    }

    public var kind: Kind
    /// `same`: the text as spelled in the new version; `deleted`: old text; `inserted`: new text.
    public var text: String
    /// `same` only: the old spelling when it differs from `text` — which happens only in white
    /// space (`a  b` against `a b`, a re-wrapped line); nil otherwise.
    public var oldText: String?

    public init(_ kind: Kind, _ text: String, oldText: String? = nil) {
        self.kind = kind
        self.text = text
        self.oldText = oldText
    }
}

/// A word-level comparison of two texts (titles, `texte`, `méthode`…): pure, deterministic,
/// bounded in time and memory.
///
/// The texts are split by `WordTokenizer`; tokens are compared scalar for scalar, except that
/// any two runs of white space match each other (a re-spaced or re-wrapped text has no
/// change; the old spelling stays in `WordRun.oldText`). The changes are computed with
/// Myers' O(ND) algorithm in linear space (the middle-snake bisection), after removing the
/// common prefix and suffix. Then, for readers:
/// - a pure insertion or deletion is slid to start at a word and end with its space
///   (`le [-grand -]chat`, not `le[- grand-] chat`);
/// - white space alone between two changes joins them (`[-le chat-]{+la chatte+}` rather than
///   `[-le-]{+la+} [-chat-]{+chatte+}`), and a change lists its deletion before its insertion.
///
/// **Bound.** Every step of the search is counted (`cost`); once `costLimit` steps are spent,
/// the parts still to compare are reported as a deletion of their old text and an insertion
/// of their new text (`isApproximate` is then true). `cost` never exceeds
/// `costLimit + 3 × (n + m)` for n and m tokens, so time is O(n + m + costLimit) and memory
/// O(n + m) whatever the texts.
///
/// **Invariant.** The runs reconstruct both texts exactly: `oldText` and `newText` equal the
/// inputs, scalar for scalar; identical inputs give one `same` run (or none for empty texts).
public struct WordDiff: Sendable, Equatable {
    public var runs: [WordRun]
    /// True when the cost limit was reached and part of the texts was compared as a whole.
    public var isApproximate: Bool
    /// Search steps spent: at most `costLimit + 3 × (n + m)` for texts of n and m tokens.
    public var cost: Int

    /// Enough for texts of a few thousand words with hundreds of changes, a few milliseconds.
    public static let defaultCostLimit = 2_000_000

    /// Compares `old` with `new`.
    public static func compare(_ old: String, _ new: String, costLimit: Int = defaultCostLimit) -> WordDiff {
        var engine = Engine(old: old, new: new, costLimit: costLimit)
        return engine.run()
    }

    /// True when the texts differ (in anything but white space).
    public var hasChanges: Bool { runs.contains { $0.kind != .same } }

    /// The old text, rebuilt from the runs.
    public var oldText: String {
        var s = ""
        for r in runs where r.kind != .inserted { s += r.oldText ?? r.text }
        return s
    }

    /// The new text, rebuilt from the runs.
    public var newText: String {
        var s = ""
        for r in runs where r.kind != .deleted { s += r.text }
        return s
    }

    /// The comparison written in `style`: `[-ancien-]{+nouveau+}` (`.plain`), Markdown, ANSI.
    public func rendered(_ style: WordDiffStyle) -> String {
        var out = ""
        for r in runs {
            switch r.kind {
            case .same: out += style.escape(r.text)
            case .deleted: style.wrap(r.text, style.deletionOpen, style.deletionClose, into: &out)
            case .inserted: style.wrap(r.text, style.insertionOpen, style.insertionClose, into: &out)
            }
        }
        return out
    }
}

/// How `WordDiff.rendered` marks deletions and insertions.
public struct WordDiffStyle: Sendable {
    public var deletionOpen: String
    public var deletionClose: String
    public var insertionOpen: String
    public var insertionClose: String
    /// Applied to every piece of text (markers excluded).
    public var escape: @Sendable (String) -> String
    /// Write the leading and trailing white space of a change outside its markers, and a
    /// change of white space alone without markers (Markdown needs `<del>x</del> `, and a
    /// marked lone space is invisible anyway).
    public var spacesOutside: Bool

    public init(deletionOpen: String, deletionClose: String, insertionOpen: String, insertionClose: String,
                spacesOutside: Bool, escape: @escaping @Sendable (String) -> String) {
        self.deletionOpen = deletionOpen
        self.deletionClose = deletionClose
        self.insertionOpen = insertionOpen
        self.insertionClose = insertionClose
        self.spacesOutside = spacesOutside
        self.escape = escape
    }

    /// `[-supprimé-]{+ajouté+}`, as `git diff --word-diff=plain` and `wdiff` write it; the text
    /// is exact (nothing escaped).
    public static let plain = WordDiffStyle(deletionOpen: "[-", deletionClose: "-]", insertionOpen: "{+", insertionClose: "+}",
                                            spacesOutside: false, escape: { $0 })

    /// Markdown for a merge request: `<del>supprimé</del><ins>ajouté</ins>` (rendered struck
    /// through and underlined by GitLab, GitHub and Gitea), the text escaped for Markdown
    /// (`\*`, `\_`, `\|`…, `<` and `&` too) and line breaks written `<br>`, so that the
    /// result fits on one line and in a table cell.
    public static let markdown = WordDiffStyle(deletionOpen: "<del>", deletionClose: "</del>", insertionOpen: "<ins>", insertionClose: "</ins>",
                                               spacesOutside: true, escape: markdownEscape)

    /// For a terminal: deletions red and struck through, insertions green and underlined;
    /// control characters shown as their symbols (`␛`) so the text cannot drive the terminal.
    public static let ansi = WordDiffStyle(deletionOpen: "\u{1B}[31;9m", deletionClose: "\u{1B}[0m",
                                           insertionOpen: "\u{1B}[32;4m", insertionClose: "\u{1B}[0m",
                                           spacesOutside: true, escape: controlPictures)

    /// Escapes Markdown's inline syntax (`Markdown.cell`, the one Markdown escaping).
    @Sendable public static func markdownEscape(_ s: String) -> String { Markdown.cell(s) }

    /// Replaces control characters (but line feed and tab) by their visible symbols.
    @Sendable public static func controlPictures(_ s: String) -> String { Escaping.pictures(s, keepingLineBreaks: true) }

    func wrap(_ text: String, _ open: String, _ close: String, into out: inout String) {
        guard spacesOutside else {
            out += open + escape(text) + close
            return
        }
        let scalars = Array(text.unicodeScalars)
        var a = 0, b = scalars.count
        while a < b && WordTokenizer.isSpace(scalars[a]) { a += 1 }
        while b > a && WordTokenizer.isSpace(scalars[b - 1]) { b -= 1 }
        func piece(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
        if a > 0 { out += escape(piece(0..<a)) }
        if a < b { out += open + escape(piece(a..<b)) + close }
        if b < scalars.count { out += escape(piece(b..<scalars.count)) }
    }
}

/// The comparison itself: token interning, Myers' bisection under a cost budget, then the
/// clean-ups for readers.
private struct Engine {
    let oldScalars: [Unicode.Scalar]
    let newScalars: [Unicode.Scalar]
    let oldTokens: [WordTokenizer.Token]
    let newTokens: [WordTokenizer.Token]
    /// Token classes: equal ids compare equal; every run of white space is id 0.
    var a: [Int32] = []
    var b: [Int32] = []
    var budget: Int
    var cost = 0
    var approximate = false
    /// The edit script, in order.
    var ops: [Op] = []

    enum Op: Equatable { case equal, delete, insert }

    init(old: String, new: String, costLimit: Int) {
        oldScalars = Array(old.unicodeScalars)
        newScalars = Array(new.unicodeScalars)
        oldTokens = WordTokenizer.tokens(oldScalars)
        newTokens = WordTokenizer.tokens(newScalars)
        budget = max(costLimit, 0)
        var ids: [ArraySlice<Unicode.Scalar>: Int32] = [:]
        func intern(_ t: WordTokenizer.Token, _ s: [Unicode.Scalar]) -> Int32 {
            if t.isSpace { return 0 }
            let key = s[t.range]
            if let id = ids[key] { return id }
            let id = Int32(ids.count + 1)
            ids[key] = id
            return id
        }
        a = oldTokens.map { intern($0, oldScalars) }
        b = newTokens.map { intern($0, newScalars) }
    }

    mutating func run() -> WordDiff {
        ops.reserveCapacity(a.count + b.count)
        diff(0, a.count, 0, b.count)
        var hunks = Self.hunks(ops)
        slide(&hunks)
        hunks = joinAcrossSpaces(hunks)
        return WordDiff(runs: runs(hunks), isApproximate: approximate, cost: cost)
    }

    // MARK: Myers

    private mutating func diff(_ aLo0: Int, _ aHi0: Int, _ bLo0: Int, _ bHi0: Int) {
        var aLo = aLo0, bLo = bLo0, aHi = aHi0, bHi = bHi0
        while aLo < aHi && bLo < bHi && a[aLo] == b[bLo] { ops.append(.equal); aLo += 1; bLo += 1 }
        var suffix = 0
        while aHi > aLo && bHi > bLo && a[aHi - 1] == b[bHi - 1] { aHi -= 1; bHi -= 1; suffix += 1 }
        cost += (aLo - aLo0) + suffix
        if aLo == aHi {
            for _ in bLo..<bHi { ops.append(.insert) }
        } else if bLo == bHi {
            for _ in aLo..<aHi { ops.append(.delete) }
        } else if let (x, y) = bisect(aLo, aHi, bLo, bHi) {
            diff(aLo, x, bLo, y)
            diff(x, aHi, y, bHi)
        } else {
            // Over budget: this part is one replacement.
            for _ in aLo..<aHi { ops.append(.delete) }
            for _ in bLo..<bHi { ops.append(.insert) }
        }
        for _ in 0..<suffix { ops.append(.equal) }
    }

    /// The point where a shortest edit script of a[aLo..<aHi] → b[bLo..<bHi] crosses its middle
    /// snake (Myers 1986, §4b), or nil when the budget runs out first.
    private mutating func bisect(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) -> (Int, Int)? {
        let n = aHi - aLo, m = bHi - bLo
        let maxD = (n + m + 1) / 2
        let offset = maxD
        let length = 2 * maxD + 2
        if cost + length > budget { approximate = true; return nil }
        cost += length
        var v1 = [Int](repeating: -1, count: length)
        var v2 = [Int](repeating: -1, count: length)
        v1[offset + 1] = 0
        v2[offset + 1] = 0
        let delta = n - m
        let front = delta & 1 != 0
        var k1start = 0, k1end = 0, k2start = 0, k2end = 0
        for d in 0..<maxD {
            var k1 = -d + k1start
            while k1 <= d - k1end {
                if cost > budget { approximate = true; return nil }
                let k1Offset = offset + k1
                var x1 = (k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1])) ? v1[k1Offset + 1] : v1[k1Offset - 1] + 1
                var y1 = x1 - k1
                let start = x1
                while x1 < n && y1 < m && a[aLo + x1] == b[bLo + y1] { x1 += 1; y1 += 1 }
                cost += 1 + (x1 - start)
                v1[k1Offset] = x1
                if x1 > n {
                    k1end += 2
                } else if y1 > m {
                    k1start += 2
                } else if front {
                    let k2Offset = offset + delta - k1
                    if k2Offset >= 0 && k2Offset < length && v2[k2Offset] != -1 {
                        if x1 >= n - v2[k2Offset] { return (aLo + x1, bLo + y1) }
                    }
                }
                k1 += 2
            }
            var k2 = -d + k2start
            while k2 <= d - k2end {
                if cost > budget { approximate = true; return nil }
                let k2Offset = offset + k2
                var x2 = (k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1])) ? v2[k2Offset + 1] : v2[k2Offset - 1] + 1
                var y2 = x2 - k2
                let start = x2
                while x2 < n && y2 < m && a[aHi - x2 - 1] == b[bHi - y2 - 1] { x2 += 1; y2 += 1 }
                cost += 1 + (x2 - start)
                v2[k2Offset] = x2
                if x2 > n {
                    k2end += 2
                } else if y2 > m {
                    k2start += 2
                } else if !front {
                    let k1Offset = offset + delta - k2
                    if k1Offset >= 0 && k1Offset < length && v1[k1Offset] != -1 {
                        let x1 = v1[k1Offset]
                        let y1 = offset + x1 - k1Offset
                        if x1 >= n - x2 { return (aLo + x1, bLo + y1) }
                    }
                }
                k2 += 2
            }
        }
        // Unreachable for a consistent search (the paths always meet); stay safe.
        return nil
    }

    // MARK: Hunks

    /// A stretch of the edit script: equal tokens, or a change (deleted and/or inserted).
    struct Hunk {
        var isSame: Bool
        var old: Range<Int>
        var new: Range<Int>
    }

    static func hunks(_ ops: [Op]) -> [Hunk] {
        var out: [Hunk] = []
        var i = 0, j = 0, k = 0
        while k < ops.count {
            let same = ops[k] == .equal
            let i0 = i, j0 = j
            while k < ops.count && (ops[k] == .equal) == same {
                switch ops[k] {
                case .equal: i += 1; j += 1
                case .delete: i += 1
                case .insert: j += 1
                }
                k += 1
            }
            out.append(Hunk(isSame: same, old: i0..<i, new: j0..<j))
        }
        return out
    }

    private func isSpaceOld(_ i: Int) -> Bool { oldTokens[i].isSpace }
    private func isSpaceNew(_ j: Int) -> Bool { newTokens[j].isSpace }

    /// Slides each pure deletion or insertion between two equal stretches to the position
    /// readers expect: starting with a word, ending with white space.
    private func slide(_ hunks: inout [Hunk]) {
        guard hunks.count >= 2 else { return }
        // Every change gets an equal stretch on each side (empty at the ends of the texts) to
        // take the tokens it slides over.
        if let first = hunks.first, !first.isSame { hunks.insert(Hunk(isSame: true, old: 0..<0, new: 0..<0), at: 0) }
        if let last = hunks.last, !last.isSame {
            hunks.append(Hunk(isSame: true, old: last.old.upperBound..<last.old.upperBound, new: last.new.upperBound..<last.new.upperBound))
        }
        for h in hunks.indices where !hunks[h].isSame {
            let isDeletion = hunks[h].new.isEmpty
            let isInsertion = hunks[h].old.isEmpty
            guard isDeletion != isInsertion else { continue }
            let seq = isDeletion ? a : b
            let block = isDeletion ? hunks[h].old : hunks[h].new
            let before = h > 0 && hunks[h - 1].isSame ? hunks[h - 1].old.count : 0
            let after = h + 1 < hunks.count && hunks[h + 1].isSame ? hunks[h + 1].old.count : 0
            var left = 0
            while left < before && seq[block.lowerBound - left - 1] == seq[block.upperBound - left - 1] { left += 1 }
            var right = 0
            while right < after && seq[block.lowerBound + right] == seq[block.upperBound + right] { right += 1 }
            guard left + right > 0 else { continue }
            var best = 0, bestScore = Int.min
            for shift in -left...right {
                let s = block.lowerBound + shift, e = block.upperBound + shift
                let first = isDeletion ? isSpaceOld(s) : isSpaceNew(s)
                let last = isDeletion ? isSpaceOld(e - 1) : isSpaceNew(e - 1)
                // Ties go to the position closest to where the search put the change.
                let score = ((first ? 0 : 2) + (last ? 1 : 0)) * 1_000_000 - abs(shift)
                if score > bestScore { bestScore = score; best = shift }
            }
            guard best != 0 else { continue }
            // Both sides move: the empty one is the position of the change in the other text.
            hunks[h].old = hunks[h].old.lowerBound + best ..< hunks[h].old.upperBound + best
            hunks[h].new = hunks[h].new.lowerBound + best ..< hunks[h].new.upperBound + best
            if h > 0 && hunks[h - 1].isSame {
                hunks[h - 1].old = hunks[h - 1].old.lowerBound ..< hunks[h - 1].old.upperBound + best
                hunks[h - 1].new = hunks[h - 1].new.lowerBound ..< hunks[h - 1].new.upperBound + best
            }
            if h + 1 < hunks.count && hunks[h + 1].isSame {
                hunks[h + 1].old = hunks[h + 1].old.lowerBound + best ..< hunks[h + 1].old.upperBound
                hunks[h + 1].new = hunks[h + 1].new.lowerBound + best ..< hunks[h + 1].new.upperBound
            }
        }
        hunks.removeAll { $0.old.isEmpty && $0.new.isEmpty }
    }

    /// Merges changes separated only by white space into one change.
    private func joinAcrossSpaces(_ hunks: [Hunk]) -> [Hunk] {
        var out: [Hunk] = []
        var k = 0
        while k < hunks.count {
            let h = hunks[k]
            if !h.isSame, let last = out.last, !last.isSame {
                out[out.count - 1].old = last.old.lowerBound ..< h.old.upperBound
                out[out.count - 1].new = last.new.lowerBound ..< h.new.upperBound
                k += 1
                continue
            }
            if h.isSame, !out.isEmpty, !out[out.count - 1].isSame, k + 1 < hunks.count, !hunks[k + 1].isSame,
               h.old.allSatisfy({ oldTokens[$0].isSpace }) {
                let n = hunks[k + 1]
                out[out.count - 1].old = out[out.count - 1].old.lowerBound ..< n.old.upperBound
                out[out.count - 1].new = out[out.count - 1].new.lowerBound ..< n.new.upperBound
                k += 2
                continue
            }
            out.append(h)
            k += 1
        }
        return out
    }

    // MARK: Runs

    private func text(_ tokens: [WordTokenizer.Token], _ scalars: [Unicode.Scalar], _ r: Range<Int>) -> ArraySlice<Unicode.Scalar> {
        guard !r.isEmpty else { return [] }
        return scalars[tokens[r.lowerBound].range.lowerBound ..< tokens[r.upperBound - 1].range.upperBound]
    }

    private func runs(_ hunks: [Hunk]) -> [WordRun] {
        var out: [WordRun] = []
        func string(_ s: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(s)) }
        for h in hunks {
            let o = text(oldTokens, oldScalars, h.old)
            let n = text(newTokens, newScalars, h.new)
            if h.isSame {
                out.append(WordRun(.same, string(n), oldText: o.elementsEqual(n) ? nil : string(o)))
            } else {
                if !o.isEmpty { out.append(WordRun(.deleted, string(o))) }
                if !n.isEmpty { out.append(WordRun(.inserted, string(n))) }
            }
        }
        return out
    }
}
