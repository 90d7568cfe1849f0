#!/usr/bin/env bash
# Shared helpers of the bench scripts: build, a throwaway PostgreSQL, our server, the hello baseline, the peer,
# and wrk runs summarised as median (min-max). Sourced, not run. Loopback only; every load is bounded in time.
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$BENCH/.." && pwd -P)
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
PEER_KIT=${PEER_KIT:-}  # directory of peer-oidc-provider.sh (not part of this repository); unset: no peer
# The Java load generator's JVM flags. It shares the two cores with the server, so its own garbage collection is
# paid by the figures twice: in CPU, and in its pauses, which every request in flight counts as latency. The
# parallel collector's young pauses with the generator's small live set are a few ms against G1's 2-14 ms
# (docs/performance.md, "Round two, continued: reading what this server just wrote").
GEN_JAVA_OPTS=${GEN_JAVA_OPTS--XX:+UseParallelGC}  # set but empty: the JVM default
WORK=$(mktemp -d -t openauthz-bench.XXXX); chmod 755 "$WORK"  # the postgres user must reach $WORK/pg
PIDS=()
PG_DIR=""
export SECRETS_SYSTEM=${SECRETS_SYSTEM:-bench-system-secret-0123456789}
# Rate limits stay on (their cost is in every figure) but far above any rate one bench client at one address reaches.
for limit in TOKEN INTROSPECTION REVOCATION; do
  for per in PER_CLIENT PER_ADDRESS; do
    var=RATE_LIMITS_${limit}_${per}; export "$var=${!var:-1000000/s}"
  done
done
export BASIC_AUTH=$(printf 'bench:bench-secret-0123456789' | base64 -w0)

bench_cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -TERM -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  [ -n "$PG_DIR" ] && "$ROOT/scripts/postgres-throwaway.sh" --stop "$PG_DIR"
  return 0
}
trap bench_cleanup EXIT

machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r), $(java -version 2>&1 | head -1)"
}

ensure_built() {
  command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  [ -f "$ROOT/hydra-cli/target/hydra.jar" ] && [ -f "$BENCH/target/bench.jar" ] || (cd "$ROOT" && mvn -B -q -ntp -DskipTests package)
}

# A fresh PostgreSQL cluster on port 55440; sets DSN. Sized as docs/operations.md recommends instead of Debian's
# defaults (128 MB of shared buffers, a checkpoint every 1 GB of WAL, which at 10,000 tokens/s is every ~70 s);
# fsync and synchronous_commit stay on, so every answered token is durable.
start_postgres() {
  PG_DIR="$WORK/pg"
  DSN=$(PG_OPTIONS="${PG_OPTIONS:--c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=15min}" \
    "$ROOT/scripts/postgres-throwaway.sh" "$PG_DIR" "${PG_PORT:-55440}" | tail -n 1)
  export DSN
  "$ROOT/bin/hydra" migrate sql --yes "$DSN" >/dev/null
}

wait_ready() { for _ in $(seq 1 400); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.05; done; echo "not ready: $1" >&2; return 1; }

# Our server on 9000/9001 with $DSN; creates the bench clients.
start_server() {
  SERVE_PUBLIC_PORT=9000 SERVE_ADMIN_PORT=9001 URLS_SELF_ISSUER=http://127.0.0.1:9000/ \
  URLS_LOGIN=http://127.0.0.1:9020/login URLS_CONSENT=http://127.0.0.1:9020/consent \
    setsid "$ROOT/bin/hydra" serve all --dangerous-force-http >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!; PIDS+=("$SERVER_PID"); export SERVER_PID
  wait_ready http://127.0.0.1:9000/health/ready
  # 409: a server started again on the same database finds the client there.
  local created
  created=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' http://127.0.0.1:9001/clients -d \
    '{"client_id":"bench","client_secret":"bench-secret-0123456789","grant_types":["client_credentials","authorization_code","refresh_token"],"response_types":["code"],"scope":"openid offline","redirect_uris":["http://127.0.0.1:9010/callback"]}')
  [ "$created" = 201 ] || [ "$created" = 409 ] || { echo "creating the bench client: HTTP $created" >&2; return 1; }
  # Our own JVM: the one in the process group setsid made (a server stopped before may still be exiting).
  SERVER_JAVA_PID=$(pgrep -g "$SERVER_PID" -f "hydra.jar serve" | head -n 1); export SERVER_JAVA_PID
}

