import CopcLanguage
import CopcModel

// The French phrasings drafters write beyond the base forms of `Values.swift` (issue 13):
// `second semestre 2024`, `courant 2025`, `fin juin 2025`, `à l'horizon 2026`, `janv. 2025`,
// `2024 - 2026`, `75 % minimum`, `à fixer par voie d'avenant`… Each reader here is tried
// after the base reader failed (`deadline()`, `target()`, `period()`, `years()` in
// `Values.swift` call `coreDeadline()` etc. first), so the base forms keep their meaning.
// Every accepted form and its window is listed in docs/langage.md and grammar/DECISIONS.md.

extension ValueReader {
    /// Word `k` folded, without a final abbreviation dot (`janv.` → `janv`).
    func foldedNoDot(_ k: Int) -> String {
        var f = folded(k)
        if f.count > 1, f.hasSuffix(".") { f.removeLast() }
        return f
    }

    /// The month named by word `k` (`juin`, `janv.`, `sept`), or `nil`.
    func monthWord(_ k: Int) -> Int? {
        guard kind(k) == .word else { return nil }
        return frenchMonths[foldedNoDot(k)] ?? ValueReader.extraMonthAbbreviations[foldedNoDot(k)]
    }

    /// Abbreviations not in the base table (`janvier` → `jan`, `févr.`, `sep.`, `déc.`).
    static let extraMonthAbbreviations: [String: Int] = [
        "jan": 1, "fevr": 2, "fevrier": 2, "mar": 3, "avri": 4, "juill": 7, "sep": 9, "septe": 9, "octo": 10, "nove": 11, "dece": 12,
    ]

    /// `premier`, `second`, `deuxième`, `1re`, `2nde`… as a number; base ordinals included.
    static func ordinalWord(_ f: String) -> Int? {
        switch f {
        case "premier", "premiere", "1re", "1ere", "1er": return 1
        case "second", "seconde", "deuxieme", "2nd", "2nde", "2d", "2de": return 2
        case "troisieme": return 3
        case "quatrieme", "dernier"  /* only meaningful with a unit: checked by the caller */: return 4
        default: return ordinal(f)
        }
    }

    /// The quarter/half-year unit word at `k`: `trimestre`, `trim.`, `semestre`, `sem.`.
    func periodUnit(_ k: Int) -> Int? {
        switch foldedNoDot(k) {
        case "trimestre", "trim": return 3
        case "semestre", "sem": return 6
        default: return nil
        }
    }

    /// Optional `de`, `de l'année`, `l'année`, `d'année`, `de l'exercice` before a year.
    mutating func skipYearIntro() {
        _ = accept("de", "l'annee") || accept("de", "l'exercice") || accept("l'annee") || accept("d'annee")
            || accept("de", "l'an") || accept("de")
    }

