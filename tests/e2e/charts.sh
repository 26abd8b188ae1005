#!/bin/sh
# charts.sh: builds the hard chart cases of tests/fixtures/charts (bars from 1 to 10^6
# with long category names, a line chart with close values, a pie with a 1 % slice,
# several series of every kind, negative values; edges.json) with the shipped layout, with
# a layout that prints values instead of an axis in its own greys, and for a CMYK print
# run, and 图 1 of the 2023 report, and charts drawn from percentage and grouped columns,
# and a chart pagination scaled down, and reads them back (pdf_chart_check.py): no two
# labels overlap or touch, ticks are round 1-2-5 steps in the Latin face, plots and pies
# are centred in the column, pie percentages add up to 100 with leader lines to small
# slices, fills differ in greyscale. A layout whose neighbouring chart colours look alike
# in greyscale gets a warning naming the colour; a CMYK print run gets no RGB colour.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
dir="$BG_SOURCE_DIR/tests/fixtures/charts"
check="$BG_SOURCE_DIR/tests/tools/pdf_chart_check.py"
status=0

build() { # name report [layout]
  name=$1 json=$2 pdf="$BG_WORK/$1.pdf"
  shift 2
  if ! "$BAOGAO" build "$json" "$@" -o "$pdf" 2>"$BG_WORK/$name.err"; then
    echo "FAIL: $name: build failed"; cat "$BG_WORK/$name.err"; status=1; return 1
  fi
  if grep -q "error\|warning" "$BG_WORK/$name.err"; then
    echo "FAIL: $name: unexpected diagnostics"; cat "$BG_WORK/$name.err"; status=1
  fi
}

# The shipped layout: axis and values; 4 tick columns (the pies have none), 4 plots, 3 pies.
if build charts "$dir/charts.json"; then
  python3 "$check" "$BG_WORK/charts.pdf" --ticks 4 --plots 4 --pies 3 || status=1
fi
# A chart drawn from a table prints its values as the table's columns do: 99.54% (not
# 0.9954) with a per-cent axis for a 0.00% column, 14,977 on a 14,000 / 15,000 axis for #,##0.
if build percent "$BG_SOURCE_DIR/tests/fixtures/charts/percent.json"; then
  pdftotext "$BG_WORK/percent.pdf" - | tr -s ' \n' '\n\n' >"$BG_WORK/percent.words"
  for w in 99.30% 99.54% 0% 100% 14,171 14,977 14,000 15,000; do
    grep -qx -- "$w" "$BG_WORK/percent.words" || { echo "FAIL: percent: no '$w' in the charts"; status=1; }
  done
  if grep -qx -- "0.9954\|1.0\|14977\|15000" "$BG_WORK/percent.words"; then
    echo "FAIL: percent: a chart prints a raw number instead of the column's format"; status=1
  fi
fi
# Values only: no tick column, no vertical axis, no gridline.
if build charts-values "$dir/charts.json" -l "$dir/values.layout.json"; then
  python3 "$check" "$BG_WORK/charts-values.pdf" --ticks 0 --plots 4 --pies 3 || status=1
  qpdf --qdf --object-streams=disable "$BG_WORK/charts-values.pdf" "$BG_WORK/charts-values.qdf.pdf"
  if grep -a -q "^0.8 G" "$BG_WORK/charts-values.qdf.pdf"; then
    echo "FAIL: charts-values: gridlines drawn although every value is printed"; status=1
  fi
fi
# A CMYK print run (with bleed, so the drawing is translated): the default colours in CMYK.
if build charts-cmyk "$dir/charts.json" -l "$BG_SOURCE_DIR/tests/fixtures/pagination/print-cmyk.layout.json"; then
  python3 "$check" "$BG_WORK/charts-cmyk.pdf" --ticks 4 --plots 4 --pies 3 || status=1
  qpdf --qdf --object-streams=disable "$BG_WORK/charts-cmyk.pdf" "$BG_WORK/charts-cmyk.qdf.pdf"
  if grep -a -q " rg$\| RG$" "$BG_WORK/charts-cmyk.qdf.pdf"; then
    echo "FAIL: charts-cmyk: RGB colour in a CMYK print file"; status=1
  fi
fi
# Edges: one point, only negative bars, only zeros, thirty long categories (every k-th
# label), values from 1 to 10^9, from -10^300 to 10^300 and +-10^308, ticks in
# ten-thousandths, values too large for their differences (10^17 + 1).
if build edges "$dir/edges.json"; then
  python3 "$check" "$BG_WORK/edges.pdf" --plots 8 || status=1
