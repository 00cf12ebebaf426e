import CopcFrench
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcModel
import CopcHTML

/// One end of a comparison as the reader is told it: `version 2` (with its date of effect),
/// or a file.
public struct DiffEndpoint: Sendable, Equatable {
    /// The version number (nil for a draft compared as a file).
    public var version: Int?
    public var effectiveDate: Day?
    /// The file compared (two drafts), as given.
    public var file: String?
    /// The revision of the repository the version was read in (`copc diff --git`): `main`,
    /// `l’arbre de travail`.
    public var revision: String?

    public init(version: Int?, effectiveDate: Day? = nil, file: String? = nil, revision: String? = nil) {
        self.version = version
        self.effectiveDate = effectiveDate
        self.file = file
        self.revision = revision
    }

    /// `version 2 (en vigueur le 1er juillet 2023)`, `ancien.cop`, `version 2 (…) dans main`.
    public var words: String {
        if let f = file { return f }
        var s = "version " + String(version ?? 0)
        if version == 0 { s += " (telle que signée" + (effectiveDate.map { ", en vigueur le \(French.date($0))" } ?? "") + ")" }
        else if let d = effectiveDate { s += " (en vigueur le \(French.date(d)))" }
        if let r = revision { s += " dans " + r }
        return s
    }
}

/// What a diff compares: versions of a contract, two texts of an annuaire, or two texts of a
/// bilan.
public enum DiffSubject: Sendable, Equatable {
    case contract
    /// An annuaire, by its id.
    case annuaire(String?)
    /// A bilan, by its year.
    case bilan(Int?)
}

/// An avenant as a diff introduces it: number, title, dates, motif and file — and, comparing two
/// revisions of a repository, whether it was added, removed or changed between them.
public struct DiffAvenant: Sendable, Equatable {
    public enum Status: String, Sendable {
        case added = "ajouté"
        case removed = "supprimé"
        case changed = "modifié"
        /// Moved to another file, its text unchanged.
        case renamed = "renommé"
    }

    public var number: Int
    public var title: String?
    public var signed: Day?
    public var effective: Day?
    /// The motif written in the avenant's header.
    public var motif: String?
    /// Every motif the avenant gives, its header's then its clauses', each once.
    public var motifs: [String]
    public var file: String?
    public var status: Status?

    public init(number: Int, title: String?, signed: Day?, effective: Day?, motif: String?, motifs: [String]? = nil,
                file: String?, status: Status? = nil) {
        self.number = number
        self.title = title
        self.signed = signed
        self.effective = effective
        self.motif = motif
        self.motifs = motifs ?? motif.map { [$0] } ?? []
        self.file = file
        self.status = status
    }

    /// The avenant `av`, number `number` in its contract's chain.
    public init(_ av: Avenant, number: Int, files: FileTable, status: Status? = nil) {
        let own = av.header.provenance.motif ?? av.header.text(.motif)
        var all: [String] = own.map { [$0] } ?? []
        for c in av.changes { if let m = c.motif, !all.contains(m) { all.append(m) } }
        self.init(number: number, title: av.header.title, signed: av.signed, effective: av.effectiveDate, motif: own, motifs: all,
                  file: files.contains(av.file) ? files[av.file].path : nil, status: status)
    }

    /// `motif : « … »`, `motifs : « … », « … »`; nil without any.
    public var motifWords: String? {
        guard !motifs.isEmpty else { return nil }
        return (motifs.count > 1 ? "motifs : " : "motif : ") + motifs.map { "« " + $0 + " »" }.joined(separator: ", ")
    }

    /// `signé le 28 juin 2024, en vigueur le 1er juillet 2024`.
    public var dates: String {
        var parts: [String] = []
        if let d = signed { parts.append("signé le " + DiffAvenant.prose(d)) }
        if let d = effective, d != signed { parts.append("en vigueur le " + DiffAvenant.prose(d)) }
        return parts.joined(separator: ", ")
    }

