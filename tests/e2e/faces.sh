#!/bin/sh
# faces.sh: a layout names several families per role, the first installed wins (issue 15).
# - layouts/gbt9704.json asks for the official faces (仿宋_GB2312 …, 方正小标宋简体, 黑体,
#   楷体_GB2312); where they are not installed `check -l` and `build` warn, naming the face
#   used in its place and the report's fonts/ folder, and the PDF embeds the free fallbacks
#   (Noto Serif/Sans CJK SC, LXGW WenKai for 楷体);
# - a face dropped into the report's own fonts/ folder is found first: a copy of Liberation
#   Serif renamed (fontTools) to the family a layout lists first is used, without a warning;
# - a list with no installed family is an error naming every family, and nothing is built.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK/r/fonts"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
PY=python3
$PY -c 'import fontTools' 2>/dev/null || PY=/usr/bin/python3
gbt="$BG_SOURCE_DIR/layouts/gbt9704.json"
v="$BG_SOURCE_DIR/tests/fixtures/valid"
cd "$BG_WORK" || exit 1

# The official faces, or a warning per role naming the stand-in.
"$BAOGAO" check -l "$gbt" "$v/paragraph.json" >check.out 2>&1 || bad "check -l gbt9704 failed"
if fc-list : family | grep -q "仿宋_GB2312"; then
  ok
else
  grep -q "warning: font '仿宋_GB2312' is not installed; 'Noto Serif CJK SC' is used in its place \[\$.fonts.body\]" check.out \
    && ok || { bad "check: no fallback warning for the body face"; cat check.out; }
  grep -q "hint: to print in '仿宋_GB2312', put its font files into the report's fonts/ folder" check.out \
    && ok || bad "check: the warning does not say how to get the face"
  grep -q "warning: font '楷体_GB2312' is not installed; 'LXGW WenKai' is used in its place \[\$.fonts.accent\]" check.out \
    && ok || bad "check: no fallback warning for the 楷体 face"
  grep -q "warning: font '黑体' is not installed; 'Noto Sans CJK SC' is used in its place" check.out \
    && ok || bad "check: no fallback warning for the 黑体 face"
  grep -q "warning: font '方正小标宋简体' is not installed" check.out && ok || bad "check: no fallback warning for the title face"
fi
cp "$v/levels.json" levels.json
"$BAOGAO" build -l "$gbt" levels.json -o levels.pdf >build.out 2>&1 || bad "build -l gbt9704 failed"
grep -q "warning: font '仿宋_GB2312' is not installed" build.out && ok || bad "build: no fallback warning"
pdffonts levels.pdf >fonts.out 2>&1
grep -q "LXGWWenKai-Regular" fonts.out && ok || { bad "level-2 headings are not in 楷体 (LXGW WenKai)"; cat fonts.out; }
grep -q "NotoSansCJKsc-Regular" fonts.out && ok || bad "level-1 headings are not in 黑体 (Noto Sans CJK SC)"

# A face in the report's fonts/ folder comes first, and silences the warning.
$PY - "$(fc-match -f '%{file}' 'Liberation Serif:style=Regular')" r/fonts/test-face.ttf <<'PYEOF'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
for rec in f["name"].names:
    if rec.nameID in (1, 16):
        rec.string = "Baogao Test Face"
    elif rec.nameID in (4,):
        rec.string = "Baogao Test Face Regular"
    elif rec.nameID == 6:
        rec.string = "BaogaoTestFace-Regular"
f.save(sys.argv[2])
PYEOF
cat >r/layout.json <<'JSON'
{"fonts": {"body": ["No Such Face Anywhere", "Noto Serif CJK SC"], "latin": ["Baogao Test Face", "Liberation Serif"]}}
JSON
printf '%s\n' '{"meta": {"title": "字体", "date": "2024-01"}, "body": [{"type": "paragraph", "text": "正文 Latin 2024。"}]}' >r/report.json
"$BAOGAO" build -l r/layout.json r/report.json -o r/out.pdf >r.out 2>&1 || { bad "build with a report fonts/ folder failed"; cat r.out; }
grep -q "warning: font 'No Such Face Anywhere' is not installed; 'Noto Serif CJK SC' is used in its place" r.out \
  && ok || { bad "no warning for the first body family"; cat r.out; }
grep -q "Baogao Test Face' is not installed" r.out && bad "a warning for the face in fonts/: $(cat r.out)" || ok
pdffonts r/out.pdf | grep -q "BaogaoTestFace-Regular" && ok || { bad "the face in the report's fonts/ folder is not used"; pdffonts r/out.pdf; }

# No installed family in a list: an error naming them all, no PDF.
cat >r/none.json <<'JSON'
{"fonts": {"body": ["No Such Face Anywhere", "Nor This One"]}}
JSON
"$BAOGAO" check -l r/none.json r/report.json >none.out 2>&1; rc=$?
[ "$rc" -eq 1 ] && ok || bad "check with no installed body family exited $rc"
grep -q "error: none of the font families 'No Such Face Anywhere', 'Nor This One' is installed \[\$.fonts.body\]" none.out \
  && ok || { bad "no error naming the families"; cat none.out; }
"$BAOGAO" build -q -l r/none.json r/report.json -o r/none.pdf 2>/dev/null; rc=$?
[ "$rc" -eq 1 ] && [ ! -e r/none.pdf ] && ok || bad "build with no installed body family: exit $rc, or a PDF was written"

echo "faces: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
