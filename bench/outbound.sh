#!/usr/bin/env bash
# Hookline OUTBOUND benchmark (bench/run.sh outbound): events published to Hookline with
# POST /api/events, fanned out to 3 declared webhooks each on a local receiver
# (bench/ceiling ReceiverServer), and delivered by Hookline's DeliveryWorker. Two scenarios
# on one Hookline (its JIT warmed once):
#   fast   event bench.fast  -> /fast/1..3:  every attempt answered 202
#   flaky  event bench.flaky -> /flaky/1..3: the first two attempts of each delivery 500, then 202
#          (retries after 1 s and 2 s ±10 %, bench/bench-outbound.yaml)
# and a baseline measured in the same run: wrk straight at the receiver (its own capacity).
# Writes bench/results/latest-outbound.md. See bench/README.md, "Outbound".
#
#   bench/run.sh outbound
#   BENCH_ONLY=fast bench/run.sh outbound
#
# Knobs (environment):
#   BENCH_WARMUP=45          discarded warm-up before the fast scenario, s (max 120)
#   BENCH_FLAKY_WARMUP=15    discarded warm-up before the flaky scenario, s (max 120; JIT already warm)
#   BENCH_DURATION=20        each measured window, s (max 120)
#   BENCH_DRAIN=30           after a warm-up and after a window, wait up to this long (s) for the
#                            deliveries still pending to be sent (the flaky window waits at least 5 s)
#   BENCH_RATE=1700          offered events published/s (3 deliveries each: 5,100 deliveries/s, just above
#                            the 5,000/s target); 0 = unpaced (each connection as fast as answered)
#   BENCH_FLAKY_RATE=auto    offered publishes/s in the flaky scenario; auto = half of what the fast
#                            window sustained, in attempts (deliveries/s ÷ 3 attempts ÷ 3 webhooks ÷ 2),
#                            so that retry timing measures the scheduler, not a backlog; a number
#                            (e.g. 1700) for the same offered load as the fast scenario
#   BENCH_PUBLISH_BATCH=1    events per POST /api/events: 1 = one JSON object per request; N > 1 = a JSON
#                            array of N envelopes (Hookline's batch publish, at most hookline.outbound.max-batch,
#                            500 by default); BENCH_RATE stays in events/s (wrk sends rate / N requests/s)
#   BENCH_THREADS=2  BENCH_CONNECTIONS=32   wrk threads and connections publishing
#   BENCH_BASELINE_DURATION=10              wrk at the receiver: 5 s warm-up, then this, s (0 = skip)
#   BENCH_ONLY=              fast | flaky (skip the other scenario; the baseline always runs unless 0)
#   BENCH_DUMPS=3            thread dumps (jcmd Thread.print) of Hookline during the fast window,
#                            summarised in the report (0 = none)
#   BENCH_JFR=0              1 = a JFR recording (profile settings) of Hookline during the fast window,
#                            kept in bench/results/raw/ and summarised in the report (costs a little CPU)
#   BENCH_PERF=0             1 = a perf (cpu-clock, 499 Hz) profile of Hookline during the fast window: CPU share by
#                            thread, by layer (Hookline runs with -XX:+PreserveFramePointer) and the hottest methods, in bench/results/raw/outbound-perf.md (needs perf)
#   HOOKLINE_ARGS=           extra Hookline arguments, e.g. --hookline.outbound.workers=64
#   RECEIVER_PORT=18082  HOOKLINE_PORT=18080  HOOKLINE_JAR=target/hookline.jar
#   BENCH_KEEP_DB=0          1 = keep Hookline's H2 temp dir (path printed)
#   BENCH_QUIET_WAIT=15      before each measured window, wait up to this long for the machine's
#   BENCH_QUIET_CORES=0.3    other CPU use to fall to this many cores
set -Eeuo pipefail

LOG_PREFIX=bench
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # the shared helpers; cds to the repository root

