import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcSyntax

/// The intermediate model (design §7): one consolidated version of a contract as JSON,
/// schema `copc.ir/1` (`grammar/ir.schema.json`). A pure function of the model; the file
/// table only names files and spells values as written.
///
/// Deterministic: keys are written in a fixed order, elements in document order, referents
/// and plans sorted by id, numbers without exponent; the same input gives the same bytes.
public enum IR {
    public static let schema = "copc.ir/1"

    /// The IR of `version` of `contract`, pretty-printed, ending with a newline.
    public static func emit(_ contract: Contract, version: Version, files: FileTable) -> String {
        var e = Emitter(version: version, files: files)
        e.w.beginObject()
        e.w.field("schema", schema)
        e.w.field("version", version.number)
        e.writeContract()
        e.w.arrayStart("avenants")
        for v in contract.versions.dropFirst() where v.number <= version.number {
            guard let av = v.avenant else { continue }
            e.w.beginObject()
            e.w.field("numero", av.number ?? v.number)
            e.w.fieldOrNull("titre", av.header.title)
            e.w.fieldOrNull("signe_le", av.signed?.description)
            e.w.fieldOrNull("en_vigueur_le", v.effectiveDate?.description)
            e.w.fieldOrNull("motif", av.header.provenance.motif)
            e.w.field("fichier", files[av.file].path)
            e.w.endObject()
        }
        e.w.endArray()
        e.w.arrayStart("referents")
        for d in version.sortedReferents { e.writeDeclaration(d) }
        e.w.endArray()
        e.w.arrayStart("plans")
        for d in version.sortedPlans { e.writeDeclaration(d) }
        e.w.endArray()
        e.w.arrayStart("elements")
        for c in version.tree.children(of: version.tree.root!) { e.writeElement(c) }
        e.w.endArray()
        // The bilans that read this version: those whose 31 December falls under it.
        e.w.arrayStart("bilans")
        for b in contract.bilans {
            guard let y = b.year, contract.version(forBilanOf: y)?.number == version.number else { continue }
            e.writeBilan(b)
        }
        e.w.endArray()
        e.w.endObject()
        return e.w.out + "\n"
    }
}

private struct Emitter {
    let version: Version
    let period: Window?
    let files: FileTable
    var w = JSONWriter(pretty: true)

    init(version: Version, files: FileTable) {
        self.version = version
        self.period = version.period
        self.files = files
    }