    /// One point of a deadline in the extended phrasings, falling back on `deadlinePoint()`.
    mutating func phrasedPoint(depth: Int = 0) -> Window? {
        let save = p
        // Nesting (`fin du premier semestre`) and introductions are bounded: a line of
        // thousands of `en en en …` costs constant stack and time.
        guard depth < 3, kind(p) == .word else { return nil }
        // `année 2025`, `l'année 2025`, `exercice 2025`, `courant 2025`, `au cours de 2025`,
        // `dans le courant de 2025`, `durant 2025`, `pendant l'année 2025`, `pour 2025`,
        // `en fin d'année 2025` (at most three introductions).
        var introductions = 0
        while introductions < 3, accept("dans", "le", "courant", "de") || accept("dans", "le", "courant", "du") || accept("courant")
            || accept("au", "cours", "de") || accept("au", "cours", "du") || accept("durant") || accept("pendant")
            || accept("pour") || accept("le") || accept("l'annee") || accept("annee") || accept("exercice") || accept("l'exercice") || accept("en") {
            skipYearIntro()
            introductions += 1
        }
        guard kind(p) == .word else { p = save; return nil }
        let f = folded(p)
        // `T1-2024`, `T1/2024`, `S2-2024`, `S2/2024` written as one word.
        if f.count == 7, let first = f.first, first == "t" || first == "s",
           let n = Int(f.dropFirst().prefix(1)), f.dropFirst(2).first == "-" || f.dropFirst(2).first == "/",
           let y = Int(f.suffix(4)) {
            if first == "t", (1...4).contains(n) { p += 1; return Window(.firstOf(y, 3 * n - 2), .lastOf(y, 3 * n)) }
            if first == "s", (1...2).contains(n) { p += 1; return Window(.firstOf(y, 6 * n - 5), .lastOf(y, 6 * n)) }
        }
        // `premier trimestre 2024`, `second semestre 2024`, `2nd sem. 2024`, `1er trim. de l'année 2024`.
        if let n = ValueReader.ordinalWord(f), let months = periodUnit(p + 1) {
            p += 2
            skipYearIntro()
            if let y = year() {
                let count = 12 / months
                let k = f == "dernier" ? count : n
                if (1...count).contains(k) {
                    return Window(.firstOf(y, months * k - months + 1), .lastOf(y, months * k))
                }
            }
            p = save
            return nil
        }
        // `trimestre 1 2024`, `semestre 2 2024`
        if let months = periodUnit(p), kind(p + 1) == .word, let n = Int(raw(p + 1)), kind(p + 2) == .word {
            p += 2
            skipYearIntro()
            if let y = year(), (1...(12 / months)).contains(n) {
                return Window(.firstOf(y, months * n - months + 1), .lastOf(y, months * n))
            }
            p = save
            return nil
        }
        // `mi-juin 2025`, `mi-juin`
        if f.hasPrefix("mi-"), let m = frenchMonths[String(f.dropFirst(3))] ?? ValueReader.extraMonthAbbreviations[String(f.dropFirst(3))] {
            p += 1
            if let y = year() { return ValueReader.monthThird(y, m, 2) }
            p = save
            return nil
        }
        // `début/mi/fin/milieu` + month or year, with `de`, `d'année`, `de l'année`.
        let part: Int? = f == "debut" ? 1 : (f == "mi" || f == "milieu" || f == "mi-annee") ? 2 : f == "fin" ? 3 : nil
        if let part {
            p += 1
            _ = accept("du", "mois", "de") || accept("de", "mois", "de")
            if let m = monthWord(p) {
                p += 1
                _ = accept("de")
                if let y = year() { return ValueReader.monthThird(y, m, part) }
                p = save
                return nil
            }
            let afterPart = p
            skipYearIntro()
            if let y = year() {
                switch part {
                case 1: return Window(.firstOf(y, 1), .lastOf(y, 3))
                case 2: return Window(.firstOf(y, 4), .lastOf(y, 9))
                default: return Window(.firstOf(y, 10), .lastOf(y, 12))
                }
            }
            p = afterPart
            // `fin du premier semestre 2025`, `fin du T1 2025`, `fin S1 2025`: that period's
            // last (first) day.
            _ = accept("du") || accept("de")
            do {
                if let w = phrasedPoint(depth: depth + 1) {
                    return part == 3 ? Window(w.end, w.end) : part == 1 ? Window(w.start, w.start) : w
                }
            }
            p = save
            return nil
        }
        // `janv. 2025`, `sept 2025`, `mois de juin 2025`, `juin de 2025`.
        _ = accept("mois", "de") || accept("mois", "d'")
        if let m = monthWord(p) {
            p += 1
            _ = accept("de")
            if let y = year() { return Window(.firstOf(y, m), .lastOf(y, m)) }
            p = save
            return nil
        }
        // `1er janv. 2025`, `31 déc. 2025`
        let dayText = f.hasSuffix("er") ? String(f.dropLast(2)) : f
        if let dd = Int(dayText), (1...31).contains(dd), let m = monthWord(p + 1) {
            p += 2
            if let y = year(), let d = Day(year: y, month: m, day: dd) { return Window(d, d) }
            p = save
            return nil
        }
        // `31.12.2024`: a day written with dots.
        do {
            let parts = raw(p).split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
               let dd = Int(parts[0]), let mm = Int(parts[1]), let yy = Int(parts[2]), let d = Day(year: yy, month: mm, day: dd) {
                p += 1
                return Window(d, d)
            }
        }
        // `06/2025`, `6/2025`, `2025-06`: a month.
        let raw = self.raw(p)
        for sep in ["/", "-"] {
            let parts = raw.split(separator: Character(sep), omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            if parts[1].count == 4, (1...2).contains(parts[0].count), let m = Int(parts[0]), (1...12).contains(m), let y = Int(parts[1]), y >= 1000 {
                p += 1
                return Window(.firstOf(y, m), .lastOf(y, m))
            }
            if sep == "-", parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), y >= 1000, let m = Int(parts[1]), (1...12).contains(m) {
                p += 1
                return Window(.firstOf(y, m), .lastOf(y, m))
            }
        }
        if let w = deadlinePoint() { return w }
        p = save
        return nil
    }

