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

    /// A computed number (a resolved relative target) rounded to the 6 decimals numbers as
    /// written may have, so that `+5 % par an` on `100` gives `105` and not `105.00000000000001`.
    static func rounded(_ v: Double) -> Double {
        let r = (v * 1_000_000).rounded() / 1_000_000
        return r == 0 ? 0 : r
    }

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
            e.writeOpinions(av.header)
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
        stringArray("tutelles", names(r.referents(.tutelle)))
        w.fieldOrNull("succede_a", r.predecessor)
        stringArray("signataires", names(r.referents(.signataires)))
        window("periode", period)
        w.fieldOrNull("signe_le", r.date(.signeLe)?.description)
        w.fieldOrNull("fait_a", r.text(.faitA))
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
        writeOpinions(r)
        writeResources(r)
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

    /// `avis « ORGANISME » le : DATE` (written only when given).
    mutating func writeOpinions(_ e: Element) {
        guard e.has(.avis) else { return }
        w.arrayStart("avis")
        for p in e.properties where p.key == .avis {
            guard case .date(let d) = p.value else { continue }
            w.beginObject()
            w.field("organisme", p.stepTitle ?? "")
            w.field("date", d.description)
            w.field("modifie_par", p.provenance.avenant)
            w.endObject()
        }
        w.endArray()
    }

    /// `moyens (LIBELLÉ) ANNÉE : VALEUR` by year then label (written only when given).
    mutating func writeResources(_ e: Element) {
        guard e.has(.moyens) else { return }
        let list = e.properties.filter { $0.key == .moyens }.sorted { ($0.year ?? 0, $0.label ?? "") < ($1.year ?? 0, $1.label ?? "") }
        w.arrayStart("moyens")
        for p in list {
            guard case .resources(let q) = p.value else { continue }
            w.beginObject()
            w.field("annee", p.year ?? 0)
            w.fieldOrNull("libelle", p.label)
            w.field("nombre", q.value)
            w.fieldOrNull("unite", q.unit?.symbol)
            w.field("texte_source", files.canonicalText(p.valuePlace))
            w.field("modifie_par", p.provenance.avenant)
            w.endObject()
        }
        w.endArray()
    }

    /// `poids : 1/3` (written only when given).
    mutating func writeWeight(_ e: Element) {
        guard let i = e.properties.firstIndex(where: { $0.key == .poids }), case .weight(let wt) = e.properties[i].value else { return }
        w.objectStart("poids")
        w.field("fraction", wt.fraction.description)
        w.field("valeur", IR.rounded(wt.fraction.value))
        w.field("texte_source", files.canonicalText(e.properties[i].valuePlace))
        w.field("modifie_par", e.properties[i].provenance.avenant)
        w.endObject()
    }

    mutating func writeDeclaration(_ e: Element) {
        w.beginObject()
        w.field("id", e.id ?? "")
        w.fieldOrNull("titre", e.title)
        if e.kind == .referent || e.kind == .organisme {
            w.fieldOrNull("rattachement", names(e.referents(.rattachement)).first)
            w.fieldOrNull("personne", e.text(.personne))
            w.fieldOrNull("fonction", e.text(.fonction))
            if e.kind == .organisme {
                // A body expected to hold a contract, also a référent.
                w.objectStart("organisme")
                w.fieldOrNull("categorie", e.text(.categorie))
                stringArray("tutelles", names(e.referents(.tutelle)))
                w.field("contrat_attendu", e.expectsContract)
                w.endObject()
            }
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
            // Resolved once per indicator (relative targets, design §3.5).
            let chain = TargetChain(e, firstYear: period?.start.year)
            var index: [Int] = []
            for i in e.properties.indices where e.properties[i].key == .cible { index.append(i) }
            let order = index.sorted {
                (e.properties[$0].year ?? 0, e.properties[$0].label ?? "") < (e.properties[$1].year ?? 0, e.properties[$1].label ?? "")
            }
            for i in order { writeTarget(e.properties[i], chain[property: i], unit: e.unit) }
            w.endArray()
            if e.isCumulative { w.field("cumul", true) }
        }
        if e.kind != .action { writeWeight(e) }
        if e.kind == .axe || e.kind == .objectif { writeResources(e) }
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

    mutating func writeTarget(_ p: Property, _ resolution: TargetResolution, unit: Unit?) {
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
        case .points(let q), .annualRate(let q), .cumulative(let q):
            w.field("nombre", q.value)
            w.fieldOrNull("unite", q.unit?.symbol)
        case .relativeToYear(let year, let q):
            w.field("annee_reference", year)
            w.field("nombre", q.value)
            w.fieldOrNull("unite", q.unit?.symbol)
        case .pending, .notApplicable, .followed, .maintained, .atLeastPreviousActual:
            break
        }
        // The forms of the second table of design §3.5 carry their resolved value (a cumulated
        // quantity is its own).
        if t.dependsOnOtherValue || t.kind == .cumulative {
            if let r = resolution.value {
                w.objectStart("resolue")
                w.field("genre", r.kind.spelling)
                switch r.shape {
                case .quantity(let v):
                    w.field("nombre", IR.rounded(v))
                case .bound(let op, let v):
                    w.field("operateur", op.symbol)
                    w.field("nombre", IR.rounded(v))
                case .range(let a, let b):
                    w.field("min", IR.rounded(a))
                    w.field("max", IR.rounded(b))
                }
                w.fieldOrNull("unite", (r.unit ?? unit)?.symbol)
                w.endObject()
            } else {
                w.nullField("resolue")
            }
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
