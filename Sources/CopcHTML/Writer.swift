import CopcFrench
/// The HTML elements copc writes. A closed set: a renderer cannot emit `<script>`, `<img>`,
/// `<iframe>` or any element that loads something.
public enum Tag: String, Sendable, CaseIterable {
    case a, abbr, article, aside, br, caption, code, col, colgroup, dd, del, div, dl, dt, em
    case figcaption, figure, footer, h1, h2, h3, h4, h5, h6, header, hr, ins, li, main, nav
    case ol, p, section, small, span, strong, sub, sup, table, tbody, td, tfoot, th, thead
    case time, tr, ul

    /// Elements without content or end tag.
    public var isVoid: Bool {
        switch self {
        case .br, .col, .hr: return true
        default: return false
        }
    }

    /// The heading element of `level`, clamped to 1…6.
    public static func heading(_ level: Int) -> Tag {
        [.h1, .h2, .h3, .h4, .h5, .h6][min(max(level, 1), 6) - 1]
    }
}

/// Attribute names copc writes: a closed set, so no event handler (`onclick`) or resource
/// attribute (`src`) can appear.
public enum AttributeName: String, Sendable {
    case `class`, id, href, title, role, lang, colspan, rowspan, scope, datetime, span
    case ariaLabel = "aria-label"
    case ariaLabelledBy = "aria-labelledby"
    case ariaDescribedBy = "aria-describedby"
    case ariaHidden = "aria-hidden"
    case dataKey = "data-cle"
    /// The value a sortable column sorts by (the portfolio's dashboard).
    case dataSort = "data-tri"
    /// A cell's column name, shown before it when a table is laid out as cards on a phone.
    case dataLabel = "data-libelle"
    /// A row's state, for the dashboard's filter.
    case dataState = "data-etat"
}

/// A link from a page of a site to another of its files (`contrats/COP-CNG/index.html`,
/// `../index.html#el-x`): relative, made of plain components — letters, digits, `.`, `-`, `_`,
/// and `..` only at its start — so that it never names a scheme, an absolute path or a place
/// outside the site.
public struct SiteLink: Sendable, Hashable {
    /// The link as written in `href`.
    public let value: String

    /// `nil` when `path` is not such a relative path.
    public init?(_ path: String, anchor: Anchor? = nil) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty else { return nil }
        var leading = true
        for p in parts {
            if p == ".." {
                guard leading else { return nil }
                continue
            }
            leading = false
            guard !p.isEmpty, p != ".", p.unicodeScalars.allSatisfy({ u in
                (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || u == "." || u == "-" || u == "_"
            }) else { return nil }
        }
        guard !leading else { return nil }
        value = path + (anchor.map { "#" + $0.value } ?? "")
    }
}

/// One attribute; the value is escaped when written.
public struct Attribute: Sendable, Equatable {
    public var name: AttributeName
    public var value: String

    public init(_ name: AttributeName, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `class="…"` (several classes separated by spaces).
    public static func `class`(_ v: String) -> Attribute { Attribute(.class, v) }
    /// `id="…"` from an anchor.
    public static func id(_ a: Anchor) -> Attribute { Attribute(.id, a.value) }
    /// `href="#…"`: a link inside the page.
    public static func href(_ a: Anchor) -> Attribute { Attribute(.href, "#" + a.value) }
    /// `href="…"`: a link to another file of the same site, relative.
    public static func href(_ l: SiteLink) -> Attribute { Attribute(.href, l.value) }
    public static func title(_ v: String) -> Attribute { Attribute(.title, v) }
    public static func ariaLabel(_ v: String) -> Attribute { Attribute(.ariaLabel, v) }
    public static func role(_ v: String) -> Attribute { Attribute(.role, v) }
    public static func colspan(_ n: Int) -> Attribute { Attribute(.colspan, String(max(1, min(n, 1000)))) }
    public static func rowspan(_ n: Int) -> Attribute { Attribute(.rowspan, String(max(1, min(n, 65534)))) }
    /// `scope="col"` or `scope="row"` on a header cell.
    public static func scope(_ v: HeaderScope) -> Attribute { Attribute(.scope, v.rawValue) }
    /// `datetime` of a `<time>` element, ISO `AAAA-MM-JJ`.
    public static func datetime(year: Int, month: Int, day: Int) -> Attribute {
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n.magnitude)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return Attribute(.datetime, pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2))
    }
}

/// What a header cell heads.
public enum HeaderScope: String, Sendable { case col, row, colgroup, rowgroup }

/// Markup already escaped and balanced, made by an `HTMLWriter`: safe to insert anywhere
/// content is allowed.
public struct HTMLFragment: Sendable, Equatable {
    /// The markup.
    public let markup: String

