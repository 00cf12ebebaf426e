import XCTest
import Foundation

// Readers of copc's binary and calendar outputs written in the tests, independent of the code
// that writes them (`CopcSheet`, `ICalendar`): the core assertions of `SheetTests` and
// `CalendarTests` run on any machine. The real tools (openpyxl, icalendar, LibreOffice, through
// `scripts/lire-rendu.py`) cross-check these readers where they are installed.

/// Whether a program is on the PATH (`soffice`, `pdftoppm`).
func toolInstalled(_ name: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
}

/// Whether `python3` can import every module of `modules` (`openpyxl`, `icalendar`).
func pythonModulesInstalled(_ modules: [String]) -> Bool {
    guard toolInstalled("python3") else { return false }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import " + modules.joined(separator: ", ")]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
}

// MARK: ZIP

/// The entries of a ZIP archive, read from its central directory; every entry must be stored
/// (method 0, as copc writes them), its local header must agree with the directory, and its
/// CRC-32 (computed here, bit by bit) must match.
func readZip(_ bytes: [UInt8]) throws -> [(name: String, method: Int, crc: UInt32, data: [UInt8])] {
    func u16(_ i: Int) throws -> Int {
        guard i >= 0, i + 2 <= bytes.count else { throw ReaderFailure(description: "zip : fin inattendue à \(i)") }
        return Int(bytes[i]) | Int(bytes[i + 1]) << 8
    }
    func u32(_ i: Int) throws -> UInt32 { UInt32(try u16(i)) | UInt32(try u16(i + 2)) << 16 }
    // End of central directory: the last signature 50 4B 05 06.
    var end = bytes.count - 22
    while end >= 0 && !(bytes[end] == 0x50 && bytes[end + 1] == 0x4B && bytes[end + 2] == 5 && bytes[end + 3] == 6) { end -= 1 }
    guard end >= 0 else { throw ReaderFailure(description: "zip : pas de répertoire central") }
    let count = try u16(end + 10)
    var at = Int(try u32(end + 16))
    var out: [(name: String, method: Int, crc: UInt32, data: [UInt8])] = []
    for _ in 0..<count {
        guard try u32(at) == 0x0201_4B50 else { throw ReaderFailure(description: "zip : entrée du répertoire central attendue à \(at)") }
        let method = try u16(at + 10)
        let crc = try u32(at + 16)
        let compressed = Int(try u32(at + 20)), size = Int(try u32(at + 24))
        let nameLength = try u16(at + 28), extra = try u16(at + 30), comment = try u16(at + 32)
        let local = Int(try u32(at + 42))
        let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
        at += 46 + nameLength + extra + comment
        guard try u32(local) == 0x0403_4B50, try u16(local + 8) == method, try u32(local + 14) == crc,
              try u16(local + 26) == nameLength else {
            throw ReaderFailure(description: "zip : en-tête local de \(name) incohérent")
        }
        let start = local + 30 + nameLength + (try u16(local + 28))
        guard method == 0, compressed == size, start + size <= bytes.count else {
            throw ReaderFailure(description: "zip : \(name) n'est pas stocké tel quel (méthode \(method))")
        }
        let data = Array(bytes[start..<(start + size)])
        guard crc32(data) == crc else { throw ReaderFailure(description: "zip : CRC de \(name) faux") }
        out.append((name, method, crc, data))
    }
    return out
}

/// CRC-32 (IEEE, reflected, polynomial 0xEDB88320), bit by bit.
func crc32(_ data: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in data {
        c ^= UInt32(b)
        for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
    }
    return ~c
}

// MARK: XML

/// One event of an XML document: an element opened (with its attributes), closed, or text.
enum XMLEvent {
    case open(String, [String: String])
    case close(String)
    case text(String)
}

