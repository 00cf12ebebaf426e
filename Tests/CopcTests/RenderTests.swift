@testable import CopcFrench
import XCTest
import Foundation
import CopcLanguage
import CopcSource
import CopcDiagnostics
import CopcSema
import CopcDriver
import CopcModel
import CopcRender
import CopcFrench

/// The folders holding contracts: every folder of `contracts/` (any depth, so that
/// `contracts/exemples/…` added later is covered) and every case folder of the corpus (they
/// hold the avenants).
func contractFolders(under root: String) throws -> [String] {
    var folders: [String] = []
    for path in try FileSystem.copFiles(under: root) {
        let dir = Paths.directory(of: path)
        if !folders.contains(dir) { folders.append(dir) }
    }
    return folders
}

/// The files of a folder as sources named relative to the repository.
func sources(of dir: String) throws -> [(String, [UInt8])] {
    try FileSystem.copFiles(under: dir).map { (Paths.relative($0, to: repositoryRoot), try FileSystem.read($0)) }
}

/// The IR without what records where things come from (design §10: the rendered source is
/// the version "except provenance"): `modifie_par`, `motif`, `fichier`, the list of avenants
/// and the version number.
func withoutProvenance(_ json: String) throws -> NSObject {
    func strip(_ v: Any) -> Any {
        if let o = v as? [String: Any] {
            var r: [String: Any] = [:]
            // `bilans`: the follow-up documents beside the version, not part of its consolidated text.
            for (k, x) in o where !["modifie_par", "motif", "fichier", "avenants", "version", "bilans"].contains(k) { r[k] = strip(x) }
            return r
        }
        if let a = v as? [Any] { return a.map(strip) }
        return v
    }
    return strip(try JSONSerialization.jsonObject(with: Data(json.utf8))) as! NSObject
}

final class RenderSourceTests: XCTestCase {
    /// `copc rendre --format cop` of every version of every contract: checking the text
    /// reports no more (code by code) than checking the contract and its avenants did, and its
    /// IR equals the version's except provenance.
    func testConsolidatedSourceReadsAsTheVersion() throws {
        var folders = try contractFolders(under: repositoryRoot + "/contracts")
        XCTAssertGreaterThanOrEqual(folders.count, 4)
        let cases = try contractFolders(under: repositoryRoot + "/Tests/CopcTests/Cases")
        folders += cases.filter { $0 != repositoryRoot + "/Tests/CopcTests/Cases" }
        var versionsChecked = 0, avenantVersions = 0
        for dir in folders {
            let files = try sources(of: dir)
            let result = Driver.check(sources: files, options: CheckOptions(au: testDate))
            var before: [Code: Int] = [:]
            for d in result.diagnostics { before[d.code, default: 0] += 1 }
            // A referent or plan removed while still in use is COP207 in the version and, once
            // the text no longer declares it, COP201: the same defect.
            if let n = before[.cop207] { before[.cop201, default: 0] += n }
            // Two contracts with one id (COP200: only the first is kept) cannot be told apart once
            // one of them is rendered beside the other.
            if result.diagnostics.contains(where: { if case .duplicateContract = $0.message { return true } else { return false } }) { continue }
            for contract in result.contracts {
                // The bilans stay beside the rendered text: they are documents of their own, which
                // the IR of a version lists (issue 15), not part of the consolidated contract.
                // Only the bilans that read the version rendered are kept (those its IR lists),
                let bilanFiles = Set(contract.bilans.map { result.fileTable[$0.file].path })
                let own = Set(contract.files.map { result.fileTable[$0].path }).subtracting(bilanFiles)
                let contractPath = result.fileTable[contract.file].path
                for version in contract.versions {
                    let rel = "\(Paths.relative(dir, to: repositoryRoot)) \(contract.id ?? "?") v\(version.number)"
                    guard case .success(let text) = SourceDocument.render(contract, version: version, files: result.fileTable) else {
                        XCTFail("\(rel): not rendered"); continue
                    }
                    // and the earlier ones, which say which actions were already finalised (COP604).
                    let lastYear = contract.bilans.compactMap { b in
                        b.year.flatMap { contract.version(forBilanOf: $0)?.number == version.number ? $0 : nil }
                    }.max() ?? Int.min
                    let readers = Set(contract.bilans.filter { ($0.year ?? Int.max) <= lastYear }.map { result.fileTable[$0.file].path })
                    let others = files.filter { !own.contains($0.0) && (!bilanFiles.contains($0.0) || readers.contains($0.0)) }
                    let again = Driver.check(sources: others + [(contractPath, Array(text.utf8))], options: CheckOptions(au: testDate))
                    var after: [Code: Int] = [:]
                    for d in again.diagnostics { after[d.code, default: 0] += 1 }
                    // The state checks (COP302, COP303, COP307) run on the version in force at the date
                    // of the check: for another version, the rendered text is in force instead.
                    let inForce = contract.versionInForce(at: testDate).number == version.number
                    for (code, n) in after where n > before[code, default: 0] && (inForce || ![.cop302, .cop303, .cop307].contains(code)) {
                        XCTFail("\(rel): \(code) reported \(n) times, \(before[code, default: 0]) before\n\(again.diagnostics.filter { $0.code == code }.map(\.message.text))")
                    }
                    guard let c2 = again.contracts.first(where: { $0.id == contract.id }) else {
                        XCTFail("\(rel): contract lost"); continue
                    }
                    XCTAssertEqual(c2.versions.count, 1, rel)
                    let expected = try withoutProvenance(IR.emit(contract, version: version, files: result.fileTable))
                    let actual = try withoutProvenance(IR.emit(c2, version: c2.versions[0], files: again.fileTable))
                    if expected != actual {
                        XCTFail("\(rel): IR of the rendered source differs\n\(text)")
                    }
                    versionsChecked += 1
                    if version.number > 0 { avenantVersions += 1 }
                }
            }
        }
        XCTAssertGreaterThan(versionsChecked, 100)
        XCTAssertGreaterThan(avenantVersions, 10)
    }

