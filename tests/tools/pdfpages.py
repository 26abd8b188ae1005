"""pdfpages.py: reads a PDF back as pages of marks, for the checkers of page geometry
(pdf_sides_check.py, pdf_fill_check.py). Uses `qpdf --json` (objects and decoded content
streams) and `pdftotext -bbox-layout` (the words and their boxes); no Python packages.

load(pdf) -> list of Page, in physical order (page.number from 1), each with
  trim      (x0, y0, x1, y1) the TrimBox (MediaBox when there is none), PDF coordinates
  label     the page label as printed by a viewer ("" when unlabelled), e.g. "iii", "12"
  outlines  [(title, level, y)] the bookmarks whose destination is on this page
  marks     [Mark] what the content stream paints: kind "text" (one TJ/Tj run: x, y
            baseline, size), "line" (a stroked segment), "rect" (filled or stroked),
            "image", "path"; each with a box (x0, y0, x1, y1) in PDF coordinates
  words     [(x0, y0, x1, y1, text)] from pdftotext, converted to PDF coordinates
"""
import base64
import hashlib
import json
import os
import pickle
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET


class Mark:
    def __init__(self, kind, x0, y0, x1, y1, **kw):
        self.kind = kind
        self.x0, self.y0, self.x1, self.y1 = min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
        self.__dict__.update(kw)

    def __repr__(self):
        return f"{self.kind}({self.x0:.1f},{self.y0:.1f},{self.x1:.1f},{self.y1:.1f})"


class Page:
    def __init__(self, number):
        self.number = number
        self.trim = (0, 0, 0, 0)
        self.label = ""
        self.outlines = []
        self.marks = []
        self.words = []


TOKEN = re.compile(rb"""\s*(?:
    (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<str>\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\))
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<open>\[) | (?P<close>\])
  | (?P<dict><<) | (?P<enddict>>>)
  | (?P<op>[A-Za-z'"*]+)
)""", re.X | re.S)


def S_tokens(data):
    # finditer's search from the end of each token skips what no token matches, one
    # byte at a time, as a match tried at every position would.
    for m in TOKEN.finditer(data):
        kind = m.lastgroup
        yield kind, m.group(kind)


