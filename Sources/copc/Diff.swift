// copc diff: what changed between two consolidated versions of a contract, or two drafts.
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcSema
import CopcSyntax
import CopcDriver
import CopcModel
import CopcDiff
import CopcFrench
#if canImport(Glibc)
import Glibc
#endif

let diffHelp = """
Usage : copc diff [CHEMINS…] [--contrat ID] [--de V] [--a V] [options]
        copc diff ANCIEN.cop NOUVEAU.cop [options]
        copc diff --git REV1 [REV2] [--contrat ID] [options]

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

Avec --git, les fichiers .cop du dossier courant (et ce qu'ils importent dans leur espace
de travail) sont lus par git à deux révisions — REV2 : l'arbre de travail par défaut ;
« main...HEAD » : HEAD contre son ancêtre commun avec main, comme git ; « A..B » : A contre
B — et chaque contrat est comparé d'une révision à l'autre : sa dernière version, les
avenants ajoutés, supprimés ou modifiés, ses bilans (réalisés, états, analyses), les
référents de ses annuaires ; un contrat présent d'un seul côté est signalé comme tel.

Options :
  --git REV1 [REV2]   compare le dépôt git à deux révisions, contrat par contrat
  --contrat ID        le contrat (obligatoire si les chemins en contiennent plusieurs ;
                      avec --git, limite la comparaison à ce contrat)
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
  -o FICHIER          écrit dans FICHIER (aussi --sortie), par un fichier temporaire
                      renommé, plutôt que sur la sortie standard ; « -o - » : la sortie
                      standard ; jamais sur un fichier lu (statut 2)
  -h, --help          affiche cette aide

Git :
  git config diff.copc.command "copc diff"      # avec « *.cop diff=copc » dans .gitattributes
  git config difftool.copc.cmd 'copc diff --chemin "$MERGED" "$LOCAL" "$REMOTE"'
Appelé par git avec sept arguments (chemin, ancien fichier, empreinte, mode, nouveau
fichier, empreinte, mode) ou neuf (renommage : nouveau chemin, en-tête), copc diff
compare les deux révisions du fichier — contrat, avenant (par son effet sur son contrat à
chaque révision), annuaire ou bilan — en lisant les autres fichiers à la même révision ;
quand git ne dit pas laquelle, il l'écrit et compare les deux textes seuls. Il n'arrête
jamais git : une comparaison impossible est expliquée dans le diff, statut 0.

Les erreurs des textes sont résumées sur la sortie d'erreur (« copc check » les
détaille) ; le diff montre les textes tels qu'écrits.
Statut de sortie : 0 diff écrit (avec --sortie-code : aucun changement) ; 1 avec
--sortie-code, au moins un changement ; 2 mauvais usage, contrat ou version introuvable,
échec d'écriture, fichier lu illisible ou mal encodé (COP001 : rien n'est écrit).
"""

enum DiffOption: Hashable, Sendable {
    case contrat, de, a, format, sortieCode, couleur, chemin, sortie, git
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
    OptionSpec(.git, "--git", value: true),
])

/// The formats of `copc diff`.
enum DiffFormat: String, CaseIterable {
    case texte, markdown, json, html
}

