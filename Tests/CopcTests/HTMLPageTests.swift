@testable import CopcFrench
import XCTest
@testable import CopcHTML

/// The page frame, the writer and the building blocks.
final class HTMLPageTests: XCTestCase {
    func testFrameIsCompleteFrenchUTF8AndSelfContained() {
        let page = HTMLPage(title: "Bilan 2024 : « essai »").render { w in
            w.element(.p, prose: "Bonjour")
        }
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        XCTAssertTrue(page.contains("<meta charset=\"utf-8\"/>"))
        XCTAssertTrue(page.contains("<title>Bilan 2024\u{A0}: «\u{202F}essai\u{202F}»</title>"))
        XCTAssertEqual(page.components(separatedBy: "<style>").count, 2, "one embedded stylesheet")
        XCTAssertTrue(page.contains("default-src 'none'"), "the browser refuses any resource")
        for forbidden in ["<script", "http:", "https:", "//", "<link", "<img", "<iframe", "src=", "url(", "@import", "@font-face"] {
            XCTAssertFalse(page.lowercased().contains(forbidden), forbidden)
        }
        XCTAssertTrue(page.hasSuffix("</body>\n</html>\n"))
        let parsed = parseXML(page)
        XCTAssertTrue(parsed.isWellFormed, parsed.error ?? "")
    }

    func testPrintStylesheet() {
        let portrait = HTMLPage(title: "T").render { _ in }
        XCTAssertTrue(portrait.contains("size: A4 portrait"))
        XCTAssertTrue(portrait.contains("counter(page)"))
        XCTAssertTrue(portrait.contains("counter(pages)"))
        XCTAssertTrue(portrait.contains("thead { display: table-header-group; }"))
        XCTAssertTrue(portrait.contains(".saut-avant { break-before: page; }"))
        XCTAssertTrue(portrait.contains("text-decoration: line-through"))
        XCTAssertTrue(portrait.contains("text-decoration: underline"))
        // Long words break in printed tables instead of pushing columns off the page
        // (checked on a printed PDF by scripts/capture-mots-longs.sh).
        let print = portrait[portrait.firstRange(of: "@media print {")!.lowerBound...]
        XCTAssertTrue(print.contains("td { overflow-wrap: anywhere; min-width: 4.5em; }"))
        XCTAssertTrue(print.contains("body { overflow-wrap: anywhere; }"))
        let landscape = HTMLPage(title: "T", orientation: .landscape, width: .wide).render { _ in }
        XCTAssertTrue(landscape.contains("size: A4 landscape"))
        XCTAssertTrue(landscape.contains("<body class=\"large\">"))
    }

    func testRunningHeaderAndExtraCSSCannotBreakTheStyleElement() {
        let page = HTMLPage(title: "x", runningHeader: "</style><script>alert(1)</script>",
                            stylesheet: ".a { color: red; } </style><script>alert(2)</script>").render { _ in }
        XCTAssertFalse(page.contains("<script"))
        XCTAssertEqual(page.components(separatedBy: "</style>").count, 2)
    }

    func testWriterEscapesAndBalances() {
        var w = HTMLWriter()
        w.element(.p, [.class("a\"b"), .title("x<y")]) { w in
            w.text("<b>")
            w.open(.strong)
            w.text("gras")
            // left open on purpose: element() closes it
        }
        w.open(.div)
        w.open(.br)
        let f = w.fragment()
        XCTAssertEqual(f.markup, "<p class=\"a&quot;b\" title=\"x&lt;y\">&lt;b&gt;<strong>gras</strong></p><div><br/></div>")
        XCTAssertTrue(parseXML(f.markup, fragment: true).isWellFormed)
    }

    func testLinksOnlyLeadInsideThePage() {
        let a = Anchor(prefix: "el", key: "1.1.a")
        XCTAssertEqual(a.value, "el-1.1.a")
        XCTAssertEqual(Attribute.href(a).value, "#el-1.1.a")
        XCTAssertEqual(Anchor(prefix: "el", key: "axe 1").value, "el-axe_20_1")
        XCTAssertEqual(Anchor(prefix: "Chg!", index: 3).value, "hg-3")
        XCTAssertEqual(Anchor(prefix: "", key: "é").value, "a-_E9_")
        // Injective: keys that a lossy slug would merge stay apart.
        let keys = ["a b", "a_b", "a_20_b", "a-b", "a.b", "ab", "a b ", "é", "e\u{301}", "_E9_"]
        XCTAssertEqual(Set(keys.map { Anchor(prefix: "x", key: $0).value }).count, keys.count)
        for k in keys {
            XCTAssertTrue(Anchor(prefix: "x", key: k).value.unicodeScalars.allSatisfy {
                ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || "._-".unicodeScalars.contains($0)
            })
        }
    }

