#!/usr/bin/env bash
# Coût de « copc rendre --format html » et de « copc bilan » rapporté à celui de « copc check »
# de la même entrée, en instructions (valgrind --tool=callgrind, build release) : la mesure
# stable, indépendante de la charge de la machine. Chaque entrée est seule dans son dossier
# (un fichier nommé est vérifié avec tout son dossier) : DOSSIER/contrat (le contrat
# synthétique) et DOSSIER/suivi (le même contrat et ses cinq bilans, un par année).
# Objectif de l'issue 22 : rendre et bilan ≤ 2 × la vérification, linéaires en taille.
# Outil public : valgrind (paquet Debian « valgrind »). Hors de .ci/run (plusieurs minutes).
# Usage : scripts/instructions-documents.sh [TAILLES_EN_MO…]   (défaut : 1 4)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind absent : apt-get install valgrind" >&2; exit 2; }
tailles=("$@")
[ ${#tailles[@]} -gt 0 ] || tailles=(1 4)
swift build -c release --product copc >/dev/null
swift build -c release --product copc-bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Instructions d'une commande copc (callgrind, programme entier).
instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" .build/release/copc "$@" \
    >/dev/null 2>"$work/valgrind.log" || true
  grep -q "Collected" "$work/valgrind.log" || { cat "$work/valgrind.log" >&2; exit 1; }
  sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$work/valgrind.log"
}
ratio() { python3 -c "import sys; print(f'{int(sys.argv[1]) / int(sys.argv[2]):.2f}'.replace('.', ','))" "$1" "$2"; }
milliards() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1e9:.2f}'.replace('.', ','))" "$1"; }

printf '%-7s %-34s %14s %10s\n' "taille" "commande" "instructions" "× check"
for mo in "${tailles[@]}"; do
  dir="$work/$mo"
  mkdir -p "$dir/contrat" "$dir/suivi"
  .build/release/copc-bench --ecrire-suivi "$dir" "$mo"
  c=$(instructions check "$dir/contrat" --format json --au 2026-11-22)
  r=$(instructions rendre "$dir/contrat" --format html -o "$work/rendu.html")
  s=$(instructions check "$dir/suivi" --format json --au 2026-11-22)
  b=$(instructions bilan "$dir/suivi" --format html -o "$work/bilan.html")
  m=$(instructions bilan "$dir/suivi" --format markdown -o "$work/bilan.md")
  printf '%-7s %-34s %14s %10s\n' "$mo Mo" "check (contrat)" "$(milliards "$c") G" "1,00"
  printf '%-7s %-34s %14s %10s\n' "" "rendre --format html" "$(milliards "$r") G" "$(ratio "$r" "$c")"
  printf '%-7s %-34s %14s %10s\n' "" "check (contrat + 5 bilans)" "$(milliards "$s") G" "1,00"
  printf '%-7s %-34s %14s %10s\n' "" "bilan --format html" "$(milliards "$b") G" "$(ratio "$b" "$s")"
  printf '%-7s %-34s %14s %10s\n' "" "bilan --format markdown" "$(milliards "$m") G" "$(ratio "$m" "$s")"
done
