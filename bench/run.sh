#!/usr/bin/env bash
# Hookline benchmark: the same signed Impact webhook load (wrk, keep-alive) against
#   1. a CEILING server (bench/ceiling: Vert.x 5, verify HMAC, answer 202, store nothing)
#   2. Hookline itself (target/hookline.jar, embedded H2 in a fresh temp dir)
# and a summary in bench/results/latest.md. See bench/README.md.
#
# Run from anywhere (it cds to the repository root), after `mvn -B package -DskipTests`:
#   bench/run.sh
#   BENCH_ONLY=ceiling bench/run.sh          # no Hookline needed
#   BENCH_DURATION=10 bench/run.sh
#   bench/run.sh outbound                    # the outbound (sending) benchmark: bench/outbound.sh
#   bench/run.sh console                     # the web console's pages with 100,000 events stored: bench/console.sh
#   bench/run.sh soak                        # 10-minute steady mixed load, lost/doubled, heap/RSS trend: bench/soak.sh
#
# Knobs (environment):
#   BENCH_DURATION=20       measured run, seconds (max 300)
#   BENCH_ROUNDS=1          measured runs per server, alternating; medians are reported
#   BENCH_WARMUP=120        discarded warm-up run before it, seconds (0 = none); Hookline's JIT needs ~2 min of load
#   BENCH_THREADS=2         wrk threads
#   BENCH_CONNECTIONS=64    wrk connections (keep-alive)
#   BENCH_ONLY=             ceiling | hookline | empty for both
#   BENCH_BODIES=200        size of the pre-signed body pool
#   BENCH_STRICT_STATUS=0   1 = count every non-2xx with a wrk response() hook (slower client)
#   BENCH_ENFORCE=0         1 = exit 3 when Hookline misses a target
#   CEILING_PORT=18081  HOOKLINE_PORT=18080  HOOKLINE_JAR=target/hookline.jar
#   HOOKLINE_ARGS=          extra Hookline options, e.g. --hookline.store.flush-interval=5ms
#   BENCH_JFR=0             1 = a JFR CPU profile (default settings) of Hookline's first measured run, by layer,
#                           thread and call site in bench/results/raw/hookline-jfr.md (JFR costs a few %)
#   BENCH_PERF=0            1 = a perf (cpu-clock, 499 Hz) profile of Hookline's first measured run: CPU share by
#                           thread, by layer (whole call stacks: Hookline runs with -XX:+PreserveFramePointer)
#                           and the hottest methods, JIT-compiled Java resolved, in bench/results/raw/hookline-perf.md
#   BENCH_PG_URL=           jdbc:postgresql://host:port/db: Hookline on PostgreSQL instead of H2, in a fresh
#   BENCH_PG_USER=hookline  schema per run (bench_<run id>, created by Flyway; dropped at the end with psql
#   BENCH_PG_PASSWORD=hookline  when psql can reach the server, else left for you to drop)
#   BENCH_INGEST_PORT=      a port: Hookline receives the webhooks there (hookline.inbound.port, Vert.x)
#                           instead of on HOOKLINE_PORT (Tomcat); health and metrics stay on HOOKLINE_PORT
#   BENCH_H2_OPTIONS=       settings appended to the H2 URL, e.g. ';PAGE_SIZE=16384'
#   BENCH_KEEP_DB=0         1 = keep Hookline's H2 temp dir (path printed)
#   BENCH_QUIET_WAIT=60     before each measured run, wait up to this many seconds for the
#   BENCH_QUIET_CORES=0.3   machine's other CPU use to fall to this many cores
set -Eeuo pipefail

# Mode: inbound (default, everything below), outbound (bench/outbound.sh: Hookline sending
# webhooks to a local receiver; see bench/README.md, "Outbound") or soak (bench/soak.sh: a
# steady mixed load for SOAK_MINUTES, then lost/doubled checks and heap/RSS trends; "Soak").
case "${1:-}" in
  outbound) shift; exec "$(dirname "${BASH_SOURCE[0]}")/outbound.sh" "$@" ;;
  soak) shift; exec "$(dirname "${BASH_SOURCE[0]}")/soak.sh" "$@" ;;
  console) shift; exec "$(dirname "${BASH_SOURCE[0]}")/console.sh" "$@" ;;
  inbound) shift ;;
  "") ;;
  *) echo "usage: bench/run.sh [inbound|outbound|soak|console]" >&2; exit 2 ;;
