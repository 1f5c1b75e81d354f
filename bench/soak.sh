#!/usr/bin/env bash
# Hookline SOAK run (bench/run.sh soak): a steady, paced, signed inbound load for
# SOAK_MINUTES (default 10), mixed 85 % new deliveries / 10 % re-sends of a delivery already
# answered 202 / 5 % bad signatures, against one Hookline (target/hookline.jar, bench/bench.yaml,
# H2 in a fresh temp dir). Samples throughput, heap, RSS and the H2 size every SOAK_INTERVAL s,
# then checks every request against its answer and against the store: zero lost, zero doubled.
# Writes bench/results/latest-soak.md. See bench/README.md, "Soak".
#
#   bench/run.sh soak
#   SOAK_MINUTES=2 SOAK_RATE=300 bench/run.sh soak      # a short check at a fixed rate
#
# Sequence: start Hookline (GC log on) -> probes (signed 202, re-send 200 duplicate, bad 401)
#   -> warm-up SOAK_WARMUP s, unpaced (JIT) -> calibration SOAK_CALIBRATION s, unpaced
#   -> rate = SOAK_RATE_PERCENT % of the calibration's req/s (unless SOAK_RATE is set)
#   -> full GC + class histogram (jcmd GC.class_histogram: live heap before) -> SOAK, paced, with a
#   concurrent GC cycle forced every SOAK_GC_EVERY s (jcmd GC.run under -XX:+ExplicitGCInvokesConcurrent:
#   the heap after its mixed GCs is a floor free of garbage waiting for a cycle) -> wait for processing
#   to finish -> full GC + class histogram (live heap after) -> stop Hookline -> read the H2 file -> report.
# Every request of every phase is logged by bench/soak.lua and checked.
#
# Knobs (environment):
#   SOAK_MINUTES=10          soak duration, minutes (1..60)
#   SOAK_RATE=               offered requests/s during the soak; empty = from the calibration
#   SOAK_RATE_PERCENT=50     the soak's rate as a percentage of the calibration's req/s
#   SOAK_CONNECTIONS=8       wrk threads = connections (one connection per thread: see soak.lua)
#   SOAK_WARMUP=60           unpaced warm-up before the calibration, s (0..300)
#   SOAK_CALIBRATION=20      unpaced calibration run, s (5..120; skipped when SOAK_RATE is set)
#   SOAK_INTERVAL=10         sampling interval, s (5..60)
#   SOAK_GC_EVERY=60         during the soak, force a concurrent GC cycle every this many seconds, the first
#                            at half of it (0 = never; then only G1's own cycles give the heap floor)
#   SOAK_DRAIN=120           after the load, wait up to this long (s) for every event to be processed
#   SOAK_MAX_SLOPE=2         growth threshold for the verdict, MiB/min (heap after GC and RSS, last 8 min)
#   HOOKLINE_PORT=18090  HOOKLINE_JAR=target/hookline.jar  HOOKLINE_XMX=512m
#   HOOKLINE_ARGS=           extra Hookline arguments, e.g. --hookline.store.compaction-fill=70
#   BENCH_KEEP_DB=0          1 = keep Hookline's H2 temp dir (path printed)
#   BENCH_H2_OPTIONS=        settings appended to the H2 URL, e.g. ";COMPRESS=TRUE"
#   BENCH_QUIET_WAIT=30  BENCH_QUIET_CORES=0.3   before the calibration and the soak, wait up to
#                            BENCH_QUIET_WAIT s for the machine's other CPU use to fall to that
set -Eeuo pipefail

LOG_PREFIX=soak
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # the shared helpers; cds to the repository root

INVOCATION="$(invocation "bench/run.sh soak${*:+ $*}" SOAK_MINUTES SOAK_RATE SOAK_RATE_PERCENT SOAK_CONNECTIONS SOAK_WARMUP \
  SOAK_CALIBRATION SOAK_INTERVAL SOAK_GC_EVERY SOAK_DRAIN SOAK_MAX_SLOPE HOOKLINE_PORT HOOKLINE_JAR HOOKLINE_XMX BENCH_KEEP_DB \
  HOOKLINE_ARGS BENCH_H2_OPTIONS BENCH_QUIET_WAIT BENCH_QUIET_CORES)"

