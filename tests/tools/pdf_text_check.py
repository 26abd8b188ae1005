#!/usr/bin/env python3
"""pdf_text_check.py REPORT.json FILE.pdf

Checks that every paragraph, heading, caption, list item, footnote, table cell and note
of the report comes back from the PDF's text (pdftotext), white space aside. Running heads
and feet are dropped per page and footnotes are taken out of the flow before comparing, so
a paragraph that crosses a page still reads as one. Prints what is missing and
'N passed, M failed'; exits 1 when anything is missing."""
import json
import os
import re
import subprocess
import sys

WS = re.compile(r"\s+")


def squash(s):
    return WS.sub("", s)


def plain(inline, notes):
    """Inline markup or spans to the printed text; footnote texts go to `notes`."""
    if isinstance(inline, list):
        out = ""
        for span in inline:
            if isinstance(span, str):
                out += plain(span, notes)
            elif "text" in span:
                out += span["text"]
            elif "sup" in span:
                out += span["sup"]
            elif "sub" in span:
                out += span["sub"]
            elif "footnote" in span:
                notes.append(plain(span["footnote"], notes))
                out += "\0REF\0"  # the mark is raised: read apart from the text
            elif "ref" in span:
                out += "\0REF\0"
        return out
    out, i, s = "", 0, inline
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            out += s[i + 1]
            i += 2
        elif s.startswith("**", i):
            i += 2
        elif s.startswith("^[", i):
            depth, j = 0, i + 2
            while j < len(s):
                if s[j] == "\\":
                    j += 2
                    continue
                if s[j] == "[":
                    depth += 1
                elif s[j] == "]":
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            note = plain(s[i + 2:j], notes)
            notes.append(note)
            out += "\0REF\0"  # the mark is raised: read apart from the text
            i = j + 1
        elif s.startswith("[@", i):
            j = s.index("]", i)
            out += "\0REF\0"
            i = j + 1
        elif s.startswith("^{", i) or s.startswith("_{", i):
            j = s.index("}", i)
            out += s[i + 2:j]
            i = j + 1
        else:
            out += c
            i += 1
    return out


def collect(report):
    texts, cells, notes = [], [], []

    def walk(blocks):
        for b in blocks:
            t = b.get("type")
            if t in ("section", "case", "preface"):
                if "title" in b:
                    texts.append(plain(b["title"], notes))
                walk(b.get("children", []))
            elif t == "paragraph":
                texts.append(plain(b["text"], notes))
            elif t == "list":
                texts.extend(plain(i, notes) for i in b["items"])
            elif t == "table":
                texts.append(plain(b["caption"], notes))
                rows = b["rows"] if isinstance(b["rows"], list) else []
                for row in rows:
                    for c in row:
                        if isinstance(c, dict):
                            c = c.get("text", c.get("value"))
                        if isinstance(c, str):
                            cells.append(plain(c, notes))
                for row in b.get("header", []):
                    for c in row:
                        cells.append(c if isinstance(c, str) else c.get("text", ""))
                if "header" not in b:
                    cells.extend(col["title"] for col in b["columns"])
                if "note" in b:
                    texts.append(plain(b["note"], notes))
            elif t == "figure":
                texts.append(plain(b["caption"], notes))

    walk(report["body"])
    return texts, cells, notes


def main():
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    title = report["meta"]["title"]
    if isinstance(title, list):  # the cover's lines; the running head has them joined
        title = "".join(title)
    texts, cells, notes = collect(report)
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", sys.argv[2], "-"], check=True,
                         capture_output=True, text=True).stdout
    body = []
    for page in raw.split("\f"):
        lines = [l for l in page.split("\n") if l.strip()]
        if lines and squash(lines[0]) == squash(title):
            lines = lines[1:]
        if lines and re.fullmatch(r"[\divxlcm—\- ]+", lines[-1].strip()):
            lines = lines[:-1]
        body.append("".join(lines))
    # Read in reading order (seed_coverage.pdf_reading): a case box that waited for the
    # next page's top, or the title a continued box repeats, does not cut a paragraph.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import seed_coverage
    flow = seed_coverage.pdf_reading(sys.argv[2])
    del body
    for n, note in enumerate(notes, 1):
        flow = flow.replace(squash(f"{n}{note}"), "", 1)
    passed = failed = 0
    for kind, items, where in (("text", texts, flow), ("cell", cells, squash(raw))):
        for t in items:
            parts = [squash(p) for p in t.split("\0REF\0") if squash(p)]
            if all(p in where for p in parts):
                passed += 1
            else:
                failed += 1
                print(f"missing {kind}: {t[:80]}")
    for n, note in enumerate(notes, 1):
        if squash(f"{n}{note}") in squash(raw):
            passed += 1
        else:
            failed += 1
            print(f"missing footnote {n}: {note[:80]}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
