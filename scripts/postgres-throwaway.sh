#!/usr/bin/env bash
# Starts a private, throwaway PostgreSQL cluster for tests and prints its DSN on the last line.
#   scripts/postgres-throwaway.sh DIR PORT      -> postgres://hydra:secret@127.0.0.1:PORT/hydra?sslmode=disable
# Stop it with: scripts/postgres-throwaway.sh --stop DIR
# Uses Debian's PostgreSQL server binaries (installs the package if they are missing; needs root).
# PG_OPTIONS adds server settings, e.g. PG_OPTIONS="-c shared_buffers=1GB" (bench/lib.sh sizes it for load).
set -euo pipefail
if [ "${1:-}" = "--stop" ]; then
  dir=$2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  su postgres -c "$bin/pg_ctl -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
  exit 0
fi
dir=$1; port=$2
if ! ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing PostgreSQL server binaries (apt-get install postgresql)..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
mkdir -p "$dir"; chown postgres "$dir"
su postgres -c "$bin/initdb -D '$dir/data' -A trust -U postgres" >"$dir/initdb.log" 2>&1
su postgres -c "$bin/pg_ctl -D '$dir/data' -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' ${PG_OPTIONS:-}\" -l '$dir/postgres.log' -w start" >&2
psql -h 127.0.0.1 -p "$port" -U postgres -q -c "create role hydra login password 'secret'" -c "create database hydra owner hydra" >&2
echo "postgres://hydra:secret@127.0.0.1:$port/hydra?sslmode=disable"
