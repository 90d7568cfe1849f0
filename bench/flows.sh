#!/usr/bin/env bash
# Refresh-token rotation chains and complete authorization-code flows (login and consent accepted through the admin
# API, no browser) per second, on PostgreSQL, beside the hello baseline. $CONNS closed-loop clients, each with its own
# keep-alive connections (the load generator's small blocking HTTP client, RawHttp). First sign-ins and returning users
# (remembered login and consent).
source "$(dirname "$0")/lib.sh"
ensure_built; machine; start_postgres; start_server; start_hello
warm http://127.0.0.1:9090/hello get.lua
warm http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
measure "Dropwizard hello (GET /hello)" http://127.0.0.1:9090/hello get.lua
measure_java "ours: refresh grant (rotations/s)" refresh
measure_java "ours: authorization-code flows/s (6 requests each)" authcode
# Returning users: each virtual user signed in once with remembered login and consent (not measured); every measured
# flow is skipped through both (the login app reads each request, sees skip=true and accepts): 8 requests each.
# Scope openid, as the peer's returning users get (peer-flows.sh with PROMPT="": without prompt=consent
# oidc-provider drops offline_access, so no refresh token).
measure_java "ours: returning user flows/s (8 requests each)" authcode --returning --scope openid
# The same flows without the openid scope: no ID token, so no RS256 signature (~1 ms of CPU each).
measure_java "ours: OAuth 2.0 code flows/s, no ID token" authcode --scope offline
# Returning users answered by the server itself (oauth2.accept_remembered_sign_ins, off by default, decision 0027):
# one authorization request straight to the client and the token request, 2 requests a flow.
stop_server
OAUTH2_ACCEPT_REMEMBERED_SIGN_INS=true start_server
measure_java "ours: returning user flows/s, server-accepted (2 requests each)" authcode --returning --server-accepts --scope openid
