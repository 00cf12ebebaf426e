#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcModel
import CopcSema
import CopcRules

/// One file of a check: its text, its syntax tree and its typed model.
public struct CheckedFile: Sendable {
    public let source: SourceFile
    public let syntax: FileSyntax
    public let model: FileModel
    /// The lexer's, parser's and builder's diagnostics.
    public let diagnostics: [Diagnostic]
    /// The absolute path the file was read from (or held at, in memory).
    public let realPath: String
}

/// The texts a check reads: files by absolute path — texts held in memory (a test's files, an
/// editor's unsaved documents) over the disk, when the disk is read at all — each with a
/// stable `FileID`, parsed and built once per content.
///
/// The CLI, the tests and the language server all check through a source set; the language
/// server keeps one per workspace folder across checks, so an edit re-reads one file and the
/// others come from the cache (rust-analyzer's `vfs`, go/packages' `Overlay`).
///
/// Invariants: a path keeps its `FileID` for the life of the set, so the places of a cached
/// model stay valid; a cached model is reused only for the same bytes. A file on disk whose
/// `lstat` (inode, size, modification and change times) is the one it had when it was read is
/// not read again (issue 24: an editor's check no longer re-reads and compares every file).
public final class SourceSet: @unchecked Sendable {
    /// Paths are shown relative to this folder when below it (`SourceFile.path`).
    public let displayBase: String
    /// Whether files not held in memory are read from the disk.
    public let readsDisk: Bool
    /// Texts held in memory, by absolute normalised path.
    public private(set) var texts: [String: [UInt8]] = [:]

    private var ids: [String: FileID] = [:]
    private var table = FileTable()
    /// Each file's text, its build, the disk's stamp when the text came from the disk, and its
    /// revision (a new one at each build).
    private var cache: [FileID: (bytes: [UInt8], file: CheckedFile, stamp: DiskStamp?, revision: Int)] = [:]
    /// Bytes read from the disk by `prepare` (with the stamp taken before reading), taken (once)
    /// by `file(at:beneath:)`.
    private var prefetched: [String: (bytes: [UInt8], stamp: DiskStamp?)] = [:]

    /// First elements surveyed on disk (`Survey.header`), with the file's stamp before reading.
    private var headers: [String: (stamp: DiskStamp, header: FileHeader)] = [:]

    /// How many files were parsed and built (not taken from the cache), for the tests.
    public private(set) var builds = 0
    /// How many files were read from the disk, for the tests.
    public private(set) var diskReads = 0
    /// How many first elements were read from the disk (`Survey`), for the tests.
    public private(set) var headerReads = 0

    /// What the checks of the contracts' versions 0 left: the next check through this set of a
    /// contract whose version 0 did not change checks only its avenants (issue 21).
    public let memory = CheckMemory()

    public init(displayBase: String, readsDisk: Bool) {
        self.displayBase = displayBase
        self.readsDisk = readsDisk
    }

    /// Holds `bytes` as the text of `path` (absolute), over the disk.
    public func setText(_ bytes: [UInt8], at path: String) {
        texts[Paths.normalize(path)] = bytes
    }

    /// Drops the text held for `path`: the disk is the truth again.
    public func removeText(at path: String) {
        texts[Paths.normalize(path)] = nil
    }

    /// Replaces every text held in memory.
    public func setTexts(_ all: [String: [UInt8]]) {
        texts = [:]
        for (p, b) in all { setText(b, at: p) }
    }

    /// Every file the set has read so far, by id.
    public var files: FileTable { table }

    /// The path shown for an absolute path: relative to the base when below it, bytes that are
    /// not UTF-8 written `\xE9` (`PathBytes.shown`).
    func display(_ real: String) -> String { PathBytes.shown(Paths.relative(real, to: displayBase)) }

    /// The path shown for a path met by a walk or a search: absolute, or relative to the
    /// current folder (which is the base on the command line).
    func displayEntry(_ path: String) -> String {
        path.hasPrefix("/") ? display(Paths.normalize(path)) : PathBytes.shown(path)
    }

    /// The file at `real` (absolute): its text from memory, else from the disk below `root`
    /// (links not followed, `FileSystem.read(_:beneath:)`); parsed and built, or from the cache
    /// when its bytes did not change.
    func file(at real: String, beneath root: String) throws(FileSystem.IOError) -> CheckedFile {
        let bytes: [UInt8]
        var stamp: DiskStamp?
        if let t = texts[real] {
            bytes = t
        } else if let b = prefetched.removeValue(forKey: real) {
            (bytes, stamp) = b
        } else if readsDisk {
            // Taken before reading: a change made while reading shows at the next look.
            stamp = DiskStamp(real)
            if let stamp, let id = ids[real], let cached = cache[id], cached.stamp == stamp { return cached.file }
            bytes = try FileSystem.read(real, beneath: root)
            diskReads += 1
        } else {
            throw FileSystem.IOError(message: "fichier introuvable")
        }
        let id = ids[real] ?? {
            let id = FileID(ids.count)
            ids[real] = id
            return id
        }()
        if let cached = cache[id], cached.bytes == bytes {
            cache[id]?.stamp = stamp
            return cached.file
        }
        let source = SourceFile(path: display(real), bytes: bytes, id: id)
        table.add(source)
        let syntax = Parser.parse(source)
        let (model, diagnostics) = Builder.build(syntax)
        builds += 1
        let checked = CheckedFile(source: source, syntax: syntax, model: model,
                                  diagnostics: syntax.diagnostics + diagnostics, realPath: real)
        cache[id] = (bytes, checked, stamp, builds)
        return checked
    }

