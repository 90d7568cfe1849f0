#!/usr/bin/env bash
# The fault suite: the server's promises under a database outage, kill -9, a graceful stop and overload, each
# checked under load against bin/hydra on a throwaway PostgreSQL (e2e/faults/README.md).
#   e2e/faults/run.sh                     # all four cases (about 90 s)
#   e2e/faults/run.sh stop overload       # some of them: outage kill9 stop overload
# Needs root (PostgreSQL runs as the postgres user; wrk and PostgreSQL come from Debian's apt when missing) and a
# build (mvn -B -DskipTests package; built here if hydra.jar is missing). Picks free ports; stops what it started
# on exit. Prints one line per case (ok/FAIL) after its `figure:` lines, then a summary; logs stay in a temp dir.
set -u
cd "$(dirname "$0")/../.."
HERE=e2e/faults
WORK=$(mktemp -d -t faults.XXXX); chmod 755 "$WORK"  # the postgres user must reach $WORK/pg
START=$(date +%s)
PG_DIR=$WORK/pg
SERVER_PID=""
passed=0; failed=0

now() { date +%s.%N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
say() { echo "$*"; echo "$*" >>"$WORK/report.txt"; }
apt_install() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM -- "-$SERVER_PID" 2>/dev/null
  for _ in $(seq 1 80); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}
finish() { stop_server; scripts/postgres-throwaway.sh --stop "$PG_DIR"; }
trap finish EXIT

# bin/hydra serve on $PUB/$ADM with $DSN; arguments after the log name are extra environment (NAME=value).
# SERVER_PID is the java process itself (bin/hydra execs it; setsid makes it a process group leader).
start_server() {
  SERVER_LOG=$WORK/$1.log; shift
  local log=$SERVER_LOG
  env "$@" SERVE_PUBLIC_PORT="$PUB" SERVE_ADMIN_PORT="$ADM" URLS_SELF_ISSUER="http://127.0.0.1:$PUB/" \
    URLS_LOGIN=http://127.0.0.1:9020/login URLS_CONSENT=http://127.0.0.1:9020/consent \
    setsid bin/hydra serve all --dangerous-force-http >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PUB/health/ready" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.25
  done
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PUB/health/ready" || { echo "server not ready ($log)"; return 1; }
  [ "$(cat "/proc/$SERVER_PID/comm")" = java ] || { echo "pid $SERVER_PID is not java"; return 1; }
}
server_ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PUB/health/ready" 2>/dev/null; }
pg_ctl() { su postgres -c "$PG_BIN/pg_ctl -D '$PG_DIR/data' $*"; }
# The python load driver in the background (LOAD_PID): python itself, so that SIGTERM reaches it.
load() { python3 "$HERE/faults.py" load "$TOKEN_URL" --basic "$BASIC" "$@" & LOAD_PID=$!; }

run_case() {
  local name=$1; shift
  local t0; t0=$(date +%s)
  if "$@"; then passed=$((passed+1)); say "ok    $name ($(( $(date +%s) - t0 )) s)"
  else failed=$((failed+1)); say "FAIL  $name ($(( $(date +%s) - t0 )) s; logs in $WORK)"; fi
}

