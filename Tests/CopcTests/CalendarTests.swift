import XCTest
import Foundation
import CopcLanguage
import CopcSource
import CopcSema
import CopcDriver
import CopcModel
import CopcRender

/// One event as a reader read it (`readCalendarSwift`, or the `icalendar` package).
struct ReadEvent: Equatable {
    let uid: String
    let start: String
    let end: String
    let allDay: Bool
    let status: String
    let summary: String
    let description: String
    let sequence: Int
    /// (TRIGGER as written, RELATED, offset in hours, ACTION)
    let alarms: [(trigger: String, related: String, hours: Double, action: String)]

    static func == (a: ReadEvent, b: ReadEvent) -> Bool {
        a.uid == b.uid && a.start == b.start && a.end == b.end && a.allDay == b.allDay && a.status == b.status
            && a.summary == b.summary && a.description == b.description && a.sequence == b.sequence
            && a.alarms.map { "\($0.trigger)|\($0.related)|\($0.hours)|\($0.action)" }
            == b.alarms.map { "\($0.trigger)|\($0.related)|\($0.hours)|\($0.action)" }
    }
}

/// `ics` read by the tests' own reader (`readCalendarSwift`, `OutputReaders.swift`).
func readCalendar(_ ics: String) throws -> [ReadEvent] {
    try readCalendarSwift(ics)
}

/// `ics` written to a file and read by `scripts/lire-rendu.py calendrier` (icalendar).
func readCalendarWithIcalendar(_ ics: String) throws -> [ReadEvent] {
    let dir = try temporaryFolder("copc-ics")
    try Data(ics.utf8).write(to: URL(fileURLWithPath: dir + "/c.ics"))
    let json = try XCTUnwrap(try readRendering(["calendrier", dir + "/c.ics"]) as? [String: Any])
    return (json["evenements"] as? [[String: Any]] ?? []).map { e in
        let start = e["debut"] as? [String: Any] ?? [:], end = e["fin"] as? [String: Any] ?? [:]
        return ReadEvent(uid: e["uid"] as? String ?? "", start: start["jour"] as? String ?? "", end: end["jour"] as? String ?? "",
                         allDay: start["type"] as? String == "date" && end["type"] as? String == "date",
                         status: e["statut"] as? String ?? "", summary: e["resume"] as? String ?? "",
                         description: e["description"] as? String ?? "", sequence: e["sequence"] as? Int ?? -1,
                         alarms: (e["alarmes"] as? [[String: Any]] ?? []).map {
                             ($0["trigger"] as? String ?? "", $0["related"] as? String ?? "",
                              ($0["heures"] as? NSNumber)?.doubleValue ?? .nan, $0["action"] as? String ?? "")
                         })
    }
}

/// Reads the French days of a text (`1er octobre 2023`, `31 décembre 2023`), in order.
func frenchDays(in text: String) -> [Day] {
    let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == "(" || $0 == ")" || $0 == "\n" || $0 == "," })
    var out: [Day] = []
    var i = 0
    while i + 2 < words.count {
        let d = words[i] == "1er" ? 1 : Int(words[i])
        if let d, let m = months.firstIndex(of: String(words[i + 1])), let y = Int(words[i + 2]), let day = Day(year: y, month: m + 1, day: d) {
            out.append(day)
            i += 3
        } else {
            i += 1
        }
    }
    return out
}

func checked(_ files: [(String, String)]) throws -> (Contract, FileTable) {
    let result = Driver.check(sources: files.map { ($0.0, Array($0.1.utf8)) }, options: CheckOptions(au: testDate))
    return (try XCTUnwrap(result.contracts.first), result.fileTable)
}

