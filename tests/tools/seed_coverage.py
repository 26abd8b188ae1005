#!/usr/bin/env python3
"""seed_coverage.py SEED.txt REPORT.json [FILE.pdf]: every sentence of a seed report
(tests/seeds/<year>.txt, the source text) is in the report's data and, when a PDF is
given, in the PDF's text — white space, markup and the tool's own numbers aside.

The seed's lines are joined into paragraphs (the 2022 seed is hard wrapped) and split
into sentences at 。！？；; headings, captions and notes stand alone; sentences shorter
than 6 characters, table rows, page numbers and the source's hand-made contents are
skipped, and in the PDF only punctuated sentences are looked for (table headings wrap
into cells). Where the data deliberately differs from the source
(data/<year>/CORRECTIONS.md), SEED.corrections (next to the seed) lists each as
"source<TAB>corrected" and the source is corrected before the check. In the data, a
reference [@id] stands for the number the source typed (表 3, 图 2, 案例 5, 2.1), and a
cell reference [@table:row:column] for the number the cell prints (its format and unit).
Prints the sentences missing and a summary; exits 1 if any."""
import json
import os
import re
import subprocess
import sys

WS = re.compile(r"\s+")
NUMBERED = r"(?:表|图|案例)\s*[0-9]+|第\s*[0-9.]+\s*节"


def squash(s):
    return WS.sub("", s)


def strip_markup(s):
    s = s.replace("**", "")
    s = re.sub(r"<sup>\s*[0-9]+\s*</sup>", "", s)
    s = re.sub(r"\\(.)", r"\1", s)
    return s


def split_notes(text):
    """Text without its ^[footnotes] (nested brackets allowed), and the notes' texts."""
    body, notes, i = [], [], 0
    while i < len(text):
        if text.startswith("^[", i):
            depth, j = 1, i + 2
            while j < len(text) and depth:
                if text[j] == "\\":
                    j += 1
                elif text[j] == "[":
                    depth += 1
                elif text[j] == "]":
                    depth -= 1
                j += 1
            inner, more = split_notes(text[i + 2:j - 1])
            notes.append(inner)
            notes += more
            i = j
        else:
            body.append(text[i])
            i += 1
    return "".join(body), notes


def number_text(x, fmt, unit):
    """A number as a table column prints it: the formats of docs/format.md (0, 0.00, a
    trailing %, #,##0 grouping, a quoted suffix), then the unit."""
    suffix = ""
    m = re.fullmatch(r'(.*?)"([^"]*)"', fmt or "0")
    if m:
        fmt, suffix = m.group(1), m.group(2)
    fmt = fmt or "0"
    if fmt.endswith("%"):
        x, fmt, suffix = x * 100, fmt[:-1], "%" + suffix
    decimals = len(fmt.split(".")[1]) if "." in fmt else 0
    text = f"{x:,.{decimals}f}" if "," in fmt else f"{x:.{decimals}f}"
    return text + suffix + (unit or "")


def cell_refs(report):
    """[@table:row:column] → the text the cell prints, for every table with an id."""
    tables = {}

    def walk(v):
        if isinstance(v, dict):
            if v.get("type") == "table" and "id" in v and isinstance(v.get("rows"), list):
                tables[v["id"]] = v
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(report)

    def resolve(m):
        t = tables.get(m.group(1))
        if t is None:
            return m.group(0)
        cols = t["columns"]
        col = next((i for i, c in enumerate(cols) if c.get("title") == m.group(3)), None)
        if col is None and m.group(3).isdigit():
            col = int(m.group(3))
        for row in t["rows"]:
            first = row[0]
            key = first if isinstance(first, str) else f"{first:g}" if isinstance(first, (int, float)) else None
            if key == m.group(2) and col is not None and isinstance(row[col], (int, float)):
                return number_text(row[col], cols[col].get("format"), cols[col].get("unit"))
        return m.group(0)
    return lambda text: re.sub(r"\[@([^\]\s:]+):([^\]:]+):([^\]:]+)\]", resolve, text)