# 1. PostgreSQL stops for 10 s under a token load of 8 connections, then starts again.
case_outage() {
  local rec=$WORK/outage.records ev=$WORK/outage.events ok=0 out
  server_ready || start_server outage-server SERVE_SHUTDOWN_DRAIN_PERIOD=2s || return 1
  load --threads 8 --duration 20 --out "$rec"
  sleep 5
  echo "pg_stop $(now)" >"$ev"
  pg_ctl -m fast -w stop >>"$WORK/pg-ctl.log" 2>&1
  echo "pg_stopped $(now)" >>"$ev"
  sleep 3
  local ready alive token
  ready=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PUB/health/ready")
  alive=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PUB/health/alive")
  token=$(curl -s -D "$WORK/outage-503.headers" -o "$WORK/outage-503.body" -w '%{http_code}' --max-time 5 \
    -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$TOKEN_URL")
  local retry; retry=$(grep -i '^retry-after:' "$WORK/outage-503.headers" | tr -d '\r' | cut -d' ' -f2)
  local error; error=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("error"))' "$WORK/outage-503.body" 2>/dev/null)
  say "figure: outage: during it /health/ready $ready, /health/alive $alive, token endpoint $token error=$error Retry-After: ${retry:-missing}"
  [ "$ready" = 503 ] && [ "$alive" = 200 ] && [ "$token" = 503 ] && [ -n "$retry" ] && [ "$error" = temporarily_unavailable ] \
    || { say "  broken: during the outage expected ready 503, alive 200, token 503 temporarily_unavailable with Retry-After"; ok=1; }
  sleep "$(python3 -c "import sys,time; print(max(0, float(sys.argv[1]) + 10 - time.time()))" "$(awk '/pg_stopped/{print $2}' "$ev")")"
  echo "pg_start $(now)" >>"$ev"
  pg_ctl -o "\"-c listen_addresses=127.0.0.1 -p $PG_PORT -k '$PG_DIR'\"" -l "'$PG_DIR/postgres.log'" -W start >>"$WORK/pg-ctl.log" 2>&1
  for _ in $(seq 1 600); do pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 0.05; done
  local polled; polled=$(now)
  # PostgreSQL logs when it accepts connections, to the millisecond: more exact than polling on two busy cores.
  local logged; logged=$(grep 'ready to accept connections' "$PG_DIR/postgres.log" | tail -n 1 | cut -d' ' -f1-3)
  logged=$(date -d "$logged" +%s.%N 2>/dev/null || echo "$polled")
  echo "pg_ready $(python3 -c 'import sys; print(min(map(float, sys.argv[1:])))' "$logged" "$polled")" >>"$ev"
  wait "$LOAD_PID"
  out=$(python3 "$HERE/faults.py" outage "$rec" "$ev") || ok=1
  say "$out"
  if grep -q ' 500 \| 500$' "$rec" || [ "$ok" != 0 ]; then
    grep -E 'ERROR|Exception' "$SERVER_LOG" | sort | uniq -c | sort -rn | head -n 5 >>"$WORK/report.txt"
  fi
  return "$ok"
}

# 2. kill -9 of the java process under 16 connections of token load; every token answered 200 must be active after
# a restart on the same database, every token whose revocation was answered 200 inactive.
case_kill9() {
  local out ok=0
  server_ready || start_server kill9-server SERVE_SHUTDOWN_DRAIN_PERIOD=2s || return 1
  load --threads 16 --duration 30 --out "$WORK/kill9.records" --tokens "$WORK/kill9.tokens" --revoke-every 0.2
  sleep 4
  kill -KILL "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null
  local rc=$?
  SERVER_PID=""
  sleep 0.3
  kill -TERM "$LOAD_PID"; wait "$LOAD_PID"
  say "figure: kill -9: java exited with $rc; token requests: $(awk '{print ($3 ? $3 : $4)}' "$WORK/kill9.records" | sort | uniq -c | awk '{printf "%s%s: %s", sep, $2, $1; sep=", "}')"
  start_server kill9-restart SERVE_SHUTDOWN_DRAIN_PERIOD=2s || return 1
  out=$(python3 "$HERE/faults.py" introspect "http://127.0.0.1:$ADM" "$WORK/kill9.tokens" "kill -9") || ok=1
  say "$out"
  return "$ok"
}