final class CalendarTests: XCTestCase {
    /// Every deadline and step of every contract of the repository: one day, its due day (the
    /// end of the model's window); the description's dates are the window's.
    func testDueDatesAgainstTheModel() throws {
        var compared = 0, windows = 0
        for folder in try contractFolders(under: repositoryRoot + "/contracts") {
            let result = Driver.check(sources: try sources(of: folder), options: CheckOptions(au: testDate))
            for contract in result.contracts {
                guard let version = contract.versions.last else { continue }
                let doc = ContractDocument(contract: contract, version: version, files: result.fileTable)
                let events = try readCalendar(ContractCalendar.render(doc)).filter { $0.uid.contains("/action/") && $0.status == "CONFIRMED" }
                var k = 0
                for s in doc.sections {
                    for a in s.actions {
                        for p in doc.deadlines(a) {
                            guard let w = doc.window(p) else { continue }
                            guard k < events.count else { XCTFail("\(folder): event missing for \(a.id ?? "")"); return }
                            let e = events[k]
                            XCTAssertTrue(e.allDay)
                            XCTAssertEqual(e.start, w.end.description, "\(a.id ?? "") \(doc.asWritten(p))")
                            XCTAssertEqual(e.end, Day(ordinal: w.end.ordinal + 1).description)
                            XCTAssertTrue(e.summary.contains("action \(a.id ?? "")"), e.summary)
                            XCTAssertTrue(e.description.contains(ContractDocument.deadlineLabel(p) + " : " + doc.asWritten(p)), e.description)
                            // « Échéance : 31 décembre 2023 (fin de la fenêtre du 1er octobre 2023 au 31 décembre 2023) »
                            let first = String(e.description.prefix { $0 != "\n" })
                            XCTAssertTrue(first.hasPrefix("Échéance : "), first)
                            let days = frenchDays(in: first)
                            XCTAssertEqual(days, w.start == w.end ? [w.end] : [w.end, w.start, w.end], first)
                            if w.start != w.end { windows += 1 }
                            compared += 1
                            k += 1
                        }
                    }
                }
                XCTAssertEqual(k, events.count, "\(folder): as many events as dated deadlines")
            }
        }
        XCTAssertGreaterThan(compared, 100)
        XCTAssertGreaterThan(windows, 50)
    }

    /// Issue 22's cases: « au plus tard le 31 mars 2026 » is 31 March 2026, not 455 days from
    /// 1 January 2025; « courant 2025 » is 31 December 2025. `--fenetres` keeps the windows.
    func testDeadlinesAreOneDayOnTheirDueDay() throws {
        let (c, files) = try checked([("c.cop", """
            contrat C1 « Contrat »
              type : COP
              période : 2025 .. 2027
              signé le : 2025-01-10
            référent DGOS « Direction générale de l'offre de soins »
            axe 1 « Axe »
            objectif 1.1 « Objectif »
              pilote : DGOS
            action 1.1.1 « Action »
              étape « Cadrer » : au plus tard le 31 mars 2026
              délai : courant 2025
            action 1.1.2 « Autre »
              délai : le 15 juin 2026
            """)])
        let doc = ContractDocument(contract: c, version: c.versions[0], files: files)
        let events = try readCalendar(ContractCalendar.render(doc))
        XCTAssertEqual(events.map(\.start), ["2026-03-31", "2025-12-31", "2026-06-15"])
        XCTAssertEqual(events.map(\.end), ["2026-04-01", "2026-01-01", "2026-06-16"])
        XCTAssertTrue(events[0].description.hasPrefix("Échéance : 31\u{00A0}mars 2026 (fin de la fenêtre du 1er\u{00A0}janvier 2025 au 31\u{00A0}mars 2026)\n"),
                      events[0].description)
        XCTAssertTrue(events[0].description.contains("étape « Cadrer » : au plus tard le 31 mars 2026"))
        XCTAssertTrue(events[2].description.hasPrefix("Échéance : 15\u{00A0}juin 2026\n"), events[2].description)
        let whole = try readCalendar(ContractCalendar.render(doc, options: CalendarOptions(wholeWindows: true)))
        XCTAssertEqual(whole.map(\.start), ["2025-01-01", "2025-01-01", "2026-06-15"])
        XCTAssertEqual(whole.map(\.end), ["2026-04-01", "2026-01-01", "2026-06-16"])
        XCTAssertEqual(whole.map(\.uid), events.map(\.uid))
    }

