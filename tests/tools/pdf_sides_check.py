#!/usr/bin/env python3
"""pdf_sides_check.py FILE.pdf LAYOUT.json: right- and left-hand pages as a printer sees
them, read back from the PDF (TrimBox, content-stream positions, page labels, the words
of the running foot; pdfpages.py):

  - odd physical pages are rectos: the text block's left edge is the inner margin from the
    TrimBox's left; even pages have the outer margin there. No glyph run starts left of
    the block (but for an opening bracket's blank half em), some run, rule or frame starts
    on its edge, and every full-width rule spans the block;
  - the page labelled i (front matter) and the page labelled 1 (body) are odd pages, and
    their folio is printed in the running foot;
  - an unlabelled first page (the cover) is followed by a blank page;
  - a page with nothing in its text block carries nothing at all: no head, no folio.

Prints failures and a summary; exits 1 on any failure."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdf_fill_check  # noqa: E402
import pdfpages  # noqa: E402

TOL = 0.6


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    pdf, layout = sys.argv[1:]
    g = pdf_fill_check.geometry(layout)
    pages = pdfpages.load(pdf)
    failures = []
    checked = 0
    for pg in pages:
        x0, y0, x1, y1 = pg.trim
        odd = pg.number % 2 == 1
        left = x0 + (g["inner"] if odd else g["outer"])
        width = (x1 - x0) - g["inner"] - g["outer"]
        top, bottom = y1 - g["top"], y0 + g["bottom"]
        inside = [m for m in pg.marks if m.y1 > bottom - 0.5 and m.y0 < top + 0.5]
        where = f"page {pg.number} [{pg.label or '-'}]"
        if not inside:
            if pg.marks:
                failures.append(f"{where}: a blank page carries {len(pg.marks)} marks (head or folio)")
            continue
        texts = [m for m in inside if m.kind == "text"]
        if pg.label == "" and pg.number == 1:
            continue  # the cover is set centred
        if texts:
            # an opening bracket at a line start may hang its blank half em into the margin
            out = [m for m in texts if m.x < left - TOL and abs(m.x + m.size / 2 - left) > TOL]
            lo = min(m.x for m in texts)
            if out:
                failures.append(f"{where}: text starts at {out[0].x:.2f}, left of the text block at {left:.2f}")
            elif all(abs(m.x - left) > TOL for m in texts) and all(abs(m.x0 - left) > TOL for m in inside):
                failures.append(f"{where}: no line starts on the text block's edge {left:.2f} "
                                f"(leftmost {lo:.2f}; {'inner' if odd else 'outer'} margin expected)")
            else:
                checked += 1
        for m in pg.marks:
            if m.kind == "line" and m.y1 - m.y0 < 0.01 and abs((m.x1 - m.x0) - width) < TOL \
                    and abs(m.x0 - left) > TOL:
                failures.append(f"{where}: a full-width rule at y {m.y0:.1f} starts at {m.x0:.2f}, not {left:.2f}")
    for want in ("i", "1"):
        pg = next((p for p in pages if p.label == want), None)
        if pg is None:
            if want == "1":
                failures.append("no page is labelled 1")
            continue
        if pg.number % 2 == 0:
            failures.append(f"the page labelled {want} is physical page {pg.number}, a left-hand page")
        foot = [w[4] for w in pg.words if w[3] < pg.trim[1] + g["bottom"]]
        if not any(w.strip("—- ") == want for w in foot):
            failures.append(f"the page labelled {want} (page {pg.number}) prints no folio {want} in its foot: {foot}")
    if pages and pages[0].label == "" and len(pages) > 1:
        if pages[1].marks:
            failures.append("the cover's back (page 2) is not blank")
    for f in failures:
        print("FAIL:", f)
    print(f"{pdf}: {len(pages)} pages, {checked} with the text block on the expected side; "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