INVOCATION="$(invocation "bench/run.sh outbound${*:+ $*}" BENCH_WARMUP BENCH_FLAKY_WARMUP BENCH_DURATION BENCH_DRAIN \
  BENCH_RATE BENCH_FLAKY_RATE BENCH_PUBLISH_BATCH BENCH_THREADS BENCH_CONNECTIONS BENCH_BASELINE_DURATION BENCH_ONLY BENCH_DUMPS BENCH_JFR BENCH_PERF \
  HOOKLINE_ARGS RECEIVER_PORT HOOKLINE_PORT HOOKLINE_JAR BENCH_KEEP_DB BENCH_QUIET_WAIT BENCH_QUIET_CORES)"

WARMUP="${BENCH_WARMUP:-45}"
FLAKY_WARMUP="${BENCH_FLAKY_WARMUP:-15}"
DURATION="${BENCH_DURATION:-20}"
DRAIN="${BENCH_DRAIN:-30}"
RATE="${BENCH_RATE:-1700}"
FLAKY_RATE="${BENCH_FLAKY_RATE:-auto}"
BATCH="${BENCH_PUBLISH_BATCH:-1}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
BASELINE_DURATION="${BENCH_BASELINE_DURATION:-10}"
ONLY="${BENCH_ONLY:-}"
DUMPS="${BENCH_DUMPS:-3}"
JFR="${BENCH_JFR:-0}"
PERF="${BENCH_PERF:-0}"
HOOKLINE_ARGS="${HOOKLINE_ARGS:-}"
RECEIVER_PORT="${RECEIVER_PORT:-18082}"
HOOKLINE_PORT="${HOOKLINE_PORT:-18080}"
HOOKLINE_JAR="${HOOKLINE_JAR:-target/hookline.jar}"
KEEP_DB="${BENCH_KEEP_DB:-0}"
QUIET_CORES="${BENCH_QUIET_CORES:-0.3}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-15}"

FANOUT=3 # webhooks per event in bench/bench-outbound.yaml

OUT="$RESULTS/latest-outbound.md"
PUBLISH_LUA="$BENCH_DIR/publish.lua"
IMPACT_LUA="$BENCH_DIR/impact.lua"
VALUES="$RAW/outbound-values.txt"
HL_LOG="$RAW/hookline-outbound.log"

is_uint "$WARMUP" && (( WARMUP <= 120 )) || die "BENCH_WARMUP must be 0..120 seconds"
is_uint "$FLAKY_WARMUP" && (( FLAKY_WARMUP <= 120 )) || die "BENCH_FLAKY_WARMUP must be 0..120 seconds"
is_uint "$DURATION" && (( DURATION >= 1 && DURATION <= 120 )) || die "BENCH_DURATION must be 1..120 seconds"
is_uint "$DRAIN" && (( DRAIN <= 300 )) || die "BENCH_DRAIN must be 0..300 seconds"
is_uint "$RATE" && { is_uint "$FLAKY_RATE" || [[ "$FLAKY_RATE" == auto ]]; } \
  || die "BENCH_RATE and BENCH_FLAKY_RATE must be whole publishes/s (0 = unpaced; BENCH_FLAKY_RATE may be auto)"
is_uint "$BATCH" && (( BATCH >= 1 && BATCH <= 10000 )) || die "BENCH_PUBLISH_BATCH must be 1..10000 events per request"
is_uint "$THREADS" && is_uint "$CONNECTIONS" && (( THREADS >= 1 && CONNECTIONS >= THREADS )) \
  || die "need BENCH_CONNECTIONS >= BENCH_THREADS >= 1"
is_uint "$BASELINE_DURATION" && (( BASELINE_DURATION <= 60 )) || die "BENCH_BASELINE_DURATION must be 0..60 seconds"
is_uint "$DUMPS" && (( DUMPS <= 20 )) || die "BENCH_DUMPS must be 0..20"
is_uint "$QUIET_WAIT" && (( QUIET_WAIT <= 600 )) || die "BENCH_QUIET_WAIT must be 0..600 seconds"
case "$ONLY" in ""|fast|flaky) ;; *) die "BENCH_ONLY must be fast, flaky or empty (outbound mode)" ;; esac