    /// The follow-up calendar: each line of the contract (labelled or not) for each year of
    /// the period, on its day of N+1, against the model's `DueDate`s.
    func testFollowUpCalendarForEveryYear() throws {
        let result = Driver.check(sources: try sources(of: repositoryRoot + "/contracts/exemples/suivi-annuel-fictif"),
                                  options: CheckOptions(au: testDate))
        let c = try XCTUnwrap(result.contracts.first)
        let version = try XCTUnwrap(c.versions.last)
        let doc = ContractDocument(contract: c, version: version, files: result.fileTable)
        let events = try readCalendar(ContractCalendar.render(doc)).filter { $0.uid.contains("/suivi/") }
        let lines = version.header.properties.compactMap { p -> (Property, DueDate)? in
            guard case .dueDate(let d) = p.value else { return nil }
            return (p, d)
        }
        XCTAssertEqual(lines.count, 3)
        let years = try XCTUnwrap(version.period).years
        XCTAssertEqual(events.count, years.count * lines.count)
        var k = 0
        for y in years {
            for (p, due) in lines {
                let e = events[k]
                let day = try XCTUnwrap(due.day(for: y))
                XCTAssertEqual(e.start, day.description)
                XCTAssertEqual(e.end, Day(ordinal: day.ordinal + 1).description)
                XCTAssertEqual(frenchDays(in: String(e.description.prefix { $0 != "\n" })), [day])
                XCTAssertTrue(e.uid.hasSuffix("/\(y)@copc"), e.uid)
                XCTAssertTrue(e.summary.contains(" \(y) — COP-AFSO"), e.summary)
                if let l = p.label { XCTAssertTrue(e.uid.contains("/" + l + "/"), e.uid) }
                XCTAssertTrue(e.description.contains(": " + doc.asWritten(p) + " (N = \(y))"), e.description)
                k += 1
            }
        }
        XCTAssertEqual(events.first?.uid, "COP-AFSO/suivi/bilan-annuel/2022@copc")
        XCTAssertEqual(events.first?.start, "2023-03-15")
        XCTAssertTrue(events.contains { $0.uid == "COP-AFSO/suivi/donnees/quantitatives/2026@copc" && $0.start == "2027-01-31" })
    }

    /// An action removed by an avenant: its event is in the calendar of the version before,
    /// and cancelled with the same UID in every later one, saying which avenant removed it and
    /// why.
    func testRemovedActionIsCancelledWithTheSameUID() throws {
        let result = Driver.check(sources: try sources(of: repositoryRoot + "/contracts/exemples/cop-fictif-ofe-2023-2027"),
                                  options: CheckOptions(au: testDate))
        let c = try XCTUnwrap(result.contracts.first)
        func calendar(_ n: Int, _ options: CalendarOptions = CalendarOptions()) throws -> [ReadEvent] {
            try readCalendar(ContractCalendar.render(ContractDocument(contract: c, version: c.versions[n], files: result.fileTable), options: options))
        }
        let uid = "COP-OFE/action/2.1.2/delai@copc"
        let v1 = try calendar(1)
        XCTAssertEqual(v1.first { $0.uid == uid }?.status, "CONFIRMED")
        for n in [2, 3] {
            let events = try calendar(n, CalendarOptions(reminders: [7]))
            XCTAssertEqual(Set(events.map(\.uid)).count, events.count)
            let e = try XCTUnwrap(events.first { $0.uid == uid }, "version \(n)")
            XCTAssertEqual(e.status, "CANCELLED")
            XCTAssertEqual(e.sequence, n)
            XCTAssertTrue(e.summary.hasPrefix("Annulé — "))
            XCTAssertTrue(e.description.hasPrefix("Annulé : l'action 2.1.2 a été supprimée par l'avenant n° 2, en vigueur le 1er\u{00A0}juillet 2024 (motif : « Regroupement des sites abandonné après l'étude d'impact »)."), e.description)
            XCTAssertEqual(e.alarms.count, 0)
            // The others are confirmed, with their reminder.
            XCTAssertTrue(events.filter { $0.uid != uid }.allSatisfy { $0.status == "CONFIRMED" && $0.alarms.count == 1 })
            // Same day as when it was published.
            XCTAssertEqual(e.start, v1.first { $0.uid == uid }?.start)
        }
        // Version 1 cancels nothing.
        XCTAssertTrue(v1.allSatisfy { $0.status == "CONFIRMED" })
    }

