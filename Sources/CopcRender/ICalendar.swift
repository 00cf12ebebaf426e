import CopcFrench
import CopcLanguage
import CopcModel

/// One all-day event of a calendar: its stable id, its days (`end` inclusive), its summary
/// and description, and whether it is cancelled.
public struct CalendarEvent: Hashable, Sendable {
    /// Stable across versions and runs: re-importing updates the event (RFC 5545 §3.8.4.7).
    public var uid: String
    public var start: Day
    /// The last day of the event (inclusive; written exclusive as RFC 5545 requires).
    public var end: Day
    public var summary: String
    public var description: String
    public var categories: [String]
    /// Written `STATUS:CANCELLED`: importing it removes the event of the same UID.
    public var cancelled: Bool

    public init(uid: String, start: Day, end: Day, summary: String, description: String, categories: [String] = [],
                cancelled: Bool = false) {
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.categories = categories
        self.cancelled = cancelled
    }
}

/// RFC 5545 writing: content lines ending in CRLF, folded so that no line is longer than 75
/// octets (continuation lines start with one space, never inside a UTF-8 sequence), TEXT
/// values escaped (`\\`, `\;`, `\,`, `\n`), all-day events as `DTSTART;VALUE=DATE` and an
/// exclusive `DTEND;VALUE=DATE`, `STATUS` confirmed or cancelled, reminders as `VALARM`s.
public enum ICalendar {
    /// `VCALENDAR` with `events` in the order given. `stamp` is written as every event's
    /// `DTSTAMP` (a UTC date-time; copc passes a date of the version so the output is
    /// deterministic), `sequence` as its `SEQUENCE`. Each event that is not cancelled gets one
    /// reminder (`VALARM`, `ACTION:DISPLAY`) per number of `reminders`: that many days before
    /// its last day, at 9:00 (a one-day event's alarm is relative to its start, a longer one's to
    /// its end, `RELATED=END`).
    public static func write(name: String, events: [CalendarEvent], stamp: Day, sequence: Int, reminders: [Int] = []) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256 + events.count * 512)
        var buffer: [UInt8] = []
        /// A line as it is.
        func line(_ s: String) { fold(s, into: &out) }
        /// `KEY:` and a TEXT value escaped.
        func line(_ key: String, text: String) {
            buffer.removeAll(keepingCapacity: true)
            buffer += key.utf8
            buffer.append(UInt8(ascii: ":"))
            escape(text, into: &buffer)
            fold(buffer, into: &out)
        }
        line("BEGIN:VCALENDAR")
        line("VERSION:2.0")
        line("PRODID:-//copc//copc rendu des contrats//FR")
        line("CALSCALE:GREGORIAN")
        line("METHOD:PUBLISH")
        line("X-WR-CALNAME", text: name)
        let dtstamp = compact(stamp) + "T000000Z"
        for e in events {
            line("BEGIN:VEVENT")
            line("UID", text: e.uid)
            line("DTSTAMP:" + dtstamp)
            line("DTSTART;VALUE=DATE:" + compact(e.start))
            line("DTEND;VALUE=DATE:" + compact(Day(ordinal: e.end.ordinal + 1)))
            line("SEQUENCE:\(sequence)")
            line(e.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED")
            line("SUMMARY", text: e.summary)
            line("DESCRIPTION", text: e.description)
            if !e.categories.isEmpty { line("CATEGORIES:" + e.categories.map(escape).joined(separator: ",")) }
            line("TRANSP:TRANSPARENT")
            if !e.cancelled {
                for days in reminders {
                    line("BEGIN:VALARM")
                    line("ACTION:DISPLAY")
                    line("DESCRIPTION", text: "Rappel : " + e.summary)
                    line("TRIGGER" + trigger(daysBefore: days, oneDay: e.start == e.end))
                    line("END:VALARM")
                }
            }
            line("END:VEVENT")
        }
        line("END:VCALENDAR")
        return String(decoding: out, as: UTF8.self)
    }

    /// The `TRIGGER` of a reminder `days` days before an all-day event's last day, at 9:00:
    /// `:-P6DT15H` for 7 days before a one-day event (from its start, midnight of that day),
    /// `;RELATED=END:-P7DT15H` for a longer event (from its exclusive end, midnight after it).
    static func trigger(daysBefore days: Int, oneDay: Bool) -> String {
        let hours = -24 * days + 9 - (oneDay ? 0 : 24)
        let m = hours < 0 ? -hours : hours
        var d = (hours < 0 ? "-" : "") + "P"
        if m / 24 > 0 { d += "\(m / 24)D" }
        if m % 24 > 0 { d += "T\(m % 24)H" }
        return (oneDay ? ":" : ";RELATED=END:") + d
    }

    /// `20221001`.
    static func compact(_ d: Day) -> String {
        String(d.description.utf8.filter { $0 != UInt8(ascii: "-") }.map { Character(Unicode.Scalar($0)) })
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks
    /// as `\n`, other control characters removed.
    public static func escape(_ s: String) -> String {
        var out: [UInt8] = []
        escape(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape`, appending the bytes to `out` (one pass over the text's UTF-8).
    static func escape(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { utf8 in
            var previousCR = false
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                defer { previousCR = b == 13 }
                switch b {
                case UInt8(ascii: "\\"): out += [92, 92]
                case UInt8(ascii: ";"): out += [92, 59]
                case UInt8(ascii: ","): out += [92, 44]
                case 10: if !previousCR { out += [92, 110] }
                case 13: out += [92, 110]
                // Control characters are shown, not sent to the agenda (as `Escaping.pictures`):
                // C0 as their Control Pictures (U+2400 + b), DEL as U+2421, C1 controls and the
                // bidirectional overrides and isolates as U+FFFD.
                case 0..<0x20: out += [0xE2, 0x90, 0x80 + b]
                case 0x7F: out += [0xE2, 0x90, 0xA1]
                case 0xC2 where i + 1 < utf8.count && (0x80...0x9F).contains(utf8[i + 1]):
                    out += [0xEF, 0xBF, 0xBD]
                    i += 1
                case 0xE2 where i + 2 < utf8.count
                    && ((utf8[i + 1] == 0x80 && (0xAA...0xAE).contains(utf8[i + 2]))
                        || (utf8[i + 1] == 0x81 && (0xA6...0xA9).contains(utf8[i + 2]))):
                    out += [0xEF, 0xBF, 0xBD]
                    i += 2
                default: out.append(b)
                }
                i += 1
            }
        }
    }

    /// One content line folded at 75 octets (RFC 5545 §3.1): each continuation line begins
    /// with a space, which counts in its 75 octets; a UTF-8 sequence is never split. Ends
    /// with CRLF.
    public static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        fold(line, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `fold`, appending the bytes to `out` (one pass over the line's UTF-8).
    static func fold(_ line: String, into out: inout [UInt8]) {
        var line = line
        line.withUTF8 { fold($0, into: &out) }
    }

    static func fold<C: Collection>(_ bytes: C, into out: inout [UInt8]) where C.Element == UInt8 {
        var width = 0
        for b in bytes {
            // At the first byte of a character: break before it if the whole character does
            // not fit.
            if b & 0xC0 != 0x80 {
                let n = b < 0x80 ? 1 : (b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2))
                if width + n > 75 {
                    out += [13, 10, 32]
                    width = 1
                }
            }
            out.append(b)
            width += 1
        }
        out += [13, 10]
    }
}

/// What `copc calendrier` writes besides the events themselves.
public struct CalendarOptions: Hashable, Sendable {
    /// Each deadline and step as an event covering its whole window (`--fenetres`), rather than
    /// a one-day event on its due day.
    public var wholeWindows: Bool
    /// Days before the due day of each reminder (`--rappel 30,7`), at 9:00.
    public var reminders: [Int]

    public init(wholeWindows: Bool = false, reminders: [Int] = []) {
        self.wholeWindows = wholeWindows
        self.reminders = reminders
    }
}

/// The calendar of a version (`copc calendrier`): one all-day event per deadline (`délai`) and
/// step (`étape`) of every action whose window is known, on its due day — the last day of
/// its window (`au plus tard le 31 mars 2026`: 31 March 2026; `courant 2025`: 31 December
/// 2025) —, the window and the words of the contract in its description; with
/// `wholeWindows`, covering the window instead. Then the follow-up calendar of the contract
/// (`bilan annuel : avant le 15 mars N+1`, `données (quantitatives) : avant le 31 janvier
/// N+1`, `synthèse : …`): one event per line and per year of the period, on that year's day.
/// Then, cancelled (`STATUS:CANCELLED`), every event of an earlier version that this one no
/// longer has — an action or a step removed by an avenant, a deadline replaced or made « à
/// préciser », a follow-up year cut from the period —, with the same UID and the avenant
/// that removed it in its description, so that re-importing removes it.
///
/// Each event's UID is made of the contract id, the action's normalised id and the deadline's
/// label or step title (`COP-CNG/action/1.1.2/delai/directeurs@copc`), or of the follow-up
/// line and the year (`COP-AFSO/suivi/donnees/quantitatives/2024@copc`): it does not depend on
/// the version, so re-importing a later version's calendar updates the events. UIDs are unique
/// by construction: each part has its `%`, `/` and `@` percent-encoded (`uidPart`), so
/// splitting at `/` gives the parts back, and within a version an action's key and a
/// deadline's label or step title are unique (a repeated one is reported and dropped by the
/// builder). `DTSTAMP` is the version's date of effect (else the contract's signature date,
/// else the start of its period, else 1970-01-01) and `SEQUENCE` its number, so the file is
/// the same for the same version and a later version supersedes it.
public enum ContractCalendar {
    /// The calendar of `doc`: its deadlines and steps, its follow-up calendar, and the events
    /// of earlier versions it no longer has, cancelled.
    public static func render(_ doc: ContractDocument, options: CalendarOptions = CalendarOptions()) -> String {
        let h = doc.header
        let stamp = doc.version.effectiveDate ?? h.date(.signeLe) ?? doc.version.period?.start ?? Day(ordinal: 0)
        let name = (h.id ?? "contrat") + " — " + (h.title ?? "") + " (version \(doc.version.number))"
        let current = items(doc, wholeWindows: options.wholeWindows)
        let all = current.map(\.event) + cancelled(doc, current: current, wholeWindows: options.wholeWindows)
        return ICalendar.write(name: name, events: all, stamp: stamp, sequence: doc.version.number, reminders: options.reminders)
    }

    /// The events of the version: deadlines and steps in document order, then the follow-up
    /// calendar year by year.
    public static func events(_ doc: ContractDocument, wholeWindows: Bool = false) -> [CalendarEvent] {
        items(doc, wholeWindows: wholeWindows).map(\.event)
    }

    /// An event and the action it belongs to (`nil` for the follow-up calendar).
    struct Item {
        var event: CalendarEvent
        let action: ElementKey?
    }

    static func items(_ doc: ContractDocument, wholeWindows: Bool) -> [Item] {
        deadlines(doc, wholeWindows: wholeWindows) + followUp(doc)
    }

    static func deadlines(_ doc: ContractDocument, wholeWindows: Bool) -> [Item] {
        var out: [Item] = []
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
                    var lines = ["Échéance : " + ContractDocument.day(w.end)
                                    + (w.start == w.end ? "" : " (fin de la fenêtre " + doc.windowProse(w) + ")"),
                                 "Action \(a.id ?? "") « \(a.title ?? "") »",
                                 "\(ContractDocument.deadlineLabel(p)) : \(doc.asWritten(p))"]
                    if !pilots.isEmpty { lines.append("Pilotes : " + pilots.joined(separator: ", ")) }
                    let co = a.referents(.coPilote).map(\.spelling)
                    if !co.isEmpty { lines.append("Co-pilotes : " + co.joined(separator: ", ")) }
                    lines.append("Contrat \(contractId), version \(doc.version.number)")
                    out.append(Item(event: CalendarEvent(uid: uid, start: wholeWindows ? w.start : w.end, end: w.end, summary: summary,
                                                         description: lines.joined(separator: "\n"), categories: [contractId]),
                                    action: a.key))
                }
            }
        }
        return out
    }

    /// The follow-up calendar (`bilan annuel`, `données`, `synthèse` of the contract header):
    /// for each year N of the period, one event per line on its day of N or N+1.
    static func followUp(_ doc: ContractDocument) -> [Item] {
        guard let period = doc.period, period.isValid else { return [] }
        let years = period.years
        guard years.count <= 200 else { return [] }
        let contractId = doc.header.id ?? "contrat"
        var lines: [(Property, DueDate)] = []
        for p in doc.header.properties where p.key == .bilanAnnuel || p.key == .donnees || p.key == .synthese {
            if case .dueDate(let d) = p.value { lines.append((p, d)) }
        }
        guard !lines.isEmpty else { return [] }
        let title = doc.header.title.map { " « \($0) »" } ?? ""
        var out: [Item] = []
        for y in years {
            for (p, due) in lines {
                guard let day = due.day(for: y) else { continue }
                let key = p.key.folded.replacing(" ", with: "-")
                let uid = uidPart(contractId) + "/suivi/" + key + (p.label.map { "/" + uidPart($0) } ?? "") + "/\(y)@copc"
                let display = p.key.display
                let name = display.prefix(1).uppercased() + display.dropFirst() + (p.label.map { " (\($0))" } ?? "")
                let text = ["Échéance : " + ContractDocument.day(day) + " (au titre de l'année \(y))",
                             "Calendrier de suivi du contrat \(contractId)\(title)",
                             display + (p.label.map { " (\($0))" } ?? "") + " : " + doc.asWritten(p) + " (N = \(y))",
                             "Contrat \(contractId), version \(doc.version.number)"]
                out.append(Item(event: CalendarEvent(uid: uid, start: day, end: day, summary: "\(name) \(y) — \(contractId)",
                                                     description: text.joined(separator: "\n"), categories: [contractId]),
                                action: nil))
            }
        }
        return out
    }

    /// The events of the versions before `doc`'s that `doc` no longer has, as they were last
    /// written, cancelled: the summary starts « Annulé — », the description says which avenant
    /// removed it, when it took effect and why (the motif of its `supprimer` or `modifier`
    /// clause, else the avenant's).
    static func cancelled(_ doc: ContractDocument, current: [Item], wholeWindows: Bool) -> [CalendarEvent] {
        let n = doc.version.number
        guard n > 0 else { return [] }
        let present = Set(current.map(\.event.uid))
        var last: [String: (item: Item, version: Int)] = [:]
        var order: [String] = []
        for v in doc.contract.versions where v.number < n {
            let earlier = ContractDocument(contract: doc.contract, version: v, files: doc.files)
            for item in items(earlier, wholeWindows: wholeWindows) where !present.contains(item.event.uid) {
                if last[item.event.uid] == nil { order.append(item.event.uid) }
                last[item.event.uid] = (item, v.number)
            }
        }
        return order.compactMap { uid -> CalendarEvent? in
            guard let (item, lastVersion) = last[uid] else { return nil }
            var e = item.event
            e.cancelled = true
            e.summary = "Annulé — " + e.summary
            e.description = removal(doc, item: item, lastVersion: lastVersion) + "\n" + e.description
            return e
        }
    }

    /// Why an event of version `lastVersion` is not in the next one: « Annulé : l'action 2.1.2 a
    /// été supprimée par l'avenant n° 2, en vigueur le 1er juillet 2024 (motif : « … »). »
    static func removal(_ doc: ContractDocument, item: Item, lastVersion: Int) -> String {
        let versions = doc.contract.versions
        let r = lastVersion + 1
        guard r < versions.count, lastVersion >= 0 else { return "Annulé." }
        let by = doc.avenantName(r) + (versions[r].effectiveDate.map { ", en vigueur le " + ContractDocument.day($0) } ?? "")
        let avenant = versions[r].avenant
        var motif = avenant?.header.provenance.motif
        let what: String
        if let key = item.action {
            let before = versions[lastVersion]
            // The element removed: the action or one of its ancestors.
            var removedKeys = Set<ElementKey>()
            var changed: String?
            for c in avenant?.changes ?? [] {
                guard let id = c.id else { continue }
                let k = ElementKey(c.kind, id)
                if c.op == .supprimer { removedKeys.insert(k); if k == key { motif = c.motif ?? motif } }
                if c.op == .modifier, k == key { changed = c.motif }
            }
            var removedAncestor: Element?
            if let id = before.index[key] {
                for anc in before.tree.ancestors(of: id) where removedKeys.contains(before.tree[anc].key) {
                    removedAncestor = before.tree[anc]
                    break
                }
            }
            let actionId = before.index[key].flatMap { before.tree[$0].id } ?? ""
            if removedKeys.contains(key) {
                what = "l'action \(actionId) a été supprimée par l'"
            } else if let a = removedAncestor {
                what = "l'action \(actionId) a été supprimée avec \(a.kind == .axe ? "l'axe" : a.kind == .objectif ? "l'objectif" : "le sous-objectif") \(a.id ?? a.title ?? "") par l'"
                for c in avenant?.changes ?? [] where c.op == .supprimer && c.id.map({ ElementKey(c.kind, $0) }) == a.key { motif = c.motif ?? motif }
            } else if doc.version.index[key] == nil {
                what = "l'action \(actionId) n'est plus au contrat depuis l'"
            } else {
                what = "cette échéance de l'action \(actionId) a été retirée, remplacée ou rendue « à préciser » par l'"
                motif = changed ?? motif
            }
        } else {
            what = "cette échéance du calendrier de suivi a été retirée (période ou calendrier modifiés) par l'"
        }
        return "Annulé : " + what + by + (motif.map { " (motif : « \($0) »)" } ?? "") + "."
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
