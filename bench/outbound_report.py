#!/usr/bin/env python3
"""Writes bench/results/latest-outbound.md from what bench/outbound.sh collected:

--values      key=value lines (counters, wrk figures, CPU, timestamps of the measured windows)
--deliveries  CSV from Hookline's H2 file: event, status, tries, created, updated (epoch seconds)
--attempts    CSV: event, delivery_id, attempt, created, scheduled, started, duration_ms, response_status
--dumps       prefix of the thread dumps taken during the fast window (<prefix>-<n>.txt), if any

Publish -> delivery latency is the delivery's updated_at (set when its success was recorded)
minus its created_at (the publish's transaction), for the deliveries published during a
measured window: the same interval as the hookline.deliveries.latency timer, but for exactly
those deliveries. Retry lateness is an attempt's started_at minus its scheduled_at; its
scheduled delay is scheduled_at minus the end of the previous attempt (started_at +
duration_ms), which is when Hookline computed it.
"""
import argparse
import collections
import csv
import glob
import math
import os
import re

RETRY_TOLERANCE = 0.10  # "retries that fire within 10% of their scheduled time"
RETRY_SHARE_TARGET = 0.99  # PASS when at least this share of the retries did
DELIVERIES_TARGET = 5000.0  # deliveries/s to a fast local receiver


