import CopcSyntax
// The property modifiers. Each key of the language (CopcLanguage.PropertyKey) is one method
// here, on the protocol of the elements that accept it (ElementKind.keys); `Modifier`
// conforms to all of them, the builder then refusing a key its target does not take
// (COP104), as for the text. A new key is one method in one of these extensions.
import CopcLanguage

/// Prints a label between parentheses: as written when it is plain words, quoted otherwise.
func libelléImprimé(_ l: String?) -> String {
    guard let l else { return "" }
    return " (" + (estMotsSimples(l) ? l : Canonical.literal(l)) + ")"
}

private func liste(_ ids: [String]) -> String { ids.joined(separator: ", ") }

extension ÉlémentModifiable {
    fileprivate func clé(_ k: PropertyKey, _ valeur: Valeur, _ file: String, _ line: Int, _ column: Int,
                         suffixe: String = "") -> Self {
        ajout(k.display + suffixe, valeur, file, line, column)
    }

    /// Le texte libre de l'élément (`texte`).
    public func texte(_ texte: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.texte, .texte(texte), file, line, column)
    }

    /// Réduit au silence les codes donnés pour cet élément et ses descendants
    /// (`# copc: ignorer COP500`) ; un code s'écrit « COP500 » ou « 500 ».
    public func ignorer(_ codes: String...) -> Self {
        _avec { $0.ignorés += codes }
    }
}

/// Les éléments qui ont un pilote (`pilote`).
public protocol AvecPilote: ÉlémentModifiable {}
extension AvecPilote {
    /// Les référents pilotes (identifiants déclarés par `Référent`, ou « à déterminer »).
    public func pilote(_ référents: String..., file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.pilote, .notation(liste(référents)), file, line, column)
    }
    /// Les référents pilotes, donnés en tableau.
    public func pilote(_ référents: [String], file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.pilote, .notation(liste(référents)), file, line, column)
    }
}

/// Les éléments du plan d'action, qui ont aussi des co-pilotes et des référents.
public protocol AvecRéférents: AvecPilote {}
extension AvecRéférents {
    /// Les co-pilotes (`co-pilote`).
    public func coPilote(_ référents: String..., file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.coPilote, .notation(liste(référents)), file, line, column)
    }
    /// Les co-pilotes, donnés en tableau.
    public func coPilote(_ référents: [String], file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.coPilote, .notation(liste(référents)), file, line, column)
    }
    /// Les référents associés (`référent`).
    public func référent(_ référents: String..., file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.referent, .notation(liste(référents)), file, line, column)
    }
    /// Les référents associés, donnés en tableau.
    public func référent(_ référents: [String], file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.referent, .notation(liste(référents)), file, line, column)
    }
}

/// Les éléments qui ont un thème (`thème`).
public protocol AvecThème: ÉlémentModifiable {}
extension AvecThème {
    /// Le thème de l'élément.
    public func thème(_ thème: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.theme, .texte(thème), file, line, column)
    }
}

/// Les actions : délais, étapes, action phare.
public protocol AvecDélais: ÉlémentModifiable {}
extension AvecDélais {
    /// Le délai de réalisation, éventuellement étiqueté (`délai (directeurs) : fin 2022`).
    public func délai(_ délai: Délai, libellé: String? = nil,
                      file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.delai, .notation(délai.description), file, line, column, suffixe: libelléImprimé(libellé))
    }
    /// Une étape de l'action et son délai (`étape « titre » : T1 2022`).
    public func étape(_ titre: String, _ délai: Délai, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.etape, .notation(délai.description), file, line, column, suffixe: " " + Canonical.literal(titre))
    }
    /// Marque l'action comme action phare (`phare : oui`).
    public func phare(_ phare: Bool = true, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.phare, .notation(phare ? "oui" : "non"), file, line, column)
    }
}

/// Les indicateurs : méthode, unité, sens, nature, sources, bases et cibles.
public protocol AvecCibles: ÉlémentModifiable {}
extension AvecCibles {
    /// La méthode de calcul.
    public func méthode(_ méthode: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.methode, .texte(méthode), file, line, column)
    }
    /// L'unité de l'indicateur.
    public func unité(_ unité: Unité, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.unite, .notation(unité.description), file, line, column)
    }
    /// Le sens d'évolution souhaité.
    public func sens(_ sens: Sens, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.sens, .notation(sens.description), file, line, column)
    }
    /// La nature de l'indicateur.
    public func nature(_ nature: Nature, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.nature, .notation(nature.description), file, line, column)
    }
    /// Les fournisseurs des données (référents).
    public func fournisseur(_ référents: String..., file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.fournisseur, .notation(liste(référents)), file, line, column)
    }
    /// Les fournisseurs des données, donnés en tableau.
    public func fournisseur(_ référents: [String], file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.fournisseur, .notation(liste(référents)), file, line, column)
    }
    /// La source des données.
    public func source(_ source: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.source, .texte(source), file, line, column)
    }
    /// La valeur de base d'une année (`base 2019 : 21,5 %`).
    public func base(_ année: Int, _ valeur: Cible, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.base, .notation(valeur.description), file, line, column, suffixe: " \(année)")
    }
    /// La cible d'une année, éventuellement étiquetée (`cible 2023 (directeurs) : 60 %`).
    public func cible(_ année: Int, _ valeur: Cible, libellé: String? = nil,
                      file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.cible, .notation(valeur.description), file, line, column, suffixe: " \(année)" + libelléImprimé(libellé))
    }
    /// La même cible pour chaque année d'une plage (`cible 2024 .. 2025 : à fixer par avenant`).
    public func cible(_ années: ClosedRange<Int>, _ valeur: Cible, libellé: String? = nil,
                      file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.cible, .notation(valeur.description), file, line, column,
            suffixe: " \(années.lowerBound) .. \(années.upperBound)" + libelléImprimé(libellé))
    }
    /// Toutes les cibles de l'indicateur sont cumulées (`cumul : oui`).
    public func cumul(_ cumul: Bool = true, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.cumul, .notation(cumul ? "oui" : "non"), file, line, column)
    }
    /// Les cibles sont fixées par les contrats déclinés (`cibles : déclinées`).
    public func ciblesDéclinées(file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.cibles, .notation(Declined.declined.spelling), file, line, column)
    }
}

