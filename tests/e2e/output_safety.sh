#!/bin/sh
# output_safety.sh: nothing is lost when the PDF is written (issue 14, cases 1-4).
# With write(), fsync() or close() failing on the temporary output (LD_PRELOAD injector
# tests/inject/failwrite.c), build exits 3 with a message located at the output, the
# previous PDF stays byte-identical and no temporary file is left; short writes give the
# same bytes as a normal build. The output may never be an input (the report, a CSV file,
# an image, the layout), also through a hard link or another spelling; -o naming a symlink
# writes through to its target; /dev/null, a FIFO and a folder are refused; stale
# temporaries of our own pattern are removed, others are not.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}" "${BG_FAILWRITE:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK/r"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
v="$BG_SOURCE_DIR/tests/fixtures/valid"
cp "$v/table-csv.json" "$v/table-csv.csv" "$v/figure-image.json" "$v/photo.png" "$BG_WORK/r/"
cp "$BG_SOURCE_DIR/layouts/report-a4.json" "$BG_WORK/r/layout.json"
cd "$BG_WORK/r" || exit 1
# The sanitizer runtime must come first in the library list unless told otherwise.
inject() { ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" LD_PRELOAD="$BG_FAILWRITE" "$@"; }

"$BAOGAO" build -q figure-image.json -o good.pdf || bad "first build"
cp good.pdf keep.pdf
no_temporary() { ! ls ./*.tmp-* >/dev/null 2>&1; }

# Disk full at the final flush (after 4 KB and after 0 bytes), fsync and close failing.
for fault in BG_FAIL_WRITE_AFTER=4096 BG_FAIL_WRITE_AFTER=0 BG_FAIL_FSYNC=1 BG_FAIL_CLOSE=1; do
  inject env "$fault" "$BAOGAO" build -q figure-image.json -o good.pdf 2>err.txt
  rc=$?
  [ $rc -eq 3 ] && ok || bad "$fault: exit $rc, not 3"
  cmp -s good.pdf keep.pdf && ok || bad "$fault: the previous PDF was changed"
  no_temporary && ok || { bad "$fault: a temporary file was left"; ls; }
  grep -q "^good.pdf: error: cannot .*temporary file" err.txt && ok || { bad "$fault: message"; cat err.txt; }
done
grep -q "No space left on device" err.txt || BG_FAIL_WRITE_AFTER=100 inject "$BAOGAO" build -q figure-image.json -o good.pdf 2>err.txt
grep -q "No space left on device" err.txt && ok || { bad "ENOSPC not reported"; cat err.txt; }

# Short writes: the loop goes on until every byte is written.
BG_SHORT_WRITES=1000 inject "$BAOGAO" build -q figure-image.json -o short.pdf || bad "build with short writes"
cmp -s short.pdf keep.pdf && ok || bad "short writes gave other bytes"

# The output is never an input, whatever its spelling.
cp table-csv.json self.json
cp self.json self.before
for out in self.json ./self.json "$BG_WORK/r/self.json" ../r/self.json; do
  "$BAOGAO" build -q self.json -o "$out" 2>err.txt
  rc=$?
  [ $rc -eq 2 ] && ok || bad "-o $out (the report): exit $rc"
  grep -q "error: the output is the input file" err.txt && ok || { bad "-o $out: message"; cat err.txt; }
done
cmp -s self.json self.before && ok || bad "the report was overwritten"
ln self.json hard.json
"$BAOGAO" build -q self.json -o hard.json 2>/dev/null; [ $? -eq 2 ] && ok || bad "hard link to the report accepted"
cp table-csv.csv csv.before
"$BAOGAO" build -q table-csv.json -o table-csv.csv 2>/dev/null; [ $? -eq 2 ] && ok || bad "-o the CSV accepted"
cmp -s table-csv.csv csv.before && ok || bad "the CSV was overwritten"
cp photo.png png.before
"$BAOGAO" build -q figure-image.json -o ./photo.png 2>/dev/null; [ $? -eq 2 ] && ok || bad "-o the image accepted"
ln -s photo.png photo-link.pdf
"$BAOGAO" build -q figure-image.json -o photo-link.pdf 2>/dev/null; [ $? -eq 2 ] && ok || bad "-o a symlink to the image accepted"
cmp -s photo.png png.before && ok || bad "the image was overwritten"
"$BAOGAO" build -q figure-image.json -l layout.json -o layout.json 2>/dev/null; [ $? -eq 2 ] && ok || bad "-o the layout accepted"

# A symlink is written through; the link stays a link.
mkdir -p pdfs
ln -s pdfs/year.pdf year.pdf
"$BAOGAO" build -q figure-image.json -o year.pdf || bad "build through a dangling symlink"
[ -L year.pdf ] && [ -f pdfs/year.pdf ] && ok || bad "the symlink was replaced"
"$BAOGAO" build -q table-csv.json -o year.pdf || bad "build through a symlink"
[ -L year.pdf ] && ! cmp -s pdfs/year.pdf keep.pdf && ok || bad "not written through the symlink"
ls pdfs/*.tmp-* >/dev/null 2>&1 && bad "temporary left beside the target" || ok

# Devices, FIFOs and folders are refused.
"$BAOGAO" build -q figure-image.json -o /dev/null 2>err.txt; [ $? -eq 2 ] && ok || bad "/dev/null accepted"
grep -q "/dev/null: error: the output is not a regular file" err.txt && ok || { bad "/dev/null: message"; cat err.txt; }
[ -c /dev/null ] && ok || bad "/dev/null is no longer a device"
mkfifo fifo.pdf
"$BAOGAO" build -q figure-image.json -o fifo.pdf 2>/dev/null; [ $? -eq 2 ] && ok || bad "a FIFO accepted"
[ -p fifo.pdf ] && ok || bad "the FIFO was replaced"
mkdir folder.pdf
"$BAOGAO" build -q figure-image.json -o folder.pdf 2>err.txt; [ $? -eq 2 ] && ok || bad "a folder accepted"
grep -q "folder.pdf: error: the output is a folder" err.txt && ok || { bad "folder: message"; cat err.txt; }

# Stale temporaries of our pattern (older than the build) are removed; others stay.
touch -d '1 hour ago' good.pdf.tmp-AbC123 good.pdf.tmp-keep other.pdf.tmp-XyZ789
"$BAOGAO" build -q figure-image.json -o good.pdf || bad "build with stale temporaries"
[ ! -e good.pdf.tmp-AbC123 ] && ok || bad "the stale temporary was not removed"
[ -e good.pdf.tmp-keep ] && [ -e other.pdf.tmp-XyZ789 ] && ok || bad "a file not ours was removed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
