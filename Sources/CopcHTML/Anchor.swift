import CopcFrench
/// An `id` inside a page, the target of `href="#…"` links.
///
/// Built from a short prefix naming what it marks (`chg` for a change, `clause`, `el` for an
/// element) and a key (an element id such as `1.1.a`, a number). The key is encoded
/// injectively — ASCII letters, digits, `.` and `-` are kept, every other scalar becomes
/// `_` + its hexadecimal code + `_` — so two different keys never give the same anchor, the
/// same key always gives the same one (links are stable across runs), and the value is a
/// valid id and URL fragment that needs no escaping: `Anchor(prefix: "el", key: "1.1.a")`
/// is `el-1.1.a`, `key: "axe 1"` is `el-axe_20_1`.
public struct Anchor: Hashable, Sendable, Comparable {
    /// The id, as written in `id="…"` (without `#`).
    public let value: String

    /// `prefix` keeps only ASCII lowercase letters, digits and `-` (`a` if nothing is left).
    public init(prefix: String, key: String) {
        var p = ""
        for u in prefix.unicodeScalars where (u >= "a" && u <= "z") || (u >= "0" && u <= "9") || u == "-" {
            p.unicodeScalars.append(u)
        }
        if p.isEmpty { p = "a" }
        var k = ""
        for u in key.unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || u == "." || u == "-" {
                k.unicodeScalars.append(u)
            } else {
                k += "_" + String(u.value, radix: 16, uppercase: true) + "_"
            }
        }
        value = p + "-" + k
    }

    /// `prefix-N`, for numbered things (the third change: `chg-3`).
    public init(prefix: String, index: Int) {
        self.init(prefix: prefix, key: String(index))
    }

    public static func < (a: Anchor, b: Anchor) -> Bool { a.value < b.value }
}