    /// An avenant that replaces one year of a multi-year target line: the other years are
    /// written one per line, the replaced one from the avenant; comments follow their line.
    func testPartlyReplacedMultiYearLineAndComments() throws {
        let contract = """
        # En-tête.
        contrat C1 « Contrat d'essai »
          type : COP
          période : 2021 .. 2023
          signé le : 2021-03-12
        référent DGOS « Direction générale de l'offre de soins »
        axe 1 « Axe »
        objectif 1.1 « Objectif »
          pilote : DGOS  # le pilote
        # Au sujet de l'indicateur.
        indicateur 1.1.a « Indicateur »
          unité : %
          cible 2021 .. 2023 : 50 %
        action 1.1.1 « Supprimée »
          délai : fin 2022
        """
        let avenant = """
        avenant 1 au contrat C1 « Avenant »
          signé le : 2022-06-30
        modifier indicateur 1.1.a
          cible 2022 : 55 %  # relevée
        supprimer action 1.1.1
        """
        let result = Driver.check(sources: [("c.cop", Array(contract.utf8)), ("a.cop", Array(avenant.utf8))], options: CheckOptions(au: testDate))
        let c = result.contracts[0]
        guard case .success(let v0) = SourceDocument.render(c, version: c.versions[0], files: result.fileTable),
              case .success(let v1) = SourceDocument.render(c, version: c.versions[1], files: result.fileTable) else {
            return XCTFail("not rendered")
        }
        XCTAssertTrue(v0.contains("  cible 2021 .. 2023 : 50 %\n"), v0)
        XCTAssertTrue(v0.contains("action 1.1.1"), v0)
        XCTAssertTrue(v1.hasPrefix("# En-tête.\ncontrat C1"), v1)
        XCTAssertTrue(v1.contains("  pilote : DGOS  # le pilote\n"), v1)
        XCTAssertTrue(v1.contains("# Au sujet de l'indicateur.\nindicateur 1.1.a"), v1)
        XCTAssertTrue(v1.contains("  cible 2021 : 50 %\n"), v1)
        XCTAssertTrue(v1.contains("  cible 2022 : 55 %  # relevée\n"), v1)
        XCTAssertTrue(v1.contains("  cible 2023 : 50 %\n"), v1)
        XCTAssertFalse(v1.contains("1.1.1"), v1)
    }

