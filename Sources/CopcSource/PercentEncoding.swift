/// Paths in URIs (SARIF's artifact locations, the language server's `file://` URIs): every
/// byte outside RFC 3986's unreserved set and `/` percent-encoded as UTF-8, upper-case hex, so
/// `dossier été/contrat 1.cop` → `dossier%20%C3%A9t%C3%A9/contrat%201.cop`. A path's bytes that
/// are not UTF-8 (`PathBytes`) are encoded as the bytes they are: `r%E9vis%E9.cop`.
public enum PercentEncoding {
    public static func encode(_ s: some StringProtocol) -> String {
        var out = ""
        for b in PathBytes.encode(String(s)) {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 0xF)]))
            }
        }
        return out
    }

    /// The bytes of a percent-encoded text; `nil` on a malformed escape.
    public static func decode(_ s: some StringProtocol) -> [UInt8]? {
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var k = 0
        while k < bytes.count {
            if bytes[k] == UInt8(ascii: "%") {
                guard k + 2 < bytes.count, let h = hexValue(bytes[k + 1]), let l = hexValue(bytes[k + 2]) else { return nil }
                out.append(h << 4 | l)
                k += 3
            } else {
                out.append(bytes[k])
                k += 1
            }
        }
        return out
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
