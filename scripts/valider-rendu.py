#!/usr/bin/env python3
"""Valide les calendriers et les tableaux que produit copc, avec de vrais lecteurs.

Usage : scripts/valider-rendu.py [COPC] [DOSSIER…]

Pour chaque dossier de contrat (défaut : chaque dossier de contracts/ qui contient des
fichiers .cop), lance « copc calendrier », « copc rendre --format csv » (indicateurs et
actions) et « copc rendre --format xlsx », puis :
  - lit le calendrier avec le paquet PyPI « icalendar » (pip install icalendar) : chaque
    événement a un UID unique, DTSTART et DTEND de type date (journée entière), d'un jour
    (le jour de l'échéance), un STATUS confirmé ou annulé ; chaque ligne se termine par CRLF
    et tient en 75 octets ; avec --rappel 7, chaque événement confirmé a son alarme ;
  - ouvre chaque CSV dans LibreOffice Calc sans interface (soffice --headless, paquet Debian
    libreoffice-calc-nogui), en français (séparateur « ; », UTF-8, locale fr-FR), le convertit
    en tableur OpenDocument et vérifie : les intitulés accentués sont intacts, chaque champ
    numérique du CSV (« 21,5 », « -2805515,12 ») est lu comme un nombre de même valeur, et le
    tableau a autant de lignes que le CSV. Sans LibreOffice, le module csv de Python vérifie
    la structure (BOM, « ; », nombre de colonnes) et le script le dit ;
  - lit le classeur avec openpyxl (pip install openpyxl) et le fait convertir en CSV par
    LibreOffice (scripts/lire-rendu.py) : les deux feuilles, l'en-tête figé, chaque
    identifiant (première colonne) lu comme texte par les deux et revenu identique.
Statut : 0 tout est valide ; 1 un défaut trouvé ; 2 outil manquant ou mauvais usage.
"""
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ICI = os.path.dirname(os.path.abspath(__file__))
RACINE = os.path.dirname(ICI)


def erreur(message):
    print("valider-rendu : " + message, file=sys.stderr)


