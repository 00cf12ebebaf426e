import CopcLanguage
import CopcModel

/// One all-day event of a calendar: its stable id, its days (`end` inclusive), its summary
/// and description.
public struct CalendarEvent: Hashable, Sendable {
    /// Stable across versions and runs: re-importing updates the event (RFC 5545 §3.8.4.7).
    public var uid: String
    public var start: Day
    /// The last day of the event (inclusive; written exclusive as RFC 5545 requires).
    public var end: Day
    public var summary: String
    public var description: String
    public var categories: [String]

    public init(uid: String, start: Day, end: Day, summary: String, description: String, categories: [String] = []) {
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.categories = categories
    }
}

/// RFC 5545 writing: content lines ending in CRLF, folded so that no line is longer than 75
/// octets (continuation lines start with one space, never inside a UTF-8 sequence), TEXT
/// values escaped (`\\`, `\;`, `\,`, `\n`), all-day events as `DTSTART;VALUE=DATE` and an
/// exclusive `DTEND;VALUE=DATE`.
public enum ICalendar {
    /// `VCALENDAR` with `events` in the order given. `stamp` is written as every event's
    /// `DTSTAMP` (a UTC date-time; copc passes a date of the version so the output is
    /// deterministic), `sequence` as its `SEQUENCE`.
    public static func write(name: String, events: [CalendarEvent], stamp: Day, sequence: Int) -> String {
        var out = ""
        func line(_ s: String) { out += fold(s) }
        line("BEGIN:VCALENDAR")
        line("VERSION:2.0")
        line("PRODID:-//copc//copc rendu des contrats//FR")
        line("CALSCALE:GREGORIAN")
        line("METHOD:PUBLISH")
        line("X-WR-CALNAME:" + escape(name))
        let dtstamp = compact(stamp) + "T000000Z"
        for e in events {
            line("BEGIN:VEVENT")
            line("UID:" + escape(e.uid))
            line("DTSTAMP:" + dtstamp)
            line("DTSTART;VALUE=DATE:" + compact(e.start))
            line("DTEND;VALUE=DATE:" + compact(Day(ordinal: e.end.ordinal + 1)))
            line("SEQUENCE:\(sequence)")
            line("SUMMARY:" + escape(e.summary))
            line("DESCRIPTION:" + escape(e.description))
            if !e.categories.isEmpty { line("CATEGORIES:" + e.categories.map(escape).joined(separator: ",")) }
            line("TRANSP:TRANSPARENT")
            line("END:VEVENT")
        }
        line("END:VCALENDAR")
        return out
    }

    /// `20221001`.
    static func compact(_ d: Day) -> String {
        String(d.description.utf8.filter { $0 != UInt8(ascii: "-") }.map { Character(Unicode.Scalar($0)) })
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks
    /// as `\n`, other control characters removed.
    public static func escape(_ s: String) -> String {
        var out = ""
        var previousCR = false
        for ch in s.unicodeScalars {
            defer { previousCR = ch == "\r" }
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": if !previousCR { out += "\\n" }
            case "\r": out += "\\n"
            default:
                if ch.value < 0x20 || ch.value == 0x7F { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// One content line folded at 75 octets (RFC 5545 §3.1): each continuation line begins
    /// with a space, which counts in its 75 octets; a UTF-8 sequence is never split. Ends
    /// with CRLF.
    public static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        var width = 0
        var limit = 75
        for ch in line.unicodeScalars {
            let n = UTF8.width(ch)
            if width + n > limit {
                out += [13, 10, 32]
                width = 1
                limit = 75
            }
            out += Array(String(ch).utf8)
            width += n
        }
        out += [13, 10]
        return String(decoding: out, as: UTF8.self)
    }
}

/// The calendar of a version (`copc calendrier`): one all-day event per deadline (`délai`) and
/// step (`étape`) of every action whose window is known, covering that window. Each event's
/// UID is made of the contract id, the action's normalised id and the deadline's label or
/// step title (`COP-CNG/action/1.1.2/delai/directeurs@copc`): it does not depend on the
/// version, so re-importing a later version's calendar updates the events. UIDs are unique by
/// construction: each part has its `%`, `/` and `@` percent-encoded (`uidPart`), so splitting
/// at `/` gives the parts back, and within a version an action's key and a deadline's label or
/// step title are unique (a repeated one is reported and dropped by the builder). `DTSTAMP` is the
/// version's date of effect (else the contract's signature date, else the start of its
/// period, else 1970-01-01) and `SEQUENCE` its number, so the file is the same for the same
/// version and a later version supersedes it.
///
/// The follow-up calendar of design §9 (`bilan annuel : avant le …`) is not in the language
/// yet; when it is, its dates are passed to `render(_:followUp:)`.
public enum ContractCalendar {
    /// The calendar of `doc`: its deadlines and steps, then `followUp` — the hook for the dates
    /// of the follow-up calendar of design §9 (`bilan annuel : avant le 15 mars N+1`), which
    /// the language does not state yet: whoever reads them makes one `CalendarEvent` per date,
    /// with a UID of its own (`CONTRAT/suivi/…@copc`).
    public static func render(_ doc: ContractDocument, followUp: [CalendarEvent] = []) -> String {
        let h = doc.header
        let stamp = doc.version.effectiveDate ?? h.date(.signeLe) ?? doc.version.period?.start ?? Day(ordinal: 0)
        let name = (h.id ?? "contrat") + " — " + (h.title ?? "") + " (version \(doc.version.number))"
        return ICalendar.write(name: name, events: events(doc) + followUp, stamp: stamp, sequence: doc.version.number)
    }

    /// The events of the deadlines and steps, in document order.
    public static func events(_ doc: ContractDocument) -> [CalendarEvent] {
        var out: [CalendarEvent] = []
        let contractId = doc.header.id ?? "contrat"
        for s in doc.sections {
            for a in s.actions {
                let pilots = a.referents(.pilote).map(\.spelling)
                for p in doc.deadlines(a) {
                    guard let w = doc.window(p) else { continue }
                    let isStep = p.key == .etape
                    let part = isStep ? "etape/" + uidPart(p.stepTitle ?? "") : "delai" + (p.label.map { "/" + uidPart($0) } ?? "")
                    let uid = uidPart(contractId) + "/action/" + uidPart(ElementKind.normalize(a.id ?? "")) + "/" + part + "@copc"
                    let what = isStep ? "Étape « \(p.stepTitle ?? "") »" : (p.label.map { "Échéance (\($0))" } ?? "Échéance")
                    let summary = "\(what) — action \(a.id ?? "") : \(a.title ?? "")"
                    var lines = ["Action \(a.id ?? "") « \(a.title ?? "") »",
                                 "\(ContractDocument.deadlineLabel(p)) : \(doc.asWritten(p)), soit \(ContractDocument.prose(w))"]
                    if !pilots.isEmpty { lines.append("Pilotes : " + pilots.joined(separator: ", ")) }
                    let co = a.referents(.coPilote).map(\.spelling)
                    if !co.isEmpty { lines.append("Co-pilotes : " + co.joined(separator: ", ")) }
                    lines.append("Contrat \(contractId), version \(doc.version.number)")
                    out.append(CalendarEvent(uid: uid, start: w.start, end: w.end, summary: summary,
                                             description: lines.joined(separator: "\n"), categories: [contractId]))
                }
            }
        }
        return out
    }

    /// One part of a UID: `%`, `/` and `@` (the separators of the UID) percent-encoded,
    /// everything else as written.
    static func uidPart(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "%": out += "%25"
            case "/": out += "%2F"
            case "@": out += "%40"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
