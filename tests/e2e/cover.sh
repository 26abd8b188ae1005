#!/bin/sh
# cover.sh: cover title lines, read back with pdftotext and pdfinfo.
# - valid/cover-title.json: a title too long for one line is set in two lines broken
#   between words (学校 stays whole), balanced (lengths within 3 characters), which put
#   together give the title back;
# - the cover title is 26 pt in report-a4 and 二号 (22 pt) in gbt9704 (cover.title_size),
#   read back as glyph sizes (pdfglyphs.py);
# - valid/title-lines.json: a title given as lines prints those lines on the cover, and on
#   one line in the running head and the PDF Title (the subtitle after a space).
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
fx="$BG_SOURCE_DIR/tests/fixtures/valid"
status=0
fail() { echo "FAIL: $*"; status=1; }
len() { printf '%s' "$1" | wc -m; }

pdf="$BG_WORK/cover-title.pdf"
title=浙江省嘉兴市南湖区秀洲中等职业技术学校质量年度报告
if "$BAOGAO" build -q "$fx/cover-title.json" -o "$pdf"; then
  lines=$(pdftotext -l 1 "$pdf" - | grep -v '^$' | head -2)
  one=$(echo "$lines" | sed -n 1p) two=$(echo "$lines" | sed -n 2p)
  [ "$one$two" = "$title" ] || fail "cover-title: lines '$one' + '$two' are not the title"
  case "$one" in *学) fail "cover-title: 学校 split: '$one' / '$two'" ;; esac
  d=$(( $(len "$one") - $(len "$two") ))
  [ "${d#-}" -le 3 ] || fail "cover-title: unbalanced lines '$one' / '$two'"
  t=$(pdfinfo "$pdf" | sed -n 's/^Title: *//p')
  [ "$t" = "$title （2023 年度）" ] || fail "cover-title: PDF Title is '$t'"
else
  fail "cover-title: build failed"
fi

pdf="$BG_WORK/title-lines.pdf"
if "$BAOGAO" build -q "$fx/title-lines.json" -o "$pdf"; then
  lines=$(pdftotext -l 1 "$pdf" - | grep -v '^$' | head -2 | tr '\n' '|')
  [ "$lines" = "嘉兴市秀水中等专业学校|教育质量年度报告|" ] || fail "title-lines: cover lines are '$lines'"
  last=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p') # a body page (the cover's back is blank)
  head=$(pdftotext -f "$last" -l "$last" "$pdf" - | grep -v '^$' | head -1)
  [ "$head" = "嘉兴市秀水中等专业学校教育质量年度报告" ] || fail "title-lines: running head is '$head'"
  t=$(pdfinfo "$pdf" | sed -n 's/^Title: *//p')
  [ "$t" = "嘉兴市秀水中等专业学校教育质量年度报告 （2023 年度）" ] || fail "title-lines: PDF Title is '$t'"
else
  fail "title-lines: build failed"
fi
# The cover title's size in each shipped layout.
PY=python3
$PY -c 'import pikepdf' 2>/dev/null || PY=/usr/bin/python3
for case in report-a4:26 gbt9704:22; do
  lay=${case%:*} want=${case#*:}
  if "$BAOGAO" build -q "$fx/title-lines.json" -l "$BG_SOURCE_DIR/layouts/$lay.json" -o "$BG_WORK/cover-$lay.pdf" 2>/dev/null; then
    got=$(PYTHONPATH="$BG_SOURCE_DIR/tests/tools" $PY -c 'import sys, pdfglyphs
print("%.0f" % max(g.size for g in pdfglyphs.glyphs(sys.argv[1])[0]["glyphs"]))' "$BG_WORK/cover-$lay.pdf")
    [ "$got" = "$want" ] || fail "$lay: cover title is $got pt, not $want"
  else
    fail "$lay: title-lines.json did not build"
  fi
done
exit $status
