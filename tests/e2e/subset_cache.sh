#!/bin/sh
# subset_cache.sh: the font subset cache ($XDG_CACHE_HOME/baogao/subsets/) changes no byte
# of the PDF: a cold build, a warm build and a build without a usable cache give the same
# file; damaged entries (cut short, a flipped byte, another length) are ignored and
# rewritten; a warm build reads the cache (a well-formed entry is used) and rewrites nothing.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK" && mkdir -p "$BG_WORK"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
report="$BG_SOURCE_DIR/data/2023/report.json"
build() { # build CACHE OUT
  XDG_CACHE_HOME="$1" "$BAOGAO" build -q "$report" -o "$2" || bad "build with cache $1 failed"
}
cache="$BG_WORK/cache"
subsets="$cache/baogao/subsets"

build "$cache" "$BG_WORK/cold.pdf"
n=$(ls "$subsets" 2>/dev/null | wc -l)
[ "$n" -eq 8 ] && ok || bad "expected 8 subsets in the cache, found $n"
ls "$subsets" | grep -q tmp && bad "temporary file left in the cache" || ok
touch -d '2001-01-01' "$subsets"/*
build "$cache" "$BG_WORK/warm.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/warm.pdf" && ok || bad "warm build differs from the cold one"
[ -z "$(find "$subsets" -type f -newer "$BG_WORK/cold.pdf")" ] && ok || bad "a warm build rewrote cache entries"

# No usable cache: XDG_CACHE_HOME is a regular file.
: >"$BG_WORK/not-a-folder"
build "$BG_WORK/not-a-folder" "$BG_WORK/none.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/none.pdf" && ok || bad "build without a cache differs"

# Damage three entries in three ways; the output is the same and the entries are whole again.
set -- $(ls -S "$subsets")
sizes="$(wc -c <"$subsets/$1") $(wc -c <"$subsets/$2") $(wc -c <"$subsets/$3")"
head -c 1000 "$subsets/$1" >"$BG_WORK/cut" && mv "$BG_WORK/cut" "$subsets/$1"
python3 - "$subsets/$2" "$subsets/$3" <<'PY'
import sys
a = bytearray(open(sys.argv[1], "rb").read()); a[len(a) // 2] ^= 0x40
open(sys.argv[1], "wb").write(a)
b = open(sys.argv[2], "rb").read(); open(sys.argv[2], "wb").write(b + b"extra")
PY
build "$cache" "$BG_WORK/damaged.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/damaged.pdf" && ok || bad "build over a damaged cache differs"
now="$(wc -c <"$subsets/$1") $(wc -c <"$subsets/$2") $(wc -c <"$subsets/$3")"
[ "$now" = "$sizes" ] && ok || bad "damaged entries not rewritten ($sizes vs $now)"
build "$cache" "$BG_WORK/repaired.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/repaired.pdf" && ok || bad "build over the repaired cache differs"

# The cache is read: a well-formed entry holding other bytes ends up in the PDF (it is
# keyed by the font's digest, the glyphs and the HarfBuzz version, and only checked for
# damage), so a warm build really skips hb-subset.
python3 - "$subsets/$1" <<'PY'
import hashlib, struct, sys, zlib
data = open(sys.argv[1], "rb").read()  # magic, key, length, payload, digest (base/cache.h)
prog = bytearray(zlib.decompress(data[56:-32])); prog[-1] ^= 1
payload = struct.pack(">Q", len(prog)) + zlib.compress(bytes(prog))
body = data[:40] + struct.pack(">Q", len(payload)) + payload
open(sys.argv[1], "wb").write(body + hashlib.sha256(body).digest())
PY
build "$cache" "$BG_WORK/planted.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/planted.pdf" && bad "a warm build did not read the cache" || ok
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