MINUTES="${SOAK_MINUTES:-10}"
RATE="${SOAK_RATE:-}"
RATE_PERCENT="${SOAK_RATE_PERCENT:-50}"
CONNECTIONS="${SOAK_CONNECTIONS:-8}"
WARMUP="${SOAK_WARMUP:-60}"
CALIBRATION="${SOAK_CALIBRATION:-20}"
INTERVAL="${SOAK_INTERVAL:-10}"
GC_EVERY="${SOAK_GC_EVERY:-60}"
DRAIN="${SOAK_DRAIN:-120}"
MAX_SLOPE="${SOAK_MAX_SLOPE:-2}"
HOOKLINE_PORT="${HOOKLINE_PORT:-18090}"
HOOKLINE_JAR="${HOOKLINE_JAR:-target/hookline.jar}"
XMX="${HOOKLINE_XMX:-512m}"
EXTRA_ARGS="${HOOKLINE_ARGS:-}"
KEEP_DB="${BENCH_KEEP_DB:-0}"
QUIET_CORES="${BENCH_QUIET_CORES:-0.3}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-30}"

SOURCE="impact"

LOGS="$RAW/soak-requests"
OUT="$RESULTS/latest-soak.md"
SOAK_LUA="$BENCH_DIR/soak.lua"
VALUES="$RAW/soak-values.txt"
SAMPLES="$RAW/soak-samples.jsonl"
GC_LOG="$RAW/soak-gc.log"
HL_LOG="$RAW/soak-hookline.log"

is_uint "$MINUTES" && (( MINUTES >= 1 && MINUTES <= 60 )) || die "SOAK_MINUTES must be 1..60"
[[ -z "$RATE" ]] || { is_uint "$RATE" && (( RATE >= 1 )); } || die "SOAK_RATE must be a whole number of requests/s >= 1 (or empty)"
is_uint "$RATE_PERCENT" && (( RATE_PERCENT >= 1 && RATE_PERCENT <= 100 )) || die "SOAK_RATE_PERCENT must be 1..100"
is_uint "$CONNECTIONS" && (( CONNECTIONS >= 1 && CONNECTIONS <= 64 )) || die "SOAK_CONNECTIONS must be 1..64"
is_uint "$WARMUP" && (( WARMUP <= 300 )) || die "SOAK_WARMUP must be 0..300 seconds"
is_uint "$CALIBRATION" && (( CALIBRATION >= 5 && CALIBRATION <= 120 )) || die "SOAK_CALIBRATION must be 5..120 seconds"
is_uint "$INTERVAL" && (( INTERVAL >= 5 && INTERVAL <= 60 )) || die "SOAK_INTERVAL must be 5..60 seconds"
is_uint "$GC_EVERY" && (( GC_EVERY == 0 || GC_EVERY >= 10 )) || die "SOAK_GC_EVERY must be 0 or >= 10 seconds"
is_uint "$DRAIN" && (( DRAIN <= 600 )) || die "SOAK_DRAIN must be 0..600 seconds"
is_uint "$QUIET_WAIT" && (( QUIET_WAIT <= 600 )) || die "BENCH_QUIET_WAIT must be 0..600 seconds"

# ------------------------------------------------------------------ prerequisites, cleanup
ensure_wrk
need_tools java jcmd python3 curl
[[ -f "$HOOKLINE_JAR" ]] || die "$HOOKLINE_JAR not found: run 'mvn -B package -DskipTests' first"
port_busy "$HOOKLINE_PORT" && die "port $HOOKLINE_PORT is already in use (set HOOKLINE_PORT)"

HOOKLINE_PID=""
SAMPLER_PID=""
WRK_PID=""
GC_LOOP_PID=""
make_work hookline-soak-XXXXXX

mkdir -p "$RAW"
rm -rf "$LOGS"; rm -f "$RAW"/soak-*
mkdir -p "$LOGS"
: > "$VALUES"

python3 "$BENCH_DIR/gen_bodies.py" --out "$BODIES_LUA" --count 200 --secret "$SECRET" \
  --sample-body "$WORK/body.json" --sample-sig "$WORK/body.sig" >&2

