#!/usr/bin/env bash
# Time from `hydra serve all` to /health/ready answering, on a migrated PostgreSQL and on DSN=memory; median of 5.
source "$(dirname "$0")/lib.sh"
ensure_built; machine; start_postgres
for dsn in "$DSN" memory; do
  times=()
  for i in 1 2 3 4 5; do
    t0=$(date +%s%N)
    DSN=$dsn SERVE_PUBLIC_PORT=9000 SERVE_ADMIN_PORT=9001 URLS_SELF_ISSUER=http://127.0.0.1:9000/ \
      setsid "$ROOT/bin/hydra" serve all --dangerous-force-http >"$WORK/startup.log" 2>&1 &
    pid=$!
    wait_ready http://127.0.0.1:9000/health/ready
    times+=("$(( ($(date +%s%N) - t0) / 1000000 ))")
    kill -TERM -- "-$pid"; wait "$pid" 2>/dev/null || true; sleep 0.5
  done
  label=$([ "$dsn" = memory ] && echo memory || echo PostgreSQL)
  echo "ready after start ($label): $(stat3 "${times[@]}") ms"
done