# ------------------------------------------------------------------ prerequisites, cleanup
ensure_wrk
need_tools java python3 curl mvn
[[ -f "$HOOKLINE_JAR" ]] || die "$HOOKLINE_JAR not found: run 'mvn -B package -DskipTests' first"
if (( DUMPS > 0 )) || [[ "$JFR" == 1 ]]; then
  if ! command -v jcmd >/dev/null 2>&1; then log "jcmd not found: no thread dumps, no JFR"; DUMPS=0; JFR=0; fi
fi
[[ "$PERF" == 1 ]] && need_perf
[[ "$JFR" == 1 ]] && ! command -v jfr >/dev/null 2>&1 && { log "jfr not found: no JFR summary"; JFR=0; }
port_busy "$RECEIVER_PORT" && die "port $RECEIVER_PORT is already in use (set RECEIVER_PORT)"
port_busy "$HOOKLINE_PORT" && die "port $HOOKLINE_PORT is already in use (set HOOKLINE_PORT)"

RECEIVER_PID=""
HOOKLINE_PID=""
make_work hookline-outbound-XXXXXX
# shellcheck disable=SC2016 # expanded on exit
at_exit 'stop_pid "$RECEIVER_PID" receiver'

mkdir -p "$RAW"
rm -f "$RAW"/outbound-* "$RAW"/receiver* "$RAW"/hookline-outbound*
: > "$VALUES"

python3 "$BENCH_DIR/gen_bodies.py" --out "$BODIES_LUA" --count 200 --secret "$SECRET" >&2

# ------------------------------------------------------------------ helpers
alive() { ensure_alive hookline HOOKLINE_PID "$HL_LOG"; ensure_alive receiver RECEIVER_PID "$RAW/receiver.log"; }

# One line of numbers from Hookline's and the receiver's counters, read within a few ms of each
# other (one process, Hookline's success counter and the receiver's count back to back):
#   published(messages stored: hookline.messages.published, so a batch counts its events) succeeded retry failed fast_accepted fast_failed flaky_accepted flaky_failed
counters() {
  python3 - "$HOOKLINE_PORT" "$ADMIN_TOKEN" "$RECEIVER_PORT" <<'PY'
import json, sys, urllib.request
port, token, receiver = sys.argv[1], sys.argv[2], sys.argv[3]
def get(url, auth=True):
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token} if auth else {})
    return json.loads(urllib.request.urlopen(req, timeout=10).read())
def count(path):
    try:
        doc = get(f"http://127.0.0.1:{port}/actuator/metrics/{path}")
        return int(next(x["value"] for x in doc["measurements"] if x["statistic"] == "COUNT"))
    except Exception:
        return 0  # a meter appears with its first sample (404 until then)
published = count("hookline.messages.published")
retry, failed = count("hookline.deliveries?tag=outcome:retry"), count("hookline.deliveries?tag=outcome:failed")
succeeded = count("hookline.deliveries?tag=outcome:succeeded")
try:
    s = get(f"http://127.0.0.1:{receiver}/stats", auth=False)
except Exception:
    s = {"fast": {}, "flaky": {}}
print(published, succeeded, retry, failed, s["fast"].get("accepted", 0), s["fast"].get("failed", 0),
      s["flaky"].get("accepted", 0), s["flaky"].get("failed", 0))
PY
}
pending() { # deliveries created (FANOUT per accepted publish) and not yet succeeded or failed
  local c; read -r -a c < <(counters)
  echo $(( FANOUT * c[0] - c[1] - c[3] ))
}

drain() { # label max-seconds [min-seconds] -> waits until nothing is pending (at least min s)
  # prints: seconds waited, pending at the last look, and the counters' succeeded and the time (epoch s)
  # at the last look that still saw deliveries pending (the engine was busy until then; "- -" if none)
  local label="$1" max="$2" min="${3:-0}" t0 p waited c t busy_succ="-" busy_t="-"
  t0=$SECONDS
  while :; do
    read -r -a c < <(counters); t="$(now)"
    p=$(( FANOUT * c[0] - c[1] - c[3] )); waited=$((SECONDS - t0))
    (( p > 0 )) && { busy_succ="${c[1]}"; busy_t="$t"; }
    if (( p <= 0 && waited >= min )); then log "$label: nothing pending after ${waited}s"; echo "$waited $p $busy_succ $busy_t"; return 0; fi
    if (( waited >= max )); then log "$label: still $p deliveries pending after ${waited}s"; echo "$waited $p $busy_succ $busy_t"; return 0; fi
    sleep 0.5
  done
}

