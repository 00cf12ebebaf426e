// copc diff: what changed between two consolidated versions of a contract, or two drafts.
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcSema
import CopcSyntax
import CopcDriver
import CopcModel
import CopcDiff
#if canImport(Glibc)
import Glibc
#endif

let diffHelp = """
Usage : copc diff [CHEMINS…] [--contrat ID] [--de V] [--a V] [options]
        copc diff ANCIEN.cop NOUVEAU.cop [options]

Compare deux versions consolidées d'un contrat élément par élément, jamais ligne à
ligne : un texte remis en page, recommenté ou réordonné ne change rien. Chaque
changement a un genre stable (période-prolongée, période-modifiée, élément-ajouté,
élément-supprimé, élément-déplacé, titre-modifié, délai-déplacé, cible-fixée,
cible-modifiée, cible-retirée, référent-modifié, propriété-modifiée), le motif de
l'avenant et la place (fichier, ligne) de la clause qui l'a fait.

V est un numéro de version (0 = tel que signé) ou une date AAAA-MM-JJ (la version en
vigueur ce jour-là). Par défaut : le dernier avenant contre la version d'avant.

Deux fichiers du même genre (deux contrats, ou deux avenants) sont comparés comme deux
brouillons : un avenant l'est par son effet sur le contrat trouvé à côté de lui.

Options :
  --contrat ID        le contrat (obligatoire si les chemins en contiennent plusieurs)
  --de V              la version de départ (défaut : celle d'avant --a)
  --a V               la version d'arrivée (défaut : la dernière)
  --format texte|markdown|json|html
                      texte en couleurs (défaut), tableau Markdown pour une revue,
                      JSON (schéma copc.diff/1, grammar/diff.schema.json), ou page HTML
                      autonome en trois colonnes (clauses, avant, après), imprimable
  --sortie-code       statut 1 s'il y a au moins un changement, 0 sinon
  --couleur auto|toujours|jamais   (aussi --color auto|always|never)
                      couleurs du texte (défaut : auto, c'est-à-dire si la sortie est
                      un terminal et que NO_COLOR n'est pas défini ou est vide)
  --chemin FICHIER    pour deux brouillons : la place du fichier dans l'espace de
                      travail (son contrat et ses annuaires sont cherchés là) ; utile
                      quand les brouillons sont des fichiers temporaires (git difftool)
  -o FICHIER          écrit dans FICHIER plutôt que sur la sortie standard
  -h, --help          affiche cette aide

Git :
  git config diff.copc.command "copc diff"      # avec « *.cop diff=copc » dans .gitattributes
  git config difftool.copc.cmd 'copc diff --chemin "$MERGED" "$LOCAL" "$REMOTE"'
Appelé par git avec sept arguments (chemin, ancien fichier, empreinte, mode, nouveau
fichier, empreinte, mode), copc diff compare les deux révisions du fichier.

Les erreurs des textes sont résumées sur la sortie d'erreur (« copc check » les
détaille) ; le diff montre les textes tels qu'écrits.
Statut de sortie : 0 diff écrit (avec --sortie-code : aucun changement) ; 1 avec
--sortie-code, au moins un changement ; 2 mauvais usage, contrat ou version introuvable.
"""

enum DiffOption: Hashable, Sendable {
    case contrat, de, a, format, sortieCode, couleur, chemin, sortie
}

let diffCommand = CommandSpec<DiffOption>(name: "copc diff", help: diffHelp, options: [
    OptionSpec(.contrat, "--contrat", value: true),
    OptionSpec(.de, "--de", "--from", value: true),
    OptionSpec(.a, "--a", "--à", "--to", value: true),
    OptionSpec(.format, "--format", choices: formatNames(DiffFormat.self)),
    OptionSpec(.sortieCode, "--sortie-code", "--exit-code"),
    OptionSpec(.couleur, "--couleur", "--color", choices: colorChoices),
    OptionSpec(.chemin, "--chemin", path: true),
    OptionSpec(.sortie, "-o", "--sortie", path: true),
])

/// The formats of `copc diff`.
enum DiffFormat: String, CaseIterable {
    case texte, markdown, json, html
}