    /// `avenant 2 « Raccourcissement du contrat » (ajouté) — signé le …, en vigueur le … — motif : « … »`.
    public var words: String {
        var s = "avenant " + String(number)
        if let t = title { s += " « " + t + " »" }
        if let st = status { s += " (" + st.rawValue + ")" }
        if !dates.isEmpty { s += " — " + dates }
        if let m = motifWords { s += " — " + m }
        return s
    }

    static func prose(_ d: Day) -> String {
        French.date(year: d.year, month: d.month, day: d.day) ?? d.description
    }
}

/// A semantic diff with what its renderings say around it: the contract, the two ends, the
/// avenants between them, and the text of each avenant clause (for the redline).
public struct DiffReport: Sendable {
    public var subject: DiffSubject = .contract
    public var contract: String?
    public var title: String?
    public var from: DiffEndpoint
    public var to: DiffEndpoint
    public var changes: [SemanticChange]
    /// The text of each clause, by its place (the lines from its header to the next clause).
    public var clauseTexts: [Place: String]
    /// The avenants applied between the two ends (or, for two revisions, added, removed or
    /// changed between them), in their order.
    public var avenants: [DiffAvenant] = []
    /// What the reader must know first (`révision inconnue : …`), if anything.
    public var notice: String?

    public init(contract: String?, title: String?, from: DiffEndpoint, to: DiffEndpoint, changes: [SemanticChange],
                clauseTexts: [Place: String] = [:], avenants: [DiffAvenant] = []) {
        self.contract = contract
        self.title = title
        self.from = from
        self.to = to
        self.changes = changes
        self.clauseTexts = clauseTexts
        self.avenants = avenants
    }

    /// The report of two versions of `contract`: the changes from `from` to `to`, the avenants
    /// applied between them and the text of their clauses (`copc diff`, the site's redlines).
    public static func versions(_ contract: Contract, from: Version, to: Version, files: FileTable) -> DiffReport {
        let between = from.number < to.number ? Array(contract.avenants[from.number ..< to.number]) : []
        let changes = SemanticDiff.compare(DiffSide(version: from, files: files), DiffSide(version: to, files: files), avenants: between)
        return DiffReport(contract: contract.id, title: contract.versions[0].header.title,
                          from: DiffEndpoint(version: from.number, effectiveDate: from.effectiveDate),
                          to: DiffEndpoint(version: to.number, effectiveDate: to.effectiveDate),
                          changes: changes, clauseTexts: clauseTexts(of: between, files: files),
                          avenants: avenants(of: contract, from: from.number, to: to.number, files: files))
    }

    /// The avenants of `contract` applied from version `from` to version `to`.
    public static func avenants(of contract: Contract, from: Int, to: Int, files: FileTable) -> [DiffAvenant] {
        guard from < to else { return [] }
        return (from..<to).compactMap { k in
            k < contract.avenants.count ? DiffAvenant(contract.avenants[k], number: k + 1, files: files) : nil
        }
    }

