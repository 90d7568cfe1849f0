#!/usr/bin/env bash
# Complete authorization-code flows (bench/flows.sh's load) with an empty flow table compared with ROWS finished flows
# (default 3 million: 90 % used consent sessions of 200,000 other users, half of them remembered, 10 % abandoned or
# rejected), then during `hydra janitor --requests`, which deletes the abandoned ones (decision 0009). Same run,
# same server. On demand only: filling takes minutes.
source "$(dirname "$0")/lib.sh"
ROWS=${ROWS:-3000000}
ensure_built; machine; start_postgres; start_server
measure_java "authcode flows/s, empty flow table" authcode --scope offline
echo "filling hydra_oauth2_flow with $ROWS finished flows over the past 30 days..."
# The document is a stand-in of a real flow's size (~1 KB); only the janitor reads it, as jsonb, for used flows that
# are not listed.
psql "$DSN" -q -c "insert into hydra_oauth2_flow (login_challenge, login_verifier, consent_challenge, consent_verifier,
    state, client_id, subject, requested_at, consent_remembered, consent_listed, consent_handled_at, data)
  select md5('lc' || g), md5('lv' || g), md5('cc' || g), md5('cv' || g),
         case when g % 10 = 0 then (array['LOGIN_INITIALIZED','LOGIN_UNUSED','CONSENT_INITIALIZED','CONSENT_UNUSED'])[1 + g / 10 % 4]
              else 'CONSENT_USED' end,
         'bench', 'user-' || (g % 200000), now() - interval '30 days' * (g::float8 / $ROWS),
         g % 10 <> 0 and g % 2 = 0, g % 10 <> 0, now() - interval '30 days' * (g::float8 / $ROWS),
         '{\"pad\":\"' || repeat('x', 900) || '\"}'
  from generate_series(1, $ROWS) g" -c "vacuum analyze hydra_oauth2_flow"
echo "table size: $(psql "$DSN" -tAc "select pg_size_pretty(pg_total_relation_size('hydra_oauth2_flow'))")," \
  "$(psql "$DSN" -tAc "select count(*) from hydra_oauth2_flow") rows"
measure_java "authcode flows/s, $ROWS finished flows" authcode --scope offline
start=$(date +%s)
"$ROOT/bin/hydra" janitor --requests "$DSN" >"$WORK/janitor.log" 2>&1 &
janitor=$!
WARMUP_JAVA=5 RUNS=1 measure_java "authcode flows/s during janitor --requests" authcode --scope offline
wait "$janitor"; end=$(date +%s)
grep -v 'so far' "$WORK/janitor.log"
echo "janitor --requests took $((end - start)) s; $(psql "$DSN" -tAc "select count(*) from hydra_oauth2_flow") flows left"