    /// An element placed by `dans` where its rank would nest it elsewhere keeps its place.
    func testPlacementWrittenWhenRankWouldNestElsewhere() throws {
        let contract = """
        contrat C1 « Contrat d'essai »
          période : 2021 .. 2023
        référent DGOS « Direction générale de l'offre de soins »
        axe 1 « Axe »
        objectif 1.1 « Objectif »
          pilote : DGOS
        indicateur T1 « Transversal » dans contrat
          unité : nombre
          cible 2021 .. 2023 : 4 000
        """
        let result = Driver.check(sources: [("c.cop", Array(contract.utf8))], options: CheckOptions(au: testDate))
        let c = result.contracts[0]
        guard case .success(let text) = SourceDocument.render(c, version: c.versions[0], files: result.fileTable) else { return XCTFail() }
        XCTAssertTrue(text.contains("indicateur T1 « Transversal » dans contrat\n"), text)
    }

    /// Titles that guillemets cannot hold are written as escaped strings that read back.
    func testTitleLiteral() throws {
        let contract = """
        contrat C1 "Contrat \\"essai\\" « ouvert"
          période : 2021 .. 2023
        """
        let result = Driver.check(sources: [("c.cop", Array(contract.utf8))], options: CheckOptions(au: testDate))
        let c = result.contracts[0]
        guard case .success(let text) = SourceDocument.render(c, version: c.versions[0], files: result.fileTable) else { return XCTFail() }
        XCTAssertTrue(text.hasPrefix("contrat C1 \"Contrat \\\"essai\\\" « ouvert\"\n"), text)
    }
}

/// Every contract folder's documents, in every format, against the goldens beside it
/// (`rendu/`); `UPDATE_GOLDEN=1 swift test` writes them, for a folder added later too.
final class RenderGoldenTests: XCTestCase {
    func testRenderGoldens() throws {
        let root = repositoryRoot + "/contracts"
        let update = FileSystem.environment("UPDATE_GOLDEN") == "1"
        let folders = try contractFolders(under: root)
        XCTAssertGreaterThanOrEqual(folders.count, 4)
        var compared = 0
        for dir in folders {
            let result = Driver.check(sources: try sources(of: dir), options: CheckOptions(au: testDate))
            for contract in result.contracts {
                guard let version = contract.versions.last, let id = contract.id else { continue }
                let doc = ContractDocument(contract: contract, version: version, files: result.fileTable)
                guard case .success(let cop) = SourceDocument.render(contract, version: version, files: result.fileTable) else {
                    XCTFail("\(id): not rendered as source"); continue
                }
                let outputs: [(String, String)] = [
                    ("\(id).html", HTMLDocument.render(doc)),
                    ("\(id).md", MarkdownDocument.render(doc)),
                    ("\(id).cop.txt", cop),
                    ("\(id)-indicateurs.csv", CSVExport.render(doc, table: .indicators)),
                    ("\(id)-actions.csv", CSVExport.render(doc, table: .actions)),
                    ("\(id).ics", ContractCalendar.render(doc)),
                ]
                // Every anchor of the page is unique (links land on one element).
                let html = outputs[0].1
                var ids: [String: Int] = [:]
                for part in html.components(separatedBy: " id=\"").dropFirst() {
                    ids[String(part.prefix { $0 != "\"" }), default: 0] += 1
                }
                XCTAssertGreaterThan(ids.count, 3)
                for (anchor, n) in ids where n > 1 { XCTFail("\(id): anchor \(anchor) written \(n) times") }
                for (name, text) in outputs {
                    let golden = dir + "/rendu/" + name
                    if update {
                        try FileManager.default.createDirectory(atPath: dir + "/rendu", withIntermediateDirectories: true)
                        try FileSystem.writeAtomically(golden, Array(text.utf8))
                        continue
                    }
                    guard FileSystem.kind(golden) == .file else {
                        XCTFail("missing golden \(Paths.relative(golden, to: repositoryRoot)) (run UPDATE_GOLDEN=1 swift test)")
                        continue
                    }
                    compared += 1
                    if String(decoding: try FileSystem.read(golden), as: UTF8.self) != text {
                        XCTFail("\(Paths.relative(golden, to: repositoryRoot)) differs (run UPDATE_GOLDEN=1 swift test and review the diff)")
                    }
                }
            }
        }
        if !update { XCTAssertGreaterThanOrEqual(compared, 24) }
    }
}

