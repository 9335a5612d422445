#!/usr/bin/env bash
# Set up, build and run the whole test suite (unit, oracle, robustness, GUI).
# GUI tests start their own virtual display with xvfb-run.
#
#   tools/run-tests.sh [meson test options, e.g. --suite unit]
#
# Hardening stages, off unless asked for (.ci/run asks for both):
#   REMORA_SANITIZE=1    also build build-asan (ASan + UBSan, no GUI) and run
#                        the same suite there, robustness and hostile included
#   REMORA_FUZZ_TIME=N   also run every libFuzzer target for N seconds
#                        (tests/fuzz/run-fuzzers.sh; clang, in build-fuzz)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools/setup.sh
status=0
meson test -C build --print-errorlogs "$@" || status=$?
logs=(build/meson-logs/testlog.json)

if [[ ${REMORA_SANITIZE:-0} == 1 ]]; then
  # A sanitizer finding aborts (SIGABRT), so scripts that accept a refusal
  # (an exit status with a message) still see it as a crash.  The
  # robustness test drops its address-space limit, which ASan's shadow
  # memory cannot meet.
  if [[ -f build-asan/build.ninja ]]; then
    meson setup --reconfigure build-asan -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false
  else
    meson setup build-asan -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false
  fi
  meson compile -C build-asan
  UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    REMORA_ROBUSTNESS_AS_MIB=0 \
    meson test -C build-asan --print-errorlogs --timeout-multiplier 3 "$@" || status=$?
  logs+=(build-asan/meson-logs/testlog.json)
fi

if [[ -n ${REMORA_FUZZ_TIME:-} ]]; then
  tests/fuzz/run-fuzzers.sh "$REMORA_FUZZ_TIME" || status=$?
fi

# One plain closing line, counted from meson's own logs of this run.
python3 - "${logs[@]}" <<'PY' || true
import json, os, sys
n = {"passed": 0, "failed": 0, "skipped": 0}
for log in sys.argv[1:]:
    for line in open(log) if os.path.exists(log) else []:
        r = json.loads(line).get("result", "")
        n["skipped" if r == "SKIP" else "passed" if r in ("OK", "EXPECTEDFAIL") else "failed"] += 1
print(f"{n['passed']} passed, {n['failed']} failed, {n['skipped']} skipped")
PY
exit "$status"
