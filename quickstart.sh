#!/usr/bin/env bash
# Starts the guide's stack on this machine with the in-memory store: the server (public 9000, admin 9001) and the
# login/consent app (9020). Builds first if needed. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f hydra-cli/target/hydra.jar ] || [ ! -f login-consent-app/target/login-consent.jar ] \
   || [ -n "$(find . -name node_modules -prune -o -name '*.java' -newer hydra-cli/target/hydra.jar -print -quit)" ]; then
  echo "Building (mvn -B -DskipTests package)..."
  mvn -B -q -ntp -DskipTests package
fi
export SECRETS_SYSTEM=${SECRETS_SYSTEM:-$(head -c 48 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9' | head -c 32)}
export DSN=${DSN:-memory}
export URLS_SELF_ISSUER=${URLS_SELF_ISSUER:-http://127.0.0.1:9000/}
export URLS_CONSENT=${URLS_CONSENT:-http://127.0.0.1:9020/consent}
export URLS_LOGIN=${URLS_LOGIN:-http://127.0.0.1:9020/login}
export URLS_LOGOUT=${URLS_LOGOUT:-http://127.0.0.1:9020/logout}
export URLS_DEVICE_VERIFICATION=${URLS_DEVICE_VERIFICATION:-http://127.0.0.1:9020/device}
export SERVE_PUBLIC_PORT=${SERVE_PUBLIC_PORT:-9000} SERVE_ADMIN_PORT=${SERVE_ADMIN_PORT:-9001}
pids=()
stop() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
bin/hydra serve all --dangerous-force-http &
pids+=($!)
HYDRA_ADMIN_URL=http://127.0.0.1:9001 PORT=9020 bin/login-consent &
pids+=($!)
for url in http://127.0.0.1:9000/health/ready http://127.0.0.1:9020/; do
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "$url" 2>/dev/null && break; sleep 0.5; done
done
cat <<MSG

The guide's stack is up (DSN=$DSN): server public http://127.0.0.1:9000, admin http://127.0.0.1:9001,
login/consent app http://127.0.0.1:9020. Try the guide's commands in another terminal:

  bin/hydra clients create --endpoint http://127.0.0.1:9001 --id some-consumer --secret some-secret \\
      --grant-types client_credentials --response-types token,code
  bin/hydra token client --client-id some-consumer --client-secret some-secret --endpoint http://127.0.0.1:9000
  bin/hydra token introspect --endpoint http://127.0.0.1:9001 <token>

  bin/hydra clients create --endpoint http://127.0.0.1:9001 --id another-consumer --secret consumer-secret \\
      -g authorization_code,refresh_token -r token,code,id_token --scope openid,offline \\
      --callbacks http://127.0.0.1:9010/callback
  bin/hydra token user --port 9010 --auth-url http://127.0.0.1:9000/oauth2/auth \\
      --token-url http://127.0.0.1:9000/oauth2/token --client-id another-consumer \\
      --client-secret consumer-secret --scope openid,offline --redirect http://127.0.0.1:9010/callback

then open http://127.0.0.1:9010/ and sign in as foo@bar.com / foobar.

Press Ctrl-C to stop.
MSG
wait
