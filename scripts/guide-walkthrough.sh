#!/usr/bin/env bash
# Walks the guide (docs/guide.md) against this build on the guide's ports, without Docker, and checks each output.
#   scripts/guide-walkthrough.sh                 # DSN=memory
#   scripts/guide-walkthrough.sh "$DSN"          # a fresh PostgreSQL database (migrated here)
# Needs `mvn -B -DskipTests package` first. Starts what it needs; stops it on exit. Prints one line per step.
set -u
cd "$(dirname "$0")/.."
DSN_ARG=${1:-memory}
WORK=$(mktemp -d -t walkthrough.XXXX)
SERVER_PID=""
finish() {
  [ -n "$SERVER_PID" ] && kill -TERM -- "-$SERVER_PID" 2>/dev/null
  for _ in $(seq 1 40); do [ -n "$SERVER_PID" ] && kill -0 -- "-$SERVER_PID" 2>/dev/null || break; sleep 0.25; done
}
trap finish EXIT
passed=0; failed=0
check() {
  local name=$1; shift
  if "$@" >>"$WORK/steps.log" 2>&1; then passed=$((passed+1)); echo "ok    $name"
  else failed=$((failed+1)); echo "FAIL  $name (logs in $WORK)"; fi
}
wait_for() { for _ in $(seq 1 240); do curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0; sleep 0.25; done; return 1; }
json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d'"$1"')'; }

for port in 9000 9001; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use; stop what listens there"; exit 2; fi
done
export SECRETS_SYSTEM=${SECRETS_SYSTEM:-$(head -c 48 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9' | head -c 32)}
export DSN=$DSN_ARG URLS_SELF_ISSUER=http://127.0.0.1:9000/ URLS_CONSENT=http://127.0.0.1:9020/consent \
  URLS_LOGIN=http://127.0.0.1:9020/login SERVE_PUBLIC_PORT=9000 SERVE_ADMIN_PORT=9001

if [ "$DSN" != memory ]; then
  check "hydra migrate sql --yes \$DSN" bin/hydra migrate sql --yes "$DSN"
fi
setsid bin/hydra serve all --dangerous-force-http >"$WORK/hydra.log" 2>&1 &
SERVER_PID=$!
check "hydra serve all: health check answers {\"status\":\"ok\"}" \
  sh -c 'curl -s --retry 0 http://127.0.0.1:9000/health/ready >/dev/null; for i in $(seq 1 240); do r=$(curl -fsS --max-time 2 http://127.0.0.1:9000/health/ready 2>/dev/null) && [ "$r" = "{\"status\":\"ok\"}" ] && exit 0; sleep 0.25; done; exit 1'
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
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
