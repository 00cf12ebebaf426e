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
# de l'espace de travail, ce que donnerait une mauvaise racine). Puis, dans un clone de ce
# dépôt, le contrat du CNG et son bilan (voir plus bas) : ses propres diagnostics, aucun pour
# les fichiers hors de son dossier, un git pull pris en compte.
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
echecs=0
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
else
  echecs=$((echecs + 1))
  echo "ÉCHEC  Emacs $version, Eglot :$probleme"
  sed 's/^/         /' "$sortie" 2>/dev/null || true
fi

# Dans un clone de ce dépôt (qui contient aussi des cas d'essai volontairement faux, dont
# certains redéclarent COP-CNG) : le contrat du CNG montre exactement les diagnostics de
# copc check (mêmes codes, mêmes lignes ; pas de faux COP200) ; son bilan 2024 aussi, sans
# faux COP600 ni COP209 ;
# aucun diagnostic n'arrive pour un fichier hors du dossier de ce contrat (relevé des
# notifications publishDiagnostics reçues par Eglot) ; un git pull qui renomme un référent de
# l'annuaire (fichier non ouvert) fait apparaître le COP201 attendu dans le contrat.
git clone -q "$racine" "$tmp/amont"
git clone -q "$tmp/amont" "$tmp/depot copc"
depot="$tmp/depot copc"
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
cat >"$tmp/releve-depot.el" <<'EL'
(require 'cl-lib)
(defvar essai-publies nil "(URI . codes) de chaque publishDiagnostics reçu, le plus récent en tête.")
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (push (cons uri (sort (mapcar (lambda (d)
                                 (format "%s:%d" (plist-get d :code)
                                         (1+ (plist-get (plist-get (plist-get d :range) :start) :line))))
                               diagnostics)
                       #'string<))
        essai-publies))
(defun essai-codes (fichier)
  (let ((uri (eglot--path-to-uri fichier)))
    (cdr (cl-find uri essai-publies :key #'car :test #'string=))))
(defun essai-attendre (test secondes)
  (let ((n 0))
    (while (and (< n (* 10 secondes)) (not (funcall test)))
      (accept-process-output nil 0.05)
      ;; En mode batch, les événements de file-notify (la surveillance des fichiers par Eglot)
      ;; ne sont traités qu'en lisant des événements, comme le fait la boucle interactive.
      (read-event nil nil 0.05)
      (setq n (1+ n)))))
(let* ((dossier (getenv "ESSAI_DOSSIER"))
       (contrat (expand-file-name "contrat.cop" dossier))
       (bilan (expand-file-name "bilan-2024.cop" dossier))
       lignes)
  (find-file contrat)
  (run-hooks 'post-command-hook)
  (essai-attendre (lambda () (essai-codes contrat)) 120)
  (accept-process-output nil 1)
  (push (format "contrat %s" (string-join (essai-codes contrat) ",")) lignes)
  (find-file bilan)
  (run-hooks 'post-command-hook)
  (essai-attendre (lambda () (essai-codes bilan)) 60)
  (accept-process-output nil 1)
  (push (format "bilan %s" (string-join (essai-codes bilan) ",")) lignes)
  ;; Le « git pull », lancé d'ici pendant que l'éditeur est ouvert.
  (let ((default-directory dossier)) (call-process "git" nil nil nil "pull" "-q"))
  (essai-attendre (lambda () (member "COP201" (essai-codes contrat))) 20)
  (push (format "apres-pull %s" (string-join (essai-codes contrat) ",")) lignes)
  (dolist (p (reverse essai-publies)) (push (format "publie %s %d" (car p) (length (cdr p))) lignes))
  (with-temp-file (getenv "ESSAI_SORTIE")
    (dolist (l (reverse lignes)) (insert l "\n"))))
(kill-emacs 0)
EL
sortie="$tmp/sortie-depot"
(cd "$depot/$dossier" && env HOME="$tmp/maison" ESSAI_DOSSIER="$depot/$dossier" ESSAI_SORTIE="$sortie" \
  timeout 200 "$emacs" --batch -l "$tmp/init.el" -l "$tmp/releve-depot.el" >"$tmp/emacs.log" 2>&1) || true
probleme=""
if [ ! -s "$sortie" ]; then
  probleme="aucun relevé ($(tr '\n' ' ' <"$tmp/emacs.log" | cut -c1-400))"
else
  contrat=$(sed -n 's/^contrat //p' "$sortie")
  n=$(printf '%s' "$contrat" | tr ',' '\n' | grep -c . || true)
  [ "$contrat" = "$attendus" ] || probleme="$probleme contrat.cop ne montre pas les diagnostics de copc check ($n au lieu de $(printf '%s' "$attendus" | tr ',' '\n' | grep -c .)) ;"
  ! printf '%s' "$contrat" | grep -q COP200 || probleme="$probleme faux COP200 ;"
  [ "$(sed -n 's/^bilan //p' "$sortie")" = "$attendus_bilan" ] || probleme="$probleme bilan-2024.cop ne montre pas les diagnostics de copc check ;"
  ! grep '^bilan ' "$sortie" | grep -q 'COP600\|COP209' || probleme="$probleme faux COP600 ou COP209 dans le bilan ;"
  grep -q '^apres-pull .*COP201' "$sortie" || probleme="$probleme git pull non vu (pas de COP201) ;"
  hors=$(grep '^publie ' "$sortie" | grep -v "^publie file://$(printf '%s' "$depot" | sed 's/ /%20/g')/$dossier/" | wc -l)
  [ "$hors" -eq 0 ] || probleme="$probleme $hors publications hors du dossier du contrat ;"
fi
if [ -z "$probleme" ]; then
  echo "ok     Emacs $version, Eglot, clone du dépôt : $n diagnostics dans contrat.cop (ceux de copc check, codes et lignes), bilan comme copc check sans faux COP600, git pull vu, $(grep -c '^publie ' "$sortie") publications, toutes dans $dossier"
else
  echecs=$((echecs + 1))
  echo "ÉCHEC  Emacs $version, Eglot, clone du dépôt :$probleme"
  sed 's/^/         /' "$sortie" 2>/dev/null | cut -c1-200 || true
fi
echo "essai-emacs : $((2 - echecs)) réussis, $echecs échoués"
[ "$echecs" -eq 0 ]
