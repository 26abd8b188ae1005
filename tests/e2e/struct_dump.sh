#!/bin/sh
# struct_dump.sh: the golden dump of one fixture's structure tree (issue 12), like Typst's
# pdf_tags tests. tests/fixtures/struct/report.json (contents, a section with a footnote
# and cross-references, a table with spanning header cells, a total row and a note, a
# chart and a photo, a subsection with a list and a case box) is built and its tree read
# back by poppler (pdfinfo -struct-text: element types, nesting, attributes such as
# /Scope, /ColSpan, /BBox, the text each element reaches) and by ua_check.py --texts
# (/Alt, /ID and the links' /Contents, which poppler does not show); the two together must
# equal tests/fixtures/struct/report.struct. Object numbers are left out. After an
# intended change: BG_UPDATE_GOLDEN=1 ctest -R e2e.struct_dump, and review the diff.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK"
PY=python3
$PY -c 'import pikepdf' 2>/dev/null || PY=/usr/bin/python3
dir="$BG_SOURCE_DIR/tests/fixtures/struct"
golden="$dir/report.struct"
"$BAOGAO" build -q "$dir/report.json" -o "$BG_WORK/struct.pdf" 2>/dev/null || { echo "FAIL: build"; exit 1; }
{
  pdfinfo -struct-text "$BG_WORK/struct.pdf" | sed 's/Object [0-9]* [0-9]*$/Object/'
  echo "--"
  $PY "$BG_SOURCE_DIR/tests/tools/ua_check.py" --texts "$BG_WORK/struct.pdf" | sed 's|^.*/struct.pdf: |check: |'
} >"$BG_WORK/report.struct"
if [ "${BG_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$BG_WORK/report.struct" "$golden"
  echo "updated $golden"
fi
diff -u "$golden" "$BG_WORK/report.struct" || { echo "FAIL: the structure tree differs from $golden"; exit 1; }
