#!/bin/sh
# deb.sh: the Debian package. CPack's DEB generator (the configuration `make deb` uses) makes
# baogao_<version>_amd64.deb whose Depends come from the shared libraries plus the fonts;
# unpacked with dpkg-deb -x, its binary builds a fixture from another directory with the
# source tree's layouts out of reach (BAOGAO_DATA unset, not in a build folder); its man
# page renders without warnings; lintian reports no error.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK/elsewhere"
status=0
fail() { echo "FAIL: $*"; status=1; }
build_dir=$(dirname "$BAOGAO")
version=$("$BAOGAO" --version | sed -n '1s/^baogao //p')
deb="$BG_WORK/pkg/baogao_${version}_amd64.deb"

# cpack rewrites the build folder's install_manifest.txt (which `make uninstall` reads): keep it.
manifest="$build_dir/install_manifest.txt"
[ -f "$manifest" ] && cp "$manifest" "$BG_WORK/manifest.saved"
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$BG_WORK/pkg" >"$BG_WORK/cpack.log" 2>&1 || { fail "cpack"; cat "$BG_WORK/cpack.log"; }
if [ -f "$BG_WORK/manifest.saved" ]; then mv "$BG_WORK/manifest.saved" "$manifest"; else rm -f "$manifest"; fi
[ -f "$deb" ] || { fail "no $deb"; ls "$BG_WORK/pkg"; exit 1; }
depends=$(dpkg-deb -f "$deb" Depends)
for d in fonts-noto-cjk fonts-liberation2 icc-profiles-free libharfbuzz0b libhpdf-2.3.0 libjansson4 libc6; do
  echo "$depends" | grep -q "\(^\|, \)$d\( \|,\|$\)" || fail "Depends lacks $d: $depends"
done

dpkg-deb -x "$deb" "$BG_WORK/root" || fail "dpkg-deb -x"
root=$(cd "$BG_WORK/root" && pwd -P)
for f in usr/bin/baogao usr/share/baogao/layouts/report-a4.json usr/share/baogao/schemas/report.schema.json \
         usr/share/locale/zh_CN/LC_MESSAGES/baogao.mo usr/share/man/man1/baogao.1.gz \
         usr/share/bash-completion/completions/baogao usr/share/doc/baogao/copyright usr/share/doc/baogao/changelog.gz; do
  [ -f "$root/$f" ] || fail "not in the package: $f"
done
cp "$BG_SOURCE_DIR/tests/fixtures/valid/table-csv.json" "$BG_SOURCE_DIR/tests/fixtures/valid/table-csv.csv" "$BG_WORK/elsewhere/"
(cd "$BG_WORK/elsewhere" && env -u BAOGAO_DATA -u BAOGAO_LAYOUT -u BAOGAO_LOCALEDIR "$root/usr/bin/baogao" --version) |
  grep -qx "data folder: $root/usr/share/baogao (beside the executable)" || fail "unpacked: --version"
(cd "$BG_WORK/elsewhere" && env -u BAOGAO_DATA -u BAOGAO_LAYOUT -u BAOGAO_LOCALEDIR "$root/usr/bin/baogao" build -q table-csv.json -o t.pdf) ||
  fail "unpacked: build"
pdftotext "$BG_WORK/elsewhere/t.pdf" - 2>/dev/null | grep -q "表 1" || fail "unpacked: the PDF lacks its table"
pdffonts "$BG_WORK/elsewhere/t.pdf" 2>/dev/null | grep -q "NotoSerifCJK" || fail "unpacked: fonts"

warnings=$(zcat "$root/usr/share/man/man1/baogao.1.gz" | groff -man -ww -z 2>&1)
[ -z "$warnings" ] || fail "the packaged man page warns: $warnings"

if command -v lintian >/dev/null 2>&1; then
  lintian --tag-display-limit 0 "$deb" >"$BG_WORK/lintian.txt" 2>&1
  ! grep "^E: " "$BG_WORK/lintian.txt" || fail "lintian reports errors"
else
  fail "lintian is not installed (scripts/install-deps.sh)"
fi
exit $status
