import CopcFrench
import CopcLanguage

/// What the parser expected where it found something else (worded in `Message.text`).
public enum Expectation: String, Hashable, Sendable {
    case colon, identifier, title, closingParen, elementKind, contractReference, value
    case dateOrPeriod, yearSpec, label, stepTitle, path, property, endOfLine, avenantNumber
    case fileHeader, bilanYear, bilanContractReference
    /// `avis « ORGANISME » le` (design §3.5).
    case opinionBody

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
        case .fileHeader: return "« contrat », « avenant », « annuaire » ou « bilan » en tête de fichier"
        case .bilanYear: return "l'année du bilan (bilan 2024 du contrat ID)"
        case .bilanContractReference: return "« du contrat ID »"
        case .opinionBody: return "le nom de l'organisme entre guillemets puis « le » (avis « CGEFI » le : 2024-07-05)"
        }
    }
}

/// What the parser found where it expected something else.
public enum Found: Hashable, Sendable {
    case endOfLine
    /// A `"…"` or `« … »` string, as written.
    case string(String)
    case textBlock
    /// Any other token, as written.
    case token(String)
}

/// An element named in a message: its kind, its id, or its title when it has no id.
public struct ElementRef: Hashable, Sendable {
    public let kind: ElementKind
    public let id: String?
    public let title: String?

    public init(kind: ElementKind, id: String?, title: String?) {
        self.kind = kind
        self.id = id
        self.title = title
    }
}

/// A property named in a message: its key and what keys it (`cible 2023 (directeurs)`).
public struct PropertyRef: Hashable, Sendable {
    public let key: PropertyKey
    /// The key as the drafter wrote it (`Pilote`), shown for keys without year, label or title.
    public let written: String
    public let year: Int?
    public let label: String?
    public let stepTitle: String?

    public init(key: PropertyKey, written: String, year: Int?, label: String?, stepTitle: String?) {
        self.key = key
        self.written = written
        self.year = year
        self.label = label
        self.stepTitle = stepTitle
    }
}

/// A deadline or a step of an action, named in a message.
public struct DeadlineRef: Hashable, Sendable {
    public let action: ElementRef
    /// The step's title; `nil` for a `délai`.
    public let stepTitle: String?
    public let label: String?
    /// The deadline as written, in canonical spelling.
    public let text: String

    public init(action: ElementRef, stepTitle: String?, label: String?, text: String) {
        self.action = action
        self.stepTitle = stepTitle
        self.label = label
        self.text = text
    }
}

/// Why a well-formed number cannot be kept exactly (COP103).
public enum NumberProblem: Hashable, Sendable {
    /// More decimals than the IR writes, once trailing zeros are dropped: how many written.
    case tooManyDecimals(written: Int, limit: Int)
    /// More significant digits than a `Double` keeps exactly: how many written.
    case tooManyDigits(written: Int, limit: Int)

    var french: String {
        switch self {
        case .tooManyDecimals(let n, let limit): return "au plus \(limit) décimales (\(n) écrites)"
        case .tooManyDigits(let n, let limit): return "au plus \(limit) chiffres significatifs (\(n) écrits)"
        }
    }
}

/// Why an element is not allowed where it is written (COP105).
public enum PlacementReason: Hashable, Sendable {
    /// `utilise` in an avenant.
    case avenantImports
    /// An element other than a référent or a plan in an annuaire.
    case annuaireHoldsDeclarations
    /// `dans KIND ID` names an element not declared above.
    case parentNotDeclared(ElementKind, String)
    /// The element's kind may not sit under that parent.
    case rule(ElementKind)
    /// `organisme ID « nom »` outside an annuaire.
    case organismeInAnnuaire
}

/// What is wrong in a `copc.toml` (COP003). Nothing of the file's text is quoted but a bare key.
public enum ConfigurationProblem: Hashable, Sendable {
    case unreadable(reason: String)
    case notUTF8
    case table
    case expectedKey
    case expectedEquals(key: String)
    case expectedValue
    case expectedComma
    case trailingText
    case unterminatedString
    case unterminatedArray
    case badEscape
    case controlCharacter
    case unknownKey(String, suggestion: String?)
    case duplicateKey(String)
    case expectedStringList(key: String?)
    case invalidExcludedFolder

    public var french: String {
        switch self {
        case .unreadable(let reason): return "fichier non lu (\(reason))"
        case .notUTF8: return "le fichier n'est pas en UTF-8"
        case .table: return "les sections « [nom] » ne sont pas reconnues : écrivez les clés au début du fichier"
        case .expectedKey: return "attendu une clé (lettres, chiffres, « - », « _ ») suivie de « = »"
        case .expectedEquals(let key): return "attendu « = » après la clé « \(key) »"
        case .expectedValue: return "attendu une valeur après « = »"
        case .expectedComma: return "attendu « , » ou « ] » entre les éléments de la liste"
        case .trailingText: return "texte inattendu après la valeur (un commentaire commence par « # »)"
        case .unterminatedString: return "chaîne non terminée sur sa ligne"
        case .unterminatedArray: return "liste non fermée par « ] »"
        case .badEscape: return "échappement invalide dans la chaîne (\\\", \\\\, \\n, \\t, \\uXXXX)"
        case .controlCharacter: return "caractère de contrôle dans la chaîne"
        case .unknownKey(let key, let suggestion): return "clé inconnue « \(key) »" + suggest(suggestion) + " (clés reconnues : exclure)"
        case .duplicateKey(let key): return "la clé « \(key) » est donnée deux fois"
        case .expectedStringList(let key):
            return (key.map { "« \($0) »" } ?? "la valeur") + " attend une liste de chaînes, comme exclure = [\"Tests\", \"archives\"]"
        case .invalidExcludedFolder:
            return "dossier à exclure invalide : un chemin relatif au dossier de copc.toml, sans « .. », non vide"
        }
    }
}

/// What a target or a base is written in, when it does not fit the indicator's unit (COP400).
public enum UnitMismatch: Hashable, Sendable {
    case unit(Unit)
    case qualitative(Qualitative)
    case milestone(Milestone)
}

