import CopcFrench
// Typed values. Each one is, in the end, its spelling in the drafters' notation, read by
// the compiler's value grammar (CopcSema.ValueReader) like the text: the typed
// constructors only ever produce valid spellings, strings are read as written.

/// Un nombre en notation française, tel que le langage le lit : `21.5` s'écrit « 21,5 »,
/// `1e20` « 100000000000000000000 » (jamais d'exposant) ; NaN et l'infini s'écrivent vides,
/// ce que copc refuse (COP103).
func nombre(_ x: Double) -> String {
    French.plainNumber(x, decimals: 15, separator: ",")
}

private func ordinal(_ n: Int) -> String { n == 1 ? "1er" : "\(n)e" }

private func deux(_ n: Int) -> String { n < 10 && n >= 0 ? "0\(n)" : String(n) }

/// Une date : `Jour(2021, 3, 12)`, ou écrite comme dans le texte (`"12 mars 2021"`, `"2021-03-12"`).
public struct Jour: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// L'écriture de la date dans le langage.
    public let description: String
    /// Une date écrite comme dans le texte, lue par la grammaire des valeurs.
    public init(_ notation: String) { description = notation }
    public init(stringLiteral notation: String) { description = notation }
    /// La date du jour `jour` du mois `mois` de l'année `année` (écrite `AAAA-MM-JJ`).
    public init(_ année: Int, _ mois: Int, _ jour: Int) {
        description = "\(année)-\(deux(mois))-\(deux(jour))"
    }
}

/// Une période : `2021...2025`, `Période(du: Jour(2021, 1, 1), au: Jour(2025, 12, 31))`, ou `"2021 .. 2025"`.
public struct Période: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let description: String
    public init(_ notation: String) { description = notation }
    public init(stringLiteral notation: String) { description = notation }
    /// Les années `années` entières.
    public init(_ années: ClosedRange<Int>) { description = "\(années.lowerBound) .. \(années.upperBound)" }
    /// Du jour `du` au jour `au`.
    public init(du début: Jour, au fin: Jour) { description = "\(début) .. \(fin)" }
}

/// Un délai d'action ou d'étape : `.fin(2022)`, `.trimestre(1, 2022)`, `.toutAuLongDuContrat`,
/// `.selon("SDSI")`, `2023`, ou écrit comme dans le texte (`"fin 2022"`, `"à partir de mi 2023"`).
public struct Délai: Hashable, Sendable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public let description: String
    /// Un délai écrit comme dans le texte, lu par la grammaire des valeurs.
    public init(_ notation: String) { description = notation }
    public init(stringLiteral notation: String) { description = notation }
    /// L'année entière.
    public init(integerLiteral année: Int) { description = String(année) }

    /// L'année entière.
    public static func année(_ a: Int) -> Délai { Délai(String(a)) }
    /// Le premier trimestre de l'année.
    public static func début(_ a: Int) -> Délai { Délai("début \(a)") }
    /// Avril à septembre.
    public static func mi(_ a: Int) -> Délai { Délai("mi \(a)") }
    /// Le dernier trimestre de l'année.
    public static func fin(_ a: Int) -> Délai { Délai("fin \(a)") }
    /// Le trimestre `n` (1 à 4) de l'année.
    public static func trimestre(_ n: Int, _ a: Int) -> Délai { Délai("\(ordinal(n)) trimestre \(a)") }
    /// Le semestre `n` (1 ou 2) de l'année.
    public static func semestre(_ n: Int, _ a: Int) -> Délai { Délai("\(ordinal(n)) semestre \(a)") }
    /// Le mois `m` (1 à 12) de l'année.
    public static func mois(_ m: Int, _ a: Int) -> Délai {
        Délai(French.monthName(m).map { "\($0) \(a)" } ?? "\(m)/\(a)")
    }
    /// Ce jour.
    public static func le(_ jour: Jour) -> Délai { Délai(jour.description) }
    /// Toute la période du contrat (suit ses prorogations).
    public static let toutAuLongDuContrat = Délai("tout au long du contrat")
    /// La période du plan déclaré `plan`.
    public static func selon(_ plan: String) -> Délai { Délai("selon \(plan)") }
    /// Du début de `point` à la fin de la période du contrat.
    public static func àPartirDe(_ point: Délai) -> Délai { Délai("à partir de \(point)") }
    /// Du début de la période du contrat à la fin de `point`.
    public static func jusquÀ(_ point: Délai) -> Délai { Délai("jusqu'à \(point)") }
    /// Du début de `début` à la fin de `fin`.
    public static func de(_ début: Délai, à fin: Délai) -> Délai { Délai("de \(début) à \(fin)") }
    /// Délai inconnu (avertissement COP307).
    public static let àPréciser = Délai("à préciser")
}

