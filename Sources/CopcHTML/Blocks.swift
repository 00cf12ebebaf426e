import CopcFrench
// Building blocks shared by the redline (`copc diff`), the bilan (`copc bilan`) and the
// rendered contract (`copc rendre`): title page, table of contents, headings, marginal notes,
// change marks and inline word-level changes.

/// One line of the title page: `Période` — `2021 .. 2025`.
public struct TitleFact: Sendable {
    public var label: String
    public var value: HTMLFragment

    /// A fact whose value is prose (typeset).
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = .prose(value)
    }

    /// A fact whose value is already built (a date in `<time>`, a list of avenants with links).
    public init(_ label: String, fragment: HTMLFragment) {
        self.label = label
        self.value = fragment
    }
}

/// The title page of a document: the kind of document above the title, the title, an
/// optional subtitle, the facts (type, organisme, signataires, période, version…) and a
/// closing mention. Printed alone on the first page.
public struct TitlePage: Sendable {
    /// Above the title, in capitals: `Contrat d'objectifs et de performance`, `Bilan annuel`.
    public var kind: String?
    public var title: String
    public var subtitle: String?
    public var facts: [TitleFact]
    /// Below the facts: `Version consolidée après l'avenant n° 2`, `Document produit par copc`.
    public var mention: String?

    public init(kind: String? = nil, title: String, subtitle: String? = nil, facts: [TitleFact] = [], mention: String? = nil) {
        self.kind = kind
        self.title = title
        self.subtitle = subtitle
        self.facts = facts
        self.mention = mention
    }
}

/// One entry of a table of contents: a heading already written with `heading(…)`.
public struct TOCEntry: Sendable {
    /// 1 for the top level; deeper levels nest. A level deeper than the previous one plus one
    /// is treated as the previous one plus one, so the lists always nest properly.
    public var level: Int
    /// The element's number (`1.2`), shown before the title; nil for none.
    public var number: String?
    public var title: String
    public var anchor: Anchor

    public init(level: Int, number: String? = nil, title: String, anchor: Anchor) {
        self.level = level
        self.number = number
        self.title = title
        self.anchor = anchor
    }
}

/// How an element or a cell changed, shown by a symbol as well as by style (black-and-white
/// print keeps the distinction).
public enum ChangeMark: Sendable, CaseIterable {
    case changed, added, removed

    /// The symbol printed before the content.
    public var symbol: String {
        switch self {
        case .changed: return "◆"
        case .added: return "+"
        case .removed: return "\u{2212}"
        }
    }

    /// The word read by screen readers and printed in the legend.
    public var label: String {
        switch self {
        case .changed: return "modifié"
        case .added: return "ajouté"
        case .removed: return "supprimé"
        }
    }

    var cssClass: String {
        switch self {
        case .changed: return "modifie"
        case .added: return "ajoute"
        case .removed: return "supprime"
        }
    }
}

/// A note in the margin of an element: `Modifié par l'avenant n° 2` and its motif, with an
/// optional link to the clause that made the change.
public struct MarginalNote: Sendable {
    public var title: String
    public var detail: String?
    public var link: Anchor?
    public var linkText: String

    public init(title: String, detail: String? = nil, link: Anchor? = nil, linkText: String = "voir la clause") {
        self.title = title
        self.detail = detail
        self.link = link
        self.linkText = linkText
    }
}

/// A piece of text in a word-level comparison: unchanged, deleted or inserted.
/// (`CopcDiff.WordRun` maps one to one onto it.)
public struct MarkedSpan: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case unchanged, deleted, inserted }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

extension HTMLWriter {
    /// Writes the title page (`<header class="page-de-titre">`).
    public mutating func titlePage(_ t: TitlePage) {
        element(.header, [.class("page-de-titre")]) { w in
            if let kind = t.kind { w.element(.p, [.class("genre")], prose: kind) }
            w.element(.h1, prose: t.title)
            if let s = t.subtitle { w.element(.p, [.class("sous-titre")], prose: s) }
            if !t.facts.isEmpty {
                w.element(.dl) { w in
                    for f in t.facts {
                        w.element(.dt, prose: f.label)
                        w.element(.dd) { $0.append(f.value) }
                    }
                }
            }
            if let m = t.mention { w.element(.p, [.class("mention")], prose: m) }
        }
    }

