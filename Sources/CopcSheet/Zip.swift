/// A ZIP archive whose entries are stored, not compressed (method 0; PKWARE APPNOTE 6.3:
/// local file headers, then the central directory and its end record). Enough for an Office
/// Open XML package, which every reader accepts stored. Deterministic: every entry is dated
/// 1980-01-01 00:00 (the first date ZIP can hold), so the same entries give the same bytes.
/// No ZIP64: an archive of 4 GiB or more, or of 65 535 entries or more, is refused.
public struct ZipArchive: Sendable {
    public struct Entry: Sendable {
        /// The path inside the archive (`xl/workbook.xml`), ASCII in copc's packages; written
        /// with the UTF-8 flag when it is not.
        public let name: String
        public let bytes: [UInt8]
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    public mutating func add(_ name: String, _ bytes: [UInt8]) {
        entries.append(Entry(name: name, bytes: bytes))
    }

    /// The archive's bytes.
    public func bytes() throws(SheetError) -> [UInt8] {
        guard let count = UInt16(exactly: entries.count), count < 0xFFFF else { throw .tooLarge }
        var out: [UInt8] = []
        var central: [UInt8] = []
        let dosTime: UInt16 = 0
        let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
        for e in entries {
            let name = Array(e.name.utf8)
            guard let size = UInt32(exactly: e.bytes.count), let offset = UInt32(exactly: out.count),
                  let nameLength = UInt16(exactly: name.count) else { throw .tooLarge }
            let flags: UInt16 = name.contains { $0 >= 0x80 } ? 0x0800 : 0
            let crc = CRC32.checksum(e.bytes)
            // Local file header.
            out.le32(0x0403_4B50)
            out.le16(10)            // version needed: 1.0 (stored)
            out.le16(flags)
            out.le16(0)             // method: stored
            out.le16(dosTime)
            out.le16(dosDate)
            out.le32(crc)
            out.le32(size)          // compressed size
            out.le32(size)          // uncompressed size
            out.le16(nameLength)
            out.le16(0)             // extra field length
            out += name
            out += e.bytes
            // Its central directory header.
            central.le32(0x0201_4B50)
            central.le16(20)        // made by: MS-DOS, 2.0
            central.le16(10)
            central.le16(flags)
            central.le16(0)
            central.le16(dosTime)
            central.le16(dosDate)
            central.le32(crc)
            central.le32(size)
            central.le32(size)
            central.le16(nameLength)
            central.le16(0)         // extra
            central.le16(0)         // comment
            central.le16(0)         // disk number start
            central.le16(0)         // internal attributes
            central.le32(0)         // external attributes
            central.le32(offset)
            central += name
        }
        guard let centralOffset = UInt32(exactly: out.count), let centralSize = UInt32(exactly: central.count),
              UInt32(exactly: out.count + central.count + 22) != nil else { throw .tooLarge }
        out += central
        // End of central directory record.
        out.le32(0x0605_4B50)
        out.le16(0)
        out.le16(0)
        out.le16(count)
        out.le16(count)
        out.le32(centralSize)
        out.le32(centralOffset)
        out.le16(0)                 // comment length
        return out
    }
}

extension [UInt8] {
    mutating func le16(_ v: UInt16) {
        append(UInt8(v & 0xFF))
        append(UInt8(v >> 8))
    }

    mutating func le32(_ v: UInt32) {
        append(UInt8(v & 0xFF))
        append(UInt8((v >> 8) & 0xFF))
        append(UInt8((v >> 16) & 0xFF))
        append(UInt8(v >> 24))
    }
}
