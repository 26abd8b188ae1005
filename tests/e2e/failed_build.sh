#!/bin/sh
# failed_build.sh: a report with errors exits 1 with a located message, writes no PDF,
# and leaves an existing output file untouched; usage errors exit 2; --help/--version 0.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

printf '{\n  "meta": {"title": "x", "date": "2024-01"},\n  "body": [\n    {"type": "paragraph", "text": "a"},,\n  ]\n}\n' >"$BG_WORK/syntax.json"
printf '{"meta": {"title": "x", "date": "2024-01"}, "body": [{"type": "paragraph", "text": 5}]}\n' >"$BG_WORK/model.json"
echo "previous good PDF" >"$BG_WORK/out.pdf"
before=$(cksum <"$BG_WORK/out.pdf")

"$BAOGAO" build "$BG_WORK/syntax.json" -o "$BG_WORK/out.pdf" 2>"$BG_WORK/syntax.err"
[ $? -eq 1 ] && ok || bad "syntax error: exit status"
grep -q "syntax.json:4:.*: error: " "$BG_WORK/syntax.err" && ok || { bad "syntax error not located"; cat "$BG_WORK/syntax.err"; }
"$BAOGAO" build "$BG_WORK/model.json" -o "$BG_WORK/out.pdf" 2>"$BG_WORK/model.err"
[ $? -eq 1 ] && ok || bad "model error: exit status"
grep -q 'model.json:1:[0-9]*: error: .* \[\$.body\[0\].text\]' "$BG_WORK/model.err" && ok || { bad "model error not located"; cat "$BG_WORK/model.err"; }
[ "$(cksum <"$BG_WORK/out.pdf")" = "$before" ] && ok || bad "existing output was changed"
ls "$BG_WORK"/out.pdf.tmp-* >/dev/null 2>&1 && bad "temporary file left behind" || ok

"$BAOGAO" build 2>/dev/null; [ $? -eq 2 ] && ok || bad "missing argument: exit status"
"$BAOGAO" build --bogus x.json 2>/dev/null; [ $? -eq 2 ] && ok || bad "unknown option: exit status"
"$BAOGAO" frobnicate x.json 2>/dev/null; [ $? -eq 2 ] && ok || bad "unknown command: exit status"
"$BAOGAO" --help | grep -q "Usage: baogao" && ok || bad "--help"
"$BAOGAO" --version | grep -q "^baogao [0-9]" && ok || bad "--version"
"$BAOGAO" build "$BG_WORK/missing.json" -o "$BG_WORK/m.pdf" 2>/dev/null; [ $? -eq 1 ] && ok || bad "missing report: exit status"
# Errors with a place and a reason (issue 14, case 24): a missing layout says why, a
# folder given as the report is called a folder, not "Input/output error".
"$BAOGAO" build "$BG_SOURCE_DIR/tests/fixtures/valid/paragraph.json" -l "$BG_WORK/no-layout.json" -o "$BG_WORK/m.pdf" 2>"$BG_WORK/layout.err"
[ $? -eq 1 ] && ok || bad "missing layout: exit status"
grep -q "no-layout.json: error: cannot read the layout file: No such file or directory" "$BG_WORK/layout.err" && ok ||
  { bad "missing layout: no reason"; cat "$BG_WORK/layout.err"; }
mkdir -p "$BG_WORK/folder"
for cmd in build check; do
  "$BAOGAO" $cmd "$BG_WORK/folder" 2>"$BG_WORK/folder.err"
  [ $? -eq 1 ] && ok || bad "$cmd of a folder: exit status"
  grep -q "folder: error: this is a folder, not a report" "$BG_WORK/folder.err" && ok ||
    { bad "$cmd of a folder: message"; cat "$BG_WORK/folder.err"; }
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