    func testTitlePage() {
        let f = HTMLFragment.build { w in
            w.titlePage(TitlePage(kind: "Contrat d'objectifs et de performance", title: "COP 2021-2025", subtitle: "Centre national",
                                  facts: [TitleFact("Période", "2021 .. 2025"), TitleFact("Signé le", French.date(year: 2021, month: 3, day: 12)!)],
                                  mention: "Version consolidée : avenant n° 2"))
        }
        let p = parseXML(f.markup, fragment: true)
        XCTAssertTrue(p.isWellFormed, p.error ?? "")
        XCTAssertEqual(p.count("h1"), 1)
        XCTAssertEqual(p.count("dt"), 2)
        XCTAssertTrue(f.markup.contains("<header class=\"page-de-titre\">"))
        XCTAssertTrue(f.markup.contains("12\u{A0}mars 2021"))
        XCTAssertTrue(f.markup.contains("consolidée\u{A0}: avenant"))
    }

    func testTableOfContentsNestsEvenWhenLevelsJump() {
        let entries = [
            TOCEntry(level: 3, number: "0", title: "Préambule", anchor: Anchor(prefix: "el", key: "0")),
            TOCEntry(level: 1, number: "1", title: "Axe 1", anchor: Anchor(prefix: "el", key: "1")),
            TOCEntry(level: 2, number: "1.1", title: "Objectif", anchor: Anchor(prefix: "el", key: "1.1")),
            TOCEntry(level: 4, number: "1.1.1", title: "Action", anchor: Anchor(prefix: "el", key: "1.1.1")),
            TOCEntry(level: 1, number: "2", title: "Axe 2", anchor: Anchor(prefix: "el", key: "2")),
        ]
        let f = HTMLFragment.build { $0.tableOfContents(entries) }
        let p = parseXML(f.markup, fragment: true)
        XCTAssertTrue(p.isWellFormed, p.error ?? "")
        XCTAssertEqual(p.count("a"), 5)
        XCTAssertEqual(p.count("li"), 5)
        XCTAssertEqual(p.count("ol"), 3)
        XCTAssertEqual(p.all("a").map { $0["href"] ?? "" }, ["#el-0", "#el-1", "#el-1.1", "#el-1.1.1", "#el-2"])
        // Every nested list sits inside a list item.
        XCTAssertFalse(f.markup.contains("<ol><ol>"))
        XCTAssertFalse(f.markup.contains("</li><ol>"))
        XCTAssertEqual(HTMLFragment.build { $0.tableOfContents([]) }.markup, "")
    }

    func testTableRepeatsHeaderRowsAndMarksCells() {
        let t = DataTable(caption: "Indicateurs",
                          headerRows: [[HeaderCell("Indicateur", rowspan: 2), HeaderCell("Cibles", colspan: 2)],
                                       [HeaderCell("2023", numeric: true), HeaderCell("2024", numeric: true)]],
                          rows: [[.rowHeader("1.1.a"), .number(60, unit: "%", mark: .changed), TableCell(.prose("à fixer"), mark: .removed)]])
        let f = HTMLFragment.build { $0.table(t) }
        let p = parseXML(f.markup, fragment: true)
        XCTAssertTrue(p.isWellFormed, p.error ?? "")
        XCTAssertEqual(p.count("thead"), 1)
        XCTAssertEqual(p.all("th").filter { $0["scope"] == "colgroup" }.first?["colspan"], "2")
        XCTAssertEqual(p.all("th").filter { $0["scope"] == "row" }.count, 1)
        XCTAssertTrue(f.markup.contains("class=\"nombre modifie\""))
        XCTAssertTrue(f.markup.contains("<span class=\"marque\" aria-hidden=\"true\">◆</span>"), "the change is shown by a symbol, not by colour")
        XCTAssertTrue(f.markup.contains("60\u{A0}%"))
        XCTAssertTrue(f.markup.contains("class=\"supprime\""))
    }

