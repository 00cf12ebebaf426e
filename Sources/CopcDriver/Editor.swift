import CopcSema

/// What the language server asks of the driver: which files belong with each open document,
/// and the check of those files through its long-lived source set.
///
/// `contexts(of:sources:)` is the one place the server learns contract membership: the same
/// rule as `copc check FICHIER` (`FileContext.survey`: the nearest declaration of the
/// document's contract, that declaration's avenants and bilans; a file elsewhere below the
/// root that redeclares the contract is not part of it).
public struct DocumentContexts {
    /// For each document, in the order given: the files checked with it (itself included),
    /// absolute and symlink-free, each with its workspace root, in the order of the survey.
    public let contexts: [[(real: String, root: String)]]
    /// Every file the survey found, in its order: a check depends on which files exist (an
    /// `utilise` that did not resolve may resolve once its file appears).
    public let surveyed: [String]
}

extension Driver {
    /// The files checked with each of `documents` (absolute, symlink-free paths, each with its
    /// workspace root, `WorkspaceRoot.of`): every `.cop` below the roots is surveyed through
    /// `sources` (a file on disk is read again only when its `lstat` changed), then each
    /// document gets the files of its contract by the rule of the command line.
    public static func contexts(of documents: [(real: String, root: String)], sources: SourceSet) -> DocumentContexts {
        let found = FileContext.survey(named: documents, explicit: documents, sources: sources)
        var sets = found.contexts.map { $0.files.union($0.bilans) }
        // An avenant or a bilan whose contract is not found is checked with the contracts of its
        // folder (each with its own files), as in a check of the folder: its COP209 can then
        // suggest the id the drafter probably meant.
        let kinds = Dictionary(found.entries.map { ($0.real, $0.model.kind) }, uniquingKeysWith: { a, _ in a })
        var neighbours: [(real: String, root: String)] = [], neighbourOf: [(document: Int, neighbour: Int)] = []
        for (i, doc) in documents.enumerated() where kinds[doc.real] == .avenant || kinds[doc.real] == .bilan {
            guard !sets[i].contains(where: { kinds[$0] == .contract }) else { continue }
            let folder = Paths.directory(of: doc.real)
            for e in found.entries where e.model.kind == .contract && e.root == doc.root && Paths.directory(of: e.real) == folder {
                neighbourOf.append((i, neighbours.count))
                neighbours.append((e.real, e.root))
            }
        }
        if !neighbours.isEmpty {
            let more = FileContext.survey(named: neighbours, explicit: neighbours, sources: sources)
            for (i, j) in neighbourOf { sets[i].formUnion(more.contexts[j].files.union(more.contexts[j].bilans)) }
        }
        let contexts = sets.map { all -> [(real: String, root: String)] in
            var out = found.entries.filter { all.contains($0.real) }.map { (real: $0.real, root: $0.root) }
            // A document that could not be read is still checked (its COP001 is its diagnostic).
            let rootOf = Dictionary(documents.map { ($0.real, $0.root) }, uniquingKeysWith: { a, _ in a })
            for f in all.sorted() where found.byReal[f] == nil { if let root = rootOf[f] { out.append((f, root)) } }
            return out
        }
        return DocumentContexts(contexts: contexts, surveyed: found.entries.map(\.real))
    }

    /// Checks `files` together (absolute, symlink-free paths, each read below its workspace
    /// root), through a long-lived source set: texts in memory over the disk, unchanged files
    /// from its cache. Displayed paths are relative to the set's base.
    public static func check(files: [(real: String, root: String)], sources: SourceSet, options: CheckOptions) -> CheckResult {
        let run = Loading(sources: sources)
        for (real, root) in files { run.load(real, root: root) }
        return run.finish(options: options)
    }
}
