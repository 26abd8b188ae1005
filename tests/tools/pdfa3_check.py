#!/usr/bin/env python3
"""pdfa3_check.py [--level-a] FILE.pdf NAME...: what PDFBox preflight (a PDF/A-1 validator) cannot
see in a PDF/A-3u file: the XMP names part 3, conformance U; the catalog's /AF lists an
associated file for each NAME given, each a /Filespec with /AFRelationship /Source, /F
and /UF, whose /EF stream has a MIME /Subtype and /Params with /Size (matching the data)
and /ModDate, and every one is in the /EmbeddedFiles name tree; and, for level U, every
font maps every glyph it uses (its /CIDSet) to Unicode in its /ToUnicode CMap. Reads
the file with qpdf --json. With --level-a the file is a PDF/A-3a (conformance A, which
includes level U). Exits 1 on any failure."""
import base64
import json
import re
import subprocess
import sys


def main():
    args = sys.argv[1:]
    level = "U"
    if args and args[0] == "--level-a":
        level, args = "A", args[1:]
    pdf, names = args[0], set(args[1:])
    # The objects without stream data (the font programs and images are most of the
    # file), then the decoded data of the streams read here, fetched once when first asked for.
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=none", pdf],
                         check=True, capture_output=True, text=True).stdout
    objs = json.loads(out)["qpdf"][1]
    failures = []

    def obj(ref):
        o = objs.get("obj:" + ref)
        return o.get("value", o.get("stream", {}).get("dict")) if o else None

    def fetch(refs):
        refs = [r for r in refs if "data" not in objs.get("obj:" + r, {}).get("stream", {"data": ""})]
        for k in range(0, len(refs), 200):
            cmd = ["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized"]
            cmd += ["--json-object=" + r.replace(" 0 R", ",0").replace(" ", ",") for r in refs[k:k + 200]]
            got = subprocess.run(cmd + [pdf], check=True, capture_output=True, text=True).stdout
            objs.update(json.loads(got)["qpdf"][1])

    def stream(ref):
        fetch([ref])
        o = objs.get("obj:" + ref, {}).get("stream", {})
        return o.get("dict", {}), base64.b64decode(o.get("data", ""))

    def check(ok, msg):
        if not ok:
            failures.append(msg)

    catalog = obj(objs["trailer"]["value"]["/Root"])
    wanted = [catalog.get("/Metadata")] + [obj(r).get("/EF", {}).get("/F") for r in catalog.get("/AF", [])]
    for o in list(objs.values()):
        v = o.get("value") if isinstance(o, dict) else None
        if isinstance(v, dict) and v.get("/Subtype") == "/Type0":
            wanted.append(v.get("/ToUnicode"))
            d = v.get("/DescendantFonts", [None])[0]
            d = obj(d) if isinstance(d, str) else None
            fd = obj(d["/FontDescriptor"]) if d and isinstance(d.get("/FontDescriptor"), str) else None
            wanted.append(fd.get("/CIDSet") if fd else None)
    fetch([r for r in wanted if isinstance(r, str) and r.endswith(" R")])
    _, xmp = stream(catalog["/Metadata"])
    xmp = xmp.decode("utf-8")
    check("<pdfaid:part>3</pdfaid:part>" in xmp and f"<pdfaid:conformance>{level}</pdfaid:conformance>" in xmp,
          f"the XMP does not say PDF/A-3{level.lower()}")
    specs = [obj(r) for r in catalog.get("/AF", [])]
    tree = obj(catalog["/Names"]) if isinstance(catalog.get("/Names"), str) else catalog.get("/Names", {})
    listed = tree.get("/EmbeddedFiles", {}).get("/Names", [])
    listed_names = [n[2:] if n.startswith("u:") else n for n in listed[0::2]]
    seen = set()
    for spec in specs:
        name = spec.get("/F", "")
        name = name[2:] if name.startswith("u:") else name
        seen.add(name)
        check(spec.get("/AFRelationship") == "/Source", f"{name}: AFRelationship is not /Source")
        check("/UF" in spec, f"{name}: no /UF")
        check(name in listed_names, f"{name}: not in the EmbeddedFiles name tree")
        d, data = stream(spec["/EF"]["/F"])
        check(str(d.get("/Subtype", "")).startswith("/"), f"{name}: no MIME subtype")
        params = d.get("/Params", {})
        check(params.get("/Size") == len(data), f"{name}: /Size {params.get('/Size')} but {len(data)} bytes")
        check("/ModDate" in params, f"{name}: no /ModDate")
    check(seen == names, f"attached {sorted(seen)}, expected {sorted(names)}")
    fonts = 0
    for key, o in objs.items():
        v = o.get("value") if isinstance(o, dict) else None
        if not isinstance(v, dict) or v.get("/Subtype") != "/Type0":
            continue
        _, cmap = stream(v["/ToUnicode"])
        mapped = set()
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap.decode("latin-1"), re.S):
            mapped.update(int(c, 16) for c in re.findall(r"<([0-9A-Fa-f]{4})>\s*<[0-9A-Fa-f]+>", block))
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap.decode("latin-1"), re.S):
            for a, b in re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>", block):
                mapped.update(range(int(a, 16), int(b, 16) + 1))
        fonts += 1
        cid_font = obj(v["/DescendantFonts"][0])
        _, cidset = stream(obj(cid_font["/FontDescriptor"])["/CIDSet"])
        used = {i * 8 + bit for i, byte in enumerate(cidset) for bit in range(8) if byte & (0x80 >> bit)} - {0}
        missing = used - mapped
        check(not missing, f"{v.get('/BaseFont')}: {len(missing)} used glyphs without Unicode, e.g. {sorted(missing)[:5]}")
    for f in failures:
        print("FAIL:", f)
    check(fonts > 0, "no Type0 font found to check")
    print(f"{pdf}: PDF/A-3u checks {'ok' if not failures else 'failed'} ({len(specs)} attachments, {fonts} fonts)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
