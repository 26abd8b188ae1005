#!/usr/bin/env python3
"""pdf_xref_check.py: how a PDF's objects are stored, read back with qpdf.

  pdf_xref_check.py packed PACKED.pdf CLASSIC.pdf
      PACKED has a cross-reference stream (its trailer is the /Type /XRef stream's
      dictionary, with CLASSIC's /Root, /Info and /ID) and object streams; every object
      of CLASSIC that is not a stream is in an object stream, every stream is at an
      offset of its own; and every object of CLASSIC is in PACKED, with the same number
      and the same value (streams: the same dictionary and the same raw bytes). PACKED
      holds nothing else but its /ObjStm and /XRef streams.
  pdf_xref_check.py classic FILE.pdf
      FILE has a classic cross-reference table: no object stream, no cross-reference
      stream, and no /ObjStm anywhere in its bytes.

Both check that qpdf --check finds no error or warning. Prints what it found; exit 1 on
the first failure."""
import json
import re
import subprocess
import sys


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def qpdf(*args):
    return subprocess.run(["qpdf", *args], capture_output=True, text=True)


def check_clean(pdf):
    r = qpdf("--check", pdf)
    if r.returncode != 0 or "WARNING" in r.stdout + r.stderr:
        fail(f"{pdf}: qpdf --check: {r.stdout}{r.stderr}")


def xref(pdf):
    """{number: ('compressed', stream) or ('uncompressed', offset)} from qpdf --show-xref."""
    r = qpdf("--show-xref", pdf)
    if r.returncode != 0:
        fail(f"{pdf}: qpdf --show-xref: {r.stderr}")
    entries = {}
    for line in r.stdout.splitlines():
        m = re.match(r"(\d+)/(\d+): (compressed|uncompressed); (?:stream = (\d+)|offset = (\d+))", line)
        if m:
            entries[int(m.group(1))] = (m.group(3), int(m.group(4) or m.group(5)))
    return entries


def objects(pdf):
    r = qpdf("--json=2", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=none", pdf)
    if r.returncode != 0:
        fail(f"{pdf}: qpdf --json: {r.stderr}")
    return json.loads(r.stdout)["qpdf"][1]


def is_stream(o):
    return "stream" in o


def packed(pdf, classic):
    check_clean(pdf)
    check_clean(classic)
    with open(pdf, "rb") as f:
        if not f.read(8).startswith(b"%PDF-1."):
            fail(f"{pdf}: no PDF header")
    new, old = objects(pdf), objects(classic)
    trailer = new["trailer"]["value"]
    if trailer.get("/Type") != "/XRef":
        fail(f"{pdf}: the trailer is not a cross-reference stream's dictionary: {trailer}")
    for key in ("/Root", "/Info", "/ID"):
        if trailer.get(key) != old["trailer"]["value"].get(key):
            fail(f"{pdf}: trailer {key} {trailer.get(key)} is not {old['trailer']['value'].get(key)}")
    entries = xref(pdf)
    in_streams = set()
    for key, o in old.items():
        if key == "trailer":
            continue
        num = int(key.split(":")[1].split()[0])
        if key not in new:
            fail(f"{pdf}: object {num} is missing")
        if new[key] != o:
            fail(f"{pdf}: object {num} differs: {str(new[key])[:200]} is not {str(o)[:200]}")
        kind, where = entries.get(num, (None, None))
        if is_stream(o) and kind != "uncompressed":
            fail(f"{pdf}: stream {num} is not at an offset of its own ({kind})")
        if not is_stream(o):
            if kind != "compressed":
                fail(f"{pdf}: object {num} is not in an object stream ({kind})")
            in_streams.add(where)
    extra = {k: v for k, v in new.items() if k not in old}
    types = {}
    for key, o in extra.items():
        t = o.get("stream", {}).get("dict", {}).get("/Type")
        if t not in ("/ObjStm", "/XRef"):
            fail(f"{pdf}: an object CLASSIC does not have: {key} {str(o)[:200]}")
        types[t] = types.get(t, 0) + 1
    streams = {int(k.split(":")[1].split()[0]) for k, o in extra.items()
               if o["stream"]["dict"].get("/Type") == "/ObjStm"}
    if not streams or in_streams != streams:
        fail(f"{pdf}: object streams {sorted(streams)}, objects found in {sorted(in_streams)}")
    print(f"{pdf}: {sum(1 for k in old if k != 'trailer')} objects as in {classic}, "
          f"{sum(1 for k, o in old.items() if k != 'trailer' and not is_stream(o))} of them in "
          f"{len(streams)} object streams, a cross-reference stream")


def classic(pdf):
    check_clean(pdf)
    with open(pdf, "rb") as f:
        data = f.read()
    if b"/ObjStm" in data or b"/XRef" in data:
        fail(f"{pdf}: has /ObjStm or /XRef")
    if not re.search(rb"\nxref\n0 \d+\n", data) or b"\ntrailer\n" not in data:
        fail(f"{pdf}: no classic cross-reference table and trailer")
    if any(kind == "compressed" for kind, _ in xref(pdf).values()):
        fail(f"{pdf}: an object is in an object stream")
    print(f"{pdf}: classic cross-reference table, no object streams")


def main(argv):
    if len(argv) == 4 and argv[1] == "packed":
        packed(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "classic":
        classic(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
