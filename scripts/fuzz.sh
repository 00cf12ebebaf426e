#!/usr/bin/env bash
# Lance une campagne de fuzzing libFuzzer (avec AddressSanitizer) sur une cible de copc.
#
# Usage : scripts/fuzz.sh CIBLE SECONDES [OPTIONS-LIBFUZZER…]
#   CIBLE    verifier    lexeur + parseur + vérification complète, et les quatre rendus
#            fmt         copc fmt : écho octet pour octet au refus, idempotence, mêmes diagnostics, même IR
#            avenants    un contrat et ses avenants (séparés par un octet NUL) : IR de chaque version,
#                        diff de chaque version avec elle-même (vide) et avec la précédente
#            francais    la couche de style maison (CopcFrench) : nombres de toute taille, quantités,
#                        conversions, CSV, Markdown, échappements
#            rendre      un contrat et ses avenants (octet NUL) : chaque version en HTML (balises
#                        équilibrées, aucun contrôle brut ni « <script »), Markdown (échappé, tableaux
#                        réguliers), CSV (RFC 4180, cellules neutralisées, autant de champs par ligne)
#                        et cop (écrit si l'entrée est sans erreur, relu sans erreur de syntaxe)
#            bilan       un contrat, ses avenants et ses bilans (octet NUL) : chaque bilan dans les
#                        quatre formats (JSON lisible, CSV et HTML bien formés, Markdown échappé)
#            calendrier  un contrat et ses avenants : l'iCalendar de chaque version (CRLF, lignes
#                        de 75 octets au plus, BEGIN/END équilibrés, UID uniques, DTSTART avant DTEND)
#            csv         CSVWriter seul : des lignes (octet NUL) de champs (octet 0x1F) écrits en
#                        texte, en nombre tel qu'écrit et en nombre, relus par un lecteur RFC 4180
#                        (« ; ») : mêmes champs, garde contre les formules appliquée
#   SECONDES durée de la campagne (-max_total_time)
# « scripts/fuzz.sh compiler 0 » ne fait que compiler l'exécutable.
#
# Les exécutables SwiftPM ne peuvent pas se lier au main de libFuzzer : le script compile
# lui-même chaque bibliothèque du paquet en son module, dans l'ordre des dépendances, puis
# Tests/CopcTests/FuzzProperties.swift et FrenchProperties.swift (les propriétés, partagées
# avec les tests) et Fuzz/cible.swift (le point d'entrée, qui lit la cible dans
# COPC_FUZZ_CIBLE), liés ensemble, par
#   swiftc -sanitize=fuzzer,address -parse-as-library
# La liste des bibliothèques et leurs dépendances sont lues dans Package.swift
# (« .target(name: … ») et croisées avec les dossiers de Sources/ : une bibliothèque ajoutée
# au paquet est fuzzée sans toucher ce script ; un dossier absent ou non déclaré est signalé
# et laissé de côté. Un module n'est recompilé que si ses sources ou ses dépendances ont
# changé ; l'exécutable est le même pour toutes les cibles.
# Corpus de départ : contracts/ et Tests/CopcTests/Cases (pour les cibles à plusieurs fichiers,
# chaque dossier de cas, fichiers joints par un octet NUL, contrat d'abord), plus
# Fuzz/regressions/CIBLE. Le corpus enrichi est gardé dans .build/fuzz/corpus-CIBLE ; une
# entrée qui viole une propriété est écrite dans .build/fuzz/trouvailles-CIBLE/ : copiez-la
# dans Fuzz/regressions/CIBLE/ pour qu'elle devienne un test (FuzzRegressionTests la rejoue à
# chaque « swift test »).
#
# Ce script n'est pas lancé par .ci/run (trop long) ; les régressions, elles, le sont.
set -euo pipefail
cd "$(dirname "$0")/.."

# Les cibles : celles que FuzzProperties.run connaît (FuzzProperties.targetNames).
targets=$(sed -n 's/.*static let targetNames = \[\(.*\)\].*/\1/p' Tests/CopcTests/FuzzProperties.swift | tr -d '" ' | tr ',' ' ')
# Cibles dont une entrée est un contrat et ses autres fichiers joints par un octet NUL
# (FuzzProperties.multiFileTargets).
multi_file=$(sed -n 's/.*static let multiFileTargets = \[\(.*\)\].*/\1/p' Tests/CopcTests/FuzzProperties.swift | tr -d '" ' | tr ',' ' ')

if [ $# -lt 2 ]; then
  sed -n '4,23p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
target=$1
seconds=$2
shift 2
case " $targets compiler " in
  *" $target "*) ;;
  *) echo "cible inconnue « $target » (cibles : $targets)" >&2; exit 2 ;;
esac

build=.build/fuzz

# Les bibliothèques : les cibles « .target(name: » de Package.swift dont le dossier existe, avec
# leurs dépendances (celles qui sont des bibliothèques), dans l'ordre du paquet.
declared=$(grep -oE '\.target\(name: *"[A-Za-z0-9_]+"' Package.swift | sed -E 's/.*"([^"]+)"/\1/')
modules=""
for m in $declared; do
  if [ -d "Sources/$m" ] && [ -n "$(find "Sources/$m" -name '*.swift' -not -path '*.docc/*' | head -n 1)" ]; then
    modules="$modules $m"
  else
    echo "note : la bibliothèque $m est déclarée dans Package.swift sans sources dans Sources/$m ; ignorée" >&2
  fi
