#!/usr/bin/env bash
# Replicated compose test: the stack of compose/docker-compose.ha.yml (two server replicas behind HAProxy on one
# PostgreSQL) on a machine that can pull no image, the guide's steps through HAProxy, and a rolling restart of the
# replicas under load with no failed request.
#
#   compose/ha-test.sh             # as root; Debian 12
#   LOAD_CONCURRENCY=4 LOAD_MIN_SECONDS=15 compose/ha-test.sh
#
# Like compose/e2e-test.sh, whose helpers it shares (compose/lib.sh): it installs docker.io, docker-compose and
# debootstrap if missing, starts dockerd unless one runs (and stops it by PID at the end), builds the local base
# images (the HAProxy image on local/debian:bookworm), builds the jars if they are missing, and starts the stack.
# Then: the guide's commands through HAProxy (CLI containers on the guide's network, whose server name
# ory-hydra-example--hydra is HAProxy there); the browser sign-in through the published ports; and a load of
# client_credentials token requests from this host through HAProxy (127.0.0.1:9000; LOAD_CONCURRENCY clients, each
# sending batches of keep-alive requests with curl) during which each replica in turn is restarted with
# `docker restart -t 30` (SIGTERM, then start) and the next one only once HAProxy has the restarted one back. It
# prints "failed requests during rolling restart: N of M" and fails if N > 0. One line per step; exit status 1 on
# any failure; logs of a failed run (steps, containers, HAProxy's request log) stay in the directory it names.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
T0=$(date +%s)
WORK=$(mktemp -d -t compose-ha.XXXXXX)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/openauthz
STACK=compose/docker-compose.ha.yml
NETWORK=hydraguide
PREFIX=ory-hydra-example--
TOKEN_USER_CONTAINER=${PREFIX}token-user
HAPROXY=${PREFIX}haproxy
REPLICAS=(hydra-1 hydra-2)
LOAD_CONCURRENCY=${LOAD_CONCURRENCY:-4}
# The load runs at least this long, and until every replica has been restarted and is back (at most 5 minutes).
LOAD_MIN_SECONDS=${LOAD_MIN_SECONDS:-15}
LOAD_MAX_SECONDS=300

LOCAL_DEBIAN=local/debian:bookworm
LOCAL_JAVA=local/debian-java:17
LOCAL_POSTGRES=local/postgres:15
export BASE_IMAGE=$LOCAL_JAVA POSTGRES_IMAGE=$LOCAL_POSTGRES HAPROXY_BASE_IMAGE=$LOCAL_DEBIAN
export OPENAUTHZ_VERSION=${OPENAUTHZ_VERSION:-latest}
SERVER_IMAGE=openauthz/hydra:$OPENAUTHZ_VERSION
export OPENAUTHZ_HYDRA_IMAGE=openauthz/hydra OPENAUTHZ_LOGIN_CONSENT_IMAGE=openauthz/login-consent \
  OPENAUTHZ_HAPROXY_IMAGE=openauthz/haproxy
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
export COMPOSE_INTERACTIVE_NO_CLI=1 NO_COLOR=1

STACK_UP=""
LOAD_PIDS=()

# shellcheck source=compose/lib.sh
. compose/lib.sh

