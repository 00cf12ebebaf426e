#!/usr/bin/env bash
# Rendu d'un contrat en HTML (copc rendre) puis capture tel qu'une personne le voit :
# copie d'écran et PDF imprimé converti page par page en PNG (scripts/capture-html.sh).
#
# Usage : scripts/capture-rendre.sh DOSSIER_DU_CONTRAT DOSSIER_SORTIE [--version V]
#
# Produit dans DOSSIER_SORTIE : contrat.html, ecran.png, impression.pdf, page-N.png.
# Le binaire utilisé est $COPC (défaut : .build/debug/copc, construit par « swift build »).
# Outils (paquets Debian) : chromium, poppler-utils.
#
# Exemple, les quatre contrats du dépôt :
#   for d in contracts/*/; do scripts/capture-rendre.sh "$d" "/tmp/rendu/$(basename "$d")"; done
set -euo pipefail

if [ $# -lt 2 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ] || [ "$1" = "--aide" ]; then
  echo "usage : scripts/capture-rendre.sh DOSSIER_DU_CONTRAT DOSSIER_SORTIE [--version V]" >&2
  exit 2
fi
dossier=$1
sortie=$2
shift 2
ici=$(cd "$(dirname "$0")" && pwd)
copc=${COPC:-$ici/../.build/debug/copc}
if [ ! -x "$copc" ]; then
  echo "capture-rendre : copc introuvable ($copc) ; lancez « swift build » ou donnez COPC=chemin" >&2
  exit 2
fi
mkdir -p "$sortie"
# Les erreurs du contrat sont résumées sur la sortie d'erreur ; le document est écrit quand même.
"$copc" rendre "$dossier" --format html -o "$sortie/contrat.html" "$@"
"$BASH" "$ici/capture-html.sh" "$sortie/contrat.html" "$sortie"
