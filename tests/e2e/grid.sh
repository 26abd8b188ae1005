#!/bin/sh
# grid.sh: the GB/T 9704 layout (layouts/gbt9704.json) sets body text on its character
# grid (issue 15). Builds the 2023 report and a fixture with a table, a figure, a case box
# and a list in that layout (tests/fixtures/grid/blocks.json) and reads the glyphs back from the PDFs
# (tests/tools/pdf_grid_check.py): 28 characters on every full all-Han line, every glyph
# centred in its cell, Latin runs in whole cells, every line starting at the left edge,
# every body baseline on a grid line. Prints the counts.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
PY=python3
$PY -c 'import pikepdf' 2>/dev/null || PY=/usr/bin/python3
layout="$BG_SOURCE_DIR/layouts/gbt9704.json"
mode=${BG_GRID_MODE:-}
status=0
check() { # report name
  pdf="$BG_WORK/$2.pdf"
  if ! "$BAOGAO" build -q "$1" -l "$layout" -o "$pdf"; then echo "FAIL: $2: build failed"; status=1; return; fi
  $PY "$BG_SOURCE_DIR/tests/tools/pdf_grid_check.py" "$pdf" "$layout" --name "$2" $mode || status=1
}
check "$BG_SOURCE_DIR/data/2023/report.json" 2023
check "$BG_SOURCE_DIR/tests/fixtures/grid/blocks.json" grid-blocks

# The lists of figures, tables and cases and the captions space 图 1 and 图 10 alike (on
# the grid "10" filled its cell beside 图 while "1" sat centred in one:
# tests/tools/pdf_label_check.py measures the gap in every label).
$PY "$BG_SOURCE_DIR/tests/tools/pdf_label_check.py" "$BG_WORK/2023.pdf" --name 2023 || status=1
# A case box's text starts on the grid line after its title (a space under the title
# pushed it down a whole blank line), and a box opening a page has its title on the first
# grid line (its padding pushed it to the second).
$PY "$BG_SOURCE_DIR/tests/tools/pdf_case_title_check.py" "$BG_WORK/2023.pdf" --name 2023 || status=1

# Cross-references to sections print the full path where a bare number is ambiguous:
# 第一部分（一） in the GB/T 9704 layout (its headings' "ref"), never "第 （一） 节"; a
# layout without "ref" whose numbers do not hold their parents' prints the path 一（一）.
refs() { # layout name
  pdf="$BG_WORK/refs-$2.pdf"
  (cd "$BG_SOURCE_DIR/tests/fixtures/valid" && "$BAOGAO" build -q references.json -l "$1" -o "$pdf" 2>/dev/null) ||
    { echo "FAIL: references.json in $2: build failed"; status=1; return; }
  pdftotext "$pdf" - | tr -d ' \n'
}
text=$(refs "$layout" gbt9704)
case $text in
  *参见第一部分、第一部分（一）、*) echo "refs: ok (第一部分、第一部分（一）)" ;;
  *) echo "FAIL: section references in gbt9704 are not 第一部分 / 第一部分（一）: $text"; status=1 ;;
esac
case $text in *第（一）节*|*第一、节*) echo "FAIL: a bare section number in a reference"; status=1 ;; esac
cat >"$BG_WORK/noref.json" <<'JSON'
{"headings": [{"numbering": "{1:cn}、"}, {"numbering": "（{2:cn}）"}]}
JSON
text=$(refs "$BG_WORK/noref.json" noref)
case $text in
  *参见第一节、一（一）、*) echo "refs: ok (default path 一（一）)" ;;
  *) echo "FAIL: a level-2 reference without ref is not the path 一（一）: $text"; status=1 ;;
esac
exit $status
