#!/usr/bin/env bash
# Hookline CONSOLE benchmark (bench/run.sh console): how fast the web console's pages answer
# with a large store. Fills a fresh H2 store through Hookline's own front doors — signed Impact
# webhooks with wrk (bench/impact.lua) until BENCH_EVENTS are stored, then published events fanned
# out to the 3 declared webhooks of bench/bench-outbound.yaml on the local receiver until
# BENCH_DELIVERIES are delivered — then signs in to /console with curl and requests each page
# BENCH_REQUESTS times in turn (after BENCH_WARM discarded rounds), one request at a time.
# Writes bench/results/latest-console.md (p50, p95, max per page). See bench/README.md, "Console".
#
#   bench/run.sh console
#
# Knobs (environment):
#   BENCH_EVENTS=100000      inbound events to store first
#   BENCH_DELIVERIES=10000   outbound deliveries to store first (3 per published event)
#   BENCH_WARM=20            discarded rounds over every page (JIT, caches)
#   BENCH_REQUESTS=100       measured requests per page
#   HOOKLINE_PORT=18080  RECEIVER_PORT=18082  HOOKLINE_JAR=target/hookline.jar  BENCH_KEEP_DB=0
set -Eeuo pipefail

LOG_PREFIX=console
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

INVOCATION="$(invocation "bench/run.sh console${*:+ $*}" BENCH_EVENTS BENCH_DELIVERIES BENCH_WARM BENCH_REQUESTS \
  HOOKLINE_PORT RECEIVER_PORT HOOKLINE_JAR BENCH_KEEP_DB)"
EVENTS="${BENCH_EVENTS:-100000}"
DELIVERIES="${BENCH_DELIVERIES:-10000}"
WARM="${BENCH_WARM:-20}"
REQUESTS="${BENCH_REQUESTS:-100}"
HOOKLINE_PORT="${HOOKLINE_PORT:-18080}"
RECEIVER_PORT="${RECEIVER_PORT:-18082}"
HOOKLINE_JAR="${HOOKLINE_JAR:-target/hookline.jar}"
KEEP_DB="${BENCH_KEEP_DB:-0}"
QUIET_CORES="${BENCH_QUIET_CORES:-0.5}" # wait_quiet: before measuring, other CPU use below this many cores
QUIET_WAIT="${BENCH_QUIET_WAIT:-15}"
for k in EVENTS DELIVERIES WARM REQUESTS; do is_uint "${!k}" || die "BENCH_$k must be a whole number"; done
(( REQUESTS >= 20 )) || die "BENCH_REQUESTS must be at least 20 (a p95 needs them)"

ensure_wrk
need_tools java python3 curl
[[ -f "$HOOKLINE_JAR" ]] || die "$HOOKLINE_JAR is missing: mvn -B -DskipTests package"
port_busy "$RECEIVER_PORT" && die "port $RECEIVER_PORT is already in use (set RECEIVER_PORT)"
port_busy "$HOOKLINE_PORT" && die "port $HOOKLINE_PORT is already in use (set HOOKLINE_PORT)"

OUT="$RESULTS/latest-console.md"
HL_LOG="$RAW/hookline-console.log"
BASE="http://127.0.0.1:$HOOKLINE_PORT"
RECEIVER_PID=""
HOOKLINE_PID=""
make_work hookline-console-XXXXXX
mkdir -p "$RAW"
# shellcheck disable=SC2016 # expanded on exit
at_exit 'stop_pid "$RECEIVER_PID" receiver'
python3 "$BENCH_DIR/gen_bodies.py" --out "$BODIES_LUA" --count 200 --secret "$SECRET" >&2

build_ceiling "$RAW/receiver-build.log"
java -Xmx512m -cp "$CEILING_JAR" io.hookline.bench.ceiling.ReceiverServer "$RECEIVER_PORT" "$SECRET" 2 > "$RAW/receiver.log" 2>&1 &
RECEIVER_PID=$!

make_db_dir hookline-console-db-XXXXXX
# shellcheck disable=SC2016
at_exit 'stop_pid "$HOOKLINE_PID" hookline'
HOOKLINE_CMD="java -Xmx512m -jar $HOOKLINE_JAR --server.port=$HOOKLINE_PORT \
--spring.config.additional-location=file:$BENCH_DIR/bench.yaml,file:$BENCH_DIR/bench-outbound.yaml \
--spring.datasource.url=jdbc:h2:file:$DB_DIR/hookline --bench.receiver-port=$RECEIVER_PORT"
log "starting hookline: $HOOKLINE_CMD"
# shellcheck disable=SC2086
$HOOKLINE_CMD > "$HL_LOG" 2>&1 &
HOOKLINE_PID=$!
wait_healthy hookline "$HOOKLINE_PID" "$BASE" "$HL_LOG"

api() { curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE$1"; }
# Stored counts, from the metrics Hookline keeps (accepted webhooks, delivered attempts).
metric() { # name [tag filter] -> the sum of the metric's counters
  api "/actuator/prometheus" | awk -v n="$1" -v f="${2:-}" '$1 ~ "^"n && (f == "" || index($1, f)) { s += $2 } END { printf "%d", s }'
}

# ------------------------------------------------------------------ fill the store
log "storing $EVENTS signed webhooks (wrk, 64 connections)"
round=0
while (( $(metric hookline_webhooks_accepted_total) < EVENTS )); do
  round=$((round + 1))
  timeout 60 wrk -t2 -c64 -d15s -s "$BENCH_DIR/impact.lua" "$BASE/webhooks/impact" -- "$BODIES_LUA" "$RUN_ID-$round" \
    > "$RAW/console-fill-$round.txt" 2>&1 || die "wrk failed (see $RAW/console-fill-$round.txt)"
  ensure_alive hookline HOOKLINE_PID "$HL_LOG"
  log "  stored so far: $(metric hookline_webhooks_accepted_total)"
done
PUBLISHES=$(( (DELIVERIES + 2) / 3 ))
log "publishing $PUBLISHES events to 3 webhooks each (batches of 100)"
python3 - "$PUBLISHES" > "$WORK/batches" <<'PY'
import json, sys
n = int(sys.argv[1])
for start in range(0, n, 100):
    print(json.dumps([{"event": "bench.fast", "data": {"n": i}} for i in range(start, min(n, start + 100))]))
PY
while read -r batch; do
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    --data-binary "$batch" "$BASE/api/events" || die "publishing failed"
done < "$WORK/batches"
for _ in $(seq 1 120); do
  delivered="$(metric hookline_deliveries_total 'outcome="succeeded"')"
  (( delivered >= PUBLISHES * 3 )) && break
  sleep 1
done
log "delivered: ${delivered:-0}"
wait_quiet "$HOOKLINE_PID"

# ------------------------------------------------------------------ sign in, then the pages
JAR_COOKIES="$WORK/cookies"
csrf="$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE/console/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)"
[[ -n "$csrf" ]] || die "no CSRF token on /console/login"
code="$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR_COOKIES" -b "$JAR_COOKIES" \
  --data-urlencode "token=$ADMIN_TOKEN" --data-urlencode "_csrf=$csrf" "$BASE/console/login")"
[[ "$code" == 302 ]] || die "sign-in answered $code"

event_id="$(api "/api/events?limit=1&offset=5000" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"][0]["id"])')"
deep_id="$(api "/api/events?limit=1&offset=$((EVENTS * 9 / 10))" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"][0]["id"])')"
webhook_id="$(api "/api/webhooks" | python3 -c 'import json,sys; print(json.load(sys.stdin)["webhooks"][0]["id"])')"
PAGES=(
  "/console"
  "/console/events"
  "/console/events?source=impact&status=processed"
  "/console/events?status=failed"
  "/console/events?before=$deep_id"
  "/console/events?deliveryId=no-such-delivery"
  "/console/events/$event_id"
  "/console/sources"
  "/console/catalogue"
  "/console/automations"
  "/console/automations?status=failed"
  "/console/webhooks"
  "/console/webhooks?deliveries=failed"
  "/console/webhooks/$webhook_id"
)
for page in "${PAGES[@]}"; do
  code="$(curl -s -o "$WORK/page" -w '%{http_code}' -b "$JAR_COOKIES" "$BASE$page")"
  [[ "$code" == 200 ]] || die "GET $page answered $code"
done
log "warm-up: $WARM rounds over ${#PAGES[@]} pages"
for _ in $(seq 1 "$WARM"); do
  for page in "${PAGES[@]}"; do curl -s -o /dev/null -b "$JAR_COOKIES" "$BASE$page"; done
done
log "measuring: $REQUESTS requests per page"
: > "$RAW/console-times.txt"
for _ in $(seq 1 "$REQUESTS"); do
  for page in "${PAGES[@]}"; do
    printf '%s %s\n' "$page" "$(curl -s -o /dev/null -w '%{time_total}' -b "$JAR_COOKIES" "$BASE$page")" >> "$RAW/console-times.txt"
  done
done

stored="$(api "/api/events?limit=1" >/dev/null; metric hookline_webhooks_accepted_total)"
python3 - "$RAW/console-times.txt" "$OUT" "$INVOCATION" "$stored" "${delivered:-0}" "$(machine_desc)" <<'PY'
import sys, collections
times = collections.OrderedDict()
for line in open(sys.argv[1]):
    page, t = line.rsplit(" ", 1)
    times.setdefault(page, []).append(float(t) * 1000)
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
rows = []
worst = 0
for page, xs in times.items():
    p95 = pct(xs, 95); worst = max(worst, p95)
    shown = page if len(page) < 70 else page[:67] + "…"
    rows.append(f"| `{shown}` | {pct(xs, 50):.1f} | {p95:.1f} | {max(xs):.1f} |")
out = [
    "# Console benchmark", "",
    f"Command: `{sys.argv[3]}`  ", f"Machine: {sys.argv[6]}  ",
    f"Store: {sys.argv[4]} webhooks accepted, {sys.argv[5]} deliveries succeeded (embedded H2).", "",
    "One request at a time with curl, signed in (session cookie); time to the last byte, ms.", "",
    "| page | p50 | p95 | max |", "|---|---|---|---|", *rows, "",
    f"Slowest p95: **{worst:.1f} ms** (target: every page ≤ 150 ms at p95).", "",
]
open(sys.argv[2], "w").write("\n".join(out))
print("\n".join(out))
PY
