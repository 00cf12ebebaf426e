import CopcSource
import CopcSyntax

/// The formatter's safety net: two files are equivalent when they hold the same lines of tokens
/// with the same values (keywords compared folded, texts by value, `>=` as `≥`) and the same
/// comments. The parser reads only that, line by line, so equivalent files have the same
/// syntax tree, model and IR — which is why re-lexing the output is enough.
enum Equivalence {
    /// What the comparison needs of a file: its tokens and comments (the lexer's output).
    struct Lexed {
        let file: SourceFile
        let tokens: [Token]
        let comments: [ByteRange]
        init(_ s: FileSyntax) { (file, tokens, comments) = (s.file, s.tokens, s.comments) }
        init(_ file: SourceFile, _ stream: TokenStream) { (self.file, tokens, comments) = (file, stream.tokens, stream.comments) }
    }

    static func holds(_ a: FileSyntax, _ b: FileSyntax) -> Bool { holds(Lexed(a), Lexed(b)) }

    static func holds(_ a: Lexed, _ b: Lexed) -> Bool {
        sameTokens(a, b) && sameComments(a, b)
    }

    /// Walks both token arrays in step; blank lines do not count. Tokens spelled alike are
    /// compared as bytes (the common case), others by folded word or text value.
    static func sameTokens(_ a: Lexed, _ b: Lexed) -> Bool {
        var i = skipNewlines(a, 0), j = skipNewlines(b, 0)
        while true {
            let x = a.tokens[i], y = b.tokens[j]
            let xEnds = x.kind == .newline || x.kind == .endOfFile
            let yEnds = y.kind == .newline || y.kind == .endOfFile
            if xEnds || yEnds {
                // Both lines end here; any number of blank lines may follow.
                guard xEnds && yEnds else { return false }
                i = skipNewlines(a, i)
                j = skipNewlines(b, j)
                if a.tokens[i].kind == .endOfFile || b.tokens[j].kind == .endOfFile {
                    return a.tokens[i].kind == .endOfFile && b.tokens[j].kind == .endOfFile
                }
                continue
            }
            guard same(x, in: a.file, y, in: b.file) else { return false }
            i += 1
            j += 1
        }
    }

    static func skipNewlines(_ s: Lexed, _ k: Int) -> Int {
        var k = k
        while s.tokens[k].kind == .newline { k += 1 }
        return k
    }

    static func same(_ x: Token, in fa: SourceFile, _ y: Token, in fb: SourceFile) -> Bool {
        let rawA = fa.bytes[Int(x.start)..<Int(x.end)], rawB = fb.bytes[Int(y.start)..<Int(y.end)]
        switch (x.kind, y.kind) {
        case (.word, .word):
            return rawA.elementsEqual(rawB) || TokenText.fold(rawA) == TokenText.fold(rawB)
        case (.string, _), (.guillemets, _), (.textBlock, _):
            guard y.isText else { return false }
            return (x.kind == y.kind && rawA.elementsEqual(rawB)) || TokenText.value(of: x, in: fa) == TokenText.value(of: y, in: fb)
        default:
            return x.kind == y.kind
        }
    }

    static func sameComments(_ a: Lexed, _ b: Lexed) -> Bool {
        guard a.comments.count == b.comments.count else { return false }
        for (r, s) in zip(a.comments, b.comments)
        where !TokenText.trimmingTrailingBlanks(r, in: a.file.bytes).elementsEqual(TokenText.trimmingTrailingBlanks(s, in: b.file.bytes)) {
            return false
        }
        return true
    }
}