publish_wrk() { # event rate(events/s) seconds tag outfile -> wrk publishing to Hookline, BATCH events per request
  local event="$1" rate="$2" secs="$3" tag="$4" out="$5" per_thread
  per_thread="$(awk -v r="$rate" -v t="$THREADS" -v b="$BATCH" 'BEGIN { printf "%.3f", r / t / b }')"
  timed_wrk "$out" "$secs" -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency -s "$PUBLISH_LUA" \
      "http://127.0.0.1:$HOOKLINE_PORT" -- "$BODIES_LUA" "$tag" "$event" "$per_thread" "$ADMIN_TOKEN" "$BATCH" \
    || { cat "$out" >&2; ensure_alive hookline HOOKLINE_PID "$HL_LOG"; die "wrk (publishing $event) failed"; }
  check_bench_out "$out"
}

dump_threads() { # seconds-from-now count prefix -> thread dumps spread over the window, in the background
  local start="$1" n="$2" prefix="$3" gap
  (( n > 0 )) || return 0
  gap="$(awk -v d="$DURATION" -v n="$n" 'BEGIN { printf "%.1f", (d - 4) / n }')"
  (
    sleep "$start"
    for i in $(seq 1 "$n"); do
      jcmd "$HOOKLINE_PID" Thread.print > "$prefix-$i.txt" 2>/dev/null || true
      sleep "$gap"
    done
  ) &
  DUMPER_PID=$!
}