def S_mul(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def S_apply(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def S_paint(data):
    """The marks of one content stream (text runs, lines, rectangles, images, paths)."""
    marks = []
    ctm = [1, 0, 0, 1, 0, 0]
    stack = []
    args = []
    path = []          # list of subpaths, each a list of points (user space, through ctm)
    rects = []
    tm = [1, 0, 0, 1, 0, 0]
    size = 0
    depth = 0          # inside an array
    for kind, tok in S_tokens(data):
        if kind == "open":
            depth += 1
            continue
        if kind == "close":
            depth -= 1
            continue
        if kind != "op":
            if depth == 0:
                args.append(float(tok) if kind == "num" else tok)
            continue
        op = tok.decode("latin-1")
        nums = [a for a in args if isinstance(a, float)]
        if op == "q":
            stack.append(ctm[:])
        elif op == "Q":
            ctm = stack.pop() if stack else [1, 0, 0, 1, 0, 0]
        elif op == "cm" and len(nums) >= 6:
            ctm = S_mul(nums[-6:], ctm)
        elif op == "BT":
            tm = [1, 0, 0, 1, 0, 0]
        elif op == "Tf" and nums:
            size = nums[-1]
        elif op == "Tm" and len(nums) >= 6:
            tm = nums[-6:]
        elif op == "Td" and len(nums) >= 2:
            tm = S_mul([1, 0, 0, 1, nums[-2], nums[-1]], tm)
        elif op in ("TJ", "Tj", "'", '"'):
            m = S_mul(tm, ctm)
            x, y = m[4], m[5]
            s = size * abs(m[3] or 1)
            marks.append(Mark("text", x, y - 0.12 * s, x + s, y + 0.88 * s, x=x, y=y, size=s))
        elif op == "m" and len(nums) >= 2:
            path.append([S_apply(ctm, nums[-2], nums[-1])])
        elif op in ("l",) and len(nums) >= 2 and path:
            path[-1].append(S_apply(ctm, nums[-2], nums[-1]))
        elif op == "c" and len(nums) >= 6 and path:
            path[-1].append(S_apply(ctm, nums[-2], nums[-1]))
        elif op == "re" and len(nums) >= 4:
            x, y, w, h = nums[-4:]
            pts = [S_apply(ctm, x, y), S_apply(ctm, x + w, y + h)]
            rects.append(pts)
        elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
            if op != "n":
                for pts in rects:
                    (x0, y0), (x1, y1) = pts
                    marks.append(Mark("rect", x0, y0, x1, y1, fill=op not in ("S", "s")))
                for sub in path:
                    xs = [p[0] for p in sub]
                    ys = [p[1] for p in sub]
                    kind_ = "line" if len(sub) == 2 and op in ("S", "s") else "path"
                    marks.append(Mark(kind_, min(xs), min(ys), max(xs), max(ys)))
            path, rects = [], []
        elif op == "Do":
            (x0, y0), (x1, y1) = S_apply(ctm, 0, 0), S_apply(ctm, 1, 1)
            marks.append(Mark("image", x0, y0, x1, y1))
        args = []
    return marks


def S_label(d):
    style = d.get("/S")
    n = d.get("/St", 1)
    prefix = d.get("/P", "")
    if isinstance(prefix, str) and prefix.startswith("u:"):
        prefix = prefix[2:]
    if not style:
        return prefix
    if style == "/D":
        return prefix + str(n)
    if style in ("/r", "/R"):
        vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for v, s in vals:
            while n >= v:
                out += s
                n -= v
        return prefix + (out if style == "/r" else out.upper())
    return prefix + str(n)


def S_text(v):
    return v[2:] if isinstance(v, str) and v.startswith("u:") else v


def load(pdf):
    """The pages of pdf, read once per file content: the result is kept beside the file
    (FILE.pdf.pdfpages, keyed by the SHA-256 of the file and of this reader), so a second
    checker reading the same PDF (fill.sh runs two on each) does not read it again."""
    with open(pdf, "rb") as f:
        key = hashlib.sha256(f.read())
    with open(__file__, "rb") as f:
        key.update(f.read())
    key = key.hexdigest()
    kept = pdf + ".pdfpages"
    try:
        with open(kept, "rb") as f:
            if f.read(64).decode("ascii") == key:
                return pickle.load(f)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError):
        pass
    pages = S_load(pdf)
    try:
        with tempfile.NamedTemporaryFile("wb", dir=os.path.dirname(os.path.abspath(pdf)), delete=False) as f:
            f.write(key.encode("ascii"))
            pickle.dump(pages, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, kept)
    except OSError:
        pass
    return pages


def S_load(pdf):
    # The structure without stream data (fonts and images are large), then the decoded
    # content streams alone.
    raw = subprocess.run(["qpdf", "--json", "--json-key=qpdf", "--json-key=pages",
                          "--json-stream-data=none", pdf], check=True, capture_output=True).stdout
    doc = json.loads(raw)
    objs = doc["qpdf"][1]
    refs = [c for pj in doc["pages"] for c in pj["contents"]]
    for k in range(0, len(refs), 200):
        cmd = ["qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized"]
        cmd += ["--json-object=" + r.replace(" 0 R", ",0").replace(" ", ",") for r in refs[k:k + 200]]
        got = json.loads(subprocess.run(cmd + [pdf], check=True, capture_output=True).stdout)
        objs.update(got["qpdf"][1])

    def obj(ref):
        return objs.get("obj:" + ref, {})

    def value(ref):
        return obj(ref).get("value", {})

    pages = []
    page_of = {}
    for k, pj in enumerate(doc["pages"], 1):
        pg = Page(k)
        page_of[pj["object"]] = pg
        pd = value(pj["object"])
        box = pd.get("/TrimBox") or pd.get("/MediaBox") or [0, 0, 0, 0]
        pg.trim = tuple(float(v) for v in box)
        pg.label = S_label(pj.get("label") or {})
        data = b""
        for c in pj["contents"]:
            st = obj(c).get("stream", {})
            data += base64.b64decode(st.get("data", "")) + b"\n"
        pg.marks = S_paint(data)
        pages.append(pg)

    # Bookmarks with their levels: walk the outline tree.
    cat = value(objs and next(k[4:] for k, v in objs.items()
                              if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/Catalog"))
    def walk(ref, level):
        while ref:
            o = value(ref)
            dest = o.get("/Dest")
            if isinstance(dest, str) and dest.endswith(" R"):
                dest = value(dest)
            if isinstance(dest, list) and dest and dest[0] in page_of:
                y = dest[3] if len(dest) > 3 and isinstance(dest[3], (int, float)) else None
                page_of[dest[0]].outlines.append((S_text(o.get("/Title", "")), level, y))
            if o.get("/First"):
                walk(o["/First"], level + 1)
            ref = o.get("/Next")
    root = cat.get("/Outlines")
    if root:
        walk(value(root).get("/First"), 1)

    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, check=True).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml)
    tree = ET.fromstring(xml)
    ns = "{http://www.w3.org/1999/xhtml}"
    for k, page in enumerate(tree.iter(ns + "page")):
        if k >= len(pages):
            break
        h = float(page.get("height"))
        # pdftotext measures from the MediaBox's top-left corner
        for w in page.iter(ns + "word"):
            pages[k].words.append((float(w.get("xMin")), h - float(w.get("yMax")), float(w.get("xMax")),
                                   h - float(w.get("yMin")), w.text or ""))
    return pages
