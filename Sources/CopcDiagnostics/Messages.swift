/// What the parser expected where it found something else (worded in `Message.text`).
public enum Expectation: String, Hashable, Sendable {
    case colon, identifier, title, closingParen, elementKind, contractReference, value
    case dateOrPeriod, yearSpec, label, stepTitle, path, property, endOfLine, avenantNumber
    case fileHeader

    var french: String {
        switch self {
        case .colon: return "« : »"
        case .identifier: return "un identifiant"
        case .title: return "un titre entre guillemets"
        case .closingParen: return "« ) »"
        case .elementKind: return "un genre d'élément (axe, objectif, sous-objectif, action, indicateur, référent, plan)"
        case .contractReference: return "« au contrat ID »"
        case .value: return "une valeur"
        case .dateOrPeriod: return "une date ou une période"
        case .yearSpec: return "une année ou une plage d'années (2023, 2021 .. 2025)"
        case .label: return "un libellé"
        case .stepTitle: return "le titre de l'étape entre guillemets"
        case .path: return "un chemin entre guillemets"
        case .property: return "un élément (contrat, axe, objectif, action, indicateur…) ou une propriété « clé : valeur »"
        case .endOfLine: return "la fin de la ligne"
        case .avenantNumber: return "le numéro de l'avenant"
        case .fileHeader: return "« contrat », « avenant » ou « annuaire » en tête de fichier"
        }
    }
}

/// Every diagnostic message of copc: the checks record one of these, the text is worded here.
///
/// Cases are grouped by code, in code order. Each case maps to exactly one code.
public enum Message: Hashable, Sendable {
    // COP001
    case invalidUTF8(offset: Int)
    case unreadableFile(reason: String)
    // COP002
    case fileTooLarge(bytes: Int, limit: Int)
    case lineTooLong(bytes: Int, limit: Int)
    case tooManyElements(limit: Int)
    case nestingTooDeep(element: String, limit: Int)
    case tooManyAvenants(contract: String, limit: Int)
    case tooManyYears(text: String, years: Int, limit: Int)
    case importChainTooLong(path: String, limit: Int)
    // COP100
    case unexpectedCharacter(String)
    case tooManyInvalidCharacters(Int)
    case bareCarriageReturn
    // COP101
    case unterminatedString
    case unterminatedGuillemets
    case unterminatedTextBlock
    // COP102
    case expected(Expectation, found: String)
    case unknownKeyword(String, suggestion: String?)
    // COP103
    case invalidNumber(String)
    case numberTooPrecise(String, reason: String)
    case invalidDate(String)
    case invalidPeriod(String)
    case invalidDeadline(String)
    case invalidTarget(String)
    case invalidYear(String)
    case invalidEnumValue(key: String, value: String, allowed: [String], suggestion: String?)
    case invalidUnit(String, suggestion: String?)
    case invalidReferentList(String)
    // COP104
    case unknownProperty(key: String, element: String, suggestion: String?)
    // COP105
    case misplacedElement(kind: String, reason: String)
    case changeInNonAvenant(String)
    case elementInAvenant(String)
    case fileHeaderMisplaced(String)
    case targetOnDeclinedIndicator
    case propertyOutsideElement
    case missingFileHeader
    // COP106
    case missingProperty(key: String, element: String)
    // COP107
    case duplicateProperty(String)
    // COP200
    case duplicateIdentifier(kind: String, id: String)
    case duplicateIdentifierRetitled(kind: String, id: String, firstTitle: String)
    case duplicateContract(String)
    // COP201
    case undefinedReferent(String, suggestion: String?)
    case undefinedPlan(String, suggestion: String?)
    // COP202
    case inconsistentId(kind: String, id: String, parent: String)
    // COP203
    case numberingGap(kind: String, id: String, missing: [String])
    /// A long gap, named by its first and last missing ids and the count of missing numbers.
    case numberingGapRange(kind: String, id: String, first: String, last: String, count: Int)
    // COP204
    case numberingOrder(kind: String, id: String, after: String)
    // COP205
    case changeTargetMissing(op: String, kind: String, id: String, version: Int)
    case addExisting(kind: String, id: String, version: Int)
    case parentMissing(kind: String, id: String)
    // COP206
    case importNotFound(String)
    case importOutsideWorkspace(String)
    case importCycle(String)
    // COP207
    case danglingReference(kind: String, id: String, usedBy: String)
    // COP208
    case referentToBeDetermined(role: String)
    // COP209
    case unknownContract(String, suggestion: String?)
    // COP300
    case deadlineOutsidePeriod(what: String, window: String, period: String, after: Bool)
    // COP301
    case targetYearOutsidePeriod(year: Int, period: String)
    case baseYearAfterPeriod(year: Int, period: String)
    // COP302
    case missingTargets(id: String, years: [Int])
    // COP303
    case pendingTargets(id: String, years: [Int], begun: [Int])
    // COP304
    case invalidPeriodOrder(String)
    // COP305
    case avenantSignedOutsidePeriod(number: Int, date: String, period: String)
    case avenantNotAfterPrevious(number: Int, date: String, previous: Int, previousDate: String)
    // COP306
    case targetForPastYear(year: Int, signed: String)
    // COP307
    case deadlineToBeSpecified(what: String)
    // COP400
    case unitMismatch(target: String, indicator: String)
    // COP401
    case relativeWithoutBase
    // COP402
    case invertedRange(low: String, high: String)
    // COP403
    case againstDirection(direction: String, fromYear: Int, toYear: Int, from: String, to: String)
    // COP404
    case missingUnit(inferred: String?)
    // COP500
    case noIndicator(kind: String, id: String)
    // COP501
    case noAction(kind: String, id: String)
    // COP502
    case noPilot(id: String)
    // COP503
    case avenantNumbering(expected: Int, found: Int)
    case avenantDuplicate(Int)

