import CopcFrench
import CopcLanguage
import CopcModel
import CopcHTML

/// `copc rendre --format markdown`: the same content as the HTML document (`HTMLDocument`),
/// as GitHub-flavoured Markdown — headings, the title page as a list, notes on changed
/// elements as quotes, annex tables as pipe tables (a `|` in a cell escaped, line breaks as
/// `<br>`). Text is typeset the French way like the HTML (`French.typeset`).
public enum MarkdownDocument {
    public static func render(_ doc: ContractDocument) -> String {
        var out = ""
        let h = doc.header
        let page = HTMLDocument.titlePage(doc)
        if let k = page.kind { out += "*\(inline(k))*\n\n" }
        out += "# \(inline(page.title))\n\n"
        if let id = h.id { out += Markdown.code(id) + "\n\n" }
        if let t = h.contractType { out += "- **Type** : \(t.spelling)\n" }
        if let o = h.referents(.organisme).first { out += "- **Organisme** : \(inline(doc.referentName(o)))\n" }
        let tutelles = h.referents(.tutelle)
        if !tutelles.isEmpty { out += "- **\(tutelles.count > 1 ? "Tutelles" : "Tutelle")** : \(inline(tutelles.map(doc.referentName).joined(separator: ", ")))\n" }
        if let p = h.predecessor { out += "- **Succède à** : \(inline(p))\n" }
        let signers = h.referents(.signataires)
        if !signers.isEmpty { out += "- **Signataires** : \(inline(signers.map(doc.referentName).joined(separator: ", ")))\n" }
        if let p = doc.version.period { out += "- **Période** : \(inline(ContractDocument.prose(p)))\n" }
        if let d = h.date(.signeLe) { out += "- **Signé le** : \(inline(ContractDocument.day(d)))\n" }
        if let d = h.date(.approuveLe) { out += "- **Approuvé le** : \(inline(ContractDocument.day(d)))\n" }
        if let d = h.date(.enVigueurLe) { out += "- **En vigueur le** : \(inline(ContractDocument.day(d)))\n" }
        out += "- **Version** : \(inline(HTMLDocument.versionLine(doc)))\n"
        for v in doc.contract.versions.dropFirst() where v.number <= doc.version.number {
            out += "- **Avenant appliqué** : \(inline(HTMLDocument.avenantLine(v, doc)))\n"
        }
        out += "\n## Sommaire\n\n"
        for s in doc.bodySections {
            let indent = String(repeating: "  ", count: max(0, s.depth - 1))
            out += "\(indent)- \(s.element.id.map { inline($0) + " " } ?? "")\(inline(s.element.title ?? ""))\n"
        }
        if doc.transversal != nil { out += "- \(HTMLDocument.transversalTitle)\n" }
        let signatories = doc.signatories
        let signs = !signatories.isEmpty || doc.signaturePlace != nil
        if signs { out += "- Signatures\n" }
        let removals = doc.removals
        if !removals.isEmpty { out += "- \(HTMLDocument.removalsTitle)\n" }
        out += "- Référents\n\n"
        if let t = h.text(.texte) {
            out += "## Préambule\n\n" + paragraphs(t)
        }
        for s in doc.bodySections {
            let e = s.element
            let level = String(repeating: "#", count: min(6, s.depth + 1))
            out += "\(level) \(e.id.map { inline($0) + " " } ?? "")\(inline(e.title ?? ""))\n\n"
            if let n = doc.changeNote(e) { out += "> \(inline(n.title + (n.motif.map { " — motif : " + $0 } ?? "")))\n\n" }
            var facts: [String] = []
            for (key, label) in [(PropertyKey.pilote, "Pilote"), (.coPilote, "Co-pilote"), (.referent, "Référent")] {
                let refs = e.referents(key)
                if !refs.isEmpty { facts.append("**\(label)** : " + inline(names(refs, doc))) }
            }
            if let t = e.text(.theme) { facts.append("**Thème** : " + inline(t)) }
            if !facts.isEmpty { out += facts.joined(separator: " · ") + "\n\n" }
            if let t = e.text(.texte) { out += paragraphs(t) }
            out += tables(s, doc)
        }
        if let t = doc.transversal {
            out += "## \(HTMLDocument.transversalTitle)\n\n" + tables(t, doc)
        }
        if signs {
            out += "## Signatures\n\n" + inline(HTMLDocument.signatureLine(doc)) + "\n\n"
            for s in signatories {
                out += "- " + inline(s.quality ?? HTMLDocument.blank) + (s.id.map { " (" + inline($0) + ")" } ?? "")
                    + " : **" + inline(s.name ?? HTMLDocument.blank) + "**\n"
            }
            out += "\n"
        }
        if !removals.isEmpty {
            out += "## \(HTMLDocument.removalsTitle)\n\n"
            out += table(["Avenant", "Élément", "Intitulé", "Motif"], removals.map { r in
                [doc.avenantName(r.version), r.kind.keyword + (r.id.map { " " + $0 } ?? ""),
                 (r.title ?? "") + (r.present ? " (rétabli ensuite par un avenant : voir le corps du document)" : ""), r.motif ?? ""]
            })
        }
        out += "## Référents\n\n"
        var rows: [[String]] = []
        for r in doc.version.sortedReferents {
            let who = [r.text(.personne), r.text(.fonction)].compactMap { $0 }.joined(separator: ", ")
            rows.append([r.id ?? "", r.title ?? "", who, r.referents(.rattachement).map(\.spelling).joined(separator: ", ")])
        }
        out += table(["Sigle", "Intitulé", "Personne, fonction", "Rattachement"], rows)
        let plans = doc.version.sortedPlans
        if !plans.isEmpty {
            out += "### Plans\n\n"
            out += table(["Sigle", "Intitulé", "Période"], plans.map { [$0.id ?? "", $0.title ?? "", $0.period.map(ContractDocument.prose) ?? ""] })
        }
        out += "*Document produit par copc à partir du texte vérifié du contrat ; il ne remplace pas l'exemplaire signé.*\n"
        return out
    }

