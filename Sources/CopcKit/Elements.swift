import CopcSyntax
// The elements of the language as Swift values. One struct per element kind; what it
// accepts as children is its builder, what it accepts as properties its protocols.
import CopcLanguage

/// Un référent (`référent`) : une direction, un service, une personne.
public struct Référent: DansContrat, DansAnnuaire, Ajoutable, AvecIdentité {
    public private(set) var bloc: Bloc

    /// `referent` : identifiant et titre.
    public init(_ id: String, _ titre: String? = nil, file: String = #filePath, line: Int = #line, column: Int = #column) {
        bloc = Bloc(.élément(.referent), id: id, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Un organisme (`organisme`) déclaré dans un annuaire : un corps qui doit avoir un contrat
/// (`.contratAttendu()`), suivi par ses tutelles ; c'est aussi le référent de son identifiant.
public struct Organisme: DansAnnuaire, AvecTutelle {
    public private(set) var bloc: Bloc

    /// `organisme` : identifiant et nom.
    public init(_ id: String, _ nom: String? = nil, file: String = #filePath, line: Int = #line, column: Int = #column) {
        bloc = Bloc(.élément(.organisme), id: id, titre: nom, origine: Origine(fichier: file, ligne: line, colonne: column))
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }

    /// Sa catégorie (`catégorie : EPIC`).
    public func catégorie(_ catégorie: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        ajout(PropertyKey.categorie.display, .texte(catégorie), file, line, column)
    }
    /// Qu'il doit avoir un contrat (`contrat attendu : oui`), ou non.
    public func contratAttendu(_ attendu: Bool = true, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        ajout(PropertyKey.contratAttendu.display, .notation(attendu ? "oui" : "non"), file, line, column)
    }
}

/// Un plan (`plan`) auquel un délai peut renvoyer (`.selon("SDSI")`).
public struct Plan: DansContrat, DansAnnuaire, Ajoutable, AvecPériode, AvecPilote {
    public private(set) var bloc: Bloc

    /// `plan` : identifiant et titre.
    public init(_ id: String, _ titre: String? = nil, file: String = #filePath, line: Int = #line, column: Int = #column) {
        bloc = Bloc(.élément(.plan), id: id, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Un axe stratégique.
public struct Axe: DansContrat, Ajoutable, AvecRéférents, AvecMoyens {
    public private(set) var bloc: Bloc

    /// `axe` : identifiant et titre.
    public init(_ id: String, _ titre: String, file: String = #filePath, line: Int = #line, column: Int = #column, @ContenuAxe _ contenu: () -> Composants = { .vide }) {
        bloc = Bloc(.élément(.axe), id: id, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.enfants = contenu().blocs
    }
    /// Sans identifiant : le titre seul.
    public init(_ titre: String, file: String = #filePath, line: Int = #line, column: Int = #column, @ContenuAxe _ contenu: () -> Composants = { .vide }) {
        bloc = Bloc(.élément(.axe), id: nil, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.enfants = contenu().blocs
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Un objectif.
public struct Objectif: DansContrat, DansAxe, Ajoutable, AvecRéférents, AvecThème, AvecPoids, AvecMoyens {
    public private(set) var bloc: Bloc

    /// `objectif` : identifiant et titre.
    public init(_ id: String, _ titre: String, file: String = #filePath, line: Int = #line, column: Int = #column, @ContenuObjectif _ contenu: () -> Composants = { .vide }) {
        bloc = Bloc(.élément(.objectif), id: id, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.enfants = contenu().blocs
    }
    /// Sans identifiant : le titre seul.
    public init(_ titre: String, file: String = #filePath, line: Int = #line, column: Int = #column, @ContenuObjectif _ contenu: () -> Composants = { .vide }) {
        bloc = Bloc(.élément(.objectif), id: nil, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.enfants = contenu().blocs
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Un sous-objectif.
public struct SousObjectif: DansObjectif, Ajoutable, AvecRéférents, AvecThème, AvecPoids {
    public private(set) var bloc: Bloc

    /// `sousObjectif` : identifiant et titre.
    public init(_ id: String, _ titre: String, file: String = #filePath, line: Int = #line, column: Int = #column, @ContenuSousObjectif _ contenu: () -> Composants = { .vide }) {
        bloc = Bloc(.élément(.sousObjectif), id: id, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.enfants = contenu().blocs
    }
    /// Sans identifiant : le titre seul.
    public init(_ titre: String, file: String = #filePath, line: Int = #line, column: Int = #column, @ContenuSousObjectif _ contenu: () -> Composants = { .vide }) {
        bloc = Bloc(.élément(.sousObjectif), id: nil, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.enfants = contenu().blocs
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Une étape d'action, écrite dans le corps d'une `Action` (équivaut à `.étape(titre, délai)`).
public struct Étape: DansAction {
    public private(set) var bloc: Bloc
    /// `étape « titre » : délai`.
    public init(_ titre: String, _ délai: Délai, file: String = #filePath, line: Int = #line, column: Int = #column) {
        bloc = Bloc(.propriété, id: nil, titre: nil, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.propriétés = [Propriété(clé: PropertyKey.etape.display + " " + Canonical.literal(titre), valeur: .notation(délai.description),
                                     origine: bloc.origine)]
    }
}

/// Une action (`action`), avec ses délais et ses étapes.
public struct Action: DansContrat, DansAxe, DansObjectif, DansSousObjectif, Ajoutable, AvecRéférents, AvecThème, AvecDélais {
    public private(set) var bloc: Bloc

    /// `action` : identifiant et titre ; le corps, facultatif, donne les étapes.
    public init(_ id: String, _ titre: String, file: String = #filePath, line: Int = #line, column: Int = #column, @ContenuAction _ étapes: () -> Composants = { .vide }) {
        bloc = Bloc(.élément(.action), id: id, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
        bloc.propriétés = étapes().blocs.filter { $0.genre == .propriété }.flatMap(\.propriétés)
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}

/// Un indicateur, avec son unité, ses bases et ses cibles.
public struct Indicateur: DansContrat, DansAxe, DansObjectif, DansSousObjectif, Ajoutable, AvecRéférents, AvecThème, AvecCibles, AvecPoids {
    public private(set) var bloc: Bloc

    /// `indicateur` : identifiant et titre.
    public init(_ id: String, _ titre: String, file: String = #filePath, line: Int = #line, column: Int = #column) {
        bloc = Bloc(.élément(.indicateur), id: id, titre: titre, origine: Origine(fichier: file, ligne: line, colonne: column))
    }
    public func _avec(_ change: (inout Bloc) -> Void) -> Self { var c = self; change(&c.bloc); return c }
}