/// The events of a well-formed XML document without DTD, as an XML processor reports them:
/// line ends normalised (CR LF and lone CR read as LF), entities and character references
/// decoded, attribute values unquoted; comments, declarations and processing instructions
/// skipped. An empty element gives `open` then `close`.
func xmlEvents(_ bytes: [UInt8]) throws -> [XMLEvent] {
    var normalized: [UInt8] = []
    normalized.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
        if bytes[i] == 13 {
            normalized.append(10)
            if i + 1 < bytes.count && bytes[i + 1] == 10 { i += 1 }
        } else {
            normalized.append(bytes[i])
        }
        i += 1
    }
    let s = Array(String(decoding: normalized, as: UTF8.self).unicodeScalars)
    func decode(_ raw: ArraySlice<Unicode.Scalar>) throws -> String {
        var out = String.UnicodeScalarView()
        var k = raw.startIndex
        while k < raw.endIndex {
            guard raw[k] == "&" else { out.append(raw[k]); k += 1; continue }
            guard let semi = raw[k...].firstIndex(of: ";") else { throw ReaderFailure(description: "xml : « & » sans « ; »") }
            let name = String(String.UnicodeScalarView(raw[(k + 1)..<semi]))
            switch name {
            case "amp": out.append("&")
            case "lt": out.append("<")
            case "gt": out.append(">")
            case "quot": out.append("\"")
            case "apos": out.append("'")
            default:
                let value: UInt32?
                if name.hasPrefix("#x") { value = UInt32(name.dropFirst(2), radix: 16) } else if name.hasPrefix("#") { value = UInt32(name.dropFirst()) } else { value = nil }
                guard let v = value, let u = Unicode.Scalar(v) else { throw ReaderFailure(description: "xml : entité inconnue &\(name);") }
                out.append(u)
            }
            k = semi + 1
        }
        return String(out)
    }
    var events: [XMLEvent] = []
    var k = 0
    var textStart = 0
    while k < s.count {
        guard s[k] == "<" else { k += 1; continue }
        if k > textStart { events.append(.text(try decode(s[textStart..<k]))) }
        func skip(past end: String) throws {
            let e = Array(end.unicodeScalars)
            while k + e.count <= s.count && Array(s[k..<(k + e.count)]) != e { k += 1 }
            guard k + e.count <= s.count else { throw ReaderFailure(description: "xml : « \(end) » manquant") }
            k += e.count
        }
        if k + 1 < s.count && (s[k + 1] == "?" || s[k + 1] == "!") {
            try skip(past: s[k + 1] == "?" ? "?>" : ">")
            textStart = k
            continue
        }
        guard let close = s[k...].firstIndex(of: ">") else { throw ReaderFailure(description: "xml : balise non fermée") }
        var tag = Array(s[(k + 1)..<close])
        if tag.first == "/" {
            events.append(.close(String(String.UnicodeScalarView(tag.dropFirst())).trimmingCharacters(in: .whitespaces)))
        } else {
            let empty = tag.last == "/"
            if empty { tag.removeLast() }
            var j = 0
            while j < tag.count && !tag[j].properties.isWhitespace { j += 1 }
            let name = String(String.UnicodeScalarView(tag[0..<j]))
            var attributes: [String: String] = [:]
            while j < tag.count {
                while j < tag.count && tag[j].properties.isWhitespace { j += 1 }
                guard j < tag.count else { break }
                guard let eq = tag[j...].firstIndex(of: "="), eq + 1 < tag.count else { throw ReaderFailure(description: "xml : attribut sans valeur dans <\(name)>") }
                let key = String(String.UnicodeScalarView(tag[j..<eq])).trimmingCharacters(in: .whitespaces)
                let quote = tag[eq + 1]
                guard quote == "\"" || quote == "'", let endQuote = tag[(eq + 2)...].firstIndex(of: quote) else {
                    throw ReaderFailure(description: "xml : valeur d'attribut sans guillemets dans <\(name)>")
                }
                attributes[key] = try decode(tag[(eq + 2)..<endQuote])
                j = endQuote + 1
            }
            events.append(.open(name, attributes))
            if empty { events.append(.close(name)) }
        }
        k = close + 1
        textStart = k
    }
    return events
}

/// SpreadsheetML's escapes decoded as Excel and LibreOffice decode them: `_x` (or `_X`), one to
/// four hexadecimal digits, `_` is that character (`_x005F_` an underscore).
func decodeSpreadsheetEscapes(_ s: String) -> String {
    let u = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < u.count {
        if u[i] == "_", i + 3 < u.count, u[i + 1] == "x" || u[i + 1] == "X" {
            var k = i + 2
            while k < u.count && k < i + 6 && u[k].properties.isASCIIHexDigit { k += 1 }
            if k > i + 2, k < u.count, u[k] == "_", let v = UInt32(String(String.UnicodeScalarView(u[(i + 2)..<k])), radix: 16),
               let scalar = Unicode.Scalar(v) {
                out.append(scalar)
                i = k + 1
                continue
            }
        }
        out.append(u[i])
        i += 1
    }
    return String(out)
}