# ------------------------------------------------------------------ helpers
HOOKLINE_URL="http://127.0.0.1:$HOOKLINE_PORT"
alive() { ensure_alive hookline HOOKLINE_PID "$HL_LOG"; }

# wrk with bench/soak.lua: phase seconds rate-per-thread (0 = unpaced). The wrk pid goes to
# $WORK/wrk.pid for the sampler (its CPU is the client's, not "others'").
soak_wrk() {
  local phase="$1" secs="$2" per_thread="$3" out="$RAW/soak-wrk-$1.txt" rc=0 child=""
  log "$phase: ${secs}s, $CONNECTIONS connections, $( [[ "$per_thread" == 0 ]] && echo unpaced || echo "$per_thread req/s per connection")"
  alive
  val "${phase}_t0" "$(now)"
  timeout $((secs + 60)) wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s --latency -s "$SOAK_LUA" \
    "$HOOKLINE_URL" -- "$BODIES_LUA" "$RUN_ID-$phase" "$per_thread" "$LOGS" > "$out" 2>&1 &
  WRK_PID=$! # timeout's; it passes a TERM on to wrk
  # wrk itself (timeout's child) for the sampler
  for _ in $(seq 1 50); do
    child="$(cat "/proc/$WRK_PID/task/$WRK_PID/children" 2>/dev/null || true)"; child="${child%% *}"
    if [[ -n "$child" ]]; then break; fi
    sleep 0.02
  done
  echo "${child:-}" > "$WORK/wrk.pid"
  wait "$WRK_PID" || rc=$?
  WRK_PID=""; : > "$WORK/wrk.pid"
  val "${phase}_t1" "$(now)"
  (( rc == 0 )) || { cat "$out" >&2; alive; die "wrk ($phase) failed (exit $rc)"; }
  check_bench_out "$out"
  alive
  for k in requests rps p50_ms p99_ms max_ms socket_errors got_202 got_200dup got_401 got_other mismatch; do
    val "${phase}_wrk_$k" "$(bench_val "$out" "$k")"
  done
  log "$phase: $(bench_val "$out" rps) req/s, p50 $(bench_val "$out" p50_ms) ms, p99 $(bench_val "$out" p99_ms) ms;" \
      "202: $(bench_val "$out" got_202), 200 duplicate: $(bench_val "$out" got_200dup), 401: $(bench_val "$out" got_401)," \
      "other: $(bench_val "$out" got_other), unexpected answers: $(bench_val "$out" mismatch), socket errors: $(bench_val "$out" socket_errors)"
}

full_gc() { # label -> a full GC with a class histogram of the live objects (GC log: "Pause Full (Heap
  # Inspection Initiated GC)"; System.gc() would only start a concurrent cycle here) and the heap after it
  val "gc_${1}_t" "$(now)"
  jcmd "$HOOKLINE_PID" GC.class_histogram > "$RAW/soak-histogram-$1.txt" 2>&1 || log "WARNING: jcmd GC.class_histogram failed"
  jcmd "$HOOKLINE_PID" GC.heap_info > "$RAW/soak-heap-$1.txt" 2>&1 || true
}

gc_loop() { # during the soak: a concurrent cycle (jcmd GC.run) at GC_EVERY/2, then every GC_EVERY s
  local next=$((GC_EVERY / 2)) end=$((MINUTES * 60 - 5)) start=$SECONDS
  while (( next < end )); do
    if (( next > SECONDS - start )); then sleep $((next - (SECONDS - start))); fi
    jcmd "$HOOKLINE_PID" GC.run > /dev/null 2>&1 || true
    now >> "$RAW/soak-gc-runs.txt"
    next=$((next + GC_EVERY))
  done
}

