#!/bin/sh
# headings.sh: a report with sections six levels deep (tests/fixtures/valid/levels.json)
# prints every level with its own number, in the body, the contents and the bookmarks:
# 1.1.1 … 1.1.1.1.1.1 with the default layout (contents six levels deep), and
# 一、（一）1.（1）① 1) with layouts/gbt9704.json. Read back with pdftotext and qpdf --json
# (tests/tools/pdf_headings_check.py).
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
fx="$BG_SOURCE_DIR/tests/fixtures"
check="$BG_SOURCE_DIR/tests/tools/pdf_headings_check.py"
status=0
if "$BAOGAO" build -q "$fx/valid/levels.json" -l "$fx/layouts/toc6.json" -o "$BG_WORK/decimal.pdf"; then
  python3 "$check" "$BG_WORK/decimal.pdf" 1 6 1:1:第一级标题 2:1.1:第二级标题 3:1.1.1:第三级标题 \
    4:1.1.1.1:第四级标题 5:1.1.1.1.1:第五级标题 6:1.1.1.1.1.1:第六级标题 3:1.1.2:第三级第二节 \
    1:2:第二章 2:2.1:第二章第一节 3:2.1.1:第二章第一节第一小节 || status=1
else
  echo "FAIL: build with the six-level contents"; status=1
fi
if "$BAOGAO" build -q "$fx/valid/levels.json" -l "$BG_SOURCE_DIR/layouts/gbt9704.json" -o "$BG_WORK/gbt.pdf"; then
  # The official layout lists two levels in its contents: check the body and bookmarks.
  python3 "$check" "$BG_WORK/gbt.pdf" 1 2 1:一、:第一级标题 2:（一）:第二级标题 3:1.:第三级标题 \
    4:（1）:第四级标题 5:①:第五级标题 "6:1):第六级标题" 3:2.:第三级第二节 1:二、:第二章 || status=1
else
  echo "FAIL: build with layouts/gbt9704.json"; status=1
fi
exit $status