/// A contract and an avenant showing every part of the documents.
let renderContract = """
    contrat C1 « Contrat d'essai »
      type : COP
      organisme : CNG
      signataires : DGOS, CNG
      période : 2021 .. 2023
      signé le : 2021-03-12
    référent DGOS « Direction générale de l'offre de soins »
    référent CNG « Centre national de gestion »
    axe 1 « Axe »
    objectif 1.1 « Objectif ; premier ? »
      pilote : DGOS
      texte \"\"\"
        Premier paragraphe
        sur deux lignes.

        Second : paragraphe.
      \"\"\"
    action 1.1.1 « Action | barre »
      pilote : CNG
      délai (directeurs) : fin 2022
      délai (praticiens) : à préciser
      étape « Cartographier ; lister, classer » : T1 2022
    indicateur 1.1.a « Indicateur »
      méthode : « Part des postes »
      unité : %
      source : « SNDS »
      fournisseur : DGOS
      base 2019 : 21,5 %
      cible 2021 : à fixer par avenant
      cible 2022 : 40 %
      cible 2023 : sans objet
    """
let renderAvenant = """
    avenant 1 au contrat C1 « Fixation des cibles »
      signé le : 2022-06-30
      en vigueur le : 2022-07-01
    modifier indicateur 1.1.a
      cible 2021 : 30 %
      motif : « Cible fixée après concertation »
    """

/// Versions 0 and 1 of `renderContract` as documents.
func rendered() -> (ContractDocument, ContractDocument) {
    let result = Driver.check(sources: [("c.cop", Array(renderContract.utf8)), ("a.cop", Array(renderAvenant.utf8))], options: CheckOptions(au: testDate))
    let c = result.contracts[0]
    return (ContractDocument(contract: c, version: c.versions[0], files: result.fileTable),
            ContractDocument(contract: c, version: c.versions[1], files: result.fileTable))
}

final class RenderDocumentTests: XCTestCase {

    func testHTMLTitlePageTablesAndNotes() throws {
        let (v0, v1) = rendered()
        let html0 = HTMLDocument.render(v0), html1 = HTMLDocument.render(v1)
        let xml = parseXML(html1)
        XCTAssertTrue(xml.isWellFormed, xml.error ?? "")
        XCTAssertEqual(xml.count("script"), 0)
        XCTAssertTrue(html1.contains("Contrat d\u{2019}objectifs et de performance") || html1.contains("Contrat d'objectifs et de performance"))
        XCTAssertTrue(html1.contains("Centre national de gestion (CNG)"))
        // The pending target of version 0, the avenant's target and its note in version 1.
        XCTAssertTrue(html0.contains("à fixer par avenant"))
        XCTAssertFalse(html1.contains("à fixer par avenant"))
        XCTAssertTrue(html1.contains("30\u{00A0}%"))
        XCTAssertTrue(html1.contains("Modifié par l\u{2019}avenant n° 1") || html1.contains("Modifié par l'avenant n° 1"), html1)
        XCTAssertTrue(html1.contains("Cible fixée après concertation"))
        XCTAssertFalse(html0.contains("Modifié par"))
        XCTAssertTrue(html1.contains("sans objet"))
        // Deadlines as written and as windows; French spacing before ; and ?.
        XCTAssertTrue(html1.contains("du 1er\u{00A0}octobre 2022 au 31\u{00A0}décembre 2022"))
        XCTAssertTrue(html1.contains("échéance à préciser"))
        XCTAssertTrue(html1.contains("premier\u{202F}?"))
        // Year columns of the period, two paragraphs of text, a page break before the axe.
        for y in ["2021", "2022", "2023"] { XCTAssertTrue(html1.contains("<th scope=\"col\">\(y)</th>"), y) }
        XCTAssertTrue(html1.contains("<p>Premier paragraphe sur deux lignes.</p>"))
        XCTAssertTrue(html1.contains("class=\"bloc-rendu saut-avant\""))
    }

