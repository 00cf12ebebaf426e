import CopcFrench
import CopcSource
import CopcSyntax
import CopcLanguage
import CopcModel

/// The nearest accepted form for a refused deadline, target or period (issue 13): COP103
/// names it for that very input (« `courant 2025` » refused would say « `2025` »), rather than
/// a generic list. Each suggestion is re-read by `ValueReader` before it is offered: a
/// suggestion copc would itself refuse is never made.
public enum Nearest {
    /// What a value's words hint at, scanned once (linear in the value's tokens).
    struct Hints {
        var years: [Int] = []
        var month: Int?
        var quarter: Int?
        var half: Int?
        var part: String?
        var until = false
        var from = false
        var whole = false
    }

    static func hints(_ r: ValueReader) -> Hints {
        var h = Hints()
        var k = r.p
        while k < r.end {
            defer { k += 1 }
            guard r.kind(k) == .word else { continue }
            let f = r.foldedNoDot(k)
            // Years, also inside `2024/2025`, `2024_2026`.
            var digits = 0, value = 0
            for b in f.utf8 + [0x20] {
                // Only runs of exactly four digits are years: a longer run (`9223372036854775808`)
                // is counted, never accumulated, so no digit run can overflow.
                if b &- 0x30 < 10 { digits += 1; if digits <= 4 { value = value * 10 + Int(b &- 0x30) }; continue }
                if digits == 4, value >= 1000 { h.years.append(value) }
                digits = 0; value = 0
            }
            if let m = r.monthWord(k) { h.month = m }
            switch f {
            case "q1", "t1", "hiver": h.quarter = 1
            case "q2", "t2", "printemps": h.quarter = 2
            case "q3", "t3", "ete", "l'ete": h.quarter = 3
            case "q4", "t4", "automne", "l'automne": h.quarter = 4
            case "h1", "s1": h.half = 1
            case "h2", "s2": h.half = 2
            case "rentree", "la", "la rentree": if f == "rentree" { h.month = 9 }
            case "debut", "fin", "mi", "milieu": h.part = f == "milieu" ? "mi" : f
            case "d'ici", "avant", "tard", "horizon", "l'horizon", "jusqu'a", "jusqu'au", "jusqu'en", "echeance", "l'echeance", "ici": h.until = true
            case "partir", "compter", "des", "depuis", "apres": h.from = true
            case "continu", "long", "contrat", "duree", "cours", "permanence", "cop", "cpom", "cog", "convention": h.whole = true
            default: break
            }
        }
        return h
    }

    static func accepts(_ text: String, _ read: (inout ValueReader) -> Bool) -> Bool {
        let f = SourceFile(path: "", text: text)
        let toks = Lexer.lex(f).tokens
        var r = ValueReader(file: f, tokens: toks, range: 0..<(toks.count - 1))
        return read(&r) && r.atEnd
    }

    /// The nearest accepted deadline for the refused value read by `r`.
    public static func deadline(_ r: ValueReader) -> String {
        let h = hints(r)
        var core: String?
        if h.years.count >= 2 {
            core = "\(h.years[0]) .. \(h.years[h.years.count - 1])"
        } else if let y = h.years.first {
            if let m = h.month, let name = French.monthName(m) { core = (h.part.map { $0 + " " } ?? "") + "\(name) \(y)" }
            else if let q = h.quarter { core = "T\(q) \(y)" }
            else if let s = h.half { core = "S\(s) \(y)" }
            else if let part = h.part { core = "\(part) \(y)" }
            else { core = "\(y)" }
        }
        var candidates: [String] = []
        // `2e semestre 2024 et 1er semestre 2025`: two points that read on their own → `A .. B`.
        var k = r.p
        while k < r.end {
            if r.kind(k) == .comma || r.isWord(k, "et") || r.isWord(k, "puis") {
                let left = Canonical.text(r.tokens[r.p..<k], in: r.file)
                let right = Canonical.text(r.tokens[(k + 1)..<r.end], in: r.file)
                if !left.isEmpty, !right.isEmpty, accepts(left, { $0.deadline() != nil }), accepts(right, { $0.deadline() != nil }) {
                    candidates.append("\(left) .. \(right)")
                }
                break
            }
            k += 1
        }
        if let core {
            if h.years.count < 2, h.until { candidates.append("d'ici " + core) }
            if h.years.count < 2, h.from { candidates.append("à partir de " + core) }
            candidates.append(core)
        } else if h.whole {
            candidates.append("tout au long du contrat")
        }
        candidates.append("à préciser")
        return candidates.first { accepts($0) { $0.deadline() != nil } } ?? "à préciser"
    }

