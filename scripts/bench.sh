#!/usr/bin/env bash
# Mesures de copc (build release) : débits par phase, mémoire de pointe, démarrage à froid.
# Outils publics : hyperfine (paquet Debian « hyperfine ») et /usr/bin/time (paquet « time »).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
bin=.build/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Débits par phase, espace de 500 fichiers sur 1 et 2 fils, latence de l'éditeur (copc-bench, même exécution)"
echo "   charge de la machine au départ : $(cut -d ' ' -f 1-3 /proc/loadavg)"
"$bin/copc-bench"

echo
echo "== Mémoire de pointe d'un « copc check » complet (processus entier)"
"$bin/copc-bench" --ecrire "$work" >/dev/null
for f in "$work/synthetique-1mo.cop" "$work/synthetique-10mo.cop"; do
  size=$(stat -c %s "$f")
  rss=$(/usr/bin/time -f '%M' "$bin/copc" check "$f" --format json --au 2026-11-22 2>&1 >/dev/null | tail -n 1)
  budget=$(( 20 * 1024 + size * 15 / 1024 ))
  echo "$(basename "$f") : $(( size / 1024 )) Kio, pointe $rss Kio (objectif ≤ $budget Kio = 20 Mo + 15 octets par octet source)"
done

echo
echo "== Démarrage à froid : plus grand contrat réel (check, fmt --check) contre un exécutable Swift trivial"
largest=$(ls -S contracts/*/contrat.cop | head -n 1)
printf 'print("")\n' > "$work/trivial.swift"
swiftc -O "$work/trivial.swift" -o "$work/trivial" 2>/dev/null
if command -v hyperfine >/dev/null; then
  hyperfine -N -i --warmup 3 --runs 30 \
    "$work/trivial" \
    "$bin/copc check $largest --format json --au 2026-11-22" \
    "$bin/copc fmt --check $largest"
else
  echo "(hyperfine absent : apt-get install hyperfine) — mesure grossière par /usr/bin/time"
  /usr/bin/time -f 'trivial : %e s' "$work/trivial" >/dev/null
  /usr/bin/time -f "copc check $largest : %e s" "$bin/copc" check "$largest" --format json >/dev/null || true
fi
