#!/bin/sh
# archive.sh: archive and reproducibility. Both years and fixtures with images (one with
# an alpha channel), charts, links and footnotes, built with --pdfa 1b, pass Apache PDFBox preflight
# (tests/tools/preflight.sh) and qpdf --check; the 2023 report built twice gives the
# same bytes, and so does it with SOURCE_DATE_EPOCH, whose date pdfinfo then shows;
# --pdfa 3u attaches the sources (pdfa3_check.py checks what preflight cannot), and
# build -> extract -> build gives the same bytes; baogao info prints the build record.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK"
tools="$BG_SOURCE_DIR/tests/tools"
status=0
fail() { echo "FAIL: $*"; status=1; }
archive() { # report name
  pdf="$BG_WORK/$2.pdf"
  "$BAOGAO" build -q "$1" --pdfa 1b -o "$pdf" || { fail "$2: build --pdfa 1b"; return; }
  qpdf --check "$pdf" >/dev/null 2>&1 || fail "$2: qpdf --check"
  sh "$tools/preflight.sh" "$pdf" >"$BG_WORK/$2.preflight" || { fail "$2: preflight"; cat "$BG_WORK/$2.preflight"; }
}
for year in 2022 2023; do archive "$BG_SOURCE_DIR/data/$year/report.json" "$year-archive"; done
for name in figure-image charts footnotes references; do
  archive "$BG_SOURCE_DIR/tests/fixtures/valid/$name.json" "$name"
done
# An image with an alpha channel: PDF/A-1b allows no transparency; it is left out, with a warning.
archive "$BG_SOURCE_DIR/tests/fixtures/images/images.json" images
"$BAOGAO" build "$BG_SOURCE_DIR/tests/fixtures/images/images.json" --pdfa 1b -o "$BG_WORK/images.pdf" 2>&1 |
  grep -q "rgba.png: warning: the image's transparency is left out" || fail "no warning for the dropped alpha"
# A CMYK JPEG: PDF/A's sRGB output intent allows no DeviceCMYK; it is converted, with a warning.
"$BAOGAO" build "$BG_SOURCE_DIR/tests/fixtures/images/images.json" --pdfa 1b -o "$BG_WORK/images.pdf" 2>&1 |
  grep -q "jpeg-cmyk.jpg: warning: the CMYK image is converted to RGB" || fail "no warning for the converted CMYK JPEG"

# Reproducible bytes.
r="$BG_SOURCE_DIR/data/2023/report.json"
"$BAOGAO" build -q "$r" -o "$BG_WORK/a.pdf" && "$BAOGAO" build -q "$r" -o "$BG_WORK/b.pdf" || fail "builds"
cmp -s "$BG_WORK/a.pdf" "$BG_WORK/b.pdf" || fail "two builds of 2023 differ"
SOURCE_DATE_EPOCH=1700000000 "$BAOGAO" build -q "$r" -o "$BG_WORK/c.pdf" &&
  SOURCE_DATE_EPOCH=1700000000 "$BAOGAO" build -q "$r" -o "$BG_WORK/d.pdf" || fail "builds with SOURCE_DATE_EPOCH"
cmp -s "$BG_WORK/c.pdf" "$BG_WORK/d.pdf" || fail "two builds with SOURCE_DATE_EPOCH differ"
pdfinfo -isodates "$BG_WORK/c.pdf" | grep -q "CreationDate: *2023-11-14T22:13:20" || { fail "SOURCE_DATE_EPOCH not used"; pdfinfo "$BG_WORK/c.pdf"; }
pdfinfo -isodates "$BG_WORK/a.pdf" | grep -q "CreationDate: *2024-01-01T00:00:00" || fail "the report's own date not used"

# PDF/A-3u with the sources, and the round trip.
u="$BG_WORK/2023-3u.pdf"
"$BAOGAO" build -q "$r" --pdfa 3u -o "$u" || fail "build --pdfa 3u"
names=$(cd "$BG_SOURCE_DIR/data/2023" && ls images/*.png)
# shellcheck disable=SC2086
python3 "$tools/pdfa3_check.py" "$u" report.json layout.json $names || fail "PDF/A-3u checks"
"$BAOGAO" extract "$u" "$BG_WORK/extracted" >/dev/null || fail "extract"
cmp -s "$r" "$BG_WORK/extracted/report.json" || fail "extracted report.json differs from the source"
"$BAOGAO" build -q "$BG_WORK/extracted/report.json" -l "$BG_WORK/extracted/layout.json" --pdfa 3u \
  -o "$BG_WORK/2023-3u-again.pdf" || fail "rebuild from the extracted sources"
cmp -s "$u" "$BG_WORK/2023-3u-again.pdf" || fail "build -> extract -> build differs"
"$BAOGAO" extract "$BG_WORK/a.pdf" "$BG_WORK/none" 2>/dev/null && fail "extract from a file without sources succeeded"

# The build record.
"$BAOGAO" info "$BG_WORK/2023-archive.pdf" >"$BG_WORK/info.txt" || fail "info"
grep -q "built with baogao [0-9]" "$BG_WORK/info.txt" || fail "info: no version"
grep -q "PDF/A-1B" "$BG_WORK/info.txt" || fail "info: no PDF/A level"
grep -q "NotoSerifCJKsc-Regular" "$BG_WORK/info.txt" && grep -q "sha256 [0-9a-f]\{64\}" "$BG_WORK/info.txt" ||
  fail "info: no font record"
[ "$status" -eq 0 ] && echo "archive files ok"
exit $status
