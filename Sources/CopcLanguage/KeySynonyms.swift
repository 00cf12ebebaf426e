/// The words drafters write for a key that copc spells otherwise (issue 13): `responsable :`
/// for `pilote :`, `échéance :` for `délai :`. COP104 suggests the key a synonym stands for
/// when the element accepts it (« propriété inconnue « responsable » … ; vouliez-vous dire
/// « pilote » ? »). Keys are folded words joined by single spaces, as `Lexicon` folds them.
public enum KeySynonyms {
    /// Folded synonym → the key it stands for.
    public static let table: [String: PropertyKey] = [
        // pilote
        "responsable": .pilote, "responsables": .pilote, "porteur": .pilote, "porteurs": .pilote, "pilotes": .pilote,
        "pilotage": .pilote, "chef de file": .pilote, "chef de projet": .pilote, "direction pilote": .pilote,
        "service pilote": .pilote, "responsable de l'action": .pilote, "porte par": .pilote, "pilote par": .pilote,
        // co-pilote
        "copilote": .coPilote, "co-pilotes": .coPilote, "copilotes": .coPilote, "co-responsable": .coPilote,
        "coresponsable": .coPilote, "contributeur": .coPilote, "contributeurs": .coPilote, "partenaire": .coPilote, "partenaires": .coPilote,
        // délai
        "echeance": .delai, "echeances": .delai, "date limite": .delai, "date butoir": .delai, "calendrier": .delai,
        "echeancier": .delai, "delais": .delai, "date de realisation": .delai, "terme": .delai, "horizon": .delai,
        "date d'echeance": .delai, "date cible": .delai, "calendrier de mise en oeuvre": .delai, "date": .delai,
        // étape
        "jalon": .etape, "jalons": .etape, "etapes": .etape, "sous-action": .etape,
        // cible
        "valeur cible": .cible, "objectif cible": .cible, "cible visee": .cible, "valeur visee": .cible, "resultat attendu": .cible,
        // base
        "reference": .base, "valeur de reference": .base, "situation de depart": .base, "valeur initiale": .base,
        "point de depart": .base, "situation initiale": .base, "baseline": .base, "annee de reference": .base, "realise": .base,
        // unité, méthode, source, sens, nature, fournisseur
        "unite de mesure": .unite, "unites": .unite, "mesure": .unite,
        "mode de calcul": .methode, "formule": .methode, "calcul": .methode, "definition": .methode, "modalites de calcul": .methode,
        "methode de calcul": .methode, "mode de calcul de l'indicateur": .methode,
        "source des donnees": .source, "sources": .source, "origine des donnees": .source, "donnees": .source,
        "sens d'evolution": .sens, "evolution": .sens, "tendance": .sens, "evolution attendue": .sens, "sens attendu": .sens,
        "type d'indicateur": .nature, "categorie": .nature,
        "fournisseur des donnees": .fournisseur, "producteur": .fournisseur, "producteur des donnees": .fournisseur,
        // contrat, avenant
        "duree": .periode, "periode du contrat": .periode, "duree du contrat": .periode,
        "date de signature": .signeLe, "signature": .signeLe, "signe": .signeLe, "signe le": .signeLe, "date signature": .signeLe,
        "date d'effet": .enVigueurLe, "entree en vigueur": .enVigueurLe, "prise d'effet": .enVigueurLe, "effet": .enVigueurLe,
        "date d'entree en vigueur": .enVigueurLe, "applicable le": .enVigueurLe,
        "signataire": .signataires, "parties": .signataires, "etablissement": .organisme, "operateur": .organisme,
        // texts
        "commentaire": .texte, "commentaires": .texte, "description": .texte, "observations": .texte, "contenu": .texte,
        "precisions": .texte, "detail": .texte, "modalites": .texte,
        "justification": .motif, "raison": .motif, "objet": .motif, "motifs": .motif,
        "intitule": .titre, "libelle": .titre, "nom": .titre,
        "priorite": .phare, "prioritaire": .phare, "action phare": .phare, "emblematique": .phare,
        "thematique": .theme, "themes": .theme, "domaine": .theme,
        "contact": .personne, "interlocuteur": .personne, "nom du contact": .personne,
        "poste": .fonction, "qualite": .fonction, "tutelle": .rattachement, "rattache a": .rattachement,
    ]

    /// The key `folded` (folded words joined by single spaces) stands for, if it is a synonym.
    public static func key(for folded: String) -> PropertyKey? { table[folded] }
}
