#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CopcSource

/// Why git could not answer: not a repository, an unknown revision, git missing. The message
/// is French, for the user.
public struct GitError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// A regular file of a tree, of the index or of the working tree: its blob id (nil for a file
/// of the working tree, read from the disk) and its path from the top of the repository, as
/// git stores it — bytes, which need not be UTF-8.
public struct GitEntry: Hashable, Sendable {
    public let blob: String?
    public let path: [UInt8]

    public init(blob: String?, path: [UInt8]) {
        self.blob = blob
        self.path = path
    }

    /// The path as copc shows and keys it (`GitRepository.displayPath`).
    public var name: String { GitRepository.displayPath(path) }
}

/// One path changed by one commit, as `git log --raw` tells it (against the commit's first
/// parent): the blob before and after, `nil` when the path did not exist on that side.
public struct GitPathChange: Hashable, Sendable {
    public let commit: String
    public let parent: String?
    public let oldBlob: String?
    public let newBlob: String?
    public let path: [UInt8]
}

/// Where a text of a repository is read: a commit, the index, or the working tree.
public enum GitRevision: Hashable, Sendable {
    case commit(String)
    case index
    case worktree
}

/// Reads a git repository by running git itself (`git ls-tree`, `git cat-file --batch`,
/// `git ls-files`, `git log --raw`): no library, no shell. Git is spawned with
/// `posix_spawnp`, its arguments passed as an array; a revision given by the user is read
/// after `--end-of-options`, every path as a literal pathspec after `--`, and every blob or
/// commit id is checked to be hexadecimal before it is passed on — so nothing a user or a
/// repository writes is ever read by git as an option.
///
/// Contents are read as bytes; a file of the working tree is read below the top of the
/// working tree without following links.
public struct GitRepository: Sendable {
    /// The top of the working tree, absolute (as git prints it).
    public let top: String
    let topBytes: [UInt8]

    /// The repository that holds `folder` (git's own discovery from it), or why not.
    public static func discover(from folder: String) throws(GitError) -> GitRepository {
        let r = GitProcess.run([Array("-C".utf8), Array(folder.utf8), Array("rev-parse".utf8), Array("--show-toplevel".utf8)])
        guard r.status == 0 else {
            if r.status == GitProcess.notFound { throw GitError("git est introuvable (le programme « git » n'est pas dans le PATH)") }
            throw GitError("pas de dépôt git ici (\(GitProcess.firstLine(r.err)))")
        }
        var top = r.out
        while top.last == 0x0A || top.last == 0x0D { top.removeLast() }
        guard !top.isEmpty else { throw GitError("dépôt git sans arbre de travail (dépôt nu)") }
        return GitRepository(top: displayPath(top), topBytes: top)
    }

    /// The repository whose working tree's top is `top` (as git runs an external diff: from
    /// the top of the working tree).
    public init(top: String) {
        self.top = top
        self.topBytes = Array(top.utf8)
    }

    init(top: String, topBytes: [UInt8]) {
        self.top = top
        self.topBytes = topBytes
    }

    /// Runs `git -C TOP ARGS…`.
    func git(_ args: [[UInt8]], input: GitProcess.Input? = nil) -> GitProcess.Result {
        GitProcess.run([Array("-C".utf8), topBytes] + args, input: input)
    }

    func git(_ args: [String]) -> GitProcess.Result { git(args.map { Array($0.utf8) }) }

    /// The commit a revision names (`main`, `HEAD~2`, a tag, an id), as a full id.
    public func commit(_ revision: String) throws(GitError) -> String {
        let r = git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"])
        guard r.status == 0, let id = GitProcess.hexLine(r.out) else {
            throw GitError("révision inconnue « \(revision) »")
        }
        return id
    }

    /// The best common ancestor of two commits (`A...B` means it and B, as in git).
    public func mergeBase(_ a: String, _ b: String) throws(GitError) -> String {
        guard GitProcess.isHex(a), GitProcess.isHex(b) else { throw GitError("identifiant de commit invalide") }
        let r = git(["merge-base", a, b])
        guard r.status == 0, let id = GitProcess.hexLine(r.out) else {
            throw GitError("pas d'ancêtre commun entre les deux révisions")
        }
        return id
    }

