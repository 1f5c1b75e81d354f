#!/usr/bin/env bash
# Start-up and memory of Hookline as a user runs it: for each variant, the time from process
# start to the first 202 (a signed webhook is posted every 20 ms from the moment the process is
# launched), the RSS after 10 s idle, then the peak RSS and the accepted requests/s under the
# inbound benchmark's load (wrk, 64 connections, signed Impact bodies), and where the memory goes
# (heap, metaspace, code cache, threads, from the JVM's native memory tracking where enabled).
#
#   bench/startup.sh                       # variants: jar (java -jar, no heap bound) and dist (bin/hookline run)
#   STARTUP_VARIANTS="dist dist-nocds" bench/startup.sh
#   STARTUP_BEFORE_JAR=/path/old/hookline.jar bench/startup.sh   # adds variant "before" (an older jar, run from its checkout)
#
# Knobs: STARTUP_ROUNDS=3 (starts per variant; medians), STARTUP_LOAD=30 (seconds of load, 0 = none),
#        STARTUP_PORT=18090 (server.port), STARTUP_INGEST_PORT=18091 (hookline.inbound.port, where the webhooks go;
#        the "before" variant, an older jar, gets them on STARTUP_PORT). Needs target/hookline.jar and target/hookline-*.tar.gz (mvn -B package).
# Writes bench/results/latest-startup.md.
set -Eeuo pipefail
LOG_PREFIX=startup
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # the shared helpers; cds to the repository root

ROUNDS="${STARTUP_ROUNDS:-3}"
LOAD="${STARTUP_LOAD:-30}"
PORT="${STARTUP_PORT:-18090}"
INGEST="${STARTUP_INGEST_PORT:-18091}"
VARIANTS="${STARTUP_VARIANTS:-jar dist}"
[[ -n "${STARTUP_BEFORE_JAR:-}" ]] && VARIANTS="before $VARIANTS"
OUT="$RESULTS/latest-startup.md"

ensure_wrk
need_tools java jcmd python3 curl openssl
[[ -f target/hookline.jar ]] || die "target/hookline.jar missing: mvn -B -DskipTests package"
port_busy "$PORT" && die "port $PORT is already in use (set STARTUP_PORT)"
port_busy "$INGEST" && die "port $INGEST is already in use (set STARTUP_INGEST_PORT)"
make_work hookline-startup.XXXXXX
at_exit stop_server

BODY='{"event":"payment.received","name":"Payments","version":"1.0","timestamp":"2025-04-28T22:10:00Z","data":{"paymentId":"pay_1","offeringApplicationId":"app_1","amount":50,"currency":"USD"}}'
SIG="$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)"
python3 "$BENCH_DIR/gen_bodies.py" --out "$WORK/bodies.lua" --count 200 --secret "$SECRET" >/dev/null 2>&1

DIST_HOME=""
unpack_dist() {
  [[ -n "$DIST_HOME" ]] && return
  local tarball; tarball="$(ls target/hookline-*.tar.gz 2>/dev/null | head -n1)"
  [[ -n "$tarball" ]] || die "no target/hookline-*.tar.gz: mvn -B -DskipTests package"
  tar -xzf "$tarball" -C "$WORK"
  DIST_HOME="$(ls -d "$WORK"/hookline-*/ | head -n1)"
  DIST_HOME="${DIST_HOME%/}"
  # A fresh install's CDS archive is made by its first start: make it now, outside the measurement.
  log "dist: first start (creates the class data sharing archive)"
  start_server dist 0; stop_server
}

PID=""
stop_server() { stop_pid "$PID" hookline; PID=""; }

ARGS=(--server.port="$PORT" --spring.config.additional-location="file:$ROOT/bench/bench.yaml" --logging.level.root=WARN)
# As the production template runs it: webhooks on a port of their own (not known to older jars).
NEW_ARGS=("${ARGS[@]}" --hookline.inbound.port="$INGEST")
webhooks_url() { # variant -> where it receives webhooks
  if [[ "$1" == before ]]; then echo "http://127.0.0.1:$PORT/webhooks/impact"; else echo "http://127.0.0.1:$INGEST/webhooks/impact"; fi
}

launch() { # variant round -> starts in the background, sets PID
  local variant="$1" db="$WORK/db-$1-$2"
  case "$variant" in
    jar)    java -XX:NativeMemoryTracking=summary -jar "$ROOT/target/hookline.jar" "${NEW_ARGS[@]}" \
              --spring.datasource.url="jdbc:h2:file:$db/hookline" >"$WORK/$variant.log" 2>&1 & PID=$! ;;
    before) (cd "$(dirname "$STARTUP_BEFORE_JAR")/.." && exec java -XX:NativeMemoryTracking=summary -jar "$STARTUP_BEFORE_JAR" \
              "${ARGS[@]}" --spring.datasource.url="jdbc:h2:file:$db/hookline") >"$WORK/$variant.log" 2>&1 & PID=$! ;;
    dist)   JAVA_OPTS="${DIST_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary" "$DIST_HOME/bin/hookline" run "${NEW_ARGS[@]}" \
              --spring.datasource.url="jdbc:h2:file:$db/hookline" >"$WORK/$variant.log" 2>&1 & PID=$! ;;
    dist-nocds) HOOKLINE_CDS=off JAVA_OPTS="${DIST_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary" "$DIST_HOME/bin/hookline" run \
              "${NEW_ARGS[@]}" --spring.datasource.url="jdbc:h2:file:$db/hookline" >"$WORK/$variant.log" 2>&1 & PID=$! ;;
    *) die "unknown variant $variant" ;;
  esac
}