/// Une cible (ou une valeur de base) : `60.pourcent`, `4000`, `2.5`, `.àFixerParAvenant`,
/// `.auMoins(60.pourcent)`, `.entre(2.2, et: 2.8.pourcent)`, `.réalisé`, ou écrite comme dans le texte.
public struct Cible: Hashable, Sendable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, CustomStringConvertible {
    public let description: String
    /// Une cible écrite comme dans le texte (`"≥ 60 %"`, `"à fixer par avenant"`), lue par la grammaire des valeurs.
    public init(_ notation: String) { description = notation }
    public init(stringLiteral notation: String) { description = notation }
    public init(integerLiteral n: Int) { description = String(n) }
    public init(floatLiteral x: Double) { description = nombre(x) }
    /// Un nombre dans l'unité de l'indicateur.
    public init(_ x: Double) { description = nombre(x) }
    /// Un entier dans l'unité de l'indicateur.
    public init(_ n: Int) { description = String(n) }
    /// Un nombre suivi d'une unité.
    public init(_ x: Double, _ unité: Unité) { description = "\(nombre(x)) \(unité)" }

    /// Cible à fixer par un avenant.
    public static let àFixerParAvenant = Cible("à fixer par avenant")
    /// Année non applicable.
    public static let sansObjet = Cible("sans objet")
    /// Année suivie, sans valeur chiffrée.
    public static let suivi = Cible("suivi")
    /// Jalon atteint / non atteint.
    public static let oui = Cible("oui")
    public static let non = Cible("non")
    /// Jalon : réalisé.
    public static let réalisé = Cible("réalisé")
    /// Indicateurs monétaires qualitatifs.
    public static let équilibre = Cible("équilibre")
    public static let excédent = Cible("excédent")
    public static let déficit = Cible("déficit")
    /// Valeur de base inconnue.
    public static let inconnue = Cible("inconnue")
    /// Au moins (≥).
    public static func auMoins(_ c: Cible) -> Cible { Cible("≥ \(c)") }
    /// Au plus (≤).
    public static func auPlus(_ c: Cible) -> Cible { Cible("≤ \(c)") }
    /// Strictement plus de (>).
    public static func plusDe(_ c: Cible) -> Cible { Cible("> \(c)") }
    /// Strictement moins de (<).
    public static func moinsDe(_ c: Cible) -> Cible { Cible("< \(c)") }
    /// Une fourchette.
    public static func entre(_ a: Cible, et b: Cible) -> Cible { Cible("entre \(a) et \(b)") }

    // Relative targets (issue 14): the sign is always printed, as the language requires it.
    private static func signé(_ x: Double) -> String { (x < 0 ? "-" : "+") + nombre(x < 0 ? -x : x) }
    /// Un écart en points à la cible de l'année précédente : `.points(+2)` s'écrit « +2 points ».
    public static func points(_ x: Double) -> Cible { Cible(signé(x) + " points") }
    /// Une évolution annuelle en pourcentage : `.parAn(5)` s'écrit « +5 % par an ».
    public static func parAn(_ pourcent: Double) -> Cible { Cible(signé(pourcent) + " % par an") }
    /// Une évolution par rapport à une année : `.parRapportÀ(2021, 10)` s'écrit « +10 % par rapport à 2021 ».
    public static func parRapportÀ(_ année: Int, _ pourcent: Double) -> Cible {
        Cible(signé(pourcent) + " % par rapport à \(année)")
    }
    /// La cible de l'année précédente reconduite (« maintien »).
    public static let maintien = Cible("maintien")
    /// Au moins le réalisé de l'année précédente (« ≥ N-1 »).
    public static let auMoinsNMoins1 = Cible("≥ N-1")
    /// Une quantité cumulée : `.cumulés(300)` s'écrit « 300 cumulés ».
    public static func cumulés(_ x: Double) -> Cible { Cible(nombre(x) + " cumulés") }
}

