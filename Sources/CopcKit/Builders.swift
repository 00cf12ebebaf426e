// Result builders: one per container, each accepting the elements the language allows
// under it (ElementKind.allowedParents), so misplaced elements do not compile.
// Generated shape: the six builders differ only by the protocol they accept.

/// Un élément permis dans ce conteneur. Ce qu'un contrat contient : axes, objectifs, indicateurs transversaux, référents et plans.
public protocol DansContrat: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un contrat contient : axes, objectifs, indicateurs transversaux, référents et plans.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuContrat {
    public static func buildExpression<E: DansContrat>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansContrat>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansContrat>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansContrat]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildBlock(_ parties: Composants...) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildOptional(_ partie: Composants?) -> Composants { partie ?? Composants([]) }
    public static func buildEither(first partie: Composants) -> Composants { partie }
    public static func buildEither(second partie: Composants) -> Composants { partie }
    public static func buildArray(_ parties: [Composants]) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildLimitedAvailability(_ partie: Composants) -> Composants { partie }
}

/// Un élément permis dans ce conteneur. Ce qu'un axe contient : objectifs et indicateurs.
public protocol DansAxe: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un axe contient : objectifs et indicateurs.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuAxe {
    public static func buildExpression<E: DansAxe>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansAxe>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansAxe>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansAxe]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildBlock(_ parties: Composants...) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildOptional(_ partie: Composants?) -> Composants { partie ?? Composants([]) }
    public static func buildEither(first partie: Composants) -> Composants { partie }
    public static func buildEither(second partie: Composants) -> Composants { partie }
    public static func buildArray(_ parties: [Composants]) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildLimitedAvailability(_ partie: Composants) -> Composants { partie }
}

/// Un élément permis dans ce conteneur. Ce qu'un objectif contient : sous-objectifs, actions et indicateurs.
public protocol DansObjectif: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un objectif contient : sous-objectifs, actions et indicateurs.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuObjectif {
    public static func buildExpression<E: DansObjectif>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansObjectif>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansObjectif>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansObjectif]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildBlock(_ parties: Composants...) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildOptional(_ partie: Composants?) -> Composants { partie ?? Composants([]) }
    public static func buildEither(first partie: Composants) -> Composants { partie }
    public static func buildEither(second partie: Composants) -> Composants { partie }
    public static func buildArray(_ parties: [Composants]) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildLimitedAvailability(_ partie: Composants) -> Composants { partie }
}

/// Un élément permis dans ce conteneur. Ce qu'un sous-objectif contient : actions et indicateurs.
public protocol DansSousObjectif: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un sous-objectif contient : actions et indicateurs.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuSousObjectif {
    public static func buildExpression<E: DansSousObjectif>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansSousObjectif>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansSousObjectif>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansSousObjectif]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildBlock(_ parties: Composants...) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildOptional(_ partie: Composants?) -> Composants { partie ?? Composants([]) }
    public static func buildEither(first partie: Composants) -> Composants { partie }
    public static func buildEither(second partie: Composants) -> Composants { partie }
    public static func buildArray(_ parties: [Composants]) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildLimitedAvailability(_ partie: Composants) -> Composants { partie }
}

/// Un élément permis dans ce conteneur. Ce qu'une action contient : ses étapes.
public protocol DansAction: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'une action contient : ses étapes.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuAction {
    public static func buildExpression<E: DansAction>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansAction>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansAction>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansAction]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildBlock(_ parties: Composants...) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildOptional(_ partie: Composants?) -> Composants { partie ?? Composants([]) }
    public static func buildEither(first partie: Composants) -> Composants { partie }
    public static func buildEither(second partie: Composants) -> Composants { partie }
    public static func buildArray(_ parties: [Composants]) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildLimitedAvailability(_ partie: Composants) -> Composants { partie }
}

/// Un élément permis dans ce conteneur. Ce qu'un annuaire contient : référents et plans.
public protocol DansAnnuaire: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un annuaire contient : référents et plans.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuAnnuaire {
    public static func buildExpression<E: DansAnnuaire>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansAnnuaire>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansAnnuaire>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansAnnuaire]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildBlock(_ parties: Composants...) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildOptional(_ partie: Composants?) -> Composants { partie ?? Composants([]) }
    public static func buildEither(first partie: Composants) -> Composants { partie }
    public static func buildEither(second partie: Composants) -> Composants { partie }
    public static func buildArray(_ parties: [Composants]) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildLimitedAvailability(_ partie: Composants) -> Composants { partie }
}

/// Un élément permis dans ce conteneur. Ce qu'un avenant contient : modifications, ajouts et suppressions.
public protocol DansAvenant: Élément {}

/// Constructeur de contenu (`@resultBuilder`). Ce qu'un avenant contient : modifications, ajouts et suppressions.
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuAvenant {
    public static func buildExpression<E: DansAvenant>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: DansAvenant>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: DansAvenant>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any DansAvenant]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildBlock(_ parties: Composants...) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildOptional(_ partie: Composants?) -> Composants { partie ?? Composants([]) }
    public static func buildEither(first partie: Composants) -> Composants { partie }
    public static func buildEither(second partie: Composants) -> Composants { partie }
    public static func buildArray(_ parties: [Composants]) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildLimitedAvailability(_ partie: Composants) -> Composants { partie }
}

/// Constructeur de contenu (`@resultBuilder`). Les éléments qu'un avenant ajoute (`Ajouter(dans:) { … }`).
/// Accepte `if`, `if … else`, `switch`, `for … in`, les optionnels et les tableaux.
@resultBuilder
public enum ContenuAjout {
    public static func buildExpression<E: Ajoutable>(_ élément: E) -> Composants { Composants([élément.bloc]) }
    public static func buildExpression<E: Ajoutable>(_ élément: E?) -> Composants { Composants(élément.map { [$0.bloc] } ?? []) }
    public static func buildExpression<E: Ajoutable>(_ éléments: [E]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildExpression(_ éléments: [any Ajoutable]) -> Composants { Composants(éléments.map(\.bloc)) }
    public static func buildBlock(_ parties: Composants...) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildOptional(_ partie: Composants?) -> Composants { partie ?? Composants([]) }
    public static func buildEither(first partie: Composants) -> Composants { partie }
    public static func buildEither(second partie: Composants) -> Composants { partie }
    public static func buildArray(_ parties: [Composants]) -> Composants { Composants(parties.flatMap(\.blocs)) }
    public static func buildLimitedAvailability(_ partie: Composants) -> Composants { partie }
}
