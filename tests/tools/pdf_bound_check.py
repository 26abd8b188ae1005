#!/usr/bin/env python3
"""pdf_bound_check.py REPORT.json FILE.pdf: the numbers of a report, worked out here from its
data (the CSV files, the JSON rows, "values"), are the numbers the PDF prints.

  - every paragraph and list item reads in the PDF (reading order, seed_coverage.pdf_reading)
    with each bound number in place as the data says: [@table:row:column] the cell as its
    column prints it (format, unit), [@name] the named value; a cross-reference ([@id]) may be
    any short label (表 3, 第 1.2 节, 第一节), a footnote mark is left out;
  - every table's total row is printed (pdftotext -layout) with the sums of its columns
    computed here (or the checked "values"): "合计 24 232 85";
  - a chart series value {"ref": name} is printed on the chart's page as that number.
Prints what it checked and 'N passed, M failed'; exits 1 on any failure."""
import csv
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seed_coverage  # noqa: E402  (pdf_reading, number_text)

WS = re.compile(r"\s+")


def squash(s):
    return WS.sub("", s)


def plain_number(x):
    return f"{x:.15g}"


class Report:
    def __init__(self, path):
        self.dir = os.path.dirname(os.path.abspath(path))
        self.doc = json.load(open(path, encoding="utf-8"))
        self.values = {}
        for name, v in self.doc.get("values", {}).items():
            self.values[name] = v if isinstance(v, dict) else {"value": v}
        self.tables, self.ids, self.charts = {}, set(), []
        self.paragraphs = []
        self.walk(self.doc["body"])

    def walk(self, blocks):
        for b in blocks:
            if "id" in b:
                self.ids.add(b["id"])
            t = b.get("type")
            if t == "paragraph":
                self.paragraphs.append(b["text"])
            elif t == "list":
                self.paragraphs.extend(b["items"])
            elif t == "table":
                rows = self.rows(b)
                if "id" in b:
                    self.tables[b["id"]] = (b, rows)
                else:
                    self.tables[id(b)] = (b, rows)
            elif t == "figure" and "chart" in b:
                self.charts.append(b)
            self.walk(b.get("children", []))

    def cell(self, c, col):
        if isinstance(c, dict):
            if "ref" in c:
                return self.values[c["ref"]]["value"]
            c = c.get("value", c.get("text"))
        if isinstance(c, str) and col.get("format"):
            return float(c) if c.strip() else None
        return c

    def rows(self, b):
        cols = b["columns"]
        if isinstance(b["rows"], dict):
            with open(os.path.join(self.dir, b["rows"]["csv"]), encoding="utf-8-sig", newline="") as f:
                raw = list(csv.reader(f))[1:]
        else:
            raw = b["rows"]
        rows = [[self.cell(c, cols[i]) for i, c in enumerate(r)] for r in raw]
        if "total" in b:
            t = b["total"]
            span = t.get("span", 1)
            total = [t["label"]] + [None] * (len(cols) - 1)
            given = t.get("values")
            for i in range(span, len(cols)):
                fmt = cols[i].get("format") or ""
                if given is not None:
                    total[i] = given[i - span]
                elif fmt and not fmt.endswith("%"):
                    total[i] = sum(r[i] for r in rows if isinstance(r[i], (int, float)))
            rows.append(total)
        return rows

    def printed(self, b, row, i):
        v = row[i]
        col = b["columns"][i]
        if isinstance(v, (int, float)) and col.get("format"):
            return seed_coverage.number_text(v, col["format"], col.get("unit"))
        return "" if v is None else str(v)

    def value_text(self, name):
        v = self.values[name]
        if v.get("format"):
            return seed_coverage.number_text(v["value"], v["format"], v.get("unit"))
        return plain_number(v["value"]) + v.get("unit", "")

    def ref(self, target):
        """The printed text of [@target], or None for a cross-reference."""
        parts = target.split(":")
        if len(parts) == 3:
            b, rows = self.tables[parts[0]]
            cols = b["columns"]
            i = next((k for k, c in enumerate(cols) if c["title"] == parts[2]), None)
            if i is None:
                i = int(parts[2])
            for r in rows:
                key = r[0] if isinstance(r[0], str) else plain_number(r[0])
                if key == parts[1]:
                    return self.printed(b, r, i)
            raise KeyError(target)
        if target in self.values:
            return self.value_text(target)
        return None


def pattern(rep, text):
    """A regex for a paragraph as printed: bound numbers as the data says, cross-references
    as any short label, footnotes left out."""
    out, i = [], 0
    while i < len(text):
        if text.startswith("**", i):
            i += 2
        elif text.startswith("^[", i):
            depth, j = 1, i + 2
            while j < len(text) and depth:
                depth += {"[": 1, "]": -1}.get(text[j], 0)
                j += 2 if text[j] == "\\" else 1
            i = j
        elif text.startswith("[@", i):
            j = text.index("]", i)
            printed = rep.ref(text[i + 2:j])
            out.append(r".{1,12}?" if printed is None else re.escape(squash(printed)))
            i = j + 1
        elif text[i] == "\\" and i + 1 < len(text):
            out.append(re.escape(text[i + 1]))
            i += 2
        else:
            if not text[i].isspace():
                out.append(re.escape(text[i]))
            i += 1
    return "".join(out)


def main():
    rep = Report(sys.argv[1])
    pdf = sys.argv[2]
    passed = failed = 0

    def result(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL: " + what)

    flow = seed_coverage.pdf_reading(pdf)
    for text in rep.paragraphs:
        if isinstance(text, str):
            result(re.search(pattern(rep, text), flow), f"not printed as the data says: {text[:60]}")
    layout = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True,
                            text=True).stdout
    lines = {squash(ln) for ln in layout.splitlines()}
    for b, rows in rep.tables.values():
        if "total" not in b:
            continue
        want = "".join(rep.printed(b, rows[-1], i) for i in range(len(b["columns"])))
        result(want in lines, f"total row '{want}' of {b['caption']} not printed")
        print(f"total of {b['caption']}: {want}")
    pages = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True).stdout.split("\f")
    for fig in rep.charts:
        refs = [v["ref"] for s in fig["chart"].get("series", []) for v in s["values"] if isinstance(v, dict)]
        if not refs:
            continue
        # the caption's last page: the list of figures comes before the figure
        page = next((p for p in reversed(pages) if squash(fig["caption"]) in squash(p)), "")
        words = set(page.split())
        for name in refs:
            num = plain_number(rep.values[name]["value"])
            result(num in words, f"chart '{fig['caption']}' does not print {name} = {num}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
