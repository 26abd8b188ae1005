#!/bin/sh
# tags.sh: the tagged PDF (issue 12). Both years in both layouts and every valid fixture
# pass tests/tools/ua_check.py (the machine-checkable Matterhorn conditions, read with
# pikepdf) with 0 failures and declare PDF/UA-1; poppler's pdfinfo -struct-text reads
# every heading, paragraph, list item, caption and note of both reports back as an
# element of its own, in the report's order (pdf_struct_check.py); the tags change
# nothing pdftotext reads and nothing on the pages but BDC/EMC (pdf_marked_only.py); --no-tags writes the untagged file (and pdfinfo says so); a
# figure whose alt is empty on purpose gets a warning and the file no pdfuaid; --pdfa 1a
# and 3a are tagged archives that PDFBox preflight (1a) and pdfa3_check.py (3a) accept.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK"
tools="$BG_SOURCE_DIR/tests/tools"
PY=python3
$PY -c 'import pikepdf' 2>/dev/null || PY=/usr/bin/python3
status=0
fail() { echo "FAIL: $*"; status=1; }
# ua FILE: FILE goes to ua_check.py, which judges all of them in one run at the end (it
# names the file of every failure; one Python with pikepdf instead of one per file).
uafiles=""
ua() { uafiles="$uafiles $1"; }

