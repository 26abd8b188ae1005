#!/bin/sh
# bench/run.sh: times `baogao build` (and `baogao check`) on each year's report with
# hyperfine, and writes the figures to out/bench/. Run through `make bench`.
set -eu
cd "$(dirname "$0")/.."
BAOGAO=${BAOGAO:-build/baogao}
mkdir -p out/bench
for report in data/*/report.json; do
  year=$(basename "$(dirname "$report")")
  hyperfine --warmup 2 --runs 15 --export-markdown "out/bench/build-$year.md" \
    -n "build $year" "$BAOGAO build -q $report -o out/bench/$year.pdf" \
    -n "check $year" "$BAOGAO check -q $report"
done
cat out/bench/*.md