# ------------------------------------------------------------------ start Hookline
make_db_dir hookline-soak-db-XXXXXX
# shellcheck disable=SC2016 # expanded on exit (the last registered first)
{
  at_exit 'stop_pid "$HOOKLINE_PID" hookline'
  at_exit 'stop_pid "$WRK_PID" wrk'
  at_exit 'stop_pid "$GC_LOOP_PID" "GC cycle loop"'
  at_exit '[[ -z "$SAMPLER_PID" ]] || { touch "$WORK/stop"; stop_pid "$SAMPLER_PID" sampler; }'
}
HOOKLINE_CMD="java -Xmx$XMX -XX:+ExplicitGCInvokesConcurrent -Xlog:gc:file=$GC_LOG:utctime,uptime -jar $HOOKLINE_JAR --server.port=$HOOKLINE_PORT --spring.config.additional-location=file:$BENCH_DIR/bench.yaml --spring.datasource.url=jdbc:h2:file:$DB_DIR/hookline${BENCH_H2_OPTIONS:-}${EXTRA_ARGS:+ $EXTRA_ARGS}"
log "starting hookline: $HOOKLINE_CMD"
$HOOKLINE_CMD > "$HL_LOG" 2>&1 &
HOOKLINE_PID=$!
wait_healthy hookline "$HOOKLINE_PID" "$HOOKLINE_URL" "$HL_LOG"

SAMPLER_CMD="python3 $BENCH_DIR/soak_sample.py --port $HOOKLINE_PORT --token $ADMIN_TOKEN --pid $HOOKLINE_PID --db-dir $DB_DIR --out $SAMPLES --stop-file $WORK/stop --wrk-pid-file $WORK/wrk.pid --interval $INTERVAL --source $SOURCE"
$SAMPLER_CMD &
SAMPLER_PID=$!

# ------------------------------------------------------------------ probes, logged like soak.lua's requests
PROBE_LOG="$LOGS/soak-$RUN_ID-probe-t0.log"
probe() { # kind delivery-id signature expected-status
  local kind="$1" did="$2" sig="$3" want="$4" t0 code eid dup ref="-"
  [[ "$kind" == dup ]] && ref="$PROBE_ID"
  t0="$(date +%s%3N)"
  printf 'S %s %s %s %s %s\n' "$t0" "$t0" "$kind" "$did" "$ref" >> "$PROBE_LOG"
  code="$(http_code "$HOOKLINE_URL/webhooks/$SOURCE" -X POST -H 'Content-Type: application/json' \
    -H "X-Impact-Signature: $sig" -H "X-Impact-Delivery-Id: $did" --data-binary "@$WORK/body.json")"
  eid="$(sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p' "$WORK/last")"; [[ -n "$eid" ]] || eid="-"
  dup=0; grep -q '"duplicate" *: *true' "$WORK/last" && dup=1
  printf 'A %s %s %s %s\n' "$(date +%s%3N)" "$code" "$eid" "$dup" >> "$PROBE_LOG"
  log "probe $kind -> $code $(head -c 200 "$WORK/last")"
  [[ "$code" == "$want" ]] || die "probe $kind: expected $want, got $code (is bench/bench.yaml's secret the one gen_bodies.py signs with?)"
  [[ "$kind" == new ]] && PROBE_ID="$eid"
  return 0
}
PROBE_ID=""
sig="$(cat "$WORK/body.sig")"
probe new "$RUN_ID-probe-1" "$sig" 202
probe dup "$RUN_ID-probe-1" "$sig" 200
probe bad "$RUN_ID-probe-2" "$( [[ "${sig:0:1}" == 0 ]] && echo "1${sig:1}" || echo "0${sig:1}")" 401

# ------------------------------------------------------------------ warm-up, calibration, rate
(( WARMUP > 0 )) && soak_wrk warmup "$WARMUP" 0
if [[ -z "$RATE" ]]; then
  wait_quiet "$HOOKLINE_PID"
  soak_wrk calibration "$CALIBRATION" 0
  RATE="$(awk -v r="$(bench_val "$RAW/soak-wrk-calibration.txt" rps)" -v p="$RATE_PERCENT" \
    'BEGIN { x = r * p / 100; x = (x >= 100) ? int(x / 10) * 10 : int(x); if (x < 1) x = 1; print x }')"
  val rate_from "calibration"
  log "calibration: $(bench_val "$RAW/soak-wrk-calibration.txt" rps) req/s unpaced -> soak rate $RATE req/s ($RATE_PERCENT %)"
else
  val rate_from "SOAK_RATE"
fi
PER_THREAD="$(awk -v r="$RATE" -v c="$CONNECTIONS" 'BEGIN { printf "%.4f", r / c }')"
val rate "$RATE"

