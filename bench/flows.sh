#!/usr/bin/env bash
# Refresh-token rotation chains and complete authorization-code flows (login and consent accepted through the admin
# API, no browser) per second, on PostgreSQL, beside the hello baseline. $CONNS closed-loop clients.
source "$(dirname "$0")/lib.sh"
ensure_built; machine; start_postgres; start_server; start_hello
warm http://127.0.0.1:9090/hello get.lua
warm http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
measure "Dropwizard hello (GET /hello)" http://127.0.0.1:9090/hello get.lua
measure_java "ours: refresh grant (rotations/s)" refresh
measure_java "ours: authorization-code flows/s (7 requests each)" authcode
