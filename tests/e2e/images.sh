#!/bin/sh
# images.sh: builds tests/fixtures/images (RGB, gray and palette PNGs, copied into the
# PDF as they are, and an RGBA one that libharu re-encodes with a soft mask) and checks
# that every image's pixels are in the PDF exactly, that the PDF passes qpdf --check,
# and that each image printing below 300 dpi is named in a warning.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
dir="$BG_SOURCE_DIR/tests/fixtures/images"
pdf="$BG_WORK/images.pdf"
status=0
if ! "$BAOGAO" build "$dir/images.json" -o "$pdf" 2>"$BG_WORK/images.err"; then
  echo "FAIL: build failed"; cat "$BG_WORK/images.err"; exit 1
fi
qpdf --check "$pdf" >/dev/null || { echo "FAIL: qpdf --check"; status=1; }
python3 "$BG_SOURCE_DIR/tests/tools/pdf_image_check.py" "$pdf" "$dir"/*.png || status=1
for name in rgb gray palette rgba; do
  if ! grep -q "warning: image '$name.png' prints at 32 dpi, below the 300 dpi print needs" "$BG_WORK/images.err"; then
    echo "FAIL: no low-resolution warning for $name.png"; status=1
  fi
done
exit $status
