/// Folding of words for matching keywords whose case and accents are optional: lowercase ASCII,
/// French accents removed (`Délai` → `delai`, `œ` → `oe`, `’` → `'`).
///
/// The one folding of copc: keywords, property keys and enumerated values are all compared
/// folded, through `Lexicon` (keywords and keys, from bytes) or `Folding.fold` (values).
public enum Folding {
    /// Calls `emit` with each byte of the folded form of `bytes`.
    @inlinable
    public static func fold<C: Collection>(_ bytes: C, _ emit: (UInt8) -> Void) where C.Element == UInt8, C.Index == Int {
        var k = bytes.startIndex
        let end = bytes.endIndex
        while k < end {
            let b = bytes[k]
            if b < 0x80 {
                emit(b >= 65 && b <= 90 ? b + 32 : b)
                k += 1
                continue
            }
            if b == 0xC3 && k + 1 < end {
                let c = bytes[k + 1] | 0x20 // fold the Latin-1 uppercase block onto lowercase
                let mapped: UInt8
                switch c {
                case 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5: mapped = UInt8(ascii: "a")
                case 0xA7: mapped = UInt8(ascii: "c")
                case 0xA8, 0xA9, 0xAA, 0xAB: mapped = UInt8(ascii: "e")
                case 0xAC, 0xAD, 0xAE, 0xAF: mapped = UInt8(ascii: "i")
                case 0xB2, 0xB3, 0xB4, 0xB5, 0xB6: mapped = UInt8(ascii: "o")
                case 0xB9, 0xBA, 0xBB, 0xBC: mapped = UInt8(ascii: "u")
                default: mapped = 0
                }
                if mapped != 0 { emit(mapped); k += 2; continue }
            }
            if b == 0xC5 && k + 1 < end && (bytes[k + 1] == 0x93 || bytes[k + 1] == 0x92) {
                emit(UInt8(ascii: "o")); emit(UInt8(ascii: "e")); k += 2; continue
            }
            if b == 0xE2 && k + 2 < end && bytes[k + 1] == 0x80 && bytes[k + 2] == 0x99 {
                emit(UInt8(ascii: "'")); k += 3; continue
            }
            emit(b)
            k += 1
        }
    }

    /// The folded form of `bytes` as a string.
    public static func fold(_ bytes: ArraySlice<UInt8>) -> String {
        // Fast path: keywords are mostly lowercase ASCII already.
        if bytes.allSatisfy({ $0 < 0x80 && ($0 < 65 || $0 > 90) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        fold(bytes) { out.append($0) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func fold(_ s: String) -> String { fold(ArraySlice(s.utf8)) }
}

/// A folded word (or a few words joined by single spaces) of at most 24 bytes, packed in three
/// integers: a dictionary key that costs no allocation to build, hash or compare.
public struct FoldedWord: Hashable, Sendable {
    @usableFromInline var a: UInt64 = 0
    @usableFromInline var b: UInt64 = 0
    @usableFromInline var c: UInt64 = 0
    @usableFromInline var count: UInt8 = 0
    /// Set when the word did not fit: it matches no entry of any table.
    @usableFromInline var overflow = false

    public static let capacity = 24

    @inlinable public init() {}

    /// The folded form of `bytes`.
    @inlinable public init<C: Collection>(folding bytes: C) where C.Element == UInt8, C.Index == Int {
        Folding.fold(bytes) { append($0) }
    }

    /// A word already folded (table entries).
    public init(_ folded: String) {
        for b in folded.utf8 { append(b) }
    }

    @inlinable public mutating func append(_ byte: UInt8) {
        guard Int(count) < FoldedWord.capacity else { overflow = true; return }
        let shift = UInt64(count % 8) * 8
        switch count / 8 {
        case 0: a |= UInt64(byte) << shift
        case 1: b |= UInt64(byte) << shift
        default: c |= UInt64(byte) << shift
        }
        count += 1
    }

    /// Appends a space and the folded form of `bytes` (multi-word keys: `signé le`).
    @inlinable public mutating func appendWord<C: Collection>(folding bytes: C) where C.Element == UInt8, C.Index == Int {
        append(32)
        Folding.fold(bytes) { append($0) }
    }

    @inlinable public var isEmpty: Bool { count == 0 }
}
