#!/bin/sh
# build_reports.sh: renders both years' reports and inspects the PDFs with real tools:
# qpdf --check passes; pdffonts lists only embedded, subset fonts with ToUnicode (no
# Type 3); pdftotext gives back every paragraph, heading, caption, cell and footnote;
# check gives no warning.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
for report in "$BG_SOURCE_DIR"/data/*/report.json; do
  year=$(basename "$(dirname "$report")")
  pdf="$BG_WORK/$year.pdf"
  rm -f "$pdf"
  # No warning at all: in particular no number typed in a sentence that a table also
  # holds (those sentences use cell references, [@t-scale:2022:在校生数（含技工学籍）]).
  "$BAOGAO" check "$report" >"$BG_WORK/$year.check" 2>&1
  if grep -q ': ok (0 warnings)$' "$BG_WORK/$year.check"; then ok; else bad "$year: check is not clean"; cat "$BG_WORK/$year.check"; fi
  if "$BAOGAO" build -q "$report" -o "$pdf"; then ok; else bad "$year: build failed"; continue; fi
  if qpdf --check "$pdf" >"$BG_WORK/$year.qpdf" 2>&1; then ok; else bad "$year: qpdf --check"; cat "$BG_WORK/$year.qpdf"; fi
  pdffonts "$pdf" >"$BG_WORK/$year.fonts"
  # Columns: name type encoding emb sub uni object ID; the last five are fixed-width.
  fonts=$(tail -n +3 "$BG_WORK/$year.fonts" | wc -l)
  good=$(tail -n +3 "$BG_WORK/$year.fonts" | awk '$(NF-4)=="yes" && $(NF-3)=="yes" && $(NF-2)=="yes" && $0 !~ /Type 3/' | wc -l)
  if [ "$fonts" -gt 0 ] && [ "$fonts" -eq "$good" ]; then ok; else bad "$year: fonts not all embedded+subset+ToUnicode"; cat "$BG_WORK/$year.fonts"; fi
  if tail -n +3 "$BG_WORK/$year.fonts" | awk '{print $1}' | grep -qv '^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]+'; then
    bad "$year: a font name lacks its subset tag"; else ok; fi
  if python3 "$BG_SOURCE_DIR/tests/tools/pdf_text_check.py" "$report" "$pdf" >"$BG_WORK/$year.text"; then ok
  else bad "$year: text missing from the PDF"; grep -v passed "$BG_WORK/$year.text" | head -20; fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