# ---------------------------------------------------------------------------------------------------- clean-up
cleanup() {
  trap - EXIT INT TERM
  touch "$WORK/load.stop"
  [ ${#LOAD_PIDS[@]} -gt 0 ] && wait "${LOAD_PIDS[@]}" 2>/dev/null
  if [ -n "$STACK_UP" ] && docker info >/dev/null 2>&1; then
    collect_logs
    docker rm -f "$TOKEN_USER_CONTAINER" >/dev/null 2>&1
    v1 -f "$STACK" down -v --remove-orphans >>"$WORK/steps.log" 2>&1
  fi
  stop_dockerd
}
exec 3>&1 4>&2
trap finish_and_exit EXIT
trap 'exec 1>&3 2>&4; fail "interrupted by a signal"; finish_and_exit' INT TERM

# ---------------------------------------------------------------------------------------------------- HAProxy
stats_csv() { docker exec "$HAPROXY" curl -fsS 'http://127.0.0.1:8404/stats;csv' 2>/dev/null; }
# stat_field FIELD BACKEND SERVER < CSV: one field of HAProxy's statistics, e.g. status (UP, "UP 1/2" when going
# down, DOWN, MAINT, ...) or stot (requests sent to the server).
stat_field() {
  awk -F, -v f="$1" -v b="$2" -v s="$3" '
    NR == 1 { for (i = 1; i <= NF; i++) { n = $i; sub(/^# /, "", n); col[n] = i }; next }
    $1 == b && $2 == s { print $col[f]; exit }'
}
server_status() { stats_csv | stat_field status "$1" "$2"; }
server_sessions() { stats_csv | stat_field stot "$1" "$2"; }
# in_rotation SERVER: UP in both backends.
in_rotation() { [ "$(server_status public "$1")" = UP ] && [ "$(server_status admin "$1")" = UP ]; }
wait_in_rotation() { # SECONDS SERVER...
  local deadline=$(( $(date +%s) + $1 )) s
  shift
  for s in "$@"; do
    until in_rotation "$s"; do
      if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "$s: public $(server_status public "$s"), admin $(server_status admin "$s")"
        return 1
      fi
      sleep 0.25
    done
  done
}

# ---------------------------------------------------------------------------------------------------- load
# load_client N: sends client_credentials token requests through HAProxy until $WORK/load.stop exists (or for
# LOAD_MAX_SECONDS), in batches of 20 on one keep-alive connection per curl; one status per line in load-N.txt
# (000 when curl got no response).
load_client() {
  local out=$WORK/load-$1.txt end=$(( $(date +%s) + LOAD_MAX_SECONDS )) args=() _
  for _ in $(seq 1 20); do args+=(-o /dev/null http://127.0.0.1:9000/oauth2/token); done
  while [ ! -e "$WORK/load.stop" ] && [ "$(date +%s)" -lt "$end" ]; do
    curl -s --max-time 30 -w '%{http_code}\n' -u some-consumer:some-secret -d grant_type=client_credentials \
      "${args[@]}" >>"$out" 2>/dev/null
  done
}
# watch_states: HAProxy's view of the replicas (public/admin) every half second, for the log.
watch_states() {
  local s line csv
  while [ ! -e "$WORK/load.stop" ]; do
    csv=$(stats_csv)
    line="$(date +%T.%N | cut -c1-12)"
    for s in "${REPLICAS[@]}"; do
      line="$line  $s $(stat_field status public "$s" <<<"$csv")/$(stat_field status admin "$s" <<<"$csv")"
    done
    echo "$line"
    sleep 0.5
  done
}
# restart_replica NAME: `docker restart -t 30` (SIGTERM, up to 30 s to finish, then start); then waits until HAProxy
# has seen the replica go down (its chkdown count grew on both ports) and come back up.
restart_replica() {
  local t=$SECONDS down_public down_admin csv
  csv=$(stats_csv)
  down_public=$(stat_field chkdown public "$1" <<<"$csv")
  down_admin=$(stat_field chkdown admin "$1" <<<"$csv")
  echo "$(date +%T) restarting $1"
  docker restart -t 30 "${PREFIX}$1" >/dev/null || return 1
  echo "$(date +%T) $1 restarted after $((SECONDS - t))s"
  until csv=$(stats_csv) && [ "$(stat_field chkdown public "$1" <<<"$csv")" -gt "$down_public" ] \
      && [ "$(stat_field chkdown admin "$1" <<<"$csv")" -gt "$down_admin" ]; do
    [ $((SECONDS - t)) -gt 60 ] && { echo "HAProxy did not see $1 go down"; break; }
    sleep 0.25
  done
  wait_in_rotation 180 "$1" || return 1
  echo "$(date +%T) $1 back in rotation $((SECONDS - t))s after the restart began"
}
# The load with the rolling restart: sets LOAD_TOTAL, LOAD_FAILED and LOAD_SUMMARY.
rolling_restart_under_load() {
  local i r rc=0 t0=$SECONDS
  rm -f "$WORK"/load-*.txt "$WORK/load.stop"
  watch_states >"$WORK/haproxy-states.log" 2>&1 &
  LOAD_PIDS+=($!)
  for i in $(seq 1 "$LOAD_CONCURRENCY"); do
    load_client "$i" &
    LOAD_PIDS+=($!)
  done
  sleep 3
  for r in "${REPLICAS[@]}"; do
    restart_replica "$r" || { rc=1; break; }
    sleep 2
  done
  while [ $((SECONDS - t0)) -lt "$LOAD_MIN_SECONDS" ]; do sleep 1; done
  touch "$WORK/load.stop"
  wait "${LOAD_PIDS[@]}"
  LOAD_PIDS=()
  cat "$WORK"/load-*.txt >"$WORK/load-statuses.txt"
  LOAD_TOTAL=$(wc -l <"$WORK/load-statuses.txt")
  LOAD_FAILED=$(grep -vc '^200$' "$WORK/load-statuses.txt")
  LOAD_SUMMARY="$(sort "$WORK/load-statuses.txt" | uniq -c | awk '{printf "%s%s x %s", (NR > 1 ? ", " : ""), $1, $2}') in $((SECONDS - t0))s"
  echo "statuses: $LOAD_SUMMARY"
  # HAProxy's log lines of the requests that did not get a 200 (termination state after the status and sizes).
  docker logs "$HAPROXY" 2>&1 | awk '/oauth2\/token/ { for (i = 1; i < NF; i++) if ($i ~ /^[-0-9]+\/[-0-9]+\/[-0-9]+\/[-0-9]+\/[-+0-9]+$/) {
      if ($(i + 1) != 200) print; break } }' >"$WORK/haproxy-failed-requests.log"
  return $rc
}

spread_over_replicas() {
  local s n
  for s in "${REPLICAS[@]}"; do
    n=$(server_sessions public "$s")
    echo "public/$s: $n requests"
    [ "${n:-0}" -gt 0 ] || return 1
  done
}

# ==================================================================================================== the run
log "replicated compose test (logs: $WORK)"
must "running as root" need_root
must "Debian packages docker.io, docker-compose, debootstrap" install_packages
must "Docker daemon" start_dockerd
must "compose v2 syntax (docker compose) available" install_compose_v2_shim
must "compose file valid for docker-compose 1.29 (v1)" v1 -f "$STACK" config -q
must "leftovers of earlier runs removed" remove_leftovers "$STACK" compose/docker-compose.yml \
  compose/docker-compose.memory.yml
must "ports 9000, 9001, 9010, 9020 free" ports_free 9000 9001 9010 9020
must "local base images $LOCAL_DEBIAN, $LOCAL_JAVA, $LOCAL_POSTGRES" local_images
must "jars built (hydra.jar, login-consent.jar)" jars
must "docker-compose -f $STACK build" v1 -f "$STACK" build

STACK_UP=1
t_up=$(date +%s)
must "docker compose -f $STACK up -d (v2 syntax)" v2 -f "$STACK" up -d
must "migrate service ran and exited 0" migrate_succeeded
must "containers healthy: postgres, hydra-1, hydra-2, haproxy, consent" wait_healthy 240 "${PREFIX}postgres" \
  "${PREFIX}hydra-1" "${PREFIX}hydra-2" "$HAPROXY" "${PREFIX}consent"
log "      up to healthy: $(( $(date +%s) - t_up ))s"
must "HAProxy has hydra-1 and hydra-2 up on both ports" wait_in_rotation 30 "${REPLICAS[@]}"
step "the replicas publish no port; HAProxy publishes 9000 and 9001" sh -c "
  [ -z \"\$(docker port ${PREFIX}hydra-1)\" ] && [ -z \"\$(docker port ${PREFIX}hydra-2)\" ] &&
  docker port $HAPROXY 4444 | grep -q ':9000\$' && docker port $HAPROXY 4445 | grep -q ':9001\$'"
step "health check through HAProxy on 9000 answers {\"status\":\"ok\"} (and 9001)" guide_health_check

# The guide's client credentials steps, through CLI containers on the guide's network (the server name there is
# HAProxy's alias).
guide_client_credentials "clients create some-consumer (client credentials), through HAProxy"
step "token client from this host through 127.0.0.1:9000 (curl)" sh -c '
  curl -fsS --max-time 10 -u some-consumer:some-secret -d grant_type=client_credentials \
    http://127.0.0.1:9000/oauth2/token | grep -q "\"access_token\""'
guide_sign_in "sign-in through HAProxy: consumer, login (foo@bar.com), consent, callback shows the tokens"

# The rolling restart under load.
LOAD_TOTAL=0
LOAD_FAILED=0
LOAD_SUMMARY=""
step "rolling restart of hydra-1 then hydra-2 under load ($LOAD_CONCURRENCY clients, client_credentials through HAProxy)" \
  rolling_restart_under_load
log "      failed requests during rolling restart: $LOAD_FAILED of $LOAD_TOTAL ($LOAD_SUMMARY)"
if [ "$LOAD_TOTAL" -gt 0 ] && [ "$LOAD_FAILED" = 0 ]; then
  ok "no failed request during the rolling restart"
else
  fail "no failed request during the rolling restart" "$LOAD_FAILED of $LOAD_TOTAL failed; HAProxy's log lines of them in $WORK/haproxy-failed-requests.log, the replicas' states in $WORK/haproxy-states.log"
fi
step "HAProxy sent requests to both replicas" spread_over_replicas
TOKEN=$(hydra_cli token client --client-id some-consumer --client-secret some-secret \
  --endpoint http://ory-hydra-example--hydra:4444 2>>"$WORK/steps.log")
INTROSPECTION=$(hydra_cli token introspect --endpoint http://ory-hydra-example--hydra:4445 "$TOKEN" \
  2>>"$WORK/steps.log")
step "after the restarts: token client, token introspect through HAProxy" json_check \
  'd["active"] is True and d["client_id"] == "some-consumer"' "$INTROSPECTION"

collect_logs
step "docker compose down -v (v2 syntax)" v2 -f "$STACK" down -v --remove-orphans
STACK_UP=""
step "no container, network or volume left" sh -c "
  [ -z \"\$(docker ps -aq --filter name=^${PREFIX})\" ] && ! docker network inspect $NETWORK >/dev/null 2>&1 \
  && [ -z \"\$(docker volume ls -q --filter name=ory-hydra-example_)\" ]"
finish_and_exit
