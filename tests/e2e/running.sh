#!/bin/sh
# running.sh: placeholders in running heads and feet, read back page by page with
# pdftotext. valid/running.json with tests/fixtures/layouts/running.json (head
# "{title}·{chapter}", foot "第 {page} 页 共 {pages} 页") has one contents page and three
# body pages: body page k prints 第k页共3页 and the title of the chapter it belongs to.
# Pages are found by their text, not their index: a blank page may stand before the body,
# which opens on a right-hand page.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
fx="$BG_SOURCE_DIR/tests/fixtures"
pdf="$BG_WORK/running.pdf"
status=0
if ! "$BAOGAO" build -q -l "$fx/layouts/running.json" "$fx/valid/running.json" -o "$pdf"; then
  echo "FAIL: build"; exit 1
fi
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
texts="$BG_WORK/pages"; rm -rf "$texts"; mkdir -p "$texts"
n=0 p=1
while [ "$p" -le "$pages" ]; do
  text=$(pdftotext -f "$p" -l "$p" "$pdf" - | tr -d ' \n\f')
  if [ -n "$text" ]; then n=$((n + 1)); printf '%s' "$text" >"$texts/$n"; fi
  p=$((p + 1))
done
[ "$n" -eq 4 ] || { echo "FAIL: expected 4 pages with text (contents and 3 body pages), got $n"; status=1; }
for k in 1 2 3; do
  chapter=第一章标题; [ "$k" -eq 3 ] && chapter=第二章标题
  page=$(cat "$texts/$((k + 1))" 2>/dev/null)
  for want in "第${k}页共3页" "页眉页脚·$chapter"; do
    case "$page" in *"$want"*) ;; *) echo "FAIL: body page $k lacks '$want': $page"; status=1 ;; esac
  done
  case "$page" in *"{"*) echo "FAIL: body page $k prints a placeholder: $page"; status=1 ;; esac
done
exit $status
