#!/bin/sh
# init.sh: `baogao init DIR` writes a starter report that builds with no warning from any
# working directory: its "$schema" points at the schema from where DIR is, `check` says ok
# with 0 warnings, and the PDF holds what the starter shows (three heading levels, the CSV
# table's computed total, the chart from it, the photo, the case, the footnote, the lists).
# A folder that is not empty, or a file in the way, is refused with exit 2 and left alone.
set -u
: "${BAOGAO:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"; mkdir -p "$BG_WORK/elsewhere" "$BG_WORK/schools"
status=0
bad() { echo "FAIL: $*"; status=1; }

cd "$BG_WORK/elsewhere" || exit 1
"$BAOGAO" init ../schools/new >"$BG_WORK/init.out" 2>&1 || bad "init exited $?: $(cat "$BG_WORK/init.out")"
dir="$BG_WORK/schools/new"
for f in report.json enrolment.csv images/photo.png README.md; do
  [ -f "$dir/$f" ] || bad "init did not write $f"
done
schema=$(sed -n 's/.*"\$schema": *"\([^"]*\)".*/\1/p' "$dir/report.json")
[ -f "$dir/$schema" ] || bad "\$schema '$schema' does not name a file from $dir"
grep -q "baogao build ../schools/new/report.json" "$BG_WORK/init.out" || bad "init does not say how to build: $(cat "$BG_WORK/init.out")"

cd "$dir" || exit 1
"$BAOGAO" check report.json >"$BG_WORK/check.out" 2>&1 || bad "check exited $?"
[ "$(cat "$BG_WORK/check.out")" = "report.json: ok (0 warnings)" ] || bad "check is not clean: $(cat "$BG_WORK/check.out")"
cd "$BG_WORK" || exit 1
"$BAOGAO" build schools/new/report.json -o "$BG_WORK/new.pdf" 2>"$BG_WORK/build.err" || bad "build exited $?"
grep -q warning "$BG_WORK/build.err" && bad "build warns: $(cat "$BG_WORK/build.err")"
pdftotext "$BG_WORK/new.pdf" "$BG_WORK/new.txt" || bad "pdftotext"
for want in "示范职业学校质量年度报告" "1.1.1" "专业设置" "合计" "1,253" "1,281" "图 1" "图 2" "表 1" "案例 1" \
            "统计日期为 2023 年 9 月 30 日" "学前教育专业，对接区域幼儿园"; do
  grep -qF "$want" "$BG_WORK/new.txt" || bad "the PDF lacks '$want'"
done
[ "$(pdfimages -list "$BG_WORK/new.pdf" 2>/dev/null | awk 'NR > 2 && $4 == 1200 && $5 == 800' | wc -l)" -ge 1 ] ||
  bad "the photo stand-in is not in the PDF at 1200x800"

before=$(ls -lR "$dir" | md5sum)
"$BAOGAO" init "$dir" >"$BG_WORK/again.out" 2>&1; rc=$?
[ "$rc" -eq 2 ] || bad "init into a folder that is not empty exited $rc, expected 2"
grep -q "not empty" "$BG_WORK/again.out" || bad "no reason given: $(cat "$BG_WORK/again.out")"
[ "$(ls -lR "$dir" | md5sum)" = "$before" ] || bad "init changed a folder that was not empty"
: >"$BG_WORK/a-file"
"$BAOGAO" init "$BG_WORK/a-file" >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || bad "init onto a file exited $rc, expected 2"
[ -s "$BG_WORK/a-file" ] && bad "init wrote into a file"

[ "$status" -eq 0 ] && echo "init: starter report written, checked clean and built"
exit $status
