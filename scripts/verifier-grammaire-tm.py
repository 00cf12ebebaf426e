#!/usr/bin/env python3
"""Vérifie la grammaire TextMate de copc (grammar/copc.tmLanguage.json) avec Oniguruma,
le moteur d'expressions régulières de VS Code (liaison onigurumacffi).

1. Chaque expression (match, begin, end) se compile avec Oniguruma.
2. Un petit moteur TextMate (règles match et begin/end, captures avec motifs imbriqués,
   include #dépôt et $self, fin prioritaire à position égale, comme vscode-textmate)
   découpe des lignes d'exemple : chaque fragment attendu doit porter la portée attendue.
3. Le même moteur découpe, ligne par ligne, tous les fichiers .cop du dépôt (contracts/,
   cas de test) et les exemples de grammar/copc.ebnf, et vérifie des invariants :
   aucune construction d'une ligne ne déborde sur la suivante (seuls les blocs de texte
   le peuvent, exactement quand un comptage indépendant des « \"\"\" » le dit) ; chaque
   en-tête d'élément a son mot-clé, chaque ligne « clé : valeur » sa clé, chaque
   commentaire sa portée ; chaque cible chiffrée son nombre.

Usage : scripts/outils-python.sh scripts/verifier-grammaire-tm.py
(ou python3 avec onigurumacffi installé). Statut 0 si tout passe.
"""
import glob
import json
import os
import re
import sys
import unicodedata

try:
    import onigurumacffi
except ImportError:
    sys.exit("onigurumacffi manque : lancez « scripts/outils-python.sh scripts/verifier-grammaire-tm.py »")

RACINE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRAMMAIRE = os.path.join(RACINE, "grammar", "copc.tmLanguage.json")


# ---------------------------------------------------------------- moteur TextMate minimal

class Regle:
    def __init__(self, brut, grammaire):
        self.brut = brut
        self.grammaire = grammaire
        self.nom = brut.get("name")
        self.nom_contenu = brut.get("contentName")
        self.match = self._compile(brut.get("match"))
        self.debut = self._compile(brut.get("begin"))
        self.fin = self._compile(brut.get("end"))
        self.captures = brut.get("captures", {})
        self.captures_debut = brut.get("beginCaptures", self.captures)
        self.captures_fin = brut.get("endCaptures", self.captures)
        self._motifs = None

    def _compile(self, source):
        if source is None:
            return None
        try:
            return onigurumacffi.compile(source)
        except onigurumacffi.OnigError as e:
            self.grammaire.erreurs.append(f"expression refusée par Oniguruma : {source!r} : {e}")
            return None

    def motifs(self):
        """Les règles candidates, includes résolus et conteneurs aplatis."""
        if self._motifs is None:
            self._motifs = []
            for m in self.brut.get("patterns", []):
                self._motifs.extend(self.grammaire.aplatir(m))
        return self._motifs


class Grammaire:
    def __init__(self, chemin):
        self.brut = json.load(open(chemin, encoding="utf-8"))
        self.erreurs = []
        self.regles = {}
        self.racine = Regle({"patterns": self.brut["patterns"]}, self)
        self.depot = {nom: self.regle(r) for nom, r in self.brut["repository"].items()}
        for r in list(self.regles.values()):
            r.motifs()

    def regle(self, brut):
        cle = id(brut)
        if cle not in self.regles:
            self.regles[cle] = Regle(brut, self)
        return self.regles[cle]

    def aplatir(self, brut, vus=()):
        if "include" in brut:
            inc = brut["include"]
            if inc == "$self":
                return self.racine.motifs()
            if not inc.startswith("#") or inc[1:] not in self.brut["repository"]:
                self.erreurs.append(f"include introuvable : {inc}")
                return []
            if inc in vus:
                return []
            return self.aplatir(self.brut["repository"][inc[1:]], vus + (inc,))
        r = self.regle(brut)
        if r.match is None and r.debut is None:
            out = []
            for m in brut.get("patterns", []):
                out.extend(self.aplatir(m, vus))
            return out
        return [r]

    def toutes_les_expressions(self):
        def parcourir(x):
            if isinstance(x, dict):
                for k, v in x.items():
                    if k in ("match", "begin", "end") and isinstance(v, str):
                        yield v
                    else:
                        yield from parcourir(v)
            elif isinstance(x, list):
                for v in x:
                    yield from parcourir(v)
        return list(parcourir(self.brut))


