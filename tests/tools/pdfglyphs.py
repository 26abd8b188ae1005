"""pdfglyphs.py: reads the glyphs a PDF shows back from its content streams, one record per
glyph with its origin, advance, size, font and text, for checkers that measure where text
sits (pdf_grid_check.py). Uses pikepdf (Debian's python3-pikepdf); understands what any
writer may use for horizontal text: q/Q/cm, BT/ET, Tf, Tm, Td/TD/T*, TL, Tc, Tw, Tz, Ts,
TJ, Tj, ' and " with 2-byte Identity-H (CID) fonts and simple fonts, widths from /W and
/DW (or /Widths), text from the /ToUnicode CMap.

glyphs(pdf_path) -> list of pages (physical order), each a dict
  {"number": n, "media": (x0, y0, x1, y1), "glyphs": [Glyph], "rects": [(x0, y0, x1, y1)]}
  (rects: every `re` path, filled or stroked, in page space)
Glyph: x, y (origin, page space), adv (advance in page space), size (effective font size),
  font (BaseFont name without the subset tag), text (Unicode, "" when unmapped), cid.
"""
import re

import pikepdf


class Glyph:
    __slots__ = ("x", "y", "adv", "size", "font", "text", "cid")

    def __init__(self, x, y, adv, size, font, text, cid):
        self.x, self.y, self.adv, self.size, self.font, self.text, self.cid = x, y, adv, size, font, text, cid

    def __repr__(self):
        return f"{self.text!r}@({self.x:.2f},{self.y:.2f})"


def _mul(a, b):
    """Matrix product a×b of [a b c d e f] matrices (PDF row-vector convention)."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _hex_units(s):
    return int(s, 16)


def _utf16(h):
    b = bytes.fromhex(h)
    try:
        return b.decode("utf-16-be")
    except UnicodeDecodeError:
        return ""


def _tounicode(stream):
    """CID -> text from a ToUnicode CMap (bfchar and bfrange, single or array targets)."""
    m = {}
    if stream is None:
        return m
    data = stream.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            m[_hex_units(src)] = _utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            lo, hi = _hex_units(lo), _hex_units(hi)
            if rest.startswith("["):
                for k, dst in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    m[lo + k] = _utf16(dst)
            else:
                base = bytes.fromhex(rest[1:-1])
                for k in range(hi - lo + 1):
                    v = int.from_bytes(base, "big") + k
                    try:
                        m[lo + k] = v.to_bytes(len(base), "big").decode("utf-16-be")
                    except UnicodeDecodeError:
                        m[lo + k] = ""
    return m


class _Font:
    def __init__(self, obj):
        self.name = re.sub(r"^[A-Z]{6}\+", "", str(obj.get("/BaseFont", "/?"))[1:])
        self.two_byte = obj.get("/Subtype") == "/Type0"
        self.widths = {}
        self.dw = 1000.0
        if self.two_byte:
            d = obj.DescendantFonts[0]
            self.dw = float(d.get("/DW", 1000))
            w = d.get("/W", [])
            i = 0
            while i < len(w):
                first = int(w[i])
                if isinstance(w[i + 1], pikepdf.Array):
                    for k, v in enumerate(w[i + 1]):
                        self.widths[first + k] = float(v)
                    i += 2
                else:
                    last, v = int(w[i + 1]), float(w[i + 2])
                    for c in range(first, last + 1):
                        self.widths[c] = v
                    i += 3
        else:
            fc = int(obj.get("/FirstChar", 0))
            for k, v in enumerate(obj.get("/Widths", [])):
                self.widths[fc + k] = float(v)
            self.dw = 0.0
        self.uni = _tounicode(obj.get("/ToUnicode"))

    def codes(self, raw):
        if self.two_byte:
            return [raw[i] << 8 | raw[i + 1] for i in range(0, len(raw) - 1, 2)]
        return list(raw)

    def width(self, cid):
        return self.widths.get(cid, self.dw)


def _page_glyphs(pdf, page):
    fonts = {}
    res = page.obj.get("/Resources", pikepdf.Dictionary())
    fres = res.get("/Font", pikepdf.Dictionary())
    out = []
    rects = []
    ctm = [1, 0, 0, 1, 0, 0]
    stack = []
    tm = tlm = [1, 0, 0, 1, 0, 0]
    font, size, tc, tw, tz, tl, ts = None, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0

    def show(s):
        nonlocal tm
        for cid in font.codes(bytes(s)):
            trm = _mul([size * tz, 0, 0, size, 0, ts], _mul(tm, ctm))
            w0 = font.width(cid) / 1000.0
            tx = (w0 * size + tc + (tw if (not font.two_byte and cid == 32) else 0)) * tz
            # advance in page space: tx along the text matrix's x axis
            end = _mul([1, 0, 0, 1, tx, 0], _mul(tm, ctm))
            adv = ((end[4] - trm[4]) ** 2 + (end[5] - trm[5]) ** 2) ** 0.5
            eff = size * (abs(trm[3]) / size if size else 1)
            out.append(Glyph(trm[4], trm[5], adv, eff, font.name, font.uni.get(cid, ""), cid))
            tm = _mul([1, 0, 0, 1, tx, 0], tm)

    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "re":
            x, y, w, h = (float(v) for v in operands)
            a = _mul([1, 0, 0, 1, x, y], ctm)
            b = _mul([1, 0, 0, 1, x + w, y + h], ctm)
            rects.append((min(a[4], b[4]), min(a[5], b[5]), max(a[4], b[4]), max(a[5], b[5])))
        elif op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else [1, 0, 0, 1, 0, 0]
        elif op == "cm":
            ctm = _mul([float(v) for v in operands], ctm)
        elif op == "BT":
            tm = tlm = [1, 0, 0, 1, 0, 0]
        elif op == "Tf":
            key = str(operands[0])
            if key not in fonts:
                fonts[key] = _Font(fres[key])
            font, size = fonts[key], float(operands[1])
        elif op == "Tm":
            tm = tlm = [float(v) for v in operands]
        elif op in ("Td", "TD"):
            tx, ty = float(operands[0]), float(operands[1])
            if op == "TD":
                tl = -ty
            tm = tlm = _mul([1, 0, 0, 1, tx, ty], tlm)
        elif op == "T*":
            tm = tlm = _mul([1, 0, 0, 1, 0, -tl], tlm)
        elif op == "TL":
            tl = float(operands[0])
        elif op == "Tc":
            tc = float(operands[0])
        elif op == "Tw":
            tw = float(operands[0])
        elif op == "Tz":
            tz = float(operands[0]) / 100
        elif op == "Ts":
            ts = float(operands[0])
        elif op == "Tj":
            show(operands[0])
        elif op == "'":
            tm = tlm = _mul([1, 0, 0, 1, 0, -tl], tlm)
            show(operands[0])
        elif op == '"':
            tw, tc = float(operands[0]), float(operands[1])
            tm = tlm = _mul([1, 0, 0, 1, 0, -tl], tlm)
            show(operands[2])
        elif op == "TJ":
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    show(item)
                else:
                    tm = _mul([1, 0, 0, 1, -float(item) / 1000.0 * size * tz, 0], tm)
    return out, rects


def glyphs(path):
    pages = []
    with pikepdf.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            mb = [float(v) for v in page.obj.get("/MediaBox", [0, 0, 595.276, 841.89])]
            gl, rects = _page_glyphs(pdf, page)
            pages.append({"number": n, "media": tuple(mb), "glyphs": gl, "rects": rects})
    return pages
