#!/usr/bin/env bash
# copc contre l'outil qu'une équipe prendrait sinon : le même contenu (l'IR du contrat
# synthétique de 1 Mo, copc.ir/1) écrit en YAML et validé par check-jsonschema (PyPI) contre
# grammar/ir.schema.json. Mesures par hyperfine dans la même exécution (build release).
# Outils publics : hyperfine (Debian), check-jsonschema (PyPI, installé dans
# .build/outils-jsonschema), ruamel.yaml (dépendance de check-jsonschema) pour écrire le YAML.
# Usage : scripts/comparer-jsonschema.sh [ESSAIS]   (3 essais de check-jsonschema par défaut)
set -euo pipefail
cd "$(dirname "$0")/.."
essais=${1:-3}
command -v hyperfine >/dev/null || { echo "hyperfine absent : apt-get install hyperfine" >&2; exit 2; }
venv=.build/outils-jsonschema
if [ ! -x "$venv/bin/check-jsonschema" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q check-jsonschema
fi
swift build -c release --product copc >/dev/null
swift build -c release --product copc-bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/release/copc-bench --ecrire "$work" >/dev/null
src="$work/synthetique-1mo.cop"
.build/release/copc emit "$src" --au 2026-11-22 > "$work/ir.json"
"$venv/bin/python" - "$work/ir.json" "$work/ir.yaml" <<'PY'
import json, sys
from ruamel.yaml import YAML
y = YAML(typ="safe", pure=True)
y.allow_unicode = True
y.default_flow_style = False
with open(sys.argv[2], "w") as out:
    y.dump(json.load(open(sys.argv[1])), out)
PY
echo "source copc : $(stat -c %s "$src") octets ; même contenu en YAML (IR) : $(stat -c %s "$work/ir.yaml") octets"
"$venv/bin/check-jsonschema" --schemafile grammar/ir.schema.json "$work/ir.yaml" >/dev/null
hyperfine -N --warmup 1 --runs "$essais" \
  ".build/release/copc check $src --format json --au 2026-11-22" \
  "$venv/bin/check-jsonschema --schemafile grammar/ir.schema.json $work/ir.yaml"
