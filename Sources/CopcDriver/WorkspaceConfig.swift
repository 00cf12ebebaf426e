import CopcSource
import CopcDiagnostics

/// What a workspace's `copc.toml` says. Today one key, `exclure`: folders left out of every
/// folder walk below the root (test fixtures, archives), relative to the folder of `copc.toml`:
///
/// ```toml
/// # copc.toml
/// exclure = ["Tests", "archives/2019"]
/// ```
///
/// The file is read only when it is the root's trusted marker (`WorkspaceRoot`), below the
/// root without following a link (a `copc.toml` planted as a link to `.git/config` is never
/// read), 64 Kio at most. It is TOML, of which copc reads a small subset — comments, bare keys,
/// `=`, strings (`"…"` with escapes, `'…'`), arrays of strings over one or several lines —
/// and refuses the rest with a clear message (COP003), never quoting the file's text beyond
/// a bare key: the wrong file must not leak through a diagnostic.
public struct WorkspaceConfig: Hashable, Sendable {
    /// Folders left out of walks (absolute, normalised, below the root).
    public var excluded: Set<String> = []
    /// What could not be read, with its place (1-based line and column).
    public var problems: [Problem] = []

    public struct Problem: Hashable, Sendable, Error {
        public let line: Int
        public let column: Int
        public let problem: ConfigurationProblem

        public init(line: Int, column: Int, problem: ConfigurationProblem) {
            self.line = line
            self.column = column
            self.problem = problem
        }
    }

    /// The keys copc knows.
    public static let keys = ["exclure"]
    /// The file's name, and its size limit.
    public static let fileName = "copc.toml"
    public static let maxBytes = 64 * 1024

    public init() {}

    /// The configuration of the workspace whose trusted marker is `marker` (none unless it is a
    /// `copc.toml`).
    public static func load(root: String, marker: String?) -> WorkspaceConfig {
        guard let marker, Paths.lastComponent(of: marker) == fileName, Paths.directory(of: marker) == root else {
            return WorkspaceConfig()
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(marker, beneath: root, limit: maxBytes)
        } catch {
            var c = WorkspaceConfig()
            let why = error.tooLarge != nil ? "plus de 64 Kio" : error.message
            c.problems.append(Problem(line: 1, column: 1, problem: .unreadable(reason: why)))
            return c
        }
        return parse(bytes, root: root)
    }

    /// Reads the text of a `copc.toml` at the root `root`.
    public static func parse(_ bytes: [UInt8], root: String) -> WorkspaceConfig {
        var c = WorkspaceConfig()
        guard let text = String(validating: bytes, as: UTF8.self) else {
            var line = 1
            for b in bytes.prefix(while: { $0 < 0x80 }) where b == 10 { line += 1 }
            c.problems.append(Problem(line: line, column: 1, problem: .notUTF8))
            return c
        }
        var reader = TOMLReader(Array(text.unicodeScalars))
        var seen = Set<String>()
        while let statement = reader.nextStatement() {
            switch statement {
            case .failure(let p):
                c.problems.append(p)
            case .success(let (key, value, line, column)):
                guard WorkspaceConfig.keys.contains(key) else {
                    c.problems.append(Problem(line: line, column: column,
                                              problem: .unknownKey(key, suggestion: Suggest.nearest(to: key, among: WorkspaceConfig.keys))))
                    continue
                }
                guard seen.insert(key).inserted else {
                    c.problems.append(Problem(line: line, column: column, problem: .duplicateKey(key)))
                    continue
                }
                guard case .strings(let items) = value else {
                    c.problems.append(Problem(line: value.line, column: value.column, problem: .expectedStringList(key: key)))
                    continue
                }
                for item in items {
                    guard let folder = excludedFolder(item.text, root: root) else {
                        c.problems.append(Problem(line: item.line, column: item.column, problem: .invalidExcludedFolder))
                        continue
                    }
                    c.excluded.insert(folder)
                }
            }
        }
        return c
    }

    /// `Tests`, `./Tests/`, `archives/2019` → an absolute folder below the root; `nil` for an
    /// absolute path, a `..`, an empty name or a NUL.
    static func excludedFolder(_ text: String, root: String) -> String? {
        guard !text.hasPrefix("/"), !text.unicodeScalars.contains("\0") else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !parts.isEmpty, !parts.contains("..") else { return nil }
        return Paths.join(root, parts.joined(separator: "/"))
    }
}

/// A value of the TOML subset.
enum TOMLValue {
    case strings([(text: String, line: Int, column: Int)])
    case other(line: Int, column: Int)

    var line: Int { if case .other(let l, _) = self { return l }; return 0 }
    var column: Int { if case .other(_, let c) = self { return c }; return 0 }
}

/// A reader of the TOML subset: one `key = value` statement at a time, comments and blank
/// lines skipped; a statement it cannot read is a problem, and reading resumes at the next line.
struct TOMLReader {
    let s: [Unicode.Scalar]
    var k = 0
    var line = 1
    var lineStart = 0

    init(_ s: [Unicode.Scalar]) { self.s = s }

    var column: Int { k - lineStart + 1 }

    typealias Statement = Result<(key: String, value: TOMLValue, line: Int, column: Int), WorkspaceConfig.Problem>

    func problem(_ p: ConfigurationProblem) -> WorkspaceConfig.Problem {
        WorkspaceConfig.Problem(line: line, column: column, problem: p)
    }

