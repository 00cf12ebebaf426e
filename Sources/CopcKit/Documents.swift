// The documents (one `.cop` file each): contract, annuaire, avenant, and the avenant's changes.
import CopcLanguage

/// Un document : un contrat, un annuaire ou un avenant, qui deviendra un fichier `.cop`.
public protocol Document: ÉlémentModifiable {}

extension Document {
    /// Le nom du fichier `.cop` de ce document (par défaut : `ID.cop`, `avenant-N.cop`).
    /// C'est le nom que `utilise` désigne et que l'IR donne comme `fichier`.
    public func fichier(_ nom: String) -> Self { _avec { $0.fichier = nom } }
}

/// Les documents qui peuvent importer un annuaire (`utilise`).
public protocol AvecImportations: Document {}

extension AvecImportations {
    /// Importe les référents et plans d'un autre fichier (`utilise « annuaire.cop »`).
    public func utilise(_ chemin: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        _avec { $0.utilise.append((chemin, Origine(fichier: file, ligne: line, colonne: column))) }
    }
    /// Importe un annuaire construit en Swift (par le nom de son fichier).
    public func utilise(_ annuaire: Annuaire, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        utilise(nomDeFichier(annuaire.bloc), file: file, line: line, column: column)
    }
}

/// Un contrat (`contrat`) : son en-tête, ses propriétés et ses éléments.
///
/// ```swift
/// let contrat = Contrat("COP-X", "Contrat d'objectifs et de performance") {
///     Axe("1", "Moderniser") {
///         Objectif("1.1", "Dématérialiser") {
///             Action("1.1.1", "Ouvrir le portail").délai(.fin(2022))
///         }
///     }
/// }
/// .période(2021...2025)
/// ```
public struct Contrat: Document, AvecImportations, AvecEnTêteDeContrat, AvecMoyens, AvecAvis {
    public private(set) var bloc: Bloc

