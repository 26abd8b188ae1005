#!/usr/bin/env python3
"""pdf_chart_check.py: reads the charts of a built PDF back, as a reader and a print shop
see them, from the text (pdftotext -bbox-layout) and the drawing (the content streams of
qpdf --qdf):

  - no two words of the page overlap or touch (chart labels, ticks, values, keys);
  - value axes: a column of at least three numbers sharing their right edge, just left
    of a vertical axis line, is a tick column; its numbers are evenly spaced, their step is 1, 2 or 5 times a power of ten
    and every tick a multiple of it; they are set in a Latin face (fonts.latin);
  - a bar or line plot (its black 0.6 pt horizontal axis) is centred in the text column;
    a pie's centre too, or the pies' middle when there are several;
  - pies (filled paths whose first point is the centre): every percentage label is
    outside its pie's disc; the percentages of each pie add up to 100 (± 0.05 a slice);
    a slice under 5 % has a leader line from its arc to its label;
  - line plots: a value label more than 1.5 label heights from its point (the marker
    whose value, read off the value axis, is the label's) is not nearer another point;
  - the fill colours of bars and slices on a page differ in greyscale lightness by at
    least --min-contrast (default 0.1).

Usage: pdf_chart_check.py FILE.pdf [--pages A-B] [--ticks N] [--pies N] [--plots N]
       [--min-contrast X]
--ticks/--pies/--plots: how many tick columns, pies and bar or line plots the pages
must show in all (checked when given). Prints what it found and each violation; exits 1
on any violation.
"""
import math
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NUM = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
PCT = re.compile(r"（([0-9]+(?:\.[0-9]+)?)%）")


def fail(msgs, text):
    msgs.append(text)
    print("FAIL: " + text)


def words_by_page(pdf, first, last):
    out = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(first), "-l", str(last), pdf, "-"],
                         check=True, capture_output=True).stdout
    root = ET.fromstring(out)
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        height = float(page.get("height"))
        words = []
        for li, line in enumerate(page.iter("{http://www.w3.org/1999/xhtml}line")):
            for w in line.iter("{http://www.w3.org/1999/xhtml}word"):
                # PDF coordinates (y up), as the drawing uses
                x0, x1 = float(w.get("xMin")), float(w.get("xMax"))
                y1, y0 = height - float(w.get("yMin")), height - float(w.get("yMax"))
                words.append({"text": w.text or "", "x0": x0, "x1": x1, "y0": y0, "y1": y1, "line": li})
        pages.append((height, words))
    return pages


