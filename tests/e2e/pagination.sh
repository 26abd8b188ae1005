#!/bin/sh
# pagination.sh: builds the hard cases of tests/fixtures/pagination/ (a table over more
# than two pages, a case box across a page break, notes at the foot of full pages, a
# figure that does not fit, a row taller than a page) and checks each PDF for what the
# case is about (pdf_pages_check.py), for the typography rules and the text block
# (pdf_typo_check.py), and that the tall row is reported by a warning naming the row.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
tools="$BG_SOURCE_DIR/tests/tools"
layout="$BG_SOURCE_DIR/layouts/report-a4.json"
status=0
for kind in long-table case-across footnote-foot figure-nofit tall-row; do
  json="$BG_SOURCE_DIR/tests/fixtures/pagination/$kind.json"
  pdf="$BG_WORK/$kind.pdf"
  if ! "$BAOGAO" build "$json" -o "$pdf" 2>"$BG_WORK/$kind.err"; then
    echo "FAIL: $kind: build failed"; cat "$BG_WORK/$kind.err"; status=1; continue
  fi
  python3 "$tools/pdf_pages_check.py" "$kind" "$pdf" || status=1
  python3 "$tools/pdf_typo_check.py" "$pdf" "$layout" || status=1
done
want="tall-row.json: \$.body[0].children[1].rows[1][0]: warning: table row 2 is taller than a page; it is split across pages"
if ! grep -qF "$want" "$BG_WORK/tall-row.err"; then
  echo "FAIL: no warning naming the tall row; got:"; cat "$BG_WORK/tall-row.err"; status=1
fi
exit $status
