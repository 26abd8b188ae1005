#!/usr/bin/env python3
"""pdf_typo_check.py: reads a built report back (pdftotext -bbox-layout) and checks the
Chinese typography rules of GUIDE §6 on every page, as a reader would see them:

  - no line starts with a closing mark (、，。：；！？）》」』】” …) or ends with an
    opening one (（《「『【“ …);
  - no line runs outside the text block (a line-end mark set ½ em wide may show its
    blank past the edge, since PDF widths are the font's: that is allowed);
  - every body-size paragraph line that is followed by a continuation line (same size,
    same left edge, not indented) ends flush with the right edge of its column (body text
    and case boxes, whose padding is symmetric); odd pages are right-hand pages;
  - Han–Latin gaps are within 1/8–1/2 em, and none is missing;
  - no paragraph or title ends with a single character alone on its last line
    (typography.min_last_line, default 2).

On a grid layout (typography.grid) lines are not stretched: a non-final line must end
within a cell and a half of the right edge instead (a full line of cells, or one broken a
character early), a closing mark may hang whole after the last cell, and the Han–Latin
gaps are what the cells around a Latin run leave (pdf_grid_check.py checks the cells).

Usage: pdf_typo_check.py FILE.pdf LAYOUT.json [--case-pad PT]
Prints each violation and a summary; exits 1 if any.
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NO_START = set("、，。．：；！？）》〉」』】〕〗］｝”’·")
NO_END = set("（《〈「『【〔〖［｛“‘")
CLOSING = NO_START
# A line that starts with a heading number (一、 （一） 1. （1）) begins a new block.
HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+\.(?![0-9])|（[0-9]+）)")
# Words an em or more apart sit in columns (contents, tables), not in running text.
COLUMN_GAP = 0.95
OPENING = NO_END
CONTINUED_CASE = re.compile(r"^案例[0-9]+（续）")
CASE_TITLE = re.compile(r"^案例 ?[0-9]+")  # a case box's title, set ragged like a heading
MM = 72 / 25.4
SIZES = {"初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
         "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5}
PAPER = {"A4": (210, 297), "A5": (148, 210), "B5": (176, 250)}
# pdftotext's line box height over the font size, for Noto CJK faces.
BOX_OVER_SIZE = 1.437


def is_han(c):
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3FFFF


def is_latin(c):
    return c.isascii() and c.isalnum()


def size_of(v, default):
    if v is None:
        return default
    if isinstance(v, (int, float)):
        return float(v)
    return SIZES.get(v, default)


def geometry(layout_path):
    with open(layout_path, encoding="utf-8") as f:
        layout = json.load(f)
    page = layout.get("page", {})
    w, h = PAPER.get(page.get("size", "A4"), PAPER["A4"])
    m = page.get("margins", {})
    return {
        "width": w * MM, "height": h * MM,
        "top": m.get("top", 30) * MM, "bottom": m.get("bottom", 28) * MM,
        "inner": m.get("inner", 28) * MM, "outer": m.get("outer", 25) * MM,
        "body": size_of(layout.get("body", {}).get("size"), 10.5),
        "grid": layout.get("typography", {}).get("grid", {}).get("chars", 0),
    }


def read_pages(pdf):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, check=True).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml)
    root = ET.fromstring(xml)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        lines = []
        for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
            words = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "",
                      float(w.get("yMax")) - float(w.get("yMin")))
                     for w in line.findall("x:word", ns)]
            if not words:
                continue
            lines.append({
                "x0": float(line.get("xMin")), "x1": float(line.get("xMax")),
                "y0": float(line.get("yMin")), "y1": float(line.get("yMax")),
                "words": words, "text": "".join(w[2] for w in words),
            })
        pages.append(merge_overlaps(lines))
    return pages


def merge_overlaps(lines):
    """pdftotext starts a new line where glyph boxes overlap (a squeezed mark's box is
    still the font's full em) or where a wide gap opens (dot leaders are drawn, not
    text); pieces on the same baseline and of the same size are one line."""
    out = []
    for ln in sorted(lines, key=lambda l: (round(l["y0"], 1), l["x0"])):
        prev = out[-1] if out else None
        if prev and close(prev["y0"], ln["y0"], 0.1) and close(prev["y1"], ln["y1"], 0.1) \
                and ln["x0"] > prev["x0"]:
            prev["x1"] = max(prev["x1"], ln["x1"])
            prev["words"] += ln["words"]
            prev["text"] += ln["text"]
            continue
        out.append(ln)
    return out


def close(a, b, tol=0.6):
    return abs(a - b) <= tol


def check_page(num, lines, g, case_pad, out):
    top, bottom = g["top"], g["height"] - g["bottom"]
    body = [ln for ln in lines if ln["y0"] >= top - 2 and ln["y1"] <= bottom + 2]
    if not body:
        return
    # Odd pages are right-hand pages: the inner margin is on the left.
    recto = num % 2 == 1
    left = g["inner"] if recto else g["outer"]
    right = g["width"] - (g["outer"] if recto else g["inner"])
    for ln in body:
        size = (ln["y1"] - ln["y0"]) / BOX_OVER_SIZE
        text = ln["text"]
        where = f"page {num}: «{text[:24]}»"
        if len(text) >= 2 and text[0] in NO_START:
            out.append(f"{where}: line starts with {text[0]}")
        if len(text) >= 2 and text[-1] in NO_END:
            out.append(f"{where}: line ends with {text[-1]}")
        slack_right = 0.5 * size + 0.6 if text[-1] in CLOSING else 0.6
        if g["grid"] and text[-1] in CLOSING:
            slack_right = max(size, g["body"]) + 0.6  # on a grid a closing mark hangs whole in the margin
        slack_left = 0.5 * size + 0.6 if text[0] in OPENING else 0.6
        if ln["x1"] > right + slack_right or ln["x0"] < left - slack_left:
            out.append(f"{where}: runs outside the text block ({ln['x0']:.1f}–{ln['x1']:.1f} "
                       f"vs {left:.1f}–{right:.1f})")
        for i, ((a0, a1, at, ah), (b0, b1, bt, bh)) in enumerate(zip(ln["words"], ln["words"][1:] if not g["grid"] else [])):
            if not at or not bt or not close(ah, bh, 0.2):
                continue  # a superscript mark (footnote) sits close by design
            if i == 0 and at.isdigit():
                continue  # a note's or list item's number, set apart from its text
            pair = (is_han(at[-1]) and is_latin(bt[0])) or (is_latin(at[-1]) and is_han(bt[0]))
            gap = b0 - a1
            if pair and gap < COLUMN_GAP * size and not (size / 8 - 0.05 <= gap <= size / 2 + 0.05):
                out.append(f"{where}: Han–Latin gap {gap / size:.3f} em between {at[-1]} and {bt[0]}")
        for w in ln["words"] if not g["grid"] else []:  # on a grid the cells give the gap
            t = w[2]
            for a, b in zip(t, t[1:]):
                if (is_han(a) and is_latin(b)) or (is_latin(a) and is_han(b)):
                    out.append(f"{where}: no Han–Latin gap between {a} and {b}")
    # No paragraph or title ends with a single character on a line of its own (a body-size
    # line holding one character under a line of the same size: its paragraph's last).
    for prev, ln in zip(body, body[1:]):
        h = ln["y1"] - ln["y0"]
        if len(ln["text"]) == 1 and close(h, prev["y1"] - prev["y0"], 0.2) and \
                close(h / BOX_OVER_SIZE, g["body"], 0.3) and 0 < ln["y0"] - prev["y0"] < 2.5 * h:
            out.append(f"page {num}: «{prev['text'][-12:]}» / «{ln['text']}»: a single character on the last line")
    # Flush right: a line followed by a continuation line of the same paragraph.
    for k, (ln, nx) in enumerate(zip(body, body[1:])):
        # the title a case box repeats above a continued piece (案例 N（续）…) is set ragged
        if CONTINUED_CASE.match(ln["text"]) or (k > 0 and CONTINUED_CASE.match(body[k - 1]["text"])):
            continue
        if CASE_TITLE.match(ln["text"]):
            continue
        h = ln["y1"] - ln["y0"]
        if not close(h, nx["y1"] - nx["y0"], 0.2):
            continue
        size = h / BOX_OVER_SIZE
        if not close(size, g["body"], 0.3):
            continue  # footnotes, tables and captions in smaller sizes are set ragged or centred
        if HEADING.match(nx["text"]):
            continue
        pitch = nx["y0"] - ln["y0"]
        if not (size * 1.1 < pitch < size * 2.5):
            continue
        for col_left in (left, left + case_pad):
            col_right = right - (col_left - left)
            if not close(nx["x0"], col_left):
                continue
            if not (close(ln["x0"], col_left) or close(ln["x0"], col_left + 2 * size)):
                continue
            end = col_right + (0.5 * size if ln["text"][-1] in CLOSING else 0)
            if g["grid"] and ln["text"][-1] in CLOSING and ln["x1"] > col_right + 0.5 * size:
                end = col_right + size  # a mark hanging after the last cell
            if g["grid"]:
                # A line may end short by a pushed-down character (1 cell) or Latin padding
                # (½ cell); a case box holds whole cells only, so up to one more.
                cell = (right - left) / g["grid"]
                short = cell * 1.5 if col_left == left else cell * 2.5
                first = nx["text"].lstrip("".join(OPENING))
                if first and is_latin(first[0]):  # a Latin word (or “1+X”) pushed down whole
                    short += nx["words"][0][1] - nx["words"][0][0]
                flush = end - short - 0.6 <= ln["x1"] <= end + 0.6
            else:
                flush = close(ln["x1"], end, 0.6)
            if not flush:
                out.append(f"page {num}: «{ln['text'][:24]}»: not flush, ends {col_right - ln['x1']:.2f} pt "
                           f"short of the edge")
            break


def main():
    args = sys.argv[1:]
    case_pad = 8.0
    if "--case-pad" in args:
        i = args.index("--case-pad")
        case_pad = float(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    pdf, layout = args
    g = geometry(layout)
    violations = []
    pages = read_pages(pdf)
    for num, lines in enumerate(pages, 1):
        check_page(num, lines, g, case_pad, violations)
    for v in violations:
        print(v)
    print(f"{pdf}: {len(pages)} pages, {len(violations)} typography violations")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
