// The one representation CopcKit builds: a tree of blocks, each a header, its properties
// and its children, every line carrying the Swift place of the call that made it.
// Blocks are printed as `.cop` text (Printer.swift) and read by the compiler's own
// parser and builder, so that a contract made in Swift is the contract of its text.
import CopcLanguage

/// Where a line came from: the Swift file and line of the call that made it.
struct Origine: Hashable, Sendable {
    let fichier: String
    let ligne: Int
    let colonne: Int
}

/// What a block's header says.
enum Genre: Hashable, Sendable {
    /// An element or a declaration (`contrat`, `axe`, `référent`…).
    case élément(ElementKind)
    /// A property written as a child (`Étape` in an `Action`): its one property.
    case propriété
    /// `modifier GENRE ID`, or `modifier contrat` when the kind is `.contrat`.
    case modifier(ElementKind)
    /// `ajouter …`: the added element is the block's only child.
    case ajouter
    /// `supprimer GENRE ID`.
    case supprimer(ElementKind)
}

/// How a property's value is printed.
enum Valeur: Hashable, Sendable {
    /// A value in the drafters' notation (deadline, target, date…), read by the compiler's
    /// value grammar; printed as written when it cannot change the line's structure.
    case notation(String)
    /// A text (title, method, person…), printed quoted.
    case texte(String)
}

/// One property line: its key as printed (`délai (directeurs)`, `cible 2021 .. 2022`), its value.
struct Propriété: Hashable, Sendable {
    var clé: String
    var valeur: Valeur
    var origine: Origine
}

/// Un élément, une déclaration, un en-tête de document ou une modification d'avenant, tel
/// que construit en Swift. Opaque : les constructeurs l'assemblent, seul CopcKit le lit.
public struct Bloc: Sendable {
    var genre: Genre
    var id: String?
    var titre: String?
    var propriétés: [Propriété] = []
    var enfants: [Bloc] = []
    var origine: Origine
    /// Codes silenced on this element and its descendants (`# copc: ignorer`).
    var ignorés: [String] = []
    /// `utilise` lines (contract and annuaire files).
    var utilise: [(String, Origine)] = []
    /// Explicit placement of an added element (`dans objectif 1.1`, `dans contrat`).
    var dans: (ElementKind, String?)? = nil
    /// The name of the document's file (file headers only).
    var fichier: String? = nil

    init(_ genre: Genre, id: String?, titre: String?, origine: Origine) {
        self.genre = genre
        self.id = id
        self.titre = titre
        self.origine = origine
    }

    var kind: ElementKind? {
        if case .élément(let k) = genre { return k }
        return nil
    }
}

/// Une suite de blocs produite par un constructeur de contenu. Opaque.
public struct Composants: Sendable {
    var blocs: [Bloc]
    init(_ blocs: [Bloc]) { self.blocs = blocs }
}

/// Tout ce que CopcKit construit : un élément, une déclaration, un document, une modification.
///
/// Pour factoriser une partie répétée d'un contrat, conformez votre propre type à un
/// protocole `Dans…` en rendant le bloc d'éléments existants :
///
/// ```swift
/// struct ActionStandard: DansObjectif {
///     let id: String
///     var bloc: Bloc { Action(id, "Rendre compte au comité de pilotage").délai(.fin(2025)).bloc }
/// }
/// ```
public protocol Élément {
    /// Le bloc construit. Opaque : seul CopcKit le lit.
    var bloc: Bloc { get }
}

/// Les éléments qui portent des propriétés (toutes les méthodes `.délai(…)`, `.pilote(…)`…).
public protocol ÉlémentModifiable: Élément {
    /// L'élément, son bloc modifié (les méthodes de propriétés de CopcKit passent par là).
    func _avec(_ change: (inout Bloc) -> Void) -> Self
}

extension ÉlémentModifiable {
    func ajout(_ clé: String, _ valeur: Valeur, _ file: String, _ line: Int, _ column: Int) -> Self {
        _avec { $0.propriétés.append(Propriété(clé: clé, valeur: valeur, origine: Origine(fichier: file, ligne: line, colonne: column))) }
    }
}

extension Composants {
    /// Rien : le contenu d'un élément écrit sans accolades.
    public static var vide: Composants { Composants([]) }
}

/// Les éléments qu'un avenant peut ajouter (``Ajouter``).
public protocol Ajoutable: ÉlémentModifiable {}
