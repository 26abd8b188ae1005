#!/usr/bin/env python3
"""Write the stand-in photos for the 2023 report: data/2023/images/fig-02.png ... fig-15.png.

The published report has photos at figures 2-15; we do not have them, so each is replaced by a
plain 1500x1000 RGB picture: a soft gradient in its own hue, a few simple shapes, a diagonal
cross (so nobody takes it for a real photo) and the figure number in seven-segment digits.

Python 3 standard library only (PNG written with zlib + struct). The output is deterministic:
running the script again gives byte-identical files.

Usage: python3 scripts/make-standin-images.py [OUTPUT_DIR]   (default: data/2023/images)
"""
import colorsys
import math
import os
import struct
import sys
import zlib

W, H = 1500, 1000
FIGURES = range(2, 16)  # figure 1 is a chart, drawn by the typesetter


def rgb(h, l, s):
    r, g, b = colorsys.hls_to_rgb(h % 1.0, l, s)
    return bytes((round(r * 255), round(g * 255), round(b * 255)))


class Rng:
    """Tiny deterministic generator (LCG), so the pictures never depend on Python's random."""

    def __init__(self, seed):
        self.x = seed * 2654435761 % 2**32

    def next(self, lo, hi):
        self.x = (1103515245 * self.x + 12345) % 2**31
        return lo + self.x % (hi - lo + 1)


# seven-segment layout: segment -> (x, y, w, h) in a 6 x 11 unit cell
SEGMENTS = {
    'a': (1, 0, 4, 1), 'b': (5, 1, 1, 4), 'c': (5, 6, 1, 4), 'd': (1, 10, 4, 1),
    'e': (0, 6, 1, 4), 'f': (0, 1, 1, 4), 'g': (1, 5, 4, 1),
}
DIGITS = {
    '0': 'abcdef', '1': 'bc', '2': 'abged', '3': 'abgcd', '4': 'fgbc',
    '5': 'afgcd', '6': 'afgedc', '7': 'abc', '8': 'abcdefg', '9': 'abcdfg',
}


def shapes_for(n):
    """Return (background function, list of shapes); a shape is (kind, params, colour)."""
    hue = (n - 2) / len(FIGURES)
    top, bottom = rgb(hue, 0.90, 0.45), rgb(hue, 0.72, 0.40)

    def background(y):
        t = y / (H - 1)
        return bytes(round(a + (b - a) * t) for a, b in zip(top, bottom))

    rnd = Rng(n)
    shapes = []
    # a circle, a rectangle and a triangle, each in a neighbouring hue
    r = rnd.next(110, 190)
    shapes.append(('circle', (rnd.next(250, 650), rnd.next(250, 750), r), rgb(hue + 0.08, 0.60, 0.45)))
    x0, y0 = rnd.next(750, 1000), rnd.next(120, 420)
    shapes.append(('rect', (x0, y0, x0 + rnd.next(220, 380), y0 + rnd.next(160, 300)),
                   rgb(hue - 0.08, 0.55, 0.40)))
    cx, by = rnd.next(800, 1150), rnd.next(820, 900)
    half = rnd.next(140, 220)
    shapes.append(('tri', ((cx, by - 2 * half), (cx - half, by), (cx + half, by)),
                   rgb(hue + 0.5, 0.70, 0.35)))
    # diagonal cross and frame
    ink = rgb(hue, 0.35, 0.35)
    shapes.append(('diag', (1,), ink))
    shapes.append(('diag', (-1,), ink))
    shapes.append(('frame', (10,), ink))
    # figure number, top left, in a white box
    shapes.append(('rect', (40, 40, 40 + 2 * 6 * 14 + 3 * 14, 40 + 11 * 14 + 2 * 14), b'\xff\xff\xff'))
    for i, ch in enumerate('%02d' % n):
        ox, oy = 40 + 14 + i * 7 * 14, 40 + 14
        for seg in DIGITS[ch]:
            sx, sy, sw, sh = SEGMENTS[seg]
            shapes.append(('rect', (ox + sx * 14, oy + sy * 14, ox + (sx + sw) * 14, oy + (sy + sh) * 14), ink))
    return background, shapes


def spans(kind, p, y):
    """Horizontal pixel spans [x0, x1) that a shape covers on row y."""
    if kind == 'rect':
        x0, y0, x1, y1 = p
        return [(x0, x1)] if y0 <= y < y1 else []
    if kind == 'circle':
        cx, cy, r = p
        d = r * r - (y + 0.5 - cy) ** 2
        if d < 0:
            return []
        dx = math.sqrt(d)
        return [(round(cx - dx), round(cx + dx))]
    if kind == 'tri':
        (ax, ay), (bx, by), (cx, cy) = p
        if not ay <= y < by:
            return []
        t = (y - ay) / (by - ay)
        return [(round(ax + (bx - ax) * t), round(ax + (cx - ax) * t))]
    if kind == 'diag':
        x = y * (W - 1) / (H - 1)
        if p[0] < 0:
            x = W - 1 - x
        return [(round(x - 4), round(x + 5))]
    if kind == 'frame':
        b = p[0]
        if y < b or y >= H - b:
            return [(0, W)]
        return [(0, b), (W - b, W)]
    raise ValueError(kind)


def render(n):
    background, shapes = shapes_for(n)
    raw = bytearray()
    for y in range(H):
        row = bytearray(background(y) * W)
        for kind, p, colour in shapes:
            for x0, x1 in spans(kind, p, y):
                x0, x1 = max(0, x0), min(W, x1)
                if x1 > x0:
                    row[3 * x0:3 * x1] = colour * (x1 - x0)
        raw.append(0)           # filter type 0: rows are long runs of one colour, zlib packs them tightly
        raw += row
    return bytes(raw)


def chunk(tag, data):
    return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data) & 0xFFFFFFFF)


def png(raw):
    ihdr = struct.pack('>IIBBBBB', W, H, 8, 2, 0, 0, 0)   # 8-bit RGB, no interlace
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr)
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, 'data', '2023', 'images')
    os.makedirs(outdir, exist_ok=True)
    for n in FIGURES:
        path = os.path.join(outdir, 'fig-%02d.png' % n)
        data = png(render(n))
        with open(path, 'wb') as f:
            f.write(data)
        print('%s  %d bytes' % (path, len(data)))


if __name__ == '__main__':
    main()
