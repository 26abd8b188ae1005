#!/bin/sh
# font_check.sh: `baogao check` remembers which font families exist between runs, and
# `build` which faces it found ($XDG_CACHE_HOME/baogao/fonts/), so a second run sets up no
# fontconfig (it reads no /etc/fonts file), and the answer follows every change: a report
# fonts/ folder that appears, a face dropped into it or taken out of it, a damaged entry.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK/r"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
PY=python3
$PY -c 'import fontTools' 2>/dev/null || PY=/usr/bin/python3
cd "$BG_WORK" || exit 1
export XDG_CACHE_HOME="$BG_WORK/cache"
cat >r/layout.json <<'JSON'
{"fonts": {"latin": ["Baogao Check Face", "Liberation Serif"]}}
JSON
printf '%s\n' '{"meta": {"title": "字体", "date": "2024-01"}, "body": [{"type": "paragraph", "text": "正文 Latin 2024。"}]}' >r/report.json
warned() { grep -q "warning: font 'Baogao Check Face' is not installed; 'Liberation Serif' is used in its place" "$1"; }
check() { "$BAOGAO" check -l r/layout.json r/report.json >"$1" 2>&1 || { bad "check failed ($1)"; cat "$1"; }; }

check cold.out
warned cold.out && ok || { bad "cold: no warning for the missing face"; cat cold.out; }
[ -n "$(ls cache/baogao/fonts 2>/dev/null)" ] && ok || bad "no cache entry written"
if command -v strace >/dev/null; then
  strace -f -e trace=openat -o warm.trace "$BAOGAO" check -l r/layout.json r/report.json >warm.out 2>&1
  grep -q '/etc/fonts/fonts.conf' warm.trace && bad "a warm check still reads the fontconfig configuration" || ok
else
  check warm.out
fi
warned warm.out && ok || { bad "warm: no warning for the missing face"; cat warm.out; }

# The face appears in the report's fonts/ folder (a folder that did not exist).
mkdir r/fonts
$PY - "$(fc-match -f '%{file}' 'Liberation Serif:style=Regular')" r/fonts/check-face.ttf <<'PYEOF'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
for rec in f["name"].names:
    if rec.nameID in (1, 16):
        rec.string = "Baogao Check Face"
    elif rec.nameID == 4:
        rec.string = "Baogao Check Face Regular"
    elif rec.nameID == 6:
        rec.string = "BaogaoCheckFace-Regular"
f.save(sys.argv[2])
PYEOF
check found.out
warned found.out && { bad "the face in a new fonts/ folder is not seen"; cat found.out; } || ok
check found2.out
warned found2.out && bad "the face in fonts/ is not seen from the cache" || ok

# Taken out of the folder (the folder stays), then put back.
mv r/fonts/check-face.ttf check-face.ttf
check gone.out
warned gone.out && ok || bad "a face taken out of fonts/ is still seen"
mv check-face.ttf r/fonts/check-face.ttf
check back.out
warned back.out && bad "a face put back into fonts/ is not seen" || ok

# A damaged entry is not believed.
for f in cache/baogao/fonts/*; do printf 'garbage' >"$f"; done
check damaged.out
warned damaged.out && bad "a damaged cache entry changed the answer" || ok
"$BAOGAO" build -q -l r/layout.json r/report.json -o r/out.pdf && pdffonts r/out.pdf | grep -q BaogaoCheckFace-Regular \
  && ok || bad "build does not use the face check saw"

# build remembers the faces it found the same way: a warm build sets up no fontconfig,
# and still follows the fonts/ folder (the face taken out falls back, put back is used).
"$BAOGAO" build -q -l r/layout.json r/report.json -o r/warm0.pdf || bad "build failed"
if command -v strace >/dev/null; then
  strace -f -e trace=openat -o build.trace "$BAOGAO" build -q -l r/layout.json r/report.json -o r/warm1.pdf
  grep -q '/etc/fonts/fonts.conf' build.trace && bad "a warm build still reads the fontconfig configuration" || ok
  cmp -s r/warm0.pdf r/warm1.pdf && ok || bad "a warm build's PDF differs from the one before"
fi
mv r/fonts/check-face.ttf check-face.ttf
"$BAOGAO" build -l r/layout.json r/report.json -o r/gone.pdf >build-gone.out 2>&1
warned build-gone.out && ok || { bad "build: a face taken out of fonts/ is still used"; cat build-gone.out; }
pdffonts r/gone.pdf | grep -q BaogaoCheckFace && bad "build embeds a face no longer in fonts/" || ok
mv check-face.ttf r/fonts/check-face.ttf
"$BAOGAO" build -q -l r/layout.json r/report.json -o r/back.pdf && pdffonts r/back.pdf | grep -q BaogaoCheckFace-Regular \
  && ok || bad "build does not use a face put back into fonts/"

echo "font_check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
