#!/usr/bin/env bash
# Capture d'une page HTML produite par copc, telle qu'une personne la voit :
#   - à l'écran : une copie d'écran PNG (Chromium sans interface) ;
#   - imprimée : un PDF (--print-to-pdf, A4, sans en-tête ni pied de page du navigateur)
#     puis chaque page du PDF en PNG en niveaux de gris (pdftoppm), pour vérifier
#     qu'elle reste lisible en noir et blanc.
#
# Usage : scripts/capture-html.sh ENTRÉE.html DOSSIER_SORTIE
#
# Produit dans DOSSIER_SORTIE : ecran.png, impression.pdf, page-1.png, page-2.png…
# Variables : LARGEUR (défaut 1280) et HAUTEUR (défaut 2400) de la fenêtre de la copie
# d'écran ; RESOLUTION (défaut 70 points par pouce) des pages PNG.
#
# Outils (paquets Debian) : chromium, poppler-utils.
#   apt-get install chromium poppler-utils
#
# Pages de démonstration de la couche HTML (valeurs fictives), écrites par un test :
#   COPC_DEMO_HTML=/tmp/copc-demo swift test --filter HTMLDemoTests
#   scripts/capture-html.sh /tmp/copc-demo/demonstration-document.html /tmp/copc-capture/document
#   scripts/capture-html.sh /tmp/copc-demo/demonstration-comparaison.html /tmp/copc-capture/comparaison
set -euo pipefail

usage() {
  echo "usage : scripts/capture-html.sh ENTRÉE.html DOSSIER_SORTIE" >&2
  echo "  capture la page à l'écran (ecran.png) et imprimée (impression.pdf, page-N.png)" >&2
  exit 2
}

if [ $# -ne 2 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ] || [ "$1" = "--aide" ]; then
  usage
fi
entree=$1
sortie=$2

if [ ! -f "$entree" ]; then
  echo "capture-html : fichier introuvable : $entree" >&2
  exit 2
fi

navigateur=""
for candidat in chromium chromium-browser google-chrome; do
  if command -v "$candidat" >/dev/null 2>&1; then
    navigateur=$candidat
    break
  fi
done
if [ -z "$navigateur" ]; then
  echo "capture-html : Chromium est introuvable ; installez-le (Debian : apt-get install chromium)" >&2
  exit 2
fi
if ! command -v pdftoppm >/dev/null 2>&1; then
  echo "capture-html : pdftoppm est introuvable ; installez-le (Debian : apt-get install poppler-utils)" >&2
  exit 2
fi

mkdir -p "$sortie"
chemin=$(cd "$(dirname "$entree")" && pwd)/$(basename "$entree")
# Chromium veut une adresse file:// ; les caractères hors ASCII y sont acceptés tels quels,
# mais les espaces et « # » doivent être encodés.
adresse="file://$(printf '%s' "$chemin" | sed -e 's/%/%25/g' -e 's/ /%20/g' -e 's/#/%23/g' -e 's/?/%3F/g')"

profil=$(mktemp -d)
trap 'rm -rf "$profil"' EXIT
# --no-sandbox : nécessaire quand on tourne en root (conteneurs, CI) ; la page est locale
# et n'exécute aucun script.
options=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars
         --no-first-run --no-default-browser-check --user-data-dir="$profil")

largeur=${LARGEUR:-1280}
hauteur=${HAUTEUR:-2400}
"$navigateur" "${options[@]}" --window-size="$largeur,$hauteur" \
  --screenshot="$sortie/ecran.png" "$adresse" >"$profil/ecran.log" 2>&1 || {
  echo "capture-html : la copie d'écran a échoué :" >&2
  tail -n 20 "$profil/ecran.log" >&2
  exit 1
}
"$navigateur" "${options[@]}" --no-pdf-header-footer --print-to-pdf-no-header \
  --print-to-pdf="$sortie/impression.pdf" "$adresse" >"$profil/pdf.log" 2>&1 || {
  echo "capture-html : l'impression en PDF a échoué :" >&2
  tail -n 20 "$profil/pdf.log" >&2
  exit 1
}
if [ ! -s "$sortie/ecran.png" ] || [ ! -s "$sortie/impression.pdf" ]; then
  echo "capture-html : Chromium n'a rien produit (voir $profil)" >&2
  exit 1
fi

rm -f "$sortie"/page-*.png
pdftoppm -gray -png -r "${RESOLUTION:-70}" "$sortie/impression.pdf" "$sortie/page"
# pdftoppm numérote page-01, page-02… selon le nombre de pages : on enlève les zéros.
for f in "$sortie"/page-*.png; do
  n=$(basename "$f" .png | sed -e 's/^page-0*//')
  [ "$f" = "$sortie/page-$n.png" ] || mv "$f" "$sortie/page-$n.png"
done

pages=$(ls "$sortie"/page-*.png | wc -l)
echo "écran     : $sortie/ecran.png"
echo "impression : $sortie/impression.pdf ($pages page(s), en niveaux de gris : $sortie/page-N.png)"
