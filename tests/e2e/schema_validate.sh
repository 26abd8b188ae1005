#!/bin/sh
# schema_validate.sh: the JSON Schemas in docs/ agree with baogao. ajv-cli (from the npm
# registry, pinned by tests/package-lock.json, installed into tests/node_modules by
# `npm ci` when missing) validates every report in data/, tests/fixtures/valid/ and
# tests/fixtures/reports/ and the pagination, image and chart fixtures against
# docs/report.schema.json, every layout against docs/layout.schema.json, and rejects
# every invalid fixture that a schema can judge. The others are errors no JSON Schema
# can see, each named below with why.
set -u
: "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
mkdir -p "$BG_WORK"
tests="$BG_SOURCE_DIR/tests"
ajv="$tests/node_modules/.bin/ajv"
if [ ! -x "$ajv" ] || [ "$tests/package-lock.json" -nt "$tests/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$tests" --no-audit --no-fund --loglevel=error >"$BG_WORK/npm.log" 2>&1 || {
    echo "FAIL: npm ci"; cat "$BG_WORK/npm.log"; exit 1; }
fi
# Errors beyond a schema: JSON parsers keep the last of two equal keys; ids, references,
# totals and numbers in formatted columns relate values to each other; files are checked
# on disk (a CSV's numbers too); inline markup lives inside strings; installed fonts are
# the layout's and the machine's; a parser reading a GB18030 file substitutes its bytes;
# a depth limit on recursive sections would need one definition per level; an image is
# judged by decoding its file.
beyond_schema="duplicate-key duplicate-id unknown-ref total-mismatch number-as-string
  missing-image not-an-image missing-csv csv-row-length bad-markup csv-numbers number-strings
  missing-fonts report-gbk too-deep corrupt-images bad-placeholder ref-typo layout-typo report-as-layout"
# Hostile inputs (issue 14): calendar days, a NUL inside a string or a CSV file, notes
# inside notes (inside markup), a number too large for its column's format, and nesting
# depth, which a recursive schema cannot count.
# A value or a table cell named by a reference must exist; a chart's column indices must
# be columns of its table.
beyond_schema="$beyond_schema bound-cells chart-column"
beyond_schema="$beyond_schema calendar-date json-nul csv-nul nested-footnote number-too-wide deep-nesting"
# A damaged byte in a UTF-8 file: a parser reading it substitutes the byte.
beyond_schema="$beyond_schema csv-bad-byte csv-bad-byte-gbk json-bad-byte"
status=0
validate() { # schema file...
  schema=$1; shift
  args=""
  for f in "$@"; do args="$args -d $f"; done
  # shellcheck disable=SC2086
  "$ajv" validate --spec=draft2020 --strict=false -s "$BG_SOURCE_DIR/docs/$schema" $args >"$BG_WORK/ajv.out" 2>&1
}
reports=$(ls "$BG_SOURCE_DIR"/data/*/report.json "$tests"/fixtures/valid/*.json "$tests"/fixtures/images/*.json \
  "$tests"/fixtures/pagination/*.json "$tests"/fixtures/charts/*.json "$tests"/fixtures/bound/*.json \
  "$tests"/fixtures/reports/*/report.json |
  grep -v '\.layout\.json$')
layouts=$(ls "$BG_SOURCE_DIR"/layouts/*.json "$tests"/fixtures/pagination/*.layout.json "$tests"/fixtures/charts/*.layout.json \
  "$tests"/fixtures/layouts/*.json | grep -v '/bad-[^/]*$')
# shellcheck disable=SC2086
validate report.schema.json $reports || { echo "FAIL: reports do not validate"; grep -v ' valid$' "$BG_WORK/ajv.out"; status=1; }
# shellcheck disable=SC2086
validate layout.schema.json $layouts || { echo "FAIL: layouts do not validate"; grep -v ' valid$' "$BG_WORK/ajv.out"; status=1; }
# The fixtures one by one, judged in one process per schema (tests/tools/schema_check.js:
# ajv-cli's validator, one verdict line per file); valid() reads a file's verdict.
node "$tests/tools/schema_check.js" "$tests/node_modules" "$BG_SOURCE_DIR/docs/report.schema.json" \
  "$tests"/fixtures/invalid/*.json >"$BG_WORK/invalid.verdicts" 2>&1 || { echo "FAIL: schema_check.js"; cat "$BG_WORK/invalid.verdicts"; exit 1; }
node "$tests/tools/schema_check.js" "$tests/node_modules" "$BG_SOURCE_DIR/docs/layout.schema.json" \
  "$tests"/fixtures/layouts/bad-*.json >"$BG_WORK/layouts.verdicts" 2>&1 || { echo "FAIL: schema_check.js"; cat "$BG_WORK/layouts.verdicts"; exit 1; }
valid() { # VERDICTS FILE
  grep -qxF "valid $2" "$1"
}
[ "$(wc -l <"$BG_WORK/invalid.verdicts")" -eq "$(ls "$tests"/fixtures/invalid/*.json | wc -l)" ] ||
  { echo "FAIL: not one verdict per invalid fixture"; status=1; }
for f in "$tests"/fixtures/invalid/*.json; do
  name=$(basename "$f" .json)
  if echo " $beyond_schema " | tr -s ' \n' ' ' | grep -q " $name "; then
    valid "$BG_WORK/invalid.verdicts" "$f" || { echo "FAIL: $name is listed as beyond the schema, but the schema rejects it"; status=1; }
  elif valid "$BG_WORK/invalid.verdicts" "$f"; then
    echo "FAIL: the schema accepts invalid/$name.json"; status=1
  fi
done
# Layout fixtures named bad-* are refused by baogao; the schema must refuse them too.
for f in "$tests"/fixtures/layouts/bad-*.json; do
  valid "$BG_WORK/layouts.verdicts" "$f" && { echo "FAIL: the layout schema accepts $(basename "$f")"; status=1; }
done
[ "$status" -eq 0 ] && echo "schemas agree with baogao"
exit $status