# ------------------------------------------------------------------ the soak
full_gc before
sleep 2
wait_quiet "$HOOKLINE_PID"
if (( GC_EVERY > 0 )); then gc_loop & GC_LOOP_PID=$!; fi
soak_wrk soak "$((MINUTES * 60))" "$PER_THREAD"
stop_pid "$GC_LOOP_PID" "GC cycle loop"; GC_LOOP_PID=""
val gc_runs "$(cat "$RAW/soak-gc-runs.txt" 2>/dev/null | wc -l)"

# ------------------------------------------------------------------ drain: every accepted event processed
log "waiting up to ${DRAIN}s for the accepted events to be processed"
t0=$SECONDS
while :; do
  code="$(http_code "$HOOKLINE_URL/api/events?source=$SOURCE&status=accepted&limit=1" -H "Authorization: Bearer $ADMIN_TOKEN")"
  if [[ "$code" == 200 ]] && grep -q '"events":\[\]' "$WORK/last"; then
    log "nothing left in status accepted after $((SECONDS - t0))s"; break
  fi
  if (( SECONDS - t0 >= DRAIN )); then log "WARNING: events still in status accepted after ${DRAIN}s (HTTP $code)"; break; fi
  sleep 1
done
val drain_s "$((SECONDS - t0))"
full_gc after
sleep "$INTERVAL" # one more sample after the full GC
touch "$WORK/stop"; stop_pid "$SAMPLER_PID" sampler; SAMPLER_PID=""

grep -c ' WARN \| ERROR ' "$HL_LOG" > "$WORK/warns" || true
val hookline_log_warnings "$(cat "$WORK/warns")"
grep ' ERROR ' "$HL_LOG" | head -n 5 | cut -c1-300 > "$RAW/soak-hookline-errors.txt" || true
stop_pid "$HOOKLINE_PID" hookline; HOOKLINE_PID=""
val h2_bytes_end "$(du -sb "$DB_DIR" | cut -f1)"

# ------------------------------------------------------------------ read the store (H2 file, Hookline stopped)
log "reading the stored events from the H2 file"
h2sql "CALL CSVWRITE('$WORK/events.csv', 'SELECT e.id, e.delivery_id, e.status, e.attempts, \
(SELECT COUNT(*) FROM hookline_event_attempt a WHERE a.event_id = e.id) \
+ CASE WHEN e.started_at IS NOT NULL AND e.finished_at IS NOT NULL THEN 1 ELSE 0 END AS history \
FROM hookline_event e WHERE e.source = ''$SOURCE''')" || die "could not read the events from H2"
cp "$WORK/events.csv" "$RAW/soak-events.csv" # kept with the raw files, so that the report can be made again

# ------------------------------------------------------------------ report
val date "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
val run_id "$RUN_ID"
val invocation "$INVOCATION"
val machine "$(machine_desc)"
val hookline_cmd "$HOOKLINE_CMD"
val connections "$CONNECTIONS"; val minutes "$MINUTES"; val warmup "$WARMUP"; val calibration "$CALIBRATION"
val rate_percent "$RATE_PERCENT"; val interval "$INTERVAL"; val gc_every "$GC_EVERY"; val drain "$DRAIN"; val max_slope "$MAX_SLOPE"
val clk_tck "$(getconf CLK_TCK)"
rc=0
log "report: python3 $BENCH_DIR/soak_report.py --values $VALUES --samples $SAMPLES --gc-log $GC_LOG --requests $LOGS" \
    "--events $RAW/soak-events.csv --histograms $RAW/soak-histogram-before.txt $RAW/soak-histogram-after.txt" \
    "--hookline-log $HL_LOG --out $OUT"
python3 "$BENCH_DIR/soak_report.py" --values "$VALUES" --samples "$SAMPLES" --gc-log "$GC_LOG" \
  --requests "$LOGS" --events "$RAW/soak-events.csv" --histograms "$RAW/soak-histogram-before.txt" "$RAW/soak-histogram-after.txt" \
  --hookline-log "$HL_LOG" --out "$OUT" || rc=$?
printf '\n'; cat "$OUT"; printf '\n'
log "written $OUT"
(( rc == 0 )) || log "the soak found lost, doubled or unexpected answers, or growth (exit $rc)"
exit "$rc"