    /// The regular files of a commit's tree (links, submodules left out).
    public func tree(_ commit: String) throws(GitError) -> [GitEntry] {
        guard GitProcess.isHex(commit) else { throw GitError("identifiant de commit invalide") }
        let r = git(["ls-tree", "-r", "-z", "--full-tree", commit])
        guard r.status == 0 else { throw GitError("lecture de l'arbre \(commit) impossible : \(GitProcess.firstLine(r.err))") }
        // `MODE SP TYPE SP ID TAB PATH NUL`
        var out: [GitEntry] = []
        for record in r.out.split(separator: 0) {
            guard let tab = record.firstIndex(of: 0x09) else { continue }
            let meta = record[record.startIndex..<tab].split(separator: 0x20)
            guard meta.count == 3, GitProcess.isRegularFile(meta[0]), meta[1].elementsEqual("blob".utf8) else { continue }
            out.append(GitEntry(blob: String(decoding: meta[2], as: UTF8.self), path: Array(record[(tab + 1)...])))
        }
        return out
    }

    /// The regular files of the index (stage 0: a path in conflict is left out).
    public func index() throws(GitError) -> [GitEntry] {
        let r = git(["ls-files", "-s", "-z", "--full-name"])
        guard r.status == 0 else { throw GitError("lecture de l'index impossible : \(GitProcess.firstLine(r.err))") }
        // `MODE SP ID SP STAGE TAB PATH NUL`
        var out: [GitEntry] = []
        for record in r.out.split(separator: 0) {
            guard let tab = record.firstIndex(of: 0x09) else { continue }
            let meta = record[record.startIndex..<tab].split(separator: 0x20)
            guard meta.count == 3, GitProcess.isRegularFile(meta[0]), meta[2].elementsEqual("0".utf8) else { continue }
            out.append(GitEntry(blob: String(decoding: meta[1], as: UTF8.self), path: Array(record[(tab + 1)...])))
        }
        return out
    }

    /// The files of the working tree git knows of: tracked (as long as they exist) and
    /// untracked but not ignored, as `git status` lists them.
    public func worktree() throws(GitError) -> [GitEntry] {
        let r = git(["ls-files", "-z", "--full-name", "--cached", "--others", "--exclude-standard"])
        guard r.status == 0 else { throw GitError("lecture de l'arbre de travail impossible : \(GitProcess.firstLine(r.err))") }
        var seen = Set<[UInt8]>()
        var out: [GitEntry] = []
        for record in r.out.split(separator: 0) where seen.insert(Array(record)).inserted {
            out.append(GitEntry(blob: nil, path: Array(record)))
        }
        return out
    }

    /// The contents of blobs, by id, through one `git cat-file --batch`. A blob larger than
    /// `limit` is not kept (it is in `tooLarge`); an id git does not know is left out.
    public func blobs(_ ids: [String], limit: Int = Limits.maxFileBytes) throws(GitError) -> (texts: [String: [UInt8]], tooLarge: [String: Int]) {
        var wanted: [String] = []
        var seen = Set<String>()
        for id in ids where seen.insert(id).inserted {
            guard GitProcess.isHex(id) else { throw GitError("identifiant d'objet invalide") }
            wanted.append(id)
        }
        if wanted.isEmpty { return ([:], [:]) }
        var texts: [String: [UInt8]] = [:]
        var tooLarge: [String: Int] = [:]
        var failure: GitError?
        let r = git([Array("cat-file".utf8), Array("--batch".utf8)], input: GitProcess.Input { send, reader in
            // One request, one answer: cat-file flushes after each object, so neither side waits.
            for id in wanted {
                guard send(Array((id + "\n").utf8)), let header = reader.line() else {
                    failure = GitError("git cat-file s'est arrêté")
                    return
                }
                // `ID SP TYPE SP SIZE LF`, or `ID SP missing LF`
                let fields = header.split(separator: 0x20)
                guard fields.count == 3, let size = Int(String(decoding: fields[2], as: UTF8.self)), size >= 0 else { continue }
                if size > limit {
                    guard reader.skip(size + 1) else { failure = GitError("git cat-file s'est arrêté"); return }
                    tooLarge[id] = size
                    continue
                }
                guard let body = reader.bytes(size + 1) else { failure = GitError("git cat-file s'est arrêté"); return }
                if fields[1].elementsEqual("blob".utf8) { texts[id] = Array(body.dropLast()) }
            }
        })
        if let failure { throw failure }
        guard r.status == 0 else { throw GitError("git cat-file a échoué : \(GitProcess.firstLine(r.err))") }
        return (texts, tooLarge)
    }

