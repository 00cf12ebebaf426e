/// A JSON value as the language server reads and writes it (no Foundation in this target).
///
/// Integers that fit in `Int` stay integers, so that request ids and positions round-trip
/// exactly; other numbers are `Double`. Objects keep their key order (deterministic output).
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member `key` of an object; `nil` for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// An integer, also from an integral `Double` (`3.0`), never trapping on huge values.
    public var int: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d): return Int(exactly: d)
        default: return nil
        }
    }

    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var object: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// JSON has one number type: `3` equals `3.0`.
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(exactly: x) == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x == y
        default: return false
        }
    }
}

/// A JSON object: members in insertion order; setting an existing key replaces it in place.
public struct JSONObject: Equatable, Sendable {
    public private(set) var keys: [String] = []
    private var values: [String: JSONValue] = [:]

    public init() {}

    public init(_ pairs: [(String, JSONValue)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            if let v = newValue {
                if values.updateValue(v, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var count: Int { keys.count }

    /// Members in order.
    public var members: [(key: String, value: JSONValue)] { keys.map { ($0, values[$0]!) } }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        // Member order does not change an object's meaning.
        a.values == b.values
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral s: String) { self = .string(s) }
    public init(integerLiteral i: Int) { self = .int(i) }
    public init(booleanLiteral b: Bool) { self = .bool(b) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral d: Double) { self = .double(d) }
}

/// Why a text is not JSON: a French message and the byte offset where reading stopped.
public struct JSONError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let offset: Int
    public var description: String { "\(message) (octet \(offset))" }
}

/// A strict RFC 8259 parser over bytes.
///
/// Invariants: it never traps on any input; nesting deeper than `maxDepth` is an error
/// (the parser is recursive, and a message of a million `[` must not overflow the stack);
/// strings must be valid UTF-8; `\u` escapes combine surrogate pairs, and a lone surrogate
/// becomes U+FFFD (JSON allows it, Swift strings cannot hold it).
public struct JSONParser {
    /// Deep enough for any LSP message (they nest a dozen levels), shallow enough for the stack.
    public static let maxDepth = 256

    /// Parses one JSON text (surrounding white space allowed, nothing else after it).
    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        if p.i < bytes.count { throw p.error("contenu inattendu après la valeur JSON") }
        return v
    }

    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func error(_ m: String) -> JSONError { JSONError(message: m, offset: i) }

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(JSONError) -> JSONValue {
        guard let c = peek else { throw error("fin du texte au lieu d'une valeur JSON") }
        switch c {
        case UInt8(ascii: "{"):
            guard depth < JSONParser.maxDepth else { throw error("imbrication JSON trop profonde (plus de \(JSONParser.maxDepth) niveaux)") }
            return try object(depth: depth + 1)
        case UInt8(ascii: "["):
            guard depth < JSONParser.maxDepth else { throw error("imbrication JSON trop profonde (plus de \(JSONParser.maxDepth) niveaux)") }
            return try array(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        default:
            throw error("caractère inattendu dans le JSON")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw error("littéral JSON tronqué") }
        let w = word.utf8Start
        for k in 0..<n where bytes[i + k] != w[k] { throw error("littéral JSON inconnu") }
        i += n
    }

    mutating func object(depth: Int) throws(JSONError) -> JSONValue {
        i += 1
        var o = JSONObject()
        skipSpace()
        if peek == UInt8(ascii: "}") { i += 1; return .object(o) }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw error("clé d'objet JSON attendue") }
            let k = try string()
            skipSpace()
            guard peek == UInt8(ascii: ":") else { throw error("« : » attendu après une clé JSON") }
            i += 1
            skipSpace()
            o[k] = try value(depth: depth)
            skipSpace()
            switch peek {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): i += 1; return .object(o)
            default: throw error("« , » ou « } » attendu dans un objet JSON")
            }
        }
    }

    mutating func array(depth: Int) throws(JSONError) -> JSONValue {
        i += 1
        var a: [JSONValue] = []
        skipSpace()
        if peek == UInt8(ascii: "]") { i += 1; return .array(a) }
        while true {
            skipSpace()
            a.append(try value(depth: depth))
            skipSpace()
            switch peek {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; return .array(a)
            default: throw error("« , » ou « ] » attendu dans un tableau JSON")
            }
        }
    }

    mutating func hex4() throws(JSONError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("échappement \\u tronqué") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw error("chiffre hexadécimal attendu dans \\u")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    mutating func string() throws(JSONError) -> String {
        i += 1
        var out: [UInt8] = []
        var runStart = i
        while true {
            guard i < bytes.count else { throw error("chaîne JSON non terminée") }
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<i])
                i += 1
                break
            }
            if c < 0x20 { throw error("caractère de contrôle non échappé dans une chaîne JSON") }
            if c != UInt8(ascii: "\\") { i += 1; continue }
            out.append(contentsOf: bytes[runStart..<i])
            i += 1
            guard let e = peek else { throw error("chaîne JSON non terminée") }
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate: a low one must follow to make one scalar.
                    if i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                            i = save
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { out.append($0) }
            default:
                i -= 1
                throw error("échappement inconnu dans une chaîne JSON")
            }
            runStart = i
        }
        guard let s = String(validating: out, as: UTF8.self) else {
            throw error("UTF-8 invalide dans une chaîne JSON")
        }
        return s
    }

    mutating func number() throws(JSONError) -> JSONValue {
        let start = i
        var isInteger = true
        if peek == UInt8(ascii: "-") { i += 1 }
        guard let first = peek, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
            throw error("chiffre attendu dans un nombre JSON")
        }
        if first == UInt8(ascii: "0") {
            i += 1
        } else {
            while let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { i += 1 }
        }
        if peek == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { throw error("chiffre attendu après le point décimal") }
            while let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { i += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { throw error("chiffre attendu dans l'exposant") }
            while let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if isInteger, let n = Int(text) { return .int(n) }
        guard let d = Double(text) else { throw error("nombre JSON illisible") }
        return .double(d)
    }
}

/// Serialises JSON compactly, members in order, non-ASCII text as raw UTF-8.
public enum JSONSerializer {
    public static func serialize(_ v: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(v, into: &out)
        return out
    }

    public static func string(_ v: JSONValue) -> String {
        String(decoding: serialize(v), as: UTF8.self)
    }

    static func write(_ v: JSONValue, into out: inout [UInt8]) {
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .double(let d): out.append(contentsOf: format(d).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (k, e) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                write(e, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (k, m) in o.members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                writeString(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(m.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Integral values without a fraction; NaN and infinities (not JSON) as `null`.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 9.007199254740992e15, let i = Int(exactly: d) { return String(i) }
        return String(d)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { buf in
            var runStart = 0
            for k in 0..<buf.count {
                let c = buf[k]
                if c >= 0x20 && c != 0x22 && c != 0x5C { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<k]))
                switch c {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hexDigits[Int(c >> 4)], hexDigits[Int(c & 0xF)]])
                }
                runStart = k + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<buf.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