class Cadre:
    def __init__(self, regle, fin, portees):
        self.regle, self.fin, self.portees = regle, fin, portees


def decouper(grammaire, ligne, pile):
    """Découpe une ligne (sans fin de ligne) ; renvoie la liste des portées de chaque
    caractère et la pile à la fin de la ligne. Comme vscode-textmate, la ligne est
    cherchée avec son « \\n » final."""
    texte = ligne + "\n"
    portees = [None] * len(texte)
    pos = 0
    dernier_debut = None
    while pos < len(texte):
        cadre = pile[-1]
        meilleur = None
        if cadre.fin is not None:
            m = cadre.fin.search(texte, pos)
            if m is not None:
                meilleur = (m.start(), -1, None, m)
        for i, r in enumerate(cadre.regle.motifs()):
            rx = r.match or r.debut
            if rx is None:
                continue
            m = rx.search(texte, pos)
            if m is None:
                continue
            if r.debut is not None and m.end() == m.start() and dernier_debut == (id(r), pos):
                continue  # un début vide au même endroit bouclerait
            cle = (m.start(), i)
            if meilleur is None or cle < meilleur[:2]:
                meilleur = (m.start(), i, r, m)
        if meilleur is None:
            for k in range(pos, len(texte)):
                portees[k] = cadre.portees
            break
        debut, _, r, m = meilleur
        for k in range(pos, debut):
            portees[k] = cadre.portees
        if r is None:  # fin du cadre
            base = cadre.portees[:-1] if cadre.regle.nom_contenu else cadre.portees
            appliquer_captures(grammaire, texte, m, cadre.regle.captures_fin, base, portees)
            pile = pile[:-1]
            pos = m.end()
            continue
        externes = cadre.portees + ([r.nom] if r.nom else [])
        if r.match is not None:
            appliquer_captures(grammaire, texte, m, r.captures, externes, portees)
            if m.end() == m.start():
                portees[pos] = portees[pos] or cadre.portees
                pos += 1
            else:
                pos = m.end()
            continue
        appliquer_captures(grammaire, texte, m, r.captures_debut, externes, portees)
        internes = externes + ([r.nom_contenu] if r.nom_contenu else [])
        pile = pile + [Cadre(r, r.fin, internes)]
        dernier_debut = (id(r), m.end())
        pos = m.end()
    return portees[:len(ligne)], pile


def appliquer_captures(grammaire, texte, m, captures, base, portees):
    for k in range(m.start(), m.end()):
        portees[k] = base
    for cle in sorted(captures, key=int):
        n = int(cle)
        try:
            s, e = m.span(n)
        except (IndexError, ValueError):
            continue
        if s < 0 or e <= s:
            continue
        cap = captures[cle]
        for k in range(s, e):
            portees[k] = portees[k] + ([cap["name"]] if cap.get("name") else [])
        if "patterns" in cap:
            sous = Regle({"patterns": cap["patterns"]}, grammaire)
            morceau, _ = decouper(grammaire, texte[s:e], [Cadre(sous, None, [])])
            for k, extra in enumerate(morceau):
                portees[s + k] = portees[s + k] + (extra or [])


def pile_initiale(grammaire):
    return [Cadre(grammaire.racine, None, [grammaire.brut["scopeName"]])]


def decouper_texte(grammaire, lignes):
    pile = pile_initiale(grammaire)
    for ligne in lignes:
        portees, pile = decouper(grammaire, ligne, pile)
        yield ligne, portees, pile


# ---------------------------------------------------------------- exemples attendus

