import CopcFrench
import CopcSource

/// One descriptor per diagnostic code: its default severity, its French title, its stable
/// SARIF name and its `copc expliquer` text. `Code.severity`, `Code.title`, `Code.ruleName`,
/// `Code.explanation`, the SARIF rules and `copc expliquer` all read this one table; the checks
/// over consolidated versions are listed, with the codes they report, in
/// `CopcRules.Checker.analyzers`.
///
/// To add a code: a case of `Code`, a descriptor here (in code order), a `Message` case in
/// the catalogue, the check, a case in the corpus and a near miss.
public struct RuleDescriptor: Sendable {
    public let code: Code
    public let severity: Severity
    /// A one-line French title (`copc expliquer`, SARIF `shortDescription`, the docs).
    public let title: String
    /// A stable PascalCase identifier (SARIF `reportingDescriptor.name`): English, like the
    /// code, never changed once published.
    public let name: String
    /// The long French explanation printed by `copc expliquer CODE`: what the check detects,
    /// why it matters, an example that triggers it, and how to fix it.
    public let explanation: String
}

extension Code {
    /// The descriptor of this code.
    public var descriptor: RuleDescriptor { RuleDescriptor.all[RuleDescriptor.index[self]!] }
    /// The default severity (design §5). `--strict` may raise COP303 to an error.
    public var severity: Severity { descriptor.severity }
    /// A one-line French title, used by `expliquer`, SARIF rules and the docs.
    public var title: String { descriptor.title }
    /// The stable PascalCase name of the rule (SARIF).
    public var ruleName: String { descriptor.name }
    /// The `copc expliquer` text.
    public var explanation: String { descriptor.explanation + ExplainExtras.appendix(self) }
}

extension RuleDescriptor {
    static let index: [Code: Int] = {
        var t: [Code: Int] = [:]
        for (k, d) in all.enumerated() { t[d.code] = k }
        return t
    }()

