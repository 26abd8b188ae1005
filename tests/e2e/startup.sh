#!/bin/sh
# startup.sh: `build` and `check` start without the PDF-reading libraries: libqpdf and
# poppler-glib (and the cairo, gio, gnutls, nss and X11 libraries behind poppler) are not
# linked (no NEEDED entry) and not loaded by a check; `info` and `diff` load them when
# they run and still read PDFs back. ICU is not linked either: a check of the 2023 report
# never loads it, a build does, and a build that cannot load it stops with one error
# naming the library, writing nothing.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK" && mkdir -p "$BG_WORK"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
report="$BG_SOURCE_DIR/data/2023/report.json"

needed=$(objdump -p "$BAOGAO" | awk '$1 == "NEEDED" { print $2 }')
for lib in libqpdf libpoppler libpoppler-glib libcairo libgio libgnutls libnss3 libX11 libstdc++ libicuuc libicui18n; do
  echo "$needed" | grep -q "^$lib\.so" && bad "$BAOGAO links $lib" || ok
done
LD_DEBUG=files "$BAOGAO" check -q "$report" 2>"$BG_WORK/check.ld" || bad "check failed"
grep -q 'file=libqpdf\|file=libpoppler' "$BG_WORK/check.ld" && bad "check loaded libqpdf or poppler" || ok
grep -q 'file=libicu' "$BG_WORK/check.ld" && bad "check loaded ICU" || ok
LD_DEBUG=files "$BAOGAO" build -q "$report" -o "$BG_WORK/icu.pdf" 2>"$BG_WORK/build.ld" || bad "build failed"
grep -q 'file=libicuuc' "$BG_WORK/build.ld" && ok || bad "build did not load ICU"
# An ICU that cannot be loaded (an empty file where the library should be).
mkdir -p "$BG_WORK/badicu"
soname=$(grep -o 'file=libicuuc[^ ]*' "$BG_WORK/build.ld" | head -n 1 | sed 's/^file=//')
: >"$BG_WORK/badicu/$soname"
LD_LIBRARY_PATH="$BG_WORK/badicu" "$BAOGAO" build "$report" -o "$BG_WORK/noicu.pdf" >"$BG_WORK/noicu.out" 2>&1
rc=$?
[ "$rc" -eq 1 ] && ok || bad "build without ICU exited $rc"
[ ! -e "$BG_WORK/noicu.pdf" ] && ok || bad "build without ICU wrote a PDF"
grep -q "error: cannot break lines: cannot load the library $soname" "$BG_WORK/noicu.out" && ok ||
  bad "build without ICU said: $(cat "$BG_WORK/noicu.out")"
[ "$(grep -c 'error:' "$BG_WORK/noicu.out")" -eq 1 ] && ok || bad "build without ICU: not one error"

"$BAOGAO" build -q "$report" -o "$BG_WORK/a.pdf" || bad "build failed"
"$BAOGAO" info "$BG_WORK/a.pdf" >"$BG_WORK/info.txt" 2>&1 && ok || bad "info failed"
grep -q 'NotoSerifCJK' "$BG_WORK/info.txt" && ok || bad "info lists no fonts: $(cat "$BG_WORK/info.txt")"
LD_DEBUG=files "$BAOGAO" diff "$BG_WORK/a.pdf" "$BG_WORK/a.pdf" >"$BG_WORK/diff.txt" 2>"$BG_WORK/diff.ld" && ok || bad "diff failed"
grep -q 'no page changed' "$BG_WORK/diff.txt" && ok || bad "diff of a file with itself: $(cat "$BG_WORK/diff.txt")"
grep -q 'file=libpoppler-glib' "$BG_WORK/diff.ld" && ok || bad "diff did not load poppler-glib"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