    /// The first (`part` 1: days 1–10), second (11–20) or last (21–end) third of a month:
    /// `début juin 2025`, `mi-juin 2025`, `fin juin 2025`.
    static func monthThird(_ y: Int, _ m: Int, _ part: Int) -> Window {
        let last = Day.lastOf(y, m)
        switch part {
        case 1: return Window(.firstOf(y, m), Day(year: y, month: m, day: 10) ?? last)
        case 2: return Window(Day(year: y, month: m, day: 11) ?? last, Day(year: y, month: m, day: 20) ?? last)
        default: return Window(Day(year: y, month: m, day: 21) ?? last, last)
        }
    }

    /// Words naming the contract in `tout au long du contrat` and its variants.
    func isContractWord(_ k: Int) -> Bool {
        guard kind(k) == .word else { return false }
        return ["contrat", "cop", "cpom", "cog", "convention", "periode", "duree", "execution", "l'execution", "plan", "programme"].contains(folded(k))
    }

    /// Whether the separator at `p` joins two points of a range: `..`, `à`, `au`, `-`, `–`, `—`, `/`.
    func isRangeSeparator(_ k: Int) -> Bool {
        if kind(k) == .dotdot { return true }
        guard kind(k) == .word else { return false }
        return ["a", "au", "-", "\u{2013}", "\u{2014}", "jusqu'a", "jusqu'au", "jusqu'en", "et"].contains(folded(k))
    }

