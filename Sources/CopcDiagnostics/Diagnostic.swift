import CopcSource

/// How serious a diagnostic is. The raw values are the English words of the JSON and gcc formats.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case error, warning, note

    /// The French word shown to drafters.
    public var french: String {
        switch self {
        case .error: return "erreur"
        case .warning: return "avertissement"
        case .note: return "note"
        }
    }

    var rank: Int {
        switch self {
        case .error: return 2
        case .warning: return 1
        case .note: return 0
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A place in a source file.
public struct SourceSpan: Hashable, Sendable {
    public let file: SourceFile
    public let range: ByteRange

    public init(_ file: SourceFile, _ range: ByteRange) {
        self.file = file
        self.range = range
    }

    public static func == (a: SourceSpan, b: SourceSpan) -> Bool {
        a.file === b.file && a.range == b.range
    }

    public func hash(into h: inout Hasher) {
        h.combine(ObjectIdentifier(file))
        h.combine(range)
    }

    public var start: LineColumn { file.location(of: range.start) }
    public var end: LineColumn { file.location(of: range.end) }
}

/// A secondary place related to a diagnostic (the first declaration of a duplicate, the period…).
public struct Note: Hashable, Sendable {
    public let message: NoteMessage
    public let span: SourceSpan?

    public init(_ message: NoteMessage, at span: SourceSpan?) {
        self.message = message
        self.span = span
    }
}

/// One problem found in the input: a stable code, a severity, a primary place, a message, notes.
///
/// Invariant: every diagnostic has a code — it is derived from its message, which is a case of
/// the catalogue, so a diagnostic without a code cannot be built.
public struct Diagnostic: Hashable, Sendable {
    public let message: Message
    public var severity: Severity
    /// The primary place; `nil` only for problems with no source at all (an unreadable path).
    public let span: SourceSpan?
    /// The path shown when there is no span.
    public let path: String
    public var notes: [Note]

    public init(_ message: Message, at span: SourceSpan, notes: [Note] = [], severity: Severity? = nil) {
        self.message = message
        self.span = span
        self.path = span.file.path
        self.notes = notes
        self.severity = severity ?? message.code.severity
    }

    public init(_ message: Message, path: String) {
        self.message = message
        self.span = nil
        self.path = path
        self.notes = []
        self.severity = message.code.severity
    }

    public var code: Code { message.code }
    public var text: String { message.text }

    /// Sort key: file, then position, then code.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path < b.path }
        let ao = a.span?.range.start ?? -1
        let bo = b.span?.range.start ?? -1
        if ao != bo { return ao < bo }
        if a.code != b.code { return a.code.rawValue < b.code.rawValue }
        return a.text < b.text
    }
}

/// Counts of diagnostics by severity.
public struct Summary: Sendable, Equatable {
    public var errors = 0
    public var warnings = 0
    public var notes = 0

    public init(_ diagnostics: [Diagnostic]) {
        for d in diagnostics {
            switch d.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }
    }
}

extension FileTable {
    /// The source span of a place, for a diagnostic.
    public func span(_ place: Place) -> SourceSpan { SourceSpan(self[place.file], place.range) }
}

/// A set of codes (the codes silenced by `# copc: ignorer` on a line or for an element),
/// as bits: no allocation, constant-time tests.
public struct CodeSet: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    public init() {}

    public init<S: Sequence>(_ codes: S) where S.Element == Code {
        for c in codes { insert(c) }
    }

    private static let bit: [Code: Int] = {
        var t: [Code: Int] = [:]
        for (k, c) in Code.allCases.enumerated() { t[c] = k }
        precondition(t.count <= 128, "CodeSet holds at most 128 codes")
        return t
    }()

    public mutating func insert(_ c: Code) {
        let b = CodeSet.bit[c]!
        if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
    }

    public func contains(_ c: Code) -> Bool {
        let b = CodeSet.bit[c]!
        return b < 64 ? low & (1 << UInt64(b)) != 0 : high & (1 << UInt64(b - 64)) != 0
    }

    public var isEmpty: Bool { low == 0 && high == 0 }

    public func union(_ o: CodeSet) -> CodeSet {
        var r = self
        r.low |= o.low
        r.high |= o.high
        return r
    }

    public mutating func formUnion(_ o: CodeSet) { self = union(o) }
}
