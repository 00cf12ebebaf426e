import CopcFrench
/// How a printed page is turned.
public enum PageOrientation: Sendable {
    /// A4 portrait: the bilan, the rendered contract.
    case portrait
    /// A4 landscape: wide tables, the three-column redline.
    case landscape
}

/// How wide the screen layout is.
public enum PageWidth: Sendable {
    /// A reading column (about 50 em): prose, the rendered contract.
    case reading
    /// The whole window up to 100 em: the redline, wide tables.
    case wide
}

/// Class names of the shared stylesheet that callers put on their own elements.
public enum StyleClass {
    /// Starts the element on a new printed page (`break-before: page`): each axe of the
    /// rendered contract.
    public static let pageBreakBefore = "saut-avant"
    /// Keeps the element on one printed page when it fits (`break-inside: avoid`).
    public static let keepTogether = "ensemble"
    /// A number cell or span: right-aligned, tabular figures, never broken.
    public static let number = "nombre"
    /// Shown on screen only (hidden when printed).
    public static let screenOnly = "ecran-seulement"
    /// Shown when printed only.
    public static let printOnly = "impression-seulement"
    /// Read by screen readers, not shown.
    public static let screenReaderOnly = "lecteur-ecran"
    /// Quiet secondary text (places, counts).
    public static let muted = "discret"
    /// A container that lays small charts side by side, wrapping as needed.
    public static let chartGrid = "graphiques"
    /// Text shown as written in the source (identifiers, values), in a monospaced font.
    public static let asWritten = "tel-quel"
}

/// A complete HTML document: `<!DOCTYPE html>`, `lang="fr"`, UTF-8, a title, one embedded
/// stylesheet (the shared one plus the caller's additions), and the body.
///
/// Invariant: the page is self-contained — nothing loaded from the network, no link to another
/// file (but the `SiteLink`s of a site's pages, relative), no script but the page's own inline
/// one (`script`, whose SHA-256 the Content-Security-Policy names; `default-src 'none'` makes
/// the browser refuse any other resource or script a later change might add) — so it reads
/// the same offline, attached to a mail or archived, and reads whole without its script. It prints on A4 with the page number and the running header in the
/// margins, table headers repeated on every page, and every distinction that matters carried
/// by shape or text, not by colour alone.
public struct HTMLPage: Sendable {
    /// The document title (`<title>`), typeset.
    public var title: String
    public var orientation: PageOrientation
    public var width: PageWidth
    /// Printed at the top left of every page but the first; nil: the title.
    public var runningHeader: String?
    /// CSS appended to the shared stylesheet, in the same `<style>` element. A `<` in it is
    /// escaped so it cannot close the element.
    public var stylesheet: String
    /// A script written inline at the end of the body (the portfolio's dashboard sorts and
    /// filters its table with one), allowed by its hash alone; `</` in it is written `<\/`.
    /// The page must read whole without it.
    public var script: String?

    public init(title: String, orientation: PageOrientation = .portrait, width: PageWidth = .reading,
                runningHeader: String? = nil, stylesheet: String = "", script: String? = nil) {
        self.title = title
        self.orientation = orientation
        self.width = width
        self.runningHeader = runningHeader
        self.stylesheet = stylesheet
        self.script = script
    }

    /// The document, with `body` written inside `<body>`.
    public func render(_ body: (inout HTMLWriter) -> Void) -> String {
        var w = HTMLWriter(capacity: 64 * 1024)
        body(&w)
        return render(body: w.fragment())
    }

    /// The document around an already built body.
    public func render(body: HTMLFragment) -> String {
        var out = ""
        out.reserveCapacity(body.markup.utf8.count + 16 * 1024)
        out += "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        let code = script.map(Self.scriptText)
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'"
        if let code { out += "; script-src 'sha256-" + SHA256.base64(SHA256.hash(code.utf8)) + "'" }
        out += "\"/>\n"
        out += "<meta name=\"generator\" content=\"copc\"/>\n"
        out += "<title>"
        HTMLEscape.appendText(French.typeset(title), to: &out)
        out += "</title>\n<style>\n"
        out += Stylesheet.css(orientation: orientation, runningHeader: French.typeset(runningHeader ?? title))
        if !stylesheet.isEmpty {
            out += "\n/* Ajouts de la commande */\n"
            out += Self.neutralised(stylesheet)
            out += "\n"
        }
        out += "</style>\n</head>\n<body"
        if width == .wide { out += " class=\"large\"" }
        out += ">\n"
        out += body.markup
        if let code { out += "\n<script>" + code + "</script>" }
        out += "\n</body>\n</html>\n"
        return out
    }

    /// The script as written in the page: inside `//<![CDATA[` … `//]]>` (JavaScript comments
    /// for a browser, a CDATA section for an XML parser: the page stays well-formed XML),
    /// `</` escaped as `<\/` (the same in JavaScript strings and regular expressions) so that
    /// it cannot close the element, `]]>` broken, control characters but line breaks and tabs
    /// removed. The Content-Security-Policy hash is that of this text.
    static func scriptText(_ js: String) -> String {
        var out = "\n//<![CDATA[\n"
        var previous: Unicode.Scalar = " ", beforePrevious: Unicode.Scalar = " "
        for u in js.unicodeScalars {
            if u == "/" && previous == "<" {
                out += "\\/"
            } else if u == ">" && previous == "]" && beforePrevious == "]" {
                out += " >"
            } else if u == "\n" || u == "\t" || HTMLEscape.standIn(for: u) == nil {
                out.unicodeScalars.append(u)
            }
            beforePrevious = previous
            previous = u
        }
        return out + "\n//]]>\n"
    }

    /// `page` (made by `render`) with `navigation` as the first content of its body: the bar
    /// of links a site puts above a page made by another command (a rendered contract, a
    /// redline, a bilan).
    public static func inserting(_ navigation: HTMLFragment, into page: String) -> String {
        guard let body = page.firstRange(of: "\n<body"), let end = page[body.upperBound...].firstIndex(of: ">") else { return page }
        let at = page.index(after: end)
        return String(page[..<at]) + "\n" + navigation.markup + String(page[at...])
    }

    /// `css` with every `<` written as the CSS escape `\3C ` (the same character inside a CSS
    /// string; invalid elsewhere anyway) and control characters but line breaks and tabs
    /// removed, so that it cannot end the `<style>` element.
    static func neutralised(_ css: String) -> String {
        var out = ""
        for u in css.unicodeScalars {
            if u == "<" {
                out += "\\3C "
            } else if u == "\n" || u == "\t" || HTMLEscape.standIn(for: u) == nil {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
