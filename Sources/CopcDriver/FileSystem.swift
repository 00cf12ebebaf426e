#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CopcSource

/// `read(2)`, named apart from `FileSystem.read` (the method would shadow the C function).
private func posixRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buf, count)
}

/// The little of the file system copc needs, over POSIX calls (no Foundation: start-up time).
///
/// Safety rules (ARCHITECTURE.md, invariants): a file read for a workspace is opened component
/// by component below the workspace root without following links (`read(_:beneath:)`); a
/// file that is not a regular file is never read (no blocking on a FIFO); a file larger than
/// `Limits.maxFileBytes` is not read; a rewritten file goes through a temporary created
/// exclusively, never following links, and renamed over it (`writeAtomically`).
public enum FileSystem {
    public enum Kind { case file, directory, other, missing }

    public static func kind(_ path: String) -> Kind {
        var st = stat()
        guard cStat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Why `path` cannot be reached, in French, from the error of `stat` (for messages:
    /// « chemin introuvable », « boucle de liens symboliques »…).
    public static func whyUnreachable(_ path: String) -> String {
        var st = stat()
        if cStat(path, &st) == 0 { return "chemin accessible" }
        switch errno {
        case ELOOP: return "boucle de liens symboliques"
        case EACCES: return "accès refusé"
        case ENAMETOOLONG: return "chemin trop long"
        case ENOTDIR: return "chemin introuvable (un élément du chemin n'est pas un dossier)"
        default:
            var lst = stat()
            if cLstat(path, &lst) == 0 && lst.st_mode & S_IFMT == S_IFLNK { return "lien symbolique vers un chemin introuvable" }
            return "chemin introuvable"
        }
    }

    /// The absolute, symlink-free path, or `nil` when it does not exist. A name that is not
    /// UTF-8 is kept (`PathBytes`).
    public static func realPath(_ path: String) -> String? {
        guard let p = PathBytes.withCString(path, { realpath($0, nil) }) else { return nil }
        defer { free(p) }
        return decodedPath(p)
    }

    static func decodedPath(_ p: UnsafePointer<CChar>) -> String {
        PathBytes.decode(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
    }

    public static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return PathBytes.decode(buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) })
    }

    /// The program's arguments as paths: a name that is not UTF-8 is kept (`PathBytes`), where
    /// `CommandLine.arguments` would replace its bytes with U+FFFD and name another file.
    public static func arguments() -> [String] {
        (0..<Int(CommandLine.argc)).map { k in
            guard let p = CommandLine.unsafeArgv[k] else { return "" }
            return decodedPath(p)
        }
    }

    // System calls on paths that may hold bytes that are not UTF-8 (`PathBytes.encode`).
    static func cStat(_ path: String, _ st: inout stat) -> Int32 { PathBytes.withCString(path) { stat($0, &st) } }
    static func cLstat(_ path: String, _ st: inout stat) -> Int32 { PathBytes.withCString(path) { lstat($0, &st) } }
    static func cOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 { PathBytes.withCString(path) { open($0, flags, mode) } }
    static func cOpenat(_ dir: Int32, _ name: String, _ flags: Int32) -> Int32 { PathBytes.withCString(name) { openat(dir, $0, flags) } }
    static func cUnlink(_ path: String) -> Int32 { PathBytes.withCString(path) { unlink($0) } }
    static func cRename(_ from: String, _ to: String) -> Int32 {
        PathBytes.withCString(from) { f in PathBytes.withCString(to) { t in rename(f, t) } }
    }

    public struct IOError: Error {
        public let message: String
        /// Set when the file was not read because it is larger than the limit: its size.
        public var tooLarge: Int?

        public init(message: String, tooLarge: Int? = nil) {
            self.message = message
            self.tooLarge = tooLarge
        }
    }

    static func lastError() -> String { String(cString: strerror(errno)) }

