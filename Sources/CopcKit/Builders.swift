// Result builders: one per container, each accepting the elements the language allows
// under it (ElementKind.allowedParents), so misplaced elements do not compile.
// Generated shape: the builders differ only by the protocol they accept; the structure
// (blocks, if/else, for, availability) is shared by ConstructeurDeComposants.

/// Ce que chaque constructeur de contenu sait faire de la structure : blocs, `if`, `if … else`,
/// `switch`, `for … in` et `if #available`.
public protocol ConstructeurDeComposants {}

extension ConstructeurDeComposants {
    public static func buildBlock(_ parties: Composants...) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildOptional(_ partie: Composants?) -> Composants { partie ?? Composants([]) }
    public static func buildEither(first partie: Composants) -> Composants { partie }
    public static func buildEither(second partie: Composants) -> Composants { partie }
    public static func buildArray(_ parties: [Composants]) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildLimitedAvailability(_ partie: Composants) -> Composants { partie }
}

/// Un élément permis dans ce conteneur. Ce qu'un contrat contient : axes, objectifs, indicateurs transversaux, référents et plans.
public protocol DansContrat: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un contrat contient : axes, objectifs, indicateurs transversaux, référents et plans.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuContrat: ConstructeurDeComposants {
    public static func buildExpression<E: DansContrat>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansContrat>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansContrat>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansContrat]) -> Composants { Composants(éléments.map(\.bloc)) }
}

/// Un élément permis dans ce conteneur. Ce qu'un axe contient : objectifs et indicateurs.
public protocol DansAxe: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un axe contient : objectifs et indicateurs.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuAxe: ConstructeurDeComposants {
    public static func buildExpression<E: DansAxe>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansAxe>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansAxe>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansAxe]) -> Composants { Composants(éléments.map(\.bloc)) }
}

/// Un élément permis dans ce conteneur. Ce qu'un objectif contient : sous-objectifs, actions et indicateurs.
public protocol DansObjectif: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un objectif contient : sous-objectifs, actions et indicateurs.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuObjectif: ConstructeurDeComposants {
    public static func buildExpression<E: DansObjectif>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansObjectif>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansObjectif>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansObjectif]) -> Composants { Composants(éléments.map(\.bloc)) }
}

/// Un élément permis dans ce conteneur. Ce qu'un sous-objectif contient : actions et indicateurs.
public protocol DansSousObjectif: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un sous-objectif contient : actions et indicateurs.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuSousObjectif: ConstructeurDeComposants {
    public static func buildExpression<E: DansSousObjectif>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansSousObjectif>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansSousObjectif>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansSousObjectif]) -> Composants { Composants(éléments.map(\.bloc)) }
}

/// Un élément permis dans ce conteneur. Ce qu'une action contient : ses étapes.
public protocol DansAction: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'une action contient : ses étapes.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuAction: ConstructeurDeComposants {
    public static func buildExpression<E: DansAction>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansAction>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansAction>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansAction]) -> Composants { Composants(éléments.map(\.bloc)) }
}

/// Un élément permis dans ce conteneur. Ce qu'un annuaire contient : référents et plans.
public protocol DansAnnuaire: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un annuaire contient : référents et plans.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuAnnuaire: ConstructeurDeComposants {
    public static func buildExpression<E: DansAnnuaire>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansAnnuaire>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansAnnuaire>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansAnnuaire]) -> Composants { Composants(éléments.map(\.bloc)) }
}

/// Un élément permis dans ce conteneur. Ce qu'un avenant contient : modifications, ajouts et suppressions.
public protocol DansAvenant: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un avenant contient : modifications, ajouts et suppressions.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuAvenant: ConstructeurDeComposants {
    public static func buildExpression<E: DansAvenant>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansAvenant>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansAvenant>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansAvenant]) -> Composants { Composants(éléments.map(\.bloc)) }
}

/// Constructeur de contenu (`@resultBuilder`). Les éléments qu'un avenant ajoute (`Ajouter(dans:) { … }`).
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuAjout: ConstructeurDeComposants {
    public static func buildExpression<E: Ajoutable>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: Ajoutable>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: Ajoutable>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any Ajoutable]) -> Composants { Composants(éléments.map(\.bloc)) }
}