esac

LOG_PREFIX=bench
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # the shared helpers; cds to the repository root

# ------------------------------------------------------------------ configuration
INVOCATION="$(invocation "bench/run.sh${*:+ $*}" BENCH_DURATION BENCH_ROUNDS BENCH_WARMUP BENCH_THREADS BENCH_CONNECTIONS \
  BENCH_ONLY BENCH_BODIES BENCH_STRICT_STATUS BENCH_ENFORCE CEILING_PORT HOOKLINE_PORT HOOKLINE_JAR BENCH_KEEP_DB BENCH_H2_OPTIONS BENCH_INGEST_PORT BENCH_PG_URL BENCH_PG_USER BENCH_JFR BENCH_PERF HOOKLINE_ARGS \
  BENCH_QUIET_WAIT BENCH_QUIET_CORES)"

DURATION="${BENCH_DURATION:-20}"
WARMUP="${BENCH_WARMUP:-120}"
ROUNDS="${BENCH_ROUNDS:-1}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
ONLY="${BENCH_ONLY:-}"
BODIES="${BENCH_BODIES:-200}"
ENFORCE="${BENCH_ENFORCE:-0}"
CEILING_PORT="${CEILING_PORT:-18081}"
HOOKLINE_PORT="${HOOKLINE_PORT:-18080}"
HOOKLINE_JAR="${HOOKLINE_JAR:-target/hookline.jar}"
INGEST_PORT="${BENCH_INGEST_PORT:-}"
PG_URL="${BENCH_PG_URL:-}"
JFR="${BENCH_JFR:-0}"
PERF="${BENCH_PERF:-0}"
[[ "$PERF" == 1 ]] && need_perf
EXTRA_ARGS="${HOOKLINE_ARGS:-}"
PG_USER="${BENCH_PG_USER:-hookline}"
PG_PASSWORD="${BENCH_PG_PASSWORD:-hookline}"
KEEP_DB="${BENCH_KEEP_DB:-0}"
export BENCH_STRICT_STATUS="${BENCH_STRICT_STATUS:-0}"

PATH_UNDER_TEST="/webhooks/impact"
QUIET_CORES="${BENCH_QUIET_CORES:-0.3}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-60}"

LUA_SCRIPT="$BENCH_DIR/impact.lua"

is_uint "$DURATION" && (( DURATION >= 1 && DURATION <= 300 )) || die "BENCH_DURATION must be 1..300 seconds"
is_uint "$ROUNDS" && (( ROUNDS >= 1 && ROUNDS * DURATION <= 600 )) \
  || die "BENCH_ROUNDS must be >= 1, with BENCH_ROUNDS * BENCH_DURATION <= 600"
is_uint "$WARMUP" && (( WARMUP <= 120 )) || die "BENCH_WARMUP must be 0..120 seconds"
is_uint "$THREADS" && is_uint "$CONNECTIONS" && (( THREADS >= 1 && CONNECTIONS >= THREADS )) \
  || die "need BENCH_CONNECTIONS >= BENCH_THREADS >= 1"
is_uint "$QUIET_WAIT" && (( QUIET_WAIT <= 600 )) || die "BENCH_QUIET_WAIT must be 0..600 seconds"
is_uint "$BODIES" && (( BODIES >= 1 )) || die "BENCH_BODIES must be >= 1"
case "$ONLY" in ""|ceiling|hookline) ;; *) die "BENCH_ONLY must be ceiling, hookline or empty" ;; esac

# ------------------------------------------------------------------ prerequisites, cleanup
ensure_wrk
need_tools java python3 curl
if want ceiling; then command -v mvn >/dev/null 2>&1 || die "mvn is required to build the ceiling"; fi
if want hookline; then
  [[ -f "$HOOKLINE_JAR" ]] || die "$HOOKLINE_JAR not found: run 'mvn -B package -DskipTests' first (or BENCH_ONLY=ceiling)"
fi
want ceiling && port_busy "$CEILING_PORT" && die "port $CEILING_PORT is already in use (set CEILING_PORT)"
want hookline && port_busy "$HOOKLINE_PORT" && die "port $HOOKLINE_PORT is already in use (set HOOKLINE_PORT)"

CEILING_PID=""
HOOKLINE_PID=""
make_work hookline-bench-XXXXXX
# shellcheck disable=SC2016 # expanded on exit
at_exit 'stop_pid "$CEILING_PID" ceiling'

