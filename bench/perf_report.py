#!/usr/bin/env python3
"""Summarises a perf recording of Hookline (bench/run.sh, BENCH_PERF=1) as markdown.

usage: perf_report.py <perf.data> <cpu µs per accepted event or ->

perf's own report gives the samples by thread and by symbol; JIT-compiled Java is resolved
through the map that `jcmd <pid> Compiler.perfmap` wrote to /tmp/perf-<pid>.map. The table by
layer reads each sample's call stack (`perf script`): the frame nearest the leaf that belongs to a
known layer decides, so H2 called from Hookline's code counts as H2 and a HashMap called from H2
too. It needs whole Java stacks, which the benchmark scripts ask for with -XX:+PreserveFramePointer
when BENCH_PERF=1.
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


# Layers, tried in this order on each frame from the leaf up; JDK and kernel frames belong to none
# (except sockets, crypto and zip), so they count for the layer that called them.
LAYERS = [
    ("H2", re.compile(r"\borg\.h2\.")),
    ("Apache HttpClient", re.compile(r"\borg\.apache\.hc\.")),
    ("JDK sockets", re.compile(r"\bsun\.nio\.ch\.|\bjava\.net\.|\bsun\.net\.")),
    ("Vert.x and Netty", re.compile(r"\bio\.vertx\.|\bio\.netty\.")),
    ("Tomcat and Spring MVC", re.compile(r"\borg\.apache\.(tomcat|coyote|catalina)\.|\borg\.springframework\.web\.")),
    ("Jackson", re.compile(r"\bcom\.fasterxml\.jackson\.")),
    ("JSON Schema validator", re.compile(r"\bcom\.networknt\.")),
    ("Camel", re.compile(r"\borg\.apache\.camel\.")),
    ("crypto (HMAC)", re.compile(r"\bjavax\.crypto\.|\bcom\.sun\.crypto\.|\bsun\.security\.")),
    ("deflate (java.util.zip)", re.compile(r"\bjava\.util\.zip\.")),
    ("Spring JDBC and HikariCP", re.compile(r"\borg\.springframework\.jdbc\.|\bcom\.zaxxer\.hikari\.")),
    ("Micrometer", re.compile(r"\bio\.micrometer\.")),
    ("logging", re.compile(r"\bch\.qos\.logback\.|\borg\.slf4j\.")),
    ("Hookline's own code", re.compile(r"\bio\.hookline\.")),
]
NONE = "none of these (GC, JIT compiler, waking other threads, stacks perf could not follow)"


def layers(data):
    """Samples per (thread group, layer) from perf script's call stacks."""
    proc = subprocess.Popen(["perf", "script", "-i", data, "-F", "comm,ip,sym"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, errors="replace")
    counts, comm, frames = {}, None, []

    def done():
        if comm is None:
            return
        layer = next((name for f in frames for name, rx in LAYERS if rx.search(f)), NONE)
        key = (thread_group(comm), layer)
        counts[key] = counts.get(key, 0) + 1

    for line in proc.stdout:
        if not line.strip():
            done()
            comm, frames = None, []
        elif not line[0].isspace():
            done()
            comm, frames = line.strip(), []
        else:
            frames.append(line.strip())
    done()
    proc.wait()
    return counts


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
    counts = layers(data)
    total = sum(counts.values())
    if total:
        by_layer = OrderedDict()
        for (group, layer), n in counts.items():
            by_layer[layer] = by_layer.get(layer, 0) + n
        print()
        print("By layer, all threads (whole call stacks):")
        print()
        print("| layer | share | µs per event |" if per else "| layer | share |")
        print("|---|---:|---:|" if per else "|---|---:|")
        for layer, n in sorted(by_layer.items(), key=lambda kv: -kv[1]):
            share = 100.0 * n / total
            print(f"| {layer} | {share:.1f} % | {share * per / 100:.0f} |" if per else f"| {layer} | {share:.1f} % |")
        print()
        print("| thread | layer | share |")
        print("|---|---|---:|")
        for (group, layer), n in sorted(counts.items(), key=lambda kv: -kv[1])[:20]:
            print(f"| {group} | {layer} | {100.0 * n / total:.1f} % |")
    print()
    print("| hottest methods (self) | share |")
    print("|---|---:|")
    for share, sym in report(data, "sym")[:30]:
        print(f"| `{method(sym)}` | {share:.1f} % |")


if __name__ == "__main__":
    main()