    /// Writes a heading with its anchor and number: `<h2 id="el-1.2"><span class="numero">1.2</span>Titre</h2>`.
    public mutating func heading(level: Int, number: String? = nil, title: String, anchor: Anchor? = nil, classes: String? = nil) {
        var attrs: [Attribute] = []
        if let anchor { attrs.append(.id(anchor)) }
        if let classes { attrs.append(.class(classes)) }
        element(.heading(level), attrs) { w in
            if let number { w.element(.span, [.class("numero")], text: number) }
            w.prose(title)
        }
    }

    /// Writes a table of contents (`<nav class="sommaire">`) of nested ordered lists, each
    /// entry a link to its heading. Nothing is written for an empty list.
    public mutating func tableOfContents(_ entries: [TOCEntry], title: String = "Sommaire") {
        guard !entries.isEmpty else { return }
        let titleAnchor = Anchor(prefix: "sommaire", key: "titre")
        element(.nav, [.class("sommaire"), Attribute(.ariaLabelledBy, titleAnchor.value)]) { w in
            w.element(.h2, [.id(titleAnchor)], prose: title)
            var depth = 0
            for e in entries {
                let level = min(max(e.level, 1), depth + 1)
                if level > depth {
                    w.open(.ol)
                    depth = level
                } else {
                    w.close(.li)
                    while depth > level {
                        w.close(.ol)
                        w.close(.li)
                        depth -= 1
                    }
                }
                w.open(.li)
                w.element(.a, [.href(e.anchor)]) { w in
                    if let n = e.number { w.element(.span, [.class("numero")], text: n) }
                    w.prose(e.title)
                }
            }
            w.close(.li)
            while depth > 0 {
                w.close(.ol)
                depth -= 1
                if depth > 0 { w.close(.li) }
            }
        }
    }

    /// Writes a marginal note (`<aside class="note-marginale">`), floated beside the text
    /// that follows it: write it first in the element it annotates.
    public mutating func marginalNote(_ n: MarginalNote) {
        element(.aside, [.class("note-marginale"), .role("note")]) { w in
            w.element(.span, [.class("note-titre")]) { w in
                w.element(.span, [Attribute(.ariaHidden, "true")], text: ChangeMark.changed.symbol + " ")
                w.prose(n.title)
            }
            if let d = n.detail { w.prose(d) }
            if let link = n.link {
                w.text(" ")
                w.element(.a, [.href(link)], prose: n.linkText)
            }
        }
    }

    /// Writes the symbol of a change mark, with its word for screen readers.
    public mutating func mark(_ m: ChangeMark) {
        element(.span, [.class("marque"), Attribute(.ariaHidden, "true")], text: m.symbol)
        element(.span, [.class(StyleClass.screenReaderOnly)], text: m.label + " : ")
    }

    /// Writes the legend of the marks used in a page: `◆ modifié · + ajouté`.
    public mutating func legend(_ marks: [ChangeMark], extra: [String] = []) {
        element(.p, [.class("legende")]) { w in
            for m in marks {
                w.element(.span) { $0.text(m.symbol + "\u{00A0}"); $0.prose(m.label) }
            }
            for e in extra { w.element(.span, prose: e) }
        }
    }

    /// Writes word-level changes inline: deleted text in `<del>` (struck through), inserted
    /// text in `<ins>` (underlined), the whole typeset as one sentence when `typeset` is true.
    /// Empty spans are skipped.
    public mutating func marked(_ spans: [MarkedSpan], typeset: Bool = true) {
        let texts = typeset ? French.typeset(segments: spans.map(\.text)) : spans.map(\.text)
        for (span, text) in zip(spans, texts) where !text.isEmpty {
            switch span.kind {
            case .unchanged: self.text(text)
            case .deleted: element(.del, text: text)
            case .inserted: element(.ins, text: text)
            }
        }
    }
}
