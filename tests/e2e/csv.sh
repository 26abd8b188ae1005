#!/bin/sh
# csv.sh: table data read back from the PDF. Empty cells of a number column (a blank CSV
# field, a JSON null) print blank and are left out of a computed total: the fixture's
# 1236 + (empty) + 3128 prints 合计 4,364 in both tables (valid/csv-empty.json).
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
status=0
fx="$BG_SOURCE_DIR/tests/fixtures"
pdf="$BG_WORK/csv-empty.pdf"
if "$BAOGAO" build -q "$fx/valid/csv-empty.json" -o "$pdf"; then
  n=$(pdftotext -layout "$pdf" - | grep -c '^合计  *4,364$')
  [ "$n" -eq 2 ] || { echo "FAIL: csv-empty: $n of 2 totals print 4,364"; pdftotext -layout "$pdf" - | grep 合计; status=1; }
else
  echo "FAIL: csv-empty: build failed"; status=1
fi
exit $status
