#!/bin/sh
# Construit la documentation DocC de CopcKit (catalogue Sources/CopcKit/CopcKit.docc)
# avec le `docc` de la chaîne Swift, hors ligne.
# Usage : scripts/documentation-copckit.sh [DOSSIER-DE-SORTIE]   (défaut : .build/documentation-copckit)
set -eu
cd "$(dirname "$0")/.."
sortie="${1:-.build/documentation-copckit}"
docc="$(command -v docc || true)"
if [ -z "$docc" ] && command -v swift >/dev/null 2>&1; then
    candidat="$(dirname "$(readlink -f "$(command -v swift)")")/docc"
    [ -x "$candidat" ] && docc="$candidat"
fi
if [ -z "$docc" ]; then
    echo "documentation-copckit : « docc » est introuvable (il est livré avec la chaîne Swift 5.6 et suivantes)" >&2
    exit 2
fi
graphes=.build/graphes-de-symboles-copckit
rm -rf "$graphes" && mkdir -p "$graphes"
# Les graphes de symboles de l'API publique, tirés de la construction existante.
swift package dump-symbol-graph --minimum-access-level public >/dev/null
# Seuls les graphes du module CopcKit décrivent son API.
cp "$(swift build --show-bin-path)"/../symbolgraph/CopcKit*.symbols.json "$graphes"/
"$docc" convert Sources/CopcKit/CopcKit.docc \
    --additional-symbol-graph-dir "$graphes" \
    --fallback-display-name CopcKit --fallback-bundle-identifier fr.copc.CopcKit \
    --warnings-as-errors \
    --output-path "$sortie"
echo "documentation-copckit : documentation écrite dans $sortie"