def data_text(report):
    """All text of the report, markup removed, a cell reference as the number it prints,
    any other reference as §, footnotes at the end."""
    out, notes = [], []
    cells = cell_refs(report)

    def inline(v):
        if isinstance(v, str):
            v = re.sub(r"\[@[^\]\s]+\]", "§", cells(v))
            v, found = split_notes(v)
            notes.extend(strip_markup(n) for n in found)
            v = v.replace("^{", "").replace("_{", "").replace("}", "")
            out.append(strip_markup(v))
        elif isinstance(v, list):
            for x in v:
                if isinstance(x, str):
                    inline(x)
                elif isinstance(x, dict):
                    if "ref" in x:
                        out.append("§")
                    for k in ("text", "sup", "sub"):
                        if k in x:
                            inline(x[k])
                    if "footnote" in x:
                        saved = len(out)
                        inline(x["footnote"])
                        notes.append("".join(out[saved:]))
                        del out[saved:]

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in ("text", "title", "caption", "note", "label", "subtitle", "issuer"):
                    inline(x)
                elif k == "date" and isinstance(x, str):
                    y, m = x.split("-")[:2]
                    out.append(f"{y}年{int(m)}月")
                elif k in ("rows", "header", "items", "columns", "children", "body", "meta", "total"):
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                if isinstance(x, str):
                    inline(x)
                elif isinstance(x, (int, float)) and not isinstance(x, bool):
                    out.append(str(x))
                else:
                    walk(x)
    walk(report)
    return squash("".join(out) + "".join(notes))


HEADING_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)+\.?|[0-9]+\.|[0-9]+(?=\s)|[一二三四五六七八九十]+、)"


def sentences(seed):
    """Sentences of the seed. Lines are joined into paragraphs (the 2022 seed is hard
    wrapped) until a line ends a sentence; headings, captions and table rows stand apart."""
    pieces, para = [], ""

    def flush():
        nonlocal para
        for s in re.split(r"(?<=[。！？；])", squash(para)):
            if len(s) < 6 or s.startswith("-") or re.search(r"\.{3,}|…{2,}", s) \
                    or len(re.findall(r"[0-9]\.[0-9]+[^0-9.]", s)) >= 3:
                continue  # short, or the source's hand-made contents
            pieces.append(s)
        para = ""

    for raw in seed.split("\n"):
        if raw.strip().startswith("<sup>"):
            # a footnote of the page, between the two halves of a paragraph a page break cut
            held, para = para, strip_markup(raw.strip())
            flush()
            para = held
            continue
        line = strip_markup(raw).strip()
        if not line or line == "---" or re.fullmatch(r"[0-9]+", line):
            continue  # blank lines, note rules and page numbers are page debris
        markdown_heading = line.startswith("#")
        line = re.sub(r"^#+\s*", "", line)
        heading = markdown_heading or (len(line) <= 25 and re.match(HEADING_NUMBER + r"\s*[\u4e00-\u9fff]", line)
                                       and not re.search(r"[，。；]$", line))
        table_row = (re.fullmatch(r"\S+(?:[ \t]+\S+){2,}", line) or re.fullmatch(r"\S+(?:[ \t]+[0-9.,%:]+)+", line)) \
            and not re.search("[，。；]", line)
        if heading or table_row or re.match(r"(?:表|图)\s*[0-9]+\s*[：:]", line):
            flush()
            if heading and not re.search(r"\s[0-9]+$", line):  # an entry of the typed contents ends in a page
                para = re.sub("^" + HEADING_NUMBER + r"\s*", "", line)  # the tool numbers headings
            elif not table_row:
                para = re.sub(r"^((?:表|图)\s*[0-9]+)\s*[：:]\s*", r"\1", line)  # 表1：… captions
            flush()
            continue
        para += line
        if re.search(r"[。！？；：”）》]$", line):
            flush()
    flush()
    return pieces


def pattern(sentence):
    """A regex for the sentence in the data: typed numbers may be a reference (§)."""
    parts = re.split(f"({NUMBERED})", sentence)
    return "".join(f"(?:{re.escape(squash(p))}|§)?" if re.fullmatch(NUMBERED, p) else re.escape(p) for p in parts)