/// Every diagnostic message of copc: the checks record one of these with typed data, and the
/// French text is worded here only.
///
/// Cases are grouped by code, in code order. Each case maps to exactly one code.
public enum Message: Hashable, Sendable {
    // COP001
    case invalidUTF8(offset: Int)
    case unreadableFile(reason: String)
    /// A NUL byte: the file is not text; nothing else is reported for it.
    case binaryFile(offset: Int)
    /// An entry a folder walk could not read (an unreadable folder, a path too long…).
    case entryNotRead(reason: String)
    /// Not UTF-8 but Windows-1252 (Latin-1): the first byte that is not ASCII and what it
    /// reads as in Windows-1252; nothing else is reported for the file.
    case legacyEncoding(offset: Int, byte: UInt8, reads: Unicode.Scalar)
    /// A UTF-16 byte-order mark (Word's « Texte Unicode »); nothing else is reported.
    case utf16
    // COP002
    case fileTooLarge(bytes: Int, limit: Int)
    case lineTooLong(bytes: Int, limit: Int)
    // COP003
    /// `copc.toml` could not be read (1-based line and column, no text of the file quoted).
    case invalidConfiguration(line: Int, column: Int, ConfigurationProblem)
    // COP004
    /// A workspace marker owned by someone else, passed over.
    case untrustedWorkspaceMarker(name: String, owner: UInt32, folder: String)
    case tooManyElements(limit: Int)
    case nestingTooDeep(ElementRef, limit: Int)
    case tooManyAvenants(contract: String, limit: Int)
    case tooManyYears(text: String, years: Int, limit: Int)
    case importChainTooLong(path: String, limit: Int)
    // COP100
    case unexpectedCharacter(Unicode.Scalar)
    case tooManyInvalidCharacters(Int)
    case bareCarriageReturn
    // COP101
    case unterminatedString
    case unterminatedGuillemets
    case unterminatedTextBlock
    // COP102
    case expected(Expectation, found: Found)
    case unknownKeyword(String, suggestion: String?)
    // COP103
    case invalidNumber(String)
    case numberTooPrecise(String, NumberProblem)
    case invalidDate(String)
    case invalidPeriod(String)
    case invalidDeadline(String)
    case invalidTarget(String)
    /// A refused value with the nearest accepted form for that very input (issue 13).
    case invalidValueNearest(NearestValue, String, suggestion: String)
    case invalidYear(String)
    case invalidEnumValue(key: PropertyKey, value: String, suggestion: String?)
    case invalidSuppressionCode(String, suggestion: String?)
    case invalidUnit(String, suggestion: String?)
    /// `suggestion`: the list as the drafter seems to have meant it, from the referents they wrote.
    case invalidReferentList(String, suggestion: String?)
    /// `succède à` followed by anything but one contract id.
    case invalidContractId(String)
    case invalidRealized(String)
    case invalidDueDate(String)
    /// A `poids` that is neither a fraction nor a percentage between 0 and 1.
    case invalidWeight(String)
    /// A relative target (`+2 points`, `maintien`…) whose chain of years is broken.
    case unresolvedRelativeTarget(written: String, year: Int, gap: RelativeTargetGap)
    // COP108
    /// `1.500`: read as the decimal `decimal`; `thousands` is the other reading.
    case ambiguousDecimalPoint(written: String, decimal: String, thousands: String)
    // COP109
    /// An unlabelled `délai` in `modifier` replaces the labelled ones named.
    case bareDeadlineReplacesLabelled(labels: [String])
    // COP110
    /// A character of a word processor outside a text, read as what it stands for.
    case wordProcessorCharacter(WordProcessorCharacter)
    case moreWordProcessorCharacters(Int)
    // COP104
    case unknownProperty(key: String, element: ElementRef, suggestion: String?)
    // COP105
    case misplaced(Keyword, reason: PlacementReason)
    case changeInNonAvenant(ChangeOp)
    case elementInAvenant(ElementKind)
    case fileHeaderMisplaced(ElementKind)
    case targetOnDeclinedIndicator
    case propertyOutsideElement
    case missingFileHeader
    /// A file with no line but blanks and comments.
    case emptyFile(commentsOnly: Bool)
    // COP106
    case missingProperty(key: PropertyKey, element: ElementRef)
    // COP107
    case duplicateProperty(PropertyRef)
    // COP200
    case duplicateIdentifier(kind: ElementKind, id: String)
    case duplicateIdentifierRetitled(kind: ElementKind, id: String, firstTitle: String)
    case duplicateContract(String)
    // COP201
    case undefinedReferent(String, suggestion: String?)
    case undefinedPlan(String, suggestion: String?)
    // COP202
    case inconsistentId(kind: ElementKind, id: String, parentKind: ElementKind, parentId: String)
    // COP203
    case numberingGap(kind: ElementKind, id: String, missing: [String])
    /// A long gap, named by its first and last missing ids and the count of missing numbers.
    case numberingGapRange(kind: ElementKind, id: String, first: String, last: String, count: Int)
    // COP204
    case numberingOrder(kind: ElementKind, id: String, after: String)
    // COP205
    case changeTargetMissing(op: ChangeOp, kind: ElementKind, id: String, version: Int)
    case addExisting(kind: ElementKind, id: String, version: Int)
    case parentMissing(kind: ElementKind, id: String)
    // COP206
    case importNotFound(String)
    case importOutsideWorkspace(String)
    /// `utilise` of a file that is not a `.cop` file, is hidden, or is not a contract file.
    case importNotContractFile(String)
    case importCycle(String)
    // COP207
    case danglingReference(kind: ElementKind, id: String, usedBy: ElementRef)
    // COP208
    case referentToBeDetermined(role: PropertyKey)
    // COP209
    case unknownContract(String, suggestion: String?)
    /// The contract is declared, but not in the folder of the file nor above it.
    case contractDeclaredElsewhere(String)
    // COP210
    /// `succède à` names a contract that no file declares.
    case unknownPredecessor(String, suggestion: String?)
    /// `succède à` names the contract itself.
    case selfPredecessor(String)
    // COP211
    /// The period overlaps (or precedes) that of the contract it renews.
    case overlapsPredecessor(predecessor: String, period: Window, predecessorPeriod: Window)
    // COP212
    /// A body expected to hold a contract (`contrat attendu : oui`) holds none in force on `day`
    /// (`copc portefeuille` only); `last` is the latest of its contracts, if any, and its end.
    case bodyWithoutContract(id: String, day: Day, last: String?, lastEnd: Day?)
    // COP300
    case deadlineOutsidePeriod(DeadlineRef, window: Window, period: Window, after: Bool)
    // COP301
    case targetYearOutsidePeriod(year: Int, period: Window)
    case baseYearAfterPeriod(year: Int, period: Window)
    case resourcesYearOutsidePeriod(year: Int, period: Window)
    // COP302
    case missingTargets(indicator: ElementRef, years: [Int])
    // COP303
    case pendingTargets(indicator: ElementRef, years: [Int], begun: [Int])
    // COP304
    case invalidPeriodOrder(String)
    // COP305
    case avenantSignedOutsidePeriod(number: Int, date: Day, period: Window)
    case avenantNotAfterPrevious(number: Int, date: Day, previous: Int, previousDate: Day)
    // COP306
    case targetForPastYear(year: Int, signed: Day)
    // COP307
    case deadlineToBeSpecified(DeadlineRef)
    // COP400
    case unitMismatch(target: UnitMismatch, indicator: Unit)
    /// `moyens` in a unit that is neither money nor `nombre`.
    case resourcesUnit(Unit)
    // COP401
    case relativeWithoutBase
    // COP402
    case invertedRange(low: Quantity, high: Quantity)
    // COP403
    case againstDirection(direction: Direction, fromYear: Int, toYear: Int, from: String, to: String)
    // COP404
    case missingUnit(inferred: Unit?)
    // COP405
    /// The weights given to `count` siblings of kind `kind` under `parent` add up to `sum`.
    case weightsDoNotAddUp(parent: ElementRef, kind: ElementKind, count: Int, sum: String)
    // COP500
    case noIndicator(ElementRef)
    // COP501
    case noAction(ElementRef)
    // COP502
    case noPilot(ElementRef)
    // COP503
    case avenantNumbering(expected: Int, found: Int)
    case avenantDuplicate(Int)
    // COP600
    case bilanUnknownElement(kind: ElementKind, id: String, version: Int, suggestion: String?)
    case bilanYearOutsidePeriod(year: Int, period: Window)
    /// `état (LIBELLÉ)` naming no labelled `délai` of the action.
    case bilanUnknownDeadlineLabel(action: String, label: String, labels: [String])
    // COP601
    case realizedUnitMismatch(realized: UnitMismatch, indicator: Unit)
    case realizedUnknownLabel(label: String, year: Int, labels: [String])
    // COP602
    case missingRealized(indicator: String, year: Int, label: String?)
    case missingRealizedAbsent(indicators: [String], year: Int)
    case unavailableWithoutMotif
    // COP603
    case targetMissed(indicator: String, year: Int, label: String?, target: String, realized: String, gap: Gap)
    // COP604
    case actionLate(action: String, due: Day, state: ActionState?)
    case actionsLateAbsent(actions: [String], year: Int)
    case postponedWithoutNewDeadline(action: String)
    // COP605
    case doneWithoutDate(action: String)
    case completedAfterEstablished(date: Day, established: Day)
    case completedOutsideYear(date: Day, year: Int)
    // COP606
    case bilanMissing(years: [Int], due: [Day])
    // COP607
    case duplicateBilan(year: Int, contract: String)
    case duplicateReport(kind: ElementKind, id: String)