    /// The nearest accepted target for the refused value read by `r`.
    public static func target(_ r: ValueReader) -> String {
        var pending = false, notApplicable = false, atLeast = false, atMost = false
        var quantity: String?
        var k = r.p
        while k < r.end {
            defer { k += 1 }
            switch r.kind(k) {
            case .greater, .greaterEqual: atLeast = true
            case .less, .lessEqual: atMost = true
            case .word:
                let f = r.foldedNoDot(k)
                switch f {
                case "avenant", "d'avenant", "fixer", "determiner", "definir", "preciser", "nd", "n.d", "nc", "n.c", "attente": pending = true
                case "na", "n/a", "n.a", "neant", "so", "s/o", "nul", "nulle": notApplicable = true
                case "min", "minimum", "moins", "minima", "plancher", "superieur", "superieure", "plus":
                    if f == "moins" || f == "plus" {
                        // `au moins` (at least) vs `moins de` (less than): the neighbour decides.
                        let prev = k > r.p ? r.folded(k - 1) : ""
                        if f == "moins" { if prev == "au" { atLeast = true } else { atMost = true } }
                        else { if prev == "au" { atMost = true } else { atLeast = true } }
                    } else { atLeast = true }
                case "max", "maximum", "maxima", "plafond", "inferieur", "inferieure": atMost = true
                default:
                    if quantity == nil, f.utf8.first.map({ $0 &- 0x30 < 10 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }) == true {
                        var q = r
                        q.p = k
                        if let v = q.quantity() {
                            quantity = v.text + (v.unit.map { $0 == .percent ? " %" : " " + $0.symbol } ?? "")
                        }
                    }
                }
            default: break
            }
        }
        var candidates: [String] = []
        if pending { candidates.append("à fixer par avenant") }
        if notApplicable { candidates.append("sans objet") }
        if let quantity {
            if atLeast && !atMost { candidates.append("≥ " + quantity) }
            if atMost && !atLeast { candidates.append("≤ " + quantity) }
            candidates.append(quantity)
        }
        let written = Canonical.text(r.tokens[r.p..<r.end], in: r.file)
        if !written.contains("»") && !written.contains("«") { candidates.append("« \(written) »") }
        return candidates.first { accepts($0) { $0.target() != nil } } ?? "à fixer par avenant"
    }

    /// The nearest accepted contract period for the refused value read by `r`, if any.
    public static func period(_ r: ValueReader) -> String? {
        let h = hints(r)
        guard let a = h.years.first else { return nil }
        let text = "\(a) .. \(h.years.count >= 2 ? h.years[h.years.count - 1] : a)"
        return accepts(text) { $0.period() != nil } ? text : nil
    }

    /// The nearest accepted years of a `cible`/`base` key (`2024/2025` → `2024 .. 2025`).
    public static func years(_ r: ValueReader) -> String? {
        let h = hints(r)
        guard let a = h.years.first else { return nil }
        let text = h.years.count >= 2 ? "\(a) .. \(h.years[h.years.count - 1])" : "\(a)"
        return accepts(text) { if case .some(.some) = $0.years() { return true }; return false } ? text : nil
    }
}