mkdir -p "$RAW"
rm -f "$RAW"/*.txt "$RAW"/*.time "$RAW"/*.log

# ------------------------------------------------------------------ request pool
python3 "$BENCH_DIR/gen_bodies.py" --out "$BODIES_LUA" --count "$BODIES" --secret "$SECRET" \
  --sample-body "$WORK/body.json" --sample-sig "$WORK/body.sig" >&2

# ------------------------------------------------------------------ helpers
probe() { # name base-url strict(1 = ceiling: must 401 on bad signature)
  local name="$1" base="$2" strict="$3" code
  code="$(http_code "$base$PATH_UNDER_TEST" -X POST \
    -H 'Content-Type: application/json' \
    -H "X-Impact-Signature: $(cat "$WORK/body.sig")" \
    -H "X-Impact-Delivery-Id: $RUN_ID-$name-probe" \
    --data-binary "@$WORK/body.json")"
  if [[ "$code" != 2?? ]]; then
    log "$name answered $code to a correctly signed delivery: $(head -c 500 "$WORK/last")"
    die "signed probe failed against $name"
  fi
  [[ "$code" == 202 ]] || log "WARNING: $name answered $code (not 202) to a signed delivery"
  log "$name: signed probe -> $code $(head -c 200 "$WORK/last")"

  code="$(http_code "$base$PATH_UNDER_TEST" -X POST \
    -H 'Content-Type: application/json' \
    -H "X-Impact-Signature: $(printf '0%.0s' $(seq 1 64))" \
    -H "X-Impact-Delivery-Id: $RUN_ID-$name-probe-badsig" \
    --data-binary "@$WORK/body.json")"
  log "$name: badly signed probe -> $code"
  if [[ "$code" == 2?? ]]; then
    [[ "$strict" == 1 ]] && die "$name accepted a badly signed delivery"
    log "WARNING: $name accepted a badly signed delivery"
  fi
}

WRK_CMD_TEMPLATE="wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s $LUA_SCRIPT <url> -- $BODIES_LUA <run-tag>"

wrk_run() { # name base-url seconds tag outfile   (wrk's own CPU seconds -> $5.time)
  timed_wrk "$5" "$3" -t"$THREADS" -c"$CONNECTIONS" -d"$3s" --latency -s "$LUA_SCRIPT" "$2" -- "$BODIES_LUA" "$4" \
    || { cat "$5" >&2; alive "$1"; die "wrk failed against $1"; }
  check_bench_out "$5"
}

warm_up() { # name base-url
  (( WARMUP > 0 )) || return 0
  log "$1: warm-up ${WARMUP}s (discarded)"
  alive "$1"
  wrk_run "$1" "$2" "$WARMUP" "$RUN_ID-$1-warm" "$RAW/$1-warmup.txt"
}

alive() { # name -> dies when that server is gone
  if [[ "$1" == ceiling ]]; then ensure_alive ceiling CEILING_PID "$RAW/ceiling.log"; else ensure_alive hookline HOOKLINE_PID "$RAW/hookline.log"; fi
}

measure() { # name base-url pid round
  local name="$1" base="$2" pid="$3" round="$4" out t0 t1 m0 m1 p0 p1 peer peer_name secs
  # the other server, idle meanwhile (Hookline may still be working off a backlog)
  peer="$HOOKLINE_PID"; peer_name=hookline
  if [[ "$name" == hookline ]]; then peer="$CEILING_PID"; peer_name=ceiling; fi
  out="$RAW/$name-r$round.txt"
  log "$name: measured run $round/$ROUNDS, ${DURATION}s ($THREADS threads, $CONNECTIONS connections)"
  # shellcheck disable=SC2119 # no processes to leave out: see wait_quiet in lib.sh
  wait_quiet
  alive "$name"
  [[ -n "$peer" ]] && alive "$peer_name"
  m0="$(machine_ticks)"
  if [[ "$name" == hookline && "$round" == 1 && "$PERF" == 1 ]]; then
    perf_start "$pid" "$RAW/hookline.perf.data" "$DURATION"
  fi
  if [[ "$name" == hookline && "$round" == 1 && "$JFR" == 1 ]]; then
    jcmd "$pid" JFR.start name=bench settings=default duration="${DURATION}s" \
      filename="$ROOT/$RAW/hookline.jfr" > /dev/null 2>&1 || log "WARNING: could not start JFR"
  fi
  t0="$(cpu_ticks "$pid")"; p0=0; [[ -n "$peer" ]] && p0="$(cpu_ticks "$peer")"
  wrk_run "$name" "$base" "$DURATION" "$RUN_ID-$name-r$round" "$out"
  t1="$(cpu_ticks "$pid")"; p1=0; [[ -n "$peer" ]] && p1="$(cpu_ticks "$peer")"
  perf_finish "$pid"
  m1="$(machine_ticks)"
  alive "$name"
  [[ -n "$peer" ]] && alive "$peer_name"
  secs="$(bench_val "$out" duration_s)"
  # server, wrk, and everything else on the machine, in cores (CPU seconds per second)
  awk -v a="$t0" -v b="$t1" -v p0="$p0" -v p1="$p1" -v m0="$m0" -v m1="$m1" -v hz="$(getconf CLK_TCK)" -v s="$secs" \
      -v wu="$(cut -d' ' -f1 "$out.time")" -v ws="$(cut -d' ' -f2 "$out.time")" 'BEGIN {
    server = (b - a) / hz / s; client = (wu + ws) / s; total = (m1 - m0) / hz / s
    other = total - server - client; if (other < 0) other = 0
    printf "BENCH server_cpu_cores=%.2f\nBENCH wrk_cpu_cores=%.2f\nBENCH other_cpu_cores=%.2f\n", server, client, other
    printf "BENCH idle_peer_cpu_cores=%.2f\n", (p1 - p0) / hz / s
  }' >> "$out"
  grep -E '^BENCH (rps|p50_ms|p99_ms|non2xx|socket_errors|server_cpu_cores|wrk_cpu_cores|other_cpu_cores|idle_peer_cpu_cores)=' "$out" \
    | sed 's/^BENCH //' | tr '\n' ' ' | sed "s/^/  $name r$round: /; s/ \$/\n/" >&2
  if awk -v x="$(bench_val "$out" other_cpu_cores)" 'BEGIN { exit !(x > 0.3) }'; then
    log "WARNING: other processes used $(bench_val "$out" other_cpu_cores) cores during this run (the idle other server $(bench_val "$out" idle_peer_cpu_cores) of them); its numbers are low"
  fi
}

aggregate() { # name pid -> R_<name>_* globals (medians over rounds; counts summed)
  local name="$1" pid="$2" vals hwm
  vals="$(python3 - "$RAW" "$name" "$ROUNDS" <<'PY'
import statistics, sys
raw, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
runs = []
for r in range(1, rounds + 1):
    d = {}
    for line in open(f"{raw}/{name}-r{r}.txt"):
        if line.startswith("BENCH ") and "=" in line:
            k, v = line[6:].strip().split("=", 1)
            d[k] = v
    runs.append(d)
med = lambda k: statistics.median(float(d[k]) for d in runs)
tot = lambda k: sum(int(d[k]) for d in runs)
print("%.1f %.2f %.2f %d %d %d %.2f %.2f %s" % (
    med("rps"), med("p50_ms"), med("p99_ms"), tot("non2xx"), tot("socket_errors"),
    tot("requests"), med("server_cpu_cores"), max(float(d["other_cpu_cores"]) for d in runs),
    "/".join("%.0f" % float(d["rps"]) for d in runs)))
PY
)"
  read -r "R_${name}_rps" "R_${name}_p50" "R_${name}_p99" "R_${name}_non2xx" "R_${name}_sockerr" \
    "R_${name}_requests" "R_${name}_cpu" "R_${name}_other" "R_${name}_rounds" <<< "$vals"
  hwm="$(vm_kb "$pid" VmHWM)"
  printf -v "R_${name}_rss" '%s' "$( [[ -n "$hwm" ]] && awk -v k="$hwm" 'BEGIN { printf "%.0f MiB", k / 1024 }' || echo n/a)"
}

drop_pg_schema() { # the run's PostgreSQL schema, when psql reaches the server
  [[ -n "${PG_SCHEMA:-}" ]] || return 0
  local hostport db
  hostport="${PG_URL#jdbc:postgresql://}"; db="${hostport#*/}"; db="${db%%\?*}"; hostport="${hostport%%/*}"
  if command -v psql >/dev/null && PGPASSWORD="$PG_PASSWORD" psql -q -h "${hostport%%:*}" -p "${hostport##*:}" \
      -U "$PG_USER" -d "$db" -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" 2>/dev/null; then
    log "dropped PostgreSQL schema $PG_SCHEMA"
  else
    log "PostgreSQL schema $PG_SCHEMA left in place (drop it by hand)"
  fi
}

# ------------------------------------------------------------------ start the servers
CEILING_URL="http://127.0.0.1:$CEILING_PORT"
HOOKLINE_URL="http://127.0.0.1:$HOOKLINE_PORT"
HOOKLINE_INGEST_URL="$HOOKLINE_URL"   # where the webhooks go
INGEST_ARG=""
if [[ -n "$INGEST_PORT" ]]; then
  HOOKLINE_INGEST_URL="http://127.0.0.1:$INGEST_PORT"
  INGEST_ARG=" --hookline.inbound.port=$INGEST_PORT"
fi
CEILING_CMD=""
HOOKLINE_CMD=""

if want ceiling; then
  build_ceiling "$RAW/ceiling-build.log"
  CEILING_CMD="java -Xmx512m -jar $CEILING_JAR $CEILING_PORT $SECRET"
  log "starting ceiling: $CEILING_CMD"
  $CEILING_CMD > "$RAW/ceiling.log" 2>&1 &
  CEILING_PID=$!
  for i in $(seq 1 120); do
    kill -0 "$CEILING_PID" 2>/dev/null || { cat "$RAW/ceiling.log" >&2; die "ceiling exited during startup"; }
    [[ "$(http_code "$CEILING_URL/")" != 000 ]] && break
    (( i == 120 )) && die "ceiling not listening after 30 s"
    sleep 0.25
  done
  probe ceiling "$CEILING_URL" 1
fi

if want hookline; then
  make_db_dir hookline-bench-db-XXXXXX
  DB_ARGS="--spring.datasource.url=jdbc:h2:file:$DB_DIR/hookline${BENCH_H2_OPTIONS:-}"
  DB_DESC="H2 in a fresh temp dir"
  if [[ -n "$PG_URL" ]]; then
    PG_SCHEMA="bench_$(echo "$RUN_ID" | tr -c 'a-zA-Z0-9\n' '_' | tr 'A-Z' 'a-z')"
    sep="?"; [[ "$PG_URL" == *\?* ]] && sep="&"
    DB_ARGS="--spring.datasource.url=$PG_URL${sep}currentSchema=$PG_SCHEMA --spring.datasource.username=$PG_USER --spring.flyway.schemas=$PG_SCHEMA"
    DB_DESC="PostgreSQL, fresh schema $PG_SCHEMA"
    # shellcheck disable=SC2016 # expanded on exit
    at_exit 'drop_pg_schema'
  fi
  # shellcheck disable=SC2016 # expanded on exit
  at_exit 'stop_pid "$HOOKLINE_PID" hookline'
  HOOKLINE_CMD="java -Xmx512m $(perf_jvm_flags)-jar $HOOKLINE_JAR --server.port=$HOOKLINE_PORT --spring.config.additional-location=file:$BENCH_DIR/bench.yaml $DB_ARGS$INGEST_ARG${EXTRA_ARGS:+ $EXTRA_ARGS}"
  log "starting hookline: $HOOKLINE_CMD"
  SPRING_DATASOURCE_PASSWORD="$PG_PASSWORD" $HOOKLINE_CMD > "$RAW/hookline.log" 2>&1 &
  HOOKLINE_PID=$!
  wait_healthy hookline "$HOOKLINE_PID" "$HOOKLINE_URL" "$RAW/hookline.log"
  probe hookline "$HOOKLINE_INGEST_URL" 0
fi

# ------------------------------------------------------------------ load
# Warm-ups first (Hookline's first, so that its JIT compilation has settled before the
# ceiling is measured), then the measured rounds, ceiling and Hookline alternating so that
# both see the same phases of a noisy shared machine. The idle server costs ~nothing.
want hookline && warm_up hookline "$HOOKLINE_INGEST_URL"
want ceiling && warm_up ceiling "$CEILING_URL"
sleep 2
for round in $(seq 1 "$ROUNDS"); do
  if want ceiling; then measure ceiling "$CEILING_URL" "$CEILING_PID" "$round"; sleep 1; fi
  if want hookline; then measure hookline "$HOOKLINE_INGEST_URL" "$HOOKLINE_PID" "$round"; sleep 1; fi
done
want ceiling && aggregate ceiling "$CEILING_PID"
want hookline && aggregate hookline "$HOOKLINE_PID"

# ------------------------------------------------------------------ hookline's own view
HL_ACCEPTED="n/a"
HL_EXPECTED="n/a"
HL_DB_SIZE="n/a"
if want hookline; then
  code="$(http_code "$HOOKLINE_URL/actuator/metrics/hookline.webhooks.accepted" \
    -H "Authorization: Bearer $ADMIN_TOKEN")"
  if [[ "$code" == 200 ]]; then
    HL_ACCEPTED="$(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
vals = [x["value"] for x in m.get("measurements", []) if x.get("statistic") in ("COUNT", "TOTAL", "VALUE")]
print("%d" % vals[0] if vals else "n/a")' "$WORK/last" 2>/dev/null || echo n/a)"
  else
    log "accepted metric: HTTP $code (n/a)"
  fi
  # 1 signed probe + 2xx of the warm-up and of the measured rounds. wrk does not count
  # requests still in flight when it stops, so the server may have accepted up to about
  # one per connection per run more than this.
  warm_ok=0
  if (( WARMUP > 0 )); then
    warm_ok=$(( $(bench_val "$RAW/hookline-warmup.txt" requests) - $(bench_val "$RAW/hookline-warmup.txt" non2xx) ))
  fi
  HL_EXPECTED=$(( 1 + warm_ok + R_hookline_requests - R_hookline_non2xx ))
  log "hookline accepted metric: $HL_ACCEPTED (wrk saw $HL_EXPECTED 2xx incl. probe and warm-up)"
  HL_DB_SIZE="$(du -sh "$DB_DIR" 2>/dev/null | cut -f1 || echo n/a)"
  [[ -n "$PG_URL" ]] && HL_DB_SIZE="n/a (PostgreSQL)"
  log "hookline H2 files: $HL_DB_SIZE"
fi
stop_pid "$CEILING_PID" ceiling; CEILING_PID=""
if [[ "$JFR" == 1 && -s "$RAW/hookline.jfr" ]]; then
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$RAW/hookline.jfr" > "$WORK/samples.txt" 2>/dev/null \
    && python3 "$BENCH_DIR/outbound_report.py" --jfr-summary "$WORK/samples.txt" > "$RAW/hookline-jfr.md" \
    && log "JFR summary: $RAW/hookline-jfr.md" || log "WARNING: could not read the JFR recording"
fi
stop_pid "$HOOKLINE_PID" hookline; HOOKLINE_PID=""

# ------------------------------------------------------------------ summary
status_note="responses with status > 399 (wrk summary.errors.status)"
[[ "$BENCH_STRICT_STATUS" == 1 ]] && status_note="every non-2xx status (wrk response() hook)"

row() { # name label
  local n="$1" label="$2" rps p50 p99 non sock cpu other rss rounds
  rps="R_${n}_rps"; p50="R_${n}_p50"; p99="R_${n}_p99"; non="R_${n}_non2xx"
  sock="R_${n}_sockerr"; cpu="R_${n}_cpu"; other="R_${n}_other"; rss="R_${n}_rss"; rounds="R_${n}_rounds"
  if [[ -n "${!rps:-}" ]]; then
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "${!rps}" "${!p50}" "${!p99}" \
      "${!non}" "${!sock}" "${!cpu}" "${!other}" "${!rss}" "${!rounds}"
  else
    printf '| %s | skipped | | | | | | | | |\n' "$label"
  fi
}

verdicts=""
missed=0
if [[ -n "${R_hookline_rps:-}" && -n "${R_ceiling_rps:-}" ]]; then
  ratio="$(awk -v h="$R_hookline_rps" -v c="$R_ceiling_rps" 'BEGIN { printf "%.1f", 100 * h / c }')"
  ok="$(awk -v r="$ratio" 'BEGIN { print (r >= 20) ? "PASS" : "FAIL" }')"
  [[ "$ok" == PASS ]] || missed=1
  verdicts+="- Throughput hookline/ceiling: **${ratio}%** (target ≥ 20%): **$ok**"$'\n'
else
  verdicts+="- Throughput hookline/ceiling: n/a (needs both servers)"$'\n'
fi
if [[ -n "${R_hookline_rps:-}" ]]; then
  # CPU per accepted event: the server's CPU seconds per second over the events it accepted per second.
  cpu_us="$(awk -v c="$R_hookline_cpu" -v r="$R_hookline_rps" 'BEGIN { printf "%.0f", (r > 0) ? 1e6 * c / r : 0 }')"
  ok="$(awk -v u="$cpu_us" 'BEGIN { print (u > 0 && u <= 70) ? "PASS" : "FAIL" }')"
  [[ "$ok" == PASS ]] || missed=1
  verdicts+="- Hookline CPU per accepted event: **${cpu_us} µs** (${R_hookline_cpu} cores / ${R_hookline_rps} req/s; target ≤ 70 µs): **$ok**"$'\n'
  ok="$(awk -v p="$R_hookline_p99" 'BEGIN { print (p <= 15) ? "PASS" : "FAIL" }')"
  [[ "$ok" == PASS ]] || missed=1
  verdicts+="- Hookline p99 at $CONNECTIONS connections: **${R_hookline_p99} ms** (target ≤ 15 ms): **$ok**"$'\n'
  ok="$( [[ "$R_hookline_non2xx" == 0 && "$R_hookline_sockerr" == 0 ]] && echo PASS || echo FAIL)"
  [[ "$ok" == PASS ]] || missed=1
  verdicts+="- Hookline errors: ${R_hookline_non2xx} non-2xx, ${R_hookline_sockerr} socket errors (target 0): **$ok**"$'\n'
  verdicts+="- Hookline peak RSS (VmHWM, whole process life): ${R_hookline_rss}; H2 files after the run: $HL_DB_SIZE"$'\n'
  verdicts+="- Hookline accepted metric (hookline.webhooks.accepted): $HL_ACCEPTED; 2xx seen by wrk incl. probe and warm-up: $HL_EXPECTED"$'\n'
  if [[ "$PERF" == 1 ]]; then perf_summary "$RAW/hookline.perf.data" "$cpu_us" "$RAW/hookline-perf.md"; fi
fi

ceiling_desc="not run"
[[ -n "$CEILING_CMD" ]] && ceiling_desc="\`$CEILING_CMD\` (Vert.x 5.0.7, one verticle per core, HMAC check, nothing stored)"
hookline_desc="not run"
[[ -n "$HOOKLINE_CMD" ]] && hookline_desc="\`$HOOKLINE_CMD\` ($DB_DESC; webhooks to $HOOKLINE_INGEST_URL)"
rounds_note="one measured run per server"
(( ROUNDS > 1 )) && rounds_note="$ROUNDS measured runs per server, alternating ceiling/Hookline; the table shows medians (counts summed)"

report="$(cat <<EOF
# Hookline benchmark — latest run

- Date: $(date -u '+%Y-%m-%d %H:%M:%S UTC') (run id \`$RUN_ID\`)
- Machine: $(machine_desc)
- Command: \`$INVOCATION\` (from the repository root)
- Load: \`$WRK_CMD_TEMPLATE\`; $rounds_note, after a ${WARMUP} s discarded warm-up per server
  with the same settings; POST $PATH_UNDER_TEST, ~1 KB signed Impact
  \`program_application.sponsor_approved\` bodies (pool of $BODIES), unique \`X-Impact-Delivery-Id\` per request
- Ceiling: $ceiling_desc
- Hookline: $hookline_desc

| target | req/s | p50 ms | p99 ms | non-2xx | socket errors | server CPU (cores) | others' CPU (cores) | peak RSS (VmHWM) | req/s per run |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(row ceiling "ceiling (Vert.x)")
$(row hookline "hookline")

${verdicts}
Non-2xx counts $status_note. Server CPU is the server process's user+system time
during a measured run divided by its duration (wrk shares the same $(nproc) cores);
others' CPU is the worst run's machine-wide CPU use by processes other than the server
and wrk: above ~0.2 cores the run was disturbed by other work and its numbers are low.
Raw wrk output and server logs: \`$RAW/\`.
EOF
)"

printf '%s\n' "$report" > "$RESULTS/latest.md"
printf '\n%s\n\n' "$report"
log "written $RESULTS/latest.md"

if [[ "$ENFORCE" == 1 && "$missed" == 1 ]]; then
  log "targets missed (BENCH_ENFORCE=1)"
  exit 3
fi
