#!/usr/bin/env python3
"""Traduit un contrat .cop simple (sans avenant) en code Swift CopcKit.

Usage : scripts/cop-vers-copckit.py contrat.cop [annuaire.cop] > Fichier.swift

Outil d'aide à la rédaction : il a servi à écrire une première fois le contrat CNG en
Swift (Tests/CopcTests/CopcKitCNGTests.swift), relu et retouché ensuite à la main. Il ne
couvre que les formes présentes dans les contrats du dépôt (pas de `dans`, pas d'avenant).
"""
import re, sys

RANK = {"axe": 1, "objectif": 2, "sous-objectif": 3, "action": 4, "indicateur": 4}
SWIFT = {"contrat": "Contrat", "annuaire": "Annuaire", "référent": "Référent", "plan": "Plan", "axe": "Axe",
         "objectif": "Objectif", "sous-objectif": "SousObjectif", "action": "Action", "indicateur": "Indicateur"}

def strip_comment(line):
    depth, q = 0, False
    for i, c in enumerate(line):
        if c == '"': q = not q
        elif c == '«' and not q: depth += 1
        elif c == '»' and not q: depth -= 1
        elif c == '#' and depth == 0 and not q: return line[:i].rstrip()
    return line.rstrip()

def sw(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'

def title(rest):
    m = re.match(r'«\s*(.*)\s*»$', rest.strip())
    return m.group(1).strip() if m else None

def parse(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    nodes, i, pending = [], 0, []
    while i < len(lines):
        raw = lines[i]; i += 1
        line = strip_comment(raw)
        directive = re.search(r'#\s*copc\s*:\s*ignorer?\s+(.*)$', raw[len(line):]) if len(raw) > len(line) else None
        codes = re.findall(r'(?:COP)?\d{3}', directive.group(1)) if directive else []
        if not line.strip():
            pending += codes
            continue
        s = line.strip()
        kw = s.split(" ", 1)[0]
        if kw in SWIFT and not re.match(r'^\S+\s*(\(|:)', s):
            rest = s[len(kw):].strip()
            dans = None
            md = re.match(r'(.*»)\s+dans\s+(.*)$', rest)
            if md: rest, dans = md.group(1), md.group(2).strip()
            m = re.match(r'(\S+)\s*(«.*»)?$', rest)
            if rest.startswith("«"): ident, t = None, title(rest)
            else: ident, t = m.group(1), (title(m.group(2)) if m.group(2) else None)
            nodes.append({"kw": kw, "id": ident, "title": t, "props": [], "children": [], "dans": dans,
                          "ignorer": pending + codes})
            pending = []
            continue
        if s.startswith("utilise"):
            nodes[-1]["props"].append(("utilise", None, title(s[7:]))); continue
        if s.startswith('texte """'):
            block = []
            while not lines[i].strip().startswith('"""'):
                block.append(lines[i]); i += 1
            i += 1
            ind = min(len(l) - len(l.lstrip()) for l in block if l.strip())
            nodes[-1]["props"].append(("texte", None, "\n".join(l[ind:] for l in block)))
            continue
        m = re.match(r'(étape)\s*«\s*(.*?)\s*»\s*:\s*(.*)$', s)
        if m: nodes[-1]["props"].append(("étape", m.group(2), m.group(3))); continue
        m = re.match(r'moyens\s*\(([^)]*)\)\s*(\d{4})\s*:\s*(.*)$', s)  # label before the year
        if m: nodes[-1]["props"].append(("moyens " + m.group(2), m.group(1), m.group(3))); continue
        m = re.match(r'([^:(]+?)\s*(\(([^)]*)\))?\s*:\s*(.*)$', s)
        nodes[-1]["props"].append((m.group(1), m.group(3), m.group(4)))
    return nodes

def delai(v):
    for pat, f in [(r'fin (\d{4})$', '.fin({})'), (r'début (\d{4})$', '.début({})'), (r'mi (\d{4})$', '.mi({})'),
                   (r'(\d{4})$', '{}'), (r'1er trimestre (\d{4})$', '.trimestre(1, {})'),
                   (r'1er semestre (\d{4})$', '.semestre(1, {})')]:
        m = re.match(pat, v)
        if m: return f.format(m.group(1))
    m = re.match(r'selon (\S+)$', v)
    if m: return '.selon(%s)' % sw(m.group(1))
    return sw(v)

def cible(v):
    return {"à fixer par avenant": ".àFixerParAvenant", "sans objet": ".sansObjet"}.get(v, sw(v))

def years(y):
    m = re.match(r'(\d{4})\s*\.\.\s*(\d{4})$', y)
    return f"{m.group(1)}...{m.group(2)}" if m else y

def modifier(k, label, v, ind):
    p = " " * ind
    if k == "texte":
        if "\n" in v:
            body = "\n".join((p + "    " + l) if l else "" for l in v.replace('\\', '\\\\').split("\n"))
            return f'{p}.texte("""\n{body}\n{p}    """)'
        return f"{p}.texte({sw(title(v) or v)})"
    if k == "utilise": return f"{p}.utilise({sw(v)})"
    if k == "étape": return f"{p}.étape({sw(label)}, {delai(v)})"
    if k == "délai":
        lab = f", libellé: {sw(label)}" if label else ""
        return f"{p}.délai({delai(v)}{lab})"
    if k.startswith("cible "):
        lab = f", libellé: {sw(label)}" if label else ""
        return f"{p}.cible({years(k[6:].strip())}, {cible(v)}{lab})"
    if k == "unité": return f"{p}.unité(.pourcent)" if v == "%" else f"{p}.unité({sw(v)})"
    if k in ("méthode", "personne", "fonction"): return f"{p}.{k}({sw(title(v) or v)})"
    if k == "rattachement": return f"{p}.rattachement({sw(v)})"
    if k == "période":
        m = re.match(r'(\d{4}) \.\. (\d{4})$', v)
        return f"{p}.période({m.group(1)}...{m.group(2)})" if m else f"{p}.période({sw(v)})"
    if k == "type": return f"{p}.type(.{v.lower()})"
    if k == "organisme": return f"{p}.organisme({sw(v)})"
    if k == "signataires": return f"{p}.signataires(" + ", ".join(sw(x.strip()) for x in v.split(",")) + ")"
    if k == "approuvé le": return f"{p}.approuvéLe({sw(v)})"
    if k == "signé le": return f"{p}.signéLe({sw(v)})"
    if k == "numérotation": return f"{p}.numérotation(.{v})"
    refs = {"pilote": "pilote", "co-pilote": "coPilote", "référent": "référent", "fournisseur": "fournisseur"}
    if k in refs:
        ids = [x.strip() for x in re.split(r",| et ", v) if x.strip()]
        return f"{p}.{refs[k]}(" + ", ".join(sw(x) for x in ids) + ")"
    if k in ("nature", "sens"): return f"{p}.{k}({sw(v)})"
    if k in ("thème", "source", "motif"): return f"{p}.{k}({sw(title(v) or v)})"
    if k == "cibles": return f"{p}.ciblesDéclinées()"
    if k == "phare": return f"{p}.phare({'true' if v in ('oui', 'vrai') else 'false'})"
    if k.startswith("base "): return f"{p}.base({k[5:].strip()}, {sw(v)})"
    if k.startswith("moyens "):
        lab = f", libellé: {sw(label)}" if label else ""
        return f"{p}.moyens({k[7:].strip()}, {sw(v)}{lab})"
    m = re.match(r'avis\s*«\s*(.*?)\s*»\s*le$', k)
    if m: return f"{p}.avis({sw(m.group(1))}, le: {sw(v)})"
    if k == "poids": return f"{p}.poids({sw(v)})"
    if k == "cumul": return f"{p}.cumul({'true' if v == 'oui' else 'false'})"
    if k == "en vigueur le": return f"{p}.enVigueurLe({sw(v)})"
    raise SystemExit("clé non traduite : " + k)

def emit(node, ind, out):
    p = " " * ind
    args = ", ".join(sw(x) for x in [node["id"], node["title"]] if x is not None)
    head = f"{p}{SWIFT[node['kw']]}({args})"
    if node["children"]:
        out.append(head + " {")
        for c in node["children"]: emit(c, ind + 4, out)
        out.append(p + "}")
    else:
        out.append(head)
    for (k, label, v) in node["props"]:
        out.append(modifier(k, label, v, ind + 4))
    if node.get("ignorer"):
        out.append(" " * (ind + 4) + ".ignorer(" + ", ".join(sw(c) for c in node["ignorer"]) + ")")

def tree(nodes):
    root, stack = nodes[0], []
    for n in nodes[1:]:
        r = RANK.get(n["kw"])
        if r is None: root["children"].append(n); continue
        if n.get("dans") == "contrat":
            root["children"].append(n); stack = [n]; continue
        while stack and RANK[stack[-1]["kw"]] >= r: stack.pop()
        (stack[-1] if stack else root)["children"].append(n)
        stack.append(n)
    return root

for path in sys.argv[1:]:
    nodes = parse(path)
    # declarations before the header stay before it
    out = []
    emit(tree(nodes), 8, out)
    print("\n".join(out))
    print()
