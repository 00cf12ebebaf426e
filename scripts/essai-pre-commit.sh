#!/usr/bin/env bash
# Essai des crochets de .pre-commit-hooks.yaml avec le vrai cadriciel pre-commit, dans des
# dépôts jetables : un dépôt de crochets (ce dépôt-ci tel qu'il est sur le disque : ses
# .pre-commit-hooks.yaml et scripts/pre-commit, commités dans une copie) et un dépôt de
# contrats qui les déclare dans son .pre-commit-config.yaml, comme le README l'indique.
#
# Pour chacun des crochets copc-check et copc-check-fichiers :
#   - le commit d'un contrat, de ses avenants et d'un annuaire propres passe ;
#   - « git rm » d'un avenant dont un autre dépend est refusé (COP503, COP201, COP205) —
#     avant, le cadriciel répondait « (no files to check) Skipped » et le commit passait ;
#   - « git rm » d'un annuaire encore utilisé par un contrat d'un autre dossier est refusé ;
#   - un renommage sans conséquence passe ;
#   - un commit qui ne touche aucun .cop passe sans rien vérifier.
# Puis copc-fmt refuse un fichier mal mis en page (et le réécrit).
#
# Usage : scripts/essai-pre-commit.sh      (COPC=/chemin/vers/copc, défaut .build/debug/copc)
# Outils : git, pre-commit (PyPI : pip install pre-commit ; essayé avec pre-commit 4.7.0).
# Hors de .ci/run : le cadriciel vient de PyPI.
set -euo pipefail

ici=$(cd "$(dirname "$0")" && pwd)
racine=$(cd "$ici/.." && pwd)
copc=${COPC:-$racine/.build/debug/copc}
case "$copc" in /*) ;; *) copc="$(pwd)/$copc" ;; esac
if [ ! -x "$copc" ]; then
  echo "essai-pre-commit : copc introuvable ($copc) ; lancez « swift build » ou donnez COPC=chemin" >&2
  exit 2
fi
if ! command -v pre-commit >/dev/null 2>&1; then
  echo "essai-pre-commit : pre-commit introuvable (pip install pre-commit)" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/copc-essai-pre-commit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Isolé de la configuration Git et du cache pre-commit de l'utilisateur ; copc dans le PATH,
# comme le demandent les crochets.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Essai GIT_AUTHOR_EMAIL=essai@exemple.invalid
export GIT_COMMITTER_NAME=Essai GIT_COMMITTER_EMAIL=essai@exemple.invalid
export PRE_COMMIT_HOME="$tmp/cache" NO_COLOR=1
mkdir "$tmp/bin"
ln -s "$copc" "$tmp/bin/copc"
export PATH="$tmp/bin:$PATH"

# Le dépôt des crochets.
crochets="$tmp/crochets"
mkdir -p "$crochets/scripts"
cp "$racine/.pre-commit-hooks.yaml" "$crochets/"
cp "$racine/scripts/pre-commit" "$crochets/scripts/"
git -C "$crochets" init -q
git -C "$crochets" add .
git -C "$crochets" commit -q -m "crochets de copc"
rev=$(git -C "$crochets" rev-parse HEAD)

echecs=0
attendre() { # attendre STATUT_ATTENDU DESCRIPTION commande…
  local attendu=$1 quoi=$2 statut=0
  shift 2
  "$@" >"$tmp/sortie" 2>&1 || statut=$?
  if [ "$statut" -ne "$attendu" ]; then
    echo "ÉCHEC : $quoi (statut $statut, attendu $attendu)" >&2
    sed 's/^/    /' "$tmp/sortie" >&2
    echecs=$((echecs + 1))
    return 1
  fi
  echo "ok : $quoi"
}
contient() { # contient MOTIF DESCRIPTION
  if ! grep -q -- "$1" "$tmp/sortie"; then
    echo "ÉCHEC : $2 (la sortie ne contient pas « $1 »)" >&2
    sed 's/^/    /' "$tmp/sortie" >&2
    echecs=$((echecs + 1))
  fi
}

essai() { # essai CROCHET
  local crochet=$1 depot="$tmp/contrats-$1"
  mkdir -p "$depot/contrats/ofe" "$depot/annuaires" "$depot/contrats/autre"
  cp "$racine"/contracts/exemples/cop-fictif-ofe-2023-2027/{contrat,avenant-1,avenant-2,avenant-3}.cop "$depot/contrats/ofe/"
  printf 'annuaire A « Annuaire »\nréférent DGOS « Direction générale de l'"'"'offre de soins »\n' >"$depot/annuaires/dgos.cop"
  printf 'annuaire B « Autre »\nréférent DGS « Direction générale de la santé »\n' >"$depot/annuaires/autre.cop"
  cat >"$depot/contrats/autre/contrat.cop" <<'COP'
contrat C1 « Contrat d'essai »
  type : COP
  période : 2021 .. 2023
  signé le : 2021-03-12
utilise « ../../annuaires/dgos.cop »
axe 1 « Axe »
objectif 1.1 « Objectif »
  pilote : DGOS
action 1.1.1 « Action »
  délai : fin 2022
indicateur 1.1.a « Indicateur »
  unité : %
  cible 2021 .. 2023 : 50 %
COP
  cat >"$depot/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $crochets
    rev: $rev
    hooks:
      - id: $crochet
YAML
  cd "$depot"
  git init -q
  attendre 0 "$crochet : pre-commit install" pre-commit install
  git add .
  attendre 0 "$crochet : commit initial propre" git commit -q -m "contrats"
  git rm -q contrats/ofe/avenant-2.cop
  attendre 1 "$crochet : git rm d'un avenant dont l'avenant 3 dépend est refusé" git commit -q -m "retrait de l'avenant 2" || true
  contient "COP503" "$crochet : l'avenant 3 est signalé"
  git reset -q --hard
  git rm -q annuaires/dgos.cop
  attendre 1 "$crochet : git rm d'un annuaire encore utilisé est refusé" git commit -q -m "retrait de l'annuaire" || true
  contient "COP206" "$crochet : le contrat qui l'utilise est signalé"
  git reset -q --hard
  git mv contrats/ofe/avenant-1.cop contrats/ofe/avenant-01.cop
  attendre 0 "$crochet : un renommage sans conséquence passe" git commit -q -m "renommage" || true
  echo "notes" >NOTES.txt
  git add NOTES.txt
  attendre 0 "$crochet : un commit sans .cop passe" git commit -q -m "notes" || true
  cd "$tmp"
}

essai copc-check
essai copc-check-fichiers

# copc-fmt : un fichier mal mis en page est réécrit et le commit refusé.
depot="$tmp/contrats-fmt"
mkdir -p "$depot"
cat >"$depot/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $crochets
    rev: $rev
    hooks:
      - id: copc-fmt
YAML
printf 'ANNUAIRE A «Annuaire»\nRÉFÉRENT DGOS «DGOS»\n' >"$depot/a.cop"
cd "$depot"
git init -q
pre-commit install >/dev/null
git add .
attendre 1 "copc-fmt : un fichier mal mis en page est refusé" git commit -q -m "annuaire" || true
contient "files were modified by this hook" "copc-fmt : le cadriciel dit que le fichier a été réécrit"
git add a.cop
attendre 0 "copc-fmt : une fois mis en page, le commit passe" git commit -q -m "annuaire" || true
cd "$tmp"

if [ "$echecs" -ne 0 ]; then
  echo "essai-pre-commit : $echecs échec(s)" >&2
  exit 1
fi
echo "essai-pre-commit : tous les essais passent ($(pre-commit --version))"
