#!/usr/bin/env bash
# Fails when committed generated files differ from what the build makes: the rendered admin API reference.
# (The Java admin client itself is generated at build time and never committed.) Run after `mvn package`.
set -euo pipefail
cd "$(dirname "$0")/.."
stale=0
for part in README.md Apis Models; do
  diff -r -q "admin-client/target/admin-api-docs/$part" "docs/admin-api/$part" >/dev/null || stale=1
done
if [ "$stale" = 1 ]; then
  echo "docs/admin-api is stale: run scripts/render-admin-api-docs.sh and commit the result" >&2
  for part in README.md Apis Models; do diff -r "admin-client/target/admin-api-docs/$part" "docs/admin-api/$part"; done | head -20 >&2
  exit 1
fi
echo "generated docs are up to date"