    /// Reads a whole regular file of at most `limit` bytes.
    public static func read(_ path: String, limit: Int = Limits.maxFileBytes) throws(IOError) -> [UInt8] {
        let fd = cOpen(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw IOError(message: lastError()) }
        defer { close(fd) }
        return try readAll(fd, limit: limit)
    }

    /// Reads the file at `path`, which must lie below `root` (both absolute, normalised,
    /// symlink-free): every component below the root is opened with `openat` and `O_NOFOLLOW`,
    /// so that a link swapped in after the path was checked is refused rather than followed.
    /// Nothing outside the root is ever opened.
    public static func read(_ path: String, beneath root: String, limit: Int = Limits.maxFileBytes) throws(IOError) -> [UInt8] {
        let fd = try openBeneath(path, root)
        defer { close(fd) }
        return try readAll(fd, limit: limit)
    }

    /// The first `count` bytes (at most) of the file at `path` below `root`, opened as
    /// `read(_:beneath:)` does (a survey of its first element, `Survey`), and whether that is
    /// the whole file.
    public static func readPrefix(_ path: String, beneath root: String, count: Int) throws(IOError) -> (bytes: [UInt8], whole: Bool) {
        let fd = try openBeneath(path, root)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw IOError(message: lastError()) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw IOError(message: "pas un fichier ordinaire") }
        var out = [UInt8](repeating: 0, count: count)
        var n = 0
        while n < count {
            let got = out.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + n, count - n) }
            if got < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw IOError(message: lastError())
            }
            if got == 0 { break }
            n += got
        }
        out.removeSubrange(n...)
        // Whole when the read ended before the limit, or the file is exactly that long.
        return (out, n < count || Int(st.st_size) == n)
    }

    /// Opens the file at `path` below `root`, component by component, links not followed.
    static func openBeneath(_ path: String, _ root: String) throws(IOError) -> Int32 {
        guard Paths.isInside(path, root), path != root else { throw IOError(message: "hors de l'espace de travail") }
        let rest = Paths.components(Paths.relative(path, to: root))
        // A `..` would climb out of the root: only normalised paths are accepted.
        guard !rest.isEmpty, !rest.contains(where: { $0 == "." || $0 == ".." }) else {
            throw IOError(message: "hors de l'espace de travail")
        }
        var dirFD = cOpen(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw IOError(message: lastError()) }
        for (k, name) in rest.enumerated() {
            let last = k == rest.count - 1
            let flags = last ? O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY
                             : O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_DIRECTORY
            let next = cOpenat(dirFD, name, flags)
            let failure = errno
            close(dirFD)
            guard next >= 0 else {
                errno = failure
                throw IOError(message: failure == ELOOP ? "lien symbolique refusé sous l'espace de travail" : lastError())
            }
            dirFD = next
        }
        return dirFD
    }

    /// Reads an open descriptor to its end: a regular file only (a FIFO or a device would
    /// block or never end), refused unread beyond `limit` bytes.
    static func readAll(_ fd: Int32, limit: Int) throws(IOError) -> [UInt8] {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw IOError(message: lastError()) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw IOError(message: "pas un fichier ordinaire") }
        if st.st_size > limit { throw IOError(message: "fichier trop volumineux", tooLarge: Int(st.st_size)) }
        var out: [UInt8] = []
        if st.st_size > 0 { out.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw IOError(message: lastError())
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            // The size may have grown since fstat (or be reported as 0, as in /proc).
            if out.count > limit { throw IOError(message: "fichier trop volumineux", tooLarge: out.count) }
        }
        return out
    }

    /// Reads a stream (standard input) up to `limit` bytes: the bytes, and whether the stream
    /// ended (false when it holds more than `limit`; the rest is left unread). `nil` on a read
    /// error, with the bytes read so far.
    public static func readStream(_ fd: Int32, limit: Int) -> (bytes: [UInt8], ended: Bool, failed: Bool) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let want = min(chunk.count, limit + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return (bytes, false, true)
            }
            if n == 0 { return (bytes, true, false) }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return (bytes, false, false)
    }

    /// Copies the rest of `from` to `to` in bounded memory (an oversized input echoed back).
    @discardableResult
    public static func copyStream(from: Int32, to: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { posixRead(from, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            if n == 0 { return true }
            guard chunk.withUnsafeBytes({ writeAll(to, UnsafeRawBufferPointer(rebasing: $0[0..<n])) }) else { return false }
        }
    }

    /// Writes all of `buffer` to `fd`, retrying on interruption; false (with `errno` set) when
    /// the descriptor fails, for example a closed pipe.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var off = 0
        while off < buffer.count {
            let n = write(fd, buffer.baseAddress! + off, buffer.count - off)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            off += n
        }
        return true
    }

    // MARK: writing a file in place of another

    /// The marker of copc's temporary files: `.NAME.copc-tmp-PID-RANDOM` (and, before issue 9,
    /// `NAME.copc-tmp-PID`).
    static let temporaryMarker = ".copc-tmp-"

    /// `O_TMPFILE` (Linux): an unnamed file in a directory, given a name only once complete.
    static var unnamedFileFlag: Int32? {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        return 0o20000000 | O_DIRECTORY
        #else
        return nil
        #endif
    }

    /// A fresh, unpredictable temporary name next to `base` in `dir`; `base` is cut (at a
    /// character boundary) so that the name stays within NAME_MAX (255 bytes) even for the
    /// longest file names.
    static func temporaryName(_ dir: String, _ base: String) -> String {
        let r = UInt64.random(in: .min ... .max)
        var hex = String(r, radix: 16)
        hex = String(repeating: "0", count: 16 - hex.count) + hex
        let suffix = temporaryMarker + "\(getpid())-" + hex
        var kept = Substring(base)
        while 1 + kept.utf8.count + suffix.utf8.count > 255 { kept = kept.dropLast() }
        return Paths.join(dir, "." + kept + suffix)
    }

    /// Writes a file through a temporary file and a rename, so that it is never left truncated
    /// and a planted link is never followed.
    ///
    /// - The final link of `path`, if any, is followed: the link stays, its target is replaced.
    /// - The temporary is created exclusively: with `O_TMPFILE` where the system has it (an
    ///   unnamed file, named only between `linkat` and `rename`, so an interrupted run leaves
    ///   nothing behind), else under an unpredictable name with `O_CREAT|O_EXCL|O_NOFOLLOW`.
    /// - The replaced file keeps its permission bits, and its owner and group where the process
    ///   may set them (as root, or a group the user belongs to); when the owner or group cannot be
    ///   kept, the setuid and setgid bits are dropped, so that no one gets a set-id file they did
    ///   not have.
    /// - The rename gives the path a new file: other hard links to the old one keep the old text.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(IOError) {
        let target = realPath(path) ?? path
        let dir = Paths.directory(of: target)
        let base = Paths.lastComponent(of: target)
        var existing = stat()
        let exists = cLstat(target, &existing) == 0
        if exists && existing.st_mode & S_IFMT != S_IFREG { throw IOError(message: "pas un fichier ordinaire") }

        var fd: Int32 = -1
        var named: String?
        if let flag = unnamedFileFlag {
            fd = cOpen(dir, flag | O_WRONLY | O_CLOEXEC, 0o600)
        }
        if fd < 0 {
            for _ in 0..<100 {
                let name = temporaryName(dir, base)
                fd = cOpen(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                if fd >= 0 { named = name; break }
                if errno != EEXIST { break }
            }
            guard fd >= 0 else { throw IOError(message: lastError()) }
        }
        func fail(_ message: String) -> IOError {
            close(fd)
            if let named { _ = cUnlink(named) }
            return IOError(message: message)
        }
        guard bytes.withUnsafeBytes({ writeAll(fd, $0) }) else { throw fail(lastError()) }
        if exists {
            // Owner first (chown clears set-id bits), then the mode.
            var mode = existing.st_mode & 0o7777
            if fchown(fd, existing.st_uid, existing.st_gid) != 0 { _ = fchown(fd, UInt32.max, existing.st_gid) }
            var now = stat()
            if fstat(fd, &now) != 0 || now.st_uid != existing.st_uid || now.st_gid != existing.st_gid {
                mode &= ~(S_ISUID | S_ISGID)
            }
            if fchmod(fd, mode) != 0 { throw fail(lastError()) }
        } else {
            let mask = umask(0)
            umask(mask)
            _ = fchmod(fd, 0o666 & ~mask)
        }
        if fsync(fd) != 0 { throw fail(lastError()) }
        if named == nil {
            // Give the unnamed file a name (an unpredictable one, never an existing entry).
            var linked = false
            for _ in 0..<100 {
                let name = temporaryName(dir, base)
                if PathBytes.withCString(name, { linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, $0, AT_SYMLINK_FOLLOW) }) == 0 {
                    named = name
                    linked = true
                    break
                }
                if errno != EEXIST { break }
            }
            if !linked {
                // No /proc: write again through a named temporary.
                close(fd)
                try writeNamed(target, dir: dir, base: base, bytes, existing: exists ? existing : nil)
                return
            }
        }
        if close(fd) != 0 {
            let m = lastError()
            _ = cUnlink(named!)
            throw IOError(message: m)
        }
        guard cRename(named!, target) == 0 else {
            let m = lastError()
            _ = cUnlink(named!)
            throw IOError(message: m)
        }
        syncDirectory(dir)
    }

    /// `writeAtomically` without `O_TMPFILE`: a named temporary created exclusively.
    static func writeNamed(_ target: String, dir: String, base: String, _ bytes: [UInt8], existing: stat?) throws(IOError) {
        var fd: Int32 = -1
        var name = ""
        for _ in 0..<100 {
            name = temporaryName(dir, base)
            fd = cOpen(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw IOError(message: lastError()) }
        func fail() -> IOError {
            let m = lastError()
            close(fd)
            _ = cUnlink(name)
            return IOError(message: m)
        }
        guard bytes.withUnsafeBytes({ writeAll(fd, $0) }) else { throw fail() }
        if let existing {
            var mode = existing.st_mode & 0o7777
            if fchown(fd, existing.st_uid, existing.st_gid) != 0 { _ = fchown(fd, UInt32.max, existing.st_gid) }
            var now = stat()
            if fstat(fd, &now) != 0 || now.st_uid != existing.st_uid || now.st_gid != existing.st_gid {
                mode &= ~(S_ISUID | S_ISGID)
            }
            if fchmod(fd, mode) != 0 { throw fail() }
        } else {
            let mask = umask(0)
            umask(mask)
            _ = fchmod(fd, 0o666 & ~mask)
        }
        if fsync(fd) != 0 { throw fail() }
        close(fd)
        guard cRename(name, target) == 0 else {
            let m = lastError()
            _ = cUnlink(name)
            throw IOError(message: m)
        }
        syncDirectory(dir)
    }

    /// Makes a rename durable (best effort).
    static func syncDirectory(_ dir: String) {
        let d = cOpen(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if d >= 0 { _ = fsync(d); close(d) }
    }

    /// Removes the temporary files that an interrupted copc left in `dir`: regular files named
    /// with copc's marker, owned by the current user, whose creating process (the PID in the
    /// name) no longer runs — or, if it seems to (a reused PID), older than an hour.
    /// Returns the names removed.
    @discardableResult
    public static func removeStaleTemporaries(in dir: String) -> [String] {
        guard let d = PathBytes.withCString(dir, { opendir($0) }) else { return [] }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { decodedPath($0) }
            }
            if name.utf8.firstRange(of: temporaryMarker.utf8) != nil { names.append(name) }
        }
        closedir(d)
        var removed: [String] = []
        let me = geteuid()
        let now = time(nil)
        for name in names {
            let path = Paths.join(dir, name)
            var st = stat()
            guard cLstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == me else { continue }
            // The PID: the digits right after the marker.
            let tail = name.utf8[name.utf8.firstRange(of: temporaryMarker.utf8)!.upperBound...]
            guard let pid = Int32(String(decoding: tail.prefix { $0 &- 0x30 < 10 }, as: UTF8.self)), pid > 0 else { continue }
            let alive = kill(pid, 0) == 0 || errno == EPERM
            if pid == getpid() || (alive && now - st.st_mtim.tv_sec < 3600) { continue }
            if cUnlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    // MARK: finding .cop files

    struct DirectoryIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// An entry a walk had to leave out though it may hold a `.cop` file (an unreadable folder,
    /// a path too long for the system, a broken link, a link out of the workspace): the driver
    /// reports each one (COP001), so that a file is never left out silently.
    public struct Skipped: Hashable, Sendable {
        /// The entry as walked (below the folder given).
        public let path: String
        /// Why, in French (« dossier illisible (accès refusé) »).
        public let reason: String
    }

    /// What a folder walk found.
    public struct Walk: Sendable {
        /// `.cop` files, in walk order.
        public var files: [String] = []
        /// Entries left out, in walk order.
        public var skipped: [Skipped] = []
    }

    /// `*.cop` files below a directory: `walk(_:recursive:within:excluding:)`'s files.
    public static func copFiles(under dir: String, recursive: Bool = true, within root: String? = nil) throws(IOError) -> [String] {
        try walk(dir, recursive: recursive, within: root).files
    }

    /// `*.cop` files below a directory (or only in it, when not `recursive`), in sorted order
    /// (bytes), skipping hidden entries (a name starting with `.`) and the folders `excluding`
    /// (absolute, symlink-free: a workspace's `exclure`; the folder given itself is always
    /// walked). No directory is visited twice (device and inode), so links between folders
    /// never make the walk loop; with `root`, a symbolic link (to a folder or to a file) is
    /// followed only when its target lies inside `root`. Names that are not UTF-8 are read
    /// (`PathBytes`). What cannot be read is listed in `skipped`, never dropped silently.
    public static func walk(_ dir: String, recursive: Bool = true, within root: String? = nil,
                            excluding: Set<String> = []) throws(IOError) -> Walk {
        var visited = Set<DirectoryIdentity>()
        var st = stat()
        guard cStat(dir, &st) == 0 else { throw IOError(message: "\(PathBytes.shown(dir)) : \(frenchError(errno))") }
        visited.insert(DirectoryIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)))
        var out = Walk()
        // Folders reached through a link are walked after the real tree, so that a real folder
        // is always found under its own name, whatever the names of the links to it.
        var linked: [String] = []
        let real = excluding.isEmpty ? "" : (realPath(dir) ?? dir)
        var walker = Walker(recursive: recursive, root: root, excluding: excluding)
        try walker.walk(dir, real: real, visited: &visited, linked: &linked, into: &out, top: true)
        var k = 0
        while k < linked.count {
            var lst = stat()
            if cStat(linked[k], &lst) == 0,
               visited.insert(DirectoryIdentity(device: UInt64(lst.st_dev), inode: UInt64(lst.st_ino))).inserted {
                walker.recursive = true
                let r = excluding.isEmpty ? "" : (realPath(linked[k]) ?? linked[k])
                if excluding.contains(r) { k += 1; continue }
                try walker.walk(linked[k], real: r, visited: &visited, linked: &linked, into: &out, top: false)
            }
            k += 1
        }
        return out
    }

    struct Walker {
        var recursive: Bool
        let root: String?
        let excluding: Set<String>

        func walk(_ dir: String, real: String, visited: inout Set<DirectoryIdentity>,
                  linked: inout [String], into out: inout Walk, top: Bool) throws(IOError) {
            guard let d = PathBytes.withCString(dir, { opendir($0) }) else {
                let why = frenchError(errno)
                if top { throw IOError(message: "\(PathBytes.shown(dir)) : \(why)") }
                out.skipped.append(Skipped(path: dir, reason: "dossier illisible (\(why))"))
                return
            }
            var names: [(name: String, bytes: [UInt8], type: UInt8)] = []
            while let entry = readdir(d) {
                let bytes = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: UInt8.self, capacity: 256) { Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)))) }
                }
                // Hidden entries (`.git`, `.env`, `.`, `..`) are never read.
                guard let first = bytes.first, first != UInt8(ascii: ".") else { continue }
                names.append((PathBytes.decode(bytes), bytes, entry.pointee.d_type))
            }
            closedir(d)
            // Entries in sorted order (bytes): a `.cop` file, or a real subfolder (walked in place,
            // pre-order).
            names.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
            var entries: [(path: String, real: String, folder: DirectoryIdentity?)] = []
            for (name, _, type) in names {
                let path = dir == "." ? name : Paths.join(dir, name)
                let isCop = name.hasSuffix(".cop")
                // What the entry may hold: a `.cop` file, or (recursively) a folder.
                let mayMatter = isCop || (recursive && (type == DT_DIR || type == DT_LNK || type == DT_UNKNOWN))
                var lst = stat()
                guard cLstat(path, &lst) == 0 else {
                    if mayMatter { out.skipped.append(Skipped(path: path, reason: unreachable(errno))) }
                    continue
                }
                var st = lst
                let isLink = lst.st_mode & S_IFMT == S_IFLNK
                let entryReal = real.isEmpty ? "" : Paths.join(real, name)
                if isLink {
                    guard cStat(path, &st) == 0 else {
                        if isCop { out.skipped.append(Skipped(path: path, reason: "lien symbolique vers un chemin introuvable")) }
                        continue
                    }
                    let isFile = st.st_mode & S_IFMT == S_IFREG
                    let matters = isCop && isFile || recursive && st.st_mode & S_IFMT == S_IFDIR
                    if let root, matters {
                        guard let target = realPath(path), Paths.isInside(target, root) else {
                            out.skipped.append(Skipped(path: path, reason: "lien symbolique qui sort de l'espace de travail : non suivi"))
                            continue
                        }
                        // A link `annuaire.cop → .git/config`: the target must itself be a `.cop`
                        // file out of any hidden folder, as `utilise` requires.
                        guard Paths.isVisible(Paths.relative(target, to: root)), !isFile || target.hasSuffix(".cop") else {
                            out.skipped.append(Skipped(path: path, reason: "lien symbolique vers un fichier caché ou qui n'est pas un .cop : non suivi"))
                            continue
                        }
                    }
                }
                switch st.st_mode & S_IFMT {
                case S_IFDIR where recursive:
                    if !isLink && excluding.contains(entryReal) { continue }
                    if isLink { linked.append(path) }
                    else { entries.append((path, entryReal, DirectoryIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)))) }
                case S_IFREG where isCop:
                    entries.append((path, entryReal, nil))
                default: break
                }
            }
            // Real subfolders are marked visited before any is walked (a link inside one may lead to
            // a sibling); a folder already visited is skipped (device and inode).
            var fresh = Set<String>()
            for e in entries { if let id = e.folder, visited.insert(id).inserted { fresh.insert(e.path) } }
            for e in entries {
                if e.folder == nil { out.files.append(e.path) }
                else if fresh.contains(e.path) {
                    try walk(e.path, real: e.real, visited: &visited, linked: &linked, into: &out, top: false)
                }
            }
        }

        func unreachable(_ code: Int32) -> String {
            code == ENAMETOOLONG ? "chemin trop long pour le système : non lu" : "\(frenchError(code)) : non lu"
        }
    }

    /// A system error in French, for messages (the usual ones; others as the system words them).
    public static func frenchError(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "accès refusé"
        case ENOENT: return "chemin introuvable"
        case ENOTDIR: return "un élément du chemin n'est pas un dossier"
        case ELOOP: return "boucle de liens symboliques"
        case ENAMETOOLONG: return "chemin trop long"
        case EMFILE, ENFILE: return "trop de fichiers ouverts"
        case EIO: return "erreur d'entrée-sortie"
        default: return String(cString: strerror(code))
        }
    }

    /// Today in local time.
    public static func today() -> (year: Int, month: Int, day: Int) {
        var t = time(nil)
        var tmv = tm()
        localtime_r(&t, &tmv)
        return (Int(tmv.tm_year) + 1900, Int(tmv.tm_mon) + 1, Int(tmv.tm_mday))
    }

    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

    public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    /// Whether something (a file, a folder, a link, even broken) is named `path`.
    public static func entryExists(_ path: String) -> Bool {
        var st = stat()
        return cLstat(path, &st) == 0
    }
}

