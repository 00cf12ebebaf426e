#!/usr/bin/env bash
# Mots longs à l'impression : une adresse sans coupure possible dans un titre d'action, une
# source d'indicateur ou un texte ne doit pas pousser les colonnes des échéances et des
# cibles hors de la page imprimée (issue 21).
#
# Usage : scripts/capture-mots-longs.sh DOSSIER_SORTIE
#
# Copie le contrat fictif contracts/exemples/cop-fictif-ofe-2023-2027 en y glissant de telles
# adresses, le rend en HTML (copc rendre), l'imprime en PDF et en PNG page par page
# (scripts/capture-html.sh), puis vérifie sur le PDF (pdftotext) que chaque page qui porte
# un tableau d'indicateurs en montre toutes les colonnes d'années (autant de « 2027 » que
# de « Cibles ») et qu'aucun mot ne sort de la page. Regardez aussi les page-N.png.
# Le binaire utilisé est $COPC (défaut : .build/debug/copc).
# Outils (paquets Debian) : chromium, poppler-utils.
set -euo pipefail

if [ $# -ne 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ] || [ "$1" = "--aide" ]; then
  echo "usage : scripts/capture-mots-longs.sh DOSSIER_SORTIE" >&2
  exit 2
fi
sortie=$1
ici=$(cd "$(dirname "$0")" && pwd)
copc=${COPC:-$ici/../.build/debug/copc}
if [ ! -x "$copc" ]; then
  echo "capture-mots-longs : copc introuvable ($copc) ; lancez « swift build » ou donnez COPC=chemin" >&2
  exit 2
fi
for outil in pdftotext pdfinfo; do
  command -v "$outil" >/dev/null 2>&1 || { echo "capture-mots-longs : $outil introuvable (paquet Debian poppler-utils)" >&2; exit 2; }
done

mkdir -p "$sortie/contrat"
adresse='https://donnees.exemple.gouv.fr/telechargement?jeu=IndicateursDePerformanceDuContratObjectifsTableauDeBordConsolideVersionDefinitive2023EtAnnexesStatistiquesDetailleesParDirectionRegionaleEtParTrimestre'
sed -e "s|  source : « Outil de gestion des demandes »|  source : « $adresse »|" \
    -e "s|action 1.1.1 « Publier un guide des demandes »|action 1.1.1 « Publier le guide https://www.exemple.gouv.fr/ServicesEnLigneEtFormulairesDeDemandesDesUsagersGuideCompletEtMisAJourChaqueTrimestre »|" \
    "$ici/../contracts/exemples/cop-fictif-ofe-2023-2027/contrat.cop" > "$sortie/contrat/contrat.cop"
grep -q "$adresse" "$sortie/contrat/contrat.cop" || { echo "capture-mots-longs : le contrat d'exemple a changé, l'adresse n'a pas été glissée" >&2; exit 1; }

"$copc" rendre "$sortie/contrat/contrat.cop" --format html -o "$sortie/contrat.html"
"$BASH" "$ici/capture-html.sh" "$sortie/contrat.html" "$sortie"

pdf=$sortie/impression.pdf
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
largeur=$(pdfinfo "$pdf" | awk '/^Page size:/ { print $3 }')
echec=0
for ((p = 1; p <= pages; p++)); do
  texte=$(pdftotext -f "$p" -l "$p" "$pdf" -)
  cibles=$(grep -c "^Cibles$" <<<"$texte" || true)
  annees=$(grep -c "^2027$" <<<"$texte" || true)
  if [ "$cibles" -ne "$annees" ]; then
    echo "capture-mots-longs : page $p : $cibles tableau(x) de cibles, mais $annees colonne(s) 2027 visible(s)" >&2
    echec=1
  fi
  # Aucun mot au-delà du bord droit de la page.
  if pdftotext -f "$p" -l "$p" -bbox "$pdf" - | awk -v w="$largeur" -F'"' '/<word / { if ($6 + 0 > w + 0) { found = 1 } } END { exit !found }'; then
    echo "capture-mots-longs : page $p : un mot dépasse le bord droit de la page" >&2
    echec=1
  fi
done
if [ "$echec" -ne 0 ]; then exit 1; fi
echo "capture-mots-longs : $pages pages, toutes les colonnes de cibles visibles ; regardez $sortie/page-*.png"
