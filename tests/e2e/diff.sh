#!/bin/sh
# diff.sh: `baogao diff` on builds of tests/fixtures/diff (see its make.py) compared with
# exact expected output: one CSV number corrected (one page changed, the cell named), a
# sentence that reflows three pages, a table added (a page added, the later pages moved),
# and the same table case on copies without baogao's /PieceInfo (the text fallback);
# --pages; exit 0 when nothing changed, 1 when something did, 2 bad usage, 3 unreadable.
# The PDFs record one digest per page (read back with qpdf here, not only by baogao).
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK"
status=0
fail() { echo "FAIL: $*"; status=1; }
fixtures="$BG_SOURCE_DIR/tests/fixtures/diff"
cd "$BG_WORK" || exit 1
for v in base number reflow table; do
  "$BAOGAO" build -q "$fixtures/$v/report.json" -o "$v.pdf" || fail "build $v"
done

# Every page carries /PieceInfo /Baogao /Private with two 64-digit digests.
qpdf --check base.pdf >/dev/null 2>&1 || fail "qpdf --check base.pdf"
pages=$(pdfinfo base.pdf | sed -n 's/^Pages: *//p')
digests=$(qpdf --qdf --object-streams=disable base.pdf - | grep -c "/Content ([0-9a-f]\{64\})")
[ "$digests" = "$pages" ] || fail "$digests page digests for $pages pages"

# The same pages of another PDF: the /PieceInfo keys renamed (same length, offsets kept).
foreign() { qpdf --qdf --object-streams=disable "$1.pdf" - | sed 's|/PieceInfo|/PieceInfX|g' >"$1-foreign.pdf"; }
foreign base
foreign table

check() { # old new expected-exit expected-file
  "$BAOGAO" diff "$1.pdf" "$2.pdf" >"$2.out" 2>"$2.err"
  rc=$?
  [ $rc -eq "$3" ] || fail "diff $1 $2: exit $rc, not $3"
  if ! cmp -s "$2.out" "$fixtures/$4"; then
    fail "diff $1 $2 differs from $4:"
    diff -u "$fixtures/$4" "$2.out" | head -40
  fi
  [ ! -s "$2.err" ] || fail "diff $1 $2 wrote to stderr: $(cat "$2.err")"
}
check base number 1 number.expected
check base reflow 1 reflow.expected
check base table 1 table.expected
check base-foreign table-foreign 1 table-foreign.expected
check base base 0 same.expected

[ "$("$BAOGAO" diff --pages base.pdf number.pdf)" = "1" ] || fail "--pages number"
[ "$("$BAOGAO" diff --pages base.pdf reflow.pdf)" = "2-4" ] || fail "--pages reflow"
[ "$("$BAOGAO" diff --pages base.pdf table.pdf)" = "1-7" ] || fail "--pages table"
out=$("$BAOGAO" diff --pages base.pdf base.pdf); rc=$?
[ $rc -eq 0 ] && [ -z "$out" ] || fail "--pages on the same file: exit $rc, '$out'"

"$BAOGAO" diff base.pdf >/dev/null 2>&1; [ $? -eq 2 ] || fail "one file: not exit 2"
"$BAOGAO" diff base.pdf missing.pdf >/dev/null 2>"missing.err"; [ $? -eq 3 ] || fail "missing file: not exit 3"
grep -q "^missing.pdf: error: cannot read: " missing.err || fail "missing file: $(cat missing.err)"
printf 'not a PDF\n' >junk.pdf
"$BAOGAO" diff junk.pdf base.pdf >/dev/null 2>&1; [ $? -eq 3 ] || fail "not a PDF: not exit 3"
exit $status
