// Lists, agreement in number, articles and elision, quoted literals.

extension French {
    /// « a », « a et b », « a, b et c »; with `limit`, the first `limit` items then
    /// « et N autres ».
    public static func list(_ items: [String], limit: Int? = nil) -> String {
        if let limit, items.count > limit, limit >= 0 {
            let rest = items.count - limit
            return items.prefix(limit).joined(separator: ", ") + " et " + number(rest) + (rest == 1 ? " autre" : " autres")
        }
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + " et " + last
    }

    /// Whether `count` takes the singular: 0 and 1 (« 0 cible fixée », « 1 cible fixée »).
    public static func isSingular(_ count: Int) -> Bool { count >= -1 && count <= 1 }

    /// `count` and its noun phrase agreeing with it: « 1 cible fixée », « 2 cibles fixées »,
    /// « 12 345 actions ». `plural` defaults to each word of `singular` with an `s` (words
    /// already ending in `s`, `x` or `z` unchanged).
    public static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        number(count) + " " + (isSingular(count) ? singular : plural ?? French.plural(of: singular))
    }

    /// The regular plural of each word of `phrase`: `cible fixée` → `cibles fixées`,
    /// `élément supprimé` → `éléments supprimés`, `mois` → `mois`. Hyphenated compounds take
    /// the mark on each part (`sous-objectif` keeps `sous`: `sous-objectifs`).
    public static func plural(of phrase: String) -> String {
        phrase.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let parts = word.split(separator: "-", omittingEmptySubsequences: false)
            return parts.enumerated().map { k, part -> String in
                if parts.count > 1 && k == 0 && part == "sous" { return String(part) }
                return pluralWord(String(part))
            }.joined(separator: "-")
        }.joined(separator: " ")
    }

    static func pluralWord(_ w: String) -> String {
        guard let last = w.last, last.isLetter else { return w }
        if last == "s" || last == "x" || last == "z" { return w }
        if w.hasSuffix("eau") || w.hasSuffix("au") { return w + "x" }
        if w.hasSuffix("al"), w != "final", w != "bal" { return String(w.dropLast(2)) + "aux" }
        return w + "s"
    }

    /// Whether a word takes the elided article (« l' », « d' »): it starts with a vowel or a
    /// mute h (`h` is taken as mute: the language's words are `habilitation`, `hausse` is not
    /// a noun after an article).
    public static func elides(_ word: String) -> Bool {
        guard let f = word.unicodeScalars.first else { return false }
        switch f {
        case "a", "e", "i", "o", "u", "y", "é", "è", "ê", "à", "â", "î", "ô", "û",
             "A", "E", "I", "O", "U", "Y", "É", "È", "Ê", "À", "Â", "Î", "Ô", "Û", "h", "H": return true
        default: return false
        }
    }

    /// « de » before `word`, elided: « d'axe », « de contrat ».
    public static func de(_ word: String) -> String { elides(word) ? "d'" + word : "de " + word }

    /// The definite article before `word`: « l'action », « le contrat », « la cible ».
    public static func definite(_ word: String, feminine: Bool) -> String {
        elides(word) ? "l'" + word : (feminine ? "la " : "le ") + word
    }

    /// A text quoted in prose: « text », with its control characters made visible
    /// (`Escaping.controls`), so that a value shown to a reader can neither drive a terminal nor
    /// break a line.
    public static func quoted(_ text: String) -> String {
        "« " + Escaping.controls(text) + " »"
    }

    /// A label (`délai (LIBELLÉ)`, `état (LIBELLÉ)`) in words for a reader, its first letter
    /// capitalised: « Directeurs », « Plan de formation ». A label written as one tag joined by
    /// hyphens (`plan-formation-directeurs`, `bourses-à-l-emploi`) reads as words
    /// (« Plan formation directeurs », « Bourses à l'emploi »): a one-letter part that elides
    /// (`l`, `d`, `j`, `m`, `n`, `s`, `t`, `c`, `qu`) joins the next with an apostrophe. A label
    /// with a space is taken as written in words and keeps its hyphens (`mi-parcours`).
    public static func label(_ label: String) -> String {
        var words = label
        if !label.contains(" "), label.contains("-") {
            let parts = label.split(separator: "-", omittingEmptySubsequences: true).map(String.init)
            var out = ""
            for (k, part) in parts.enumerated() {
                let elided = ["l", "d", "j", "m", "n", "s", "t", "c", "qu"].contains(part.lowercased()) && k + 1 < parts.count
                out += part + (elided ? "'" : (k + 1 < parts.count ? " " : ""))
            }
            words = out
        }
        guard let first = words.first else { return words }
        return first.uppercased() + words.dropFirst()
    }
}