    /// The source text of every clause of `avenants`: from its header line to the line before
    /// the next clause (comments and blank lines at its end dropped).
    public static func clauseTexts(of avenants: [Avenant], files: FileTable) -> [Place: String] {
        var out: [Place: String] = [:]
        for av in avenants where files.contains(av.file) {
            let f = files[av.file]
            let starts = av.changes.map { f.lineIndex(of: Int($0.place.start)) }
            for (k, c) in av.changes.enumerated() {
                let first = starts[k]
                let limit = k + 1 < starts.count ? starts[k + 1] : f.lineStarts.count
                var lines: [String] = []
                var line = first
                while line < limit && line < f.lineStarts.count && lines.count < 40 {
                    lines.append(f.text(f.lineRange(line + 1)))
                    line += 1
                }
                while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) || last.drop(while: { $0 == " " }).hasPrefix("#") {
                    lines.removeLast()
                }
                out[c.place] = lines.joined(separator: "\n")
            }
        }
        return out
    }

    /// `3 changements : 1 période-prolongée, 2 cible-fixée`.
    public var summary: String {
        if changes.isEmpty { return "aucun changement" }
        var counts: [ChangeKind: Int] = [:]
        for c in changes { counts[c.kind, default: 0] += 1 }
        // « 2 cibles fixées, 1 délai déplacé »: each kind in words, agreeing with its count.
        let parts = counts.sorted { $0.key < $1.key }.map { French.count($0.value, $0.key.words) }
        return French.count(changes.count, "changement") + " : " + parts.joined(separator: ", ")
    }

    /// `contrat COP-OFE`, `annuaire ANN`, `bilan 2024 du contrat COP-OFE`.
    public var subjectWords: String {
        switch subject {
        case .contract: return "contrat " + (contract ?? "?")
        case .annuaire(let id): return "annuaire " + (id ?? "(sans identifiant)")
        case .bilan(let y): return "bilan " + (y.map(String.init) ?? "?") + " du contrat " + (contract ?? "?")
        }
    }

    var heading: String {
        subjectWords + " : " + from.words + " → " + to.words
    }
}

// MARK: text

extension DiffReport {
    /// French text for a terminal; with `color`, ANSI colours (kinds bold, old red struck
    /// through, new green underlined). Control characters of the texts are shown as symbols.
    public func text(color: Bool) -> String {
        let bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : ""
        let red = color ? "\u{1B}[31m" : "", green = color ? "\u{1B}[32m" : "", dim = color ? "\u{1B}[2m" : ""
        let style = color ? WordDiffStyle.ansi : WordDiffStyle(deletionOpen: "[-", deletionClose: "-]", insertionOpen: "{+", insertionClose: "+}",
                                                               spacesOutside: false, escape: WordDiffStyle.controlPictures)
        let clean = WordDiffStyle.controlPictures
        var s = bold + "copc diff — " + clean(heading) + reset + "\n"
        if let n = notice { s += clean(n) + "\n" }
        for a in avenants { s += clean(a.words) + "\n" }
        if changes.isEmpty { return s + "aucun changement\n" }
        s += "\n"
        for c in changes {
            s += bold + c.kind.rawValue + reset + "  " + clean(c.subject) + "\n"
            if let w = c.words, c.kind != .elementAdded, c.kind != .elementRemoved {
                s += "    " + w.rendered(style) + "\n"
            } else if let line = c.valueLine(red: red, green: green, reset: reset) {
                s += "    " + clean(line) + "\n"
            }
            if let details = c.details { s += "    " + clean(details) + "\n" }
            for line in c.body { s += "    " + (c.kind == .elementAdded ? green + "+ " : red + "- ") + clean(line) + reset + "\n" }
            s += "    " + dim + clean(c.originWords) + reset + "\n"
        }
        s += "\n" + summary + "\n"
        return s
    }
}

extension SemanticChange {
    /// `indicateur 1.1.a « Taux … » — cible 2024`.
    public var subject: String {
        var s = element.name
        if let t = element.title, property != "titre" { s += " « " + t + " »" }
        if let p = property { s += " — " + p }
        return s
    }

    func valueLine(red: String, green: String, reset: String) -> String? {
        switch kind {
        case .elementMoved:
            return "déplacé : " + (oldParent ?? "?") + " → " + (newParent ?? "?")
        case .elementAdded, .elementRemoved:
            return descendants > 0 ? "avec \(descendants) élément\(descendants > 1 ? "s" : "") en dessous" : nil
        default:
            return red + (old ?? "(absent)") + reset + " → " + green + (new ?? "(absent)") + reset
        }
    }

    /// The shift of a deadline or a period and whether it still fits the period.
    public var details: String? {
        var parts: [String] = []
        if let s = shift { parts.append("décalage : " + s.text) }
        if let w = withinPeriod { parts.append(w ? "dans la période" : "hors de la période du contrat") }
        if kind == .targetRemoved && new != nil { parts.append("année hors de la nouvelle période") }
        if let n = note { parts.append(n) }
        return parts.isEmpty ? nil : parts.joined(separator: " ; ")
    }