    mutating func nextStatement() -> Statement? {
        skipBlankLines()
        guard k < s.count else { return nil }
        let result = statement()
        // As TOML readers do, the first syntax error ends the reading: what follows may be the
        // rest of a list, and would give only knock-on errors.
        if case .failure = result { k = s.count }
        return result
    }

    mutating func statement() -> Statement {
        let (l, c) = (line, column)
        if s[k] == "[" { return .failure(problem(.table)) }
        var key = ""
        while k < s.count, isBareKey(s[k]) { key.unicodeScalars.append(s[k]); k += 1 }
        guard !key.isEmpty, key.unicodeScalars.count <= 64 else { return .failure(problem(.expectedKey)) }
        skipSpaces()
        guard k < s.count, s[k] == "=" else { return .failure(problem(.expectedEquals(key: key))) }
        k += 1
        skipSpaces()
        let value: TOMLValue
        switch readValue() {
        case .failure(let p): return .failure(p)
        case .success(let v): value = v
        }
        skipSpaces()
        if k < s.count, s[k] == "#" { skipComment() }
        guard k >= s.count || s[k] == "\n" || s[k] == "\r" else { return .failure(problem(.trailingText)) }
        return .success((key, value, l, c))
    }

    mutating func readValue() -> Result<TOMLValue, WorkspaceConfig.Problem> {
        guard k < s.count, s[k] != "\n", s[k] != "\r" else { return .failure(problem(.expectedValue)) }
        let (l, c) = (line, column)
        if s[k] == "\"" || s[k] == "'" {
            switch readString() {
            case .failure(let p): return .failure(p)
            case .success: return .success(.other(line: l, column: c))
            }
        }
        guard s[k] == "[" else {
            // A number, a date, a boolean, an inline table…: not what any key takes.
            while k < s.count, s[k] != "\n", s[k] != "#" { k += 1 }
            return .success(.other(line: l, column: c))
        }
        k += 1
        var items: [(text: String, line: Int, column: Int)] = []
        var mixed = false
        while true {
            skipSpacesNewlinesAndComments()
            guard k < s.count else { return .failure(problem(.unterminatedArray)) }
            if s[k] == "]" { k += 1; break }
            let (il, ic) = (line, column)
            if s[k] == "\"" || s[k] == "'" {
                switch readString() {
                case .failure(let p): return .failure(p)
                case .success(let t): items.append((t, il, ic))
                }
            } else if s[k] == "[" {
                return .failure(problem(.expectedStringList(key: nil)))
            } else {
                mixed = true
                while k < s.count, s[k] != ",", s[k] != "]", s[k] != "\n", s[k] != "#" { k += 1 }
            }
            skipSpacesNewlinesAndComments()
            guard k < s.count else { return .failure(problem(.unterminatedArray)) }
            if s[k] == "," { k += 1; continue }
            if s[k] == "]" { k += 1; break }
            return .failure(problem(.expectedComma))
        }
        return .success(mixed ? .other(line: l, column: c) : .strings(items))
    }

    /// A basic (`"…"`, with escapes) or literal (`'…'`) string on one line.
    mutating func readString() -> Result<String, WorkspaceConfig.Problem> {
        let quote = s[k]
        k += 1
        var out = String.UnicodeScalarView()
        while k < s.count {
            let ch = s[k]
            if ch == "\n" || ch == "\r" { break }
            if ch == quote { k += 1; return .success(String(out)) }
            if ch.value < 0x20 && ch != "\t" || ch.value == 0x7F { return .failure(problem(.controlCharacter)) }
            if quote == "\"" && ch == "\\" {
                k += 1
                guard k < s.count else { break }
                switch s[k] {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{C}")
                case "u", "U":
                    let n = s[k] == "u" ? 4 : 8
                    guard k + n < s.count else { return .failure(problem(.badEscape)) }
                    var v: UInt32 = 0
                    for d in s[(k + 1)...(k + n)] {
                        guard let h = hexValue(d) else { return .failure(problem(.badEscape)) }
                        v = v << 4 | h
                    }
                    guard let u = Unicode.Scalar(v) else { return .failure(problem(.badEscape)) }
                    out.append(u)
                    k += n
                default:
                    return .failure(problem(.badEscape))
                }
                k += 1
                continue
            }
            out.append(ch)
            k += 1
        }
        return .failure(problem(.unterminatedString))
    }

    func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x41...0x46: return c.value - 0x41 + 10
        case 0x61...0x66: return c.value - 0x61 + 10
        default: return nil
        }
    }

    func isBareKey(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F: return true
        default: return false
        }
    }

    mutating func newline() {
        k += 1
        line += 1
        lineStart = k
    }

    mutating func skipSpaces() { while k < s.count, s[k] == " " || s[k] == "\t" { k += 1 } }

    mutating func skipComment() { while k < s.count, s[k] != "\n" { k += 1 } }

    mutating func skipBlankLines() {
        while k < s.count {
            skipSpaces()
            if k < s.count, s[k] == "#" { skipComment() }
            if k < s.count, s[k] == "\r" { k += 1 }
            guard k < s.count, s[k] == "\n" else { return }
            newline()
        }
    }

    mutating func skipSpacesNewlinesAndComments() {
        while k < s.count {
            if s[k] == " " || s[k] == "\t" || s[k] == "\r" { k += 1 }
            else if s[k] == "#" { skipComment() }
            else if s[k] == "\n" { newline() }
            else { return }
        }
    }
}
