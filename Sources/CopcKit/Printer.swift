import CopcFrench
// Blocks → `.cop` text, one line per property and header, each line remembering the Swift
// place that made it. The text is the canonical layout (headers at column 0, properties
// indented by two spaces); `source(_:)` passes it through the formatter all the same.
import CopcLanguage
import CopcSyntax


/// Whether a label reads back as written from bare words: word characters separated by
/// single spaces (the lexer joins a label's tokens with one space, splits `..`, `%`, `≥`…).
/// Any other label is printed quoted.
func estMotsSimples(_ s: String) -> Bool {
    guard !s.isEmpty, !s.hasPrefix(" "), !s.hasSuffix(" "), !s.contains("  "), !s.contains("..") else { return false }
    for c in s.unicodeScalars {
        if c == " " { continue }
        if c.isASCII {
            let v = c.value
            let alnum = (48...57).contains(v) || (65...90).contains(v) || (97...122).contains(v)
            if !alnum && !"_.-/'+".unicodeScalars.contains(c) { return false }
        } else if "«»≥≤".unicodeScalars.contains(c) || c.properties.isWhitespace || c.properties.generalCategory == .control {
            return false
        }
    }
    return true
}

/// A value in the drafters' notation, written as is unless it would change the line's
/// structure: a line break or a `#` is written escaped (`\n`, `\#`), which the lexer refuses
/// (COP100) — such a value cannot be written in the notation, and must not silently lose
/// its end to a comment or the next line.
func notation(_ s: String) -> String {
    if !s.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x23 }) { return s }
    var out = ""
    for c in s.unicodeScalars {
        switch c {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "#": out += "\\#"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}

/// A word (identifier) as written, escaped like a notation.
private func mot(_ s: String) -> String { notation(s) }

/// Whether a multi-line text can be a `"""` block that reads back to exactly `s`.
private func blocPossible(_ s: String) -> Bool {
    guard s.contains("\n"), !s.contains("\"\"\""), !s.contains("\r"), !s.contains("\t") else { return false }
    let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
    guard let first = lines.first, let last = lines.last, !first.allSatisfy({ $0 == " " }), !last.allSatisfy({ $0 == " " })
    else { return false }
    var unindented = false
    for l in lines {
        if l.isEmpty { continue }
        if l.allSatisfy({ $0 == " " }) || l.last == " " { return false }
        if l.first != " " { unindented = true }
    }
    return unindented
}

/// The default file name of a document: its id (`COP-X.cop`), `avenant-N.cop`.
func nomDeFichier(_ b: Bloc) -> String {
    if let f = b.fichier {
        // A relative path below the check's virtual root: no empty, `.` or `..` component.
        let parts = f.split(separator: "/").filter { $0 != "." && $0 != ".." }
        return parts.isEmpty ? "document.cop" : parts.joined(separator: "/")
    }
    if case .élément(.avenant) = b.genre { return "avenant-\(b.id ?? "0").cop" }
    let id = b.id ?? "document"
    let safe = String(id.unicodeScalars.map { c -> Character in
        (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c == ".") ? Character(c) : "_"
    })
    return (safe.isEmpty || safe.hasPrefix(".") ? "document" : safe) + ".cop"
}

/// One document printed: its text and, for each line, the Swift place that made it.
struct Impression {
    var lignes: [String] = []
    var origines: [Origine] = []

    var texte: String { lignes.joined(separator: "\n") + "\n" }

    mutating func ligne(_ s: String, _ o: Origine) {
        lignes.append(s)
        origines.append(o)
    }

    /// Prints a document (contract, annuaire or avenant).
    static func document(_ b: Bloc) -> Impression {
        var p = Impression()
        p.entête(b, dans: nil)
        for (chemin, o) in b.utilise { p.ligne("  utilise " + Canonical.literal(chemin), o) }
        p.propriétés(b)
        if case .élément(.avenant) = b.genre {
            for c in b.enfants { p.changement(c) }
        } else {
            var pile: [Bloc] = [b]
            for c in b.enfants { p.élément(c, parent: 0, pile: &pile) }
        }
        return p
    }

    private mutating func entête(_ b: Bloc, dans: String?, mot motClé: String? = nil) {
        var s: String
        switch b.genre {
        case .élément(.avenant):
            s = "avenant \(mot(b.id ?? "")) au contrat \(mot(b.dans?.1 ?? ""))"
        case .élément(let k):
            s = motClé ?? k.keyword
            if let id = b.id { s += " " + mot(id) }
        case .modifier(let k):
            s = "modifier " + k.keyword
            if let id = b.id { s += " " + mot(id) }
        case .supprimer(let k):
            s = "supprimer " + k.keyword + " " + mot(b.id ?? "")
        case .ajouter, .propriété:
            return
        }
        if let t = b.titre { s += " " + Canonical.literal(t) }
        if let dans { s += " dans " + dans }
        if !b.ignorés.isEmpty { s += "  # copc: ignorer " + b.ignorés.map(mot).joined(separator: ", ") }
        ligne(s, b.origine)
    }

    private mutating func propriétés(_ b: Bloc) {
        for p in b.propriétés {
            switch p.valeur {
            case .notation(let v):
                ligne("  \(p.clé) : \(notation(v))", p.origine)
            case .texte(let t) where blocPossible(t):
                ligne("  \(p.clé) \"\"\"", p.origine)
                for l in t.split(separator: "\n", omittingEmptySubsequences: false) {
                    ligne(l.isEmpty ? "" : "    " + l, p.origine)
                }
                ligne("  \"\"\"", p.origine)
            case .texte(let t):
                ligne("  \(p.clé) : \(Canonical.literal(t))", p.origine)
            }
        }
    }

    /// Where `dans` must point for an element to land under `parent`: `contrat`, or the
    /// parent's kind and id; `nil` when the parent has no id (nothing can name it).
    private static func désignation(_ parent: Bloc) -> String? {
        guard let k = parent.kind else { return nil }
        if k == .contrat { return "contrat" }
        guard let id = parent.id else { return nil }
        return k.keyword + " " + mot(id)
    }

    /// Prints an element under `pile[parent]`. `pile` is the chain of open elements as the
    /// parser will see it; an element that nesting by rank would place elsewhere gets `dans`.
    private mutating func élément(_ b: Bloc, parent: Int, pile: inout [Bloc]) {
        guard let k = b.kind, let rang = k.rank else {
            entête(b, dans: nil)  // a declaration: no effect on nesting
            propriétés(b)
            return
        }
        let naturel = pile.lastIndex { ($0.kind?.rank ?? 0) < rang } ?? 0
        let dans = naturel == parent ? nil : Impression.désignation(pile[parent])
        pile.removeLast(pile.count - parent - 1)
        entête(b, dans: dans)
        propriétés(b)
        pile.append(b)
        let moi = pile.count - 1
        for c in b.enfants { élément(c, parent: moi, pile: &pile) }
    }

    /// Prints a change of an avenant; an added element's children are added after it, in it.
    private mutating func changement(_ b: Bloc) {
        switch b.genre {
        case .ajouter:
            let dans = b.dans.map { $0.0 == .contrat ? "contrat" : $0.0.keyword + " " + mot($0.1 ?? "") }
            for e in b.enfants { ajout(e, dans: dans) }
        default:
            entête(b, dans: nil)
            propriétés(b)
        }
    }

    private mutating func ajout(_ e: Bloc, dans: String?) {
        entête(e, dans: dans, mot: "ajouter " + (e.kind?.keyword ?? ""))
        propriétés(e)
        let ici = Impression.désignation(e)
        for c in e.enfants { ajout(c, dans: ici) }
    }
}
