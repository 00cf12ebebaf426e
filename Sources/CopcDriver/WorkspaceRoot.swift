#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CopcSource

/// The workspace root: the folder that bounds what a check may read (`utilise` never opens a
/// file outside it, folder walks never follow a link out of it).
///
/// The rule, the same for the command line and the language server, and independent of the
/// folder copc is run from: starting from the folder given (or the folder of the file given),
/// after resolving links, the nearest folder — itself or an ancestor — that holds a *trusted*
/// marker, `copc.toml` or `.git` (a repository's root; a file in a Git worktree); without one,
/// the starting folder itself. A marker is trusted when it and the folder holding it belong to
/// the current user or to root, or when that folder is listed in `COPC_REPERTOIRES_SURS`
/// (`WorkspaceTrust`): a marker planted in a shared ancestor (`/tmp/copc.toml`) must not widen
/// what copc reads (git's `safe.directory`, CVE-2022-24765). An untrusted marker is passed
/// over and reported (COP004). Documented in the README (« Espace de travail ») and
/// grammar/DECISIONS.md.
public enum WorkspaceRoot {
    /// Names whose presence makes a folder a workspace root.
    public static let markers = ["copc.toml", ".git"]

    /// A marker passed over because it belongs to someone else.
    public struct UntrustedMarker: Hashable, Sendable {
        /// The marker (absolute: `/tmp/copc.toml`).
        public let path: String
        /// The owner of the marker or of its folder, whichever is not trusted.
        public let owner: UInt32

        public init(path: String, owner: UInt32) {
            self.path = path
            self.owner = owner
        }
    }

    /// Where the search for a root ended.
    public struct Resolution: Hashable, Sendable {
        /// The root, absolute and symlink-free.
        public let root: String
        /// The trusted marker that made it the root (`nil`: no marker, the starting folder).
        public let marker: String?
        /// Untrusted markers met on the way up, nearest first.
        public let untrusted: [UntrustedMarker]
    }

    /// The workspace root of `path` (a file or a folder), absolute and symlink-free; `nil`
    /// when `path` does not exist.
    public static func of(_ path: String, trust: WorkspaceTrust = .current) -> String? {
        resolve(path, trust: trust)?.root
    }

    /// The root of `path` with how it was found; `nil` when `path` does not exist.
    public static func resolve(_ path: String, trust: WorkspaceTrust = .current) -> Resolution? {
        guard let real = FileSystem.realPath(path) else { return nil }
        let start = FileSystem.kind(real) == .directory ? real : Paths.directory(of: real)
        return resolve(folder: start, trust: trust)
    }

    /// The workspace root for an absolute, symlink-free folder that exists.
    public static func enclosing(_ folder: String, trust: WorkspaceTrust = .current) -> String {
        resolve(folder: folder, trust: trust).root
    }

    /// The search itself, from an absolute, symlink-free folder.
    public static func resolve(folder: String, trust: WorkspaceTrust = .current) -> Resolution {
        var dir = folder
        var untrusted: [UntrustedMarker] = []
        while true {
            for m in markers {
                let marker = Paths.join(dir, m)
                guard FileSystem.entryExists(marker) else { continue }
                if let owner = trust.distrust(marker: marker, in: dir) {
                    untrusted.append(UntrustedMarker(path: marker, owner: owner))
                    continue
                }
                return Resolution(root: dir, marker: marker, untrusted: untrusted)
            }
            if dir == "/" { return Resolution(root: folder, marker: nil, untrusted: untrusted) }
            dir = Paths.directory(of: dir)
        }
    }
}

/// Whose workspace markers copc trusts: those of the current user and of root, and those of
/// the folders listed in `COPC_REPERTOIRES_SURS` (absolute paths separated by `:`, or `*` for
/// every folder), the opt-in for a repository owned by another account (a CI container, a
/// shared folder).
public struct WorkspaceTrust: Hashable, Sendable {
    /// The user copc runs as (effective uid).
    public var user: UInt32
    /// Folders whose markers are trusted whatever their owner (absolute, symlink-free).
    public var safeFolders: Set<String>
    /// Every marker is trusted (`COPC_REPERTOIRES_SURS=*`).
    public var everything: Bool

    /// The name of the environment variable.
    public static let variable = "COPC_REPERTOIRES_SURS"

    public init(user: UInt32, safeFolders: Set<String> = [], everything: Bool = false) {
        self.user = user
        self.safeFolders = safeFolders
        self.everything = everything
    }

    /// The trust of this process: its effective uid and `COPC_REPERTOIRES_SURS`.
    public static var current: WorkspaceTrust {
        var t = WorkspaceTrust(user: geteuid())
        guard let list = FileSystem.environment(variable) else { return t }
        for item in list.split(separator: ":") {
            let s = String(item).trimmingSpaces()
            if s == "*" { t.everything = true; continue }
            guard s.hasPrefix("/") else { continue }
            t.safeFolders.insert(FileSystem.realPath(s) ?? Paths.normalize(s))
        }
        return t
    }

    /// `nil` when the marker at `marker` (in the folder `dir`) is trusted, else the owner that
    /// is not: the marker's (`lstat`, a link is not followed) or its folder's.
    public func distrust(marker: String, in dir: String) -> UInt32? {
        if everything || safeFolders.contains(dir) { return nil }
        for path in [marker, dir] {
            var st = stat()
            guard FileSystem.cLstat(path, &st) == 0 else { return 0 }
            if st.st_uid != user && st.st_uid != 0 { return st.st_uid }
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        let s = unicodeScalars.drop { $0 == " " || $0 == "\t" }
        var t = Substring(String(s)).unicodeScalars
        while let last = t.last, last == " " || last == "\t" { t.removeLast() }
        return String(t)
    }
}
