#!/bin/sh
# pagination.sh: builds the hard cases of tests/fixtures/pagination/ (a table over more
# than two pages, a case box across a page break, notes at the foot of full pages, a
# note continued overleaf, a figure that does not fit, a row taller than a page, notes
# numbered per page, chapters opening on right-hand pages, 2022's grouped table headers)
# and checks each PDF for what the
# case is about (pdf_pages_check.py), for the typography rules and the text block
# (pdf_typo_check.py), and that the tall row is reported by a warning naming the row.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
tools="$BG_SOURCE_DIR/tests/tools"
layout="$BG_SOURCE_DIR/layouts/report-a4.json"
status=0
for kind in long-table case-across footnote-foot footnote-long figure-nofit tall-row box-photo-foot \
    float-chapter table-note-foot caption-narrow caption-name; do
  json="$BG_SOURCE_DIR/tests/fixtures/pagination/$kind.json"
  pdf="$BG_WORK/$kind.pdf"
  if ! "$BAOGAO" build "$json" -o "$pdf" 2>"$BG_WORK/$kind.err"; then
    echo "FAIL: $kind: build failed"; cat "$BG_WORK/$kind.err"; status=1; continue
  fi
  python3 "$tools/pdf_pages_check.py" "$kind" "$pdf" || status=1
  python3 "$tools/pdf_pages_check.py" continued-tables "$json" "$pdf" >/dev/null || status=1
  python3 "$tools/pdf_typo_check.py" "$pdf" "$layout" || status=1
done
pdf="$BG_WORK/notes-per-page.pdf"
if "$BAOGAO" build -q "$BG_SOURCE_DIR/tests/fixtures/pagination/footnote-foot.json" \
    -l "$BG_SOURCE_DIR/tests/fixtures/pagination/notes-per-page.layout.json" -o "$pdf"; then
  python3 "$tools/pdf_pages_check.py" notes-per-page "$pdf" || status=1
else
  echo "FAIL: notes-per-page: build failed"; status=1
fi
# Every note's text starts at one x, its number in a box of fixed width (notes-x), in
# both fixtures with notes and in 2023; with footnotes.style "circled" the numbers are
# ①②③ from ① on every page, in the marks and the notes.
for kind in footnote-foot footnote-long; do
  python3 "$tools/pdf_pages_check.py" note-x "$BG_WORK/$kind.pdf" || status=1
done
pdf="$BG_WORK/2023.pdf"
if "$BAOGAO" build -q "$BG_SOURCE_DIR/data/2023/report.json" -o "$pdf"; then
  python3 "$tools/pdf_pages_check.py" note-x "$pdf" || status=1
else
  echo "FAIL: 2023: build failed"; status=1
fi
pdf="$BG_WORK/notes-circled.pdf"
if "$BAOGAO" build -q "$BG_SOURCE_DIR/tests/fixtures/pagination/footnote-foot.json" \
    -l "$BG_SOURCE_DIR/tests/fixtures/pagination/notes-circled.layout.json" -o "$pdf"; then
  python3 "$tools/pdf_pages_check.py" note-x --circled "$pdf" || status=1
else
  echo "FAIL: notes-circled: build failed"; status=1
fi
pdf="$BG_WORK/chapters-recto.pdf"
if "$BAOGAO" build -q "$BG_SOURCE_DIR/data/2022/report.json" \
    -l "$BG_SOURCE_DIR/tests/fixtures/pagination/chapters-recto.layout.json" -o "$pdf"; then
  python3 "$tools/pdf_pages_check.py" chapters-recto "$pdf" || status=1
else
  echo "FAIL: chapters-recto: build failed"; status=1
fi
pdf="$BG_WORK/2022.pdf" # grouped table headers: 表 6 and 表 7
if "$BAOGAO" build -q "$BG_SOURCE_DIR/data/2022/report.json" -o "$pdf"; then
  python3 "$tools/pdf_pages_check.py" table-groups "$pdf" || status=1
else
  echo "FAIL: 2022: build failed"; status=1
fi
want="tall-row.json:37:8: warning: table row 2 is taller than a page; it is split across pages [\$.body[0].children[1].rows[1][0]]"
if ! grep -qF "$want" "$BG_WORK/tall-row.err"; then
  echo "FAIL: no warning naming the tall row; got:"; cat "$BG_WORK/tall-row.err"; status=1
fi
exit $status