    /// A deadline in the extended phrasings (design §3.4 plus issue 13), or `nil`.
    public mutating func phrasedDeadline() -> DeadlineForm? {
        let save = p
        func done(_ f: DeadlineForm?) -> DeadlineForm? {
            if let f, atEnd { return f }
            p = save
            return nil
        }
        // Unknown deadline: `à déterminer`, `à définir`, `à fixer`, `à confirmer`, `non défini`.
        if accept("a", "determiner") || accept("a", "definir") || accept("a", "fixer") || accept("a", "confirmer")
            || accept("non", "defini") || accept("non", "determine") || accept("a", "preciser") {
            return done(.toBeSpecified)
        }
        // The whole period: `tout au long de la période`, `tout au long de l'exécution du contrat`,
        // `pendant (toute) la durée du contrat`, `sur la durée du COP`, `en continu`, `permanent`.
        if accept("en", "continu") || accept("en", "permanence") || accept("permanent") || accept("permanente")
            || accept("chaque", "semestre") || accept("chaque", "trimestre") || accept("chaque", "mois") || accept("semestriel")
            || accept("semestrielle") || accept("trimestriel") || accept("trimestrielle") || accept("mensuel") || accept("mensuelle")
            || accept("chaque", "annee") || accept("tous", "les", "ans") || accept("annuel") || accept("annuelle") || accept("annuellement") {
            return done(.wholePeriod)
        }
        if accept("tout", "au", "long") || accept("pendant") || accept("sur") || accept("durant") || accept("toute", "la") || accept("d'ici", "la", "fin") || accept("jusqu'a", "la", "fin") {
            let untilEnd = isWord(p - 1, "fin")
            _ = accept("toute") || accept("tout")
            _ = accept("de", "la") || accept("du") || accept("de") || accept("la") || accept("le")
            var matched = false
            while isContractWord(p) || isWord(p, "du") || isWord(p, "de") || isWord(p, "la") {
                if isContractWord(p) { matched = true }
                p += 1
            }
            if matched, atEnd { return .wholePeriod }
            p = save
            if untilEnd {
                // `d'ici la fin de 2025`, `jusqu'à la fin du premier semestre 2025`
                p += 3
                _ = accept("de") || accept("du")
                if let w = phrasedPoint() { return done(.until(w.end)) }
            }
            p = save
        }
        // `à l'échéance du contrat`, `au terme du contrat`, `fin du contrat`, `en fin de
        // période`: reached by the end of the contract, a window of the whole period.
        if accept("a", "l'echeance", "du") || accept("au", "terme", "du") || accept("a", "la", "fin", "du")
            || accept("en", "fin", "de") || accept("fin", "du") || accept("fin", "de", "la") || accept("fin", "de") || accept("terme", "du") {
            if isContractWord(p) { p += 1; if atEnd { return .wholePeriod } }
            p = save
        }
        // Until: `d'ici à 2025`, `d'ici fin juin 2025`, `à l'horizon 2026`, `horizon 2026`,
        // `à l'échéance 2026`, `avant fin 2025`, `au plus tard fin juin 2025`, `jusqu'à fin 2025`.
        if accept("d'ici", "a", "la", "fin") || accept("d'ici", "a") || accept("d'ici", "au") || accept("d'ici", "le") || accept("d'ici")
            || accept("a", "l'horizon", "de") || accept("a", "l'horizon") || accept("a", "horizon") || accept("horizon") || accept("a", "l'echeance", "de")
            || accept("a", "l'echeance") || accept("echeance") || accept("avant", "la", "fin") || accept("avant", "le") || accept("avant")
            || accept("au", "plus", "tard", "le") || accept("au", "plus", "tard", "en") || accept("au", "plus", "tard", "au") || accept("au", "plus", "tard")
            || accept("jusqu'a", "fin") || accept("jusqu'au") || accept("jusqu'a") || accept("jusqu'en") {
            _ = accept("de") || accept("du")
            if let w = phrasedPoint() { return done(.until(w.end)) }
            p = save
            return nil
        }
        // From: `à compter du second semestre 2024`, `à partir de fin juin 2025`, `dès janv. 2025`, `depuis 2024`.
        if accept("a", "partir", "de") || accept("a", "partir", "du") || accept("a", "compter", "de") || accept("a", "compter", "du")
            || accept("des", "le") || accept("des") || accept("depuis", "le") || accept("depuis") {
            _ = accept("la") || accept("le")
            if let w = phrasedPoint() { return done(.from(w.start)) }
            p = save
            return nil
        }
        // `au 31 décembre 2024`, `au 30/06/2025`: a due date, reached by then; `au 1er
        // semestre 2025`, `au T2 2025`: during that period.
        if accept("au") || accept("pour", "le") {
            if let w = phrasedPoint() { return done(w.start == w.end ? .until(w.end) : .window(w)) }
            p = save
        }
        // `pas avant 2025`: from then on.
        if accept("pas", "avant", "le") || accept("pas", "avant") {
            if let w = phrasedPoint() { return done(.from(w.start)) }
            p = save
        }
        // `fin 2024 au plus tard`, `juin 2025 au plus tard`, `2025 dernier délai`;
        // `2025 et au-delà`, `2025 et suivantes`: from then on.
        if let w = phrasedPoint() {
            if accept("et", "au-dela") || accept("et", "au", "dela") || accept("et", "suivantes") || accept("et", "annees", "suivantes")
                || accept("et", "suivants") || accept("au", "plus", "tot") {
                return done(.from(w.start))
            }
            if accept("au", "plus", "tard") || accept("dernier", "delai") || accept("maximum") || accept("au", "maximum") {
                return done(.until(w.end))
            }
        }
        p = save
        // Ranges: `2024 - 2026`, `2024–2026`, `entre 2024 et 2026`, `de janv. 2024 à juin 2025`.
        if let w = phrasedRange() { return done(.window(w)) }
        p = save
        if let w = phrasedPoint() { return done(.window(w)) }
        p = save
        return nil
    }

