#!/bin/sh
# archive.sh: archive and reproducibility. Both years and fixtures with images (one with
# an alpha channel), charts, links and footnotes, built with --pdfa 1b, pass Apache PDFBox preflight
# (tests/tools/preflight.sh) and qpdf --check; the 2023 report built twice gives the
# same bytes, and so does it with SOURCE_DATE_EPOCH, whose date pdfinfo then shows;
# --pdfa 3u attaches the sources (pdfa3_check.py checks what preflight cannot), and
# build -> extract -> build gives the same bytes; baogao info prints the build record.
# A report with files in subfolders built from five working directories / path spellings
# gives one set of bytes, attached under names relative to its folder (issue 9), and its
# round trip is byte-identical; a file outside the folder cannot go into an archive.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK"
tools="$BG_SOURCE_DIR/tests/tools"
status=0
fail() { echo "FAIL: $*"; status=1; }
# archive REPORT NAME: builds NAME.pdf as PDF/A-1b and checks it with qpdf; the files are
# then validated by preflight together (one Java start instead of one per file).
archived=""
archive() {
  pdf="$BG_WORK/$2.pdf"
  "$BAOGAO" build -q "$1" --pdfa 1b -o "$pdf" || { fail "$2: build --pdfa 1b"; return; }
  qpdf --check "$pdf" >/dev/null 2>&1 || fail "$2: qpdf --check"
  archived="$archived $pdf"
}
for year in 2022 2023; do archive "$BG_SOURCE_DIR/data/$year/report.json" "$year-archive"; done
for name in figure-image charts footnotes references; do
  archive "$BG_SOURCE_DIR/tests/fixtures/valid/$name.json" "$name"
done
# An image with an alpha channel: PDF/A-1b allows no transparency; it is left out, with a warning.
archive "$BG_SOURCE_DIR/tests/fixtures/images/images.json" images
# Not again in the sanitizer build: it writes the same bytes (tests/sanitizer/builds.sh
# compares these seven files with the release build's, which preflight judged).
if [ -z "${BG_SANITIZED:-}" ]; then
  # shellcheck disable=SC2086
  sh "$tools/preflight.sh" $archived >"$BG_WORK/preflight.out" || { fail "preflight"; cat "$BG_WORK/preflight.out"; }
  [ "$(grep -c 'is a valid PDF/A-1b file' "$BG_WORK/preflight.out")" -eq 7 ] || fail "preflight judged not all 7 files"
fi
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

# Names relative to the report's folder, whatever the working directory (issue 9): a report
# with files in subfolders, two of them called photo.png, one named with ./ and ../, built
# from inside its folder, from its parent, from / by absolute path, from a subfolder and by
# a roundabout spelling: the same bytes; extract keeps the tree; the rebuild is identical.
s="$BG_WORK/tree/myschool"
mkdir -p "$s/images/a" "$s/images/b" "$s/data"
cp "$BG_SOURCE_DIR/tests/fixtures/valid/photo.png" "$s/images/a/photo.png"
cp "$BG_SOURCE_DIR/tests/fixtures/images/rgb.png" "$s/images/b/photo.png"
cp "$BG_SOURCE_DIR/tests/fixtures/valid/table-csv.csv" "$s/data/t.csv"
cat >"$s/report.json" <<'JSON'
{
  "meta": {"title": "归档", "date": "2024-01"},
  "body": [
    {"type": "figure", "id": "f-a", "caption": "甲", "image": {"src": "images/a/photo.png", "width": 0.1}},
    {"type": "figure", "id": "f-b", "caption": "乙", "image": {"src": "./images/b/../b/photo.png", "width": 0.1}},
    {"type": "table", "id": "t-csv", "caption": "在校生",
     "columns": [{"title": "学年", "format": "0"}, {"title": "在校生", "format": "0"}, {"title": "占比", "format": "0.00%"}],
     "rows": {"csv": "data/t.csv"}, "total": {"label": "合计", "values": [103752, null]}},
    {"type": "paragraph", "text": "见[@f-a]、[@f-b]、[@t-csv]。"}
  ]
}
JSON
t="$BG_WORK/tree"
(cd "$s" && "$BAOGAO" build -q report.json --pdfa 3u -o "$t/1.pdf") || fail "tree: build from inside the folder"
(cd "$t" && "$BAOGAO" build -q myschool/report.json --pdfa 3u -o "$t/2.pdf") || fail "tree: build from the parent"
(cd / && "$BAOGAO" build -q "$s/report.json" --pdfa 3u -o "$t/3.pdf") || fail "tree: build from / by absolute path"
(cd "$s/images" && "$BAOGAO" build -q ../report.json --pdfa 3u -o "$t/4.pdf") || fail "tree: build from a subfolder"
(cd "$t" && "$BAOGAO" build -q ./myschool/../myschool/report.json --pdfa 3u -o "$t/5.pdf") || fail "tree: roundabout path"
for k in 2 3 4 5; do cmp -s "$t/1.pdf" "$t/$k.pdf" || fail "tree: build $k differs from the build inside the folder"; done
python3 "$tools/pdfa3_check.py" "$t/1.pdf" report.json layout.json images/a/photo.png images/b/photo.png data/t.csv ||
  fail "tree: attachment names"