    /// `avenant 2, avenant-2.cop:14 — motif : « … »`; for two drafts, `nouveau.cop:14`; for a
    /// bilan, `bilan 2024, bilan-2024.cop:12`.
    public var originWords: String {
        var parts: [String] = []
        if origin.avenant > 0 { parts.append("avenant \(origin.avenant)") }
        if let y = origin.bilan { parts.append("bilan \(y)") }
        if let f = origin.file { parts.append(f + (origin.line.map { ":\($0)" } ?? "")) }
        var s = parts.isEmpty ? "tel que signé" : parts.joined(separator: ", ")
        if let m = origin.motif { s += " — motif : « " + m + " »" }
        return s
    }
}

// MARK: Markdown

extension DiffReport {
    /// A Markdown table to paste into a merge request; changed words as `<del>`/`<ins>`.
    public func markdown() -> String {
        let esc = WordDiffStyle.markdownEscape
        var s = "### copc diff — " + esc(heading) + "\n\n"
        if let n = notice { s += esc(n) + "\n\n" }
        for a in avenants {
            s += "- **Avenant " + String(a.number) + "**" + (a.title.map { " « " + esc($0) + " »" } ?? "")
                + (a.status.map { " (" + $0.rawValue + ")" } ?? "") + (a.dates.isEmpty ? "" : " — " + esc(a.dates))
                + (a.motifWords.map { " — " + esc($0) } ?? "") + "\n"
        }
        if !avenants.isEmpty { s += "\n" }
        if changes.isEmpty { return s + "Aucun changement.\n" }
        s += "| genre | élément | avant → après | avenant, motif |\n|---|---|---|---|\n"
        for c in changes {
            var value: String
            if let w = c.words, c.kind != .elementAdded, c.kind != .elementRemoved {
                value = w.rendered(.markdown)
            } else if let line = c.valueLine(red: "", green: "", reset: "") {
                value = esc(line)
            } else {
                value = ""
            }
            if let d = c.details { value += (value.isEmpty ? "" : "<br>") + esc(d) }
            for line in c.body {
                let marked = c.kind == .elementAdded ? "<ins>" + esc(line) + "</ins>" : "<del>" + esc(line) + "</del>"
                value += (value.isEmpty ? "" : "<br>") + marked
            }
            s += "| `" + c.kind.rawValue + "` | " + esc(c.subject) + " | " + value + " | " + esc(c.originWords) + " |\n"
        }
        s += "\n" + esc(summary) + ".\n"
        return s
    }
}

// MARK: JSON

extension DiffReport {
    public static let schema = "copc.diff/1"

    /// JSON, schema `copc.diff/1` (`grammar/diff.schema.json`): keys in a fixed order.
    public func json() -> String {
        var w = JSONWriter(pretty: true)
        writeJSON(&w)
        return w.out + "\n"
    }

