#!/usr/bin/env python3
"""Instructions per source byte for each stage of a check, from a callgrind output file.

Usage: scripts/instructions-etapes.py CALLGRIND.OUT OCTETS_SOURCE

A stage's cost is the inclusive cost of the calls that enter it from outside it (callgrind's
`calls=` lines), so nested or specialised copies of a stage's functions are counted once.
Function names are demangled with `swift demangle --simplified` and matched by the stage's
function (below). The parser's figure excludes the lexer it calls; « reste » is everything else
(start-up, reading files, rendering the diagnostics).
"""
import re
import subprocess
import sys

# (stage, pattern on the demangled name), innermost stages first.
STAGES = [
    ("lexeur", re.compile(r"\bLexer\.lex\(|\bLexerState\.run\(")),
    ("parseur (sans le lexeur)", re.compile(r"\bParser\.parse\(")),
    ("constructeur (Builder)", re.compile(r"\bBuilder\.build\(")),
    ("espace de travail + consolidation", re.compile(r"\bWorkspace\.assemble\(")),
    ("vérifications (Checker)", re.compile(r"\bChecker\.check\(")),
]


def main():
    path, nbytes = sys.argv[1], int(sys.argv[2])
    names = {}          # compressed id -> mangled name
    total = 0
    edges = []          # (caller id, callee id, inclusive cost)
    fn = None
    pending_call = None
    ref = re.compile(r"^\((\d+)\)(?: (.*))?$")

    def intern(spec):
        m = ref.match(spec)
        if not m:
            key = spec
            names[key] = spec
            return key
        key, name = m.group(1), m.group(2)
        if name is not None:
            names[key] = name
        return key

    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("fn="):
                fn = intern(line[3:].rstrip("\n"))
                pending_call = None
            elif line.startswith("cfn="):
                callee = intern(line[4:].rstrip("\n"))
                pending_call = ("cfn", callee)
            elif line.startswith("calls="):
                pending_call = ("calls", pending_call[1])
            elif line.startswith("summary:") or line.startswith("totals:"):
                total = int(line.split()[1])
            elif line[:1].isdigit() or line[:1] in "+-*":
                if pending_call and pending_call[0] == "calls":
                    cost = int(line.split()[-1])
                    edges.append((fn, pending_call[1], cost))
                    pending_call = None
            elif line.startswith(("cfi=", "cfl=", "cob=", "fi=", "fe=", "fl=", "ob=")):
                pass

    keys = list(names)
    demangled = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(names[k] for k in keys),
                               capture_output=True, text=True).stdout.split("\n")
    stage_of = {}
    # Work handed to `Parallel.forEach` by a stage (a closure in `Checker.check`) re-enters
    # the stage from the helper: those calls are already inside the stage's cost.
    helper = set()
    for k, d in zip(keys, demangled):
        if "Parallel." in d:
            helper.add(k)
        for i, (_, pat) in enumerate(STAGES):
            if pat.search(d):
                stage_of[k] = i
                break

    inclusive = [0] * len(STAGES)
    for caller, callee, cost in edges:
        s = stage_of.get(callee)
        if s is not None and stage_of.get(caller) != s and caller not in helper:
            inclusive[s] += cost

    own = list(inclusive)
    own[1] -= inclusive[0]  # the parser calls the lexer
    rest = total - sum(own)
    def n(v):
        return f"{v:,}".replace(",", " ")

    print(f"{'étape':36}{'instructions':>16}{'par octet':>12}{'part':>8}")
    for (name, _), c in zip(STAGES, own):
        print(f"{name:36}{n(c):>16}{c / nbytes:>12.1f}{100 * c / total:>7.1f} %")
    print(f"{'reste (démarrage, lecture, sortie)':36}{n(rest):>16}{rest / nbytes:>12.1f}{100 * rest / total:>7.1f} %")
    print(f"{'total':36}{n(total):>16}{total / nbytes:>12.1f}")


if __name__ == "__main__":
    main()