    func testMarkdownTables() throws {
        let (_, v1) = rendered()
        let md = MarkdownDocument.render(v1)
        XCTAssertTrue(md.contains("| N° | Action | Pilotes | Échéances |"), md)
        XCTAssertTrue(md.contains("Action \\| barre"), md)
        XCTAssertTrue(md.contains("| 1.1.a ◆<br>Modifié par l\u{2019}avenant n° 1") || md.contains("| 1.1.a ◆<br>Modifié par l'avenant n° 1"), md)
        XCTAssertTrue(md.contains("| 2021 | 2022 | 2023 |"), md)
        // Every table row has as many cells as its header.
        for line in md.split(separator: "\n") where line.hasPrefix("| N° | Indicateur") {
            XCTAssertEqual(line.components(separatedBy: " | ").count, 7)
        }
    }

    func testCSV() throws {
        let (_, v1) = rendered()
        let ind = CSVExport.render(v1, table: .indicators)
        XCTAssertTrue(ind.hasPrefix("\u{FEFF}identifiant;intitulé;"))
        XCTAssertTrue(ind.hasSuffix("\r\n"))
        let rows = ind.dropFirst().components(separatedBy: "\r\n")
        XCTAssertTrue(rows[1].hasPrefix("1.1.a;Indicateur;objectif 1.1;Part des postes;%;"), rows[1])
        XCTAssertTrue(rows[1].hasSuffix(";21,5;2019;1;30;30 %;40;40 %;;sans objet"), rows[1])
        let act = CSVExport.render(v1, table: .actions)
        XCTAssertTrue(act.contains("1.1.1;Action | barre;objectif 1.1;CNG;;non;délai;directeurs;fin 2022;2022-10-01;2022-12-31;\r\n"), act)
        XCTAssertTrue(act.contains(";étape;\"Cartographier ; lister, classer\";T1 2022;2022-01-01;2022-03-31;"), act)
        XCTAssertEqual(CSVWriter.field("a \"b\""), "\"a \"\"b\"\"\"")
        XCTAssertEqual(CSVWriter.field(" a"), "\" a\"")
        XCTAssertEqual(CSVWriter.field("a\nb"), "\"a\nb\"")
    }
}

final class ICalendarTests: XCTestCase {
    func testFoldingAt75OctetsWithoutSplittingCharacters() {
        let long = "DESCRIPTION:" + String(repeating: "é", count: 100)
        let folded = ICalendar.fold(long)
        XCTAssertTrue(folded.hasSuffix("\r\n"))
        let lines = String(decoding: folded.utf8.dropLast(2), as: UTF8.self).components(separatedBy: "\r\n")
        XCTAssertGreaterThan(lines.count, 2)
        for (i, l) in lines.enumerated() {
            XCTAssertLessThanOrEqual(l.utf8.count, 75, l)
            if i > 0 { XCTAssertTrue(l.hasPrefix(" ")) }
        }
        // Unfolding gives the line back.
        XCTAssertEqual(lines.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined(), long)
        XCTAssertEqual(ICalendar.fold(String(repeating: "a", count: 75)), String(repeating: "a", count: 75) + "\r\n")
        XCTAssertEqual(ICalendar.fold(String(repeating: "a", count: 76)), String(repeating: "a", count: 75) + "\r\n a\r\n")
    }