    public var code: Code {
        switch self {
        case .invalidUTF8, .unreadableFile, .binaryFile, .entryNotRead, .legacyEncoding, .utf16: return .cop001
        case .fileTooLarge, .lineTooLong, .tooManyElements, .nestingTooDeep, .tooManyAvenants, .tooManyYears, .importChainTooLong: return .cop002
        case .invalidConfiguration: return .cop003
        case .untrustedWorkspaceMarker: return .cop004
        case .unexpectedCharacter, .tooManyInvalidCharacters, .bareCarriageReturn: return .cop100
        case .unterminatedString, .unterminatedGuillemets, .unterminatedTextBlock: return .cop101
        case .expected, .unknownKeyword: return .cop102
        case .invalidNumber, .numberTooPrecise, .invalidDate, .invalidPeriod, .invalidDeadline, .invalidTarget, .invalidValueNearest,
             .invalidYear, .invalidEnumValue, .invalidSuppressionCode, .invalidUnit, .invalidReferentList, .invalidContractId,
             .invalidRealized, .invalidDueDate, .unresolvedRelativeTarget, .invalidWeight: return .cop103
        case .unknownProperty: return .cop104
        case .ambiguousDecimalPoint: return .cop108
        case .bareDeadlineReplacesLabelled: return .cop109
        case .wordProcessorCharacter, .moreWordProcessorCharacters: return .cop110
        case .misplaced, .changeInNonAvenant, .elementInAvenant, .fileHeaderMisplaced,
             .targetOnDeclinedIndicator, .propertyOutsideElement, .missingFileHeader, .emptyFile: return .cop105
        case .missingProperty: return .cop106
        case .duplicateProperty: return .cop107
        case .duplicateIdentifier, .duplicateIdentifierRetitled, .duplicateContract, .addExisting: return .cop200
        case .undefinedReferent, .undefinedPlan: return .cop201
        case .inconsistentId: return .cop202
        case .numberingGap, .numberingGapRange: return .cop203
        case .numberingOrder: return .cop204
        case .changeTargetMissing, .parentMissing: return .cop205
        case .importNotFound, .importOutsideWorkspace, .importCycle, .importNotContractFile: return .cop206
        case .danglingReference: return .cop207
        case .referentToBeDetermined: return .cop208
        case .unknownContract, .contractDeclaredElsewhere: return .cop209
        case .unknownPredecessor, .selfPredecessor: return .cop210
        case .overlapsPredecessor: return .cop211
        case .bodyWithoutContract: return .cop212
        case .deadlineOutsidePeriod: return .cop300
        case .targetYearOutsidePeriod, .baseYearAfterPeriod, .resourcesYearOutsidePeriod: return .cop301
        case .missingTargets: return .cop302
        case .pendingTargets: return .cop303
        case .invalidPeriodOrder: return .cop304
        case .avenantSignedOutsidePeriod, .avenantNotAfterPrevious: return .cop305
        case .targetForPastYear: return .cop306
        case .deadlineToBeSpecified: return .cop307
        case .unitMismatch, .resourcesUnit: return .cop400
        case .relativeWithoutBase: return .cop401
        case .invertedRange: return .cop402
        case .againstDirection: return .cop403
        case .missingUnit: return .cop404
        case .weightsDoNotAddUp: return .cop405
        case .noIndicator: return .cop500
        case .noAction: return .cop501
        case .noPilot: return .cop502
        case .avenantNumbering, .avenantDuplicate: return .cop503
        case .bilanUnknownElement, .bilanYearOutsidePeriod, .bilanUnknownDeadlineLabel: return .cop600
        case .realizedUnitMismatch, .realizedUnknownLabel: return .cop601
        case .missingRealized, .missingRealizedAbsent, .unavailableWithoutMotif: return .cop602
        case .targetMissed: return .cop603
        case .actionLate, .actionsLateAbsent, .postponedWithoutNewDeadline: return .cop604
        case .doneWithoutDate, .completedAfterEstablished, .completedOutsideYear: return .cop605
        case .bilanMissing: return .cop606
        case .duplicateBilan, .duplicateReport: return .cop607
        }
    }

