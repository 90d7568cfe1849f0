#!/usr/bin/env bash
# Time from `hydra serve all` to /health/ready answering, on a migrated PostgreSQL and on DSN=memory; median of 5.
source "$(dirname "$0")/lib.sh"
ensure_built; machine; start_postgres
for dsn in "$DSN" memory; do
  label=$([ "$dsn" = memory ] && echo memory || echo PostgreSQL)
  echo "ready after start ($label): $(ready_after_start "$dsn") ms"
done
