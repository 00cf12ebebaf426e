import CopcFrench
import CopcLanguage
import CopcDiagnostics
import CopcModel

extension BilanReport {
    public static let schema = "copc.bilan/1"

    /// The report as JSON, schema `copc.bilan/1` (`grammar/bilan.schema.json`): deterministic,
    /// keys in a fixed order, through the one `JSONWriter`.
    public func json() -> String {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.field("schema", BilanReport.schema)
        w.objectStart("contrat")
        w.field("id", contractId)
        w.fieldOrNull("titre", contractTitle)
        w.fieldOrNull("periode", period.map { "\($0.start.year) .. \($0.end.year)" })
        w.endObject()
        w.field("annee", year)
        w.field("version", version)
        if bilanTitle != nil || bilanPath != nil {
            w.objectStart("bilan")
            w.fieldOrNull("titre", bilanTitle)
            w.fieldOrNull("etabli_le", established?.description)
            w.fieldOrNull("fichier", bilanPath)
            w.endObject()
        } else {
            w.nullField("bilan")
        }
        w.arrayStart("bilans_lus")
        for y in bilanYears { w.int(y) }
        w.endArray()
        w.arrayStart("indicateurs_sans_realise")
        for i in withoutRealized { w.string(i) }
        w.endArray()
        w.field("nombre_actions", actionCount)
        w.arrayStart("etats")
        for (s, n) in stateCounts {
            w.beginObject()
            w.field("etat", Wording.state(s))
            w.field("nombre", n)
            w.endObject()
        }
        w.endArray()
        w.arrayStart("axes")
        for s in sections {
            w.beginObject()
            w.fieldOrNull("id", s.axe?.id)
            w.fieldOrNull("titre", s.axe?.title)
            w.arrayStart("objectifs")
            for o in s.objectives {
                w.beginObject()
                w.fieldOrNull("id", o.heading?.id)
                w.fieldOrNull("titre", o.heading?.title)
                w.field("etat", Wording.state(o.state))
                w.arrayStart("actions")
                for a in o.actions { writeAction(&w, a) }
                w.endArray()
                w.arrayStart("indicateurs")
                for r in o.indicators { writeIndicator(&w, r) }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.out + "\n"
    }

    private func writeAction(_ w: inout JSONWriter, _ a: ActionRow) {
        w.beginObject()
        w.field("id", a.id)
        w.fieldOrNull("titre", a.title)
        w.fieldOrNull("delai", a.deadlines.isEmpty ? nil : Wording.deadlines(a))
        w.arrayStart("delais")
        for d in a.deadlines {
            w.beginObject()
            w.fieldOrNull("libelle", d.writtenLabel)
            w.fieldOrNull("libelle_en_mots", d.label)
            w.field("texte", d.text)
            if d.hasState { w.field("etat", Wording.state(d.state)) } else { w.nullField("etat") }
            w.endObject()
        }
        w.endArray()
        w.field("echu", a.due)
        w.field("renseignee", a.reported)
        w.fieldOrNull("etat", a.state?.spelling)
        w.fieldOrNull("avancement", a.progress)
        w.fieldOrNull("acheve_le", a.completed?.description)
        w.fieldOrNull("nouveau_delai", a.newDeadline)
        w.arrayStart("livrables")
        for d in a.deliverables { w.string(d) }
        w.endArray()
        w.fieldOrNull("risque", a.risk?.spelling)
        w.arrayStart("difficultes")
        for d in a.difficulties { w.string(d) }
        w.endArray()
        w.arrayStart("mesures_correctives")
        for d in a.correctiveMeasures { w.string(d) }
        w.endArray()
        w.fieldOrNull("commentaire", a.comment)
        w.endObject()
    }

    private func writeIndicator(_ w: inout JSONWriter, _ r: IndicatorRow) {
        w.beginObject()
        w.field("id", r.id)
        w.fieldOrNull("libelle", r.label)
        w.fieldOrNull("titre", r.title)
        w.fieldOrNull("unite", r.unit?.symbol)
        w.fieldOrNull("sens", r.direction?.spelling)
        w.fieldOrNull("analyse", r.analysis)
        w.fieldOrNull("motif", r.motif)
        w.arrayStart("trajectoire")
        for p in r.trajectory {
            w.beginObject()
            w.field("annee", p.year)
            if let t = p.target {
                w.objectStart("cible")
                w.fieldOrNull("texte", p.targetText)
                w.fieldOrNull("affichage", p.targetShown)
                w.field("genre", t.kind.spelling)
                w.field("statut", t.status.spelling)
                // The value compared with the réalisé, in the indicator's unit.
                var value: Double?, op: String?, low: Double?, high: Double?
                switch p.goal?.value {
                case .quantity(let q)?: value = q.value
                case .bound(let o, let q)?: value = q.value; op = o.symbol
                case .range(let a, let b)?: low = a.value; high = b.value
                default: break
                }
                w.field("calculee", p.goal?.isComputed ?? false)
                if let value { w.field("valeur", value) } else { w.nullField("valeur") }
                w.fieldOrNull("operateur", op)
                if let low { w.field("min", low) } else { w.nullField("min") }
                if let high { w.field("max", high) } else { w.nullField("max") }
                w.fieldOrNull("unite", value != nil || low != nil ? (p.goal?.unit ?? r.unit)?.symbol : nil)
                w.endObject()
            } else {
                w.nullField("cible")
            }
            w.field("bilan", p.hasBilan)
            switch p.realized {
            case .unavailable?:
                w.objectStart("realise")
                w.field("disponible", false)
                w.nullField("texte")
                w.nullField("affichage")
                w.nullField("valeur")
                w.nullField("unite")
                w.endObject()
            case .value(let v)?:
                w.objectStart("realise")
                w.field("disponible", true)
                w.fieldOrNull("texte", p.realizedText)
                w.fieldOrNull("affichage", p.realizedShown)
                if case .quantity(let q) = v {
                    // In the indicator's unit when the written one converts to it.
                    if let n = p.realizedValue {
                        w.field("valeur", n)
                        w.fieldOrNull("unite", (r.unit ?? q.unit)?.symbol)
                    } else {
                        w.field("valeur", q.value)
                        w.fieldOrNull("unite", (q.unit ?? r.unit)?.symbol)
                    }
                } else {
                    w.nullField("valeur")
                    w.nullField("unite")
                }
                w.endObject()
            case nil:
                w.nullField("realise")
            }
            w.fieldOrNull("atteinte", Wording.attainment(p.attainment))
            if case .missed(let g)? = p.attainment, !g.french.isEmpty {
                w.objectStart("ecart")
                w.field("valeur", g.difference)
                w.fieldOrNull("unite", g.unit?.symbol)
                w.field("en_points", g.inPoints)
                if let rel = g.relative { w.field("relatif", rel) } else { w.nullField("relatif") }
                w.field("texte", g.french)
                w.endObject()
            } else {
                w.nullField("ecart")
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