    /// The changes of `paths` in every commit reachable from a ref or HEAD, against each
    /// commit's first parent, renames not detected (a rename is a deletion and an addition).
    /// Merges are left out, as `git log -p` shows them by default.
    public func history(of paths: [[UInt8]]) throws(GitError) -> [GitPathChange] {
        var args: [[UInt8]] = ["log", "--all", "--no-renames", "--no-ext-diff", "--no-textconv", "--raw", "--no-abbrev", "-z",
                               "--format=%x01%H %P", "--"].map { Array($0.utf8) }
        args += paths
        let r = git(args)
        guard r.status == 0 else { throw GitError("lecture de l'historique impossible : \(GitProcess.firstLine(r.err))") }
        var out: [GitPathChange] = []
        // Commits start with 0x01: `HASH SP PARENTS NUL`, then `LF`, then records
        // `:MODE SP MODE SP ID SP ID SP STATUS NUL PATH NUL`.
        for chunk in r.out.split(separator: 0x01) {
            guard let nul = chunk.firstIndex(of: 0) else { continue }
            let head = chunk[chunk.startIndex..<nul].split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            guard let commit = head.first, GitProcess.isHex(commit) else { continue }
            let parent = head.count > 1 ? head[1] : nil
            var fields = chunk[(nul + 1)...].split(separator: 0, omittingEmptySubsequences: false).makeIterator()
            while let meta = fields.next() {
                let m = meta.drop { $0 == 0x0A }
                guard m.first == UInt8(ascii: ":"), let path = fields.next() else { continue }
                let parts = m.dropFirst().split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
                guard parts.count >= 5 else { continue }
                func blob(_ s: String) -> String? { s.allSatisfy { $0 == "0" } ? nil : s }
                out.append(GitPathChange(commit: commit, parent: parent, oldBlob: blob(parts[2]), newBlob: blob(parts[3]), path: Array(path)))
            }
        }
        return out
    }

    /// The regular files of a revision.
    public func files(_ revision: GitRevision) throws(GitError) -> [GitEntry] {
        switch revision {
        case .commit(let id): return try tree(id)
        case .index: return try index()
        case .worktree: return try worktree()
        }
    }

    /// The entry at `path` in a commit or the index (nil when there is none).
    public func entry(at path: [UInt8], in revision: GitRevision) throws(GitError) -> GitEntry? {
        let r: GitProcess.Result
        switch revision {
        case .commit(let id):
            guard GitProcess.isHex(id) else { throw GitError("identifiant de commit invalide") }
            r = git(["ls-tree", "-z", "--full-tree", id, "--"].map { Array($0.utf8) } + [path])
            guard r.status == 0 else { throw GitError("lecture de l'arbre \(id) impossible : \(GitProcess.firstLine(r.err))") }
            for record in r.out.split(separator: 0) {
                guard let tab = record.firstIndex(of: 0x09), record[(tab + 1)...].elementsEqual(path) else { continue }
                let meta = record[record.startIndex..<tab].split(separator: 0x20)
                guard meta.count == 3, GitProcess.isRegularFile(meta[0]) else { return nil }
                return GitEntry(blob: String(decoding: meta[2], as: UTF8.self), path: path)
            }
            return nil
        case .index:
            r = git(["ls-files", "-s", "-z", "--full-name", "--"].map { Array($0.utf8) } + [path])
            guard r.status == 0 else { throw GitError("lecture de l'index impossible : \(GitProcess.firstLine(r.err))") }
            for record in r.out.split(separator: 0) {
                guard let tab = record.firstIndex(of: 0x09), record[(tab + 1)...].elementsEqual(path) else { continue }
                let meta = record[record.startIndex..<tab].split(separator: 0x20)
                guard meta.count == 3, GitProcess.isRegularFile(meta[0]), meta[2].elementsEqual("0".utf8) else { return nil }
                return GitEntry(blob: String(decoding: meta[1], as: UTF8.self), path: path)
            }
            return nil
        case .worktree:
            return nil
        }
    }

    /// Whether the object database holds `id` (a text git handed out, rather than a draft).
    public func hasObject(_ id: String) -> Bool {
        guard GitProcess.isHex(id) else { return false }
        return git(["cat-file", "-e", id]).status == 0
    }

