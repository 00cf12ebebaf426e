import CopcSource

/// An LSP position: 0-based line and UTF-16 code-unit column. This type and `LSPRange` are
/// the only places where UTF-16 exists in copc; everything else counts bytes.
public struct LSPPosition: Equatable, Sendable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    /// The position of a byte offset of `file`.
    public init(_ file: SourceFile, offset: Int) {
        line = file.lineIndex(of: offset)
        character = file.utf16Column(of: offset)
    }

    /// The byte offset of this position in `file`, clamped to the line (as LSP asks: a
    /// character beyond the line's end means the end of the line).
    public func offset(in file: SourceFile) -> Int {
        file.offset(line: line, utf16Column: character)
    }

    public var json: JSONValue { ["line": .int(line), "character": .int(character)] }

    /// Reads `{"line": N, "character": N}`; `nil` when malformed or negative.
    public init?(json: JSONValue?) {
        guard let l = json?["line"]?.int, let c = json?["character"]?.int, l >= 0, c >= 0 else { return nil }
        line = l
        character = c
    }
}

/// An LSP range.
public struct LSPRange: Equatable, Sendable {
    public var start: LSPPosition
    public var end: LSPPosition

    public init(start: LSPPosition, end: LSPPosition) {
        self.start = start
        self.end = end
    }

    public init(_ file: SourceFile, _ range: ByteRange) {
        start = LSPPosition(file, offset: range.start)
        end = LSPPosition(file, offset: range.end)
    }

    public init?(json: JSONValue?) {
        guard let s = LSPPosition(json: json?["start"]), let e = LSPPosition(json: json?["end"]) else { return nil }
        start = s
        end = e
    }

    public var json: JSONValue { ["start": start.json, "end": end.json] }
}

/// `file://` URIs ↔ absolute paths (percent-encoding; Linux paths).
public enum FileURI {
    /// The path of a `file:` URI, percent-decoded; `nil` for another scheme or bad escapes.
    public static func path(of uri: String) -> String? {
        var rest: Substring
        if uri.hasPrefix("file://") {
            rest = uri.dropFirst(7)
            // `file://host/path`: only an empty host or localhost name this machine.
            if !rest.hasPrefix("/") {
                guard let slash = rest.firstIndex(of: "/"), rest[..<slash] == "localhost" else { return nil }
                rest = rest[slash...]
            }
        } else if uri.hasPrefix("file:/") {
            rest = uri.dropFirst(5)
        } else {
            return nil
        }
        if let q = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<q] }
        guard let out = PercentEncoding.decode(rest), let s = String(validating: out, as: UTF8.self), !s.contains("\0") else { return nil }
        return s
    }

    /// The `file://` URI of an absolute path, encoding all but unreserved characters and `/`
    /// (the way VS Code writes them).
    public static func uri(of path: String) -> String { "file://" + PercentEncoding.encode(path) }
}

/// Applies `textDocument/didChange` edits to a document's bytes.
public enum TextEdits {
    /// Replaces `range` (UTF-16 positions) of `text` with `newText`.
    public static func apply(_ newText: String, in range: LSPRange, to text: [UInt8]) -> [UInt8] {
        let file = SourceFile(path: "", bytes: text)
        // SourceFile drops a byte-order mark: offsets are then 3 bytes short of `text`.
        let bom = text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF ? 3 : 0
        var s = range.start.offset(in: file) + bom
        var e = range.end.offset(in: file) + bom
        if e < s { swap(&s, &e) }
        s = min(s, text.count)
        e = min(e, text.count)
        var out: [UInt8] = []
        out.reserveCapacity(text.count - (e - s) + newText.utf8.count)
        out.append(contentsOf: text[0..<s])
        out.append(contentsOf: newText.utf8)
        out.append(contentsOf: text[e...])
        return out
    }
}