    /// A range of two points, or a single word `2024–2026` / `2024-2026`.
    mutating func phrasedRange() -> Window? {
        let save = p
        if kind(p) == .word {
            let w = raw(p)
            for sep in ["-", "\u{2013}", "\u{2014}"] {
                let parts = w.split(separator: Character(sep), omittingEmptySubsequences: false)
                if parts.count == 2, parts[0].count == 4, parts[1].count == 4, let a = Int(parts[0]), let b = Int(parts[1]), a >= 1000, b >= 1000 {
                    p += 1
                    return Window(.firstOf(a), .lastOf(b))
                }
            }
        }
        // `T2-T3 2025`, `T1-T2 2025`: consecutive quarters (or half-years) of one year.
        if kind(p) == .word {
            let parts = folded(p).split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 2, parts[0].count == 2, parts[1].count == 2, parts[0].first == parts[1].first,
               let u = parts[0].first, u == "t" || u == "s", let a = Int(parts[0].dropFirst()), let b = Int(parts[1].dropFirst()), a <= b {
                let months = u == "t" ? 3 : 6
                p += 1
                if let y = year(), b <= 12 / months, a >= 1 {
                    return Window(.firstOf(y, months * a - months + 1), .lastOf(y, months * b))
                }
                p = save
            }
        }
        // `janvier-juin 2025`, `janvier à juin 2025`, `du 1er janvier au 30 juin 2025`: the
        // year written once, after the second point.
        do {
            _ = accept("de") || accept("du")
            var firstMonth: Int?, firstDay = 1, secondWord = false
            if kind(p) == .word {
                let parts = raw(p).split(separator: "-", omittingEmptySubsequences: false)
                if parts.count == 2, let a = frenchMonths[Folding.fold(String(parts[0]))], frenchMonths[Folding.fold(String(parts[1]))] != nil {
                    firstMonth = a; secondWord = true
                } else if let m = monthWord(p) {
                    firstMonth = m; p += 1
                } else {
                    let f = folded(p)
                    if let dd = Int(f.hasSuffix("er") ? String(f.dropLast(2)) : f), (1...31).contains(dd), let m = monthWord(p + 1) {
                        firstMonth = m; firstDay = dd; p += 2
                    }
                }
            }
            if let a = firstMonth {
                if secondWord {
                    let parts = raw(p).split(separator: "-", omittingEmptySubsequences: false)
                    let b = frenchMonths[Folding.fold(String(parts[1]))]!
                    p += 1
                    if let y = year(), a <= b { return Window(.firstOf(y, a), .lastOf(y, b)) }
                } else if isRangeSeparator(p), !isWord(p, "et") {
                    p += 1
                    if let w = phrasedPoint(), let start = Day(year: w.end.year, month: a, day: firstDay), start <= w.end {
                        return Window(start, w.end)
                    }
                }
            }
            p = save
        }
        let between = accept("entre")
        if !between { _ = accept("de") || accept("du") || accept("des", "annees") || accept("annees") }
        guard let a = phrasedPoint() else { p = save; return nil }
        if between ? accept("et") : isRangeSeparator(p) && !isWord(p, "et") {
            if !between { p += 1 }
            guard let b = phrasedPoint() else { p = save; return nil }
            return Window(a.start, b.end)
        }
        p = save
        return nil
    }

    /// A contract period in the extended phrasings: `2024 - 2026`, `2024–2026`,
    /// `entre 2024 et 2026`, `années 2024 à 2026`, `du 1er janv. 2024 au 31 déc. 2026`.
    public mutating func phrasedPeriod() -> Window? {
        let save = p
        guard let w = phrasedRange(), atEnd else { p = save; return nil }
        return w
    }

    /// Years of a `cible`/`base` key in the extended phrasings: `2024 - 2026`, `2024–2026`, `2024-2026`.
    public mutating func phrasedYears() -> ClosedRange<Int>?? {
        let save = p
        if kind(p) == .word {
            let w = raw(p)
            for sep in ["-", "\u{2013}", "\u{2014}"] {
                let parts = w.split(separator: Character(sep), omittingEmptySubsequences: false)
                if parts.count == 2, parts[0].count == 4, parts[1].count == 4, let a = Int(parts[0]), let b = Int(parts[1]), a >= 1000 {
                    p += 1
                    return b < a ? .some(nil) : a...b
                }
            }
        }
        _ = accept("de") || accept("entre")
        guard let a = year() else { p = save; return nil }
        guard kind(p) == .word, ["-", "\u{2013}", "\u{2014}", "et", "a"].contains(folded(p)) else { p = save; return nil }
        p += 1
        guard let b = year() else { p = save; return nil }
        return b < a ? .some(nil) : a...b
    }

