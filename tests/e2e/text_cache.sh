#!/bin/sh
# text_cache.sh: the paragraphs a build keeps in $XDG_CACHE_HOME/baogao/text/ (one file per
# report and layout, layout/textdisk.c) change no byte of any PDF:
#   - a cold build writes the file; a warm build gives the same bytes and rewrites nothing;
#   - after a correction (a paragraph edited, a CSV number changed) the PDF equals a build
#     of the corrected report with an empty cache, and the file is rewritten;
#   - a damaged file (a flipped byte, cut short), a file of other code (another build ID)
#     or one whose face is not the build's is not believed: same bytes, file rewritten;
#   - the file is read: a well-formed file with one glyph changed changes the PDF;
#   - another layout, another report, each has its own file; the folder keeps the 200
#     newest files.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK" && mkdir -p "$BG_WORK"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
cp -r "$BG_SOURCE_DIR/data/2023" "$BG_WORK/r"
report="$BG_WORK/r/report.json"
cache="$BG_WORK/cache"
text="$cache/baogao/text"
# Fonts, subsets and images keep their own caches, shared with the other tests.
[ -n "${XDG_CACHE_HOME:-}" ] && [ -d "$XDG_CACHE_HOME/baogao" ] && mkdir -p "$cache" &&
  cp -r "$XDG_CACHE_HOME/baogao" "$cache/" && rm -rf "$text"
build() { # build CACHE OUT [ARGS]
  c=$1 out=$2
  shift 2
  XDG_CACHE_HOME="$c" "$BAOGAO" build -q "$report" -o "$out" "$@" || bad "build with cache $c failed"
}
fresh() { # fresh OUT [ARGS]: a build with an empty cache of its own
  rm -rf "$BG_WORK/empty"
  build "$BG_WORK/empty" "$@"
}
only_file() { ls "$text" | grep -v tmp; }

build "$cache" "$BG_WORK/cold.pdf"
n=$(ls "$text" 2>/dev/null | wc -l)
[ "$n" -eq 1 ] && ok || bad "expected 1 file in $text, found $n"
file="$text/$(only_file)"
touch -d '2001-01-01' "$file"
build "$cache" "$BG_WORK/warm.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/warm.pdf" && ok || bad "warm build differs from the cold one"
[ -z "$(find "$text" -type f -newer "$BG_WORK/cold.pdf")" ] && ok || bad "a warm build rewrote the text file"
fresh "$BG_WORK/none.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/none.pdf" && ok || bad "a build with an empty cache differs"

# Corrections: a sentence and a table number; each against a build with an empty cache.
python3 - "$report" <<'PY'
import json, sys
path = sys.argv[1]
doc = json.load(open(path, encoding="utf-8"))
def first_para(blocks):
    for b in blocks:
        if b.get("type") == "paragraph":
            return b
        found = first_para(b.get("children", []))
        if found:
            return found