# (lignes, [(numéro de ligne, fragment, portée attendue)]) : chaque caractère du fragment
# (première occurrence sur la ligne) porte une portée qui commence par la portée attendue.
EXEMPLES = [
    (["contrat COP-CNG « Contrat du CNG 2021-2025 » # fin"],
     [(0, "contrat", "keyword.other.element"), (0, "COP-CNG", "entity.name.section"),
      (0, "« Contrat du CNG 2021-2025 »", "string.quoted.other.guillemets"),
      (0, "# fin", "comment.line.number-sign")]),
    (["Référent DGOS.SDRH « Sous-direction »", "referent X", "SOUS-OBJECTIF 1.1.1 « x »"],
     [(0, "Référent", "keyword.other.element"), (0, "DGOS.SDRH", "entity.name.section"),
      (1, "referent", "keyword.other.element"), (2, "SOUS-OBJECTIF", "keyword.other.element")]),
    (["RÉFÉRENT X « x »", "  DÉLAI : Fin 2022", "  cible 2024 : À FIXER PAR AVENANT", "  Période : 2021 .. 2025"],
     [(0, "RÉFÉRENT", "keyword.other.element"), (1, "DÉLAI", "support.type.property-name"),
      (1, "Fin", "support.constant.calendar"), (2, "À FIXER PAR AVENANT", "constant.language"),
      (3, "Période", "support.type.property-name")]),
    (["  référent : DGS, DGOS et à déterminer"],
     [(0, "référent", "support.type.property-name"), (0, ":", "punctuation.separator.key-value"),
      (0, "DGS", "variable.other.referent"), (0, "et", "keyword.operator.word"),
      (0, "à déterminer", "constant.language")]),
    (["organisme ONF « Office national des forêts »", "  contrat attendu : oui", "  tutelle : MASA, MTE",
      "  succède à : COP-ONF-2016-2020", "  organisme : ONF"],
     [(0, "organisme", "keyword.other.element"), (0, "ONF", "entity.name.section"),
      (1, "contrat attendu", "support.type.property-name"), (2, "tutelle", "support.type.property-name"),
      (2, "MASA", "variable.other.referent"), (3, "succède à", "support.type.property-name"),
      (4, "organisme", "support.type.property-name"), (4, "ONF", "variable.other.referent")]),
    (["objectif « Sans numéro » dans axe 2"],
     [(0, "objectif", "keyword.other.element"), (0, "dans", "keyword.other.placement"),
      (0, "axe", "keyword.other.element"), (0, "2", "entity.name.section")]),
    (["avenant 1 au contrat COP-CNG « Fixation des cibles »"],
     [(0, "avenant", "keyword.other.element"), (0, "1", "entity.name.section"),
      (0, "au", "keyword.other.avenant-target"), (0, "contrat", "keyword.other.element"),
      (0, "COP-CNG", "entity.name.section")]),
    (["modifier indicateur 1.1.a", "ajouter action 1.1.4 « Déployer » dans objectif 1.1",
      "supprimer action 2.1.3", "modifier contrat"],
     [(0, "modifier", "keyword.control.change"), (0, "indicateur", "keyword.other.element"),
      (0, "1.1.a", "entity.name.section"), (1, "ajouter", "keyword.control.change"),
      (1, "1.1.4", "entity.name.section"), (1, "dans", "keyword.other.placement"),
      (2, "supprimer", "keyword.control.change"), (3, "contrat", "keyword.other.element")]),
    (["  utilise « annuaire.cop »"],
     [(0, "utilise", "keyword.control.import"), (0, "« annuaire.cop »", "string.quoted.other.guillemets")]),
    (["# copc: ignorer COP500, 501", "# Copc : ignore cop502"],
     [(0, "copc", "keyword.other.directive"), (0, "ignorer", "keyword.other.directive"),
      (0, "COP500", "constant.other.diagnostic-code"), (0, "501", "constant.other.diagnostic-code"),
      (1, "ignore", "keyword.other.directive"), (1, "cop502", "constant.other.diagnostic-code")]),
    (["  délai (directeurs) : fin 2022", "  Delai : T1 2025 .. S2 2026", "  délai : mi-2024"],
     [(0, "délai", "support.type.property-name"), (0, "directeurs", "variable.parameter.label"),
      (0, "fin", "support.constant.calendar"), (0, "2022", "constant.numeric"),
      (1, "Delai", "support.type.property-name"), (1, "T1", "support.constant.calendar"),
      (1, "..", "keyword.operator.range"), (1, "S2", "support.constant.calendar"),
      (2, "mi", "support.constant.calendar"), (2, "2024", "constant.numeric")]),
    (["  étape « Rapport : phase 1 » : 1er trimestre 2022"],
     [(0, "étape", "support.type.property-name"), (0, "« Rapport : phase 1 »", "string.quoted.other.guillemets"),
      (0, "1er", "support.constant.calendar"), (0, "trimestre", "support.constant.calendar"),
      (0, "2022", "constant.numeric")]),
    (["  cible 2023 .. 2025 (national) : 4 000", "  cible de 2022 à 2023 : 2,29 %",
      "  base 2020 : -2 805 515,12 M€", "  cible 2024 : ≥ 60%", "  cible 2021 : entre 2,2 et 2,8 %"],
     [(0, "cible", "support.type.property-name"), (0, "2023", "constant.numeric.year"),
      (0, "..", "keyword.operator.range"), (0, "national", "variable.parameter.label"),
      (0, "4 000", "constant.numeric"), (1, "à", "keyword.operator.range"),
      (1, "2,29", "constant.numeric"), (1, "%", "keyword.other.unit"),
      (2, "-2 805 515,12", "constant.numeric"), (2, "M€", "keyword.other.unit"),
      (3, "≥", "keyword.operator.comparison"), (3, "60", "constant.numeric"), (3, "%", "keyword.other.unit"),
      (4, "entre", "keyword.other.deadline"), (4, "et", "keyword.operator.range")]),
    (["  cible 2022 : à fixer par avenant", "  cible 2023 : A fixer par avenant",
      "  cible 2024 : sans objet # /", "  délai : tout au long du contrat", "  sens : Baisse",
      "  numérotation : hiérarchique", "  délai : à partir du 1er mars 2022", "  délai : selon SDSI"],
     [(0, "à fixer par avenant", "constant.language"), (1, "A fixer par avenant", "constant.language"),
      (2, "sans objet", "constant.language"), (2, "# /", "comment.line"),
      (3, "tout au long du contrat", "constant.language"), (4, "Baisse", "constant.language"),
      (5, "hiérarchique", "constant.language"), (6, "à partir du", "keyword.other.deadline"),
      (6, "1er mars 2022", "constant.other.date"), (7, "selon", "keyword.other.deadline"),
      (7, "SDSI", "variable.other.plan")]),
    (["  signé le : 2021-03-12", "  Approuvé LE : 12/03/2021", "  période : 2021-2025"],
     [(0, "signé le", "support.type.property-name"), (0, "2021-03-12", "constant.other.date"),
      (1, "12/03/2021", "constant.other.date"), (2, "2021", "constant.numeric.year"),
      (2, "-", "keyword.operator.range")]),
    (["  unité : oui / non", "  unité : k€"],
     [(0, "unité", "support.type.property-name"), (0, "oui / non", "keyword.other.unit"),
      (1, "k€", "keyword.other.unit")]),
    (["contrat C « Le plan « Ma santé « 2022 » » cité » # commentaire"],
     [(0, "« Le plan « Ma santé « 2022 » » cité »", "string.quoted.other.guillemets"),
      (0, "# commentaire", "comment.line")]),
    (['  texte "Ligne \\"1\\"\\n# pas un commentaire"'],
     [(0, "texte", "support.type.property-name"), (0, '\\"', "constant.character.escape"),
      (0, "# pas un commentaire", "string.quoted.double")]),
    (['  texte """', "    objectif 1 « pas un en-tête » # ni un commentaire", '  """'],
     [(0, '"""', "string.quoted.triple"), (1, "objectif 1 « pas un en-tête » # ni un commentaire", "string.quoted.triple"),
      (2, '"""', "string.quoted.triple")]),
    (["action 1.1.1 « titre non terminé", "  délai : 2022"],
     [(0, "« titre non terminé", "string.quoted.other.guillemets"), (1, "délai", "support.type.property-name")]),
]


