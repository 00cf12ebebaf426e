#!/usr/bin/env python3
"""Records everything copc prints for the repository's inputs, to compare two builds byte for byte.

Usage:
    scripts/reference.py COPC DOSSIER          # records the outputs of the binary COPC in DOSSIER
    scripts/reference.py --comparer A B        # compares two recordings (exit 1 on a difference)

Inputs: every contract folder of contracts/ and every case of Tests/CopcTests/Cases (a file or
a folder). For each, from the folder that holds it (so that displayed paths are stable):
  - copc check in every format (json, json --strict, gcc, humain without colour, sarif), with
    --au 2026-11-22, and again with the case's own `# au:` date when it has one;
  - copc emit of every version of every contract (--version N), of the version in force at a
    few dates (--au), and of the default (latest) version;
  - copc bilan in every format, for every contract that has bilans (its latest year);
  - copc diff of every version against the one before, and of version 0 against the latest
    (json and texte);
  - copc fmt - on every .cop file (standard output, standard error, exit status);
  - copc expliquer of every code.
Each output is one file named after the input and the command, ending with the exit status.
A refactoring that must not change behaviour keeps the two recordings identical.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AU = "2026-11-22"
EMIT_DATES = ["2020-01-01", "2022-01-01", "2023-07-01", "2024-06-30", AU]


def run(copc, args, cwd, stdin=None):
    p = subprocess.run([copc] + args, cwd=cwd, input=stdin, capture_output=True)
    return p.stdout + b"\n--- stderr\n" + p.stderr + b"\n--- statut " + str(p.returncode).encode() + b"\n"


def inputs():
    """(name, folder to run from, paths relative to it)."""
    out = []
    contracts = os.path.join(ROOT, "contracts")
    for d in sorted(os.listdir(contracts)):
        if os.path.isdir(os.path.join(contracts, d)):
            out.append(("contrats__" + d, contracts, [d]))
    cases = os.path.join(ROOT, "Tests", "CopcTests", "Cases")
    for c in sorted(os.listdir(cases)):
        full = os.path.join(cases, c)
        if os.path.isdir(full):
            out.append(("cas__" + c, full, ["."]))
        elif c.endswith(".cop"):
            out.append(("cas__" + c, cases, [c]))
    return out


def cop_files(cwd, paths):
    files = []
    for p in paths:
        full = os.path.join(cwd, p)
        if os.path.isdir(full):
            for base, dirs, names in os.walk(full):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    if n.endswith(".cop"):
                        files.append(os.path.relpath(os.path.join(base, n), cwd))
        else:
            files.append(p)
    return sorted(files)


def case_date(cwd, files):
    for f in files:
        with open(os.path.join(cwd, f), "rb") as h:
            for line in h.read().split(b"\n")[:3]:
                m = re.match(rb"# au:\s*(\d{4}-\d{2}-\d{2})", line)
                if m:
                    return m.group(1).decode()
    return None


def contract_ids(copc, cwd, paths):
    """The contracts `copc emit` can select: [None] for a lone contract, else their ids."""
    out = subprocess.run([copc, "emit"] + paths, cwd=cwd, capture_output=True)
    if out.returncode == 0:
        return [None]
    m = re.search(r"plusieurs contrats trouvés \(([^)]*)\)", out.stderr.decode("utf-8", "replace"))
    if m:
        return [i.strip() for i in m.group(1).split(",") if i.strip()]
    return []


def record(copc, dest):
    os.makedirs(dest, exist_ok=True)
    count = 0
    for name, cwd, paths in inputs():
        outputs = {}
        base = ["--au", AU]
        outputs["check-json"] = run(copc, ["check"] + paths + ["--format", "json"] + base, cwd)
        outputs["check-json-strict"] = run(copc, ["check"] + paths + ["--format", "json", "--strict"] + base, cwd)
        outputs["check-gcc"] = run(copc, ["check"] + paths + ["--format", "gcc"] + base, cwd)
        outputs["check-humain"] = run(copc, ["check"] + paths + ["--couleur", "jamais"] + base, cwd)
        outputs["check-sarif"] = run(copc, ["check"] + paths + ["--format", "sarif"] + base, cwd)
        files = cop_files(cwd, paths)
        own = case_date(cwd, files)
        if own:
            outputs["check-json-au-cas"] = run(copc, ["check"] + paths + ["--format", "json", "--au", own], cwd)
            outputs["check-json-au-cas-strict"] = run(copc, ["check"] + paths + ["--format", "json", "--strict", "--au", own], cwd)
        for cid in contract_ids(copc, cwd, paths):
            sel = [] if cid is None else ["--contrat", cid]
            tag = "emit" if cid is None else "emit-" + cid
            outputs[tag + "-derniere"] = run(copc, ["emit"] + paths + sel, cwd)
            for day in EMIT_DATES:
                outputs[tag + "-au-" + day] = run(copc, ["emit"] + paths + sel + ["--au", day], cwd)
            n = 0
            while True:
                o = run(copc, ["emit"] + paths + sel + ["--version", str(n)], cwd)
                outputs["%s-v%d" % (tag, n)] = o
                if not o.endswith(b"--- statut 0\n") or n > 50:
                    break
                n += 1
            # The semantic diff of each avenant, and of the whole chain.
            dtag = "diff" if cid is None else "diff-" + cid
            for k in range(1, n):
                for fmt in ["json", "texte"]:
                    outputs["%s-v%d-%s" % (dtag, k, fmt)] = run(
                        copc, ["diff"] + paths + sel + ["--de", str(k - 1), "--a", str(k), "--format", fmt, "--couleur", "jamais"], cwd)
            if n > 2:
                outputs[dtag + "-tout-json"] = run(copc, ["diff"] + paths + sel + ["--de", "0", "--a", str(n - 1), "--format", "json"], cwd)
            # The annual follow-up, when the contract has bilans (status 2 otherwise: skipped).
            probe = run(copc, ["bilan"] + paths + sel + ["--format", "json"], cwd)
            if probe.endswith(b"--- statut 0\n"):
                btag = "bilan" if cid is None else "bilan-" + cid
                for fmt in ["markdown", "html", "csv", "json"]:
                    outputs[btag + "-" + fmt] = run(copc, ["bilan"] + paths + sel + ["--format", fmt], cwd)
        for f in files:
            with open(os.path.join(cwd, f), "rb") as h:
                outputs["fmt-" + f.replace("/", "__")] = run(copc, ["fmt", "-"], cwd, stdin=h.read())
        for key, data in outputs.items():
            with open(os.path.join(dest, name + "--" + key), "wb") as h:
                h.write(data)
            count += 1
    # Every explanation, with the list of codes.
    listing = run(copc, ["expliquer", "--help"], ROOT)
    outputs = {"expliquer-aide": listing}
    for code in sorted(set(re.findall(rb"COP\d{3}", listing))):
        outputs["expliquer-" + code.decode()] = run(copc, ["expliquer", code.decode()], ROOT)
    for key, data in outputs.items():
        with open(os.path.join(dest, "general--" + key), "wb") as h:
            h.write(data)
        count += 1
    print("%d sorties enregistrées dans %s" % (count, dest))


def compare(a, b):
    names = sorted(set(os.listdir(a)) | set(os.listdir(b)))
    diffs = []
    for n in names:
        pa, pb = os.path.join(a, n), os.path.join(b, n)
        if not os.path.exists(pa) or not os.path.exists(pb):
            diffs.append(n + " (absent d'un côté)")
            continue
        with open(pa, "rb") as x, open(pb, "rb") as y:
            if x.read() != y.read():
                diffs.append(n)
    for d in diffs:
        print("différent : " + d)
    print("%d sorties comparées, %d différentes" % (len(names), len(diffs)))
    return 1 if diffs else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--comparer":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    record(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))
