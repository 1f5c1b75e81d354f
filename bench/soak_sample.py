#!/usr/bin/env python3
"""Sampler for the soak run (bench/soak.sh): every --interval seconds, one JSON line with
Hookline's counters and memory, the process's RSS, the H2 files' size and CPU use.

Runs until --stop-file exists or Hookline's process is gone. Samples are taken on a fixed
schedule (start + k * interval), so that they do not drift. Per line:

  t                     seconds since the epoch
  wrk_pid               the pid in --wrk-pid-file (null when none: no wrk running)
  hl_ticks, wrk_ticks, self_ticks, machine_busy_ticks
                        CPU clock ticks (utime + stime) of Hookline, of that wrk process
                        (0 when none), of this sampler, and of the
                        whole machine (/proc/stat: user+nice+system+irq+softirq+steal)
  accepted, duplicates, rejected
                        Hookline's hookline.webhooks.* counters for the source (COUNT)
  heap_used, heap_committed, old_used, live_data
                        jvm.memory.used / committed {area:heap}, jvm.memory.used {id:G1 Old Gen},
                        jvm.gc.live.data.size (bytes)
  gc_pauses, gc_pause_s jvm.gc.pause COUNT and TOTAL_TIME
  threads               jvm.threads.live
  rss_kb, hwm_kb        VmRSS and VmHWM from /proc/<pid>/status
  h2_bytes              total size of the files in --db-dir
  h2_fill               how much of H2's chunks holds live data, percent (hookline.store.chunks.fill)
  h2_file_fill          how much of H2's file its chunks take, percent (hookline.store.file.fill)
  h2_compactions, h2_compaction_s
                        H2 compaction steps that moved pages, and their time (hookline.store.compactions)
A value that could not be read is null.

Usage: soak_sample.py --port P --token T --pid PID --db-dir DIR --out FILE --stop-file FILE
                      [--wrk-pid-file FILE] [--interval 10] [--source impact]
"""
import argparse
import json
import os
import time
import urllib.parse
import urllib.request


def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    except (OSError, ValueError, IndexError):
        return 0


def machine_busy():
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("cpu "):
                v = [int(x) for x in line.split()[1:]]
                return v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
    return 0


def vm_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def dir_bytes(path):
    total = 0
    try:
        for e in os.scandir(path):
            if e.is_file(follow_symlinks=False):
                total += e.stat(follow_symlinks=False).st_size
    except OSError:
        return None
    return total


class Metrics:
    def __init__(self, port, token):
        self.base = f"http://127.0.0.1:{port}/actuator/metrics/"
        self.token = token

    def get(self, name, tags=(), statistic=None):
        q = "&".join("tag=" + urllib.parse.quote(t, safe=":") for t in tags)
        url = self.base + name + ("?" + q if q else "")
        req = urllib.request.Request(url, headers={"Authorization": "Bearer " + self.token})
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                doc = json.load(r)
        except Exception:
            return None
        for m in doc.get("measurements", []):
            if statistic is None or m.get("statistic") == statistic:
                return m.get("value")
        return None


def read_pid(path):
    if not path:
        return None
    try:
        with open(path) as f:
            s = f.read().strip()
        return int(s) if s else None
    except (OSError, ValueError):
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--db-dir", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--stop-file", required=True)
    ap.add_argument("--wrk-pid-file")
    ap.add_argument("--interval", type=float, default=10.0)
    ap.add_argument("--source", default="impact")
    args = ap.parse_args()

    m = Metrics(args.port, args.token)
    src = "source:" + args.source
    me = os.getpid()
    start = time.time()
    k = 0
    with open(args.out, "a") as out:
        while not os.path.exists(args.stop_file) and os.path.exists(f"/proc/{args.pid}"):
            wrk = read_pid(args.wrk_pid_file)
            row = {
                "t": round(time.time(), 3),
                "hl_ticks": ticks(args.pid),
                "wrk_pid": wrk,
                "wrk_ticks": ticks(wrk) if wrk else 0,
                "self_ticks": ticks(me),
                "machine_busy_ticks": machine_busy(),
                "rss_kb": vm_kb(args.pid, "VmRSS"),
                "hwm_kb": vm_kb(args.pid, "VmHWM"),
                "accepted": m.get("hookline.webhooks.accepted", [src], "COUNT"),
                "duplicates": m.get("hookline.webhooks.duplicates", [src], "COUNT"),
                "rejected": m.get("hookline.webhooks.rejected", [src], "COUNT"),
                "heap_used": m.get("jvm.memory.used", ["area:heap"], "VALUE"),
                "heap_committed": m.get("jvm.memory.committed", ["area:heap"], "VALUE"),
                "old_used": m.get("jvm.memory.used", ["id:G1 Old Gen"], "VALUE"),
                "live_data": m.get("jvm.gc.live.data.size", (), "VALUE"),
                "gc_pauses": m.get("jvm.gc.pause", (), "COUNT"),
                "gc_pause_s": m.get("jvm.gc.pause", (), "TOTAL_TIME"),
                "threads": m.get("jvm.threads.live", (), "VALUE"),
                "h2_bytes": dir_bytes(args.db_dir),
                "h2_fill": m.get("hookline.store.chunks.fill", (), "VALUE"),
                "h2_file_fill": m.get("hookline.store.file.fill", (), "VALUE"),
                "h2_compactions": m.get("hookline.store.compactions", (), "COUNT"),
                "h2_compaction_s": m.get("hookline.store.compactions", (), "TOTAL_TIME"),
            }
            out.write(json.dumps(row) + "\n")
            out.flush()
            k += 1
            pause = start + k * args.interval - time.time()
            while pause > 0 and not os.path.exists(args.stop_file):
                time.sleep(min(pause, 0.5))
                pause = start + k * args.interval - time.time()


if __name__ == "__main__":
    main()
