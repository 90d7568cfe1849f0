#!/usr/bin/env bash
# Fails when a value that must never be logged (log.leak_sensitive_values is off) appears in a log file.
#   scripts/check-logs-for-secrets.sh VALUES_FILE LOG_FILE...
# VALUES_FILE holds one value per line: issued tokens, codes, client secrets, passwords (blank lines are skipped).
# Prints each leaked value masked (its first 6 characters) with the log that holds it; the values themselves are
# never printed.
set -u
values=$1; shift
[ -s "$values" ] || { echo "no values to look for in $values"; exit 1; }
leaks=0; checked=0
while IFS= read -r value; do
  [ -n "$value" ] || continue
  checked=$((checked+1))
  for log in "$@"; do
    if grep -qF -- "$value" "$log"; then
      echo "LEAK  ${value:0:6}... ($(( ${#value} )) characters) is in $log"
      leaks=$((leaks+1))
    fi
  done
done <"$values"
echo "checked $checked values in $# logs: $leaks leaks"
[ "$leaks" = 0 ]