    /// The texts of `entries` (blobs through `cat-file`, files of the working tree from the
    /// disk), by path; what could not be read is named in `problems` (French).
    public func texts(of entries: [GitEntry]) -> (texts: [[UInt8]: [UInt8]], problems: [String]) {
        var texts: [[UInt8]: [UInt8]] = [:]
        var problems: [String] = []
        let ids = entries.compactMap(\.blob)
        var blobs: [String: [UInt8]] = [:]
        if !ids.isEmpty {
            do {
                let (found, large) = try self.blobs(ids)
                blobs = found
                for e in entries {
                    if let b = e.blob, let size = large[b] { problems.append("\(e.name) : fichier trop volumineux (\(size) octets), ignoré") }
                }
            } catch {
                problems.append(error.description)
            }
        }
        for e in entries {
            if let b = e.blob {
                if let t = blobs[b] { texts[e.path] = t }
                continue
            }
            do {
                texts[e.path] = try readWorktree(e.path)
            } catch {
                // A tracked file deleted from the working tree is not part of it: no problem.
                if error.message != String(cString: strerror(ENOENT)) { problems.append("\(e.name) : \(error.message)") }
            }
        }
        return (texts, problems)
    }

    /// The workspace root of `folder` (a path from the top, `""` for the top) among the files
    /// of one revision: the nearest folder, itself or an ancestor, that holds a `copc.toml`,
    /// else the top of the working tree — the rule of `WorkspaceRoot`, read in the revision
    /// rather than on the disk.
    public static func workspaceRoot(of folder: [UInt8], in files: [GitEntry]) -> [UInt8] {
        var markers = Set<[UInt8]>()
        let marker = Array("copc.toml".utf8)
        for e in files {
            let parts = e.path.split(separator: 0x2F, omittingEmptySubsequences: false)
            if let last = parts.last, last.elementsEqual(marker) { markers.insert(Array(e.path.dropLast(marker.count + (parts.count > 1 ? 1 : 0)))) }
        }
        var dir = folder
        while true {
            if markers.contains(dir) { return dir }
            guard !dir.isEmpty else { return [] }
            dir = GitRepository.directory(of: dir)
        }
    }

    /// The folder of a path from the top (`""` for a file at the top).
    public static func directory(of path: [UInt8]) -> [UInt8] {
        guard let k = path.lastIndex(of: 0x2F) else { return [] }
        return Array(path[..<k])
    }

    /// Whether `path` lies in `folder` or below it (paths from the top; `""` is the top).
    public static func isInside(_ path: [UInt8], _ folder: [UInt8]) -> Bool {
        folder.isEmpty || (path.count > folder.count && path.starts(with: folder) && path[folder.count] == 0x2F)
    }

    /// Reads a file named by its bytes (a copy git or `git difftool` made, whose name need not
    /// be UTF-8): a regular file only, at most `limit` bytes.
    public static func readFile(_ path: [UInt8], limit: Int = Limits.maxFileBytes) throws(FileSystem.IOError) -> [UInt8] {
        let fd = GitProcess.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { throw FileSystem.IOError(message: FileSystem.lastError()) }
        defer { close(fd) }
        return try FileSystem.readAll(fd, limit: limit)
    }

    /// The blob id a file's content would have (`git hash-object`, nothing written), for a
    /// file git handed out without its id (`git difftool`'s copies).
    public func blobId(of content: [UInt8]) -> String? {
        let r = git([Array("hash-object".utf8), Array("--stdin".utf8)], input: GitProcess.Input { send, _ in _ = send(content) })
        guard r.status == 0 else { return nil }
        return GitProcess.hexLine(r.out)
    }

    /// Reads a file of the working tree (`path` from the top), below the top without
    /// following links (`FileSystem.read(_:beneath:)`; a name that is not UTF-8 is opened by
    /// its bytes, component by component, the same way).
    public func readWorktree(_ path: [UInt8], limit: Int = Limits.maxFileBytes) throws(FileSystem.IOError) -> [UInt8] {
        let components = path.split(separator: 0x2F)
        guard !components.isEmpty, !components.contains(where: { $0.elementsEqual(".".utf8) || $0.elementsEqual("..".utf8) }) else {
            throw FileSystem.IOError(message: "hors de l'espace de travail")
        }
        if let text = String(validating: path, as: UTF8.self), let root = String(validating: topBytes, as: UTF8.self) {
            return try FileSystem.read(Paths.join(root, text), beneath: root, limit: limit)
        }
        var dir = GitProcess.withCString(topBytes) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard dir >= 0 else { throw FileSystem.IOError(message: FileSystem.lastError()) }
        for (k, name) in components.enumerated() {
            let last = k == components.count - 1
            let flags = last ? O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY : O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_DIRECTORY
            let next = GitProcess.withCString(Array(name)) { openat(dir, $0, flags) }
            let failure = errno
            close(dir)
            guard next >= 0 else {
                errno = failure
                throw FileSystem.IOError(message: failure == ELOOP ? "lien symbolique refusé sous l'espace de travail" : FileSystem.lastError())
            }
            dir = next
        }
        defer { close(dir) }
        return try FileSystem.readAll(dir, limit: limit)
    }

