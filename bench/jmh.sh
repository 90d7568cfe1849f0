#!/usr/bin/env bash
# JMH micro-benchmarks of the hot pieces (secret verification, token minting, ID token signing, sealing, JSON).
source "$(dirname "$0")/lib.sh"
ensure_built; machine
java -jar "$BENCH/target/bench.jar" jmh -rf text -rff "$WORK/jmh.txt" "${@:-HotPathBenchmarks}" | tail -n 12
