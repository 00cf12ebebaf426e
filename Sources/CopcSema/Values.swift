import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcLanguage
import CopcModel

/// Reads values out of a property's tokens. Every reader returns `nil` on malformed input;
/// the caller words the diagnostic.
public struct ValueReader {
    public let file: SourceFile
    public let tokens: [Token]
    public var p: Int
    public let end: Int

    public init(file: SourceFile, tokens: [Token], range: Range<Int>) {
        self.file = file
        self.tokens = tokens
        self.p = range.lowerBound
        self.end = range.upperBound
    }

    public var atEnd: Bool { p >= end }

    /// Why the last number read was refused although well formed (too many digits for the
    /// model to keep it exactly), for a COP103 that says so.
    public var numberProblem: NumberProblem?

    /// Most significant digits a number may have: a `Double` keeps 15 exactly.
    public static let maxSignificantDigits = 15
    /// Most decimals a number may have: the IR writes 6.
    public static let maxDecimals = 6

    /// The folded text of word `k` (allocates: used only where a table lookup needs a key).
    func folded(_ k: Int) -> String {
        guard k < end, tokens[k].kind == .word else { return "" }
        let t = tokens[k]
        return TokenText.fold(file.bytes[Int(t.start)..<Int(t.end)])
    }

    /// Whether word `k`, folded (case and accents), equals `target` (lowercase ASCII).
    /// Compares bytes on the fly: readers try many spellings, and this must not allocate.
    /// Targets are literals (`StaticString`): compared from their bytes, no string is made.
    func isWord(_ k: Int, _ target: StaticString) -> Bool {
        guard k < end, tokens[k].kind == .word else { return false }
        let t = tokens[k]
        let want = UnsafeBufferPointer(start: target.utf8Start, count: target.utf8CodeUnitCount)
        // Most tries fail on the first byte: an ASCII first byte, folded (lowercased), that is
        // not the target's first byte rejects the word without the full comparison.
        if t.end > t.start, let first = want.first {
            let c = file.bytes[Int(t.start)]
            if c < 0x80 && (c &- 65 < 26 ? c &+ 32 : c) != first { return false }
        }
        return file.bytes.withUnsafeBufferPointer { buf in
            TokenText.foldedEquals(buf, Int(t.start), Int(t.end), want)
        }
    }

    /// Whether token `k` begins with an ASCII digit.
    func startsWithDigit(_ k: Int) -> Bool {
        guard k < end, tokens[k].end > tokens[k].start else { return false }
        return file.bytes[Int(tokens[k].start)] &- 0x30 < 10
    }

    func raw(_ k: Int) -> String { k < end ? file.text(tokens[k].range) : "" }

    func kind(_ k: Int) -> TokenKind { k < end ? tokens[k].kind : .endOfFile }

    /// Consumes the folded words `words` if they come next.
    /// Consumes the folded words if they come next. Fixed arities: a variadic parameter would
    /// allocate an array on every try, and readers try many spellings.
    mutating func accept(_ a: StaticString) -> Bool {
        guard isWord(p, a) else { return false }
        p += 1
        return true
    }
    mutating func accept(_ a: StaticString, _ b: StaticString) -> Bool {
        guard isWord(p, a), isWord(p + 1, b) else { return false }
        p += 2
        return true
    }
    mutating func accept(_ a: StaticString, _ b: StaticString, _ c: StaticString) -> Bool {
        guard isWord(p, a), isWord(p + 1, b), isWord(p + 2, c) else { return false }
        p += 3
        return true
    }
    mutating func accept(_ a: StaticString, _ b: StaticString, _ c: StaticString, _ d: StaticString) -> Bool {
        guard isWord(p, a), isWord(p + 1, b), isWord(p + 2, c), isWord(p + 3, d) else { return false }
        p += 4
        return true
    }
    mutating func accept(_ a: StaticString, _ b: StaticString, _ c: StaticString, _ d: StaticString, _ e: StaticString) -> Bool {
        guard isWord(p, a), isWord(p + 1, b), isWord(p + 2, c), isWord(p + 3, d), isWord(p + 4, e) else { return false }
        p += 5
        return true
    }

