#!/bin/sh
# csv.sh: table data read back from the PDF. Empty cells of a number column (a blank CSV
# field, a JSON null) print blank and are left out of a computed total: the fixture's
# 1236 + (empty) + 3128 prints 合计 4,364 in both tables (valid/csv-empty.json). A CSV
# saved by Excel on Chinese Windows (GB18030, valid/csv-gbk.json) prints its school names
# and total; files with a UTF-8 BOM (report, CSV and layout, valid/bom.json) build.
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
pdf="$BG_WORK/csv-gbk.pdf"
if "$BAOGAO" build -q "$fx/valid/csv-gbk.json" -o "$pdf"; then
  text=$(pdftotext -layout "$pdf" -)
  for want in 嘉兴市秀水中等专业学校 海宁市职业高级中学 '合计  *4,364'; do
    echo "$text" | grep -q "$want" || { echo "FAIL: csv-gbk: '$want' not in the PDF"; status=1; }
  done
else
  echo "FAIL: csv-gbk: build failed"; status=1
fi
if "$BAOGAO" build -q "$fx/valid/bom.json" -l "$fx/layouts/bom.json" -o "$BG_WORK/bom.pdf"; then
  pdftotext "$BG_WORK/bom.pdf" - | grep -q 甲校 || { echo "FAIL: bom: the CSV's text is not in the PDF"; status=1; }
else
  echo "FAIL: bom: build failed"; status=1
fi
exit $status
