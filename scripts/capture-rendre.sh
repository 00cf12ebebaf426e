#!/usr/bin/env bash
# Rendu d'un contrat en HTML (copc rendre) puis capture tel qu'une personne le voit :
# copie d'écran et PDF imprimé converti page par page en PNG (scripts/capture-html.sh).
#
# Usage : scripts/capture-rendre.sh DOSSIER_DU_CONTRAT DOSSIER_SORTIE [--version V]
#                                   [--comparer TEXTE_SOURCE.txt [MOTIF]]
#
# Produit dans DOSSIER_SORTIE : contrat.html, ecran.png, impression.pdf, page-N.png.
#
# --comparer : met côte à côte la page imprimée du rendu qui contient MOTIF (défaut
# « Fait à », la page des signatures) et le texte du document source à partir de la même
# ligne (les 45 lignes qui suivent, imprimées en A4 par Chromium) : source.html,
# source.pdf, source.png et cote-a-cote.png (rendu à gauche, source à droite, posés dans
# cote-a-cote.html et capturés par Chromium ; outil : poppler-utils pour pdftotext). Exemple, le COP du CNG et le
# texte du contrat signé :
#   scripts/capture-rendre.sh contracts/cop-cng-2021-2025 /tmp/rendu/cng --comparer cop-cng-2021-2025.txt
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
source_texte=""
motif="Fait à"
options_rendre=()
while [ $# -gt 0 ]; do
  case "$1" in
    --comparer)
      [ $# -ge 2 ] || { echo "capture-rendre : --comparer attend un fichier texte" >&2; exit 2; }
      source_texte=$2
      shift 2
      if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then motif=$1; shift; fi
      ;;
    *) options_rendre+=("$1"); shift ;;
  esac
done
ici=$(cd "$(dirname "$0")" && pwd)
copc=${COPC:-$ici/../.build/debug/copc}
if [ ! -x "$copc" ]; then
  echo "capture-rendre : copc introuvable ($copc) ; lancez « swift build » ou donnez COPC=chemin" >&2
  exit 2
fi
mkdir -p "$sortie"
# Les erreurs du contrat sont résumées sur la sortie d'erreur ; le document est écrit quand même.
"$copc" rendre "$dossier" --format html -o "$sortie/contrat.html" ${options_rendre[@]+"${options_rendre[@]}"}
"$BASH" "$ici/capture-html.sh" "$sortie/contrat.html" "$sortie"

[ -n "$source_texte" ] || exit 0
if [ ! -f "$source_texte" ]; then
  echo "capture-rendre : texte source introuvable : $source_texte" >&2
  exit 2
fi
for outil in pdftotext; do
  command -v "$outil" >/dev/null 2>&1 || { echo "capture-rendre : $outil est introuvable" >&2; exit 2; }
done
# La page du rendu imprimé qui contient le motif.
pages=$(ls "$sortie"/page-*.png | wc -l)
page=""
for n in $(seq 1 "$pages"); do
  if pdftotext -f "$n" -l "$n" "$sortie/impression.pdf" - | grep -qF "$motif"; then page=$n; break; fi
done
if [ -z "$page" ]; then
  echo "capture-rendre : « $motif » n'apparaît sur aucune page du rendu" >&2
  exit 1
fi
# Le texte source à partir du motif, en HTML (caractères spéciaux échappés), imprimé en A4.
debut=$(grep -nF "$motif" "$source_texte" | head -n 1 | cut -d: -f1)
if [ -z "$debut" ]; then
  echo "capture-rendre : « $motif » n'apparaît pas dans $source_texte" >&2
  exit 1
fi
{
  printf '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Document source</title>'
  printf '<style>@page { size: A4; margin: 2cm; } body { font: 11pt/1.45 serif; } pre { white-space: pre-wrap; font: inherit; }</style>'
  printf '</head><body><pre>'
  tail -n "+$debut" "$source_texte" | head -n 45 | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'
  printf '</pre></body></html>\n'
} >"$sortie/source.html"
profil=$(mktemp -d)
trap 'rm -rf "$profil"' EXIT
navigateur=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
"$navigateur" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --user-data-dir="$profil" --no-pdf-header-footer --print-to-pdf="$sortie/source.pdf" \
  "file://$(cd "$sortie" && pwd)/source.html" >"$profil/source.log" 2>&1
pdftoppm -gray -png -r "${RESOLUTION:-70}" -f 1 -l 1 -singlefile "$sortie/source.pdf" "$sortie/source"
# Côte à côte : une page HTML qui pose les deux PNG l'un à côté de l'autre, capturée.
printf '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Côte à côte</title><style>body { margin: 0; display: flex; gap: 12px; background: #fff; } img { border: 1px solid #888; }</style></head><body><img src="page-%s.png" alt="rendu"><img src="source.png" alt="source"></body></html>\n' "$page" >"$sortie/cote-a-cote.html"
"$navigateur" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars \
  --user-data-dir="$profil" --window-size=1200,860 --screenshot="$sortie/cote-a-cote.png" \
  "file://$(cd "$sortie" && pwd)/cote-a-cote.html" >"$profil/cote.log" 2>&1
echo "côte à côte : $sortie/cote-a-cote.png (rendu, page $page ; source à partir de « $motif »)"
