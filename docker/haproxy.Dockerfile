# HAProxy from Debian's package, the load balancer of the replicated compose variant (compose/docker-compose.ha.yml),
# with its configuration (compose/haproxy.cfg) built in. The build context is the repository root:
#   docker build -f docker/haproxy.Dockerfile -t openauthz/haproxy .
# BASE_IMAGE: Debian bookworm (HAProxy 2.6 comes from its archive); compose/ha-test.sh passes the local
# debootstrap-made local/debian:bookworm on machines that cannot pull images.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}

# curl is for the health check only. The package creates the haproxy user.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy curl \
 && rm -rf /var/lib/apt/lists/*

COPY --chown=0:0 compose/haproxy.cfg /etc/haproxy/haproxy.cfg
# The configuration is checked at build time: a broken one fails the build, not the start.
RUN haproxy -c -q -f /etc/haproxy/haproxy.cfg

USER haproxy
# 4444 public API, 4445 admin API (the balanced ports); 8404 statistics (/stats, /stats;csv) and /healthz.
EXPOSE 4444 4445 8404

# Healthy while each of the two backends has at least one server up (monitor-uri in haproxy.cfg).
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8404/healthz || exit 1

# SIGUSR1 is HAProxy's soft stop: stop listening, finish the requests in flight, then exit.
STOPSIGNAL SIGUSR1
# -W master-worker (reload with SIGUSR2), -db in the foreground; logs go to standard output (haproxy.cfg).
ENTRYPOINT ["haproxy", "-W", "-db", "-f", "/etc/haproxy/haproxy.cfg"]
