#!/bin/sh
# sides.sh: right- and left-hand pages read back from the PDF (pdf_sides_check.py): both
# years in both shipped layouts and with chapters opening on rectos — odd pages carry the
# inner margin on the left, folio i and folio 1 fall on odd pages, the cover's back and
# the pages left blank before a recto are empty.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
tools="$BG_SOURCE_DIR/tests/tools"
status=0
for year in 2022 2023; do
  for layout in report-a4 gbt9704 chapters-recto; do
    lj="$BG_SOURCE_DIR/layouts/$layout.json"
    [ -f "$lj" ] || lj="$BG_SOURCE_DIR/tests/fixtures/pagination/$layout.layout.json"
    pdf="$BG_WORK/$year-$layout.pdf"
    if ! "$BAOGAO" build -q "$BG_SOURCE_DIR/data/$year/report.json" -l "$lj" -o "$pdf"; then
      echo "FAIL: $year $layout: build failed"; status=1; continue
    fi
    python3 "$tools/pdf_sides_check.py" "$pdf" "$lj" || status=1
  done
done
exit $status
