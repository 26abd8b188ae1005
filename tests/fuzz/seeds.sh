#!/bin/sh
# seeds.sh OUT [BAOGAO]: collects the seed corpus of each fuzz target into OUT/<target>/
# from the tree (nothing binary is committed for it): reports from data/ and
# tests/fixtures/, layouts/, every CSV file, every PNG and JPEG, every JSON string of those reports for the
# inline parser, and PDFs built by BAOGAO (when given) from a fixture, plain and
# --pdfa 3u with attachments, for the PDF reader, and classic (--no-object-streams, as
# libharu saves them) for packing into object streams.
set -eu
mkdir -p "$1"
out=$(cd "$1" && pwd)
baogao=${2:-}
[ -z "$baogao" ] || baogao=$(cd "$(dirname "$baogao")" && pwd)/$(basename "$baogao")
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out/report" "$out/layout" "$out/csv" "$out/inline" "$out/pdfread" "$out/image" "$out/objstm" \
  "$out/textcache"
n=0
for f in "$src"/data/*/report.json "$src"/tests/fixtures/*/*.json; do
  n=$((n + 1))
  cp "$f" "$out/report/$n-$(basename "$f")"
done
cp "$src"/layouts/*.json "$out/layout/"
for f in "$src"/tests/fixtures/layouts/*.json; do
  [ -f "$f" ] && cp "$f" "$out/layout/fixture-$(basename "$f")"
done
find "$src/data" "$src/tests/fixtures" "$src/docs" -name '*.png' -o -name '*.jpg' -o -name '*.jpeg' | while read -r f; do
  cp "$f" "$out/image/$(printf '%s' "$f" | sha1sum | cut -c1-12)-$(basename "$f")"
done
n=0
find "$src/data" "$src/tests/fixtures" -name '*.csv' | while read -r f; do
  n=$((n + 1))
  cp "$f" "$out/csv/$n-$(basename "$f")"
done
python3 - "$out/inline" "$src"/data/*/report.json "$src"/tests/fixtures/*/*.json <<'PY'
import hashlib, json, sys
out, seen = sys.argv[1], set()
def walk(v):
    if isinstance(v, str):
        if v not in seen and len(seen) < 2000:
            seen.add(v)
            b = v.encode()
            open("%s/%s" % (out, hashlib.sha1(b).hexdigest()[:16]), "wb").write(b)
    elif isinstance(v, list):
        for x in v: walk(x)
    elif isinstance(v, dict):
        for x in v.values(): walk(x)
for f in sys.argv[2:]:
    try:
        walk(json.load(open(f)))
    except ValueError:
        pass
PY
if [ -n "$baogao" ] && [ -x "$baogao" ]; then
  cd "$src/tests/fixtures/valid"
  "$baogao" build -q table-csv.json -o "$out/pdfread/plain.pdf" || true
  "$baogao" build -q table-csv.json --pdfa 3u -o "$out/pdfread/archive.pdf" || true
  "$baogao" build -q footnotes.json --pdfa 1b -o "$out/pdfread/pdfa1b.pdf" || true
  "$baogao" build -q footnotes.json --no-object-streams -o "$out/objstm/footnotes.pdf" || true
  "$baogao" build -q references.json --no-object-streams --no-tags -o "$out/objstm/references.pdf" || true
  # the text cache of a fixture's build: its payload after the code identity, every face
  # renamed to the fuzz target's one (a SHA-256 of zeros, face 0)
  rm -rf "$out/textcache.home"
  XDG_CACHE_HOME="$out/textcache.home" "$baogao" build -q footnotes.json -o "$out/textcache.home/f.pdf" || true
  for f in "$out"/textcache.home/baogao/text/*; do
    [ -f "$f" ] || continue
    python3 - "$f" "$out/textcache/footnotes" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()[48:-4]  # base/cache.h: magic, key, length ... CRC-32
at = 14
count = struct.unpack_from("<I", data, at + 8)[0]
at += 12
for _ in range(count):
    at += 4 + struct.unpack_from("<I", data, at)[0]
body = bytearray(data[at:])
fonts = struct.unpack_from("<Q", body, 0)[0]
for i in range(fonts):
    body[8 + 72 * i:8 + 72 * (i + 1)] = b"0" * 64 + bytes(8)
open(sys.argv[2], "wb").write(body)
PY
  done
  rm -rf "$out/textcache.home"
fi
for t in report layout csv inline pdfread image objstm textcache; do
  echo "seeds: $t: $(ls "$out/$t" | wc -l) files"
done
