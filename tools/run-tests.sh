#!/usr/bin/env bash
# Set up, build and run the whole test suite (unit, oracle, robustness, GUI).
# GUI tests start their own virtual display with xvfb-run.
#
#   tools/run-tests.sh [meson test options, e.g. --suite unit]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools/setup.sh
status=0
meson test -C build --print-errorlogs "$@" || status=$?

# One plain closing line, counted from meson's own log of this run.
python3 - build/meson-logs/testlog.json <<'PY' || true
import json, os, sys
n = {"passed": 0, "failed": 0, "skipped": 0}
for line in open(sys.argv[1]) if os.path.exists(sys.argv[1]) else []:
    r = json.loads(line).get("result", "")
    n["skipped" if r == "SKIP" else "passed" if r in ("OK", "EXPECTEDFAIL") else "failed"] += 1
print(f"{n['passed']} passed, {n['failed']} failed, {n['skipped']} skipped")
PY
exit "$status"
