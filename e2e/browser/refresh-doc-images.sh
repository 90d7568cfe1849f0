#!/usr/bin/env bash
# Copies the screenshots the docs show from the last browser test run into docs/images/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
mkdir -p "$here/../../docs/images"
for name in guide-01-consumer guide-02-login guide-03-consent guide-04-tokens; do
  cp "$here/target/screenshots/$name.png" "$here/../../docs/images/$name.png"
done
echo "docs/images refreshed"
