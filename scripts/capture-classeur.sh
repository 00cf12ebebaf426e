#!/usr/bin/env bash
# Classeurs d'un contrat (copc rendre --format xlsx, et copc bilan --format xlsx s'il a des
# bilans) vus comme une personne les voit : imprimés par LibreOffice sans interface en PDF
# (paysage, une page de large, en-tête répété, quadrillage), pages converties en PNG.
#
# Usage : scripts/capture-classeur.sh DOSSIER_DU_CONTRAT DOSSIER_SORTIE
#
# Produit dans DOSSIER_SORTIE : contrat.xlsx, contrat.pdf, contrat-N.png et, si le contrat
# a des bilans, bilan.xlsx, bilan.pdf, bilan-N.png.
# Le binaire utilisé est $COPC (défaut : .build/debug/copc, construit par « swift build »).
# Outils (paquets Debian) : libreoffice-calc-nogui, poppler-utils.
#
# Exemple : scripts/capture-classeur.sh contracts/exemples/suivi-annuel-fictif /tmp/classeurs
set -euo pipefail

if [ $# -ne 2 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ] || [ "$1" = "--aide" ]; then
  echo "usage : scripts/capture-classeur.sh DOSSIER_DU_CONTRAT DOSSIER_SORTIE" >&2
  exit 2
fi
dossier=$1
sortie=$2
ici=$(cd "$(dirname "$0")" && pwd)
copc=${COPC:-$ici/../.build/debug/copc}
if [ ! -x "$copc" ]; then
  echo "capture-classeur : copc introuvable ($copc) ; lancez « swift build » ou donnez COPC=chemin" >&2
  exit 2
fi
for outil in soffice pdftoppm; do
  if ! command -v "$outil" >/dev/null; then
    echo "capture-classeur : $outil introuvable (paquets libreoffice-calc-nogui, poppler-utils)" >&2
    exit 2
  fi
done
mkdir -p "$sortie"
profil=$(mktemp -d)
trap 'rm -rf "$profil"' EXIT
"$copc" rendre "$dossier" --format xlsx -o "$sortie/contrat.xlsx"
noms=(contrat)
# Un contrat sans bilan : copc bilan le dit (statut 2) et il n'y a pas de classeur de bilan.
if "$copc" bilan "$dossier" --format xlsx -o "$sortie/bilan.xlsx" 2>/dev/null; then
  noms+=(bilan)
fi
for nom in "${noms[@]}"; do
  HOME="$profil" soffice --headless --convert-to pdf --outdir "$sortie" "$sortie/$nom.xlsx" >/dev/null
  pdftoppm -r 110 -png "$sortie/$nom.pdf" "$sortie/$nom"
  echo "$sortie/$nom.pdf : $(ls "$sortie" | grep -c "^$nom-.*\.png$") page(s)"
done
