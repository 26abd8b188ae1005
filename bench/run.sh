#!/bin/sh
# bench/run.sh: the benchmark table of `make bench`. hyperfine times (wall-clock medians)
# `baogao build` on each year's report, the 2023 report with --no-tags, with
# --no-object-streams (the classic file) and as PDF/A-1b, `baogao check` on it, a rebuild
# of it after a correction (one paragraph changed), build and check again as the first
# run after an install (an empty cache folder), and the
# 2023 body repeated 1, 2, 5, 10 and 30 times (bench/scale.py); /usr/bin/time
# gives each one's peak RSS; bench/watch_latency.py the time from a saved CSV correction
# to the new PDF under `baogao watch`. Typst 0.14 (bench/typst/, installed by `npm ci`
# into out/bench/typst/) runs on the same texts when node and npm are there, in the same
# hyperfine call as baogao so that both see the same machine. Everything is written under
# out/bench/; the table (with each build's PDF size in bytes) is printed and kept in
# out/bench/table.md.
#   BENCH_RUNS=N   runs per command for the small cases (default 10; the 10× and 30×
#                  cases take a third of it, at least 3)
#   BENCH_SCALES   the sizes of the scaled cases (default "1 2 5 10 30"; check runs on
#                  the last one)
#   BAOGAO=path    the binary (default build/baogao)
set -eu
cd "$(dirname "$0")/.."
BAOGAO=${BAOGAO:-build/baogao}
RUNS=${BENCH_RUNS:-10}
BIG_RUNS=$((RUNS / 3 > 3 ? RUNS / 3 : 3))
OUT=out/bench
TIME=/usr/bin/time
mkdir -p "$OUT"
[ -x "$TIME" ] || { echo "bench: $TIME is missing (Debian package time: scripts/install-deps.sh)" >&2; exit 1; }

