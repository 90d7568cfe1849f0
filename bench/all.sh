#!/usr/bin/env bash
# Every headline figure of docs/performance.md in one sitting, ours beside the node-oidc-provider peer where there is
# one, the two alternating run by run (medians of $RUNS, min-max), then bench/check.sh against the recorded figures.
# About 15 minutes. Prints one line per figure and writes them to bench/target/all-results.csv.
#   PEER_KIT=DIR   directory of the peer kit (peer-oidc-provider.sh, peer-flows.sh); unset: ours alone
#   --record       after a run that passed the check, make it the recorded figures (bench/recorded.csv)
# The machine must be otherwise idle: every figure is CPU-bound on the same cores as its load generator.
# large-table.sh, large-flows.sh, dpop.sh and jwt-access-tokens.sh are run on demand, not here.
source "$(dirname "$0")/lib.sh"
record=false; [ "${1:-}" = --record ] && record=true
OUT=$BENCH/target/all-results.csv
mkdir -p "$BENCH/target"
echo "label,median,min,max,unit,baseline" >"$OUT"

# One run of each kind, printing "rate p50_ms p99_ms".
wrk_once() {
  local url=$1 script=$2; shift 2
  env "$@" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$BENCH/lua/$script" "$url" | grep '^RESULT' | parse_result
}
java_once() {
  java $GEN_JAVA_OPTS -jar "$BENCH/target/bench.jar" load "$1" --public http://127.0.0.1:9000 --admin http://127.0.0.1:9001 \
    --client-id bench --client-secret bench-secret-0123456789 --threads "$CONNS" --duration "${DURATION%s}" \
    --warmup "${RUN_WARMUP:-3}" "${@:2}" \
    | grep '^RESULT' | parse_result
}
parse_result() {
  sed -E 's/.*rps=([0-9.]+).*p50_us=([0-9]+).*p99_us=([0-9]+).*/\1 \2 \3/' | awk '{printf "%s %.1f %.1f\n", $1, $2/1000, $3/1000}'
}
# The peer kit's flow script, one measured run after its own warm-up; its SUMMARY line gives flows/s, p50, p99.
# Now and then (2 runs in 18 on 2026-12-05) the kit's script ends without a SUMMARY; its output goes to
# $BENCH/target/peer-flows.err, and such a run is tried once more.
peer_flows_once() {
  local attempt out
  for attempt in 1 2; do
    out=$(RUNS=1 WARMUP=20 DURATION="${DURATION%s}" PROMPT="$1" SCOPE="$2" MAX_LOAD=99 \
      "$PEER_KIT/peer-flows.sh" "$WORK/peer-flows" 3400 2>>"$BENCH/target/peer-flows.err" | grep '^SUMMARY' \
      | sed -E 's/.*median=([0-9.]+).*p50_ms=([0-9.]+) p99_ms=([0-9.]+).*/\1 \2 \3/') || true
    [ -n "$out" ] && { echo "$out"; return 0; }
    echo "  the peer kit gave no result (attempt $attempt; see $BENCH/target/peer-flows.err)" >&2
    sleep 2
  done
  return 1
}
have_peer() { [ -n "$PEER_KIT" ] && [ -x "$PEER_KIT/peer-oidc-provider.sh" ]; }
# Starts the one-process peer on 18101, a second time if the first start was not ready in time (a cold node
# start can take longer than the kit waits); false if neither came up.
peer_up() {
  start_peer 1 18101 || true
  # a start that timed out may leave its node process behind, holding the port: stop it before the second try
  [ -n "$PEER_PID" ] || { pkill -f "$WORK/peer/peer-oidc-provider.mjs" || true; sleep 2; start_peer 1 18101 || true; }
  [ -n "$PEER_PID" ] || pkill -f "$WORK/peer/peer-oidc-provider.mjs" || true
  [ -n "$PEER_PID" ] || echo "the peer did not start: ours alone" >&2
  [ -n "$PEER_PID" ]
}