def copc(binaire, *args):
    r = subprocess.run([binaire, *args], capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("copc %s : statut %d : %s" % (" ".join(args), r.returncode, r.stderr.decode()))
    return r.stdout


def valider_calendrier(octets, nom, rappel=False):
    import icalendar
    defauts = []
    texte = octets.decode("utf-8")
    lignes = texte.split("\r\n")
    if lignes[-1] != "":
        defauts.append("%s : ne se termine pas par CRLF" % nom)
    for i, l in enumerate(lignes[:-1]):
        if "\n" in l or "\r" in l:
            defauts.append("%s : ligne %d : fin de ligne isolée" % (nom, i + 1))
        if len(l.encode("utf-8")) > 75:
            defauts.append("%s : ligne %d : %d octets (> 75)" % (nom, i + 1, len(l.encode("utf-8"))))
    cal = icalendar.Calendar.from_ical(octets)
    uids = set()
    n = 0
    for ev in cal.walk("VEVENT"):
        n += 1
        uid = str(ev.get("UID"))
        if uid in uids:
            defauts.append("%s : UID en double : %s" % (nom, uid))
        uids.add(uid)
        debut, fin = ev.decoded("DTSTART"), ev.decoded("DTEND")
        if type(debut).__name__ != "date" or type(fin).__name__ != "date":
            defauts.append("%s : %s : DTSTART/DTEND ne sont pas des dates" % (nom, uid))
        elif (fin - debut).days != 1:
            defauts.append("%s : %s : %s à %s n'est pas le seul jour de l'échéance" % (nom, uid, debut, fin))
        statut = str(ev.get("STATUS"))
        if statut not in ("CONFIRMED", "CANCELLED"):
            defauts.append("%s : %s : STATUS %s" % (nom, uid, statut))
        alarmes = len(ev.walk("VALARM"))
        if alarmes != (1 if statut == "CONFIRMED" and rappel else 0):
            defauts.append("%s : %s : %d alarme(s)" % (nom, uid, alarmes))
        for cle in ("SUMMARY", "DTSTAMP", "DESCRIPTION"):
            if ev.get(cle) is None:
                defauts.append("%s : %s : %s manque" % (nom, uid, cle))
    return n, defauts


NOMBRE = re.compile(r"^-?[0-9]+(,[0-9]+)?$")


def lire_csv(octets, nom):
    defauts = []
    if not octets.startswith(b"\xef\xbb\xbf"):
        defauts.append("%s : pas de BOM UTF-8" % nom)
    texte = octets.decode("utf-8-sig")
    lignes = list(csv.reader(io.StringIO(texte, newline=""), delimiter=";"))
    largeur = len(lignes[0]) if lignes else 0
    for i, l in enumerate(lignes):
        if len(l) != largeur:
            defauts.append("%s : ligne %d : %d colonnes au lieu de %d" % (nom, i + 1, len(l), largeur))
    return lignes, defauts


def cellules_libreoffice(chemin, dossier):
    """Les lignes du CSV telles que LibreOffice Calc les lit : (texte, type, valeur) par cellule."""
    env = dict(os.environ, HOME=dossier)
    r = subprocess.run(["soffice", "--headless", "--infilter=CSV:59,34,76,1,,1036", "--convert-to", "fods",
                        "--outdir", dossier, chemin], capture_output=True, env=env, timeout=300)
    sortie = os.path.join(dossier, os.path.splitext(os.path.basename(chemin))[0] + ".fods")
    if r.returncode != 0 or not os.path.exists(sortie):
        raise RuntimeError("LibreOffice n'a pas converti %s : %s" % (chemin, r.stderr.decode()))
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    lignes = []
    for row in ET.parse(sortie).findall(".//table:table-row", ns):
        rep_lignes = int(row.get("{%s}number-rows-repeated" % ns["table"], "1"))
        cells = []
        for c in row.findall("table:table-cell", ns):
            rep = int(c.get("{%s}number-columns-repeated" % ns["table"], "1"))
            texte = "\n".join("".join(p.itertext()) for p in c.findall("text:p", ns))
            cells += [(texte, c.get("{%s}value-type" % ns["office"]), c.get("{%s}value" % ns["office"]))] * min(rep, 200)
        while cells and cells[-1][1] is None and cells[-1][0] == "":
            cells.pop()
        if cells:
            lignes += [cells] * min(rep_lignes, 1)
    return lignes


def valider_csv_libreoffice(chemin, lignes, nom, dossier):
    defauts = []
    calc = cellules_libreoffice(chemin, dossier)
    if len(calc) != len(lignes):
        defauts.append("%s : LibreOffice lit %d lignes, le CSV en a %d" % (nom, len(calc), len(lignes)))
    nombres = 0
    for i, (l, c) in enumerate(zip(lignes, calc)):
        for j, champ in enumerate(l):
            cell = c[j] if j < len(c) else ("", None, None)
            if i == 0 and cell[0] != champ:
                defauts.append("%s : intitulé « %s » lu « %s »" % (nom, champ, cell[0]))
            if i > 0 and NOMBRE.match(champ):
                nombres += 1
                attendu = float(champ.replace(",", "."))
                if cell[1] not in ("float", "percentage") or abs(float(cell[2]) - attendu) > 1e-9 * max(1, abs(attendu)):
                    defauts.append("%s : ligne %d, colonne %d : « %s » lu %s %s" % (nom, i + 1, j + 1, champ, cell[1], cell[2]))
    return nombres, defauts


def lire_rendu():
    """Le module scripts/lire-rendu.py (les lecteurs de classeurs)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("lire_rendu", os.path.join(ICI, "lire-rendu.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def valider_classeur(chemin, nom, dossier, libreoffice):
    lecteur = lire_rendu()
    defauts = []
    classeur = lecteur.classeur(chemin)
    noms = [f["nom"] for f in classeur["feuilles"]]
    if noms != ["Indicateurs", "Actions"]:
        defauts.append("%s : feuilles %s" % (nom, noms))
    calc = lecteur.csv_libreoffice(chemin, dossier) if libreoffice else {}
    identifiants = 0
    for f in classeur["feuilles"]:
        if f["fige"] is None:
            defauts.append("%s : %s : en-tête non figé" % (nom, f["nom"]))
        lignes = calc.get(f["nom"])
        for i, ligne in enumerate(f["lignes"][1:], start=1):
            c = ligne[0]
            if c is None or c["t"] != "s":
                defauts.append("%s : %s : ligne %d : identifiant non textuel %s" % (nom, f["nom"], i + 1, c))
                continue
            identifiants += 1
            if lignes is not None:
                lu = lignes[i][0] if i < len(lignes) and lignes[i] else {"texte": False, "v": ""}
                if not lu["texte"] or lu["v"] != c["v"]:
                    defauts.append("%s : %s : ligne %d : « %s » lu « %s » par LibreOffice" % (nom, f["nom"], i + 1, c["v"], lu["v"]))
    return identifiants, defauts


def main():
    args = sys.argv[1:]
    if args and args[0] in ("-h", "--help", "--aide"):
        print(__doc__)
        return 0
    binaire = os.path.join(RACINE, ".build", "debug", "copc")
    if args and os.path.isfile(args[0]) and os.access(args[0], os.X_OK):
        binaire = args.pop(0)
    dossiers = args or sorted({os.path.dirname(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(RACINE, "contracts"))
                               for f in fs if f.endswith(".cop")})
    try:
        import icalendar  # noqa: F401
    except ImportError:
        erreur("le paquet Python « icalendar » manque (pip install icalendar)")
        return 2
    libreoffice = shutil.which("soffice") is not None
    if not libreoffice:
        print("LibreOffice (soffice) introuvable : CSV vérifiés avec le module csv de Python seulement "
              "(apt-get install libreoffice-calc-nogui)")
    defauts = []
    with tempfile.TemporaryDirectory() as tmp:
        for d in dossiers:
            nom = os.path.relpath(d, RACINE)
            n, ds = valider_calendrier(copc(binaire, "calendrier", d), nom + " (calendrier)")
            defauts += ds
            defauts += valider_calendrier(copc(binaire, "calendrier", d, "--rappel", "7"), nom + " (calendrier, rappels)", True)[1]
            resume = ["%d événements" % n]
            for table in ("indicateurs", "actions"):
                octets = copc(binaire, "rendre", d, "--format", "csv", "--table", table)
                chemin = os.path.join(tmp, os.path.basename(d) + "-" + table + ".csv")
                with open(chemin, "wb") as f:
                    f.write(octets)
                lignes, ds = lire_csv(octets, "%s (%s.csv)" % (nom, table))
                defauts += ds
                if libreoffice:
                    nombres, ds = valider_csv_libreoffice(chemin, lignes, "%s (%s.csv)" % (nom, table), tmp)
                    defauts += ds
                    resume.append("%s : %d lignes, %d nombres lus par LibreOffice" % (table, len(lignes) - 1, nombres))
                else:
                    resume.append("%s : %d lignes" % (table, len(lignes) - 1))
            chemin = os.path.join(tmp, os.path.basename(d) + ".xlsx")
            copc(binaire, "rendre", d, "--format", "xlsx", "-o", chemin)
            try:
                identifiants, ds = valider_classeur(chemin, "%s (xlsx)" % nom, tmp, libreoffice)
            except ImportError:
                erreur("le paquet Python « openpyxl » manque (pip install openpyxl)")
                return 2
            defauts += ds
            resume.append("xlsx : %d identifiants en texte%s" % (identifiants, " (relus par LibreOffice)" if libreoffice else ""))
            print("%s : %s" % (nom, " ; ".join(resume)))
    for x in defauts:
        erreur(x)
    print("aucun défaut" if not defauts else "%d défaut(s)" % len(defauts))
    return 1 if defauts else 0


if __name__ == "__main__":
    sys.exit(main())