    /// The report as one JSON object, into `w` (also an element of `copc.diff-git/1`).
    public func writeJSON(_ w: inout JSONWriter) {
        w.beginObject()
        w.field("schema", DiffReport.schema)
        switch subject {
        case .contract: w.field("objet", "contrat")
        case .annuaire: w.field("objet", "annuaire")
        case .bilan: w.field("objet", "bilan")
        }
        w.fieldOrNull("contrat", contract)
        if case .annuaire(let id) = subject { w.fieldOrNull("annuaire", id) } else { w.nullField("annuaire") }
        if case .bilan(let y?) = subject { w.field("bilan", y) } else { w.nullField("bilan") }
        w.fieldOrNull("titre", title)
        endpoint(&w, "de", from)
        endpoint(&w, "a", to)
        w.fieldOrNull("remarque", notice)
        w.arrayStart("avenants")
        for a in avenants {
            w.beginObject()
            w.field("numero", a.number)
            w.fieldOrNull("titre", a.title)
            w.fieldOrNull("signe_le", a.signed?.description)
            w.fieldOrNull("en_vigueur_le", a.effective?.description)
            w.fieldOrNull("motif", a.motif)
            w.arrayStart("motifs")
            for m in a.motifs { w.string(m) }
            w.endArray()
            w.fieldOrNull("fichier", a.file)
            w.fieldOrNull("etat", a.status?.rawValue)
            w.endObject()
        }
        w.endArray()
        w.arrayStart("changements")
        for c in changes {
            w.beginObject()
            w.field("genre", c.kind.rawValue)
            w.field("element", c.element.name)
            w.field("element_genre", c.element.kind.keyword)
            w.fieldOrNull("element_id", c.element.id)
            w.fieldOrNull("element_titre", c.element.title)
            w.fieldOrNull("propriete", c.property)
            w.fieldOrNull("ancien", c.old)
            w.fieldOrNull("nouveau", c.new)
            if let words = c.words {
                w.arrayStart("mots")
                for r in words.runs {
                    w.beginObject()
                    w.field("genre", r.kind == .same ? "identique" : r.kind == .deleted ? "supprimé" : "ajouté")
                    w.field("texte", r.text)
                    w.endObject()
                }
                w.endArray()
            } else {
                w.nullField("mots")
            }
            w.fieldOrNull("decalage", c.shift?.text)
            if let s = c.shift { w.field("decalage_jours", s.days) } else { w.nullField("decalage_jours") }
            if let m = c.shift?.months { w.field("decalage_mois", m) } else { w.nullField("decalage_mois") }
            w.key("dans_la_periode")
            if let b = c.withinPeriod { w.bool(b) } else { w.null() }
            w.fieldOrNull("parent_ancien", c.oldParent)
            w.fieldOrNull("parent_nouveau", c.newParent)
            w.field("sous_elements", c.descendants)
            w.arrayStart("contenu")
            for line in c.body { w.string(line) }
            w.endArray()
            w.fieldOrNull("note", c.note)
            w.fieldOrNull("motif", c.origin.motif)
            w.field("avenant", c.origin.avenant)
            if let y = c.origin.bilan { w.field("bilan", y) } else { w.nullField("bilan") }
            w.fieldOrNull("fichier", c.origin.file)
            if let l = c.origin.line { w.field("ligne", l) } else { w.nullField("ligne") }
            w.endObject()
        }
        w.endArray()
        w.objectStart("resume")
        w.field("changements", changes.count)
        var counts: [ChangeKind: Int] = [:]
        for c in changes { counts[c.kind, default: 0] += 1 }
        w.objectStart("par_genre")
        for k in ChangeKind.allCases where counts[k] != nil { w.field(k.rawValue, counts[k]!) }
        w.endObject()
        w.endObject()
        w.endObject()
    }

    private func endpoint(_ w: inout JSONWriter, _ key: String, _ e: DiffEndpoint) {
        w.objectStart(key)
        if let v = e.version { w.field("version", v) } else { w.nullField("version") }
        w.fieldOrNull("en_vigueur_le", e.effectiveDate?.description)
        w.fieldOrNull("fichier", e.file)
        w.fieldOrNull("revision", e.revision)
        w.endObject()
    }
}

// MARK: HTML

extension DiffReport {
    /// The self-contained HTML redline (`CopcHTML.Redline`): one row group per avenant clause
    /// — its text, motif and place — with the text before (deletions struck through) and after
    /// (insertions underlined) of each change it made, linked both ways. Two drafts: one clause
    /// per file line of the new text is not meaningful, so the changes are grouped by element.
    public func html() -> String {
        let title = "Comparaison du " + subjectWords + " : \(from.words) → \(to.words)"
        let page = HTMLPage(title: title, orientation: .landscape, width: .wide)
        return page.render { w in
            w.element(.h1, prose: subjectWords.capitalizedFirst() + " : ce qui change")
            writeHTML(&w, level: 1, namespace: "")
        }
    }

