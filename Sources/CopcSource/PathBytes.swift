/// Paths are bytes (issue 21): the kernel names a file by any bytes but `/` and NUL, and a name
/// that is not UTF-8 — `avenant-r\xE9vis\xE9.cop` unzipped from a Windows archive — must be
/// read, checked and named, never skipped.
///
/// copc keeps paths in `String`s; a byte that does not belong to a valid UTF-8 sequence is
/// carried by one scalar of U+F780…U+F7FF (U+F700 + the byte, which is ≥ 0x80), as Python's
/// `surrogateescape` does with lone surrogates (which a Swift string cannot hold). The mapping
/// is injective: a name that really contains a scalar of that range has its UTF-8 bytes carried
/// the same way, so `encode(decode(b)) == b` for every byte string. Names that are UTF-8 (the
/// usual case) decode to themselves; path arithmetic (`Paths`) is unchanged, since `/` is never
/// escaped. System calls take `encode(path)`; people see `shown(path)` (`\xE9`).
public enum PathBytes {
    static let base: UInt32 = 0xF700
    static let escapes: ClosedRange<UInt32> = 0xF780...0xF7FF

    /// The path carried by `bytes` (a name read from the system).
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        let b = Array(bytes)
        if let s = String(validating: b, as: UTF8.self), !s.unicodeScalars.contains(where: { escapes.contains($0.value) }) {
            return s
        }
        var out = String.UnicodeScalarView()
        var k = 0
        while k < b.count {
            let lead = b[k]
            let n = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            if n > 0, k + n <= b.count, let s = String(validating: b[k..<(k + n)], as: UTF8.self),
               let scalar = s.unicodeScalars.first, !escapes.contains(scalar.value) {
                out.append(scalar)
                k += n
            } else {
                // An invalid byte, or one of a name that holds an escape scalar: carried alone.
                out.append(Unicode.Scalar(base + UInt32(lead))!)
                k += 1
            }
        }
        return String(out)
    }

    /// The bytes a path names (what system calls take).
    public static func encode(_ path: String) -> [UInt8] {
        let utf8 = path.utf8
        // Escapes are EF 9E xx or EF 9F xx in UTF-8: without them the bytes are the path's.
        guard hasEscape(utf8) else { return Array(utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for s in path.unicodeScalars {
            if escapes.contains(s.value) {
                out.append(UInt8(truncatingIfNeeded: s.value - base))
            } else {
                out.append(contentsOf: String(s).utf8)
            }
        }
        return out
    }

    /// Calls `body` with the NUL-terminated bytes of `path`, for a system call.
    public static func withCString<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        guard hasEscape(path.utf8) else { return try path.withCString(body) }
        var bytes = encode(path)
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { buf in
            try buf.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// Whether `path` holds a byte that is not UTF-8 (an escape scalar).
    public static func hasRawBytes(_ path: String) -> Bool { hasEscape(path.utf8) }

    /// The path as people see it: each byte that is not UTF-8 written `\xE9` (as git and ls
    /// do), the rest as it is.
    public static func shown(_ path: String) -> String {
        guard hasEscape(path.utf8) else { return path }
        var out = ""
        for s in path.unicodeScalars {
            if escapes.contains(s.value) {
                let b = s.value - base
                out += "\\x" + String(hexDigits[Int(b >> 4)]) + String(hexDigits[Int(b & 0xF)])
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func hasEscape(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for b in utf8 {
            if previous == 0xEF && (b == 0x9E || b == 0x9F) { return true }
            previous = b
        }
        return false
    }
}
