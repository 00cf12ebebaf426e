import CopcFrench
import CopcLanguage
import CopcModel
import CopcHTML

/// `copc rendre --format html`: the consolidated version as the printable document drafters
/// sign, on the shared HTML layer (`HTMLPage`, `TitlePage`, `DataTable`, `MarginalNote`):
/// title page, contents, each axe / objectif / sous-objectif with its text and its annex
/// tables (actions with pilots and deadlines, as written and as a window; indicators with
/// méthode, source, fournisseur, base and one column per year), the referents, and a marginal
/// note on every element an avenant changed. Self-contained, A4, a page break before each
/// top-level part, table headers repeated by the shared stylesheet.
///
/// One pass over the sections, each element written once: linear in the version.
public enum HTMLDocument {
    /// The page for `doc`.
    public static func render(_ doc: ContractDocument) -> String {
        let h = doc.header
        let title = h.title ?? h.id ?? "Contrat"
        let running = (h.id ?? title) + " — version \(doc.version.number)"
        let page = HTMLPage(title: title, orientation: .portrait, width: .reading, runningHeader: running, stylesheet: extraCSS)
        return page.render { w in
            w.titlePage(titlePage(doc))
            let book = AnchorBook()
            let anchors = doc.bodySections.enumerated().map { book.anchor($0.element.element, rank: $0.offset + 1) }
            var toc: [TOCEntry] = []
            for (i, s) in doc.bodySections.enumerated() {
                toc.append(TOCEntry(level: s.depth, number: s.element.id, title: s.element.title ?? "", anchor: anchors[i]))
            }
            if doc.transversal != nil {
                toc.append(TOCEntry(level: 1, title: transversalTitle, anchor: Anchor(prefix: "partie", key: "transversal")))
            }
            if !doc.signatories.isEmpty || doc.signaturePlace != nil {
                toc.append(TOCEntry(level: 1, title: "Signatures", anchor: Anchor(prefix: "partie", key: "signatures")))
            }
            let removals = doc.removals
            if !removals.isEmpty {
                toc.append(TOCEntry(level: 1, title: removalsTitle, anchor: Anchor(prefix: "partie", key: "supprimes")))
            }
            toc.append(TOCEntry(level: 1, title: "Référents", anchor: Anchor(prefix: "partie", key: "referents")))
            w.tableOfContents(toc)
            if doc.contract.versions.dropFirst().contains(where: { $0.number <= doc.version.number }) {
                w.legend([.changed], extra: ["Notes en marge : éléments modifiés ou ajoutés par un avenant"])
            }
            if let t = h.text(.texte) {
                w.element(.section, [.class("preambule")]) { w in
                    w.heading(level: 2, title: "Préambule")
                    paragraphs(t, &w)
                }
            }
            for (i, s) in doc.bodySections.enumerated() {
                section(s, anchor: anchors[i], book, doc, &w)
            }
            if let t = doc.transversal {
                w.element(.section, [.class(StyleClass.pageBreakBefore)]) { w in
                    w.heading(level: 2, title: transversalTitle, anchor: Anchor(prefix: "partie", key: "transversal"))
                    tables(t, book, doc, &w)
                }
            }
            signaturePage(doc, &w)
            removalsAnnex(removals, doc, &w)
            referents(doc, &w)
            w.element(.p, [.class(StyleClass.muted)], prose: "Document produit par copc à partir du texte vérifié du contrat ; il ne remplace pas l'exemplaire signé.")
        }
    }

    static let transversalTitle = "Engagements et indicateurs transversaux"
    static let removalsTitle = "Éléments supprimés par avenant"

    static let extraCSS = """
    .bloc-rendu table { font-size: .85rem; }
    .bloc-rendu td p, .bloc-rendu th p { margin: .15em 0; }
    .fenetre { display: block; color: var(--discret); font-size: .8em; }
    .pilotes { color: var(--discret); }
    .note-ligne { display: block; font-weight: normal; font-size: .8em; color: var(--discret); }
    .a-fixer { font-style: italic; }
    .bloc-rendu th[scope="row"] { white-space: nowrap; }
    .bloc-rendu th[scope="row"] .note-ligne { white-space: normal; min-width: 7em; }
    table.indicateurs td:nth-child(2), table.actions td:nth-child(2) { width: 38%; }
    .sigle { font-size: .75em; color: var(--discret); font-variant-numeric: tabular-nums; }
    .signatures .lieu { margin: 2em 0 2.5em; }
    .signatures ul { list-style: none; padding: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 2.5em 3em; }
    .signatures li { break-inside: avoid; }
    .signatures .qualite { margin: 0 0 3.5em; }
    .signatures .nom { margin: 0; font-weight: 600; }
    @media print { .bloc-rendu table { font-size: 8pt; } }
    """

