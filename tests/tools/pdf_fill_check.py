#!/usr/bin/env python3
"""pdf_fill_check.py FILE.pdf LAYOUT.json [--max N] [--allow K] [--no-fail]: how full each
page is.

For every page, reads back what the content stream paints inside the text block (glyph
runs, rules, frames, images, chart paths; pdfpages.py) and measures the empty space
between the lowest body mark and the foot of the text block, or the top of the footnote
area (its short rule) on a page with notes, in body lines (the layout's leading, or the
grid's line pitch). A page may end more than N lines short (default 3) only
  - as the last page, a blank page or the cover,
  - before a forced break: the next page opens another part (front matter, body), or a
    front-matter title (前言, 目录), or a chapter when the layout opens chapters on a
    new page (chapters.open "page" or "recto"),
  - before headings (or a case box, whose title is one) that had to go to the next page
    since a heading keeps two lines of what follows (a paragraph of up to three lines
    whole, no widow or orphan; in a case box, the photo set under its title): the
    headings stacked at the next page's top with what they keep need more than the
    space left (verdict "... keeps N lines", the lines needed printed).
Prints the table of pages and empty lines and the three emptiest pages; exits 1 when a
page is short where it may not be (unless --no-fail), or when more than K are (--allow K:
a known number of holes the page builder cannot fill yet, which may only go down)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfpages  # noqa: E402

MM = 72 / 25.4
SIZES = {"初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
         "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5}
NOTE_RULE_ABOVE = 4.0  # the footnote rule sits this far below the top of the note area
NOTE_RULE_SHARE = 0.25  # and is this share of the text width long


def size_of(v, default):
    if v is None:
        return default
    if isinstance(v, (int, float)):
        return float(v)
    return SIZES.get(v, default)


def geometry(path):
    with open(path, encoding="utf-8") as f:
        lay = json.load(f)
    m = lay.get("page", {}).get("margins", {})
    g = {k: m.get(k, d) * MM for k, d in (("top", 30), ("bottom", 28), ("inner", 28), ("outer", 25))}
    body = lay.get("body", {})
    size = size_of(body.get("size"), 10.5)
    g["size"] = size
    g["leading"] = size * body.get("line_height", 1.75)
    g["grid"] = lay.get("typography", {}).get("grid", {}).get("lines", 0)
    ch = lay.get("chapters", {})
    g["chapter_page"] = ch.get("open", "recto" if ch.get("recto") else "any") != "any"
    return g


def roman(label):
    return label != "" and all(c in "ivxlcdm" for c in label)


def measure(pages, g):
    """Per page: (empty pt, empty lines, has body marks, top-of-page first mark y)."""
    rows = []
    for pg in pages:
        x0, y0, x1, y1 = pg.trim
        top, bottom = y1 - g["top"], y0 + g["bottom"]
        width = (x1 - x0) - g["inner"] - g["outer"]
        lead = (top - bottom) / g["grid"] if g["grid"] else g["leading"]
        inside = [m for m in pg.marks if m.y1 > bottom - 0.5 and m.y0 < top + 0.5 and m.y1 - m.y0 < top - bottom + 2]
        floor = bottom
        rules = [m for m in inside if m.kind == "line" and m.y1 - m.y0 < 0.01
                 and abs((m.x1 - m.x0) - width * NOTE_RULE_SHARE) < 1.0]
        if rules:
            rule = max(rules, key=lambda m: m.y0)
            floor = rule.y0 + NOTE_RULE_ABOVE
            inside = [m for m in inside if m.y0 > rule.y0 + 0.5]
        if not inside:
            rows.append((None, None, False, None))
            continue
        low = min(inside, key=lambda m: m.y0)
        bot = low.y0
        if low.kind == "text":  # the line box reaches below the glyphs by half the leading's extra
            bot -= max(0.0, (lead - low.size) / 2)
        empty = max(0.0, bot - floor)
        first = max(m.y1 for m in inside)
        rows.append((empty, empty / lead, True, first))
    return rows


def heading_stack(pg, g):
    """The height (pt) that the headings stacked at the top of page pg (or the title of a
    case box opening it) and the lines of text they keep need (a heading keeps two lines
    of what follows, a paragraph of up to three lines whole), the number of heading lines
    and kept lines, and "heading" or what the case title keeps; None when the page does
    not open with a heading followed by text (or, in a case box, by a photo)."""
    x0, y0, x1, y1 = pg.trim
    top, bottom = y1 - g["top"], y0 + g["bottom"]
    lead = (top - bottom) / g["grid"] if g["grid"] else g["leading"]
    inside = [m for m in pg.marks if m.y1 > bottom - 0.5 and m.y0 < top + 0.5 and m.y1 - m.y0 < top - bottom + 2]
    rows = {}
    for m in inside:
        if m.kind == "text":
            rows.setdefault(round(m.y0, 1), []).append(m)
    lines = [(y, min(m.x0 for m in ms), max(m.y1 for m in ms), max(m.size for m in ms))
             for y, ms in sorted(rows.items(), reverse=True)]
    if not lines:
        return None
    heads = set()
    for _, _, oy in pg.outlines:
        if oy is None:
            continue
        below = [k for k, ln in enumerate(lines) if ln[2] <= oy + 0.5]
        if below and oy - lines[below[0]][2] < lead:
            heads.add(below[0])
    j = 0
    while j < len(lines) and j in heads:
        j += 1
    # a case box opening the page (its top rule at the page top): its title, the lines
    # at the box's inner left before the first paragraph's indented line, is a heading
    frames = [m for m in inside if m.kind == "rect" and m.y1 >= top - 1 and m.x1 - m.x0 > (x1 - x0) / 2]
    if j == 0 and frames and any(m.kind == "line" and abs(m.y0 - frames[0].y1) < 0.5 and
                                 abs(m.y1 - m.y0) < 0.01 for m in inside):
        left = lines[0][1]  # the title starts at the inner left, its text indented
        while j < len(lines) and abs(lines[j][1] - left) < 0.5:
            j += 1
        kind = "case title keeps"
        # a photo moved under the title: the title keeps it
        title_low = lines[j - 1][0] if j else top
        under = [m for m in inside if m.y1 < title_low and m not in frames and
                 not (m.kind == "line" and (m.y1 >= top - 1 or abs(m.x1 - m.x0) < 0.01))]
        if j and under and max(under, key=lambda m: m.y1).kind == "image":
            photo = max((m for m in under if m.kind == "image"), key=lambda m: m.y1)
            return top - photo.y0 + (lead if g["grid"] else 0), j, 0, "case title keeps its photo"
    else:
        kind = "heading"

    if j == 0 or j == len(lines) or lines[0][2] < top - lead * 2:
        return None
    n = j
    # the paragraph: lines one line apart, none starting where its first does
    while n < len(lines) and n not in heads and (n == j or (abs(lines[n][1] - lines[j][1]) > 0.5 and
                                                            lines[n - 1][0] - lines[n][0] < lead * 1.2 and
                                                            lines[n][3] == lines[j][3])):
        n += 1
    count = n - j
    keep = 2 if count >= 4 else count
    last = lines[j + keep - 1]
    low = last[0] - max(0.0, (lead - last[3]) / 2)
    # nothing but these lines (no figure or table; a case box's frame) between the page
    # top and there
    if any(m.kind != "text" and m.y1 > low + 0.5 and m not in frames and
           not (m.kind == "line" and (m.y1 >= top - 1 or abs(m.x1 - m.x0) < 0.01)) for m in inside):
        return None
    # on a grid a box opening a page has its title on the first grid line; after text its
    # frame and padding take the grid line above the title
    extra = lead if kind != "heading" and g["grid"] else 0
    return top - low + extra, j, keep, kind


def main():
    args = sys.argv[1:]
    limit, fail, allow = 3.0, True, 0
    if "--allow" in args:
        i = args.index("--allow")
        allow = int(args[i + 1])
        del args[i:i + 2]
    if "--max" in args:
        i = args.index("--max")
        limit = float(args[i + 1])
        del args[i:i + 2]
    if "--no-fail" in args:
        args.remove("--no-fail")
        fail = False
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    pdf, layout = args
    g = geometry(layout)
    pages = pdfpages.load(pdf)
    rows = measure(pages, g)
    failures, short = [], []
    print(f"{pdf}: page label  empty(pt) lines  verdict")
    for k, (pg, (empty, lines, has, _)) in enumerate(zip(pages, rows)):
        nxt = next((j for j in range(k + 1, len(pages)) if rows[j][2]), None)
        if not has:
            verdict = "blank"
        elif nxt is None:
            verdict = "last page"
        elif k == 0 and pg.label == "":
            verdict = "cover"
        else:
            n = pages[nxt]
            top = n.trim[3] - g["top"]
            opens = [o for o in n.outlines if o[1] == 1 and o[2] is not None and o[2] >= top - 2]
            part_change = roman(pg.label) != roman(n.label) or (pg.label == "") != (n.label == "")
            if part_change:
                verdict = "before a new part"
            elif opens and roman(pg.label):
                verdict = "before a front-matter title"
            elif opens and g["chapter_page"]:
                verdict = "before a chapter"
            elif lines > limit and (stack := heading_stack(n, g)) and stack[0] > empty + 0.5:
                lead = empty / lines if lines else g["leading"]
                what = (f"{stack[1]} headings keep" if stack[1] > 1 else "heading keeps") \
                    if stack[3] == "heading" else stack[3]
                kept = f" {stack[2]} lines" if stack[2] else ""
                verdict = f"{what}{kept}: {stack[0] / lead:.1f} needed"

            elif lines > limit:
                verdict = "FAIL"
                failures.append(pg.number)
            else:
                verdict = "ok"
            if verdict != "FAIL" and lines is not None and verdict == "ok":
                short.append((lines, pg.number, pg.label))
            elif verdict == "FAIL":
                short.append((lines, pg.number, pg.label))
        e = f"{empty:9.1f} {lines:5.1f}" if has else f"{'':9} {'':5}"
        print(f"  {pg.number:4} {pg.label:5} {e}  {verdict}")
    short.sort(reverse=True)
    worst = ", ".join(f"p. {n} [{lab}] {v:.1f}" for v, n, lab in short[:3])
    body = [v for v, _, _ in short]
    mean = sum(body) / len(body) if body else 0
    print(f"{pdf}: {len(pages)} pages; emptiest where a page must be full: {worst or 'none'}; "
          f"mean {mean:.2f} lines; {len(failures)} pages over {limit:g} lines"
          + (f": {', '.join(map(str, failures))}" if failures else ""))
    if allow and failures:
        print(f"{pdf}: {allow} pages over {limit:g} lines are known; {len(failures)} found")
    return 1 if len(failures) > allow and fail else 0


if __name__ == "__main__":
    sys.exit(main())