def pdf_reading(pdf):
    """The PDF's text in reading order: running heads and folios left out, superscript
    marks dropped, the notes at each page's foot moved after the body text, so that a
    sentence running over a page break reads whole."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True, capture_output=True,
                         text=True).stdout
    body, notes = [], []
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pdfpages
    marks = [pg.marks for pg in pdfpages.load(pdf)]
    for n, page in enumerate(re.findall(r"<page [^>]*height=\"([0-9.]+)\"[^>]*>(.*?)</page>", xml, re.S)):
        height, content = float(page[0]), page[1]
        # A case box that opens the page (a float that waited for it; not a piece continued
        # from the page before) stands apart from the text running on from the page
        # before: it is read after that text.
        frames = [(height - m.y1, height - m.y0) for m in (marks[n] if n < len(marks) else [])
                  if m.kind == "rect" and m.fill and m.x1 - m.x0 > 300]
        lines = []
        for m in re.finditer(r'<line xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">(.*?)</line>',
                             content, re.S):
            x0, y0, y1 = float(m.group(1)), float(m.group(2)), float(m.group(3))
            if y1 < 80 or y0 > height - 75:
                continue  # running head, folio
            words = [(float(w.group(1)), float(w.group(2)), w.group(3)) for w in
                     re.finditer(r'<word [^>]*yMin="([0-9.]+)" [^>]*yMax="([0-9.]+)">([^<]*)</word>', m.group(4))]
            text = "".join(t for a, b, t in words if b > y1 - 2)  # a raised word is a superscript mark
            lines.append((y1 - y0, words[0][2] if words else "", text, y0, y1, x0))
        k = len(lines)
        while k > 0 and lines[k - 1][0] < 14:
            k -= 1
        while k < len(lines) and not lines[k][1].isdigit():
            k += 1
        top = [ln for ln in lines[:k]]
        if frames and top:
            f0, f1 = min(frames)
            first = min(ln[3] for ln in top)
            if first >= f0 - 1:  # nothing above the frame
                boxed = [ln for ln in top if f0 - 1 <= ln[3] and ln[4] <= f1 + 1]
                if boxed and not re.match(r"案例[0-9]+（续）", squash(boxed[0][2])):
                    # read after the paragraph running on from the page before: up to the
                    # first line after the box that is indented (a paragraph's first line)
                    rest = [ln for ln in top if ln not in boxed]
                    left = min((ln[5] for ln in rest), default=0)
                    at = next((k for k, ln in enumerate(rest) if ln[5] > left + ln[0] * 0.5), len(rest))
                    top = rest[:at] + boxed + rest[at:]
        body += [ln[2] for ln in top]
        notes += [ln[2] for ln in lines[k:]]
    # line ends marked for drop_repeats, which removes them
    return drop_repeats(squash(EOL.join(body) + EOL + "".join(notes)))


EOL = "\x01"  # a line end in pdf_reading's text, until drop_repeats


def drop_repeats(text):
    """Leaves out the title a case box repeats above its piece on a new page (案例 N（续）
    and its title, as at the box's head), so that a sentence running over the break reads
    whole. The title ends a line both times (text may mark line ends with EOL): what is
    dropped is the longest common start of the two that ends a line in both, so the first
    character of the text after the title stays even when it is also the first of the
    box's text (学生… after the title, 学校… at the head). Returns the text without EOL."""
    for m in list(re.finditer(r"案例([0-9]+)（续）", text))[::-1]:
        after = text[m.end():]
        best = 0
        for o in re.finditer(r"案例" + m.group(1) + r"(?![0-9（])", text):
            src, i, j, common, at_end = text[o.end():], 0, 0, 0, 0
            while True:
                ei = i < len(after) and after[i] == EOL
                ej = j < len(src) and src[j] == EOL
                while i < len(after) and after[i] == EOL:
                    i += 1
                while j < len(src) and src[j] == EOL:
                    j += 1
                if ei and ej:
                    at_end = i
                if i >= len(after) or j >= len(src) or after[i] != src[j]:
                    break
                i, j = i + 1, j + 1
                common = i
            best = max(best, at_end if EOL in text else common)
        text = text[:m.start()] + after[best:]
    return text.replace(EOL, "")


def pdf_pattern(sentence):
    """A regex for the sentence in the PDF: the tool prints its own numbers (表 6 where the
    source typed a second 表 5)."""
    parts = re.split(f"({NUMBERED})", sentence)
    return "".join("(?:表|图|案例|第)?[0-9.]*节?" if re.fullmatch(NUMBERED, p) else re.escape(p) for p in parts)


def main():
    seed_path, report_path = sys.argv[1], sys.argv[2]
    pdf = sys.argv[3] if len(sys.argv) > 3 else None
    seed = open(seed_path, encoding="utf-8").read()
    try:
        for line in open(seed_path.rsplit(".", 1)[0] + ".corrections", encoding="utf-8"):
            if "\t" in line and not line.startswith("#"):
                src, fixed = line.rstrip("\n").split("\t", 1)
                if src not in seed:
                    print(f"FAIL: correction source not in the seed: {src}")
                seed = seed.replace(src, fixed)
    except FileNotFoundError:
        pass
    data = data_text(json.load(open(report_path, encoding="utf-8")))
    pdf_text = pdf_reading(pdf) if pdf else None
    missing_data, missing_pdf, total = [], [], 0
    for s in sentences(seed):
        total += 1
        if not re.search(pattern(s), data):
            missing_data.append(s)
        if pdf_text is not None and re.search(r"[，。；：！？]", s) and not re.search(pdf_pattern(s), pdf_text):
            missing_pdf.append(s)
    for s in missing_data:
        print(f"FAIL: not in the data: {s}")
    for s in missing_pdf:
        print(f"FAIL: not in the PDF: {s}")
    print(f"{seed_path}: {total} sentences, {len(missing_data)} missing from the data"
          + (f", {len(missing_pdf)} from the PDF" if pdf else ""))
    return 1 if missing_data or missing_pdf else 0


if __name__ == "__main__":
    sys.exit(main())