    /// The report's body under a heading of `level` already written: the title, the ends, the
    /// avenants (title, dates, motif), then the redline. Anchors are prefixed by `namespace`
    /// so that several reports share one page (`copc diff --git`).
    public func writeHTML(_ w: inout HTMLWriter, level: Int, namespace: String) {
        let fromAvenants = from.file == nil && subject == .contract
        if let t = self.title { w.element(.p, prose: t) }
        w.element(.p, prose: "Comparaison de " + from.words + " et de " + to.words + ". " + summary.capitalizedFirst() + ".")
        if let n = notice { w.element(.p, [.class("remarque")], prose: n) }
        if !avenants.isEmpty {
            // The avenants first, as text and Markdown give them: title, dates, motifs.
            let withStatus = avenants.contains { $0.status != nil }
            var columns = ["Avenant", "Titre", "Signé le", "En vigueur le", "Motifs", "Fichier"]
            if withStatus { columns.insert("État", at: 2) }
            let rows: [[TableCell]] = avenants.map { a in
                var row: [TableCell] = [.rowHeader("n° " + String(a.number)), .prose(a.title.map { "« " + $0 + " »" } ?? "—"),
                                        .prose(a.signed.map(DiffAvenant.prose) ?? "—"), .prose(a.effective.map(DiffAvenant.prose) ?? "—"),
                                        TableCell(a.motifs.isEmpty ? .prose("—") : .build { w in
                                            for (k, m) in a.motifs.enumerated() {
                                                if k > 0 { w.open(.br) }
                                                w.prose("« " + m + " »")
                                            }
                                        }),
                                        .text(a.file ?? "—")]
                if withStatus { row.insert(.prose(a.status?.rawValue ?? "—"), at: 2) }
                return row
            }
            w.table(DataTable(caption: avenants.count > 1 ? "Les avenants" : "L’avenant", columns: columns, rows: rows,
                              anchor: Anchor(prefix: namespace + "avenants", key: "")))
        }
        if changes.isEmpty {
            w.element(.p, prose: "Les deux versions ont le même contenu : aucun élément, aucune propriété ne diffère.")
        } else {
            w.redline(Redline(caption: fromAvenants ? "Clauses des avenants et leur effet sur le texte consolidé" : "Changements entre les deux textes",
                              clauseColumn: fromAvenants ? "Clause de l’avenant" : "Élément",
                              backLink: fromAvenants ? .clause : .element,
                              clauses: redlineClauses(namespace: namespace)))
        }
    }

    /// The changes grouped by the clause that made them, in the amending text's order (two
    /// drafts: by element).
    func redlineClauses(namespace: String) -> [RedlineClause] {
        var clauses: [RedlineClause] = []
        // Each clause's order: its avenant, then its place in the avenant (drafts: first change).
        var order: [(Int, UInt32, UInt32, Int)] = []
        var clauseIndex: [String: Int] = [:]
        for (n, c) in changes.enumerated() {
            let groupKey: String
            let clauseTitle: String
            var place: String?
            var text: String?
            if let cp = c.origin.clause, c.origin.avenant > 0 {
                groupKey = "\(c.origin.avenant):\(cp.file.index):\(cp.start)"
                text = clauseTexts[cp]
                let firstLine = text.map { String($0.prefix { $0 != "\n" }).trimmingSpaces() } ?? c.element.name
                clauseTitle = "Avenant n° \(c.origin.avenant) — " + firstLine
                place = (c.origin.file ?? "") + (c.origin.line.map { ", ligne \($0)" } ?? "")
            } else {
                var named = c.element.name.capitalizedFirst()
                if let t = c.element.title { named += " « " + t + " »" }
                if let y = c.origin.bilan {
                    // A bilan's block, after the avenants' clauses.
                    groupKey = "bilan:\(y):" + c.element.name
                    clauseTitle = "Bilan \(y) — " + named
                } else {
                    groupKey = "el:" + c.element.name
                    clauseTitle = (c.origin.avenant > 0 ? "Avenant n° \(c.origin.avenant) — " : "") + named
                }
                place = c.origin.file.map { $0 + (c.origin.line.map { ", ligne \($0)" } ?? "") }
            }
            let anchor = Anchor(prefix: namespace + "chg", index: n + 1)
            let change = redlineChange(c, anchor)
            if let k = clauseIndex[groupKey] {
                clauses[k].changes.append(change)
            } else {
                clauseIndex[groupKey] = clauses.count
                let cp = c.origin.clause
                order.append((c.origin.bilan.map { Int(Int32.max) + $0 } ?? c.origin.avenant, cp?.file.index ?? 0, cp?.start ?? 0, n))
                clauses.append(RedlineClause(anchor: Anchor(prefix: namespace + "clause", index: clauses.count + 1), title: clauseTitle,
                                             place: place, text: text, motif: c.origin.motif, changes: [change]))
            }
        }
        // The amending text in its own order: avenant by avenant, clause by clause.
        let sorted = clauses.indices.sorted { order[$0] < order[$1] }
        return sorted.enumerated().map { k, i in
            var c = clauses[i]
            c.anchor = Anchor(prefix: namespace + "clause", index: k + 1)
            return c
        }
    }