# Both years, both layouts.
for year in 2022 2023; do
  r="$BG_SOURCE_DIR/data/$year/report.json"
  for layout in "$BG_SOURCE_DIR"/layouts/*.json; do
    pdf="$BG_WORK/$year-$(basename "$layout" .json).pdf"
    "$BAOGAO" build -q "$r" -l "$layout" -o "$pdf" || { fail "build $year with $layout"; continue; }
    ua "$pdf"
    pdfinfo "$pdf" | grep -q "^Tagged: *yes" || fail "$pdf: pdfinfo does not say Tagged: yes"
  done
  pdf="$BG_WORK/$year.pdf"
  "$BAOGAO" build -q "$r" -o "$pdf" || { fail "build $year"; continue; }
  $PY "$tools/pdf_struct_check.py" "$r" "$pdf" >"$BG_WORK/$year.struct" ||
    { fail "$year: structure does not read back in order"; cat "$BG_WORK/$year.struct"; }
  # The tags add marked content only: the text read is the same as without them.
  "$BAOGAO" build -q "$r" --no-tags -o "$BG_WORK/$year-untagged.pdf" || fail "build $year --no-tags"
  pdfinfo "$BG_WORK/$year-untagged.pdf" | grep -q "^Tagged: *no" || fail "$year --no-tags is tagged"
  pdftotext -enc UTF-8 "$pdf" "$BG_WORK/$year.txt" && pdftotext -enc UTF-8 "$BG_WORK/$year-untagged.pdf" "$BG_WORK/$year-untagged.txt"
  cmp -s "$BG_WORK/$year.txt" "$BG_WORK/$year-untagged.txt" || fail "$year: pdftotext reads other text with tags"
  $PY "$tools/ua_check.py" "$BG_WORK/$year-untagged.pdf" >/dev/null 2>&1 && fail "ua_check accepts an untagged file"
  # Page layout untouched: the content streams differ by marked-content operators only.
  $PY "$tools/pdf_marked_only.py" "$pdf" "$BG_WORK/$year-untagged.pdf" >"$BG_WORK/$year.marked" ||
    { fail "$year: tagging changed the page content"; cat "$BG_WORK/$year.marked"; }
done

# Every valid fixture (arguments as check_fixtures.sh gives them, from the fixture folder).
cd "$BG_SOURCE_DIR/tests/fixtures/valid" || exit 1
for json in *.json; do
  name=${json%.json}
  args=; [ -f "$name.args" ] && args=$(cat "$name.args")
  # shellcheck disable=SC2086 # args is a word list on purpose
  "$BAOGAO" build -q $args "$json" -o "$BG_WORK/fixture-$name.pdf" 2>/dev/null || { fail "build fixture $name"; continue; }
  ua "$BG_WORK/fixture-$name.pdf"
done
cd "$BG_WORK" || exit 1
# A chart's text alternative states its data, every series of every label.
$PY "$tools/ua_check.py" --texts "$BG_WORK/fixture-charts.pdf" >"$BG_WORK/charts.texts" 2>&1
for alt in "柱状图：专任教师 3390 人，双师型 1844 人，行业导师 265 人。" \
  "折线图：2021：在校生 52266，招生 18100；2022：在校生 51486，招生 17650；2023：在校生 50900，招生 16900。"; do
  grep -qxF "Figure Alt: $alt" "$BG_WORK/charts.texts" || { fail "chart alt: $alt"; cat "$BG_WORK/charts.texts"; }
done

# A figure whose alt is empty on purpose: a warning, and no PDF/UA claim.
cp "$BG_SOURCE_DIR/tests/fixtures/valid/photo.png" "$BG_WORK/photo.png"
cat >"$BG_WORK/no-alt.json" <<'JSON'
{
  "meta": {"title": "无替代文本", "date": "2024-01"},
  "body": [
    {"type": "figure", "caption": "装饰", "image": {"src": "photo.png", "width": 0.1, "alt": ""}}
  ]
}
JSON
"$BAOGAO" build "$BG_WORK/no-alt.json" -o "$BG_WORK/no-alt.pdf" 2>"$BG_WORK/no-alt.err" || fail "build no-alt"
grep -q "no-alt.json:4:.*warning: the figure's alt is empty: the PDF cannot claim PDF/UA-1 .*\[\$\.body\[0\]\.image\.alt\]" "$BG_WORK/no-alt.err" ||
  { fail "no warning for the empty alt"; cat "$BG_WORK/no-alt.err"; }
[ "$(grep -c "alt is empty" "$BG_WORK/no-alt.err")" -eq 1 ] || fail "the empty alt warned more than once"
"$BAOGAO" check "$BG_WORK/no-alt.json" 2>&1 | grep -q "warning: the figure's alt is empty" || fail "check does not warn of the empty alt"
grep -q "pdfuaid" "$BG_WORK/no-alt.pdf" && fail "a file with an empty alt claims PDF/UA"
$PY "$tools/ua_check.py" "$BG_WORK/no-alt.pdf" 2>&1 | grep -q "13-004: a Figure without /Alt" ||
  fail "ua_check does not see the figure without alt"

# Level-A archives (make report's archive copies): tagged, accepted by PDFBox preflight
# (its PDF/A-1b rules; it has no level-A validator); the 3a with its sources.
for year in 2022 2023; do
  "$BAOGAO" build -q "$BG_SOURCE_DIR/data/$year/report.json" --pdfa 1a -o "$BG_WORK/$year-1a.pdf" || fail "build $year --pdfa 1a"
  ua "$BG_WORK/$year-1a.pdf"
  grep -aq "<pdfaid:conformance>A</pdfaid:conformance>" "$BG_WORK/$year-1a.pdf" || fail "$year 1a: conformance not A"
done
# both in one Java virtual machine
sh "$tools/preflight.sh" "$BG_WORK/2022-1a.pdf" "$BG_WORK/2023-1a.pdf" >"$BG_WORK/1a.preflight" ||
  { fail "1a: preflight"; cat "$BG_WORK/1a.preflight"; }
r="$BG_SOURCE_DIR/data/2023/report.json"
"$BAOGAO" build -q "$r" --pdfa 3a -o "$BG_WORK/2023-3a.pdf" || fail "build --pdfa 3a"
ua "$BG_WORK/2023-3a.pdf"
names=$(cd "$BG_SOURCE_DIR/data/2023" && ls images/*.png)
# shellcheck disable=SC2086
$PY "$tools/pdfa3_check.py" --level-a "$BG_WORK/2023-3a.pdf" report.json layout.json $names >/dev/null || fail "3a: PDF/A-3 checks"
"$BAOGAO" build -q "$r" --pdfa 1a --no-tags -o "$BG_WORK/bad.pdf" 2>/dev/null && fail "--pdfa 1a --no-tags accepted"
[ -e "$BG_WORK/bad.pdf" ] && fail "--pdfa 1a --no-tags wrote a file"
# shellcheck disable=SC2086 # one argument per file
$PY "$tools/ua_check.py" $uafiles >"$BG_WORK/ua.out" 2>&1 || { fail "ua_check"; grep -v ": ok (" "$BG_WORK/ua.out"; }
[ "$(grep -c ": ok (" "$BG_WORK/ua.out")" -eq "$(echo $uafiles | wc -w)" ] || fail "ua_check did not judge every file"
exit $status
