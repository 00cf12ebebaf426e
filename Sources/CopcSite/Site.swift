import CopcFrench
import CopcSource
import CopcLanguage
import CopcDiagnostics
import CopcModel
import CopcDriver
import CopcHTML
import CopcDiff
import CopcRender
import CopcBilan
import CopcPortfolio

/// The static website of a portfolio (`copc site`): the dashboard as its index and, for each
/// contract, its page, its rendered versions, the redline of each avenant, its bilans, its
/// calendar and its spreadsheets — every page cross-linked by relative links, none loading
/// anything. A plan of pages, each with the digest of the inputs it is made from, computed
/// from a check without I/O; a page is rendered only when asked (`render`), so that an
/// incremental run renders only the pages whose inputs changed. Deterministic: the same inputs
/// give the same pages, byte for byte, and the same manifest.
public struct Site: Sendable {
    /// The file listing each page with the digest of its inputs, at the root of the site.
    public static let manifestPath = "manifeste-copc.txt"

    /// One file of the site.
    public struct Page: Sendable, Hashable {
        /// Relative to the site's folder, `/`-separated, plain components (`OutputFolder`).
        public let path: String
        /// The SHA-256 of what the page is made from (hexadecimal).
        public let key: String
        public let kind: Kind
    }

    /// What a page shows.
    public enum Kind: Sendable, Hashable {
        case dashboard
        /// The page of contract `k` (an index into `contracts`).
        case contract(Int)
        /// Version `v` of contract `k`, rendered as the signed document.
        case version(Int, Int)
        /// The redline of the avenant that made version `v` of contract `k`.
        case redline(Int, Int)
        /// The bilan of year `y` of contract `k`.
        case bilan(Int, Int)
        /// The calendar of the version in force of contract `k`.
        case calendar(Int)
        /// A table of the version in force of contract `k`, as CSV.
        case table(Int, CSVTable)
    }

    public let pages: [Page]
    let portfolio: Portfolio
    let contracts: [Contract]
    /// The portfolio's row of each contract (by index in `contracts`).
    let rows: [ContractRow]
    /// Each contract's folder name below `contrats/`.
    let slugs: [String]
    let files: FileTable
    /// The diagnostics of each contract's files.
    let diagnostics: [[Diagnostic]]
    /// What every page's key starts from: the program and the version of the site's layout.
    let generator: String

    /// The plan of the site of `result` read as `portfolio` (the same date). `generator` names
    /// the program (its version): a new program makes every page new.
    public static func make(_ result: CheckResult, portfolio: Portfolio, generator: String, threads: Int = Parallel.processors) -> Site {
        let contracts = result.contracts
        let files = result.fileTable
        // Each file's digest (its path and its bytes), computed once, in parallel.
        let sources = result.files.map(\.source)
        let digests = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: sources.count)
        digests.initialize(repeating: [])
        defer { digests.deinitialize(); digests.deallocate() }
        Parallel.forEach(sources.count, threads: threads) { k in
            var h = SHA256()
            h.update(sources[k].path)
            h.update([0])
            h.update(sources[k].bytes)
            digests[k] = h.finish()
        }
        var digestOf: [FileID: [UInt8]] = [:]
        for (k, s) in sources.enumerated() { digestOf[s.id] = digests[k] }

        var rowOf: [String: ContractRow] = [:]
        for r in portfolio.contracts where rowOf[r.id] == nil { rowOf[r.id] = r }
        var owner: [FileID: Int] = [:]
        for (k, c) in contracts.enumerated() { for f in c.files where owner[f] == nil { owner[f] = k } }
        var diagnostics = [[Diagnostic]](repeating: [], count: contracts.count)
        for d in result.diagnostics { if let f = d.span?.file.id, let k = owner[f] { diagnostics[k].append(d) } }

        var slugs: [String] = []
        var taken = Set<String>()
        for (k, c) in contracts.enumerated() {
            var s = c.id.map(Site.slug) ?? "sans-identifiant-\(k + 1)"
            var n = 2
            while taken.contains(s.lowercased()) { s = (c.id.map(Site.slug) ?? "contrat") + "-\(n)"; n += 1 }
            taken.insert(s.lowercased())
            slugs.append(s)
        }
        let rows = contracts.map { c in rowOf[c.id ?? "?"]! }
        let portfolioJSON = portfolio.json()

        func key(_ path: String, _ parts: [String], _ inputs: [FileID]) -> String {
            var h = SHA256()
            h.update(generator)
            h.update([0])
            h.update(path)
            for p in parts { h.update([0]); h.update(p) }
            // The set of input digests, in an order that does not depend on the check's file ids.
            for d in Set(inputs).map({ SHA256.hex(digestOf[$0] ?? []) }).sorted() { h.update([1]); h.update(d) }
            return SHA256.hex(h.finish())
        }
        /// The files version `v` is made of: the contract, the avenants up to it, the files
        /// declaring its référents and plans.
        func inputs(_ c: Contract, _ v: Version) -> [FileID] {
            [c.file] + c.avenants.prefix(v.number).map(\.file) + v.referents.values.map(\.place.file) + v.plans.values.map(\.place.file)
        }

