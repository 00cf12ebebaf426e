import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcSema
import CopcLanguage

/// The intermediate model (design §7): one consolidated version of a contract as JSON,
/// schema `copc.ir/1` (`grammar/ir.schema.json`).
///
/// Deterministic: keys are written in a fixed order, elements in document order, referents
/// and plans sorted by id, numbers without exponent; the same input gives the same bytes.
public enum IR {
    public static let schema = "copc.ir/1"

    /// The IR of `version` of `unit`, pretty-printed, ending with a newline.
    public static func emit(_ unit: ContractUnit, version: ContractVersion) -> String {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.field("schema", schema)
        w.field("version", version.number)
        writeContract(&w, version)
        w.arrayStart("avenants")
        for v in unit.versions.dropFirst() where v.number <= version.number {
            guard let av = v.avenant, let root = av.root else { continue }
            w.beginObject()
            w.field("numero", av.avenantNumber ?? v.number)
            w.fieldOrNull("titre", root.title)
            w.fieldOrNull("signe_le", root.date(.signeLe)?.description)
            w.fieldOrNull("en_vigueur_le", v.effectiveDate?.description)
            w.fieldOrNull("motif", root.motif)
            w.field("fichier", av.source.path)
            w.endObject()
        }
        w.endArray()
        w.arrayStart("referents")
        for e in version.referents.values.sorted(by: { $0.id! < $1.id! }) { writeDeclaration(&w, e, version: version) }
        w.endArray()
        w.arrayStart("plans")
        for e in version.plans.values.sorted(by: { $0.id! < $1.id! }) { writeDeclaration(&w, e, version: version) }
        w.endArray()
        w.arrayStart("elements")
        for c in version.root.children { writeElement(&w, c, version: version) }
        w.endArray()
        w.endObject()
        return w.out + "\n"
    }

    static func writeContract(_ w: inout JSONWriter, _ v: ContractVersion) {
        let r = v.root
        w.objectStart("contrat")
        w.fieldOrNull("id", r.id)
        w.fieldOrNull("titre", r.title)
        w.fieldOrNull("type", r.contractType?.spelling)
        w.fieldOrNull("organisme", referents(r, .organisme).first)
        stringArray(&w, "signataires", referents(r, .signataires))
        window(&w, "periode", v.period)
        w.fieldOrNull("signe_le", r.date(.signeLe)?.description)
        w.fieldOrNull("approuve_le", r.date(.approuveLe)?.description)
        w.fieldOrNull("en_vigueur_le", r.date(.enVigueurLe)?.description)
        w.field("numerotation", (r.numbering ?? .hierarchical).spelling)
        w.fieldOrNull("texte", text(r, .texte))
        w.field("modifie_par", r.changedBy)
        w.endObject()
    }

    static func writeDeclaration(_ w: inout JSONWriter, _ e: Element, version: ContractVersion) {
        w.beginObject()
        w.field("id", e.id ?? "")
        w.fieldOrNull("titre", e.title)
        if e.kind == .referent {
            w.fieldOrNull("rattachement", referents(e, .rattachement).first)
            w.fieldOrNull("personne", text(e, .personne))
            w.fieldOrNull("fonction", text(e, .fonction))
        } else {
            window(&w, "periode", e.period)
            stringArray(&w, "pilotes", referents(e, .pilote))
        }
        w.fieldOrNull("texte", text(e, .texte))
        w.field("fichier", e.span.file.path)
        w.field("modifie_par", e.changedBy)
        w.endObject()
    }

