import CopcSource
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder copc writes a tree of files into (`copc site -o DIR`), and nothing outside it.
///
/// The folder is opened once (created if missing; refused when it is a symbolic link or not a
/// folder), and every file below it is reached from that descriptor, component by component,
/// with `openat`/`mkdirat`/`renameat`/`unlinkat` and `O_NOFOLLOW`: a link planted in the tree
/// (even one swapped in while copc runs) is refused, never followed. Paths are relative and
/// made of plain components (no `.`, `..`, empty or hidden name). A file is
/// written to an exclusive temporary beside it, then renamed over the old one, so a reader
/// never sees it half written.
public final class OutputFolder {
    public let path: String
    private let fd: Int32

    /// Opens `path`, creating it (and nothing above it) when it does not exist.
    public init(_ path: String) throws(FileSystem.IOError) {
        var st = stat()
        if FileSystem.cLstat(path, &st) != 0 {
            guard errno == ENOENT else { throw FileSystem.IOError(message: FileSystem.lastError()) }
            let made = PathBytes.withCString(path) { mkdir($0, 0o755) }
            guard made == 0 else { throw FileSystem.IOError(message: FileSystem.lastError()) }
        } else if st.st_mode & S_IFMT == S_IFLNK {
            throw FileSystem.IOError(message: "c'est un lien symbolique ; donnez le dossier lui-même")
        } else if st.st_mode & S_IFMT != S_IFDIR {
            throw FileSystem.IOError(message: "ce n'est pas un dossier")
        }
        let opened = FileSystem.cOpen(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard opened >= 0 else { throw FileSystem.IOError(message: FileSystem.lastError()) }
        self.path = path
        self.fd = opened
    }

    deinit { close(fd) }

    /// Whether `relative` is a path this folder accepts: components of letters, digits, `.`,
    /// `-` and `_`, none empty and none starting with `.` (so neither `.` nor `..`).
    public static func isPlain(_ relative: String) -> Bool {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty else { return false }
        for p in parts {
            guard !p.isEmpty, p.first != ".", p.utf8.allSatisfy({ b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x2D || b == 0x5F
            }) else { return false }
        }
        return true
    }

    /// The descriptor of the folder holding `relative` (created as needed), and its last name.
    private func parent(of relative: String, create: Bool) throws(FileSystem.IOError) -> (Int32, String) {
        guard OutputFolder.isPlain(relative) else { throw FileSystem.IOError(message: "chemin refusé : \(relative)") }
        var parts = relative.split(separator: "/").map(String.init)
        let name = parts.removeLast()
        var dir = dup(fd)
        guard dir >= 0 else { throw FileSystem.IOError(message: FileSystem.lastError()) }
        for p in parts {
            if create {
                let made = PathBytes.withCString(p) { mkdirat(dir, $0, 0o755) }
                if made != 0 && errno != EEXIST {
                    let e = FileSystem.lastError()
                    close(dir)
                    throw FileSystem.IOError(message: e)
                }
            }
            let next = FileSystem.cOpenat(dir, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let failure = errno
            close(dir)
            guard next >= 0 else {
                throw FileSystem.IOError(message: failure == ELOOP || failure == ENOTDIR
                                         ? "« \(p) » n'est pas un dossier (lien symbolique ?), refusé" : String(cString: strerror(failure)))
            }
            dir = next
        }
        return (dir, name)
    }

    /// Writes `bytes` at `relative` (folders created), through an exclusive temporary renamed
    /// over the old file; an existing entry that is not a regular file is refused.
    public func write(_ relative: String, _ bytes: [UInt8]) throws(FileSystem.IOError) {
        let (dir, name) = try parent(of: relative, create: true)
        defer { close(dir) }
        var st = stat()
        let found = PathBytes.withCString(name) { fstatat(dir, $0, &st, AT_SYMLINK_NOFOLLOW) } == 0
        if found && st.st_mode & S_IFMT != S_IFREG {
            throw FileSystem.IOError(message: "« \(relative) » existe et n'est pas un fichier ordinaire, refusé")
        }
        var temporary = ""
        var out: Int32 = -1
        for _ in 0..<100 {
            let r = UInt64.random(in: .min ... .max)
            temporary = "." + name + FileSystem.temporaryMarker + "\(getpid())-" + String(r, radix: 16)
            out = PathBytes.withCString(temporary) { openat(dir, $0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644) }
            if out >= 0 || errno != EEXIST { break }
        }
        guard out >= 0 else { throw FileSystem.IOError(message: FileSystem.lastError()) }
        let written = bytes.withUnsafeBytes { FileSystem.writeAll(out, $0) }
        close(out)
        guard written else {
            _ = PathBytes.withCString(temporary) { unlinkat(dir, $0, 0) }
            throw FileSystem.IOError(message: FileSystem.lastError())
        }
        let renamed = PathBytes.withCString(temporary) { t in PathBytes.withCString(name) { n in renameat(dir, t, dir, n) } }
        guard renamed == 0 else {
            let e = FileSystem.lastError()
            _ = PathBytes.withCString(temporary) { unlinkat(dir, $0, 0) }
            throw FileSystem.IOError(message: e)
        }
    }

    /// Whether the folder holds nothing.
    public var isEmpty: Bool {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else { return false }
        defer { closedir(dir) }
        rewinddir(dir)
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { return false }
        }
        return true
    }

    /// Whether a regular file is at `relative` (links not followed).
    public func exists(_ relative: String) -> Bool {
        guard let (dir, name) = try? parent(of: relative, create: false) else { return false }
        defer { close(dir) }
        var st = stat()
        return PathBytes.withCString(name) { fstatat(dir, $0, &st, AT_SYMLINK_NOFOLLOW) } == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    /// The bytes of the regular file at `relative`, or `nil` when there is none (or it is not
    /// a regular file, or cannot be read): links are not followed.
    public func read(_ relative: String, limit: Int = Limits.maxFileBytes) -> [UInt8]? {
        guard let (dir, name) = try? parent(of: relative, create: false) else { return nil }
        defer { close(dir) }
        let f = FileSystem.cOpenat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard f >= 0 else { return nil }
        defer { close(f) }
        return try? FileSystem.readAll(f, limit: limit)
    }

    /// Removes the regular file at `relative`, if there is one (never a folder or a link's
    /// target), and the folders that it leaves empty up to this one.
    public func remove(_ relative: String) {
        guard let (dir, name) = try? parent(of: relative, create: false) else { return }
        var st = stat()
        if PathBytes.withCString(name, { fstatat(dir, $0, &st, AT_SYMLINK_NOFOLLOW) }) == 0, st.st_mode & S_IFMT == S_IFREG {
            _ = PathBytes.withCString(name) { unlinkat(dir, $0, 0) }
        }
        close(dir)
        // Folders left empty, innermost first (rmdir refuses a folder that is not empty).
        var parts = relative.split(separator: "/").map(String.init).dropLast()
        while !parts.isEmpty {
            let folder = parts.joined(separator: "/")
            guard let (d, n) = try? parent(of: folder, create: false) else { return }
            let removed = PathBytes.withCString(n) { unlinkat(d, $0, AT_REMOVEDIR) }
            close(d)
            if removed != 0 { return }
            parts = parts.dropLast()
        }
    }
}
