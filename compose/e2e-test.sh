#!/usr/bin/env bash
# Compose end-to-end test: the guide's stack (compose/docker-compose.yml) in Docker, and the guide's steps through
# its containers, on a machine that can pull no image.
#
#   compose/e2e-test.sh            # as root; Debian 12
#
# It installs Debian's docker.io, docker-compose (1.29) and debootstrap if missing; starts dockerd unless one is
# running (and then stops it by PID, and restores the iptables FORWARD policy and net.ipv4.ip_forward); builds local
# base images with debootstrap (the root file system is cached in ${XDG_CACHE_HOME:-$HOME/.cache}/openauthz);
# builds the jars with Maven if they are missing; builds and starts the stack with BASE_IMAGE and POSTGRES_IMAGE
# pointing at the local images; then walks the guide with `docker run ... <server image> <hydra command>`, and the
# browser sign-in through the published ports (curl with a cookie jar, in browser_sign_in below); checks the
# variants (embedded database, debug); and takes everything down. One line per step; exit status 1 on any failure.
# Logs of a failed run stay in the directory it names.
#
# The compose v2 syntax (`docker compose`) is proven on the way: Debian has no compose v2, so a CLI-plugin shim that
# runs docker-compose 1.29 is installed into ~/.docker/cli-plugins when `docker compose` does not work already.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
T0=$(date +%s)
WORK=$(mktemp -d -t compose-e2e.XXXXXX)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/openauthz
STACK=compose/docker-compose.yml
MEMORY_STACK=compose/docker-compose.memory.yml
DEBUG_OVERRIDE=compose/docker-compose.debug.yml
NETWORK=hydraguide
PREFIX=ory-hydra-example--
TOKEN_USER_CONTAINER=${PREFIX}token-user

# Local stand-ins for the public base images, passed to the compose files' build arguments.
LOCAL_DEBIAN=local/debian:bookworm
LOCAL_JAVA=local/debian-java:17
LOCAL_POSTGRES=local/postgres:15
export BASE_IMAGE=$LOCAL_JAVA POSTGRES_IMAGE=$LOCAL_POSTGRES
export OPENAUTHZ_VERSION=${OPENAUTHZ_VERSION:-latest}
SERVER_IMAGE=openauthz/hydra:$OPENAUTHZ_VERSION
export OPENAUTHZ_HYDRA_IMAGE=openauthz/hydra OPENAUTHZ_LOGIN_CONSENT_IMAGE=openauthz/login-consent
# The legacy builder: BuildKit/buildx is not packaged with Debian's docker.io.
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
# No colours and no progress bars in CI logs.
export COMPOSE_INTERACTIVE_NO_CLI=1 NO_COLOR=1

STACK_UP=""

# shellcheck source=compose/lib.sh
. compose/lib.sh

# ---------------------------------------------------------------------------------------------------- clean-up
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$STACK_UP" ] && docker info >/dev/null 2>&1; then
    collect_logs
    docker rm -f "$TOKEN_USER_CONTAINER" >/dev/null 2>&1
    v1 -f "$STACK" down -v --remove-orphans >>"$WORK/steps.log" 2>&1
    v1 -f "$MEMORY_STACK" down -v --remove-orphans >>"$WORK/steps.log" 2>&1
  fi
  stop_dockerd
}
exec 3>&1 4>&2
trap finish_and_exit EXIT
trap 'exec 1>&3 2>&4; fail "interrupted by a signal"; finish_and_exit' INT TERM

# ==================================================================================================== the run
log "compose end-to-end test (logs: $WORK)"
must "running as root" need_root
must "Debian packages docker.io, docker-compose, debootstrap" install_packages
must "Docker daemon" start_dockerd
must "compose v2 syntax (docker compose) available" install_compose_v2_shim
must "compose files valid for docker-compose 1.29 (v1)" sh -c "docker-compose -f $STACK config -q && docker-compose -f $MEMORY_STACK -f $DEBUG_OVERRIDE config -q"
must "leftovers of earlier runs removed" remove_leftovers "$STACK" "$MEMORY_STACK"
must "ports 9000, 9001, 9010, 9020 free" ports_free 9000 9001 9010 9020
must "local base images $LOCAL_DEBIAN, $LOCAL_JAVA, $LOCAL_POSTGRES" local_images
must "jars built (hydra.jar, login-consent.jar)" jars
must "docker-compose -f $STACK build" v1 -f "$STACK" build

