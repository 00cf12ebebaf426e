#!/usr/bin/env bash
# Le portefeuille à l'échelle de l'État : coût de « copc portefeuille » et de « copc site »
# rapporté à « copc check » du même arbre (build release, une seule exécution du script).
#   1. copc-bench --portefeuille : portefeuilles synthétiques de 150, 300 et 450 contrats
#      (12 ministères, avenants, bilans ; ≈ 30 Mo à 450), temps dans le processus, 1 fil et
#      tous les processeurs (meilleur de 3 essais, les trois commandes en alternance) ;
#   2. les trois commandes entières sur 450 contrats : temps écoulé et temps processeur
#      (/usr/bin/time : un temps processeur supérieur au temps écoulé dit que les deux cœurs
#      travaillent) ;
#   3. callgrind (nombre d'instructions, indépendant de la charge de la machine) des trois
#      commandes entières sur N1 et N2 contrats (défaut 15 et 45 : valgrind exécute les fils
#      l'un après l'autre, 50 fois plus lentement) : rapports et linéarité.
# Outils publics : valgrind (paquet Debian « valgrind »), /usr/bin/time (paquet « time »).
# Usage : scripts/bench-portefeuille.sh [N1 N2]
set -euo pipefail
cd "$(dirname "$0")/.."
n1=${1:-15}
n2=${2:-45}
swift build -c release --product copc >/dev/null
swift build -c release --product copc-bench >/dev/null
bin=$PWD/.build/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
au=2026-11-22

echo "== 1. Dans le processus (copc-bench --portefeuille)"
"$bin/copc-bench" --portefeuille 150 300 450

echo
echo "== 2. Commandes entières sur 450 contrats (temps écoulé, temps processeur utilisateur + système)"
mkdir "$work/p450"
"$bin/copc-bench" --ecrire-portefeuille "$work/p450" 450
echo "   charge de la machine : $(cut -d ' ' -f 1-3 /proc/loadavg)"
mesure() {
  local nom=$1; shift
  /usr/bin/time -f "$nom : %e s écoulées, %U s + %S s processeur, pointe %M Kio" "$@" >/dev/null 2>"$work/time.log" || true
  tail -n 1 "$work/time.log"
}
mesure "check       " "$bin/copc" check "$work/p450" --au $au --format json
mesure "portefeuille" "$bin/copc" portefeuille "$work/p450" --au $au --format html -o "$work/p450.html"
mesure "site        " "$bin/copc" site "$work/p450" --au $au -o "$work/site450"
echo "   site : $(find "$work/site450" -type f | wc -l) fichiers, $(du -sm "$work/site450" | cut -f 1) Mo"

echo
echo "== 3. callgrind (instructions, tous fils compris) sur $n1 et $n2 contrats"
command -v valgrind >/dev/null || { echo "valgrind absent : apt-get install valgrind" >&2; exit 2; }
instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" >/dev/null 2>"$work/valgrind.log" || true
  grep -q "Collected" "$work/valgrind.log" || { cat "$work/valgrind.log" >&2; exit 1; }
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/valgrind.log"
}
declare -A ir
for n in $n1 $n2; do
  mkdir "$work/p$n"
  octets=$("$bin/copc-bench" --ecrire-portefeuille "$work/p$n" "$n" | sed 's/.*, \([0-9]*\) octets/\1/')
  ir[check$n]=$(instructions "$bin/copc" check "$work/p$n" --au $au --format json)
  ir[portefeuille$n]=$(instructions "$bin/copc" portefeuille "$work/p$n" --au $au --format html -o "$work/p$n.html")
  ir[site$n]=$(instructions "$bin/copc" site "$work/p$n" --au $au -o "$work/site$n")
  python3 - "$n" "$octets" "${ir[check$n]}" "${ir[portefeuille$n]}" "${ir[site$n]}" <<'EOF'
import sys
n, octets, c, p, s = map(int, sys.argv[1:])
print(f"{n} contrats ({octets / 1e6:.1f} Mo) : check {c / 1e9:.2f} G, portefeuille {p / 1e9:.2f} G (×{p / c:.2f}), "
      f"site {s / 1e9:.2f} G (×{s / c:.2f}) instructions")
EOF
done
python3 - "$n1" "$n2" "${ir[check$n1]}" "${ir[portefeuille$n1]}" "${ir[site$n1]}" "${ir[check$n2]}" "${ir[portefeuille$n2]}" "${ir[site$n2]}" <<'EOF'
import sys
n1, n2, c1, p1, s1, c2, p2, s2 = map(int, sys.argv[1:])
r = lambda a, b: (b / n2) / (a / n1)
print(f"instructions par contrat à {n2} rapportées à {n1} (linéaire : ≈ ×1) : check ×{r(c1, c2):.2f}, "
      f"portefeuille ×{r(p1, p2):.2f}, site ×{r(s1, s2):.2f}")
EOF
