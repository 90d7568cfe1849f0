# A Java 17 runtime on Debian bookworm: the local stand-in for eclipse-temurin:17-jre that compose/e2e-test.sh
# builds on machines that cannot pull images (BASE_IMAGE is the debootstrap-made local/debian:bookworm there).
# Anyone who can pull images does not need it.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
# The JRE's post-install script needs the man directory, which slim images leave out.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* /usr/share/man/*
ENV LANG=C.UTF-8
CMD ["java", "-version"]
