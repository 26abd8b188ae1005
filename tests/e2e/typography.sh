#!/bin/sh
# typography.sh: builds both years with the default layout and 2023 with the GB/T 9704
# grid layout, and checks the Chinese typography rules on every page of the PDFs
# (pdf_typo_check.py): no forbidden line starts or ends, no line outside the text
# block, every non-final paragraph line flush, Han–Latin gaps within 1/8–1/2 em; and with
# the default layout, every Han–Latin gap (pdf_gap_count.py) within 1/8–1/3 em, and at
# most 3 narrower than 3/16 em: a tight line takes its shrink from all its gaps and
# punctuation evenly (before, 2022 had 43 and 2023 50 gaps squeezed below 3/16 em, 25
# and 21 of them to 1/8 em, while the punctuation beside them kept its blank).
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
status=0
check() { # report layout name
  pdf="$BG_WORK/$3.pdf"
  if ! "$BAOGAO" build -q "$1" -l "$2" -o "$pdf"; then echo "FAIL: $3: build failed"; status=1; return; fi
  python3 "$BG_SOURCE_DIR/tests/tools/pdf_typo_check.py" "$pdf" "$2" || status=1
}
for report in "$BG_SOURCE_DIR"/data/*/report.json; do
  year=$(basename "$(dirname "$report")")
  check "$report" "$BG_SOURCE_DIR/layouts/report-a4.json" "$year"
  gaps="$BG_SOURCE_DIR/tests/tools/pdf_gap_count.py"
  python3 "$gaps" "$BG_WORK/$year.pdf" || status=1
  python3 "$gaps" "$BG_WORK/$year.pdf" --min 0.1875 --allow 3 || status=1
done
check "$BG_SOURCE_DIR/data/2023/report.json" "$BG_SOURCE_DIR/layouts/gbt9704.json" 2023-gbt9704
exit $status
