/// The workspace root: the folder that bounds what a check may read (`utilise` never opens a
/// file outside it, folder walks never follow a link out of it).
///
/// The rule, the same for the command line and the language server, and independent of the
/// folder copc is run from: starting from the folder given (or the folder of the file given),
/// after resolving links, the nearest folder — itself or an ancestor — that holds a marker,
/// `copc.toml` or `.git` (a repository's root; a file in a Git worktree); without a marker,
/// the starting folder itself. Documented in the README (« Espace de travail ») and
/// grammar/DECISIONS.md.
public enum WorkspaceRoot {
    /// Names whose presence makes a folder a workspace root.
    public static let markers = ["copc.toml", ".git"]

    /// The workspace root of `path` (a file or a folder), absolute and symlink-free; `nil`
    /// when `path` does not exist.
    public static func of(_ path: String) -> String? {
        guard let real = FileSystem.realPath(path) else { return nil }
        let start = FileSystem.kind(real) == .directory ? real : Paths.directory(of: real)
        return enclosing(start)
    }

    /// The workspace root for an absolute, symlink-free folder that exists.
    public static func enclosing(_ folder: String) -> String {
        var dir = folder
        while true {
            for m in markers where FileSystem.entryExists(Paths.join(dir, m)) { return dir }
            if dir == "/" { return folder }
            dir = Paths.directory(of: dir)
        }
    }
}