    /// The anchors of a page, each written once: `objectif-1.2` for an element with an id;
    /// `rang-axe-3` (its rank among the sections) for one without, a prefix no keyword starts
    /// with; a second element with the same kind and id (COP200) gets `objectif-1.2_20_2`.
    final class AnchorBook {
        var seen: [Anchor: Int] = [:]

        func anchor(_ e: Element, rank: Int) -> Anchor {
            guard let id = e.id else { return Anchor(prefix: "rang-" + e.kind.keyword, index: rank) }
            let key = ElementKind.normalize(id)
            let a = Anchor(prefix: e.kind.keyword, key: key)
            let n = seen[a, default: 0] + 1
            seen[a] = n
            return n == 1 ? a : Anchor(prefix: e.kind.keyword, key: key + " \(n)")
        }
    }

    static func titlePage(_ doc: ContractDocument) -> TitlePage {
        let h = doc.header
        var facts: [TitleFact] = []
        if let t = h.contractType { facts.append(TitleFact("Type", t.spelling)) }
        if let o = h.referents(.organisme).first { facts.append(TitleFact("Organisme", doc.referentName(o))) }
        let tutelles = h.referents(.tutelle)
        if !tutelles.isEmpty { facts.append(TitleFact(tutelles.count > 1 ? "Tutelles" : "Tutelle", tutelles.map(doc.referentName).joined(separator: ", "))) }
        if let p = h.predecessor { facts.append(TitleFact("Succède à", p)) }
        let signatories = h.referents(.signataires)
        if !signatories.isEmpty { facts.append(TitleFact("Signataires", signatories.map(doc.referentName).joined(separator: ", "))) }
        if let p = doc.version.period {
            facts.append(TitleFact("Période", "\(p.start.year == p.end.year ? String(p.start.year) : "\(p.start.year) – \(p.end.year)") (\(ContractDocument.prose(p)))"))
        }
        if let d = h.date(.signeLe) { facts.append(TitleFact("Signé le", ContractDocument.day(d))) }
        if let d = h.date(.approuveLe) { facts.append(TitleFact("Approuvé le", ContractDocument.day(d))) }
        if let d = h.date(.enVigueurLe) { facts.append(TitleFact("En vigueur le", ContractDocument.day(d))) }
        facts.append(TitleFact("Version", versionLine(doc)))
        let applied = doc.contract.versions.dropFirst().filter { $0.number <= doc.version.number }
        if !applied.isEmpty {
            facts.append(TitleFact("Avenants appliqués", fragment: .build { w in
                w.element(.ul) { w in
                    for v in applied { w.element(.li, prose: avenantLine(v, doc)) }
                }
            }))
        }
        return TitlePage(kind: doc.kindName, title: h.title ?? h.id ?? "Contrat", subtitle: h.id,
                         facts: facts, mention: "Version consolidée produite par copc")
    }

    static func versionLine(_ doc: ContractDocument) -> String {
        let v = doc.version
        if v.number == 0 { return "0 — le contrat tel que signé" }
        var s = "\(v.number) — consolidée après l'\(doc.avenantName(v.number))"
        if let d = v.effectiveDate { s += ", en vigueur le \(ContractDocument.day(d))" }
        return s
    }

    static func avenantLine(_ v: Version, _ doc: ContractDocument) -> String {
        guard let a = v.avenant else { return "" }
        var s = "Avenant n° \(a.number ?? v.number)"
        if let t = a.header.title { s += " « \(t) »" }
        if let d = a.signed { s += ", signé le \(ContractDocument.day(d))" }
        if let d = a.effectiveDate, d != a.signed { s += ", en vigueur le \(ContractDocument.day(d))" }
        if let m = a.header.provenance.motif { s += " — motif : \(m)" }
        return s
    }

