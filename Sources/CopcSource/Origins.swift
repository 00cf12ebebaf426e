/// Where the lines of a generated source came from: for a `.cop` text printed by a program
/// (CopcKit, from Swift result builders), the place in the program that made each line.
/// The text pipeline never sets it; a `FileTable` holding one turns the places of that
/// file into the program's places (`FileTable.origin(of:)`), so diagnostics can be shown
/// where the program is written.
public struct LineOrigin: Hashable, Sendable {
    /// The program's file (a Swift `#filePath`).
    public let path: String
    /// 1-based line in that file.
    public let line: Int
    /// 1-based column in that file.
    public let column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }
}

/// The origin of every line of one generated file: `lines[i]` made line `i + 1`.
public struct SourceMap: Hashable, Sendable {
    public let lines: [LineOrigin]
    public init(lines: [LineOrigin]) { self.lines = lines }
}

extension FileTable {
    /// Records that the file `id` was generated, and where each of its lines came from.
    public mutating func attach(_ map: SourceMap, to id: FileID) {
        origins[id] = map
    }

    /// The program's place that made the line holding `place`, if its file was generated.
    public func origin(of place: Place) -> LineOrigin? {
        guard let map = origins[place.file], contains(place.file) else { return nil }
        let line = self[place.file].lineIndex(of: Int(place.start))
        return line < map.lines.count ? map.lines[line] : map.lines.last
    }
}
