#!/bin/sh
# po_complete.sh: every message marked in src/ (_(), N_(), P_()) has a Chinese
# translation in po/zh_CN.po that is neither missing, empty nor fuzzy, and the catalogue
# compiles with msgfmt --check (the same conversions, in the same order, as the English).
# A new message therefore cannot land untranslated: run po/update.sh and translate it.
set -u
: "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
cd "$BG_SOURCE_DIR" || exit 1
po=po/zh_CN.po pot="$BG_WORK/baogao.pot" status=0
find src -name '*.c' | LC_ALL=C sort >"$BG_WORK/POTFILES"
# The same options as po/update.sh.
if ! xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 \
  --add-comments=TRANSLATORS: --no-location --sort-output --package-name=baogao \
  -f "$BG_WORK/POTFILES" -o "$pot"; then
  echo "FAIL: xgettext could not read the sources"; exit 1
fi
count=$(grep -c '^msgid ' "$pot")
if [ "$count" -lt 100 ]; then echo "FAIL: only $count messages extracted from src/"; status=1; fi
# msgcmp counts neither untranslated nor fuzzy entries as present.
if ! msgcmp "$po" "$pot" >"$BG_WORK/msgcmp.out" 2>&1; then
  echo "FAIL: $po lacks a translation for these messages (run po/update.sh and translate them):"
  # msgcmp names the .pot line of each: print that entry's msgid.
  sed -n 's/^.*baogao\.pot:\([0-9]*\): this message is used but not defined.*/\1/p' "$BG_WORK/msgcmp.out" |
    while read -r line; do
      awk -v n="$line" '/^$/ { e = "" } /^msgid/ || (e != "" && /^"/) { e = e "  " $0 "\n" } NR == n { printf "%s", e; exit }' "$pot"
    done | head -60
  echo "  messages missing: $(grep -c 'not defined' "$BG_WORK/msgcmp.out")"
  status=1
fi
if ! LC_ALL=C msgfmt --check --statistics -o "$BG_WORK/zh_CN.mo" "$po" >"$BG_WORK/msgfmt.out" 2>&1; then
  echo "FAIL: msgfmt --check $po:"; cat "$BG_WORK/msgfmt.out"; status=1
fi
if grep -Eq 'fuzzy|untranslated' "$BG_WORK/msgfmt.out"; then
  echo "FAIL: $po has fuzzy or untranslated entries: $(cat "$BG_WORK/msgfmt.out")"; status=1
fi
# An entry translated but no longer in the sources is obsolete: keep the file tidy.
if grep -q '^#~ msgid' "$po"; then
  echo "FAIL: $po holds obsolete entries (#~); po/update.sh keeps them, delete them"; status=1
fi
echo "$count messages in src/; $(cat "$BG_WORK/msgfmt.out")"
exit $status
