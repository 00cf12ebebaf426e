import CopcSource
import CopcSyntax

/// The formatter's safety net: two files are equivalent when they hold the same lines of tokens
/// with the same values (keywords compared folded, texts by value, `>=` as `≥`) and the same
/// comments. The parser reads only that, so equivalent files have the same syntax tree, model
/// and IR.
enum Equivalence {
    static func holds(_ a: FileSyntax, _ b: FileSyntax) -> Bool {
        signature(a) == signature(b) && comments(a) == comments(b)
    }

    /// Token kinds and values, one newline between lines (blank lines do not count).
    static func signature(_ s: FileSyntax) -> [String] {
        var out: [String] = []
        out.reserveCapacity(s.tokens.count)
        let bytes = s.file.bytes
        for t in s.tokens {
            switch t.kind {
            case .newline:
                if let last = out.last, last != "\n" { out.append("\n") }
            case .endOfFile:
                break
            case .word:
                out.append("w" + TokenText.fold(bytes[Int(t.start)..<Int(t.end)]))
            case .string, .guillemets, .textBlock:
                out.append("t" + TokenText.value(of: t, in: s.file))
            default:
                out.append("p\(t.kind.rawValue)")
            }
        }
        if out.last == "\n" { out.removeLast() }
        return out
    }

    static func comments(_ s: FileSyntax) -> [String] {
        s.comments.map { r in
            var e = r.end
            let b = s.file.bytes
            while e > r.start && (b[e - 1] == 32 || b[e - 1] == 9 || b[e - 1] == 13) { e -= 1 }
            return String(decoding: b[r.start..<e], as: UTF8.self)
        }
    }
}