STACK_UP=1
t_up=$(date +%s)
must "docker compose -f $STACK up -d (v2 syntax)" v2 -f "$STACK" up -d
UP_RETURNED=$(( $(date +%s) - t_up ))
must "migrate service ran and exited 0" migrate_succeeded
must "containers healthy: postgres, hydra, consent" wait_healthy 180 "${PREFIX}postgres" "${PREFIX}hydra" "${PREFIX}consent"
UP_TO_HEALTHY=$(( $(date +%s) - t_up ))
log "      up to healthy: ${UP_TO_HEALTHY}s (\`up -d\` returned after ${UP_RETURNED}s, with postgres and hydra healthy)"
step "health check on 9000 answers {\"status\":\"ok\"} (and 9001)" guide_health_check
step "docker-compose ps (v1) lists the guide's containers" sh -c "docker-compose -f $STACK ps | grep -q ${PREFIX}hydra"

step "docker run <server image> help lists the guide's commands" sh -c '
  h=$(docker run --rm -i "$0" help) && for c in clients help janitor keys migrate serve token version; do
    echo "$h" | grep -qw "$c" || { echo "no $c in: $h"; exit 1; }; done' "$SERVER_IMAGE"

# The guide's client credentials steps, through CLI containers on the guide's network.
guide_client_credentials "clients create some-consumer (client credentials)"
guide_sign_in "sign-in: consumer, login (foo@bar.com), consent, callback shows access, refresh and ID tokens"

collect_logs
step "docker compose down -v (v2 syntax)" v2 -f "$STACK" down -v --remove-orphans
step "no container, network or volume left" sh -c "
  [ -z \"\$(docker ps -aq --filter name=^${PREFIX})\" ] && ! docker network inspect $NETWORK >/dev/null 2>&1 \
  && [ -z \"\$(docker volume ls -q --filter name=ory-hydra-example_)\" ]"

# The variants: embedded database with debug logging.
t_up=$(date +%s)
step "docker-compose -f $MEMORY_STACK -f $DEBUG_OVERRIDE up -d" v1 -f "$MEMORY_STACK" -f "$DEBUG_OVERRIDE" up -d \
  && step "memory variant healthy: hydra, consent" wait_healthy 180 "${PREFIX}hydra" "${PREFIX}consent" \
  && log "      up to healthy (memory): $(( $(date +%s) - t_up ))s"
step "memory variant: DSN=memory, LOG_LEVEL=debug, no postgres" sh -c "
  docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' ${PREFIX}hydra | grep -qx DSN=memory &&
  docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' ${PREFIX}hydra | grep -qx LOG_LEVEL=debug &&
  ! docker inspect ${PREFIX}postgres >/dev/null 2>&1"
step "memory variant: clients create and token client" sh -c '
  docker run --rm -i --network hydraguide "$0" clients create --endpoint http://ory-hydra-example--hydra:4445 \
    --id some-consumer --secret some-secret --grant-types client_credentials --response-types token,code &&
  t=$(docker run --rm -i --network hydraguide "$0" token client --client-id some-consumer \
    --client-secret some-secret --endpoint http://ory-hydra-example--hydra:4444) &&
  echo "$t" | grep -Eq "^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$"' "$SERVER_IMAGE"
collect_logs
step "docker-compose down (memory variant)" v1 -f "$MEMORY_STACK" -f "$DEBUG_OVERRIDE" down -v --remove-orphans
STACK_UP=""

log "      images:"
docker images --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E '^(openauthz|local)/' | sort | sed 's/^/        /'
log "      up to healthy (PostgreSQL stack): ${UP_TO_HEALTHY}s"
finish_and_exit
