#!/usr/bin/env python3
"""pdf_pages_check.py KIND [REPORT.json] FILE.pdf: checks how a pagination fixture
(tests/fixtures/pagination/) came out, reading the PDF back with pdftotext.

  long-table    the table runs over more than two pages; every page after the first
                carries 续表 1 and the repeated header; each of the 150 rows and the total
                appear exactly once
  case-across   the case box starts on one page and ends on the next, where its title is
                repeated as 案例 1（续）; its title is not the last line of a page
  footnote-foot every note is on the page of its mark
  footnote-long the long note starts on its mark's page and ends on the next, whole
  notes-per-page  (footnote-foot with per-page numbering) each page's notes are
                numbered from 1, marks and notes alike
  figure-nofit  the figure moved to the next page with its caption, and the text flowed
                on to fill the page before it (no hole)
  chapters-recto  every chapter (a numbered level-1 bookmark) opens on an odd page,
                and the pages left blank before them carry nothing, not even a folio
  continued-tables REPORT.json  (any report) every page marked 续表 N repeats table N's
                column titles
  tall-row      the tall row's text runs over at least two pages under 续表 headers
  box-photo-foot  the case box with a photo is whole on a page, or its piece on the next
                page repeats the title as 案例 1（续）
  float-chapter the figure of chapter 1 is set before the heading of chapter 2
  float-foot    (gbt9704) the chart of 第一节 is at the foot of the first page, its
                paragraph's last lines and the note of their mark on the next page,
                before chapter 2's heading
  table-note-foot the table's note is on the page of its last row
  caption-narrow  the caption under a narrow image is set wider than the image
  caption-name  no caption line breaks inside a name (姚林英, 王建国), and a caption's
                lines are balanced: the shorter is at least half the longer
  table-groups  (2022) under the spanning header cells of 表 6 and 表 7 (企业参与情况,
                现代学徒制开展情况) a short rule runs across the columns they group, inside
                the table's rules; the left-aligned column's header (市本级及县…) starts
                where its cells (市本级) start
  note-x [--circled]  (any report with notes) below each page's footnote rule, every note's
                number starts at the rule's left end and every line of note text (first
                lines and continuations alike) starts at one distance from it, the same
                on every page (read from the word boxes); with --circled the numbers are ①②③…, from ①
                on every page
  case-frames   (any report) every case box piece has its frame closed on each side that
                is not a page break: a rule along the top unless the piece continues from
                the page before (its 续 title), along the bottom unless it goes on overleaf

Prints failures and a summary; exits 1 on any failure."""
import os
import re
import subprocess
import sys


def pages_text(pdf):
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"], check=True,
                         capture_output=True, text=True).stdout
    return [p for p in out.split("\f")]


def squash(s):
    return re.sub(r"\s+", "", s)


def lines_with_y(pdf, page):
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), pdf, "-"],
                         check=True, capture_output=True, text=True).stdout
    out = []
    for m in re.finditer(r'<line xMin="[0-9.]+" yMin="([0-9.]+)"[^>]*>(.*?)</line>', xml, re.S):
        words = re.findall(r">([^<]*)</word>", m.group(2))
        out.append((float(m.group(1)), "".join(words)))
    return out


