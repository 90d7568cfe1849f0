#!/usr/bin/env bash
# The test command: builds everything and runs every test on a fresh machine (Java 17, Maven; the rest is
# installed here). Unit tests, integration tests on a real embedded PostgreSQL, then the guide's commands against
# the built `bin/hydra` on DSN=memory and on a throwaway PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")"
start=$(date +%s)
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl; }
mvn -B -ntp verify
echo "== guide walkthrough, DSN=memory"
scripts/guide-walkthrough.sh memory
echo "== guide walkthrough, PostgreSQL"
pgdir=$(mktemp -d -t pg.XXXX)
dsn=$(scripts/postgres-throwaway.sh "$pgdir" 55432 | tail -n 1)
trap 'scripts/postgres-throwaway.sh --stop "$pgdir"' EXIT
scripts/guide-walkthrough.sh "$dsn"
echo "== all tests passed in $(( $(date +%s) - start ))s"
