#!/usr/bin/env python3
"""pdf_gap_count.py FILE.pdf [--min EM] [--max EM] [--allow N]: the Han–Latin gaps of a
built report, read back with pdftotext -bbox-layout (the gap between a Han word and a
Latin or digit word on the same line, of the same size): prints how many there are, how
many are narrower than --min (default 1/8 em) or wider than --max (default 1/3 em), each
of those with its page and line, and a histogram. Exits 1 when more than N (default 0)
are outside the limits. Gaps an em or more wide are columns (contents, tables), not text.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdf_typo_check import BOX_OVER_SIZE, COLUMN_GAP, is_han, is_latin, read_pages  # noqa: E402

TOL = 0.01  # em: PDF coordinates are rounded, and pdftotext's boxes are the fonts' advances


def gaps(pdf):
    for num, lines in enumerate(read_pages(pdf), 1):
        for ln in lines:
            size = (ln["y1"] - ln["y0"]) / BOX_OVER_SIZE
            for i, ((a0, a1, at, ah), (b0, b1, bt, bh)) in enumerate(zip(ln["words"], ln["words"][1:])):
                # Latin faces have shorter boxes than CJK ones; a footnote mark's is far shorter
                if not at or not bt or min(ah, bh) < 0.7 * max(ah, bh):
                    continue
                if i == 0 and at.isdigit():
                    continue  # a note's or list item's number, set apart from its text
                pair = (is_han(at[-1]) and is_latin(bt[0])) or (is_latin(at[-1]) and is_han(bt[0]))
                gap = (b0 - a1) / size
                if pair and gap < COLUMN_GAP:
                    yield num, ln["text"], at[-3:] + "␣" + bt[:3], gap


def main():
    args = sys.argv[1:]
    lo, hi, allow = 1 / 8, 1 / 3, 0
    for flag in ("--min", "--max", "--allow"):
        if flag in args:
            i = args.index(flag)
            v = float(args[i + 1])
            del args[i:i + 2]
            if flag == "--min":
                lo = v
            elif flag == "--max":
                hi = v
            else:
                allow = int(v)
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    pdf = args[0]
    found = list(gaps(pdf))
    bad = [g for g in found if g[3] < lo - TOL or g[3] > hi + TOL]
    for num, text, pair, gap in bad:
        print(f"{pdf}: page {num}: {pair}: {gap:.3f} em in «{text[:30]}»")
    hist = {}
    for *_, gap in found:
        b = round(gap * 24) / 24
        hist[b] = hist.get(b, 0) + 1
    print(f"{pdf}: {len(found)} Han–Latin gaps; by 1/24 em: "
          + ", ".join(f"{k:.3f}:{v}" for k, v in sorted(hist.items())))
    print(f"{pdf}: {len(bad)} outside {lo:.3f}–{hi:.3f} em "
          f"({sum(g[3] < lo - TOL for g in bad)} narrower, {sum(g[3] > hi + TOL for g in bad)} wider)")
    return 1 if len(bad) > allow else 0


if __name__ == "__main__":
    sys.exit(main())
