#!/usr/bin/env bash
# Capture du portefeuille fictif du dépôt (ou d'un autre dossier) dans Chromium sans
# interface : son site (copc site), le tableau de bord à la largeur d'un bureau et d'un
# téléphone, une fiche de contrat, et l'impression du tableau de bord en PDF
# (scripts/capture-html.sh : copie d'écran, PDF A4, pages en niveaux de gris).
#
# Usage : scripts/capture-portefeuille.sh [DOSSIER] [DOSSIER_SORTIE]
#   défauts : contracts/exemples/portefeuille-fictif, /tmp/copc-capture/portefeuille
# Lu au 22 novembre 2026 (AU=AAAA-MM-JJ pour une autre date). Le binaire copc est pris dans
# .build/debug (swift build) ou dans $COPC.
set -euo pipefail
racine="$(cd "$(dirname "$0")/.." && pwd)"
dossier="${1:-$racine/contracts/exemples/portefeuille-fictif}"
sortie="${2:-/tmp/copc-capture/portefeuille}"
copc="${COPC:-$racine/.build/debug/copc}"
if [ ! -x "$copc" ]; then
  echo "copc introuvable : $copc (lancez « swift build » ou donnez COPC=chemin)" >&2
  exit 2
fi
mkdir -p "$sortie"
rm -rf "$sortie/site"
"$copc" site "$dossier" --au "${AU:-2026-11-22}" -o "$sortie/site" 2>/dev/null
LARGEUR=1366 HAUTEUR=2200 "$racine/scripts/capture-html.sh" "$sortie/site/index.html" "$sortie/bureau"
LARGEUR=390 HAUTEUR=3000 "$racine/scripts/capture-html.sh" "$sortie/site/index.html" "$sortie/telephone"
fiche=$(ls "$sortie"/site/contrats/*/index.html | head -n 1)
LARGEUR=1366 HAUTEUR=1800 "$racine/scripts/capture-html.sh" "$fiche" "$sortie/fiche"
echo "site : $sortie/site/index.html"
