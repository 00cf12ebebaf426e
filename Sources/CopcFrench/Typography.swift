/// French typography and number/date formatting for text shown to readers.
///
/// Everything here works on plain text (no markup): escape the result afterwards
/// (`HTMLWriter.prose` does both). Identifiers, codes and values quoted "as written" must
/// not go through `typeset` — use `HTMLWriter.text` for them.
public enum French {
    /// U+00A0, the no-break space: before `:`, before `%`, between a number and `€`, between
    /// a day and its month.
    public static let noBreakSpace: Unicode.Scalar = "\u{00A0}"
    /// U+202F, the narrow no-break space: before `; ! ?`, inside `« »`, between thousands.
    public static let narrowNoBreakSpace: Unicode.Scalar = "\u{202F}"
    /// U+2212, the minus sign used for negative numbers (a hyphen is too short and may break).
    public static let minusSign: Unicode.Scalar = "\u{2212}"

    // MARK: - Typesetting

    /// `text` with French spacing, following the *Lexique des règles typographiques en usage
    /// à l'Imprimerie nationale*:
    ///
    /// - U+00A0 before `:`; U+202F before `;`, `!`, `?` and `»`, and after `«`;
    /// - U+00A0 between a number and `%`, `€`, `k€`, `M€`, `Md€`;
    /// - U+202F between the digit groups of a number written `4 000` or `1 234 567`.
    ///
    /// Existing horizontal spaces there (space, tab, no-break, thin…) are replaced by the one
    /// required space, never doubled; a missing one is inserted when the punctuation ends a
    /// word (`Pourquoi?` → `Pourquoi ?`, but `10:30`, `https://`, `?!` and `(?)` are left
    /// alone). Line breaks are never touched. Idempotent: `typeset(typeset(x)) == typeset(x)`.
    public static func typeset(_ text: String) -> String {
        mayNeedTypesetting(text) ? typeset(segments: [text])[0] : text
    }

