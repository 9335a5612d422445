#!/usr/bin/env bash
# Runs every libFuzzer target for TIME seconds (default 60), one after the
# other, and fails when any of them finds a crash, a sanitizer report, a
# leak or a time-out.  Prints executions and coverage per target.
#
#   tests/fuzz/run-fuzzers.sh [TIME] [TARGET ...]
#
# Environment:
#   REMORA_FUZZ_BUILD   build folder (default build-fuzz beside build/); set up
#                       here with clang, -Dfuzzing=true and ASan+UBSan if missing
#   REMORA_FUZZ_JOBS    targets run at once (default 1: a fuzzer keeps a core
#                       busy, and CI and shared machines have two)
#   REMORA_FUZZ_RESEED  1: remake the seeds from the corpus even if present
#   REMORA_FUZZ_NO_BUILD 1: run the targets as already built
#   REMORA_FUZZ_TIMEOUT seconds one input may take before it counts as a
#                       hang (default 10).  Inputs are at most 64 KiB (256 KiB
#                       for the reader); the slowest the targets meet run in
#                       about 2 s under ASan, UBSan and coverage (~10 times
#                       an optimised build, 3 dissections per input), so an
#                       input past 10 s is a slow path worth fixing, as the
#                       DNS name walk once was (0.7 s optimised, 17 s here).
#
# The corpus each target grows is kept in BUILD/fuzz-corpus/<target> and
# reused by the next run; crashing inputs land in BUILD/fuzz-artifacts/.
# A crash found here belongs, minimised (-minimize_crash=1), in
# tests/regressions/fuzz-<target>/ (see tests/regressions/README.md).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
src=$PWD
time_s=${1:-60}
shift || true
build=${REMORA_FUZZ_BUILD:-build-fuzz}
jobs=${REMORA_FUZZ_JOBS:-1}

if [[ ! -f $build/build.ninja ]]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Dgui=false \
    -Db_sanitize=address,undefined -Db_lundef=false
fi
[[ ${REMORA_FUZZ_NO_BUILD:-0} == 1 ]] || ninja -C "$build" >/dev/null

seeds=$build/fuzz-seeds
missing_seeds=0
for t in capture-reader capture-stream dissect session dfilter-compile dfilter-eval; do
  [[ -d $seeds/fuzz-$t ]] || missing_seeds=1
done
if [[ $missing_seeds == 1 || ${REMORA_FUZZ_RESEED:-0} == 1 ]]; then
  tests/fuzz/make-seeds.sh "$build" "$seeds"
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

# First every target once over the inputs that once failed it.
failed=0
if ! meson test -C "$build" --suite fuzz --print-errorlogs >"$build/fuzz-regressions.log" 2>&1; then
  failed=1
  echo "run-fuzzers: a target fails on its regression inputs (see $build/fuzz-regressions.log)"
fi

declare -A max_len=(
  [capture-reader]=262144    # whole files; the pipe path takes up to 1 MiB
  [capture-stream]=65536     # 1 byte of chunking + a stream that fits a pipe
  [session]=65536            # whole files, every frame dissected twice
  [dissect]=65538            # 2 bytes of mode + a frame up to 64 KiB
  [dfilter-compile]=4096
  [dfilter-eval]=4096
)
targets=("$@")
(( ${#targets[@]} > 0 )) || targets=(capture-reader capture-stream dissect session dfilter-compile dfilter-eval)

logs=$build/fuzz-logs
mkdir -p "$logs"
run_one() {
  local t=$1 dict=()
  local corpus=$build/fuzz-corpus/fuzz-$t artifacts=$build/fuzz-artifacts/fuzz-$t/
  mkdir -p "$corpus" "$artifacts"
  [[ $t == dfilter-* ]] && dict=(-dict="$seeds/dfilter.dict")
  local rc=0
  "$build/tests/fuzz/fuzz-$t" -max_total_time="$time_s" -max_len="${max_len[$t]}" \
    -timeout="${REMORA_FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts" \
    "${dict[@]}" "$corpus" "$seeds/fuzz-$t" >"$logs/fuzz-$t.log" 2>&1 || rc=$?
  echo "$rc" >"$logs/fuzz-$t.rc"
}

echo "run-fuzzers: ${targets[*]}: $time_s s each, $jobs at a time (logs in $logs)"
for t in "${targets[@]}"; do
  while (( $(jobs -rp | wc -l) >= jobs )); do
    wait -n || true
  done
  rm -f "$logs/fuzz-$t.rc"
  run_one "$t" &
done
wait

for t in "${targets[@]}"; do
  rc=$(cat "$logs/fuzz-$t.rc" 2>/dev/null || echo lost)
  log=$logs/fuzz-$t.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1)
  if [[ $rc == 0 ]]; then
    printf 'run-fuzzers: fuzz-%-16s ok    %s executions (%s/s), %s\n' "$t" "${execs:-?}" "${speed:-?}" "${cov:-?}"
  else
    failed=1
    printf 'run-fuzzers: fuzz-%-16s FAIL  exit %s after %s executions; %s\n' "$t" "$rc" "${execs:-?}" \
      "$(grep -E 'SUMMARY|ERROR:|Test unit written' "$log" | head -3 | tr '\n' ' ')"
  fi
done
echo "run-fuzzers: done in $SECONDS s"
exit "$failed"