    /// A text block as paragraphs: lines joined by a space, a blank line between paragraphs.
    static func paragraphs(_ text: String, _ w: inout HTMLWriter) {
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty {
                if !current.isEmpty { w.element(.p, prose: current); current = "" }
            } else {
                if !current.isEmpty { current += " " }
                current += trimmed
            }
        }
        if !current.isEmpty { w.element(.p, prose: current) }
    }

    static func section(_ s: ContractDocument.Section, anchor: Anchor, _ book: AnchorBook, _ doc: ContractDocument, _ w: inout HTMLWriter) {
        let e = s.element
        var classes = "bloc-rendu"
        if s.depth == 1 { classes += " " + StyleClass.pageBreakBefore }
        w.element(.section, [.class(classes)]) { w in
            if let n = doc.changeNote(e) { w.marginalNote(MarginalNote(title: n.title, detail: n.motif.map { "Motif : " + $0 })) }
            w.heading(level: min(6, s.depth + 1), number: e.id, title: e.title ?? "", anchor: anchor)
            let roles = [(PropertyKey.pilote, "Pilote"), (.coPilote, "Co-pilote"), (.referent, "Référent")].filter { !e.referents($0.0).isEmpty }
            let theme = e.text(.theme)
            if !roles.isEmpty || theme != nil {
                w.element(.p, [.class("pilotes")]) { w in
                    for (k, (key, label)) in roles.enumerated() {
                        if k > 0 { w.text(" · ") }
                        w.text(label + "\u{00A0}: ")
                        referentNames(e.referents(key), doc, &w)
                    }
                    if let theme {
                        if !roles.isEmpty { w.text(" · ") }
                        w.prose("Thème : " + theme)
                    }
                }
            }
            if let t = e.text(.texte) { paragraphs(t, &w) }
            tables(s, book, doc, &w)
        }
    }

    static func tables(_ s: ContractDocument.Section, _ book: AnchorBook, _ doc: ContractDocument, _ w: inout HTMLWriter) {
        let name = s.element.id.map { " — \(s.element.kind.keyword) \($0)" } ?? ""
        if !s.actions.isEmpty {
            // The pilots' column only when one of the actions names a pilot.
            let pilots = s.actions.contains { a in
                a.properties.contains { $0.key == .pilote || $0.key == .coPilote || $0.key == .referent }
            }
            let columns = pilots ? ["N°", "Action", "Pilotes", "Échéances"] : ["N°", "Action", "Échéances"]
            w.streamedTable(caption: "Actions" + name, headerRows: [columns.map { HeaderCell($0) }], classes: "actions") { w in
                for a in s.actions { actionRow(a, pilots: pilots, book, doc, &w) }
            }
        }
        if !s.indicators.isEmpty {
            let years = doc.years
            // The source column only when one of the indicators names a source or a supplier.
            let sources = s.indicators.contains { i in i.properties.contains { $0.key == .source || $0.key == .fournisseur } }
            var header1: [HeaderCell] = [HeaderCell("N°", rowspan: 2), HeaderCell("Indicateur et méthode", rowspan: 2)]
            if sources { header1.append(HeaderCell("Source et fournisseur", rowspan: 2)) }
            header1.append(HeaderCell("Base", rowspan: 2))
            if !years.isEmpty { header1.append(HeaderCell("Cibles", colspan: years.count)) }
            let header2 = years.map { HeaderCell(String($0)) }
            w.streamedTable(caption: "Indicateurs" + name, headerRows: years.isEmpty ? [header1] : [header1, header2],
                            classes: "indicateurs") { w in
                for i in s.indicators { indicatorRow(i, sources: sources, book, doc, &w) }
            }
        }
    }

    /// The row header: id, with the change mark and note when an avenant changed the element.
    static func idCell(_ e: Element, _ book: AnchorBook, _ doc: ContractDocument, _ w: inout HTMLWriter) {
        let note = doc.changeNote(e)
        w.tableCell(isRowHeader: true, mark: note == nil ? nil : .changed, anchor: e.id == nil ? nil : book.anchor(e, rank: 0)) { w in
            w.text(e.id ?? "")
            if let n = note {
                w.element(.span, [.class("note-ligne")], prose: n.title + (n.motif.map { " : " + $0 } ?? ""))
            }
        }
    }

    static func actionRow(_ a: Element, pilots: Bool, _ book: AnchorBook, _ doc: ContractDocument, _ w: inout HTMLWriter) {
        w.tableRow { w in
            idCell(a, book, doc, &w)
            w.tableCell { w in
                w.prose(a.title ?? "")
                if a.flagship { w.element(.p, [.class(StyleClass.muted)], prose: "Action phare") }
                if let t = a.text(.theme) { w.element(.p, [.class(StyleClass.muted)], prose: "Thème : " + t) }
                if let t = a.text(.texte) { w.element(.p, [.class(StyleClass.muted)], prose: t) }
            }
            if pilots {
                w.tableCell { w in
                    referentNames(a.referents(.pilote), doc, &w)
                    let co = a.referents(.coPilote)
                    if !co.isEmpty { w.element(.p, [.class(StyleClass.muted)]) { w in w.text("Co-pilotes\u{00A0}: "); referentNames(co, doc, &w) } }
                    let refs = a.referents(.referent)
                    if !refs.isEmpty { w.element(.p, [.class(StyleClass.muted)]) { w in w.text("Référents\u{00A0}: "); referentNames(refs, doc, &w) } }
                }
            }
            let changed = a.properties.contains { ($0.key == .delai || $0.key == .etape) && $0.provenance.avenant > 0 }
            w.tableCell(mark: changed ? .changed : nil) { w in
                for p in a.properties where p.key == .delai || p.key == .etape {
                    w.element(.p) { w in
                        // The label is plain words (a step's title is prose); the colon takes its
                        // no-break space here, and the value as written is typeset alone.
                        if p.key == .etape {
                            w.text("étape ")
                            w.prose("« \(p.stepTitle ?? "") »")
                        } else {
                            w.prose(ContractDocument.deadlineWords(p))
                        }
                        w.text("\u{00A0}: ")
                        w.text(doc.typesetValue(p))
                        if let win = doc.window(p) {
                            w.element(.span, [.class("fenetre")], text: doc.windowProse(win))
                        } else if case .deadline(let d) = p.value, d.form == .toBeSpecified {
                            w.element(.span, [.class("fenetre")], prose: "échéance à préciser")
                        }
                    }
                }
            }
        }
    }

    static func indicatorRow(_ i: Element, sources: Bool, _ book: AnchorBook, _ doc: ContractDocument, _ w: inout HTMLWriter) {
        w.tableRow { w in
            idCell(i, book, doc, &w)
            w.tableCell { w in
                w.prose(i.title ?? "")
                if let m = i.text(.methode) { w.element(.p, [.class(StyleClass.muted)], prose: "Méthode : " + m) }
                var facts: [String] = []
                if let u = i.unit { facts.append("unité : " + u.symbol) }
                if let s = i.direction { facts.append("sens : " + s.spelling) }
                if let n = i.nature { facts.append("nature : " + n.spelling) }
                if let t = i.text(.theme) { facts.append("thème : " + t) }
                if !facts.isEmpty { w.element(.p, [.class(StyleClass.muted)], prose: facts.joined(separator: " · ")) }
            }
            if sources {
                w.tableCell { w in
                    if let s = i.text(.source) { w.element(.p, prose: "Source : " + s) }
                    let f = i.referents(.fournisseur)
                    if !f.isEmpty { w.element(.p) { w in w.text("Fournisseur\u{00A0}: "); referentNames(f, doc, &w) } }
                }
            }
            let basesChanged = i.properties.contains { $0.key == .base && $0.provenance.avenant > 0 }
            w.tableCell(mark: basesChanged ? .changed : nil) { w in
                for p in i.properties where p.key == .base {
                    w.element(.p, text: doc.typesetValue(p) + (p.year.map { " (\($0))" } ?? ""))
                }
            }
            if i.declinedTargets {
                if !doc.years.isEmpty { w.tableCell(colspan: doc.years.count) { $0.prose("cibles déclinées") } }
                return
            }
            let byYear = doc.targetsByYear(i)
            for y in doc.years {
                let ts = byYear[y] ?? []
                w.tableCell(mark: ts.contains(where: { $0.provenance.avenant > 0 }) ? .changed : nil) { w in
                    for p in ts {
                        w.element(p.target == .pending ? .span : .p, p.target == .pending ? [.class("a-fixer")] : []) { w in
                            if let l = p.label { w.prose(l); w.text("\u{00A0}: ") }
                            w.text(doc.targetShown(p, of: i))
                        }
                    }
                }
            }
        }
    }

    /// Referents by name, each id in small type after it: « Direction générale de l'offre de
    /// soins <small>DGOS</small>, … ».
    static func referentNames(_ refs: [ReferentRef], _ doc: ContractDocument, _ w: inout HTMLWriter) {
        for (k, r) in refs.enumerated() {
            if k > 0 { w.text(", ") }
            let l = doc.referentLabel(r)
            w.prose(l.name)
            if let id = l.id {
                w.text(" ")
                w.element(.small, [.class("sigle")], text: id)
            }
        }
    }

    /// « Fait à PLACE, le DATE », blanks where the contract gives neither (as on a document
    /// signed by hand), then each signatory's quality, a space to sign, and the name (a blank
    /// line when the annuaire gives no `personne`).
    static func signaturePage(_ doc: ContractDocument, _ w: inout HTMLWriter) {
        let signatories = doc.signatories
        guard !signatories.isEmpty || doc.signaturePlace != nil else { return }
        w.element(.section, [.class("signatures " + StyleClass.pageBreakBefore)]) { w in
            w.heading(level: 2, title: "Signatures", anchor: Anchor(prefix: "partie", key: "signatures"))
            w.element(.p, [.class("lieu")], prose: signatureLine(doc))
            w.element(.ul) { w in
                for s in signatories {
                    w.element(.li) { w in
                        w.element(.p, [.class("qualite")]) { w in
                            w.prose(s.quality ?? blank)
                            if let id = s.id { w.text(" "); w.element(.small, [.class("sigle")], text: id) }
                        }
                        w.element(.p, [.class("nom")], prose: s.name ?? blank)
                    }
                }
            }
        }
    }

    /// What a blank to fill by hand reads as.
    static let blank = "………………"

    /// « Fait à Paris, le 26 novembre 2024 », « Fait à Paris, le ……………… ».
    static func signatureLine(_ doc: ContractDocument) -> String {
        "Fait à " + (doc.signaturePlace ?? blank) + ", le " + (doc.header.date(.signeLe).map(ContractDocument.day) ?? blank)
    }

    /// The annex listing what each avenant removed, with its motif: an element deleted by an
    /// avenant does not vanish from the signed document without trace.
    static func removalsAnnex(_ removals: [ContractDocument.Removal], _ doc: ContractDocument, _ w: inout HTMLWriter) {
        guard !removals.isEmpty else { return }
        w.element(.section, [.class("bloc-rendu " + StyleClass.pageBreakBefore)]) { w in
            w.heading(level: 2, title: removalsTitle, anchor: Anchor(prefix: "partie", key: "supprimes"))
            let rows: [[TableCell]] = removals.map { r in
                [.rowHeader(doc.avenantName(r.version)), .text(r.kind.keyword + (r.id.map { " " + $0 } ?? "")),
                 .prose((r.title ?? "") + (r.present ? " (rétabli ensuite par un avenant : voir le corps du document)" : "")),
                 .prose(r.motif ?? "")]
            }
            w.table(DataTable(caption: removalsTitle, columns: ["Avenant", "Élément", "Intitulé", "Motif"], rows: rows))
        }
    }

    static func referents(_ doc: ContractDocument, _ w: inout HTMLWriter) {
        w.element(.section, [.class("bloc-rendu " + StyleClass.pageBreakBefore)]) { w in
            w.heading(level: 2, title: "Référents", anchor: Anchor(prefix: "partie", key: "referents"))
            var rows: [[TableCell]] = []
            for r in doc.version.sortedReferents {
                var who: [String] = []
                if let p = r.text(.personne) { who.append(p) }
                if let f = r.text(.fonction) { who.append(f) }
                rows.append([.rowHeader(r.id ?? ""), .prose(r.title ?? ""), .prose(who.joined(separator: ", ")),
                             .text(r.referents(.rattachement).map(\.spelling).joined(separator: ", "))])
            }
            w.table(DataTable(caption: "Référents", columns: ["Sigle", "Intitulé", "Personne, fonction", "Rattachement"], rows: rows))
            let plans = doc.version.sortedPlans
            if !plans.isEmpty {
                var rows: [[TableCell]] = []
                for p in plans {
                    rows.append([.rowHeader(p.id ?? ""), .prose(p.title ?? ""), .prose(p.period.map(ContractDocument.prose) ?? "")])
                }
                w.table(DataTable(caption: "Plans", columns: ["Sigle", "Intitulé", "Période"], rows: rows))
            }
        }
    }
}