# ------------------------------------------------------------------ receiver
build_ceiling "$RAW/receiver-build.log"
RECEIVER_CMD="java -Xmx1g -cp $CEILING_JAR io.hookline.bench.ceiling.ReceiverServer $RECEIVER_PORT $SECRET 2"
log "starting receiver: $RECEIVER_CMD"
$RECEIVER_CMD > "$RAW/receiver.log" 2>&1 &
RECEIVER_PID=$!
for i in $(seq 1 120); do
  kill -0 "$RECEIVER_PID" 2>/dev/null || { cat "$RAW/receiver.log" >&2; die "receiver exited during startup"; }
  [[ "$(http_code "http://127.0.0.1:$RECEIVER_PORT/stats")" == 200 ]] && break
  (( i == 120 )) && die "receiver not listening after 30 s"
  sleep 0.25
done

# ------------------------------------------------------------------ baseline: wrk straight at the receiver
BASE_OUT="$RAW/outbound-baseline.txt"
if (( BASELINE_DURATION > 0 )); then
  log "baseline: wrk at the receiver (5 s warm-up, then ${BASELINE_DURATION} s, $THREADS threads, $CONNECTIONS connections)"
  timeout 40 wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$IMPACT_LUA" "http://127.0.0.1:$RECEIVER_PORT" -- "$BODIES_LUA" \
    "$RUN_ID-base-warm" > "$RAW/outbound-baseline-warmup.txt" 2>&1 || die "wrk at the receiver failed"
  wait_quiet "$HOOKLINE_PID" "$RECEIVER_PID"
  m0="$(machine_ticks)"; r0="$(cpu_ticks "$RECEIVER_PID")"
  timed_wrk "$BASE_OUT" "$BASELINE_DURATION" -t"$THREADS" -c"$CONNECTIONS" -d"${BASELINE_DURATION}s" --latency \
      -s "$IMPACT_LUA" "http://127.0.0.1:$RECEIVER_PORT" -- "$BODIES_LUA" "$RUN_ID-base" \
    || { cat "$BASE_OUT" >&2; die "wrk at the receiver failed"; }
  check_bench_out "$BASE_OUT"
  m1="$(machine_ticks)"; r1="$(cpu_ticks "$RECEIVER_PID")"
  s="$(bench_val "$BASE_OUT" duration_s)"
  read -r wu ws < "$BASE_OUT.time"
  val base_rps "$(bench_val "$BASE_OUT" rps)"
  val base_p50_ms "$(bench_val "$BASE_OUT" p50_ms)"
  val base_p99_ms "$(bench_val "$BASE_OUT" p99_ms)"
  val base_errors "$(( $(bench_val "$BASE_OUT" non2xx) + $(bench_val "$BASE_OUT" socket_errors) ))"
  hz="$(getconf CLK_TCK)"
  val base_receiver_cpu "$(awk -v a="$r0" -v b="$r1" -v hz="$hz" -v s="$s" 'BEGIN { printf "%.2f", (b - a) / hz / s }')"
  val base_other_cpu "$(awk -v a="$r0" -v b="$r1" -v m0="$m0" -v m1="$m1" -v wu="$wu" -v ws="$ws" -v hz="$hz" -v s="$s" \
      'BEGIN { o = ((m1 - m0) - (b - a)) / hz / s - (wu + ws) / s; if (o < 0) o = 0; printf "%.2f", o }')"
  log "baseline: $(bench_val "$BASE_OUT" rps) req/s at the receiver"
  # Forget the baseline's delivery ids: the scenarios count Hookline's deliveries only.
  [[ "$(http_code "http://127.0.0.1:$RECEIVER_PORT/reset" -X POST)" == 204 ]] || die "could not reset the receiver"
fi

# ------------------------------------------------------------------ Hookline
make_db_dir hookline-outbound-db-XXXXXX
# shellcheck disable=SC2016 # expanded on exit
at_exit 'stop_pid "$HOOKLINE_PID" hookline'
HOOKLINE_CMD="java -Xmx512m $(perf_jvm_flags)-jar $HOOKLINE_JAR --server.port=$HOOKLINE_PORT \
--spring.config.additional-location=file:$BENCH_DIR/bench.yaml,file:$BENCH_DIR/bench-outbound.yaml \
--spring.datasource.url=jdbc:h2:file:$DB_DIR/hookline --bench.receiver-port=$RECEIVER_PORT \
--management.metrics.distribution.percentiles.hookline.deliveries.latency=0.5,0.99 \
--management.metrics.distribution.percentiles.hookline.deliveries.lateness=0.5,0.99${HOOKLINE_ARGS:+ $HOOKLINE_ARGS}"
log "starting hookline: $HOOKLINE_CMD"
# shellcheck disable=SC2086
$HOOKLINE_CMD > "$HL_LOG" 2>&1 &
HOOKLINE_PID=$!
wait_healthy hookline "$HOOKLINE_PID" "http://127.0.0.1:$HOOKLINE_PORT" "$HL_LOG"

# ------------------------------------------------------------------ probes: one event each, delivered and verified
probe_event() { # event class expected-accepted expected-failed
  local event="$1" cls="$2" want_ok="$3" want_fail="$4" code s
  code="$(http_code "http://127.0.0.1:$HOOKLINE_PORT/api/events" -X POST -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' --data "{\"event\": \"$event\", \"data\": {\"probe\": \"$RUN_ID\"}}")"
  [[ "$code" == 202 ]] || die "publishing $event answered $code: $(head -c 300 "$WORK/last")"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if len(d["deliveries"]) == int(sys.argv[2]) else 1)' \
    "$WORK/last" "$FANOUT" || die "publishing $event made $(head -c 300 "$WORK/last"), not $FANOUT deliveries"
  for _ in $(seq 1 60); do
    s="$(curl -s "http://127.0.0.1:$RECEIVER_PORT/stats")"
    if python3 -c 'import json,sys; c=json.loads(sys.argv[1])[sys.argv[2]]; sys.exit(0 if c["accepted"] >= int(sys.argv[3]) and c["failed"] >= int(sys.argv[4]) else 1)' \
        "$s" "$cls" "$want_ok" "$want_fail"; then
      log "probe $event: delivered to $FANOUT webhooks ($s)"
      python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])[sys.argv[2]]["bad_signature"] == 0 else 1)' "$s" "$cls" \
        || die "the receiver refused Hookline's signatures: $s"
      return 0
    fi
    sleep 0.5
  done
  die "probe $event: not delivered within 30 s (receiver: $s)"
}
probe_event bench.fast fast "$FANOUT" 0
want flaky && probe_event bench.flaky flaky "$FANOUT" $((2 * FANOUT))

