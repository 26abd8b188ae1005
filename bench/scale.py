#!/usr/bin/env python3
"""bench/scale.py: writes a report whose body is N copies of a report's body (the cover,
front matter and lists once), for the linearity benchmark. Every `id` and `ref` gets a
copy suffix so ids stay unique; the images and CSV files the report names are copied
beside OUT.json under the same relative names (a report may only name files in its folder).
Given a Typst file (bench/typst/report.typ), it repeats what follows the lists (the first
`#pagebreak()` after the last `#outline`) N times in the same way.

usage: bench/scale.py REPORT.json N OUT.json
       bench/scale.py REPORT.typ N OUT.typ"""
import json
import os
import shutil
import sys

FRONT = {"cover", "preface", "toc", "list-of-figures", "list-of-tables", "list-of-cases"}


def renamed(node, k, base):
    """A deep copy of node with ids and refs suffixed by -xk (k > 0); file names noted."""
    if isinstance(node, list):
        return [renamed(n, k, base) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("id", "ref") and isinstance(value, str) and k > 0:
            out[key] = f"{value}-x{k}"
        elif key in ("src", "csv") and isinstance(value, str):
            FILES.add(value)
            out[key] = value
        else:
            out[key] = renamed(value, k, base)
    return out


def scale_typst(src, n, dst):
    """The front matter of a Typst file once, then its body n times (it has no labels)."""
    with open(src, encoding="utf-8") as fp:
        lines = fp.read().split("\n")
    last = max(i for i, line in enumerate(lines) if line.startswith("#outline("))
    cut = next(i for i in range(last, len(lines)) if lines[i].strip() == "#pagebreak()") + 1
    body = "\n".join(lines[cut:]).rstrip("\n") + "\n"
    with open(dst, "w", encoding="utf-8") as fp:
        fp.write("\n".join(lines[:cut]) + "\n" + body * n)


src, n, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
if src.endswith(".typ"):
    scale_typst(src, n, dst)
    sys.exit(0)
OUTDIR = os.path.dirname(os.path.abspath(dst))
base = os.path.dirname(os.path.abspath(src))
FILES = set()
with open(src, encoding="utf-8") as fp:
    report = json.load(fp)
front = [b for b in report["body"] if b.get("type") in FRONT]
body = [b for b in report["body"] if b.get("type") not in FRONT]
report["body"] = renamed(front, 0, base) + [b for k in range(n) for b in renamed(body, k, base)]
if "$schema" in report:
    del report["$schema"]
with open(dst, "w", encoding="utf-8") as fp:
    json.dump(report, fp, ensure_ascii=False, indent=1)
for name in sorted(FILES):
    target = os.path.join(OUTDIR, name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.abspath(target) != os.path.abspath(os.path.join(base, name)):
        shutil.copyfile(os.path.join(base, name), target)
