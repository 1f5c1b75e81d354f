# shellcheck shell=bash
# bench/lib.sh: the one copy of what bench/run.sh, outbound.sh, soak.sh and startup.sh share.
# Sourced, never run, right after the script's `set -Eeuo pipefail`:
#
#   LOG_PREFIX=bench   # the tag of the script's log lines: [bench 12:00:00] ...
#   # shellcheck source=bench/lib.sh
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Sourcing it cds to the repository root ($ROOT) and installs the traps: on exit, the commands
# registered with at_exit run (last registered first) and the script's exit status is kept; an
# error logs its line; INT and TERM exit 130 and 143 (so the exit commands run then too).
# What the helpers read from the script: WORK (make_work; http_code leaves bodies in $WORK/last),
# ONLY (want), QUIET_CORES and QUIET_WAIT (wait_quiet), VALUES (val), DB_DIR and KEEP_DB
# (make_db_dir, h2sql), HOOKLINE_JAR (h2sql).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

# ------------------------------------------------------------------ shared constants
# shellcheck disable=SC2034 # used by the scripts that source this file
{
  SECRET="bench-signing-secret"     # the impact source's secret in bench/bench.yaml; gen_bodies.py signs with it
  ADMIN_TOKEN="bench-admin-token"   # bench/bench.yaml's admin token
  BENCH_DIR="bench"
  RESULTS="$BENCH_DIR/results"
  RAW="$RESULTS/raw"
  BODIES_LUA="$BENCH_DIR/bodies.lua"
  CEILING_DIR="$BENCH_DIR/ceiling"
  CEILING_JAR="$CEILING_DIR/target/ceiling.jar"
  HEALTH_TIMEOUT=90                 # s for a starting Hookline to answer /actuator/health 200 UP
  RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)-$$"
}

# ------------------------------------------------------------------ logging, checks
log() { printf '[%s %s] %s\n' "${LOG_PREFIX:-bench}" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }
want() { [[ -z "${ONLY:-}" || "$ONLY" == "$1" ]]; } # part -> true unless ONLY names another part

# command knob... -> "KNOB=value ... command" for the knobs set in the environment (the last
# listed first), to paste back into a shell: a value is quoted only when it needs it.
invocation() {
  local cmd="$1" v val; shift
  for v in "$@"; do
    [[ -n "${!v:-}" ]] || continue
    val="${!v}"
    [[ "$val" =~ ^[A-Za-z0-9_./:=,+@%-]+$ ]] || val="'${val//\'/\'\\\'\'}'"
    cmd="$v=$val $cmd"
  done
  printf '%s' "$cmd"
}

need_tools() { # tool... -> dies naming the first one missing
  local t
  for t in "$@"; do command -v "$t" >/dev/null 2>&1 || die "$t is required"; done
}

ensure_wrk() { # installs wrk with apt-get when missing
  command -v wrk >/dev/null 2>&1 && return 0
  log "installing wrk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y wrk >/dev/null; }
  command -v wrk >/dev/null 2>&1 || die "could not install wrk"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; } # port -> true when something listens

