#!/usr/bin/env bash
# Introspection of an active token (admin port, PostgreSQL) beside the hello baseline and the one-process peer.
source "$(dirname "$0")/lib.sh"
ensure_built; machine; start_postgres; start_server; start_hello
token=$(curl -fsS -u bench:bench-secret-0123456789 -d grant_type=client_credentials http://127.0.0.1:9000/oauth2/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
warm http://127.0.0.1:9090/hello get.lua
warm http://127.0.0.1:9001/oauth2/introspect post-form.lua BODY="token=$token"
measure "Dropwizard hello (GET /hello)" http://127.0.0.1:9090/hello get.lua
measure "ours: introspection (PostgreSQL)" http://127.0.0.1:9001/oauth2/introspect post-form.lua BODY="token=$token"
start_peer 1 18101
if [ -n "$PEER_PID" ]; then
  ptoken=$(curl -fsS -u bench:bench-secret-0123456789 -d grant_type=client_credentials http://127.0.0.1:18101/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  measure "peer node-oidc-provider, 1 process" http://127.0.0.1:18101/token/introspection post-form.lua BODY="token=$ptoken" BASIC_AUTH="$BASIC_AUTH"
fi
