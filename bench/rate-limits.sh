#!/usr/bin/env bash
# Rate limits (docs/operations.md, "Rate limits"; decision 0022), two measurements on PostgreSQL:
# 1. their cost at /oauth2/token (client_credentials): limits on but far above the load vs off, one server start
#    each, alternating which goes first, medians of $RUNS with min-max;
# 2. a load beyond one client's limit: that client gets 429s while a second client, paced below its own limit from
#    another address (X-Forwarded-For behind one trusted proxy hop), keeps its rate, alone and during the flood.
# Uses the fixed ports 9000/9001/55440: run it as  flock /tmp/fixed-ports.lock bench/rate-limits.sh
source "$(dirname "$0")/lib.sh"
ensure_built; machine; start_postgres
TOKEN_URL=http://127.0.0.1:9000/oauth2/token

wrk_rps() {  # one wrk run against the token endpoint; prints its RESULT line
  env BASIC_AUTH="$BASIC_AUTH" "$@" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$BENCH/lua/post-form.lua" \
    "$TOKEN_URL" | grep '^RESULT'
}

echo "== 1. cost of the limits (not hit) on client_credentials, ${DURATION} runs after ${WARMUP:-40s} warm-up"
on=(); off=()
for i in $(seq 1 "$RUNS"); do
  order=(true false); [ $((i % 2)) = 0 ] && order=(false true)
  for mode in "${order[@]}"; do
    export RATE_LIMITS_ENABLED=$mode
    start_server
    warm "$TOKEN_URL" post-form.lua BASIC_AUTH="$BASIC_AUTH"
    line=$(wrk_rps)
    stop_server
    rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")
    [[ "$line" == *non2xx=0* ]] || echo "  warning: $line" >&2
    if [ "$mode" = true ]; then on+=("$rps"); else off+=("$rps"); fi
    echo "run $i, limits $([ "$mode" = true ] && echo on || echo off): $rps req/s"
  done
done
echo "limits on (not hit): $(stat3 "${on[@]}") req/s"
echo "limits off:          $(stat3 "${off[@]}") req/s"
awk -v a="$(stat3 "${on[@]}" | cut -d' ' -f1)" -v b="$(stat3 "${off[@]}" | cut -d' ' -f1)" \
  'BEGIN { printf "on vs off (medians): %+.1f %%\n", (a / b - 1) * 100 }'

echo "== 2. one client beyond its limit (rate_limits.token.per_client 200/s), another paced at 100/s"
export RATE_LIMITS_ENABLED=true RATE_LIMITS_TRUSTED_PROXY_HOPS=1 RATE_LIMITS_TOKEN_PER_CLIENT=200/s \
  RATE_LIMITS_TOKEN_PER_ADDRESS=1000/s
start_server
curl -sS -o /dev/null -H 'Content-Type: application/json' http://127.0.0.1:9001/clients \
  -d '{"client_id":"steady","client_secret":"steady-secret-0123456789","grant_types":["client_credentials"]}'
paced() { python3 "$BENCH/paced.py" "$TOKEN_URL" steady steady-secret-0123456789 100 "${DURATION%s}" 192.0.2.2; }
warm "$TOKEN_URL" post-form.lua BASIC_AUTH="$BASIC_AUTH" FORWARDED_FOR=192.0.2.1 >/dev/null
echo "steady client alone:            $(paced)"
wrk_rps FORWARDED_FOR=192.0.2.1 >"$WORK/noisy.txt" &
noisy=$!
sleep 1
curl -sS -D - -o - -H "Authorization: Basic $BASIC_AUTH" -H 'X-Forwarded-For: 192.0.2.1' \
  -H 'Content-Type: application/x-www-form-urlencoded' -d grant_type=client_credentials "$TOKEN_URL" \
  | grep -iE '^(HTTP|retry-after)|error' >"$WORK/refused.txt" || true
echo "steady client during the flood: $(paced)"
wait "$noisy"
read -r rps requests non2xx < <(sed -E 's/.*rps=([0-9.]+).*requests=([0-9]+) non2xx=([0-9]+).*/\1 \2 \3/' "$WORK/noisy.txt")
echo "flooding client: $requests requests at $rps req/s, $((requests - non2xx)) answered 200 ($(awk -v a="$((requests - non2xx))" -v d="${DURATION%s}" 'BEGIN{printf "%.0f", a/d}')/s), $non2xx refused"
echo "a refused answer during the flood:"; cat "$WORK/refused.txt"; echo
stop_server
