#!/usr/bin/env bash
# Fields-mode benchmark: remora-cli against tshark on a 1,000,000-packet
# capture made by ../shared/tools/gen-mix.py (cached under BUILD/bench/).
#
#   tests/bench/bench-fields.sh
#
# Environment: BUILD (default build), REMORA_CLI (default
# BUILD/src/cli/remora-cli), SHARED (default ../shared beside the source
# tree), BENCH_PACKETS (default 1000000), BENCH_RUNS (remora runs, best
# kept; default 3), BENCH_FIELDS (the -e list, default
# "frame.number ip.src tcp.srcport"; the protocols issue's run uses
# "http.request.uri dns.qry.name tls.handshake.extensions_server_name").
#
# Times `CLI -r F -T fields -e frame.number -e ip.src -e tcp.srcport` with
# /usr/bin/time (elapsed seconds, peak RSS), checks that both programs print
# the same bytes, and compares with the targets: at least 10x tshark's speed
# and at most 48 bytes of memory per packet beyond the (mapped) file.
# Exit status 0 when the outputs agree and both targets are met.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
build="${BUILD:-build}"
cli="${REMORA_CLI:-$build/src/cli/remora-cli}"
shared="${SHARED:-$root/../shared}"
packets="${BENCH_PACKETS:-1000000}"
runs="${BENCH_RUNS:-3}"
target_speedup=10
target_bpp=48
fields=(-T fields)
for f in ${BENCH_FIELDS:-frame.number ip.src tcp.srcport}; do fields+=(-e "$f"); done

[[ -x "$cli" ]] || { echo "bench: $cli not built (tools/setup.sh builds it)" >&2; exit 2; }
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
size=$(stat -L -c %s "$capture")

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# timed OUT CMD... : runs CMD with stdout to OUT, sets $secs and $rss_kb
timed() {
  local out="$1"; shift
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$out"
  read -r secs rss_kb <"$tmp/time"
}

echo "bench: $capture ($packets packets, $size bytes)"
echo "bench: fields: ${fields[*]:2}"

best_s="" best_rss=""
for i in $(seq "$runs"); do
  timed /dev/null "$cli" -r "$capture" "${fields[@]}"
  echo "  remora run $i: ${secs} s, peak RSS ${rss_kb} KB"
  if [[ -z "$best_s" ]] || awk -v a="$secs" -v b="$best_s" 'BEGIN{exit !(a<b)}'; then
    best_s=$secs best_rss=$rss_kb
  fi
done

# tshark is slow, so it runs once; its output goes to a file (for the
# comparison below) rather than /dev/null, which costs it a few ms at most.
timed "$tmp/tshark.out" tshark -r "$capture" "${fields[@]}"
tshark_s=$secs tshark_rss=$rss_kb
echo "  tshark run 1: ${tshark_s} s, peak RSS ${tshark_rss} KB"

# Untimed: the bytes remora prints must be tshark's.
remora_sum=$("$cli" -r "$capture" "${fields[@]}" | sha256sum | cut -d' ' -f1)
tshark_sum=$(sha256sum <"$tmp/tshark.out" | cut -d' ' -f1)
if [[ "$remora_sum" == "$tshark_sum" ]]; then
  same=yes
  echo "bench: outputs identical (sha256 $remora_sum)"
else
  same=no
  echo "bench: OUTPUTS DIFFER: remora sha256 $remora_sum, tshark sha256 $tshark_sum"
fi

awk -v rs="$best_s" -v rr="$best_rss" -v ts="$tshark_s" -v tr="$tshark_rss" \
    -v size="$size" -v n="$packets" -v runs="$runs" -v same="$same" \
    -v tsp="$target_speedup" -v tbpp="$target_bpp" 'BEGIN {
  ratio = (rs > 0) ? ts / rs : 0
  bpp = (rr * 1024 - size) / n
  printf "\n%-34s %12s %14s\n", "", "elapsed s", "peak RSS KB"
  printf "%-34s %12.2f %14d\n", "remora-cli (best of " runs ")", rs, rr
  printf "%-34s %12.2f %14d\n", "tshark (1 run)", ts, tr
  printf "\nspeed-up:            %8.1fx   (target >= %dx)   %s\n", ratio, tsp, (ratio >= tsp ? "met" : "NOT MET")
  printf "remora memory:       %8.1f B/packet   ((peak RSS - file size) / packets; target <= %d)   %s\n", \
         bpp, tbpp, (bpp <= tbpp ? "met" : "NOT MET")
  printf "remora resident:     %8.1f B/packet   (peak RSS / packets: everything resident, the\n", rr * 1024 / n
  printf "                                          window of the file still mapped included)\n"
  printf "outputs identical:   %s\n", same
  exit !(ratio >= tsp && bpp <= tbpp && same == "yes")
}'
