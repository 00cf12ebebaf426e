import CopcSource
import CopcLanguage

/// Reading token text: folded keywords, unescaped strings, dedented text blocks.
public enum TokenText {
    /// Lowercase ASCII with French accents removed (`Délai` → `delai`), as `Folding.fold`.
    public static func fold(_ bytes: ArraySlice<UInt8>) -> String { Folding.fold(bytes) }

    public static func fold(_ s: String) -> String { Folding.fold(s) }

    /// Whether bytes `s..<e`, folded as `fold` does, equal `target` (lowercase ASCII),
    /// without allocating.
    public static func foldedEquals(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ target: String) -> Bool {
        var target = target
        return target.withUTF8 { t in foldedEquals(b, s, e, t) }
    }

    /// `foldedEquals` against the bytes of the target (a `StaticString`'s, without a string).
    public static func foldedEquals(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = s, j = 0
        while i < e {
            guard j < t.count else { return false }
            let c = b[i]
            if c < 0x80 {
                let lower = c >= 65 && c <= 90 ? c + 32 : c
                if lower != t[j] { return false }
                i += 1; j += 1
                continue
            }
            // Multi-byte: fold this scalar alone and compare its folded bytes.
            var n = 1
            while i + n < e && b[i + n] & 0xC0 == 0x80 { n += 1 }
            let folded = fold(ArraySlice(UnsafeBufferPointer(rebasing: b[i..<(i + n)])))
            for u in folded.utf8 {
                guard j < t.count, t[j] == u else { return false }
                j += 1
            }
            i += n
        }
        return j == t.count
    }

    /// The value of a string, guillemets or text-block token.
    public static func value(of token: Token, in file: SourceFile) -> String {
        let b = file.bytes
        let s = Int(token.start), e = Int(token.end)
        switch token.kind {
        case .string:
            let closed = e - s >= 2 && b[e - 1] == UInt8(ascii: "\"") && !(e - s >= 3 && b[e - 2] == UInt8(ascii: "\\") && (e - s == 3 || b[e - 3] != UInt8(ascii: "\\")))
            let inner = b[(s + 1)..<(closed ? e - 1 : e)]
            var out = [UInt8]()
            out.reserveCapacity(inner.count)
            var k = inner.startIndex
            while k < inner.endIndex {
                if inner[k] == UInt8(ascii: "\\") && k + 1 < inner.endIndex {
                    let n = inner[k + 1]
                    switch n {
                    case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                    default: out.append(n)
                    }
                    k += 2
                } else {
                    out.append(inner[k]); k += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        case .guillemets:
            // `« … »` (two bytes each), or a word processor's `“ … ”`, `‘ … ’`, `‹ … ›` (three
            // bytes each, always closed: COP110).
            let width = b[s] == 0xC2 ? 2 : 3
            let closed = width == 2 ? e - s >= 4 && b[e - 2] == 0xC2 && b[e - 1] == 0xBB : e - s >= 6
            let inner = String(decoding: b[(s + width)..<(closed ? e - width : e)], as: UTF8.self)
            return trimSpaces(inner)
        case .textBlock:
            let closed = e - s >= 6 && b[e - 1] == UInt8(ascii: "\"") && b[e - 2] == UInt8(ascii: "\"") && b[e - 3] == UInt8(ascii: "\"")
            let inner = String(decoding: b[(s + 3)..<(closed ? e - 3 : e)], as: UTF8.self)
            return dedent(inner)
        default:
            return file.text(token.range)
        }
    }

    /// The bytes of `range` without the spaces, tabs and carriage return that end it (a
    /// comment as the formatter prints it and as its guard compares it).
    public static func trimmingTrailingBlanks(_ range: ByteRange, in bytes: [UInt8]) -> ArraySlice<UInt8> {
        var e = range.end
        while e > range.start && (bytes[e - 1] == 32 || bytes[e - 1] == 9 || bytes[e - 1] == 13) { e -= 1 }
        return bytes[range.start..<e]
    }

    /// Trims ASCII and no-break spaces at both ends.
    public static func trimSpaces(_ s: String) -> String {
        let scalars = s.unicodeScalars
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            u == " " || u == "\t" || u == "\u{A0}" || u == "\u{202F}" || u == "\r" || u == "\n"
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Removes the common indentation of a text block and its first and last blank lines.
    public static func dedent(_ s: String) -> String {
        var s = s
        return s.withUTF8 { b -> String in
            // Line ranges, without "\r".
            var lines: [(Int, Int)] = []
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == 10 {
                var e = i
                if e > start && b[e - 1] == 13 { e -= 1 }
                lines.append((start, e))
                start = i + 1
            }
            func blank(_ l: (Int, Int)) -> Bool {
                var k = l.0
                while k < l.1 { if b[k] != 32 && b[k] != 9 { return false }; k += 1 }
                return true
            }
            if let f = lines.first, blank(f) { lines.removeFirst() }
            if let l = lines.last, blank(l) { lines.removeLast() }
            var common = Int.max
            for l in lines where !blank(l) {
                var k = l.0
                while k < l.1 && (b[k] == 32 || b[k] == 9) { k += 1 }
                common = min(common, k - l.0)
            }
            if common == Int.max { common = 0 }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            for (n, l) in lines.enumerated() {
                if n > 0 { out.append(10) }
                let from = min(l.0 + common, l.1)
                if l.1 - l.0 >= common { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from..<l.1])) }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
