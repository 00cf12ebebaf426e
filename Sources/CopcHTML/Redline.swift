import CopcFrench
/// One change shown in the redline: what changed, the text before (deletions marked) and
/// after (insertions marked).
public struct RedlineChange: Sendable {
    /// The change's anchor: the clause links to it, it links back to its clause.
    public var anchor: Anchor
    /// What changed, for readers: `Indicateur 1.1.a — cible 2023`.
    public var title: String
    /// The kind of change, for readers: `cible modifiée` (the diff's `genre`, in words).
    public var kind: String?
    /// The text before: spans `unchanged` and `deleted` are shown (`inserted` ones are
    /// skipped, so the same word diff may be given to `before` and `after`). Nil: the element
    /// did not exist before.
    public var before: [MarkedSpan]?
    /// The text after: spans `unchanged` and `inserted` are shown. Nil: the element no
    /// longer exists.
    public var after: [MarkedSpan]?

    public init(anchor: Anchor, title: String, kind: String? = nil, before: [MarkedSpan]?, after: [MarkedSpan]?) {
        self.anchor = anchor
        self.title = title
        self.kind = kind
        self.before = before
        self.after = after
    }

    /// A change whose before and after texts are the two sides of one word diff.
    public init(anchor: Anchor, title: String, kind: String? = nil, words: [MarkedSpan]) {
        self.init(anchor: anchor, title: title, kind: kind, before: words, after: words)
    }
}

/// A clause of the amending text (an avenant's `modifier`, `ajouter`, `supprimer`…) with the
/// changes it made. For two drafts compared without an avenant, one clause may stand for the
/// whole comparison.
public struct RedlineClause: Sendable {
    public var anchor: Anchor
    /// `Avenant n° 2 — modifier indicateur 1.1.a`.
    public var title: String
    /// Where the clause is written: `avenant-2.cop, ligne 14`.
    public var place: String?
    /// The clause as written in the source (shown in a monospaced font, lines kept).
    public var text: String?
    /// The avenant's motif.
    public var motif: String?
    public var changes: [RedlineChange]

    public init(anchor: Anchor, title: String, place: String? = nil, text: String? = nil, motif: String? = nil, changes: [RedlineChange]) {
        self.anchor = anchor
        self.title = title
        self.place = place
        self.text = text
        self.motif = motif
        self.changes = changes
    }
}

/// The three-column comparison that legislative consolidation tools show: the amending
/// clauses | the text before, deletions struck through | the text after, insertions
/// underlined. Each change takes two rows — its title across both texts, then the texts side
/// by side — and is the target of its anchor; a clause (one `<tbody>`) spans the rows of its
/// changes, lists links to them, and each change links back to its clause.
public struct Redline: Sendable {
    /// What the first column holds, and so what each change links back to: an avenant's
    /// clause, or (two drafts compared without avenant) the element whose changes it gathers.
    public enum BackLink: Sendable {
        case clause, element

        /// `↑ clause`, `↑ élément`.
        var label: String { self == .clause ? "↑ clause" : "↑ élément" }
        var hint: String { self == .clause ? "Revenir à la clause" : "Revenir à l’élément" }
    }

    public var caption: String?
    public var clauseColumn: String
    public var beforeColumn: String
    public var afterColumn: String
    public var backLink: BackLink
    public var clauses: [RedlineClause]

    public init(caption: String? = nil, clauseColumn: String = "Clause de l’avenant",
                beforeColumn: String = "Texte avant", afterColumn: String = "Texte après",
                backLink: BackLink = .clause, clauses: [RedlineClause]) {
        self.caption = caption
        self.clauseColumn = clauseColumn
        self.beforeColumn = beforeColumn
        self.afterColumn = afterColumn
        self.backLink = backLink
        self.clauses = clauses
    }
}

extension HTMLWriter {
    /// Writes the three-column redline (`<table class="comparaison">`), with the legend of
    /// its marks above it.
    public mutating func redline(_ r: Redline) {
        element(.p, [.class("legende")]) { w in
            w.element(.span) { w in w.element(.del, text: "texte supprimé"); w.text(" (barré)") }
            w.element(.span) { w in w.element(.ins, text: "texte ajouté"); w.text(" (souligné)") }
        }
        element(.table, [.class("comparaison")]) { w in
            if let c = r.caption { w.element(.caption, prose: c) }
            w.element(.colgroup) { w in
                w.open(.col, [.class("clause")])
                w.open(.col, [.class("avant")])
                w.open(.col, [.class("apres")])
            }
            w.element(.thead) { w in
                w.element(.tr) { w in
                    w.headerCell(HeaderCell(r.clauseColumn))
                    w.headerCell(HeaderCell(r.beforeColumn))
                    w.headerCell(HeaderCell(r.afterColumn))
                }
            }
            for clause in r.clauses { w.redlineClause(clause, backLink: r.backLink) }
        }
    }

    private mutating func redlineClause(_ c: RedlineClause, backLink: Redline.BackLink) {
        // One <tbody> per clause: the clause cell spans the rows of its changes (a row span
        // cannot cross a row group), and print keeps a short clause on one page.
        element(.tbody, [.class("clause")]) { w in
            let rows = max(1, 2 * c.changes.count)
            for (index, change) in c.changes.enumerated() {
                // The change's title spans both texts, so that before and after start level.
                w.element(.tr, [.id(change.anchor), .class("changement-entete")]) { w in
                    if index == 0 { w.clauseCell(c, rows: rows) }
                    w.element(.td, [.colspan(2)]) { w in
                        w.element(.span, [.class("changement-titre")], prose: change.title)
                        if let k = change.kind { w.element(.span, [.class("genre")], prose: k) }
                        w.element(.a, [.class("retour"), .href(c.anchor), .title(backLink.hint)], prose: backLink.label)
                    }
                }
                w.element(.tr, [.class("changement-textes")]) { w in
                    w.element(.td) { w in
                        if let before = change.before {
                            w.element(.div, [.class("texte")]) { $0.marked(before.filter { $0.kind != .inserted }) }
                        } else {
                            w.element(.span, [.class("absent")], prose: "(absent de la version précédente)")
                        }
                    }
                    w.element(.td) { w in
                        if let after = change.after {
                            w.element(.div, [.class("texte")]) { $0.marked(after.filter { $0.kind != .deleted }) }
                        } else {
                            w.element(.span, [.class("absent")], prose: "(supprimé de la nouvelle version)")
                        }
                    }
                }
            }
            if c.changes.isEmpty {
                w.element(.tr) { w in
                    w.clauseCell(c, rows: 1)
                    w.element(.td, [.colspan(2)]) { $0.element(.span, [.class("absent")], prose: "Cette clause ne change rien au texte consolidé.") }
                }
            }
        }
    }

    private mutating func clauseCell(_ c: RedlineClause, rows: Int) {
        var attrs: [Attribute] = [.id(c.anchor)]
        if rows > 1 { attrs.append(.rowspan(rows)) }
        element(.td, attrs) { w in
            w.element(.span, [.class("clause-titre")], prose: c.title)
            if let p = c.place { w.element(.span, [.class("lieu")], text: p) }
            if let t = c.text { w.element(.div, [.class("clause-texte")], text: t) }
            if let m = c.motif {
                w.element(.p, [.class("motif")], prose: "Motif : " + m)
            }
            if !c.changes.isEmpty {
                w.element(.ul, [.class("renvois")]) { w in
                    for change in c.changes {
                        w.element(.li) { w in
                            w.element(.a, [.href(change.anchor)], prose: "→ " + change.title)
                        }
                    }
                }
            }
        }
    }
}
