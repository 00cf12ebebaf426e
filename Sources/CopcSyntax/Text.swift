import CopcSource

/// Reading token text: folded keywords, unescaped strings, dedented text blocks.
public enum TokenText {
    /// Lowercase ASCII with French accents removed (`Délai` → `delai`, `œ` → `oe`, `’` → `'`),
    /// for matching keywords whose accents are optional.
    public static func fold(_ bytes: ArraySlice<UInt8>) -> String {
        // Fast path: keywords are mostly lowercase ASCII already.
        if bytes.allSatisfy({ $0 < 0x80 && ($0 < 65 || $0 > 90) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var k = bytes.startIndex
        let end = bytes.endIndex
        while k < end {
            let b = bytes[k]
            if b < 0x80 {
                out.append(b >= 65 && b <= 90 ? b + 32 : b)
                k += 1
                continue
            }
            if b == 0xC3 && k + 1 < end {
                let c = bytes[k + 1] | 0x20 // fold the Latin-1 uppercase block onto lowercase
                let mapped: UInt8?
                switch c {
                case 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5: mapped = UInt8(ascii: "a")
                case 0xA7: mapped = UInt8(ascii: "c")
                case 0xA8, 0xA9, 0xAA, 0xAB: mapped = UInt8(ascii: "e")
                case 0xAC, 0xAD, 0xAE, 0xAF: mapped = UInt8(ascii: "i")
                case 0xB2, 0xB3, 0xB4, 0xB5, 0xB6: mapped = UInt8(ascii: "o")
                case 0xB9, 0xBA, 0xBB, 0xBC: mapped = UInt8(ascii: "u")
                default: mapped = nil
                }
                if let m = mapped { out.append(m); k += 2; continue }
            }
            if b == 0xC5 && k + 1 < end && (bytes[k + 1] == 0x93 || bytes[k + 1] == 0x92) {
                out.append(UInt8(ascii: "o")); out.append(UInt8(ascii: "e")); k += 2; continue
            }
            if b == 0xE2 && k + 2 < end && bytes[k + 1] == 0x80 && bytes[k + 2] == 0x99 {
                out.append(UInt8(ascii: "'")); k += 3; continue
            }
            out.append(b)
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func fold(_ s: String) -> String { fold(ArraySlice(s.utf8)) }

    /// Whether bytes `s..<e`, folded as `fold` does, equal `target` (lowercase ASCII),
    /// without allocating.
    public static func foldedEquals(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ target: String) -> Bool {
        var target = target
        return target.withUTF8 { t in
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
            let closed = e - s >= 4 && b[e - 2] == 0xC2 && b[e - 1] == 0xBB
            let inner = String(decoding: b[(s + 2)..<(closed ? e - 2 : e)], as: UTF8.self)
            return trimSpaces(inner)
        case .textBlock:
            let closed = e - s >= 6 && b[e - 1] == UInt8(ascii: "\"") && b[e - 2] == UInt8(ascii: "\"") && b[e - 3] == UInt8(ascii: "\"")
            let inner = String(decoding: b[(s + 3)..<(closed ? e - 3 : e)], as: UTF8.self)
            return dedent(inner)
        default:
            return file.text(token.range)
        }
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
