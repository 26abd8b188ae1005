#!/bin/sh
# anyreport.sh: a third complete report, written from scratch from README.md and docs/ as a
# school would (tests/fixtures/reports/qinghe: a county special-education school, not
# derived from data/), built with both shipped layouts and with the contents four levels
# deep (layouts/report-a4.json with toc.levels 4), and read back from each PDF:
# - check gives no warning; qpdf --check is clean; every font is embedded; the page count
#   is sane;
# - the text of every paragraph, list item, heading, caption, cell and footnote is there
#   (pdf_text_check.py), and every bound number is the number the data says, the CSV
#   totals are the sums worked out here, chart values from "values" are printed
#   (pdf_bound_check.py);
# - headings are numbered 1 / 1.1 / 1.1.1 / 1.1.1.1 (一、（一）1.（1）in the official
#   layout) in the text, the contents and the bookmarks (pdf_headings_check.py);
# - the four photos print in their shapes, landscape, portrait (one a phone's JPEG stored
#   on its side with EXIF orientation 6), portrait and square, each with its sky at the top;
# - the charts: no labels overlap, ticks are round, a line's value labels stay by their own
#   points (pdf_chart_check.py on the chart pages);
# - footnotes in a table cell, a table header, a table note, a figure caption, a heading and a case title
#   print their notes (they were marked, but the notes were lost with a warning about an
#   unknown destination);
# - section references read 第 1 节 / 第 1.2 节, and 第一节 / 第（二）节 in the official
#   layout (not 第 一、 节), and an unnumbered section is referred to by its title.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
tools="$BG_SOURCE_DIR/tests/tools"
report="$BG_SOURCE_DIR/tests/fixtures/reports/qinghe/report.json"
status=0
fail() { echo "FAIL: $*"; status=1; }

decimal="1:1:学校概况 2:1.1:办学定位 2:1.2:学生情况 3:1.2.1:学段与班级 4:1.2.1.1:送教上门
  4:1.2.1.2:随班就读 3:1.2.2:残疾类别 2:1.3:教师队伍 1:2:教育教学 2:2.1:课程建设 3:2.1.1:生活适应课程
  3:2.1.2:康复训练 4:2.1.2.1:个别化康复 4:2.1.2.2:康复环境 2:2.2:职业教育 3:2.2.1:学生作品
  1:3:保障与支持 2:3.1:经费投入 2:3.2:家校社协同 2:3.3:校园环境 1:4:问题与改进"
official="1:一、:学校概况 2:（一）:办学定位 2:（二）:学生情况 3:1.:学段与班级 4:（1）:送教上门
  4:（2）:随班就读 3:2.:残疾类别 2:（三）:教师队伍 1:二、:教育教学 2:（一）:课程建设 3:1.:生活适应课程
  3:2.:康复训练 4:（1）:个别化康复 4:（2）:康复环境 2:（二）:职业教育 3:1.:学生作品
  1:三、:保障与支持 2:（一）:经费投入 2:（二）:家校社协同 2:（三）:校园环境 1:四、:问题与改进"