    // MARK: targets

    /// A target in the extended phrasings (issue 13), or `nil`: pending (`à déterminer`,
    /// `à fixer par voie d'avenant`, `à fixer par avenant n°1`), not applicable (`non
    /// applicable`, `s.o.`, `–`), bounds written after the value (`75 % minimum`, `75 % au
    /// moins`, `75 % ou plus`, `10 % maximum`), feminine and other bound words
    /// (`supérieure ou égale à`, `a minima`, `au-delà de`, `jusqu'à`), ranges (`de 2 % à 3 %`,
    /// `2 % - 3 %`, `2 à 3 %`).
    public mutating func phrasedTarget() -> TargetValue? {
        let save = p
        func done(_ v: TargetValue) -> TargetValue? {
            if atEnd { return v }
            p = save
            return nil
        }
        // Pending: `à fixer …`, `à déterminer …`, `à définir …`, `à préciser …`, `à arrêter …`
        // (any reason may follow: `par voie d'avenant`, `par avenant n°1`, `ultérieurement`),
        // `fixée par avenant`, `par avenant`, `en attente`.
        if accept("a", "fixer") || accept("a", "determiner") || accept("a", "definir") || accept("a", "preciser") || accept("a", "arreter")
            || accept("a", "negocier") || accept("non", "fixee") || accept("non", "fixe") || accept("non", "definie") || accept("non", "defini")
            || accept("non", "determinee") || accept("non", "determine") || accept("fixee", "par") || accept("fixe", "par") || accept("definie", "par") || accept("defini", "par") || accept("en", "attente") {
            while !atEnd, kind(p) == .word { p += 1 }
            return done(.pending)
        }
        if accept("par", "avenant") || accept("par", "voie", "d'avenant") {
            while !atEnd, kind(p) == .word { p += 1 }
            return done(.pending)
        }
        if accept("non", "applicable") || accept("n/a") || accept("sans", "cible") || accept("non", "concerne") || accept("non", "concernee")
            || accept("pas", "de", "cible") || accept("s.o.") || accept("s.o") || accept("\u{2013}") || accept("\u{2014}") { return done(.notApplicable) }
        if accept("entre") || accept("de") {
            guard let a = quantity() else { p = save; return nil }
            guard accept("et") || accept("a") || accept("-") || accept("\u{2013}") else { p = save; return nil }
            guard let b = quantity() else { p = save; return nil }
            let a2 = a.unit == nil && b.unit != nil ? Quantity(value: a.value, unit: b.unit, text: a.text) : a
            return done(.range(a2, b))
        }
        // `70-80 %`, `70–80 %`: a range written as one word.
        if kind(p) == .word {
            for sep in ["-", "\u{2013}"] {
                let parts = raw(p).split(separator: Character(sep), omittingEmptySubsequences: false)
                if parts.count == 2, let a = ValueReader.parseNumberWord(String(parts[0])), let b = ValueReader.parseNumberWord(String(parts[1])),
                   !parts[0].isEmpty, parts[0].first != "-",
                   ValueReader.precisionProblem(String(parts[0])) == nil, ValueReader.precisionProblem(String(parts[1])) == nil {
                    p += 1
                    var unit: Unit?
                    if kind(p) == .percent { unit = .percent; p += 1 }
                    else if kind(p) == .word, let u = Unit.parse(folded: folded(p)) { unit = u; p += 1 }
                    return done(.range(Quantity(value: a.value, unit: unit, text: String(parts[0])), Quantity(value: b.value, unit: unit, text: String(parts[1]))))
                }
            }
        }
        var op: BoundOperator?
        if accept("superieure", "ou", "egale", "a") || accept("superieur", "ou", "egal", "au") || accept("au", "minimum") || accept("a", "minima")
            || accept("min.") || accept("min") || accept("pas", "moins", "de") || accept("au", "moins", "egal", "a") { op = .atLeast }
        else if accept("inferieure", "ou", "egale", "a") || accept("inferieur", "ou", "egal", "au") || accept("au", "maximum") || accept("a", "maxima")
            || accept("max.") || accept("max") || accept("pas", "plus", "de") || accept("jusqu'a") { op = .atMost }
        else if accept("superieure", "a") || accept("superieur", "au") || accept("au-dela", "de") || accept("au", "dela", "de") { op = .moreThan }
        else if accept("inferieure", "a") || accept("inferieur", "au") || accept("en", "deca", "de") || accept("en-deca", "de") { op = .lessThan }
        guard let q = quantity() else { p = save; return nil }
        if let op { return done(.bound(op, q)) }
        // Bounds written after the value.
        if accept("minimum") || accept("au", "minimum") || accept("au", "moins") || accept("ou", "plus") || accept("et", "plus") || accept("et", "+")
            || accept("min.") || accept("min") || accept("a", "minima") || accept("et", "au-dela") || accept("ou", "davantage") {
            return done(.bound(.atLeast, q))
        }
        if accept("maximum") || accept("au", "maximum") || accept("au", "plus") || accept("ou", "moins") || accept("et", "moins")
            || accept("max.") || accept("max") || accept("a", "maxima") {
            return done(.bound(.atMost, q))
        }
        // `2 % - 3 %`, `2 à 3 %`
        if accept("a") || accept("-") || accept("\u{2013}") {
            guard let b = quantity() else { p = save; return nil }
            let a2 = q.unit == nil && b.unit != nil ? Quantity(value: q.value, unit: b.unit, text: q.text) : q
            return done(.range(a2, b))
        }
        p = save
        return nil
    }
}