    func testEscaping() {
        XCTAssertEqual(ICalendar.escape("a,b;c\\d\ne\r\nf\u{7}"), "a\\,b\\;c\\\\d\\ne\\nf␇", "control characters are shown, not sent")
        // DEL, C1 controls and bidirectional overrides and isolates, as `Escaping.pictures` shows them.
        XCTAssertEqual(ICalendar.escape("a\u{7F}b\u{85}c\u{9F}d\u{202E}e\u{2066}f\u{A0}g\u{2030}\u{2069}"), "a␡b�c�d�e�f\u{A0}g\u{2030}�")
        XCTAssertEqual(ICalendar.escape("\u{1B}[31m\t"), Escaping.pictures("\u{1B}[31m\t"))
    }

    func testAllDayEventsAndStableUIDs() throws {
        let (v0, v1) = rendered()
        let ics0 = ContractCalendar.render(v0), ics1 = ContractCalendar.render(v1)
        XCTAssertTrue(ics1.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        XCTAssertTrue(ics1.hasSuffix("END:VCALENDAR\r\n"))
        XCTAssertFalse(ics1.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        // fin 2022: one day, the last of the window, DTEND the day after (exclusive); T1 2022
        // on 31 March.
        XCTAssertTrue(ics1.contains("DTSTART;VALUE=DATE:20221231\r\nDTEND;VALUE=DATE:20230101\r\n"), ics1)
        XCTAssertTrue(ics1.contains("DTSTART;VALUE=DATE:20220331\r\nDTEND;VALUE=DATE:20220401\r\n"), ics1)
        // With whole windows: the last quarter, the first quarter.
        let whole = ContractCalendar.render(v1, options: CalendarOptions(wholeWindows: true))
        XCTAssertTrue(whole.contains("DTSTART;VALUE=DATE:20221001\r\nDTEND;VALUE=DATE:20230101\r\n"), whole)
        XCTAssertTrue(whole.contains("DTSTART;VALUE=DATE:20220101\r\nDTEND;VALUE=DATE:20220401\r\n"), whole)
        // à préciser: no event. Two events (the deadline and the step).
        XCTAssertEqual(ics1.components(separatedBy: "BEGIN:VEVENT").count - 1, 2)
        XCTAssertTrue(ics1.contains("UID:C1/action/1.1.1/delai/directeurs@copc\r\n"))
        // Same UIDs in both versions; DTSTAMP and SEQUENCE from the version.
        let uids = { (s: String) in s.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } }
        XCTAssertEqual(uids(ics0), uids(ics1))
        XCTAssertTrue(ics0.contains("DTSTAMP:20210312T000000Z\r\n"))
        XCTAssertTrue(ics1.contains("DTSTAMP:20220701T000000Z\r\nDTSTART"))
        XCTAssertTrue(ics1.contains("SEQUENCE:1\r\n"))
        XCTAssertTrue(ics1.contains("Cartographier \\; lister\\, classer"))
    }

    /// Ids and step titles may hold `/`, `@`, `%`: joined as they are, the UIDs of the step
    /// « b/delai/L » of action `a` and of the deadline `(L)` of action `a/etape/b` were one UID,
    /// and a calendar kept only one of the two events. With escaped parts every UID of the
    /// calendar is distinct, and splitting at `/` gives the parts back.
    func testUIDsAreUniqueForAdversarialIdsAndTitles() throws {
        let text = """
        contrat C/1 « Contrat »
          type : COP
          période : 2021 .. 2023
          signé le : 2021-03-12
        référent DGOS « Direction générale de l'offre de soins »
        axe 1 « Axe »
        objectif 1.1 « Objectif »
          pilote : DGOS
        action a « A »
          étape « b/delai/L » : fin 2022
          étape « 50 % » : fin 2022
          étape « 50 %25 » : fin 2022
          étape « c@copc » : fin 2022
        action a/etape/b « A bis »
          délai (L) : fin 2022
        action a/etape/b/delai/L « A ter »
          délai : fin 2022
        """
        let result = Driver.check(sources: [("c.cop", Array(text.utf8))], options: CheckOptions(au: testDate))
        let c = try XCTUnwrap(result.contracts.first)
        let doc = ContractDocument(contract: c, version: c.versions[0], files: result.fileTable)
        let uids = ContractCalendar.events(doc).map(\.uid)
        XCTAssertEqual(uids, [
            "C%2F1/action/a/etape/b%2Fdelai%2FL@copc",
            "C%2F1/action/a/etape/50 %25@copc",
            "C%2F1/action/a/etape/50 %2525@copc",
            "C%2F1/action/a/etape/c%40copc@copc",
            "C%2F1/action/a%2Fetape%2Fb/delai/L@copc",
            "C%2F1/action/a%2Fetape%2Fb%2Fdelai%2FL/delai@copc",
        ])
        XCTAssertEqual(Set(uids).count, uids.count)
        // Each part decodes back to what was written.
        let parts = uids[0].dropLast("@copc".count).split(separator: "/").map { $0.removingPercentEncoding }
        XCTAssertEqual(parts, ["C/1", "action", "a", "etape", "b/delai/L"])
        // The calendar as written holds every UID once.
        let ics = ContractCalendar.render(doc)
        XCTAssertEqual(Set(ics.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }).count, 6)
    }
}