    /// The one-line French message.
    public var text: String {
        switch self {
        case .binaryFile(let offset):
            return "fichier binaire ? un octet nul à l'octet \(offset) : copc ne lit que du texte UTF-8 ; rien d'autre n'est signalé pour ce fichier"
        case .emptyFile(let commentsOnly):
            return (commentsOnly ? "fichier sans aucun élément (seulement des commentaires)" : "fichier vide")
                + " : un fichier .cop commence par « contrat », « avenant » ou « annuaire »"
        case .invalidUTF8(let offset):
            return "séquence UTF-8 invalide à l'octet \(offset)"
        case .legacyEncoding(_, let byte, let reads):
            return "fichier en Windows-1252 ? réenregistrez-le en UTF-8 (l'octet 0x\(String(byte, radix: 16, uppercase: true)) se lit « \(shown(reads)) » en Windows-1252) ; rien d'autre n'est signalé pour ce fichier"
        case .utf16:
            return "fichier en UTF-16 ? réenregistrez-le en UTF-8 ; rien d'autre n'est signalé pour ce fichier"
        case .wordProcessorCharacter(let c):
            return c.french
        case .moreWordProcessorCharacters(let n):
            return "\(n) autres caractères de traitement de texte dans ce fichier, non détaillés (copc fmt les corrige)"
        case .unreadableFile(let reason):
            return "fichier illisible : \(reason)"
        case .entryNotRead(let reason):
            return "non lu : \(reason) ; les fichiers .cop qui s'y trouvent ne sont pas vérifiés"
        case .invalidConfiguration(let line, let column, let problem):
            return "copc.toml, ligne \(line), colonne \(column) : \(problem.french)"
        case .untrustedWorkspaceMarker(let name, let owner, let folder):
            let who = owner == UInt32.max ? "un autre utilisateur" : "l'utilisateur n° \(owner)"
            return "repère d'espace de travail ignoré : ce « \(name) » (ou son dossier) appartient à \(who), ni à vous ni à root, "
                + "et copc ne s'en sert pas pour borner ce qu'il lit (comme git pour safe.directory) ; pour lui faire confiance : COPC_REPERTOIRES_SURS=\(folder)"
        case .fileTooLarge(let bytes, let limit):
            return "fichier trop volumineux : \(French.number(bytes)) octets, au-delà de la limite de \(French.number(limit)) octets ; il n'est pas lu"
        case .lineTooLong(let bytes, let limit):
            return "ligne trop longue : \(French.number(bytes)) octets, au-delà de la limite de \(French.number(limit)) octets ; le fichier n'est pas analysé"
        case .tooManyElements(let limit):
            return "trop d'éléments dans ce fichier : au-delà de \(French.number(limit)), la suite du fichier n'est pas lue"
        case .nestingTooDeep(let element, let limit):
            return "imbrication trop profonde : \(element.withArticle) dépasserait \(limit) niveaux sous le contrat ; il est rangé au niveau \(limit), comme tout élément suivant dans ce cas"
        case .tooManyAvenants(let contract, let limit):
            return "le contrat \(contract) a plus de \(limit) avenants : les suivants ne sont pas appliqués"
        case .importChainTooLong(let path, let limit):
            return "chaîne d'imports trop longue : « \(path) » serait le \(limit + 1)e fichier d'une chaîne de « utilise » (\(limit) au plus) ; il n'est pas lu"
        case .tooManyYears(let text, let years, let limit):
            return "« \(text) » couvre \(French.number(years)) années, au-delà de la limite de \(limit) ; la valeur n'est pas lue"
        case .unexpectedCharacter(let c):
            return "caractère inattendu « \(shown(c)) »"
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
            return "attendu \(what.french), trouvé \(found.french)"
        case .unknownKeyword(let w, let suggestion):
            return "mot-clé inconnu « \(w) » en début de ligne : attendu un élément (contrat, axe, objectif, action, indicateur…) ou une propriété « clé : valeur »" + suggest(suggestion)
        case .invalidNumber(let t):
            return "nombre invalide « \(t) » (notation française attendue : 2,29 ou 4 000)"
        case .numberTooPrecise(let t, let problem):
            return "nombre non représentable exactement dans « \(t) » : \(problem.french) ; copc ne peut pas le garder tel qu'écrit"
        case .invalidDate(let t):
            return "date invalide « \(t) » (attendu : 2024-12-31, 31/12/2024 ou 31 décembre 2024)"
        case .invalidPeriod(let t):
            return "période invalide « \(t) » (attendu : 2021 .. 2025 ou 2021-01-01 .. 2025-12-31)"
        case .invalidDeadline(let t):
            return "délai invalide « \(t) » (attendu par exemple : 2022, fin 2023, T1 2022, S2 2021, juin 2023, d'ici 2024, à partir de 2022, tout au long du contrat, selon PLAN)"
        case .invalidTarget(let t):
            return "cible invalide « \(t) » (attendu par exemple : 60 %, entre 2 % et 3 %, ≥ 80 %, -40 % de la base, équilibre, oui, « texte », à fixer par avenant, sans objet)"
        case .invalidValueNearest(let what, let t, let suggestion):
            return "\(what.french) invalide « \(t) »" + suggest(suggestion)
        case .invalidYear(let t):
            return "année invalide « \(t) » (attendu : 2023 ou 2021 .. 2025)"
        case .invalidEnumValue(let key, let value, let suggestion):
            return invalidValue(value, key.display, key.allowedValues) + suggest(suggestion)
        case .invalidSuppressionCode(let value, let suggestion):
            return invalidValue(value, "copc: ignorer", ["COPxxx"]) + suggest(suggestion)
        case .invalidUnit(let t, let suggestion):
            return "unité inconnue « \(t) » (unités possibles : %, €, k€, M€, Md€, nombre, jours, mois, ans, m², oui/non, texte, points)" + suggest(suggestion)
        case .invalidReferentList(let t, let suggestion):
            return "liste de référents invalide « \(t) » (attendu : des identifiants de référents séparés par des virgules, ou « à déterminer »)" + suggest(suggestion)
        case .invalidContractId(let t):
            return "identifiant de contrat invalide « \(t) » (attendu : un seul identifiant, comme COP-ONF-2016-2020)"
        case .invalidWeight(let t):
            return "poids invalide « \(t) » (attendu : une fraction comme 1/3 ou un pourcentage comme 20 %, au plus 1)"
        case .unresolvedRelativeTarget(let written, let year, let gap):
            return "cible relative « \(written) » pour \(year) impossible à calculer : " + gap.french
        case .ambiguousDecimalPoint(let written, let decimal, let thousands):
            return "nombre ambigu « \(written) » : lu comme \(decimal) ; s'il s'agit de \(thousands), écrivez « \(thousands) » (et « \(decimal) » pour lever l'ambiguïté dans l'autre sens)"
        case .bareDeadlineReplacesLabelled(let labels):
            return "ce délai sans libellé remplace tous les délais de l'action, y compris " + labels.map { "« délai (\($0)) »" }.joined(separator: labels.count == 2 ? " et " : ", ")
        case .unknownProperty(let key, let element, let suggestion):
            return "propriété inconnue « \(key) » pour \(element.withArticle)" + suggest(suggestion)
        case .misplaced(let what, let reason):
            return "« \(what.spelling) » à une place interdite : \(reason.french)"
        case .changeInNonAvenant(let op):
            return "« \(op.keyword) » n'est permis que dans un avenant"
        case .elementInAvenant(let kind):
            return "un avenant ne déclare pas d'élément directement : écrivez « ajouter \(kind.keyword) … »"
        case .fileHeaderMisplaced(let kind):
            return "« \(kind.keyword) » doit être le premier élément du fichier, et le seul de ce genre"
        case .targetOnDeclinedIndicator:
            return "cible sur un indicateur dont les cibles sont déclinées par chaque contrat (« cibles : déclinées »)"
        case .propertyOutsideElement:
            return "propriété hors de tout élément : elle doit suivre l'en-tête d'un élément"
        case .missingFileHeader:
            return "le fichier doit commencer par « contrat », « avenant », « annuaire » ou « bilan »"
        case .missingProperty(let key, let element):
            return "propriété obligatoire « \(key.display) » manquante pour \(element.withArticle)"
        case .duplicateProperty(let p):
            return "propriété « \(p.french) » déjà donnée pour cet élément"
        case .duplicateIdentifier(let kind, let id):
            return "identifiant en double : \(kind.keyword) \(id) est déjà déclaré"
        case .duplicateIdentifierRetitled(let kind, let id, let firstTitle):
            return "identifiant en double : \(kind.keyword) \(id) est déjà déclaré, sous un autre titre (« \(firstTitle) »)"
        case .duplicateContract(let id):
            return "le contrat \(id) est déclaré dans plusieurs fichiers"
        case .undefinedReferent(let name, let suggestion):
            return "référent non défini « \(name) »" + suggest(suggestion)
        case .undefinedPlan(let name, let suggestion):
            return "plan non défini « \(name) »" + suggest(suggestion)
        case .inconsistentId(let kind, let id, let parentKind, let parentId):
            return "\(kind.keyword) \(id) est rangé sous \(parentKind.keyword) \(parentId) : son numéro ne correspond pas à celui de son parent"
        case .numberingGap(let kind, let id, let missing):
            let list = missing.joined(separator: ", ")
            return missing.count == 1
                ? "trou dans la numérotation : \(kind.keyword) \(list) manque avant \(id)"
                : "trou dans la numérotation : \(kind.keyword) \(list) manquent avant \(id)"
        case .numberingGapRange(let kind, let id, let first, let last, let count):
            return "trou dans la numérotation : \(kind.keyword) \(first) à \(last) manquent avant \(id) (\(French.number(count)) numéros)"
        case .numberingOrder(let kind, let id, let after):
            return "numérotation dans le désordre : \(kind.keyword) \(id) vient après \(after)"
        case .changeTargetMissing(let op, let kind, let id, let version):
            return "« \(op.keyword) \(kind.keyword) \(id) » : cet élément n'existe pas dans \(versionName(version))"
        case .addExisting(let kind, let id, let version):
            return "« ajouter \(kind.keyword) \(id) » : cet élément existe déjà dans \(versionName(version))"
        case .parentMissing(let kind, let id):
            return "le parent \(kind.keyword) \(id) n'existe pas dans le contrat"
        case .importNotFound(let p):
            return "fichier importé introuvable « \(p) »"
        case .importOutsideWorkspace(let p):
            return "fichier importé hors de l'espace de travail « \(p) »"
        case .importNotContractFile(let p):
            return "« \(p) » n'est pas un fichier de contrat : « utilise » ne lit qu'un fichier .cop, hors de tout dossier caché, qui déclare un annuaire ou un contrat ; rien de ce fichier n'est cité"
        case .importCycle(let p):
            return "import cyclique : « \(p) » s'importe lui-même, directement ou non"
        case .danglingReference(let kind, let id, let usedBy):
            return "suppression de \(kind.keyword) \(id) alors qu'il est encore utilisé par \(usedBy.withArticle)"
        case .referentToBeDetermined(let role):
            return "\(role.roleName) à déterminer"
        case .unknownContract(let id, let suggestion):
            return "contrat inconnu « \(id) »" + suggest(suggestion)
        case .contractDeclaredElsewhere(let id):
            return "contrat « \(id) » déclaré hors du dossier de ce fichier : un avenant ou un bilan se range dans le dossier de son contrat ou dans un de ses sous-dossiers"
        case .unknownPredecessor(let id, let suggestion):
            return "« succède à » nomme un contrat inconnu « \(id) »" + suggest(suggestion)
        case .selfPredecessor(let id):
            return "le contrat \(id) ne peut pas se succéder à lui-même : « succède à » nomme le contrat qu'il renouvelle"
        case .overlapsPredecessor(let predecessor, let period, let predecessorPeriod):
            return predecessorPeriod.start >= period.start
                ? "le contrat précédent \(predecessor) (\(predecessorPeriod)) ne commence pas avant celui-ci (\(period))"
                : "la période de ce contrat (\(period)) chevauche celle du contrat précédent \(predecessor) (\(predecessorPeriod))"
        case .bodyWithoutContract(let id, let day, let last, let lastEnd):
            let previous = last.map { l in lastEnd.map { " ; son dernier contrat, \(l), a pris fin le \(French.date($0))" } ?? " ; son contrat \(l) n'est pas en vigueur à cette date" } ?? " ; aucun contrat ne le nomme (« organisme : \(id) »)"
            return "l'organisme \(id) doit avoir un contrat et n'en a aucun en vigueur le \(French.date(day))" + previous
        case .deadlineOutsidePeriod(let deadline, let window, let period, let after):
            let what = deadline.french(withText: true)
            return after
                ? "\(what) (\(window)) se termine après la fin du contrat (\(period))"
                : "\(what) (\(window)) commence avant le début du contrat (\(period))"
        case .targetYearOutsidePeriod(let year, let period):
            return "cible pour \(year), hors de la période du contrat (\(period))"
        case .resourcesYearOutsidePeriod(let year, let period):
            return "moyens pour \(year), hors de la période du contrat (\(period))"
        case .baseYearAfterPeriod(let year, let period):
            return "base \(year) postérieure à la fin du contrat (\(period))"
        case .missingTargets(let indicator, let years):
            return (years.count == 1 ? "l'année \(years[0]) n'a" : "les années \(French.list(years.map(String.init))) n'ont")
                + " ni cible, ni « sans objet », ni « à fixer par avenant » (indicateur \(indicator.label))"
        case .pendingTargets(let indicator, let years, let begun):
            var s = "cible" + (years.count > 1 ? "s" : "") + " en attente d'avenant pour " + French.list(years.map(String.init)) + " (indicateur \(indicator.label))"
            if !begun.isEmpty {
                s += (begun.count == 1 ? " ; l'année \(begun[0]) a déjà commencé" : " ; les années \(French.list(begun.map(String.init))) ont déjà commencé")
            }
            return s
        case .invalidPeriodOrder(let t):
            return "période invalide « \(t) » : la fin précède le début"
        case .avenantSignedOutsidePeriod(let n, let date, let period):
            return "l'avenant \(n) est signé le \(French.date(date)), hors de la période du contrat (\(period))"
        case .avenantNotAfterPrevious(let n, let date, let prev, let prevDate):
            return "l'avenant \(n) est signé le \(French.date(date)), pas après l'avenant \(prev) (signé le \(French.date(prevDate)))"
        case .targetForPastYear(let year, let signed):
            return "l'avenant fixe une cible pour \(year), année déjà écoulée à sa signature (\(French.date(signed)))"
        case .deadlineToBeSpecified(let deadline):
            return "\(deadline.french(withText: false)) est encore « à préciser »"
        case .unitMismatch(let target, let indicator):
            return "cible en \(target.french) incompatible avec l'unité de l'indicateur (\(indicator.symbol))"
        case .resourcesUnit(let u):
            return "moyens en \(u.symbol) : attendu un montant (€, k€, M€, Md€) ou un nombre (nombre, ou un nombre nu avec un libellé comme (ETP))"
        case .relativeWithoutBase:
            return "cible relative à la base, mais l'indicateur n'a pas de « base »"
        case .invertedRange(let low, let high):
            return "fourchette inversée : la borne basse \(low) dépasse la borne haute \(high)"
        case .againstDirection(let direction, let fromYear, let toYear, let from, let to):
            return "les cibles vont contre le sens « \(direction.spelling) » : \(from) en \(fromYear), puis \(to) en \(toYear)"
        case .missingUnit(let inferred):
            if let u = inferred { return "indicateur sans « unité » (déduite des cibles : \(u.symbol))" }
            return "indicateur sans « unité »"
        case .weightsDoNotAddUp(let parent, let kind, let count, let sum):
            let whole = sum.hasSuffix("%") ? "100\u{00A0}%" : "1"
            if count == 1 {
                return "le seul \(kind.keyword) pondéré \(parent.kind.withOf) \(parent.label) a un poids de \(sum), et non \(whole)"
            }
            return "les poids des \(French.count(count, kind.keyword)) \(parent.kind.withOf) \(parent.label) totalisent \(sum), et non \(whole)"
        case .noIndicator(let e):
            return "\(e.kind.keyword) \(e.label) n'a aucun indicateur"
        case .noAction(let e):
            return "\(e.kind.keyword) \(e.label) n'a aucune action"
        case .noPilot(let e):
            return "\(e.kind.keyword) \(e.label) sans « pilote » ni « référent »"
        case .avenantNumbering(let expected, let found):
            return "avenant \(found) : les avenants doivent être numérotés à la suite à partir de 1 (attendu : avenant \(expected))"
        case .avenantDuplicate(let n):
            return "l'avenant \(n) est déclaré plusieurs fois"
        case .invalidRealized(let t):
            return "réalisé invalide « \(t) » (attendu par exemple : 48 %, 4 000, 2,5 M€, oui, réalisé, « texte », non disponible)"
        case .invalidDueDate(let t):
            return "échéance invalide « \(t) » (attendu par exemple : avant le 15 mars N+1, avant le 31 janvier N+1)"
        case .bilanUnknownElement(let kind, let id, let version, let suggestion):
            return "\(kind.withArticle) \(id) n'existe pas dans \(versionName(version)), en vigueur au 31 décembre de l'année du bilan" + suggest(suggestion)
        case .bilanYearOutsidePeriod(let year, let period):
            return "bilan \(year) hors de la période du contrat (\(period))"
        case .bilanUnknownDeadlineLabel(let action, let label, let labels):
            return "état (\(label)) : l'action \(action) n'a pas de délai « \(label) »"
                + (labels.isEmpty ? " (ses délais n'ont pas de libellé)" : " (libellés de ses délais : \(labels.joined(separator: ", ")))")
        case .realizedUnitMismatch(let realized, let indicator):
            return "réalisé en \(realized.french) incompatible avec l'unité de l'indicateur (\(indicator.symbol))"
        case .realizedUnknownLabel(let label, let year, let labels):
            return "réalisé (\(label)) : l'indicateur n'a pas de cible « \(label) » pour \(year)"
                + (labels.isEmpty ? " (ses cibles n'ont pas de libellé)" : " (libellés de ses cibles : \(labels.joined(separator: ", ")))")
        case .missingRealized(let indicator, let year, let label):
            return "l'indicateur \(indicator) a une cible\(label.map { " (\($0))" } ?? "") pour \(year) mais pas de « réalisé\(label.map { " (\($0))" } ?? "") » (ni « non disponible » avec un « motif »)"
        case .missingRealizedAbsent(let indicators, let year):
            let n = indicators.count
            return (n == 1 ? "l'indicateur \(French.list(indicators, limit: 10)) a une cible pour \(year) et ne figure pas dans le bilan ; donnez son"
                           : "\(n) indicateurs ont une cible pour \(year) et ne figurent pas dans le bilan : \(French.list(indicators, limit: 10)) ; donnez leur")
                + " « réalisé », ou « réalisé : non disponible » avec un « motif »"
        case .unavailableWithoutMotif:
            return "réalisé « non disponible » sans « motif » : dites pourquoi la valeur manque"
        case .targetMissed(let indicator, let year, let label, let target, let realized, let gap):
            return "cible \(year)\(label.map { " (\($0))" } ?? "") non atteinte pour l'indicateur \(indicator) : réalisé \(realized), cible \(target)" + (gap.french.isEmpty ? "" : " (écart \(gap.french))")
        case .actionLate(let action, let due, let state):
            return "l'action \(action) devait être achevée au plus tard le \(French.date(due))"
                + (state.map { " et son état est « \($0.spelling) »" } ?? " et le bilan ne donne pas son « état »")
                + " : indiquez « finalisé » avec « achevé le », ou « reporté » avec un « nouveau délai »"
        case .actionsLateAbsent(let actions, let year):
            let n = actions.count
            return n == 1 ? "l'action \(French.list(actions, limit: 10)), dont le délai est échu au 31 décembre \(year), ne figure pas dans le bilan ; donnez son « état »"
                          : "\(n) actions dont le délai est échu au 31 décembre \(year) ne figurent pas dans le bilan : \(French.list(actions, limit: 10)) ; donnez leur « état »"
        case .postponedWithoutNewDeadline(let action):
            return "l'action \(action) est « reporté » sans « nouveau délai »"
        case .doneWithoutDate(let action):
            return "l'action \(action) est « finalisé » sans « achevé le »"
        case .completedAfterEstablished(let date, let established):
            return "« achevé le » \(French.date(date)) est postérieur à la date du bilan (« établi le » \(French.date(established)))"
        case .completedOutsideYear(let date, let year):
            return "« achevé le » \(French.date(date)) est hors de l'année du bilan (\(year))"
        case .bilanMissing(let years, let due):
            if years.count == 1 { return "bilan \(years[0]) manquant : il était dû avant le \(French.date(due[0])) selon le calendrier du contrat" }
            return "bilans \(French.list(years.map(String.init))) manquants : chacun était dû selon le calendrier du contrat (le dernier avant le \(French.date(due.last!)))"
        case .duplicateBilan(let year, let contract):
            return "deux bilans pour l'année \(year) du contrat \(contract)"
        case .duplicateReport(let kind, let id):
            return "\(kind.withArticle) \(id) figure déjà dans ce bilan"
        }
    }
}