    /// The other ways an event goes: an objective removed with its actions, a labelled
    /// deadline replaced by an unlabelled one, a step made « à préciser », a year cut from the
    /// period (its follow-up events); an action removed then added back is confirmed again.
    func testEveryRemovalIsCancelled() throws {
        let contract = """
            contrat C1 « Contrat »
              type : COP
              période : 2024 .. 2027
              signé le : 2024-01-10
              bilan annuel : avant le 15 mars N+1
            référent DGOS « Direction générale de l'offre de soins »
            axe 1 « Axe »
            objectif 1.1 « Premier »
              pilote : DGOS
            action 1.1.1 « Une »
              délai (directeurs) : fin 2024
              délai (praticiens) : fin 2025
            action 1.1.2 « Deux »
              étape « Cadrer » : T1 2025
              délai : 2026
            objectif 1.2 « Second »
              pilote : DGOS
            action 1.2.1 « Trois »
              délai : fin 2025
            """
        let first = """
            avenant 1 au contrat C1 « Premier avenant »
              signé le : 2025-01-15
              motif : « Revue à mi-parcours »
            modifier contrat
              période : 2024 .. 2026
            supprimer objectif 1.2
              motif : « Objectif abandonné »
            modifier action 1.1.1
              motif : « Un seul délai »
              délai : fin 2025
            modifier action 1.1.2
              étape « Cadrer » : à préciser
            """
        let (c, files) = try checked([("c.cop", contract), ("a1.cop", first)])
        let doc = ContractDocument(contract: c, version: c.versions[1], files: files)
        let events = try readCalendar(ContractCalendar.render(doc))
        let cancelled = Dictionary(uniqueKeysWithValues: events.filter { $0.status == "CANCELLED" }.map { ($0.uid, $0.description) })
        XCTAssertEqual(Set(cancelled.keys), ["C1/action/1.1.1/delai/directeurs@copc", "C1/action/1.1.1/delai/praticiens@copc",
                                             "C1/action/1.1.2/etape/Cadrer@copc", "C1/action/1.2.1/delai@copc",
                                             "C1/suivi/bilan-annuel/2027@copc"])
        XCTAssertTrue(cancelled["C1/action/1.2.1/delai@copc"]?.hasPrefix(
            "Annulé : l'action 1.2.1 a été supprimée avec l'objectif 1.2 par l'avenant n° 1, en vigueur le 15\u{00A0}janvier 2025 (motif : « Objectif abandonné »).") ?? false,
            cancelled["C1/action/1.2.1/delai@copc"] ?? "")
        XCTAssertTrue(cancelled["C1/action/1.1.1/delai/directeurs@copc"]?.hasPrefix(
            "Annulé : cette échéance de l'action 1.1.1 a été retirée, remplacée ou rendue « à préciser » par l'avenant n° 1, en vigueur le 15\u{00A0}janvier 2025 (motif : « Un seul délai »).") ?? false,
            cancelled["C1/action/1.1.1/delai/directeurs@copc"] ?? "")
        XCTAssertTrue(cancelled["C1/action/1.1.2/etape/Cadrer@copc"]?.contains("(motif : « Revue à mi-parcours »)") ?? false)
        XCTAssertTrue(cancelled["C1/suivi/bilan-annuel/2027@copc"]?.hasPrefix("Annulé : cette échéance du calendrier de suivi a été retirée") ?? false)
        XCTAssertEqual(events.first { $0.uid == "C1/suivi/bilan-annuel/2027@copc" }?.start, "2028-03-15")
        XCTAssertEqual(events.first { $0.uid == "C1/action/1.1.1/delai@copc" }?.status, "CONFIRMED")

        // Added back by a second avenant: confirmed, not cancelled.
        let second = """
            avenant 2 au contrat C1 « Second avenant »
              signé le : 2025-06-15
            ajouter objectif 1.2 « Second » dans axe 1
              pilote : DGOS
            ajouter action 1.2.1 « Trois » dans objectif 1.2
              délai : fin 2026
            """
        let (c2, files2) = try checked([("c.cop", contract), ("a1.cop", first), ("a2.cop", second)])
        let v2 = try readCalendar(ContractCalendar.render(ContractDocument(contract: c2, version: c2.versions[2], files: files2)))
        let back = try XCTUnwrap(v2.first { $0.uid == "C1/action/1.2.1/delai@copc" })
        XCTAssertEqual(back.status, "CONFIRMED")
        XCTAssertEqual(back.start, "2026-12-31")
        XCTAssertEqual(v2.filter { $0.uid == "C1/action/1.2.1/delai@copc" }.count, 1)
    }

    /// Reminders N days before the due day at 9:00, as icalendar computes them: from the start
    /// of a one-day event, from the end of a whole-window one.
    func testReminders() throws {
        let (_, v1) = rendered()
        let oneDay = try readCalendar(ContractCalendar.render(v1, options: CalendarOptions(reminders: [30, 7, 0])))
        XCTAssertFalse(oneDay.isEmpty)
        for e in oneDay {
            XCTAssertEqual(e.alarms.map(\.hours), [-24 * 30 + 9, -24 * 7 + 9, 9])
            XCTAssertEqual(e.alarms.map(\.related), ["START", "START", "START"])
            XCTAssertEqual(e.alarms.map(\.action), ["DISPLAY", "DISPLAY", "DISPLAY"])
        }
        XCTAssertEqual(oneDay[0].alarms.map(\.trigger), ["-P29DT15H", "-P6DT15H", "PT9H"])
        let whole = try readCalendar(ContractCalendar.render(v1, options: CalendarOptions(wholeWindows: true, reminders: [7])))
        for e in whole where e.start != Day(ordinal: (Day.parse(e.end)?.ordinal ?? 0) - 1).description {
            XCTAssertEqual(e.alarms.map(\.hours), [-24 * 8 + 9])
            XCTAssertEqual(e.alarms.map(\.related), ["END"])
        }
        XCTAssertEqual(try readCalendar(ContractCalendar.render(v1)).flatMap(\.alarms).count, 0)
    }

