#!/bin/sh
# font_cache.sh: when fontconfig cannot write its font cache (the cache folder cannot be
# created), a build still costs one fontconfig set-up, prints once a warning that names
# the uncached folder and says how to fix it, and writes the same PDF; with a writable
# cache folder there is no warning (the first run writes the cache, later runs read it).
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK" && mkdir -p "$BG_WORK"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
report="$BG_SOURCE_DIR/data/2023/report.json"
conf() { # conf FILE CACHEDIR: the Debian folders of the fonts the default layout names
  cat >"$1" <<XML
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/opentype/noto</dir>
  <dir>/usr/share/fonts/truetype/liberation2</dir>
  <cachedir>$2</cachedir>
</fontconfig>
XML
}
"$BAOGAO" build -q "$report" -o "$BG_WORK/normal.pdf" || bad "normal build failed"

: >"$BG_WORK/a-file"
conf "$BG_WORK/unwritable.conf" "$BG_WORK/a-file/fontconfig"
FONTCONFIG_FILE="$BG_WORK/unwritable.conf" LC_ALL=C.UTF-8 "$BAOGAO" build "$report" -o "$BG_WORK/unwritable.pdf" \
  2>"$BG_WORK/unwritable.err" || bad "build without a writable font cache failed"
n=$(grep -c 'warning: fontconfig cannot keep a font cache for /usr/share/fonts/' "$BG_WORK/unwritable.err")
[ "$n" -eq 1 ] && ok || bad "expected one font cache warning, got $n: $(cat "$BG_WORK/unwritable.err")"
grep -q 'hint: run `fc-cache -f`' "$BG_WORK/unwritable.err" && ok || bad "the warning does not say how to fix it"
cmp -s "$BG_WORK/normal.pdf" "$BG_WORK/unwritable.pdf" && ok || bad "the PDF differs without a font cache"

conf "$BG_WORK/writable.conf" "$BG_WORK/fc-cache"
for run in first second; do
  FONTCONFIG_FILE="$BG_WORK/writable.conf" "$BAOGAO" build "$report" -o "$BG_WORK/$run.pdf" 2>"$BG_WORK/$run.err" ||
    bad "$run build with a writable font cache failed"
  grep -q 'font cache' "$BG_WORK/$run.err" && bad "$run build warned: $(cat "$BG_WORK/$run.err")" || ok
done
[ -n "$(ls "$BG_WORK/fc-cache" 2>/dev/null)" ] && ok || bad "fontconfig wrote no cache"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
