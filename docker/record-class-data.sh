#!/bin/sh
# Run once while the server image is built: starts `hydra serve all` in memory with the JVM recording the classes it
# loads, sends it the requests a server answers first (discovery, JWKS, a client, a token, introspection), stops it,
# and keeps the application class-data archive the JVM writes when it exits (JDK dynamic AppCDS,
# https://openjdk.org/jeps/350). `hydra serve` maps the archive in at every later start instead of loading and
# verifying those classes from the jar again, as bin/hydra does outside Docker. The archive is bound to this image's
# JVM and jar; a JVM that cannot use it ignores it (-Xshare:auto), so a failed recording costs start-up time only.
set -u
jar=/opt/openauthz/hydra.jar
archive=/opt/openauthz/hydra-serve.jsa
log=/tmp/record-class-data.log
public=http://127.0.0.1:4444 admin=http://127.0.0.1:4445
DSN=memory SECRETS_SYSTEM=class-data-recording-only-0123456789 URLS_SELF_ISSUER=$public/ \
  java -XX:ArchiveClassesAtExit=$archive -Xlog:cds=off -Xlog:cds+dynamic=off -XX:MaxRAMPercentage=75 \
  -jar $jar serve all --dangerous-force-http >$log 2>&1 &
pid=$!
tries=0
until curl -fsS -o /dev/null $admin/health/ready 2>/dev/null; do
  tries=$((tries + 1))
  if [ $tries -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
    echo "class-data archive not recorded: the server did not become ready" >&2; cat $log >&2
    kill $pid 2>/dev/null; exit 0
  fi
  sleep 0.1
done
curl -fsS -o /dev/null $public/.well-known/openid-configuration
curl -fsS -o /dev/null $public/.well-known/jwks.json
curl -fsS -o /dev/null -H 'Content-Type: application/json' $admin/clients \
  -d '{"client_id":"cds","client_secret":"cds-secret-0123456789","grant_types":["client_credentials"]}'
token=$(curl -fsS -u cds:cds-secret-0123456789 -d grant_type=client_credentials $public/oauth2/token \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
curl -fsS -o /dev/null -d "token=$token" $admin/oauth2/introspect
curl -fsS -o /dev/null "$public/oauth2/auth?client_id=cds&response_type=code&state=recording-state-value" || true
kill -TERM $pid; wait $pid
if [ -s $archive ]; then
  echo "class-data archive: $(du -k $archive | cut -f1) KiB"
else
  echo "class-data archive not recorded (this JVM has no base archive?); the server starts without it" >&2
fi
rm -f $log
exit 0
