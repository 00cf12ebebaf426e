#!/bin/sh
# Lance python3 dans un environnement virtuel qui contient les outils de vérification
# (scripts/outils-python.txt), créé au premier appel dans .build/outils-python.
# Usage : scripts/outils-python.sh SCRIPT.py [ARGUMENTS…]
# Demande un accès à PyPI au premier appel seulement (ou quand outils-python.txt change).
set -eu
racine=$(cd "$(dirname "$0")/.." && pwd)
venv="$racine/.build/outils-python"
exigences="$racine/scripts/outils-python.txt"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$exigences" "$venv/exigences-installees.txt"; then
  echo "outils-python : installation de $(grep -c '^[a-z]' "$exigences") paquets dans $venv…" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$exigences"
  cp "$exigences" "$venv/exigences-installees.txt"
fi
exec "$venv/bin/python" "$@"