func runDiff(_ args: ArraySlice<String>) -> Int32 {
    let parsed = diffCommand.parse(args)
    let format = formatChoice(parsed[.format], default: DiffFormat.texte)
    let color = colorChoice(parsed[.couleur] ?? "auto")
    let from = parsed[.de].map { parseVersionOption($0, "--de") }
    let to = parsed[.a].map { parseVersionOption($0, "--a") }
    let positionals = parsed.positionals
    let report: DiffReport
    if positionals.count == 7 && from == nil && to == nil && parsed[.contrat] == nil {
        // GIT_EXTERNAL_DIFF: path old-file old-hex old-mode new-file new-hex new-mode.
        let path = positionals[0]
        let oldFile = positionals[1], newFile = positionals[4]
        // Git stops at a driver that fails: say why in the diff itself and let it go on.
        failureHandler = { message in
            writeOut("copc diff — \(path) : comparaison impossible : \(message)\n")
            exit(0)
        }
        if oldFile == "/dev/null" || newFile == "/dev/null" {
            writeOut("copc diff — \(path) : fichier \(oldFile == "/dev/null" ? "ajouté" : "supprimé")\n")
            return 0
        }
        report = diffDrafts(oldFile, newFile, workspacePath: path, displayOld: "a/" + path, displayNew: "b/" + path)
    } else if positionals.count == 2 && from == nil && to == nil && parsed[.contrat] == nil,
              let heads = draftHeaders(positionals[0], positionals[1]), heads.0.kind == heads.1.kind {
        if parsed[.chemin] == nil, heads.0.kind == .avenant, let n1 = heads.0.avenantNumber, let n2 = heads.1.avenantNumber, n1 != n2,
           heads.0.contractRef == heads.1.contractRef,
           let d1 = FileSystem.realPath(positionals[0]).map({ Paths.directory(of: $0) }),
           d1 == FileSystem.realPath(positionals[1]).map({ Paths.directory(of: $0) }) {
            // Two avenants of one contract side by side (avenant-1.cop avenant-2.cop): the
            // versions they make, in their folder.
            report = diffVersions([d1], contractId: heads.0.contractRef, from: .number(n1), to: .number(n2))
        } else {
            report = diffDrafts(positionals[0], positionals[1], workspacePath: parsed[.chemin], displayOld: positionals[0], displayNew: positionals[1])
        }
    } else {
        if parsed[.chemin] != nil { fail("--chemin ne s'emploie qu'avec deux brouillons (copc diff ANCIEN.cop NOUVEAU.cop)") }
        report = diffVersions(positionals, contractId: parsed[.contrat], from: from, to: to)
    }
    let out: String
    switch format {
    case .texte:
        // Auto: colours only on a terminal, never into a file given with -o.
        out = report.text(color: useColor(color ?? (parsed[.sortie] == nil ? nil : false)))
    case .markdown: out = report.markdown()
    case .json: out = report.json()
    case .html: out = report.html()
    }
    writeResult(out, to: parsed[.sortie], named: positionals)
    if parsed.has(.sortieCode) { return report.changes.isEmpty ? 0 : 1 }
    return 0
}

/// `--de`/`--a`: a version number or a date.
func parseVersionOption(_ v: String, _ option: String) -> VersionSelector {
    if let n = Int(v) {
        guard n >= 0 else { fail("numéro de version invalide pour \(option) : « \(v) » (attendu : 0, 1, 2… ou une date AAAA-MM-JJ)") }
        return .number(n)
    }
    if let d = Day.parse(v) { return .inForce(d) }
    fail("version invalide pour \(option) : « \(v) » (attendu : un numéro 0, 1, 2… ou une date AAAA-MM-JJ)")
}

/// Two versions of one contract of the workspace.
func diffVersions(_ paths: [String], contractId: String?, from: VersionSelector?, to: VersionSelector?) -> DiffReport {
    let result = checkOrFail(paths, CheckOptions.today())
    let contract = chooseContract(result, contractId)
    let toVersion: Version
    let fromVersion: Version
    if from == nil && to == nil && contract.versions.count < 2 {
        fail("le contrat \(contract.id ?? "?") n'a pas d'avenant : rien à comparer (donnez --de et --a, ou deux fichiers)")
    }
    toVersion = chooseVersion(contract, to ?? .latest)
    if let from {
        fromVersion = chooseVersion(contract, from)
    } else {
        guard toVersion.number > 0 else {
            fail("la version 0 est la première : donnez --de pour la comparer à une autre")
        }
        fromVersion = contract.versions[toVersion.number - 1]
    }
    summarizeErrors(result, files: Set(contract.files), what: "le contrat \(contract.id ?? "?") et ses avenants")
    let avenants = fromVersion.number < toVersion.number
        ? Array(contract.avenants[fromVersion.number ..< toVersion.number]) : []
    let changes = SemanticDiff.compare(DiffSide(version: fromVersion, files: result.fileTable),
                                       DiffSide(version: toVersion, files: result.fileTable), avenants: avenants)
    return DiffReport(contract: contract.id, title: contract.versions[0].header.title,
                      from: DiffEndpoint(version: fromVersion.number, effectiveDate: fromVersion.effectiveDate),
                      to: DiffEndpoint(version: toVersion.number, effectiveDate: toVersion.effectiveDate),
                      changes: changes, clauseTexts: DiffReport.clauseTexts(of: avenants, files: result.fileTable))
}

/// Prints on stderr how many errors the check found in `files`.
func summarizeErrors(_ result: CheckResult, files: Set<FileID>, what: String) {
    let errors = result.diagnostics.filter { $0.severity == .error && $0.span.map { files.contains($0.file.id) } ?? false }.count
    if errors > 0 {
        writeErr("copc : \(errors) erreur\(errors > 1 ? "s" : "") dans \(what) (voir « copc check ») ; le diff montre les textes tels qu'écrits\n")
    }
}