    /// True when only whitespace separates tokens `a` and `b` on the same line.
    func adjacentBySpace(_ a: Int, _ b: Int) -> Bool {
        let s = Int(tokens[a].end), e = Int(tokens[b].start)
        guard e > s else { return false }
        var k = s
        let bytes = file.bytes
        while k < e {
            let c = bytes[k]
            if c == 0x20 || c == 0x09 { k += 1; continue }
            if c == 0xC2 && k + 1 < e && bytes[k + 1] == 0xA0 { k += 2; continue }
            if c == 0xE2 && k + 2 < e && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0xAF || bytes[k + 2] == 0x89) { k += 3; continue }
            return false
        }
        return true
    }


    // MARK: numbers

    static func isDigits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }

    /// A number in French notation: `2,29`, `4 000`, `-2 805 515,12`, `+5`, `2.29`.
    public mutating func number() -> (Double, String)? {
        guard kind(p) == .word else { return nil }
        let t0 = tokens[p]
        guard var parsed = file.bytes.withUnsafeBufferPointer({ ValueReader.parseNumberBytes($0, Int(t0.start), Int(t0.end)) }) else { return nil }
        var text = raw(p)
        var k = p + 1
        // Thousands groups: a previous integer word followed by exactly three digits.
        while !parsed.hasDecimals, kind(k) == .word, adjacentBySpace(k - 1, k) {
            let w = raw(k)
            let intPart = w.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            guard intPart[0].count == 3, ValueReader.isDigits(intPart[0]),
                  intPart.count == 1 || ValueReader.isDigits(intPart[1]) else { break }
            text += " " + w
            guard let next = ValueReader.parseNumberWord(String(text.filter { $0 != " " })) else { break }
            parsed = next
            k += 1
        }
        if let problem = ValueReader.precisionProblem(text) {
            numberProblem = problem
            return nil
        }
        p = k
        return (parsed.value, text)
    }

    /// Why a well-formed number cannot be kept exactly (more than 15 significant digits, or
    /// more than 6 decimals once trailing zeros are dropped), or `nil`. The check is on the
    /// digits as written, so that the value read, the IR and the messages all agree.
    static func precisionProblem(_ text: String) -> NumberProblem? {
        // Counted on the fly (no array of digits): the integer digits from the first non-zero
        // one, the fraction's length without its trailing zeros, and its leading zeros.
        var inFraction = false
        var significantInteger = 0
        var fractionLength = 0, fractionTrimmed = 0, fractionFirstNonZero = 0
        for b in text.utf8 {
            if b == UInt8(ascii: ",") || b == UInt8(ascii: ".") { inFraction = true; continue }
            guard b &- 0x30 < 10 else { continue }
            if inFraction {
                fractionLength += 1
                if b != UInt8(ascii: "0") {
                    fractionTrimmed = fractionLength
                    if fractionFirstNonZero == 0 { fractionFirstNonZero = fractionLength }
                }
            } else if significantInteger > 0 || b != UInt8(ascii: "0") {
                significantInteger += 1
            }
        }
        let significant = significantInteger == 0
            ? (fractionFirstNonZero == 0 ? 0 : fractionTrimmed - fractionFirstNonZero + 1)
            : significantInteger + fractionTrimmed
        if fractionTrimmed > maxDecimals {
            return .tooManyDecimals(written: fractionTrimmed, limit: maxDecimals)
        }
        if significant > maxSignificantDigits {
            return .tooManyDigits(written: significant, limit: maxSignificantDigits)
        }
        return nil
    }

    static func parseNumberWord(_ w: String) -> (value: Double, hasDecimals: Bool)? {
        var w = w
        return w.withUTF8 { parseNumberBytes($0, 0, $0.count) }
    }

    /// `[-+−]digits[(,|.)digits]` read directly from bytes (no intermediate strings).
    static func parseNumberBytes(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (value: Double, hasDecimals: Bool)? {
        var k = s
        var sign = 1.0
        if k < e && (b[k] == UInt8(ascii: "-") || b[k] == UInt8(ascii: "+")) {
            if b[k] == UInt8(ascii: "-") { sign = -1 }
            k += 1
        } else if k + 2 < e && b[k] == 0xE2 && b[k + 1] == 0x88 && b[k + 2] == 0x92 { // U+2212 minus
            sign = -1
            k += 3
        }
        var intPart = 0.0
        var digits = 0
        while k < e, b[k] &- 0x30 < 10 { intPart = intPart * 10 + Double(b[k] &- 0x30); k += 1; digits += 1 }
        guard digits > 0 else { return nil }
        if k == e { return (sign * intPart, false) }
        guard b[k] == UInt8(ascii: ",") || b[k] == UInt8(ascii: ".") else { return nil }
        k += 1
        var frac = 0.0, scale = 1.0, fracDigits = 0
        while k < e, b[k] &- 0x30 < 10 { frac = frac * 10 + Double(b[k] &- 0x30); scale *= 10; k += 1; fracDigits += 1 }
        guard fracDigits > 0, k == e else { return nil }
        return (sign * (intPart + frac / scale), true)
    }

    /// A four-digit year.
    public mutating func year() -> Int? {
        guard kind(p) == .word else { return nil }
        // Four characters that `Int` reads as 1000 or more: four ASCII digits, the first not
        // zero (a sign leaves three digits), read from the bytes without making a string.
        let t = tokens[p]
        let s = Int(t.start)
        guard Int(t.end) - s == 4 else { return nil }
        let b = file.bytes
        guard b[s] &- 0x31 < 9, b[s + 1] &- 0x30 < 10, b[s + 2] &- 0x30 < 10, b[s + 3] &- 0x30 < 10 else { return nil }
        p += 1
        return Int(b[s] - 0x30) * 1000 + Int(b[s + 1] - 0x30) * 100 + Int(b[s + 2] - 0x30) * 10 + Int(b[s + 3] - 0x30)
    }

    // MARK: dates

    /// `2024-12-31`, `31/12/2024`, `31/12/24`, `31 décembre 2024`, `1er juillet 2018`.
    public mutating func coreDate() -> Day? {
        guard kind(p) == .word else { return nil }
        let w = raw(p)
        if let d = Day.parse(w) { p += 1; return d }
        // `31 décembre 2024`
        let f = folded(p)
        let dayText = f.hasSuffix("er") ? String(f.dropLast(2)) : f
        guard let dd = Int(dayText), let m = frenchMonths[folded(p + 1)], kind(p + 1) == .word else { return nil }
        let save = p
        p += 2
        guard let y = year(), let d = Day(year: y, month: m, day: dd) else { p = save; return nil }
        return d
    }

    // MARK: periods

    /// `2021 .. 2025`, `2021-01-01 .. 2025-12-31`, `de 2021 à 2025`, `2021-2025`, `2023`.
    /// Returns the window even when it is inverted; the caller reports COP304.
    public mutating func corePeriod() -> Window? {
        let save = p
        if isWord(p, "de") || isWord(p, "du") { p += 1 }
        if kind(p) == .word, p + 1 == end, let w = Optional(raw(p)) {
            // `2021-2025` written as one word.
            let parts = w.split(separator: "-")
            if parts.count == 2, parts[0].count == 4, parts[1].count == 4, let a = Int(parts[0]), let b = Int(parts[1]) {
                p += 1
                return Window(.firstOf(a), .lastOf(b))
            }
        }
        guard let a = periodPoint(start: true) else { p = save; return nil }
        if kind(p) == .dotdot || isWord(p, "a") || isWord(p, "au") {
            p += 1
            guard let b = periodPoint(start: false) else { p = save; return nil }
            return Window(a, b)
        }
        // A single year is a period of one year.
        if let y = Int(raw(p - 1)), raw(p - 1).count == 4 { return Window.year(y) }
        p = save
        return nil
    }

    mutating func periodPoint(start: Bool) -> Day? {
        if let d = date() { return d }
        if let y = year() { return start ? .firstOf(y) : .lastOf(y) }
        return nil
    }

    /// Years of a `cible` or `base` key: `2023`, `2021 .. 2025`, `de 2021 à 2025`.
    public mutating func coreYears() -> ClosedRange<Int>?? {
        let save = p
        if isWord(p, "de") { p += 1 }
        guard let a = year() else { p = save; return nil }
        if kind(p) == .dotdot || isWord(p, "a") || isWord(p, "au") {
            p += 1
            guard let b = year() else { p = save; return nil }
            if b < a { return .some(nil) } // inverted: COP304
            return a...b
        }
        return a...a
    }

    // MARK: deadlines

    /// One point of a deadline: a year, a quarter, a half-year, a month, a day, `début/mi/fin X`.
    mutating func deadlinePoint() -> Window? {
        let save = p
        guard kind(p) == .word else { return nil }
        // A year alone (`2022`), read first and without folding: no other reading below takes
        // four digits (no quarter, ordinal, month or `mi-`, and no date has day 1000 or more).
        if let y = year() { return Window.year(y) }
        let f = folded(p)
        // Quarters and half-years: T1 2022, S2 2021.
        if f.count == 2, let n = Int(f.dropFirst()), (f.first == "t" && (1...4).contains(n)) || (f.first == "s" && (1...2).contains(n)) {
            p += 1
            if let y = year() {
                if f.first == "t" { return Window(.firstOf(y, 3 * n - 2), .lastOf(y, 3 * n)) }
                return Window(.firstOf(y, 6 * n - 5), .lastOf(y, 6 * n))
            }
            p = save
            return nil
        }
        // `1er trimestre 2022`, `2e semestre 2021`, `2ème trimestre`.
        if let n = ValueReader.ordinal(f), kind(p + 1) == .word {
            let unit = folded(p + 1)
            if unit == "trimestre" || unit == "semestre" {
                p += 2
                if let y = year() {
                    if unit == "trimestre", (1...4).contains(n) { return Window(.firstOf(y, 3 * n - 2), .lastOf(y, 3 * n)) }
                    if unit == "semestre", (1...2).contains(n) { return Window(.firstOf(y, 6 * n - 5), .lastOf(y, 6 * n)) }
                }
                p = save
                return nil
            }
        }
        // `mi-2023`
        if f.hasPrefix("mi-"), let y = Int(f.dropFirst(3)), f.count == 7 {
            p += 1
            return Window(.firstOf(y, 4), .lastOf(y, 9))
        }
        switch f {
        case "debut", "mi", "fin":
            p += 1
            _ = accept("d'annee")
            guard let y = year() else { p = save; return nil }
            switch f {
            case "debut": return Window(.firstOf(y, 1), .lastOf(y, 3))
            case "mi": return Window(.firstOf(y, 4), .lastOf(y, 9))
            default: return Window(.firstOf(y, 10), .lastOf(y, 12))
            }
        default: break
        }
        if let m = frenchMonths[f] {
            p += 1
            if let y = year() { return Window(.firstOf(y, m), .lastOf(y, m)) }
            p = save
            return nil
        }
        if let d = date() { return Window(d, d) }
        if let y = year() { return Window.year(y) }
        return nil
    }

    static func ordinal(_ f: String) -> Int? {
        for suffix in ["er", "ere", "eme", "e", "nd", "nde"] where f.hasSuffix(suffix) {
            if let n = Int(f.dropLast(suffix.count)) { return n }
        }
        return nil
    }

    /// A whole deadline expression (design §3.4 and DECISIONS.md). `nil` when malformed.
    public mutating func coreDeadline() -> DeadlineForm? {
        let save = p
        func done(_ f: DeadlineForm) -> DeadlineForm? { atEnd ? f : nil }
        if accept("a", "preciser") { return done(.toBeSpecified) }
        if accept("tout", "au", "long", "du") || accept("tout", "au", "long", "de", "la") {
            if kind(p) == .word, ["contrat", "cop", "cpom", "cog", "convention"].contains(folded(p)) {
                p += 1
                return done(.wholePeriod)
            }
            p = save
            return nil
        }
        if accept("duree", "du", "contrat") || accept("toute", "la", "duree", "du", "contrat")
            || accept("periode", "du", "contrat") || accept("periode", "de", "cog") {
            return done(.wholePeriod)
        }
        if accept("selon") {
            guard kind(p) == .word else { p = save; return nil }
            let name = raw(p)
            p += 1
            return done(.plan(name))
        }
        if accept("a", "partir", "de") || accept("a", "partir", "du") || accept("des", "le") || accept("des")
            || accept("a", "compter", "de") || accept("a", "compter", "du") {
            _ = accept("l'annee")
            guard let w = deadlinePoint() else { p = save; return nil }
            return done(.from(w.start))
        }
        if accept("d'ici", "le") || accept("d'ici") || accept("au", "plus", "tard", "le") || accept("au", "plus", "tard")
            || accept("avant", "le") || accept("avant") || accept("jusqu'au") || accept("jusqu'a") || accept("jusqu'en") {
            guard let w = deadlinePoint() else { p = save; return nil }
            return done(.until(w.end))
        }
        var fromWord = false
        if accept("de") || accept("du") { fromWord = true }
        _ = !fromWord && accept("en")
        guard let a = deadlinePoint() else { p = save; return nil }
        if kind(p) == .dotdot || isWord(p, "a") || isWord(p, "au") {
            p += 1
            guard let b = deadlinePoint() else { p = save; return nil }
            return done(.window(Window(a.start, b.end)))
        }
        if fromWord { p = save; return nil }
        return done(.window(a))
    }

    // MARK: targets

    /// A quantity: a number and an optional unit.
    mutating func quantity() -> Quantity? {
        guard let (v, text) = number() else { return nil }
        if kind(p) == .percent { p += 1; return Quantity(value: v, unit: .percent, text: text) }
        if kind(p) == .word, let u = Unit.parse(folded: folded(p)) { p += 1; return Quantity(value: v, unit: u, text: text) }
        return Quantity(value: v, unit: nil, text: text)
    }

    /// A target value (design §3.5). `nil` when malformed.
    public mutating func coreTarget() -> TargetValue? {
        let save = p
        func done(_ v: TargetValue) -> TargetValue? {
            if atEnd { return v }
            p = save
            return nil
        }
        if kind(p) == .guillemets || kind(p) == .string || kind(p) == .textBlock {
            let v = TokenText.value(of: tokens[p], in: file)
            p += 1
            return done(.text(v))
        }
        if let v = relativeTarget() { return v }
        if accept("a", "fixer", "par", "avenant") || accept("avenant") || accept("a", "fixer") { return done(.pending) }
        if accept("sans", "objet") || accept("/") || accept("-") { return done(.notApplicable) }
        if accept("suivi") || accept("x") { return done(.followed) }
        // Qualitative values and milestones are words: a number is neither (not folded to check).
        if kind(p) == .word, !startsWithDigit(p) {
            if let q = Qualitative(folded: folded(p)) { p += 1; return done(.qualitative(q)) }
            if let m = Milestone(folded: folded(p)) { p += 1; return done(.milestone(m)) }
        }
        if accept("entre") {
            guard let a = quantity(), accept("et"), let b = quantity() else { p = save; return nil }
            // `entre 2,2 et 2,8 %`: the unit written once applies to both bounds.
            let a2 = a.unit == nil && b.unit != nil ? Quantity(value: a.value, unit: b.unit, text: a.text) : a
            return done(.range(a2, b))
        }
        var op: BoundOperator?
        if kind(p) == .greaterEqual { op = .atLeast; p += 1 }
        else if kind(p) == .lessEqual { op = .atMost; p += 1 }
        else if kind(p) == .greater { op = .moreThan; p += 1 }
        else if kind(p) == .less { op = .lessThan; p += 1 }
        else if accept("au", "moins") || accept("superieur", "ou", "egal", "a") || accept("minimum") { op = .atLeast }
        else if accept("au", "plus") || accept("inferieur", "ou", "egal", "a") || accept("maximum") { op = .atMost }
        else if accept("plus", "de") || accept("superieur", "a") { op = .moreThan }
        else if accept("moins", "de") || accept("inferieur", "a") { op = .lessThan }
        guard let q = quantity() else { p = save; return nil }
        if let op { return done(.bound(op, q)) }
        if accept("de", "la", "base") || accept("par", "rapport", "a", "la", "base") { return done(.relative(q)) }
        return done(.quantity(q))
    }
}
