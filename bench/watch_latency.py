#!/usr/bin/env python3
"""bench/watch_latency.py: how long `baogao watch` takes from the save of a correction to
the new PDF in place. It copies a report into WORK, moves the rows of its first table
into a CSV file beside it (as a statistician's report keeps them), starts `baogao watch`
on the copy, and then, EDITS times, changes one number in that CSV file (written whole
and closed, as an editor saves) and waits until the output PDF has been replaced (a new
inode: watch renames a finished file into place). It prints the median latency in
milliseconds, then the minimum and maximum, then the CPU time the watch process spent
per rebuild (user + system, from /proc: on a loaded machine the latency counts the
waiting for a CPU, this does not), on one line. It fails when the last PDF watch wrote
differs from a fresh `baogao build` of the same input.

usage: bench/watch_latency.py BAOGAO REPORT.json WORK [EDITS]"""
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time


def main():
    baogao, report, work = sys.argv[1], sys.argv[2], sys.argv[3]
    edits = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(os.path.dirname(os.path.abspath(report)), work)
    path = os.path.join(work, os.path.basename(report))
    with open(path, encoding="utf-8") as fp:
        doc = json.load(fp)
    table = next(iter(S_tables(doc)))
    titles = [c["title"] for c in table["columns"]]
    rows = table["rows"]
    table["rows"] = {"csv": "bench-table.csv"}
    with open(path, "w", encoding="utf-8") as fp:
        json.dump(doc, fp, ensure_ascii=False, indent=1)
    csv = os.path.join(work, "bench-table.csv")

    def save(k):
        body = [list(r) for r in rows]
        body[0][1] = body[0][1] + k % 2  # one number, changed back and forth
        text = ",".join(titles) + "\n" + "".join(",".join(str(v) for v in r) + "\n" for r in body)
        with open(csv, "w", encoding="utf-8") as fp:
            fp.write(text)

    save(0)
    out = os.path.join(work, "watch.pdf")
    proc = subprocess.Popen([baogao, "watch", path, "-o", out], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        inode = S_wait_new(out, None, 60)
        time.sleep(0.3)
        cpu0 = S_cpu_ms(proc.pid)
        times = []
        for k in range(1, edits + 1):
            save(k)
            t0 = time.monotonic()
            inode = S_wait_new(out, inode, 10)
            times.append((time.monotonic() - t0) * 1000)
            time.sleep(0.15)  # past watch's settling of the burst of events
        cpu = (S_cpu_ms(proc.pid) - cpu0) / edits
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    fresh = os.path.join(work, "fresh.pdf")
    subprocess.run([baogao, "build", "-q", path, "-o", fresh], check=True)
    with open(out, "rb") as a, open(fresh, "rb") as b:
        if a.read() != b.read():
            sys.exit("watch_latency: the PDF watch wrote differs from a fresh build")
    print(f"{statistics.median(times):.1f} {min(times):.1f} {max(times):.1f} {cpu:.1f}")


def S_cpu_ms(pid):
    """User + system CPU time of process pid so far, in milliseconds."""
    with open(f"/proc/{pid}/stat") as fp:
        fields = fp.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def S_tables(node):
    if isinstance(node, dict):
        if node.get("type") == "table" and isinstance(node.get("rows"), list):
            yield node
        for v in node.values():
            yield from S_tables(v)
    elif isinstance(node, list):
        for v in node:
            yield from S_tables(v)


def S_wait_new(path, inode, timeout):
    """Waits until path exists with an inode other than `inode`; returns the new one."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            st = os.stat(path)
            if st.st_ino != inode:
                return st.st_ino
        except FileNotFoundError:
            pass
        time.sleep(0.0002)
    sys.exit(f"watch_latency: {path} was not replaced within {timeout} s")


if __name__ == "__main__":
    main()
