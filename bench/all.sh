#!/usr/bin/env bash
# Every figure of docs/performance.md, one script after the other (about 10 minutes; large-table.sh is separate).
set -euo pipefail
here=$(dirname "$0")
for s in client-credentials introspection flows startup jmh; do echo "== $s"; "$here/$s.sh"; done