def read_values(path):
    values = {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if "=" in line:
            k, v = line.split("=", 1)
            values[k] = v
    return values


def num(values, key, default=None):
    try:
        return float(values[key])
    except (KeyError, ValueError):
        return default


def pct(sorted_xs, p):
    """Nearest-rank percentile of an ascending list (None when empty)."""
    if not sorted_xs:
        return None
    k = max(0, min(len(sorted_xs) - 1, math.ceil(p / 100.0 * len(sorted_xs)) - 1))
    return sorted_xs[k]


def fmt(x, unit="", digits=0):
    if x is None:
        return "n/a"
    if isinstance(x, float) and math.isinf(x):
        return "not delivered"
    return f"{x:,.{digits}f}{unit}"


def fmt_ms(x):
    """Milliseconds, or seconds above 10 s."""
    if x is None:
        return "n/a"
    if math.isinf(x):
        return "not delivered by the end"
    return f"{x / 1000:,.1f} s" if x >= 10_000 else f"{x:,.0f} ms" if x >= 100 else f"{x:,.1f} ms"


def latency_stats(deliveries, event, t0, t1):
    """Publish -> success, ms, of the deliveries of `event` published in [t0, t1]; undelivered = inf."""
    lat = []
    for d in deliveries:
        if d["EVENT"] != event:
            continue
        created = float(d["CREATED"])
        if not (t0 <= created <= t1):
            continue
        if d["STATUS"] == "succeeded":
            lat.append((float(d["UPDATED"]) - created) * 1000)
        else:
            lat.append(math.inf)
    lat.sort()
    undelivered = sum(1 for x in lat if math.isinf(x))
    return {"n": len(lat), "undelivered": undelivered, "p50": pct(lat, 50), "p99": pct(lat, 99),
            "max": max((x for x in lat if not math.isinf(x)), default=None)}


def attempt_stats(attempts, event, t0, t1):
    """First-attempt queueing (publish -> first send) and retry lateness of the deliveries of
    `event` published in [t0, t1]."""
    by_delivery = collections.defaultdict(dict)
    for a in attempts:
        if a["EVENT"] != event:
            continue
        if not (t0 <= float(a["CREATED"]) <= t1):
            continue
        by_delivery[a["DELIVERY_ID"]][int(a["ATTEMPT"])] = a
    first, late, rel = [], [], []
    within = 0
    for tries in by_delivery.values():
        for n, a in tries.items():
            started, scheduled = float(a["STARTED"]), float(a["SCHEDULED"])
            if n == 1:
                first.append((started - scheduled) * 1000)
                continue
            prev = tries.get(n - 1)
            if prev is None:
                continue
            delay = scheduled - (float(prev["STARTED"]) + float(prev["DURATION_MS"]) / 1000)
            lateness = started - scheduled
            late.append(lateness * 1000)
            if delay > 0:
                rel.append(lateness / delay)
                if lateness <= RETRY_TOLERANCE * delay:
                    within += 1
    first.sort(); late.sort(); rel.sort()
    return {
        "first_n": len(first), "first_p50": pct(first, 50), "first_p99": pct(first, 99), "first_max": first[-1] if first else None,
        "retry_n": len(late), "late_p50": pct(late, 50), "late_p99": pct(late, 99), "late_max": late[-1] if late else None,
        "rel_p50": pct(rel, 50), "rel_p99": pct(rel, 99), "rel_max": rel[-1] if rel else None,
        "within": within, "within_share": within / len(rel) if rel else None,
    }


def drain_rate(v, name):
    """Successes per second from the window's end to the last look that still saw a backlog (the engine
    busy all along, nothing published); n/a when the backlog was gone by the second look."""
    n, secs = num(v, f"{name}_drain_succeeded", 0), num(v, f"{name}_drain_secs", 0)
    if n < 100 or secs < 1:
        return "n/a (backlog gone within a second)"
    return fmt(n / secs)


# ---------------------------------------------------------------- thread dumps
POOLS = [("http-nio-", "publish (Tomcat request threads)"), ("hookline-delivery-poller", "delivery poller"),
         ("hookline-delivery-writer", "delivery writer (group commit thread, if any)"),
         ("hookline-delivery", "delivery workers")]


def classify(frames, state):
    text = "\n".join(frames)
    site = next((re.sub(r"\(.*", "", f.split("io.hookline.", 1)[1]) for f in frames
                 if "io.hookline." in f and "$$" not in f and "Lambda" not in f), None)
    where = f" in {site}" if site else ""
    if "HikariPool.getConnection" in text:
        return "waiting for a DB connection (Hikari)" + where
    if "MVStore.commit" in text or ("org.h2." in text and state in ("WAITING", "TIMED_WAITING", "BLOCKED")):
        return "waiting in H2 (commit / store lock)" + where
    if "org.h2." in text:
        return "running in H2" + where
    if "org.apache.hc." in text or "SocketInputStream" in text or "NioSocketImpl" in text:
        return "HTTP to the receiver" + where
    if site is None and ("getTask" in text or "TaskQueue" in text or "LinkedBlockingQueue.take" in text):
        return "idle (no work)"
    if "Semaphore.tryAcquire" in text and "DeliveryWorker.poll" in text:
        return "sleeping until woken / next poll"
    if "NioEndpoint" in text and site is None:
        return "idle (no work)"
    return ("running" if state == "RUNNABLE" else state.lower()) + where


def dump_summary(prefix):
    files = sorted(glob.glob(prefix + "-*.txt"))
    if not files:
        return None, 0
    counts = collections.Counter()
    for f in files:
        for block in open(f, encoding="utf-8", errors="replace").read().split("\n\n"):
            m = re.match(r'"([^"]+)"', block)
            if not m:
                continue
            name = m.group(1)
            pool = next((label for p, label in POOLS if name.startswith(p)), None)
            if pool is None or "Poller" in name or "Acceptor" in name:
                continue
            st = re.search(r"java.lang.Thread.State: (\w+)", block)
            frames = [ln.strip()[3:] for ln in block.splitlines() if ln.strip().startswith("at ")]
            counts[(pool, classify(frames, st.group(1) if st else ""))] += 1
    return counts, len(files)


# ---------------------------------------------------------------- JFR
LAYERS = [("org.h2.", "H2"), ("com.zaxxer.hikari.", "Hikari"), ("org.apache.hc.", "HttpClient 5"),
          ("org.apache.tomcat.", "Tomcat"), ("org.apache.catalina.", "Tomcat"), ("org.apache.coyote.", "Tomcat"),
          ("org.springframework.", "Spring"), ("com.fasterxml.jackson.", "Jackson"), ("io.micrometer.", "Micrometer"),
          ("io.vertx.", "Vert.x"), ("io.netty.", "Netty"), ("org.apache.camel.", "Camel"),
          ("ch.qos.logback.", "Logback"), ("org.slf4j.", "Logback"), ("io.hookline.", "Hookline"),
          ("com.sun.crypto.", "JDK crypto"), ("sun.security.", "JDK crypto"), ("javax.crypto.", "JDK crypto"),
          ("sun.nio.", "JDK I/O"), ("java.io.", "JDK I/O"), ("java.net.", "JDK net"), ("sun.net.", "JDK net"),
          ("java.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK")]
MARKERS = [("DeliveryStore.publish", "publish: store the message + deliveries"),
           ("DeliveryStore.commit", "group commit (whoever commits, for everyone)"),
           ("DeliveryStore.record", "record an attempt"),
           ("DeliveryWriter", "delivery writer thread (group commit), if any"),
           ("DeliveryStore.claimDue", "claim due deliveries"), ("DeliveryStore.nextDue", "next due time"),
           ("WebhookStore.find", "look up the webhook per attempt"), ("DeliverySender.send", "HTTP send"),
           ("DeliverySigner.headers", "sign"), ("DeliveryWorker.json", "JSON of the logged headers"),
           ("PublishController.publish", "publish controller (all of it)"),
           ("org.h2.mvstore.MVStore.store", "H2: write a chunk (MVStore.store*)"),
           ("org.h2.mvstore.FileStore", "H2: file store"),
           ("org.apache.catalina.connector.CoyoteAdapter.service", "Tomcat request (all of it)"),
           ("org.springframework.web.servlet.DispatcherServlet", "Spring MVC dispatch (all of it)"),
           # inbound (bench/run.sh BENCH_JFR=1)
           ("InboundGateway.handle", "inbound gateway (checks, append, answer)"),
           ("SignatureCheck.check", "inbound: signature"), ("PayloadReader.read", "inbound: JSON parse"),
           ("CatalogueCheck.check", "inbound: catalogue schema"), ("EventAppender.append", "inbound: new event row"),
           ("EventAppender.answer", "inbound: answer + dispatch"),
           ("EventWriter", "event writer (group commit thread)"), ("EventStore.", "event store reads"),
           ("EventDispatcher", "event processing (dispatch)"), ("DispatchRoute", "dispatch route"),
           ("io.hookline.inbound.VertxFront", "ingest port handler (VertxFront)"),
           ("org.apache.camel.component.servlet", "Camel servlet consumer")]


def jfr_summary(path):
    """Markdown tables from `jfr print --events jdk.ExecutionSample`: CPU samples by layer of the
    top frame, by thread pool, and the share of samples with given frames anywhere on the stack."""
    samples = []
    cur = None
    for line in open(path, encoding="utf-8", errors="replace"):
        s = line.strip()
        if s.startswith("jdk.ExecutionSample"):
            cur = {"thread": "", "frames": []}
            samples.append(cur)
        elif cur is not None and s.startswith("sampledThread"):
            m = re.search(r'"([^"]*)"', s)
            cur["thread"] = re.sub(r"[-#]?\d+$", "", m.group(1)) if m else ""
        elif cur is not None and ("line:" in s or s.endswith(")")) and "(" in s and not s.startswith(("startTime", "state")):
            cur["frames"].append(s)
    n = len(samples)
    out = [f"JFR execution samples of Hookline during the fast window: {n:,}.", ""]
    if not n:
        return "\n".join(out)
    layer = collections.Counter()
    pools = collections.Counter()
    for smp in samples:
        top = smp["frames"][0] if smp["frames"] else ""
        layer[next((name for p, name in LAYERS if top.startswith(p)), "other")] += 1
        t = smp["thread"]
        pools["publish (Tomcat request threads)" if t.startswith("http-nio") else
              "delivery workers" if t == "hookline-delivery" else
              "delivery poller" if t == "hookline-delivery-poller" else
              "Vert.x event loops (ingest port)" if t.startswith("vert.x-eventloop") else
              "GC / JIT / VM" if not t or "GC" in t or "Compiler" in t else t] += 1
    out += ["| on CPU in (top frame) | share of samples |", "|---|---:|"]
    out += [f"| {k} | {100 * c / n:.1f}% |" for k, c in layer.most_common(12)]
    out += ["", "| thread | share of samples |", "|---|---:|"]
    out += [f"| {k} | {100 * c / n:.1f}% |" for k, c in pools.most_common(8)]
    out += ["", "| with this on the stack | share of samples |", "|---|---:|"]
    for marker, label in MARKERS:
        c = sum(1 for smp in samples if any(marker in f for f in smp["frames"]))
        if c:
            out.append(f"| {label} (`{marker}`) | {100 * c / n:.1f}% |")
    tops = collections.Counter(re.sub(r"\(.*", "", smp["frames"][0]) for smp in samples if smp["frames"])
    out += ["", "| hottest methods (self) | share |", "|---|---:|"]
    out += [f"| `{k}` | {100 * c / n:.1f}% |" for k, c in tops.most_common(12)]
    return "\n".join(out)


# ---------------------------------------------------------------- report
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--values")
    ap.add_argument("--deliveries")
    ap.add_argument("--attempts")
    ap.add_argument("--dumps", default="")
    ap.add_argument("--jfr", default="", help="markdown made by --jfr-summary, included when present")
    ap.add_argument("--jfr-summary", help="print the summary of this `jfr print` output and exit")
    ap.add_argument("--out")
    args = ap.parse_args()
    if args.jfr_summary:
        print(jfr_summary(args.jfr_summary))
        return
    v = read_values(args.values)
    deliveries = list(csv.DictReader(open(args.deliveries, encoding="utf-8")))
    attempts = list(csv.DictReader(open(args.attempts, encoding="utf-8")))
    base = num(v, "base_rps")

    out = []
    w = out.append
    w("# Hookline outbound benchmark — latest run")
    w("")
    w(f"- Date: {v.get('date')} (run id `{v.get('run_id')}`)")
    w(f"- Machine: {v.get('machine')}. **Shared**: other sessions' builds and tests may run at the same time; "
      "\"others' CPU\" below says how much they used during each window. Compare figures as **ratios to the "
      "receiver baseline measured in the same run**, not as absolutes.")
    w(f"- Command: `{v.get('invocation')}` (from the repository root)")
    w(f"- Hookline: `{v.get('hookline_cmd')}` (H2 in a fresh temp dir)")
    w(f"- Receiver: `{v.get('receiver_cmd')}` (Vert.x 5, one verticle per core: verifies X-Impact-Signature, counts per "
      "delivery id, answers 202; under `/flaky` the first 2 attempts of each delivery get 500)")
    w(f"- Publishing: wrk, {v.get('threads')} threads, {v.get('connections')} connections, `POST /api/events` with "
      f"`Authorization: Bearer …` and a ~1 KB Impact envelope (`bench/publish.lua`); each event goes to "
      f"{v.get('fanout')} declared webhooks on the receiver. Measured windows of {v.get('duration')} s, after a "
      f"discarded warm-up ({v.get('warmup')} s before fast, {v.get('flaky_warmup')} s before flaky) and a wait of up to "
      f"{v.get('drain')} s for the warm-up's backlog; after each window, up to {v.get('drain')} s more for its deliveries to complete.")
    w("")

    w("## Baseline: the receiver's own capacity")
    w("")
    if base:
        w(f"wrk straight at the receiver (`bench/impact.lua`, same threads and connections, {v.get('baseline_duration')} s "
          f"after 5 s of warm-up): **{fmt(base)} req/s**, p50 {v.get('base_p50_ms')} ms, p99 {v.get('base_p99_ms')} ms, "
          f"errors {v.get('base_errors')}; receiver CPU {v.get('base_receiver_cpu')} cores, others' CPU {v.get('base_other_cpu')} cores. "
          "Each request is one signed ~1 KB delivery, so this is the most deliveries/s this receiver takes on this machine "
          "with wrk's client in Hookline's place.")
    else:
        w("Not measured (BENCH_BASELINE_DURATION=0): no ratios.")
    w("")

    w("## Throughput")
    w("")
    batch = int(num(v, "batch", 1))
    w(f"| scenario | offered publishes/s | publishes/s (wrk{f' × {batch} per request' if batch > 1 else ''}) | publish p50 / p99 ms | publish errors | deliveries/s completed (Hookline counter) | deliveries/s (receiver 2xx) | vs receiver capacity | attempts/s | Hookline CPU (cores) | receiver CPU | wrk CPU | others' CPU |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    results = {}
    for name in ("fast", "flaky"):
        if f"{name}_secs" not in v:
            continue
        secs = num(v, f"{name}_secs")
        succ = num(v, f"{name}_succeeded", 0) / secs
        recv = num(v, f"{name}_recv_accepted", 0) / secs
        attempts_s = (num(v, f"{name}_succeeded", 0) + num(v, f"{name}_retry", 0) + num(v, f"{name}_failed", 0)) / secs
        rate = num(v, f"{name}_rate", 0)
        errs = int(num(v, f"{name}_pub_non2xx", 0) + num(v, f"{name}_pub_socket_errors", 0))
        results[name] = {"succ": succ}
        offered = "unpaced" if rate == 0 else fmt(rate) + (" (auto)" if name == "flaky" and v.get("flaky_rate_auto") else "")
        w(f"| {name} | {offered} | {fmt(batch * num(v, f'{name}_pub_rps'))} | "
          f"{v.get(f'{name}_pub_p50_ms')} / {v.get(f'{name}_pub_p99_ms')} | {errs} | **{fmt(succ)}** | {fmt(recv)} | "
          f"{fmt(100 * succ / base, '%', 1) if base else 'n/a'} | {fmt(attempts_s)} | {v.get(f'{name}_hookline_cpu')} | "
          f"{v.get(f'{name}_receiver_cpu')} | {v.get(f'{name}_wrk_cpu')} | {v.get(f'{name}_other_cpu')} |")
    w("")
    w("Deliveries/s completed: successes counted by `hookline.deliveries{outcome=succeeded}` during the window, "
      "whenever they were published; the receiver's count of the 2xx it answered in the same window should agree "
      "within the deliveries in flight at either end. Attempts/s: every outcome (succeeded, retry, failed). "
      "Publishes are offered at a fixed rate (wrk paced by `bench/publish.lua`); when Hookline answers more slowly "
      "than the rate needs, wrk's connections limit what is published."
      + (f" Each request published a batch of {batch} events (`BENCH_PUBLISH_BATCH`): publishes/s counts events "
         "(wrk's requests/s × the batch), the publish answer times and errors are per request." if batch > 1 else ""))
    if v.get("flaky_rate_auto"):
        w("")
        w("The flaky scenario is offered half the attempts/s the fast window sustained (each event: 3 deliveries × 3 "
          "attempts), so that its retry timing shows the scheduler's accuracy rather than a backlog; its deliveries/s "
          "is therefore the offered load, not a capacity. `BENCH_FLAKY_RATE=<publishes/s>` offers a fixed load instead.")
    w("")

    w("## Publish → delivery and backlog")
    w("")
    w("| scenario | published in window | pending before window | pending at window end | pending after the drain wait | deliveries/s while draining (nothing published) | p50 publish→delivery | p99 | max | first attempt after publish p50 / p99 | timer p50 / p99 (decaying, whole process) |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, event in (("fast", "bench.fast"), ("flaky", "bench.flaky")):
        if f"{name}_secs" not in v:
            continue
        t0, t1 = num(v, f"{name}_t0"), num(v, f"{name}_t1")
        lat = latency_stats(deliveries, event, t0, t1)
        att = attempt_stats(attempts, event, t0, t1)
        results[name].update(lat=lat, att=att)
        undelivered = f" ({lat['undelivered']:,} not delivered by the end)" if lat["undelivered"] else ""
        w(f"| {name} | {lat['n']:,} deliveries ({int(num(v, f'{name}_published', 0)):,} events){undelivered} | "
          f"{int(num(v, f'{name}_pending_before', 0)):,} | {int(num(v, f'{name}_pending_after', 0)):,} | "
          f"{int(num(v, f'{name}_pending_end', 0)):,} after {v.get(f'{name}_postdrain_s')} s | {drain_rate(v, name)} | {fmt_ms(lat['p50'])} | "
          f"**{fmt_ms(lat['p99'])}** | {fmt_ms(lat['max'])} | {fmt_ms(att['first_p50'])} / {fmt_ms(att['first_p99'])} | "
          f"{v.get(f'{name}_timer_latency_p5_ms')} / {v.get(f'{name}_timer_latency_p99_ms')} ms |")
    w("")
    w("From the H2 file after the run: for each delivery published during the window, the time from its publish "
      "(created_at) to its recorded success (updated_at). The flaky scenario's includes the two retry waits "
      "(1 s + 2 s, ±10 %) by design. \"Pending\" = 3 × accepted publishes − deliveries succeeded or failed. When deliveries "
      "pile up (pending grows during the window), the latency is mostly time in the queue. Deliveries/s while draining: "
      "successes per second from the window's end to the last look (every ~1 s) that still saw deliveries pending — "
      "the delivery side alone, with nothing published.")
    w("")

    if "flaky" in results:
        att = results["flaky"]["att"]
        w("## Retry timing (flaky scenario)")
        w("")
        w("| retries of deliveries published in the window | lateness p50 | p99 | max | lateness / scheduled delay p50 | p99 | max | within 10 % of the delay |")
        w("|---:|---:|---:|---:|---:|---:|---:|---:|")
        w(f"| {att['retry_n']:,} | {fmt_ms(att['late_p50'])} | {fmt_ms(att['late_p99'])} | {fmt_ms(att['late_max'])} | "
          f"{fmt(None if att['rel_p50'] is None else 100 * att['rel_p50'], '%', 1)} | "
          f"{fmt(None if att['rel_p99'] is None else 100 * att['rel_p99'], '%', 1)} | "
          f"{fmt(None if att['rel_max'] is None else 100 * att['rel_max'], '%', 1)} | "
          f"**{fmt(None if att['within_share'] is None else 100 * att['within_share'], '%', 1)}** ({att['within']:,}) |")
        w("")
        w("Lateness: `hookline_delivery_attempt.started_at − scheduled_at` of attempts 2 and 3; the scheduled delay is "
          "scheduled_at − the end of the previous attempt (about 1 s before attempt 2, 2 s before attempt 3). "
          f"The lateness timer's view: p50 {v.get('flaky_timer_lateness_p5_ms')} ms, p99 {v.get('flaky_timer_lateness_p99_ms')} ms "
          "(all attempts, first ones included).")
        w("")

    w("## Against the targets")
    w("")
    if "fast" in results:
        succ = results["fast"]["succ"]
        ok = "PASS" if succ >= DELIVERIES_TARGET else "FAIL"
        w(f"- Deliveries/s to a fast local receiver, embedded H2: **{fmt(succ)}/s** (target ≥ 5,000/s): **{ok}**"
          + (f"; {fmt(100 * succ / base, '%', 1)} of the receiver's own capacity ({fmt(base)} req/s)" if base else ""))
    if "flaky" in results and results["flaky"]["att"]["within_share"] is None:
        w("- Retries fired within 10 % of their scheduled delay: n/a — no retry of a delivery published in the window "
          "was sent before the end of the run (a backlog: see pending above): **FAIL**")
    if "flaky" in results and results["flaky"]["att"]["within_share"] is not None:
        share = results["flaky"]["att"]["within_share"]
        ok = "PASS" if share >= RETRY_SHARE_TARGET else "FAIL"
        w(f"- Retries fired within 10 % of their scheduled delay: **{100 * share:.1f}%** of them (PASS at ≥ "
          f"{100 * RETRY_SHARE_TARGET:.0f}%): **{ok}**")
    stats = v.get("receiver_stats", "")
    w(f"- Errors: publish non-2xx/socket errors above; deliveries failed for good over the run: {v.get('total_failed')}; "
      f"receiver (whole run, probes included): `{stats}` (bad_signature and duplicate_accepts should be 0)")
    w(f"- Hookline peak RSS (VmHWM, whole life): {v.get('hookline_rss_mib')} MiB; H2 files after the run: {v.get('h2_size')}; "
      f"WARN/ERROR lines in its log: {v.get('hookline_log_warnings')}")
    w("")

    counts, n = dump_summary(args.dumps) if args.dumps else (None, 0)
    if counts:
        w(f"## Where Hookline's threads were during the fast window ({n} thread dumps, average threads per dump)")
        w("")
        w("| pool | doing | threads |")
        w("|---|---|---:|")
        for (pool, what), c in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])):
            if c / n >= 0.34:
                w(f"| {pool} | {what} | {c / n:.1f} |")
        w("")
        w("From `jcmd <pid> Thread.print` (raw dumps: `bench/results/raw/outbound-threads-*.txt`). Rows under 0.34 "
          "threads per dump are left out.")
        w("")
    if args.jfr and os.path.exists(args.jfr):
        w("## CPU profile of Hookline during the fast window (JFR)")
        w("")
        w(open(args.jfr, encoding="utf-8").read().rstrip())
        w("")
        w("Recording: `bench/results/raw/outbound-fast.jfr` (`jfr print --events jdk.ExecutionSample …`).")
        w("")
    w("Raw wrk output, server logs and the collected values: `bench/results/raw/` (`outbound-*`).")
    open(args.out, "w", encoding="utf-8").write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
