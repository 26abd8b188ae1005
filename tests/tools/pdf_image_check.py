#!/usr/bin/env python3
"""pdf_image_check.py FILE.pdf IMAGE.png...: every PNG given is in the PDF with exactly
its pixels (images are embedded losslessly, whether copied or re-encoded). Extracts the
PDF's images with pdfimages and compares decoded pixels. Exits 1 on any difference."""
import hashlib
import os
import struct
import subprocess
import sys
import tempfile
import zlib


def png_pixels(path):
    """Decoded rows of an 8-bit, non-interlaced PNG (gray, RGB, palette or with alpha)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    i, idat, palette = 8, b"", None
    while i < len(data):
        n = struct.unpack(">I", data[i:i + 4])[0]
        kind, body = data[i + 4:i + 8], data[i + 8:i + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        elif kind == b"PLTE":
            palette = body
        i += 12 + n
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = w * channels
    prev = bytearray(stride)
    rows = []
    pos = 0
    for _ in range(h):
        ftype, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
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
    pixels = b"".join(rows)
    if ctype == 3:
        pixels = b"".join(palette[3 * v:3 * v + 3] for v in pixels)
    elif ctype in (4, 6):  # drop alpha: the PDF keeps it apart, as a soft mask
        pixels = b"".join(pixels[k:k + channels - 1] for k in range(0, len(pixels), channels))
    return hashlib.sha256(pixels).hexdigest()


def main():
    pdf, images = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdfimages", "-png", pdf, os.path.join(tmp, "img")], check=True)
        inside = {png_pixels(os.path.join(tmp, f)) for f in os.listdir(tmp) if f.endswith(".png")}
    missing = [p for p in images if png_pixels(p) not in inside]
    for p in missing:
        print(f"FAIL: {p}: its pixels are not in {pdf}")
    print(f"{pdf}: {len(images) - len(missing)} of {len(images)} images embedded exactly")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
