#!/bin/sh
# images.sh: the images phones, cameras and editors produce are embedded, and broken ones
# are refused before the PDF writer sees them (fixtures by tests/fixtures/images/make.py).
# - tests/fixtures/images/images.json builds; qpdf --check passes; pdfimages lists every
#   image with its size, colour space, bits, encoding and soft mask; every PNG's colour
#   pixels are in the PDF exactly (interlaced and 16-bit ones as rgb.png's); each image
#   printing below 300 dpi is named in a warning.
# - each upright-N.jpg (an upright picture stored for EXIF orientation N) and the CMYK
#   JPEG, built alone, render with the right colour in each quarter (pdftoppm); so does
#   the CMYK JPEG converted to RGB for PDF/A.
# - each file of tests/fixtures/invalid/images, alone in a report: check exits 1 with
#   "cannot be used" at the figure's path, build exits 1 (not a crash) and writes nothing.
# - the 1.6 KB PNG declaring 100000×100000 pixels is refused in well under a second.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
dir="$BG_SOURCE_DIR/tests/fixtures/images"
tool="$BG_SOURCE_DIR/tests/tools/pdf_image_check.py"
pdf="$BG_WORK/images.pdf"
status=0
fail() { echo "FAIL: $*"; status=1; }

if ! "$BAOGAO" build "$dir/images.json" -o "$pdf" 2>"$BG_WORK/images.err"; then
  echo "FAIL: build failed"; cat "$BG_WORK/images.err"; exit 1
fi
qpdf --check "$pdf" >/dev/null || fail "qpdf --check"
python3 "$tool" list "$pdf" \
  60x40:rgb:8:image 60x40:gray:8:image 60x40:index:8:image 60x40:rgb:8:image+smask \
  60x40:rgb:8:image 60x40:rgb:8:image 60x40:rgb:8:image+smask 60x40:gray:8:image+smask 60x40:rgb:8:image \
  60x40:gray:2:image 60x40:index:4:image \
  64x48:rgb:8:jpeg 64x48:rgb:8:jpeg 64x48:gray:8:jpeg 64x48:cmyk:8:jpeg \
  64x48:rgb:8:jpeg 64x48:rgb:8:jpeg 48x64:rgb:8:jpeg 48x64:rgb:8:jpeg 48x64:rgb:8:jpeg || status=1
python3 "$tool" pixels "$pdf" "$dir"/*.png || status=1
for name in rgb gray palette rgba interlaced rgb16 palette-trns gray-alpha interlaced-palette gray-2bit palette-4bit; do
  grep -q "warning: image '$name.png' prints at 32 dpi, below the 300 dpi print needs" "$BG_WORK/images.err" ||
    fail "no low-resolution warning for $name.png"
done
# a turned photo is laid out at its upright size: 48 px wide as printed at 0.3 of the text width
grep -q "warning: image 'upright-6.jpg' prints at 35 dpi" "$BG_WORK/images.err" ||
  fail "upright-6.jpg is not sized as upright"
# the Adobe CMYK JPEG is written with its inks inverted back
grep -a -q "/Decode \[ *1 0 1 0 1 0 1 0 *\]" "$pdf" || fail "no /Decode [1 0 1 0 1 0 1 0] for the Adobe CMYK JPEG"

# one figure per report, copied next to it: what a reader sees
one() { # one NAME: builds a report showing only NAME, into $BG_WORK/one-NAME.pdf
  mkdir -p "$BG_WORK/one"
  cp "$2/$1" "$BG_WORK/one/$1"
  printf '{"meta": {"title": "图", "date": "2024-01-15"},\n "body": [{"type": "figure", "caption": "图", "image": {"src": "%s", "width": 0.5}}]}\n' \
    "$1" >"$BG_WORK/one/$1.json"
}
for name in upright-1.jpg upright-3.jpg upright-6.jpg upright-8.jpg upright-6-le.jpg jpeg-cmyk.jpg; do
  one "$name" "$dir"
  out="$BG_WORK/one/$name.pdf"
  "$BAOGAO" build -q "$BG_WORK/one/$name.json" -o "$out" || { fail "$name: build failed"; continue; }
  case $name in
    jpeg-cmyk.jpg) python3 "$tool" colours "$out" cyan yellow cyan yellow || status=1 ;;
    *) python3 "$tool" colours "$out" red green blue yellow || status=1 ;;
  esac
done
# in PDF/A (sRGB output intent, no DeviceCMYK) the CMYK JPEG is converted to RGB: same colours
out="$BG_WORK/one/jpeg-cmyk-pdfa.pdf"
"$BAOGAO" build -q "$BG_WORK/one/jpeg-cmyk.jpg.json" --pdfa 1b -o "$out" 2>/dev/null || fail "jpeg-cmyk.jpg: build --pdfa 1b failed"
python3 "$tool" list "$out" 64x48:rgb:8:image || status=1
python3 "$tool" colours "$out" cyan yellow cyan yellow || status=1

for path in "$BG_SOURCE_DIR"/tests/fixtures/invalid/images/*; do
  name=${path##*/}
  one "$name" "$BG_SOURCE_DIR/tests/fixtures/invalid/images"
  "$BAOGAO" check "$BG_WORK/one/$name.json" >"$BG_WORK/one/$name.out" 2>&1; rc=$?
  [ "$rc" -eq 1 ] || fail "$name: check exited $rc, expected 1"
  grep -q "error: image '$name' cannot be used: .* \[\$\.body\[0\]\.image\.src\]" "$BG_WORK/one/$name.out" ||
    { fail "$name: no located error"; cat "$BG_WORK/one/$name.out"; }
  out="$BG_WORK/one/$name.pdf"
  rm -f "$out"
  "$BAOGAO" build -q "$BG_WORK/one/$name.json" -o "$out" 2>/dev/null; rc=$?
  [ "$rc" -eq 1 ] || fail "$name: build exited $rc, expected 1"
  [ -e "$out" ] && fail "$name: a refused build left $out"
done

start=$(date +%s%N)
"$BAOGAO" check "$BG_WORK/one/png-huge.png.json" >/dev/null 2>&1
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 1000 ] || fail "the 100000×100000 PNG took $ms ms to refuse"
exit $status
