#!/usr/bin/env python3
"""pdf_struct_check.py REPORT.json FILE.pdf

Reads the PDF's structure tree the way a screen reader does, through poppler
(`pdfinfo -struct-text`), and checks that every heading, paragraph, list item, caption
and table note of the report is an element of its own (H1-H6, P, LBody, Caption) holding
that text, in the report's order; and every footnote a Note holding its text. Prints what
is missing or out of order and 'N passed, M failed'; exits 1 when anything is."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import json  # noqa: E402

from pdf_text_check import collect, squash  # noqa: E402

BLOCKS = re.compile(r"^(H[1-6]|P|LBody|Caption|Note)\b")


def elements(pdf):
    """The block elements of the structure tree in order, each (type, squashed text of
    its subtree)."""
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], check=True, capture_output=True,
                         text=True).stdout
    found = []  # [type, depth, text]
    open_blocks = []  # indices into found, innermost last
    for line in out.split("\n"):
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        while open_blocks and found[open_blocks[-1]][1] >= depth:
            open_blocks.pop()
        if body.startswith('"'):
            text = body[1:-1] if body.endswith('"') else body[1:]
            for i in open_blocks:
                found[i][2] += text
            continue
        m = BLOCKS.match(body)
        if m:
            found.append([m.group(1), depth, ""])
            open_blocks.append(len(found) - 1)
    return [(t, squash(x)) for t, _, x in found]


def main():
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    texts, _, notes = collect(report)
    elems = elements(sys.argv[2])
    blocks = [e for e in elems if e[0] != "Note"]
    note_texts = [x for t, x in elems if t == "Note"]
    passed = failed = 0
    at = 0
    for t in texts:
        parts = [squash(p) for p in t.split("\0REF\0") if squash(p)]
        if not parts:
            continue
        j = at
        while j < len(blocks) and not all(p in blocks[j][1] for p in parts):
            j += 1
        if j < len(blocks):
            passed += 1
            at = j + 1
        else:
            failed += 1
            where = "out of order" if any(all(p in x for p in parts) for _, x in blocks) else "missing"
            print(f"{where}: {t[:80]!r}")
    for n, note in enumerate(notes, 1):
        want = squash(note)
        if any(want in x for x in note_texts):
            passed += 1
        else:
            failed += 1
            print(f"footnote {n} is no Note element: {note[:80]!r}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
