#!/bin/sh
# builds.sh SHARD SHARDS: in the sanitizer build, every build that the release-only tests
# make (the checker tests that read PDFs back with Python and poppler: tests/CMakeLists.txt,
# BG_RELEASE_ONLY) and the PDF/A files archive.sh has preflight validate in the release
# build only, made once each with the sanitized baogao (this is shard SHARD of SHARDS,
# 0-based, so that ctest runs the shards side by side). Each must end as the release test
# expects (no sanitizer report, which exits 86); and when BG_REFERENCE_WORK names the
# release build's tests/work folder (`make test` passes it), each PDF must be byte for byte
# the one the release test judged there, so what the release checkers found holds for the
# sanitized program too. Inputs a release test writes itself (a contents depth changed
# with sed, a layout written by Python, a report in a here-document) are taken from its
# work folder, and skipped without one.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
shard=${1:-0} shards=${2:-1}
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK"
ref=${BG_REFERENCE_WORK:-}
S=$BG_SOURCE_DIR D=$BG_SOURCE_DIR/data L=$BG_SOURCE_DIR/layouts F=$BG_SOURCE_DIR/tests/fixtures
P=$F/pagination
status=0 n=0 built=0 same=0 all_refs=
fail() { echo "FAIL: $*"; status=1; }

C=
# b [-x] "REF..." ARGS...: one build (in folder $C when set), compared with each release
# PDF REF (TEST/FILE.pdf under the reference folder). -x: the build is refused (exit 1 or
# 2, no PDF), as the release test expects.
b() {
  refuse=0
  [ "$1" = -x ] && { refuse=1; shift; }
  refs=$1
  shift
  all_refs="$all_refs $(echo $refs)" # one line, single spaces
  n=$((n + 1))
  [ $(((n - 1) % shards)) -eq "$shard" ] || return 0
  built=$((built + 1))
  out="$BG_WORK/$n.pdf"
  (cd "${C:-$BG_WORK}" && "$BAOGAO" build "$@" -o "$out") >"$BG_WORK/$n.err" 2>&1
  rc=$?
  if [ "$refuse" -eq 1 ]; then
    { [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]; } && [ ! -e "$out" ] ||
      { fail "build $* (as in $refs): exit $rc, expected a refusal without a PDF"; head -20 "$BG_WORK/$n.err"; }
    return 0
  fi
  if [ "$rc" -ne 0 ]; then
    fail "build $* (as in $refs) exited $rc"; head -20 "$BG_WORK/$n.err"; return 0
  fi
  [ -n "$ref" ] || return 0
  for one in $refs; do
    if [ ! -f "$ref/$one" ]; then
      fail "the release build wrote no $one to compare the build $* with (builds.sh is out of step with the test)"
    elif cmp -s "$out" "$ref/$one"; then
      same=$((same + 1))
    else
      fail "build $* differs from the release build's $one"
    fi
  done
}
# g "REF..." ARGS...: a build from inputs the release test wrote (ARGS name them as
# @TEST/FILE): skipped without the reference folder.
g() {
  refs=$1
  shift
  if [ -z "$ref" ]; then n=$((n + 1)); return 0; fi
  count=$#
  for w in "$@"; do
    case $w in @*) w=$ref/${w#@} ;; esac
    set -- "$@" "$w"
  done
  shift "$count"
  b "$refs" "$@"
}

