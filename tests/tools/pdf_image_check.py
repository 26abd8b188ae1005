#!/usr/bin/env python3
"""pdf_image_check.py: reads the images of a PDF back (pdfimages, pdftoppm) and checks them.

  pixels FILE.pdf IMAGE.png...   every PNG given is in the PDF with exactly its colour
                                 pixels (decoded here: 1 to 16 bits, interlaced or not,
                                 palette expanded, alpha left out since the PDF keeps it
                                 apart as a soft mask; 16-bit samples scaled to 8)
  list FILE.pdf SPEC...          the PDF's images in drawing order are exactly these,
                                 SPEC = WIDTHxHEIGHT:COLOR:BPC:ENC[+smask], as pdfimages
                                 -list says them (e.g. 60x40:rgb:8:image+smask)
  colours FILE.pdf TL TR BL BR   rendered, the PDF shows one picture whose four quarters
                                 have these colours (red, green, blue, yellow, cyan,
                                 magenta), and it is wider than tall unless --tall
  upright FILE.pdf SHAPE...      the images as placed, in order, have these shapes
                                 (landscape, portrait, square) and show their sky at
                                 the top (the photos of tests/fixtures/reports/qinghe)
Exits 1 on any difference."""
import hashlib
import os
import struct
import subprocess
import sys
import tempfile
import zlib

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def unfilter(raw, pos, w, h, bpp, stride):
    prev = bytearray(stride)
    rows = []
    for _ in range(h):
        ftype, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return rows, pos


