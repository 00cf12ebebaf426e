// The properties of the house-style layer (CopcFrench), shared by the test suite
// (FrenchTests) and the libFuzzer target « francais » (Fuzz/francais.swift, scripts/fuzz.sh).
// No XCTest and no Foundation here.
import CopcLanguage
import CopcFrench

enum FrenchProperties {
    /// Doubles read from the first 4 Kio of `bytes` (8 bytes each, little-endian bit patterns), and the bytes as
    /// text, through every formatter: nothing traps, and what is written reads back.
    static func check(_ bytes: [UInt8]) -> [String] {
        var failures: [String] = []
        // At most 512 doubles an input (4 Kio): each goes through some 200 formattings and
        // conversions, and a 64 Kio input would otherwise take seconds without finding more.
        var k = 0
        while k + 8 <= min(bytes.count, 4096) {
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(bytes[k + i]) << (8 * UInt64(i)) }
            failures += number(Double(bitPattern: bits))
            k += 8
        }
        let text = String(decoding: bytes, as: UTF8.self)
        failures += self.text(text)
        return failures
    }

    /// A number written by `French.number` read back as a `Double`: U+202F groups of three,
    /// decimal comma, U+2212 minus; nil when it is not of that form.
    static func readBack(_ s: String) -> Double? {
        var plain = ""
        var groups: [Int] = [0]
        var inFraction = false
        for u in s.unicodeScalars {
            switch u {
            case "\u{2212}": guard plain.isEmpty else { return nil }; plain += "-"
            case "+": guard plain.isEmpty else { return nil }
            case "\u{202F}": guard !inFraction else { return nil }; groups.append(0)
            case ",": guard !inFraction else { return nil }; inFraction = true; plain += "."
            case "0"..."9": plain.unicodeScalars.append(u); if !inFraction { groups[groups.count - 1] += 1 }
            default: return nil
            }
        }
        // Groups of three after the first (1 to 3 digits), only from four digits on.
        if groups.count > 1 {
            guard (1...3).contains(groups[0]), groups.dropFirst().allSatisfy({ $0 == 3 }) else { return nil }
        } else if groups[0] >= 4 && groups[0] <= 21 {
            return nil
        }
        return Double(plain)
    }

    static func number(_ d: Double) -> [String] {
        var failures: [String] = []
        for decimals in [0, 1, 2, 6] {
            let s = French.number(d, decimals: decimals)
            if d.isNaN { if s != French.notANumber { failures.append("NaN écrit « \(s) »") }; continue }
            if d.isInfinite { if !s.hasSuffix("∞") { failures.append("infini écrit « \(s) »") }; continue }
            if s.contains("×") {
                if Swift.abs(d) < 1e21 { failures.append("\(d) en notation scientifique : « \(s) »") }
                continue
            }
            guard let back = readBack(s) else { failures.append("\(d) (\(decimals) décimales) écrit « \(s) », illisible"); continue }
            var step = 1.0
            for _ in 0..<decimals { step /= 10 }
            if Swift.abs(back - d) > step / 2 * 1.000001 + Swift.abs(d) * 1e-15 {
                failures.append("\(d) (\(decimals) décimales) écrit « \(s) », relu \(back)")
            }
        }
        if d.isFinite {
            // A spreadsheet number reads back (no grouping, ASCII minus, comma).
            let c = CSVWriter.number(d)
            if let back = Double(c.replacingComma()) {
                if Swift.abs(back - d) > 0.5e-6 * 1.000001 + Swift.abs(d) * 1e-15 { failures.append("CSV : \(d) écrit \(c)") }
            } else {
                failures.append("CSV : \(d) écrit « \(c) », illisible")
            }
            if let first = c.unicodeScalars.first, first == "=" || first == "+" || first == "@" { failures.append("CSV : \(c) commence par \(first)") }
        }
        // Quantities: the unit's word agrees with the number shown.
        for u in Unit.allCases {
            let q = French.quantity(d, unit: u)
            if !d.isNaN, d.isFinite, let word = French.unitWord(u, for: French.shownMagnitude(d, decimals: 2)) {
                if !q.hasSuffix("\u{00A0}" + word) { failures.append("« \(q) » sans son unité « \(word) »") }
            }
            for v in Unit.allCases {
                guard let x = u.convert(d, to: v) else {
                    if u.converts(to: v) { failures.append("\(u) → \(v) refusée") }
                    continue
                }
                if d.isFinite, Swift.abs(d) > 1e-290, x.isFinite, let back = v.convert(x, to: u), back.isFinite, Swift.abs(back - d) > Swift.abs(d) * 1e-12 {
                    failures.append("\(d) \(u) → \(v) → \(u) = \(back)")
                }
            }
        }
        let singular = d.isFinite && Swift.abs(French.shownMagnitude(d, decimals: 2)) < 2
        if d.isFinite && French.points(d).hasSuffix("points") == singular { failures.append("accord faux : « \(French.points(d)) »") }
        if let i = French.exactInteger(d), Double(i) != d { failures.append("exactInteger(\(d)) = \(i)") }
        if d.isFinite, d == d.rounded(), Swift.abs(d) < 9e18, French.exactInteger(d) == nil { failures.append("exactInteger(\(d)) manquant") }
        let c = French.clamped(d, to: -1000...1000)
        if !(-1000...1000).contains(c) { failures.append("clamped(\(d)) = \(c)") }
        return failures
    }

    /// A text through CSV, Markdown and the control escapes.
    static func text(_ s: String) -> [String] {
        var failures: [String] = []
        let field = CSVField.text(s).written
        var cell = Substring(field)
        if cell.first == "\"" { cell = cell.dropFirst() }
        if let f = cell.unicodeScalars.first, f == "=" || f == "+" || f == "-" || f == "@" || f == "\t" || f == "\r" {
            failures.append("CSV : cellule « \(field) » commence par \(f)")
        }
        if field.unicodeScalars.contains(where: { Escaping.isControl($0) && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            failures.append("CSV : caractère de commande brut")
        }
        // The cell's line breaks are its own `<br>`.
        for md in [Markdown.text(s), Markdown.cell(s).replacingEvery("<br>", with: " ")] {
            var escaped = false
            for u in md.unicodeScalars {
                if escaped { escaped = false; continue }
                if u == "\\" { escaped = true; continue }
                if "<>[]&|!`*_".unicodeScalars.contains(u) { failures.append("Markdown : « \(u) » non échappé"); break }
                if Escaping.isControl(u) || u == "\u{2028}" || u == "\u{2029}" || u == "\u{0085}" { failures.append("Markdown : caractère de commande ou saut de ligne"); break }
            }
        }
        if Escaping.controls(s).unicodeScalars.contains(where: Escaping.isControl) { failures.append("Escaping.controls laisse un caractère de commande") }
        if Escaping.pictures(s).unicodeScalars.contains(where: Escaping.isControl) { failures.append("Escaping.pictures laisse un caractère de commande") }
        if French.quoted(s).unicodeScalars.contains(where: Escaping.isControl) { failures.append("French.quoted laisse un caractère de commande") }
        let t = French.typeset(s)
        if French.typeset(t) != t { failures.append("typeset non idempotent") }
        return failures
    }
}

extension String {
    func replacingComma() -> String { String(map { $0 == "," ? "." : $0 }) }
}
