#!/bin/sh
# leaders.sh: the contents' dot leaders are one path per entry (3,108 separate
# `q ... re f Q` objects made up 37% of the 2023 report's page content), and still there:
# many dots in few fills.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK" && mkdir -p "$BG_WORK"
"$BAOGAO" build -q "$BG_SOURCE_DIR/data/2023/report.json" -o "$BG_WORK/r.pdf" || { echo "FAIL: build"; exit 1; }
qpdf --stream-data=uncompress --object-streams=disable "$BG_WORK/r.pdf" "$BG_WORK/u.pdf"
python3 - "$BG_WORK/u.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
fills = len(re.findall(rb"re f\n", data))
dots = len(re.findall(rb" re\n", data))
print(f"{fills} rectangle fills, {dots + fills} rectangles in them")
ok = fills < 400 and dots > 2000
print("ok" if ok else "FAIL: leaders are not single paths of dots")
sys.exit(0 if ok else 1)
PY
