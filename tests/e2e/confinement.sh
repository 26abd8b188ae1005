#!/bin/sh
# confinement.sh: a report reaches only files inside its own folder (issue 14, cases
# 13-14). A CSV file or image named by an absolute path, by ../, or through a symlink
# that leads out of the folder is refused by `check` (and so by `build`) with an error
# at the JSON path that names --allow-path; its content is never printed; --allow-path
# DIR (repeatable) lets the report use files in DIR; symlinks that stay inside are fine.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK/r/images" "$BG_WORK/shared"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
v="$BG_SOURCE_DIR/tests/fixtures/valid"
cp "$v/photo.png" "$BG_WORK/shared/outside.png"
cp "$v/photo.png" "$BG_WORK/r/images/inside.png"
cp "$v/table-csv.csv" "$BG_WORK/shared/outside.csv"
printf 'secret-first-line,b,c\n1,2,3\n' >"$BG_WORK/shared/secret.csv"
cd "$BG_WORK/r" || exit 1
figure() { # file src
  sed "s|\"src\": \"photo.png\"|\"src\": \"$2\"|" "$v/figure-image.json" >"$1"
}
table() { # file csv
  sed "s|\"csv\": \"table-csv.csv\"|\"csv\": \"$2\"|" "$v/table-csv.json" >"$1"
}
refused() { # what file [options]
  what=$1 file=$2
  shift 2
  "$BAOGAO" check "$file" "$@" >out.txt 2>&1
  rc=$?
  [ $rc -eq 1 ] && ok || bad "$what: check exit $rc, not 1"
  grep -q "error: .* is outside the report's folder .*--allow-path .*\[\$\.body\[0\]\.\(image\.src\|rows\.csv\)\]" out.txt && ok ||
    { bad "$what: message"; cat out.txt; }
  grep -q "secret-first-line" out.txt && bad "$what: the outside file's content was printed" || ok
  rm -f out.pdf
  "$BAOGAO" build -q "$file" "$@" -o out.pdf 2>/dev/null
  rc=$?
  [ $rc -eq 1 ] && [ ! -e out.pdf ] && ok || bad "$what: build exit $rc or a PDF written"
}

figure up.json ../shared/outside.png
refused "image by ../" up.json
figure abs.json "$BG_WORK/shared/outside.png"
refused "image by absolute path" abs.json
table csv-up.json ../shared/secret.csv
refused "CSV by ../" csv-up.json
table csv-etc.json /etc/passwd
refused "CSV /etc/passwd" csv-etc.json
grep -q "root:" out.txt && bad "/etc/passwd content printed" || ok
ln -s ../../shared/outside.png images/link-out.png
figure link.json images/link-out.png
refused "image through a symlink out of the folder" link.json
ln -s ../../shared images/shared-dir
figure linkdir.json images/shared-dir/outside.png
refused "image through a symlinked folder" linkdir.json

# Allowed: inside the folder, through a symlink that stays inside, or by --allow-path.
figure in.json images/inside.png
"$BAOGAO" check -q in.json && ok || bad "an image inside the folder refused"
ln -s inside.png images/link-in.png
figure link-in.json images/link-in.png
"$BAOGAO" check -q link-in.json && ok || bad "a symlink inside the folder refused"
figure abs-in.json "$BG_WORK/r/images/inside.png"
"$BAOGAO" check -q abs-in.json && ok || bad "an absolute path inside the folder refused"
"$BAOGAO" check -q up.json --allow-path ../shared && ok || bad "--allow-path ../shared: check"
table csv-ok.json ../shared/outside.csv
"$BAOGAO" check -q csv-ok.json --allow-path /nonexistent --allow-path "$BG_WORK/shared" 2>/dev/null
[ $? -eq 1 ] && ok || bad "--allow-path naming a missing folder accepted"
"$BAOGAO" check -q csv-ok.json --allow-path /tmp/.. --allow-path "$BG_WORK/shared" && ok || bad "two --allow-path"
"$BAOGAO" build -q link.json --allow-path "$BG_WORK/shared" -o allowed.pdf && [ -s allowed.pdf ] && ok ||
  bad "--allow-path: build"
# From another working directory, the folder is still the report's.
(cd / && "$BAOGAO" check -q "$BG_WORK/r/in.json") && ok || bad "check from / refused an inside image"
(cd "$BG_WORK/shared" && "$BAOGAO" check -q ../r/up.json 2>/dev/null)
[ $? -eq 1 ] && ok || bad "check from the outside folder accepted ../shared"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