# 3. SIGTERM under 8 connections of token load (drain period 2 s, grace period 10 s): every answer is 200, the port
# closes (connection refused afterwards is fine), the process exits within drain + grace + 5 s.
case_stop() {
  local out ok=0
  server_ready || start_server stop-server SERVE_SHUTDOWN_DRAIN_PERIOD=2s || return 1
  local log=$SERVER_LOG
  load --threads 8 --duration 30 --out "$WORK/stop.records" --tokens "$WORK/stop.tokens"
  sleep 3
  local t_term; t_term=$(now)
  kill -TERM "$SERVER_PID"
  sleep 1
  local ready; ready=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PUB/health/ready")
  # While draining, answers ask the client to close the connection (so its next request goes elsewhere).
  local drain_close; drain_close=$(curl -s -D - -o /dev/null --max-time 5 "http://127.0.0.1:$PUB/.well-known/jwks.json" \
    | tr -d '\r' | grep -ci '^connection: close')
  wait "$SERVER_PID" 2>/dev/null
  local rc=$? t_exit; t_exit=$(now)
  SERVER_PID=""
  sleep 0.5
  kill -TERM "$LOAD_PID"; wait "$LOAD_PID"
  local took; took=$(python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.2f}")' "$t_term" "$t_exit")
  out=$(python3 "$HERE/faults.py" stop "$WORK/stop.records" "$t_term" 2) || ok=1
  say "$out"
  [ -s "$WORK/stop.records.samples" ] && sed 's/^/  answer: /' "$WORK/stop.records.samples" | tee -a "$WORK/report.txt"
  say "figure: graceful stop: /health/ready 1 s after SIGTERM (drain period 2 s): $ready; exit $took s after SIGTERM (limit 17 s), exit status $rc"
  [ "$ready" = 503 ] || { say "  broken: /health/ready must be 503 during the drain period"; ok=1; }
  [ "$drain_close" = 1 ] || { say "  broken: answers during the drain period must carry Connection: close"; ok=1; }
  python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 17 else 1)' "$took" || { say "  broken: exit took too long"; ok=1; }
  grep -i -m 3 'exception' "$log" >>"$WORK/report.txt"
  return "$ok"
}

# 4. 16 times the saturation load (wrk -c512 vs -c32) on a server with a 256 MB heap: accepted requests keep close
# to the saturation rate, the excess is refused 503 with Retry-After, p99 stays under 3 s (272 ms on a quiet machine; the bound leaves room for a busy one), the server lives.
case_overload() {
  local out ok=0
  start_server overload-server JAVA_OPTS=-Xmx256m || return 1
  # The tokens answered during the graceful stop of case 3 were committed: check them on this fresh server.
  if [ -s "$WORK/stop.tokens" ]; then
    out=$(python3 "$HERE/faults.py" introspect "http://127.0.0.1:$ADM" "$WORK/stop.tokens" "graceful stop") || ok=1
    say "$out"
  fi
  local lua=$HERE/status.lua
  BASIC_AUTH=$BASIC wrk -t2 -c32 -d5s -s "$lua" "$TOKEN_URL" >/dev/null
  local base limit full
  base=$(BASIC_AUTH=$BASIC wrk -t2 -c32 -d5s --timeout 10s -s "$lua" "$TOKEN_URL" | grep '^RESULT')
  # At the admission limit (128) group commit fills bigger batches than at 32, so -c32 may not be the ceiling; the
  # ratio to the best of the two is shown, not checked (on two shared cores single 5 s runs vary by 2x or more).
  limit=$(BASIC_AUTH=$BASIC wrk -t2 -c128 -d5s --timeout 10s -s "$lua" "$TOKEN_URL" | grep '^RESULT')
  full=$(BASIC_AUTH=$BASIC wrk -t2 -c512 -d10s --timeout 10s --latency -s "$lua" "$TOKEN_URL" | tee "$WORK/overload-wrk.txt" | grep '^RESULT')
  printf 'c32:  %s\nc128: %s\nc512: %s\n' "$base" "$limit" "$full" >>"$WORK/report.txt"
  local alive rss oom
  alive=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PUB/health/alive")
  rss=$(awk '/VmRSS/{printf "%d MB", $2/1024}' "/proc/$SERVER_PID/status" 2>/dev/null)
  oom=$(grep -c OutOfMemoryError "$SERVER_LOG")
  say "$(python3 - "$base" "$limit" "$full" "$alive" "${rss:-gone}" "$oom" <<'EOF'
import sys
base, limit, full, alive, rss, oom = sys.argv[1:]
b, l, f = (dict(kv.split("=", 1) for kv in line.split()[1:]) for line in (base, limit, full))
ratio = float(f["ok_rps"]) / float(b["ok_rps"])
best = max(float(b["ok_rps"]), float(l["ok_rps"]))
errors = sum(int(f[k]) for k in ("connect", "read", "write", "timeout"))
print(f"figure: overload: -c32 {float(b['ok_rps']):.0f} req/s accepted (p99 {int(b['p99_us'])/1000:.0f} ms), "
      f"-c128 {float(l['ok_rps']):.0f} req/s (p99 {int(l['p99_us'])/1000:.0f} ms); -c512 {float(f['ok_rps']):.0f} "
      f"req/s accepted ({ratio:.0%} of -c32, {float(f['ok_rps']) / best:.0%} of the best), {f['s503']} refused 503 "
      f"({f['no_retry_after']} without Retry-After), other statuses {f['other_status']}, socket errors {errors} "
      f"(connect {f['connect']}, read {f['read']}, write {f['write']}, timeout {f['timeout']}), "
      f"p50 {int(f['p50_us'])/1000:.0f} ms, p99 {int(f['p99_us'])/1000:.0f} ms, max {int(f['max_us'])/1000:.0f} ms; "
      f"after: /health/alive {alive}, RSS {rss}, OutOfMemoryError in log: {oom}")
broken = []
if ratio < 0.7: broken.append("accepted rate under 70% of the -c32 rate")
if int(l["other_status"]) or int(l["s503"]): broken.append("refusals at -c128, within the admission limit")
if int(f["p99_us"]) >= 3_000_000: broken.append("p99 3 s or more")
if int(f["other_status"]) or int(f["no_retry_after"]): broken.append("answers other than 200 and 503 with Retry-After")
if errors: broken.append("socket errors")
if alive != "200" or oom != "0": broken.append("the server died or ran out of memory")
for b in broken: print("  broken: " + b)
sys.exit(1 if broken else 0)
EOF
)" || ok=1
  [ "$alive" = 200 ] || tail -n 20 "$SERVER_LOG" >>"$WORK/report.txt"
  return "$ok"
}

