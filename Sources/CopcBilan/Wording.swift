import CopcFrench
import CopcLanguage
import CopcDiagnostics
import CopcModel

/// The French words every format of `copc bilan` shares.
enum Wording {
    static let notReported = "non renseigné"

    static func state(_ s: ActionState?) -> String { s?.spelling ?? notReported }

    /// « atteinte », « non atteinte », « non évaluée ».
    static func attainment(_ a: Attainment?) -> String? {
        switch a {
        case .reached?: return "atteinte"
        case .missed?: return "non atteinte"
        case .notComparable?: return "non évaluée"
        case nil: return nil
        }
    }

    /// The symbol that marks a judged réalisé (shape, not colour).
    static func mark(_ a: Attainment?) -> String {
        switch a {
        case .reached?: return " ✓"
        case .missed?: return " ✗"
        default: return ""
        }
    }

    static func gap(_ a: Attainment?) -> String? {
        if case .missed(let g)? = a, !g.french.isEmpty { return g.french }
        return nil
    }

    /// « 60 % → 48 % ✗ », « 22 % (+2 points) → 21,5 % ✗ », « 60 % → non disponible »,
    /// « 60 % → non renseigné »: the target and the réalisé in the indicator's unit.
    static func cell(_ p: BilanReport.Point) -> String {
        let target = p.targetShown ?? "—"
        let realized: String
        switch p.realized {
        case .unavailable?: realized = "non disponible"
        case .value?: realized = (p.realizedShown ?? "") + mark(p.attainment)
        case nil:
            // A target that expects no réalisé (sans objet, à fixer par avenant) stands alone.
            if let t = p.target, t.status != .set { return target }
            realized = p.hasBilan ? notReported : "—"
        }
        return target + " → " + realized
    }

    /// The deadlines of an action: « fin 2023 », « Pilote : fin 2022 (finalisé) ; Généralisation :
    /// fin 2024 (en cours) » when the bilan gives states by label.
    static func deadlines(_ a: BilanReport.ActionRow) -> String {
        a.deadlines.map { d in
            (d.label.map { $0 + " : " } ?? "") + d.text + (d.hasState ? " (" + state(d.state) + ")" : "")
        }.joined(separator: " ; ")
    }

    static func heading(_ kind: String, _ h: BilanReport.Heading?) -> String {
        guard let h else { return kind == "axe" ? "Hors axe" : "Hors objectif" }
        return (kind == "axe" ? "Axe " : "Objectif ") + h.label
    }

    static func indicatorName(_ r: BilanReport.IndicatorRow) -> String {
        r.id + (r.label.map { " (\($0))" } ?? "")
    }

    static func date(_ d: Day?) -> String? { d.map(French.date) }
}
