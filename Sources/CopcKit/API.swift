// The three entry points: check, emit, source. Each prints the documents as `.cop` texts
// held in memory and runs the compiler's own pipeline on them (Driver.check(sources:)):
// same parser, builder, consolidation, rules, IR. The printed lines' Swift origins are
// attached to the check's FileTable, which turns every diagnostic's place into a Swift place.
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcModel
import CopcSema
import CopcFormat
import CopcDriver

/// La gravité d'un diagnostic.
public enum Gravité: String, Sendable, Hashable {
    case erreur, avertissement, note

    /// The word of the gcc format (`error`, `warning`, `note`).
    var motGCC: String {
        switch self {
        case .erreur: return "error"
        case .avertissement: return "warning"
        case .note: return "note"
        }
    }
}

/// Un diagnostic de copc, placé dans le code Swift qui a construit l'élément en cause.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Une note jointe (première déclaration, période…), avec sa place si elle en a une.
    public struct Note: Sendable, Hashable {
        public let message: String
        public let fichier: String?
        public let ligne: Int?
    }

    /// Le code stable (`COP404`) ; `copc expliquer COP404` l'explique.
    public let code: String
    public let gravité: Gravité
    /// Le message, identique à celui de `copc check`.
    public let message: String
    /// Le fichier Swift (`#filePath`) de l'appel qui a construit l'élément ou la propriété.
    public let fichier: String
    /// La ligne de cet appel.
    public let ligne: Int
    /// La colonne de cet appel : celle de sa parenthèse ouvrante, comptée en octets UTF-8 comme `#column`.
    public let colonne: Int
    public let notes: [Note]

    /// `fichier:ligne:colonne: warning: message [CODE]`, exactement comme `copc check --format gcc` :
    /// la gravité y est écrite `error`, `warning` ou `note`, les mots que les éditeurs et les
    /// environnements de développement reconnaissent dans la sortie d'un outil.
    public var description: String {
        "\(fichier):\(ligne):\(colonne): \(gravité.motGCC): \(message) [\(code)]"
    }
}

/// Documents printed under unique file names, checked together.
struct Vérification {
    let résultat: CheckResult
    let fichiers: FileTable
    let noms: [String]

    init(_ documents: [any Document], au: Jour?) {
        var noms: [String] = []
        var sources: [(String, [UInt8])] = []
        var cartes: [String: SourceMap] = [:]
        for d in documents {
            var nom = nomDeFichier(d.bloc)
            var n = 2
            while noms.contains(nom) {
                let base = nomDeFichier(d.bloc)
                nom = (base.hasSuffix(".cop") ? String(base.dropLast(4)) : base) + "-\(n).cop"
                n += 1
            }
            let imp = Impression.document(d.bloc)
            noms.append(nom)
            sources.append((nom, Array(imp.texte.utf8)))
            cartes[nom] = SourceMap(lines: imp.origines.map { LineOrigin(path: $0.fichier, line: $0.ligne, column: $0.colonne) })
        }
        var options = CheckOptions.today()
        if let au, let day = Day.parse(au.description) { options.au = day }
        résultat = Driver.check(sources: sources, options: options)
        var table = résultat.fileTable
        for f in table.files { if let c = cartes[f.path] { table.attach(c, to: f.id) } }
        fichiers = table
        self.noms = noms
    }

    func place(_ span: SourceSpan?, défaut: String) -> (String, Int, Int) {
        guard let span else { return (défaut, 1, 1) }
        if let o = fichiers.origin(of: Place(span.file.id, span.range)) { return (o.path, o.line, o.column) }
        let lc = span.start
        return (span.file.path, lc.line, lc.column)
    }
}

/// Vérifie des documents construits en Swift avec les règles de `copc check` : mêmes codes,
/// mêmes messages, placés à la ligne Swift de l'appel qui a construit l'élément ou la
/// propriété en cause. Les documents se voient entre eux (`utilise`, avenants).
///
/// - Parameters:
///   - documents: le contrat, son annuaire, ses avenants.
///   - au: la date de référence (années commencées, version en vigueur) ; par défaut, aujourd'hui.
public func check(_ documents: any Document..., au: Jour? = nil) -> [Diagnostic] {
    check(documents, au: au)
}

/// Vérifie des documents construits en Swift (voir `check(_:au:)`).
public func check(_ documents: [any Document], au: Jour? = nil) -> [Diagnostic] {
    let v = Vérification(documents, au: au)
    return v.résultat.diagnostics.map { d in
        let (f, l, c) = v.place(d.span, défaut: d.path)
        let gravité: Gravité = d.severity == .error ? .erreur : d.severity == .warning ? .avertissement : .note
        let notes = d.notes.map { n -> Diagnostic.Note in
            guard let s = n.span else { return Diagnostic.Note(message: n.message.text, fichier: nil, ligne: nil) }
            let (nf, nl, _) = v.place(s, défaut: d.path)
            return Diagnostic.Note(message: n.message.text, fichier: nf, ligne: nl)
        }
        return Diagnostic(code: d.message.code.rawValue, gravité: gravité, message: d.message.text,
                          fichier: f, ligne: l, colonne: c, notes: notes)
    }
}

/// L'IR (`copc.ir/1`, JSON) d'une version du contrat, identique à celle de `copc emit` sur
/// le texte : la dernière version par défaut, ou la version `version` (0 = tel que signé).
/// `nil` s'il n'y a pas de contrat parmi les documents ou si la version n'existe pas.
public func emit(_ documents: any Document..., version: Int? = nil) -> String? {
    emit(documents, version: version)
}

/// L'IR d'une version du contrat (voir `emit(_:version:)`).
public func emit(_ documents: [any Document], version: Int? = nil) -> String? {
    let v = Vérification(documents, au: nil)
    let id = documents.first { $0 is Contrat }?.bloc.id
    guard case .success(let contrat) = v.résultat.contracts.select(id),
          let choisie = contrat.version(version.map { .number($0) } ?? .latest) else { return nil }
    return IR.emit(contrat, version: choisie, files: v.résultat.fileTable)
}

/// Le texte `.cop` canonique d'un document, tel que `copc fmt` l'écrirait : `copc check` le lit
/// et il redonne la même IR. Un document qui contient une erreur de syntaxe est rendu tel
/// qu'imprimé, sans mise en forme (`check` en donne la raison).
public func source(_ document: any Document) -> String {
    let texte = Impression.document(document.bloc).texte
    if case .formatted(let f) = Formatter.format(path: nomDeFichier(document.bloc), text: texte) { return f }
    return texte
}
