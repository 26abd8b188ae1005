#!/bin/sh
# image_checks.sh: the images' full checks run on worker threads (image/checks.c), yet a
# report with several bad images has each one reported, at its figure and in figure
# order, by `check` and by `build` alike: images refused from the header (at once) and
# from their data (when the workers are done) interleaved, one bad file shown by two
# figures reported twice, other load errors kept in their places; `build` exits 1, writes
# no PDF, keeps an old one, and prints exactly what `check` prints (the warnings of the
# stages after the load dropped, as when the load stopped at the image). Cold cache and
# warm cache alike; and a report whose images are all good builds the same bytes cold,
# warm and with the cache folder unusable.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK" && mkdir -p "$BG_WORK"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

r="$BG_WORK/r"
mkdir -p "$r/images"
for f in png-bad-zlib.png png-bad-crc.png png-huge.png png-bad-adler.png jpeg-cut.jpg; do
  cp "$BG_SOURCE_DIR/tests/fixtures/invalid/images/$f" "$r/images/" || exit 1
done
cp "$BG_SOURCE_DIR"/data/2023/images/fig-0[2-6].png "$r/images/" || exit 1

# many.json: only images whose data is bad (their headers are good), so build's load
# goes on and their checks are collected after the layout; "id": "never" and the images'
# low resolution give warnings (numbering, layout) that a refused report never reaches.
cat >"$r/many.json" <<'EOF'
{
  "meta": {"title": "坏图像", "date": "2024-01-15"},
  "body": [
    {"type": "figure", "caption": "好", "image": {"src": "images/fig-02.png"}},
    {"type": "figure", "caption": "坏一", "image": {"src": "images/png-bad-zlib.png"}},
    {"type": "paragraph", "text": "正文。"},
    {"type": "figure", "caption": "坏二", "image": {"src": "images/png-bad-crc.png"}},
    {"type": "figure", "caption": "好", "id": "never", "image": {"src": "images/fig-03.png"}},
    {"type": "figure", "caption": "坏三", "image": {"src": "images/png-bad-adler.png"}},
    {"type": "figure", "caption": "坏四", "image": {"src": "images/jpeg-cut.jpg"}},
    {"type": "figure", "caption": "坏五", "image": {"src": "images/png-bad-adler.png"}},
    {"type": "figure", "caption": "好", "image": {"src": "images/fig-04.png"}}
  ]
}
EOF
# mixed.json: an unknown key and an image refused from its header (load errors found at
# once) between them.
sed -e 's/{"type": "paragraph", "text": "正文。"}/{"type": "paragraph", "text": "正文。", "colour": 1}/' \
  -e 's/png-bad-crc.png/png-huge.png/' "$r/many.json" >"$r/mixed.json"
grep -q colour "$r/mixed.json" && grep -q png-huge "$r/mixed.json" || bad "mixed.json not made"

many_want='$.body[1].image.src the PNG data is corrupt (IDAT: invalid literal/lengths set)
$.body[3].image.src the PNG data is corrupt (IDAT: CRC error)
$.body[5].image.src the PNG data is corrupt (IDAT: incorrect data check)
$.body[6].image.src the JPEG file is cut short (237 bytes)
$.body[7].image.src the PNG data is corrupt (IDAT: incorrect data check)'
mixed_want='$.body[1].image.src the PNG data is corrupt (IDAT: invalid literal/lengths set)
$.body[2].colour unknown key
$.body[3].image.src 100000×100000 pixels is more than the limit of 100 megapixels
$.body[5].image.src the PNG data is corrupt (IDAT: incorrect data check)
$.body[6].image.src the JPEG file is cut short (237 bytes)
$.body[7].image.src the PNG data is corrupt (IDAT: incorrect data check)'

# The errors as "path message-part" lines, in the order printed.
errors() {
  sed -n 's/.*: error: \(.*\) \[\(\$\..*\)\]$/\2 \1/p' "$1" |
    sed -e "s/ image '[^']*' cannot be used: / /" -e 's/ unknown key .*/ unknown key/'
}

