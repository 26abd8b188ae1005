#!/bin/sh
# robustness.sh: bad input gets an error, never a crash. Damages the 2023 report in 150
# seeded ways (tests/tools/mutate.py: cut or doubled bytes, values of the wrong type,
# renamed keys, emptied arrays, odd numbers, broken markup) and runs `baogao check` on
# each, and `baogao build` on every tenth: the exit status must be 0 or 1 (never a
# signal or an internal error), an error must come with a located message, and a
# failed build must leave the previous output file byte for byte as it was.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK"
# The damaged copies sit beside the real report so its images resolve.
cp -r "$BG_SOURCE_DIR/data/2023/." "$BG_WORK/"
python3 "$BG_SOURCE_DIR/tests/tools/mutate.py" "$BG_SOURCE_DIR/data/2023/report.json" "$BG_WORK" 150
status=0 n=0
printf 'previous' >"$BG_WORK/previous.pdf"
for f in "$BG_WORK"/mut-*.json; do
  n=$((n + 1))
  "$BAOGAO" check -q "$f" >/dev/null 2>"$BG_WORK/err"; rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "FAIL: check $(basename "$f") exited $rc"; head -5 "$BG_WORK/err"; status=1; continue
  fi
  if [ "$rc" -eq 1 ] && ! grep -q "error: " "$BG_WORK/err"; then
    echo "FAIL: check $(basename "$f") failed without an error message"; status=1
  fi
  [ $((n % 10)) -eq 0 ] || continue
  cp "$BG_WORK/previous.pdf" "$BG_WORK/out.pdf"
  "$BAOGAO" build -q "$f" -o "$BG_WORK/out.pdf" >/dev/null 2>"$BG_WORK/err"; rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "FAIL: build $(basename "$f") exited $rc"; head -5 "$BG_WORK/err"; status=1
  elif [ "$rc" -eq 1 ] && ! cmp -s "$BG_WORK/out.pdf" "$BG_WORK/previous.pdf"; then
    echo "FAIL: failed build $(basename "$f") touched the previous output"; status=1
  fi
done
echo "$n damaged reports checked"
exit $status
