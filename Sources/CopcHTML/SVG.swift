import CopcFrench
/// A small writer of SVG markup, for the charts. Every number goes through `SVGWriter.number`
/// (never NaN nor infinity), every text through `HTMLEscape`, so the output is valid inline
/// SVG in HTML and well-formed XML.
struct SVGWriter {
    var out = ""

    /// `v` with at most two decimals, ASCII, for coordinates; non-finite values (which the
    /// chart never produces, by construction) become 0 rather than `nan` in the markup.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let clamped = min(max(v, -1e7), 1e7)
        let scaled = (clamped * 100).rounded()
        let negative = scaled < 0
        let mag = French.clamped(scaled.magnitude, to: 0...1_000_000_000)
        var s = String(mag / 100)
        let frac = mag % 100
        if frac != 0 {
            s += frac % 10 == 0 ? "." + String(frac / 10) : (frac < 10 ? ".0" : ".") + String(frac)
        }
        return negative && mag != 0 ? "-" + s : s
    }

    /// Opens `<name a="v" …>` (or writes `<name … />` when `selfClosing`).
    mutating func open(_ name: String, _ attrs: [(String, String)], selfClosing: Bool = false) {
        out += "<" + name
        for (k, v) in attrs {
            out += " " + k + "=\""
            HTMLEscape.appendAttribute(v, to: &out)
            out += "\""
        }
        out += selfClosing ? "/>" : ">"
    }

    mutating func close(_ name: String) { out += "</" + name + ">" }

    mutating func empty(_ name: String, _ attrs: [(String, String)]) { open(name, attrs, selfClosing: true) }

    mutating func textElement(_ name: String, _ attrs: [(String, String)], _ text: String) {
        open(name, attrs)
        HTMLEscape.appendText(text, to: &out)
        close(name)
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ extra: [(String, String)] = []) {
        empty("line", [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2))] + extra)
    }
}