(cd "$t" && "$BAOGAO" extract 1.pdf x >/dev/null) || fail "tree: extract"
for f in report.json images/a/photo.png images/b/photo.png data/t.csv; do
  cmp -s "$s/$f" "$t/x/$f" || fail "tree: extracted $f differs"
done
(cd "$t/x" && "$BAOGAO" build -q report.json -l layout.json --pdfa 3u -o "$t/again.pdf") || fail "tree: rebuild"
cmp -s "$t/1.pdf" "$t/again.pdf" || fail "tree: build -> extract -> build differs"
# A file an archive cannot name relative to the report is refused, with its JSON path.
mkdir -p "$t/shared" && cp "$s/images/a/photo.png" "$t/shared/out.png"
sed 's|images/a/photo.png|../shared/out.png|' "$s/report.json" >"$s/outside.json"
"$BAOGAO" build -q "$s/outside.json" --allow-path "$t/shared" -o "$t/plain.pdf" || fail "tree: --allow-path build"
"$BAOGAO" build -q "$s/outside.json" --allow-path "$t/shared" --pdfa 3u -o "$t/out.pdf" 2>"$t/out.err"
[ $? -eq 1 ] || fail "tree: --pdfa 3u with a file outside the folder: exit"
grep -q "outside.json:4:.*error: a PDF/A-3 archive can only hold files named relative .*\[\$\.body\[0\]\.image\.src\]" "$t/out.err" ||
  { fail "tree: outside file message"; cat "$t/out.err"; }
# check refuses it first, with the same message.
"$BAOGAO" check -q "$s/outside.json" --allow-path "$t/shared" --pdfa 3u 2>"$t/check.err"
[ $? -eq 1 ] || fail "tree: check --pdfa 3u with a file outside the folder: exit"
grep -q "error: a PDF/A-3 archive can only hold files named relative" "$t/check.err" || { fail "tree: check message"; cat "$t/check.err"; }

# The build record.
"$BAOGAO" info "$BG_WORK/2023-archive.pdf" >"$BG_WORK/info.txt" || fail "info"
grep -q "built with baogao [0-9]" "$BG_WORK/info.txt" || fail "info: no version"
grep -q "PDF/A-1B" "$BG_WORK/info.txt" || fail "info: no PDF/A level"
grep -q "PDF/UA-1 (tagged for screen readers)" "$BG_WORK/info.txt" || fail "info: no PDF/UA claim"
grep -q "NotoSerifCJKsc-Regular" "$BG_WORK/info.txt" && grep -q "sha256 [0-9a-f]\{64\}" "$BG_WORK/info.txt" ||
  fail "info: no font record"
[ "$status" -eq 0 ] && echo "archive files ok"
exit $status
