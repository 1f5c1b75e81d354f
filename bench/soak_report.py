#!/usr/bin/env python3
"""Report of the soak run (bench/soak.sh): pairs every logged request with its answer,
checks them against the events read from the H2 file (zero lost, zero doubled, every bad
signature refused), and writes throughput, latency, heap, RSS and H2 size over time with a
growth-trend figure to bench/results/latest-soak.md.

Exit status: 0 when everything checks out; 4 when a delivery was lost or doubled or an
answer was not the expected one; 5 when only the growth threshold was exceeded.

Usage: soak_report.py --values FILE --samples FILE --gc-log FILE --requests DIR --events CSV --out FILE
"""
import argparse
import csv
import datetime as dt
import glob
import json
import math
import os
import re
import statistics
import sys
from collections import Counter, defaultdict

MIB = 1024 * 1024
PHASES = ("probe", "warmup", "calibration", "soak")


# ---------------------------------------------------------------- inputs
def read_values(path):
    vals = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                vals[k] = v
    return vals


def read_requests(directory):
    """-> list of tuples (phase, slot_s, sent_s, kind, did, ref, answered_s|None, status|None, eid, dup)
    and the number of answers that followed no request (should be 0)."""
    out, orphans = [], 0
    name_re = re.compile(r"soak-.*-(%s)-t(\d+)\.log$" % "|".join(PHASES))
    for path in sorted(glob.glob(os.path.join(directory, "soak-*.log"))):
        m = name_re.search(os.path.basename(path))
        if not m:
            continue
        phase = m.group(1)
        pending = None
        with open(path) as f:
            for line in f:
                p = line.split()
                if not p:
                    continue
                if p[0] == "S" and len(p) >= 6:
                    if pending is not None:
                        out.append(pending + (None, None, "-", 0))
                    pending = (phase, float(p[1]) / 1000, float(p[2]) / 1000, p[3], p[4], p[5])
                elif p[0] == "A" and len(p) >= 5:
                    if pending is None:
                        orphans += 1
                        continue
                    out.append(pending + (float(p[1]) / 1000, int(p[2]), p[3], int(p[4])))
                    pending = None
        if pending is not None:
            out.append(pending + (None, None, "-", 0))
    return out, orphans


def read_events(path):
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            rows.append((r["ID"], r["DELIVERY_ID"], r["STATUS"], int(r["ATTEMPTS"]), int(r["HISTORY"])))
    return rows


def read_samples(path):
    rows = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line:
                    rows.append(json.loads(line))
    return rows


GC_RE = re.compile(r"^\[([^\]]+)\]\[[^\]]*\] GC\((\d+)\) (Pause [A-Za-z]+)(.*?) (\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\) ([\d.]+)ms")
UNIT = {"K": 1 / 1024, "M": 1, "G": 1024}


def read_gc(path):
    """-> list of (t_epoch, kind, detail, before_mib, after_mib, committed_mib, pause_ms)"""
    out = []
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            m = GC_RE.match(line)
            if not m:
                continue
            t = dt.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
            out.append((t, m.group(3), m.group(4).strip(),
                        int(m.group(5)) * UNIT[m.group(6)], int(m.group(7)) * UNIT[m.group(8)],
                        int(m.group(9)) * UNIT[m.group(10)], float(m.group(11))))
    return out


HISTO_RE = re.compile(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)")


def read_histogram(path):
    """jcmd GC.class_histogram -> ({class: (instances, bytes)}, total bytes) or (None, None)"""
    if not path or not os.path.exists(path):
        return None, None
    classes, total = {}, None
    with open(path) as f:
        for line in f:
            m = HISTO_RE.match(line)
            if m:
                classes[m.group(3)] = (int(m.group(1)), int(m.group(2)))
            elif line.startswith("Total"):
                total = int(line.split()[2])
    return (classes, total) if classes else (None, None)


# ---------------------------------------------------------------- helpers
def pct(sorted_vals, p):
    if not sorted_vals:
        return None
    k = max(0, min(len(sorted_vals) - 1, math.ceil(p / 100 * len(sorted_vals)) - 1))  # nearest rank
    return sorted_vals[k]


def slope(points):
    """least-squares slope of [(x, y)]; None with fewer than 3 points"""
    if len(points) < 3:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx


def f(x, fmt="%.1f", none="n/a"):
    return none if x is None else fmt % x


