#!/bin/sh
# bound.sh: numbers bound to data follow a correction everywhere they print. The fixture
# tests/fixtures/bound/ prints CSV cells in a sentence ([@t-enrolment:2022:在校生数]), the
# computed total ([@t-enrolment:合计:招生数]) and named values ([@teachers]) in text, a
# table cell ({"ref": "schools"}) and a chart series. One number is corrected in the CSV
# and one in "values"; the rebuilt PDF shows the new number in every place and the old in
# none. `check` warns when a sentence types a number that a table holds, with the reference
# to write instead.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"; mkdir -p "$BG_WORK"
cp -r "$BG_SOURCE_DIR/tests/fixtures/bound" "$BG_WORK/r"
cd "$BG_WORK/r" || exit 1
status=0
bad() { echo "FAIL: $*"; status=1; }
text() { pdftotext "$1" - | tr -d '\n'; }
has() { case "$1" in *"$2"*) ;; *) bad "$3 lacks '$2'";; esac; }
lacks() { case "$1" in *"$2"*) bad "$3 still prints '$2'";; esac; }

"$BAOGAO" build -q bound.json -o before.pdf || bad "build exited $?"
t=$(text before.pdf)
has "$t" "2022 学年在校生 51,486 人" before
has "$t" "中职招生占比 44.31%" before
has "$t" "招生合计 31607" before
has "$t" "专任教师 3,390 人，生师比 15.41:1" before

sed -i 's/^2022,51486,/2022,51490,/' enrolment.csv
sed -i 's/"value": 3390/"value": 3401/' bound.json
"$BAOGAO" build -q bound.json -o after.pdf || bad "rebuild exited $?"
t=$(text after.pdf)
has "$t" "2022 学年在校生 51,490 人" after
has "$t" "103,756 人" "after (the table's total)"
has "$t" "专任教师 3,401 人" after
for old in "51,486" "51486" "3,390" "3390" "103,752"; do lacks "$t" "$old" after; done
# The staff table's cell and the chart's value label print the value too.
[ "$(printf '%s' "$t" | grep -o '3401' | wc -l)" -ge 2 ] || bad "the named value is not in the table and the chart: $t"

# A number typed into a sentence that a table holds: check says what to write instead.
sed -i 's/2022 学年在校生 \[@t-enrolment:2022:在校生数\]/2022 学年在校生 51,490 人/' bound.json
"$BAOGAO" check bound.json >check.out 2>&1 || bad "check exited $?"
want='bound.json:11:37: warning: 51,490 is written here and also in 表 1 (2022, 在校生数): a correction of the table will not reach this copy [$.body[0].children[0].text]
  hint: write [@t-enrolment:2022:在校生数] instead, which prints the cell as the table does
bound.json: ok (1 warning)'
[ "$(cat check.out)" = "$want" ] || { bad "check output differs:"; diff -u - check.out <<EOF2
$want
EOF2
}
"$BAOGAO" build -q bound.json -o lint.pdf 2>build.err || bad "build of the linted report exited $?"
[ -s build.err ] && bad "build repeats check's warnings: $(cat build.err)"

[ "$status" -eq 0 ] && echo "bound numbers follow their data"
exit $status