// MARK: Workbook

extension ReadWorkbook {
    /// The workbook at `path` read by the tests' own reader: the stored ZIP (`readZip`), the
    /// sheets of `xl/workbook.xml` in order (their parts through `xl/_rels/workbook.xml.rels`),
    /// the number formats of `xl/styles.xml`, the title of `docProps/core.xml`; each sheet's
    /// frozen pane, filter, column widths and cells, as a rectangle of rows (`nil`: no cell).
    /// A text cell reads as its text with SpreadsheetML's escapes decoded (type `s`); a number
    /// whose format is a date as that day (`d`, `AAAA-MM-JJ`); another number as the text of
    /// its value (`n`); each with its format code (`@`, `General`, or the custom code).
    init(swift path: String) throws {
        try self.init(swiftBytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// The workbook of `bytes` (`init(swift:)`).
    init(swiftBytes bytes: [UInt8]) throws {
        let entries = try readZip(bytes)
        var parts: [String: [UInt8]] = [:]
        for e in entries {
            guard parts[e.name] == nil else { throw ReaderFailure(description: "zip : \(e.name) deux fois") }
            parts[e.name] = e.data
        }
        func part(_ name: String) throws -> [XMLEvent] {
            guard let p = parts[name] else { throw ReaderFailure(description: "classeur : \(name) manquant") }
            return try xmlEvents(p)
        }
        // Title.
        var title: String?
        var inTitle = false
        for e in try part("docProps/core.xml") {
            switch e {
            case .open("dc:title", _): inTitle = true; title = ""
            case .close("dc:title"): inTitle = false
            case .text(let t) where inTitle: title = (title ?? "") + t
            default: break
            }
        }
        self.title = title
        // Number formats: built-in ones as openpyxl names them, then the workbook's.
        var codes: [Int: String] = [0: "General", 14: "mm-dd-yy", 49: "@"]
        var styles: [String] = []
        var inCellXfs = false
        for e in try part("xl/styles.xml") {
            switch e {
            case .open("numFmt", let a): if let id = a["numFmtId"].flatMap({ Int($0) }), let c = a["formatCode"] { codes[id] = c }
            case .open("cellXfs", _): inCellXfs = true
            case .close("cellXfs"): inCellXfs = false
            case .open("xf", let a) where inCellXfs: styles.append(codes[Int(a["numFmtId"] ?? "0") ?? 0] ?? "General")
            default: break
            }
        }
        // Sheets in order, with their parts.
        var targets: [String: String] = [:]
        for case .open("Relationship", let a) in try part("xl/_rels/workbook.xml.rels") {
            if let id = a["Id"], let t = a["Target"] { targets[id] = "xl/" + t }
        }
        var sheets: [(name: String, frozen: String?, filter: String?, widths: [Double], rows: [[ReadCell?]])] = []
        for case .open("sheet", let a) in try part("xl/workbook.xml") {
            guard let name = a["name"], let target = a["r:id"].flatMap({ targets[$0] }) else {
                throw ReaderFailure(description: "classeur : feuille sans nom ou sans partie")
            }
            var frozen: String?, filter: String?
            var widths: [Double] = []
            var cells: [(row: Int, column: Int, cell: ReadCell)] = []
            var current: (ref: String, style: Int, type: String?)?
            var value: String?
            var inValue = false, inText = false
            for e in try part(target) {
                switch e {
                case .open("pane", let p): if p["state"] == "frozen" { frozen = p["topLeftCell"] }
                case .open("autoFilter", let f): filter = f["ref"]
                case .open("col", let c):
                    guard let min = c["min"].flatMap({ Int($0) }), let max = c["max"].flatMap({ Int($0) }), let w = c["width"].flatMap({ Double($0) }) else { break }
                    for j in min...max {
                        while widths.count < j { widths.append(0) }
                        widths[j - 1] = w
                    }
                case .open("c", let c):
                    current = (c["r"] ?? "", Int(c["s"] ?? "0") ?? 0, c["t"])
                    value = nil
                case .open("v", _): inValue = true; value = ""
                case .close("v"): inValue = false
                case .open("t", _): inText = true; value = value ?? ""
                case .close("t"): inText = false
                case .text(let t) where inValue || inText: value = (value ?? "") + t
                case .close("c"):
                    guard let c = current else { break }
                    current = nil
                    guard let v = value else { break }
                    let (row, column) = try cellPosition(c.ref)
                    let format = c.style < styles.count ? styles[c.style] : "General"
                    let cell: ReadCell
                    switch c.type {
                    case "inlineStr"?, "str"?: cell = ReadCell(type: "s", value: decodeSpreadsheetEscapes(v), format: format)
                    case nil, "n"?:
                        guard let number = Double(v) else { throw ReaderFailure(description: "classeur : \(name)!\(c.ref) n'est pas un nombre : \(v)") }
                        if isDateFormat(format) {
                            cell = ReadCell(type: "d", value: try excelDay(number), format: format)
                        } else {
                            // The shortest text that reads back as the same double.
                            cell = ReadCell(type: "n", value: number.description, format: format)
                        }
                    default: throw ReaderFailure(description: "classeur : type de cellule inattendu « \(c.type ?? "") » en \(name)!\(c.ref)")
                    }
                    cells.append((row, column, cell))
                default: break
                }
            }
            let height = cells.map(\.row).max() ?? 0, width = cells.map(\.column).max() ?? 0
            var rows = [[ReadCell?]](repeating: [ReadCell?](repeating: nil, count: width), count: height)
            for c in cells { rows[c.row - 1][c.column - 1] = c.cell }
            sheets.append((name, frozen, filter, widths, rows))
        }
        self.sheets = sheets
    }
}

/// `B12` → (12, 2).
func cellPosition(_ ref: String) throws -> (row: Int, column: Int) {
    var column = 0
    var digits = ""
    for u in ref.unicodeScalars {
        if u.value >= 65 && u.value <= 90 && digits.isEmpty {
            column = column * 26 + Int(u.value) - 64
        } else if u.properties.numericType != nil && u.isASCII {
            digits.unicodeScalars.append(u)
        } else {
            throw ReaderFailure(description: "classeur : référence de cellule invalide « \(ref) »")
        }
    }
    guard column > 0, let row = Int(digits), row > 0 else { throw ReaderFailure(description: "classeur : référence de cellule invalide « \(ref) »") }
    return (row, column)
}

/// Whether a number format shows a date (day, month or year codes outside quotes).
func isDateFormat(_ code: String) -> Bool {
    var quoted = false
    for ch in code {
        if ch == "\"" { quoted.toggle(); continue }
        if !quoted && (ch == "d" || ch == "y") { return true }
    }
    return false
}

/// The day of an Excel serial (1900 system): serial 61 is 1 March 1900, and each serial from
/// there is one day (serial 25569 is 1 January 1970).
func excelDay(_ serial: Double) throws -> String {
    guard serial >= 61, serial == serial.rounded() else { throw ReaderFailure(description: "classeur : date hors de portée : \(serial)") }
    let date = Date(timeIntervalSince1970: (serial - 25569) * 86400)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    func two(_ n: Int?) -> String { (n ?? 0) < 10 ? "0\(n ?? 0)" : "\(n ?? 0)" }
    return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))"
}