# alternate LABEL_OURS "CMD" [LABEL_PEER "CMD"]: RUNS rounds, ours then the peer in each; prints and records both.
alternate() {
  local labels=() cmds=() i j a b c
  while [ $# -gt 0 ]; do labels+=("$1"); cmds+=("$2"); shift 2; done
  declare -A rate p50 p99
  for i in $(seq 1 "$RUNS"); do
    for j in "${!cmds[@]}"; do
      local r; r=$(eval "${cmds[$j]}") || r=""
      [ -n "$r" ] || { echo "  no result: ${labels[$j]} (run $i)" >&2; continue; }
      read -r a b c <<<"$r"
      rate[$j]+="$a "; p50[$j]+="$b "; p99[$j]+="$c "
    done
  done
  for j in "${!labels[@]}"; do
    [ -n "${rate[$j]:-}" ] || continue
    # shellcheck disable=SC2086
    local s; s=$(stat3 ${rate[$j]})
    printf '%-58s %s /s   p50 %s ms   p99 %s ms   (runs: %s)\n' "${labels[$j]}:" "$s" "$(stat3 ${p50[$j]})" \
      "$(stat3 ${p99[$j]})" "${rate[$j]% }"
    save "${labels[$j]}" "$s" /s
  done
}
# save LABEL "MEDIAN (MIN-MAX)" UNIT: one CSV row; "baseline" is the hello figure of this sitting, which check.sh
# uses to tell a slower build from a slower machine.
save() {
  local m lo hi
  read -r m lo hi <<<"$(sed -E 's/([0-9.]+) \(([0-9.]+)-([0-9.]+)\)/\1 \2 \3/' <<<"$2")"
  echo "\"$1\",$m,$lo,$hi,$3,${HELLO:-}" >>"$OUT"
}
rss_mib() { awk -v k="$2:" '$1 == k {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

ensure_built; machine; start_postgres; start_server; start_hello
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
have_peer || echo "PEER_KIT not set: the peer's figures are left out" >&2
echo "server resident memory after start: $(rss_mib "$SERVER_JAVA_PID" VmRSS) MiB"
save "ours: resident memory after start" "$(rss_mib "$SERVER_JAVA_PID" VmRSS) (0-0)" MiB

warm http://127.0.0.1:9090/hello get.lua
alternate "Dropwizard hello (GET /hello)" "wrk_once http://127.0.0.1:9090/hello get.lua"
HELLO=$(awk -F, 'NR > 1 && $1 ~ /hello/ {print $2}' "$OUT")

warm http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
token=$(curl -fsS -u bench:bench-secret-0123456789 -d grant_type=client_credentials http://127.0.0.1:9000/oauth2/token \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
ptoken=""
if have_peer && peer_up; then
  WARMUP=10s warm http://127.0.0.1:18101/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
  ptoken=$(curl -fsS -u bench:bench-secret-0123456789 -d grant_type=client_credentials http://127.0.0.1:18101/token \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  alternate "ours: client_credentials (PostgreSQL)" \
    "wrk_once http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH=$BASIC_AUTH" \
    "peer: client_credentials, 1 process (memory)" \
    "wrk_once http://127.0.0.1:18101/token post-form.lua BASIC_AUTH=$BASIC_AUTH"
  alternate "ours: introspection (PostgreSQL)" \
    "wrk_once http://127.0.0.1:9001/oauth2/introspect post-form.lua BODY=token=$token" \
    "peer: introspection, 1 process (memory)" \
    "wrk_once http://127.0.0.1:18101/token/introspection post-form.lua BODY=token=$ptoken BASIC_AUTH=$BASIC_AUTH"
  stop_pid "$PEER_PID"
else
  alternate "ours: client_credentials (PostgreSQL)" \
    "wrk_once http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH=$BASIC_AUTH"
  alternate "ours: introspection (PostgreSQL)" \
    "wrk_once http://127.0.0.1:9001/oauth2/introspect post-form.lua BODY=token=$token"
fi
echo "server resident memory, peak under load: $(rss_mib "$SERVER_JAVA_PID" VmHWM) MiB"
save "ours: resident memory, peak under load" "$(rss_mib "$SERVER_JAVA_PID" VmHWM) (0-0)" MiB

java_once refresh --duration "${WARMUP_JAVA:-40}" >/dev/null || true
alternate "ours: refresh grant with rotation (rotations/s)" "java_once refresh"

# Sign-in flows, the peer with its own login and consent in-process (6 requests a flow), ours with login and
# consent accepted through the admin API (6 requests). First sign-in: every flow logs in and consents. Returning
# user: the login and the consent are remembered; by Hydra's protocol (the default) ours answers the login and consent
# requests with skip=true (8 requests), measured alone; the peer skips both interactions itself (2 requests) and is
# measured beside ours doing the same under oauth2.accept_remembered_sign_ins below. Scope openid on both sides
# (without prompt=consent the peer drops offline_access, so it issues no refresh token).
java_once authcode --duration "${WARMUP_JAVA:-40}" >/dev/null || true
if have_peer; then
  alternate "ours: sign-in flows, first sign-in" "java_once authcode" \
    "peer: sign-in flows, first sign-in, 1 process (memory)" "peer_flows_once 'login consent' 'openid offline_access'"
else
  alternate "ours: sign-in flows, first sign-in" "java_once authcode"
fi
java_once authcode --returning --scope openid --duration 20 >/dev/null || true
alternate "ours: sign-in flows, returning user" "java_once authcode --returning --scope openid"
# Returning users answered by the server itself (oauth2.accept_remembered_sign_ins, off by default, decision 0027):
# 2 requests a flow, as the peer's. A second server with the setting on; the first one's JIT warm-up is lost. On two
# shared cores a fresh server's JIT keeps compiling for ~100 s of this load (jstat -compiler, 2026-12-05), hence
# WARMUP_JAVA_FRESH. Every measured run of ours has RUN_WARMUP (3) unmeasured seconds first, as the peer kit's have.
stop_server
OAUTH2_ACCEPT_REMEMBERED_SIGN_INS=true start_server
java_once authcode --returning --server-accepts --scope openid --duration "${WARMUP_JAVA_FRESH:-100}" >/dev/null || true
if have_peer; then
  alternate "ours: returning user, server-accepted (opt-in)" "java_once authcode --returning --server-accepts --scope openid" \
    "peer: sign-in flows, returning user, 1 process (memory)" "peer_flows_once '' 'openid'"
else
  alternate "ours: returning user, server-accepted (opt-in)" "java_once authcode --returning --server-accepts --scope openid"
fi

# The same server in a 256 MiB heap (JAVA_OPTS=-Xmx256m), client_credentials.
stop_server
JAVA_OPTS=-Xmx256m start_server
warm http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
alternate "ours: client_credentials with -Xmx256m" \
  "wrk_once http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH=$BASIC_AUTH"
echo "server resident memory with -Xmx256m, peak under load: $(rss_mib "$SERVER_JAVA_PID" VmHWM) MiB"
save "ours: resident memory with -Xmx256m, peak under load" "$(rss_mib "$SERVER_JAVA_PID" VmHWM) (0-0)" MiB
stop_server

# Ready after start on PostgreSQL (bin/hydra with its class-data archive): process start to the first
# /health/ready answer, median of 5.
ready=$(ready_after_start)
echo "ready after start (PostgreSQL): $ready ms"
save "ours: ready after start (PostgreSQL)" "$ready" ms
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
# 0: nothing worse; 1: a figure is flagged (never recorded); 2: nothing recorded yet to compare with.
status=0; "$BENCH/check.sh" "$OUT" || status=$?
if $record && [ "$status" != 1 ]; then cp "$OUT" "$BENCH/recorded.csv"; echo "recorded: bench/recorded.csv"; status=0; fi
exit "$status"
