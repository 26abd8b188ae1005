#!/bin/sh
# install.sh: `cmake --install` puts the binary, layouts, schemas, message catalogues, man
# page and bash completion under a prefix; the installed tree works after being moved, from
# another directory, with the source tree out of reach (its data found beside the
# executable, as `--version` says); $BAOGAO_DATA overrides; a lone copied binary names the
# data folder it wanted; no path of the build machine is compiled into the program.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK/elsewhere"
status=0
fail() { echo "FAIL: $*"; status=1; }
build_dir=$(dirname "$BAOGAO")

# The build folder itself runs on the source tree.
"$BAOGAO" --version | grep -qx "data folder: $(cd "$BG_SOURCE_DIR" && pwd -P) (the source tree of this build folder)" ||
  { fail "build folder: --version"; "$BAOGAO" --version; }

# Install, keeping any manifest of a real install made from this build folder.
manifest="$build_dir/install_manifest.txt"
[ -f "$manifest" ] && cp "$manifest" "$BG_WORK/manifest.saved"
cmake --install "$build_dir" --prefix "$BG_WORK/P" >"$BG_WORK/install.log" 2>&1 || { fail "cmake --install"; cat "$BG_WORK/install.log"; }
if [ -f "$BG_WORK/manifest.saved" ]; then mv "$BG_WORK/manifest.saved" "$manifest"; else rm -f "$manifest"; fi
for f in bin/baogao share/baogao/layouts/report-a4.json share/baogao/layouts/gbt9704.json \
         share/baogao/schemas/report.schema.json share/baogao/schemas/layout.schema.json \
         share/locale/zh_CN/LC_MESSAGES/baogao.mo share/man/man1/baogao.1 \
         share/bash-completion/completions/baogao; do
  [ -f "$BG_WORK/P/$f" ] || fail "not installed: $f"
done
[ -x "$BG_WORK/P/bin/baogao" ] || fail "bin/baogao is not executable"

# Move the installed tree, then build from another directory with only a copy of a fixture.
mv "$BG_WORK/P" "$BG_WORK/Q"
cp "$BG_SOURCE_DIR/tests/fixtures/valid/paragraph.json" "$BG_WORK/elsewhere/r.json"
q=$(cd "$BG_WORK/Q" && pwd -P)
(cd "$BG_WORK/elsewhere" && env -u BAOGAO_DATA -u BAOGAO_LAYOUT -u BAOGAO_LOCALEDIR "$q/bin/baogao" --version) >"$BG_WORK/version.txt"
grep -qx "data folder: $q/share/baogao (beside the executable)" "$BG_WORK/version.txt" || { fail "moved tree: --version"; cat "$BG_WORK/version.txt"; }
grep -qx "message catalogues: $q/share/locale" "$BG_WORK/version.txt" || fail "moved tree: catalogues"
(cd "$BG_WORK/elsewhere" && env -u BAOGAO_DATA -u BAOGAO_LAYOUT "$q/bin/baogao" build -q r.json -o r.pdf) || fail "moved tree: build"
pdfinfo "$BG_WORK/elsewhere/r.pdf" 2>/dev/null | grep -q "^Pages: *[1-9]" || fail "moved tree: no PDF"
(cd "$BG_WORK/elsewhere" && env -u BAOGAO_DATA LC_ALL=zh_CN.UTF-8 "$q/bin/baogao" check missing.json 2>&1) | grep -q "错误" ||
  fail "moved tree: no Chinese messages"
# The layout really came from the installed tree: remove it and the build says where it looked.
mv "$q/share/baogao/layouts/report-a4.json" "$BG_WORK/hidden.json"
(cd "$BG_WORK/elsewhere" && env -u BAOGAO_DATA -u BAOGAO_LAYOUT "$q/bin/baogao" build r.json -o s.pdf 2>&1) |
  grep -q "^$q/share/baogao/layouts/report-a4.json: error: " || fail "moved tree: missing layout not named"
mv "$BG_WORK/hidden.json" "$q/share/baogao/layouts/report-a4.json"

# $BAOGAO_DATA comes first.
mkdir -p "$BG_WORK/data/layouts"
sed 's/"A4"/"A5"/' "$q/share/baogao/layouts/report-a4.json" >"$BG_WORK/data/layouts/report-a4.json"
(cd "$BG_WORK/elsewhere" && BAOGAO_DATA="$BG_WORK/data" "$q/bin/baogao" build -q r.json -o a5.pdf) || fail "BAOGAO_DATA: build"
pdfinfo "$BG_WORK/elsewhere/a5.pdf" 2>/dev/null | grep -q "Page size: *419.* x 595" || { fail "BAOGAO_DATA: layout not used"; pdfinfo "$BG_WORK/elsewhere/a5.pdf"; }

# A lone copy of the binary looks in the configured prefix, never in the source tree.
mkdir -p "$BG_WORK/lone"
cp "$q/bin/baogao" "$BG_WORK/lone/baogao"
(cd "$BG_WORK/elsewhere" && env -u BAOGAO_DATA "$BG_WORK/lone/baogao" --version) | grep "^data folder:" | grep -q "(the installation prefix)" ||
  fail "lone binary: not the prefix"
# (Debug builds keep source file names for assert(); what matters is no data path.)
strip -o "$BG_WORK/stripped" "$BAOGAO" && ! strings "$BG_WORK/stripped" | grep -x "$BG_SOURCE_DIR\(/layouts.*\|/fonts.*\|/docs.*\|/\)\?" ||
  fail "the source folder is compiled into the program"
exit $status
