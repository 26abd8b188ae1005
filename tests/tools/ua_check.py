#!/usr/bin/env python3
"""ua_check.py: checks a PDF for the machine-checkable failure conditions of the
Matterhorn Protocol 1.1 (PDF/UA-1) that baogao's files can run into, reading the file
with pikepdf (qpdf), not trusting baogao's code. For each failure it prints
"FILE: CHECKPOINT: message" and exits 1; with none it prints "FILE: ok (N elements)".

Checked: a marked document (06-001 MarkInfo, 01 structure tree), /Lang (11-001),
DisplayDocTitle (07-001), dc:title (06-003) and pdfuaid:part 1 (06-002) in the XMP;
structure tree and parent tree consistent both ways (01-00x: every MCID of every page is
reached by exactly the element the ParentTree names, every MCID an element claims is in
the page's content); every painting operator inside tagged marked content or an artifact
(01-001, 01-002, 01-003); structure types standard or role-mapped to one (02-001,
02-003); headings: the first H1, no level skipped (14-002, 14-003); tables: TR only in
Table/THead/TBody/TFoot, TH and TD only in TR, a TH in every table, every TH with a Scope
(15-003); figures with /Alt (13-004); notes with an /ID (19-003); links: every link
annotation with /Contents (28-004? alt text) and a /StructParent whose element is a
Link holding an OBJR to it (28-011), /Tabs /S on pages with annotations (28-008? 31-...).
And one of baogao's own (B-01): its pages draw no meaningful vector graphics outside
figures, so every path painted outside a Figure (a rule, a frame, a fill, a leader) must
be an artifact; and (B-02) lists as ISO 32000-1 §14.8.4.3.3 has them: LI only in L, every
LI an Lbl (its marker) and then an LBody.

usage: ua_check.py [--no-ua] [--texts] FILE.pdf...
  --no-ua  the file is not expected to declare PDF/UA (pdfuaid:part left out)
  --texts  also print, in tree order, the texts poppler's dump does not show: each
           element's /Alt, /ID and /Lang and each link annotation's /Contents"""
import re
import sys

import pikepdf

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu",
    "WT", "WP", "Figure", "Formula", "Form",
}
PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "Tj", "TJ", "'", '"', "BI"}
PATHS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}