/// What a relative target needed and did not find (COP103).
public enum RelativeTargetGap: Hashable, Sendable {
    /// No target for that year.
    case missingTarget(year: Int)
    /// The target of that year has no number; `status` as written (`à fixer par avenant`).
    case targetWithoutNumber(year: Int, status: String)
    /// No `base`, or a base `NC`.
    case missingBase
    /// `par rapport à ANNÉE` names the same or a later year.
    case referenceNotEarlier(year: Int)

    var french: String {
        switch self {
        case .missingTarget(let y):
            return "aucune cible pour \(y) (attendu : une cible chiffrée pour \(y), dont elle se déduit)"
        case .targetWithoutNumber(let y, let status):
            return "la cible \(y) n'est pas chiffrée (\(status)) (attendu : une cible chiffrée pour \(y), dont elle se déduit)"
        case .missingBase:
            return "l'indicateur n'a pas de « base » chiffrée (attendu : une base, dont se déduit la première année)"
        case .referenceNotEarlier(let y):
            return "l'année de référence \(y) ne précède pas l'année de la cible (attendu : une année antérieure)"
        }
    }
}

extension Found {
    var french: String {
        switch self {
        case .endOfLine: return "la fin de la ligne"
        case .string(let s): return "la chaîne " + shorten(s)
        case .textBlock: return "un bloc de texte"
        case .token(let s): return "« " + shorten(s) + " »"
        }
    }

