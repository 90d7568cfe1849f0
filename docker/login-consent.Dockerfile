# The login and consent app image, used where Hydra's guide uses oryd/hydra-login-consent-node:v1.10.2:
#   docker run -d --network hydraguide -p 9020:3000 -e HYDRA_ADMIN_URL=http://ory-hydra-example--hydra:4445 openauthz/login-consent
#
# The jar is built on the host first (the build context is the repository root):
#   mvn -B -DskipTests package
#   docker build -f docker/login-consent.Dockerfile -t openauthz/login-consent .
# BASE_IMAGE is any image with a Java 17+ runtime on PATH, a shell, apt-get and useradd (Debian or Ubuntu).
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

# The same first layer as docker/server.Dockerfile, so the two images share it.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10000 openauthz \
 && useradd --uid 10000 --gid 10000 --home-dir /opt/openauthz --no-create-home \
      --shell /usr/sbin/nologin openauthz \
 && mkdir -p /opt/openauthz \
 && chown 10000:10000 /opt/openauthz

COPY --chown=0:0 login-consent-app/target/login-consent.jar /opt/openauthz/login-consent.jar

USER 10000:10000
WORKDIR /opt/openauthz
ENV PORT=3000
EXPOSE 3000

HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/" || exit 1

# Extra JVM flags: JDK_JAVA_OPTIONS (read by the java launcher, which then notes them on standard error).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/openauthz/login-consent.jar"]
