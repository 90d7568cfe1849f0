#!/usr/bin/env bash
# Walks the guide (docs/guide.md) against this build on the guide's ports, without Docker, and checks each output.
#   scripts/guide-walkthrough.sh                 # DSN=memory
#   scripts/guide-walkthrough.sh "$DSN"          # a fresh PostgreSQL database (migrated here)
# Needs `mvn -B -DskipTests package` first. Starts what it needs; stops it on exit. Prints one line per step.
set -u
cd "$(dirname "$0")/.."
DSN_ARG=${1:-memory}
WORK=$(mktemp -d -t walkthrough.XXXX)
PIDS=()
finish() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -TERM -- "-$p" 2>/dev/null; done
  for p in "${PIDS[@]:-}"; do
    for _ in $(seq 1 40); do [ -n "$p" ] && kill -0 -- "-$p" 2>/dev/null || break; sleep 0.25; done
  done
}
trap finish EXIT
passed=0; failed=0
check() {
  local name=$1; shift
  if "$@" >>"$WORK/steps.log" 2>&1; then passed=$((passed+1)); echo "ok    $name"
  else failed=$((failed+1)); echo "FAIL  $name (logs in $WORK)"; fi
}
wait_for() { for _ in $(seq 1 240); do curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0; sleep 0.25; done; return 1; }
# The browser part of the guide with curl and a cookie jar: authorize link -> login form -> consent form -> callback.
sign_in() {
  local jar="$WORK/cookies.txt" page link next
  page=$(curl -fsS -c "$jar" -b "$jar" http://127.0.0.1:9010/) || return 1
  link=$(printf '%s' "$page" | python3 -c 'import html,re,sys; m=re.search(r"href=\"([^\"]*oauth2/auth[^\"]*)\"", sys.stdin.read()); print(html.unescape(m.group(1)))') || return 1
  next=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$link")
  for name in state nonce; do printf '%s\n' "$link" | sed -n "s/.*[?&]$name=\([^&]*\).*/\1/p" >>"$WORK/issued.txt"; done
  [[ "$next" == http://127.0.0.1:9020/login?login_challenge=* ]] || { echo "expected the login page, got $next"; return 1; }
  page=$(curl -fsS -c "$jar" -b "$jar" "$next") || return 1
  next=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' http://127.0.0.1:9020/login \
    --data-urlencode "challenge=$(form_value "$page" challenge)" --data-urlencode "_csrf=$(form_value "$page" _csrf)" \
    --data-urlencode email=foo@bar.com --data-urlencode password=foobar --data-urlencode "submit=Log in")
  next=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$next")
  [[ "$next" == http://127.0.0.1:9020/consent?consent_challenge=* ]] || { echo "expected the consent page, got $next"; return 1; }
  page=$(curl -fsS -c "$jar" -b "$jar" "$next") || return 1
  next=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' http://127.0.0.1:9020/consent \
    --data-urlencode "challenge=$(form_value "$page" challenge)" --data-urlencode "_csrf=$(form_value "$page" _csrf)" \
    --data-urlencode grant_scope=openid --data-urlencode grant_scope=offline --data-urlencode "submit=Allow access")
  next=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$next")
  [[ "$next" == http://127.0.0.1:9010/callback?code=* ]] || { echo "expected the callback with a code, got $next"; return 1; }
  page=$(curl -fsS "$next") || return 1
  # What the server issued, for the check that none of it is in the logs.
  printf '%s\n' "$next" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' >>"$WORK/issued.txt"
  printf '%s' "$page" | grep -oE '[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}|eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+' >>"$WORK/issued.txt"
  for id in access-token refresh-token id-token; do printf '%s' "$page" | grep -q "id=\"$id\"" || { echo "no $id on the page"; return 1; }; done
}
form_value() { printf '%s' "$1" | python3 -c 'import html,re,sys; m=re.search(r"name=\"'"$2"'\" value=\"([^\"]*)\"", sys.stdin.read()); print(html.unescape(m.group(1)))'; }

for port in 9000 9001 9010 9020; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use; stop what listens there"; exit 2; fi
done
export SECRETS_SYSTEM=${SECRETS_SYSTEM:-$(head -c 48 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9' | head -c 32)}
export DSN=$DSN_ARG URLS_SELF_ISSUER=http://127.0.0.1:9000/ URLS_CONSENT=http://127.0.0.1:9020/consent \
  URLS_LOGIN=http://127.0.0.1:9020/login SERVE_PUBLIC_PORT=9000 SERVE_ADMIN_PORT=9001

if [ "$DSN" != memory ]; then
  check "hydra migrate sql --yes \$DSN" bin/hydra migrate sql --yes "$DSN"
fi
# With the request log on, so the check at the end sees the query strings that carry codes and verifiers.
SERVE_REQUEST_LOG_ENABLED=true setsid bin/hydra serve all --dangerous-force-http >"$WORK/hydra.log" 2>&1 &
PIDS+=($!)
check "hydra serve all: health check answers {\"status\":\"ok\"}" \
  sh -c 'for i in $(seq 1 240); do r=$(curl -fsS --max-time 2 http://127.0.0.1:9000/health/ready 2>/dev/null) && [ "$r" = "{\"status\":\"ok\"}" ] && exit 0; sleep 0.25; done; exit 1'
check "hydra help lists every command of the guide" \
  sh -c 'h=$(bin/hydra help) && for c in clients help janitor keys migrate serve token version; do echo "$h" | grep -qw "$c" || exit 1; done'
check "hydra clients create (client credentials client)" \
  bin/hydra clients create --endpoint http://127.0.0.1:9001 --id some-consumer --secret some-secret \
    --grant-types client_credentials --response-types token,code
TOKEN=$(bin/hydra token client --client-id some-consumer --client-secret some-secret --endpoint http://127.0.0.1:9000 2>>"$WORK/steps.log")
check "hydra token client prints an access token" sh -c "echo '$TOKEN' | grep -Eq '^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$'"
INTROSPECTION=$(bin/hydra token introspect --client-id some-consumer --client-secret some-secret \
  --endpoint http://127.0.0.1:9001 "$TOKEN" 2>>"$WORK/steps.log")
check "hydra token introspect shows active, client_id, exp, iat, iss, sub, token_type" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["active"] is True and d["client_id"] == "some-consumer" and d["sub"] == "some-consumer", d
assert d["iss"] == "http://127.0.0.1:9000/" and d["exp"] > d["iat"] and d["token_type"] == "Bearer", d
' "$INTROSPECTION"
check "hydra token revoke, then introspection says inactive" sh -c "bin/hydra token revoke --client-id some-consumer --client-secret some-secret --endpoint http://127.0.0.1:9000 '$TOKEN' && bin/hydra token introspect --endpoint http://127.0.0.1:9001 '$TOKEN' | grep -q '\"active\": *false'"
check "hydra clients create (authorization code client of the guide)" \
  bin/hydra clients create --endpoint http://127.0.0.1:9001 --id another-consumer --secret consumer-secret \
    -g authorization_code,refresh_token -r token,code,id_token --scope openid,offline \
    --callbacks http://127.0.0.1:9010/callback
HYDRA_ADMIN_URL=http://127.0.0.1:9001 PORT=9020 setsid bin/login-consent >"$WORK/consent.log" 2>&1 &
PIDS+=($!)
check "bin/login-consent answers on 9020" wait_for http://127.0.0.1:9020/
setsid bin/hydra token user --port 9010 --auth-url http://127.0.0.1:9000/oauth2/auth \
  --token-url http://127.0.0.1:9000/oauth2/token --client-id another-consumer --client-secret consumer-secret \
  --scope openid,offline --redirect http://127.0.0.1:9010/callback --no-open >"$WORK/token-user.log" 2>&1 &
PIDS+=($!)
check "hydra token user serves 'Authorize application' on 9010" \
  sh -c 'for i in $(seq 1 240); do curl -fsS http://127.0.0.1:9010/ 2>/dev/null | grep -q "Authorize application" && exit 0; sleep 0.25; done; exit 1'
check "sign in as foo@bar.com, consent, tokens on the callback page (curl as the browser)" sign_in
check "hydra token user printed the tokens and exited" \
  sh -c "for i in \$(seq 1 40); do grep -q 'ID Token:' '$WORK/token-user.log' && exit 0; sleep 0.25; done; exit 1"
printf '%s\n' some-secret consumer-secret foobar "$TOKEN" >>"$WORK/issued.txt"
check "no issued token, code, secret or password in the server's or the login app's log" \
  scripts/check-logs-for-secrets.sh "$WORK/issued.txt" "$WORK/hydra.log" "$WORK/consent.log"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
