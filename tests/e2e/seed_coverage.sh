#!/bin/sh
# seed_coverage.sh: nothing of the source reports is lost. For each year, every sentence
# of tests/seeds/<year>.txt is in data/<year>/report.json (white space and markup aside,
# recorded corrections applied) and in the text of the PDF built from it
# (tests/tools/seed_coverage.py).
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
status=0
for seed in "$BG_SOURCE_DIR"/tests/seeds/*.txt; do
  year=$(basename "$seed" .txt)
  report="$BG_SOURCE_DIR/data/$year/report.json"
  pdf="$BG_WORK/$year.pdf"
  if ! "$BAOGAO" build -q "$report" -o "$pdf"; then echo "FAIL: $year: build failed"; status=1; continue; fi
  python3 "$BG_SOURCE_DIR/tests/tools/seed_coverage.py" "$seed" "$report" "$pdf" || status=1
done
exit $status
