#!/bin/sh
# Construit la documentation DocC de CopcKit, la sert en local et en fait des captures
# d'écran dans Chromium sans interface (page d'accueil et article « Premiers pas »).
# Usage : scripts/capture-documentation-copckit.sh DOSSIER-DES-CAPTURES
set -eu
cd "$(dirname "$0")/.."
captures="${1:?usage : scripts/capture-documentation-copckit.sh DOSSIER-DES-CAPTURES}"
command -v chromium >/dev/null 2>&1 || { echo "capture-documentation-copckit : « chromium » est introuvable (apt-get install chromium)" >&2; exit 2; }
mkdir -p "$captures"
captures="$(cd "$captures" && pwd)"
scripts/documentation-copckit.sh .build/documentation-copckit >/dev/null
port=8765
python3 -m http.server "$port" --bind 127.0.0.1 --directory .build/documentation-copckit >/dev/null 2>&1 &
serveur=$!
trap 'kill "$serveur"' EXIT
sleep 1
for page in copckit copckit/premierspas copckit/contrat copckit/diagnostic; do
    nom=$(echo "$page" | tr '/' '-')
    chromium --headless --no-sandbox --disable-gpu --window-size=1280,1600 --virtual-time-budget=5000 \
        --screenshot="$captures/$nom.png" "http://127.0.0.1:$port/documentation/$page" 2>/dev/null
done
echo "capture-documentation-copckit : captures écrites dans $captures"
