#!/bin/sh
# ahead.sh: the first pass's text is shaped on a second thread (layout/ahead.c), and the
# PDF must not show it: a build on one processor (taskset -c 0, no thread) and a build on
# all of them write the same bytes and print the same diagnostics, for the 2023 report and
# for a report whose texts have cross-references and footnotes (links the layout gives its
# own names), a character no font has (a warning the thread's shaping must leave to the
# layout: printed once, at its text), headings, case boxes at their narrower measure, and
# the same paragraph text twice; and for a report whose long table keeps the layout busy
# while the thread runs as far ahead as it may, and waits (S_AHEAD_MAX).
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK" && mkdir -p "$BG_WORK"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

[ "$(nproc --all)" -ge 2 ] || echo "note: this machine has one processor: both builds run without the thread"

cat >"$BG_WORK/texts.json" <<'EOF'
{
  "meta": {"title": "并行排版测试", "date": "2024-03-01"},
  "body": [
    {"type": "section", "title": "概况", "children": [
      {"type": "paragraph", "text": "全区共有学校 128 所，见[@c-one]。在校生 51486 人^[数据来源：学生管理信息系统。]，比上年增长 2.5%。"},
      {"type": "paragraph", "text": "这一段有一个没有字形的字符 \udbff\udffd，应当只警告一次。"},
      {"type": "paragraph", "text": "同样的一段文字出现两次，两次都要排出。"},
      {"type": "paragraph", "text": "同样的一段文字出现两次，两次都要排出。"},
      {"type": "section", "title": "第二级标题，带脚注^[标题里的脚注。]", "children": [
        {"type": "paragraph", "text": "Latin words, digits 2024 and 中文 mixed, 以及“引号”和（括号）。参见[@s-last]。"}
      ]}
    ]},
    {"type": "case", "id": "c-one", "title": "一所学校的做法", "children": [
      {"type": "paragraph", "text": "案例里的段落排在较窄的行宽上，也有脚注^[案例里的脚注。]和没有字形的字符 \udbff\udffd。"},
      {"type": "paragraph", "text": "案例的第二段，较长一些，用来换行：学校建立了家校协同机制，每学期召开两次家长会，并通过线上平台及时通报学生的学习情况。"}
    ]},
    {"type": "section", "id": "s-last", "title": "结语", "children": [
      {"type": "paragraph", "text": "最后一段。"}
    ]}
  ]
}
EOF

python3 - "$BG_WORK" <<'EOF'
import json, sys
w = sys.argv[1]
with open(w + "/rows.csv", "w") as f:
    f.write("名称,数\n" + "".join("第%d组,%d\n" % (i, i) for i in range(1200)))
body = [{"type": "table", "caption": "长表", "columns": [{"title": "名称"}, {"title": "数"}], "rows": {"csv": "rows.csv"}}]
body += [{"type": "paragraph", "text": "第%d段，排在长表之后：各项工作有序推进，质量稳步提升。" % i} for i in range(400)]
json.dump({"meta": {"title": "长表在前", "date": "2024-03-01"}, "body": body}, open(w + "/table-first.json", "w"), ensure_ascii=False)
EOF

for name in 2023 texts table-first; do
  r="$BG_WORK/$name.json"
  [ "$name" = 2023 ] && r="$BG_SOURCE_DIR/data/2023/report.json"
  "$BAOGAO" build "$r" -o "$BG_WORK/$name-all.pdf" 2>"$BG_WORK/$name-all.err"
  rc_all=$?
  taskset -c 0 "$BAOGAO" build "$r" -o "$BG_WORK/$name-one.pdf" 2>"$BG_WORK/$name-one.err"
  rc_one=$?
  [ $rc_all -eq 0 ] && [ $rc_one -eq 0 ] && ok || bad "$name: exit $rc_all on all processors, $rc_one on one"
  cmp -s "$BG_WORK/$name-all.pdf" "$BG_WORK/$name-one.pdf" && ok ||
    bad "$name: the PDF built on all processors differs from the one built on one"
  # the summary line says how long the build took: compare the diagnostics only
  grep -v '^wrote ' "$BG_WORK/$name-all.err" >"$BG_WORK/$name-all.diag"
  grep -v '^wrote ' "$BG_WORK/$name-one.err" >"$BG_WORK/$name-one.diag"
  cmp -s "$BG_WORK/$name-all.diag" "$BG_WORK/$name-one.diag" && ok || {
    bad "$name: the diagnostics differ"
    diff "$BG_WORK/$name-all.diag" "$BG_WORK/$name-one.diag" | head -20
  }
done

# The character no font has: one warning for each of the two texts that hold it, each at
# its own text.
n=$(grep -c 'has no glyph for U+10FFFD' "$BG_WORK/texts-all.diag")
[ "$n" -eq 2 ] && ok || { bad "texts.json: $n warnings for the missing glyph, not 2"; cat "$BG_WORK/texts-all.diag"; }
grep -q 'has no glyph for U+10FFFD.*\[\$\.body\[0\]\.children\[1\]\.text\]' "$BG_WORK/texts-all.diag" && ok ||
  bad "texts.json: no warning at \$.body[0].children[1].text"
grep -q 'has no glyph for U+10FFFD.*\[\$\.body\[1\]\.children\[0\]\.text\]' "$BG_WORK/texts-all.diag" && ok ||
  bad "texts.json: no warning at \$.body[1].children[0].text"

# Every text is on the page, the repeated paragraph twice, the references as numbers.
pdftotext "$BG_WORK/texts-all.pdf" "$BG_WORK/texts.txt"
tr -d ' \n' <"$BG_WORK/texts.txt" >"$BG_WORK/texts.flat"
n=$(grep -o '同样的一段文字出现两次，两次都要排出。' "$BG_WORK/texts.flat" | wc -l)
[ "$n" -eq 2 ] && ok || bad "texts.pdf prints the repeated paragraph $n times, not 2"
for t in '见案例1。' '参见第2节。' '家长会，并通过线上平台及时通报学生的学习情况。' '标题里的脚注。' '案例里的脚注。'; do
  grep -q "$t" "$BG_WORK/texts.flat" && ok || bad "texts.pdf does not print '$t'"
done

echo "ahead: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
