#!/usr/bin/env python3
"""pdf_label_check.py: the gap between a label word and its number (图 1, 图 10, 表 2,
案例 12) is the same wherever the number has one digit or several, in the lists of
figures, tables and cases and in the captions. Reads the glyphs back from the PDF
(pdfglyphs.py): for every line that starts with 图, 表 or 案例 followed by digits, the
gap is the first digit's x minus the end of the word's last glyph. Groups the labels by
word, size and face (list entries, figure captions, table captions), and requires in each
group that has numbers of one digit and of more one gap for every label (within 0.3 pt),
and at least 1 pt (a visible space). A case box's title is left out (a 案例 line inside
a filled rectangle): on a grid layout it is body text on the box's grid, where a number
takes whole cells as it does in the text.

Usage: pdf_label_check.py FILE.pdf [--name NAME]
Prints one line per group (labels, gaps min/max); exits 1 if a group's gaps differ.
"""
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfglyphs  # noqa: E402

WORDS = ("案例", "图", "表")


def lines_of(page):
    rows = collections.defaultdict(list)
    for g in page["glyphs"]:
        if g.text.strip():
            rows[(round(g.y, 1), round(g.size, 1))].append(g)
    for key in sorted(rows, key=lambda k: -k[0]):
        yield sorted(rows[key], key=lambda g: g.x)


def label_of(line):
    """(word, number, gap) when the line starts with a label, else None."""
    text = "".join(g.text for g in line)
    for w in WORDS:
        if not text.startswith(w):
            continue
        k = len(w)
        digits = 0
        while k + digits < len(line) and line[k + digits].text.isdigit():
            digits += 1
        if digits == 0 or (k + digits < len(line) and line[k + digits].text in ".-."):
            return None
        word_end = line[k - 1].x + line[k - 1].adv
        return w, text[k:k + digits], line[k].x - word_end
    return None


def in_box(page, line):
    x, y = line[0].x, line[0].y
    return any(x0 <= x <= x1 and y0 <= y <= y1 and (x1 - x0) > 100 and (y1 - y0) > 20
               for x0, y0, x1, y1 in page["rects"])


def main(argv):
    path = argv[1]
    name = argv[argv.index("--name") + 1] if "--name" in argv else os.path.basename(path)
    groups = collections.defaultdict(list)
    for page in pdfglyphs.glyphs(path):
        for line in lines_of(page):
            lab = label_of(line)
            if not lab or (lab[0] == "案例" and in_box(page, line)):
                continue
            word, num, gap = lab
            size = round(line[0].size, 1)
            groups[(word, size, line[0].font)].append((num, gap, page["number"]))
    status = 0
    for (word, size, font), labels in sorted(groups.items()):
        if not any(len(n) > 1 for n, _, _ in labels) or not any(len(n) == 1 for n, _, _ in labels):
            continue  # only numbers of one length: nothing to compare
        gaps = [g for _, g, _ in labels]
        lo, hi = min(gaps), max(gaps)
        bad = hi - lo > 0.3 or lo < 1.0
        print(f"{name}: {word} at {size} pt ({font}): {len(labels)} labels, gap {lo:.2f}-{hi:.2f} pt"
              f"{'  FAIL' if bad else ''}")
        if bad:
            status = 1
            for n, g, p in labels:
                print(f"  p. {p}: {word}{n} gap {g:.2f}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