    public var code: Code {
        switch self {
        case .invalidUTF8, .unreadableFile: return .cop001
        case .fileTooLarge, .lineTooLong, .tooManyElements, .nestingTooDeep, .tooManyAvenants, .tooManyYears, .importChainTooLong: return .cop002
        case .unexpectedCharacter, .tooManyInvalidCharacters, .bareCarriageReturn: return .cop100
        case .unterminatedString, .unterminatedGuillemets, .unterminatedTextBlock: return .cop101
        case .expected, .unknownKeyword: return .cop102
        case .invalidNumber, .numberTooPrecise, .invalidDate, .invalidPeriod, .invalidDeadline, .invalidTarget,
             .invalidYear, .invalidEnumValue, .invalidUnit, .invalidReferentList: return .cop103
        case .unknownProperty: return .cop104
        case .misplacedElement, .changeInNonAvenant, .elementInAvenant, .fileHeaderMisplaced,
             .targetOnDeclinedIndicator, .propertyOutsideElement, .missingFileHeader: return .cop105
        case .missingProperty: return .cop106
        case .duplicateProperty: return .cop107
        case .duplicateIdentifier, .duplicateIdentifierRetitled, .duplicateContract: return .cop200
        case .undefinedReferent, .undefinedPlan: return .cop201
        case .inconsistentId: return .cop202
        case .numberingGap, .numberingGapRange: return .cop203
        case .numberingOrder: return .cop204
        case .changeTargetMissing, .addExisting, .parentMissing: return .cop205
        case .importNotFound, .importOutsideWorkspace, .importCycle: return .cop206
        case .danglingReference: return .cop207
        case .referentToBeDetermined: return .cop208
        case .unknownContract: return .cop209
        case .deadlineOutsidePeriod: return .cop300
        case .targetYearOutsidePeriod, .baseYearAfterPeriod: return .cop301
        case .missingTargets: return .cop302
        case .pendingTargets: return .cop303
        case .invalidPeriodOrder: return .cop304
        case .avenantSignedOutsidePeriod, .avenantNotAfterPrevious: return .cop305
        case .targetForPastYear: return .cop306
        case .deadlineToBeSpecified: return .cop307
        case .unitMismatch: return .cop400
        case .relativeWithoutBase: return .cop401
        case .invertedRange: return .cop402
        case .againstDirection: return .cop403
        case .missingUnit: return .cop404
        case .noIndicator: return .cop500
        case .noAction: return .cop501
        case .noPilot: return .cop502
        case .avenantNumbering, .avenantDuplicate: return .cop503
        }
    }