# The two years, by default and in every layout the tests use.
for y in 2022 2023; do
  r=$D/$y/report.json
  case $y in
    2022) refs="build_reports/2022.pdf navigation/2022.pdf pagination/2022.pdf seed_coverage/2022.pdf tags/2022.pdf print/plain.pdf
            objstm/2022.pdf" ;;
    2023) refs="build_reports/2023.pdf charts/report-2023.pdf leaders/r.pdf navigation/2023.pdf pagination/2023.pdf
            seed_coverage/2023.pdf tags/2023.pdf objstm/2023.pdf" ;;
  esac
  b "$refs" -q "$r"
  b "fill/$y-a4.pdf sides/$y-report-a4.pdf tags/$y-report-a4.pdf typography/$y.pdf" -q "$r" -l "$L/report-a4.json"
  case $y in
    2022) refs="fill/2022-grid.pdf sides/2022-gbt9704.pdf tags/2022-gbt9704.pdf" ;;
    2023) refs="fill/2023-grid.pdf sides/2023-gbt9704.pdf tags/2023-gbt9704.pdf grid/2023.pdf typography/2023-gbt9704.pdf charts/scaled.pdf" ;;
  esac
  b "$refs" -q "$r" -l "$L/gbt9704.json"
  case $y in
    2022) refs="sides/2022-chapters-recto.pdf pagination/chapters-recto.pdf" ;;
    2023) refs="sides/2023-chapters-recto.pdf" ;;
  esac
  b "$refs" -q "$r" -l "$P/chapters-recto.layout.json"
  b "tags/$y-untagged.pdf objstm/$y--no-tags.pdf" -q "$r" --no-tags
  b "tags/$y-1a.pdf objstm/$y-1a.pdf" -q "$r" --pdfa 1a
done
b "tags/2023-3a.pdf" -q "$D/2023/report.json" --pdfa 3a
b -x "tags/bad.pdf" -q "$D/2023/report.json" --pdfa 1a --no-tags
# The PDF/A-1b files archive.sh has preflight judge in the release build only.
b "archive/2022-archive.pdf objstm/2022-1b.pdf" -q "$D/2022/report.json" --pdfa 1b
b "archive/2023-archive.pdf objstm/2023-1b.pdf" -q "$D/2023/report.json" --pdfa 1b
b "objstm/3u.pdf" -q "$D/2023/report.json" --pdfa 3u
for k in figure-image charts footnotes references; do
  b "archive/$k.pdf" -q "$F/valid/$k.json" --pdfa 1b
done
b "archive/images.pdf" -q "$F/images/images.json" --pdfa 1b
b "print/print.pdf" -q "$D/2022/report.json" -l "$P/print-cmyk.layout.json" --marks --pad 4
b "print/cases.pdf" -q "$D/2023/report.json" -l "$P/print-cmyk.layout.json"
b "print/rgb.pdf" -q "$F/valid/figure-image.json" -l "$P/print-cmyk.layout.json"

# The third report (tests/fixtures/reports).
q=$F/reports/qinghe/report.json
b "anyreport/a4.pdf fill/qinghe-a4.pdf" -q "$q" -l "$L/report-a4.json"
b "anyreport/gbt.pdf fill/qinghe-grid.pdf" -q "$q" -l "$L/gbt9704.json"
g "anyreport/toc4.pdf" -q "$q" -l @anyreport/toc4.json
g "charts/noscale.pdf" -q "$D/2023/report.json" -l @charts/noscale.layout.json
g "anyreport/unnumbered.pdf" -q @anyreport/unnumbered.json -l @anyreport/unnumbered.layout.json
g "anyreport/notes.pdf" -q @anyreport/notes.json

# Pagination fixtures, with the default layout and named explicitly (fill.sh).
for k in long-table case-across footnote-foot footnote-long figure-nofit tall-row box-photo-foot \
    float-chapter table-note-foot caption-narrow caption-name; do
  b "pagination/$k.pdf" -q "$P/$k.json"
  case $k in float-chapter) continue ;; esac
  b "fill/$k.pdf" -q "$P/$k.json" -l "$L/report-a4.json"
done
b "fill/heading-short.pdf" -q "$P/heading-short.json" -l "$L/report-a4.json"
b "fill/float-foot.pdf" -q "$P/float-foot.json" -l "$L/gbt9704.json"
b "pagination/notes-per-page.pdf" -q "$P/footnote-foot.json" -l "$P/notes-per-page.layout.json"
b "pagination/notes-circled.pdf" -q "$P/footnote-foot.json" -l "$P/notes-circled.layout.json"