def n(x):
    return "n/a" if x is None else "{:,}".format(x)


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--values", required=True)
    ap.add_argument("--samples", required=True)
    ap.add_argument("--gc-log", required=True)
    ap.add_argument("--requests", required=True)
    ap.add_argument("--events", required=True)
    ap.add_argument("--histograms", nargs=2, metavar=("BEFORE", "AFTER"))
    ap.add_argument("--hookline-log")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    v = read_values(a.values)
    reqs, orphans = read_requests(a.requests)
    events = read_events(a.events)
    samples = read_samples(a.samples)
    gcs = read_gc(a.gc_log)
    hz = float(v.get("clk_tck", "100"))
    minutes = int(v["minutes"])
    t0, t1 = float(v["soak_t0"]), float(v["soak_t1"])
    rate = float(v["rate"])
    max_slope = float(v.get("max_slope", "2"))

    # ------------------------------------------------ answers against expectations
    first_202 = {}                      # delivery id -> event id of its (first) 202 answer
    n202 = Counter()                    # delivery id -> number of 202 answers
    for r in reqs:
        if r[7] == 202:
            n202[r[4]] += 1
            first_202.setdefault(r[4], r[8])
    per_kind = {k: Counter() for k in ("new", "dup", "bad")}
    per_phase = defaultdict(Counter)
    unexpected = []                     # (phase, kind, did, status, eid)
    new_dids, bad_dids, unanswered_new, unanswered_bad = set(), set(), set(), set()
    for (phase, slot, sent, kind, did, ref, ans, status, eid, dup) in reqs:
        c = per_kind[kind]
        c["sent"] += 1
        per_phase[phase]["sent"] += 1
        if kind == "new":
            new_dids.add(did)
        elif kind == "bad":
            bad_dids.add(did)
        if status is None:
            c["unanswered"] += 1
            per_phase[phase]["unanswered"] += 1
            if kind == "new":
                unanswered_new.add(did)
            elif kind == "bad":
                unanswered_bad.add(did)
            continue
        per_phase[phase]["answered"] += 1
        ok = False
        if kind == "new":
            ok = status == 202
        elif kind == "dup":
            ok = status == 200 and dup == 1 and eid == ref and eid == first_202.get(did)
        elif kind == "bad":
            ok = status == 401
        c["ok" if ok else "unexpected"] += 1
        c["status_%s" % status] += 1
        if not ok:
            unexpected.append((phase, kind, did, status, eid))

    # ------------------------------------------------ the store
    store = defaultdict(list)
    for row in events:
        store[row[1]].append(row)
    accepted = set(first_202)
    lost = sorted(d for d in accepted if d not in store)
    wrong_id = sorted(d for d in accepted if d in store and store[d][0][0] != first_202[d])
    not_processed = sorted(d for d in accepted if d in store and store[d][0][2] != "processed")
    status_counts = Counter(row[2] for row in events)
    doubled_rows = sorted(d for d, rows in store.items() if len(rows) > 1)
    doubled_202 = sorted(d for d, k in n202.items() if k > 1)
    doubled = sorted(set(doubled_rows) | set(doubled_202))
    attempts_not_1 = sorted(row[1] for row in events if row[3] != 1 or row[4] != 1)
    bad_stored = sorted(d for d in bad_dids if d in store)
    explained = accepted | unanswered_new
    unexplained = sorted(d for d in store if d not in explained)
    unanswered_new_stored = sum(1 for d in unanswered_new if d in store)
    dup_total = per_kind["dup"]["sent"]
    dup_ok = per_kind["dup"]["ok"]
    bad_401 = per_kind["bad"]["status_401"]

    correctness_ok = (not lost and not doubled and not wrong_id and not not_processed and not attempts_not_1
                      and not bad_stored and not unexplained and not unexpected and orphans == 0)

    # ------------------------------------------------ meters at the end (last sample)
    last = samples[-1] if samples else {}

    def total_status(s):
        return sum(per_kind[k]["status_%d" % s] for k in per_kind)

    # ------------------------------------------------ time series over the soak
    soak = [r for r in reqs if r[0] == "soak"]
    buckets = defaultdict(list)
    for r in soak:
        m = int((r[2] - t0) // 60)
        buckets[min(max(m, 0), minutes - 1)].append(r)
    sample_rows = []
    for prev, cur in zip(samples, samples[1:]):
        dtime = cur["t"] - prev["t"]
        if dtime <= 0:
            continue

        def rate_of(k):
            if cur.get(k) is None or prev.get(k) is None:
                return None
            return (cur[k] - prev[k]) / dtime

        cpu = lambda k: (cur[k] - prev[k]) / hz / dtime
        # wrk's CPU is known when the same wrk process ran at both samples, or none at either
        if cur.get("wrk_pid") == prev.get("wrk_pid"):
            wrk_cpu = cpu("wrk_ticks") if cur.get("wrk_pid") else 0.0
        else:
            wrk_cpu = None
        others = None if wrk_cpu is None else max(0.0, cpu("machine_busy_ticks") - cpu("hl_ticks") - wrk_cpu - cpu("self_ticks"))
        sample_rows.append({
            "t": cur["t"], "mid": (cur["t"] + prev["t"]) / 2,
            "accepted_s": rate_of("accepted"), "duplicates_s": rate_of("duplicates"), "rejected_s": rate_of("rejected"),
            "heap": cur.get("heap_used"), "heap_committed": cur.get("heap_committed"), "old": cur.get("old_used"),
            "live": cur.get("live_data"), "rss_kb": cur.get("rss_kb"), "h2": cur.get("h2_bytes"),
            "h2_fill": cur.get("h2_fill"), "h2_file_fill": cur.get("h2_file_fill"), "accepted": cur.get("accepted"),
            "threads": cur.get("threads"),
            "hl_cpu": cpu("hl_ticks"), "wrk_cpu": wrk_cpu, "others_cpu": others,
        })

    def mib(x):
        return None if x is None else x / MIB

    def minute_of(t):
        return int((t - t0) // 60)

    young = [g for g in gcs if g[1] in ("Pause Young", "Pause Full")]
    minute_rows = []
    for m in range(minutes):
        rs = buckets.get(m, [])
        lat = sorted((r[6] - r[2]) * 1000 for r in rs if r[6] is not None)
        sched = sorted((r[6] - r[1]) * 1000 for r in rs if r[6] is not None)
        st = Counter(r[7] for r in rs)
        ss = [s for s in sample_rows if t0 + 60 * m <= s["t"] < t0 + 60 * (m + 1)]
        gs = [g for g in young if t0 + 60 * m <= g[0] < t0 + 60 * (m + 1)]
        pauses = [g for g in gcs if t0 + 60 * m <= g[0] < t0 + 60 * (m + 1)]
        lastv = lambda k: next((s[k] for s in reversed(ss) if s[k] is not None), None)
        minute_rows.append({
            "m": m + 1,
            "sent_s": len(rs) / 60, "s202": st[202] / 60, "s200": st[200] / 60, "s401": st[401] / 60,
            "other": sum(c for s, c in st.items() if s is not None and s not in (200, 202, 401)),
            "none": st[None],
            "p50": pct(lat, 50), "p99": pct(lat, 99), "max": lat[-1] if lat else None, "sched_p99": pct(sched, 99),
            "heap_mean": mib(statistics.fmean([s["heap"] for s in ss if s["heap"] is not None])) if any(s["heap"] is not None for s in ss) else None,
            "after_gc": statistics.fmean([g[4] for g in gs]) if gs else None, "gcs": len(gs),
            "after_gc_min": min((g[4] for g in gs if g[1] == "Pause Young"), default=None),
            "max_pause": max((g[6] for g in pauses), default=None),
            "old": mib(lastv("old")), "committed": mib(lastv("heap_committed")),
            "rss": (lastv("rss_kb") or 0) / 1024 if lastv("rss_kb") is not None else None,
            "h2": mib(lastv("h2")),
            "hl_cpu": statistics.fmean([s["hl_cpu"] for s in ss]) if ss else None,
            "others": statistics.fmean(oc) if (oc := [s["others_cpu"] for s in ss if s["others_cpu"] is not None]) else None,
        })

    # ------------------------------------------------ trends over the last (up to) 8 minutes of the soak
    span = min(8, minutes)
    w0 = t1 - 60 * span
    gc_pts = [((g[0] - t0) / 60, g[4]) for g in young if w0 <= g[0] <= t1 and g[1] == "Pause Young"]
    rss_pts = [((s["t"] - t0) / 60, s["rss_kb"] / 1024) for s in sample_rows if w0 <= s["t"] <= t1 and s["rss_kb"] is not None]
    heap_pts = [((s["t"] - t0) / 60, s["heap"] / MIB) for s in sample_rows if w0 <= s["t"] <= t1 and s["heap"] is not None]
    old_pts = [((s["t"] - t0) / 60, s["old"] / MIB) for s in sample_rows if w0 <= s["t"] <= t1 and s["old"] is not None]
    com_pts = [((s["t"] - t0) / 60, s["heap_committed"] / MIB) for s in sample_rows if w0 <= s["t"] <= t1 and s["heap_committed"] is not None]
    h2_pts = [((s["t"] - t0) / 60, s["h2"] / MIB) for s in sample_rows if w0 <= s["t"] <= t1 and s["h2"] is not None]
    # the floor of each minute: the lowest heap right after a young or mixed GC in it (with a concurrent
    # cycle forced every SOAK_GC_EVERY s, the mixed GCs that follow it reclaim the old-gen garbage)
    minute_floor_pts = []
    for m in range(minutes):
        lo, hi = t0 + 60 * m, t0 + 60 * (m + 1)
        afters = [g[4] for g in gcs if lo <= g[0] < hi and g[1] == "Pause Young"]
        if afters and lo >= w0 - 1:
            minute_floor_pts.append((m + 0.5, min(afters)))
    s_mfloor = slope(minute_floor_pts)
    # the floor of each old-generation cycle: heap right after the mixed GCs (old regions reclaimed)
    floor_pts = [((g[0] - t0) / 60, g[4]) for g in gcs if w0 <= g[0] <= t1 and g[1] == "Pause Young" and g[2].startswith("(Mixed)")]
    live_pts = [((s["t"] - t0) / 60, s["live"] / MIB) for s in sample_rows if w0 <= s["t"] <= t1 and s["live"]]
    s_gc, s_rss, s_heap, s_old, s_com, s_h2, s_floor, s_live = (
        slope(p) for p in (gc_pts, rss_pts, heap_pts, old_pts, com_pts, h2_pts, floor_pts, live_pts))
    # The heap figure the verdict uses: the mixed-GC floor when there are enough cycles in the window
    # (immune to the saw-tooth of old-gen garbage awaiting a cycle), else every young GC's.
    if s_mfloor is not None and int(v.get("gc_every", "0")) > 0:
        s_verdict, verdict_series = s_mfloor, "lowest heap after GC of each minute"
    else:
        s_verdict, verdict_series = s_gc, "heap after every young GC"
    full = [g for g in gcs if g[1] == "Pause Full"]
    gcb, gca = float(v.get("gc_before_t", "0")), float(v.get("gc_after_t", "0"))
    full_before = next((g for g in full if gcb - 1 <= g[0] <= gcb + 60), None)
    full_after = next((g for g in full if gca - 1 <= g[0] <= gca + 60), None)
    hb, hb_total = read_histogram(a.histograms[0] if a.histograms else None)
    ha, ha_total = read_histogram(a.histograms[1] if a.histograms else None)
    accepted_per_min = len([r for r in soak if r[7] == 202]) / minutes
    growth_ok = (s_verdict is not None and s_verdict < max_slope) and (s_rss is not None and s_rss < max_slope)

    # ------------------------------------------------ the report
    L = []
    w = L.append
    soak_ans = [r for r in soak if r[6] is not None]
    lat_all = sorted((r[6] - r[2]) * 1000 for r in soak_ans)
    sched_all = sorted((r[6] - r[1]) * 1000 for r in soak_ans)
    late = sum(1 for r in soak if r[2] - r[1] > 0.1)
    soak_secs = t1 - t0
    others_soak = [s["others_cpu"] for s in sample_rows if t0 <= s["t"] <= t1 and s["others_cpu"] is not None]
    hl_soak = [s["hl_cpu"] for s in sample_rows if t0 <= s["t"] <= t1]
    w("# Hookline soak — latest run")
    w("")
    w("- Date: %s (run id `%s`)" % (v.get("date"), v.get("run_id")))
    w("- Machine: %s. **Shared and noisy**: 2 cores, also used by other sessions' builds and benchmarks "
      "during the run; \"others' CPU\" below says how much (up to 2.0 cores). Absolute figures are low and "
      "move between runs; the point of this run is the trend and the counts." % v.get("machine"))
    w("- Command: `%s` (from the repository root)" % v.get("invocation"))
    w("- Hookline: `%s`" % v.get("hookline_cmd"))
    cal = ""
    if v.get("rate_from") == "calibration":
        cal = (" = %s %% of the %s req/s an unpaced %s s calibration run reached with the same connections "
               "(after a %s s unpaced warm-up)" % (v.get("rate_percent"), v.get("calibration_wrk_rps"),
                                                  v.get("calibration"), v.get("warmup")))
    else:
        cal = " (SOAK_RATE; after a %s s unpaced warm-up)" % v.get("warmup")
    w("- Load: wrk + `bench/soak.lua`, %s threads × 1 connection, paced at **%d requests/s**%s, for %d min. "
      "Mix by request counter: 85 %% new signed deliveries (unique delivery id, expect 202), 10 %% re-sends "
      "of a delivery already answered 202 (same id, body and signature; expect 200 `duplicate` with the first "
      "event's id), 5 %% bad signatures (expect 401). ~1 KB Impact bodies from a pool of 200."
      % (v.get("connections"), rate, cal, minutes))
    w("")
    w("## Headline")
    w("")
    w("| | |")
    w("|---|---|")
    w("| requests sent in the soak | %s in %.0f s = **%.0f req/s** (offered %d/s); %s sent > 100 ms after their slot |"
      % (n(len(soak)), soak_secs, len(soak) / soak_secs, rate, n(late)))
    w("| answers in the soak | 202: %s, 200 duplicate: %s, 401: %s, other: %s, none (in flight at the end): %s |"
      % (n(sum(1 for r in soak if r[7] == 202)), n(sum(1 for r in soak if r[7] == 200)),
         n(sum(1 for r in soak if r[7] == 401)),
         n(sum(1 for r in soak if r[7] is not None and r[7] not in (200, 202, 401))),
         n(sum(1 for r in soak if r[7] is None))))
    w("| latency, send → answer (client side, whole soak) | p50 %s ms, p99 **%s ms**, p99.9 %s ms, max %s ms |"
      % (f(pct(lat_all, 50), "%.2f"), f(pct(lat_all, 99), "%.2f"), f(pct(lat_all, 99.9), "%.1f"),
         f(lat_all[-1] if lat_all else None, "%.0f")))
    w("| latency from the scheduled send time (includes waiting behind a slow answer) | p99 %s ms, max %s ms |"
      % (f(pct(sched_all, 99), "%.2f"), f(sched_all[-1] if sched_all else None, "%.0f")))
    w("| wrk's own summary of the soak (cross-check) | %s requests, %s req/s, p50 %s ms, p99 %s ms, max %s ms, %s socket errors; "
      "wrk 4 adds synthetic samples for answers slower than two send intervals (its `stats_correct`), so its p99 is higher |"
      % (n(int(v["soak_wrk_requests"])) if v.get("soak_wrk_requests") else "n/a", v.get("soak_wrk_rps"), v.get("soak_wrk_p50_ms"),
         v.get("soak_wrk_p99_ms"), v.get("soak_wrk_max_ms"), v.get("soak_wrk_socket_errors")))
    w("| **lost** (answered 202, not in the store) | **%d** |" % len(lost))
    w("| **doubled** (a delivery id stored twice or answered 202 twice) | **%d** |" % len(doubled))
    w("| re-sends answered 200 duplicate with the first event's id (all phases) | %s of %s answered (%s sent) |"
      % (n(dup_ok), n(dup_total - per_kind["dup"]["unanswered"]), n(dup_total)))
    w("| bad signatures answered 401 (all phases) / found in the store | %s of %s answered (%s sent) / %d |"
      % (n(bad_401), n(per_kind["bad"]["sent"] - per_kind["bad"]["unanswered"]), n(per_kind["bad"]["sent"]), len(bad_stored)))
    w("| events stored `processed` with attempts = 1 | %s of %s stored (statuses: %s) |"
      % (n(sum(1 for e in events if e[2] == "processed" and e[3] == 1 and e[4] == 1)), n(len(events)),
         ", ".join("%s %s" % (k, n(c)) for k, c in sorted(status_counts.items()))))
    w("| heap after GC, trend over the last %d min | **%s MiB/min** (%s, %s bytes per accepted event); %s MiB/min "
      "after every young GC (%d GCs), %s MiB/min after the mixed GCs (%d) |"
      % (span, f(s_verdict, "%+.2f"), verdict_series,
         f(s_verdict * MIB / accepted_per_min if s_verdict is not None and accepted_per_min else None, "%+.0f"),
         f(s_gc, "%+.2f"), len(gc_pts), f(s_floor, "%+.2f"), len(floor_pts)))
    w("| RSS, trend over the last %d min | **%s MiB/min** (%d samples) |" % (span, f(s_rss, "%+.2f"), len(rss_pts)))
    w("| live heap after a full GC (`jcmd GC.class_histogram`), before → after the soak | %s → %s MiB (live objects: %s → %s MiB) |"
      % (f(full_before[4] if full_before else None, "%.0f"), f(full_after[4] if full_after else None, "%.0f"),
         f(hb_total / MIB if hb_total else None, "%.1f"), f(ha_total / MIB if ha_total else None, "%.1f")))
    w("| H2 files | %s MiB at the end for %s stored events; %s MiB/min over the last %d min while storing %s events/min "
      "(%s KiB per event stored) |"
      % (f(int(v.get("h2_bytes_end", "0")) / MIB, "%.0f"), n(len(events)), f(s_h2, "%+.1f"), span, f(accepted_per_min, "%.0f"),
         f(s_h2 * 1024 / accepted_per_min if s_h2 is not None and accepted_per_min else None, "%.1f")))
    # The file is its chunks (live data plus dead pages awaiting compaction: hookline.store.compaction-fill)
    # plus free space H2 has not reused yet (hookline.store.file.fill; jars before it count the whole file
    # as chunks): the last sample of the soak gives the live part per accepted event.
    filled = [s for s in sample_rows if s["t"] <= t1 and s.get("h2_fill") and s["h2"] and s.get("accepted")]
    if filled:
        last = filled[-1]
        file_fill = last.get("h2_file_fill") or 100
        w("| H2 file, last sample of the soak | chunks take %s %% of the file and hold %.0f %% live data: about %.1f KiB "
          "of live data per accepted event |"
          % ("%.0f" % last["h2_file_fill"] if last.get("h2_file_fill") else "(not sampled)", last["h2_fill"],
             last["h2"] * file_fill / 100 * last["h2_fill"] / 100 / last["accepted"] / 1024))
    w("| CPU during the soak (cores, of 2) | Hookline %s, others %s on average (max %s over a %s s sample) |"
      % (f(statistics.fmean(hl_soak) if hl_soak else None, "%.2f"),
         f(statistics.fmean(others_soak) if others_soak else None, "%.2f"),
         f(max(others_soak) if others_soak else None, "%.2f"), v.get("interval")))
    w("")
    w("## Verdict")
    w("")
    w("- Zero lost, zero doubled, every answer as expected: **%s**" % ("PASS" if correctness_ok else "FAIL"))
    w("- No growth trend (%s: %s MiB/min, and RSS: %s MiB/min, each < %g MiB/min over the last %d min): **%s**"
      % (verdict_series, f(s_verdict, "%+.2f"), f(s_rss, "%+.2f"), max_slope, span, "PASS" if growth_ok else "FAIL"))
    w("")
    w("## Over time (soak, minute by minute)")
    w("")
    w("Requests bucketed by send time; other / none: answers other than 200, 202 and 401 / requests without an answer (in flight when wrk stopped); latency is send → answer on the client; \"sched. p99\" is measured from "
      "the request's scheduled slot. Heap used: mean of the %s s samples of `jvm.memory.used{area:heap}`; "
      "after GC: mean and lowest heap occupancy right after the minute's young and mixed GCs (GC log); old gen, committed heap, RSS "
      "(VmRSS) and H2 size: last sample of the minute. CPU in cores (2 in all); others' = the machine minus "
      "Hookline, wrk and the sampler." % v.get("interval"))
    w("")
    w("| min | sent/s | 202/s | 200 dup/s | 401/s | other / none | p50 ms | p99 ms | max ms | sched. p99 ms | heap used MiB | heap after GC MiB: mean / lowest (GCs) | max GC pause ms | old gen MiB | heap committed MiB | RSS MiB | H2 MiB | Hookline CPU | others' CPU |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in minute_rows:
        w("| %d | %.0f | %.0f | %.0f | %.0f | %d / %d | %s | %s | %s | %s | %s | %s / %s (%d) | %s | %s | %s | %s | %s | %s | %s |" % (
            r["m"], r["sent_s"], r["s202"], r["s200"], r["s401"], r["other"], r["none"],
            f(r["p50"], "%.2f"), f(r["p99"], "%.1f"), f(r["max"], "%.0f"), f(r["sched_p99"], "%.1f"),
            f(r["heap_mean"], "%.0f"), f(r["after_gc"], "%.0f"), f(r["after_gc_min"], "%.0f"), r["gcs"], f(r["max_pause"], "%.0f"),
            f(r["old"], "%.0f"), f(r["committed"], "%.0f"), f(r["rss"], "%.0f"), f(r["h2"], "%.0f"),
            f(r["hl_cpu"], "%.2f"), f(r["others"], "%.2f")))
    w("")
    w("## Growth trend (least-squares slope over the last %d min of the soak)" % span)
    w("")
    w("| series | slope MiB/min | points | first → last MiB |")
    w("|---|---:|---:|---:|")

    def fl(pts):
        return "%.0f → %.0f" % (pts[0][1], pts[-1][1]) if pts else "n/a"

    w("| heap right after each young GC (GC log) | %s | %d | %s |" % (f(s_gc, "%+.2f"), len(gc_pts), fl(gc_pts)))
    w("| lowest heap right after a GC in each minute (GC log; the verdict's series) | %s | %d | %s |" % (f(s_mfloor, "%+.2f"), len(minute_floor_pts), fl(minute_floor_pts)))
    w("| heap right after the mixed GCs (GC log) | %s | %d | %s |" % (f(s_floor, "%+.2f"), len(floor_pts), fl(floor_pts)))
    w("| `jvm.gc.live.data.size` (old gen after the last GC that reclaimed it; sampled) | %s | %d | %s |" % (f(s_live, "%+.2f"), len(live_pts), fl(live_pts)))
    w("| RSS (VmRSS) | %s | %d | %s |" % (f(s_rss, "%+.2f"), len(rss_pts), fl(rss_pts)))
    w("| heap used (sampled, any point of the GC cycle) | %s | %d | %s |" % (f(s_heap, "%+.2f"), len(heap_pts), fl(heap_pts)))
    w("| old gen used (sampled) | %s | %d | %s |" % (f(s_old, "%+.2f"), len(old_pts), fl(old_pts)))
    w("| heap committed (sampled) | %s | %d | %s |" % (f(s_com, "%+.2f"), len(com_pts), fl(com_pts)))
    w("| H2 files (sampled) | %s | %d | %s |" % (f(s_h2, "%+.1f"), len(h2_pts), fl(h2_pts)))
    w("")
    gc_every = int(v.get("gc_every", "0"))
    w("Heap right after a young GC still holds old-generation garbage until a concurrent cycle and the mixed "
      "GCs after it reclaim it, so it saw-tooths, and its slope depends on where the window cuts the teeth. "
      + ("During the soak a concurrent cycle was forced every %d s (%s in all; `jcmd <pid> GC.run` with "
         "`-XX:+ExplicitGCInvokesConcurrent`: no stop-the-world full GC, only the cycle's short remark and "
         "cleanup pauses), so every minute has mixed GCs, and the lowest heap after a GC in each minute is a "
         "floor close to the live data: the verdict fits that. " % (gc_every, v.get("gc_runs", "?"))
         if gc_every > 0 else "No cycle was forced (SOAK_GC_EVERY=0): the verdict fits every young GC. ")
      + "Full GCs with a class histogram (`jcmd <pid> GC.class_histogram`) just before the soak and after it "
      "(load stopped, events processed) give the live heap itself: %s MiB → %s MiB (pauses %s / %s ms). "
      "A leak of 100 bytes per accepted event would show as about %s MiB/min at this rate."
      % (f(full_before[4] if full_before else None, "%.0f"), f(full_after[4] if full_after else None, "%.0f"),
         f(full_before[6] if full_before else None, "%.0f"), f(full_after[6] if full_after else None, "%.0f"),
         f(100 * accepted_per_min / MIB, "%.1f")))
    if hb and ha:
        grew = sorted(((ha.get(c, (0, 0))[1] - hb.get(c, (0, 0))[1], c) for c in set(ha) | set(hb)), reverse=True)
        w("")
        w("Live objects after the soak against before it (class histograms), the 10 classes that grew most:")
        w("")
        w("| class | instances before → after | MiB before → after | growth MiB |")
        w("|---|---:|---:|---:|")
        for d, c in grew[:10]:
            b, x = hb.get(c, (0, 0)), ha.get(c, (0, 0))
            w("| `%s` | %s → %s | %.2f → %.2f | %+.2f |" % (c, n(b[0]), n(x[0]), b[1] / MIB, x[1] / MIB, d / MIB))
        w("| all | %s → %s | %.1f → %.1f | %+.1f |" % (n(sum(x[0] for x in hb.values())), n(sum(x[0] for x in ha.values())),
                                                  hb_total / MIB, ha_total / MIB, (ha_total - hb_total) / MIB))
    w("")
    w("## Lost, doubled, refused: the checks")
    w("")
    w("Every request of every phase (probes, warm-up, calibration, soak) is logged by `bench/soak.lua` with its "
      "delivery id, kind and answer (status, event id, duplicate flag); after the run Hookline is stopped and "
      "the `hookline_event` rows of source `impact` are read from the H2 file (`org.h2.tools.Shell`, with the "
      "length of each event's processing history: its `hookline_event_attempt` rows plus the latest attempt "
      "kept in the event row).")
    w("")
    w("| phase | requests | answered | no answer |")
    w("|---|---:|---:|---:|")
    for ph in PHASES:
        c = per_phase.get(ph)
        if c:
            w("| %s | %s | %s | %s |" % (ph, n(c["sent"]), n(c["answered"]), n(c["unanswered"])))
    w("")
    w("| kind | sent | as expected | other answer | no answer | answers by status |")
    w("|---|---:|---:|---:|---:|---|")
    for k, label in (("new", "new (expect 202)"), ("dup", "re-send (expect 200 duplicate, first event's id)"),
                     ("bad", "bad signature (expect 401)")):
        c = per_kind[k]
        w("| %s | %s | %s | %s | %s | %s |" % (label, n(c["sent"]), n(c["ok"]), n(c["unexpected"]), n(c["unanswered"]),
                                              ", ".join("%s: %s" % (s[7:], n(x)) for s, x in sorted(c.items()) if s.startswith("status_"))))
    w("")
    w("| check | count |")
    w("|---|---:|")
    w("| delivery ids answered 202 | %s |" % n(len(accepted)))
    w("| ... not in the store (**lost**) | %d |" % len(lost))
    w("| ... stored under another event id than the 202 answer's | %d |" % len(wrong_id))
    w("| ... stored but not `processed` | %d |" % len(not_processed))
    w("| delivery ids stored more than once | %d |" % len(doubled_rows))
    w("| delivery ids answered 202 more than once | %d |" % len(doubled_202))
    w("| stored events with attempts ≠ 1 or a history of ≠ 1 attempt | %d |" % len(attempts_not_1))
    w("| bad-signature delivery ids found in the store | %d |" % len(bad_stored))
    w("| stored events that no logged request explains | %d |" % len(unexplained))
    w("| new requests without an answer (in flight when wrk stopped, or a dropped connection): stored / not | %d / %d |"
      % (unanswered_new_stored, len(unanswered_new) - unanswered_new_stored))
    w("| answers that followed no logged request | %d |" % orphans)
    w("")
    w("Hookline's own counters at the end: `hookline.webhooks.accepted` %s (events stored: %s), "
      "`.duplicates` %s (200 duplicate answers logged: %s), `.rejected` %s (401 answers logged: %s)."
      % (f(last.get("accepted"), "%.0f"), n(len(events)), f(last.get("duplicates"), "%.0f"), n(total_status(200)),
         f(last.get("rejected"), "%.0f"), n(total_status(401))))
    during = None
    if a.hookline_log and os.path.exists(a.hookline_log):
        during = 0
        with open(a.hookline_log, errors="replace") as fl_:
            for line in fl_:
                if " WARN " in line or " ERROR " in line:
                    try:
                        t = dt.datetime.fromisoformat(line.split()[0].replace("Z", "+00:00")).timestamp()
                    except (ValueError, IndexError):
                        continue
                    if t0 <= t <= t1:
                        during += 1
    w("Hookline's log: %s WARN/ERROR lines over the whole run (start-up and shutdown included), %s during the soak."
      % (v.get("hookline_log_warnings", "n/a"), "n/a" if during is None else during))
    if unexpected:
        w("")
        w("First unexpected answers: " + "; ".join("%s %s %s → %s %s" % u for u in unexpected[:10]))
    for label, items in (("lost", lost), ("doubled", doubled), ("wrong id", wrong_id), ("not processed", not_processed),
                         ("attempts ≠ 1", attempts_not_1), ("bad stored", bad_stored), ("unexplained", unexplained)):
        if items:
            w("")
            w("First %s: %s" % (label, ", ".join(items[:10])))
    w("")
    w("<details><summary>Every %s s sample of the whole run (warm-up and calibration included; Hookline's counters as rates)</summary>" % v.get("interval"))
    w("")
    w("| s from soak start | phase | accepted/s | duplicates/s | rejected/s | heap used MiB | old gen MiB | heap committed MiB | live data MiB | RSS MiB | H2 MiB | threads | Hookline CPU | wrk CPU | others' CPU |")
    w("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    bounds = [(float(v[p + "_t0"]), float(v[p + "_t1"]), p) for p in ("warmup", "calibration", "soak") if p + "_t0" in v]
    for s in sample_rows:
        ph = next((p for b0, b1, p in bounds if b0 <= s["mid"] <= b1), "-")
        w("| %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %s | %s |" % (
            s["t"] - t0, ph, f(s["accepted_s"], "%.0f"), f(s["duplicates_s"], "%.0f"), f(s["rejected_s"], "%.0f"),
            f(mib(s["heap"]), "%.0f"), f(mib(s["old"]), "%.0f"), f(mib(s["heap_committed"]), "%.0f"),
            f(mib(s["live"]), "%.0f"), f(s["rss_kb"] / 1024 if s["rss_kb"] is not None else None, "%.0f"),
            f(mib(s["h2"]), "%.0f"), f(s["threads"], "%.0f"), s["hl_cpu"], f(s["wrk_cpu"], "%.2f"), f(s["others_cpu"], "%.2f")))
    w("")
    w("</details>")
    w("")
    w("Raw: `bench/results/raw/` (`soak-*`: wrk outputs, the per-thread request logs in `soak-requests/`, "
      "samples, GC log, Hookline's log; not committed).")

    with open(a.out, "w") as fo:
        fo.write("\n".join(L) + "\n")
    if not correctness_ok:
        return 4
    if not growth_ok:
        return 5
    return 0


if __name__ == "__main__":
    sys.exit(main())