def content_streams(pdf, first, last):
    """Per page (1-based) from first to last: the decoded content stream and the font
    resource -> BaseFont map. Only those pages are copied out (qpdf --pages), not the
    file's other pages, fonts and images."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", "--empty", "--pages", pdf,
                        f"{first}-{last}", "--", tmp.name], check=True)
        data = open(tmp.name, "rb").read().decode("latin-1")
    objects = {}
    for m in re.finditer(r"^(\d+) 0 obj\n(.*?)^endobj", data, re.S | re.M):
        objects[int(m.group(1))] = m.group(2)
    pages = {}
    for m in re.finditer(r"^%% Page (\d+)\n%% Original object ID: \d+ \d+\n(\d+) 0 obj\n(.*?)^endobj", data, re.S | re.M):
        num, body = int(m.group(1)), m.group(3)
        fonts = {}
        fm = re.search(r"/Font <<(.*?)>>", body, re.S)
        if fm:
            for name, ref in re.findall(r"/(\w+) (\d+) 0 R", fm.group(1)):
                bm = re.search(r"/BaseFont /(\S+)", objects.get(int(ref), ""))
                fonts[name] = bm.group(1) if bm else "?"
        cm = re.search(r"/Contents (\d+) 0 R", body)
        stream = ""
        if cm:
            sm = re.search(r"stream\n(.*?)endstream", objects.get(int(cm.group(1)), ""), re.S)
            stream = sm.group(1) if sm else ""
        pages[first + num - 1] = (stream, fonts)
    return pages


def parse_drawing(stream):
    """Text origins with their font, filled rects and paths with their colours, strokes."""
    texts, fills, strokes, lines = [], [], [], []
    fill = stroke = None
    width = 1.0
    font = None
    path = []
    stack = []
    tx = ty = 0.0  # the translation of cm (bleed), the only transformation baogao writes
    tokens = re.findall(r"\[[^\]]*\]|\([^)]*\)|<[^>]*>|/\S+|[^\s\[\]()<>/]+", stream)
    operands = []
    for t in tokens:
        if re.match(r"^-?[0-9.]+$", t) or t.startswith(("[", "(", "<", "/")):
            operands.append(t)
            continue
        op, args = t, operands
        operands = []
        num = [float(a) for a in args if re.match(r"^-?[0-9.]+$", a)]
        if op == "q":
            stack.append((fill, stroke, width, tx, ty))
        elif op == "Q" and stack:
            fill, stroke, width, tx, ty = stack.pop()
        elif op == "cm" and len(num) == 6:
            tx, ty = tx + num[4], ty + num[5]
        elif op == "rg":
            fill = ("rgb", num)
        elif op == "g":
            fill = ("gray", num)
        elif op == "k":
            fill = ("cmyk", num)
        elif op == "RG":
            stroke = ("rgb", num)
        elif op == "G":
            stroke = ("gray", num)
        elif op == "K":
            stroke = ("cmyk", num)
        elif op == "w" and num:
            width = num[0]
        elif op == "Tf":
            font = args[0][1:] if args else None
        elif op == "Tm" and len(num) == 6:
            texts.append({"font": font, "x": num[4] + tx, "y": num[5] + ty})
        elif op == "re" and len(num) == 4:
            path = [("re", [num[0] + tx, num[1] + ty, num[2], num[3]])]
        elif op == "m" and len(num) == 2:
            path = [(num[0] + tx, num[1] + ty)]
        elif op == "l" and len(num) == 2:
            path.append((num[0] + tx, num[1] + ty))
        elif op in ("f", "B", "b", "f*"):
            fills.append({"color": fill, "path": path})
            path = []
        elif op == "S":
            if len(path) == 2 and path[0][0] != "re":
                lines.append({"width": width, "color": stroke, "p": path})
            strokes.append({"width": width, "color": stroke, "path": path})
            path = []
        elif op in ("h", "n"):
            pass
    return texts, fills, strokes, lines


def lightness(color):
    space, v = color
    if space == "gray":
        return v[0]
    if space == "rgb":
        return 0.299 * v[0] + 0.587 * v[1] + 0.114 * v[2]
    return (1 - min(1, 0.3 * v[0] + 0.59 * v[1] + 0.11 * v[2])) * (1 - v[3])


def nice(step):
    mag = 10 ** math.floor(math.log10(step) + 1e-9)
    r = step / mag
    return any(abs(r - k) < 1e-6 for k in (1, 2, 5, 10))


def column_of(lines, height):
    """The text column: the ends of the running head's rule (the longest horizontal line in
    the top 100 pt of the page)."""
    rules = [l for l in lines if l["p"][0][1] > height - 100 and abs(l["p"][0][1] - l["p"][1][1]) < 0.01]
    if not rules:
        return None
    r = max(rules, key=lambda l: abs(l["p"][1][0] - l["p"][0][0]))
    return tuple(sorted((r["p"][0][0], r["p"][1][0])))


def main():
    args = sys.argv[1:]
    pdf = args[0]
    first, last = 1, None
    want = {}
    min_contrast = 0.1
    i = 1
    while i < len(args):
        if args[i] == "--pages":
            a, b = args[i + 1].split("-")
            first, last = int(a), int(b)
        elif args[i] in ("--ticks", "--pies", "--plots"):
            want[args[i][2:]] = int(args[i + 1])
        elif args[i] == "--min-contrast":
            min_contrast = float(args[i + 1])
        i += 2
    if last is None:
        info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
        last = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    msgs = []
    found = {"ticks": 0, "pies": 0, "plots": 0}
    drawings = content_streams(pdf, first, last)
    for pno, (height, words) in zip(range(first, last + 1), words_by_page(pdf, first, last)):
        stream, fonts = drawings.get(pno, ("", {}))
        texts, fills, strokes, lines = parse_drawing(stream)

        # 1. No two words overlap or touch (words of one running-text line may touch).
        for a in range(len(words)):
            for b in range(a + 1, len(words)):
                p, q = words[a], words[b]
                # words of one running-text line may touch; on a character grid (GB/T
                # 9704: 16 pt glyphs in 15.79 pt cells) neighbours overlap by 0.2 pt
                pad = -0.25 if p["line"] == q["line"] else 0.25
                if p["x0"] < q["x1"] + pad and q["x0"] < p["x1"] + pad and \
                        p["y0"] < q["y1"] + pad and q["y0"] < p["y1"] + pad:
                    fail(msgs, "page %d: '%s' and '%s' overlap" % (pno, p["text"], q["text"]))

        # 2. Tick columns: >= 3 numbers sharing their right edge, evenly spaced.
        nums = [w for w in words if NUM.match(w["text"])]
        used = set()
        scales = []  # (right edge of the tick column, tick centres, tick values)
        for w in nums:
            if id(w) in used:
                continue
            col = [v for v in nums if abs(v["x1"] - w["x1"]) < 0.3 and id(v) not in used]
            if len(col) < 3:
                continue
            col.sort(key=lambda v: v["y0"])
            ys = [(v["y0"] + v["y1"]) / 2 for v in col]
            gaps = [ys[k + 1] - ys[k] for k in range(len(ys) - 1)]
            if max(gaps) - min(gaps) > 0.8:
                continue  # not evenly spaced: value labels that happen to align
            if not any(abs(l["p"][0][0] - l["p"][1][0]) < 0.01 and 0 < l["p"][0][0] - w["x1"] < 10
                       for l in lines):
                continue  # no value axis just right of them
            for v in col:
                used.add(id(v))
            values = [float(v["text"]) for v in col]
            step = values[1] - values[0]
            if all(1900 <= x <= 2100 and x == int(x) for x in values) and abs(step) == 1:
                continue  # a column of years (a table's, or category labels), not a value axis
            scales.append((w["x1"], ys, values))
            found["ticks"] += 1
            print("page %d: ticks %s" % (pno, " ".join(v["text"] for v in col)))
            if step <= 0 or not nice(step):
                fail(msgs, "page %d: tick step %g is not 1, 2 or 5 times a power of ten" % (pno, step))
                continue
            for k, x in enumerate(values):
                if abs(x / step - round(x / step)) > 1e-6 or abs(x - values[0] - k * step) > step * 1e-6:
                    fail(msgs, "page %d: tick %g is not a multiple of the step %g" % (pno, x, step))
            for v in col:
                face = [fonts.get(t["font"], "?") for t in texts
                        if abs(t["x"] - v["x0"]) < 0.6 and v["y0"] - 1 < t["y"] < v["y1"]]
                if not face or "Liberation" not in face[0]:
                    fail(msgs, "page %d: tick '%s' is not in the Latin face (%s)" % (pno, v["text"], face))

        # 3. Bar and line plots: the black 0.6 pt horizontal axis, centred in the column.
        column = column_of(lines, height)
        axes = [l for l in lines if abs(l["width"] - 0.6) < 0.01 and l["color"] == ("gray", [0.0])
                and abs(l["p"][0][1] - l["p"][1][1]) < 0.01 and abs(l["p"][0][0] - l["p"][1][0]) > 50]
        for l in axes:
            x0, x1 = sorted((l["p"][0][0], l["p"][1][0]))
            found["plots"] += 1
            if column and abs((x0 - column[0]) - (column[1] - x1)) > 1.0:
                fail(msgs, "page %d: plot %.1f-%.1f is not centred in the column %.1f-%.1f" %
                     (pno, x0, x1, column[0], column[1]))

        # 4. Pies: filled paths from a centre point along an arc.
        pies = {}
        for f in fills:
            pts = f["path"]
            if len(pts) < 4 or pts[0][0] == "re":
                continue
            cx, cy = pts[0]
            r = math.hypot(pts[1][0] - cx, pts[1][1] - cy)
            if any(abs(math.hypot(x - cx, y - cy) - r) > 0.05 for x, y in pts[1:]):
                continue
            sweep = 0
            for k in range(1, len(pts) - 1):
                a0 = math.atan2(pts[k][1] - cy, pts[k][0] - cx)
                a1 = math.atan2(pts[k + 1][1] - cy, pts[k + 1][0] - cx)
                d = (a0 - a1) % (2 * math.pi)
                sweep += d if d < math.pi else d - 2 * math.pi
            key = (round(cx, 1), round(cy, 1))
            pies.setdefault(key, {"r": r, "slices": []})["slices"].append(
                {"share": abs(sweep) / (2 * math.pi), "pts": pts, "color": f["color"]})
        pct_words = [w for w in words if PCT.search(w["text"])]
        owner = {}
        for w in pct_words:
            mx, my = (w["x0"] + w["x1"]) / 2, (w["y0"] + w["y1"]) / 2
            if pies:
                owner.setdefault(min(pies, key=lambda c: math.hypot(c[0] - mx, c[1] - my)), []).append(w)
        for c, pie in pies.items():
            found["pies"] += 1
            ws = owner.get(c, [])
            pcts = [float(PCT.search(w["text"]).group(1)) for w in ws]
            print("page %d: pie at (%.1f, %.1f) r %.1f: %s" % (pno, c[0], c[1], pie["r"], " ".join(w["text"] for w in ws)))
            if len(pcts) != len(pie["slices"]):
                fail(msgs, "page %d: pie with %d slices shows %d percentages" % (pno, len(pie["slices"]), len(pcts)))
            if abs(sum(pcts) - 100) > 0.05 * max(1, len(pcts)):
                fail(msgs, "page %d: the pie's percentages add up to %g" % (pno, sum(pcts)))
            for w in ws:
                nx = min(max(c[0], w["x0"]), w["x1"])
                ny = min(max(c[1], w["y0"]), w["y1"])
                if math.hypot(nx - c[0], ny - c[1]) < pie["r"] + 1:
                    fail(msgs, "page %d: label '%s' sits on its pie" % (pno, w["text"]))
            for s in pie["slices"]:
                if s["share"] >= 0.05:
                    continue
                # the arc's middle, and a stroked path leaving the circle there
                mid = s["pts"][1 + (len(s["pts"]) - 1) // 2]
                leader = None
                for st in strokes:
                    p = st["path"]
                    if len(p) >= 2 and p[0][0] != "re" and math.hypot(p[0][0] - mid[0], p[0][1] - mid[1]) < pie["r"] * 0.2:
                        leader = p
                if not leader:
                    fail(msgs, "page %d: a %.1f%% slice has no leader line" % (pno, s["share"] * 100))
                    continue
                ex, ey = leader[-1]
                near = [w for w in ws if w["x0"] - 4 < ex < w["x1"] + 4 and w["y0"] - 14 < ey < w["y1"] + 14]
                if not near:
                    fail(msgs, "page %d: the leader of a %.1f%% slice ends at no label" % (pno, s["share"] * 100))
        if pies and column:
            xs = sorted(c[0] for c in pies)
            ys = {}
            for c in pies:
                ys.setdefault(round(c[1]), []).append(c[0])
            for row in ys.values():
                mid = (min(row) + max(row)) / 2 if len(row) == 1 else (min(row) + max(row)) / 2
                if abs(mid - (column[0] + column[1]) / 2) > 1.0:
                    fail(msgs, "page %d: pies centred at x %.1f, the column's middle is %.1f" %
                         (pno, mid, (column[0] + column[1]) / 2))
            del xs

        # 6. Line plots: every value label sits by a marker of its own value (read off the
        #    value axis): within 1.5 label heights, not out among another series' points.
        markers = []
        for f in fills:
            pts = [q for q in f["path"] if q[0] != "re"] if f["path"] and f["path"][0][0] != "re" else []
            if f["path"] and f["path"][0][0] == "re":
                x, y, wd, ht = f["path"][0][1]
                pts = [(x, y), (x + wd, y + ht)]
            if not pts:
                continue
            xs_, ys_ = [q[0] for q in pts], [q[1] for q in pts]
            if max(xs_) - min(xs_) <= 7 and max(ys_) - min(ys_) <= 7:
                markers.append(((max(xs_) + min(xs_)) / 2, (max(ys_) + min(ys_)) / 2))
        for x1, ys, values in scales:
            lo_y, hi_y = min(ys), max(ys)
            per = (values[-1] - values[0]) / (ys[-1] - ys[0])  # value per point, y up
            inside = [m for m in markers if m[0] > x1 + 5 and lo_y - 3 <= m[1] <= hi_y + 3]
            series = [st for st in strokes if abs(st["width"] - 1.2) < 0.01 and len(st["path"]) >= 2
                      and st["path"][0][0] != "re" and all(x1 < q[0] and lo_y - 3 <= q[1] <= hi_y + 3 for q in st["path"])]
            if len(inside) < 2 or not series:
                continue  # a bar plot
            for w in nums:
                if id(w) in used or not (w["x0"] > x1 + 5 and lo_y - 12 <= w["y0"] <= hi_y + 12):
                    continue
                v = float(w["text"])
                own = [m for m in inside if abs(values[0] + (m[1] - ys[0]) * per - v) <= abs(per) * 1.5 + 1e-9]
                if not own:
                    continue
                h = w["y1"] - w["y0"]

                def dist(m):
                    return math.hypot(max(w["x0"] - m[0], 0, m[0] - w["x1"]), max(w["y0"] - m[1], 0, m[1] - w["y1"]))
                gap = min(dist(m) for m in own)
                other = min((dist(m) for m in inside if m not in own), default=math.inf)
                if gap > 1.5 * h and other < gap - h / 2:
                    fail(msgs, "page %d: value label '%s' is %.1f pt from its point, %.1f pt from another" %
                         (pno, w["text"], gap, other))

        # 5. Fill colours of bars and slices tell apart in greyscale.
        colors = set()
        for f in fills:
            if f["color"] and f["path"] and (f["path"][0][0] == "re" or len(f["path"]) >= 4):
                colors.add((f["color"][0], tuple(f["color"][1])))
        light = sorted((lightness((s, list(v))), (s, v)) for s, v in colors)
        for k in range(len(light) - 1):
            if light[k + 1][0] - light[k][0] < min_contrast:
                fail(msgs, "page %d: fills %s and %s differ by %.3f in lightness" %
                     (pno, light[k][1], light[k + 1][1], light[k + 1][0] - light[k][0]))

    print("found: %s" % ", ".join("%d %s" % (v, k) for k, v in found.items()))
    for k, v in want.items():
        if found[k] != v:
            fail(msgs, "expected %d %s, found %d" % (v, k, found[k]))
    print("%d problems" % len(msgs))
    return 1 if msgs else 0


if __name__ == "__main__":
    sys.exit(main())