    /// The one-line French message.
    public var text: String {
        switch self {
        case .invalidUTF8(let offset):
            return "séquence UTF-8 invalide à l'octet \(offset)"
        case .unreadableFile(let reason):
            return "fichier illisible : \(reason)"
        case .fileTooLarge(let bytes, let limit):
            return "fichier trop volumineux : \(groupedCount(bytes)) octets, au-delà de la limite de \(groupedCount(limit)) octets ; il n'est pas lu"
        case .lineTooLong(let bytes, let limit):
            return "ligne trop longue : \(groupedCount(bytes)) octets, au-delà de la limite de \(groupedCount(limit)) octets ; le fichier n'est pas analysé"
        case .tooManyElements(let limit):
            return "trop d'éléments dans ce fichier : au-delà de \(groupedCount(limit)), la suite du fichier n'est pas lue"
        case .nestingTooDeep(let element, let limit):
            return "imbrication trop profonde : \(element) dépasserait \(limit) niveaux sous le contrat ; il est rangé au niveau \(limit), comme tout élément suivant dans ce cas"
        case .tooManyAvenants(let contract, let limit):
            return "le contrat \(contract) a plus de \(limit) avenants : les suivants ne sont pas appliqués"
        case .importChainTooLong(let path, let limit):
            return "chaîne d'imports trop longue : « \(path) » serait le \(limit + 1)e fichier d'une chaîne de « utilise » (\(limit) au plus) ; il n'est pas lu"
        case .tooManyYears(let text, let years, let limit):
            return "« \(text) » couvre \(groupedCount(years)) années, au-delà de la limite de \(limit) ; la valeur n'est pas lue"
        case .unexpectedCharacter(let c):
            return "caractère inattendu « \(c) »"
        case .bareCarriageReturn:
            return "retour chariot seul (fin de ligne « CR » des anciens Mac) : copc attend des fins de ligne LF ou CRLF ; réenregistrez le fichier avec l'une d'elles"
        case .tooManyInvalidCharacters(let n):
            return "\(n) autres caractères inattendus ou octets invalides dans ce fichier, non détaillés (fichier binaire ?)"
        case .unterminatedString:
            return "chaîne non terminée : le guillemet fermant « \" » manque avant la fin de la ligne"
        case .unterminatedGuillemets:
            return "chaîne non terminée : le guillemet fermant « » » manque avant la fin de la ligne"
        case .unterminatedTextBlock:
            return "bloc de texte non terminé : le « \"\"\" » fermant manque avant la fin du fichier"
        case .expected(let what, let found):
            return "attendu \(what.french), trouvé \(found)"
        case .unknownKeyword(let w, let suggestion):
            return "mot-clé inconnu « \(w) » en début de ligne : attendu un élément (contrat, axe, objectif, action, indicateur…) ou une propriété « clé : valeur »" + suggest(suggestion)
        case .invalidNumber(let t):
            return "nombre invalide « \(t) » (notation française attendue : 2,29 ou 4 000)"
        case .numberTooPrecise(let t, let reason):
            return "nombre non représentable exactement dans « \(t) » : \(reason) ; copc ne peut pas le garder tel qu'écrit"
        case .invalidDate(let t):
            return "date invalide « \(t) » (attendu : 2024-12-31, 31/12/2024 ou 31 décembre 2024)"
        case .invalidPeriod(let t):
            return "période invalide « \(t) » (attendu : 2021 .. 2025 ou 2021-01-01 .. 2025-12-31)"
        case .invalidDeadline(let t):
            return "délai invalide « \(t) » (attendu par exemple : 2022, fin 2023, T1 2022, S2 2021, juin 2023, d'ici 2024, à partir de 2022, tout au long du contrat, selon PLAN)"
        case .invalidTarget(let t):
            return "cible invalide « \(t) » (attendu par exemple : 60 %, entre 2 % et 3 %, ≥ 80 %, -40 % de la base, équilibre, oui, « texte », à fixer par avenant, sans objet)"
        case .invalidYear(let t):
            return "année invalide « \(t) » (attendu : 2023 ou 2021 .. 2025)"
        case .invalidEnumValue(let key, let value, let allowed, let suggestion):
            return "valeur inconnue « \(value) » pour « \(key) » (valeurs possibles : \(allowed.joined(separator: ", ")))" + suggest(suggestion)
        case .invalidUnit(let t, let suggestion):
            return "unité inconnue « \(t) » (unités possibles : %, €, k€, M€, Md€, nombre, jours, mois, ans, m², oui/non, texte)" + suggest(suggestion)
        case .invalidReferentList(let t):
            return "liste de référents invalide « \(t) » (attendu : DGOS, DGS ou à déterminer)"
        case .unknownProperty(let key, let element, let suggestion):
            return "propriété inconnue « \(key) » pour \(element)" + suggest(suggestion)
        case .misplacedElement(let kind, let reason):
            return "« \(kind) » à une place interdite : \(reason)"
        case .changeInNonAvenant(let op):
            return "« \(op) » n'est permis que dans un avenant"
        case .elementInAvenant(let kind):
            return "un avenant ne déclare pas d'élément directement : écrivez « ajouter \(kind) … »"
        case .fileHeaderMisplaced(let kind):
            return "« \(kind) » doit être le premier élément du fichier, et le seul de ce genre"
        case .targetOnDeclinedIndicator:
            return "cible sur un indicateur dont les cibles sont déclinées par chaque contrat (« cibles : déclinées »)"
        case .propertyOutsideElement:
            return "propriété hors de tout élément : elle doit suivre l'en-tête d'un élément"
        case .missingFileHeader:
            return "le fichier doit commencer par « contrat », « avenant » ou « annuaire »"
        case .missingProperty(let key, let element):
            return "propriété obligatoire « \(key) » manquante pour \(element)"
        case .duplicateProperty(let key):
            return "propriété « \(key) » déjà donnée pour cet élément"
        case .duplicateIdentifier(let kind, let id):
            return "identifiant en double : \(kind) \(id) est déjà déclaré"
        case .duplicateIdentifierRetitled(let kind, let id, let firstTitle):
            return "identifiant en double : \(kind) \(id) est déjà déclaré, sous un autre titre (« \(firstTitle) »)"
        case .duplicateContract(let id):
            return "le contrat \(id) est déclaré dans plusieurs fichiers"
        case .undefinedReferent(let name, let suggestion):
            return "référent non défini « \(name) »" + suggest(suggestion)
        case .undefinedPlan(let name, let suggestion):
            return "plan non défini « \(name) »" + suggest(suggestion)
        case .inconsistentId(let kind, let id, let parent):
            return "\(kind) \(id) est rangé sous \(parent) : son numéro ne correspond pas à celui de son parent"
        case .numberingGap(let kind, let id, let missing):
            let list = missing.joined(separator: ", ")
            return missing.count == 1
                ? "trou dans la numérotation : \(kind) \(list) manque avant \(id)"
                : "trou dans la numérotation : \(kind) \(list) manquent avant \(id)"
        case .numberingGapRange(let kind, let id, let first, let last, let count):
            return "trou dans la numérotation : \(kind) \(first) à \(last) manquent avant \(id) (\(groupedCount(count)) numéros)"
        case .numberingOrder(let kind, let id, let after):
            return "numérotation dans le désordre : \(kind) \(id) vient après \(after)"
        case .changeTargetMissing(let op, let kind, let id, let version):
            return "« \(op) \(kind) \(id) » : cet élément n'existe pas dans la version \(version) du contrat"
        case .addExisting(let kind, let id, let version):
            return "« ajouter \(kind) \(id) » : cet élément existe déjà dans la version \(version) du contrat"
        case .parentMissing(let kind, let id):
            return "le parent \(kind) \(id) n'existe pas dans le contrat"
        case .importNotFound(let p):
            return "fichier importé introuvable « \(p) »"
        case .importOutsideWorkspace(let p):
            return "fichier importé hors de l'espace de travail « \(p) »"
        case .importCycle(let p):
            return "import cyclique : « \(p) » s'importe lui-même, directement ou non"
        case .danglingReference(let kind, let id, let usedBy):
            return "suppression de \(kind) \(id) alors qu'il est encore utilisé par \(usedBy)"
        case .referentToBeDetermined(let role):
            return "\(role) à déterminer"
        case .unknownContract(let id, let suggestion):
            return "contrat inconnu « \(id) »" + suggest(suggestion)
        case .deadlineOutsidePeriod(let what, let window, let period, let after):
            return after
                ? "\(what) (\(window)) se termine après la fin du contrat (\(period))"
                : "\(what) (\(window)) commence avant le début du contrat (\(period))"
        case .targetYearOutsidePeriod(let year, let period):
            return "cible pour \(year), hors de la période du contrat (\(period))"
        case .baseYearAfterPeriod(let year, let period):
            return "base \(year) postérieure à la fin du contrat (\(period))"
        case .missingTargets(let id, let years):
            return (years.count == 1 ? "l'année \(years[0]) n'a" : "les années \(yearList(years)) n'ont")
                + " ni cible, ni « sans objet », ni « à fixer par avenant » (indicateur \(id))"
        case .pendingTargets(let id, let years, let begun):
            var s = "cible" + (years.count > 1 ? "s" : "") + " en attente d'avenant pour " + yearList(years) + " (indicateur \(id))"
            if !begun.isEmpty {
                s += (begun.count == 1 ? " ; l'année \(begun[0]) a déjà commencé" : " ; les années \(yearList(begun)) ont déjà commencé")
            }
            return s
        case .invalidPeriodOrder(let t):
            return "période invalide « \(t) » : la fin précède le début"
        case .avenantSignedOutsidePeriod(let n, let date, let period):
            return "l'avenant \(n) est signé le \(date), hors de la période du contrat (\(period))"
        case .avenantNotAfterPrevious(let n, let date, let prev, let prevDate):
            return "l'avenant \(n) est signé le \(date), pas après l'avenant \(prev) (signé le \(prevDate))"
        case .targetForPastYear(let year, let signed):
            return "l'avenant fixe une cible pour \(year), année déjà écoulée à sa signature (\(signed))"
        case .deadlineToBeSpecified(let what):
            return "\(what) est encore « à préciser »"
        case .unitMismatch(let target, let indicator):
            return "cible en \(target) incompatible avec l'unité de l'indicateur (\(indicator))"
        case .relativeWithoutBase:
            return "cible relative à la base, mais l'indicateur n'a pas de « base »"
        case .invertedRange(let low, let high):
            return "fourchette inversée : la borne basse \(low) dépasse la borne haute \(high)"
        case .againstDirection(let direction, let fromYear, let toYear, let from, let to):
            return "les cibles vont contre le sens « \(direction) » : \(from) en \(fromYear), puis \(to) en \(toYear)"
        case .missingUnit(let inferred):
            if let u = inferred { return "indicateur sans « unité » (déduite des cibles : \(u))" }
            return "indicateur sans « unité »"
        case .noIndicator(let kind, let id):
            return "\(kind) \(id) n'a aucun indicateur"
        case .noAction(let kind, let id):
            return "\(kind) \(id) n'a aucune action"
        case .noPilot(let id):
            return "objectif \(id) sans « pilote » ni « référent »"
        case .avenantNumbering(let expected, let found):
            return "avenant \(found) : les avenants doivent être numérotés à la suite à partir de 1 (attendu : avenant \(expected))"
        case .avenantDuplicate(let n):
            return "l'avenant \(n) est déclaré plusieurs fois"
        }
    }
}

