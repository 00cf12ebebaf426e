#!/usr/bin/env bash
# Capture du bilan HTML de l'exemple fictif (ou d'un autre dossier) dans Chromium sans
# interface : copie d'écran, PDF A4 et pages en niveaux de gris (scripts/capture-html.sh).
#
# Usage : scripts/capture-bilan.sh [DOSSIER_CONTRAT] [ANNÉE] [DOSSIER_SORTIE]
#   défauts : contracts/exemples/suivi-annuel-fictif, 2024, /tmp/copc-capture/bilan
# Le binaire copc est pris dans .build/debug (swift build) ou dans $COPC.
set -euo pipefail
racine="$(cd "$(dirname "$0")/.." && pwd)"
dossier="${1:-$racine/contracts/exemples/suivi-annuel-fictif}"
annee="${2:-2024}"
sortie="${3:-/tmp/copc-capture/bilan}"
copc="${COPC:-$racine/.build/debug/copc}"
if [ ! -x "$copc" ]; then
  echo "copc introuvable : $copc (lancez « swift build » ou donnez COPC=chemin)" >&2
  exit 2
fi
mkdir -p "$sortie"
"$copc" bilan "$dossier" --annee "$annee" --format html -o "$sortie/bilan.html"
exec "$racine/scripts/capture-html.sh" "$sortie/bilan.html" "$sortie"