extension ValueReader {
    /// A whole deadline expression (design §3.4, DECISIONS.md): the base forms, then the
    /// extended phrasings. `nil` when malformed.
    public mutating func deadline() -> DeadlineForm? {
        let save = p
        if let f = coreDeadline() { return f }
        p = save
        return phrasedDeadline()
    }

    /// A target value (design §3.5): the base forms, then the extended phrasings.
    public mutating func target() -> TargetValue? {
        let save = p
        if let t = coreTarget() { return t }
        p = save
        return phrasedTarget()
    }

    /// A contract period: the base forms, then the extended phrasings. The window is
    /// returned even when inverted; the caller reports COP304.
    public mutating func period() -> Window? {
        let save = p
        if let w = corePeriod(), atEnd { return w }
        p = save
        return phrasedPeriod()
    }

    /// Years of a `cible` or `base` key: the base forms, then `2024 - 2026`, `2024–2026`.
    public mutating func years() -> ClosedRange<Int>?? {
        let save = p
        let r = coreYears()
        if case .some = r, atEnd { return r }
        p = save
        let q = phrasedYears()
        if case .some = q { return q }
        p = save
        return coreYears()
    }
}

extension ValueReader {
    /// A day (`signé le`, `en vigueur le`, the points of a period): the base forms, then
    /// `le 12 janvier 2025`, `12 janv. 2025`, `1er déc. 2024`, `31.12.2024`.
    public mutating func date() -> Day? {
        let save = p
        if let d = coreDate() { return d }
        p = save
        return phrasedDate()
    }

    /// A day in the extended phrasings, or `nil` (position restored).
    mutating func phrasedDate() -> Day? {
        let save = p
        _ = accept("le")
        guard kind(p) == .word else { p = save; return nil }
        let f = folded(p)
        let dayText = f.hasSuffix("er") ? String(f.dropLast(2)) : f
        if let dd = Int(dayText), (1...31).contains(dd), let m = monthWord(p + 1) {
            p += 2
            if let y = year(), let d = Day(year: y, month: m, day: dd) { return d }
            p = save
            return nil
        }
        let parts = raw(p).split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
           let dd = Int(parts[0]), let mm = Int(parts[1]), let yy = Int(parts[2]), let d = Day(year: yy, month: mm, day: dd) {
            p += 1
            return d
        }
        p = save
        return nil
    }
}