# Charts.
c=$F/charts
b "charts/charts.pdf" -q "$c/charts.json"
b "charts/percent.pdf" -q "$c/percent.json"
b "charts/charts-values.pdf" -q "$c/charts.json" -l "$c/values.layout.json"
b "charts/charts-cmyk.pdf" -q "$c/charts.json" -l "$P/print-cmyk.layout.json"
b "charts/edges.pdf" -q "$c/edges.json"
b "charts/close.pdf" -q "$c/charts.json" -l "$c/close-colors.layout.json"

# Headings, grid, covers, running heads, typography, the structure dump.
b "headings/decimal.pdf" -q "$F/valid/levels.json" -l "$F/layouts/toc6.json"
b "headings/gbt.pdf" -q "$F/valid/levels.json" -l "$L/gbt9704.json"
b "grid/grid-blocks.pdf" -q "$F/grid/blocks.json" -l "$L/gbt9704.json"
C=$F/valid
b "grid/refs-gbt9704.pdf" -q references.json -l "$L/gbt9704.json"
C=
g "grid/refs-noref.pdf" -q "$F/valid/references.json" -l @grid/noref.json
b "cover/cover-title.pdf" -q "$F/valid/cover-title.json"
b "cover/title-lines.pdf" -q "$F/valid/title-lines.json"
b "cover/cover-report-a4.pdf" -q "$F/valid/title-lines.json" -l "$L/report-a4.json"
b "cover/cover-gbt9704.pdf" -q "$F/valid/title-lines.json" -l "$L/gbt9704.json"
b "running/running.pdf" -q -l "$F/layouts/running.json" "$F/valid/running.json"
b "typography/short-last-a4.pdf" -q "$F/grid/short-last.json" -l "$L/report-a4.json"
b "typography/short-last-gbt9704.pdf" -q "$F/grid/short-last.json" -l "$L/gbt9704.json"
g "typography/a4-min1.pdf" -q "$F/grid/short-last.json" -l @typography/a4-min1.json
g "typography/gbt-min1.pdf" -q "$F/grid/short-last.json" -l @typography/gbt-min1.json
b "struct_dump/struct.pdf" -q "$F/struct/report.json"

# Every valid fixture as tags.sh builds it (from its folder, with its .args).
for json in "$F"/valid/*.json; do
  name=$(basename "$json" .json)
  args=; [ -f "$F/valid/$name.args" ] && args=$(cat "$F/valid/$name.args")
  # shellcheck disable=SC2086 # args is a word list on purpose
  C=$F/valid
  refs="tags/fixture-$name.pdf"
  case " $args " in *" --pdfa 1"*) ;; *) refs="$refs objstm/f-$name.pdf" ;; esac
  b "$refs" -q $args "$name.json"
  C=
done
g "tags/no-alt.pdf" -q @tags/no-alt.json

# The other way round (shard 0): every PDF a release-only test (BG_RELEASE_ONLY, from
# tests/CMakeLists.txt) had baogao write is one of the builds above, so that a build added
# to such a test is not left unsanitized unseen. Files qpdf made from them (--qdf copies,
# uncompressed ones: qpdf's own second line) are not baogao's.
if [ -n "$ref" ] && [ "$shard" -eq 0 ]; then
  for t in ${BG_RELEASE_ONLY:-}; do
    for f in "$ref/$t"/*.pdf; do
      [ -f "$f" ] || continue
      one=$t/${f##*/}
      head -c 32 "$f" | LC_ALL=C grep -q "$(printf '%%\277\367\242\376')" && continue
      # objstm.sh's twins of the files above: --no-object-streams (the same writing without
      # the packing, which the builds above run) and a second build of the same report.
      case $one in objstm/*-classic.pdf | objstm/*-again.pdf) continue ;; esac
      case " $all_refs " in *" $one "*) ;; *) fail "the release test wrote $one, which no build here makes" ;; esac
    done
  done
fi
echo "shard $shard of $shards: $built builds, $same PDFs the same as the release build's${ref:+ ($ref)}"
[ -z "$ref" ] || [ "$same" -gt 0 ] || [ "$built" -eq 0 ] || fail "no release PDF found in $ref"
exit $status
