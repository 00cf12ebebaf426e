import CopcFrench
import CopcLanguage
import CopcHTML

/// The French words of the portfolio, shared by its formats and the site: a count with its noun, a period,
/// a state, a share. Numbers, agreement, dates and lists go through the house-style layer
/// (`CopcFrench`): no formatting of its own.
public enum Wording {
    /// `1 contrat`, `14 contrats` (`French.count`: 0 and 1 take the singular), `aucun contrat`
    /// when `none` is given.
    public static func count(_ n: Int, _ singular: String, _ plural: String, none: String? = nil) -> String {
        if n == 0, let none { return none }
        return French.count(n, singular, plural: plural)
    }

    /// `2 erreurs, 1 avertissement, aucune note`.
    public static func diagnostics(_ d: DiagnosticCounts) -> String {
        [count(d.errors, "erreur", "erreurs", none: "aucune erreur"),
         count(d.warnings, "avertissement", "avertissements", none: "aucun avertissement"),
         count(d.notes, "note", "notes", none: "aucune note")].joined(separator: ", ")
    }

    /// `2021 – 2025` for whole years, else `1er avril 2021 – 31 mars 2026`.
    public static func period(_ w: Window?) -> String {
        guard let w else { return "période inconnue" }
        if w.start.month == 1 && w.start.day == 1 && w.end.month == 12 && w.end.day == 31 {
            return w.start.year == w.end.year ? String(w.start.year) : "\(w.start.year) – \(w.end.year)"
        }
        return day(w.start) + " – " + day(w.end)
    }

    /// `31 décembre 2025`.
    public static func day(_ d: Day) -> String { French.date(d) }

    /// `70 %` (no decimal): the share `part` of `whole`; `—` when `whole` is 0.
    public static func share(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        return French.percent(Double(part) * 100 / Double(whole), decimals: 0)
    }

    /// `7 sur 10 (70 %)`; `none` when nothing was counted.
    public static func ratio(_ part: Int, of whole: Int, none: String = "aucun") -> String {
        whole == 0 ? none : "\(French.number(part)) sur \(French.number(whole)) (\(share(part, of: whole)))"
    }

    /// `1.1.a 2024`, `2.3.b (directeurs) 2024`.
    public static func target(_ t: PendingTarget) -> String {
        t.indicator + (t.label.map { " (\($0))" } ?? "") + " " + String(t.year)
    }

    /// Targets grouped by indicator (and label), their years as runs:
    /// `1.1.a (2021, 2022), 1.2.a (2021 à 2025)`.
    public static func targets(_ ts: [PendingTarget]) -> String {
        var order: [String] = []
        var years: [String: [Int]] = [:]
        for t in ts {
            let name = t.indicator + (t.label.map { " (\($0))" } ?? "")
            if years[name] == nil { order.append(name) }
            years[name, default: []].append(t.year)
        }
        return order.map { "\($0) (\(runs(years[$0]!)))" }.joined(separator: ", ")
    }

    /// `2021, 2023 à 2025`.
    public static func runs(_ ys: [Int]) -> String {
        let sorted = Array(Set(ys)).sorted()
        var parts: [String] = []
        var k = 0
        while k < sorted.count {
            var e = k
            while e + 1 < sorted.count && sorted[e + 1] == sorted[e] + 1 { e += 1 }
            parts.append(e - k >= 2 ? "\(sorted[k]) à \(sorted[e])" : (k...e).map { String(sorted[$0]) }.joined(separator: ", "))
            k = e + 1
        }
        return parts.joined(separator: ", ")
    }

    /// `107 cibles de 22 indicateurs`.
    public static func targetCount(_ ts: [PendingTarget]) -> String {
        let indicators = Set(ts.map(\.indicator)).count
        return count(ts.count, "cible", "cibles") + " " + (!French.isSingular(indicators) ? "de \(French.number(indicators)) indicateurs" : "d'un indicateur")
    }

    /// `a, b et c`; beyond `limit`, the first `limit` late actions then `et N autres`
    /// (`French.list`).
    public static func lateActions(_ actions: [LateAction], limit: Int = 10) -> String {
        French.list(actions.map(lateAction), limit: limit)
    }

