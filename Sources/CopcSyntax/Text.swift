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
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        if let f = lines.first, f.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        if let l = lines.last, l.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        let indents = lines.filter { !$0.allSatisfy({ $0 == " " || $0 == "\t" }) }
            .map { $0.prefix(while: { $0 == " " || $0 == "\t" }).count }
        let common = indents.min() ?? 0
        return lines.map { line -> String in
            line.count >= common ? String(line.dropFirst(common)) : ""
        }.joined(separator: "\n")
    }
}
