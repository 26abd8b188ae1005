#!/usr/bin/env python3
"""pdf_grid_check.py: reads the glyphs of a report built in a grid layout (typography.grid,
as layouts/gbt9704.json: GB/T 9704 official documents) back from the PDF (pdfglyphs.py) and
measures, for every body-size line in the text block, whether it is set on the grid:

  - characters a line: a full line of Han characters and full-width marks (no Latin, no
    digits, reaching the last cell) holds exactly `chars` glyphs inside the block (a mark
    hanging in the margin is counted apart);
  - cells: every Han character or full-width mark is centred in a cell of width
    block / chars, counted from the left edge of the text block (the inner margin on odd,
    right-hand pages; the outer one on even pages), or of its case box; a run of Latin
    letters or digits fills a whole number of cells between its neighbours and is
    centred in them (flush left when it starts a line);
  - left edge: every line starts on a cell boundary (its first cell at the edge, or an
    indent of whole cells);
  - lists: the line after a list item's first line starts under the item's text (the
    marker's whole cells in);
  - folios (a footer with "align": "outside"): "— N —" at the footer's size, half-width
    digits, its end `inset` characters from the right edge on odd pages and its start that
    far from the left on even ones, the dashes `below` mm under the text block;
  - baselines: every body line's baseline (in case boxes too) lies on one of the grid lines, which are the
    same on every page: facing pages register. Line k's em box is centred in the k-th
    pitch (block height / lines) below the block top, its baseline 0.88 em below the em
    box top (the ideographic em box of CJK faces).

Lines at other sizes (headings of another size, captions, tables, notes) are not checked;
lines set in columns (contents, lists of figures: gaps of two cells or more) are skipped.

Usage: pdf_grid_check.py FILE.pdf LAYOUT.json [--report | --horizontal] [--name NAME] [--verbose]
Prints the counts; exits 1 if any check failed (0 with --report, which only measures;
--horizontal requires everything but the baselines).
"""
import collections
import json
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfglyphs  # noqa: E402

