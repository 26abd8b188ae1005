#!/bin/sh
# print.sh: files for the print shop. A layout with 3 mm bleed and CMYK colours
# (tests/fixtures/pagination/print-cmyk.layout.json), built with --marks --pad 4: every
# page has a TrimBox of the A4 page, a BleedBox 3 mm larger and a MediaBox holding the
# crop marks (pdfinfo -box); the page count is a multiple of 4 and the added pages are
# blank; links and bookmarks still land on their pages; CMYK colours are written as
# such; an RGB image is named in a warning. Without a bleed the boxes are the page.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
status=0
fail() { echo "FAIL: $*"; status=1; }
layout="$BG_SOURCE_DIR/tests/fixtures/pagination/print-cmyk.layout.json"
report="$BG_SOURCE_DIR/data/2022/report.json"
pdf="$BG_WORK/print.pdf"
"$BAOGAO" build -q "$report" -l "$layout" --marks --pad 4 -o "$pdf" || { fail "build"; exit 1; }
qpdf --check "$pdf" >/dev/null 2>&1 || fail "qpdf --check"
pdfinfo -box -f 1 -l 999 "$pdf" >"$BG_WORK/boxes.txt"
python3 - "$BG_WORK/boxes.txt" <<'PY' || status=1
import re, sys
text = open(sys.argv[1]).read()
mm = 72 / 25.4
boxes = {}
for page, kind, *v in re.findall(r"Page\s+(\d+)\s+(MediaBox|TrimBox|BleedBox):\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", text):
    boxes.setdefault(int(page), {})[kind] = [float(x) for x in v]
bad = 0
for page, b in sorted(boxes.items()):
    t, bl, m = b["TrimBox"], b["BleedBox"], b["MediaBox"]
    ok = abs(t[2] - t[0] - 595.28) < 0.1 and abs(t[3] - t[1] - 841.89) < 0.1
    ok = ok and all(abs(bl[i] - (t[i] + (3 * mm if i >= 2 else -3 * mm))) < 0.1 for i in range(4))
    ok = ok and m[0] < bl[0] - 5 * mm and m[2] > bl[2] + 5 * mm  # room for the marks
    if not ok:
        bad += 1
        print(f"FAIL: page {page}: boxes {b}")
print(f"{len(boxes)} pages with trim, bleed and media boxes" if not bad else f"{bad} pages with wrong boxes")
sys.exit(1 if bad or not boxes else 0)
PY
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
[ $((pages % 4)) -eq 0 ] || fail "$pages pages is not a multiple of 4"
plain=$("$BAOGAO" build -q "$report" -o "$BG_WORK/plain.pdf" && pdfinfo "$BG_WORK/plain.pdf" | awk '/^Pages:/ {print $2}')
i=$((plain + 1))
while [ "$i" -le "$pages" ]; do
  [ -z "$(pdftotext -f "$i" -l "$i" "$pdf" - | tr -d ' \n\f')" ] || fail "padding page $i is not blank"
  i=$((i + 1))
done
python3 "$BG_SOURCE_DIR/tests/tools/pdf_nav_check.py" "$report" "$pdf" >/dev/null || fail "navigation in the print file"
# the case boxes of 2023 are framed and filled in the layout's CMYK colours
"$BAOGAO" build -q "$BG_SOURCE_DIR/data/2023/report.json" -l "$layout" -o "$BG_WORK/cases.pdf" || fail "build 2023"
qpdf --qdf --object-streams=disable "$BG_WORK/cases.pdf" "$BG_WORK/qdf.pdf" 2>/dev/null
grep -a -q "^0.05 0 0 0.03 k$" "$BG_WORK/qdf.pdf" || fail "the CMYK case fill is not written as CMYK"
"$BAOGAO" build "$BG_SOURCE_DIR/tests/fixtures/valid/figure-image.json" -l "$layout" -o "$BG_WORK/rgb.pdf" 2>"$BG_WORK/rgb.err"
grep -q "image 'photo.png' is RGB but the layout prints CMYK" "$BG_WORK/rgb.err" || fail "no RGB warning"
pdfinfo -box "$BG_WORK/plain.pdf" | grep -q "TrimBox: *0.00 *0.00 *595.28 *841.89" || fail "plain file: TrimBox"
exit $status
