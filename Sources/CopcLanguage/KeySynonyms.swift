/// The words drafters write for a key that copc spells otherwise (issue 13): `responsable :`
/// for `pilote :`, `échéance :` for `délai :`. COP104 suggests the key a synonym stands for
/// when the element accepts it (« propriété inconnue « responsable » … ; vouliez-vous dire
/// « pilote » ? »). Keys are folded words joined by single spaces, as `Lexicon` folds them.
public enum KeySynonyms {
    /// Synonym as drafters write it (accented) → the key it stands for.
    public static let written: [String: PropertyKey] = [
        // pilote
        "responsable": .pilote, "responsables": .pilote, "porteur": .pilote, "porteurs": .pilote, "pilotes": .pilote,
        "pilotage": .pilote, "chef de file": .pilote, "chef de projet": .pilote, "direction pilote": .pilote,
        "service pilote": .pilote, "responsable de l'action": .pilote, "porté par": .pilote, "piloté par": .pilote,
        // co-pilote
        "copilote": .coPilote, "co-pilotes": .coPilote, "copilotes": .coPilote, "co-responsable": .coPilote,
        "coresponsable": .coPilote, "contributeur": .coPilote, "contributeurs": .coPilote, "partenaire": .coPilote, "partenaires": .coPilote,
        // délai
        "échéance": .delai, "échéances": .delai, "date limite": .delai, "date butoir": .delai, "calendrier": .delai,
        "échéancier": .delai, "délais": .delai, "date de réalisation": .delai, "terme": .delai, "horizon": .delai,
        "date d'échéance": .delai, "date cible": .delai, "calendrier de mise en œuvre": .delai, "date": .delai,
        // étape
        "jalon": .etape, "jalons": .etape, "étapes": .etape, "sous-action": .etape,
        // cible
        "valeur cible": .cible, "objectif cible": .cible, "cible visée": .cible, "valeur visée": .cible, "résultat attendu": .cible,
        // base
        "référence": .base, "valeur de référence": .base, "situation de départ": .base, "valeur initiale": .base,
        "point de départ": .base, "situation initiale": .base, "baseline": .base, "année de référence": .base,
        // unité, méthode, source, sens, nature, fournisseur
        "unité de mesure": .unite, "unités": .unite, "mesure": .unite,
        "mode de calcul": .methode, "formule": .methode, "calcul": .methode, "définition": .methode, "modalités de calcul": .methode,
        "méthode de calcul": .methode, "mode de calcul de l'indicateur": .methode,
        "source des données": .source, "sources": .source, "origine des données": .source, "données": .source,
        "sens d'évolution": .sens, "évolution": .sens, "tendance": .sens, "évolution attendue": .sens, "sens attendu": .sens,
        "type d'indicateur": .nature, "catégorie": .nature,
        "fournisseur des données": .fournisseur, "producteur": .fournisseur, "producteur des données": .fournisseur,
        // contrat, avenant
        "durée": .periode, "période du contrat": .periode, "durée du contrat": .periode,
        "lieu de signature": .faitA, "lieu": .faitA, "signé à": .faitA, "fait": .faitA,
        "date de signature": .signeLe, "signature": .signeLe, "signé": .signeLe, "signé le": .signeLe, "date signature": .signeLe,
        "date d'effet": .enVigueurLe, "entrée en vigueur": .enVigueurLe, "prise d'effet": .enVigueurLe, "effet": .enVigueurLe,
        "date d'entrée en vigueur": .enVigueurLe, "applicable le": .enVigueurLe,
        "signataire": .signataires, "parties": .signataires, "établissement": .organisme, "opérateur": .organisme,
        // the portfolio: tutelle, succède à, catégorie
        "tutelles": .tutelle, "ministère de tutelle": .tutelle, "ministères de tutelle": .tutelle, "autorité de tutelle": .tutelle,
        "succède": .succedeA, "renouvelle": .succedeA, "remplace": .succedeA, "statut": .categorie, "forme juridique": .categorie,
        // texts
        "commentaire": .texte, "commentaires": .texte, "description": .texte, "observations": .texte, "contenu": .texte,
        "précisions": .texte, "détail": .texte, "modalités": .texte,
        "justification": .motif, "raison": .motif, "objet": .motif, "motifs": .motif,
        "intitulé": .titre, "libellé": .titre, "nom": .titre,
        "priorité": .phare, "prioritaire": .phare, "action phare": .phare, "emblématique": .phare,
        "thématique": .theme, "thèmes": .theme, "domaine": .theme,
        "contact": .personne, "interlocuteur": .personne, "nom du contact": .personne,
        "poste": .fonction, "qualité": .fonction, "tutelle": .rattachement, "rattaché à": .rattachement,
    ]

    /// Folded synonym → key: what the builder looks up.
    public static let table: [String: PropertyKey] = {
        var t: [String: PropertyKey] = [:]
        for (w, k) in written { t[Folding.fold(w)] = k }
        return t
    }()

    /// The key `folded` (folded words joined by single spaces) stands for, if it is a synonym.
    public static func key(for folded: String) -> PropertyKey? { table[folded] }
}
