#!/bin/sh
# watch.sh: `baogao watch` builds, rebuilds after a save with the same bytes as a fresh
# `baogao build`, says which page changed, keeps the last good PDF (and prints the
# diagnostics) after a bad edit, builds again once the edit is fixed, and exits 0 on
# SIGINT leaving no temporary file; on the official layout's grid too.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK" && mkdir -p "$BG_WORK/r"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
cp -r "$BG_SOURCE_DIR/data/2023/report.json" "$BG_SOURCE_DIR/data/2023/images" "$BG_WORK/r/"
report="$BG_WORK/r/report.json" out="$BG_WORK/r/out.pdf" log="$BG_WORK/watch.log"
# wait_for N PATTERN: until the log has N lines matching PATTERN (at most 120 s)
wait_for() {
  i=0
  while [ "$(grep -c "$2" "$log" 2>/dev/null)" -lt "$1" ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done
  [ "$(grep -c "$2" "$log")" -ge "$1" ]
}
"$BAOGAO" build -q "$report" -o "$BG_WORK/first.pdf" || bad "fresh build"
pages=$(pdfinfo "$BG_WORK/first.pdf" | sed -n 's/^Pages: *//p') # as a fresh build paginates it
: >"$log" # exists before the first wait_for: the background job opens it when it gets to run
"$BAOGAO" watch "$report" -o "$out" 2>"$log" &
pid=$!
wait_for 1 "built in" && ok || bad "no first build"
grep -q "$pages pages; first build" "$log" && ok || { bad "first build line"; cat "$log"; }

# A corrected sentence in the preface (page 3).
python3 - "$report" <<'PY'
import sys
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
i = s.find("基本情况"); s = s[:i] + "基本状况" + s[i + 4:]
open(p + ".new", "w", encoding="utf-8").write(s)
PY
mv "$report.new" "$report" # as editors save: a new file renamed over the old one
wait_for 2 "built in" && ok || bad "no rebuild after a save"
grep -q "$pages pages; 3$" "$log" && ok || { bad "rebuild should name page 3 alone"; cat "$log"; }
"$BAOGAO" build -q "$report" -o "$BG_WORK/fresh.pdf"
cmp -s "$out" "$BG_WORK/fresh.pdf" && ok || bad "watch output differs from a fresh build"

cp "$out" "$BG_WORK/good.pdf"
cp "$report" "$BG_WORK/good.json"
printf '{"meta": ' >"$report"
wait_for 1 "build failed" && ok || bad "no failed build reported"
grep -q "report.json:1:.*error" "$log" && ok || bad "diagnostics of the bad edit not printed"
cmp -s "$out" "$BG_WORK/good.pdf" && ok || bad "a bad edit changed the PDF"
cp "$BG_WORK/good.json" "$report"
wait_for 3 "built in" && ok || bad "no rebuild after fixing the edit"
grep -q "$pages pages; no page changed" "$log" && ok || { bad "fixed edit: no page should change"; cat "$log"; }

kill -INT "$pid"
wait "$pid"
[ $? -eq 0 ] && ok || bad "SIGINT: exit status not 0"
ls "$BG_WORK/r" | grep -q tmp && bad "temporary file left" || ok

# On the official layout's character grid, with a changed number in a table and in a
# paragraph, then in the CSV file a table reads: the paragraphs, streams, digests and
# parsed report kept from the builds before and what was made again give the bytes of a
# fresh build.
# The first table's rows move to a CSV file beside the report (as a statistician keeps them).
python3 - "$report" "$BG_WORK/r/rows.csv" <<'PY'
import json, sys
p, csv = sys.argv[1], sys.argv[2]
doc = json.load(open(p, encoding="utf-8"))
def walk(n):
    if isinstance(n, dict):
        yield n
        for v in n.values(): yield from walk(v)
    elif isinstance(n, list):
        for v in n: yield from walk(v)
table = next(n for n in walk(doc) if n.get("type") == "table" and isinstance(n.get("rows"), list)
             and any(isinstance(v, int) for v in n["rows"][0]))
rows, table["rows"] = table["rows"], {"csv": "rows.csv"}
with open(csv, "w", encoding="utf-8") as f:
    f.write(",".join(c["title"] for c in table["columns"]) + "\n")
    f.writelines(",".join(str(v) for v in r) + "\n" for r in rows)
open(p, "w", encoding="utf-8").write(json.dumps(doc, ensure_ascii=False, indent=1))
PY
log="$BG_WORK/watch2.log" out="$BG_WORK/r/grid.pdf" layout="$BG_SOURCE_DIR/layouts/gbt9704.json"
: >"$log"
"$BAOGAO" watch "$report" -l "$layout" -o "$out" 2>"$log" &
pid=$!
wait_for 1 "built in" && ok || bad "grid: no first build"
python3 - "$report" <<'PY'
import json, re, sys
p = sys.argv[1]; doc = json.load(open(p, encoding="utf-8"))
def walk(n):
    if isinstance(n, dict):
        yield n
        for v in n.values(): yield from walk(v)
    elif isinstance(n, list):
        for v in n: yield from walk(v)
nodes = list(walk(doc))
table = next(n for n in nodes if n.get("type") == "table" and isinstance(n.get("rows"), list))
row = table["rows"][0]
k = next(i for i, v in enumerate(row) if isinstance(v, (int, float)))
row[k] += 1
para = next(n for n in nodes if n.get("type") == "paragraph" and isinstance(n.get("text"), str)
            and re.search(r"\d", n["text"]))
para["text"] = re.sub(r"\d", lambda m: str((int(m.group(0)) + 1) % 10), para["text"], count=1)
open(p + ".new", "w", encoding="utf-8").write(json.dumps(doc, ensure_ascii=False, indent=1))
PY
mv "$report.new" "$report"
wait_for 2 "built in" && ok || bad "grid: no rebuild after a save"
"$BAOGAO" build -q "$report" -l "$layout" -o "$BG_WORK/grid-fresh.pdf"
cmp -s "$out" "$BG_WORK/grid-fresh.pdf" && ok || bad "grid: watch output differs from a fresh build"
# One number changed in the CSV file a table reads, the report itself unchanged.
python3 - "$BG_WORK/r/rows.csv" <<'PY'
import sys
p = sys.argv[1]; lines = open(p, encoding="utf-8").read().split("\n")
cells = lines[1].split(",")
k = next(i for i, v in enumerate(cells) if v.strip().lstrip("-").isdigit())
cells[k] = str(int(cells[k]) + 7)
lines[1] = ",".join(cells)
open(p + ".new", "w", encoding="utf-8").write("\n".join(lines))
PY
mv "$BG_WORK/r/rows.csv.new" "$BG_WORK/r/rows.csv"
wait_for 3 "built in" && ok || bad "grid: no rebuild after a CSV save"
grep "built in" "$log" | tail -1 | grep -q "no page changed" && bad "grid: the CSV change changed no page" || ok
"$BAOGAO" build -q "$report" -l "$layout" -o "$BG_WORK/grid-fresh2.pdf"
cmp -s "$out" "$BG_WORK/grid-fresh2.pdf" && ok || bad "grid: after a CSV save, watch output differs from a fresh build"
kill -INT "$pid"
wait "$pid"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