    /// The header of the file at `real` on disk: as `survey` reads it, or as it read it before
    /// when the file's `lstat` stamp is the one it had then (`nil`: cannot be read).
    func header(at real: String, survey: () -> FileHeader?) -> FileHeader? {
        // Taken before reading: a change made while reading shows at the next look.
        let stamp = DiskStamp(real)
        if let stamp, let known = headers[real], known.stamp == stamp { return known.header }
        headers[real] = nil
        guard let h = survey() else { return nil }
        headerReads += 1
        if let stamp { headers[real] = (stamp, h) }
        return h
    }

    /// The revision of the build of a file already read (no look at the disk).
    public func revision(of id: FileID) -> Int? { cache[id]?.revision }

    /// The revision of the text of the file at `real` as it is now (from memory, else from the
    /// disk below `root`, read again only when its stamp changed): equal revisions mean the same
    /// build. `nil` when the file cannot be read.
    public func revision(at real: String, beneath root: String) -> Int? {
        guard (try? file(at: real, beneath: root)) != nil, let id = ids[real] else { return nil }
        return cache[id]?.revision
    }

    /// Parses and builds, on up to `threads` threads, the files at `items` (absolute paths,
    /// each read below its root) that are not in the cache, so that `file(at:beneath:)` then
    /// finds them there. Ids are given and files added to the table in the order of `items`,
    /// as `file(at:beneath:)` would, so the result of a check does not depend on `threads`;
    /// a file that cannot be read is left to `file(at:beneath:)`, which reports it.
    func prepare(_ items: [(real: String, root: String)], threads: Int) {
        prefetched = [:]  // what an earlier call read and nobody took is stale now
        var jobs: [(source: SourceFile, bytes: [UInt8], real: String)] = []
        var seen = Set<String>()
        for (real, root) in items where seen.insert(real).inserted {
            let bytes: [UInt8]
            if let t = texts[real] {
                bytes = t
            } else if readsDisk {
                let stamp = DiskStamp(real)
                if let stamp, let id = ids[real], let cached = cache[id], cached.stamp == stamp { continue }
                guard let b = try? FileSystem.read(real, beneath: root) else { continue }
                diskReads += 1
                bytes = b
                prefetched[real] = (b, stamp)
            } else {
                continue
            }
            let id = ids[real] ?? {
                let id = FileID(ids.count)
                ids[real] = id
                return id
            }()
            if let cached = cache[id], cached.bytes == bytes { continue }
            let source = SourceFile(path: display(real), bytes: bytes, id: id)
            table.add(source)
            jobs.append((source, bytes, real))
        }
        let results = UnsafeMutableBufferPointer<CheckedFile?>.allocate(capacity: jobs.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        Parallel.forEach(jobs.count, threads: threads) { i in
            let syntax = Parser.parse(jobs[i].source)
            let (model, diagnostics) = Builder.build(syntax)
            results[i] = CheckedFile(source: jobs[i].source, syntax: syntax, model: model,
                                     diagnostics: syntax.diagnostics + diagnostics, realPath: jobs[i].real)
        }
        for (i, job) in jobs.enumerated() {
            guard let checked = results[i] else { continue }
            builds += 1
            cache[job.source.id] = (job.bytes, checked, prefetched[job.real]?.stamp, builds)
        }
    }
}

/// What `lstat` says of a regular file: while it is unchanged, the file's text is taken to be
/// unchanged (inode and device, size, modification and change times to the nanosecond — git
/// replaces a file it checks out, so its inode or times change).
struct DiskStamp: Equatable {
    let device: UInt64, inode: UInt64, size: Int64
    let modified: Int64, modifiedNanoseconds: Int64, changed: Int64, changedNanoseconds: Int64

    /// The stamp of the file at `path`, `nil` unless it is a regular file (a link is not followed).
    init?(_ path: String) {
        var st = stat()
        guard FileSystem.cLstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modified = Int64(st.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(st.st_mtim.tv_nsec)
        changed = Int64(st.st_ctim.tv_sec)
        changedNanoseconds = Int64(st.st_ctim.tv_nsec)
    }
}
