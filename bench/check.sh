#!/usr/bin/env bash
# Compares a bench/all.sh result file with the recorded figures (bench/recorded.csv) and flags every figure of ours
# that got more than 15 % worse: a rate that fell, a time or a memory size that grew. Rates are compared relative
# to the Dropwizard hello baseline measured in the same sitting, so that a slower machine or a busier minute does not
# read as a slower build (the hello figure varies with the machine as ours does); times and memory as measured.
# Exit status 1 when something is flagged, 2 when there is nothing to compare.
# usage: bench/check.sh [RESULTS (default bench/target/all-results.csv)] [RECORDED (default bench/recorded.csv)]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
current=${1:-$here/target/all-results.csv}; recorded=${2:-$here/recorded.csv}
[ -f "$current" ] && [ -f "$recorded" ] || { echo "nothing to compare: $current or $recorded is missing" >&2; exit 2; }
python3 - "$current" "$recorded" <<'PY'
import csv, sys
current = {r["label"]: r for r in csv.DictReader(open(sys.argv[1]))}
recorded = {r["label"]: r for r in csv.DictReader(open(sys.argv[2]))}
flagged = compared = 0
print(f"{'figure':<58} {'recorded':>10} {'now':>10} {'change':>8}")
for label, now in current.items():
    before = recorded.get(label)
    if before is None or not label.startswith("ours:"):
        continue
    try:
        old, new = float(before["median"]), float(now["median"])
    except ValueError:
        # a figure the sitting failed to measure is flagged, never skipped
        compared += 1
        flagged += 1
        print(f"{label:<58} {before['median']:>10} {now['median']:>10}   NOT MEASURED")
        continue
    if now["unit"] == "/s" and now["baseline"] and before["baseline"]:
        # the same build on a machine half as fast halves hello too: compare shares of the baseline
        old, new = old / float(before["baseline"]), new / float(now["baseline"])
    change = (new - old) / old if old else 0.0
    worse = change < -0.15 if now["unit"] == "/s" else change > 0.15
    compared += 1
    flagged += worse
    print(f"{label:<58} {float(before['median']):>10,.1f} {float(now['median']):>10,.1f} {change:>+8.0%}"
          f"{'  WORSE by more than 15 %' if worse else ''}")
print(f"{compared} figures compared, {flagged} flagged")
sys.exit(1 if flagged else (0 if compared else 2))
PY