java_pid() { # the JVM under PID (bin/hookline execs java, so usually PID itself)
  local p="$PID"
  for _ in 1 2 3; do
    [[ "$(cat /proc/"$p"/comm 2>/dev/null)" == java ]] && { echo "$p"; return; }
    p="$(pgrep -P "$p" | head -n1)"; [[ -n "$p" ]] || break
  done
  echo "$PID"
}

# Not in a command substitution: launch must set PID in this shell, for stop_server and java_pid.
start_server() { # variant round -> FIRST_MS: ms from launch to the first 202
  local t0 now code i=0
  t0="$(date +%s%N)"
  launch "$1" "$2"
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST "$(webhooks_url "$1")" \
      -H 'Content-Type: application/json' -H "X-Impact-Signature: $SIG" -H "X-Impact-Delivery-Id: startup-$1-$2-$i" \
      --data-binary "$BODY" || true)"
    i=$((i + 1))
    [[ "$code" == 202 ]] && break
    kill -0 "$PID" 2>/dev/null || { tail -n 30 "$WORK/$1.log" >&2; die "$1 exited before accepting a webhook"; }
    now="$(date +%s%N)"; (( (now - t0) / 1000000 < 120000 )) || die "$1: no 202 within 120 s"
    sleep 0.02
  done
  now="$(date +%s%N)"
  FIRST_MS=$(( (now - t0) / 1000000 ))
  # CPU the JVM used until then: steadier than wall-clock time on a busy machine.
  FIRST_CPU_MS=$(( $(awk '{ print $14 + $15 }' "/proc/$(java_pid)/stat") * 1000 / $(getconf CLK_TCK) ))
}

rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else print a[int((NR + 1) / 2)] }'; }

declare -A FIRST CPU IDLE PEAK RPS NMT FIRSTS CPUS
for variant in $VARIANTS; do [[ "$variant" == dist* ]] && unpack_dist; done
# Rounds outside, variants inside: each variant meets the machine's changing load alike.
for round in $(seq 1 "$ROUNDS"); do
  for variant in $VARIANTS; do
    start_server "$variant" "$round"
    FIRSTS[$variant]+="$FIRST_MS "
    CPUS[$variant]+="$FIRST_CPU_MS "
    log "$variant round $round: first 202 after $FIRST_MS ms, $FIRST_CPU_MS ms of CPU"
    if [[ "$round" == "$ROUNDS" ]]; then
      jp="$(java_pid)"
      sleep 10
      IDLE[$variant]="$(rss_mb "$jp")"
      NMT[$variant]="$(jcmd "$jp" VM.native_memory summary 2>/dev/null \
        | grep -E '^-\s+(Java Heap|Class|Thread|Code|GC|Internal|Other|Symbol|Arena Chunk|Metaspace)' \
        | sed -E 's/^-\s+//; s/\(reserved=[0-9]+KB, committed=([0-9]+)KB\)/\1/' | awk '{ name=$0; sub(/ +[0-9]+$/, "", name); printf "%s %d MB; ", name, $NF / 1024 }')"
      peak="${IDLE[$variant]}"
      if (( LOAD > 0 )); then
        wrk -t2 -c64 -d"${LOAD}s" -s "$BENCH_DIR/impact.lua" "$(webhooks_url "$variant")" -- "$WORK/bodies.lua" \
          "startup-$variant" >"$WORK/wrk-$variant.txt" 2>&1 &
        wpid=$!
        while kill -0 "$wpid" 2>/dev/null; do
          r="$(rss_mb "$jp" 2>/dev/null || echo 0)"; (( r > peak )) && peak="$r"; sleep 0.25
        done
        RPS[$variant]="$(awk '/Requests\/sec/ { printf "%d", $2 }' "$WORK/wrk-$variant.txt")"
      fi
      PEAK[$variant]="$peak"
    fi
    stop_server
  done
done
for variant in $VARIANTS; do
  FIRST[$variant]="$(printf '%s\n' ${FIRSTS[$variant]} | median)"
  CPU[$variant]="$(printf '%s\n' ${CPUS[$variant]} | median)"
done

{
  echo "# Start-up and memory ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -n1))"
  echo
  echo "\`bench/startup.sh\` (rounds $ROUNDS, load ${LOAD}s at 64 connections). First 202: median of the rounds, from launch."
  echo
  echo "| variant | first 202 (ms, median) | CPU until then (ms, median) | all rounds (ms) | RSS idle (MB) | RSS peak under load (MB) | accepted/s under load | native memory (committed, idle) |"
  echo "|---|---|---|---|---|---|---|---|"
  for variant in $VARIANTS; do
    echo "| $variant | ${FIRST[$variant]} | ${CPU[$variant]} | ${FIRSTS[$variant]}| ${IDLE[$variant]:-} | ${PEAK[$variant]:-} | ${RPS[$variant]:--} | ${NMT[$variant]:-} |"
  done
  echo
  echo "Variants: \`jar\` = \`java -jar target/hookline.jar\` with no JVM options (the JVM sizes the heap to a quarter of"
  echo "the machine); \`dist\` = the distribution's \`bin/hookline run\` with its default JAVA_OPTS and class data sharing;"
  echo "\`dist-nocds\` = the same with HOOKLINE_CDS=off; \`before\` = an older jar given by STARTUP_BEFORE_JAR, run from its checkout."
} >"$OUT"
cat "$OUT"
