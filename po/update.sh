#!/bin/sh
# po/update.sh: extracts every message marked with _(), N_() or P_() in src/ into
# po/baogao.pot and merges it into each po/<lang>.po (new messages come in untranslated,
# changed ones fuzzy). Run it after changing messages, then translate what is new;
# the test po_complete fails while any message lacks a translation.
set -eu
cd "$(dirname "$0")/.."
find src -name '*.c' | LC_ALL=C sort >po/POTFILES
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 \
  --add-comments=TRANSLATORS: --no-location --sort-output --package-name=baogao \
  -f po/POTFILES -o po/baogao.pot
rm po/POTFILES
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-location --sort-output "$po" po/baogao.pot
  msgattrib --no-obsolete --sort-output -o "$po" "$po"
done
