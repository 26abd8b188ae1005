#!/bin/sh
# read_back.sh: `baogao info` and `extract` read PDFs that other tools wrote or re-saved,
# and treat them as untrusted (issue 14, cases 12 and 15, and "the PDF reader").
# - a baogao archive re-saved by qpdf with object streams, and linearised, still lists
#   and extracts its sources byte for byte; attachments written by pikepdf
#   (tests/tools/pdf_attach.py: compressed, in pikepdf's key order) are extracted;
# - names that would leave DIR (../, absolute), with a backslash, empty or '.' parts,
#   control characters, and symlinks already inside DIR (to a folder or to a file) are
#   refused; nothing is written outside DIR and no existing file is overwritten;
# - what info and extract print from a file is escaped: no raw ESC reaches the terminal.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK/r" "$BG_WORK/outside"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
PY=python3
$PY -c 'import pikepdf' 2>/dev/null || PY=/usr/bin/python3
attach() { $PY "$BG_SOURCE_DIR/tests/tools/pdf_attach.py" "$@"; }
esc=$(printf '\033')
v="$BG_SOURCE_DIR/tests/fixtures/valid"
cp "$v/figure-image.json" "$BG_WORK/r/report.json"
cp "$v/photo.png" "$BG_WORK/r/"
cd "$BG_WORK" || exit 1
"$BAOGAO" build -q r/report.json --pdfa 3u -o u.pdf || bad "build --pdfa 3u"
cp "$BG_SOURCE_DIR/layouts/report-a4.json" layout.json

# Re-saved by qpdf: object and cross-reference streams; linearised.
qpdf --object-streams=generate u.pdf os.pdf || bad "qpdf --object-streams=generate"
qpdf --linearize u.pdf lin.pdf || bad "qpdf --linearize"
grep -aq "/ObjStm" os.pdf && ok || bad "os.pdf has no object streams"
for f in u os lin; do
  "$BAOGAO" info $f.pdf >info-$f.txt 2>&1 || { bad "$f: info failed"; cat info-$f.txt; }
  grep -q "built with baogao [0-9]" info-$f.txt && grep -q "PDF/A-3U" info-$f.txt &&
    grep -q "3 source files attached" info-$f.txt && ok || { bad "$f: info"; cat info-$f.txt; }
  "$BAOGAO" extract $f.pdf x-$f >/dev/null 2>err.txt || { bad "$f: extract failed"; cat err.txt; }
  cmp -s x-$f/report.json r/report.json && cmp -s x-$f/photo.png r/photo.png && cmp -s x-$f/layout.json layout.json &&
    ok || bad "$f: extracted files differ"
done

# Written by another tool.
attach pk.pdf report.json=r/report.json images/photo.png=r/photo.png || bad "pikepdf"
"$BAOGAO" extract pk.pdf x-pk >/dev/null 2>err.txt || { bad "pikepdf: extract failed"; cat err.txt; }
cmp -s x-pk/report.json r/report.json && cmp -s x-pk/images/photo.png r/photo.png && ok ||
  bad "pikepdf: extracted files differ"
"$BAOGAO" info pk.pdf >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "info on a PDF without a build record: exit"

# Hostile names: each refused, nothing outside x-bad, the name printed escaped.
for name in ../outside/evil.txt "$BG_WORK/outside/abs.txt" 'a\\\\b.txt' 'a//b.txt' './c.txt' 'd/./e.txt' \
  'x\x1b[2Jy.txt' 'nl\x0a.txt' '..'; do
  rm -rf x-bad
  attach bad.pdf "$name=r/report.json" good.txt=r/report.json || { bad "pikepdf: $name"; continue; }
  "$BAOGAO" extract bad.pdf x-bad >out.txt 2>err.txt
  rc=$?
  [ $rc -ne 0 ] && ok || bad "name $name: exit 0"
  grep -q "is refused" err.txt && ok || { bad "name $name: message"; cat err.txt; }
  grep -q "$esc" err.txt out.txt && bad "name $name: a raw ESC was printed" || ok
  [ -f x-bad/good.txt ] && ok || bad "name $name: the safe file next to it was not extracted"
  [ -z "$(ls outside)" ] && ok || { bad "name $name: a file was written outside"; ls -la outside; }
done
attach esc.pdf 'x\x1b[2Jy.txt=r/report.json'
"$BAOGAO" extract esc.pdf x-esc 2>err.txt
grep -q 'x\\x1b\[2Jy.txt' err.txt && ok || { bad "ESC not shown as \\x1b"; cat err.txt; }

# Symlinks already in DIR: to a folder outside, to a file outside.
attach sub.pdf images/photo.png=r/photo.png report.json=r/report.json
mkdir x-link && ln -s ../outside x-link/images && ln -s ../outside/victim.json x-link/report.json
echo "victim" >outside/victim.json
"$BAOGAO" extract sub.pdf x-link >/dev/null 2>err.txt
[ $? -ne 0 ] && ok || bad "extract through planted symlinks: exit 0"
[ "$(ls outside)" = victim.json ] && [ "$(cat outside/victim.json)" = victim ] && ok ||
  { bad "written through a planted symlink"; ls -la outside; }
rm -f outside/victim.json
# An existing file is not overwritten.
"$BAOGAO" extract u.pdf x-u >/dev/null 2>&1
echo "changed" >x-u/report.json
"$BAOGAO" extract u.pdf x-u >/dev/null 2>err.txt
[ $? -eq 3 ] && ok || bad "extract over existing files: exit"
[ "$(cat x-u/report.json)" = changed ] && ok || bad "an existing file was overwritten"
grep -q "already exists" err.txt && ok || { bad "existing file: message"; cat err.txt; }

# info escapes what it prints from the file.
attach rec.pdf --info 'BaogaoVersion=baogao 9\x1b]0;owned\x07' --info 'BaogaoFonts=Evil\x1b[31m x.otf#0 abc' \
  a.txt=r/report.json
"$BAOGAO" info rec.pdf >out.txt 2>&1 || bad "info on a crafted build record"
grep -q "$esc" out.txt && bad "info printed a raw ESC" || ok
grep -q 'baogao 9\\x1b\]0;owned\\x07' out.txt && grep -q 'Evil\\x1b\[31m' out.txt && ok || { bad "info escaping"; cat out.txt; }
# Not a PDF; a missing file.
"$BAOGAO" info r/report.json >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "info on a non-PDF: exit"
"$BAOGAO" extract missing.pdf x-m >/dev/null 2>&1; [ $? -eq 3 ] && ok || bad "extract of a missing file: exit"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
