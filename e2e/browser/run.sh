#!/usr/bin/env bash
# Runs the browser tests: installs chromium (Debian), playwright-core and oauth4webapi (npm) if missing, starts the
# guide's stack (server on 9000/9001 with DSN=memory or $DSN and public CORS on, login app on 9020), creates the
# guide's client and a device client (tv-device), runs the tests (the guide's sign-in, a page on another origin
# calling the token endpoint with fetch, signing in on a device, and a FAPI 2.0-style client doing PAR + PKCE + DPoP
# + the RFC 9207 iss check with oauth4webapi), and stops everything. Screenshots land in e2e/browser/target/screenshots.
# ADMIN_AUTH=1: the admin port requires bearer tokens (SERVE_ADMIN_AUTH_ENABLED) and the login app fetches its own
# with an admin client. The clients are created while the port is still open, then the server restarts with the
# setting, so the store must survive a restart: a throwaway PostgreSQL on 55440 unless $DSN is given. Only the
# guide's sign-in runs then (cors.test.mjs and fapi.test.mjs create their clients without a token).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P); root=$(cd "$here/../.." && pwd -P)
cd "$root"
start=$(date +%s)
[ -x /usr/bin/chromium ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
[ -d "$here/node_modules/playwright-core" ] && [ -d "$here/node_modules/oauth4webapi" ] \
  || (cd "$here" && npm ci --no-audit --no-fund --silent)
[ -f hydra-cli/target/hydra.jar ] && [ -f login-consent-app/target/login-consent.jar ] || mvn -B -q -ntp -DskipTests package
logs=$(mktemp -d -t browser-e2e.XXXX)
pids=()
pgdir=""
cleanup() {
  for p in "${pids[@]:-}"; do kill -TERM -- "-$p" 2>/dev/null || true; done
  [ -z "$pgdir" ] || { sleep 1; scripts/postgres-throwaway.sh --stop "$pgdir"; }
}
trap cleanup EXIT
admin_auth=${ADMIN_AUTH:-0}
if [ "$admin_auth" = 1 ] && [ -z "${DSN:-}" ]; then
  chmod 755 "$logs"; pgdir=$logs/pg
  DSN=$(scripts/postgres-throwaway.sh "$pgdir" 55440 | tail -n 1)
fi
export SECRETS_SYSTEM=${SECRETS_SYSTEM:-browser-e2e-secret-0123456789} DSN=${DSN:-memory}
export URLS_SELF_ISSUER=http://127.0.0.1:9000/ URLS_LOGIN=http://127.0.0.1:9020/login URLS_CONSENT=http://127.0.0.1:9020/consent \
  URLS_LOGOUT=http://127.0.0.1:9020/logout URLS_DEVICE_VERIFICATION=http://127.0.0.1:9020/device
export SERVE_PUBLIC_PORT=9000 SERVE_ADMIN_PORT=9001
# CORS for cors.test.mjs: the configured list names only the guide's consumer (9010), so the pages that test serves
# on other ports are allowed or refused by the client's allowed_cors_origins.
export SERVE_PUBLIC_CORS_ENABLED=true SERVE_PUBLIC_CORS_ALLOWED_ORIGINS=http://127.0.0.1:9010
[ "$DSN" = memory ] || bin/hydra migrate sql --yes "$DSN" >/dev/null
start_hydra() {
  SERVE_REQUEST_LOG_ENABLED=true setsid bin/hydra serve all --dangerous-force-http >>"$logs/hydra.log" 2>&1 & hydra_pid=$!; pids+=($hydra_pid)
  for _ in $(seq 1 240); do curl -fsS -o /dev/null http://127.0.0.1:9000/health/ready 2>/dev/null && break; sleep 0.25; done
}
start_hydra
bin/hydra clients create --endpoint http://127.0.0.1:9001 --id another-consumer --secret consumer-secret \
  -g authorization_code,refresh_token -r token,code,id_token --scope openid,offline \
  --callbacks http://127.0.0.1:9010/callback >/dev/null 2>&1
bin/hydra clients create --endpoint http://127.0.0.1:9001 --id tv-device --token-endpoint-auth-method none \
  -g urn:ietf:params:oauth:grant-type:device_code,refresh_token -r code --scope openid,offline >/dev/null 2>&1
login_env=(HYDRA_ADMIN_URL=http://127.0.0.1:9001 PORT=9020)
tests=(guide.test.mjs cors.test.mjs device.test.mjs fapi.test.mjs)
if [ "$admin_auth" = 1 ]; then
  bin/hydra clients create --endpoint http://127.0.0.1:9001 --id login-app --secret login-app-secret \
    -g client_credentials --scope admin >/dev/null
  kill -TERM -- "-$hydra_pid"
  for _ in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:9000/health/alive 2>/dev/null || break; sleep 0.25; done
  export SERVE_ADMIN_AUTH_ENABLED=true
  start_hydra
  code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9001/clients)
  [ "$code" = 401 ] || { echo "admin port answered $code without a token, expected 401" >&2; exit 1; }
  echo "admin port: 401 without a token; the login app signs in with its own admin client"
  login_env+=(HYDRA_TOKEN_URL=http://127.0.0.1:9000/oauth2/token HYDRA_ADMIN_CLIENT_ID=login-app
    HYDRA_ADMIN_CLIENT_SECRET=login-app-secret)
  tests=(guide.test.mjs)
fi
env "${login_env[@]}" setsid bin/login-consent >"$logs/consent.log" 2>&1 & pids+=($!)
for _ in $(seq 1 240); do curl -fsS -o /dev/null http://127.0.0.1:9020/ 2>/dev/null && break; sleep 0.25; done
status=0
printf '%s\n' consumer-secret foobar login-app-secret >"$logs/issued.txt"
(cd "$here" && ISSUED_VALUES_FILE="$logs/issued.txt" node --test --test-concurrency=1 "${tests[@]}") || status=$?
# No token, code, secret or password of those sign-ins in the logs (log.leak_sensitive_values is off).
scripts/check-logs-for-secrets.sh "$logs/issued.txt" "$logs/hydra.log" "$logs/consent.log" || status=1
echo "browser tests finished in $(( $(date +%s) - start ))s (logs: $logs; screenshots: $here/target/screenshots)"
exit $status