# ------------------------------------------------------------------ scenarios
DUMPER_PID=""
scenario() { # name event rate warmup
  local name="$1" event="$2" rate="$3" warm="$4" out c0 c1 t0 t1 h0 h1 r0 r1 m0 m1 wu ws hz secs waited
  out="$RAW/outbound-$name.txt"
  val "${name}_rate" "$rate"
  if (( warm > 0 )); then
    log "$name: warm-up ${warm}s at $( (( rate > 0 )) && echo "$rate publishes/s offered" || echo "full speed (unpaced)")"
    publish_wrk "$event" "$rate" "$warm" "$RUN_ID-$name-warm" "$RAW/outbound-$name-warmup.txt"
    val "${name}_warmup_rps" "$(bench_val "$RAW/outbound-$name-warmup.txt" rps)"
    read -r waited _ < <(drain "$name warm-up backlog" "$DRAIN")
    val "${name}_predrain_s" "$waited"
  fi
  val "${name}_pending_before" "$(pending)"
  wait_quiet "$HOOKLINE_PID" "$RECEIVER_PID"
  alive
  log "$name: measured window ${DURATION}s ($THREADS threads, $CONNECTIONS connections)"
  [[ "$name" == fast ]] && dump_threads 4 "$DUMPS" "$RAW/outbound-threads"
  if [[ "$name" == fast && "$JFR" == 1 ]]; then
    jcmd "$HOOKLINE_PID" JFR.start name=bench settings=profile duration="${DURATION}s" \
      filename="$ROOT/$RAW/outbound-fast.jfr" > /dev/null 2>&1 || log "WARNING: could not start JFR"
  fi
  [[ "$name" == fast && "$PERF" == 1 ]] && perf_start "$HOOKLINE_PID" "$RAW/outbound.perf.data" "$DURATION"
  read -r -a c0 < <(counters); t0="$(now)"
  m0="$(machine_ticks)"; h0="$(cpu_ticks "$HOOKLINE_PID")"; r0="$(cpu_ticks "$RECEIVER_PID")"
  publish_wrk "$event" "$rate" "$DURATION" "$RUN_ID-$name" "$out"
  m1="$(machine_ticks)"; h1="$(cpu_ticks "$HOOKLINE_PID")"; r1="$(cpu_ticks "$RECEIVER_PID")"
  t1="$(now)"; read -r -a c1 < <(counters)
  # The timers' view at the end of the window (Prometheus summaries: decaying over ~2 min, whole
  # process, first attempts included in the lateness), for comparison with the figures from H2.
  curl -s --max-time 10 -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$HOOKLINE_PORT/actuator/prometheus" \
    > "$WORK/prom-$name" || true
  [[ -n "$DUMPER_PID" ]] && { wait "$DUMPER_PID" 2>/dev/null || true; DUMPER_PID=""; }
  perf_finish "$HOOKLINE_PID"
  alive
  secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
  read -r wu ws < "$out.time"; hz="$(getconf CLK_TCK)"
  val "${name}_t0" "$t0"; val "${name}_t1" "$t1"; val "${name}_secs" "$secs"
  for k in rps p50_ms p99_ms requests non2xx socket_errors; do val "${name}_pub_$k" "$(bench_val "$out" "$k")"; done
  val "${name}_published" "$((c1[0] - c0[0]))"
  val "${name}_succeeded" "$((c1[1] - c0[1]))"
  val "${name}_retry" "$((c1[2] - c0[2]))"
  val "${name}_failed" "$((c1[3] - c0[3]))"
  if [[ "$name" == fast ]]; then
    val "${name}_recv_accepted" "$((c1[4] - c0[4]))"; val "${name}_recv_failed" "$((c1[5] - c0[5]))"
  else
    val "${name}_recv_accepted" "$((c1[6] - c0[6]))"; val "${name}_recv_failed" "$((c1[7] - c0[7]))"
  fi
  val "${name}_hookline_cpu" "$(awk -v a="$h0" -v b="$h1" -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.2f", (b - a) / hz / s }')"
  val "${name}_receiver_cpu" "$(awk -v a="$r0" -v b="$r1" -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.2f", (b - a) / hz / s }')"
  val "${name}_wrk_cpu" "$(awk -v u="$wu" -v y="$ws" -v s="$secs" 'BEGIN { printf "%.2f", (u + y) / s }')"
  val "${name}_other_cpu" "$(awk -v m0="$m0" -v m1="$m1" -v h="$((h1 - h0))" -v r="$((r1 - r0))" -v wu="$wu" -v ws="$ws" -v hz="$hz" -v s="$secs" \
      'BEGIN { o = (m1 - m0 - h - r) / hz / s - (wu + ws) / s; if (o < 0) o = 0; printf "%.2f", o }')"
  val "${name}_pending_after" "$(( FANOUT * c1[0] - c1[1] - c1[3] ))"
  # Right away: how fast the window's backlog goes once nothing is published.
  local min=0 dsucc dt pend; [[ "$name" == flaky ]] && min=5
  read -r waited pend dsucc dt < <(drain "$name window backlog" "$DRAIN" "$min")
  val "${name}_postdrain_s" "$waited"
  val "${name}_pending_end" "$pend"
  if [[ "$dsucc" != - ]]; then
    val "${name}_drain_succeeded" "$((dsucc - c1[1]))"
    val "${name}_drain_secs" "$(awk -v a="$t1" -v b="$dt" 'BEGIN { printf "%.3f", b - a }')"
  fi
  LAST_DELIVERIES_PER_S="$(awk -v n="$((c1[1] - c0[1]))" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')"
  log "$name: $(bench_val "$out" rps) publish requests/s of $BATCH event(s), $LAST_DELIVERIES_PER_S deliveries/s succeeded"
  for timer in latency lateness; do
    for q in 0.5 0.99; do
      v="$(python3 - "$WORK/prom-$name" "$timer" "$q" <<'PY'