/// Le poids d'un objectif, d'un sous-objectif ou d'un indicateur dans son parent :
/// `.fraction(1, 3)`, `.pourcent(20)`, `.unTiers`, ou écrit comme dans le texte (`"la moitié"`).
public struct Poids: Hashable, Sendable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// L'écriture du poids dans le langage.
    public let description: String
    /// Un poids écrit comme dans le texte.
    public init(_ notation: String) { description = notation }
    public init(stringLiteral notation: String) { description = notation }
    /// Un poids entier (`1` : tout le poids du groupe).
    public init(integerLiteral n: Int) { description = String(n) }
    /// Une fraction : `.fraction(1, 3)` s'écrit « 1/3 ».
    public static func fraction(_ n: Int, _ d: Int) -> Poids { Poids("\(n)/\(d)") }
    /// Un pourcentage : `.pourcent(33.33)` s'écrit « 33,33 % ».
    public static func pourcent(_ x: Double) -> Poids { Poids(nombre(x) + " %") }
    /// « un tiers ».
    public static let unTiers = Poids("un tiers")
    /// « un quart ».
    public static let unQuart = Poids("un quart")
    /// « la moitié ».
    public static let laMoitié = Poids("la moitié")
}

extension Int {
    /// Un pourcentage : `60.pourcent` s'écrit « 60 % ».
    public var pourcent: Cible { Cible(Double(self), .pourcent) }
    /// Un montant en euros.
    public var euros: Cible { Cible(Double(self), .euros) }
}

extension Double {
    /// Un pourcentage : `2.5.pourcent` s'écrit « 2,5 % ».
    public var pourcent: Cible { Cible(self, .pourcent) }
    /// Un montant en euros.
    public var euros: Cible { Cible(self, .euros) }
}

/// L'unité d'un indicateur : `.pourcent`, `.euros`, `.nombre`, `.jours`…, ou écrite comme dans le texte.
public struct Unité: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let description: String
    public init(_ notation: String) { description = notation }
    public init(stringLiteral notation: String) { description = notation }
    public static let pourcent = Unité("%")
    public static let euros = Unité("€")
    public static let milliersDEuros = Unité("k€")
    public static let millionsDEuros = Unité("M€")
    public static let milliardsDEuros = Unité("Md€")
    public static let nombre = Unité("nombre")
    public static let jours = Unité("jours")
    public static let mois = Unité("mois")
    public static let années = Unité("ans")
    public static let mètresCarrés = Unité("m²")
    public static let ouiNon = Unité("oui/non")
    public static let texte = Unité("texte")
}

/// Le type d'un contrat.
public struct TypeDeContrat: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let description: String
    public init(stringLiteral notation: String) { description = notation }
    public static let cop: TypeDeContrat = "COP"
    public static let cpom: TypeDeContrat = "CPOM"
    public static let cog: TypeDeContrat = "COG"
    public static let autre: TypeDeContrat = "autre"
}

/// La numérotation d'un contrat.
public struct Numérotation: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let description: String
    public init(stringLiteral notation: String) { description = notation }
    public static let hiérarchique: Numérotation = "hiérarchique"
    public static let libre: Numérotation = "libre"
}

/// Le sens d'évolution souhaité d'un indicateur.
public struct Sens: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let description: String
    public init(stringLiteral notation: String) { description = notation }
    public static let hausse: Sens = "hausse"
    public static let baisse: Sens = "baisse"
}

/// La nature d'un indicateur.
public struct Nature: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let description: String
    public init(stringLiteral notation: String) { description = notation }
    public static let résultat: Nature = "résultat"
    public static let pilotage: Nature = "pilotage"
    public static let socle: Nature = "socle"
    public static let complémentaire: Nature = "complémentaire"
    public static let suivi: Nature = "suivi"
    public static let moyens: Nature = "moyens"
}