    /// False when no rule can apply: no `: ; ! ? %`, no `« » €` nor special space (their UTF-8
    /// lead bytes C2 and E2), and no space right after a digit. Most titles and ids pass here
    /// without the scalar-by-scalar scan.
    static func mayNeedTypesetting(_ text: String) -> Bool {
        var previousIsDigit = false
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "%"), 0xC2, 0xE2, 0xE3:
                return true
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                if previousIsDigit { return true }
            default:
                break
            }
            previousIsDigit = b >= 0x30 && b <= 0x39
        }
        return false
    }

    /// Typesets the concatenation of `segments` as one text and returns it cut at the same
    /// boundaries, so that marked runs (`<del>`, `<ins>`, links) are typeset as the sentence
    /// they belong to. A replaced run of spaces goes to the segment of its first space; an
    /// inserted space goes to the segment of the punctuation it belongs to (`:` or `«`).
    public static func typeset(segments: [String]) -> [String] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(segments.reduce(0) { $0 + $1.utf8.count })
        // starts[k]: index of the first scalar of segment k (and the total at the end).
        var starts: [Int] = []
        starts.reserveCapacity(segments.count + 1)
        for s in segments {
            starts.append(scalars.count)
            scalars.append(contentsOf: s.unicodeScalars)
        }
        starts.append(scalars.count)
        var out = [[UInt8]](repeating: [], count: segments.count)
        for k in segments.indices { out[k].reserveCapacity(starts[k + 1] - starts[k] + 16) }
        let n = scalars.count
        let groupSpaces = digitGroupSeparators(scalars)
        var nextGroupSpace = 0
        // The segment holding scalar i, found with a cursor: i only grows.
        var segment = 0
        func owner(_ i: Int) -> Int {
            while segment + 1 < starts.count - 1 && starts[segment + 1] <= i { segment += 1 }
            return segment
        }
        var i = 0
        while i < n {
            let u = scalars[i]
            if isHorizontalSpace(u) {
                var j = i
                while j < n && isHorizontalSpace(scalars[j]) { j += 1 }
                let prev: Unicode.Scalar? = i > 0 ? scalars[i - 1] : nil
                let next: Unicode.Scalar? = j < n ? scalars[j] : nil
                while nextGroupSpace < groupSpaces.count && groupSpaces[nextGroupSpace] < i { nextGroupSpace += 1 }
                let isGroup = j == i + 1 && nextGroupSpace < groupSpaces.count && groupSpaces[nextGroupSpace] == i
                if let r = spaceForRun(prev: prev, next: next, scalars: scalars, runEnd: j, isGroupSeparator: isGroup) {
                    appendUTF8(r, to: &out[owner(i)])
                } else {
                    for k in i..<j { appendUTF8(scalars[k], to: &out[owner(k)]) }
                }
                i = j
                continue
            }
            let prev: Unicode.Scalar? = i > 0 ? scalars[i - 1] : nil
            let next: Unicode.Scalar? = i + 1 < n ? scalars[i + 1] : nil
            let o = owner(i)
            if let r = spaceToInsertBefore(u, prev: prev, next: next) {
                appendUTF8(r, to: &out[o])
            }
            appendUTF8(u, to: &out[o])
            if u == "«", let next, !isHorizontalSpace(next), !isLineBreak(next) {
                appendUTF8(narrowNoBreakSpace, to: &out[o])
            }
            i += 1
        }
        return out.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends the UTF-8 encoding of `u`.
    @inline(__always)
    public static func appendUTF8(_ u: Unicode.Scalar, to out: inout [UInt8]) {
        let v = u.value
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Spaces that `typeset` normalises: horizontal white space, line breaks excluded.
    public static func isHorizontalSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    public static func isLineBreak(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    public static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }

    public static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        isDigit(u) || u.properties.isAlphabetic
    }

    /// The space that replaces a run of horizontal spaces between `prev` and `next`, or nil
    /// to keep the run as written.
    private static func spaceForRun(prev: Unicode.Scalar?, next: Unicode.Scalar?,
                                    scalars: [Unicode.Scalar], runEnd: Int,
                                    isGroupSeparator: Bool) -> Unicode.Scalar? {
        guard let prev, !isLineBreak(prev) else { return nil }
        if prev == "«" { return next == nil || isLineBreak(next!) ? nil : narrowNoBreakSpace }
        guard let next, !isLineBreak(next) else { return nil }
        switch next {
        case ":": return noBreakSpace
        case ";", "!", "?", "»": return narrowNoBreakSpace
        default: break
        }
        if isDigit(prev) {
            if next == "%" || next == "€" { return noBreakSpace }
            if isMoneyUnit(scalars, at: runEnd) { return noBreakSpace }
            if isGroupSeparator { return narrowNoBreakSpace }
        }
        return nil
    }

    /// True when `k€`, `M€` or `Md€` starts at `i`.
    private static func isMoneyUnit(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i < s.count else { return false }
        if s[i] == "k" || s[i] == "M" {
            if i + 1 < s.count && s[i + 1] == "€" { return true }
            if s[i] == "M", i + 2 < s.count, s[i + 1] == "d", s[i + 2] == "€" { return true }
        }
        return false
    }

    /// The space to insert directly before `u` when the text has none there.
    private static func spaceToInsertBefore(_ u: Unicode.Scalar, prev: Unicode.Scalar?,
                                            next: Unicode.Scalar?) -> Unicode.Scalar? {
        guard let prev, !isHorizontalSpace(prev), !isLineBreak(prev) else { return nil }
        switch u {
        case ":":
            // A French colon ends a word and is followed by a space: not `10:30` nor `https://`.
            guard endsWord(prev) else { return nil }
            guard next == nil || isHorizontalSpace(next!) || isLineBreak(next!) || closesAfterPunctuation(next!) else { return nil }
            return noBreakSpace
        case ";", "!", "?":
            guard endsWord(prev) else { return nil }
            guard next == nil || isHorizontalSpace(next!) || isLineBreak(next!) || closesAfterPunctuation(next!) else { return nil }
            return narrowNoBreakSpace
        case "»":
            return prev == "«" ? nil : narrowNoBreakSpace
        case "%", "€":
            return isDigit(prev) ? noBreakSpace : nil
        default:
            return nil
        }
    }

    /// A character after which `: ; ! ?` take a space: the end of a word or of a quotation.
    private static func endsWord(_ u: Unicode.Scalar) -> Bool {
        if isWordScalar(u) { return true }
        switch u {
        case ")", "]", "}", "»", "\"", "'", "\u{2019}", "\u{201D}", "…", ".", "%", "€": return true
        default: return false
        }
    }

    /// Characters that may follow `; ! ?` when they end a sentence or clause.
    private static func closesAfterPunctuation(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "»", ")", "]", "}", ".", ",", ";", ":", "!", "?", "\"", "'", "\u{2019}", "\u{201D}", "…": return true
        default: return false
        }
    }

    /// Offsets, in increasing order, of the single spaces that separate the digit groups of numbers written
    /// `4 000` or `1 234 567,5`: a first group of 1 to 3 digits not glued to a word, then
    /// groups of exactly 3 digits each after one space.
    static func digitGroupSeparators(_ s: [Unicode.Scalar]) -> [Int] {
        var result: [Int] = []
        let n = s.count
        var i = 0
        while i < n {
            guard isDigit(s[i]) else { i += 1; continue }
            let startsNumber = i == 0 || !(isWordScalar(s[i - 1]) || s[i - 1] == "," || s[i - 1] == ".")
            var j = i
            while j < n && isDigit(s[j]) { j += 1 }
            guard startsNumber, j - i <= 3 else { i = j; continue }
            var spaces: [Int] = []
            var end = j
            while end + 4 <= n, isHorizontalSpace(s[end]),
                  isDigit(s[end + 1]), isDigit(s[end + 2]), isDigit(s[end + 3]),
                  end + 4 == n || !isDigit(s[end + 4]) {
                spaces.append(end)
                end += 4
            }
            if !spaces.isEmpty, end == n || !s[end].properties.isAlphabetic {
                result.append(contentsOf: spaces)
            }
            i = max(end, j)
        }
        return result
    }
}
