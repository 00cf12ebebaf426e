#!/usr/bin/env python3
"""Records what `copc lsp` answers on the repository's contracts, to compare two builds byte
for byte (the companion of scripts/reference.py for the language server).

Usage:
    scripts/reference-lsp.py COPC FICHIER          # records the session of the binary COPC
    cmp ANCIEN NOUVEAU                             # two recordings must be identical

For every folder of contracts/ and every case folder holding an avenant, one session: the
folder as workspace, every .cop file opened, the diagnostics published, then hover and
definition at every third column of every line, completion at the end of every line and
after the first word, the document symbols and the formatting of every file. Each message
the server sends is written as received, one per line.
"""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def frame(obj):
    body = json.dumps(obj, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(pipe):
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        c = pipe.read(1)
        if not c:
            return None
        header += c
    length = int([l for l in header.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
    return pipe.read(length)


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def session(copc, folder, out):
    files = []
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in sorted(names):
            if n.endswith(".cop"):
                files.append(os.path.join(base, n))
    p = subprocess.Popen([copc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    next_id = [1]
    # Publications come when the server is idle: kept aside (the last one per document) so
    # that their timing does not change the recording.
    published = {}

    def send(obj):
        p.stdin.write(frame(obj))
        p.stdin.flush()

    def request(method, params):
        i = next_id[0]
        next_id[0] += 1
        send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        while True:
            m = read_message(p.stdout)
            if m is None:
                return
            message = json.loads(m)
            if message.get("method") == "textDocument/publishDiagnostics":
                published[message["params"]["uri"]] = m
                continue
            out.write(m + b"\n")
            if message.get("id") == i:
                return

    uri = lambda f: "file://" + f
    request("initialize", {"rootUri": uri(folder), "capabilities": {"textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": True}}},
                           "initializationOptions": {"au": "2026-11-22", "debounceMs": 0}})
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    texts = {}
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as h:
            texts[f] = h.read()
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": {"textDocument": {"uri": uri(f), "languageId": "copc", "version": 1, "text": texts[f]}}})
    time.sleep(0.5)
    # A request makes the server answer after publishing what is due.
    request("shutdown-pas-encore", {})
    for f in files:
        lines = texts[f].split("\n")
        for ln, line in enumerate(lines):
            width = utf16_len(line)
            for col in range(0, width + 1, 3):
                pos = {"textDocument": {"uri": uri(f)}, "position": {"line": ln, "character": col}}
                request("textDocument/hover", pos)
                request("textDocument/definition", pos)
            stripped = len(line) - len(line.lstrip())
            first_word_end = stripped + len(line.strip().split(" ")[0]) if line.strip() else 0
            for col in sorted({width, utf16_len(line[:first_word_end]), utf16_len(line[:first_word_end]) + 1 if first_word_end < len(line) else width}):
                request("textDocument/completion", {"textDocument": {"uri": uri(f)}, "position": {"line": ln, "character": col}})
        request("textDocument/documentSymbol", {"textDocument": {"uri": uri(f)}})
        request("textDocument/formatting", {"textDocument": {"uri": uri(f)}, "options": {"tabSize": 2, "insertSpaces": True}})
    request("shutdown", None)
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait(timeout=30)
    for u in sorted(published):
        out.write(published[u] + b"\n")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    copc = os.path.abspath(sys.argv[1])
    folders = [os.path.join(ROOT, "contracts", d) for d in sorted(os.listdir(os.path.join(ROOT, "contracts")))
               if os.path.isdir(os.path.join(ROOT, "contracts", d))]
    cases = os.path.join(ROOT, "Tests", "CopcTests", "Cases")
    for c in sorted(os.listdir(cases)):
        full = os.path.join(cases, c)
        if os.path.isdir(full) and any("avenant" in n for n in os.listdir(full)):
            folders.append(full)
    with open(sys.argv[2], "wb") as out:
        for folder in folders:
            out.write(b"=== " + os.path.relpath(folder, ROOT).encode() + b"\n")
            session(copc, folder, out)
    print("%d sessions enregistrées dans %s" % (len(folders), sys.argv[2]))


if __name__ == "__main__":
    main()
