#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `read(2)`, named apart from `FileSystem.read` (the method would shadow the C function).
private func posixRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buf, count)
}

/// The little of the file system copc needs, over POSIX calls (no Foundation: start-up time).
public enum FileSystem {
    public enum Kind { case file, directory, other, missing }

    public static func kind(_ path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The absolute, symlink-free path, or `nil` when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    public static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public struct IOError: Error {
        public let message: String
    }

    static func lastError() -> String { String(cString: strerror(errno)) }

    /// Reads a whole file.
    public static func read(_ path: String) throws(IOError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IOError(message: lastError()) }
        defer { close(fd) }
        var out: [UInt8] = []
        var st = stat()
        if fstat(fd, &st) == 0, st.st_size > 0 { out.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError(message: lastError())
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
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

    /// Writes a file through a temporary file and a rename, so that it is never left truncated.
    /// A file that already exists keeps its permissions.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(IOError) {
        let tmp = path + ".copc-tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw IOError(message: lastError()) }
        var existing = stat()
        if stat(path, &existing) == 0 { _ = fchmod(fd, existing.st_mode & 0o7777) }
        guard bytes.withUnsafeBytes({ writeAll(fd, $0) }) else {
            let m = lastError()
            close(fd)
            unlink(tmp)
            throw IOError(message: m)
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let m = lastError()
            unlink(tmp)
            throw IOError(message: m)
        }
        guard rename(tmp, path) == 0 else {
            let m = lastError()
            unlink(tmp)
            throw IOError(message: m)
        }
    }

    /// `*.cop` files below a directory (or only in it, when not `recursive`), sorted,
    /// skipping hidden folders and `.build`.
    public static func copFiles(under dir: String, recursive: Bool = true) throws(IOError) -> [String] {
        var out: [String] = []
        guard let d = opendir(dir) else { throw IOError(message: "\(dir) : \(lastError())") }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        closedir(d)
        for name in names.sorted() {
            let path = dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
            switch kind(path) {
            case .directory where recursive:
                out += (try? copFiles(under: path)) ?? []
            case .file where name.hasSuffix(".cop"):
                out.append(path)
            default: break
            }
        }
        return out
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
}

/// Path arithmetic on `/`-separated strings.
public enum Paths {
    /// Removes `.` and `..` components of an absolute path (without touching the disk).
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for c in path.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        return "/" + parts.joined(separator: "/")
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func join(_ a: String, _ b: String) -> String {
        if b.hasPrefix("/") { return b }
        if a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// Whether `path` is `root` or below it (both absolute and normalised).
    public static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// `path` relative to `base` when below it, else `path`.
    public static func relative(_ path: String, to base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