fi
# 图 1 of the 2023 report, on whatever page it lands.
if build report-2023 "$BG_SOURCE_DIR/data/2023/report.json" -q; then
  pages=$(pdfinfo "$BG_WORK/report-2023.pdf" | sed -n 's/^Pages: *//p')
  p=1 fig=""
  while [ "$p" -le "$pages" ]; do
    text=$(pdftotext -f "$p" -l "$p" "$BG_WORK/report-2023.pdf" -)
    case $text in *嘉兴市中职学校师资队伍情况*行业导师*|*行业导师*嘉兴市中职学校师资队伍情况*) fig=$p; break ;; esac
    p=$((p + 1))
  done
  if [ -z "$fig" ]; then
    echo "FAIL: report-2023: 图 1 not found"; status=1
  else
    python3 "$check" "$BG_WORK/report-2023.pdf" --pages "$fig-$fig" --ticks 1 --plots 1 || status=1
  fi
fi
# A chart pagination scales down is laid out again narrower, its labels at their size:
# 2023 in gbt9704 sets 图 1 scaled at the foot of the page its section's text is on,
# before chapter 二. Its labels stay apart and centred, no label is smaller than the
# layout's small size, and its gridlines are shorter than with figures.min_scale 1 (never
# scaled).
report="$BG_SOURCE_DIR/data/2023/report.json"
grid="$BG_SOURCE_DIR/layouts/gbt9704.json"
python3 -c 'import json, sys; l = json.load(open(sys.argv[1])); l.setdefault("figures", {})["min_scale"] = 1
json.dump(l, open(sys.argv[2], "w"), ensure_ascii=False)' "$grid" "$BG_WORK/noscale.layout.json"
if "$BAOGAO" build -q "$report" -l "$grid" -o "$BG_WORK/scaled.pdf" 2>/dev/null &&
    "$BAOGAO" build -q "$report" -l "$BG_WORK/noscale.layout.json" -o "$BG_WORK/noscale.pdf" 2>/dev/null; then
  fig4() { # PDF: the page with 图 1 (its caption and its bar values)
    n=$(pdfinfo "$1" | sed -n 's/^Pages: *//p') k=1
    while [ "$k" -le "$n" ]; do
      t=$(pdftotext -f "$k" -l "$k" "$1" -)
      case $t in *嘉兴市中职学校师资队伍情况*) case $t in *3390*行业导师*|*行业导师*3390*) echo "$k"; return ;; esac ;; esac
      k=$((k + 1))
    done
  }
  a=$(fig4 "$BG_WORK/scaled.pdf") b=$(fig4 "$BG_WORK/noscale.pdf")
  if [ -z "$a" ] || [ -z "$b" ]; then
    echo "FAIL: scaled chart: 图 1 not found"; status=1
  else
    python3 "$check" "$BG_WORK/scaled.pdf" --pages "$a-$a" --ticks 1 --plots 1 || status=1
    python3 - "$BG_WORK/scaled.pdf" "$a" "$BG_WORK/noscale.pdf" "$b" "$BG_SOURCE_DIR/tests/tools" <<'PY' || status=1
import collections
import sys
sys.path.insert(0, sys.argv[5])
import pdfpages
def chart(pdf, n):
    pg = pdfpages.load(pdf)[int(n) - 1]
    # the gridlines: the largest set of long horizontal lines sharing their ends (not a
    # table's three rules on the same page)
    ends = collections.Counter((round(m.x0, 1), round(m.x1, 1)) for m in pg.marks
                               if m.kind == "line" and abs(m.y1 - m.y0) < 0.01 and m.x1 - m.x0 > 200)
    (x0, x1), _ = ends.most_common(1)[0]
    return x1 - x0, min(m.size for m in pg.marks if m.kind == "text" and m.size > 10)
(ws, ss), (wn, sn) = chart(sys.argv[1], sys.argv[2]), chart(sys.argv[3], sys.argv[4])
print(f"scaled chart: gridlines {ws:.1f} pt (unscaled {wn:.1f}), smallest label {ss:g} pt (unscaled {sn:g})")
if not ws < wn - 5:
    sys.exit("FAIL: scaled chart: not narrower than unscaled")
if ss < sn - 0.01:
    sys.exit("FAIL: scaled chart: labels set smaller")
PY
  fi
else
  echo "FAIL: scaled chart: build failed"; status=1
fi
# Colours a greyscale print cannot tell apart: a located warning.
"$BAOGAO" build "$dir/charts.json" -l "$dir/close-colors.layout.json" -o "$BG_WORK/close.pdf" >"$BG_WORK/close.out" 2>&1
if ! grep -q "close-colors.layout.json:[0-9]*:[0-9]*: warning: chart colours 1 and 2 differ by only 0.06 in lightness" "$BG_WORK/close.out"; then
  echo "FAIL: no warning for chart colours alike in greyscale"; cat "$BG_WORK/close.out"; status=1
fi
exit $status
