#!/usr/bin/env bash
# Display-filter benchmark on the 1,000,000-packet capture made by
# ../shared/tools/gen-mix.py (cached under BUILD/bench/, shared with
# bench-fields.sh).
#
#   tests/bench/bench-filters.sh
#
# Environment: BUILD (default build), REMORA_CLI (default
# BUILD/src/cli/remora-cli), BENCH_MATCH (default
# BUILD/tests/bench/bench-filter-match), SHARED (default ../shared beside the
# source tree), BENCH_PACKETS (default 1000000), BENCH_RUNS (remora runs,
# best kept; default 3), BENCH_SERVER (default 198.51.100.107, one of
# gen-mix.py's web servers: a few hundred HTTP packets go to or from it).
#
# 1. `CLI -r F -Y 'http and ip.addr == SERVER' -T fields -e frame.number`
#    against tshark's same command: elapsed and CPU (user + system) seconds
#    from /usr/bin/time, both ratios, and whether both print the same bytes.
#    Target: >= 20x elapsed.  On a busy machine both programs wait for a
#    core, so the CPU ratio is the steadier figure; both are printed.
# 2. Filter-only throughput on one core, from bench-filter-match (it
#    dissects every frame once in fields mode with the filter's fields and
#    times only remora_dfilter_match(), less the clock's own cost), for four
#    filters.  Target: >= 5 M packets/s for the two L3/L4 filters.
# The load average is printed before and after: other work on the machine
# slows both programs.  Exit status 0 when the outputs agree and all targets
# are met.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
build="${BUILD:-build}"
cli="${REMORA_CLI:-$build/src/cli/remora-cli}"
matcher="${BENCH_MATCH:-$build/tests/bench/bench-filter-match}"
shared="${SHARED:-$root/../shared}"
packets="${BENCH_PACKETS:-1000000}"
runs="${BENCH_RUNS:-3}"
server="${BENCH_SERVER:-198.51.100.107}"
target_speedup=20
target_mpps=5
filter="http and ip.addr == $server"
fields=(-T fields -e frame.number)
match_filters=(
  'tcp.port == 80'
  'ip.addr == 10.0.0.0/8 and not tcp'
  'http.request.method == "GET"'
  'dns.qry.name contains "example"'
)

[[ -x "$cli" ]] || { echo "bench: $cli not built (tools/setup.sh builds it)" >&2; exit 2; }
[[ -x "$matcher" ]] || { echo "bench: $matcher not built (ninja -C $build builds it)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time missing (package time)" >&2; exit 2; }
command -v tshark >/dev/null || { echo "bench: tshark missing" >&2; exit 2; }

mkdir -p "$build/bench"
capture="$build/bench/mix-$packets.pcap"
if [[ ! -s "$capture" ]]; then
  echo "bench: making $capture (once; kept for later runs)"
  # Made under another name first, so an interrupted run leaves no half file.
  partial="$build/bench/mix-$packets.partial"
  python3 "$shared/tools/gen-mix.py" "$packets" 1 "$partial.pcap"
  mv "$partial.expected.tsv" "$build/bench/mix-$packets.expected.tsv"
  mv "$partial.pcap" "$capture"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# timed OUT CMD... : runs CMD with stdout to OUT, sets $secs (elapsed) and
# $cpu (user + system)
timed() {
  local out="$1"; shift
  local user sys
  /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" >"$out"
  read -r secs user sys <"$tmp/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "bench: $capture ($packets packets, $(stat -L -c %s "$capture") bytes), $(nproc) cores"
echo "bench: load average before: $(load)"
echo
echo "1. -Y '$filter' ${fields[*]}"

best_s="" best_cpu=""
for i in $(seq "$runs"); do
  timed "$tmp/remora.out" "$cli" -r "$capture" -Y "$filter" "${fields[@]}"
  echo "  remora run $i: ${secs} s elapsed, ${cpu} s CPU"
  if [[ -z "$best_s" ]] || awk -v a="$secs" -v b="$best_s" 'BEGIN{exit !(a<b)}'; then
    best_s=$secs
  fi
  if [[ -z "$best_cpu" ]] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN{exit !(a<b)}'; then
    best_cpu=$cpu
  fi
done
# tshark is slow, so it runs once.
timed "$tmp/tshark.out" tshark -r "$capture" -Y "$filter" "${fields[@]}"
tshark_s=$secs tshark_cpu=$cpu
echo "  tshark run 1: ${tshark_s} s elapsed, ${tshark_cpu} s CPU"

lines=$(wc -l <"$tmp/remora.out")
if cmp -s "$tmp/remora.out" "$tmp/tshark.out"; then
  same=yes
  echo "  outputs identical ($lines frames, sha256 $(sha256sum <"$tmp/remora.out" | cut -d' ' -f1))"
else
  same=no
  echo "  OUTPUTS DIFFER: remora $lines lines, tshark $(wc -l <"$tmp/tshark.out") lines"
fi

echo
echo "2. filter-only throughput, one core ($matcher)"
"$matcher" "$capture" "${match_filters[@]}" | tee "$tmp/match.out"
load_after=$(load)

awk -v rs="$best_s" -v ts="$tshark_s" -v rc="$best_cpu" -v tc="$tshark_cpu" -v runs="$runs" -v same="$same" \
    -v tsp="$target_speedup" -v tm="$target_mpps" -v la="$load_after" '
  # the match table: the filter is every column but the last six
  FNR > 1 {
    n++
    mpps[n] = $NF
    f = $1; for (i = 2; i <= NF - 6; i++) f = f " " $i
    name[n] = f
  }
  END {
    ratio = (rs > 0) ? ts / rs : 0
    cratio = (rc > 0) ? tc / rc : 0
    ok = (ratio >= tsp && same == "yes")
    printf "\n%-40s %12s %12s\n", "", "elapsed s", "CPU s"
    printf "%-40s %12.2f %12.2f\n", "remora-cli (best of " runs ")", rs, rc
    printf "%-40s %12.2f %12.2f\n", "tshark (1 run)", ts, tc
    printf "speed-up, elapsed:   %8.1fx   (target >= %dx)   %s\n", ratio, tsp, (ratio >= tsp ? "met" : "NOT MET")
    printf "speed-up, CPU:       %8.1fx\n", cratio
    printf "outputs identical:   %s\n\n", same
    for (i = 1; i <= n; i++) {
      target = (i <= 2) ? sprintf("(target >= %d M/s)", tm) : ""
      verdict = (i <= 2) ? ((mpps[i] >= tm) ? "met" : "NOT MET") : ""
      if (i <= 2 && mpps[i] < tm) ok = 0
      printf "%-40s %8.1f M packets/s  %-18s %s\n", name[i], mpps[i], target, verdict
    }
    printf "\nload average after:  %s\n", la
    exit !ok
  }' "$tmp/match.out"
