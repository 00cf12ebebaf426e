/// Splits a text into the units a word-level diff compares: words, runs of white space, and
/// single punctuation marks or symbols.
///
/// - A **word** is a run of letters, digits, combining marks and `_`. A `.` or `,` between a
///   digit and a letter or digit stays inside it (`2,5`, `1.1.a`, `3.2`), and so do the
///   groups of a number written `4 000` or `1 234 567` (a first group of 1 to 3 digits, then
///   groups of exactly 3 digits after one space, no-break space or narrow no-break space).
///   Apostrophes and hyphens split (`l'` `avenant`, `co` `-` `pilote`), so a changed noun
///   after an elision shows alone.
/// - A **space** token is a maximal run of white space (line breaks included).
/// - Anything else is one token per user-perceived character: a scalar with the combining
///   marks, variation selectors and emoji modifiers that follow it, and what a zero-width
///   joiner glues to it.
///
/// Invariant: the tokens, concatenated, are exactly the input (scalar for scalar).
public enum WordTokenizer {
    /// A token: its scalars' range in the input and its class.
    public struct Token: Sendable, Equatable {
        public var range: Range<Int>
        public var isSpace: Bool
    }

    /// The tokens of `scalars`, in order, covering them exactly.
    public static func tokens(_ scalars: [Unicode.Scalar]) -> [Token] {
        var out: [Token] = []
        let n = scalars.count
        out.reserveCapacity(n / 3 + 1)
        var i = 0
        while i < n {
            let u = scalars[i]
            var j = i + 1
            if isSpace(u) {
                while j < n && isSpace(scalars[j]) { j += 1 }
                out.append(Token(range: i..<j, isSpace: true))
                i = j
                continue
            }
            if isWord(u) {
                var groupable = isDigit(u)  // only digits so far: the first group of a number
                var groupLength = groupable ? 1 : 0
                while j < n {
                    let c = scalars[j]
                    if isWord(c) || isExtend(c) {
                        if isDigit(c) { groupLength += 1 } else if !isExtend(c) { groupable = false }
                        j += 1
                        continue
                    }
                    if (c == "." || c == ","), isDigit(scalars[j - 1]), j + 1 < n, isWord(scalars[j + 1]) {
                        groupable = false
                        j += 1
                        continue
                    }
                    if groupable, groupLength <= 3, isGroupSpace(c), j + 3 < n,
                       isDigit(scalars[j + 1]), isDigit(scalars[j + 2]), isDigit(scalars[j + 3]),
                       j + 4 == n || !isWord(scalars[j + 4]) {
                        j += 4
                        groupLength = 3
                        continue
                    }
                    break
                }
                out.append(Token(range: i..<j, isSpace: false))
                i = j
                continue
            }
            while j < n && (isExtend(scalars[j]) || scalars[j - 1] == "\u{200D}") { j += 1 }
            out.append(Token(range: i..<j, isSpace: false))
            i = j
        }
        return out
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        u.value == 0x20 || u.value == 0x0A || u.properties.isWhitespace
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }

    static func isWord(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 {
            let v = u.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        let p = u.properties
        return p.isAlphabetic || p.numericType != nil
    }

    static func isExtend(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x300 { return false }
        let p = u.properties
        return p.isGraphemeExtend || p.isEmojiModifier || u == "\u{200D}"
    }

    static func isGroupSpace(_ u: Unicode.Scalar) -> Bool {
        u == " " || u == "\u{00A0}" || u == "\u{202F}"
    }
}
