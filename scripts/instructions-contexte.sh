#!/usr/bin/env bash
# Coût de la recherche du contexte d'un fichier nommé seul (issue 23) : instructions de
# « copc check FICHIER.cop » rapportées à celles de « copc check DOSSIER » (le dossier du
# contrat), build release, callgrind (indépendant de la charge de la machine). Objectif :
# rapport ≤ 1,5, quoi qu'il y ait d'autre sous la racine de l'espace de travail.
# Mesuré : chaque contrat de contracts/ et un fichier de chaque sorte (avenant, bilan,
# annuaire), dans ce dépôt (Tests/ exclu par copc.toml), puis le contrat de la COG CANSSM
# dans un espace de travail synthétique qui contient aussi 500 autres dossiers de contrats
# (copies des contrats réels sous d'autres identifiants), sans exclusion.
# Outil public : valgrind (paquet Debian « valgrind », outil callgrind). Hors de .ci/run.
# Usage : scripts/instructions-contexte.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind absent : apt-get install valgrind" >&2; exit 2; }
swift build -c release --product copc >/dev/null
copc=$PWD/.build/release/copc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Instructions de « copc check ARGS… » lancé depuis le dossier $1.
instructions() {
  local dir=$1; shift
  (cd "$dir" && valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
    "$copc" check "$@" --format json --au 2026-11-22 >/dev/null 2>"$work/valgrind.log") || true
  grep -q "Collected" "$work/valgrind.log" || { cat "$work/valgrind.log" >&2; exit 1; }
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/valgrind.log"
}

# Une ligne : le fichier, ses instructions, celles du dossier, le rapport.
mesurer() {
  local dir=$1 fichier=$2 dossier=$3
  local f d
  f=$(instructions "$dir" "$fichier")
  d=$(instructions "$dir" "$dossier")
  python3 -c "import sys; f, d = int(sys.argv[1]), int(sys.argv[2]); print(f'  {sys.argv[3]:<58} {f/1e6:8.1f} M  {d/1e6:8.1f} M  ×{f/d:.2f}')" "$f" "$d" "$fichier"
}

echo "copc check FICHIER / copc check DOSSIER (build release, callgrind, instructions) :"
echo "  fichier                                                    fichier   dossier   rapport"
echo "Dans ce dépôt ($(git ls-files '*.cop' | wc -l | tr -d ' ') fichiers .cop suivis, Tests/ exclu par copc.toml) :"
for c in contracts/*/contrat.cop; do
  mesurer . "$c" "$(dirname "$c")"
done
mesurer . contracts/exemples/cop-fictif-ofe-2023-2027/contrat.cop contracts/exemples/cop-fictif-ofe-2023-2027
mesurer . contracts/exemples/cop-fictif-ofe-2023-2027/avenant-2.cop contracts/exemples/cop-fictif-ofe-2023-2027
mesurer . contracts/exemples/suivi-annuel-fictif/bilan-2024.cop contracts/exemples/suivi-annuel-fictif
mesurer . contracts/cop-cng-2021-2025/annuaire.cop contracts/cop-cng-2021-2025

# Un espace de travail synthétique : la COG CANSSM, et 500 autres dossiers de contrats.
ws="$work/espace"
mkdir -p "$ws/cog"
touch "$ws/copc.toml"
cp contracts/cog-canssm-2022-2024/contrat.cop contracts/cog-canssm-2022-2024/annuaire.cop "$ws/cog/"
k=0
while [ $k -lt 500 ]; do
  for c in contracts/cop-cng-2021-2025 contracts/cpom-ars-2015-2018 contracts/cpom-ars-2024-2028 contracts/cog-canssm-2022-2024; do
    [ $k -lt 500 ] || break
    mkdir -p "$ws/autres/$k"
    sed "0,/^contrat \([^ ]*\)/s//contrat AUTRE-$k/" "$c/contrat.cop" > "$ws/autres/$k/contrat.cop"
    cp "$c/annuaire.cop" "$ws/autres/$k/"
    k=$((k + 1))
  done
done
echo "Espace synthétique ($(find "$ws" -name '*.cop' | wc -l | tr -d ' ') fichiers .cop sous la racine, sans exclusion) :"
mesurer "$ws" cog/contrat.cop cog
mesurer "$ws" cog/annuaire.cop cog