    private func shorten(_ s: String) -> String {
        s.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(40))) + "…" : s
    }
}

extension ElementRef {
    /// « l'action 1.1.2 », « l'objectif « Un pilotage renforcé » ».
    public var withArticle: String { "\(kind.withArticle) \(label)" }
    /// « 1.1.2 », or « « Un pilotage renforcé » » for an element without id.
    public var label: String { id ?? "« \(title ?? "?") »" }
}

extension PropertyRef {
    /// « cible 2023 (directeurs) », « étape « Cadrer » », « Pilote » (as written).
    var french: String {
        switch key {
        case .cible: return "cible \(year ?? 0)" + (label.map { " (\($0))" } ?? "")
        case .base: return "base \(year ?? 0)"
        case .delai: return "délai" + (label.map { " (\($0))" } ?? "")
        case .etape: return "étape « \(stepTitle ?? "") »"
        default: return written
        }
    }
}

extension DeadlineRef {
    /// « l'étape « Cadrer » de l'action 1.1.1 », « le délai (directeurs) « fin 2022 » de l'action 1.1.1 ».
    func french(withText: Bool) -> String {
        if let stepTitle { return "l'étape « \(stepTitle) » de \(action.withArticle)" }
        return "le délai" + (label.map { " (\($0))" } ?? "") + (withText ? " « \(text) »" : "") + " de \(action.withArticle)"
    }
}