    static func writeElement(_ w: inout JSONWriter, _ e: Element, version: ContractVersion) {
        w.beginObject()
        w.field("genre", e.kind.keyword)
        w.fieldOrNull("id", e.id)
        w.fieldOrNull("titre", e.title)
        w.field("modifie_par", e.changedBy)
        w.fieldOrNull("motif", e.motif)
        stringArray(&w, "pilotes", referents(e, .pilote))
        stringArray(&w, "co_pilotes", referents(e, .coPilote))
        stringArray(&w, "referents", referents(e, .referent))
        w.fieldOrNull("theme", text(e, .theme))
        w.fieldOrNull("texte", text(e, .texte))
        if e.kind == .action {
            if case .flag(let b)? = e.first(.phare)?.value { w.field("phare", b) } else { w.field("phare", false) }
            w.arrayStart("delais")
            for p in e.props where p.key == .delai { writeDeadline(&w, p, version: version, step: false) }
            w.endArray()
            w.arrayStart("etapes")
            for p in e.props where p.key == .etape { writeDeadline(&w, p, version: version, step: true) }
            w.endArray()
        }
        if e.kind == .indicateur {
            w.fieldOrNull("methode", text(e, .methode))
            w.fieldOrNull("unite", e.unit?.symbol)
            w.fieldOrNull("sens", e.direction?.spelling)
            w.fieldOrNull("nature", e.nature?.spelling)
            stringArray(&w, "fournisseurs", referents(e, .fournisseur))
            w.fieldOrNull("source", text(e, .source))
            w.field("cibles_declinees", e.declinedTargets)
            w.arrayStart("bases")
            for p in e.props where p.key == .base {
                w.beginObject()
                w.field("annee", p.years?.lowerBound ?? 0)
                if case .base(let q?) = p.value {
                    w.field("connue", true)
                    w.field("nombre", q.value)
                    w.fieldOrNull("unite", q.unit?.symbol)
                } else {
                    w.field("connue", false)
                    w.nullField("nombre")
                    w.nullField("unite")
                }
                w.field("texte_source", p.rawValue)
                w.field("modifie_par", p.changedBy)
                w.endObject()
            }
            w.endArray()
            w.arrayStart("cibles")
            let targets = e.props.filter { $0.key == .cible }.sorted {
                ($0.years?.lowerBound ?? 0, $0.label ?? "") < ($1.years?.lowerBound ?? 0, $1.label ?? "")
            }
            for p in targets { writeTarget(&w, p) }
            w.endArray()
        }
        w.arrayStart("enfants")
        for c in e.children { writeElement(&w, c, version: version) }
        w.endArray()
        w.endObject()
    }

    static func writeDeadline(_ w: inout JSONWriter, _ p: Prop, version: ContractVersion, step: Bool) {
        guard case .deadline(let d) = p.value else { return }
        w.beginObject()
        if step { w.fieldOrNull("titre", p.stepTitle) } else { w.fieldOrNull("libelle", p.label) }
        w.field("texte_source", d.text)
        let form: String
        var plan: String?
        switch d.form {
        case .window: form = "fenêtre"
        case .wholePeriod: form = "durée du contrat"
        case .from: form = "à partir de"
        case .until: form = "jusqu'à"
        case .plan(let name): form = "selon plan"; plan = name
        case .toBeSpecified: form = "à préciser"
        }
        w.field("forme", form)
        w.fieldOrNull("plan", plan)
        window(&w, "fenetre", d.window(period: version.period, planPeriod: { version.plans[$0]?.period }))
        w.field("modifie_par", p.changedBy)
        w.fieldOrNull("motif", p.motif)
        w.endObject()
    }

    static func writeTarget(_ w: inout JSONWriter, _ p: Prop) {
        guard case .target(let t) = p.value else { return }
        w.beginObject()
        w.field("annee", p.years?.lowerBound ?? 0)
        w.fieldOrNull("libelle", p.label)
        w.field("statut", t.status.spelling)
        w.objectStart("valeur")
        w.field("genre", t.kind.spelling)
        switch t {
        case .quantity(let q), .relative(let q):
            w.field("nombre", q.value)
            w.fieldOrNull("unite", q.unit?.symbol)
        case .bound(let op, let q):
            w.field("operateur", op.symbol)
            w.field("nombre", q.value)
            w.fieldOrNull("unite", q.unit?.symbol)
        case .range(let a, let b):
            w.field("min", a.value)
            w.field("max", b.value)
            w.fieldOrNull("unite", b.unit?.symbol ?? a.unit?.symbol)
        case .qualitative(let q):
            w.field("texte", q.spelling)
        case .milestone(let m):
            w.field("texte", m.spelling)
        case .text(let s):
            w.field("texte", s)
        case .pending, .notApplicable, .followed:
            break
        }
        w.endObject()
        w.field("texte_source", p.rawValue)
        w.field("modifie_par", p.changedBy)
        w.fieldOrNull("motif", p.motif)
        w.endObject()
    }

    // MARK: helpers

    static func referents(_ e: Element, _ key: PropertyKey) -> [String] {
        var out: [String] = []
        for p in e.props where p.key == key {
            if case .referents(let refs) = p.value { out += refs.map { $0.id ?? "à déterminer" } }
        }
        return out
    }

    static func text(_ e: Element, _ key: PropertyKey) -> String? {
        if case .text(let t)? = e.first(key)?.value { return t }
        return nil
    }

    static func stringArray(_ w: inout JSONWriter, _ key: String, _ values: [String]) {
        w.arrayStart(key)
        for v in values { w.string(v) }
        w.endArray()
    }

    static func window(_ w: inout JSONWriter, _ key: String, _ win: Window?) {
        guard let win else { w.nullField(key); return }
        w.objectStart(key)
        w.field("debut", win.start.description)
        w.field("fin", win.end.description)
        w.endObject()
    }
}