done
for d in Sources/*/; do
  m=$(basename "$d")
  grep -qE "(\.target|\.executableTarget|\.testTarget)\(name: *\"$m\"" Package.swift \
    || echo "note : le dossier Sources/$m n'est pas déclaré dans Package.swift ; ignoré" >&2
done
modules=${modules# }
[ -n "$modules" ] || { echo "aucune bibliothèque trouvée dans Package.swift" >&2; exit 2; }
deps_of() {
  grep -E "\.target\(name: *\"$1\"" Package.swift | grep -oE 'dependencies: *\[[^]]*\]' | grep -oE '"[A-Za-z0-9_]+"' | tr -d '"' \
    | while read -r d; do case " $modules " in *" $d "*) echo "$d" ;; esac; done
}

# Chaque bibliothèque est compilée en son propre module (ses « import » tels quels), dans l'ordre
# des dépendances, avec AddressSanitizer et la couverture de libFuzzer ; un module n'est
# recompilé que si ses sources ou celles de ses dépendances ont changé.
mod=$build/modules
mkdir -p "$mod"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -I "$mod")
done_list=" "
objects=()
remaining=$modules
while [ -n "$remaining" ]; do
  progress=""
  next=""
  for m in $remaining; do
    ready=1
    for d in $(deps_of "$m"); do case "$done_list" in *" $d "*) ;; *) ready=0 ;; esac; done
    if [ $ready = 0 ]; then next="$next $m"; continue; fi
    mapfile -t files < <(find "Sources/$m" -name '*.swift' -not -path '*.docc/*' | sort)
    key=$( { cat "${files[@]}"; for d in $(deps_of "$m"); do cat "$mod/$d.key"; done; echo "${flags[*]}"; } | sha256sum | cut -d' ' -f1)
    if [ "$(cat "$mod/$m.key" 2>/dev/null)" != "$key" ] || [ ! -f "$mod/$m.o" ]; then
      echo "compilation de $m…" >&2
      rm -f "$mod/$m.key"
      swiftc "${flags[@]}" -module-name "$m" -wmo -emit-module -emit-module-path "$mod/$m.swiftmodule" \
        -c "${files[@]}" -o "$mod/$m.o"
      echo "$key" > "$mod/$m.key"
    fi
    objects+=("$mod/$m.o")
    done_list="$done_list$m "
    progress=1
  done
  remaining=${next# }
  [ -n "$progress" ] || { echo "dépendances circulaires ou inconnues entre : $remaining" >&2; exit 2; }
done

# Le point d'entrée et les propriétés (partagées avec les tests), liés à toutes les bibliothèques.
exe=$build/fuzz-copc
harness=(Fuzz/cible.swift Tests/CopcTests/FuzzProperties.swift Tests/CopcTests/FrenchProperties.swift)
key=$( { cat "${harness[@]}"; cat "$mod"/*.key; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$exe.key" 2>/dev/null)" != "$key" ] || [ ! -x "$exe" ]; then
  echo "édition des liens de $exe (bibliothèques : $modules)…" >&2
  rm -f "$exe.key"
  swiftc "${flags[@]}" -module-name CopcFuzz "${harness[@]}" "${objects[@]}" -o "$exe"
  echo "$key" > "$exe.key"
fi
[ "$target" = compiler ] && exit 0

# Graines.
mkdir -p "$build/corpus-$target" "$build/trouvailles-$target" "$build/graines-$target"
seeds=$build/graines-$target
rm -f "$seeds"/*
n=0
case " $multi_file " in
  *" $target "*)
    # Un cas-dossier : ses fichiers, contrat d'abord, joints par un octet NUL.
    while IFS= read -r d; do
      files=$(find "$d" -maxdepth 1 -name '*.cop' | sort)
      [ -n "$files" ] || continue
      contract=$(grep -l '^contrat' $files | head -n 1 || true)
      others=$(for f in $files; do [ "$f" = "$contract" ] || echo "$f"; done)
      n=$((n + 1))
      { [ -n "$contract" ] && cat "$contract"; for f in $others; do printf '\0'; cat "$f"; done; } > "$seeds/graine-$n"
    done < <(find Tests/CopcTests/Cases contracts -mindepth 1 -type d | sort)
    ;;
esac
while IFS= read -r f; do
  n=$((n + 1))
  cp "$f" "$seeds/graine-$n"
  # CSVWriter lit des champs séparés par 0x1F : chaque ligne d'un fichier est un champ.
  if [ "$target" = csv ]; then n=$((n + 1)); tr '\n' '\037' < "$f" > "$seeds/graine-$n"; fi
done < <(find contracts Tests/CopcTests/Cases -name '*.cop' | sort)
if ls Fuzz/regressions/"$target"/* >/dev/null 2>&1; then cp Fuzz/regressions/"$target"/* "$seeds"/; fi

echo "campagne « $target » de $seconds s (graines : $(ls "$seeds" | wc -l))…" >&2
# -max_len : 64 Kio, assez pour les plus grands contrats réels découpés par libFuzzer.
export SWIFT_BACKTRACE=enable=no COPC_FUZZ_CIBLE="$target"
exec "$exe" "$build/corpus-$target" "$seeds" \
  -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
  -artifact_prefix="$build/trouvailles-$target/" -print_final_stats=1 "$@"