extension PlacementReason {
    var french: String {
        switch self {
        case .avenantImports: return "un avenant n'importe pas d'annuaire"
        case .annuaireHoldsDeclarations: return "un annuaire ne contient que des référents, des organismes et des plans"
        case .organismeInAnnuaire: return "un organisme se déclare dans un annuaire, que les contrats importent avec « utilise »"
        case .parentNotDeclared(let kind, let id): return "le parent \(kind.keyword) \(id) n'est pas déclaré avant cet élément"
        case .rule(let kind):
            switch kind {
            case .sousObjectif: return "\(kind.withIndefiniteArticle) doit suivre \(ElementKind.objectif.withIndefiniteArticle)"
            case .axe: return "\(kind.withIndefiniteArticle) se place directement dans \(ElementKind.contrat.withArticle)"
            case .objectif: return "\(kind.withIndefiniteArticle) se place dans \(ElementKind.axe.withIndefiniteArticle) ou dans \(ElementKind.contrat.withArticle)"
            default: return "\(kind.withIndefiniteArticle) se place dans \(ElementKind.objectif.withIndefiniteArticle), \(ElementKind.sousObjectif.withIndefiniteArticle), \(ElementKind.axe.withIndefiniteArticle) ou \(ElementKind.contrat.withArticle)"
            }
        }
    }
}