def png_pixels(path):
    """sha256 of the colour samples (8 bits, RGB for palettes) of a PNG, row by row."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    i, idat, palette = 8, b"", None
    while i < len(data):
        n = struct.unpack(">I", data[i:i + 4])[0]
        kind, body = data[i + 4:i + 8], data[i + 8:i + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body[:13])
        elif kind == b"IDAT":
            idat += body
        elif kind == b"PLTE":
            palette = body
        i += 12 + n
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    size = max(1, depth // 8)
    bpp = channels * size
    raw = zlib.decompress(idat)
    grid = [[None] * w for _ in range(h)]
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    pos = 0
    for x0, y0, dx, dy in passes:
        xs, ys = range(x0, w, dx), range(y0, h, dy)
        if not xs or not ys:
            continue
        stride = len(xs) * bpp if depth >= 8 else (len(xs) * depth + 7) // 8
        rows, pos = unfilter(raw, pos, len(xs), len(ys), bpp, stride)
        for row, y in zip(rows, ys):
            if depth < 8:  # one sample per pixel: unpacked, grey scaled to 8 bits
                for k, x in enumerate(xs):
                    v = row[k * depth // 8] >> (8 - depth - k * depth % 8) & ((1 << depth) - 1)
                    grid[y][x] = [v if ctype == 3 else v * 255 // ((1 << depth) - 1)]
                continue
            for k, x in enumerate(xs):
                px = row[k * bpp:(k + 1) * bpp]
                grid[y][x] = [px[j] if size == 1 else round((px[j] << 8 | px[j + 1]) / 257)
                              for j in range(0, bpp, size)]
    out = bytearray()
    for row in grid:
        for px in row:
            if ctype == 3:
                out += palette[3 * px[0]:3 * px[0] + 3]
            else:
                out += bytes(px[:channels - (1 if ctype in (4, 6) else 0)])
    return hashlib.sha256(bytes(out)).hexdigest()


def cmd_pixels(pdf, images):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdfimages", "-png", pdf, os.path.join(tmp, "img")], check=True)
        inside = {png_pixels(os.path.join(tmp, f)) for f in os.listdir(tmp) if f.endswith(".png")}
    missing = [p for p in images if png_pixels(p) not in inside]
    for p in missing:
        print(f"FAIL: {p}: its pixels are not in {pdf}")
    print(f"{pdf}: {len(images) - len(missing)} of {len(images)} images embedded exactly")
    return 1 if missing else 0


def cmd_list(pdf, specs):
    out = subprocess.run(["pdfimages", "-list", pdf], check=True, capture_output=True, text=True).stdout
    got = []
    for line in out.splitlines()[2:]:
        f = line.split()
        if f[2] == "smask" and got:
            got[-1] += "+smask"
        else:
            got.append(f"{f[3]}x{f[4]}:{f[5]}:{f[7]}:{f[8]}")
    bad = 0
    for k in range(max(len(got), len(specs))):
        g = got[k] if k < len(got) else "(none)"
        s = specs[k] if k < len(specs) else "(none)"
        if g != s:
            print(f"FAIL: {pdf}: image {k + 1} is {g}, expected {s}")
            bad = 1
    print(f"{pdf}: {len(got)} images listed, {len(specs)} expected")
    return bad


NAMED = {"red": (255, 0, 0), "green": (0, 255, 0), "blue": (0, 0, 255), "yellow": (255, 255, 0),
         "cyan": (0, 255, 255), "magenta": (255, 0, 255), "white": (255, 255, 255), "black": (0, 0, 0),
         "grey": (128, 128, 128)}


def nearest(px):
    return min(NAMED, key=lambda n: sum((a - b) ** 2 for a, b in zip(px, NAMED[n])))


def read_ppm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    assert fields[0] == b"P6", path
    w, h = int(fields[1]), int(fields[2])
    pix = data[pos + 1:]
    return w, h, lambda x, y: tuple(pix[3 * (y * w + x):3 * (y * w + x) + 3])


def cmd_colours(pdf, want, tall):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "40", pdf, os.path.join(tmp, "p")], check=True)
        for name in sorted(os.listdir(tmp)):
            w, h, at = read_ppm(os.path.join(tmp, name))
            xs, ys = [], []
            for y in range(h):
                for x in range(w):
                    px = at(x, y)
                    if px != (255, 255, 255) and nearest(px) in want:
                        xs.append(x)
                        ys.append(y)
            if len(xs) < 100:
                continue
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            qx, qy = (x1 - x0) / 4, (y1 - y0) / 4
            seen = [nearest(at(round(x0 + qx * i), round(y0 + qy * j))) for j in (1, 3) for i in (1, 3)]
            wide = (x1 - x0) > (y1 - y0)
            ok = seen == list(want) and wide != tall
            print(f"{pdf}: picture {x1 - x0 + 1}x{y1 - y0 + 1} px on {name}, quarters {' '.join(seen)}"
                  + ("" if ok else f"; expected {' '.join(want)}, {'taller' if tall else 'wider'}"))
            return 0 if ok else 1
    print(f"FAIL: {pdf}: no picture in {' '.join(want)} found")
    return 1


def cmd_upright(pdf, shapes):
    """The images as placed on the pages, in order, have these shapes (landscape, portrait,
    square: width over height above 1.2, below 0.83, between 0.95 and 1.05), and each shows
    a blue sky in its top tenth and brown ground in its bottom tenth (the pictures of
    tests/fixtures/reports/qinghe/make.py): a photo turned or mirrored the wrong way has
    its sky at a side or at the foot."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pdfpages
    placed = [(pg.number, m) for pg in pdfpages.load(pdf) for m in pg.marks if m.kind == "image"]
    status = 0
    if len(placed) != len(shapes):
        print(f"FAIL: {pdf}: {len(placed)} images placed, expected {len(shapes)}")
        return 1
    dpi = 36
    with tempfile.TemporaryDirectory() as tmp:
        for (number, m), shape in zip(placed, shapes):
            base = os.path.join(tmp, f"p{number}")
            subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(number), "-l", str(number), "-singlefile",
                            pdf, base], check=True)
            w, h, at = read_ppm(base + ".ppm")
            k = dpi / 72
            ratio = (m.x1 - m.x0) / (m.y1 - m.y0)
            got = "landscape" if ratio > 1.2 else "portrait" if ratio < 0.83 else \
                "square" if 0.95 < ratio < 1.05 else f"{ratio:.2f}"
            cx = round((m.x0 + m.x1) / 2 * k)
            top = at(cx, round(h - (m.y1 - (m.y1 - m.y0) * 0.05) * k))
            foot = at(cx, round(h - (m.y0 + (m.y1 - m.y0) * 0.05) * k))
            sky = top[2] > top[0] + 60
            ground = foot[0] > foot[2] + 40
            ok = got == shape and sky and ground
            print(f"page {number}: image {m.x1 - m.x0:.0f}x{m.y1 - m.y0:.0f} pt {got}, top {top}, foot {foot}"
                  + ("" if ok else f"; FAIL: expected {shape} with the sky at the top"))
            status |= 0 if ok else 1
    return status


def main():
    cmd, pdf, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    if cmd == "upright":
        return cmd_upright(pdf, rest)
    if cmd == "pixels":
        return cmd_pixels(pdf, rest)
    if cmd == "list":
        return cmd_list(pdf, rest)
    if cmd == "colours":
        tall = "--tall" in rest
        return cmd_colours(pdf, [c for c in rest if c != "--tall"], tall)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