// MARK: iCalendar

/// The events of an iCalendar text read by the tests' own reader (RFC 5545): lines must end
/// in CRLF and hold at most 75 octets; folded lines are unfolded (CRLF and one space or tab
/// removed, between bytes), then decoded as UTF-8; text values unescaped (`\n`, `\N`, `\,`,
/// `\;`, `\\`); DTSTART and DTEND read as days (all-day when `VALUE=DATE`); each VALARM's
/// TRIGGER as written, its RELATED (START by default) and its offset in hours.
func readCalendarSwift(_ ics: String) throws -> [ReadEvent] {
    let bytes = Array(ics.utf8)
    // Physical lines, each ending in CRLF.
    var lines: [[UInt8]] = []
    var start = 0
    var i = 0
    while i < bytes.count {
        if bytes[i] == 13 {
            guard i + 1 < bytes.count, bytes[i + 1] == 10 else { throw ReaderFailure(description: "ics : CR sans LF") }
            lines.append(Array(bytes[start..<i]))
            i += 2
            start = i
            continue
        }
        if bytes[i] == 10 { throw ReaderFailure(description: "ics : LF sans CR") }
        i += 1
    }
    guard start == bytes.count else { throw ReaderFailure(description: "ics : dernière ligne sans CRLF") }
    // Logical lines.
    var logical: [[UInt8]] = []
    for line in lines {
        guard line.count <= 75 else { throw ReaderFailure(description: "ics : ligne de \(line.count) octets (75 au plus)") }
        if let first = line.first, first == 32 || first == 9 {
            guard !logical.isEmpty else { throw ReaderFailure(description: "ics : suite de ligne en tête") }
            logical[logical.count - 1] += line.dropFirst()
        } else {
            logical.append(line)
        }
    }
    func unescape(_ s: Substring) -> String {
        var out = ""
        var escaped = false
        for ch in s {
            if escaped {
                switch ch {
                case "n", "N": out.append("\n")
                default: out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
    func day(_ v: Substring) throws -> String {
        let d = Array(v.prefix(8))
        guard d.count == 8, d.allSatisfy(\.isNumber) else { throw ReaderFailure(description: "ics : date invalide « \(v) »") }
        return String(d[0..<4]) + "-" + String(d[4..<6]) + "-" + String(d[6..<8])
    }
    func hours(_ duration: Substring) throws -> Double {
        var rest = duration
        var sign = 1.0
        if rest.first == "-" { sign = -1; rest = rest.dropFirst() } else if rest.first == "+" { rest = rest.dropFirst() }
        guard rest.first == "P" else { throw ReaderFailure(description: "ics : durée invalide « \(duration) »") }
        rest = rest.dropFirst()
        var total = 0.0, number = ""
        for ch in rest {
            if ch.isNumber { number.append(ch); continue }
            if ch == "T" { continue }
            guard let n = Double(number) else { throw ReaderFailure(description: "ics : durée invalide « \(duration) »") }
            switch ch {
            case "W": total += n * 168
            case "D": total += n * 24
            case "H": total += n
            case "M": total += n / 60
            case "S": total += n / 3600
            default: throw ReaderFailure(description: "ics : durée invalide « \(duration) »")
            }
            number = ""
        }
        return sign * total
    }
    var events: [ReadEvent] = []
    var stack: [String] = []
    var props: [String: (params: [String: String], value: Substring)] = [:]
    var alarms: [(trigger: String, related: String, hours: Double, action: String)] = []
    var alarm: (trigger: String, related: String, hours: Double, action: String)?
    for raw in logical {
        let line = String(decoding: raw, as: UTF8.self)
        guard let colon = line.firstIndex(of: ":") else { throw ReaderFailure(description: "ics : ligne sans « : » : \(line)") }
        let head = line[..<colon].split(separator: ";")
        let value = line[line.index(after: colon)...]
        guard let name = head.first.map(String.init) else { continue }
        var params: [String: String] = [:]
        for p in head.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { params[String(kv[0])] = String(kv[1]) }
        }
        switch name {
        case "BEGIN":
            stack.append(String(value))
            if value == "VEVENT" { props = [:]; alarms = [] }
            if value == "VALARM" { alarm = ("", "START", .nan, "") }
        case "END":
            guard stack.last == String(value) else { throw ReaderFailure(description: "ics : END:\(value) sans BEGIN") }
            stack.removeLast()
            if value == "VALARM", let a = alarm { alarms.append(a); alarm = nil }
            if value == "VEVENT" {
                guard let s = props["DTSTART"], let e = props["DTEND"] else { throw ReaderFailure(description: "ics : événement sans DTSTART ou DTEND") }
                events.append(ReadEvent(uid: props["UID"].map { unescape($0.value) } ?? "", start: try day(s.value), end: try day(e.value),
                                        allDay: s.params["VALUE"] == "DATE" && e.params["VALUE"] == "DATE",
                                        status: props["STATUS"].map { String($0.value) } ?? "None",
                                        summary: props["SUMMARY"].map { unescape($0.value) } ?? "None",
                                        description: props["DESCRIPTION"].map { unescape($0.value) } ?? "None",
                                        sequence: props["SEQUENCE"].flatMap { Int($0.value) } ?? -1, alarms: alarms))
            }
        default:
            if stack.last == "VALARM" {
                if name == "TRIGGER" {
                    alarm?.trigger = String(value)
                    alarm?.related = params["RELATED"] ?? "START"
                    alarm?.hours = try hours(value)
                } else if name == "ACTION" {
                    alarm?.action = String(value)
                }
            } else if stack.last == "VEVENT" {
                guard props[name] == nil else { throw ReaderFailure(description: "ics : \(name) deux fois dans un événement") }
                props[name] = (params, value)
            }
        }
    }
    guard stack.isEmpty else { throw ReaderFailure(description: "ics : \(stack.last ?? "") non fermé") }
    return events
}