MM = 72 / 25.4
SIZES = {"初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
         "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5}
PAPER = {"A4": (210, 297), "A5": (148, 210), "B5": (176, 250)}
# marks of East Asian width A that take a cell on the grid (quotes, middle dot), and
# dashes and ellipses that do where the face sets them full width
CELL_MARKS = set("“”‘’·")
FULL_DASHES = set("—…")
TOL = 0.12  # pt: positions are written to 0.001 pt; a glyph 16 pt wide in a 15.79 pt cell is centred


def size_of(v, default):
    if v is None:
        return default
    if isinstance(v, (int, float)):
        return float(v)
    return SIZES.get(v, default)


def is_cjk(g):
    c = g.text[:1]
    if not c:
        return False
    return unicodedata.east_asian_width(c) in ("W", "F") or c in CELL_MARKS or (c in FULL_DASHES and g.adv >= 0.9 * g.size)


def near(v, step, tol=TOL):
    """v is within tol of a whole multiple of step."""
    r = v / step
    return abs(r - round(r)) * step <= tol


class Line:
    def __init__(self, page, y):
        self.page, self.y, self.glyphs, self.small = page, y, [], []

    @property
    def x0(self):
        return self.glyphs[0].x

    @property
    def x1(self):
        g = self.glyphs[-1]
        return g.x + g.adv

    def text(self):
        return "".join(g.text for g in self.glyphs)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    report_only = "--report" in argv
    horizontal_only = "--horizontal" in argv  # baselines are measured, not required
    verbose = "--verbose" in argv
    name = None
    if "--name" in argv:
        name = argv[argv.index("--name") + 1]
        args.remove(name)
    if len(args) != 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    pdf, layout_path = args
    layout = json.load(open(layout_path, encoding="utf-8"))
    page_l = layout.get("page", {})
    size = page_l.get("size", "A4")
    pw, ph = PAPER.get(size, (210, 297)) if isinstance(size, str) else size
    m = page_l.get("margins", {})
    inner, outer = m.get("inner", m.get("left", 25)) * MM, m.get("outer", m.get("right", 25)) * MM
    top, bottom = m.get("top", 25) * MM, m.get("bottom", 25) * MM
    grid = layout.get("typography", {}).get("grid")
    if not grid:
        print(f"{layout_path}: no typography.grid", file=sys.stderr)
        return 2
    chars, nlines = grid["chars"], grid["lines"]
    body = size_of(layout.get("body", {}).get("size"), 10.5)
    page_w, page_h = pw * MM, ph * MM
    width = page_w - inner - outer
    cell = width / chars
    pitch = (page_h - top - bottom) / nlines
    block_top = page_h - top
    name = name or os.path.basename(pdf)

    pages = pdfglyphs.glyphs(pdf)
    lines = []
    for p in pages:
        left = inner if p["number"] % 2 == 1 else outer
        by_y = collections.OrderedDict()
        small = []
        for g in p["glyphs"]:
            if not (bottom - 1 <= g.y <= block_top + 1):
                continue
            if abs(g.size - body) < 0.01:
                by_y.setdefault(round(g.y, 1), Line(p["number"], g.y)).glyphs.append(g)
            elif g.size < body:
                small.append(g)
        for ln in by_y.values():
            ln.glyphs.sort(key=lambda g: g.x)
            ln.left, ln.right = left, left + width
            # the case box the line sits in, if any: a frame well taller than one line
            ln.box = None
            for r in p["rects"]:
                if r[3] - r[1] > 1.5 * body and r[0] + 1 < ln.x0 and ln.x1 <= r[2] + 1 and r[1] < ln.y < r[3]:
                    ln.box = r
            for g in small:  # superscripts (footnote marks) raised over the line
                if ln.y < g.y < ln.y + body * 0.8 and ln.x0 - 1 <= g.x <= ln.x1 + 1:
                    ln.small.append(g)
            lines.append(ln)

    # case boxes: the grid starts at the leftmost line start inside the frame
    box_left = {}
    for ln in lines:
        if ln.box:
            k = (ln.page, ln.box)
            box_left[k] = min(box_left.get(k, 1e9), ln.x0)
    failures = collections.Counter()
    counts = collections.Counter()
    full_counts = collections.Counter()  # (characters, cells of the line)
    examples = collections.defaultdict(list)

    def fail(kind, ln, what):
        failures[kind] += 1
        if len(examples[kind]) < 99:
            examples[kind].append(f"p{ln.page} y={ln.y:.2f}: {what}: {ln.text()[:40]}")

    # pages set in columns (contents, lists of figures and tables: gaps of two cells or
    # more between words) are not running text
    column_pages = set()
    for ln in lines:
        gl = [g for g in ln.glyphs if g.text.strip()]
        if any(b.x - (a.x + a.adv) > 1.9 * cell for a, b in zip(gl, gl[1:])):
            column_pages.add(ln.page)
    checked = []
    for ln in lines:
        gl = [g for g in ln.glyphs if g.text not in ("", " ")]
        if not gl:
            continue
        if ln.page in column_pages:
            counts["skipped (columns)"] += 1
            continue
        origin = box_left[(ln.page, ln.box)] if ln.box else ln.left
        # a case box holds the whole cells between its paddings (the same on both sides)
        ncells = chars if not ln.box else int((ln.box[2] - ln.box[0] - 2 * (origin - ln.box[0])) / cell + 0.01)
        right = origin + ncells * cell
        offset = (gl[0].x - origin) / cell
        if offset > 8.6 and not ln.box:  # centred titles; list items hang up to 2 + 6 cells
            counts["skipped (centred)"] += 1
            continue
        checked.append(ln)
        counts["box lines" if ln.box else "body lines"] += 1
        # runs: CJK glyphs one by one, Latin runs together
        runs, cur = [], []
        for g in gl:
            if is_cjk(g):
                if cur:
                    runs.append(("latin", cur))
                    cur = []
                runs.append(("cjk", [g]))
            else:
                cur.append(g)
        if cur:
            runs.append(("latin", cur))
        prev_end = None
        in_block = max(0, round(offset))  # an indent counts its cells
        hanging = 0
        ok_line = True
        for i, (kind, gs) in enumerate(runs):
            if kind == "cjk":
                g = gs[0]
                c = g.x + g.adv / 2
                counts["cells checked"] += 1
                if not near(c - origin - cell / 2, cell):
                    fail("glyph off its cell", ln, f"{g.text!r} at {(c - origin) / cell - 0.5:.2f} cells")
                    ok_line = False
                if c < right:
                    in_block += 1
                else:
                    hanging += 1
                prev_end = c + cell / 2
                continue
            counts["Latin runs"] += 1
            x0, x1 = gs[0].x, gs[-1].x + gs[-1].adv
            L = prev_end if prev_end is not None else origin + cell * int((x0 - origin) / cell + 0.01)
            nxt = next((r for r in runs[i + 1:] if r[0] == "cjk"), None)
            if nxt:
                g = nxt[1][0]
                R = g.x + g.adv / 2 - cell / 2
                ncell = (R - L) / cell
                if not near(R - L, cell):
                    fail("Latin run not whole cells", ln, f"{''.join(x.text for x in gs)!r} takes {ncell:.2f} cells")
                    ok_line = False
                elif prev_end is None and abs(x0 - L) > TOL and abs((x0 + x1) / 2 - (L + R) / 2) > TOL:
                    fail("Latin run not flush or centred", ln, f"{''.join(x.text for x in gs)!r}")
                elif prev_end is not None and abs((x0 + x1) / 2 - (L + R) / 2) > TOL:
                    fail("Latin run not flush or centred", ln, f"{''.join(x.text for x in gs)!r}")
                in_block += max(1, round(ncell))
            else:
                half = 2 * ((x0 + x1) / 2 - L) / cell
                if prev_end is None and abs(x0 - L) <= TOL:
                    pass
                elif not near((x0 + x1) / 2 - L, cell / 2):
                    fail("Latin run not whole cells", ln, f"{''.join(x.text for x in gs)!r} centred at {half / 2:.2f} cells")
                    ok_line = False
                in_block += max(1, round(half))
            prev_end = None if not nxt else prev_end
        if not near(gl[0].x - origin + (gl[0].adv / 2 - cell / 2 if is_cjk(gl[0]) else 0), cell) \
                and not (not is_cjk(gl[0]) and near(gl[0].x - origin, cell)):
            fail("line start off the left edge", ln, f"starts {(gl[0].x - origin) / cell:.2f} cells in")
        # full all-Han line: only CJK glyphs, no superscripts, reaching the last cell
        last_c = max((g.x + g.adv / 2 for g in gl if is_cjk(g) and g.x + g.adv / 2 < right), default=0)
        if all(is_cjk(g) for g in gl) and not ln.small and last_c > right - cell:
            full_counts[(in_block, ncells)] += 1
            if hanging:
                counts["hanging marks"] += hanging
            if in_block != ncells:
                fail(f"full line not {chars} characters (or a box's cells)", ln, f"{in_block} of {ncells}")
        if ok_line:
            counts["lines on the cells"] += 1
    # list items hang: the line after an item's first line (（1）… or •…, one pitch
    # lower, not starting a new item) starts under the item's text, after the marker
    import re
    item = re.compile(r"^(（[0-9]+）|•)")
    for a, b in zip(checked, checked[1:]):
        ta = "".join(g.text for g in a.glyphs if g.text.strip())
        tb = "".join(g.text for g in b.glyphs if g.text.strip())
        m = item.match(ta)
        if not m or a.page != b.page or abs((a.y - b.y) - pitch) > 0.1 or item.match(tb) or a.box != b.box:
            continue
        counts["hanging list lines"] += 1
        gl = [g for g in a.glyphs if g.text.strip()]
        text_x = gl[len(m.group(1))].x if len(gl) > len(m.group(1)) else None
        if text_x is not None and abs(b.glyphs[0].x - text_x) > TOL:
            fail("list item not hanging", b, f"starts {(b.glyphs[0].x - text_x) / cell:+.2f} cells from its text")
    # the grid lines: each line's em box (baseline 0.12 em above its bottom, as in CJK
    # faces) centred in its pitch, from the block top
    phase = (pitch - body) / 2 + 0.88 * body
    for ln in checked:  # body lines and the lines in case boxes
        d = ((block_top - ln.y) - phase) % pitch
        if min(d, pitch - d) > 0.05:
            fail("baseline off the grid", ln, f"{min(d, pitch - d):.2f} pt off")

    # folios (GB/T 9704 7.5): "— N —" in half-width digits, right on odd pages and left on
    # even ones, one character (of the folio's size) in from the block's edge
    foot = layout.get("footer", {})
    fsize = size_of(foot.get("size"), 9)
    folios = 0
    if foot.get("align") == "outside":
        inset = foot.get("inset", 0) * fsize
        for p in pages:
            left = inner if p["number"] % 2 == 1 else outer
            gl = sorted((g for g in p["glyphs"] if g.y < bottom - 1 and g.text.strip()), key=lambda g: g.x)
            text = "".join(g.text for g in gl)
            if not gl or not (text.startswith("—") and text.endswith("—") and text[1:-1].isdigit()):
                continue
            folios += 1
            x0, x1 = gl[0].x, gl[-1].x + gl[-1].adv
            fake = Line(p["number"], gl[0].y)
            fake.glyphs = gl
            if p["number"] % 2 == 1 and abs(x1 - (left + width - inset)) > 0.5:
                fail("folio not in place", fake, f"odd page ends {left + width - x1:.1f} pt from the right edge")
            if p["number"] % 2 == 0 and abs(x0 - (left + inset)) > 0.5:
                fail("folio not in place", fake, f"even page starts {x0 - left:.1f} pt from the left edge")
            if any(abs(g.size - fsize) > 0.01 for g in gl) or any(g.adv > 0.6 * fsize for g in gl if g.text.isdigit()):
                fail("folio not in place", fake, "not half-width digits at the footer size")
            if "below" in foot:
                dash_top = gl[0].y + 0.38 * fsize
                if abs((bottom - dash_top) - foot["below"] * MM) > 1:
                    fail("folio not in place", fake, f"dashes {(bottom - dash_top) / MM:.1f} mm under the block")

    print(f"{name}: grid {chars} chars × {nlines} lines, cell {cell:.3f} pt, pitch {pitch:.3f} pt, "
          f"first baseline {phase:.1f} pt below the block top")
    for k in ("body lines", "box lines", "lines on the cells", "cells checked", "Latin runs", "hanging marks",
              "hanging list lines",
              "skipped (columns)", "skipped (centred)"):
        print(f"  {k}: {counts[k]}")
    total_full = sum(full_counts.values())
    hist = ", ".join(f"{v} hold {k[0]}" + (f" of {k[1]} (case box)" if k[1] != chars else "")
                     for k, v in sorted(full_counts.items(), key=lambda kv: (kv[0][1] != chars, kv[0])))
    print(f"  full all-Han lines: {total_full} ({hist})")
    on_grid = len(checked) - failures["baseline off the grid"]
    print(f"  baselines on the grid: {on_grid} of {len(checked)} (body and case box lines)")
    if foot.get("align") == "outside":
        print(f"  folios checked: {folios}")
    for k, v in sorted(failures.items()):
        print(f"  FAIL {k}: {v}")
        for e in examples[k][:5 if not verbose else 99]:
                print(f"    {e}")
    if not failures:
        print("  ok")
    if horizontal_only:
        failures.pop("baseline off the grid", None)
    return 0 if report_only or not failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