# Typst, when node and npm are there
TYPST=""
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  mkdir -p "$OUT/typst"
  cp bench/typst/package.json bench/typst/package-lock.json "$OUT/typst/"
  if [ ! -d "$OUT/typst/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
    (cd "$OUT/typst" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  TYPST="env NODE_PATH=$OUT/typst/node_modules node bench/typst/typst-compile.js"
  cp bench/typst/report.typ "$OUT/typst/2023.typ"
else
  echo "bench: node or npm is missing, so the table has no Typst column" >&2
fi

# The scaled inputs
SCALES=${BENCH_SCALES:-1 2 5 10 30}
for n in $SCALES; do
  python3 bench/scale.py data/2023/report.json "$n" "$OUT/x$n/report.json"
  [ -z "$TYPST" ] || python3 bench/scale.py bench/typst/report.typ "$n" "$OUT/typst/x$n.typ"
done

# row NAME RUNS BAOGAO_COMMAND PDF [TYPST_INPUT]: hyperfine (with Typst beside it when
# given), then one run under /usr/bin/time for the peak RSS; PDF gives the page count.
# PREPARE, when set, runs before every timed run (and the RSS run).
: >"$OUT/rows"
row() {
  name=$1 runs=$2 cmd=$3 pdf=$4 typ=${5:-}
  slug=$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_')
  if [ -n "${PREPARE:-}" ]; then
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$OUT/$slug.json" \
      --prepare "$PREPARE" -n baogao "$cmd" >/dev/null
    $PREPARE
  elif [ -n "$typ" ] && [ -n "$TYPST" ]; then
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$OUT/$slug.json" \
      -n baogao "$cmd" -n typst "$TYPST $typ $OUT/typst/$slug.pdf" >/dev/null
    $TIME -f %M -o "$OUT/$slug.rss-typst" $TYPST "$typ" "$OUT/typst/$slug.pdf"
  else
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$OUT/$slug.json" \
      -n baogao "$cmd" >/dev/null
  fi
  # shellcheck disable=SC2086
  $TIME -f %M -o "$OUT/$slug.rss" $cmd
  echo "$name	$slug	$pdf" >>"$OUT/rows"
}

for report in data/*/report.json; do
  year=$(basename "$(dirname "$report")")
  typ=""
  [ "$year" = 2023 ] && typ="$OUT/typst/2023.typ"
  row "build $year" "$RUNS" "$BAOGAO build -q $report -o $OUT/$year.pdf" "$OUT/$year.pdf" "$typ"
done
row "build 2023 --no-tags" "$RUNS" "$BAOGAO build -q data/2023/report.json --no-tags -o $OUT/2023-untagged.pdf" "$OUT/2023-untagged.pdf"
row "build 2023 --no-object-streams" "$RUNS" "$BAOGAO build -q data/2023/report.json --no-object-streams -o $OUT/2023-classic.pdf" "$OUT/2023-classic.pdf"
row "build 2023 --pdfa 1b" "$RUNS" "$BAOGAO build -q data/2023/report.json --pdfa 1b -o $OUT/2023-a.pdf" "$OUT/2023-a.pdf"
row "check 2023" "$RUNS" "$BAOGAO check -q data/2023/report.json" "$OUT/2023.pdf"
# A rebuild after a correction: before each run a sentence of a copy of the 2023 report
# changes (bench/correct.py), so its paragraph is set anew and the text cache rewritten.
rm -rf "$OUT/corrected" && cp -r data/2023 "$OUT/corrected"
PREPARE="python3 bench/correct.py $OUT/corrected/report.json"
row "build 2023 after a correction" "$RUNS" \
  "$BAOGAO build -q $OUT/corrected/report.json -o $OUT/2023-corrected.pdf" "$OUT/2023-corrected.pdf"
# The first run after an install: no cache of baogao's (font digests and facts, image
# verdicts, subsets, paragraphs), fontconfig's own cache as the font packages left it.
PREPARE="rm -rf $OUT/first-run-cache"
row "build 2023, first run (no cache)" "$RUNS" \
  "env XDG_CACHE_HOME=$OUT/first-run-cache $BAOGAO build -q data/2023/report.json -o $OUT/2023-first.pdf" "$OUT/2023-first.pdf"
row "check 2023, first run (no cache)" "$RUNS" \
  "env XDG_CACHE_HOME=$OUT/first-run-cache $BAOGAO check -q data/2023/report.json" "$OUT/2023.pdf"
PREPARE=""
for n in $SCALES; do
  runs=$RUNS
  [ "$n" -ge 10 ] && runs=$BIG_RUNS
  row "build ${n}×" "$runs" "$BAOGAO build -q $OUT/x$n/report.json -o $OUT/x$n.pdf" "$OUT/x$n.pdf" "$OUT/typst/x$n.typ"
done
last=${SCALES##* }
row "check ${last}×" "$BIG_RUNS" "$BAOGAO check -q $OUT/x$last/report.json" "$OUT/x$last.pdf"

watch=$(python3 bench/watch_latency.py "$BAOGAO" data/2023/report.json "$OUT/watch" 20)
python3 - "$OUT" "$watch" "$TYPST" >"$OUT/table.md" <<'EOF'
import json, os, subprocess, sys
out, watch, typst = sys.argv[1], sys.argv[2].split(), sys.argv[3]
def pages(pdf):
    if not os.path.exists(pdf):
        return None
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return next((int(l.split()[1]) for l in info.splitlines() if l.startswith("Pages:")), None)
def ms(s):
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"
print("| case | pages | PDF bytes | wall | per page | peak RSS | Typst wall | Typst peak RSS | baogao ÷ Typst |")
print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
walls = {}
for line in open(os.path.join(out, "rows"), encoding="utf-8"):
    name, slug, pdf = line.rstrip("\n").split("\t")
    res = {r["command"]: r for r in json.load(open(os.path.join(out, slug + ".json")))["results"]}
    wall = res["baogao"]["median"]
    n = pages(pdf)
    rss = int(open(os.path.join(out, slug + ".rss")).read().split()[-1]) / 1024
    size = f"{os.path.getsize(pdf):,}" if os.path.exists(pdf) and not name.startswith("check") else "—"
    if name.endswith("first run (no cache)"):
        warm = walls.get(name.split(",")[0])
        if warm:
            name += f", {wall / warm:.1f}× the warm run"
    walls[name] = wall
    cells = [name, str(n or "—"), size, ms(wall), f"{wall / n * 1000:.2f} ms" if n and not name.startswith("check") else "—",
             f"{rss:.0f} MiB"]
    if "typst" in res:
        t = res["typst"]["median"]
        trss = int(open(os.path.join(out, slug + ".rss-typst")).read().split()[-1]) / 1024
        cells += [ms(t), f"{trss:.0f} MiB", f"{wall / t:.2f}"]
    else:
        cells += ["—", "—", "—"]
    print("| " + " | ".join(cells) + " |")
print(f"| watch: CSV number saved → new PDF in place (median of 20; min–max {watch[1]}–{watch[2]} ms; CPU {watch[3]} ms per rebuild) | | | {watch[0]} ms | | | | | |")
if not typst:
    print("\nTypst columns empty: node or npm is not installed.")
EOF
cat "$OUT/table.md"