import re, sys
pat = re.compile(r'^hookline_deliveries_%s_seconds\{quantile="%s"\} (\S+)$' % (sys.argv[2], re.escape(sys.argv[3])))
for line in open(sys.argv[1]):
    m = pat.match(line.strip())
    if m:
        print("%.1f" % (1000 * float(m.group(1))))
        break
else:
    print("n/a")
PY
)"
      val "${name}_timer_${timer}_p${q#0.}_ms" "$v"
    done
  done
}

LAST_DELIVERIES_PER_S=""
want fast && scenario fast bench.fast "$RATE" "$WARMUP"
if want flaky; then
  if [[ "$FLAKY_RATE" == auto ]]; then
    # Half the attempts/s the fast window sustained: each event makes FANOUT deliveries of 3 attempts.
    if [[ -n "$LAST_DELIVERIES_PER_S" ]]; then
      FLAKY_RATE="$(awk -v d="$LAST_DELIVERIES_PER_S" -v f="$FANOUT" 'BEGIN { r = int(d / (f * 3) / 2); print (r < 5) ? 5 : r }')"
      log "flaky: offering $FLAKY_RATE publishes/s (auto: half of the $LAST_DELIVERIES_PER_S attempts/s of the fast window, 3 attempts x $FANOUT deliveries per event)"
    else
      FLAKY_RATE=50
      log "flaky: offering $FLAKY_RATE publishes/s (auto without a fast window)"
    fi
    val flaky_rate_auto 1
  fi
  scenario flaky bench.flaky "$FLAKY_RATE" "$FLAKY_WARMUP"
fi

