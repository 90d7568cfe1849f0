#!/usr/bin/env bash
# client_credentials issuance on PostgreSQL with opaque and with JWT access tokens (STRATEGIES_ACCESS_TOKEN=jwt, one
# RS256 signature per token), alternating in one sitting so that both see the same machine: each of $RUNS rounds
# starts a server with each strategy on the same database, warms it up and measures it once. Prints median (min-max)
# per strategy.
source "$(dirname "$0")/lib.sh"
ensure_built; machine; start_postgres
for strategy in opaque jwt; do
  declare -a "rps_$strategy=()" "p50_$strategy=()" "p99_$strategy=()"
done
for round in $(seq 1 "$RUNS"); do
  for strategy in opaque jwt; do
    STRATEGIES_ACCESS_TOKEN=$strategy start_server
    warm http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
    sleep 1
    line=$(env BASIC_AUTH="$BASIC_AUTH" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency \
      -s "$BENCH/lua/post-form.lua" http://127.0.0.1:9000/oauth2/token | grep '^RESULT')
    [[ "$line" == *non2xx=0* ]] || echo "  warning ($strategy round $round): $line" >&2
    declare -n rps="rps_$strategy" p50="p50_$strategy" p99="p99_$strategy"
    rps+=("$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")")
    p50+=("$(sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$line")")
    p99+=("$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$line")")
    unset -n rps p50 p99
    echo "round $round, $strategy: $line"
    stop_server
  done
done
summarize "client_credentials, opaque access tokens" rps_opaque p50_opaque p99_opaque
summarize "client_credentials, JWT access tokens" rps_jwt p50_jwt p99_jwt
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