    private func redlineChange(_ c: SemanticChange, _ anchor: Anchor) -> RedlineChange {
        // The element by its kind, id and title: `Indicateur 1.2.a « Part des agents… » — cible 2027`.
        let title = c.subject.capitalizedFirst()
        var extra = ""
        if let d = c.details { extra = " (" + d + ")" }
        switch c.kind {
        case .elementAdded:
            var t = c.element.title.map { "« " + $0 + " »" } ?? c.element.name
            if c.descendants > 0 { t += " — avec \(c.descendants) élément\(c.descendants > 1 ? "s" : "") en dessous" }
            return RedlineChange(anchor: anchor, title: title, kind: c.kind.words, before: nil,
                                 after: [MarkedSpan(.inserted, t)] + c.body.map { MarkedSpan(.inserted, "\n" + $0) })
        case .elementRemoved:
            var t = c.element.title.map { "« " + $0 + " »" } ?? c.element.name
            if c.descendants > 0 { t += " — avec \(c.descendants) élément\(c.descendants > 1 ? "s" : "") en dessous" }
            return RedlineChange(anchor: anchor, title: title, kind: c.kind.words,
                                 before: [MarkedSpan(.deleted, t)] + c.body.map { MarkedSpan(.deleted, "\n" + $0) }, after: nil)
        case .elementMoved:
            return RedlineChange(anchor: anchor, title: title, kind: c.kind.words,
                                 before: [MarkedSpan(.unchanged, "dans "), MarkedSpan(.deleted, c.oldParent ?? "?")],
                                 after: [MarkedSpan(.unchanged, "dans "), MarkedSpan(.inserted, c.newParent ?? "?")])
        default:
            if let w = c.words {
                var spans: [MarkedSpan] = w.runs.map { r in
                    MarkedSpan(r.kind == .same ? .unchanged : r.kind == .deleted ? .deleted : .inserted, r.text)
                }
                if !extra.isEmpty { spans.append(MarkedSpan(.unchanged, extra)) }
                return RedlineChange(anchor: anchor, title: title, kind: c.kind.words, words: spans)
            }
            let before: [MarkedSpan] = c.old.map { [MarkedSpan(.deleted, $0)] } ?? [MarkedSpan(.unchanged, "(absent)")]
            var after: [MarkedSpan] = c.new.map { [MarkedSpan(.inserted, $0)] } ?? [MarkedSpan(.unchanged, "(retiré)")]
            if !extra.isEmpty { after.append(MarkedSpan(.unchanged, extra)) }
            return RedlineChange(anchor: anchor, title: title, kind: c.kind.words, before: before, after: after)
        }
    }
}

extension String {
    fileprivate func capitalizedFirst() -> String {
        guard let f = first else { return self }
        return f.uppercased() + dropFirst()
    }

    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
