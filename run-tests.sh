#!/usr/bin/env bash
# The test command: builds everything and runs every test on a fresh machine (Java 17, Maven, Node 20; the rest —
# curl, PostgreSQL, chromium, Docker — is installed here when missing, which needs root and Debian's apt):
#   1. unit and integration tests of every module (real embedded PostgreSQL, real ports, Hydra's own npm SDK);
#   2. generated docs are up to date;
#   3. the guide's commands against bin/hydra and bin/login-consent, on DSN=memory and on a PostgreSQL server;
#   4. the guide's browser sign-in in Debian's chromium (playwright-core);
#   5. the fault suite (e2e/faults): a database outage, kill -9, a graceful stop and overload, under load;
#   6. the guide's Docker topology with docker compose, and two replicas behind HAProxy restarted one at a time
#      under load (skip both with SKIP_DOCKER=1).
set -euo pipefail
cd "$(dirname "$0")"
start=$(date +%s)
declare -a timings=()
phase() {
  local name=$1; shift
  local t0; t0=$(date +%s)
  echo "== $name"
  "$@"
  timings+=("$name: $(( $(date +%s) - t0 ))s")
}
apt_install() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
apt_install curl curl
apt_install psql postgresql-client

phase "unit and integration tests (mvn verify)" mvn -B -ntp verify
phase "generated docs are current" scripts/check-generated.sh
phase "guide walkthrough, DSN=memory" scripts/guide-walkthrough.sh memory
pgdir=$(mktemp -d -t pg.XXXX)
trap 'scripts/postgres-throwaway.sh --stop "$pgdir"' EXIT
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dsn=$(scripts/postgres-throwaway.sh "$pgdir" "$pgport" | tail -n 1)
phase "guide walkthrough, PostgreSQL" scripts/guide-walkthrough.sh "$dsn"
phase "browser sign-in (chromium)" e2e/browser/run.sh
phase "fault suite (outage, kill -9, graceful stop, overload)" e2e/faults/run.sh
if [ "${SKIP_DOCKER:-0}" != 1 ]; then
  phase "docker compose topology" compose/e2e-test.sh
  phase "replicas behind HAProxy, rolling restart" compose/ha-test.sh
fi
printf '%s\n' "${timings[@]}"
echo "== all tests passed in $(( $(date +%s) - start ))s"
