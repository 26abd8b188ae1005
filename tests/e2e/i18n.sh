#!/bin/sh
# i18n.sh: baogao speaks Chinese when the locale is Chinese, even on a machine where no
# zh_CN locale is installed (bg_i18n_init falls back to C.UTF-8 + LANGUAGE), and
# English otherwise: the usage of every command, a usage error, a build summary and a
# check summary, read back from the program's own output. The PDF does not depend on
# the language. The diagnostics of the fixtures in Chinese are compared in
# check_fixtures.sh (NAME.zh.expected); po_complete.sh checks the catalogue is complete.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
cd "$BG_WORK" || exit 1
status=0
fail() { echo "FAIL: $*"; status=1; }
zh() { env -u LANGUAGE -u LC_MESSAGES LC_ALL= LANG=zh_CN.UTF-8 "$@"; }
en() { env -u LANGUAGE LC_ALL=C.UTF-8 "$@"; }

# Display width of the widest line (East Asian wide characters count two columns).
widest() {
  python3 -c 'import sys, unicodedata as u
print(max((sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")), default=0))' "$1"
}

# 1. Usage: baogao --help and each command's --help, in both languages.
for cmd in "" build check info extract diff init help; do
  name=${cmd:-main}
  case $cmd in
  "") set -- --help ;;
  help) set -- help help ;;
  *) set -- "$cmd" --help ;;
  esac
  en "$BAOGAO" "$@" >"help-$name.en" 2>&1 || fail "baogao $* exited $? in English"
  zh "$BAOGAO" "$@" >"help-$name.zh" 2>&1 || fail "baogao $* exited $? in Chinese"
  head -1 "help-$name.en" | grep -q '^Usage: baogao' || fail "baogao $* in English: $(head -1 "help-$name.en")"
  head -1 "help-$name.zh" | grep -q '^用法：baogao' || fail "baogao $* in Chinese does not start with 用法：: $(head -1 "help-$name.zh")"
  grep -q '退出状态\|另见' "help-$name.zh" || fail "baogao $* in Chinese has no 退出状态/另见 line"
  # Every option the English usage names is named in the Chinese one too.
  for opt in $(grep -o -- '--[a-z][a-z-]*' "help-$name.en" | sort -u); do
    grep -q -- "$opt" "help-$name.zh" || fail "baogao $* in Chinese lacks $opt"
  done
  # No English sentence is left: a line of three English words is untranslated.
  if grep -E '(^|[ (])[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}' "help-$name.zh" >"help-$name.left"; then
    fail "baogao $* in Chinese still has English text:"; cat "help-$name.left"
  fi
  w=$(widest "help-$name.zh")
  [ "$w" -le 80 ] || fail "baogao $* in Chinese has a line $w columns wide (at most 80)"
done
grep -q '^  build REPORT.json  检查报告、排版并写出 PDF$' help-main.zh ||
  fail "baogao --help in Chinese: the build line is not '  build REPORT.json  检查报告、排版并写出 PDF'"

# 2. A usage error: the message, and exit 2, in Chinese.
zh "$BAOGAO" build --pdfa 2x report.json >usage.zh 2>&1; rc=$?
[ "$rc" -eq 2 ] || fail "bad --pdfa exited $rc in Chinese, expected 2"
grep -qx 'baogao build: --pdfa 的取值为 1a、1b、3a 或 3u，不能是“2x”' usage.zh || { fail "bad --pdfa in Chinese:"; cat usage.zh; }

# 3. A build summary, and the PDF bytes the same in both languages.
cp "$BG_SOURCE_DIR/tests/fixtures/valid/paragraph.json" report.json
rm -f zh.pdf en.pdf
zh "$BAOGAO" build report.json -o zh.pdf >build.zh 2>&1 || { fail "build in Chinese exited $?"; cat build.zh; }
en "$BAOGAO" build report.json -o en.pdf >build.en 2>&1 || { fail "build in English exited $?"; cat build.en; }
grep -Eqx 'wrote en\.pdf: 1 page, [0-9]+ KB in [0-9]+\.[0-9]{2} s' build.en || { fail "English build summary:"; cat build.en; }
grep -Eqx '已写出 zh\.pdf：1 页，[0-9]+ KB，用时 [0-9]+\.[0-9]{2} 秒' build.zh || { fail "Chinese build summary:"; cat build.zh; }
cmp -s zh.pdf en.pdf || fail "the PDF built in Chinese differs from the one built in English"

# 4. A check summary, with a warning, and the plural of errors.
printf '%s\n' '{"meta": {"title": "测试", "date": "2024-01"},' \
  ' "body": [{"type": "table", "id": "t-1", "caption": "表", "columns": [{"title": "年份"}], "rows": [["2024"]]}]}' >warn.json
zh "$BAOGAO" check warn.json >check.zh 2>&1 || fail "check in Chinese exited $?"
grep -qx 'warn.json: 通过（1 个警告）' check.zh || { fail "Chinese check summary:"; cat check.zh; }
grep -q '^warn.json:2:[0-9]*: 警告: id“t-1”从未被引用 \[\$\.body\[0\]\.id\]$' check.zh || { fail "Chinese warning:"; cat check.zh; }
grep -q '^  提示: 请在正文中用 \[@t-1\] 引用它' check.zh || { fail "Chinese hint:"; cat check.zh; }

# 5. The language follows LC_ALL, then LC_MESSAGES, then LANG; C or unset is English.
env -u LANGUAGE -u LANG -u LC_MESSAGES LC_ALL=zh_CN.UTF-8 "$BAOGAO" check warn.json 2>&1 | grep -q '通过' || fail "LC_ALL=zh_CN.UTF-8 is not Chinese"
env -u LANGUAGE -u LC_ALL LANG=C LC_MESSAGES=zh_CN.UTF-8 "$BAOGAO" check warn.json 2>&1 | grep -q '通过' || fail "LC_MESSAGES=zh_CN.UTF-8 is not Chinese"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C "$BAOGAO" check warn.json 2>&1 | grep -q ': ok (1 warning)' || fail "LANG=C is not English"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$BAOGAO" check warn.json 2>&1 | grep -q ': ok (1 warning)' || fail "no locale is not English"
exit $status
