#!/usr/bin/env python3
"""Lit un classeur ou un calendrier écrit par copc avec de vrais lecteurs et l'imprime en JSON.

Usage :
  scripts/lire-rendu.py classeur FICHIER.xlsx
      lu par openpyxl (pip install openpyxl) : pour chaque feuille, son nom, le volet figé,
      le filtre, la largeur des colonnes et chaque cellule avec son type (« s » texte,
      « n » nombre, « d » date), sa valeur (un nombre en texte exact, repr de Python ; une
      date en AAAA-MM-JJ) et son format ;
  scripts/lire-rendu.py calendrier FICHIER.ics
      lu par icalendar (pip install icalendar) : pour chaque événement, UID, DTSTART, DTEND
      (dates AAAA-MM-JJ), STATUS, SUMMARY, DESCRIPTION, SEQUENCE et ses alarmes (TRIGGER,
      RELATED, ACTION) ;
  scripts/lire-rendu.py csv-libreoffice FICHIER.xlsx DOSSIER
      converti par LibreOffice sans interface (soffice --headless --convert-to csv, chaque
      feuille, « ; », guillemets autour de chaque texte, valeurs brutes) : pour chaque
      feuille, ses lignes telles que LibreOffice les écrit, chaque champ avec « texte » s'il
      était entre guillemets (une cellule de texte) ou non (un nombre, une date).
Les tests de copc (SheetTests, CalendarTests) et scripts/valider-rendu.py s'en servent.
Statut : 0 lu ; 1 fichier illisible ; 2 outil manquant ou mauvais usage.
"""
import csv
import datetime
import glob
import io
import json
import os
import subprocess
import sys


def classeur(chemin):
    import openpyxl
    from openpyxl.utils import get_column_letter
    wb = openpyxl.load_workbook(chemin)
    feuilles = []
    for ws in wb.worksheets:
        lignes = []
        for row in ws.iter_rows():
            cellules = []
            for c in row:
                if c.value is None:
                    cellules.append(None)
                    continue
                v = c.value
                t = c.data_type
                if isinstance(v, datetime.datetime):
                    v, t = v.date().isoformat(), "d"
                elif isinstance(v, datetime.date):
                    v, t = v.isoformat(), "d"
                elif t == "n":
                    # repr: the shortest text that reads back as the same double (JSON readers
                    # may round a long decimal).
                    v = repr(float(v))
                cellules.append({"t": t, "v": v, "f": c.number_format})
            lignes.append(cellules)
        largeurs = []
        for i in range(1, ws.max_column + 1):
            d = ws.column_dimensions.get(get_column_letter(i))
            largeurs.append(d.width if d is not None else None)
        feuilles.append({"nom": ws.title, "fige": ws.freeze_panes, "filtre": ws.auto_filter.ref,
                         "largeurs": largeurs, "lignes": lignes})
    return {"titre": wb.properties.title, "feuilles": feuilles}


def calendrier(chemin):
    import icalendar
    with open(chemin, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    evenements = []
    for ev in cal.walk("VEVENT"):
        def jour(cle):
            v = ev.decoded(cle)
            return {"type": type(v).__name__, "jour": v.isoformat()[:10]}
        alarmes = []
        for a in ev.walk("VALARM"):
            t = a.get("TRIGGER")
            alarmes.append({"action": str(a.get("ACTION")), "trigger": t.to_ical().decode(),
                            "related": t.params.get("RELATED", "START"),
                            "heures": a.decoded("TRIGGER").total_seconds() / 3600,
                            "description": str(a.get("DESCRIPTION"))})
        evenements.append({"uid": str(ev.get("UID")), "debut": jour("DTSTART"), "fin": jour("DTEND"),
                           "statut": str(ev.get("STATUS")), "resume": str(ev.get("SUMMARY")),
                           "description": str(ev.get("DESCRIPTION")), "sequence": int(ev.get("SEQUENCE")),
                           "alarmes": alarmes})
    return {"nom": str(cal.get("X-WR-CALNAME")), "evenements": evenements}


def csv_libreoffice(chemin, dossier):
    env = dict(os.environ, HOME=dossier)
    # Export options: « ; », « " », UTF-8, line 1, -, French, quote every text cell, -,
    # raw values (not as shown), no formulas, -, every sheet (one file each).
    filtre = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1036,true,true,false,false,false,-1"
    r = subprocess.run(["soffice", "--headless", "--convert-to", filtre, "--outdir", dossier, chemin],
                       capture_output=True, env=env, timeout=300)
    base = os.path.splitext(os.path.basename(chemin))[0]
    fichiers = sorted(glob.glob(os.path.join(dossier, glob.escape(base) + "-*.csv")))
    if r.returncode != 0 or not fichiers:
        raise RuntimeError("LibreOffice n'a pas converti %s : %s" % (chemin, r.stderr.decode()))
    feuilles = {}
    for f in fichiers:
        nom = os.path.splitext(os.path.basename(f))[0][len(base) + 1:]
        with open(f, "rb") as h:
            texte = h.read().decode("utf-8-sig")
        lignes = []
        for ligne in lire_champs(texte):
            lignes.append(ligne)
        feuilles[nom] = lignes
    return feuilles


def lire_champs(texte):
    """Les lignes d'un CSV « ; » avec, pour chaque champ, s'il était entre guillemets."""
    lignes, ligne, champ, i, cite = [], [], "", 0, False
    n = len(texte)
    while i < n:
        c = texte[i]
        if c == '"' and champ == "" and not cite:
            cite = True
            i += 1
            while i < n:
                if texte[i] == '"':
                    if i + 1 < n and texte[i + 1] == '"':
                        champ += '"'
                        i += 2
                        continue
                    i += 1
                    break
                champ += texte[i]
                i += 1
            continue
        if c == ";":
            ligne.append({"texte": cite, "v": champ})
            champ, cite = "", False
        elif c in "\r\n":
            if c == "\r" and i + 1 < n and texte[i + 1] == "\n":
                i += 1
            ligne.append({"texte": cite, "v": champ})
            lignes.append(ligne)
            ligne, champ, cite = [], "", False
        else:
            champ += c
        i += 1
    if champ or ligne:
        ligne.append({"texte": cite, "v": champ})
        lignes.append(ligne)
    return lignes


def main():
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help", "--aide"):
        print(__doc__)
        return 0 if args else 2
    try:
        if args[0] == "classeur" and len(args) == 2:
            resultat = classeur(args[1])
        elif args[0] == "calendrier" and len(args) == 2:
            resultat = calendrier(args[1])
        elif args[0] == "csv-libreoffice" and len(args) == 3:
            resultat = csv_libreoffice(args[1], args[2])
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except ImportError as e:
        print("lire-rendu : paquet Python manquant : %s" % e, file=sys.stderr)
        return 2
    except Exception as e:  # a reader's refusal is the finding
        print("lire-rendu : %s" % e, file=sys.stderr)
        return 1
    json.dump(resultat, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
