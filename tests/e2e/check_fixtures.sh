#!/bin/sh
# check_fixtures.sh: `baogao check` on every fixture prints exactly the diagnostics in
# its .expected file (paths as given on the command line: the check runs from the
# fixture's folder) and exits 0 for tests/fixtures/valid, 1 for tests/fixtures/invalid.
# Every valid fixture then builds into a PDF that qpdf accepts, and every invalid one
# is refused by `baogao build` with exit 1 and no output file. A NAME.args file beside a
# fixture holds extra arguments for both commands (e.g. `-l ../layouts/x.json`).
# A NAME.zh.expected holds the same diagnostics in Chinese (LANG=zh_CN.UTF-8): the check
# is run a second time in Chinese and compared with it.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
status=0 count=0 zh=0
for kind in valid invalid; do
  want=0; [ "$kind" = invalid ] && want=1
  cd "$BG_SOURCE_DIR/tests/fixtures/$kind" || exit 1
  for json in *.json; do
    name=${json%.json}
    count=$((count + 1))
    args=; [ -f "$name.args" ] && args=$(cat "$name.args")
    # shellcheck disable=SC2086 # args is a word list on purpose
    "$BAOGAO" check $args "$json" >"$BG_WORK/$name.out" 2>&1; rc=$?
    if [ "$rc" -ne "$want" ]; then echo "FAIL: $kind/$json: check exited $rc, expected $want"; status=1; fi
    if ! diff -u "$name.expected" "$BG_WORK/$name.out" >"$BG_WORK/$name.diff"; then
      echo "FAIL: $kind/$json: diagnostics differ"; cat "$BG_WORK/$name.diff"; status=1
    fi
    # The same check in Chinese, as a user with LANG=zh_CN.UTF-8 runs it (the locale
    # need not be installed), for every fixture with a NAME.zh.expected.
    if [ -f "$name.zh.expected" ]; then
      zh=$((zh + 1))
      # shellcheck disable=SC2086
      env -u LANGUAGE LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 "$BAOGAO" check $args "$json" >"$BG_WORK/$name.zh.out" 2>&1; rc=$?
      if [ "$rc" -ne "$want" ]; then echo "FAIL: $kind/$json: check in Chinese exited $rc, expected $want"; status=1; fi
      if ! diff -u "$name.zh.expected" "$BG_WORK/$name.zh.out" >"$BG_WORK/$name.zh.diff"; then
        echo "FAIL: $kind/$json: Chinese diagnostics differ"; cat "$BG_WORK/$name.zh.diff"; status=1
      fi
    fi
    pdf="$BG_WORK/$name.pdf"
    rm -f "$pdf"
    "$BAOGAO" build -q $args "$json" -o "$pdf" 2>/dev/null; rc=$?
    if [ "$rc" -ne "$want" ]; then echo "FAIL: $kind/$json: build exited $rc, expected $want"; status=1; fi
    if [ "$want" -eq 0 ] && ! qpdf --check "$pdf" >/dev/null 2>&1; then echo "FAIL: $kind/$json: qpdf --check"; status=1; fi
    if [ "$want" -eq 1 ] && [ -e "$pdf" ]; then echo "FAIL: $kind/$json: a refused build left $pdf"; status=1; fi
  done
done
echo "$count fixtures checked, $zh of them also in Chinese"
exit $status
