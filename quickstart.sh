#!/usr/bin/env bash
# Starts the guide's stack on this machine with the in-memory store: the server (public 9000, admin 9001) and,
# once it exists, the login/consent app (9020). Builds first if needed. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f hydra-cli/target/hydra.jar ] || [ -n "$(find . -path ./node_modules -prune -o -name '*.java' -newer hydra-cli/target/hydra.jar -print -quit)" ]; then
  echo "Building (mvn -B -DskipTests package)..."
  mvn -B -q -ntp -DskipTests package
fi
export SECRETS_SYSTEM=${SECRETS_SYSTEM:-$(head -c 48 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9' | head -c 32)}
export DSN=${DSN:-memory}
export URLS_SELF_ISSUER=${URLS_SELF_ISSUER:-http://127.0.0.1:9000/}
export URLS_CONSENT=${URLS_CONSENT:-http://127.0.0.1:9020/consent}
export URLS_LOGIN=${URLS_LOGIN:-http://127.0.0.1:9020/login}
export SERVE_PUBLIC_PORT=${SERVE_PUBLIC_PORT:-9000} SERVE_ADMIN_PORT=${SERVE_ADMIN_PORT:-9001}
pids=()
stop() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
bin/hydra serve all --dangerous-force-http &
pids+=($!)
if [ -x bin/login-consent ] && grep -q "LoginConsentApplication" bin/login-consent 2>/dev/null; then
  HYDRA_ADMIN_URL=http://127.0.0.1:9001 PORT=9020 bin/login-consent &
  pids+=($!)
fi
for _ in $(seq 1 120); do curl -fsS -o /dev/null http://127.0.0.1:9000/health/ready 2>/dev/null && break; sleep 0.5; done
cat <<MSG

The server is up (DSN=$DSN): public http://127.0.0.1:9000, admin http://127.0.0.1:9001.
Try the guide's commands in another terminal:

  bin/hydra clients create --endpoint http://127.0.0.1:9001 --id some-consumer --secret some-secret \\
      --grant-types client_credentials --response-types token,code
  bin/hydra token client --client-id some-consumer --client-secret some-secret --endpoint http://127.0.0.1:9000
  bin/hydra token introspect --endpoint http://127.0.0.1:9001 <token>

Press Ctrl-C to stop.
MSG
wait
