#!/usr/bin/env python3
"""pdf_headings_check.py FILE.pdf TOC_PAGES TOC_LEVELS LEVEL:NUMBER:TITLE...

Reads a built PDF back and checks that every heading LEVEL:NUMBER:TITLE (e.g.
3:1.1.1:第三级标题) is printed as its number followed by its title in the body (pages
after the first TOC_PAGES), in the contents (the first TOC_PAGES pages) when its level is
at most TOC_LEVELS, and as a bookmark "NUMBER TITLE" nested LEVEL deep (qpdf --json). Prints problems and 'N passed, M failed'; exits 1 on any failure."""
import json
import re
import subprocess
import sys


def main():
    pdf, toc_pages, toc_levels = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    wanted = [a.split(":", 2) for a in sys.argv[4:]]
    # The body in drawing order (-raw): pdftotext's own reading order can put a heading's
    # number after its title when a chart's labels above make it see columns.
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", pdf, "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = [re.sub(r"\s+", "", p) for p in text.split("\f")]
    body = "".join(pages[toc_pages:])
    # The contents in layout mode: one entry a line, "NUMBER   TITLE   PAGE".
    toc_text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", "-l", str(max(toc_pages, 1)),
                               pdf, "-"], check=True, capture_output=True, text=True).stdout
    toc = [re.sub(r"\s+", " ", line).strip() for line in toc_text.splitlines()]
    qpdf = json.loads(subprocess.run(["qpdf", "--json", pdf], check=True, capture_output=True,
                                     text=True).stdout)
    marks = {}

    def walk(items, level):
        for it in items:
            marks[it["title"]] = level
            walk(it.get("kids", []), level + 1)

    walk(qpdf.get("outlines", []), 1)
    passed = failed = 0

    def check(ok, msg):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL:", msg)

    for level, number, title in wanted:
        level = int(level)
        check(number + title in body, f"body lacks heading '{number}{title}'")
        if level <= toc_levels:
            entry = re.compile(re.escape(number) + " " + re.escape(title) + r" \d+$")
            check(any(entry.match(line) for line in toc), f"contents lack '{number} {title} PAGE'")
        mark = marks.get(number + " " + title)
        check(mark is not None, f"no bookmark '{number} {title}' (have {sorted(marks)})")
        if mark is not None:
            check(mark == level, f"bookmark '{number} {title}' at level {mark}, not {level}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
