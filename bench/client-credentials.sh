#!/usr/bin/env bash
# client_credentials issuance on PostgreSQL, beside the Dropwizard hello baseline and the in-memory
# node-oidc-provider peer (one and two worker processes), all in one run. Medians of $RUNS (default 3).
source "$(dirname "$0")/lib.sh"
ensure_built; machine; start_postgres; start_server; start_hello
warm http://127.0.0.1:9090/hello get.lua
warm http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
measure "Dropwizard hello (GET /hello)" http://127.0.0.1:9090/hello get.lua
measure "ours: client_credentials (PostgreSQL)" http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
start_peer 1 18101
[ -n "$PEER_PID" ] && measure "peer node-oidc-provider, 1 process (memory)" http://127.0.0.1:18101/token post-form.lua BASIC_AUTH="$BASIC_AUTH" && stop_pid "$PEER_PID"
start_peer 2 18102
[ -n "$PEER_PID" ] && measure "peer node-oidc-provider, 2 workers (memory)" http://127.0.0.1:18102/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
echo "tokens stored: $(psql "$DSN" -tAc 'select count(*) from hydra_oauth2_access')"