    /// `243 actions, la plus ancienne échue le 31 décembre 2022`.
    public static func lateCount(_ actions: [LateAction]) -> String {
        var s = count(actions.count, "action", "actions")
        if let oldest = actions.map(\.due).min() { s += (!French.isSingular(actions.count) ? ", la plus ancienne échue le " : ", échue le ") + day(oldest) }
        return s
    }

    /// `1.1.2 (délai échu le 31 décembre 2024, en cours au bilan 2024)`.
    public static func lateAction(_ a: LateAction) -> String {
        let state: String
        if let s = a.state, let y = a.reportedIn { state = "« \(s.spelling) » au bilan \(y)" } else { state = "absente des bilans" }
        return "\(a.id) (délai échu le \(day(a.due)), \(state))"
    }

    /// A contract's body as readers see it: `Office national des forêts (ONF)`.
    public static func body(_ r: ContractRow) -> String {
        guard let b = r.body else { return "organisme non précisé" }
        if let n = r.bodyName, !n.isEmpty, n != b { return "\(n) (\(b))" }
        return b
    }

    /// Why a body has no contract: `dernier contrat : COP-X, terminé le 31 décembre 2021`.
    public static func lastContract(_ b: BodyRow) -> String {
        guard let c = b.lastContract else { return "aucun contrat ne le nomme" }
        if b.lastUpcoming, let p = b.lastPeriod { return "contrat \(c) à venir, à partir du \(day(p.start))" }
        if let e = b.lastEnd { return "dernier contrat : \(c), terminé le \(day(e))" }
        return "dernier contrat : \(c)"
    }

    /// `bilans : 3 présents sur 5 attendus, manquants : 2023 et 2024`, or without a calendar
    /// `bilans : 2 présents (pas de calendrier de suivi)`.
    public static func bilans(_ b: BilanStatus) -> String {
        let present = count(b.present.count, "présent", "présents", none: "aucun présent")
        guard b.calendar else { return present + " (pas de calendrier de suivi)" }
        var s = present + " sur " + count(b.expected.count, "attendu", "attendus", none: "aucun attendu")
        let missing = b.missing
        if !missing.isEmpty { s += ", " + (!French.isSingular(missing.count) ? "manquants : " : "manquant : ") + French.list(missing.map(String.init)) }
        return s
    }

    /// The states of a total, in the order of `ContractState.Kind`: `2 en vigueur, 1 expire dans l'année…`.
    public static func states(_ t: Totals) -> String {
        var parts: [String] = []
        for k in ContractState.Kind.allCases where k != .noContract && t.count(k) > 0 {
            parts.append(French.number(t.count(k)) + " " + ContractState.counted(k, t.count(k)))
        }
        return parts.isEmpty ? "aucun contrat" : parts.joined(separator: ", ")
    }

    /// The totals line: contracts and states, bodies, diagnostics, targets, actions, bilans.
    public static func totals(_ t: Totals) -> String {
        var parts = [count(t.contracts, "contrat", "contrats", none: "aucun contrat") + (t.contracts > 0 ? " (" + states(t) + ")" : "")]
        parts.append("expirant dans l'année sans successeur : " + French.number(t.expiringWithoutSuccessor))
        parts.append("organismes sans contrat : " + French.number(t.bodiesWithoutContract))
        parts.append("diagnostics : " + diagnostics(t.diagnostics))
        parts.append("cibles à fixer : " + French.number(t.pendingTargets) + ", dont année close : " + French.number(t.overdueTargets))
        parts.append("actions en retard : " + French.number(t.lateActions))
        parts.append("bilans : " + count(t.bilansPresent, "présent", "présents") + ", " + count(t.bilansMissing, "manquant", "manquants")
                     + " sur " + count(t.bilansExpected, "attendu", "attendus"))
        return parts.joined(separator: " ; ")
    }

    /// `par tutelle`, `par type`, `par état`.
    public static func grouping(_ g: Portfolio.Grouping) -> String { "par " + g.rawValue }
}
