import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcLanguage

/// Values that read one way and may mean another (issue 13).
extension BuilderState {
    /// COP108: a number written with a dot followed by exactly three digits (`1.500`) is read
    /// as a decimal (1,5) but may be a thousands separator (1 500): warn with both readings.
    mutating func warnAmbiguousDecimalPoints(_ p: PropertySyntax) {
        for k in p.valueTokens where syntax.tokens[k].kind == .word {
            let t = syntax.tokens[k]
            // Cheap byte test first (every target and base goes through here): 5 to 8 bytes,
            // a dot four bytes before the end, digits after it.
            let s = Int(t.start), e = Int(t.end)
            guard e - s >= 5, e - s <= 8 else { continue }
            let b = file.bytes
            guard b[e - 4] == UInt8(ascii: "."), b[e - 1] &- 0x30 < 10, b[e - 2] &- 0x30 < 10, b[e - 3] &- 0x30 < 10 else { continue }
            let word = file.text(t.range)
            guard let readings = BuilderState.dotThousands(word) else { continue }
            report(.ambiguousDecimalPoint(written: word, decimal: readings.decimal, thousands: readings.thousands), t.range)
        }
    }

    /// `1.500` → (`1,5`, `1 500`); `-12.250` → (`-12,25`, `-12 250`); `2.000` → (`2`, `2 000`);
    /// `nil` unless the word is `[sign]` 1 to 3 digits, a dot, exactly 3 digits.
    static func dotThousands(_ word: String) -> (decimal: String, thousands: String)? {
        var body = Substring(word)
        var sign = ""
        if let f = body.first, f == "-" || f == "+" || f == "\u{2212}" { sign = String(f); body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...3).contains(parts[0].count), parts[1].count == 3,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        var fraction = parts[1]
        while fraction.last == "0" { fraction.removeLast() }
        let decimal = sign + parts[0] + (fraction.isEmpty ? "" : "," + fraction)
        return (decimal, sign + parts[0] + " " + parts[1])
    }
}
