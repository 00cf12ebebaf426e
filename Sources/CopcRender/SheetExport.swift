import CopcLanguage
import CopcModel
import CopcSheet

/// The indicator and action tables of a version as a workbook (`copc rendre --format xlsx`),
/// typed cells through `CopcSheet`: identifiers and every other text as text (`1.1.1` stays
/// `1.1.1`), targets and bases as numbers in the indicator's unit (`2,35 M€` in an indicator
/// in k€ is 2350, shown `2 350 k€`), years and avenant numbers as numbers, the days of a
/// deadline's window as dates.
///
/// Unlike the CSV, an indicator whose targets carry labels (`cible 2024 (directeurs)`) has one
/// row per label, so that every year's cell holds one value. A relative target (`+2 points`,
/// `maintien`) that resolves to a number through the chain of years (`TargetChain`) is that
/// number; the drafter's words are in the last column (« 2026 : +2 points »). Bounds, ranges,
/// cumulated values, milestones and pending targets are their text as written.
public enum SheetExport {
    /// A workbook of the tables of `doc` (one sheet each, in the order given).
    public static func workbook(_ doc: ContractDocument, tables: [CSVTable] = CSVTable.allCases) -> Workbook {
        var book = Workbook(title: [doc.header.id, doc.header.title].compactMap { $0 }.joined(separator: " — ")
                            + " (version \(doc.version.number))")
        for t in tables { book.sheets.append(t == .indicators ? indicators(doc) : actions(doc)) }
        return book
    }

    /// Sheet « Indicateurs ».
    public static func indicators(_ doc: ContractDocument) -> Worksheet {
        let columns = ["identifiant", "libellé", "intitulé", "rattachement", "méthode", "unité", "sens", "nature", "thème",
                       "source", "fournisseur", "base", "année de base", "modifié par l'avenant"]
            + doc.years.map { "cible \($0)" } + ["cibles relatives telles qu'écrites"]
        var sheet = Worksheet(name: "Indicateurs", columns: columns.map { Column($0) }, frozenColumns: 2)
        let firstYear = doc.period?.start.year
        for s in doc.sections {
            for i in s.indicators {
                let unit = i.unit
                // The labels of its targets, unlabelled first, then in order of appearance; the
                // index of each (year, label)'s target.
                var labels: [String?] = []
                var slot: [Slot: Int] = [:]
                for (k, p) in i.properties.enumerated() where p.key == .cible {
                    if !labels.contains(where: { $0 == p.label }) { labels.append(p.label) }
                    if let y = p.year, slot[Slot(year: y, label: p.label)] == nil { slot[Slot(year: y, label: p.label)] = k }
                }
                labels = labels.filter { $0 == nil } + labels.filter { $0 != nil }
                if labels.isEmpty { labels = [nil] }
                let chain = TargetChain(i, firstYear: firstYear)
                let bases = i.properties.filter { $0.key == .base }
                var baseCell = Cell.empty
                if bases.count == 1, case .base(let q?) = bases[0].value, let c = Cell.quantity(q, as: unit) {
                    baseCell = c
                } else if !bases.isEmpty {
                    baseCell = .text(bases.map { doc.asWritten($0) }.joined(separator: " / "))
                }
                var baseYear = Cell.empty
                let baseYears = bases.compactMap(\.year)
                if baseYears.count == 1 { baseYear = .number(Double(baseYears[0]), .plain) }
                else if !baseYears.isEmpty { baseYear = .text(baseYears.map(String.init).joined(separator: " / ")) }
                for label in labels {
                    var row: [Cell] = [text(i.id), label.map(Cell.text) ?? .empty, text(i.title), .text(CSVExport.parentName(s.element)),
                                       text(i.text(.methode)), text(unit?.symbol), text(i.direction?.spelling), text(i.nature?.spelling),
                                       text(i.text(.theme)), text(i.text(.source)), text(doc.referentIds(i, .fournisseur)),
                                       baseCell, baseYear, avenant(i.provenance.avenant)]
                    var relative: [String] = []
                    for y in doc.years {
                        if i.declinedTargets { row.append(.text("déclinée")); continue }
                        guard let k = slot[Slot(year: y, label: label)] else { row.append(.empty); continue }
                        let p = i.properties[k]
                        row.append(target(p, resolution: chain[property: k], unit: unit, doc: doc))
                        if p.value.isTargetDependingOnOtherValue { relative.append("\(y) : \(doc.asWritten(p))") }
                    }
                    row.append(relative.isEmpty ? .empty : .text(relative.joined(separator: " ; ")))
                    sheet.append(row)
                }
            }
        }
        return sheet
    }

    /// A target's cell: a number in the indicator's unit for a quantity or a relative target
    /// resolved to one, its text as written otherwise.
    static func target(_ p: Property, resolution: TargetResolution, unit: Unit?, doc: ContractDocument) -> Cell {
        switch p.value {
        case .target(.quantity(let q)):
            if let c = Cell.quantity(q, as: unit) { return c }
        case .target(let t) where t.dependsOnOtherValue:
            if case .quantity(let v)? = resolution.value?.shape, let c = Cell.quantity(v, in: resolution.value?.unit, as: unit) { return c }
        default:
            break
        }
        return .text(doc.targetText(p))
    }

    /// Sheet « Actions »: one row per deadline and step (one for an action without any).
    public static func actions(_ doc: ContractDocument) -> Worksheet {
        let columns = ["identifiant", "intitulé", "rattachement", "pilotes", "co-pilotes", "phare", "échéance", "libellé",
                       "telle qu'écrite", "début", "fin", "modifié par l'avenant"]
        var sheet = Worksheet(name: "Actions", columns: columns.map { Column($0) }, frozenColumns: 1)
        for s in doc.sections {
            for a in s.actions {
                let common: [Cell] = [text(a.id), text(a.title), .text(CSVExport.parentName(s.element)), text(doc.referentIds(a, .pilote)),
                                      text(doc.referentIds(a, .coPilote)), .text(a.flagship ? "oui" : "non")]
                let ds = doc.deadlines(a)
                if ds.isEmpty { sheet.append(common + [.empty, .empty, .empty, .empty, .empty, avenant(a.provenance.avenant)]) }
                for p in ds {
                    let w = doc.window(p)
                    sheet.append(common + [.text(p.key == .etape ? "étape" : "délai"), text(p.key == .etape ? p.stepTitle : p.label),
                                           .text(doc.asWritten(p)), w.map { .date($0.start) } ?? .empty, w.map { .date($0.end) } ?? .empty,
                                           avenant(p.provenance.avenant)])
                }
            }
        }
        return sheet
    }

    struct Slot: Hashable {
        let year: Int
        let label: String?
    }

    static func text(_ s: String?) -> Cell {
        guard let s, !s.isEmpty else { return .empty }
        return .text(s)
    }

    /// The number of the avenant that last set it, nothing for the contract as signed.
    static func avenant(_ n: Int) -> Cell { n > 0 ? .number(Double(n), .plain) : .empty }
}
