#!/usr/bin/env bash
# client_credentials on PostgreSQL with a DPoP proof (RFC 9449) per request, beside the plain grant, per proof
# algorithm (ES256, RS256, EdDSA), in one run. The Java load generator signs a fresh proof (new jti, current iat)
# for every request, as a real client does; "plain" goes through the same generator without a proof. The variants
# alternate run by run (plain, ES256, RS256, EdDSA, plain, ...) so a busy moment of the box hits them alike.
# Medians of $RUNS (default 3) with min-max. Run under: flock /tmp/fixed-ports.lock bench/dpop.sh
source "$(dirname "$0")/lib.sh"
ensure_built; machine; start_postgres; start_server
VARIANTS=(none ES256 RS256 EdDSA)
load() {
  java $GEN_JAVA_OPTS -jar "$BENCH/target/bench.jar" load client-credentials --public http://127.0.0.1:9000 \
    --admin http://127.0.0.1:9001 --client-id bench --client-secret bench-secret-0123456789 --threads "$CONNS" \
    --dpop-alg "$1" --duration "$2"
}
# The JIT compiles each variant's path (and the generator's signing) only under load: warm each once, discarded.
for v in "${VARIANTS[@]}"; do load "$v" "${WARMUP_JAVA:-20}" >/dev/null; done
declare -A RPS P50 P99
for i in $(seq 1 "$RUNS"); do
  for v in "${VARIANTS[@]}"; do
    sleep 1
    line=$(load "$v" "${DURATION%s}" | grep '^RESULT')
    [[ "$line" == *"errors=0"* ]] || echo "  warning ($v run $i): $line" >&2
    RPS[$v]+="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line") "
    P50[$v]+="$(sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$line") "
    P99[$v]+="$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$line") "
  done
done
for v in "${VARIANTS[@]}"; do
  # Names other than summarize's own namerefs (r, a, b).
  read -ra runs_rps <<<"${RPS[$v]}"; read -ra runs_p50 <<<"${P50[$v]}"; read -ra runs_p99 <<<"${P99[$v]}"
  label="client_credentials, DPoP $v"; [ "$v" = none ] && label="client_credentials, plain (no proof)"
  summarize "$label" runs_rps runs_p50 runs_p99
done
# What the load generator alone spends: signing proofs on the same cores, no request sent.
for v in ES256 RS256 EdDSA; do
  line=$(java $GEN_JAVA_OPTS -jar "$BENCH/target/bench.jar" load dpop-sign --public http://127.0.0.1:9000 --client-id bench \
    --client-secret bench-secret-0123456789 --threads "$THREADS" --dpop-alg "$v" --duration 5 | grep '^RESULT')
  echo "load generator alone, signing $v proofs ($THREADS threads): $(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")/s"
done
echo "tokens stored: $(psql "$DSN" -tAc 'select count(*) from hydra_oauth2_access'), bound: $(psql "$DSN" -tAc \
  'select count(*) from hydra_oauth2_access where dpop_jkt is not null'), proof ids remembered: $(psql "$DSN" -tAc \
  'select count(*) from hydra_oauth2_jti_blacklist')"