apt_install curl curl
apt_install wrk wrk
apt_install psql postgresql-client
[ -f hydra-cli/target/hydra.jar ] || mvn -B -ntp -q -DskipTests package || exit 1
export SECRETS_SYSTEM=faults-system-secret-0123456789
# The loads here are one client at one address, far above the default rate limits; these faults are about the
# database and the process, so the limits are off (their own test is RateLimitIT and bench/rate-limits.sh).
export RATE_LIMITS_ENABLED=false
PG_PORT=$(free_port); PUB=$(free_port); ADM=$(free_port)
while [ "$ADM" = "$PUB" ] || [ "$ADM" = "$PG_PORT" ] || [ "$PUB" = "$PG_PORT" ]; do ADM=$(free_port); PUB=$(free_port); done
export DSN; DSN=$(scripts/postgres-throwaway.sh "$PG_DIR" "$PG_PORT" 2>"$WORK/pg-setup.log" | tail -n 1)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -n "$DSN" ] && bin/hydra migrate sql --yes "$DSN" >"$WORK/migrate.log" 2>&1 || { echo "FAIL  PostgreSQL setup (logs in $WORK)"; exit 1; }
TOKEN_URL=http://127.0.0.1:$PUB/oauth2/token
CLIENT_ID=faults CLIENT_SECRET=faults-secret-0123456789
BASIC=$(printf '%s:%s' "$CLIENT_ID" "$CLIENT_SECRET" | base64 -w0)
start_server outage-server SERVE_SHUTDOWN_DRAIN_PERIOD=2s || { echo "FAIL  server start (logs in $WORK)"; exit 1; }
bin/hydra clients create --endpoint "http://127.0.0.1:$ADM" --id "$CLIENT_ID" --secret "$CLIENT_SECRET" \
  --grant-types client_credentials >"$WORK/client.log" 2>&1 || { echo "FAIL  client create (logs in $WORK)"; exit 1; }
echo "work dir $WORK; PostgreSQL on $PG_PORT, server on $PUB (public) and $ADM (admin)"

CASES=" ${*:-outage kill9 stop overload} "
[[ $CASES == *" outage "* ]] && run_case "database outage under load" case_outage
[[ $CASES == *" kill9 "* ]] && run_case "kill -9 under token load loses nothing" case_kill9
[[ $CASES == *" stop "* ]] && run_case "graceful stop under load" case_stop
[[ $CASES == *" overload "* ]] && run_case "overload (16x the saturation connections)" case_overload

echo "== summary ($(( $(date +%s) - START )) s; details in $WORK/report.txt)"
grep -E '^(figure:|  broken:|ok |FAIL )' "$WORK/report.txt"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
