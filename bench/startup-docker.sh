#!/usr/bin/env bash
# Ready after start in Docker: the server image built with its class-data archive (the default) and without it
# (--build-arg CLASS_DATA_ARCHIVE=false), started alternately with `docker run` (DSN=memory), timed from the
# `docker run` to the first /health/ready answer on the published admin port; median of 5 each, min-max.
# As root (it starts dockerd if none runs and builds the local base images as compose/e2e-test.sh does).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
WORK=$(mktemp -d -t startup-docker.XXXXXX)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/openauthz
LOCAL_DEBIAN=local/debian:bookworm LOCAL_JAVA=local/debian-java:17 LOCAL_POSTGRES=local/postgres:15
BASE_IMAGE=${BASE_IMAGE:-$LOCAL_JAVA}
export DOCKER_BUILDKIT=0
. compose/lib.sh
container=openauthz-startup-bench
cleanup() { docker rm -f "$container" >/dev/null 2>&1; stop_dockerd; rm -rf "$WORK"; }
trap cleanup EXIT
need_root && install_packages >/dev/null && start_dockerd >/dev/null || exit 1
[ "$BASE_IMAGE" != "$LOCAL_JAVA" ] || local_images >/dev/null || exit 1
jars >/dev/null || exit 1
for variant in true false; do
  docker build -q -t "openauthz/hydra:startup-archive-$variant" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
    --build-arg "CLASS_DATA_ARCHIVE=$variant" -f docker/server.Dockerfile . >/dev/null || exit 1
done
declare -A times
for i in 1 2 3 4 5; do
  for variant in true false; do
    t0=$(date +%s%N)
    docker run -d --name "$container" -p 127.0.0.1:19001:4445 -e DSN=memory \
      -e SECRETS_SYSTEM=startup-bench-secret-0123456789 "openauthz/hydra:startup-archive-$variant" \
      serve all --dangerous-force-http >/dev/null || exit 1
    for _ in $(seq 1 3000); do curl -fsS -o /dev/null http://127.0.0.1:19001/health/ready 2>/dev/null && break; sleep 0.02; done
    curl -fsS -o /dev/null http://127.0.0.1:19001/health/ready || { docker logs "$container"; exit 1; }
    times[$variant]+="$(( ($(date +%s%N) - t0) / 1000000 )) "
    docker rm -f "$container" >/dev/null
  done
done
stat3() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {printf "%s (%s-%s)", a[int((NR+1)/2)], a[1], a[NR]}'; }
# shellcheck disable=SC2086
echo "docker run to ready, with the class-data archive:    $(stat3 ${times[true]}) ms   (runs: ${times[true]})"
# shellcheck disable=SC2086
echo "docker run to ready, without the class-data archive: $(stat3 ${times[false]}) ms   (runs: ${times[false]})"
