// The proof of CopcKit (issue 17): the CNG contract (contracts/cop-cng-2021-2025) written in
// Swift. Its IR equals the IR of the text byte for byte, and its check reports the same codes
// and messages, each placed at the Swift line that built the element or the property.
// First written with scripts/cop-vers-copckit.py from the text, then kept as Swift.
import CopcKit

/// The CNG annuaire, in Swift.
func annuaireCNG() -> Annuaire {
    return
        Annuaire("ANNUAIRE-COP-CNG", "Référents et services de suivi du COP CNG 2021-2025") {
            Référent("MSS", "Ministère des Solidarités et de la Santé")
            Référent("MEFR", "Ministère de l'Economie, des Finances et de la Relance")
            Référent("DGOS", "Direction générale de l'offre de soins")
                .rattachement("MSS")
                .personne("Katia JULIENNE")
                .fonction("Directrice générale de l'offre de soins")
                .texte("""
                    Signataire. Préside le comité de pilotage du COP ; organise le COPIL
                    (« COFIL » dans le calendrier annuel) et le dialogue de gestion.
                    """)
            Référent("DGOS.SDSR", "Sous-direction de la stratégie et des ressources")
                .rattachement("DGOS")
            Référent("DGOS.SDRH", "Sous-direction des ressources humaines du système de santé")
                .rattachement("DGOS")
            Référent("DSS", "Direction de la sécurité sociale")
                .rattachement("MSS")
                .personne("Franck VON LENNEP")
                .fonction("Directeur de la sécurité sociale")
            Référent("DSS.SDFSS", "Sous-direction du financement du système de soins")
                .rattachement("DSS")
            Référent("SGMCAS", "Secrétariat général des ministères chargés des affaires sociales")
                .rattachement("MSS")
            Référent("SGMCAS.PSARS", "Pôle santé et ARS")
                .rattachement("SGMCAS")
                .fonction("Chef de service Pôle santé et ARS")
            Référent("DGCS", "Direction générale de la cohésion sociale")
                .rattachement("MSS")
                .personne("Virginie LASSERRE")
                .fonction("Directrice générale de la cohésion sociale")
            Référent("DGCS.SPA", "Service des politiques d'appui")
                .rattachement("DGCS")
            Référent("DGCS.SDAFM", "Sous-direction des affaires financières et de la modernisation")
                .rattachement("DGCS.SPA")
            Référent("DB", "Direction du budget")
                .rattachement("MEFR")
                .personne("Amélie VERDIER")
                .fonction("Directrice du budget")
            Référent("DB.SD6", "6ème sous-direction")
                .rattachement("DB")
            Référent("DB.SD6.BCS", "Bureau 6BCS")
                .rattachement("DB.SD6")
            Référent("CNG", "Centre national de gestion des praticiens hospitaliers et des personnels de direction de la fonction publique hospitalière")
            Référent("CNG.DG", "Direction générale")
                .rattachement("CNG")
                .personne("Eve PARIER")
                .fonction("Directrice générale du CNG")
            Référent("CNG.CA", "Conseil d'administration du CNG")
                .rattachement("CNG")
                .personne("Isabelle AUSSET")
                .fonction("Présidente du conseil d'administration du CNG")
            Référent("CGEFI", "Contrôle général économique et financier")
            Référent("CGEFI.SANTE", "Mission santé du contrôle général économique et financier")
                .rattachement("CGEFI")
                .fonction("Cheffe de la mission de contrôle économique et financier en charge du CNG")
            Plan("SDSI", "Schéma directeur des systèmes d'information")
                .période(2021...2025)
            Plan("PACI", "Plan d'action contrôle interne")
                .période(2021...2025)
            Plan("PACC", "Plan d'actions post Cour des comptes")
                .période(2021...2025)
        }
            .texte("""
                Institutions et services chargés du suivi du COP (annexe n°2), signataires
                du contrat et plans auxquels renvoient les délais de l'axe 4.
                """)
        .fichier("annuaire.cop")
}

