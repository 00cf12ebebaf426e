#!/usr/bin/env bash
# Vérifie une étape de refonte sans changement de comportement : build, tests, puis sorties de
# copc comparées octet pour octet à un enregistrement de référence (scripts/reference.py).
# Usage : scripts/verifier-etape.sh DOSSIER_DE_REFERENCE [--propre]
#   --propre : reconstruit depuis zéro (après un changement de la disposition d'un type public,
#              la construction incrémentale peut lier des modules incohérents).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?"usage : scripts/verifier-etape.sh DOSSIER_DE_REFERENCE [--propre]"}
[ "${2:-}" = "--propre" ] && rm -rf .build
swift build 2>&1 | tail -n 1
swift test --disable-swift-testing 2>&1 | grep -E "error:|Executed [0-9]+ tests" | tail -n 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 scripts/reference.py .build/debug/copc "$out" >/dev/null
python3 scripts/reference.py --comparer "$ref" "$out" | tail -n 5