start_hello() {
  setsid java -jar "$BENCH/target/bench.jar" hello 9090 >"$WORK/hello.log" 2>&1 &
  PIDS+=($!)
  wait_ready http://127.0.0.1:9090/hello
}

# The node-oidc-provider peer, if $PEER_KIT/peer-oidc-provider.sh exists: it is called with WORKERS=1 or 2, a work
# directory and a port, and prints the peer's PID on its last line. Sets PEER_PID, or skips.
start_peer() {
  PEER_PID=""
  [ -x "$PEER_KIT/peer-oidc-provider.sh" ] || { echo "peer kit not found at $PEER_KIT: skipping the peer" >&2; return 0; }
  PEER_PID=$(WORKERS=${1:-1} "$PEER_KIT/peer-oidc-provider.sh" "$WORK/peer" "${2:-18101}" | tail -n 1)
  PIDS+=("$PEER_PID")
}

stop_pid() { kill "$1" 2>/dev/null || true; sleep 0.5; }

# Stops the server start_server started and waits until its whole process group has exited: the JVM outlives its
# port by seconds when it writes the class-data archive at exit (the first stop after a build), and the next start
# must find neither its port nor its CPU use nor its PID in the way.
stop_server() {
  kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 600); do pgrep -g "$SERVER_PID" >/dev/null || return 0; sleep 0.1; done
  echo "server $SERVER_PID did not stop" >&2; return 1
}

# The JIT needs tens of seconds of load on two busy cores before a JVM reaches its speed (with 15 s the first
# measured run was still ~40 % slow); warm up before measuring (results discarded).
warm() {
  local url=$1 script=$2; shift 2
  env "$@" wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP:-40s}" -s "$BENCH/lua/$script" "$url" >/dev/null
}

# Runs a load command RUNS times (it prints one RESULT line, as bench/lua/*.lua and the load generator do) and
# prints "LABEL: req/s median (min-max), p50 ms, p99 ms"; warns about a run whose line lacks CLEAN (no errors).
repeat_load() {
  local label=$1 clean=$2; shift 2
  local rps=() p50=() p99=()
  for i in $(seq 1 "$RUNS"); do
    sleep 1
    local line
    line=$("$@" | grep '^RESULT')
    rps+=("$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")")
    p50+=("$(sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$line")")
    p99+=("$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$line")")
    [[ "$line" == *"$clean"* ]] || echo "  warning ($label run $i): $line" >&2
  done
  summarize "$label" rps p50 p99
}

# wrk RUNS times on URL with a bench/lua script; arguments after it are environment settings for the script.
measure() {
  local label=$1 url=$2 script=$3; shift 3
  repeat_load "$label" non2xx=0 env "$@" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$BENCH/lua/$script" "$url"
}