    static func tables(_ s: ContractDocument.Section, _ doc: ContractDocument) -> String {
        var out = ""
        let name = s.element.id.map { " — \(s.element.kind.keyword) \($0)" } ?? ""
        if !s.actions.isEmpty {
            out += "**Actions\(inline(name))**\n\n"
            var rows: [[String]] = []
            for a in s.actions {
                var title = a.title ?? ""
                if a.flagship { title += "\n(action phare)" }
                var pilots = names(a.referents(.pilote), doc)
                let co = a.referents(.coPilote)
                if !co.isEmpty { pilots += "\nco-pilotes : " + names(co, doc) }
                let refs = a.referents(.referent)
                if !refs.isEmpty { pilots += "\nréférents : " + names(refs, doc) }
                var lines: [String] = []
                for p in doc.deadlines(a) {
                    var l = ContractDocument.deadlineWords(p) + " : " + doc.asWritten(p)
                    if let w = doc.window(p) { l += " (" + ContractDocument.prose(w) + ")" }
                    if p.provenance.avenant > 0 { l += " ◆" }
                    lines.append(l)
                }
                rows.append([idText(a, doc), title, pilots, lines.joined(separator: "\n")])
            }
            // The pilots' column only when one of the actions names a pilot (as in the HTML).
            if rows.allSatisfy({ $0[2].isEmpty }) {
                out += table(["N°", "Action", "Échéances"], rows.map { [$0[0], $0[1], $0[3]] })
            } else {
                out += table(["N°", "Action", "Pilotes", "Échéances"], rows)
            }
        }
        if !s.indicators.isEmpty {
            out += "**Indicateurs\(inline(name))**\n\n"
            var rows: [[String]] = []
            for i in s.indicators {
                var title = i.title ?? ""
                if let m = i.text(.methode) { title += "\nMéthode : " + m }
                let facts = [i.unit.map { "unité : " + $0.symbol }, i.direction.map { "sens : " + $0.spelling },
                             i.nature.map { "nature : " + $0.spelling }].compactMap { $0 }
                if !facts.isEmpty { title += "\n" + facts.joined(separator: " · ") }
                var source: [String] = []
                if let s = i.text(.source) { source.append("Source : " + s) }
                let f = i.referents(.fournisseur)
                if !f.isEmpty { source.append("Fournisseur : " + names(f, doc)) }
                var row = [idText(i, doc), title, source.joined(separator: "\n"), doc.bases(i).map(\.text).joined(separator: "\n")]
                for (k, y) in doc.years.enumerated() {
                    if i.declinedTargets {
                        row.append(k == 0 ? "cibles déclinées" : "")
                        continue
                    }
                    let ts = doc.targets(i, year: y)
                    row.append(ts.map { p in
                        (p.label.map { $0 + " : " } ?? "") + doc.targetShown(p, of: i) + (p.provenance.avenant > 0 ? " ◆" : "")
                    }.joined(separator: "\n"))
                }
                rows.append(row)
            }
            out += table(["N°", "Indicateur et méthode", "Source et fournisseur", "Base"] + doc.years.map(String.init), rows)
        }
        return out
    }

    /// Referents by name, each id after it: « Direction générale de l'offre de soins (DGOS) ».
    static func names(_ refs: [ReferentRef], _ doc: ContractDocument) -> String {
        refs.map { r in
            let l = doc.referentLabel(r)
            return l.name + (l.id.map { " (" + $0 + ")" } ?? "")
        }.joined(separator: ", ")
    }

    static func idText(_ e: Element, _ doc: ContractDocument) -> String {
        var s = e.id ?? ""
        if let n = doc.changeNote(e) { s += " ◆\n" + n.title + (n.motif.map { " : " + $0 } ?? "") }
        return s
    }

    static func paragraphs(_ text: String) -> String {
        var out = ""
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty {
                if !current.isEmpty { out += inline(current.joined(separator: " ")) + "\n\n"; current = [] }
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { out += inline(current.joined(separator: " ")) + "\n\n" }
        return out
    }

    /// A GitHub-flavoured pipe table.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: header.count) + "\n"
        for r in rows {
            var r = r
            while r.count < header.count { r.append("") }
            out += "| " + r.map(cell).joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }

    /// A cell: typeset, escaped (`Markdown.cell`: markup, links, `|`, controls), line breaks
    /// as `<br>`.
    static func cell(_ s: String) -> String { Markdown.cell(French.typeset(s)) }

    /// Inline text: French typography, then the one Markdown escaping (`Markdown.text`), line
    /// breaks as spaces.
    static func inline(_ s: String) -> String { Markdown.text(French.typeset(s)) }
}
