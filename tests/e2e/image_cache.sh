#!/bin/sh
# image_cache.sh: the image verdicts kept in $XDG_CACHE_HOME/baogao/images/ (image/verdict.c)
# change no byte of the PDF and never let a bad image through: a cold, a warm and a
# cacheless build give the same file; a warm build rewrites nothing; damaged entries are
# ignored and rewritten; a well-formed entry is read (a planted orientation turns the
# picture, so a warm build really skips decoding); and an image whose bytes changed after
# a warm build is decoded again and refused when broken, by check and build alike.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK" && mkdir -p "$BG_WORK"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
cp -r "$BG_SOURCE_DIR/data/2023" "$BG_WORK/r"
report="$BG_WORK/r/report.json"
build() { # build CACHE OUT
  XDG_CACHE_HOME="$1" "$BAOGAO" build -q "$report" -o "$2" || bad "build with cache $1 failed"
}
cache="$BG_WORK/cache"
images="$cache/baogao/images"

build "$cache" "$BG_WORK/cold.pdf"
n=$(ls "$images" 2>/dev/null | wc -l)
distinct=$(sha256sum "$BG_WORK"/r/images/* | cut -d' ' -f1 | sort -u | wc -l)
[ "$n" -eq "$distinct" ] && ok || bad "expected $distinct image verdicts in the cache, found $n"
ls "$images" | grep -q tmp && bad "temporary file left in the cache" || ok
touch -d '2001-01-01' "$images"/*
build "$cache" "$BG_WORK/warm.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/warm.pdf" && ok || bad "warm build differs from the cold one"
[ -z "$(find "$images" -type f -newer "$BG_WORK/cold.pdf")" ] && ok || bad "a warm build rewrote cache entries"
: >"$BG_WORK/not-a-folder"
build "$BG_WORK/not-a-folder" "$BG_WORK/none.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/none.pdf" && ok || bad "build without a cache differs"

# Damage three entries in three ways: same output, entries whole again.
set -- $(ls "$images")
head -c 50 "$images/$1" >"$BG_WORK/cut" && mv "$BG_WORK/cut" "$images/$1"
python3 - "$images/$2" "$images/$3" <<'PY'
import sys
a = bytearray(open(sys.argv[1], "rb").read()); a[50] ^= 0x01
open(sys.argv[1], "wb").write(a)
b = open(sys.argv[2], "rb").read(); open(sys.argv[2], "wb").write(b + b"extra")
PY
build "$cache" "$BG_WORK/damaged.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/damaged.pdf" && ok || bad "build over a damaged cache differs"
for e in "$1" "$2" "$3"; do
  [ "$(wc -c <"$images/$e")" -eq 124 ] && ok || bad "damaged entry $e not rewritten"
done
build "$cache" "$BG_WORK/repaired.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/repaired.pdf" && ok || bad "build over the repaired cache differs"

# A well-formed entry is believed: every verdict planted with EXIF orientation 6 turns
# the pictures (the image matrices change), which only a read of the cache can do.
python3 - "$images" <<'PY'
import hashlib, os, struct, sys
for name in os.listdir(sys.argv[1]):
    path = os.path.join(sys.argv[1], name)
    d = bytearray(open(path, "rb").read())
    d[80:84] = struct.pack(">I", 6)  # after magic, key and length: the 9th field
    d[92:124] = hashlib.sha256(bytes(d[:92])).digest()
    open(path, "wb").write(bytes(d))
PY
build "$cache" "$BG_WORK/planted.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/planted.pdf" && bad "a warm build did not read the cache" || ok

# Changed bytes are a new key: a broken copy of a cached image is decoded and refused.
rm -rf "$cache"
build "$cache" "$BG_WORK/again.pdf"
img=$(ls "$BG_WORK"/r/images/*.png | head -n 1)
python3 - "$img" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read()); d[len(d) // 2] ^= 0x55
open(sys.argv[1], "wb").write(bytes(d))
PY
XDG_CACHE_HOME="$cache" "$BAOGAO" check -q "$report" 2>"$BG_WORK/check.err" && bad "check accepted a broken image over a warm cache" || ok
grep -q "$(basename "$img")" "$BG_WORK/check.err" && ok || bad "check's error does not name the broken image"
XDG_CACHE_HOME="$cache" "$BAOGAO" build -q "$report" -o "$BG_WORK/broken.pdf" 2>/dev/null && bad "build accepted a broken image over a warm cache" || ok
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
