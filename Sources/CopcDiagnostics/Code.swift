/// The stable diagnostic codes of copc, with their default severity and a short French title.
///
/// Codes never change meaning once published: editors, CI filters and `# copc: ignorer`
/// comments depend on them. The longer `expliquer` text lives in `Explanations.swift`.
public enum Code: String, CaseIterable, Sendable, Comparable {
    case cop001 = "COP001"
    case cop002 = "COP002"
    case cop100 = "COP100"
    case cop101 = "COP101"
    case cop102 = "COP102"
    case cop103 = "COP103"
    case cop104 = "COP104"
    case cop105 = "COP105"
    case cop106 = "COP106"
    case cop107 = "COP107"
    case cop200 = "COP200"
    case cop201 = "COP201"
    case cop202 = "COP202"
    case cop203 = "COP203"
    case cop204 = "COP204"
    case cop205 = "COP205"
    case cop206 = "COP206"
    case cop207 = "COP207"
    case cop208 = "COP208"
    case cop209 = "COP209"
    case cop300 = "COP300"
    case cop301 = "COP301"
    case cop302 = "COP302"
    case cop303 = "COP303"
    case cop304 = "COP304"
    case cop305 = "COP305"
    case cop306 = "COP306"
    case cop307 = "COP307"
    case cop400 = "COP400"
    case cop401 = "COP401"
    case cop402 = "COP402"
    case cop403 = "COP403"
    case cop404 = "COP404"
    case cop500 = "COP500"
    case cop501 = "COP501"
    case cop502 = "COP502"
    case cop503 = "COP503"

    public static func < (a: Code, b: Code) -> Bool { a.rawValue < b.rawValue }

    /// Parses `COP300`, `cop300` or `300`.
    public init?(parsing text: String) {
        let upper = text.uppercased()
        if let c = Code(rawValue: upper) { self = c; return }
        if let c = Code(rawValue: "COP" + upper) { self = c; return }
        return nil
    }

    /// The default severity (design §5). `--strict` may raise COP303 to an error.
    public var severity: Severity {
        switch self {
        case .cop203, .cop204, .cop302, .cop303, .cop306, .cop307, .cop403, .cop404,
             .cop500, .cop501, .cop502:
            return .warning
        case .cop208:
            return .note
        default:
            return .error
        }
    }

    /// A one-line French title, used by `expliquer`, SARIF rules and the docs.
    public var title: String {
        switch self {
        case .cop001: return "UTF-8 invalide ou fichier illisible"
        case .cop002: return "limite de copc dépassée"
        case .cop100: return "caractère inattendu"
        case .cop101: return "chaîne ou bloc de texte non terminé"
        case .cop102: return "élément de syntaxe inattendu"
        case .cop103: return "nombre, date, période, délai ou valeur invalide"
        case .cop104: return "propriété inconnue pour cet élément"
        case .cop105: return "élément mal placé"
        case .cop106: return "propriété obligatoire manquante"
        case .cop107: return "propriété en double"
        case .cop200: return "identifiant en double"
        case .cop201: return "référent ou plan non défini"
        case .cop202: return "identifiant incohérent avec son parent"
        case .cop203: return "trou dans la numérotation"
        case .cop204: return "numérotation dans le désordre"
        case .cop205: return "l'avenant vise un élément inexistant"
        case .cop206: return "fichier importé introuvable, hors de l'espace de travail ou cyclique"
        case .cop207: return "suppression laissant une référence pendante"
        case .cop208: return "référent à déterminer"
        case .cop209: return "l'avenant vise un contrat inconnu"
        case .cop300: return "délai hors de la période du contrat"
        case .cop301: return "année de cible ou de base hors de la période"
        case .cop302: return "année sans cible"
        case .cop303: return "cible en attente d'avenant"
        case .cop304: return "période invalide"
        case .cop305: return "date de signature de l'avenant invalide"
        case .cop306: return "cible fixée pour une année déjà écoulée"
        case .cop307: return "délai à préciser"
        case .cop400: return "unité de cible incompatible"
        case .cop401: return "cible relative sans base"
        case .cop402: return "fourchette inversée"
        case .cop403: return "cibles contraires au sens de l'indicateur"
        case .cop404: return "indicateur sans unité"
        case .cop500: return "objectif sans indicateur"
        case .cop501: return "objectif sans action"
        case .cop502: return "objectif sans pilote"
        case .cop503: return "numérotation des avenants"
        }
    }
}
