/// A byte range inside one source file: `start ..< end`, as UTF-8 byte offsets.
public struct ByteRange: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public var length: Int { end - start }

    /// The smallest range covering both.
    public func union(_ other: ByteRange) -> ByteRange {
        ByteRange(min(start, other.start), max(end, other.end))
    }

    public static func < (a: ByteRange, b: ByteRange) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }
}

/// The index of a file in the files of a check (its `FileTable`): places name files by this
/// number, as Go's `token.Pos` does, not by a reference.
public struct FileID: Hashable, Comparable, Sendable {
    public let index: UInt32

    public init(_ index: Int) { self.index = UInt32(truncatingIfNeeded: index) }

    public static func < (a: FileID, b: FileID) -> Bool { a.index < b.index }
}

/// A place in the files of a check: a file index and a byte range, 12 bytes, no reference.
/// The model (elements, properties, references) records places; they become paths, lines and
/// columns only through the `FileTable` when shown.
public struct Place: Hashable, Sendable, Comparable {
    public let file: FileID
    public let start: UInt32
    public let end: UInt32

    public init(_ file: FileID, _ range: ByteRange) {
        self.file = file
        self.start = UInt32(truncatingIfNeeded: range.start)
        self.end = UInt32(truncatingIfNeeded: range.end)
    }

    public var range: ByteRange { ByteRange(Int(start), Int(end)) }

    public static func < (a: Place, b: Place) -> Bool {
        (a.file, a.start, a.end) < (b.file, b.start, b.end)
    }
}

/// The files of a check by `FileID`: how a place becomes a file, a path, a line.
public struct FileTable: Sendable {
    public private(set) var files: [SourceFile] = []
    /// The origins of generated files (`attach(_:to:)`); empty for files read from text.
    var origins: [FileID: SourceMap] = [:]

    public init(_ files: [SourceFile] = []) {
        for f in files { add(f) }
    }

    /// Adds a file at its own id (ids are dense: a file's id is its index in the table).
    public mutating func add(_ file: SourceFile) {
        let i = Int(file.id.index)
        precondition(i <= files.count, "FileTable: file ids must be dense")
        if i < files.count { files[i] = file } else { files.append(file) }
    }

    public subscript(id: FileID) -> SourceFile { files[Int(id.index)] }

    public func contains(_ id: FileID) -> Bool { Int(id.index) < files.count }
}

/// A 1-based line and column; the column counts Unicode scalars, as the design requires.
public struct LineColumn: Hashable, Sendable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One source file: its path as shown to the user, its bytes, and a lazily built line table.
///
/// Invariant: positions everywhere in copc are byte offsets into `bytes`; lines and
/// columns are computed only when a diagnostic is rendered.
public final class SourceFile: @unchecked Sendable {
    /// The path as the user should see it (relative to the working folder when possible).
    public let path: String
    /// The file's index in the files of its check (0 for a file read alone).
    public let id: FileID
    /// The file's bytes, BOM removed (the offsets of every token refer to this buffer).
    public let bytes: [UInt8]
    /// Byte offset at which each line starts (line 1 at index 0).
    public let lineStarts: [Int]

    public init(path: String, bytes rawBytes: [UInt8], id: FileID = FileID(0)) {
        self.path = path
        self.id = id
        if rawBytes.count >= 3, rawBytes[0] == 0xEF, rawBytes[1] == 0xBB, rawBytes[2] == 0xBF {
            self.bytes = Array(rawBytes[3...])
        } else {
            self.bytes = rawBytes
        }
        var starts = [0]
        starts.reserveCapacity(self.bytes.count / 32 + 1)
        self.bytes.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count where buf[i] == 0x0A {
                starts.append(i + 1)
            }
        }
        self.lineStarts = starts
    }

    public convenience init(path: String, text: String, id: FileID = FileID(0)) {
        self.init(path: path, bytes: Array(text.utf8), id: id)
    }

    /// The place of `range` in this file.
    public func place(_ range: ByteRange) -> Place { Place(id, range) }

    /// The 0-based index of the line containing `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        let target = min(max(offset, 0), bytes.count)
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= target { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    public func location(of offset: Int) -> LineColumn {
        let li = lineIndex(of: offset)
        let start = lineStarts[li]
        let target = min(max(offset, start), bytes.count)
        var column = 1
        var i = start
        while i < target {
            // Count scalar starts: every byte that is not a UTF-8 continuation byte.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return LineColumn(line: li + 1, column: column)
    }

    /// The byte range of line `line` (1-based), without its line terminator.
    public func lineRange(_ line: Int) -> ByteRange {
        let li = min(max(line - 1, 0), lineStarts.count - 1)
        let start = lineStarts[li]
        var end = li + 1 < lineStarts.count ? lineStarts[li + 1] - 1 : bytes.count
        if end > start, end - 1 < bytes.count, bytes[end - 1] == 0x0D { end -= 1 }
        return ByteRange(start, max(start, end))
    }

    /// The text of a byte range, decoded leniently (invalid UTF-8 becomes U+FFFD).
    public func text(_ range: ByteRange) -> String {
        let s = min(max(range.start, 0), bytes.count)
        let e = min(max(range.end, s), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    /// The UTF-16 column (0-based) of a byte offset, for the language server.
    public func utf16Column(of offset: Int) -> Int {
        let li = lineIndex(of: offset)
        let start = lineStarts[li]
        let target = min(max(offset, start), bytes.count)
        var units = 0
        var i = start
        while i < target {
            let b = bytes[i]
            if b & 0xC0 != 0x80 { units += (b >= 0xF0) ? 2 : 1 }
            i += 1
        }
        return units
    }

    /// The byte offset of a 0-based (line, UTF-16 column) position, clamped to the line.
    public func offset(line: Int, utf16Column: Int) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count else { return bytes.count }
        let range = lineRange(line + 1)
        var units = 0
        var i = range.start
        while i < range.end && units < utf16Column {
            let b = bytes[i]
            units += (b >= 0xF0) ? 2 : 1
            i += 1
            while i < range.end && bytes[i] & 0xC0 == 0x80 { i += 1 }
        }
        return i
    }
}