class Checker:
    def __init__(self, path, expect_ua):
        self.path = path
        self.expect_ua = expect_ua
        self.failures = []
        self.elements = 0

    def fail(self, checkpoint, message):
        self.failures.append(f"{self.path}: {checkpoint}: {message}")

    def run(self):
        pdf = pikepdf.open(self.path)
        root = pdf.Root
        self.check_catalog(pdf, root)
        tree = root.get("/StructTreeRoot")
        if tree is None:
            self.fail("01-001", "no StructTreeRoot: the file is not tagged")
            return self.failures
        self.pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
        self.rolemap = {str(k).lstrip("/"): str(v).lstrip("/") for k, v in tree.get("/RoleMap", {}).items()}
        self.claimed = {}  # (page index, mcid) -> element objgen
        self.objrs = {}  # annotation objgen -> element objgen
        self.headings = []
        self.texts = []
        self.walk(tree.get("/K"), tree, None, None)
        content = self.check_content(pdf)
        self.check_parent_tree(pdf, tree, content)
        self.check_headings()
        self.check_annotations(pdf, tree)
        return self.failures

    # ---- catalog and metadata ----
    def check_catalog(self, pdf, root):
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            self.fail("06-001", "the catalog's MarkInfo /Marked is not true")
        lang = root.get("/Lang")
        if lang is None or not str(lang).strip():
            self.fail("11-001", "no /Lang in the catalog")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            self.fail("07-001", "ViewerPreferences /DisplayDocTitle is not true")
        meta = root.get("/Metadata")
        xmp = meta.read_bytes().decode("utf-8", "replace") if meta is not None else ""
        title = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
        if not title or not title.group(1).strip():
            self.fail("06-003", "no dc:title in the XMP metadata")
        part = re.search(r"<pdfuaid:part>\s*(\d+)\s*</pdfuaid:part>|pdfuaid:part=\"(\d+)\"", xmp)
        if self.expect_ua and not (part and (part.group(1) or part.group(2)) == "1"):
            self.fail("06-002", "the XMP metadata does not declare pdfuaid:part 1")
        if not self.expect_ua and part:
            self.fail("06-002", "pdfuaid:part declared in a file that should not claim PDF/UA")

    # ---- the structure tree ----
    def std_type(self, s):
        seen = set()
        while s not in STANDARD and s in self.rolemap and s not in seen:
            seen.add(s)
            s = self.rolemap[s]
        return s

    @staticmethod
    def kid_elements(k):
        """The structure elements among a /K (not its marked content or objects)."""
        kids = k if isinstance(k, pikepdf.Array) else [k]
        return [x for x in kids if isinstance(x, pikepdf.Dictionary) and "/S" in x and
                str(x.get("/Type", "")) not in ("/MCR", "/OBJR")]

    def walk(self, k, parent, parent_type, page):
        if k is None:
            return
        if isinstance(k, pikepdf.Array):
            for kid in k:
                self.walk(kid, parent, parent_type, page)
            return
        if isinstance(k, int) or (isinstance(k, pikepdf.Object) and k._type_code == pikepdf.ObjectType.integer):
            if page is None:
                self.fail("01-004", f"MCID {int(k)} of a {parent_type} element without /Pg")
                return
            self.claim(page, int(k), parent)
            return
        if not isinstance(k, pikepdf.Dictionary):
            self.fail("01-004", f"a structure kid that is neither an element nor content: {k!r}")
            return
        kind = str(k.get("/Type", ""))
        if kind == "/MCR":
            pg = k.get("/Pg", None)
            self.claim(self.page_of(pg) if pg is not None else page, int(k.MCID), parent)
            return
        if kind == "/OBJR":
            obj = k.Obj
            self.texts.append(f"OBJR {str(obj.get('/Subtype', ''))[1:]} Contents: {obj.get('/Contents', '')}")
            self.objrs[obj.objgen] = parent.objgen
            return
        self.element(k, parent, parent_type, page)

    def page_of(self, pg):
        return self.pages.get(pg.objgen)

    def claim(self, page, mcid, elem):
        key = (page, mcid)
        if key in self.claimed:
            self.fail("01-004", f"page {page + 1} MCID {mcid} is claimed by two elements")
        self.claimed[key] = elem.objgen

    def element(self, e, parent, parent_type, page):
        self.elements += 1
        if "/S" not in e:
            self.fail("01-005", "a structure element without /S")
            return
        raw = str(e.S)[1:]
        s = self.std_type(raw)
        if s not in STANDARD:
            self.fail("02-001", f"structure type {raw} is neither standard nor role-mapped to one")
        if raw in STANDARD and raw in self.rolemap:
            self.fail("02-003", f"standard type {raw} is role-mapped")
        p = e.get("/P")
        if p is None or p.objgen != parent.objgen:
            self.fail("01-005", f"{raw} element's /P is not the element that holds it")
        if s in ("H1", "H2", "H3", "H4", "H5", "H6"):
            self.headings.append(int(s[1]))
        if s == "H":
            self.fail("14-001", "an unnumbered H heading (the file uses H1-H6)")
        if s == "TR" and parent_type not in ("Table", "THead", "TBody", "TFoot"):
            self.fail("15-001", f"TR inside {parent_type}")
        if s in ("TH", "TD") and parent_type != "TR":
            self.fail("15-001", f"{s} inside {parent_type}")
        if s == "TH":
            a = e.get("/A")
            attrs = a if isinstance(a, pikepdf.Dictionary) else None
            if isinstance(a, pikepdf.Array):
                attrs = next((x for x in a if isinstance(x, pikepdf.Dictionary) and str(x.get("/O")) == "/Table"), None)
            if attrs is None or "/Scope" not in attrs:
                self.fail("15-003", "a TH without /Scope")
            self.table_has_th = True
        if s == "Figure":
            alt = e.get("/Alt")
            if alt is None or not str(alt).strip():
                self.fail("13-004", "a Figure without /Alt")
        if s == "LI":
            kids = [self.std_type(str(k.S)[1:]) for k in self.kid_elements(e.get("/K"))]
            if "Lbl" not in kids or "LBody" not in kids or kids.index("Lbl") > kids.index("LBody"):
                self.fail("B-02", f"an LI whose elements are {kids}, not an Lbl and then an LBody")
        if s == "LI" and parent_type != "L":
            self.fail("B-02", f"LI inside {parent_type}")
        if s == "Note" and "/ID" not in e:
            self.fail("19-003", "a Note without /ID")
        for key in ("/Alt", "/ID", "/Lang"):
            if key in e:
                self.texts.append(f"{raw} {key[1:]}: {e[key]}")
        pg = e.get("/Pg")
        here = self.page_of(pg) if pg is not None else page
        if s == "Table":
            saved = getattr(self, "table_has_th", False)
            self.table_has_th = False
            self.walk(e.get("/K"), e, s, here)
            if not self.table_has_th:
                self.fail("15-001", "a Table without any TH")
            self.table_has_th = saved
        else:
            self.walk(e.get("/K"), e, s, here)

    def check_headings(self):
        if self.headings and self.headings[0] != 1:
            self.fail("14-002", f"the first heading is H{self.headings[0]}, not H1")
        for a, b in zip(self.headings, self.headings[1:]):
            if b > a + 1:
                self.fail("14-003", f"heading level skipped: H{a} then H{b}")
                break

    # ---- content streams ----
    def check_content(self, pdf):
        """Marked content per page: (page, mcid) -> tag, and every painting operator inside
        an MCID or an Artifact."""
        found = {}
        for i, page in enumerate(pdf.pages):
            stack = []  # (tag, mcid or None, artifact)
            untagged = paths = 0
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("BDC", "BMC"):
                    tag = str(operands[0])[1:]
                    mcid = None
                    if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                        mcid = int(operands[1].MCID)
                        if (i, mcid) in found:
                            self.fail("01-004", f"page {i + 1}: MCID {mcid} used twice")
                        found[(i, mcid)] = tag
                    stack.append((tag, mcid, tag == "Artifact"))
                elif op == "EMC":
                    if not stack:
                        self.fail("01-001", f"page {i + 1}: EMC without BDC")
                    else:
                        stack.pop()
                elif op in PAINT:
                    if not any(m is not None or art for _, m, art in stack):
                        untagged += 1
                    elif op in PATHS and not any(art for _, _, art in stack) and \
                            not any(t == "Figure" for t, _, _ in stack):
                        paths += 1
                    if any(art for _, _, art in stack) and any(m is not None for _, m, _ in stack):
                        pass  # an artifact inside tagged content is still an artifact
            if stack:
                self.fail("01-001", f"page {i + 1}: {len(stack)} marked-content sequences left open")
            if untagged:
                self.fail("01-001", f"page {i + 1}: {untagged} painting operators neither tagged nor artifacts")
            if paths:
                self.fail("B-01", f"page {i + 1}: {paths} paths painted as content outside a Figure")
        return found

    def check_parent_tree(self, pdf, tree, content):
        nums = {}

        def collect(node):
            if "/Nums" in node:
                arr = node.Nums
                for j in range(0, len(arr), 2):
                    nums[int(arr[j])] = arr[j + 1]
            for kid in node.get("/Kids", []):
                collect(kid)

        pt = tree.get("/ParentTree")
        if pt is None:
            self.fail("01-004", "no ParentTree")
            return
        collect(pt)
        next_key = tree.get("/ParentTreeNextKey")
        if nums and (next_key is None or int(next_key) <= max(nums)):
            self.fail("01-004", "ParentTreeNextKey missing or not above every key")
        for (page, mcid), tag in content.items():
            elem = self.claimed.get((page, mcid))
            if elem is None:
                self.fail("01-004", f"page {page + 1}: MCID {mcid} ({tag}) is reached by no element")
        for (page, mcid), elem in self.claimed.items():
            if (page, mcid) not in content:
                self.fail("01-004", f"page {page + 1}: an element claims MCID {mcid}, which the page lacks")
        for i, page in enumerate(pdf.pages):
            mcids = sorted(m for (p, m) in content if p == i)
            sp = page.obj.get("/StructParents")
            if mcids and sp is None:
                self.fail("01-004", f"page {i + 1} has marked content but no /StructParents")
                continue
            if sp is None:
                continue
            arr = nums.get(int(sp))
            if arr is None or not isinstance(arr, pikepdf.Array):
                self.fail("01-004", f"page {i + 1}: /StructParents {int(sp)} is not in the ParentTree")
                continue
            for m in mcids:
                if m >= len(arr) or arr[m].objgen != self.claimed.get((i, m)):
                    self.fail("01-004", f"page {i + 1}: the ParentTree names another element for MCID {m}")
                    break
        self.nums = nums

    def check_annotations(self, pdf, tree):
        for i, page in enumerate(pdf.pages):
            annots = page.obj.get("/Annots", [])
            if len(annots) and str(page.obj.get("/Tabs", "")) != "/S":
                self.fail("28-008", f"page {i + 1} has annotations but no /Tabs /S")
            for a in annots:
                if str(a.get("/Subtype")) != "/Link":
                    continue
                if not str(a.get("/Contents", "")).strip():
                    self.fail("28-004", f"page {i + 1}: a link annotation without /Contents")
                sp = a.get("/StructParent")
                if sp is None:
                    self.fail("28-011", f"page {i + 1}: a link annotation outside the structure (no /StructParent)")
                    continue
                elem = self.nums.get(int(sp))
                if elem is None or not isinstance(elem, pikepdf.Dictionary):
                    self.fail("28-011", f"page {i + 1}: a link's /StructParent is not in the ParentTree")
                    continue
                if self.std_type(str(elem.get("/S", "/?"))[1:]) != "Link":
                    self.fail("28-011", f"page {i + 1}: a link annotation's element is {elem.get('/S')}, not Link")
                if self.objrs.get(a.objgen) != elem.objgen:
                    self.fail("28-011", f"page {i + 1}: the Link element holds no OBJR to its annotation")


def main(argv):
    expect_ua = True
    texts = False
    files = []
    for a in argv[1:]:
        if a == "--no-ua":
            expect_ua = False
        elif a == "--texts":
            texts = True
        else:
            files.append(a)
    if not files:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    bad = 0
    for f in files:
        c = Checker(f, expect_ua)
        failures = c.run()
        if texts:
            for line in c.texts:
                print(line)
        for line in failures:
            print(line)
        if failures:
            bad += 1
        else:
            print(f"{f}: ok ({c.elements} elements)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
