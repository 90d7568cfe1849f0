#!/bin/sh
# The `hydra` command in the server image (/usr/local/bin/hydra, the image's entrypoint): runs the jar with JVM
# flags by use, like bin/hydra does outside Docker. `serve` gets the full JIT and a heap of 75% of the container's
# memory; the short-lived management commands (clients, token, keys, migrate, ...) start faster with the C1
# compiler only and the serial collector. JAVA_OPTS adds JVM flags, e.g. -e JAVA_OPTS=-Xmx512m.
set -e
# `serve` maps the class-data archive recorded when the image was built (docker/record-class-data.sh), if there is one.
jar=/opt/openauthz/hydra.jar
archive=/opt/openauthz/hydra-serve.jsa
cds=""
[ -f "$archive" ] && cds="-XX:SharedArchiveFile=$archive -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
case "${1:-}" in
  serve) exec java $cds -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} -jar "$jar" "$@" ;;
  *) exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto ${JAVA_OPTS:-} -jar "$jar" "$@" ;;
esac
