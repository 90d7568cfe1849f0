#!/usr/bin/env bash
# Renders the admin API reference (docs/admin-api/) from the committed OpenAPI spec, the contract
# (admin-client/src/main/openapi/admin-api.yaml). The build renders it into admin-client/target/admin-api-docs;
# this copies it into docs/. CI fails when docs/admin-api/ is stale (scripts/check-generated.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl admin-client -am -DskipTests package
rm -rf docs/admin-api && mkdir -p docs/admin-api
# Only the pages: the generator's own bookkeeping files differ between a fresh and a reused target/.
cp -r admin-client/target/admin-api-docs/README.md admin-client/target/admin-api-docs/Apis \
  admin-client/target/admin-api-docs/Models docs/admin-api/
echo "docs/admin-api rendered from admin-client/src/main/openapi/admin-api.yaml"