    mutating func writeContract() {
        let r = version.header
        w.objectStart("contrat")
        w.fieldOrNull("id", r.id)
        w.fieldOrNull("titre", r.title)
        w.fieldOrNull("type", r.contractType?.spelling)
        w.fieldOrNull("organisme", names(r.referents(.organisme)).first)
        stringArray("signataires", names(r.referents(.signataires)))
        window("periode", period)
        w.fieldOrNull("signe_le", r.date(.signeLe)?.description)
        w.fieldOrNull("approuve_le", r.date(.approuveLe)?.description)
        w.fieldOrNull("en_vigueur_le", r.date(.enVigueurLe)?.description)
        w.field("numerotation", (r.numbering ?? .hierarchical).spelling)
        w.fieldOrNull("texte", r.text(.texte))
        w.field("modifie_par", r.provenance.avenant)
        w.arrayStart("calendrier_suivi")
        for p in r.properties {
            guard p.key == .bilanAnnuel || p.key == .donnees || p.key == .synthese, case .dueDate(let d) = p.value else { continue }
            w.beginObject()
            w.field("cle", p.key.display)
            w.fieldOrNull("libelle", p.label)
            w.field("jour", d.day)
            w.field("mois", d.month)
            w.field("annee", d.yearOffset == 0 ? "N" : "N+\(d.yearOffset)")
            w.field("texte_source", files.canonicalText(p.valuePlace))
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    /// A bilan (design §9): what it says of each indicator and action, as written.
    mutating func writeBilan(_ b: Bilan) {
        w.beginObject()
        w.field("annee", b.year ?? 0)
        w.fieldOrNull("titre", b.header.title)
        w.fieldOrNull("etabli_le", b.established?.description)
        w.fieldOrNull("texte", b.header.text(.texte))
        w.field("fichier", files[b.file].path)
        w.arrayStart("indicateurs")
        for r in b.reports where r.kind == .indicateur {
            w.beginObject()
            w.field("id", r.id ?? "")
            w.arrayStart("realises")
            for (label, p, value) in r.realized {
                w.beginObject()
                w.fieldOrNull("libelle", label)
                switch value {
                case .unavailable:
                    w.field("disponible", false)
                    w.nullField("genre")
                    w.nullField("nombre")
                    w.nullField("unite")
                case .value(let t):
                    w.field("disponible", true)
                    w.field("genre", t.kind.spelling)
                    if case .quantity(let q) = t {
                        w.field("nombre", q.value)
                        w.fieldOrNull("unite", q.unit?.symbol)
                    } else {
                        w.nullField("nombre")
                        w.nullField("unite")
                    }
                }
                w.field("texte_source", files.canonicalText(p.valuePlace))
                w.endObject()
            }
            w.endArray()
            w.fieldOrNull("motif", r.text(.motif))
            w.fieldOrNull("analyse", r.text(.analyse))
            w.fieldOrNull("texte", r.text(.texte))
            w.endObject()
        }
        w.endArray()
        w.arrayStart("actions")
        for r in b.reports where r.kind == .action {
            w.beginObject()
            w.field("id", r.id ?? "")
            w.fieldOrNull("etat", r.actionState?.spelling)
            var progress: String?
            if let p = r.first(.avancement) { progress = files.canonicalText(p.valuePlace) }
            w.fieldOrNull("avancement", progress)
            w.fieldOrNull("acheve_le", r.date(.acheveLe)?.description)
            if let p = r.first(.nouveauDelai), case .deadline(let d) = p.value {
                w.objectStart("nouveau_delai")
                w.field("texte_source", files.canonicalText(p.valuePlace))
                w.field("forme", d.form.spelling)
                window("fenetre", version.window(of: d, period: period))
                w.endObject()
            } else {
                w.nullField("nouveau_delai")
            }
            stringArray("livrables", r.texts(.livrable))
            w.fieldOrNull("risque", r.riskLevel?.spelling)
            stringArray("difficultes", r.texts(.difficulte))
            stringArray("mesures_correctives", r.texts(.mesureCorrective))
            w.fieldOrNull("motif", r.text(.motif))
            w.fieldOrNull("texte", r.text(.texte))
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    mutating func writeDeclaration(_ e: Element) {
        w.beginObject()
        w.field("id", e.id ?? "")
        w.fieldOrNull("titre", e.title)
        if e.kind == .referent {
            w.fieldOrNull("rattachement", names(e.referents(.rattachement)).first)
            w.fieldOrNull("personne", e.text(.personne))
            w.fieldOrNull("fonction", e.text(.fonction))
        } else {
            window("periode", e.period)
            stringArray("pilotes", names(e.referents(.pilote)))
        }
        w.fieldOrNull("texte", e.text(.texte))
        w.field("fichier", files[e.place.file].path)
        w.field("modifie_par", e.provenance.avenant)
        w.endObject()
    }

    mutating func writeElement(_ id: ElementID) {
        let e = version.tree[id]
        w.beginObject()
        w.field("genre", e.kind.keyword)
        w.fieldOrNull("id", e.id)
        w.fieldOrNull("titre", e.title)
        w.field("modifie_par", e.provenance.avenant)
        w.fieldOrNull("motif", e.provenance.motif)
        stringArray("pilotes", names(e.referents(.pilote)))
        stringArray("co_pilotes", names(e.referents(.coPilote)))
        stringArray("referents", names(e.referents(.referent)))
        w.fieldOrNull("theme", e.text(.theme))
        w.fieldOrNull("texte", e.text(.texte))
        if e.kind == .action {
            w.field("phare", e.flagship)
            w.arrayStart("delais")
            for p in e.properties where p.key == .delai { writeDeadline(p, step: false) }
            w.endArray()
            w.arrayStart("etapes")
            for p in e.properties where p.key == .etape { writeDeadline(p, step: true) }
            w.endArray()
        }
        if e.kind == .indicateur {
            w.fieldOrNull("methode", e.text(.methode))
            w.fieldOrNull("unite", e.unit?.symbol)
            w.fieldOrNull("sens", e.direction?.spelling)
            w.fieldOrNull("nature", e.nature?.spelling)
            stringArray("fournisseurs", names(e.referents(.fournisseur)))
            w.fieldOrNull("source", e.text(.source))
            w.field("cibles_declinees", e.declinedTargets)
            w.arrayStart("bases")
            for p in e.properties where p.key == .base {
                w.beginObject()
                w.field("annee", p.year ?? 0)
                if case .base(let q?) = p.value {
                    w.field("connue", true)
                    w.field("nombre", q.value)
                    w.fieldOrNull("unite", q.unit?.symbol)
                } else {
                    w.field("connue", false)
                    w.nullField("nombre")
                    w.nullField("unite")
                }
                w.field("texte_source", files.canonicalText(p.valuePlace))
                w.field("modifie_par", p.provenance.avenant)
                w.endObject()
            }
            w.endArray()
            w.arrayStart("cibles")
            let targets = e.properties.filter { $0.key == .cible }.sorted {
                ($0.year ?? 0, $0.label ?? "") < ($1.year ?? 0, $1.label ?? "")
            }
            for p in targets { writeTarget(p) }
            w.endArray()
        }
        w.arrayStart("enfants")
        for c in version.tree.children(of: id) { writeElement(c) }
        w.endArray()
        w.endObject()
    }

    mutating func writeDeadline(_ p: Property, step: Bool) {
        guard case .deadline(let d) = p.value else { return }
        w.beginObject()
        if step { w.fieldOrNull("titre", p.stepTitle) } else { w.fieldOrNull("libelle", p.label) }
        w.field("texte_source", files.canonicalText(p.valuePlace))
        var plan: String?
        if case .plan(let name) = d.form { plan = name }
        w.field("forme", d.form.spelling)
        w.fieldOrNull("plan", plan)
        window("fenetre", version.window(of: d, period: period))
        w.field("modifie_par", p.provenance.avenant)
        w.fieldOrNull("motif", p.provenance.motif)
        w.endObject()
    }

    mutating func writeTarget(_ p: Property) {
        guard case .target(let t) = p.value else { return }
        w.beginObject()
        w.field("annee", p.year ?? 0)
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
        w.field("texte_source", files.canonicalText(p.valuePlace))
        w.field("modifie_par", p.provenance.avenant)
        w.fieldOrNull("motif", p.provenance.motif)
        w.endObject()
    }

    /// Referents as the IR names them: `à déterminer` for a referent not yet designated.
    func names(_ refs: [ReferentRef]) -> [String] { refs.map(\.spelling) }

    mutating func stringArray(_ key: String, _ values: [String]) {
        w.arrayStart(key)
        for v in values { w.string(v) }
        w.endArray()
    }

    mutating func window(_ key: String, _ win: Window?) {
        guard let win else { w.nullField(key); return }
        w.objectStart(key)
        w.field("debut", win.start.description)
        w.field("fin", win.end.description)
        w.endObject()
    }
}
