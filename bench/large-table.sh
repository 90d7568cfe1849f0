#!/usr/bin/env bash
# Issuance speed with a large token table (ROWS, default 10 million, about 11 GB with indexes) compared with the
# empty table, and during a janitor run. On demand only: filling takes minutes.
source "$(dirname "$0")/lib.sh"
ROWS=${ROWS:-10000000}
ensure_built; machine; start_postgres; start_server
warm http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
measure "client_credentials, empty table" http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
echo "filling hydra_oauth2_access with $ROWS rows (half of them expired)..."
psql "$DSN" -q -c "insert into hydra_oauth2_access (signature, request_id, client_id, subject, requested_at, expires_at,
  granted_scope, requested_scope, granted_audience, requested_audience, active, session_data)
  select md5(g::text) || md5((g*7)::text), md5(g::text), 'bench', 'bench', now() - interval '2 hours',
         case when g % 2 = 0 then now() - interval '1 hour' else now() + interval '1 hour' end, '', '', '', '', true, '{}'
  from generate_series(1, $ROWS) g" -c "analyze hydra_oauth2_access"
echo "table size: $(psql "$DSN" -tAc "select pg_size_pretty(pg_total_relation_size('hydra_oauth2_access'))")"
measure "client_credentials, $ROWS rows" http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
"$ROOT/bin/hydra" janitor --tokens "$DSN" >"$WORK/janitor.log" 2>&1 &
janitor=$!
RUNS=1 measure "client_credentials during janitor --tokens" http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
wait "$janitor"; tail -n 2 "$WORK/janitor.log"