# ------------------------------------------------------------------ end: counters, memory, stop, read the database
read -r -a cend < <(counters)
val total_published "${cend[0]}"; val total_succeeded "${cend[1]}"; val total_retry "${cend[2]}"; val total_failed "${cend[3]}"
curl -s "http://127.0.0.1:$RECEIVER_PORT/stats" > "$RAW/outbound-receiver-stats.json" || true
val receiver_stats "$(tr -d '\n' < "$RAW/outbound-receiver-stats.json")"
hwm="$(vm_kb "$HOOKLINE_PID" VmHWM)"
val hookline_rss_mib "$( [[ -n "$hwm" ]] && awk -v k="$hwm" 'BEGIN { printf "%.0f", k / 1024 }' || echo n/a)"
grep -c ' WARN \| ERROR ' "$HL_LOG" > "$WORK/warns" || true
val hookline_log_warnings "$(cat "$WORK/warns")"
stop_pid "$HOOKLINE_PID" hookline; HOOKLINE_PID=""
stop_pid "$RECEIVER_PID" receiver; RECEIVER_PID=""
val h2_size "$(du -sh "$DB_DIR" 2>/dev/null | cut -f1 || echo n/a)"
if [[ "$JFR" == 1 && -s "$RAW/outbound-fast.jfr" ]]; then
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$RAW/outbound-fast.jfr" > "$WORK/samples.txt" 2>/dev/null \
    && python3 "$BENCH_DIR/outbound_report.py" --jfr-summary "$WORK/samples.txt" > "$RAW/outbound-fast-jfr.md" \
    || log "WARNING: could not read the JFR recording"
fi

[[ "$PERF" == 1 ]] && perf_summary "$RAW/outbound.perf.data" - "$RAW/outbound-perf.md"

log "reading deliveries and attempts from the H2 files"
h2sql "CALL CSVWRITE('$WORK/deliveries.csv', 'SELECT event, status, tries, EXTRACT(EPOCH FROM created_at) AS created, \
EXTRACT(EPOCH FROM updated_at) AS updated FROM hookline_delivery')" || die "could not read the deliveries from H2"
# Every attempt: the attempt table holds the earlier ones, a delivery's row its latest (migration V10);
# a jar from before V10 has them all in the table, and the second query reads that.
ATTEMPT_COLUMNS="EXTRACT(EPOCH FROM d.created_at) AS created, EXTRACT(EPOCH FROM a.scheduled_at) AS scheduled, \
EXTRACT(EPOCH FROM a.started_at) AS started, a.duration_ms, a.response_status"
h2sql "CALL CSVWRITE('$WORK/attempts.csv', 'SELECT d.event, a.delivery_id, a.attempt, $ATTEMPT_COLUMNS \
FROM hookline_delivery_attempt a JOIN hookline_delivery d ON d.id = a.delivery_id \
UNION ALL SELECT d.event, d.id, d.attempt_count, EXTRACT(EPOCH FROM d.created_at), EXTRACT(EPOCH FROM d.attempt_scheduled_at), \
EXTRACT(EPOCH FROM d.attempt_started_at), d.attempt_duration_ms, d.attempt_response_status FROM hookline_delivery d \
WHERE d.attempt_started_at IS NOT NULL')"
[[ -s "$WORK/attempts.csv" ]] || h2sql "CALL CSVWRITE('$WORK/attempts.csv', 'SELECT d.event, a.delivery_id, a.attempt, \
$ATTEMPT_COLUMNS FROM hookline_delivery_attempt a JOIN hookline_delivery d ON d.id = a.delivery_id')"
[[ -s "$WORK/attempts.csv" ]] || die "could not read the attempts from H2"

# ------------------------------------------------------------------ report
val date "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
val run_id "$RUN_ID"
val invocation "$INVOCATION"
val machine "$(machine_desc)"
val hookline_cmd "$HOOKLINE_CMD"
val receiver_cmd "$RECEIVER_CMD"
val threads "$THREADS"; val batch "$BATCH"; val connections "$CONNECTIONS"; val duration "$DURATION"; val drain "$DRAIN"
val warmup "$WARMUP"; val flaky_warmup "$FLAKY_WARMUP"; val baseline_duration "$BASELINE_DURATION"; val fanout "$FANOUT"
val dumps "$DUMPS"
python3 "$BENCH_DIR/outbound_report.py" --values "$VALUES" --deliveries "$WORK/deliveries.csv" --attempts "$WORK/attempts.csv" \
  --dumps "$RAW/outbound-threads" --jfr "$RAW/outbound-fast-jfr.md" --out "$OUT"
printf '\n'; cat "$OUT"; printf '\n'
log "written $OUT"
