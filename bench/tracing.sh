#!/usr/bin/env bash
# The cost of tracing on the token endpoint: client_credentials on PostgreSQL with tracing off, then on (every
# request sampled, spans sent over OTLP/HTTP to a sink that accepts and drops them), alternated twice so that drift
# of a shared machine shows. Run under the fixed-ports lock: flock /tmp/fixed-ports.lock bench/tracing.sh
source "$(dirname "$0")/lib.sh"
[ -f "$ROOT/hydra-cli/target/hydra.jar" ] || (cd "$ROOT" && mvn -B -q -ntp -DskipTests -pl hydra-cli -am package)
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
SINK_PORT=${SINK_PORT:-14318}
machine; start_postgres
# An OTLP/HTTP sink: answers every export 200 with an empty ExportTraceServiceResponse, counts the bytes.
python3 - "$SINK_PORT" >"$WORK/sink.log" 2>&1 <<'PY' &
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    received = 0
    def do_POST(self):
        Sink.received += len(self.rfile.read(int(self.headers.get('Content-Length', 0))))
        self.send_response(200); self.send_header('Content-Type', 'application/x-protobuf')
        self.send_header('Content-Length', '0'); self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Sink).serve_forever()
PY
PIDS+=($!)
for round in 1 2; do
  for mode in off on; do
    if [ "$mode" = on ]; then
      export TRACING_PROVIDER=otlp TRACING_PROVIDERS_OTLP_SERVER_URL=127.0.0.1:$SINK_PORT TRACING_PROVIDERS_OTLP_INSECURE=true
    else
      unset TRACING_PROVIDER TRACING_PROVIDERS_OTLP_SERVER_URL TRACING_PROVIDERS_OTLP_INSECURE
    fi
    start_server
    warm http://127.0.0.1:9000/oauth2/token post-form.lua BASIC_AUTH="$BASIC_AUTH"
    measure "round $round, tracing $mode: client_credentials" http://127.0.0.1:9000/oauth2/token post-form.lua \
      BASIC_AUTH="$BASIC_AUTH"
    stop_server
  done
done