# ------------------------------------------------------------------ exit: cleanup registration
_AT_EXIT=()
at_exit() { _AT_EXIT+=("$1"); } # 'command' -> eval'd on exit, the last registered first
_on_exit() {
  local rc=$? i
  for (( i = ${#_AT_EXIT[@]} - 1; i >= 0; i-- )); do eval "${_AT_EXIT[i]}" || true; done
  exit "$rc"
}
trap _on_exit EXIT
trap 'log "failed (exit $?) at ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

make_work() { # mktemp-template -> WORK, a temp dir removed on exit
  WORK="$(mktemp -d -t "$1")"
  # shellcheck disable=SC2016 # expanded on exit
  at_exit 'rm -rf "$WORK"'
}

make_db_dir() { # mktemp-template -> DB_DIR for Hookline's H2 files, removed on exit unless KEEP_DB=1
  # (register the stop of the Hookline using it after this, so that it stops first)
  DB_DIR="$(mktemp -d -t "$1")"
  at_exit _drop_db_dir
}
_drop_db_dir() {
  [[ -n "${DB_DIR:-}" ]] || return 0
  if [[ "${KEEP_DB:-0}" == 1 ]]; then log "kept Hookline's database in $DB_DIR"; else rm -rf "$DB_DIR"; fi
}

# 30 s before kill -9, the longest the copies had (15, 20, 30 s): Hookline shuts down
# gracefully (server.shutdown: graceful) and Spring gives that phase up to 30 s
# (spring.lifecycle.timeout-per-shutdown-phase) to answer the requests in flight and commit
# their events; killing it sooner can leave the H2 file that outbound.sh and soak.sh read
# after the stop unclosed. A process that stops normally is gone in 1-3 s, so the longer
# bound costs nothing unless something hangs.
STOP_TIMEOUT=30
stop_pid() { # pid name -> TERM, up to STOP_TIMEOUT s, then KILL; nothing when the pid is empty or gone
  local pid="$1" name="$2" i
  if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then return 0; fi
  log "stopping $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
  for (( i = 0; i < STOP_TIMEOUT * 4; i++ )); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop in $STOP_TIMEOUT s; killing it"
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

ensure_alive() { # name pid-variable log -> dies with the log's tail (and clears the variable) when the process is gone
  local name="$1" var="$2" logf="$3" pid="${!2}" rc=0 how
  kill -0 "$pid" 2>/dev/null && return 0
  wait "$pid" 2>/dev/null || rc=$?
  how="exit status $rc"
  if (( rc > 128 )); then how="signal $((rc - 128)) (killed from outside?)"; fi
  tail -n 30 "$logf" >&2 || true
  printf -v "$var" '%s' ""
  die "$name (pid $pid) is gone: $how; log: $logf"
}

# ------------------------------------------------------------------ HTTP
# 10 s (one copy had 5): Hookline working off a backlog (after a warm-up, in the outbound
# drain) can take seconds to answer an actuator request; the loops around it have their own deadlines.
http_code() { # url [curl args...] -> the status code (000 when no answer); the body in $WORK/last
  local url="$1"; shift
  curl -s -o "$WORK/last" -w '%{http_code}' --max-time 10 "$@" "$url" || true
}

wait_healthy() { # name pid base-url log -> until GET /actuator/health answers 200 UP (at most HEALTH_TIMEOUT s)
  local name="$1" pid="$2" url="$3" logf="$4" started=$SECONDS code
  while :; do
    kill -0 "$pid" 2>/dev/null || { tail -n 80 "$logf" >&2; die "$name exited during startup (log: $logf)"; }
    code="$(http_code "$url/actuator/health")"
    if [[ "$code" == 200 ]] && grep -q 'UP' "$WORK/last"; then break; fi
    if (( SECONDS - started >= HEALTH_TIMEOUT )); then
      tail -n 80 "$logf" >&2
      die "$name not healthy after ${HEALTH_TIMEOUT}s (last: $code $(head -c 300 "$WORK/last"))"
    fi
    sleep 0.5
  done
  log "$name healthy after $((SECONDS - started)) s"
}

# ------------------------------------------------------------------ CPU, memory, time
cpu_ticks() { # pid -> its utime+stime in clock ticks; 0 without a pid (/proc//stat would read /proc/stat)
  if [[ -n "$1" ]]; then awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; else echo 0; fi
}
vm_kb() { # pid field(VmHWM|VmRSS) -> kB, empty when the process is gone
  awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null || true
}
machine_ticks() { # -> busy clock ticks summed over all CPUs (user nice system irq softirq steal), from /proc/stat
  awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}
now() { date +%s.%N; }

# Other sessions may share this machine (a Maven build next door halves the numbers). Before a
# measured run, wait (up to QUIET_WAIT s) until the rest of the machine uses <= QUIET_CORES
# cores. The processes given are not "the rest" (outbound: Hookline and the receiver; soak:
# Hookline); the inbound benchmark gives none, as the idle other server working off a
# backlog would disturb the run just as well.
wait_quiet() { # [pid...]
  local waited=0 b0 b1 busy ours0 ours1 p hz
  hz="$(getconf CLK_TCK)"
  while :; do
    ours0=0; for p in "$@"; do ours0=$((ours0 + $(cpu_ticks "$p"))); done; b0="$(machine_ticks)"
    sleep 1
    ours1=0; for p in "$@"; do ours1=$((ours1 + $(cpu_ticks "$p"))); done; b1="$(machine_ticks)"
    busy="$(awk -v b="$((b1 - b0 - ours1 + ours0))" -v hz="$hz" 'BEGIN { x = b / hz; if (x < 0) x = 0; printf "%.2f", x }')"
    if awk -v x="$busy" -v q="$QUIET_CORES" 'BEGIN { exit !(x <= q) }'; then
      if (( waited > 0 )); then log "machine quiet after ${waited}s"; fi
      return 0
    fi
    if (( waited >= QUIET_WAIT )); then
      log "WARNING: others still use ${busy} cores after ${QUIET_WAIT}s; measuring anyway (see others' CPU in the report)"
      return 0
    fi
    if (( waited == 0 )); then log "machine busy (${busy} cores used by others); waiting up to ${QUIET_WAIT}s"; fi
    waited=$((waited + 1))
  done
}

machine_desc() { # -> "nproc=2, CPU: ..., memory: 8 GiB; openjdk version ...; wrk 4.1.0"
  local cpu
  cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  printf 'nproc=%s, CPU: %s, memory: %s; %s; wrk %s' "$(nproc)" "${cpu:-unknown}" \
    "$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" \
    "$( (java -version 2>&1 || true) | head -n1)" "$( (wrk -v 2>&1 || true) | head -n1 | awk '{ print $2 }')"
}

# ------------------------------------------------------------------ wrk and its BENCH lines
# out seconds wrk-args... -> wrk's output in <out>, its user and system CPU seconds in <out>.time;
# at most seconds + 30 s. Callers handle a failure.
timed_wrk() {
  local out="$1" secs="$2" TIMEFORMAT='%U %S'; shift 2
  { time timeout $((secs + 30)) wrk "$@" > "$out" 2>&1 ; } 2> "$out.time"
}
bench_val() { sed -n "s/^BENCH $2=//p" "$1" | tail -n1; } # wrk-output key -> value of its BENCH key=value line
check_bench_out() { # wrk-output -> dies (showing it) unless it has the BENCH lines of bench/common.lua
  grep -q '^BENCH rps=' "$1" || { cat "$1" >&2; die "no BENCH lines in wrk output ($1)"; }
}

# A perf profile of a Java process (BENCH_PERF=1): perf samples every thread, JIT-compiled Java
# included, at a cost JFR does not have here (JFR's own sampling cut Hookline's throughput to a
# third on this machine); the JIT's symbols are written after the recording.
need_perf() { command -v perf > /dev/null || die "BENCH_PERF=1 needs perf (Debian: apt-get install linux-perf)"; }
# Whole Java call stacks for perf_report.py's table by layer: JIT-compiled code keeps its frame pointers
# (a few per cent of CPU, so only in profiled runs).
perf_jvm_flags() { [[ "${PERF:-0}" == 1 ]] && printf '%s ' -XX:+PreserveFramePointer; return 0; }
perf_start() { # pid data-file seconds -> records in the background; PERF_PID
  perf record -F 499 -e cpu-clock -g -p "$1" -o "$2" -- sleep "$3" > /dev/null 2>&1 &
  PERF_PID=$!
}
perf_finish() { # pid -> waits for perf_start's recording, then maps the process's JIT-compiled code
  [[ -n "${PERF_PID:-}" ]] || return 0
  wait "$PERF_PID" || true
  PERF_PID=""
  jcmd "$1" Compiler.perfmap > /dev/null 2>&1 || log "WARNING: no perf map of the JIT-compiled code (jcmd Compiler.perfmap)"
}
perf_summary() { # data-file µs-per-event|- out.md -> bench/perf_report.py's tables, when there is a recording
  [[ -s "$1" ]] || return 0
  python3 "$BENCH_DIR/perf_report.py" "$1" "$2" > "$3" && log "perf profile: $3" || log "WARNING: could not read the perf recording"
}

val() { printf '%s=%s\n' "$1" "$2" >> "$VALUES"; } # key value -> the report's inputs (outbound, soak)

# ------------------------------------------------------------------ builds, H2
build_ceiling() { # build-log -> bench/ceiling/target/ceiling.jar (ceiling and receiver), rebuilt when a source is newer
  if [[ -f "$CEILING_JAR" ]] && [[ -z "$(find "$CEILING_DIR/src" "$CEILING_DIR/pom.xml" -newer "$CEILING_JAR" -print -quit)" ]]; then
    return 0
  fi
  log "building the ceiling and receiver (bench/ceiling)"
  # offline on a second try: a machine without the network but with ~/.m2 filled still builds it
  mvn -B -q -f "$CEILING_DIR/pom.xml" package > "$1" 2>&1 \
    || mvn -B -q -o -f "$CEILING_DIR/pom.xml" package > "$1" 2>&1 \
    || { tail -n 50 "$1" >&2; die "bench/ceiling build failed (log: $1)"; }
}

h2sql() { # sql -> run with H2's Shell on Hookline's (stopped) database in $DB_DIR, with the H2 jar Hookline itself runs
  if [[ ! -f "$WORK/h2.jar" ]]; then
    python3 - "$HOOKLINE_JAR" "$WORK/h2.jar" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
name = next(n for n in z.namelist() if re.fullmatch(r"BOOT-INF/lib/h2-[0-9.]+\.jar", n))
open(sys.argv[2], "wb").write(z.read(name))
PY
  fi
  java -cp "$WORK/h2.jar" org.h2.tools.Shell -url "jdbc:h2:file:$DB_DIR/hookline" -user sa -password "" -sql "$1" > /dev/null
}