    /// Every descriptor, in code order.
    public static let all: [RuleDescriptor] = [
        RuleDescriptor(
            code: .cop001, severity: .error,
            title: "UTF-8 invalide ou fichier illisible",
            name: "InvalidUtf8OrUnreadableFile",
            explanation: """
            COP001 — UTF-8 invalide ou fichier illisible (erreur)

            copc n'a pas pu lire le fichier, ou son contenu n'est pas de l'UTF-8 valide ; le message donne le décalage, en octets, de la première séquence invalide. Le cas le plus courant est un texte copié depuis Word ou Excel puis enregistré en Windows-1252 (Latin-1), où « é » est l'octet isolé 0xE9 : quand aucun caractère du fichier n'est de l'UTF-8 et que tous se lisent en Windows-1252, copc le dit en un seul diagnostic, « fichier en Windows-1252 ? », au premier octet concerné, et ne signale rien d'autre pour ce fichier (les erreurs qui suivraient ne seraient que des conséquences). Un fichier enregistré en « Texte Unicode » (UTF-16) est signalé de même. Tant que le fichier ne peut pas être décodé, aucun de ses éléments n'est vérifié ; `copc rendre`, `bilan`, `calendrier`, `emit` et `diff` refusent alors d'écrire un document (statut 2), qui serait faux sans ce fichier.

            Exemple (fichier enregistré en Windows-1252) :
                contrat COP-CNG « Contrat d'objectifs et de performance du CNG 2021-2025 »
                  période : 2021 .. 2025
                axe 1 « Proposer une d<E9>marche de gestion prévisionnelle »   # ← COP001 : fichier en Windows-1252 ? (l'octet 0xE9 se lit « é »)

            Correction : réenregistrez le fichier en UTF-8 (dans l'éditeur, « Enregistrer avec l'encodage UTF-8 », ou `iconv -f WINDOWS-1252 -t UTF-8 ancien.cop > contrat.cop`). Un BOM UTF-8 et les fins de ligne CRLF sont acceptés. Si le fichier est illisible, vérifiez le chemin et les droits de lecture.
            """),
        RuleDescriptor(
            code: .cop002, severity: .error,
            title: "limite de copc dépassée",
            name: "LimitExceeded",
            explanation: """
            COP002 — limite de copc dépassée (erreur)

            copc refuse les entrées démesurées plutôt que d'y passer des minutes ou d'épuiser la mémoire. Les limites sont très au-delà de tout contrat réel (le plus grand contrat transcrit, la COG CANSSM, fait 81 Ko, 1 100 éléments, 5 niveaux) :

              - fichier : \(French.number(Limits.maxFileBytes)) octets (16 Mio) ; au-delà, il n'est pas lu ;
              - ligne : \(French.number(Limits.maxLineBytes)) octets (64 Kio) ; au-delà, le fichier n'est pas analysé ;
              - éléments d'un fichier (en-têtes d'éléments, de modifications d'avenant et `utilise`) : \(French.number(Limits.maxElements)) ; la suite n'est pas lue ;
              - profondeur d'imbrication sous le contrat : \(Limits.maxDepth) niveaux (les rangs du langage en donnent au plus 4 ; seul `dans` peut aller plus loin) ; un élément plus profond est rangé au niveau \(Limits.maxDepth) ;
              - avenants d'un contrat : \(Limits.maxAvenants) ; les suivants ne sont pas appliqués ;
              - chaîne de `utilise` (un fichier qui importe un fichier qui importe…) : \(Limits.maxImportDepth) fichiers ; le suivant n'est pas lu ;
              - années d'une période, ou d'une ligne `cible` ou `base` : \(Limits.maxYears) ; au-delà, la valeur n'est pas lue.

            Un fichier trop volumineux, à ligne trop longue ou à trop d'éléments n'est jamais modifié par `copc fmt` (il est rendu tel quel par `copc fmt -`).

            Exemple :
                sous-objectif S1 « … »
                sous-objectif S2 « … » dans sous-objectif S1
                …
                sous-objectif S65 « … » dans sous-objectif S64   # ← COP002 : plus de \(Limits.maxDepth) niveaux

            Correction : c'est presque toujours un fichier produit par un programme défaillant, ou un copier-coller répété ; découpez le fichier, ou corrigez la chaîne de `dans`. Les fins de ligne « CR » seules des anciens Mac font du fichier une seule ligne : réenregistrez-le avec des fins de ligne LF ou CRLF.
            """),
        RuleDescriptor(
            code: .cop003, severity: .error,
            title: "copc.toml invalide",
            name: "InvalidWorkspaceConfiguration",
            explanation: """
            COP003 — copc.toml invalide (erreur)

            Le fichier `copc.toml` à la racine de l'espace de travail marque cette racine et peut lister des dossiers à laisser de côté lors des parcours (`exclure`, par exemple les fichiers d'essai d'un dépôt). copc en lit un petit sous-ensemble de TOML : commentaires `#`, clés simples, `=`, chaînes `"…"` ou `'…'`, listes de chaînes sur une ou plusieurs lignes. Ce qu'il ne sait pas lire est signalé avec la ligne et la colonne, sans jamais citer le texte du fichier (hors une clé simple) ; la partie lisible est appliquée. Un `copc.toml` qui est un lien symbolique n'est pas lu.

            Exemple :
                exclure = "Tests"      # ← COP003 : « exclure » attend une liste de chaînes

            Correction :
                exclure = ["Tests", "archives/2019"]

            Les chemins sont relatifs au dossier de `copc.toml`, sans `..`. Un dossier exclu n'est plus parcouru quand on vérifie un dossier qui le contient, ni cherché pour le contexte d'un fichier nommé seul ; nommé lui-même (`copc check Tests/cas`), il est vérifié.
            """),
        RuleDescriptor(
            code: .cop004, severity: .warning,
            title: "repère d'espace de travail d'un autre utilisateur ignoré",
            name: "UntrustedWorkspaceMarker",
            explanation: """
            COP004 — repère d'espace de travail d'un autre utilisateur ignoré (avertissement)

            La racine de l'espace de travail — le dossier hors duquel copc ne lit rien — est le plus proche dossier qui contient un `copc.toml` ou un `.git`. Un repère qui appartient à un autre utilisateur que vous (ou root), ou qui se trouve dans un dossier qui lui appartient, n'est pas pris en compte : sinon, quiconque peut écrire dans un dossier parent partagé (`/tmp`) y poserait un `copc.toml` et ferait entrer ses propres fichiers — un avenant, un annuaire — dans vos contrats. C'est la règle de git pour `safe.directory` (CVE-2022-24765). copc continue sa recherche plus haut ; sans autre repère, la racine est le dossier vérifié lui-même.

            Exemple (un `copc.toml` déposé dans `/tmp` par l'utilisateur n° 1001) :
                /tmp/copc.toml                 # ← COP004 : repère d'espace de travail ignoré
                /tmp/mon-contrat/contrat.cop   # copc check /tmp/mon-contrat/contrat.cop

            Correction : si ce dossier est bien le vôtre (un dépôt extrait par un autre compte, dans un conteneur de CI), faites-lui confiance : `COPC_REPERTOIRES_SURS=/chemin/du/depot` (plusieurs dossiers séparés par `:`, ou `*` pour tous) ; sinon, supprimez le repère ou travaillez ailleurs.
            """),
        RuleDescriptor(
            code: .cop100, severity: .error,
            title: "caractère inattendu",
            name: "UnexpectedCharacter",
            explanation: """
            COP100 — caractère inattendu (erreur)

            copc a rencontré un caractère qui ne peut commencer ni un mot-clé, ni un identifiant, ni un nombre, ni une chaîne, ni un commentaire. C'est presque toujours une marque de liste tapée à la main (astérisque « * », case « [ ] »), un point-virgule, une accolade, une arobase ou un signe « = ». Les puces, guillemets anglais et caractères invisibles d'un copier-coller depuis un traitement de texte (« • », « “ … ” », U+200B) sont, eux, signalés par COP110 et lus comme corrigés ; d'autres caractères non ASCII (flèche « → ») se lisent comme un mot et donnent plutôt COP102 ou COP104. Le caractère rend la ligne illisible pour copc : l'élément qu'elle porte n'est pas compris tel que le rédacteur l'a voulu.

            Exemple :
                objectif 1.1 « Se doter des pré-requis pour élaborer une GPMC »
                  pilote : DGOS
                * action 1.1.1 « Élaborer une gestion prévisionnelle des métiers et des compétences »   # ← COP100
                  délai : fin 2023

            Correction : supprimez le caractère. S'il doit figurer dans le contrat, placez-le dans un titre ou un texte entre guillemets (`« … »`, `"…"`, bloc `\"""`) ou dans un commentaire `#`.
            """),
        RuleDescriptor(
            code: .cop101, severity: .error,
            title: "chaîne ou bloc de texte non terminé",
            name: "UnterminatedText",
            explanation: """
            COP101 — chaîne ou bloc de texte non terminé (erreur)

            Une chaîne ouverte par `«` ou `"` n'est pas refermée avant la fin de la ligne, ou un bloc de texte ouvert par `\"""` n'a pas de `\"""` fermant avant la fin du fichier. Sans la fermeture, copc ne sait pas où finit le texte et où reprennent les éléments : le titre et ce qui le suit ne peuvent pas être lus correctement.

            Exemple :
                # ↓ COP101 : le guillemet fermant « » » manque ; la suite de la ligne serait lue comme du titre
                action 1.1.2 « Mettre en place un système d'information partagé de GPMC
                  délai (directeurs) : fin 2022
                  délai (praticiens) : début 2024

            Correction : refermez la chaîne (`»` ou `"`) sur la même ligne, ou ajoutez le `\"""` fermant du bloc de texte. Dans une chaîne `"…"`, un guillemet intérieur s'écrit `\\"` et une barre oblique inverse `\\\\` ; les guillemets français `« … »` évitent ces échappements.
            """),
        RuleDescriptor(
            code: .cop102, severity: .error,
            title: "élément de syntaxe inattendu",
            name: "UnexpectedSyntax",
            explanation: """
            COP102 — élément de syntaxe inattendu (erreur)

            La ligne ne suit pas la forme attendue à cet endroit, et le message dit ce qui était attendu : le `:` après une clé, un identifiant après `action` ou `indicateur`, un titre entre guillemets, `au contrat` dans l'en-tête d'un avenant… Seuls `axe`, `objectif` et `sous-objectif` peuvent n'avoir qu'un titre ; `action` et `indicateur` exigent un identifiant, sans lequel aucun avenant ne pourrait les viser. copc reprend l'analyse à la ligne suivante qui commence par un mot-clé, pour que le reste du fichier soit vérifié.

            Exemple :
                objectif 1.1 « Se doter des pré-requis pour élaborer une GPMC »
                  pilote : DGOS
                action « Cartographier les forces et faiblesses de la situation actuelle »   # ← COP102 : identifiant attendu
                  délai : T1 2022
                indicateur 1.1.a « Niveau de conformité des pratiques des établissements »
                  unité %                                                               # ← COP102 : « : » attendu

            Correction : complétez la ligne comme l'indique le message (`action 1.1.1 « … »`, `unité : %`).
            """),
        RuleDescriptor(
            code: .cop103, severity: .error,
            title: "nombre, date, période, délai ou valeur invalide",
            name: "InvalidValue",
            explanation: """
            COP103 — nombre, date, période, délai ou valeur invalide (erreur)

            La valeur est à sa place mais n'a aucune des formes reconnues : date impossible (31 février), trimestre `T5`, nombre mal écrit (`2,2,5`), lettre O à la place du chiffre 0, délai ou valeur de cible hors des formes reconnues (la référence du langage, docs/langage.md dans le dépôt de copc, les liste toutes ; le message propose la forme acceptée la plus proche). copc ne peut alors ni calculer la fenêtre du délai ni interpréter la cible, si bien que les contrôles qui en dépendent (période, unité, sens) ne s'appliquent pas à cette valeur.

            Exemple :
                contrat COP-CNG « Contrat d'objectifs et de performance du CNG 2021-2025 »
                  période : 2021 .. 2025
                  signé le : 31/02/2021            # ← COP103 : le 31 février n'existe pas
                …
                action 2.1.2 « Faire de l'évaluation des directeurs un outil de développement professionnel »
                  délai (directeurs) : T5 2021     # ← COP103 : trimestres T1 à T4
                  délai (praticiens) : fin 2O22    # ← COP103 : lettre O au lieu du zéro

            Correction : employez une forme reconnue. Dates : `2024-12-31`, `31/12/2024`, `31 décembre 2024`, `1er juillet 2018`. Délais : `2022`, `T1 2022`, `S2 2021`, `2e trimestre 2022`, `début 2024`, `mi 2023`, `fin 2023`, `juin 2023`, `2023 .. 2024`, `à partir de 2022`, `d'ici fin 2023`, `tout au long du contrat`, `selon SDSI`. Nombres : `4 000`, `2,29`, `-2,806 M€`. Si le délai n'est pas encore connu, écrivez `à préciser` (COP307) plutôt qu'un texte libre.

            Une cible relative (`+2 points`, `+5 % par an`, `maintien`, `+10 % par rapport à 2023`) dont l'année de départ n'a pas de cible chiffrée — absente, `à fixer par avenant` ou `sans objet`, ou sans `base` pour la première année — ne peut pas être calculée : COP103 aussi, avec ce qui était attendu. Ce cas est jugé sur la version en vigueur, comme COP302 : l'avenant qui chiffre l'année manquante répare la chaîne. Un `poids` qui n'est ni une fraction (`1/3`) ni un pourcentage (`20 %`) au plus égal à 1 est aussi COP103.
            """),
        RuleDescriptor(
            code: .cop104, severity: .error,
            title: "propriété inconnue pour cet élément",
            name: "UnknownProperty",
            explanation: """
            COP104 — propriété inconnue pour cet élément (erreur)

            La clé de la ligne `clé : valeur` n'existe pas pour ce genre d'élément : faute de frappe, ou propriété d'un autre genre d'élément (`unité` sur une action, `délai` sur un indicateur). Le message propose la clé valide la plus proche. Une clé mal écrite n'est rattachée à rien : le délai ou la cible qu'elle porte échapperait à tous les contrôles.

            Exemple :
                action 1.2.1 « Enrichir les cartographies des métiers et des emplois »
                  delais (directeurs) : fin 2022   # ← COP104 : vouliez-vous dire « délai » ?
                  unité : %                        # ← COP104 : « unité » s'emploie sur un indicateur

            Correction : corrigez la clé comme suggéré (les accents sont facultatifs : `delai` = `délai`), ou déplacez la propriété sous l'élément auquel elle appartient.
            """),
        RuleDescriptor(
            code: .cop105, severity: .error,
            title: "élément mal placé",
            name: "MisplacedElement",
            explanation: """
            COP105 — élément mal placé (erreur)

            L'élément est bien écrit mais ne peut pas figurer à cet endroit : une `action` avant tout `objectif` (elle n'aurait pas de parent), `modifier`, `ajouter` ou `supprimer` dans un fichier de contrat (ces changements n'existent que dans un avenant), un second `contrat` dans le même fichier (un fichier contient un seul contrat, avenant ou annuaire), ou une ligne `cible` sur un indicateur déclaré `cibles : déclinées` (ses cibles sont fixées par chaque contrat décliné, par exemple chaque CPOM régional). Accepter ces lignes rendrait l'arbre du contrat ou la suite de ses versions ambiguë.

            Exemple :
                contrat CPOM-ARS-CADRE « Cadre national des CPOM État – ARS 2024-2028 »
                  période : 2024 .. 2028
                action 2.1.1 « Déployer les programmes de compétences psychosociales »   # ← COP105 : aucun objectif ouvert
                  délai : 2026
                objectif 2 « Renforcer la place de la prévention dans le quotidien des Français »
                indicateur 2.c.1 « Taux de couverture des filles de 15 ans à la vaccination HPV »
                  unité : %
                  cibles : déclinées
                  cible 2025 : 45 %                # ← COP105 : cibles fixées par chaque CPOM régional
                modifier action 1.1.2              # ← COP105 : réservé aux fichiers d'avenant

            Correction : placez l'action après l'`objectif` (ou le `sous-objectif`) dont elle relève ; déplacez `modifier`, `ajouter` et `supprimer` dans un fichier `avenant N au contrat ID` ; mettez chaque contrat dans son propre fichier ; retirez la ligne `cible`, ou la propriété `cibles : déclinées` si le contrat fixe bien lui-même les cibles.
            """),
        RuleDescriptor(
            code: .cop106, severity: .error,
            title: "propriété obligatoire manquante",
            name: "MissingRequiredProperty",
            explanation: """
            COP106 — propriété obligatoire manquante (erreur)

            Un élément n'a pas une propriété sans laquelle il ne peut pas être vérifié ; le message nomme la propriété manquante. Le cas le plus courant est un contrat sans `période` : sans elle, aucun délai, aucune année de cible et aucune signature d'avenant ne peut être comparé à la durée du contrat.

            Exemple :
                contrat COP-CNG « Contrat d'objectifs et de performance du CNG 2021-2025 »   # ← COP106 : « période » manquante
                  type : COP
                  organisme : CNG
                  signé le : 2021-03-12

            Correction : ajoutez la propriété nommée, ici `période : 2021 .. 2025` (ou `période : 2021-01-01 .. 2025-12-31`).
            """),
        RuleDescriptor(
            code: .cop107, severity: .error,
            title: "propriété en double",
            name: "DuplicateProperty",
            explanation: """
            COP107 — propriété en double (erreur)

            La même propriété est donnée deux fois sur un même élément : deux lignes `unité`, deux `délai (directeurs)` sur une action, deux `délai` sans libellé, deux `cible 2023` de même libellé — y compris quand une plage comme `cible 2022 .. 2024` couvre déjà l'année. Les propriétés à clé peuvent se répéter si la clé diffère (`délai (directeurs)` et `délai (praticiens)`, `cible 2023` et `cible 2023 (directeurs)`). Avec deux valeurs, personne ne peut dire laquelle engage les signataires. Le contrôle vaut aussi dans un bloc `modifier` d'avenant.

            Exemple :
                objectif 1.3 « Contribuer à mettre en adéquation offre et demande à l'échelle des territoires »
                action 1.3.1 « Dématérialiser les procédures de recrutement »
                  délai (directeurs) : 2023
                  délai (directeurs) : 2024        # ← COP107
                indicateur 1.3.a « Proportion de postes difficiles à pourvoir publiés via des outils modernes »
                  unité : %
                  unité : nombre                   # ← COP107
                  cible 2022 .. 2024 : 50 %
                  cible 2023 : 60 %                # ← COP107 : 2023 est déjà couverte par la plage

            Correction : gardez une seule ligne par clé ; distinguez les valeurs par un libellé (`délai (praticiens)`, `cible 2023 (directeurs)`) ; découpez la plage (`cible 2022 : 50 %`, `cible 2023 : 60 %`, `cible 2024 : 50 %`). Plusieurs référents s'écrivent sur une seule ligne : `pilote : DGOS, DGS`.
            """),
        RuleDescriptor(
            code: .cop108, severity: .warning,
            title: "nombre ambigu : point suivi de trois chiffres",
            name: "AmbiguousDecimalPoint",
            explanation: """
            COP108 — nombre ambigu : point suivi de trois chiffres (avertissement)

            Un nombre écrit avec un point suivi d'exactement trois chiffres, comme `1.500`, a deux lectures en français : mille cinq cents (le point séparant les milliers, à l'ancienne ou à l'allemande) ou un virgule cinq (le point décimal à l'anglaise). copc le lit comme un nombre décimal, 1,5 ; si c'était mille cinq cents, la cible est fausse d'un facteur mille sans qu'aucun autre contrôle ne le voie.

            Exemple :
                indicateur 2.a « Nombre de dossiers instruits »
                  unité : nombre
                  cible 2024 : 1.500     # ← COP108 : lu 1,5 ; s'il s'agit de 1 500, écrivez 1 500

            Correction : écrivez le nombre sans ambiguïté : `1 500` (une espace entre les milliers) pour mille cinq cents, `1,5` (virgule décimale) pour un virgule cinq.
            """),
        RuleDescriptor(
            code: .cop109, severity: .note,
            title: "délai sans libellé remplaçant des délais libellés",
            name: "BareDeadlineReplacesLabelled",
            explanation: """
            COP109 — délai sans libellé remplaçant des délais libellés (note)

            Dans un bloc `modifier` d'avenant, une ligne `délai` sans libellé remplace tous les délais de l'action, y compris ceux qui portent un libellé (`délai (directeurs)`, `délai (praticiens)`). C'est souvent voulu (un délai unique pour tous), mais un rédacteur qui voulait seulement changer l'un d'eux perd les autres sans s'en apercevoir : la note nomme les délais remplacés.

            Exemple :
                # contrat
                action 1.1.2 « Mettre en place un système d'information »
                  délai (directeurs) : fin 2022
                  délai (praticiens) : début 2024
                # avenant
                modifier action 1.1.2
                  délai : fin 2024       # ← COP109 : remplace délai (directeurs) et délai (praticiens)

            Correction : si un seul délai change, donnez son libellé (`délai (praticiens) : fin 2024`) ; si le délai unique est voulu, la note peut être ignorée, ou tue avec `# copc: ignorer COP109`.
            """),
        RuleDescriptor(
            code: .cop110, severity: .warning,
            title: "caractère de traitement de texte",
            name: "WordProcessorCharacter",
            explanation: """
            COP110 — caractère de traitement de texte (avertissement)

            Un texte collé depuis Word, LibreOffice ou une page web apporte des caractères que la correction automatique y a mis et que le langage ne connaît pas hors d'un texte : des guillemets anglais « “ » et « ” » (ou « ‘ » et « ’ », « ‹ » et « › ») autour d'un titre, une puce de liste (« • », « ▪ », « ◦ », « – »…) en début de ligne, un caractère invisible (espace sans chasse U+200B, trait d'union conditionnel U+00AD, gluon de mots U+2060) collé à un mot. copc les signale un par un, en nommant le caractère et son remplacement, et lit la ligne comme si elle était corrigée : le titre entre guillemets anglais est un titre, la ligne à puce est lue sans sa puce, le caractère invisible est une espace. Rien d'autre n'est donc signalé à cause d'eux ; mais le fichier n'est pas écrit dans le langage tant qu'ils y restent. Au-delà de 20 dans un fichier, ils sont comptés sans être détaillés.

            Les espaces insécables (avant « : », « % », à l'intérieur des « » ou entre les milliers), les tabulations et l'apostrophe typographique « ’ » dans un mot (« d’effet ») sont, eux, de la typographie française ou de la mise en page : copc les lit comme des espaces ou comme l'apostrophe, sans rien signaler. Dans un texte entre guillemets, tout caractère est gardé tel quel.

            Exemple (collé depuis Word) :
                contrat COP-OFE “Contrat d'objectifs de l'Office”      # ← COP110 : écrivez « … »
                objectif 1.1 « Raccourcir les délais »
                • action 1.1.1 « Publier un guide des demandes »       # ← COP110 : puce ignorée
                  délai : fin 2023

            Correction : `copc fmt` remplace les guillemets par « … » et retire les puces et les caractères invisibles ; relisez le résultat. À la main : supprimez la puce, remplacez les guillemets. Pour que Word n'en mette plus : Fichier › Options › Vérification › Options de correction automatique › Lors de la frappe, décochez « Guillemets "normaux" par des guillemets “typographiques” » et les listes à puces automatiques.
            """),
        RuleDescriptor(
            code: .cop200, severity: .error,
            title: "identifiant en double",
            name: "DuplicateIdentifier",
            explanation: """
            COP200 — identifiant en double (erreur)

            Deux éléments du même genre portent le même identifiant dans une même version du contrat. Les avenants désignent les éléments par `GENRE ID` : avec deux `action 1.1.2`, `modifier action 1.1.2` serait ambigu. Deux genres différents peuvent partager un identifiant (`objectif 2` et `indicateur 2`). Le contrôle porte aussi sur chaque version consolidée : un `ajouter` qui reprend un identifiant existant est signalé.

            Exemple :
                objectif 1.1 « Se doter des pré-requis pour élaborer une GPMC »
                  pilote : DGOS
                action 1.1.1 « Élaborer une gestion prévisionnelle des métiers et des compétences »
                  délai : fin 2023
                action 1.1.1 « Mettre en place un système d'information partagé »   # ← COP200
                  délai : fin 2022

            Correction : renumérotez (`action 1.1.2`). Si le document source numérote lui-même deux tableaux à partir de 1, qualifiez les identifiants (`TF-1`, `SUP-1`) et dites-le dans un commentaire. Dans un avenant, utilisez `modifier` et non `ajouter` pour un élément qui existe déjà.
            """),
        RuleDescriptor(
            code: .cop201, severity: .error,
            title: "référent ou plan non défini",
            name: "UndefinedReferentOrPlan",
            explanation: """
            COP201 — référent ou plan non défini (erreur)

            Un nom de référent (après `pilote`, `co-pilote`, `référent`, `fournisseur`, `organisme`, `signataires`, `rattachement`) ou de plan (dans `selon PLAN`) n'est déclaré ni dans le fichier ni dans un fichier importé par `utilise`. Le message propose le nom déclaré le plus proche. C'est en général une faute de frappe ou un annuaire non importé ; un délai `selon` un plan inconnu n'a pas de fenêtre, et un pilote inconnu ne désigne personne.

            Exemple :
                contrat COP-CNG « Contrat d'objectifs et de performance du CNG 2021-2025 »
                  période : 2021 .. 2025
                  utilise « ../annuaire/ministeres.cop »
                objectif 4.1 « Opérer la transformation numérique du CNG »
                  pilote : DGSO                    # ← COP201 : vouliez-vous dire DGOS ?
                action 4.1.1 « Élaborer le schéma directeur des systèmes d'information »
                  délai : selon SDSI               # ← COP201 : plan SDSI non déclaré

            Correction : corrigez le nom, ou déclarez-le : `référent DGOS « Direction générale de l'offre de soins »`, `plan SDSI « Schéma directeur des systèmes d'information »` avec sa `période`, dans le fichier ou dans un annuaire importé par `utilise`. Si le référent n'est pas encore connu, écrivez `à déterminer` (note COP208).
            """),
        RuleDescriptor(
            code: .cop202, severity: .error,
            title: "identifiant incohérent avec son parent",
            name: "IdentifierInconsistentWithParent",
            explanation: """
            COP202 — identifiant incohérent avec son parent (erreur)

            En numérotation hiérarchique (par défaut), un identifiant à plusieurs composants (`1.1.2`, `8.a`, `2.c.1`) doit commencer par l'identifiant de son plus proche ancêtre numéroté ; `.` et `-` sont équivalents (`2-1` = `2.1`). Cet ancêtre n'est pas forcément le parent immédiat : `1.e.1` sous l'objectif 1 est valide même si sa thématique n'est pas numérotée. Les identifiants sans séparateur (`E004`, `A005bis`, `F12`) et ceux dont le préfixe n'est pas numérique (`TF-3`) ne sont pas contrôlés. Un indicateur 8.a rangé sous l'objectif 7 est soit mal numéroté, soit mal placé, et un avenant qui le vise hérite de l'erreur.

            Exemple :
                objectif 7 « Renforcer la veille et la sécurité sanitaires »
                  pilote : DGS
                indicateur 8.a « Taux de signalements traités dans les délais »   # ← COP202 : rangé sous l'objectif 7

            Correction : décidez lequel est juste. Renumérotez (`indicateur 7.a`), ou placez l'indicateur sous l'objectif 8 (après la ligne `objectif 8`, ou avec `dans objectif 8`). Si le contrat suit une autre logique de numérotation, déclarez `numérotation : libre` sur le contrat.
            """),
        RuleDescriptor(
            code: .cop203, severity: .warning,
            title: "trou dans la numérotation",
            name: "NumberingGap",
            explanation: """
            COP203 — trou dans la numérotation (avertissement)

            Parmi les éléments d'un même genre qui partagent un préfixe, un numéro ou une lettre manque : `1.c` puis `1.e`, `A053` puis `A055`. L'avertissement est porté par l'élément qui suit le trou. Les suffixes `bis`, `ter`, `quater` sont ignorés, et `1.e.1` compte comme membre `e` du groupe `1` quand aucun élément ne s'appelle `1.e` : c'est ainsi qu'un `1.d` absent entre `1.c` et `1.e.1` est signalé. Un trou trahit souvent un élément perdu à la transcription, ou une erreur de numérotation que tous les avenants reprendront.

            Exemple :
                objectif 1 « Développer des environnements favorables à la santé »
                  pilote : DGS
                indicateur 1.c « Part des logements indignes ayant fait l'objet d'un arrêté d'insalubrité »
                indicateur 1.e.1 « Taux d'épidémies évitées en métropole »   # ← COP203 : 1.d manquant

            Correction : ajoutez l'élément manquant s'il a été oublié, ou renumérotez si le contrat n'est pas encore signé. Si vous transcrivez un document signé qui saute réellement ce numéro, gardez sa numérotation (les avenants la citeront) et signalez-le :
                # Le CPOM signé ne comporte pas d'indicateur 1.d.
                # copc: ignorer COP203
                indicateur 1.e.1 « Taux d'épidémies évitées en métropole »
            """),
        RuleDescriptor(
            code: .cop204, severity: .warning,
            title: "numérotation dans le désordre",
            name: "NumberingOutOfOrder",
            explanation: """
            COP204 — numérotation dans le désordre (avertissement)

            Des éléments frères d'un même genre et d'un même préfixe n'apparaissent pas dans l'ordre de leurs numéros : `3.d` avant `3.c`. L'avertissement est porté par l'élément qui arrive après un numéro plus grand (ici `3.c`). L'ordre ne change pas le sens du contrat, mais le lecteur s'y fie pour retrouver un élément, et un désordre signale souvent un élément déplacé par erreur lors d'un copier-coller.

            Exemple :
                objectif 3 « Améliorer l'accès aux soins »
                  pilote : DGOS
                indicateur 3.d « Part de la population vivant dans une zone d'intervention prioritaire »
                indicateur 3.c « Nombre de centres de santé pluriprofessionnels »   # ← COP204 : vient après 3.d

            Correction : remettez les éléments dans l'ordre. Si le document signé les présente ainsi et que vous le transcrivez fidèlement, ajoutez `# copc: ignorer COP204` sur la ligne au-dessus de l'élément signalé.
            """),
        RuleDescriptor(
            code: .cop205, severity: .error,
            title: "l'avenant vise un élément inexistant",
            name: "AvenantTargetsMissingElement",
            explanation: """
            COP205 — l'avenant vise un élément inexistant (erreur)

            Un `modifier GENRE ID` ou `supprimer GENRE ID` de l'avenant N vise un élément absent de la version consolidée après l'avenant N-1 (le contrat tel que signé pour l'avenant 1) : identifiant mal écrit, mauvais genre (`action` pour `indicateur`), élément déjà supprimé par un avenant précédent, ou ajouté seulement par un avenant suivant. Le changement ne peut pas s'appliquer : la version consolidée ne serait pas celle que les signataires ont voulue.

            Exemple :
                avenant 2 au contrat COP-CNG « Report de délais »
                  signé le : 2023-06-30
                modifier action 1.1.5              # ← COP205 : le COP ne contient pas d'action 1.1.5
                  délai : fin 2024
                supprimer action 2.1.3             # ← COP205 : déjà supprimée par l'avenant 1
                  motif : « Mesure législative abrogée »

            Correction : vérifiez le genre et l'identifiant dans la version à laquelle l'avenant s'applique (`copc emit --version 1` pour l'avenant 2). Pour créer un élément, utilisez `ajouter GENRE ID « titre »`.
            """),
        RuleDescriptor(
            code: .cop206, severity: .error,
            title: "fichier importé introuvable, hors de l'espace de travail ou cyclique",
            name: "UnresolvedImport",
            explanation: """
            COP206 — fichier importé introuvable, hors de l'espace de travail ou cyclique (erreur)

            Le fichier d'une ligne `utilise « chemin »` n'existe pas (le chemin est relatif au fichier qui l'importe), sort de l'espace de travail (la racine du dépôt ou le dossier du `copc.toml` le plus proche, voir `copc expliquer COP004`), forme un cycle (a utilise b qui utilise a), ou n'est pas un fichier de contrat : `utilise` n'ouvre qu'un fichier `.cop` hors de tout dossier caché (jamais `.env`, `.git/config`, ni un lien qui y mène), et un fichier ouvert qui ne déclare ni contrat ni annuaire est signalé une seule fois, sans qu'aucune de ses lignes soit citée. Sans ce fichier, les référents et plans qu'il déclare manquent et chaque usage devient un COP201 ; hors de l'espace de travail, le résultat dépendrait de fichiers que le relecteur n'a pas.

            Exemple :
                contrat CPOM-ARS-BRE « CPOM État – ARS Bretagne 2024-2028 »
                  période : 2024 .. 2028
                  utilise « ../annuaire/ministere.cop »          # ← COP206 : fichier introuvable
                  utilise « ../../partage/referents.cop »        # ← COP206 : hors de l'espace de travail
                  utilise « ../.env »                            # ← COP206 : n'est pas un fichier de contrat

            Correction : corrigez le chemin relativement au fichier importateur ; lancez copc depuis un dossier qui contient le contrat et l'annuaire (`copc check .` à la racine du dépôt) ou copiez l'annuaire dans l'espace de travail. Pour un cycle, regroupez les référents communs dans un annuaire qui n'importe rien.
            """),
        RuleDescriptor(
            code: .cop207, severity: .error,
            title: "suppression laissant une référence pendante",
            name: "RemovalLeavesDanglingReference",
            explanation: """
            COP207 — suppression laissant une référence pendante (erreur)

            Un `supprimer` d'avenant retire un élément encore cité dans la version qui en résulte : un référent encore `pilote`, `fournisseur` ou `rattachement` d'un autre, un plan encore utilisé par un délai `selon PLAN`. La version consolidée contiendrait un nom qui ne désigne plus rien.

            Exemple :
                avenant 3 au contrat COP-CNG « Réorganisation des services de la DGOS »
                  signé le : 2024-02-15
                supprimer référent DGOS.SDRH       # ← COP207 : encore pilote de l'objectif 2.1
                  motif : « Sous-direction réorganisée »

            Correction : dans le même avenant, réattribuez aussi ce qui le cite, par exemple :
                modifier objectif 2.1
                  pilote : DGOS
            ou renoncez à la suppression.
            """),
        RuleDescriptor(
            code: .cop208, severity: .note,
            title: "référent à déterminer",
            name: "ReferentToBeDetermined",
            explanation: """
            COP208 — référent à déterminer (note)

            Un référent est écrit `à déterminer`, comme « À déterminer » dans les tableaux de référents des CPOM. C'est permis : il s'agit d'une note, qui ne change pas le code de sortie, même avec `--strict`. Elle sert de liste de suivi : chaque note est un pilote ou un fournisseur que quelqu'un doit encore désigner.

            Exemple :
                objectif 5 « Garantir la qualité et la sécurité des prises en charge »
                  pilote : DGOS
                  référent : à déterminer          # ← COP208

            Correction : aucune tant que le référent n'est pas connu. Une fois désigné, inscrivez-le par avenant :
                modifier objectif 5
                  référent : DGOS.SDRH
            """),
        RuleDescriptor(
            code: .cop209, severity: .error,
            title: "l'avenant vise un contrat inconnu",
            name: "AvenantForUnknownContract",
            explanation: """
            COP209 — l'avenant vise un contrat inconnu (erreur)

            L'identifiant de `avenant N au contrat ID` ne correspond à aucun contrat parmi les fichiers vérifiés ; le message propose l'identifiant de contrat le plus proche. Soit l'identifiant est mal écrit, soit le fichier du contrat n'est pas dans les chemins donnés à copc. Sans son contrat, l'avenant ne peut pas être appliqué et aucun de ses changements n'est vérifié.

            Exemple :
                avenant 1 au contrat COP-CGN « Fixation des cibles des indicateurs »   # ← COP209 : vouliez-vous dire COP-CNG ?
                  signé le : 2022-06-30

            Un avenant ou un bilan appartient au contrat déclaré dans son dossier ou dans le plus proche dossier au-dessus qui en déclare un du même identifiant ; un contrat du même identifiant déclaré ailleurs (un dossier voisin, des fichiers d'essai) est un autre contrat. Si le contrat n'est déclaré qu'ailleurs, le message le dit (« déclaré hors du dossier de ce fichier ») et une note montre la déclaration.

            Correction : corrigez l'identifiant, ou vérifiez le contrat avec ses avenants : `copc check contrats/cng/` ; rangez l'avenant dans le dossier de son contrat ou dans un de ses sous-dossiers.
            """),
        RuleDescriptor(
            code: .cop210, severity: .error,
            title: "contrat précédent inconnu",
            name: "PredecessorUnknown",
            explanation: """
            COP210 — contrat précédent inconnu (erreur)

            Un contrat dit quel contrat il renouvelle : `succède à : COP-ONF-2016-2020`. L'identifiant doit être celui d'un contrat déclaré dans l'espace de travail vérifié (le dossier donné à copc, ou la racine de l'espace de travail quand un fichier est nommé seul) ; le message propose l'identifiant le plus proche. Un contrat ne se succède pas à lui-même. Sans son prédécesseur, le portefeuille (`copc portefeuille`) ne peut pas dire qu'un contrat échu a été renouvelé : il le compte « expiré sans successeur ».

            Exemple :
                contrat COP-ONF-2021-2025 « Contrat d'objectifs et de performance de l'ONF 2021-2025 »
                  organisme : ONF
                  succède à : COP-ONF-2016-2O20   # ← COP210 : vouliez-vous dire COP-ONF-2016-2020 ?
                  période : 2021 .. 2025

            Correction : corrigez l'identifiant, ou ajoutez au dépôt le fichier du contrat précédent (même sans ses axes : son en-tête et sa période suffisent au portefeuille). Si le contrat précédent n'a jamais été transcrit, retirez la ligne `succède à`.
            """),
        RuleDescriptor(
            code: .cop211, severity: .warning,
            title: "période chevauchant celle du contrat précédent",
            name: "PredecessorPeriodOverlaps",
            explanation: """
            COP211 — période chevauchant celle du contrat précédent (avertissement)

            Un contrat qui `succède à` un autre commence normalement après la fin de celui-ci : deux contrats du même organisme en vigueur la même année laissent la tutelle sans savoir quels objectifs s'appliquent. La période comparée est, de part et d'autre, celle de la dernière version consolidée (une prorogation par avenant compte). Le message donne les deux périodes ; une note montre la période du contrat précédent. Un contrat précédent qui commence après celui-ci est signalé de même : l'ordre de succession est sans doute inversé.

            Exemple :
                contrat COP-ONF-2016-2020 « … »
                  période : 2016 .. 2020
                avenant 1 au contrat COP-ONF-2016-2020 « Prorogation d'un an »
                  signé le : 2020-11-30
                modifier contrat
                  période : 2016 .. 2021
                contrat COP-ONF-2021-2025 « … »
                  succède à : COP-ONF-2016-2020   # ← COP211 : 2021 est couverte par les deux contrats
                  période : 2021 .. 2025

            Correction : corrigez l'une des deux périodes ; si les deux contrats s'appliquent réellement la même année (prorogation votée après la signature du suivant), gardez l'avertissement comme trace, ou taisez-le avec `# copc: ignorer COP211` et un commentaire qui cite les textes.
            """),
        RuleDescriptor(
            code: .cop212, severity: .note,
            title: "organisme sans contrat en vigueur",
            name: "BodyWithoutContract",
            explanation: """
            COP212 — organisme sans contrat en vigueur (note)

            Ce contrôle est propre au portefeuille. Un annuaire déclare les organismes qui doivent avoir un contrat : `organisme ONF « Office national des forêts »` avec `contrat attendu : oui`. Le portefeuille (`copc portefeuille DOSSIER --au DATE`) signale d'une note chaque organisme attendu qu'aucun contrat en vigueur à cette date ne nomme (`organisme : ONF`, la période de la version en vigueur contenant la date). Le message dit si l'organisme a eu un contrat, et quand il a pris fin. `copc check` ne l'émet pas : un dépôt vérifié chaque jour ne doit pas changer de verdict avec le calendrier ; c'est une information de suivi pour la tutelle, qui figure aussi comme une ligne du tableau de bord.

            Exemple :
                annuaire ANNUAIRE-MASA « Opérateurs du ministère »
                organisme ONF « Office national des forêts »   # ← COP212 avec --au 2026-03-01 si le dernier contrat de l'ONF s'achève en 2025
                  catégorie : EPIC
                  tutelle : MASA, MTE
                  contrat attendu : oui

            Correction : ajoutez le contrat de l'organisme (`contrat … organisme : ONF`), ou le contrat qui renouvelle le précédent ; si l'organisme n'est plus tenu d'en avoir un, écrivez `contrat attendu : non`.
            """),
        RuleDescriptor(
            code: .cop300, severity: .error,
            title: "délai hors de la période du contrat",
            name: "DeadlineOutsidePeriod",
            explanation: """
            COP300 — délai hors de la période du contrat (erreur)

            La fenêtre d'un délai (`délai` d'une action ou d'une `étape`) finit après la fin de la période du contrat, ou commence avant son début. La fenêtre se calcule ainsi : `fin 2026` est le 4e trimestre 2026, `2022` l'année entière, `à partir de X` commence au début de X, `d'ici X` finit à la fin de X, `selon PLAN` couvre la période du plan, et `tout au long du contrat` suit la période (y compris prorogée) et n'est donc jamais signalé. Le contrôle porte sur chaque version : un avenant qui déplace un délai ou raccourcit la période est vérifié aussi. Un engagement qui dépasse le contrat ne pourra pas être évalué au bilan final.

            Exemple :
                contrat COP-CNG « Contrat d'objectifs et de performance du CNG 2021-2025 »
                  période : 2021 .. 2025
                …
                action 1.3.2 « Créer des outils de communication entre l'offre et la demande »
                  délai (directeurs) : à partir de 2020   # ← COP300 : commence avant 2021
                  délai (praticiens) : fin 2026           # ← COP300 : finit après 2025

            Correction : corrigez le délai (`fin 2025`). Une fois le contrat signé, passez par un avenant : `modifier action 1.3.2` avec le nouveau `délai`, ou, si l'engagement se prolonge réellement, une prorogation (`modifier contrat` avec `période : 2021 .. 2026`). Si le texte signé porte réellement ce délai, transcrivez-le tel quel et corrigez-le par avenant ; `# copc: ignorer COP300`, accompagné d'un commentaire qui cite le texte, n'est légitime que pour garder fidèle la transcription d'un document signé.
            """),
        RuleDescriptor(
            code: .cop301, severity: .error,
            title: "année de cible ou de base hors de la période",
            name: "YearOutsidePeriod",
            explanation: """
            COP301 — année de cible ou de base hors de la période (erreur)

            Une `cible` porte sur une année (ou une plage d'années) hors de la période du contrat, ou une `base` porte sur une année postérieure à sa fin. La base peut précéder la période : `base 2019` dans un contrat 2021-2025 est normal. Une cible pour 2026 dans un contrat 2021-2025 ne sera jamais évaluée ; c'est une faute de frappe, ou le signe qu'une prorogation doit d'abord être signée.

            Exemple :
                contrat COP-CNG « Contrat d'objectifs et de performance du CNG 2021-2025 »
                  période : 2021 .. 2025
                …
                indicateur 2.1.a « Proportion des professionnels ciblés bénéficiant d'un entretien de carrière »
                  unité : %
                  base 2019 : 12 %                 # admis : la base peut précéder la période
                  cible 2021 .. 2023 : 40 %
                  cible 2024 .. 2026 : 60 %        # ← COP301 : 2026 est hors de 2021 .. 2025

            Correction : corrigez l'année (`cible 2024 .. 2025 : 60 %`). Si le contrat est prolongé, prorogez-le d'abord par avenant (`modifier contrat` avec `période : 2021 .. 2026`), puis fixez la cible de la nouvelle année.
            """),
        RuleDescriptor(
            code: .cop302, severity: .warning,
            title: "année sans cible",
            name: "YearWithoutTarget",
            explanation: """
            COP302 — année sans cible (avertissement)

            Une année de la période n'a ni cible, ni `sans objet` (ou `/`), ni `à fixer par avenant`, ni `suivi`. Un seul avertissement est émis par indicateur, qui liste toutes les années concernées. Il ne s'applique pas aux indicateurs `nature : suivi` ni à ceux déclarés `cibles : déclinées`. Une année vide ne se distingue pas d'un oubli et empêche le bilan annuel ; quand un avenant proroge le contrat, la nouvelle année doit être couverte elle aussi.

            Exemple :
                contrat COP-CNG « Contrat d'objectifs et de performance du CNG 2021-2025 »
                  période : 2021 .. 2025
                …
                indicateur 1.2.a « Taux d'évolution de la fréquentation des rubriques formation du site du CNG »   # ← COP302 : 2021, 2024, 2025
                  unité : %
                  sens : hausse
                  cible 2022 : 5 %
                  cible 2023 : 10 %

            Correction : donnez une valeur à chaque année, ou dites explicitement pourquoi il n'y en a pas : `cible 2021 : sans objet`, `cible 2024 .. 2025 : à fixer par avenant`, `cible 2024 : suivi` pour une année suivie sans valeur chiffrée. Un indicateur qui n'attend aucune cible se déclare `nature : suivi`.
            """),
        RuleDescriptor(
            code: .cop303, severity: .warning,
            title: "cible en attente d'avenant",
            name: "TargetPendingAvenant",
            explanation: """
            COP303 — cible en attente d'avenant (avertissement)

            Une cible est `à fixer par avenant` (forme courte : `avenant`) et aucun avenant ne l'a encore fixée dans la version en vigueur à la date `--au` ; c'est la formule « Les cibles des indicateurs feront l'objet d'un avenant au COP ». Un seul diagnostic est émis par indicateur, qui liste les années en attente. C'est un avertissement ; avec `--strict`, il devient une erreur dès qu'une des années en attente a commencé à la date `--au` (par défaut aujourd'hui). Une année entamée sans cible ne pourra pas être évaluée, et le relecteur voit quel avenant est en retard. Les indicateurs `cibles : déclinées` ne sont pas concernés.

            Exemple :
                contrat COP-CNG « Contrat d'objectifs et de performance du CNG 2021-2025 »
                  période : 2021 .. 2025
                …
                indicateur 1.1.a « Niveau de conformité des pratiques à la méthodologie du CNG »   # ← COP303 : 2021, 2022
                  unité : %
                  cible 2021 .. 2022 : à fixer par avenant
                  cible 2023 .. 2025 : sans objet

                $ copc check --strict --au 2022-03-01 contrats/cng/   # erreur : 2021 et 2022 ont commencé

            Correction : fixez les cibles par avenant :
                avenant 1 au contrat COP-CNG « Fixation des cibles des indicateurs »
                  signé le : 2022-06-30
                modifier indicateur 1.1.a
                  cible 2021 : sans objet
                  cible 2022 : 40 %
            Ne faites pas taire cet avertissement : c'est l'avenant qui le lève.
            """),
        RuleDescriptor(
            code: .cop304, severity: .error,
            title: "période invalide",
            name: "InvalidPeriod",
            explanation: """
            COP304 — période invalide (erreur)

            Une `période` finit avant de commencer : celle d'un contrat, d'un plan, ou celle qu'un avenant donne au contrat avec `modifier contrat`. C'est le plus souvent une inversion des bornes ou une confusion jour/mois dans une date. Aucun délai, aucune cible ni aucune signature ne peut être comparé à une période inversée.

            Exemple :
                contrat COG-CANSSM « Convention d'objectifs et de gestion de la CANSSM 2022-2024 »
                  période : 2024 .. 2022                   # ← COP304
                plan SDSI « Schéma directeur des systèmes d'information »
                  période : 2025-12-31 .. 2022-01-01       # ← COP304

            Correction : remettez les bornes dans l'ordre : `période : 2022 .. 2024`, `période : 2022-01-01 .. 2025-12-31`.
            """),
        RuleDescriptor(
            code: .cop305, severity: .error,
            title: "date de signature de l'avenant invalide",
            name: "InvalidAvenantSignatureDate",
            explanation: """
            COP305 — date de signature de l'avenant invalide (erreur)

            Le `signé le` d'un avenant tombe hors de la période du contrat telle qu'elle est avant cet avenant, ou n'est pas postérieur à la signature de l'avenant précédent. Un contrat échu ne se proroge plus : un avenant de prorogation doit être signé avant la fin de la période. Les avenants s'appliquent dans l'ordre de leurs numéros ; si les signatures ne suivent pas cet ordre, le numéro ou la date est faux et la version consolidée ne retrace pas l'histoire réelle du contrat.

            Exemple :
                # avenant-1.cop
                avenant 1 au contrat COP-CNG « Fixation des cibles des indicateurs »
                  signé le : 2022-06-30

                # avenant-2.cop
                avenant 2 au contrat COP-CNG « Report de délais »
                  signé le : 2022-03-15            # ← COP305 : avant l'avenant 1 (2022-06-30)

                # avenant-3.cop
                avenant 3 au contrat COP-CNG « Prorogation d'un an »
                  signé le : 2026-02-01            # ← COP305 : après la fin de la période (2025-12-31)

            Correction : corrigez la date (vérifiez l'ordre jour/mois), ou renumérotez les avenants dans l'ordre de leurs signatures. La date d'effet, si elle diffère, se donne à part avec `en vigueur le`.
            """),
        RuleDescriptor(
            code: .cop306, severity: .warning,
            title: "cible fixée pour une année déjà écoulée",
            name: "TargetSetForPastYear",
            explanation: """
            COP306 — cible fixée pour une année déjà écoulée (avertissement)

            Un avenant fixe une cible — une valeur ou `sans objet` — pour une année déjà terminée à sa date de signature (`signé le`). Fixer une cible après coup revient à la caler sur le résultat connu, et déclarer après coup `sans objet` une année écoulée revient à effacer un engagement qui n'a pas été tenu : le relecteur doit le voir. Remettre une année `à fixer par avenant` ne fixe rien et n'est pas signalé, pas plus que les années écoulées déclarées `sans objet` d'un indicateur que l'avenant ajoute.

            Exemple :
                avenant 2 au contrat COP-CNG « Révision des cibles »
                  signé le : 2023-03-15
                modifier indicateur 2.1.a
                  cible 2022 : 45 %                # ← COP306 : 2022 était écoulée le 2023-03-15
                  cible 2023 : 55 %

            Correction : fixez les cibles des années à venir seulement. Si la régularisation a été voulue par les signataires, dites-le avec un `motif : « … »` et ajoutez `# copc: ignorer COP306` sur la ligne au-dessus du `modifier`.
            """),
        RuleDescriptor(
            code: .cop307, severity: .warning,
            title: "délai à préciser",
            name: "DeadlineToBeSpecified",
            explanation: """
            COP307 — délai à préciser (avertissement)

            Un délai d'action ou d'étape est encore `à préciser` dans la version en vigueur à la date `--au` (aujourd'hui par défaut) : sa fenêtre est inconnue, donc copc ne peut pas vérifier qu'il tient dans la période (COP300), et l'action n'a pas d'échéance pour le suivi. Comme pour COP303, dès qu'un avenant en vigueur donne le délai, l'avertissement disparaît. C'est la formule « Les délais de réalisation seront précisés dans le cadre du programme de travail et pourront faire l'objet d'un avenant ».

            Exemple :
                action 1.3.3 « Positionner le CNG en conseil et aide à la décision pour les recruteurs »
                  délai : à préciser               # ← COP307

            Correction : donnez le délai dès qu'il est connu, par avenant une fois le contrat signé :
                modifier action 1.3.3
                  délai : fin 2023
            Une action menée en continu s'écrit `délai : tout au long du contrat`.
            """),
        RuleDescriptor(
            code: .cop400, severity: .error,
            title: "unité de cible incompatible",
            name: "IncompatibleTargetUnit",
            explanation: """
            COP400 — unité de cible incompatible (erreur)

            L'unité d'une cible ne correspond pas à l'`unité` de l'indicateur. Les dimensions sont : `%` ; la monnaie (`€`, `k€`, `M€`, `Md€`, échelles d'une même dimension) ; `nombre` ; les durées (`jours`, `mois`, `ans`) ; `m²` ; `oui/non` ; `texte`. Un nombre nu prend l'unité de l'indicateur ; une cible en texte libre (`« réalisation du diagnostic »`) convient à toute unité ; `équilibre`, `excédent` et `déficit` ne valent que pour la monnaie, `oui`, `non` et `réalisé` que pour `oui/non`. Un « Nombre de managers » ciblé en % ne mesure pas ce que dit son titre.

            Exemple :
                indicateur 2.2.a « Nombre de praticiens managers formés »
                  unité : nombre
                  cible 2023 : 500
                  cible 2024 : 80 %                # ← COP400 : % pour un indicateur en nombre
                  cible 2025 : réalisé             # ← COP400 : jalon pour un indicateur en nombre

            Correction : décidez de ce qui est mesuré. S'il s'agit d'un taux, passez l'indicateur en `unité : %` (et son titre en « Part de… ») ; sinon, exprimez la cible dans l'unité de l'indicateur (`cible 2024 : 650`).
            """),
        RuleDescriptor(
            code: .cop401, severity: .error,
            title: "cible relative sans base",
            name: "RelativeTargetWithoutBase",
            explanation: """
            COP401 — cible relative sans base (erreur)

            Une cible est relative à la base (`-20 % de la base`) mais l'indicateur n'a aucune ligne `base`. La valeur à atteindre ne peut pas être calculée, ni par copc ni par ceux qui feront le bilan.

            Exemple :
                indicateur 2.1.c « Temps moyen passé en recherche d'affectation »
                  unité : mois
                  sens : baisse
                  cible 2025 : -20 % de la base    # ← COP401 : aucune ligne « base »

            Correction : ajoutez la base (`base 2020 : 14 mois` ; elle peut précéder la période), ou écrivez une cible absolue (`cible 2025 : 11 mois`).
            """),
        RuleDescriptor(
            code: .cop402, severity: .error,
            title: "fourchette inversée",
            name: "InvertedRange",
            explanation: """
            COP402 — fourchette inversée (erreur)

            Une cible `entre A et B` a une borne basse supérieure à sa borne haute. C'est presque toujours une inversion à la saisie ; telle quelle, aucune valeur ne peut atteindre la cible.

            Exemple :
                indicateur 4.2.b « Taux d'évolution des dépenses de fonctionnement »
                  unité : %
                  cible 2024 : entre 2,8 % et 2,2 %   # ← COP402

            Correction : remettez les bornes dans l'ordre : `entre 2,2 % et 2,8 %`.
            """),
        RuleDescriptor(
            code: .cop403, severity: .warning,
            title: "cibles contraires au sens de l'indicateur",
            name: "TargetsAgainstDirection",
            explanation: """
            COP403 — cibles contraires au sens de l'indicateur (avertissement)

            D'une année à la suivante, les cibles chiffrées vont à l'encontre du `sens` déclaré : elles baissent pour un indicateur `sens : hausse`, elles montent pour `sens : baisse`. Des cibles égales ne sont pas signalées. C'est souvent une faute de frappe ou un `sens` inversé ; c'est un avertissement parce qu'un recul temporaire peut être voulu.

            Exemple :
                indicateur 2.c.1 « Taux de couverture des filles de 15 ans à la vaccination HPV »
                  unité : %
                  sens : hausse
                  cible 2024 : 45 %
                  cible 2025 : 50 %
                  cible 2026 : 48 %                # ← COP403 : baisse alors que sens : hausse

            Correction : corrigez la cible ou le `sens`. Si le recul est voulu (changement de méthode de calcul, par exemple), expliquez-le dans un commentaire et ajoutez `# copc: ignorer COP403` sur la ligne au-dessus de l'indicateur.
            """),
        RuleDescriptor(
            code: .cop404, severity: .warning,
            title: "indicateur sans unité",
            name: "IndicatorWithoutUnit",
            explanation: """
            COP404 — indicateur sans unité (avertissement)

            L'indicateur n'a pas de propriété `unité`. copc en déduit une des cibles quand elles concordent ; sinon, il ne peut pas contrôler les unités (COP400). Une unité explicite dit ce que l'indicateur mesure et permet de repérer une cible saisie dans la mauvaise unité.

            Exemple :
                indicateur 1.3.b « Niveau de satisfaction du recruteur après consultation des CV-thèques »   # ← COP404
                  sens : hausse
                  cible 2023 : 70 %
                  cible 2024 : 75 %

            Correction : ajoutez l'unité : `unité : %`. Un jalon s'écrit `unité : oui/non`, une cible purement rédigée `unité : texte`.
            """),
        RuleDescriptor(
            code: .cop405, severity: .warning,
            title: "poids qui ne totalisent pas 1",
            name: "WeightsDoNotAddUp",
            explanation: """
            COP405 — poids qui ne totalisent pas 1 (avertissement)

            Des éléments frères (les objectifs d'un axe, les sous-objectifs ou les indicateurs d'un objectif) portent un `poids` dans l'évaluation, et les poids donnés ne totalisent pas 1 (ou 100 %). Les fractions sont additionnées exactement : trois fois `1/3` font exactement 1. L'avertissement est porté par le parent, avec une note à chaque poids. Les objectifs, les sous-objectifs et les indicateurs sont comptés séparément.

            Exemple :
                axe 1 « Qualité du service »   # ← COP405
                objectif 1.1 « Accueil »
                  poids : 1/3
                objectif 1.2 « Délais »
                  poids : 1/5

            Correction : corrigez les poids pour qu'ils totalisent 1 (`poids : 2/3` pour l'objectif 1.2), ou donnez-en un à chaque frère. Un texte dont les poids se contredisent (« à hauteur du tiers » ici, « 1/5 du montant » là) doit être signalé à ses signataires.
            """),
        RuleDescriptor(
            code: .cop500, severity: .warning,
            title: "objectif sans indicateur",
            name: "ObjectiveWithoutIndicator",
            explanation: """
            COP500 — objectif sans indicateur (avertissement)

            Un objectif ou un sous-objectif n'a aucun indicateur dans toute sa descendance : son atteinte ne pourra pas être mesurée au bilan annuel. Quand un objectif n'en a aucun, l'avertissement est porté par l'objectif seul et n'est pas répété sur ses sous-objectifs ; quand certains de ses sous-objectifs en ont, chacun de ceux qui n'en ont pas est signalé. Un indicateur transversal rangé sous un axe ou sous le contrat ne compte pour aucun objectif.

            Exemple :
                objectif 2.2 « Proposer de nouveaux outils pour déployer des politiques de mobilité »   # ← COP500 (une seule fois)
                  pilote : DGOS
                sous-objectif « Directeurs »
                action 2.2.1 « Réformer la politique d'accompagnement à la mobilité des directeurs »
                  délai : tout au long du contrat
                sous-objectif « Praticiens »
                action 2.2.2 « Mettre en place une politique de mobilité pour les praticiens »
                  délai : tout au long du contrat

            Correction : ajoutez un indicateur (`indicateur 2.2.a « … »` sous l'objectif), ou rattachez-y un indicateur transversal avec `dans objectif 2.2`. Si le contrat signé n'en prévoit aucun et que vous le transcrivez fidèlement, ajoutez `# copc: ignorer COP500` sur la ligne au-dessus de l'objectif : cela vaut aussi pour ses sous-objectifs.
            """),
        RuleDescriptor(
            code: .cop501, severity: .warning,
            title: "objectif sans action",
            name: "ObjectiveWithoutAction",
            explanation: """
            COP501 — objectif sans action (avertissement)

            Un objectif ou un sous-objectif (un engagement de COG, une thématique de CPOM) n'a aucune action dans toute sa descendance : rien ne dit comment il sera atteint. Quand un objectif n'en a aucune, l'avertissement est porté par l'objectif seul et n'est pas répété sur ses sous-objectifs ; quand certains de ses sous-objectifs en ont, chacun de ceux qui n'en ont pas est signalé.

            Exemple :
                contrat COG-CANSSM « Convention d'objectifs et de gestion de la CANSSM 2022-2024 »
                  période : 2022 .. 2024
                axe 3 « Une offre de santé attractive »
                objectif 3.1 « Une politique de recrutement globale »
                  pilote : CANSSM
                sous-objectif 3.1.1 « Attirer de jeunes médecins dans les centres de santé »
                action 3.1.1.1 « Proposer des stages aux internes de médecine générale »
                  délai : 2023
                indicateur 3.1.1.a « Nombre d'internes accueillis en stage »
                  unité : nombre
                sous-objectif 3.1.2 « Fidéliser les professionnels recrutés »   # ← COP501
                indicateur 3.1.2.a « Taux de rotation des médecins salariés »
                  unité : %

            Correction : ajoutez au moins une action avec son délai sous l'élément signalé. Si le contrat signé n'en prévoit aucune et que vous le transcrivez fidèlement, ajoutez `# copc: ignorer COP501` sur la ligne au-dessus de l'élément.
            """),
        RuleDescriptor(
            code: .cop502, severity: .warning,
            title: "objectif sans pilote",
            name: "ObjectiveWithoutPilot",
            explanation: """
            COP502 — objectif sans pilote (avertissement)

            Un objectif n'a ni `pilote :` ni `référent :`, ni lui-même ni l'axe qui le contient ; un `co-pilote` seul ne suffit pas. Sans pilote désigné, personne ne répond de l'objectif au dialogue de gestion, alors que les CPOM 2024-2028 exigent un référent national par objectif.

            Exemple :
                objectif 3 « Garantir l'accès aux soins sur l'ensemble du territoire »   # ← COP502
                  co-pilote : DGCS
                action 3.1 « Déployer les assistants médicaux dans les zones sous-denses »
                  délai : 2026

            Correction : ajoutez `pilote : DGOS` (plusieurs référents : `pilote : DGOS, DSS`). Si le pilote n'est pas encore connu, écrivez `pilote : à déterminer`, ce qui donne la note COP208 à la place.
            """),
        RuleDescriptor(
            code: .cop503, severity: .error,
            title: "numérotation des avenants",
            name: "AvenantNumbering",
            explanation: """
            COP503 — numérotation des avenants (erreur)

            Les avenants d'un même contrat doivent être numérotés 1, 2, 3… sans trou ni doublon, puisque la version consolidée après l'avenant N est le contrat après les avenants 1 à N. Un trou signale un avenant absent des fichiers vérifiés ou mal numéroté ; un doublon, deux avenants qui prétendent produire la même version.

            Exemple :
                # avenant-1.cop
                avenant 1 au contrat COP-CNG « Fixation des cibles des indicateurs »
                  signé le : 2022-06-30

                # avenant-3.cop
                avenant 3 au contrat COP-CNG « Prorogation d'un an »   # ← COP503 : pas d'avenant 2
                  signé le : 2025-11-12

            Correction : ajoutez le fichier de l'avenant manquant aux chemins vérifiés, ou renumérotez les avenants dans l'ordre de leurs signatures.
            """),
        RuleDescriptor(
            code: .cop600, severity: .error,
            title: "bilan : élément inconnu ou année hors période",
            name: "BilanUnknownElementOrYear",
            explanation: """
            COP600 — bilan : élément inconnu ou année hors période (erreur)

            Un bilan rend compte d'une année du contrat, dans la version en vigueur au 31 décembre de cette année (le contrat signé et les avenants entrés en vigueur jusque-là). Un bloc `indicateur ID` ou `action ID` du bilan doit nommer un élément de cette version ; copc propose l'identifiant le plus proche. L'année du bilan doit appartenir à la période du contrat. Un état par délai, `état (LIBELLÉ) : …`, doit nommer un `délai (LIBELLÉ)` de l'action ; copc donne les libellés de ses délais.

            Exemple :
                bilan 2024 du contrat COP-CNG « Bilan annuel de réalisation 2024 »
                  établi le : 2025-03-10
                indicateur 1.1.z   # ← COP600 : aucun indicateur 1.1.z dans le contrat
                  réalisé : 48 %
                action 1.1.2
                  état (directeurs) : finalisé
                  état (praticien) : en cours   # ← COP600 : le délai s'appelle « praticiens »

            Correction : corrigez l'identifiant (celui du contrat, tel que l'avenant en vigueur l'a laissé), le libellé (celui du délai dans le contrat), ou l'année du bilan. Une action supprimée par un avenant n'a plus à figurer au bilan.
            """),
        RuleDescriptor(
            code: .cop601, severity: .error,
            title: "réalisé incompatible avec l'indicateur",
            name: "RealizedIncompatible",
            explanation: """
            COP601 — réalisé incompatible avec l'indicateur (erreur)

            Le `réalisé` se lit avec la même grammaire que les cibles : un nombre et son unité, `oui`/`non`/`réalisé` pour un jalon, un texte. Son unité doit être de la même dimension que celle de l'indicateur (un pourcentage pour un indicateur en %, un montant pour un indicateur en € — k€ et M€ sont convertis). Un réalisé étiqueté, `réalisé (directeurs)`, doit correspondre à une cible de l'année portant ce libellé.

            Exemple :
                indicateur 1.1.a
                  réalisé : 48 M€        # ← COP601 : l'indicateur est en %
                  réalisé (internes) : 30 %   # ← COP601 : pas de cible « internes » pour 2024

            Correction : donnez le réalisé dans l'unité de l'indicateur, et les libellés de ses cibles (`cible 2024 (directeurs) : 60 %` appelle `réalisé (directeurs) : …`).
            """),
        RuleDescriptor(
            code: .cop602, severity: .warning,
            title: "réalisé manquant",
            name: "RealizedMissing",
            explanation: """
            COP602 — réalisé manquant (avertissement)

            Un indicateur a une cible fixée pour l'année du bilan, mais le bilan ne donne pas son `réalisé` : soit son bloc n'a pas de ligne `réalisé` (ou pas pour chacun des libellés de ses cibles), soit il ne figure pas du tout dans le bilan (l'avertissement est alors porté par l'en-tête du bilan et liste les indicateurs). Une valeur qui n'existe pas encore s'écrit `réalisé : non disponible`, avec un `motif` : sans motif, c'est aussi COP602. Les cibles « sans objet » ou « à fixer par avenant » n'appellent pas de réalisé.

            Exemple :
                bilan 2024 du contrat COP-CNG « Bilan annuel de réalisation 2024 »   # ← COP602 si des indicateurs manquent
                  établi le : 2025-03-10
                indicateur 2.3.b
                  réalisé : non disponible   # ← COP602 : sans motif

            Correction : ajoutez `réalisé : 48 %`, ou `réalisé : non disponible` suivi de `motif : « Enquête reportée à 2025 »`.
            """),
        RuleDescriptor(
            code: .cop603, severity: .note,
            title: "cible non atteinte",
            name: "TargetMissed",
            explanation: """
            COP603 — cible non atteinte (note)

            Le réalisé de l'année est comparé à la cible de la même année, selon sa forme : une valeur suit le `sens` de l'indicateur (`hausse` : atteinte si le réalisé est au moins la cible ; `baisse` : au plus ; sans `sens`, celui que donne la base, sinon la hausse) ; une borne (`≥ 80 %`, `moins de 10 M€`) et une fourchette (`entre 2 % et 3 %`) se vérifient telles quelles ; un jalon (`oui`, `réalisé`) est atteint si le réalisé le dit. La note donne l'écart : en points pour un indicateur en %, sinon en valeur et en pourcentage de la cible (`−300 (−20 %)`). C'est une note, pas un défaut du fichier : le bilan rend compte fidèlement d'une cible manquée, et `copc bilan` reprend l'écart dans le tableau 2.

            Exemple :
                # contrat : cible 2024 : 60 %, sens : hausse
                indicateur 1.1.a
                  réalisé : 48 %   # ← COP603 : écart −12 points

            Correction : aucune n'est requise ; expliquez l'écart avec `analyse : « … »`, que le tableau 2 reprend.
            """),
        RuleDescriptor(
            code: .cop604, severity: .warning,
            title: "action en retard",
            name: "ActionLate",
            explanation: """
            COP604 — action en retard (avertissement)

            Le délai d'une action (la fin la plus tardive de ses `délai`) est échu au 31 décembre de l'année du bilan, et le bilan ne la dit ni `finalisé`, ni `reporté` avec un `nouveau délai`. Une action absente du bilan alors que son délai est échu est signalée sur l'en-tête du bilan, avec la liste de ces actions — sauf si un bilan antérieur l'a dite `finalisé` : elle n'a pas à être redite. Une action `reporté` sans `nouveau délai` est aussi signalée, quel que soit son délai.

            Exemple :
                # contrat : action 1.1.2, délai : fin 2023
                action 1.1.2
                  état : en cours   # ← COP604 : le délai est échu depuis le 31 décembre 2023

            Correction : si l'action est achevée, `état : finalisé` et `achevé le : …` ; sinon `état : reporté` et `nouveau délai : S1 2025` (une expression de délai), avec, le cas échéant, `risque`, `difficulté` et `mesure corrective`.
            """),
        RuleDescriptor(
            code: .cop605, severity: .error,
            title: "date d'achèvement absente ou incohérente",
            name: "CompletionDate",
            explanation: """
            COP605 — date d'achèvement absente ou incohérente (erreur)

            Une action `finalisé` doit dire quand : `achevé le : 2024-10-15`. Cette date ne peut pas être postérieure à la date du bilan (`établi le`), ni hors de l'année du bilan : une action achevée une année antérieure relève du bilan de cette année-là.

            Exemple :
                bilan 2024 du contrat COP-CNG « Bilan annuel de réalisation 2024 »
                  établi le : 2025-03-10
                action 1.2.1
                  état : finalisé   # ← COP605 : sans « achevé le »

            Correction : ajoutez `achevé le :` avec la date d'achèvement, dans l'année du bilan.
            """),
        RuleDescriptor(
            code: .cop606, severity: .warning,
            title: "bilan attendu manquant",
            name: "BilanMissing",
            explanation: """
            COP606 — bilan attendu manquant (avertissement)

            Le contrat fixe son calendrier de suivi : `bilan annuel : avant le 15 mars N+1` (N est l'année dont le bilan rend compte). Avec `--au AAAA-MM-JJ`, copc vérifie que chaque année de la période dont l'échéance est passée à cette date a son fichier bilan ; l'avertissement est porté par la ligne `bilan annuel` du contrat. Sans `--au`, ce contrôle ne s'exécute pas (un dépôt de contrats vérifié chaque jour ne doit pas changer de verdict avec le calendrier). Les trous d'un bilan présent relèvent de COP602.

            Exemple :
                contrat COP-CNG « Contrat d'objectifs et de performance du CNG 2021-2025 »
                  période : 2021 .. 2025
                  bilan annuel : avant le 15 mars N+1   # ← COP606 avec --au 2025-04-01 sans bilan 2024

            Correction : ajoutez le fichier `bilan 2024 du contrat COP-CNG « … »` au dépôt.
            """),
        RuleDescriptor(
            code: .cop607, severity: .error,
            title: "bilan en double",
            name: "BilanDuplicate",
            explanation: """
            COP607 — bilan en double (erreur)

            Deux fichiers bilan portent sur la même année du même contrat, ou un bilan rend compte deux fois du même indicateur ou de la même action. copc ne saurait lequel croire ; seul le premier est lu.

            Exemple :
                bilan 2024 du contrat COP-CNG « Bilan annuel de réalisation 2024 »
                action 1.2.1
                  état : en cours
                action 1.2.1   # ← COP607
                  état : finalisé

            Correction : fusionnez les deux blocs (ou les deux fichiers) en un seul.
            """),
    ]
}