/// Les contrats et les plans : leur période.
public protocol AvecPériode: ÉlémentModifiable {}
extension AvecPériode {
    /// La période (`période : 2021 .. 2025`).
    public func période(_ période: Période, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.periode, .notation(période.description), file, line, column)
    }
    /// La période, en années entières.
    public func période(_ années: ClosedRange<Int>, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.periode, .notation(Période(années).description), file, line, column)
    }
}

/// Les contrats et les avenants : leurs dates.
public protocol AvecSignature: ÉlémentModifiable {}
extension AvecSignature {
    /// La date de signature (`signé le`).
    public func signéLe(_ jour: Jour, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.signeLe, .notation(jour.description), file, line, column)
    }
    /// Le lieu de signature (`fait à : Paris`), pour « Fait à Paris, le … » de la page des
    /// signatures.
    public func faitÀ(_ lieu: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.faitA, .texte(lieu), file, line, column)
    }
    /// La date d'entrée en vigueur (`en vigueur le`).
    public func enVigueurLe(_ jour: Jour, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.enVigueurLe, .notation(jour.description), file, line, column)
    }
}

/// Les contrats et les organismes : leurs tutelles.
public protocol AvecTutelle: ÉlémentModifiable {}
extension AvecTutelle {
    /// Les tutelles (référents) : les ministères qui suivent le contrat ou l'organisme.
    public func tutelle(_ référents: String..., file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.tutelle, .notation(liste(référents)), file, line, column)
    }
    /// Les tutelles, données en tableau.
    public func tutelle(_ référents: [String], file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.tutelle, .notation(liste(référents)), file, line, column)
    }
}

/// Les propriétés propres à l'en-tête d'un contrat.
public protocol AvecEnTêteDeContrat: AvecPériode, AvecSignature, AvecTutelle {}
extension AvecEnTêteDeContrat {
    /// Le contrat que celui-ci renouvelle (`succède à : COP-ONF-2016-2020`).
    public func succèdeÀ(_ contrat: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.succedeA, .notation(contrat), file, line, column)
    }
    /// Le type de contrat (`type : COP`).
    public func type(_ type: TypeDeContrat, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.type, .notation(type.description), file, line, column)
    }
    /// L'organisme (un référent).
    public func organisme(_ référent: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.organisme, .notation(référent), file, line, column)
    }
    /// Les signataires (référents).
    public func signataires(_ référents: String..., file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.signataires, .notation(liste(référents)), file, line, column)
    }
    /// Les signataires, donnés en tableau.
    public func signataires(_ référents: [String], file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.signataires, .notation(liste(référents)), file, line, column)
    }
    /// La date d'approbation (`approuvé le`).
    public func approuvéLe(_ jour: Jour, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.approuveLe, .notation(jour.description), file, line, column)
    }
    /// La numérotation des éléments (`hiérarchique` ou `libre`).
    public func numérotation(_ n: Numérotation, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.numerotation, .notation(n.description), file, line, column)
    }
}

/// Les référents : rattachement, personne, fonction.
public protocol AvecIdentité: ÉlémentModifiable {}
extension AvecIdentité {
    /// Le référent auquel celui-ci est rattaché.
    public func rattachement(_ référent: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.rattachement, .notation(référent), file, line, column)
    }
    /// La personne.
    public func personne(_ nom: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.personne, .texte(nom), file, line, column)
    }
    /// Sa fonction.
    public func fonction(_ fonction: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.fonction, .texte(fonction), file, line, column)
    }
}

/// Les avenants et leurs modifications : le motif.
public protocol AvecMotif: ÉlémentModifiable {}
extension AvecMotif {
    /// Le motif (`motif`).
    public func motif(_ motif: String, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.motif, .texte(motif), file, line, column)
    }
}

/// Elements that weigh in their parent (objectif, sous-objectif, indicateur).
public protocol AvecPoids: ÉlémentModifiable {}
extension AvecPoids {
    /// Le poids dans le parent (`poids : 1/3`) ; les poids d'un même groupe totalisent 1 (COP405).
    public func poids(_ poids: Poids, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.poids, .notation(poids.description), file, line, column)
    }
}

/// Elements with resources per year (contrat, axe, objectif).
public protocol AvecMoyens: ÉlémentModifiable {}
extension AvecMoyens {
    /// Les moyens d'une année, éventuellement étiquetés (`moyens (ETP) 2023 : 350`).
    public func moyens(_ année: Int, _ valeur: Cible, libellé: String? = nil,
                       file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.moyens, .notation(valeur.description), file, line, column, suffixe: libelléImprimé(libellé) + " \(année)")
    }
}

/// Documents that record the opinion of a body (contrat, avenant).
public protocol AvecAvis: ÉlémentModifiable {}
extension AvecAvis {
    /// L'avis d'un organisme et sa date (`avis « CGEFI » le : 2021-02-01`).
    public func avis(_ organisme: String, le jour: Jour, file: String = #filePath, line: Int = #line, column: Int = #column) -> Self {
        clé(.avis, .notation(jour.description), file, line, column, suffixe: " " + Canonical.literal(organisme) + " le")
    }
}