    /// `contrat` : identifiant, titre et contenu.
    public init(_ id: String, _ titre: String, file: String = #filePath, line: Int = #line, column: Int = #column,
                @ContenuContrat _ contenu: () -> Composants = { .vide }) {
        bloc = Bloc(.élément(.contrat), id: id, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.enfants = contenu().blocs
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Un annuaire (`annuaire`) : des référents et des plans partagés par plusieurs contrats.
public struct Annuaire: Document, AvecImportations {
    public private(set) var bloc: Bloc

    /// `annuaire` : identifiant, titre facultatif et contenu.
    public init(_ id: String, _ titre: String? = nil, file: String = #filePath, line: Int = #line, column: Int = #column,
                @ContenuAnnuaire _ contenu: () -> Composants = { .vide }) {
        bloc = Bloc(.élément(.annuaire), id: id, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.enfants = contenu().blocs
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Un avenant (`avenant N au contrat ID`) et ses modifications.
public struct Avenant: Document, AvecSignature, AvecMotif, AvecAvis {
    public private(set) var bloc: Bloc

    /// `avenant N au contrat ID « titre »`.
    public init(_ numéro: Int, contrat: String, _ titre: String? = nil,
                file: String = #filePath, line: Int = #line, column: Int = #column,
                @ContenuAvenant _ contenu: () -> Composants = { .vide }) {
        bloc = Bloc(.élément(.avenant), id: String(numéro), titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.dans = (.contrat, contrat)
        bloc.enfants = contenu().blocs
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Ce qu'un avenant peut modifier, ajouter ou supprimer.
public enum GenreModifiable: Sendable {
    case contrat, référent, plan, axe, objectif, sousObjectif, action, indicateur

    var kind: ElementKind {
        switch self {
        case .contrat: return .contrat
        case .référent: return .referent
        case .plan: return .plan
        case .axe: return .axe
        case .objectif: return .objectif
        case .sousObjectif: return .sousObjectif
        case .action: return .action
        case .indicateur: return .indicateur
        }
    }
}

/// `modifier GENRE ID` : les propriétés données remplacent celles de même clé.
/// Toutes les propriétés sont proposées ; celles que le genre visé n'accepte pas sont
/// signalées à la vérification (COP104), comme dans le texte.
public struct Modifier: DansAvenant, AvecRéférents, AvecThème, AvecDélais, AvecCibles, AvecEnTêteDeContrat,
    AvecIdentité, AvecMotif, AvecPoids, AvecMoyens, AvecAvis {
    public private(set) var bloc: Bloc

    /// `modifier GENRE ID` (`modifier contrat` : `Modifier(.contrat)`).
    public init(_ genre: GenreModifiable, _ id: String? = nil, file: String = #filePath, line: Int = #line, column: Int = #column) {
        bloc = Bloc(.modifier(genre.kind), id: id, titre: nil, origine: Origine(fichier: file, ligne: line, colonne: column))
    }
    /// Le nouveau titre (`titre`).
    public func titre(_ titre: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        ajout(PropertyKey.titre.display, .texte(titre), file, line, column)
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Où un avenant place un élément ajouté (`dans objectif 1.1`, `dans contrat`).
public enum Emplacement: Sendable {
    case contrat
    case axe(String)
    case objectif(String)
    case sousObjectif(String)

    var cible: (ElementKind, String?) {
        switch self {
        case .contrat: return (.contrat, nil)
        case .axe(let id): return (.axe, id)
        case .objectif(let id): return (.objectif, id)
        case .sousObjectif(let id): return (.sousObjectif, id)
        }
    }
}

/// `ajouter …` : des éléments construits comme dans un contrat, ajoutés par l'avenant.
/// Sans `dans`, le parent se déduit de l'identifiant (action 1.1.4 → objectif 1.1).
/// Les éléments enfants d'un élément ajouté sont ajoutés à sa suite, dans lui.
///
/// ```swift
/// Ajouter(Action("1.1.4", "Former les agents").délai(.fin(2023)), dans: .objectif("1.1"))
/// Ajouter(dans: .axe("2")) {
///     Objectif("2.3", "Nouvel objectif") { Action("2.3.1", "Première action").délai(2024) }
///     Indicateur("2.b", "Nouvel indicateur").unité(.nombre).cible(2024, 10)
/// }
/// ```
public struct Ajouter: DansAvenant {
    public private(set) var bloc: Bloc

    /// Ajoute `élément`, à l'emplacement `dans` s'il est donné ; ses diagnostics désignent
    /// la ligne de cet appel `Ajouter(…)`.
    public init<E: Ajoutable>(_ élément: E, dans emplacement: Emplacement? = nil,
                              file: String = #filePath, line: Int = #line, column: Int = #column) {
        let origine = Origine(fichier: file, ligne: line, colonne: column)
        bloc = Bloc(.ajouter, id: nil, titre: nil, origine: origine)
        bloc.dans = emplacement?.cible
        var e = élément.bloc
        e.origine = origine
        bloc.enfants = [e]
    }

    /// Ajoute les éléments du corps, chacun à l'emplacement `dans` s'il est donné ; les
    /// diagnostics désignent la ligne de chaque élément.
    public init(dans emplacement: Emplacement? = nil, file: String = #filePath, line: Int = #line, column: Int = #column,
                @ContenuAjout _ éléments: () -> Composants) {
        bloc = Bloc(.ajouter, id: nil, titre: nil, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.dans = emplacement?.cible
        bloc.enfants = éléments().blocs
    }
}

/// `supprimer GENRE ID`, avec son motif.
public struct Supprimer: DansAvenant, AvecMotif {
    public private(set) var bloc: Bloc

    /// `supprimer GENRE ID`.
    public init(_ genre: GenreModifiable, _ id: String, file: String = #filePath, line: Int = #line, column: Int = #column) {
        bloc = Bloc(.supprimer(genre.kind), id: id, titre: nil, origine: Origine(fichier: file, ligne: line, colonne: column))
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Alias sans accent.
public typealias Referent = Référent
/// Alias sans accent.
public typealias Etape = Étape