    func testMarkedSpansAreStruckAndUnderlinedAndTypesetTogether() {
        let f = HTMLFragment.build { w in
            w.marked([MarkedSpan(.unchanged, "Cible "), MarkedSpan(.deleted, "60"), MarkedSpan(.inserted, "65"), MarkedSpan(.unchanged, "% : atteinte?"), MarkedSpan(.inserted, "")])
        }
        XCTAssertEqual(f.markup, "Cible <del>60</del><ins>65</ins>\u{A0}%\u{A0}: atteinte\u{202F}?")
    }

    func testMarginalNote() {
        let f = HTMLFragment.build { w in
            w.marginalNote(MarginalNote(title: "Modifié par l'avenant n° 2", detail: "Motif : report du SI", link: Anchor(prefix: "clause", index: 4)))
        }
        let p = parseXML(f.markup, fragment: true)
        XCTAssertTrue(p.isWellFormed)
        XCTAssertEqual(p.all("aside").first?["role"], "note")
        XCTAssertEqual(p.all("a").first?["href"], "#clause-4")
        XCTAssertTrue(f.markup.contains("Motif\u{A0}: report"))
    }

    func testRedlineLinksEachChangeToItsClauseAndBack() {
        let clause = Anchor(prefix: "clause", index: 1)
        let c1 = Anchor(prefix: "chg", index: 1), c2 = Anchor(prefix: "chg", index: 2), c3 = Anchor(prefix: "chg", index: 3)
        let r = Redline(clauses: [
            RedlineClause(anchor: clause, title: "Avenant n° 1 — modifier 1.1.a", place: "avenant-1.cop, ligne 4",
                          text: "modifier indicateur 1.1.a\n  cible 2023 : 65 %", motif: "Ajustement",
                          changes: [
                            RedlineChange(anchor: c1, title: "Indicateur 1.1.a — cible 2023", kind: "cible modifiée",
                                          words: [MarkedSpan(.deleted, "60"), MarkedSpan(.inserted, "65"), MarkedSpan(.unchanged, " %")]),
                            RedlineChange(anchor: c2, title: "Action 1.1.3", kind: "élément ajouté", before: nil, after: [MarkedSpan(.inserted, "Nouvelle action")]),
                          ]),
            RedlineClause(anchor: Anchor(prefix: "clause", index: 2), title: "Avenant n° 1 — supprimer 2.1.1",
                          changes: [RedlineChange(anchor: c3, title: "Action 2.1.1", before: [MarkedSpan(.deleted, "Ancienne")], after: nil)]),
            RedlineClause(anchor: Anchor(prefix: "clause", index: 3), title: "Sans effet", changes: []),
        ])
        let f = HTMLFragment.build { $0.redline(r) }
        let p = parseXML(f.markup, fragment: true)
        XCTAssertTrue(p.isWellFormed, p.error ?? "")
        let ids = Set(p.elements.compactMap { $0.attributes["id"] })
        let hrefs = p.all("a").compactMap { $0["href"] }
        // Every link resolves; every change is linked from its clause and links back.
        for h in hrefs { XCTAssertTrue(ids.contains(String(h.dropFirst())), h) }
        for c in [c1, c2, c3] {
            XCTAssertTrue(ids.contains(c.value))
            XCTAssertTrue(hrefs.contains("#" + c.value))
        }
        XCTAssertEqual(hrefs.filter { $0 == "#" + clause.value }.count, 2)
        XCTAssertEqual(p.all("td").first?["rowspan"], "4", "two rows per change: its title, then the texts side by side")
        XCTAssertEqual(p.count("tbody"), 3, "one row group per clause")
        // Before shows deletions only, after insertions only.
        XCTAssertTrue(f.markup.contains("<del>60</del>\u{A0}%"))
        XCTAssertTrue(f.markup.contains("<ins>65</ins>\u{A0}%"))
        XCTAssertEqual(p.count("del"), 3)  // 60, Ancienne, and the legend's sample
        XCTAssertEqual(p.count("ins"), 3)  // 65, Nouvelle action, the legend's sample
        XCTAssertTrue(f.markup.contains("absent de la version précédente"))
        XCTAssertTrue(f.markup.contains("supprimé de la nouvelle version"))
        XCTAssertTrue(f.markup.contains("ne change rien"))
        XCTAssertEqual(p.count("thead"), 1)
    }
}
