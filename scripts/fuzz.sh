#!/usr/bin/env bash
# Lance une campagne de fuzzing libFuzzer (avec AddressSanitizer) sur une cible de copc.
#
# Usage : scripts/fuzz.sh CIBLE SECONDES [OPTIONS-LIBFUZZER…]
#   CIBLE    verifier  lexeur + parseur + vérification complète, et les quatre rendus
#            fmt       copc fmt : écho octet pour octet au refus, idempotence, mêmes diagnostics, même IR
#            avenants  un contrat et ses avenants (séparés par un octet NUL) : IR de chaque version,
#                      diff de chaque version avec elle-même (vide) et avec la précédente
#            francais  la couche de style maison (CopcFrench) : nombres de toute taille, quantités,
#                      conversions, CSV, Markdown, échappements
#   SECONDES durée de la campagne (-max_total_time)
#
# Les exécutables SwiftPM ne peuvent pas se lier au main de libFuzzer : le script compile
# directement les sources de la bibliothèque en un seul module (les lignes « import Copc… »
# retirées), avec Tests/CopcTests/FuzzProperties.swift (les propriétés, partagées avec les
# tests) et Fuzz/CIBLE.swift (le point d'entrée), par
#   swiftc -sanitize=fuzzer,address -parse-as-library
# Corpus de départ : contracts/ et Tests/CopcTests/Cases (pour « avenants », les dossiers de
# cas, fichiers joints par un octet NUL), plus Fuzz/regressions/CIBLE. Le corpus enrichi est
# gardé dans .build/fuzz/corpus-CIBLE ; une entrée qui viole une propriété est écrite dans
# .build/fuzz/trouvailles-CIBLE/ : copiez-la dans Fuzz/regressions/CIBLE/ pour qu'elle
# devienne un test (FuzzRegressionTests la rejoue à chaque « swift test »).
#
# Ce script n'est pas lancé par .ci/run (trop long) ; les régressions, elles, le sont.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
  sed -n '4,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
target=$1
seconds=$2
shift 2
case "$target" in
  verifier|fmt|avenants|francais) ;;
  *) echo "cible inconnue « $target » (verifier, fmt, avenants ou francais)" >&2; exit 2 ;;
esac

build=.build/fuzz
src=$build/src
mkdir -p "$src" "$build/corpus-$target" "$build/trouvailles-$target" "$build/graines-$target"

# Sources de la bibliothèque, en un module.
rm -f "$src"/*.swift
modules="CopcSource CopcLanguage CopcFrench CopcDiagnostics CopcSyntax CopcModel CopcSema CopcRules CopcFormat CopcDriver CopcLSP CopcHTML CopcDiff"
for m in $modules; do
  for f in Sources/"$m"/*.swift; do
    sed -E 's/^import (CopcSource|CopcLanguage|CopcFrench|CopcDiagnostics|CopcSyntax|CopcSema|CopcRules|CopcModel|CopcFormat|CopcDriver|CopcLSP|CopcHTML|CopcDiff)$//' "$f" > "$src/$m-$(basename "$f")"
  done
done
sed -E 's/^import (CopcSource|CopcLanguage|CopcFrench|CopcDiagnostics|CopcSyntax|CopcSema|CopcRules|CopcModel|CopcFormat|CopcDriver|CopcLSP|CopcHTML|CopcDiff)$//' \
  Tests/CopcTests/FuzzProperties.swift > "$src/FuzzProperties.swift"
sed -E 's/^import (CopcLanguage|CopcFrench)$//' Tests/CopcTests/FrenchProperties.swift > "$src/FrenchProperties.swift"
cp "Fuzz/$target.swift" "$src/Main-$target.swift"

exe=$build/fuzz-$target
echo "compilation de $exe…" >&2
# Une seule cible à la fois : seul Main-$target.swift définit LLVMFuzzerTestOneInput.
find "$src" -name 'Main-*.swift' ! -name "Main-$target.swift" -delete
swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name CopcFuzz \
  "$src"/*.swift -o "$exe"

# Graines.
seeds=$build/graines-$target
rm -f "$seeds"/*
n=0
if [ "$target" = avenants ]; then
  # Un cas-dossier : ses fichiers, contrat d'abord, joints par un octet NUL.
  for d in Tests/CopcTests/Cases/*/ contracts/*/; do
    files=$(ls "$d"*.cop 2>/dev/null | sort) || true
    [ -n "$files" ] || continue
    contract=$(grep -l '^contrat' $files | head -n 1 || true)
    others=$(for f in $files; do [ "$f" = "$contract" ] || echo "$f"; done)
    n=$((n + 1))
    { [ -n "$contract" ] && cat "$contract"; for f in $others; do printf '\0'; cat "$f"; done; } > "$seeds/graine-$n"
  done
fi
while IFS= read -r f; do
  n=$((n + 1))
  cp "$f" "$seeds/graine-$n"
done < <(find contracts Tests/CopcTests/Cases -name '*.cop' | sort)
if ls Fuzz/regressions/"$target"/* >/dev/null 2>&1; then cp Fuzz/regressions/"$target"/* "$seeds"/; fi

echo "campagne « $target » de $seconds s (graines : $(ls "$seeds" | wc -l))…" >&2
# -max_len : 64 Kio, assez pour les plus grands contrats réels découpés par libFuzzer.
export SWIFT_BACKTRACE=enable=no
exec "$exe" "$build/corpus-$target" "$seeds" \
  -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
  -artifact_prefix="$build/trouvailles-$target/" -print_final_stats=1 "$@"