/// Messages of secondary notes.
public enum NoteMessage: Hashable, Sendable {
    case firstDeclaration
    case periodDeclared
    case previousAvenant(Int)
    case parentHere
    case stillUsedHere

    public var text: String {
        switch self {
        case .firstDeclaration: return "première déclaration ici"
        case .periodDeclared: return "période du contrat déclarée ici"
        case .previousAvenant(let n): return "avenant \(n) signé ici"
        case .parentHere: return "parent déclaré ici"
        case .stillUsedHere: return "encore utilisé ici"
        }
    }
}

private func suggest(_ s: String?) -> String {
    guard let s else { return "" }
    return " ; vouliez-vous dire « \(s) » ?"
}

/// "2021, 2022 et 2023".
public func yearList(_ years: [Int]) -> String {
    let parts = years.map(String.init)
    if parts.count <= 1 { return parts.joined() }
    return parts.dropLast().joined(separator: ", ") + " et " + parts.last!
}

/// `999999998` → `999 999 998` (French grouping by three, from five digits on).
func groupedCount(_ n: Int) -> String {
    let s = String(n)
    guard s.count >= 5 else { return s }
    var out = ""
    for (k, c) in s.enumerated() {
        if k > 0 && (s.count - k) % 3 == 0 { out += " " }
        out.append(c)
    }
    return out
}
