import CopcFrench
import CopcLanguage
import CopcModel

/// The tables `copc rendre --format csv` exports.
public enum CSVTable: CaseIterable, Sendable {
    case indicators, actions

    /// The spelling of `--table`.
    public var spelling: String { self == .indicators ? "indicateurs" : "actions" }

    public init?(spelling: String) {
        guard let t = CSVTable.allCases.first(where: { $0.spelling == spelling }) else { return nil }
        self = t
    }
}

/// The indicator and action tables of a version as CSV (`CSVWriter`). Each year has two
/// columns: « cible ANNÉE » holds only a number or nothing — the target's value in the
/// indicator's unit (a relative target resolved through the chain of years, `+2 points` →
/// `22`; a bound by its value; a unit converted, `2,2 M€` → `2200` for a k€ indicator), with a
/// decimal comma and no thousands separator so that the spreadsheet reads a number —, and
/// « cible ANNÉE telle qu'écrite » the target as the document writes it (`+2 points`,
/// `≤ 2,2 M€`, `à fixer par avenant`, labelled targets). The unit is in its own column. Dates are ISO (`2022-10-01`), which
/// both spreadsheets read as dates in every locale.
public enum CSVExport {
    public static func render(_ doc: ContractDocument, table: CSVTable) -> String {
        var w = CSVWriter()
        switch table {
        case .indicators:
            w.row(["identifiant", "intitulé", "rattachement", "méthode", "unité", "sens", "nature", "thème", "source",
                   "fournisseur", "base", "année de base", "modifié par l'avenant"]
                  + doc.years.flatMap { ["cible \($0)", "cible \($0) telle qu'écrite"] })
            for s in doc.sections {
                for i in s.indicators {
                    let bases = i.properties.filter { $0.key == .base }
                    var row: [CSVField] = [i.id ?? "", i.title ?? "", parentName(s.element), i.text(.methode) ?? "", i.unit?.symbol ?? "",
                               i.direction?.spelling ?? "", i.nature?.spelling ?? "", i.text(.theme) ?? "", i.text(.source) ?? "",
                               doc.referentIds(i, .fournisseur),
                               bases.map { number($0.value, unit: i.unit) ?? doc.asWritten($0) }.joined(separator: " / "),
                               bases.compactMap { $0.year.map(String.init) }.joined(separator: " / "),
                               i.provenance.avenant > 0 ? String(i.provenance.avenant) : ""].map { CSVField.text($0) }
                    // A single base in the unit is a number for the spreadsheet.
                    if bases.count == 1, let n = number(bases[0].value, unit: i.unit) { row[10] = .numeral(n) }
                    for y in doc.years {
                        if i.declinedTargets { row += [.empty, .text("déclinée")]; continue }
                        let ts = doc.targets(i, year: y)
                        if ts.count == 1, ts[0].label == nil, let n = number(ts[0].value, unit: i.unit) {
                            row.append(.numeral(n))
                        } else if ts.count == 1, ts[0].label == nil {
                            row.append(value(doc.goal(ts[0], of: i)))
                        } else {
                            row.append(.empty)
                        }
                        row.append(.text(ts.map { (($0.label.map { $0 + " : " }) ?? "") + doc.targetText($0) }.joined(separator: " / ")))
                    }
                    w.row(row)
                }
            }
        case .actions:
            w.row(["identifiant", "intitulé", "rattachement", "pilotes", "co-pilotes", "phare", "échéance", "libellé",
                   "telle qu'écrite", "début", "fin", "modifié par l'avenant"])
            for s in doc.sections {
                for a in s.actions {
                    let common = [a.id ?? "", a.title ?? "", parentName(s.element), doc.referentIds(a, .pilote),
                                  doc.referentIds(a, .coPilote), a.flagship ? "oui" : "non"]
                    let ds = doc.deadlines(a)
                    if ds.isEmpty {
                        w.row(common + ["", "", "", "", "", a.provenance.avenant > 0 ? String(a.provenance.avenant) : ""])
                    }
                    for p in ds {
                        let win = doc.window(p)
                        w.row(common + [p.key == .etape ? "étape" : "délai", p.key == .etape ? (p.stepTitle ?? "") : (p.label ?? ""),
                                        doc.asWritten(p), win?.start.description ?? "", win?.end.description ?? "",
                                        p.provenance.avenant > 0 ? String(p.provenance.avenant) : ""])
                    }
                }
            }
        }
        return w.output
    }

    /// The number of a goal in the indicator's unit (a quantity, or a bound's value), else an
    /// empty cell: a range, a milestone, a text, a target not set or not resolved, a number in
    /// a unit of another family.
    static func value(_ g: Goal) -> CSVField {
        switch g.value {
        // A number in another unit than the indicator's (`50 %` for a count) is not its value.
        case .quantity(let q)?, .bound(_, let q)?: return q.unit == nil || q.unit == g.unit ? .number(q.value) : .empty
        default: return .empty
        }
    }

    /// `objectif 1.1` — the element the row belongs to.
    static func parentName(_ e: Element) -> String {
        e.kind.keyword + (e.id.map { " " + $0 } ?? (e.title.map { " « \($0) »" } ?? ""))
    }

    /// A quantity (a target or a base) in the indicator's own unit (or none) as a spreadsheet
    /// number: `21,5`, `-2806`; nil for anything else.
    static func number(_ v: PropertyValue, unit: Unit?) -> String? {
        let q: Quantity
        switch v {
        case .target(.quantity(let x)): q = x
        case .base(let x?): q = x
        default: return nil
        }
        if let u = q.unit, u != unit { return nil }
        var out = ""
        for ch in q.text.unicodeScalars {
            switch ch {
            case " ", "\u{00A0}", "\u{202F}", "\u{2009}": continue
            case ".": out += ","
            case "\u{2212}": out += "-"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