    /// A path of the repository as copc shows and keys it: its UTF-8 text, each byte that is
    /// not part of valid UTF-8 written `\xHH` (as git's own quoting shows it in octal), so
    /// that no two paths share a name.
    public static func displayPath(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self), !s.contains("\\x") { return s }
        var out = ""
        var k = 0
        while k < bytes.count {
            // The longest valid UTF-8 sequence starting here (1 to 4 bytes), else one raw byte.
            var taken = false
            for n in 1...4 where k + n <= bytes.count {
                if let s = String(validating: bytes[k..<(k + n)], as: UTF8.self) {
                    // `\x` itself is escaped, so that an escaped byte and a literal `\x` differ.
                    out += s == "\\" ? "\\\\" : s
                    k += n
                    taken = true
                    break
                }
            }
            if !taken {
                let hex = String(bytes[k], radix: 16, uppercase: true)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                k += 1
            }
        }
        return out
    }
}

/// Spawning git: `posix_spawnp` with an argument array (no shell), standard streams on pipes,
/// SIGPIPE restored to its default in the child, output read with `poll` so that neither
/// stream can fill and block the other.
enum GitProcess {
    struct Result {
        var status: Int32
        var out: [UInt8]
        var err: [UInt8]
    }

    /// The status when git could not be started.
    static let notFound: Int32 = 127

    /// What is written to git's standard input while its output is read: `send` writes bytes
    /// (false once git has stopped reading), `reader` reads its standard output.
    struct Input {
        let body: (_ send: ([UInt8]) -> Bool, _ reader: inout Reader) -> Void

        init(_ body: @escaping (_ send: ([UInt8]) -> Bool, _ reader: inout Reader) -> Void) {
            self.body = body
        }
    }

    /// A buffered reader of git's standard output (for `cat-file --batch`, answer by answer).
    struct Reader {
        let fd: Int32
        var buffer: [UInt8] = []
        var start = 0
        var ended = false

        /// Drops what was read (indices into the buffer change: only between reads).
        mutating func compact() {
            if start > 0 && start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
            else if start > 1 << 20 { buffer.removeFirst(start); start = 0 }
        }

        mutating func fill() -> Bool {
            if ended { return false }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if n <= 0 { ended = true; return false }
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
        }

        /// The next line, without its LF.
        mutating func line() -> [UInt8]? {
            compact()
            var scanned = start
            while true {
                if let lf = buffer[scanned...].firstIndex(of: 0x0A) {
                    let out = Array(buffer[start..<lf])
                    start = lf + 1
                    return out
                }
                scanned = buffer.count
                guard fill() else { return nil }
            }
        }

        /// The next `n` bytes.
        mutating func bytes(_ n: Int) -> [UInt8]? {
            compact()
            while buffer.count - start < n { guard fill() else { return nil } }
            let out = Array(buffer[start..<(start + n)])
            start += n
            return out
        }

        /// Skips the next `n` bytes without keeping them.
        mutating func skip(_ n: Int) -> Bool {
            var left = n
            while left > 0 {
                compact()
                if start == buffer.count { guard fill() else { return false } }
                let k = min(left, buffer.count - start)
                start += k
                left -= k
            }
            return true
        }
    }