def main():
    circled = "--circled" in sys.argv
    args = [a for a in sys.argv if a != "--circled"]
    kind, pdf = args[1], args[-1]
    pages = [p for p in pages_text(pdf) if p.strip()]
    flat = [squash(p) for p in pages]
    failures = []

    def check(ok, msg):
        if not ok:
            failures.append(msg)

    if kind == "long-table":
        table_pages = [i for i, p in enumerate(flat) if "号学校" in p]
        check(len(table_pages) >= 3, f"the table spans {len(table_pages)} pages, expected more than two")
        for i in table_pages[1:]:
            check("续表1" in flat[i], f"page {i + 1} continues the table without 续表 1")
            check("序号学校在校生（人）占比" in flat[i], f"page {i + 1} does not repeat the header")
        for n in range(1, 151):
            count = sum(p.count(f"第{n}号学校") for p in flat)
            check(count == 1, f"row {n} appears {count} times")
        check(sum(p.count("合计") for p in flat) == 1, "the total row is missing or repeated")
    elif kind == "case-across":
        where = [i for i, p in enumerate(flat) if "一个跨越两页的案例" in p.replace("案例1（续）一个跨越两页的案例", "")]
        check(len(where) == 1, "the case title should appear once (but for its 案例 1（续） repeats)")
        for i, p in enumerate(flat[1:], 1):
            if "案例见案例1" in p and i - 1 in where:
                check("案例1（续）一个跨越两页的案例" in p, f"page {i + 1} continues the box without 案例 1（续）")
        if where:
            lines = [t for _, t in lines_with_y(pdf, where[0] + 1) if t]
            body = [t for t in lines if not re.fullmatch(r"[0-9ivx]+", t)]
            check(body and "一个跨越两页的案例" not in body[-1], "the case title ends its page")
            check(where[0] + 1 < len(flat) and "案例见案例1" in flat[where[0] + 1],
                  "the case box does not continue onto the next page")
    elif kind == "footnote-foot":
        for n in range(1, 41):
            mark_pages = [i for i, p in enumerate(flat) if f"第{n}段的注释标记" in p]
            note_pages = [i for i, p in enumerate(flat) if f"第{n}条脚注" in p]
            check(mark_pages and note_pages and mark_pages[0] == note_pages[0],
                  f"note {n}: mark on page {mark_pages}, note on page {note_pages}")
    elif kind == "footnote-long":
        check("长注释的标记" in flat[0] and "长注释开头" in flat[0], "the note does not start on its mark's page")
        check(len(flat) > 1 and "长注释结尾" in flat[1], "the note does not end on the next page")
        total = sum(p.count("需") for p in flat)
        check(total == 40, f"the note shows {total} of its 40 sentences")
    elif kind == "notes-per-page":
        for i, page in enumerate(pages):
            labels = [int(m.group(1)) for m in re.finditer(r"^\s*([0-9]+)\s+第\s*[0-9]+\s*条脚注", page, re.M)]
            check(labels == list(range(1, len(labels) + 1)), f"page {i + 1}: notes numbered {labels}")
            marks = [int(m) for m in re.findall(r"注释标记\s*([0-9]+)", page)]
            check(marks == labels[:len(marks)], f"page {i + 1}: marks {marks} but notes {labels}")
    elif kind == "figure-nofit":
        fig = [i for i, p in enumerate(flat) if "一张放不下的图" in p]
        check(fig and fig[0] == 1, f"the figure should move to page 2, found on {fig}")
        if fig:
            ys = [y for y, t in lines_with_y(pdf, 1) if t and not re.fullmatch(r"[0-9]+", t)]
            check(ys and max(ys) > 600, f"page 1 ends at y={max(ys) if ys else 0:.0f}: a hole before the figure")
            check("图1" in flat[fig[0]], "the caption is not with the figure")
    elif kind == "chapters-recto":
        import json
        info = json.loads(subprocess.run(["qpdf", "--json", pdf], check=True, capture_output=True,
                                         text=True).stdout)
        raw = pages_text(pdf)
        chapters = [(o["title"], o.get("destpageposfrom1")) for o in info["outlines"]
                    if re.match(r"[0-9]+\s", o["title"])]
        check(len(chapters) >= 3, f"only {len(chapters)} chapters found")
        for title, page in chapters:
            check(page is not None and page % 2 == 1, f"chapter {title} opens on page {page}")
            if page and page > 1:
                # a page before a chapter is either real content or wholly blank
                lines = [l.strip() for l in raw[page - 2].splitlines() if l.strip()]
                heads = {t for t, _ in chapters} | {re.sub(r"^[0-9]+\s*", "", t) for t, _ in chapters}
                only_furniture = lines and all(re.fullmatch(r"[0-9ivx]+", l) or l in heads for l in lines)
                check(not only_furniture, f"the blank page before {title} carries {lines}")
        blank = [i + 1 for i, p in enumerate(raw[:len(info["pages"])]) if not p.strip()]
        check(blank, "no blank page was needed: the fixture does not test anything")
    elif kind == "continued-tables":
        import json
        report = json.load(open(sys.argv[2], encoding="utf-8"))
        tables = []

        def walk(blocks):
            for b in blocks:
                if b.get("type") == "table":
                    tables.append([c["title"] if isinstance(c, dict) else c for c in b.get("columns", [])])
                walk(b.get("children", []))
        walk(report["body"])
        seen = 0
        for i, page in enumerate(flat):
            for n in map(int, re.findall(r"续表([0-9]+)", page)):
                seen += 1
                titles = tables[n - 1] if 0 < n <= len(tables) else []
                for t in titles:
                    check(squash(t) in page, f"page {i + 1}: 续表 {n} without the column title {t}")
        print(f"{pdf}: {seen} continued table pieces")
    elif kind == "tall-row":
        parts = [i for i, p in enumerate(flat) if "很长的单元格内容" in p]
        check(len(parts) >= 2, f"the tall row is on {len(parts)} page(s)")
        for i in parts[1:]:
            check("续表1" in flat[i], f"page {i + 1} continues the row without 续表 1")
        # count a character, not a phrase: a phrase may break across pages
        total = sum(p.count("很") - p.count("一行很高的表") for p in flat)
        check(total == 500, f"the tall row shows {total} of its 500 sentences")
    elif kind == "box-photo-foot":
        box = [i for i, p in enumerate(flat) if "照片放不下的案例" in p]
        photo = [i for i, p in enumerate(flat) if "案例中的照片" in p]
        check(box and photo, "the case box or its photo is missing")
        if box and photo and photo[-1] != box[0]:
            check("案例1（续）" in flat[photo[-1]], f"page {photo[-1] + 1} continues the box without 案例 1（续）")
    elif kind == "float-chapter":
        at = [(i, p.find("第一章的图")) for i, p in enumerate(flat) if "第一章的图" in p]
        head = [(i, p.find("2第二章")) for i, p in enumerate(flat) if "2第二章" in p]
        check(at and head, "the figure or the chapter 2 heading is missing")
        if at and head:
            check(at[0] < head[0], f"the figure (page {at[0][0] + 1}) floated past chapter 2's heading "
                                   f"(page {head[0][0] + 1})")
    elif kind == "float-foot":
        fig = [i for i, p in enumerate(flat) if "第一节的图" in p]
        head = [i for i, p in enumerate(flat) if "第二章" in p]
        check(fig and head, "the figure or the chapter 2 heading is missing")
        if fig and head:
            k, h = fig[0], head[0]
            check(h == k + 1, f"the figure is on page {k + 1}, chapter 2 opens on page {h + 1}")
            tail = flat[h].split("第二章")[0]
            check("见图1" in tail, f"page {h + 1} does not open with the end of the paragraph before the figure")
            check("数据来源" in flat[h] and "数据来源" not in flat[k], "the note is not on the page of its mark")
            lines = [t for _, t in lines_with_y(pdf, k + 1) if t.strip()]
            check(lines and lines[-2:] and any("第一节的图" in t for t in lines[-2:]),
                  f"the figure's caption is not at the foot of page {k + 1}: {lines[-2:]}")
    elif kind == "table-note-foot":
        last = [i for i, p in enumerate(flat) if "项目15150" in p]
        note = [i for i, p in enumerate(flat) if "数据来源" in p]
        check(last and note and last == note, f"the last row is on page(s) {last}, the note on {note}")
    elif kind == "caption-narrow":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import pdfpages
        pg = pdfpages.load(pdf)[0]
        img = [m for m in pg.marks if m.kind == "image"]
        cap = [w for w in pg.words if "图题" in w[4] or "一张很窄" in w[4]]
        check(img and cap, "the image or its caption is missing")
        if img and cap:
            width = max(w[2] for w in cap) - min(w[0] for w in cap)
            check(width > (img[0].x1 - img[0].x0) * 1.5,
                  f"the caption is {width:.0f} pt wide under an image {img[0].x1 - img[0].x0:.0f} pt wide")
    elif kind == "caption-name":
        lines = [ln.strip() for p in pages_text(pdf) for ln in p.split("\n")]
        lines = [re.sub(r"\s+", "", ln) for ln in lines if ln]
        for name in ("姚林英", "王建国"):
            at = [ln for ln in lines if name[0] in ln or name[-1] in ln]
            check(any(name in ln for ln in at), f"the caption breaks inside {name}: {at}")
        for first in ("图1", "图2"):
            k = next((i for i, ln in enumerate(lines) if ln.startswith(first)), None)
            check(k is not None and k + 1 < len(lines), f"caption {first} is missing")
            if k is not None and k + 1 < len(lines):
                a, b = len(lines[k]), len(lines[k + 1])
                check(min(a, b) * 2 >= max(a, b), f"caption {first} is not balanced: {lines[k]} / {lines[k + 1]}")
    elif kind == "table-groups":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import pdfpages
        for group, below, head, cell in (("企业参与情况", "其中大中型企业数", "市本级及县（市、区）名称", "市本级"),
                                         ("现代学徒制开展情况", "参与合作企业数", "市本级及县（市、区）", "市本级")):
            pg = next((p for p in pdfpages.load(pdf) if any(w[4] == group for w in p.words)), None)
            check(pg is not None, f"no page with the header {group}")
            if pg is None:
                continue
            g = next(w for w in pg.words if w[4] == group)
            rules = [m for m in pg.marks if m.kind == "line" and m.y1 - m.y0 < 0.01]
            full = max((m.x1 - m.x0 for m in rules if m.y0 < g[1] + 40 and m.y0 > g[1] - 60), default=0)
            under = [m for m in rules if g[1] - 12 < m.y0 < g[1] and m.x0 < g[0] and m.x1 > g[2]
                     and m.x1 - m.x0 < full - 20]
            check(under, f"no short rule under {group}")
            lows = [w for w in pg.words if w[4] == below and w[3] < g[1]]
            if under and lows:
                check(under[0].x1 >= lows[0][2] - 1, f"the rule under {group} stops before {below}")
            h = next((w for w in pg.words if w[4] == head), None)
            c = [w for w in pg.words if w[4] == cell and h and w[3] < h[1]]
            check(h is not None and c, f"the header {head} or the cell {cell} is missing")
            if h is not None and c:
                check(abs(h[0] - c[0][0]) < 1, f"the header {head} starts at x {h[0]:.1f}, its column's cells at {c[0][0]:.1f}")
    elif kind == "note-x":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import pdfpages
        starts, notes = set(), 0
        for pg in pdfpages.load(pdf):
            width = pg.trim[2] - pg.trim[0]
            rules = [m for m in pg.marks if m.kind == "line" and m.y1 - m.y0 < 0.01 and 0.15 * width < m.x1 - m.x0 < 0.25 * width]
            if not rules:
                continue
            rule = min(rules, key=lambda m: m.y0)
            below = sorted((w for w in pg.words if w[3] < rule.y0 and w[1] > pg.trim[1] + 40), key=lambda w: (-w[3], w[0]))
            lines = []
            for w in below:  # words to lines by their top
                if lines and abs(lines[-1][0][3] - w[3]) < 3:
                    lines[-1].append(w)
                else:
                    lines.append([w])
            expect = 1
            for ln in lines:
                ln.sort(key=lambda w: w[0])
                first = ln[0][4]
                number = (first in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳") if circled else first.isdigit()
                if number and abs(ln[0][0] - rule.x0) < 0.6:
                    notes += 1
                    check(len(ln) > 1, f"page {pg.number}: note {first} has no text beside its number")
                    if len(ln) > 1:
                        starts.add(round(ln[1][0] - rule.x0, 1))
                    if circled:
                        check(first == "①②③④⑤⑥⑦⑧⑨⑩"[expect - 1:expect],
                              f"page {pg.number}: note {first} should be {'①②③④⑤⑥⑦⑧⑨⑩'[expect - 1]}")
                        expect += 1
                elif ln[0][0] < rule.x1:  # not the folio
                    starts.add(round(ln[0][0] - rule.x0, 1))
        check(notes > 0, "no notes found under a footnote rule")
        if circled:  # the marks in the text are the page's circled numbers too
            for i, page in enumerate(pages):
                marks = re.findall(r"注释标记\s*([①-⑳])", page)
                check(marks == list("①②③④⑤⑥⑦⑧⑨⑩"[:len(marks)]), f"page {i + 1}: marks {marks}")
                check(not re.search(r"注释标记\s*[0-9]", page), f"page {i + 1}: a mark in figures")
        check(len(starts) <= 1 or max(starts) - min(starts) < 0.3,
              f"the text of the notes starts at {len(starts)} different x: {sorted(starts)}")
    elif kind == "case-frames":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import pdfpages
        pages = pdfpages.load(pdf)
        flat = [squash(p) for p in pages_text(pdf)]  # every page, blank ones too
        for k, pg in enumerate(pages):
            fills = [m for m in pg.marks if m.kind == "rect" and m.fill and m.x1 - m.x0 > 300]
            rules = [m for m in pg.marks if m.kind == "line" and m.y1 - m.y0 < 0.01]
            cont_here = "（续）" in flat[k] if k < len(flat) else False
            cont_next = k + 1 < len(flat) and "（续）" in flat[k + 1]
            top_block = max((m.y1 for m in fills), default=0)
            for r in fills:
                def ruled(y):
                    return any(abs(l.y0 - y) < 0.6 and l.x0 <= r.x0 + 0.6 and l.x1 >= r.x1 - 0.6 for l in rules)
                opens_page = cont_here and r.y1 == top_block
                check(ruled(r.y1) or opens_page, f"page {k + 1}: a case frame {r} has no top rule")
                goes_on = cont_next and abs(r.y0 - min(f.y0 for f in fills)) < 0.01
                check(ruled(r.y0) or goes_on, f"page {k + 1}: a case frame {r} has no bottom rule")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for f in failures:
        print("FAIL:", f)
    print(f"{pdf}: {kind}: {'ok' if not failures else str(len(failures)) + ' failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
