#!/usr/bin/env python3
"""pdf_case_title_check.py: on a grid layout (layouts/gbt9704.json) the text under a case
box's title starts on the next grid line, with no blank line between them. Reads the
glyphs back (pdfglyphs.py): a title is a run of lines in one face starting with 案例 and
a number; when the line after its last line is body text (same size, another face, and
another body line after it), the distance between their baselines must be the distance
between that body line and the next one (the pitch), within 0.5 pt. A title that opens a
page (案例 N or 案例 N（续）) is on the page's first grid line: its baseline is where the
first line of the pages that open with text of its size is (the most common one), within
0.5 pt.

Usage: pdf_case_title_check.py FILE.pdf [--name NAME]
Prints the count of titles measured; exits 1 if one is followed by a blank line or opens
a page below its first grid line (or if none could be measured).
"""
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfglyphs  # noqa: E402


def rows_of(page):
    rows = collections.defaultdict(list)
    for g in page["glyphs"]:
        if g.text.strip():
            rows[round(g.y, 1)].append(g)
    return [sorted(rows[y], key=lambda g: g.x) for y in sorted(rows, reverse=True)]


def main(argv):
    path = argv[1]
    name = argv[argv.index("--name") + 1] if "--name" in argv else os.path.basename(path)
    measured, failures = 0, []
    pages = [(page, rows_of(page)) for page in pdfglyphs.glyphs(path)]
    firsts = collections.defaultdict(collections.Counter)  # size -> first baselines
    for _, r in pages:
        if r and not re.match(r"案例\s*\d+", "".join(g.text for g in r[0])):
            firsts[round(r[0][0].size, 1)][round(r[0][0].y, 1)] += 1
    opening = 0
    for page, rows in pages:
        size = round(rows[0][0].size, 1) if rows else 0
        if rows and firsts[size] and re.match(r"案例\s*\d+", "".join(g.text for g in rows[0])):
            first_line = firsts[size].most_common(1)[0][0]
            opening += 1
            if abs(rows[0][0].y - first_line) > 0.5:
                failures.append(f"p. {page['number']}: a case title opens the page {first_line - rows[0][0].y:.2f} pt "
                                f"below the first grid line")
        for i, row in enumerate(rows):
            text = "".join(g.text for g in row)
            if not re.match(r"案例\s*\d+", text):
                continue
            face, size = row[0].font, round(row[0].size, 1)
            j = i
            while j + 1 < len(rows) and rows[j + 1][0].font == face and round(rows[j + 1][0].size, 1) == size:
                j += 1
            if j + 2 >= len(rows):
                continue
            a, b = rows[j + 1], rows[j + 2]
            if round(a[0].size, 1) != size or round(b[0].size, 1) != size or a[0].font == face:
                continue  # a photo, a caption or the page's end under the title
            pitch = a[0].y - b[0].y
            gap = row[0].y - a[0].y if j == i else rows[j][0].y - a[0].y
            measured += 1
            if abs(gap - pitch) > 0.5:
                failures.append(f"p. {page['number']}: {text[:12]}: text {gap:.2f} pt under the title, "
                                f"the pitch is {pitch:.2f}")
    for f in failures:
        print("FAIL:", name, f)
    print(f"{name}: {measured} case titles with text under them, {opening} opening a page; "
          f"{len(failures)} failures")
    return 1 if failures or measured == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