func runDiff(_ args: ArraySlice<String>) -> Int32 {
    // git's external diff: recognised by its shape before any option is read.
    if let call = ExternalDiffCall(args) {
        let parsed = diffCommand.parse(call.options)
        let format = formatChoice(parsed[.format], default: DiffFormat.texte)
        let color = colorChoice(parsed[.couleur] ?? "auto")
        return runExternalDiff(call) { render($0, format, color: color, toFile: false) }
    }
    let parsed = diffCommand.parse(args)
    let format = formatChoice(parsed[.format], default: DiffFormat.texte)
    let color = colorChoice(parsed[.couleur] ?? "auto")
    let from = parsed[.de].map { parseVersionOption($0, "--de") }
    let to = parsed[.a].map { parseVersionOption($0, "--a") }
    let positionals = parsed.positionals
    if let revision = parsed[.git] {
        if from != nil || to != nil || parsed[.chemin] != nil {
            fail("--git compare deux révisions : --de, --a et --chemin ne s'y emploient pas")
        }
        if positionals.count > 1 { fail("--git attend une ou deux révisions (copc diff --git REV1 [REV2])") }
        let (report, worktreeFiles) = diffGit(revision, positionals.first, contractId: parsed[.contrat])
        let out: String
        switch format {
        case .texte: out = report.text(color: useColor(color ?? (parsed[.sortie] == nil ? nil : false)))
        case .markdown: out = report.markdown()
        case .json: out = report.json()
        case .html: out = report.html()
        }
        writeResult(out, to: parsed[.sortie], named: worktreeFiles)
        if parsed.has(.sortieCode) { return report.hasChanges ? 1 : 0 }
        return 0
    }
    let report: DiffReport
    if positionals.count == 2 && from == nil && to == nil && parsed[.contrat] == nil,
       let chemin = parsed[.chemin], let call = difftoolCall(args, chemin: chemin) {
        // git difftool: the same comparison as git's driver, revisions found through git.
        let shown = render(diffFile(call), format, color: color, toFile: parsed[.sortie] != nil)
        // The two copies and the working tree's file are inputs that -o must not replace.
        writeResult(shown, to: parsed[.sortie], named: positionals + [chemin])
        return 0
    } else if positionals.count == 2 && positionals.contains("/dev/null") {
        fail("un fichier ajouté ou supprimé (/dev/null) ne se compare que dans un dépôt git, avec --chemin (git difftool)")
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
    writeResult(render(report, format, color: color, toFile: parsed[.sortie] != nil), to: parsed[.sortie], named: positionals)
    if parsed.has(.sortieCode) { return report.changes.isEmpty ? 0 : 1 }
    return 0
}

/// A report in the chosen format; the text in colours only on a terminal, never into a file.
func render(_ report: DiffReport, _ format: DiffFormat, color: Bool?, toFile: Bool) -> String {
    switch format {
    case .texte: return report.text(color: useColor(color ?? (toFile ? false : nil)))
    case .markdown: return report.markdown()
    case .json: return report.json()
    case .html: return report.html()
    }
}

/// `git difftool` (`copc diff --chemin "$MERGED" "$LOCAL" "$REMOTE"`) inside a repository:
/// the two copies git made (either may be /dev/null: a file added or deleted), the place of
/// the file from the top, the working tree's own file recognised. Nil outside a repository.
func difftoolCall(_ args: ArraySlice<String>, chemin: String) -> FileDiffRequest? {
    let cwd = FileSystem.realPath(".") ?? FileSystem.currentDirectory()
    let place = Paths.normalize(Paths.join(cwd, chemin))
    let folder = Paths.directory(of: place)
    guard let realFolder = FileSystem.realPath(FileSystem.kind(folder) == .directory ? folder : cwd),
          let repo = try? GitRepository.discover(from: realFolder),
          let top = FileSystem.realPath(repo.top) else { return nil }
    let target = Paths.join(realFolder, Paths.lastComponent(of: place))
    guard Paths.isInside(target, top) else { return nil }
    let path = Array(Paths.relative(target, to: top).utf8)
    // The two copies, by their bytes (a name need not be UTF-8).
    let raw = positionalIndices(args).map(rawArgument)
    guard raw.count == 2 else { return nil }
    failureHandler = { message in
        writeOut("copc diff — \(Escaping.controls(chemin)) : comparaison impossible : \(Escaping.controls(message))\n")
        exit(0)
    }
    func isWorktree(_ file: [UInt8]) -> Bool {
        guard let s = String(validating: file, as: UTF8.self), let real = FileSystem.realPath(s) else { return false }
        return real == target
    }
    var call = ExternalDiffCall(path: path, oldFile: raw[0], oldId: ".", newFile: isWorktree(raw[1]) ? path : raw[1], newId: ".")
    func content(_ file: [UInt8]) -> [UInt8]? {
        if file == ExternalDiffCall.devNull { return nil }
        if file == path, let t = try? repo.readWorktree(path) { return t }
        do { return try GitRepository.readFile(file) } catch { fail("lecture impossible de \(GitRepository.displayPath(file)) : \(error.message)") }
    }
    let old = content(call.oldFile), new = content(call.newFile)
    if old == nil { call.oldFile = ExternalDiffCall.devNull }
    let (ro, rn) = locate(call, repo, old: old, new: new) ?? (nil, nil)
    let shown = GitRepository.displayPath(path)
    return FileDiffRequest(repo: repo, path: path, newPath: path, shownOld: "a/" + shown, shownNew: "b/" + shown,
                           old: DriverSide(bytes: old, revision: ro), new: DriverSide(bytes: new, revision: rn), renameHeader: nil)
}

/// The indices in `args` of the positional arguments, as `CommandSpec.parse` reads them.
func positionalIndices(_ args: ArraySlice<String>) -> [Int] {
    var out: [Int] = []
    var k = args.startIndex
    var onlyPositionals = false
    while k < args.endIndex {
        let a = args[k]
        if onlyPositionals || !a.hasPrefix("-") || a == "-" { out.append(k) }
        else if a == "--" { onlyPositionals = true }
        else if !a.contains("="), diffCommand.options.contains(where: { $0.names.contains(a) && $0.takesValue }) { k += 1 }
        k += 1
    }
    return out
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
    return DiffReport.versions(contract, from: fromVersion, to: toVersion, files: result.fileTable)
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
    /// The avenant's number in its contract's chain (nil for a contract).
    var number: Int? = nil
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
    return DraftSide(version: contract.versions[k + 1], result: result, contract: contract, avenants: [contract.avenants[k]], number: k + 1)
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
                      changes: changes, clauseTexts: DiffReport.clauseTexts(of: b.avenants, files: b.result.fileTable),
                      avenants: zip(b.avenants, [b.number ?? 0]).map { DiffAvenant($0, number: $1, files: b.result.fileTable) })
}
