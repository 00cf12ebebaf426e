#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The sizes copc accepts. Beyond each, the input is refused with a COP002 diagnostic (or, for
/// a file too large to read, before it is read), so that time and memory stay bounded whatever
/// the input. The values are far above any real contract (the largest transcribed one, the
/// COG CANSSM, is 81 KB, 1 600 lines of at most 400 bytes, 1 100 elements, 5 levels deep).
public enum Limits {
    /// Largest file read, in bytes (16 Mio).
    public static let maxFileBytes = 16 << 20
    /// Longest line, in bytes, terminator excluded (64 Kio).
    public static let maxLineBytes = 64 << 10
    /// Most elements (headers of elements and of an avenant's changes) in one file.
    public static let maxElements = 200_000
    /// Deepest nesting below the contract (the contract is level 0, an axe level 1…; the
    /// language's own ranks go to 4, `dans` can nest further).
    public static let maxDepth = 64
    /// Most avenants applied to one contract (each makes a consolidated version).
    public static let maxAvenants = 100
    /// Longest chain of `utilise` (a file importing a file importing…): each file sees the
    /// declarations of the files it imports, so a chain of n files would cost n² to resolve.
    public static let maxImportDepth = 16
    /// Most years in a period or in the years of a `cible` / `base` (a target range makes one
    /// target per year, and the checks go through the years of the period).
    public static let maxYears = 100

    /// The first line longer than `maxLineBytes`: its 0-based start offset and its length.
    /// Lines are found with the C library's vectorised `memchr`: this pass over the whole file
    /// must cost little next to the lexer's.
    public static func firstLongLine(_ bytes: [UInt8]) -> (start: Int, length: Int)? {
        guard bytes.count > maxLineBytes else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> (Int, Int)? in
            guard let base = buf.baseAddress else { return nil }
            var start = 0
            while start < buf.count {
                var end = buf.count
                if let hit = memchr(base + start, 0x0A, buf.count - start) {
                    end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
                var length = end - start
                if length > 0 && buf[end - 1] == 0x0D { length -= 1 }
                if length > maxLineBytes { return (start, length) }
                start = end + 1
            }
            return nil
        }
    }
}