# Closed-loop Java load (refresh chains, auth-code flows) RUNS times, after a discarded warm-up run (the JIT
# compiles these code paths only under load; a cold server spends most of its CPU in the compiler: under sign-in
# load the C2 compiler threads used about one core for the first ~90 s, so the warm-up is 100 s). Arguments after
# the scenario go to the load generator (e.g. --scope offline).
measure_java() {
  local label=$1 scenario=$2; shift 2
  local load=(java $GEN_JAVA_OPTS -jar "$BENCH/target/bench.jar" load "$scenario" --public http://127.0.0.1:9000
    --admin http://127.0.0.1:9001 --client-id bench --client-secret bench-secret-0123456789 --threads "$CONNS" "$@")
  "${load[@]}" --duration "${WARMUP_JAVA:-100}" >/dev/null
  : >"$WORK/cpu"
  repeat_load "$label" errors=0 with_cpu "${load[@]}" --duration "${DURATION%s}"
  cpu_summary
}

# CPU time of a process in clock ticks (utime + stime, fields 14 and 15 of /proc/PID/stat), 0 when it is gone.
ticks() { [ -r "/proc/$1/stat" ] && awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat" || echo 0; }
# The throwaway PostgreSQL: its postmaster and every child (backends, WAL writer, checkpointer).
pg_ticks() {
  local pm t=0; pm=$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  for p in "$pm" $(pgrep -P "$pm"); do t=$((t + $(ticks "$p"))); done
  echo "$t"
}
# Runs a load command and passes its output on; appends the server's and PostgreSQL's CPU milliseconds per iteration
# (per flow) over the run to $WORK/cpu. CPU time per flow is far steadier than flows/s on a box shared with others.
with_cpu() {
  local hz s0 p0 out n; hz=$(getconf CLK_TCK); s0=$(ticks "${SERVER_JAVA_PID:-0}"); p0=$(pg_ticks)
  out=$("$@"); echo "$out"
  n=$(sed -nE 's/.*requests=([0-9]+).*/\1/p' <<<"$out" | head -n 1)
  [ "${n:-0}" -gt 0 ] && awk -v s=$(($(ticks "${SERVER_JAVA_PID:-0}") - s0)) -v p=$(($(pg_ticks) - p0)) -v n="$n" \
    -v hz="$hz" 'BEGIN {printf "%.2f %.2f\n", s * 1000 / hz / n, p * 1000 / hz / n}' >>"$WORK/cpu"
  return 0
}
cpu_summary() {
  [ -s "$WORK/cpu" ] || return 0
  printf '  CPU per iteration: server %s ms, PostgreSQL %s ms   (runs in order: %s)\n' \
    "$(stat3 $(cut -d' ' -f1 "$WORK/cpu"))" "$(stat3 $(cut -d' ' -f2 "$WORK/cpu"))" "$(tr '\n' '/' <"$WORK/cpu" | sed 's:/$::')"
}

# Starts `bin/hydra serve all` 5 times on DSN $1 (default $DSN) and prints the median (min-max) milliseconds from the
# process start to the first /health/ready answer.
ready_after_start() {
  local dsn=${1:-$DSN} times=() i t0 pid
  for i in 1 2 3 4 5; do
    t0=$(date +%s%N)
    DSN=$dsn SERVE_PUBLIC_PORT=9000 SERVE_ADMIN_PORT=9001 URLS_SELF_ISSUER=http://127.0.0.1:9000/ \
      setsid "$ROOT/bin/hydra" serve all --dangerous-force-http >"$WORK/startup.log" 2>&1 &
    pid=$!
    wait_ready http://127.0.0.1:9000/health/ready
    times+=("$(( ($(date +%s%N) - t0) / 1000000 ))")
    kill -TERM -- "-$pid"; wait "$pid" 2>/dev/null || true; sleep 0.5
  done
  stat3 "${times[@]}"
}

stat3() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {printf "%s (%s-%s)", a[int((NR+1)/2)], a[1], a[NR]}'; }
summarize() {
  local label=$1; local -n r=$2 a=$3 b=$4
  local ms50=() ms99=()
  for v in "${a[@]}"; do ms50+=("$(awk -v v="$v" 'BEGIN{printf "%.2f", v/1000}')"); done
  for v in "${b[@]}"; do ms99+=("$(awk -v v="$v" 'BEGIN{printf "%.2f", v/1000}')"); done
  printf '%-44s %s req/s   p50 %s ms   p99 %s ms   (runs in order: %s)\n' "$label:" "$(stat3 "${r[@]}")" \
    "$(stat3 "${ms50[@]}")" "$(stat3 "${ms99[@]}")" "${r[*]}"
}