/// The header of each of two files (kind, avenant number, contract named), or nil when one is
/// not a readable regular file or the first is neither a contract nor an avenant: two files
/// of the same kind are two drafts.
func draftHeaders(_ a: String, _ b: String) -> (FileModel, FileModel)? {
    guard FileSystem.kind(a) == .file, FileSystem.kind(b) == .file else { return nil }
    guard let x = try? FileSystem.read(a), let y = try? FileSystem.read(b) else { return nil }
    // The header is enough: parse and build, no check.
    let ma = Builder.build(Parser.parse(SourceFile(path: a, bytes: x))).0
    let mb = Builder.build(Parser.parse(SourceFile(path: b, bytes: y))).0
    guard ma.kind == .contract || ma.kind == .avenant else { return nil }
    return (ma, mb)
}

/// One draft's consolidated version: a contract file alone (version 0 of its own text), or an
/// avenant applied to the contract found beside it.
struct DraftSide {
    let version: Version
    let result: CheckResult
    let contract: Contract
    let avenants: [Avenant]
}

/// Reads the draft `file` as if it stood at `workspacePath` (default: where it is), checks it
/// with the files beside that place, the other draft `other` excepted.
func loadDraft(_ file: String, workspacePath: String?, other: String?) -> DraftSide {
    let bytes: [UInt8]
    do { bytes = try FileSystem.read(file) } catch { fail("lecture impossible de \(file) : \(error.message)") }
    let place = workspacePath ?? file
    let target: String
    if let real = FileSystem.realPath(place) {
        target = real
    } else {
        // A path that no longer exists (a file removed since): its folder must.
        let folder = Paths.directory(of: place)
        guard let realFolder = FileSystem.realPath(folder.isEmpty ? "." : folder) else {
            fail("\(FileSystem.whyUnreachable(place)) : \(place)")
        }
        target = Paths.join(realFolder, Paths.lastComponent(of: place))
    }
    let folder = Paths.directory(of: target)
    guard let root = WorkspaceRoot.of(folder) else { fail("\(FileSystem.whyUnreachable(folder)) : \(folder)") }
    let otherReal = other.flatMap { FileSystem.realPath($0) }
    let overlays = [target: bytes]
    let options = CheckOptions.today()
    let alone = Driver.check(files: [target], root: root, overlays: overlays, options: options)
    guard let model = alone.files.first?.model else { fail("lecture impossible de \(file)") }
    if model.kind == .contract {
        guard case .success(let c) = alone.contracts.select(model.header?.id), c.file == model.file else {
            fail("\(file) : aucun contrat lisible")
        }
        keepAlive = alone
        summarizeErrors(alone, files: [model.file], what: file)
        return DraftSide(version: c.versions[0], result: alone, contract: c, avenants: [])
    }
    guard model.kind == .avenant else { fail("\(file) n'est ni un contrat ni un avenant : rien à comparer") }
    // The contract beside the avenant (its folder), else anywhere in its workspace (avenants
    // kept in a subfolder of the contract's).
    func attempt(_ dir: String, recursive: Bool) -> (CheckResult, FileID, Contract, Int)? {
        let siblings = ((try? FileSystem.copFiles(under: dir, recursive: recursive, within: root)) ?? [])
            .compactMap { FileSystem.realPath($0) }
            .filter { $0 != target && $0 != otherReal }
        let result = Driver.check(files: [target] + siblings, root: root, overlays: overlays, options: options)
        guard let own = result.files.first?.model.file,
              let contract = result.contracts.first(where: { $0.avenants.contains { $0.file == own } }),
              let k = contract.avenants.firstIndex(where: { $0.file == own }) else { return nil }
        return (result, own, contract, k)
    }
    guard let (result, own, contract, k) = attempt(folder, recursive: false) ?? (folder == root ? nil : attempt(root, recursive: true)) else {
        fail("\(file) : avenant au contrat « \(model.contractRef ?? "?") », introuvable à côté de \(workspacePath ?? file) ni dans son espace de travail (donnez --chemin FICHIER, la place de l'avenant dans l'espace de travail)")
    }
    keepAlive = result
    summarizeErrors(result, files: [own], what: file)
    return DraftSide(version: contract.versions[k + 1], result: result, contract: contract, avenants: [contract.avenants[k]])
}

/// Two drafts: two contracts, or two avenants by their effect on their contract.
func diffDrafts(_ old: String, _ new: String, workspacePath: String?, displayOld: String, displayNew: String) -> DiffReport {
    let a = loadDraft(old, workspacePath: workspacePath, other: new)
    let b = loadDraft(new, workspacePath: workspacePath, other: old)
    if a.contract.id != b.contract.id {
        fail("les deux fichiers relèvent de contrats différents (« \(a.contract.id ?? "?") » et « \(b.contract.id ?? "?") ») : rien à comparer")
    }
    let changes = SemanticDiff.compare(DiffSide(version: a.version, files: a.result.fileTable),
                                       DiffSide(version: b.version, files: b.result.fileTable), avenants: b.avenants)
    return DiffReport(contract: b.contract.id, title: b.contract.versions[0].header.title,
                      from: DiffEndpoint(version: nil, file: displayOld), to: DiffEndpoint(version: nil, file: displayNew),
                      changes: changes, clauseTexts: DiffReport.clauseTexts(of: b.avenants, files: b.result.fileTable))
}