/// `copc rendre` and `copc calendrier` run as a user runs them.
final class RenderCLITests: XCTestCase {
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

    func folder() throws -> String {
        let dir = scratchRoot + "copc-rendre-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try renderContract.write(toFile: dir + "/contrat.cop", atomically: true, encoding: .utf8)
        try renderAvenant.write(toFile: dir + "/avenant-1.cop", atomically: true, encoding: .utf8)
        return dir
    }

    func testFormatsVersionsAndOutputFile() throws {
        let dir = try folder()
        let (s1, html, _) = try run(["rendre", dir])
        XCTAssertEqual(s1, 0)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("30\u{00A0}%"))
        // By number and by date: before the avenant's date of effect, version 0.
        let (_, v0, _) = try run(["rendre", dir, "--version", "0", "--format", "markdown"])
        XCTAssertTrue(v0.contains("à fixer par avenant"))
        let (_, before, _) = try run(["rendre", dir, "--version", "2022-06-30", "--format", "markdown"])
        XCTAssertEqual(before, v0)
        let (_, after, _) = try run(["rendre", dir, "--version", "2022-07-01", "--format", "md"])
        XCTAssertFalse(after.contains("à fixer par avenant"))
        let (s2, cop, _) = try run(["rendre", dir, "--format", "cop"])
        XCTAssertEqual(s2, 0)
        XCTAssertTrue(cop.contains("  cible 2021 : 30 %\n"), cop)
        let (s3, _, _) = try run(["rendre", dir, "--format", "csv", "--table", "actions", "-o", dir + "/actions.csv"])
        XCTAssertEqual(s3, 0)
        let csv = try Data(contentsOf: URL(fileURLWithPath: dir + "/actions.csv"))
        XCTAssertEqual(Array(csv.prefix(3)), [0xEF, 0xBB, 0xBF])
        let (s4, ics, _) = try run(["calendrier", dir, "--version", "1"])
        XCTAssertEqual(s4, 0)
        XCTAssertTrue(ics.hasPrefix("BEGIN:VCALENDAR\r\n"))
        XCTAssertTrue(ics.contains("SEQUENCE:1\r\n"))
    }

    func testBadUsage() throws {
        let dir = try folder()
        for (args, message) in [
            (["rendre", dir, "--format", "pdf"], "format inconnu « pdf » (formats possibles : html, markdown, cop, csv, xlsx)"),
            (["rendre", dir, "--table", "actions"], "--table ne s'emploie qu'avec --format csv ou xlsx"),
            (["rendre", dir, "--format", "csv", "--table", "cibles"], "tableau inconnu « cibles » (tableaux : indicateurs, actions)"),
            (["rendre", dir, "--version", "7"], "le contrat C1 n'a pas de version 7 (versions : 0 à 1)"),
            (["calendrier", dir, "--version", "hier"], "version invalide : « hier »"),
            (["rendre", dir, "--version", "-1"], "numéro de version invalide"),
        ] {
            let (status, out, err) = try run(args)
            XCTAssertEqual(status, 2, "\(args)")
            XCTAssertEqual(out, "")
            XCTAssertTrue(err.contains(message), "\(args): \(err)")
        }
        let (s, help, _) = try run(["rendre", "--help"])
        XCTAssertEqual(s, 0)
        XCTAssertTrue(help.contains("Usage : copc rendre"))
        let (s2, help2, _) = try run(["calendrier", "--help"])
        XCTAssertEqual(s2, 0)
        XCTAssertTrue(help2.contains("RFC 5545"))
    }

    func testErrorsSummarisedAndDocumentWritten() throws {
        let dir = try folder()
        try (renderContract + "\naction 1.1.9 « Hors période »\n  délai : fin 2030\n").write(toFile: dir + "/contrat.cop", atomically: true, encoding: .utf8)
        let (status, out, err) = try run(["rendre", dir, "--format", "markdown"])
        XCTAssertEqual(status, 0)
        XCTAssertTrue(out.contains("1.1.9"))
        XCTAssertTrue(err.contains("erreur") && err.contains("le document reflète le texte tel qu'écrit"), err)
    }
}