        var pages: [Page] = [Page(path: "index.html", key: key("index.html", [portfolioJSON], []), kind: .dashboard)]
        for (k, c) in contracts.enumerated() {
            let base = "contrats/" + slugs[k] + "/"
            let latest = c.versions.last!
            let all = inputs(c, latest) + c.bilans.map(\.file)
            let row = portfolio.day.description + Portfolio.json(rows[k])
            let texts = diagnostics[k].map { "\($0.code.rawValue) \($0.severity) \($0.path):\($0.span?.start.line ?? 0) \($0.text)" }
            // The contract's page names its neighbours' pages.
            let neighbours = [rows[k].predecessor, rows[k].successor].compactMap { $0 }
                .map { id in contracts.firstIndex { $0.id == id }.map { slugs[$0] } ?? "" }
            pages.append(Page(path: base + "index.html", key: key(base + "index.html", [row, slugs[k]] + neighbours + texts, all), kind: .contract(k)))
            for v in c.versions {
                let p = base + "version-\(v.number).html"
                pages.append(Page(path: p, key: key(p, [], inputs(c, v)), kind: .version(k, v.number)))
                if v.number > 0 {
                    let r = base + "avenant-\(v.number).html"
                    pages.append(Page(path: r, key: key(r, [], inputs(c, v)), kind: .redline(k, v.number)))
                }
            }
            var years = Set<Int>()
            for b in c.bilans {
                guard let y = b.year, years.insert(y).inserted else { continue }
                let p = base + "bilan-\(y).html"
                pages.append(Page(path: p, key: key(p, [], inputs(c, latest) + c.bilans.filter { ($0.year ?? Int.max) <= y }.map(\.file)),
                                  kind: .bilan(k, y)))
            }
            let inForce = c.versionInForce(at: portfolio.day)
            let calendar = base + "calendrier.ics"
            pages.append(Page(path: calendar, key: key(calendar, [String(inForce.number)], inputs(c, inForce)), kind: .calendar(k)))
            for table in CSVTable.allCases {
                let p = base + table.spelling + ".csv"
                pages.append(Page(path: p, key: key(p, [String(inForce.number)], inputs(c, inForce)), kind: .table(k, table)))
            }
        }
        return Site(pages: pages, portfolio: portfolio, contracts: contracts, rows: rows, slugs: slugs, files: files,
                    diagnostics: diagnostics, generator: generator)
    }

    /// A contract id as a folder name: letters, digits, `-` and `.` kept (`.` not first), every
    /// other byte written `_XX` (hexadecimal) — injective, and safe on every file system.
    public static func slug(_ id: String) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        for (k, b) in id.utf8.enumerated() {
            let keep = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || (b == 0x2E && k > 0)
            if keep {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "_"
                out.unicodeScalars.append(hex[Int(b >> 4)])
                out.unicodeScalars.append(hex[Int(b & 15)])
            }
        }
        return out.isEmpty ? "_" : out
    }

    /// The manifest: a comment line, then one line per page — the digest of its inputs, two
    /// spaces, its path — sorted by path.
    public func manifest() -> [UInt8] {
        var out = "# copc site — empreinte SHA-256 des entrées de chaque page (\(generator)) ; ne pas modifier\n"
        for p in pages.sorted(by: { $0.path < $1.path }) { out += p.key + "  " + p.path + "\n" }
        return Array(out.utf8)
    }

    /// A manifest read back: path → digest (lines that are not `digest  path` are ignored).
    public static func readManifest(_ bytes: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64 else { continue }
            let path = parts[1].drop { $0 == " " }
            out[String(path)] = String(parts[0])
        }
        return out
    }

    /// The link from a page of a contract's folder to another contract's page.
    func contractLink(_ k: Int, from: Bool) -> SiteLink? {
        SiteLink((from ? "../" + slugs[k] + "/" : "contrats/" + slugs[k] + "/") + "index.html")
    }

    /// The bytes of `page`.
    public func render(_ page: Page) -> [UInt8] {
        switch page.kind {
        case .dashboard:
            var slugOf: [String: String] = [:]
            for (k, c) in contracts.enumerated() { if let id = c.id, slugOf[id] == nil { slugOf[id] = slugs[k] } }
            let links = Portfolio.Links { [slugOf] id in slugOf[id].flatMap { SiteLink("contrats/" + $0 + "/index.html") } }
            return Array(portfolio.html(links: links).utf8)
        case .contract(let k):
            return Array(contractPage(k).utf8)
        case .version(let k, let n):
            let c = contracts[k]
            let doc = ContractDocument(contract: c, version: c.versions[n], files: files)
            return Array(HTMLPage.inserting(navigation(k, "Version \(n)"), into: HTMLDocument.render(doc)).utf8)
        case .redline(let k, let n):
            let c = contracts[k]
            let report = DiffReport.versions(c, from: c.versions[n - 1], to: c.versions[n], files: files)
            return Array(HTMLPage.inserting(navigation(k, "Avenant n° \(c.versions[n].avenant?.number ?? n)"), into: report.html()).utf8)
        case .bilan(let k, let y):
            let html = BilanReport.make(contracts[k], year: y, files: files)?.html() ?? ""
            return Array(HTMLPage.inserting(navigation(k, "Bilan \(y)"), into: html).utf8)
        case .calendar(let k):
            let c = contracts[k]
            return Array(ContractCalendar.render(ContractDocument(contract: c, version: c.versionInForce(at: portfolio.day), files: files)).utf8)
        case .table(let k, let table):
            let c = contracts[k]
            return Array(CSVExport.render(ContractDocument(contract: c, version: c.versionInForce(at: portfolio.day), files: files), table: table).utf8)
        }
    }

    /// The bar above a page of contract `k` made by another command: the portfolio, the
    /// contract, the page. Shown on screen, not printed.
    func navigation(_ k: Int, _ here: String) -> HTMLFragment {
        .build { w in
            w.element(.nav, [.class("site " + StyleClass.screenOnly), .ariaLabel("Navigation du site")]) { w in
                if let index = SiteLink("../../index.html") { w.element(.a, [.href(index)], text: "Portefeuille") }
                w.text(" › ")
                if let page = SiteLink("index.html") { w.element(.a, [.href(page)], text: contracts[k].id ?? "contrat") }
                w.text(" › ")
                w.prose(here)
            }
        }
    }
}