def verifier_exemples(g):
    echecs = []
    for lignes, attentes in EXEMPLES:
        resultat = list(decouper_texte(g, lignes))
        for n, fragment, portee in attentes:
            ligne, portees, _ = resultat[n]
            i = ligne.find(fragment)
            if i < 0:
                echecs.append(f"exemple mal écrit : {fragment!r} absent de {ligne!r}")
                continue
            for k in range(i, i + len(fragment)):
                if not any(p == portee or p.startswith(portee + ".") for p in portees[k]):
                    echecs.append(f"{ligne!r} : {fragment!r} devrait porter {portee}, "
                                  f"{ligne[k]!r} porte {portees[k]}")
                    break
    return echecs


# ---------------------------------------------------------------- invariants sur les vrais fichiers

def replier(s):
    s = unicodedata.normalize("NFD", s.lower().replace("’", "'"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").replace("œ", "oe")


ELEMENTS = {"contrat", "avenant", "annuaire", "referent", "plan", "axe", "objectif",
            "sous-objectif", "action", "indicateur", "organisme"}
# Un mot-clé suivi du second mot d'une clé est une propriété (« contrat attendu : oui »).
CLES_A_MOT_CLE = {"contrat attendu", "bilan annuel"}


def a_portee(portees, k, prefixe):
    return any(p == prefixe or p.startswith(prefixe + ".") for p in portees[k])


class Balayeur:
    """Repères lexicaux indépendants de la grammaire : positions des « # » qui ouvrent un
    commentaire, état « dans un bloc de texte » en fin de ligne (grammar/copc.ebnf 1.3–1.8)."""

    def __init__(self):
        self.dans_bloc = False

    def ligne(self, ligne):
        commentaire = None
        i = 0
        while i < len(ligne):
            if self.dans_bloc:
                j = ligne.find('"""', i)
                if j < 0:
                    return commentaire
                self.dans_bloc, i = False, j + 3
                continue
            c = ligne[i]
            if ligne.startswith('"""', i):
                self.dans_bloc, i = True, i + 3
            elif c == '"':
                i += 1
                while i < len(ligne) and ligne[i] != '"':
                    i += 2 if ligne[i] == "\\" else 1
                i += 1
            elif c == "«":
                profondeur, i = 1, i + 1
                while i < len(ligne) and profondeur:
                    profondeur += {"«": 1, "»": -1}.get(ligne[i], 0)
                    i += 1
            elif c == "#":
                return i
            else:
                i += 1
        return commentaire


def fichiers():
    motifs = ["contracts/**/*.cop", "Tests/CopcTests/Cases/**/*.cop"]
    out = []
    for m in motifs:
        out += sorted(glob.glob(os.path.join(RACINE, m), recursive=True))
    return out


def exemples_ebnf():
    texte = open(os.path.join(RACINE, "grammar", "copc.ebnf"), encoding="utf-8").read()
    return [b.strip("\n").split("\n") for b in re.findall(r"\(\* Exemple :\n(.*?)\*\)", texte, re.S)]


NOMBRE = re.compile(r"[+\-−]?\d+(?:[ \t\u00a0\u2009\u202f]+\d{3}(?!\d))*(?:[.,]\d+)?")


def verifier_invariants(g, nom, lignes, compte):
    echecs = []
    bal = Balayeur()
    for no, (ligne, portees, pile) in enumerate(decouper_texte(g, lignes), 1):
        ou = f"{nom}:{no}"
        diese = bal.ligne(ligne)
        # En fin de ligne, seul un bloc de texte ouvert reste sur la pile (avec, sous lui, la
        # ligne de propriété ou d'en-tête qui l'a ouvert) ; toute autre construction est close.
        noms_pile = [c.regle.nom for c in pile[1:]]
        if bal.dans_bloc:
            correct = noms_pile[-1:] == ["string.quoted.triple.copc"] and len(noms_pile) <= 2
        else:
            correct = noms_pile == []
        if not correct:
            echecs.append(f"{ou} : pile en fin de ligne {noms_pile}, bloc de texte ouvert : {bal.dans_bloc}")
            bal.dans_bloc = "string.quoted.triple.copc" in noms_pile  # repartir d'accord
        if diese is not None:
            compte["commentaires"] += 1
            if not a_portee(portees, diese, "comment.line.number-sign"):
                echecs.append(f"{ou} : le « # » colonne {diese + 1} n'est pas un commentaire : {portees[diese]}")
        # Ce qui précède un commentaire, hors bloc de texte ouvert sur une ligne précédente.
        debut_dans_bloc = bool(ligne) and a_portee(portees, 0, "string.quoted.triple")
        code = ligne[:diese] if diese is not None else ligne
        m = re.match(r"^(\s*)([^\s«»\"#:]+)", code)
        if not m or debut_dans_bloc:
            continue
        k = len(m.group(1))
        mot = replier(m.group(2))
        reste = code[m.end():]
        suivant = re.match(r"^\s+([^\s«»\"#:]+)", reste)
        if suivant and mot + " " + replier(suivant.group(1)) in CLES_A_MOT_CLE:
            mot = mot + " " + replier(suivant.group(1))
        if mot in ELEMENTS and not reste.lstrip().startswith(":"):
            compte["en-têtes"] += 1
            if not a_portee(portees, k, "keyword.other.element"):
                echecs.append(f"{ou} : mot-clé d'élément « {m.group(2)} » sans sa portée : {portees[k]}")
        elif mot in ("modifier", "ajouter", "supprimer", "utilise") and not reste.lstrip().startswith(":"):
            compte["en-têtes"] += 1
            if not (a_portee(portees, k, "keyword.control.change") or a_portee(portees, k, "keyword.control.import")):
                echecs.append(f"{ou} : « {m.group(2)} » sans sa portée : {portees[k]}")
        elif re.match(r"^\s*[^\s«»\"#:()]+(?:[ \t]+[^\s«»\"#:()]+)*\s*(?:\([^)]*\))?\s*:", code):
            compte["propriétés"] += 1
            if not a_portee(portees, k, "support.type.property-name"):
                echecs.append(f"{ou} : clé « {m.group(2)} » sans sa portée : {portees[k]}")
            v = re.match(r"^\s*(?:cible|base)\b[^:]*:\s*(?:≥|>=|≤|<=|>|<)?\s*", code, re.I)
            if v:
                n = NOMBRE.match(code, v.end())
                if n and re.match(r"\s*(?:%|[^\s\d]*€|\w+)?\s*$", code[n.end():]):
                    compte["cibles chiffrées"] += 1
                    if not all(a_portee(portees, j, "constant.numeric") for j in range(n.start(), n.end())):
                        echecs.append(f"{ou} : le nombre « {n.group()} » n'est pas un nombre : {portees[n.start()]}")
    return echecs


def main():
    g = Grammaire(GRAMMAIRE)
    expressions = g.toutes_les_expressions()
    echecs = list(g.erreurs)
    if g.brut.get("scopeName") != "source.copc":
        echecs.append("scopeName doit être source.copc")
    print(f"{len(expressions)} expressions compilées par Oniguruma"
          + (f", {len(g.erreurs)} refusées" if g.erreurs else ""))
    if g.erreurs:
        print("\n".join(echecs))
        return 1
    e = verifier_exemples(g)
    n_frag = sum(len(a) for _, a in EXEMPLES)
    print(f"{n_frag} fragments d'exemple : {n_frag - len(e)} avec la portée attendue")
    echecs += e
    compte = {"lignes": 0, "en-têtes": 0, "propriétés": 0, "commentaires": 0, "cibles chiffrées": 0}
    sources = [(os.path.relpath(f, RACINE), open(f, encoding="utf-8", errors="replace").read().split("\n"))
               for f in fichiers()]
    sources += [(f"grammar/copc.ebnf (exemple {i + 1})", b) for i, b in enumerate(exemples_ebnf())]
    for nom, lignes in sources:
        compte["lignes"] += len(lignes)
        echecs += verifier_invariants(g, nom, [l.rstrip("\r") for l in lignes], compte)
    print(f"{len(sources)} fichiers et exemples découpés : "
          + ", ".join(f"{v} {k}" for k, v in compte.items()))
    for x in echecs[:40]:
        print("ÉCHEC " + x)
    if len(echecs) > 40:
        print(f"… et {len(echecs) - 40} autres")
    print("grammaire TextMate : " + ("OK" if not echecs else f"{len(echecs)} échec(s)"))
    return 0 if not echecs else 1


if __name__ == "__main__":
    sys.exit(main())
