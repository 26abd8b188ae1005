#!/bin/sh
# objstm.sh: object streams in the print copy (issue 12's size target). For both years,
# tagged and --no-tags: the default build has a cross-reference stream and every object
# that is not a stream in an object stream, and holds exactly the objects, numbers and
# stream bytes of the --no-object-streams build, which is the classic file
# (tests/tools/pdf_xref_check.py, reading both with qpdf); the tagged file is at most 5 %
# larger than its --no-tags twin; a second build gives the same bytes. The archive copies
# of PDF/A-1 (which forbids object streams) are classic and the same with and without
# --no-object-streams; a --pdfa 3u file is packed, and baogao info and extract still read
# its build record and sources. Every valid fixture is packed as its classic build.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK"
check="$BG_SOURCE_DIR/tests/tools/pdf_xref_check.py"
status=0
fail() { echo "FAIL: $*"; status=1; }
xref() { python3 "$check" "$@" >"$BG_WORK/check.out" 2>&1 || { fail "pdf_xref_check $*"; cat "$BG_WORK/check.out"; }; }
size() { wc -c <"$1" | tr -d ' '; }

for year in 2022 2023; do
  r="$BG_SOURCE_DIR/data/$year/report.json"
  w="$BG_WORK/$year"
  for tags in "" --no-tags; do
    # shellcheck disable=SC2086 # $tags is empty or one word
    "$BAOGAO" build -q "$r" $tags -o "$w$tags.pdf" || { fail "build $year $tags"; continue; }
    # shellcheck disable=SC2086
    "$BAOGAO" build -q "$r" $tags --no-object-streams -o "$w$tags-classic.pdf" ||
      { fail "build $year $tags --no-object-streams"; continue; }
    xref packed "$w$tags.pdf" "$w$tags-classic.pdf"
    xref classic "$w$tags-classic.pdf"
  done
  tagged=$(size "$w.pdf") untagged=$(size "$w--no-tags.pdf")
  [ $((tagged * 100)) -le $((untagged * 105)) ] ||
    fail "$year: the tagged file ($tagged bytes) is more than 5 % larger than --no-tags ($untagged bytes)"
  [ "$(size "$w.pdf")" -lt "$(size "$w-classic.pdf")" ] || fail "$year: object streams do not make the file smaller"
  "$BAOGAO" build -q "$r" -o "$w-again.pdf" && cmp -s "$w.pdf" "$w-again.pdf" || fail "$year: a second build differs"
  # PDF/A-1: classic, whatever the option says.
  for level in 1a 1b; do
    "$BAOGAO" build -q "$r" --pdfa $level -o "$w-$level.pdf" || { fail "build $year --pdfa $level"; continue; }
    xref classic "$w-$level.pdf"
    "$BAOGAO" build -q "$r" --pdfa $level --no-object-streams -o "$w-$level-classic.pdf" &&
      cmp -s "$w-$level.pdf" "$w-$level-classic.pdf" || fail "$year --pdfa $level: --no-object-streams changes the file"
  done
done

# PDF/A-3u: packed; the build record and the sources read back.
r="$BG_SOURCE_DIR/data/2023/report.json"
"$BAOGAO" build -q "$r" --pdfa 3u -o "$BG_WORK/3u.pdf" && "$BAOGAO" build -q "$r" --pdfa 3u --no-object-streams -o "$BG_WORK/3u-classic.pdf" ||
  fail "build --pdfa 3u"
xref packed "$BG_WORK/3u.pdf" "$BG_WORK/3u-classic.pdf"
"$BAOGAO" info "$BG_WORK/3u.pdf" >"$BG_WORK/info.txt" 2>&1 || fail "info on the packed 3u file"
grep -q "built with baogao [0-9]" "$BG_WORK/info.txt" && grep -q "PDF/A-3U" "$BG_WORK/info.txt" ||
  { fail "info on the packed 3u file"; cat "$BG_WORK/info.txt"; }
"$BAOGAO" extract "$BG_WORK/3u.pdf" "$BG_WORK/x" >/dev/null 2>&1 || fail "extract from the packed 3u file"
cmp -s "$BG_WORK/x/report.json" "$r" || fail "extract from the packed 3u file: report.json differs"

# Every valid fixture (arguments as check_fixtures.sh gives them, from the fixture folder).
cd "$BG_SOURCE_DIR/tests/fixtures/valid" || exit 1
for json in *.json; do
  name=${json%.json}
  args=; [ -f "$name.args" ] && args=$(cat "$name.args")
  case " $args " in *" --pdfa 1"*) continue ;; esac
  # shellcheck disable=SC2086 # args is a word list on purpose
  "$BAOGAO" build -q $args "$json" -o "$BG_WORK/f-$name.pdf" 2>/dev/null &&
    "$BAOGAO" build -q $args --no-object-streams "$json" -o "$BG_WORK/f-$name-classic.pdf" 2>/dev/null ||
    { fail "build fixture $name"; continue; }
  xref packed "$BG_WORK/f-$name.pdf" "$BG_WORK/f-$name-classic.pdf"
done
exit $status