p = first_para(doc["body"])
assert p, "no paragraph"
p["text"] = "更正：" + p["text"] if isinstance(p["text"], str) else p["text"]
json.dump(doc, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
touch -d '2001-01-01' "$file"
build "$cache" "$BG_WORK/edited.pdf"
fresh "$BG_WORK/edited-fresh.pdf"
cmp -s "$BG_WORK/edited.pdf" "$BG_WORK/edited-fresh.pdf" && ok || bad "an edited paragraph: the PDF differs from a fresh build"
cmp -s "$BG_WORK/edited.pdf" "$BG_WORK/cold.pdf" && bad "the edit did not change the PDF" || ok
[ -n "$(find "$text" -type f -newer "$BG_WORK/cold.pdf")" ] && ok || bad "the text file was not rewritten after an edit"
# A CSV correction in a report of CSV tables (whose text cites the cells it changes).
cp -r "$BG_SOURCE_DIR/tests/fixtures/reports/qinghe" "$BG_WORK/q"
q="$BG_WORK/q/report.json"
XDG_CACHE_HOME="$cache" "$BAOGAO" build -q "$q" -o "$BG_WORK/q-before.pdf" || bad "qinghe: build"
python3 - "$BG_WORK/q/history.csv" <<'PY'
import sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
cells = lines[-2].split(",") if lines[-1] == "" else lines[-1].split(",")
cells[1] = str(int(cells[1]) + 1)
lines[-2 if lines[-1] == "" else -1] = ",".join(cells)
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
XDG_CACHE_HOME="$cache" "$BAOGAO" build -q "$q" -o "$BG_WORK/q-after.pdf" || bad "qinghe: build after the correction"
rm -rf "$BG_WORK/empty"
XDG_CACHE_HOME="$BG_WORK/empty" "$BAOGAO" build -q "$q" -o "$BG_WORK/q-fresh.pdf" || bad "qinghe: fresh build"
cmp -s "$BG_WORK/q-after.pdf" "$BG_WORK/q-fresh.pdf" && ok || bad "a CSV correction: the PDF differs from a fresh build"
cmp -s "$BG_WORK/q-after.pdf" "$BG_WORK/q-before.pdf" && bad "the CSV correction did not change the PDF" || ok
n=$(ls "$text" | wc -l)
[ "$n" -eq 2 ] && ok || bad "two reports: expected 2 files, found $n"
rm -f "$(ls -t "$text"/* | head -1)" # qinghe's, the newest
cp -r "$BG_SOURCE_DIR/data/2023/." "$BG_WORK/r/" # back to the seed
build "$cache" "$BG_WORK/back.pdf"
cmp -s "$BG_WORK/back.pdf" "$BG_WORK/cold.pdf" && ok || bad "back to the seed: the PDF differs from the cold build"

# edit FILE PYTHON: rewrites the text file through tests/tools/textcache_file.py.
edit() {
  python3 "$BG_SOURCE_DIR/tests/tools/textcache_file.py" "$file" "$1" || bad "textcache_file.py $1"
}
damaged() { # damaged WHAT: the build gives the cold bytes and leaves a file it believes
  touch -d '2001-01-01' "$file"
  build "$cache" "$BG_WORK/damaged.pdf"
  cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/damaged.pdf" && ok || bad "$1: the PDF differs"
  [ -n "$(find "$text" -type f -newer "$BG_WORK/cold.pdf")" ] && ok || bad "$1: the file was not rewritten"
  touch -d '2001-01-01' "$file"
  build "$cache" "$BG_WORK/after.pdf"
  [ -z "$(find "$text" -type f -newer "$BG_WORK/cold.pdf")" ] && ok || bad "$1: the rewritten file is not believed"
}
edit flip-byte && damaged "a flipped byte"
head -c 100000 "$file" >"$BG_WORK/cut" && mv "$BG_WORK/cut" "$file" && damaged "a file cut short"
edit other-code && damaged "another build ID"
edit other-font && damaged "another face"
edit truncate-entries && damaged "a payload cut inside a paragraph (with its checksum right)"

# The file is read: one glyph changed in a well-formed file shows in the PDF.
edit change-glyph
build "$cache" "$BG_WORK/planted.pdf"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/planted.pdf" && bad "a warm build did not read the text file" || ok
rm -f "$file"

# Another layout: a file of its own.
build "$cache" "$BG_WORK/a4.pdf"
build "$cache" "$BG_WORK/grid.pdf" -l "$BG_SOURCE_DIR/layouts/gbt9704.json"
n=$(ls "$text" | wc -l)
[ "$n" -eq 2 ] && ok || bad "two layouts: expected 2 files, found $n"
build "$cache" "$BG_WORK/a4-again.pdf"
cmp -s "$BG_WORK/a4.pdf" "$BG_WORK/a4-again.pdf" && ok || bad "two layouts: the A4 build changed"

# The folder keeps the 200 newest files.
i=0
while [ $i -lt 210 ]; do
  name=$(printf '%064x' $i)
  echo old >"$text/$name"
  touch -d '2001-01-01' "$text/$name"
  i=$((i + 1))
done
rm -f "$file"
build "$cache" "$BG_WORK/pruned.pdf"
n=$(ls "$text" | wc -l)
[ "$n" -eq 200 ] && ok || bad "expected the 200 newest files, found $n"
[ -f "$file" ] && ok || bad "the build's own file was pruned"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
