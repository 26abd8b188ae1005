#!/bin/sh
# planted.sh: in the sanitizer build, each planted error of planted.c (heap and stack
# overflow, undefined shift, leak) ends the program with exit code 86 from the test
# environment's ASAN_OPTIONS / UBSAN_OPTIONS, not 1: so a test expecting exit 1 for bad
# input cannot pass when the program died on a sanitizer report.
set -u
: "${PLANTED:?}"
status=0
for what in heap stack shift leak; do
  "$PLANTED" "$what" >/dev/null 2>"${TMPDIR:-/tmp}/planted-$$.err"; rc=$?
  if [ "$rc" -ne 86 ]; then
    echo "FAIL: planted $what exited $rc, expected 86"; head -5 "${TMPDIR:-/tmp}/planted-$$.err"; status=1
  fi
done
rm -f "${TMPDIR:-/tmp}/planted-$$.err"
exit $status