    /// The tests' reader against malformed calendars (near misses of what copc writes): bare
    /// LF, a line longer than 75 octets, an unclosed event.
    func testReaderRefusesMalformedCalendars() throws {
        let (_, v1) = rendered()
        let ics = ContractCalendar.render(v1)
        XCTAssertNoThrow(try readCalendar(ics))
        XCTAssertThrowsError(try readCalendar(ics.replacingOccurrences(of: "\r\n", with: "\n")))
        XCTAssertThrowsError(try readCalendar(ics.replacingOccurrences(of: "\r\n ", with: "")))
        XCTAssertThrowsError(try readCalendar(ics.replacingOccurrences(of: "END:VEVENT\r\n", with: "")))
        // Folded lines are unfolded between bytes: a description longer than a line reads whole.
        XCTAssertTrue(try readCalendar(ics).contains { $0.description.count > 75 })
    }

    /// The `icalendar` package reads the calendars as the tests' reader does (skipped without
    /// it): every contract of the repository, with reminders, whole windows, and the versions
    /// that cancel events.
    func testIcalendarReadsWhatTheTestsRead() throws {
        try XCTSkipUnless(pythonModulesInstalled(["icalendar"]), "icalendar absent (pip install icalendar)")
        var compared = 0
        for folder in try contractFolders(under: repositoryRoot + "/contracts") {
            let result = Driver.check(sources: try sources(of: folder), options: CheckOptions(au: testDate))
            for contract in result.contracts {
                for version in contract.versions {
                    let doc = ContractDocument(contract: contract, version: version, files: result.fileTable)
                    let options = version.number % 2 == 0 ? CalendarOptions(reminders: [30, 0]) : CalendarOptions(wholeWindows: true, reminders: [7])
                    let ics = ContractCalendar.render(doc, options: options)
                    let ours = try readCalendar(ics), theirs = try readCalendarWithIcalendar(ics)
                    XCTAssertEqual(ours.count, theirs.count, "\(folder) version \(version.number)")
                    for (a, b) in zip(ours, theirs) {
                        XCTAssertEqual(a, b, "\(folder) version \(version.number) \(a.uid)")
                        compared += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 100)
    }

    /// `copc calendrier --fenetres --rappel 30,7`, and bad values of --rappel.
    func testCommandLine() throws {
        func run(_ args: [String]) throws -> (Int32, String, String) {
            let p = Process()
            p.executableURL = builtCopc
            p.arguments = args
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let ofe = repositoryRoot + "/contracts/exemples/cop-fictif-ofe-2023-2027"
        let (s, ics, _) = try run(["calendrier", ofe, "--fenêtres", "--rappel", "7, 30,7"])
        XCTAssertEqual(s, 0)
        let events = try readCalendar(ics)
        XCTAssertEqual(events.first?.start, "2023-10-01")
        XCTAssertEqual(events.first?.alarms.map(\.trigger), ["-P30DT15H", "-P7DT15H"])
        let (_, plain, _) = try run(["calendrier", ofe])
        XCTAssertEqual(try readCalendar(plain).first?.start, "2023-12-31")
        for bad in ["", "sept", "-1", "367", "1,,2", "1.5", "0x10", "99999999999999999999"] {
            let (status, out, err) = try run(["calendrier", ofe, "--rappel", bad])
            XCTAssertEqual(status, 2, bad)
            XCTAssertEqual(out, "")
            XCTAssertTrue(err.contains("valeur invalide pour --rappel : « \(bad) »"), "\(bad): \(err)")
        }
        let (_, help, _) = try run(["calendrier", "--help"])
        XCTAssertTrue(help.contains("--fenetres") && help.contains("--rappel J[,J…]") && help.contains("STATUS:CANCELLED"))
    }
}
