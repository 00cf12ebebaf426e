#!/bin/sh
# Vérifie avec un vrai Emacs, en mode batch, la configuration Emacs + Eglot du README
# (« Dans l'éditeur ») : le bloc elisp qui suit le commentaire <!-- essai-emacs --> est
# extrait du README tel quel et chargé comme init.el.
#
# Dans un dépôt git dont le contrat, dans un sous-dossier, utilise « ../annuaire.cop » et
# a un délai hors période, l'essai ouvre le contrat (find-file), laisse eglot-ensure lancer
# copc lsp comme après une commande interactive (post-command-hook), et attend les
# diagnostics de Flymake. Il exige : copc-mode, « # » lu comme un commentaire, la racine du
# dépôt (pas le sous-dossier), l'erreur COP300 à sa ligne, et aucun COP206 (annuaire hors
# de l'espace de travail, ce que donnerait une mauvaise racine).
#
# Usage : scripts/essai-emacs.sh [EMACS]      (défaut : emacs du PATH)
# Emacs 28 de Debian 12 : apt-get install emacs-nox elpa-eglot (Eglot est intégré à Emacs 29).
# COPC=/chemin/vers/copc pour un autre binaire que celui de swift build.
# Demande des paquets Debian : ce script n'est pas lancé par .ci/run.
set -eu
racine=$(cd "$(dirname "$0")/.." && pwd)
emacs=${1:-emacs}
command -v "$emacs" >/dev/null 2>&1 || {
  echo "essai-emacs : $emacs introuvable ; apt-get install emacs-nox elpa-eglot" >&2
  exit 2
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/essai-emacs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ -z "${COPC:-}" ]; then
  (cd "$racine" && swift build --product copc >"$tmp/build.log" 2>&1) || { cat "$tmp/build.log" >&2; exit 1; }
  COPC="$(cd "$racine" && swift build --show-bin-path)/copc"
fi
# La configuration lance « copc » : le binaire essayé passe en tête du PATH.
mkdir -p "$tmp/bin"
ln -s "$COPC" "$tmp/bin/copc"
PATH="$tmp/bin:$PATH"
export PATH

awk '
  $0 == "<!-- essai-emacs -->" { suivant = 1; next }
  suivant && /^```elisp$/ { dedans = 1; suivant = 0; next }
  dedans && /^```$/ { exit }
  dedans { print }
' "$racine/README.md" >"$tmp/init.el"
[ -s "$tmp/init.el" ] || { echo "essai-emacs : bloc elisp introuvable dans README.md" >&2; exit 1; }

# Ouvre le contrat, attend les diagnostics, écrit ce qui est observé.
cat >"$tmp/releve.el" <<'EL'
(find-file (getenv "ESSAI_FICHIER"))
;; En interactif, eglot-ensure se connecte à la fin de la commande qui a ouvert le fichier.
(run-hooks 'post-command-hook)
(let ((n 0))
  (while (and (< n 300) (null (flymake-diagnostics)))
    (accept-process-output nil 0.1)
    (setq n (1+ n))))
(let* ((serveur (eglot-current-server))
       (lignes
        (append
         (list (format "mode %s" major-mode)
               (format "commentaire %s"
                       (save-excursion
                         (goto-char (point-min))
                         (search-forward "#")
                         (if (nth 4 (syntax-ppss)) "oui" "non")))
               (format "racine %s"
                       (if serveur (expand-file-name (project-root (eglot--project serveur))) "aucune")))
         (mapcar (lambda (d)
                   (format "diagnostic %d %s"
                           (line-number-at-pos (flymake-diagnostic-beg d))
                           (flymake-diagnostic-text d)))
                 (flymake-diagnostics)))))
  (with-temp-file (getenv "ESSAI_SORTIE")
    (dolist (l lignes) (insert l "\n"))))
(kill-emacs 0)
EL

depot="$tmp/dépôt des contrats"
mkdir -p "$depot/contrats"
git init -q "$depot"
cat >"$depot/annuaire.cop" <<'COP'
annuaire A « Annuaire »
référent DGOS « Direction générale de l'offre de soins »
COP
cat >"$depot/contrats/contrat.cop" <<'COP'
contrat C1 « Contrat d'essai »   # un commentaire
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

sortie="$tmp/sortie"
# --batch ne lit pas le init.el de l'utilisateur ; HOME isolé pour le reste (eglot, flymake).
(cd "$depot/contrats" && env HOME="$tmp/maison" ESSAI_FICHIER="$depot/contrats/contrat.cop" ESSAI_SORTIE="$sortie" \
  timeout 60 "$emacs" --batch -l "$tmp/init.el" -l "$tmp/releve.el" >"$tmp/emacs.log" 2>&1) || true
version=$("$emacs" --version | sed -n '1s/^GNU Emacs //p')
probleme=""
if [ ! -s "$sortie" ]; then
  probleme="aucun relevé ($(tr '\n' ' ' <"$tmp/emacs.log" | cut -c1-400))"
else
  grep -qx 'mode copc-mode' "$sortie" || probleme="$probleme mode ;"
  grep -qx 'commentaire oui' "$sortie" || probleme="$probleme commentaires ;"
  grep -qx "racine $depot/" "$sortie" || probleme="$probleme racine ;"
  grep -q '^diagnostic 7 .*COP300\|^diagnostic 7 .*délai « fin 2030 »' "$sortie" || probleme="$probleme COP300 absent ;"
  ! grep -q 'COP206\|hors de l.espace de travail' "$sortie" || probleme="$probleme COP206 (mauvaise racine) ;"
fi
if [ -z "$probleme" ]; then
  echo "ok     Emacs $version, Eglot : $(grep -c '^diagnostic' "$sortie") diagnostics, dont $(grep '^diagnostic 7 ' "$sortie" | cut -d' ' -f3-)"
  echo "essai-emacs : 1 réussi, 0 échoué"
else
  echo "ÉCHEC  Emacs $version, Eglot :$probleme"
  sed 's/^/         /' "$sortie" 2>/dev/null || true
  echo "essai-emacs : 0 réussi, 1 échoué"
  exit 1
fi