/// `scripts/capture-rendre.sh`: usage, a missing copc, and a whole run with stand-ins for
/// Chromium and pdftoppm (the rendered page is real).
final class CaptureRendreScriptTests: XCTestCase {
    func run(_ args: [String], copc: String, tools: [String: String]) throws -> (status: Int32, out: String, err: String, dir: String) {
        let dir = scratchRoot + "copc-capture-rendre-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/outils", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/contrat", withIntermediateDirectories: true)
        try renderContract.write(toFile: dir + "/contrat/contrat.cop", atomically: true, encoding: .utf8)
        for (name, body) in tools {
            let path = dir + "/outils/" + name
            try ("#!/bin/bash\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        for tool in ["dirname", "basename", "sed", "mktemp", "rm", "mkdir", "tail", "ls", "wc", "mv", "cat", "touch"] {
            if let real = ["/usr/bin/" + tool, "/bin/" + tool].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                try FileManager.default.createSymbolicLink(atPath: dir + "/outils/" + tool, withDestinationPath: real)
            }
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [repositoryRoot + "/scripts/capture-rendre.sh"] + args
        p.environment = ["PATH": dir + "/outils", "HOME": dir, "COPC": copc]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), dir)
    }

    func testUsageAndMissingCopc() throws {
        let usage = try run(["contrat"], copc: builtCopc.path, tools: [:])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.err.contains("usage : scripts/capture-rendre.sh DOSSIER_DU_CONTRAT DOSSIER_SORTIE"), usage.err)
        let missing = try run(["contrat", "sortie"], copc: "/nulle/part/copc", tools: [:])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.err.contains("copc introuvable (/nulle/part/copc)"), missing.err)
    }

    func testRendersThenCaptures() throws {
        let chromium = """
        echo "$@" >> "$HOME/chromium.log"
        for a in "$@"; do
          case "$a" in
            --screenshot=*) echo png > "${a#--screenshot=}" ;;
            --print-to-pdf=*) echo pdf > "${a#--print-to-pdf=}" ;;
          esac
        done
        """
        let pdftoppm = "for n in 1 2; do echo p > \"${@: -1}-$n.png\"; done\n"
        let r = try run(["contrat", "sortie", "--version", "0"], copc: builtCopc.path, tools: ["chromium": chromium, "pdftoppm": pdftoppm])
        XCTAssertEqual(r.status, 0, r.err)
        let html = try String(contentsOfFile: r.dir + "/sortie/contrat.html", encoding: .utf8)
        XCTAssertTrue(html.contains("Contrat d") && html.contains("<table"))
        let log = try String(contentsOfFile: r.dir + "/chromium.log", encoding: .utf8)
        XCTAssertTrue(log.contains("--print-to-pdf=") && log.contains("sortie/contrat.html"), log)
        XCTAssertTrue(FileManager.default.fileExists(atPath: r.dir + "/sortie/page-1.png"))
    }
}
