#!/usr/bin/env bash
# Rend le comparatif HTML (« copc diff --format html ») de l'exemple fictif
# contracts/exemples/cop-fictif-ofe-2023-2027 et le capture comme une personne le voit :
# à l'écran et imprimé (A4, pages en niveaux de gris), par scripts/capture-html.sh.
#
# Usage : scripts/capture-diff.sh [DOSSIER_SORTIE] [DE] [A]
#   DOSSIER_SORTIE  défaut /tmp/copc-capture/diff
#   DE, A           versions comparées (défaut 1 et 2 : l'avenant 2, qui ajoute, supprime,
#                   déplace et raccourcit la période)
# Produit DOSSIER_SORTIE/comparaison.html, ecran.png, impression.pdf, page-N.png.
# Outils : la compilation de copc (swift build), chromium et poppler-utils (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
sortie=${1:-/tmp/copc-capture/diff}
de=${2:-1}
a=${3:-2}
mkdir -p "$sortie"
swift build --product copc >/dev/null
.build/debug/copc diff contracts/exemples/cop-fictif-ofe-2023-2027 --de "$de" --a "$a" --format html -o "$sortie/comparaison.html"
scripts/capture-html.sh "$sortie/comparaison.html" "$sortie"
ls "$sortie"