for cache in cold warm; do
  c="$BG_WORK/cache"
  [ "$cache" = cold ] && rm -rf "$c"
  for name in many mixed; do
    eval "want=\$${name}_want"
    XDG_CACHE_HOME="$c" "$BAOGAO" check "$r/$name.json" >"$BG_WORK/$name.check" 2>&1; rc=$?
    [ "$rc" -eq 1 ] && ok || bad "$cache: check $name exited $rc, expected 1"
    [ "$(errors "$BG_WORK/$name.check")" = "$want" ] && ok ||
      { bad "$cache: check $name: errors not each at its figure in order"; cat "$BG_WORK/$name.check"; }
    grep -q "never referenced" "$BG_WORK/$name.check" && bad "$cache: check $name numbered a refused report" || ok

    rm -f "$BG_WORK/$name.pdf"
    XDG_CACHE_HOME="$c" "$BAOGAO" build "$r/$name.json" -o "$BG_WORK/$name.pdf" >"$BG_WORK/$name.build" 2>&1; rc=$?
    [ "$rc" -eq 1 ] && ok || bad "$cache: build $name exited $rc, expected 1"
    [ -e "$BG_WORK/$name.pdf" ] && bad "$cache: build $name wrote a PDF" || ok
    cmp -s "$BG_WORK/$name.check" "$BG_WORK/$name.build" && ok ||
      { bad "$cache: build $name does not print what check prints"; diff "$BG_WORK/$name.check" "$BG_WORK/$name.build"; }
    ls "$BG_WORK" | grep -q "^$name.pdf." && bad "$cache: build $name left a temporary file" || ok

    # An old PDF at the output is kept, byte for byte.
    printf '%%PDF-1.7 old\n' >"$BG_WORK/old.pdf"
    cp "$BG_WORK/old.pdf" "$BG_WORK/$name-old.pdf"
    XDG_CACHE_HOME="$c" "$BAOGAO" build -q "$r/$name.json" -o "$BG_WORK/$name-old.pdf" 2>/dev/null && bad "$cache: build $name over an old PDF succeeded" || ok
    cmp -s "$BG_WORK/old.pdf" "$BG_WORK/$name-old.pdf" && ok || bad "$cache: build $name touched the old PDF"
  done
done

# All good: the same bytes cold, warm and with no usable cache folder; the good images'
# verdicts (only those) kept.
sed -e 's|png-bad-zlib.png|fig-05.png|' -e 's|png-bad-crc.png|fig-06.png|' -e 's|png-bad-adler.png|fig-02.png|g' \
  -e 's|jpeg-cut.jpg|fig-03.png|' "$r/many.json" >"$r/good.json"
rm -rf "$BG_WORK/gc"
XDG_CACHE_HOME="$BG_WORK/gc" "$BAOGAO" build -q "$r/good.json" -o "$BG_WORK/cold.pdf" || bad "cold build of good.json failed"
XDG_CACHE_HOME="$BG_WORK/gc" "$BAOGAO" build -q "$r/good.json" -o "$BG_WORK/warm.pdf" || bad "warm build of good.json failed"
: >"$BG_WORK/no-folder"
XDG_CACHE_HOME="$BG_WORK/no-folder" "$BAOGAO" build -q "$r/good.json" -o "$BG_WORK/none.pdf" || bad "cacheless build of good.json failed"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/warm.pdf" && ok || bad "warm build differs from the cold one"
cmp -s "$BG_WORK/cold.pdf" "$BG_WORK/none.pdf" && ok || bad "cacheless build differs from the cold one"
n=$(ls "$BG_WORK/gc/baogao/images" | wc -l)
[ "$n" -eq 5 ] && ok || bad "expected the verdicts of the 5 good images, found $n"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