/// The CNG contract as signed, in Swift.
func contratCNG() -> Contrat {
    return
        Contrat("COP-CNG", "Contrat d'Objectifs et de Performance du Centre National de Gestion des praticiens hospitaliers et des personnels de direction de la fonction publique hospitalière 2021-2025") {
            Axe("1", "Proposer une démarche de gestion prévisionnelle des métiers et des compétences en appui à la stratégie et au pilotage des ressources humaines") {
                Objectif("1.1", "SE Doter des pré-requis pour élaborer une gestion prévisionnelle des métiers et des compétences (GPMC) afin de fournir des données utiles à la décision") {
                    Action("1.1.1", "Elaborer une gestion prévisionnelle des métiers et des compétences")
                        .étape("Cartographier les forces et faiblesses de la situation actuelle", .trimestre(1, 2022))
                        .étape("Fixer des objectifs à atteindre en termes d'anticipation d'évolution des métiers, des organisations et des modes de management de demain", .semestre(1, 2023))
                        .étape("Elaborer des scénarii d'évolution visant à réduire l'écart entre l'état des lieux et les besoins de demain", .fin(2023))
                    Action("1.1.2", "Mettre en place un système d'information permettant aux acteurs de disposer d'une vision partagée et de données fiables en terme de GPMC")
                        .délai(.fin(2022), libellé: "directeurs")
                        .délai(.début(2024), libellé: "praticiens")
                    Action("1.1.3", "Mobiliser les acteurs (établissements et ARS), emporter leur adhésion et leur appropriation des méthodologies et outils mis à disposition par le CNG pour permettre une expression claire et précise des besoins (attendus d'un poste pour un recrutement, évaluation ou entretien professionnel...)")
                        .délai("tout au long du COP")
                    Indicateur("1.1.a", "Niveau de conformité des pratiques des établissements et des ARS à la méthodologie du CNG en termes d'expression de besoins pour les postes à pourvoir")
                        .méthode("% de fiches de poste (pour les directeurs) et de profils de poste (pour les praticiens) présentes vs le nombre total de postes publiés")
                        .unité(.pourcent)
                        .cible(2021...2022, .àFixerParAvenant)
                        .cible(2023...2025, .sansObjet)
                }
                    .texte("""
                        Il s'agit de compléter le diagnostic disponible en termes de gestion
                        prévisionnelle des métiers et des compétences en poursuivant les efforts
                        réalisés par le CNG ces dernières années. Cette ambition passe par la
                        nécessaire évolution des systèmes d'information du CNG qui ne sont pas
                        adaptés à la mise en place d'une gestion prévisionnelle des métiers et des
                        compétences permettant d'établir une politique RH prospective et de la
                        capacité des acteurs à définir leurs besoins.
                        """)
                Objectif("1.2", "RENFORCER L'APPROCHE PAR LES COMPETENCES") {
                    Action("1.2.1", "Enrichir les cartographies des métiers et des emplois par la définition de référentiels de compétences attendues (dont en particulier les savoir-être (qualités relationnelles) et savoir-faire (qualités managériales pour les praticiens))")
                        .délai(.fin(2022), libellé: "directeurs")
                        .délai(.fin(2023), libellé: "praticiens")
                    Action("1.2.2", "Intégrer dans le système d'information RH du CNG le recensement des compétences individuelles des directeurs et des praticiens")
                        .délai(2022, libellé: "directeurs")
                        .délai(.début(2024), libellé: "praticiens")
                    Action("1.2.3", "Contribuer à fournir des outils pour aider à l'adaptation des compétences des professionnels aux besoins : élaboration d'un plan national de formation (en lien avec les acteurs concernés notamment l'EHESP, l'ANFH et l'ONDPC), d'une plateforme de ressources pour les directeurs et les praticiens managers.")
                        .délai(2022, libellé: "plan-formation-directeurs")
                        .délai("2ème semestre 2021", libellé: "plan-formation-management-praticiens")
                        .délai(2023, libellé: "plateforme-ressources")
                    Indicateur("1.2.a", "Taux d'évolution de la fréquentation des rubriques des sites internet (site du CNG, site ad hoc) présentant l'offre de formation et d'accompagnement des professionnels")
                        .méthode("Fréquentation des rubriques concernées du site par rapport à l'année précédente")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        Le management des compétences repose sur une bonne connaissance des
                        compétences des professionnels gérés ; celles-ci devront être mieux
                        recensées et intégrées dans le système d'information RH du CNG en vue de
                        faciliter leur exploitation. Cette démarche qui repose sur une
                        modernisation des SI existants s'inscrira nécessairement sur la
                        temporalité du COP.
                        """)
                Objectif("1.3", "CONTRIBUER A METTRE EN ADEQUATION OFFRE (EMPLOIS) ET DEMANDE (COMPETENCES) A L'ECHELLE DES TERRITOIRES") {
                    Action("1.3.1", "Dématérialiser les procédures de recrutement et normaliser l'expression des besoins (profils et fiches de postes, description des emplois) et sur les ressources disponibles (compétences des professionnels)")
                        .délai(2023, libellé: "directeurs")
                        .délai(.mi(2023), libellé: "praticiens-V1")
                        .délai(2024, libellé: "praticiens")
                    Action("1.3.2", "Créer des outils de communication permettant une meilleure adéquation entre l'offre et la demande : offres d'emploi (ex : bourses à l'emploi, politique sur les réseaux sociaux), offres de compétences (ex : créer des viviers et des CV-thèques), communication en vue de renforcer l'attractivité des métiers")
                        .délai("à partir de fin 2021", libellé: "attractivité-des-métiers")
                        .délai(.semestre(1, 2022), libellé: "réseaux-sociaux")
                        .délai(.fin(2022), libellé: "bourses-à-l-emploi")
                        .délai(2023, libellé: "CV-thèques")
                    Action("1.3.3", "Positionner le CNG en conseil et aide à la décision pour les recruteurs en particulier pour les postes difficiles à pourvoir y compris en Outre-Mer.")
                        .délai(2021)
                    Action("1.3.4", "Mettre à disposition de manière pérenne une réserve sanitaire de directeurs telle que celle mise en place lors de la crise COVID-19")
                        .délai(2022)
                    Indicateur("1.3.a", "Proportion de postes difficiles à pourvoir publiés au JO et via des outils de communication modernes (bourses à l'emploi, réseaux sociaux) au niveau national et avec un focus sur l'outre-mer")
                        .méthode("Identification des postes \"difficiles à pourvoir\" via les bases Sigmed ou Logimedh pour les PH et SAGA pour les directeurs. De même pour le nombre de postes en question qui s'avèrent être pourvus dans un délai supérieur à 6 mois après la publication")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                    Indicateur("1.3.b", "Niveau de satisfaction du recruteur à la suite de la consultation des CVthèques")
                        .méthode("Evolution du niveau de satisfaction des consultations des cvthèques utiles (la satisfaction étant mesurée par le recruteur via un questionnaire d'évaluation intégré dans l'application et soumis à l'issue de la consultation des cvthèques)")
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        Une meilleure adéquation des profils aux emplois proposés passe par la
                        mise en place d'outils ainsi qu'une plus grande structuration de ceux-ci
                        permettant de faire se rencontrer les besoins en termes de postes et les
                        compétences des professionnels : dématérialisation des procédures de
                        recrutement, bourses à l'emploi, politique sur les réseaux sociaux, CV
                        thèques, constitution de viviers.
                        """)
            }
            Axe("2", "Dynamiser les parcours et contribuer à la qualité de vie au travail des professionnels") {
                Objectif("2-1", "ACCOMPAGNER LES PROFESSIONNELS TOUT AU LONG DE LEUR CARRIÈRE") {
                    Action("2.1.1", "Mettre en place un accompagnement (entretiens carrière, offre de coaching, de mentorat ...) tout au long de la carrière qui permette aux directeurs et aux praticiens de franchir les différentes étapes de leur vie professionnelle")
                        .délai(.début(2022))
                    Action("2.1.2", "Faire de l'évaluation des directeurs et des entretiens professionnels des praticiens des outils contribuant au développement professionnel")
                        .délai(2021, libellé: "directeurs")
                        .délai(2022, libellé: "praticiens")
                    Action("2.1.3", "Redéfinir la doctrine d'accès et de sortie de la position de recherche d'affectation")
                        .délai(2022)
                    Indicateur("2.1.a", "Proportion des professionnels ciblés bénéficiant d'un entretien de carrière par le CNG")
                        .méthode("Décompte annuel via un tableau de suivi du nombre d'entretiens réalisés")
                        .cible(2021...2025, .àFixerParAvenant)
                    Indicateur("2.1.b", "Taux d'évolution du nombre de bénéficiaires des dispositifs d'accompagnement (coaching) du CNG individuels et/ou collectifs (ex : ateliers) du CNG")
                        .méthode("Rapport entre le nombre de professionnels ayant bénéficié d'un accompagnement professionnel (individuel et/ou collectif) l'année n sur celui en ayant bénéficié sur l'année de référence (2021 ou 2020, voire 2019)")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                    Indicateur("2.1.c", "Indicateur de résultat de l'efficacité du dispositif de recherche d'affectation")
                        .méthode("Taux d'évolution du temps moyen passé en RA (intéressant de suivre cette évolution suite à la redéfinition de la doctrine d'entrée/sortie)")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        Le CNG dispose d'un savoir-faire très reconnu en matière d'accompagnement
                        des professionnels, domaine où les attentes sont aujourd'hui
                        particulièrement fortes ; son déploiement plus large nécessite toutefois
                        une clarification de l'articulation entre l'action du CNG et de celle des
                        établissements.

                        Face aux situations d'usure professionnelle, de difficultés des deuxièmes
                        parties de carrière pour certains professionnels ou encore aux besoins de
                        perspectives professionnelles, il convient d'encourager l'évolution de
                        l'évaluation des directeurs comme la mise en place des entretiens
                        professionnels pour les praticiens.
                        """)
                Objectif("2-2", "PROPOSER DE NOUVEAUX OUTILS POUR DEPLOYER DES POLITIQUES DE MOBILITE ET CONSTITUER DES VIVIERS AFIN DE MIEUX REpondre AUX ENJEUX DU SYSTEME DE SANTE (MISSIONS COMPLEXES, EGALITE HOMME- FEMME, ETC.)") {
                    Action("2.2.1", "Réformer la politique d'accompagnement à la mobilité des directeurs (« parcours type », valorisation des parcours professionnels en situations complexes, passerelles entre les fonctions publiques...)")
                        .délai("tout au long du COP")
                    Action("2.2.2", "Mettre en place une politique de mobilité pour les praticiens (valorisation des parcours institutionnels, diversification des activités et des pratiques des praticiens, valorisation des parcours réalisés pour les fins de carrière...)")
                        .délai("tout au long du COP")
                    Action("2.2.3", "Conformément aux mesures prévues par le Ségur de la santé, créer en lien avec l'ANAP, des viviers de compétences, de missions d'appui, de perfectionnement, d'expertise de praticiens comme de directeurs")
                        .délai(.début(2022))
                    Action("2.2.4", "Créer des viviers pour pourvoir les postes en Outre-Mer")
                        .délai(2022)
                    Action("2.2.5", "Créer, en s'inscrivant dans le cadre du Label diversité égalité décerné aux ministères sociaux, des viviers permettant de diversifier les profils et de renforcer l'égalité homme-femme pour l'accès aux emplois et fonctions supérieurs")
                        .délai(2023)
                    Indicateur("2.2.a", "Proportion de directeurs exerçant dans d'autres fonctions publiques et proportion de fonctionnaires d'autres fonctions publiques exerçant des fonctions de direction dans la fonction publique hospitalière")
                        .méthode("via les études statistiques")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                    Indicateur("2.2.b", "Indicateurs de mobilité des praticiens")
                        .méthode("A définir")
                        .cible(2021...2025, .àFixerParAvenant)
                    Indicateur("2.2.c", "Taux d'utilisation des viviers")
                        .méthode("Taux d'évolution du nombre de profils présents dans les viviers effectivement \"missionnés\" ou \"nommés\"")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        Les outils utilisés (profils et parcours types) par le CNG ne répondent
                        pas systématiquement aux enjeux de mobilité des directeurs et des
                        praticiens hospitaliers. La promotion de la diversité, de la lutte contre
                        les discriminations et de l'égalité professionnelle entre les hommes et
                        les femmes conformément aux valeurs portées par le Label Alliance décerné
                        aux ministères sociaux, doit continuer d'être soutenue et renforcée.

                        De nouveaux instruments sont à concevoir pour faciliter l'adéquation entre
                        le profil du professionnel et le poste à pourvoir dans un cadre complexe
                        ou pour l'exercice en Outre-mer.

                        Une politique de mobilité active devrait être déployée et emporter
                        l'adhésion et la contribution de plusieurs acteurs comme par exemple les
                        ARS, pour les chefferies d'établissement ou les établissements publics de
                        santé pour les praticiens.

                        Par une gestion des carrières modernisée, le CNG favorisera l'attractivité
                        des parcours des professionnels et apportera une meilleure réponse aux
                        besoins des établissements.
                        """)
                Objectif("2-3", "CONTRIBUER, VIA DES DISPOSITIFS ET DES OUTILS NATIONAUX, A AMELIORER LA QUALITE DE VIE AU TRAVAIL (QVT) DES DIRECTEURS ET DES PRATICIENS") {
                    Action("2.3.1", "Animer la politique nationale en matière de qualité de vie au travail des directeurs et des praticiens selon des modalités adaptées")
                        .délai("tout au long du COP", libellé: "directeurs")
                        .délai("en 2022", libellé: "praticiens")
                    Action("2.3.2", "Contribuer à l'élaboration et à la diffusion des bonnes pratiques en matière de QVT pour les directeurs et pour les praticiens")
                        .délai("tout au long du COP")
                    Action("2.3.3", "Contribuer via des outils, méthodes et procédures communes à la prévention, au repérage et à la prise en charge des risques psychosociaux (RPS) en coordination avec le dispositif ministériel de médiation nationale et régionale")
                        .délai("en 2022", libellé: "directeurs")
                        .délai(.trimestre(1, 2022), libellé: "praticiens")
                    Action("2.3.4", "Contribuer via des outils, méthodes et procédures à un meilleur accès à la santé au travail pour les directeurs comme pour les praticiens")
                        .délai("tout au long du COP")
                    Indicateur("2.3.a", "Existence d'une politique nationale en matière de QVT pour les directeurs et les praticiens ; création et mise en place d'une instance nationale QVT Praticiens")
                        .méthode("Date de création et mise en place de l'instance nationale QVT praticiens Détermination d'une politique nationale en matière de QVT (directeurs) Détermination d'une politique nationale en matière de QVT (praticiens)")
                        .cible(2021...2025, .àFixerParAvenant)
                    Indicateur("2.3.b", "Nombre de réunions de l'instance nationale QVT par an (directeurs et praticiens)")
                        .méthode("Nombre annuel de réunions")
                        .unité("nombre")
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        L'amélioration de la qualité de vie au travail et la gestion des risques
                        psycho-sociaux sont des enjeux majeurs pour améliorer l'attractivité des
                        postes, et la performance des organisations et du système de santé.

                        Le CNG n'étant pas l'employeur des professionnels qu'il gère et
                        accompagne, une articulation très forte devrait être recherchée avec les
                        établissements pour rendre pertinents et efficaces les dispositifs et
                        outils nationaux qui seront proposés pour renforcer les actions de QVT.
                        """)
                Objectif("2-4", "RENFORCER LES DISPOSITIFS DE SOUTIEN AUX PROFESSIONNELS ET AUX ETABLISSEMENTS POUR GERER LES SITUATIONS COMPLEXES") {
                    Action("2.4.1", "Construire la doctrine sur le traitement des situations professionnelles difficiles (disciplinaire versus insuffisance professionnelle) et mettre en place des procédures de traitement de ces situations permettant de protéger les intérêts de la personne tout en préservant l'intérêt général des établissements")
                        .délai(2022, libellé: "directeurs")
                        .délai(.fin(2021), libellé: "praticiens")
                    Action("2.4.2", "Préparer et accompagner les parcours en Outre-mer, en amont et en aval pour l'exercice des directeurs et des praticiens (soutiens spécifiques au départ et aide au retour)")
                        .délai("en 2022", libellé: "V1")
                    Action("2.4.3", "Assurer le déploiement du dispositif de régularisation et du nouveau dispositif d'affectation consécutif aux Epreuves de Vérification des Connaissances des praticiens à diplôme hors Union Européenne (PADHUE)")
                        .délai("à partir de 2021")
                    Indicateur("2.4.a", "Durée médiane de suspension des PH par leurs établissements (hors délai lié à une procédure pénale)")
                        .méthode("Pour les PH seulement, suivi du délai médian de suspension sur l'année (avant décision formelle du CNG) via le tableau de suivi du DGPH (à adapter au besoin)")
                        .cible(2021...2025, .àFixerParAvenant)
                    Indicateur("2.4.b", "Indicateur de suivi des contentieux disciplinaires et d'insuffisance professionnelle")
                        .méthode("Nombre de contentieux \"perdus\" vs le nombre total de dossiers de contentieux")
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        L'offre d'accompagnement du CNG, doit continuer à se déployer et se
                        diversifier pour répondre aux besoins des professionnels.

                        L'amélioration du traitement des situations professionnelles difficiles
                        nécessite notamment de modifier les pratiques :

                        - des établissements en matière de traçabilité des situations et des
                          mesures prises localement
                        - des ARS en matière d'inspection
                        - du CNG qui doit renforcer son expertise sur les situations
                          professionnelles complexe dont il est saisi et sécuriser les décisions
                          en lien avec les établissements et les ARS.
                        """)
            }
            Axe("3", "Accroître la visibilité du CNG auprès des professionnels et de ses partenaires") {
                Objectif("3-1", "STRUCTURER LES RELATIONS DU CNG ET LE POSITIONNER EN SOUTIEN DES ACTEURS") {
                    Action("3.1.1", "Etablir un corpus de règles via les lignes directrices de gestion pour les directeurs et des protocoles pour les praticiens afin de rendre les modes de gestion des corps et des agents plus transparents")
                        .délai("tout au long du COP")
                    Action("3.1.2", "Positionner le CNG en soutien aux ARS et aux établissements en préservant l'équilibre entre une vision nationale et une approche territoriale")
                        .délai("tout au long du COP")
                    Action("3.1.3", "Maintenir la qualité du dialogue social avec les organisations syndicales (OS) représentant les professionnels gérés tout en le faisant évoluer")
                        .délai("tout au long du COP")
                    Action("3.1.4", "Conforter les modalités de travail entre le CNG et les directions d'administration centrale")
                        .délai("tout au long du COP")
                    Indicateur("3.1.a", "Taux des processus gérés par le CNG faisant l'objet de lignes directrices de gestion (pour les directeurs) ou de protocoles (pour les PH)")
                        .méthode("Rapport entre le nombre de processus avec des lignes de gestion ou protocoles et le nombre total de processus concernés sur la durée du COP")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                    Indicateur("3.1.b", "Résultats des enquêtes de perception auprès des professionnels accompagnés et à terme, des partenaires")
                        .méthode("extrait de l'enquête de perception annuelle réalisée par le CNG")
                        .cible(2021...2025, .àFixerParAvenant)
                    Indicateur("3.1.c", "Adoption d'une charte du dialogue social")
                        .méthode("V1 en 2022 V2 en 2025")
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        Au-delà des relations de confiance qu'il a su installer, le CNG doit
                        encore renforcer ses liens avec les acteurs territoriaux (ARS et
                        établissements) et les professionnels gérés. Il s'agit de dépasser des
                        interactions circonstanciées pour favoriser des liens plus réguliers et
                        directs. Au-delà des liens formels et informels déjà existants, les
                        relations entre le CNG et ses partenaires doivent davantage se
                        structurer. Cette rénovation en profondeur de ses relations avec les
                        professionnels gérés et ses partenaires doit également s'appuyer sur une
                        démarche innovante d'accompagnement du changement en interne comme en
                        externe.

                        Si le CNG se doit de développer une approche adaptée à chaque territoire,
                        il est aussi le garant de l'application uniforme et équitable de règles
                        nationales qu'il promet.
                        """)
                Objectif("3-2", "DEVELOPPER UNE STRATEGIE DE COMMUNICATION POUR AMELIORER LA VISIBILITE DU CNG") {
                    Action("3.2.1", "Elaborer, mettre en œuvre et évaluer une stratégie de communication permettant d'améliorer la visibilité du CNG")
                        .délai("tout au long du COP")
                    Action("3.2.2", "Déployer des supports et des canaux de communication assurant une relation plus directe avec les professionnels gérés et avec ses partenaires")
                        .délai("tout au long du COP")
                    Action("3.2.3", "Développer l'écoute et le recueil des besoins : enquête de perception, baromètre de notoriété, focus groupes, ateliers de travail en région notamment.")
                        .délai("tout au long du COP")
                    Action("3.2.4", "Impliquer les collaborateurs du CNG dans l'évolution de cette stratégie de communication pour renforcer le lien avec les partenaires.")
                        .délai("tout au long du COP")
                    Indicateur("3.2.a", "Taux de consultation de la lettre d'information diffusée par le CNG")
                        .méthode("Taux d'évolution annuel du nombre de consultations de la lettre d'information diffusée régulièrement par le CNG aux professionnels")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                    Indicateur("3.2.b", "Fréquentation du site internet du CNG")
                        .méthode("Taux d'évolution annuel du nombre de visites du site avec décomposition par rubrique visitée (type directeur / praticiens / établissements / candidat...) selon la faisabilité du futur site internet du CNG")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        Il s'agit de mettre en œuvre une stratégie de communication volontariste
                        vis-à-vis des professionnels et établissements qui semblent connaître peu
                        ou parfois mal l'offre de service du CNG en la rapprochant des besoins du
                        terrain.

                        Cette stratégie de communication doit permettre de mieux identifier les
                        missions et l'appui que peut constituer le CNG auprès des professionnels
                        gérés, de favoriser une meilleure visibilité sur ses champs d'action, de
                        développer sa capacité d'écoute et de réponses et de toucher un plus
                        grand nombre d'acteurs.
                        """)
            }
            Axe("4", "Opérer la transformation numérique du CNG et conforter sa performance interne") {
                Objectif("4-1", "OPERER UNE VERITABLE RUPTURE NUMERIQUE AU BENEFICE DE LA PERFORMANCE ET DU SERVICE RENDU DU CNG") {
                    Action("4.1.1", "Définir un schéma directeur des SI et ses modalités de suivi y compris budgétaire.")
                        .délai(.selon("SDSI"))
                    Action("4.1.2", "Remédier à l'obsolescence matérielle et applicative des infrastructures SI du CNG au bénéfice d'un système d'information performant en assurant une urbanisation efficiente")
                    Action("4.1.3", "Refonder les SI de gestion pour les ouvrir aux acteurs concernés (administrations, établissements, professionnels et bénéficiaires) et dématérialiser l'ensemble des processus gérés par le CNG")
                        .délai(.selon("SDSI"))
                    Action("4.1.4", "Renforcer la gestion et la gouvernance des projets SI, en particulier Logimedh, SAGA directeurs.")
                    Action("4.1.5", "Assurer un accès aux informations et aux données via un système d'aide à la décision qui permette d'améliorer le pilotage et la connaissance des acteurs")
                        .délai(.selon("SDSI"))
                    Action("4.1.6", "Formaliser une politique de sécurité des SI et poursuivre la conformité au RGPD")
                        .délai("en 2021", libellé: "PSSI")
                        .délai("tout au long du COP", libellé: "RGPD")
                    Indicateur("4.1.a", "Taux de réalisation du programme annuel des projets SI")
                        .méthode("Rapport entre le nombre d'échéances « SI » réalisées et le nombre d'échéances prévues sur l'année")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        L'adaptation des systèmes d'information aux besoins du CNG et de ses
                        partenaires doit être poursuivie et accélérée. A cet égard, le présent
                        COP réaffirme les enjeux qui s'attachent à la fois, à une accélération de
                        la transition numérique et à la mise en place d'un schéma directeur des
                        systèmes d'information qui garantisse tout à la fois l'interopérabilité
                        des applications, le partage des données et leur sécurité.

                        D'un point de vue opérationnel, il s'agit de réaliser la
                        dématérialisation de l'ensemble des processus de gestion, à la fois
                        internes et métier. Il faut également rendre possible le pilotage des
                        ressources humaines gérées au plan national, régional et local, en
                        coordination avec les administrations centrales et les différents
                        partenaires concernés. La transformation numérique est au cœur de la
                        stratégie d'amélioration de la performance développée par le CNG dans le
                        cadre du COP.
                        """)
                Objectif("4-2", "ADAPTER LE FONCTIONNEMENT INTERNE POUR OPTIMISER LA PERFORMANCE DU CNG") {
                    Action("4.2.1", "Mettre en place une fonction transversale « Métiers » de pilotage RH des professionnels gérés et accompagnés par le CNG")
                        .délai("à partir de 2021")
                    Action("4.2.2", "Renforcer l'action transversale des fonctions support par la création d'un secrétariat général (notamment pilotage RH, pilotage budgétaire, fonction et politique d'achat public conformément aux recommandations de la Cour des comptes, cellule juridique)")
                        .délai("à partir de 2021")
                        .délai(.selon("PACC"), libellé: "plan-post-Cour-des-comptes")
                    Action("4.2.3", "Simplifier l'organisation de la fonction « Système d'information et transformation numérique ». Renforcer et structurer la fonction SI en regroupant les ressources et en mettant en place une méthodologie de projet.")
                        .délai("tout au long du COP")
                    Action("4.2.4", "Assurer une fonction transversale de conduite du changement pour accompagner les transformations attendues en interne comme en externe")
                        .délai("à partir de 2021")
                    Action("4.2.5", "Elaborer et mettre en œuvre un projet social qui accompagne :")
                        .délai("en 2021", libellé: "adoption-projet-social")
                        .délai("tout au long du COP", libellé: "autres-actions")
                        .texte("""
                            - les professionnels du CNG dans la transformation de leurs missions, par
                              la mise en œuvre d'une véritable GPEC interne notamment au regard des
                              besoins en compétences et recrutements, des enjeux d'attractivité des
                              carrières, de procédures partagées de gestion RH, et la rénovation du
                              cadre d'emploi afin de dynamiser les parcours professionnels
                            - le CNG dans sa démarche de performance environnementale (RSE, mobilité,
                              plan de gestion de la performance environnementale, etc.)
                            """)
                    Indicateur("4.2.a", "Taux de réalisation du projet social (respect du calendrier fixé et suivi des actions)")
                        .méthode("Rapport entre le nombre d'échéances réalisées depuis le début du COP et le nombre total d'échéances prévues sur la durée du COP")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        Le fonctionnement des différents départements du CNG doit reposer sur une
                        plus grande transversalité pour permettre un pilotage plus efficient des
                        fonctions support et des prestataires et faciliter la conduite du
                        changement.
                        """)
                Objectif("4-3", "RENFORCER LE CONTROLE INTERNE ET STRUCTURER LA DEMARCHE QUALITE") {
                    Action("4.3.1", "Renforcer le contrôle interne afin de mieux maîtriser les risques, accompagner la rationalisation de la chaîne de la dépense (notamment renforcement de la séparation fonctionnelle dans la processus de paye), améliorer la sincérité de la budgétisation pluriannuelle dont celle des marchés publics et le suivi de l'exécution de la dépense, déployer d'une politique d'achat pluriannuelle")
                        .délai(.selon("PACI"))
                    Action("4.3.2", "Structurer la démarche qualité en accompagnement prioritaire de la transformation numérique")
                        .délai(.selon("SDSI"))
                    Action("4.3.3", "Poursuivre le déploiement de la culture de la qualité au CNG afin de s'inscrire dans une démarche continue d'amélioration du service rendu")
                        .délai("tout au long du COP")
                    Indicateur("4.3.a", "Niveau de mise en œuvre du plan d'actions suite aux recommandations de la Cour des comptes (contrôle de 2020)")
                        .méthode("Taux de réalisation du plan d'action")
                        .unité(.pourcent)
                        .cible(2021...2025, .àFixerParAvenant)
                }
                    .texte("""
                        S'inscrivant dans la poursuite de la structuration du contrôle interne et
                        de la démarche qualité, le CNG développera une stratégie consistant à
                        adosser la rénovation du contrôle interne et de la démarche qualité au
                        déploiement de solutions informatiques.
                        """)
            }
        }
            .utilise("annuaire.cop")
            .type(.cop)
            .organisme("CNG")
            .tutelle("MSS")
            .signataires("DGOS", "CNG.CA", "DGCS", "CNG.DG", "DSS", "DB")
            .période("2021-01-01 .. 2025-12-31")
            .approuvéLe("2021-03-12")
            .faitÀ("Paris")
            .numérotation(.hiérarchique)
            .texte("""
                Le présent contrat fixe les quatre axes stratégiques et douze objectifs
                opérationnels sur lesquels s'engagent réciproquement le CNG et l'Etat au
                titre des années 2021 à 2025. Il couvre la période du 1er janvier 2021 au
                31 décembre 2025.

                Les délais de réalisation mentionnés ci-dessus seront précisés dans le
                cadre de l'élaboration du programme de travail et pourront faire l'objet
                d'un avenant au COP. (Phrase répétée après chaque tableau d'actions.)

                Le contrat pourra être révisé au cours de son exécution pour tenir compte
                d'une évolution significative des politiques publiques ou de
                l'environnement stratégique du CNG. Cette révision prendra la forme d'un
                avenant au présent contrat.
                """)
        .fichier("contrat.cop")
}
