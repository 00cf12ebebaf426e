#!/usr/bin/env bash
# Nombre d'instructions par octet source de « copc check » (build release) sur le contrat
# synthétique de 1 Mo, étape par étape : la mesure stable des régressions de performance (elle
# ne dépend pas de la charge de la machine, contrairement aux temps). Hors de .ci/run.
# Outil public : valgrind (paquet Debian « valgrind », outil callgrind).
# Usage : scripts/instructions.sh [--10mo] [--garder FICHIER_CALLGRIND]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind absent : apt-get install valgrind" >&2; exit 2; }
taille=1mo
garder=
while [ $# -gt 0 ]; do
  case "$1" in
    --10mo) taille=10mo ;;
    --garder) garder=${2:?"--garder FICHIER"}; shift ;;
    *) echo "option inconnue : $1" >&2; exit 2 ;;
  esac
  shift
done
swift build -c release --product copc >/dev/null
swift build -c release --product copc-bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/release/copc-bench --ecrire "$work" >/dev/null
src="$work/synthetique-$taille.cop"
octets=$(stat -c %s "$src")
valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
  .build/release/copc check "$src" --format json --au 2026-11-22 >/dev/null 2>"$work/valgrind.log" || true
grep -q "Collected" "$work/valgrind.log" || { cat "$work/valgrind.log" >&2; exit 1; }
echo "copc check synthetique-$taille.cop ($octets octets), build release, callgrind :"
python3 scripts/instructions-etapes.py "$work/cg.out" "$octets"
[ -n "$garder" ] && cp "$work/cg.out" "$garder"
exit 0