    static func isHex(_ s: String) -> Bool {
        (s.utf8.count == 40 || s.utf8.count == 64) && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// `100644` or `100755`: a regular file (not a link `120000`, nor a submodule `160000`).
    static func isRegularFile(_ mode: ArraySlice<UInt8>) -> Bool {
        mode.elementsEqual("100644".utf8) || mode.elementsEqual("100755".utf8)
    }

    static func hexLine(_ bytes: [UInt8]) -> String? {
        let s = String(decoding: bytes.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
        return isHex(s) ? s : nil
    }

    static func firstLine(_ bytes: [UInt8]) -> String {
        let line = bytes.split(separator: 0x0A).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        return line.isEmpty ? "git n'a rien dit" : line
    }

    static func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    /// Runs git with `args` (bytes: paths need not be UTF-8). Without `input`, standard input
    /// is empty. With it, `input` writes to git and may read its output itself (lockstep),
    /// then its input is closed and the rest of its output collected.
    static func run(_ args: [[UInt8]], input: Input? = nil) -> Result {
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1], errChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0 else { return Result(status: notFound, out: [], err: []) }
        guard pipe(&fromChild) == 0 else { close(toChild[0]); close(toChild[1]); return Result(status: notFound, out: [], err: []) }
        guard pipe(&errChild) == 0 else {
            for fd in toChild + fromChild { close(fd) }
            return Result(status: notFound, out: [], err: [])
        }
        // Not inherited by git beyond its own three streams.
        for fd in toChild + fromChild + errChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errChild[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        // The arguments and the environment: this process's, with pathspecs read literally and
        // no optional lock taken (a diff never writes the index).
        let argv: [[UInt8]] = [Array("git".utf8)] + args
        var env: [[UInt8]] = []
        var e = environ
        while let p = e.pointee {
            let entry = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
            if !entry.starts(with: "GIT_LITERAL_PATHSPECS=".utf8) && !entry.starts(with: "GIT_OPTIONAL_LOCKS=".utf8)
                && !entry.starts(with: "GIT_EXTERNAL_DIFF=".utf8) {
                env.append(entry)
            }
            e += 1
        }
        env.append(Array("GIT_LITERAL_PATHSPECS=1".utf8))
        env.append(Array("GIT_OPTIONAL_LOCKS=0".utf8))
        let cArgs = argv.map { copy($0) }
        let cEnv = env.map { copy($0) }
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let spawned = (cArgs + [nil]).withUnsafeBufferPointer { a in
            (cEnv + [nil]).withUnsafeBufferPointer { en in
                posix_spawnp(&pid, "git", &actions, &attributes, a.baseAddress!, en.baseAddress!)
            }
        }
        close(toChild[0]); close(fromChild[1]); close(errChild[1])
        guard spawned == 0 else {
            close(toChild[1]); close(fromChild[0]); close(errChild[0])
            return Result(status: notFound, out: [], err: [])
        }
        var result = Result(status: 0, out: [], err: [])
        // Writing to a git that stopped reading must not kill copc: SIGPIPE ignored meanwhile.
        let previous = signal(SIGPIPE, SIG_IGN)
        var reader = Reader(fd: fromChild[0])
        if let input {
            let fd = toChild[1]
            input.body({ bytes in bytes.withUnsafeBytes { FileSystem.writeAll(fd, $0) } }, &reader)
        }
        close(toChild[1])
        signal(SIGPIPE, previous)
        // What the reader already holds, then both streams to their end.
        result.out = Array(reader.buffer[reader.start...])
        drain(out: reader.ended ? -1 : fromChild[0], err: errChild[0], into: &result)
        close(fromChild[0]); close(errChild[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        result.status = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return result
    }

    static func copy(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar>? {
        let p = malloc(bytes.count + 1)!.assumingMemoryBound(to: UInt8.self)
        p.initialize(from: bytes, count: bytes.count)
        p[bytes.count] = 0
        return UnsafeMutableRawPointer(p).assumingMemoryBound(to: CChar.self)
    }

    /// Reads both streams until each is closed (`-1`: already at its end).
    static func drain(out: Int32, err: Int32, into result: inout Result) {
        var fds = [pollfd(fd: out, events: Int16(POLLIN), revents: 0), pollfd(fd: err, events: Int16(POLLIN), revents: 0)]
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while fds.contains(where: { $0.fd >= 0 }) {
            let n = poll(&fds, nfds_t(fds.count), -1)
            if n < 0 { if errno == EINTR { continue }; break }
            for k in fds.indices where fds[k].fd >= 0 && fds[k].revents != 0 {
                let got = chunk.withUnsafeMutableBytes { read(fds[k].fd, $0.baseAddress, $0.count) }
                if got < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if got <= 0 { fds[k].fd = -1; continue }
                if k == 0 { result.out.append(contentsOf: chunk[0..<got]) } else { result.err.append(contentsOf: chunk[0..<got]) }
            }
        }
    }
}
