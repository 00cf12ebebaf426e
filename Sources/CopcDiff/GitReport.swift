import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcHTML

/// `copc diff --git A B`: every contract of a workspace read at two revisions of a repository,
/// compared contract by contract (`DiffReport` each: the latest versions, the avenants added,
/// removed or changed between the revisions, the bilans), in four renderings.
public struct GitDiffReport: Sendable {
    /// One end: a commit (as the user named it, and its id), or the working tree.
    public struct Revision: Sendable, Equatable {
        /// As given (`main`, `HEAD~2`), or how it was found (`main...HEAD`).
        public var name: String?
        /// The full commit id; nil for the working tree.
        public var commit: String?
        /// For `A...B`: the merge base of `A` and `B`, written `A...B`.
        public var mergeBaseOf: String?

        public init(name: String?, commit: String?, mergeBaseOf: String? = nil) {
            self.name = name
            self.commit = commit
            self.mergeBaseOf = mergeBaseOf
        }

        /// `main (3f2a1b9)`, `la base de fusion de main...HEAD (3f2a1b9)`, `l’arbre de travail`.
        public var words: String {
            guard let c = commit else { return "l’arbre de travail" }
            let short = String(c.prefix(10))
            if let m = mergeBaseOf { return "la base de fusion de " + m + " (" + short + ")" }
            return (name ?? c) + " (" + short + ")"
        }

        /// `main`, `l’arbre de travail`: how a version's endpoint names it.
        public var shortWords: String {
            guard commit != nil else { return "l’arbre de travail" }
            if let m = mergeBaseOf { return "la base de fusion de " + m }
            return name ?? String(commit!.prefix(10))
        }
    }

    /// Whether a contract is on both sides.
    public enum Presence: String, Sendable, CaseIterable {
        case changed = "modifié"
        case unchanged = "inchangé"
        case added = "ajouté"
        case removed = "supprimé"
    }

    public struct Entry: Sendable {
        public var presence: Presence
        public var report: DiffReport

        public init(presence: Presence, report: DiffReport) {
            self.presence = presence
            self.report = report
        }
    }

    public var from: Revision
    public var to: Revision
    public var entries: [Entry]

    public init(from: Revision, to: Revision, entries: [Entry]) {
        self.from = from
        self.to = to
        self.entries = entries
    }

    public static let schema = "copc.diff-git/1"

    /// Whether anything differs (`--sortie-code`).
    public var hasChanges: Bool { entries.contains { $0.presence != .unchanged } }

    /// `3 contrats comparés : 1 modifié, 1 ajouté, 1 inchangé`.
    public var summary: String {
        if entries.isEmpty { return "aucun contrat dans l’une ou l’autre révision" }
        var parts: [String] = []
        for p in Presence.allCases {
            let n = entries.filter { $0.presence == p }.count
            if n > 0 { parts.append(String(n) + " " + p.rawValue + (n > 1 ? "s" : "")) }
        }
        return String(entries.count) + " contrat" + (entries.count > 1 ? "s comparés" : " comparé") + " : " + parts.joined(separator: ", ")
    }

    var heading: String { "copc diff --git — " + from.words + " → " + to.words }

    // MARK: text

    /// French text for a terminal: the two revisions, the count, then each contract's report.
    public func text(color: Bool) -> String {
        let bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : ""
        var s = bold + WordDiffStyle.controlPictures(heading) + reset + "\n" + summary + "\n"
        for e in entries {
            s += "\n"
            if e.presence == .unchanged {
                s += WordDiffStyle.controlPictures(e.report.subjectWords) + " : aucun changement\n"
                continue
            }
            s += e.report.text(color: color)
        }
        return s
    }

    // MARK: Markdown

    /// One section per contract, for a merge request.
    public func markdown() -> String {
        let esc = WordDiffStyle.markdownEscape
        var s = "## " + esc(heading) + "\n\n" + esc(summary) + ".\n"
        for e in entries {
            s += "\n"
            if e.presence == .unchanged {
                s += "### " + esc(e.report.subjectWords) + " : aucun changement\n"
                continue
            }
            s += e.report.markdown()
        }
        return s
    }

    // MARK: JSON

    /// JSON, schema `copc.diff-git/1` (`grammar/diff-git.schema.json`): each contract's report
    /// is a `copc.diff/1` object.
    public func json() -> String {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.field("schema", GitDiffReport.schema)
        revision(&w, "de", from)
        revision(&w, "a", to)
        w.arrayStart("contrats")
        for e in entries {
            w.beginObject()
            w.field("etat", e.presence.rawValue)
            w.key("diff")
            e.report.writeJSON(&w)
            w.endObject()
        }
        w.endArray()
        w.objectStart("resume")
        w.field("contrats", entries.count)
        w.objectStart("par_etat")
        for p in Presence.allCases {
            let n = entries.filter { $0.presence == p }.count
            if n > 0 { w.field(p.rawValue, n) }
        }
        w.endObject()
        w.field("changements", entries.reduce(0) { $0 + $1.report.changes.count })
        w.endObject()
        w.endObject()
        return w.out + "\n"
    }

    private func revision(_ w: inout JSONWriter, _ key: String, _ r: Revision) {
        w.objectStart(key)
        w.fieldOrNull("revision", r.name)
        w.fieldOrNull("commit", r.commit)
        w.fieldOrNull("base_de_fusion", r.mergeBaseOf)
        w.key("arbre_de_travail")
        w.bool(r.commit == nil)
        w.endObject()
    }

    // MARK: HTML

    /// One self-contained page: the revisions, a table of the contracts (each linked to its
    /// section), then each contract's avenants and redline.
    public func html() -> String {
        let page = HTMLPage(title: "Comparaison de " + from.shortWords + " et de " + to.shortWords,
                            orientation: .landscape, width: .wide)
        return page.render { w in
            w.element(.h1, prose: "Ce qui change entre " + from.shortWords + " et " + to.shortWords)
            w.element(.p, prose: "Comparaison de " + from.words + " et de " + to.words + ". " + summary.capitalizedFirst() + ".")
            if entries.isEmpty { return }
            let anchors = entries.indices.map { Anchor(prefix: "contrat", index: $0 + 1) }
            w.table(DataTable(caption: "Contrats comparés",
                              headerRows: [[HeaderCell("Contrat"), HeaderCell("État"), HeaderCell("Changements", numeric: true)]],
                              rows: entries.enumerated().map { k, e in
                                  let name = e.report.subjectWords.capitalizedFirst() + (e.report.title.map { " « " + $0 + " »" } ?? "")
                                  return [TableCell(.build { $0.element(.a, [.href(anchors[k])], prose: name) }, isRowHeader: true),
                                          .prose(e.presence.rawValue),
                                          TableCell(.text(String(e.report.changes.count)), numeric: true)]
                              }))
            for (k, e) in entries.enumerated() {
                w.element(.section, k == 0 ? [.id(anchors[k])] : [.id(anchors[k]), .class(StyleClass.pageBreakBefore)]) { w in
                    w.element(.h2, prose: e.report.subjectWords.capitalizedFirst() + " — " + e.presence.rawValue)
                    e.report.writeHTML(&w, level: 2, namespace: "c\(k + 1)-")
                }
            }
        }
    }
}

extension String {
    fileprivate func capitalizedFirst() -> String {
        guard let f = first else { return self }
        return f.uppercased() + dropFirst()
    }
}