    init(markup: String) { self.markup = markup }

    /// Builds a fragment with a fresh writer. Fragments are small (a table cell, a title-page
    /// value): the writer starts with a small buffer, so that a document of many cells does not
    /// allocate (and fault in) a page-sized buffer per cell.
    public static func build(_ body: (inout HTMLWriter) -> Void) -> HTMLFragment {
        var w = HTMLWriter(capacity: 64)
        body(&w)
        return w.fragment()
    }

    /// A fragment holding `s` escaped verbatim.
    public static func text(_ s: String) -> HTMLFragment { build { $0.text(s) } }
    /// A fragment holding `s` typeset (French spacing) and escaped.
    public static func prose(_ s: String) -> HTMLFragment { build { $0.prose(s) } }
}

/// A streaming HTML writer: elements are opened and closed in order, text is always escaped.
///
/// Invariant: the output is balanced markup, well-formed as XML too — every element opened is closed, in order
/// (`fragment()` closes what is still open) — whose text and attribute values went through
/// `HTMLEscape`. Writing is linear in the size of the output. Building blocks
/// (`titlePage`, `tableOfContents`, `table`, `redline`, `marginalNote`, `marked`, `chart`)
/// are extensions of this type.
public struct HTMLWriter {
    /// The markup written so far.
    public private(set) var output: String = ""
    private var open: [Tag] = []

    public init(capacity: Int = 4096) {
        output.reserveCapacity(capacity)
    }

    /// Opens `tag` with `attributes`; void elements (`br`, `hr`, `col`) are complete at once.
    public mutating func open(_ tag: Tag, _ attributes: [Attribute] = []) {
        output += "<"
        output += tag.rawValue
        for a in attributes {
            output += " "
            output += a.name.rawValue
            output += "=\""
            HTMLEscape.appendAttribute(a.value, to: &output)
            output += "\""
        }
        // Void elements are self-closed (`<br/>`, allowed by HTML5), so that every page is
        // also well-formed XML and the tests can parse it with an XML parser.
        output += tag.isVoid ? "/>" : ">"
        if !tag.isVoid { open.append(tag) }
    }

    /// Closes the innermost open element, which must be `tag`. Closing an element that is not
    /// the innermost one is a programming error: debug builds trap, release builds close the
    /// elements opened inside it first, so the markup stays balanced.
    public mutating func close(_ tag: Tag) {
        guard let index = open.lastIndex(of: tag) else {
            assertionFailure("close(\(tag)) without a matching open")
            return
        }
        assert(index == open.count - 1, "close(\(tag)) while <\(open.last!.rawValue)> is open")
        while open.count > index {
            let t = open.removeLast()
            output += "</" + t.rawValue + ">"
        }
    }

    /// `<tag attributes>` … body … `</tag>`.
    public mutating func element(_ tag: Tag, _ attributes: [Attribute] = [], _ body: (inout HTMLWriter) -> Void) {
        open(tag, attributes)
        if tag.isVoid { return }
        let depth = open.count
        body(&self)
        // Close whatever the body left open inside this element, then the element itself.
        while open.count > depth { close(open.last!) }
        close(tag)
    }

    /// `<tag attributes>text</tag>`, the text escaped verbatim.
    public mutating func element(_ tag: Tag, _ attributes: [Attribute] = [], text s: String) {
        element(tag, attributes) { $0.text(s) }
    }

    /// `<tag attributes>text</tag>`, the text typeset (French spacing) and escaped.
    public mutating func element(_ tag: Tag, _ attributes: [Attribute] = [], prose s: String) {
        element(tag, attributes) { $0.prose(s) }
    }

    /// Text written as is (escaped): identifiers, codes, values quoted as written.
    public mutating func text(_ s: String) {
        HTMLEscape.appendText(s, to: &output)
    }

    /// Text for readers: French spacing (`French.typeset`), then escaped.
    public mutating func prose(_ s: String) {
        HTMLEscape.appendText(French.typeset(s), to: &output)
    }

    /// Inserts a fragment built by another writer.
    public mutating func append(_ f: HTMLFragment) {
        output += f.markup
    }

    /// Markup produced by this module's own generators (SVG) — never caller text.
    mutating func appendTrusted(_ markup: String) {
        output += markup
    }

    /// The markup written, with every element still open closed.
    public func fragment() -> HTMLFragment {
        var copy = self
        while let t = copy.open.last { copy.close(t) }
        return HTMLFragment(markup: copy.output)
    }

    /// The number of elements still open (for building blocks that check their nesting).
    public var depth: Int { open.count }
}
