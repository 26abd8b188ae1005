#!/bin/sh
# linear.sh: building a long CSV table takes time in proportion to its rows. The paragraph
# cache was searched linearly for every cell (issue 14 case 11: a million rows never
# finished); 8x the rows must cost less than 12x the CPU time (linear: about 8x; the old
# search: above 20x at these sizes). CPU time, not wall time, so a busy machine matters less,
# and (without sanitizers) the least of a few runs of each size, since start-up is now a few
# milliseconds and a single short run on a loaded machine varies by more than the margin.
set -u
: "${BAOGAO:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK" && mkdir -p "$BG_WORK"
python3 - "$BAOGAO" "$BG_WORK" <<'PY'
import json, os, resource, subprocess, sys
baogao, work = sys.argv[1], sys.argv[2]

def cpu_for(rows):
    csv = os.path.join(work, f"t{rows}.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("地区,学校数,在校生\n")
        for i in range(rows):
            f.write(f"地区{i},{i % 977},{(i * 7919) % 100000}\n")
    report = os.path.join(work, f"t{rows}.json")
    with open(report, "w", encoding="utf-8") as f:
        json.dump({"meta": {"title": "长表", "date": "2024-01"},
                   "body": [{"type": "table", "caption": "长表",
                             "columns": [{"title": "地区"}, {"title": "学校数"}, {"title": "在校生"}],
                             "rows": {"csv": os.path.basename(csv)}}]}, f, ensure_ascii=False)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([baogao, "build", "-q", report, "-o", os.path.join(work, f"t{rows}.pdf")], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

cpu_for(200)  # warm the font and subset caches
# The least of a few runs: a 0.1 s run on a busy machine can take twice its time (under
# ASan one run of each, which takes several times longer and varies less for it).
repeat = 1 if os.environ.get("BG_SANITIZED") else 3
small = min(cpu_for(2000) for _ in range(repeat))
large = min(cpu_for(16000) for _ in range(max(1, repeat - 1)))
ratio = large / max(small, 1e-3)
print(f"2000 rows {small:.2f} s, 16000 rows {large:.2f} s CPU: ratio {ratio:.1f}")
sys.exit(0 if ratio < 12 else 1)
PY