extension UnitMismatch {
    var french: String {
        switch self {
        case .unit(let u): return u.symbol
        case .qualitative(let q): return "« \(q.spelling) »"
        case .milestone(let m): return "« \(m.spelling) »"
        }
    }
}

extension PropertyKey {
    /// The role of a referent named under this key (« signataire » for `signataires`).
    var roleName: String { self == .signataires ? "signataire" : display }

    /// The values an enumerated key accepts, as messages list them.
    var allowedValues: [String] {
        switch valueType {
        case .flag: return Flag.spellings
        case .choice(let c): return c.spellings
        default: return []
        }
    }
}

private func invalidValue(_ value: String, _ key: String, _ allowed: [String]) -> String {
    "valeur inconnue « \(value) » pour « \(key) » (valeurs possibles : \(allowed.joined(separator: ", ")))"
}

/// A character of a word processor met outside a text (COP110), and what copc reads instead.
public enum WordProcessorCharacter: Hashable, Sendable {
    /// Quotes around a text (`“…”`, `‘…’`, `‹…›`): read as `« … »`.
    case quotes(open: Unicode.Scalar, close: Unicode.Scalar)
    /// A list bullet (`•`, `▪`, `–`…) at the start of a line: ignored.
    case bullet(Unicode.Scalar)
    /// An invisible character (zero-width space, soft hyphen, word joiner): read as a blank.
    case invisible(Unicode.Scalar)

    var french: String {
        switch self {
        case .quotes(let open, let close):
            return "guillemets « \(open) » et « \(close) » de traitement de texte autour d'un texte : copc les lit comme « … » ; écrivez « … » (copc fmt les remplace)"
        case .bullet(let c):
            return "puce « \(c) » en début de ligne (copiée d'une liste) : copc l'ignore ; supprimez-la (copc fmt le fait)"
        case .invisible(let c):
            return "caractère invisible \(codePoint(c))\(invisibleNames[c.value].map { " (" + $0 + ")" } ?? "") : copc le lit comme une espace ; supprimez-le (copc fmt le fait)"
        }
    }
}

/// The French names of the invisible characters COP110 reports.
private let invisibleNames: [UInt32: String] = [
    0x00AD: "trait d'union conditionnel", 0x200B: "espace sans chasse", 0x200C: "antiliant sans chasse",
    0x200D: "liant sans chasse", 0x2060: "gluon de mots",
]

private func codePoint(_ c: Unicode.Scalar) -> String {
    let h = String(c.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - h.count)) + h
}

/// « U+0007 » for a control character, the character itself otherwise.
private func shown(_ c: Unicode.Scalar) -> String {
    if c.value < 0x20 || c.value == 0x7F {
        let h = String(c.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
    return String(c)
}

/// How drafters name a consolidated version: « le contrat tel que signé » for version 0,
/// « la version consolidée après l'avenant N » for version N.
public func versionName(_ n: Int) -> String {
    n == 0 ? "le contrat tel que signé" : "la version consolidée après l'avenant \(n)"
}

/// Messages of secondary notes.
public enum NoteMessage: Hashable, Sendable {
    case firstDeclaration
    /// Where a contract declared out of an avenant's folder is (COP209).
    case declaredHere
    case periodDeclared
    case previousAvenant(Int)
    case parentHere
    case stillUsedHere
    /// `poids 1/3 ici`.
    case weightHere(String)
    /// Where the period of the contract renewed is declared (COP211).
    case predecessorPeriod(String)

    public var text: String {
        switch self {
        case .firstDeclaration: return "première déclaration ici"
        case .declaredHere: return "déclaré ici"
        case .periodDeclared: return "période du contrat déclarée ici"
        case .previousAvenant(let n): return "avenant \(n) signé ici"
        case .parentHere: return "parent déclaré ici"
        case .stillUsedHere: return "encore utilisé ici"
        case .weightHere(let w): return "poids \(w) ici"
        case .predecessorPeriod(let id): return "période du contrat précédent \(id) déclarée ici"
        }
    }
}

/// Which value a `invalidValueNearest` message is about.
public enum NearestValue: Hashable, Sendable {
    case deadline, target, period, years

    var french: String {
        switch self {
        case .years: return "année"
        case .deadline: return "délai"
        case .target: return "cible"
        case .period: return "période"
        }
    }
}

private func suggest(_ s: String?) -> String {
    guard let s else { return "" }
    return " ; vouliez-vous dire « \(s) » ?"
}

// MARK: articles — the one table of how the catalogue names an element kind

extension ElementKind {
    /// Feminine nouns take « la », « une », « de la ».
    var feminine: Bool { self == .action }
    /// Nouns starting with a vowel take « l' », « de l' ».
    var elides: Bool {
        switch self {
        case .avenant, .annuaire, .axe, .objectif, .action, .indicateur, .organisme: return true
        case .contrat, .referent, .plan, .sousObjectif, .bilan: return false
        }
    }

    /// « l'action », « le contrat ».
    public var withArticle: String { (elides ? "l'" : feminine ? "la " : "le ") + keyword }
    /// « une action », « un axe ».
    public var withIndefiniteArticle: String { (feminine ? "une " : "un ") + keyword }
    /// « de l'action », « du contrat ».
    public var withOf: String { (elides ? "de l'" : feminine ? "de la " : "du ") + keyword }
}
