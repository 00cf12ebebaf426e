#!/usr/bin/env bash
# Rend les comparatifs HTML de « copc diff » sur l'exemple fictif
# contracts/exemples/cop-fictif-ofe-2023-2027 et les capture comme une personne les voit :
# à l'écran et imprimés (A4, pages en niveaux de gris), par scripts/capture-html.sh.
#
# Usage : scripts/capture-diff.sh [DOSSIER_SORTIE] [DE] [A]
#   DOSSIER_SORTIE  défaut /tmp/copc-capture/diff
#   DE, A           versions comparées (défaut 1 et 2 : l'avenant 2, qui ajoute, supprime,
#                   déplace et raccourcit la période)
# Produit, chacun avec sa page HTML, ecran.png, impression.pdf et page-N.png :
#   DOSSIER_SORTIE/versions/    copc diff --de DE --a A (l'en-tête de chaque avenant, ses clauses)
#   DOSSIER_SORTIE/brouillons/  deux brouillons du contrat (pas de clause : groupés par élément)
#   DOSSIER_SORTIE/git/         copc diff --git dans un dépôt jetable (avenants 2 et 3 ajoutés,
#                               un bilan, un annuaire)
# Outils : la compilation de copc (swift build), git, chromium et poppler-utils (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
racine=$(pwd)
sortie=${1:-/tmp/copc-capture/diff}
de=${2:-1}
a=${3:-2}
exemple=contracts/exemples/cop-fictif-ofe-2023-2027
mkdir -p "$sortie/versions" "$sortie/brouillons" "$sortie/git"
swift build --product copc >/dev/null
copc=$racine/.build/debug/copc

# Deux versions du contrat.
"$copc" diff "$exemple" --de "$de" --a "$a" --format html -o "$sortie/versions/comparaison.html"
scripts/capture-html.sh "$sortie/versions/comparaison.html" "$sortie/versions"

# Deux brouillons du contrat : un délai, une cible et un titre changés.
travail=$(mktemp -d)
trap 'rm -rf "$travail"' EXIT
cp "$exemple/contrat.cop" "$travail/ancien.cop"
sed -e 's/délai : fin 2024/délai : S2 2025/' -e 's/cible 2025 : 60 %/cible 2025 : 61 %/' \
    -e 's/« Publier un guide des demandes »/« Publier et diffuser un guide des demandes »/' \
    "$exemple/contrat.cop" > "$travail/nouveau.cop"
"$copc" diff "$travail/ancien.cop" "$travail/nouveau.cop" --format html -o "$sortie/brouillons/comparaison.html"
scripts/capture-html.sh "$sortie/brouillons/comparaison.html" "$sortie/brouillons"

# Un dépôt jetable : le contrat et l'avenant 1, puis les avenants 2 et 3, un bilan.
depot=$travail/depot
mkdir -p "$depot/c"
cp "$exemple/contrat.cop" "$exemple/avenant-1.cop" "$depot/c/"
git -C "$depot" init -q
git -C "$depot" -c user.name=capture -c user.email=capture@example.org add -A
git -C "$depot" -c user.name=capture -c user.email=capture@example.org commit -qm "contrat et avenant 1"
cp "$exemple/avenant-2.cop" "$exemple/avenant-3.cop" "$depot/c/"
cat > "$depot/c/bilan-2024.cop" <<'BILAN'
bilan 2024 du contrat COP-OFE « Bilan annuel 2024 »
  établi le : 2025-03-01

indicateur 1.1.a
  réalisé : 56 %
  analyse : « Outil de suivi livré en mars »

action 1.1.1
  état : finalisé
BILAN
(cd "$depot" && "$copc" diff --git HEAD --format html -o "$sortie/git/comparaison.html")
scripts/capture-html.sh "$sortie/git/comparaison.html" "$sortie/git"
ls "$sortie"/*
