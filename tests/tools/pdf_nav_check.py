#!/usr/bin/env python3
"""pdf_nav_check.py REPORT.json FILE.pdf [TOC_LEVELS]

Reads a built report back and checks its navigation:
- every entry of the contents and of the lists of figures, tables and cases names a page
  (by its printed label) that carries that heading or caption;
- page labels exist and the body's first page is labelled 1;
- the bookmarks mirror the section tree (titles in order, with their levels).
Prints problems and 'N passed, M failed'; exits 1 on any failure."""
import json
import re
import subprocess
import sys

WS = re.compile(r"\s+")


def squash(s):
    return WS.sub("", s)


def strip_markup(s):
    if isinstance(s, list):
        return "".join(x if isinstance(x, str) else x.get("text", "") for x in s)
    s = re.sub(r"\^\[(?:[^\[\]]|\[[^\]]*\])*\]", "", s)
    return s.replace("**", "")


def roman(n):
    out = ""
    for v, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                   (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += sym
            n -= v
    return out


def labels(qpdf, count):
    ranges = sorted((r["index"], r["label"]) for r in qpdf.get("pagelabels", []))
    out = []
    for page in range(count):
        label = ""
        for index, lab in ranges:
            if index <= page:
                style, start = lab.get("/S"), lab.get("/St", 1)
                n = start + page - index
                label = str(n) if style == "/D" else roman(n) if style == "/r" else ""
        out.append(label)
    return out


def outline_flat(qpdf):
    flat = []

    def walk(items, level):
        for it in items:
            flat.append((level, it["title"]))
            walk(it.get("kids", []), level + 1)

    walk(qpdf.get("outlines", []), 1)
    return flat


def main():
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    pdf = sys.argv[2]
    toc_levels = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    qpdf = json.loads(subprocess.run(["qpdf", "--json", pdf], check=True, capture_output=True,
                                     text=True).stdout)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = [squash(p) for p in text.split("\f")][: len(qpdf["pages"])]
    labs = labels(qpdf, len(pages))
    passed = failed = 0

    def check(ok, msg):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL:", msg)

    sections, entries = [], []  # (level, title) and (kind, title)
    counters = {"figure": 0, "table": 0, "case": 0}

    def walk(blocks, level):
        for b in blocks:
            t = b.get("type")
            if t == "section":
                sections.append((level, strip_markup(b["title"])))
                if level <= toc_levels:
                    entries.append(("toc", strip_markup(b["title"])))
                walk(b.get("children", []), level + 1)
            elif t in ("figure", "table"):
                entries.append((t, strip_markup(b["caption"])))
            elif t == "case":
                entries.append(("case", strip_markup(b["title"])))
                walk(b.get("children", []), level)
    walk(report["body"], 1)
    kinds_listed = {b.get("type") for b in report["body"]}
    wanted = {"toc": "toc", "figure": "list-of-figures", "table": "list-of-tables",
              "case": "list-of-cases"}
    # Entries as printed: with -layout each entry ends in its page number; a wrapped title
    # continues on the lines before it.
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"], check=True,
                            capture_output=True, text=True).stdout.split("\f")
    printed, buffer = [], ""
    for page_text, lab in zip(layout, labs):
        if lab.isdigit():
            continue
        for line in page_text.splitlines():
            if not line.strip():
                buffer = ""
                continue
            m = re.search(r"\s([0-9]+|[ivxlc]+)\s*$", line)
            buffer += line[: m.start()] if m else line
            if m:
                printed.append((squash(buffer), m.group(1)))
                buffer = ""
    check("1" in labs and labs.index("1") > 0, f"body page labelled 1 after front matter: {labs[:8]}")
    for kind, title in entries:
        if wanted[kind] not in kinds_listed:
            continue
        found = [num for text, num in printed if text.endswith(squash(title))]
        if not found:
            check(False, f"{kind} entry '{title}' not found with a page number in the front matter")
            continue
        label = found[0]
        if label not in labs:
            check(False, f"{kind} entry '{title}' names page {label}, which does not exist")
            continue
        page = labs.index(label)
        check(squash(title) in pages[page], f"{kind} '{title}' is not on page {label}")
    flat = outline_flat(qpdf)
    outline_sections = [(lvl, t) for lvl, t in flat if lvl >= 1]
    got = [(lvl, re.sub(r"^[0-9.一二三四五六七八九十、（）()]+\s*", "", t)) for lvl, t in outline_sections]
    want = [(lvl, t) for lvl, t in sections]
    got_sections = [g for g in got if g in want]
    check(got_sections == want, f"bookmarks do not mirror the section tree:\n want {want[:6]}\n got {got[:6]}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
