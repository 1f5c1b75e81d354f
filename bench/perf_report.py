#!/usr/bin/env python3
"""Summarises a perf recording of Hookline (bench/run.sh, BENCH_PERF=1) as markdown.

usage: perf_report.py <perf.data> <cpu µs per accepted event or ->

perf's own report gives the samples by thread and by symbol; JIT-compiled Java is resolved
through the map that `jcmd <pid> Compiler.perfmap` wrote to /tmp/perf-<pid>.map.
"""
import re
import subprocess
import sys
from collections import OrderedDict


def report(data, sort):
    out = subprocess.run(["perf", "report", "-i", data, "--no-children", "--sort", sort, "--stdio", "-g", "none"],
                         capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+(.*\S)", line)
        if m and not line.startswith("#"):
            rows.append((float(m.group(1)), m.group(2)))
    return rows


def thread_group(comm):
    # The kernel keeps 15 characters of a thread's name; numbered pools count as one.
    comm = re.sub(r"[#-]?\d+$", "", comm.strip())
    return {"vert.x-eventloo": "Vert.x event loops (ingest port)", "hookline-event-": "hookline-event-writer",
            "hookline-dispat": "hookline-dispatch", "hookline-store-": "hookline-store-flush (and compaction)",
            "H2-serializatio": "H2-serialization", "MVStore backgro": "MVStore background writer",
            "GC Thread": "GC threads", "C2 CompilerThre": "JIT (C2)", "C1 CompilerThre": "JIT (C1)"}.get(comm, comm)


def method(sym):
    sym = re.sub(r"^\[[.k]\]\s+", "", sym)
    head = sym.split("(", 1)[0]
    if "(" not in sym or "." not in head:
        return sym  # a VM or kernel symbol: "vtable chunks", "StubRoutines (2)", "pvm_irq_enable"
    return head.split(" ")[-1]  # a Java method without its return type and parameters


def main():
    data, per_event = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "-"
    per = None if per_event in ("-", "") else float(per_event)
    threads = OrderedDict()
    for share, comm in report(data, "comm"):
        threads[thread_group(comm)] = threads.get(thread_group(comm), 0) + share
    print("perf (cpu-clock, 499 Hz) of Hookline during the measured window: shares of its samples"
          + (f", and µs per accepted event at {per:.0f} µs in all." if per else "."))
    print()
    print("| thread | share | µs per event |" if per else "| thread | share |")
    print("|---|---:|---:|" if per else "|---|---:|")
    for name, share in sorted(threads.items(), key=lambda kv: -kv[1])[:14]:
        print(f"| {name} | {share:.1f} % | {share * per / 100:.0f} |" if per else f"| {name} | {share:.1f} % |")
    print()
    print("| hottest methods (self) | share |")
    print("|---|---:|")
    for share, sym in report(data, "sym")[:30]:
        print(f"| `{method(sym)}` | {share:.1f} % |")


if __name__ == "__main__":
    main()
