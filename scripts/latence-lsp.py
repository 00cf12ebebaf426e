#!/usr/bin/env python3
"""Latence de l'éditeur : de didChange à publishDiagnostics, mesurée sur le vrai processus
`copc lsp` (build release), parlé par un tube comme le fait un éditeur, avec l'horloge réelle.

Usage :
    scripts/latence-lsp.py [--essais N] [--copc BINAIRE] [--bench BINAIRE] [--versions]

Deux entrées, chacune seule dans son dossier (écrites par `copc-bench --ecrire-latence`) :
le contrat synthétique de 1 Mo, et un espace de 500 fichiers de 20 ko dont on modifie un
fichier. Pour chacune, une session : initialize (le client déclare surveiller les fichiers,
comme Neovim 0.11 ou VS Code, et répond à client/registerCapability), didOpen, puis N
modifications d'une ligne (un « x » ajouté puis retiré en fin de première ligne, en plage
incrémentale), espacées de 150 à 250 ms comme une frappe. Chaque mesure va de l'écriture du
didChange dans le tube à la lecture du publishDiagnostics de cette version.

Avec --versions : une seule entrée, le contrat de 50 000 éléments et ses 100 avenants d'une
ligne (`copc-bench --ecrire-versions`), dont on modifie le dernier avenant (issue 21).

Deux réglages : le délai d'attente par défaut du serveur (le chiffre jugé, délai compris), puis
debounceMs = 0 (le travail seul : lecture du message, vérification, publication, tube).
Affiche médiane, p95 et maximum en millisecondes, le temps processeur moyen du serveur par
modification (/proc/PID/stat : ce qu'il a travaillé, même si la machine chargée l'a fait
attendre), le temps de l'ouverture (de didOpen aux premiers diagnostics : recherche des
fichiers du contrat, puis vérification) et la charge de la machine.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def frame(obj):
    body = json.dumps(obj, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    """One `copc lsp` process; a thread reads its messages and stamps them on arrival."""

    def __init__(self, copc):
        self.p = subprocess.Popen([copc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        self.cond = threading.Condition()
        self.published = []  # (time, uri, version, count)
        self.responses = {}
        threading.Thread(target=self.reader, daemon=True).start()

    def reader(self):
        out = self.p.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = out.read(1)
                if not c:
                    return
                header += c
            length = int([l for l in header.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
            body = out.read(length)
            now = time.monotonic()
            m = json.loads(body)
            if m.get("method") == "client/registerCapability":
                # As an editor does: accept the registration.
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
                continue
            with self.cond:
                if m.get("method") == "textDocument/publishDiagnostics":
                    p = m["params"]
                    self.published.append((now, p["uri"], p.get("version"), len(p["diagnostics"])))
                elif "id" in m:
                    self.responses[m["id"]] = m
                self.cond.notify_all()

    def send(self, obj):
        self.p.stdin.write(frame(obj))
        self.p.stdin.flush()

    def wait_for(self, predicate, timeout):
        end = time.monotonic() + timeout
        with self.cond:
            while True:
                found = predicate()
                if found is not None:
                    return found
                left = end - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def publication(self, uri, version, timeout=120):
        def find():
            for t, u, v, n in self.published:
                if u == uri and v == version:
                    return t, n
            return None
        return self.wait_for(find, timeout)

    def close(self):
        self.send({"jsonrpc": "2.0", "id": 999999, "method": "shutdown"})
        self.wait_for(lambda: self.responses.get(999999), 30)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.p.wait(timeout=30)


def session(copc, root, path, runs, debounce_ms):
    """Latencies of `runs` one-line edits of `path` (seconds), the diagnostics count, the
    publications received for files other than the document, the server's processor time per
    edit, and the time from didOpen to the first diagnostics (finding the document's contract
    and checking it)."""
    c = Client(copc)
    uri = "file://" + path
    options = {"au": "2026-11-22"}
    if debounce_ms is not None:
        options["debounceMs"] = debounce_ms
    c.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": os.getpid(), "rootUri": "file://" + root,
                       "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
                                        "textDocument": {"publishDiagnostics": {"versionSupport": True}}},
                       "initializationOptions": options}})
    c.wait_for(lambda: c.responses.get(1), 30)
    c.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    with open(path, encoding="utf-8") as h:
        text = h.read()
    first_line = text.split("\n", 1)[0]
    column = len(first_line.encode("utf-16-le")) // 2
    t_open = time.monotonic()
    c.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "copc", "version": 1, "text": text}}})
    opened = c.publication(uri, 1)
    if opened is None:
        raise SystemExit("latence-lsp : aucun diagnostic à l'ouverture de %s" % path)
    first = opened[0] - t_open
    time.sleep(0.3)
    cpu_before = cpu_seconds(c.p.pid)
    latencies = []
    count = opened[1]
    for k in range(runs):
        adding = k % 2 == 0
        end = column if adding else column + 2
        change = {"range": {"start": {"line": 0, "character": column}, "end": {"line": 0, "character": end}},
                  "text": " x" if adding else ""}
        version = k + 2
        message = frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                         "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        t0 = time.monotonic()
        c.p.stdin.write(message)
        c.p.stdin.flush()
        got = c.publication(uri, version)
        if got is None:
            raise SystemExit("latence-lsp : pas de diagnostics pour la version %d de %s" % (version, path))
        latencies.append(got[0] - t0)
        count = got[1]
        time.sleep(random.uniform(0.15, 0.25))
    cpu = (cpu_seconds(c.p.pid) - cpu_before) / runs
    others = sorted({u for _, u, _, _ in c.published if u != uri})
    c.close()
    return latencies, count, others, cpu, first


def cpu_seconds(pid):
    """Processor time of a process so far (user + system, /proc/PID/stat): what the server
    worked, whatever the load of the machine made it wait."""
    with open("/proc/%d/stat" % pid) as h:
        fields = h.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stats(xs):
    s = sorted(xs)
    p95 = s[max(0, -(-95 * len(s) // 100) - 1)]
    return s[len(s) // 2] * 1000, p95 * 1000, s[-1] * 1000


def main():
    args = sys.argv[1:]
    runs, copc, bench, versions = 30, None, None, False
    while args:
        a = args.pop(0)
        if a == "--versions":
            versions = True
        elif a == "--essais" and args:
            runs = int(args.pop(0))
        elif a == "--copc" and args:
            copc = os.path.abspath(args.pop(0))
        elif a == "--bench" and args:
            bench = os.path.abspath(args.pop(0))
        else:
            print(__doc__)
            sys.exit(2)
    if copc is None or bench is None:
        for product in ("copc", "copc-bench"):
            subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                  capture_output=True, text=True).stdout.strip()
        copc = copc or os.path.join(bin_path, "copc")
        bench = bench or os.path.join(bin_path, "copc-bench")
    random.seed(24)
    with tempfile.TemporaryDirectory(prefix="copc-latence-") as work:
        if versions:
            folder = os.path.join(work, "versions")
            subprocess.run([bench, "--ecrire-versions", folder, "50000", "100"], check=True, stdout=subprocess.DEVNULL)
            open(os.path.join(folder, "copc.toml"), "w").close()
            cases = [("50 000 éléments, 100 avenants", folder, os.path.join(folder, "avenant-100.cop"))]
        else:
            one, many = subprocess.run([bench, "--ecrire-latence", work], check=True, capture_output=True,
                                       text=True).stdout.split()
            cases = [("synthétique 1 Mo", os.path.dirname(one), one),
                     ("espace de 500 fichiers, un modifié", os.path.dirname(many), many)]
        load = os.getloadavg()
        print("copc lsp (%s) : de didChange à publishDiagnostics, %d modifications d'une ligne par mesure" % (copc, runs))
        print("machine : %d processeurs, charge moyenne %.2f / %.2f / %.2f (1, 5, 15 min) au début"
              % (os.cpu_count(), load[0], load[1], load[2]))
        print()
        print("%-38s%-22s%12s%12s%12s%14s%12s  %s" % ("document", "délai d'attente", "médiane", "p95", "max", "processeur",
                                                      "ouverture", "diagnostics"))
        for name, root, path in cases:
            for label, debounce in (("par défaut", None), ("0 (travail seul)", 0)):
                latencies, count, others, cpu, first = session(copc, root, path, runs, debounce)
                med, p95, worst = stats(latencies)
                print("%-38s%-22s%9.1f ms%9.1f ms%9.1f ms%11.1f ms%9.1f ms  %d%s" % (name, label, med, p95, worst, cpu * 1000,
                                                                               first * 1000, count,
                      "" if not others else " ; AUSSI publiés pour %d autres fichiers" % len(others)))
        load = os.getloadavg()
        print()
        print("charge moyenne à la fin : %.2f / %.2f / %.2f" % load)


if __name__ == "__main__":
    main()