# one NAME LAYOUT TOC_LEVELS HEADINGS REFS: builds and reads back; REFS are texts the body must hold.
one() {
  name=$1 layout=$2 levels=$3 headings=$4 refs=$5
  pdf="$BG_WORK/$name.pdf"
  "$BAOGAO" check "$report" -l "$layout" >"$BG_WORK/$name.check" 2>&1
  grep -q ': ok (0 warnings)$' "$BG_WORK/$name.check" || { fail "$name: check is not clean"; cat "$BG_WORK/$name.check"; }
  if ! "$BAOGAO" build "$report" -l "$layout" -o "$pdf" >"$BG_WORK/$name.out" 2>&1; then
    fail "$name: build failed"; cat "$BG_WORK/$name.out"; return
  fi
  grep -q "warning\|error" "$BG_WORK/$name.out" && { fail "$name: build has diagnostics"; cat "$BG_WORK/$name.out"; }
  qpdf --check "$pdf" >"$BG_WORK/$name.qpdf" 2>&1 || { fail "$name: qpdf --check"; cat "$BG_WORK/$name.qpdf"; }
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  echo "$name: $pages pages"
  [ "$pages" -ge 9 ] && [ "$pages" -le 24 ] || fail "$name: $pages pages (9 to 24 expected)"
  pdffonts "$pdf" | tail -n +3 >"$BG_WORK/$name.fonts"
  [ -s "$BG_WORK/$name.fonts" ] && ! awk '$(NF-4) != "yes"' "$BG_WORK/$name.fonts" | grep -q . ||
    { fail "$name: a font is not embedded"; cat "$BG_WORK/$name.fonts"; }
  python3 "$tools/pdf_text_check.py" "$report" "$pdf" >"$BG_WORK/$name.text" ||
    { fail "$name: text missing"; grep -v passed "$BG_WORK/$name.text"; }
  python3 "$tools/pdf_bound_check.py" "$report" "$pdf" >"$BG_WORK/$name.bound" ||
    { fail "$name: numbers"; grep FAIL "$BG_WORK/$name.bound"; }
  # the pages before the body (cover, its blank back, contents and lists): before label 1
  front=$(python3 -c "import sys; sys.path.insert(0, '$tools'); import pdfpages
print(next(p.number for p in pdfpages.load('$pdf') if p.label == '1') - 1)")
  # shellcheck disable=SC2086 # one argument per heading
  python3 "$tools/pdf_headings_check.py" "$pdf" "$front" "$levels" $headings >"$BG_WORK/$name.headings" ||
    { fail "$name: headings"; grep -v passed "$BG_WORK/$name.headings"; }
  python3 "$tools/pdf_image_check.py" upright "$pdf" landscape portrait portrait square >"$BG_WORK/$name.photos" ||
    { fail "$name: photos"; cat "$BG_WORK/$name.photos"; }
  # The pages that hold a chart (its caption's last page: the list of figures comes first),
  # each once: a page may hold two charts.
  # Words of running text whose boxes meet at a squeezed mark (实习。2024, the grid's
  # “家长学校”) are no chart labels: overlaps of words with punctuation or of 9 characters
  # and more are left to the typography tests.
  chart_pages=$(python3 -c "import json, re, subprocess
fig = []
def walk(bs):
    for b in bs:
        if b.get('type') == 'figure' and 'chart' in b: fig.append(re.sub(r'\s', '', b['caption']))
        walk(b.get('children', []))
walk(json.load(open('$report', encoding='utf-8'))['body'])
pages = [re.sub(r'\s', '', p) for p in subprocess.run(['pdftotext', '$pdf', '-'], capture_output=True, text=True).stdout.split(chr(12))]
print(' '.join(str(n) for n in sorted({max(i + 1 for i, p in enumerate(pages) if c in p) for c in fig})))")
  plots=0 pies=0
  for p in $chart_pages; do
    python3 "$tools/pdf_chart_check.py" "$pdf" --pages "$p-$p" >"$BG_WORK/$name.charts.$p" 2>&1
    plots=$((plots + $(sed -n 's/^found: .* \([0-9]*\) plots$/\1/p' "$BG_WORK/$name.charts.$p" | tail -1)))
    pies=$((pies + $(sed -n 's/^found: .* \([0-9]*\) pies, .*/\1/p' "$BG_WORK/$name.charts.$p" | tail -1)))
    if grep FAIL "$BG_WORK/$name.charts.$p" | grep -v "'[^']*[，。、；：（）“”《》][^']*' and .* overlap$\|' and '[^']*[，。、；：（）“”《》][^']*' overlap$" |
        grep -v "'[^']\{9,\}' and .* overlap$\|' and '[^']\{9,\}' overlap$" | grep .; then
      fail "$name: the chart on page $p"
    fi
  done
  [ "$plots" -eq 4 ] && [ "$pies" -eq 1 ] || fail "$name: $plots bar or line plots and $pies pies on the pages $chart_pages (4 and 1 expected)"
  pdftotext "$pdf" - | tr -d ' \n' >"$BG_WORK/$name.txt"
  for r in $refs; do
    grep -q "$r" "$BG_WORK/$name.txt" || fail "$name: no '$r' in the text"
  done
}

one a4 "$BG_SOURCE_DIR/layouts/report-a4.json" 2 "$decimal" "对照第1节提出的目标 （见第1.2节） 以第2节中的"
# the shipped layout with the contents four levels deep, as a school would write it
sed 's/"toc": {"levels": 2}/"toc": {"levels": 4}/' "$BG_SOURCE_DIR/layouts/report-a4.json" >"$BG_WORK/toc4.json"
grep -q '"levels": 4' "$BG_WORK/toc4.json" || fail "toc4.json: no contents depth to change in layouts/report-a4.json"
one toc4 "$BG_WORK/toc4.json" 4 "$decimal" "对照第1节提出的目标"
one gbt "$BG_SOURCE_DIR/layouts/gbt9704.json" 2 "$official" "对照第一节提出的目标 （见第（二）节） 以第二节中的"

# A section of an unnumbered level is referred to by its title, not as "第  节".
cat >"$BG_WORK/unnumbered.layout.json" <<'EOF'
{"headings": [{"numbering": "{1}"}, {"numbering": null}]}
EOF
cat >"$BG_WORK/unnumbered.json" <<'EOF'
{"meta": {"title": "未编号的节", "date": "2024-01"},
 "body": [{"type": "section", "title": "第一章", "children": [
   {"type": "paragraph", "text": "做法见[@s-way]，背景见[@s-one]。"},
   {"type": "section", "id": "s-way", "title": "具体做法", "children": [
     {"type": "paragraph", "text": "正文。"}]}]},
  {"type": "section", "id": "s-one", "title": "第二章", "children": [{"type": "paragraph", "text": "正文。"}]}]}
EOF
if "$BAOGAO" build -q "$BG_WORK/unnumbered.json" -l "$BG_WORK/unnumbered.layout.json" -o "$BG_WORK/unnumbered.pdf"; then
  pdftotext "$BG_WORK/unnumbered.pdf" - | tr -d ' \n' | grep -q "做法见“具体做法”，背景见第2节。" ||
    { fail "unnumbered: not referred to by its title"; pdftotext "$BG_WORK/unnumbered.pdf" - | head -5; }
else
  fail "unnumbered: build failed"
fi
# A footnote in a heading, a table header or a case title prints its note too (the qinghe report has
# them in a table cell, a table note and a figure caption), and the build says nothing.
cat >"$BG_WORK/notes.json" <<'EOF'
{"meta": {"title": "标题里的脚注", "date": "2024-01"},
 "body": [{"type": "section", "title": "基本情况^[标题的注。]", "children": [
   {"type": "paragraph", "text": "见[@c-one]和[@t-one]。"},
   {"type": "table", "id": "t-one", "caption": "一张表",
    "columns": [{"title": "项目"}, {"title": "人数", "format": "0"}],
    "header": [["项目", "人数^[表头的注。]"]], "rows": [["甲", 12]]},
   {"type": "case", "id": "c-one", "title": "一个案例^[案例标题的注。]", "children": [
     {"type": "paragraph", "text": "案例正文。"}]}]}]}
EOF
if "$BAOGAO" build "$BG_WORK/notes.json" -o "$BG_WORK/notes.pdf" >"$BG_WORK/notes.out" 2>&1; then
  grep -q "warning" "$BG_WORK/notes.out" && { fail "notes: build warns"; cat "$BG_WORK/notes.out"; }
  pdftotext "$BG_WORK/notes.pdf" - | tr -d ' \n' >"$BG_WORK/notes.txt"
  for note in 1标题的注。 2表头的注。 3案例标题的注。; do
    grep -q "$note" "$BG_WORK/notes.txt" || fail "notes: footnote '$note' not printed"
  done
else
  fail "notes: build failed"; cat "$BG_WORK/notes.out"
fi
[ "$status" -eq 0 ] && echo "all passed"
exit $status