/// Path arithmetic on `/`-separated paths, on their UTF-8 bytes: two names are the same only
/// when their bytes are (`café` in NFC and in NFD are two different folders, as for the
/// kernel), and a `/` is always a separator, even before a combining mark.
public enum Paths {
    static let slash = UInt8(ascii: "/")

    /// The non-empty components of a path, as the kernel splits it.
    public static func components(_ path: String) -> [String] {
        path.utf8.split(separator: slash).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Removes `.` and `..` components of an absolute path (without touching the disk).
    public static func normalize(_ path: String) -> String {
        var parts: [Substring.UTF8View] = []
        for c in path.utf8.split(separator: slash) {
            if c.elementsEqual(".".utf8) { continue }
            if c.elementsEqual("..".utf8) { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        var out: [UInt8] = []
        for p in parts { out.append(slash); out.append(contentsOf: p) }
        return out.isEmpty ? "/" : String(decoding: out, as: UTF8.self)
    }

    public static func directory(of path: String) -> String {
        let bytes = Array(path.utf8)
        guard let k = bytes.lastIndex(of: slash) else { return "." }
        if k == 0 { return "/" }
        return String(decoding: bytes[..<k], as: UTF8.self)
    }

    /// The last component of a path (`c.cop` for `/a/b/c.cop`).
    public static func lastComponent(of path: String) -> String {
        let bytes = Array(path.utf8)
        guard let k = bytes.lastIndex(of: slash) else { return path }
        return String(decoding: bytes[(k + 1)...], as: UTF8.self)
    }

    public static func join(_ a: String, _ b: String) -> String {
        if b.utf8.first == slash { return b }
        if a == "." { return b }
        return a.utf8.last == slash ? a + b : a + "/" + b
    }

    /// Whether `path` is `root` or below it (both absolute, normalised and, for a security
    /// decision, symlink-free), comparing bytes, component by component.
    public static func isInside(_ path: String, _ root: String) -> Bool {
        var r = Array(root.utf8)
        while r.count > 1 && r.last == slash { r.removeLast() }
        let p = Array(path.utf8)
        if r == [slash] { return p.first == slash }
        guard p.count >= r.count, p[..<r.count].elementsEqual(r) else { return false }
        return p.count == r.count || p[r.count] == slash
    }

    /// Whether no component of `path` but `.` and `..` starts with a dot (a hidden file or folder).
    public static func isVisible(_ path: String) -> Bool {
        !components(path).contains { $0 != "." && $0 != ".." && $0.hasPrefix(".") }
    }

    /// `path` relative to `base` when below it (bytes, component by component), else `path`.
    public static func relative(_ path: String, to base: String) -> String {
        guard isInside(path, base), path.utf8.count > base.utf8.count else { return path }
        var b = Array(base.utf8)
        while b.count > 1 && b.last == slash { b.removeLast() }
        let rest = Array(path.utf8).dropFirst(b == [slash] ? 1 : b.count + 1)
        return String(decoding: rest, as: UTF8.self)
    }
}
