#!/bin/sh
# fill.sh: how full the pages are, read back from the PDF (pdf_fill_check.py): every page
# of both years in both shipped layouts and of the pagination fixtures ends at most 3 body
# lines short, except before a forced break, a chapter that opens a page, or at the end.
# Every case box piece is closed on each side that is not a page break (case-frames).
# Prints each PDF's table of pages and empty lines. Known holes the page builder cannot
# fill yet are counted (--allow) so that the count can only go down:
#   2023 report-a4 / gbt9704: chapter 4's sections are each a paragraph and a case box
#     with a photo taller than the room left, and a float may not pass the next heading;
#   gbt9704 sets every mark a full cell and snaps body lines to the grid (issue 15): the
#     text runs longer (2023: 52 pages, not 51), which moves two more case boxes with a
#     photo to where they do not fit (2023: 8), and leaves one page of 2022 3.1 lines short;
#   tall-row: a row taller than a page starts on a new page (its slices are page-sized).
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
check 2022-a4 "$BG_SOURCE_DIR/data/2022/report.json" "$a4" 1
check 2022-grid "$BG_SOURCE_DIR/data/2022/report.json" "$grid" 1
check 2023-a4 "$BG_SOURCE_DIR/data/2023/report.json" "$a4" 7
check 2023-grid "$BG_SOURCE_DIR/data/2023/report.json" "$grid" 8
for kind in long-table case-across footnote-foot footnote-long figure-nofit box-photo-foot \
    table-note-foot caption-narrow; do
  check "$kind" "$BG_SOURCE_DIR/tests/fixtures/pagination/$kind.json" "$a4" 0
done
check tall-row "$BG_SOURCE_DIR/tests/fixtures/pagination/tall-row.json" "$a4" 1
exit $status
