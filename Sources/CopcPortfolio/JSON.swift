import CopcFrench
import CopcLanguage
import CopcDiagnostics

extension Portfolio {
    public static let schema = "copc.portefeuille/1"

    /// The portfolio as JSON (`copc.portefeuille/1`, `grammar/portefeuille.schema.json`),
    /// through the one `JSONWriter`: keys in a fixed order, contracts and bodies in the order of
    /// the other formats, ending with a newline.
    public func json() -> String {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.field("schema", Portfolio.schema)
        w.field("au", day.description)
        w.field("par", grouping.rawValue)
        w.arrayStart("contrats")
        for r in contracts { Portfolio.write(r, &w) }
        w.endArray()
        w.arrayStart("organismes_sans_contrat")
        for b in bodies { Portfolio.write(b, &w) }
        w.endArray()
        w.arrayStart("groupes")
        for g in groups {
            w.beginObject()
            w.field("cle", g.key)
            w.field("libelle", g.label)
            w.arrayStart("contrats")
            for k in g.contracts { w.string(contracts[k].id) }
            w.endArray()
            w.arrayStart("organismes")
            for k in g.bodies { w.string(bodies[k].id) }
            w.endArray()
            w.key("totaux")
            Portfolio.write(g.totals, &w)
            w.endObject()
        }
        w.endArray()
        w.key("totaux")
        Portfolio.write(totals, &w)
        w.endObject()
        return w.out + "\n"
    }

    /// One contract's row as the portfolio's JSON writes it.
    public static func json(_ r: ContractRow) -> String {
        var w = JSONWriter()
        write(r, &w)
        return w.out
    }

    static func write(_ r: ContractRow, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("id", r.id)
        w.fieldOrNull("titre", r.title)
        w.fieldOrNull("organisme", r.body)
        w.fieldOrNull("organisme_nom", r.bodyName)
        w.arrayStart("tutelles")
        for t in r.tutelles { w.string(t) }
        w.endArray()
        w.fieldOrNull("type", r.type?.spelling)
        if let p = r.period {
            w.objectStart("periode")
            w.field("debut", p.start.description)
            w.field("fin", p.end.description)
            w.endObject()
        } else {
            w.nullField("periode")
        }
        w.field("fichier", r.file)
        w.objectStart("etat")
        w.field("genre", r.state.kind.key)
        w.field("libelle", r.state.spelling)
        if case .expiring(let n) = r.state { w.field("mois", n) } else { w.nullField("mois") }
        w.endObject()
        w.fieldOrNull("precedent", r.predecessor)
        w.fieldOrNull("successeur", r.successor)
        w.field("version_en_vigueur", r.version)
        w.field("avenants", r.avenants)
        w.objectStart("diagnostics")
        write(r.diagnostics, &w)
        w.endObject()
        w.arrayStart("cibles_a_fixer")
        for t in r.pendingTargets {
            w.beginObject()
            w.field("indicateur", t.indicator)
            w.field("annee", t.year)
            w.fieldOrNull("libelle", t.label)
            w.field("annee_close", t.overdue)
            w.endObject()
        }
        w.endArray()
        w.arrayStart("actions_en_retard")
        for a in r.lateActions {
            w.beginObject()
            w.field("id", a.id)
            w.fieldOrNull("titre", a.title)
            w.field("delai_echu_le", a.due.description)
            w.fieldOrNull("etat", a.state?.spelling)
            if let y = a.reportedIn { w.field("bilan", y) } else { w.nullField("bilan") }
            w.endObject()
        }
        w.endArray()
        w.objectStart("bilans")
        w.field("calendrier", r.bilans.calendar)
        years("attendus", r.bilans.expected, &w)
        years("presents", r.bilans.present, &w)
        years("manquants", r.bilans.missing, &w)
        w.endObject()
        if let l = r.latestBilan {
            w.objectStart("dernier_bilan")
            w.field("annee", l.year)
            w.field("indicateurs_juges", l.indicatorsJudged)
            w.field("indicateurs_a_la_cible", l.indicatorsOnTarget)
            w.field("actions_comptees", l.actionsCounted)
            w.field("actions_finalisees", l.actionsDone)
            w.endObject()
        } else {
            w.nullField("dernier_bilan")
        }
        w.endObject()
    }

    static func years(_ key: String, _ ys: [Int], _ w: inout JSONWriter) {
        w.arrayStart(key)
        for y in ys { w.int(y) }
        w.endArray()
    }

    static func write(_ b: BodyRow, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("id", b.id)
        w.fieldOrNull("nom", b.name)
        w.fieldOrNull("categorie", b.category)
        w.arrayStart("tutelles")
        for t in b.tutelles { w.string(t) }
        w.endArray()
        w.field("fichier", b.file)
        w.field("ligne", b.line)
        w.fieldOrNull("dernier_contrat", b.lastContract)
        w.fieldOrNull("debut_du_dernier_contrat", b.lastPeriod?.start.description)
        w.fieldOrNull("fin_du_dernier_contrat", b.lastPeriod?.end.description)
        w.field("dernier_contrat_a_venir", b.lastUpcoming)
        w.field("code", Code.cop212.rawValue)
        w.endObject()
    }

    static func write(_ d: DiagnosticCounts, _ w: inout JSONWriter) {
        w.field("erreurs", d.errors)
        w.field("avertissements", d.warnings)
        w.field("notes", d.notes)
    }

    static func write(_ t: Totals, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("contrats", t.contracts)
        w.objectStart("par_etat")
        for k in ContractState.Kind.allCases { w.field(k.key, t.count(k)) }
        w.endObject()
        w.field("expirant_sans_successeur", t.expiringWithoutSuccessor)
        w.field("organismes_sans_contrat", t.bodiesWithoutContract)
        w.objectStart("diagnostics")
        write(t.diagnostics, &w)
        w.endObject()
        w.field("cibles_a_fixer", t.pendingTargets)
        w.field("cibles_annee_close", t.overdueTargets)
        w.field("actions_en_retard", t.lateActions)
        w.field("bilans_attendus", t.bilansExpected)
        w.field("bilans_presents", t.bilansPresent)
        w.field("bilans_manquants", t.bilansMissing)
        w.endObject()
    }
}
