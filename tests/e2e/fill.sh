#!/bin/sh
# fill.sh: how full the pages are, read back from the PDF (pdf_fill_check.py): every page
# of both years and of the fixture reports in both shipped layouts and of the pagination
# fixtures ends at most 3 body lines short, except before a forced break, a chapter that opens a page, at the end, or
# before headings that could not stay on the page with the lines they keep (the tool
# prints "N headings keep M lines" or "case title keeps M lines" with the height needed:
# 2022 gbt9704 p. 11, 2023 gbt9704 p. 29 (案例 9, a two-line title), qinghe report-a4
# p. 7; a box whose photo is set under its title: "case title keeps its photo").
# Every case box piece is closed on each side that is not a page break (case-frames).
# Prints each PDF's table of pages and empty lines. Known holes the page builder cannot
# fill yet are counted (--allow) so that the count can only go down (none now).
# Full since a chart scales like a photo: qinghe (tests/fixtures/reports) gbt9704 p. 11
# (9.0 lines; 图 4 and the photo 图 5 before chapter 二 now share a scale) and pp. 15-16
# (6.4 and 5.0 lines, 案例 2 cut before its chart, now under its title). Full since a
# float before a heading goes to the foot of its page, scaled, with its text continued
# after it: 2023 gbt9704 p. 13 (4.9 lines; 图 1 waited before chapter 二). Full since
# the space above a table or figure right after another space is not added to it (the
# larger is kept) and a case title has no space under it on a grid: qinghe gbt9704 p. 10
# (4.0 lines; 图 4, a chart, waited before (2) 康复环境: now p. 9 takes chapter 二's
# headings and 图 4 fits on p. 10) and p. 14 (4.1 lines before 案例 2).
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
tools="$BG_SOURCE_DIR/tests/tools"
status=0
check() { # NAME JSON LAYOUT ALLOW
  pdf="$BG_WORK/$1.pdf"
  if ! "$BAOGAO" build -q "$2" -l "$3" -o "$pdf"; then
    echo "FAIL: $1: build failed"; status=1; return
  fi
  python3 "$tools/pdf_fill_check.py" "$pdf" "$3" --allow "$4" || status=1
  python3 "$tools/pdf_pages_check.py" case-frames "$pdf" || status=1
}
a4="$BG_SOURCE_DIR/layouts/report-a4.json"
grid="$BG_SOURCE_DIR/layouts/gbt9704.json"
check 2022-a4 "$BG_SOURCE_DIR/data/2022/report.json" "$a4" 0
check 2022-grid "$BG_SOURCE_DIR/data/2022/report.json" "$grid" 0
check 2023-a4 "$BG_SOURCE_DIR/data/2023/report.json" "$a4" 0
check 2023-grid "$BG_SOURCE_DIR/data/2023/report.json" "$grid" 0
for r in "$BG_SOURCE_DIR"/tests/fixtures/reports/*/report.json; do
  name=$(basename "$(dirname "$r")")
  check "$name-a4" "$r" "$a4" 0
  check "$name-grid" "$r" "$grid" 0
done
for kind in long-table case-across footnote-foot footnote-long figure-nofit box-photo-foot \
    table-note-foot caption-narrow caption-name; do
  check "$kind" "$BG_SOURCE_DIR/tests/fixtures/pagination/$kind.json" "$a4" 0
done
check tall-row "$BG_SOURCE_DIR/tests/fixtures/pagination/tall-row.json" "$a4" 0
# A chart before a chapter heading it may not pass goes to the foot of its page, scaled,
# the paragraph before it continuing overleaf (tests/fixtures/pagination/float-foot.json).
check float-foot "$BG_SOURCE_DIR/tests/fixtures/pagination/float-foot.json" "$grid" 0
python3 "$tools/pdf_pages_check.py" float-foot "$BG_WORK/float-foot.pdf" || status=1
# The heading rule allows no more than it says: after a forced break the headings and
# the lines they keep would have fitted, so the short page is refused.
pdf="$BG_WORK/heading-short.pdf"
if "$BAOGAO" build -q "$BG_SOURCE_DIR/tests/fixtures/pagination/heading-short.json" -l "$a4" -o "$pdf" &&
    python3 "$tools/pdf_fill_check.py" "$pdf" "$a4" >"$BG_WORK/heading-short.txt"; then
  echo "FAIL: heading-short: a page the next headings would have fitted on is allowed"; status=1
elif ! grep -q '^ *1 1 .*FAIL$' "$BG_WORK/heading-short.txt"; then
  echo "FAIL: heading-short: page 1 not refused"; cat "$BG_WORK/heading-short.txt"; status=1
fi
exit $status
