import CopcSource
import CopcDiagnostics

/// The workspaces one check reads: the root of each folder (`WorkspaceRoot`, found once per
/// folder), the configuration of each root (`WorkspaceConfig`, read once), the folder walks
/// with that configuration's exclusions, and what the search met that must be reported —
/// untrusted markers (COP004), problems in a `copc.toml` (COP003), entries a walk could not
/// read (COP001).
final class Workspaces {
    let trust: WorkspaceTrust
    private var byFolder: [String: WorkspaceRoot.Resolution] = [:]
    private var markers: [String: String] = [:]
    private var configs: [String: WorkspaceConfig] = [:]
    /// Roots whose configuration was read, in order.
    private var configOrder: [String] = []
    private var untrusted: [WorkspaceRoot.UntrustedMarker] = []
    private var untrustedSeen = Set<String>()
    /// Entries walks could not read, in order, once each.
    private(set) var skipped: [FileSystem.Skipped] = []
    private var skippedSeen = Set<String>()

    init(trust: WorkspaceTrust = .current) {
        self.trust = trust
    }

    /// The root of `path` (a file or a folder); `nil` when it does not exist.
    func root(of path: String) -> String? {
        guard let real = FileSystem.realPath(path) else { return nil }
        return root(folder: FileSystem.kind(real) == .directory ? real : Paths.directory(of: real))
    }

    /// The root of an absolute, symlink-free folder.
    func root(folder: String) -> String {
        resolution(folder: folder).root
    }

    /// The root of a folder holding an editor's document: the command line's, when a trusted
    /// marker makes it; without one, the workspace folder the editor opened, when it holds
    /// `folder` (a drafter who opens a folder names the workspace).
    func root(folder: String, editorFolder: String?) -> String {
        let r = resolution(folder: folder)
        guard r.marker == nil, let editorFolder, Paths.isInside(folder, editorFolder) else { return r.root }
        return editorFolder
    }

    private func resolution(folder: String) -> WorkspaceRoot.Resolution {
        if let r = byFolder[folder] { return r }
        let r = WorkspaceRoot.resolve(folder: folder, trust: trust)
        byFolder[folder] = r
        for u in r.untrusted where untrustedSeen.insert(u.path).inserted { untrusted.append(u) }
        if let m = r.marker { markers[r.root] = m }
        return r
    }

    /// The configuration of a root found by `root(of:)`.
    func config(of root: String) -> WorkspaceConfig {
        if let c = configs[root] { return c }
        let c = WorkspaceConfig.load(root: root, marker: markers[root])
        configs[root] = c
        configOrder.append(root)
        return c
    }

    /// The `.cop` files below `dir` (in the workspace rooted at `root`), the root's exclusions
    /// applied; what could not be read is kept for `diagnostics`.
    func walk(_ dir: String, recursive: Bool = true, root: String) throws(FileSystem.IOError) -> [String] {
        let w = try FileSystem.walk(dir, recursive: recursive, within: root, excluding: config(of: root).excluded)
        for s in w.skipped where skippedSeen.insert(s.path).inserted { skipped.append(s) }
        return w.files
    }

    /// What must be reported: COP004 for each untrusted marker met, COP003 for each problem of
    /// a configuration read, COP001 for each entry a walk left out; `display` gives the path
    /// shown for an absolute or walked path.
    func notices(display: (String) -> String) -> [WorkspaceNotice] {
        untrustedNotices(untrusted, display: display) + configurationNotices(configOrder, display: display)
            + skippedNotices(skipped, display: display)
    }

    /// What concerns the context of one file (an editor's document): the untrusted markers
    /// passed over finding the root of its folder, the problems of that root's configuration,
    /// the entries not read below `trees` (the folders of its contract, walked whole; the
    /// folders above, searched for headers only, are not its concern — as for a named file).
    func notices(folder: String, root: String, trees: Set<String>, display: (String) -> String) -> [WorkspaceNotice] {
        _ = config(of: root)
        return untrustedNotices(resolution(folder: folder).untrusted, display: display)
            + configurationNotices([root], display: display)
            + skippedNotices(skipped, display: display).filter { n in trees.contains { Paths.isInside(n.path, $0) } }
    }

    private func untrustedNotices(_ markers: [WorkspaceRoot.UntrustedMarker], display: (String) -> String) -> [WorkspaceNotice] {
        markers.map { u in
            let folder = Paths.directory(of: u.path)
            return WorkspaceNotice(Diagnostic(.untrustedWorkspaceMarker(name: Paths.lastComponent(of: u.path), owner: u.owner,
                                                                         folder: PathBytes.shown(folder)), path: display(u.path)), u.path)
        }
    }

    private func configurationNotices(_ roots: [String], display: (String) -> String) -> [WorkspaceNotice] {
        var out: [WorkspaceNotice] = []
        for root in roots {
            let config = Paths.join(root, WorkspaceConfig.fileName)
            for p in configs[root]?.problems ?? [] {
                out.append(WorkspaceNotice(Diagnostic(.invalidConfiguration(line: p.line, column: p.column, p.problem), path: display(config)), config))
            }
        }
        return out
    }

    private func skippedNotices(_ entries: [FileSystem.Skipped], display: (String) -> String) -> [WorkspaceNotice] {
        let cwd = FileSystem.currentDirectory()
        return entries.map { s in
            let absolute = s.path.hasPrefix("/") ? s.path : Paths.normalize(Paths.join(cwd, s.path))
            return WorkspaceNotice(Diagnostic(.entryNotRead(reason: s.reason), path: display(s.path)), absolute)
        }
    }
}

/// A diagnostic about the workspace rather than a file's text (COP001 entry not read, COP003,
/// COP004), with the absolute path it is about (for `CheckResult.realPaths`: the editor names
/// files by absolute URI).
public struct WorkspaceNotice: Hashable, Sendable {
    public let diagnostic: Diagnostic
    public let path: String

    init(_ diagnostic: Diagnostic, _ path: String) {
        self.diagnostic = diagnostic
        self.path = path
    }
}
