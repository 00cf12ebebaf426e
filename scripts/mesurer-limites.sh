#!/usr/bin/env bash
# Mesure le temps et la mémoire de copc (build release) sur des entrées aux limites et au-delà :
# un fichier de 100 Mo, un million d'éléments, une imbrication de 100 000 niveaux, une ligne de
# 10 Mo, un trou de numérotation de 10^18. Les chiffres cités dans le README (« Limites ») en
# viennent. Usage : scripts/mesurer-limites.sh [DOSSIER-DE-TRAVAIL]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
mkdir -p "$work"
swift build -c release --product copc >/dev/null
copc=$PWD/.build/release/copc

python3 - "$work" <<'EOF'
import sys, os
w = sys.argv[1]
head = """contrat C1 « Contrat d'essai »
  type : COP
  période : 2021 .. 2023
  signé le : 2021-03-12
référent DGOS « Direction générale de l'offre de soins »
axe 1 « Axe »
objectif 1 « Objectif »
  pilote : DGOS
"""
def write(name, text):
    with open(os.path.join(w, name), "w") as f: f.write(text)
# 100 Mo de contrat valide (des actions numérotées avec leur délai).
with open(os.path.join(w, "100mo.cop"), "w") as f:
    f.write(head)
    k, size = 0, len(head)
    while size < 100_000_000:
        k += 1
        line = f"action A{k} « Action {k} »\n  délai : fin 2022\n"
        f.write(line); size += len(line.encode())
# Un million d'éléments (12 Mo), dont seuls les 200 000 premiers sont lus.
write("1m-elements.cop", head + "".join(f"action A{k}\n" for k in range(1, 1_000_001)))
# Juste sous la limite : 199 990 éléments.
write("200k-elements.cop", head + "".join(f"action A{k}\n" for k in range(1, 199_991)))
# 100 000 sous-objectifs chaînés par « dans ».
write("profondeur-100k.cop", head + "sous-objectif S1 « s »\n" + "".join(f"sous-objectif S{k} « s » dans sous-objectif S{k-1}\n" for k in range(2, 100_001)))
# Une ligne de 10 Mo.
write("ligne-10mo.cop", head + "axe 2 « " + "x" * 10_000_000 + " »\n")
# Un trou de 10^18.
write("trou.cop", head + "axe 2 « a »\naxe 999999999999999999 « b »\n")
EOF

printf '| entrée | taille | commande | temps | mémoire de pointe | résultat |\n|---|---|---|---|---|---|\n'
for f in 100mo 1m-elements 200k-elements profondeur-100k ligne-10mo trou; do
  size=$(du -h "$work/$f.cop" | cut -f1)
  for cmd in check emit "fmt --check"; do
    /usr/bin/time -o "$work/temps" -f "%e s|%M Ko" "$copc" $cmd "$work/$f.cop" >"$work/sortie" 2>"$work/erreur" || true
    t=$(tail -n 1 "$work/temps")
    result=$(cat "$work/sortie" "$work/erreur" | grep -m1 -o 'COP002\|trop d.éléments\|dépasserait [0-9]* niveaux\|ligne trop longue\|fichier trop volumineux\|[0-9 ]* numéros)' | head -n 1 || true)
    [ -n "$result" ] || result="$(tail -n 1 "$work/sortie" | cut -c1-60)"
    printf '| %s | %s | %s | %s | %s | %s |\n' "$f" "$size" "$cmd" "${t%%|*}" "${t##*|}" "$result"
  done
done
