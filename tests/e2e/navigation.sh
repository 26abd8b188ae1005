#!/bin/sh
# navigation.sh: builds both years and reads the PDFs back (pdf_nav_check.py): every
# entry of the contents and of the lists of figures, tables and cases names a page, by
# its printed label, that carries that heading or caption; the body starts at page 1;
# the bookmarks mirror the section tree; every table piece after a page break repeats
# its column titles under 续表 N.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
status=0
for report in "$BG_SOURCE_DIR"/data/*/report.json; do
  year=$(basename "$(dirname "$report")")
  pdf="$BG_WORK/$year.pdf"
  if ! "$BAOGAO" build -q "$report" -o "$pdf"; then echo "FAIL: $year: build failed"; status=1; continue; fi
  echo "== $year"
  python3 "$BG_SOURCE_DIR/tests/tools/pdf_nav_check.py" "$report" "$pdf" || status=1
  python3 "$BG_SOURCE_DIR/tests/tools/pdf_pages_check.py" continued-tables "$report" "$pdf" || status=1
done
exit $status
