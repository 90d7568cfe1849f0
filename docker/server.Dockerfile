# The OpenAuthz server image: the `hydra` command (serve, migrate, janitor and the management CLI), used where
# Hydra's guide uses oryd/hydra:v1.10.2, e.g.
#   docker run --rm --network hydraguide openauthz/hydra clients create --endpoint http://ory-hydra-example--hydra:4445 ...
#   docker run ... openauthz/hydra serve all --dangerous-force-http
#
# The jar is built on the host first (the build context is the repository root):
#   mvn -B -DskipTests package
#   docker build -f docker/server.Dockerfile -t openauthz/hydra .
# BASE_IMAGE is any image with a Java 17+ runtime on PATH, a shell, apt-get and useradd (Debian or Ubuntu).
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

# curl is for the health check only (the JRE images have none); no apt lists are kept.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10000 openauthz \
 && useradd --uid 10000 --gid 10000 --home-dir /opt/openauthz --no-create-home \
      --shell /usr/sbin/nologin openauthz \
 && mkdir -p /opt/openauthz \
 && chown 10000:10000 /opt/openauthz

COPY --chown=0:0 docker/hydra-entrypoint.sh /usr/local/bin/hydra
COPY --chown=0:0 hydra-cli/target/hydra.jar /opt/openauthz/hydra.jar
# The class-data archive of `serve` (docker/record-class-data.sh): containers are ready sooner.
# --build-arg CLASS_DATA_ARCHIVE=false leaves it out.
ARG CLASS_DATA_ARCHIVE=true
COPY --chown=0:0 docker/record-class-data.sh /usr/local/lib/openauthz/record-class-data.sh
RUN if [ "$CLASS_DATA_ARCHIVE" = true ]; then /usr/local/lib/openauthz/record-class-data.sh; fi

USER 10000:10000
WORKDIR /opt/openauthz
# 4444 public API, 4445 admin API (SERVE_PUBLIC_PORT / SERVE_ADMIN_PORT).
EXPOSE 4444 4445

# Ready when the admin port answers /health/ready (for `serve all` and `serve admin`; `serve public` users check
# 4444 themselves). CLI containers never run long enough for the first check.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVE_ADMIN_PORT:-4445}/health/ready" || exit 1

# `hydra` execs java with the jar: JVM flags by command (the full JIT for `serve`, a quick start for the CLI
# commands), plus JAVA_OPTS, e.g. -e JAVA_OPTS=-Xmx512m. So `docker run <image> <hydra command and flags>`.
ENTRYPOINT ["/usr/local/bin/hydra"]
CMD ["help"]
