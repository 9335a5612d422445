#!/usr/bin/env bash
# Large-file benchmark of the application itself: opens the 1,000,000-packet
# capture made by ../shared/tools/gen-mix.py (cached under BUILD/bench/,
# shared with bench-fields.sh) in `remora` under xvfb-run, types a display
# filter into the filter bar with xdotool as a person would, and quits.
#
#   tests/bench/bench-gui.sh
#
# Environment: BUILD (default build), REMORA_APP (default
# BUILD/src/ui/remora), SHARED (default ../shared beside the source tree),
# BENCH_PACKETS (default 1000000), BENCH_SERVER (default 198.51.100.107,
# one of gen-mix.py's web servers).
#
# The application measures itself (REMORA_STALL_LOG, see
# src/ui/remora-stall-meter.h): a high-priority 10 ms timeout records how
# late it fires, and the window logs when the first rows were drawn, when
# the file was fully indexed and when the filter's result was shown.
# Printed: time to first rows, to fully indexed, to apply
# `http and ip.addr == SERVER` (from Return to the list updated), the
# longest main-loop stall in each phase (and the main thread's CPU time
# within it), including while the filter is typed, beside tshark's
# `tshark -r F -Y FILTER` elapsed time and peak RSS in the same run.
# Memory, two ways:
#   - (peak RSS - file size) / packets, as the target is written.  The
#     window maps the file and lets its pages go behind each pass, so this
#     can come out below zero; it says the file is not held on top.
#   - the anonymous memory (heap) the window holds per packet: RssAnon
#     after the same steps on this file, minus RssAnon on a 1,000-packet
#     capture of the same mix (what GTK and the empty window cost), divided
#     by the packets in between.  This is what each packet costs.
# Targets: first rows under 1 s, no stall over 100 ms, both memory
# figures at most 64 bytes per packet.  The load average is printed too: on
# a busy machine the main thread waits for a core, and that shows as stalls.
# Exit status 0 when every target is met.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
build="${BUILD:-build}"
app="${REMORA_APP:-$build/src/ui/remora}"
shared="${SHARED:-$root/../shared}"
packets="${BENCH_PACKETS:-1000000}"
server="${BENCH_SERVER:-198.51.100.107}"
filter="http and ip.addr == $server"
capture="$build/bench/mix-$packets.pcap"
small="$build/bench/mix-1000.pcap"

# ---- inside xvfb-run: drive the application, print "key value" lines ----
if [[ "${1:-}" == --inner ]]; then
  log="$2"
  capture="${3:-$capture}"
  rm -f "$log"
  wait_for() {  # EVENT SECONDS: waits until the stall log has EVENT
    local i
    for ((i = 0; i < $2 * 10; i++)); do
      grep -q " $1 " "$log" 2>/dev/null && return 0
      kill -0 "$pid" 2>/dev/null || { echo "bench: remora exited" >&2; return 1; }
      sleep 0.1
    done
    echo "bench: no '$1' after $2 s" >&2
    return 1
  }
  REMORA_STALL_LOG="$log" GSK_RENDERER=cairo GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1 \
    GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" "$app" "$capture" &
  pid=$!
  wait_for indexed 600
  # The filter bar as a person reaches it: the pointer over the window
  # (no window manager: focus follows it), Ctrl+/, the text, Return.
  wid=$(xdotool search --sync --onlyvisible --pid "$pid" | head -n 1)
  xdotool mousemove --window "$wid" 300 300
  sleep 0.5
  xdotool key ctrl+slash
  xdotool type --delay 20 "$filter"
  xdotool key Return
  wait_for filter-applied 600
  sleep 0.5
  grep -E '^(VmHWM|RssAnon|RssFile):' "/proc/$pid/status" | tr -d ':' | awk '{print $1, $2}'
  xdotool key ctrl+q
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill "$pid" 2>/dev/null || true
  wait "$pid" || true
  exit 0
fi

[[ -x "$app" ]] || { echo "bench: $app not built (ninja -C $build builds it)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time missing (package time)" >&2; exit 2; }
for tool in tshark xvfb-run xdotool; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing" >&2; exit 2; }
done

mkdir -p "$build/bench"
if [[ ! -s "$capture" ]]; then
  echo "bench: making $capture (once; kept for later runs)"
  # Made under another name first, so an interrupted run leaves no half file.
  partial="$build/bench/mix-$packets.partial"
  python3 "$shared/tools/gen-mix.py" "$packets" 1 "$partial.pcap"
  mv "$partial.expected.tsv" "$build/bench/mix-$packets.expected.tsv"
  mv "$partial.pcap" "$capture"
fi
if [[ ! -s "$small" ]]; then
  python3 "$shared/tools/gen-mix.py" 1000 1 "$build/bench/mix-1000.partial.pcap" >/dev/null
  rm -f "$build/bench/mix-1000.partial.expected.tsv"
  mv "$build/bench/mix-1000.partial.pcap" "$small"
fi
size=$(stat -L -c %s "$capture")

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "bench: $capture ($packets packets, $size bytes)"
echo "bench: filter: $filter"
echo "bench: load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

xvfb-run -a -s '-screen 0 1280x800x24' "$0" --inner "$tmp/stall.log" >"$tmp/mem" 2>"$tmp/inner.err" ||
  { cat "$tmp/inner.err" >&2; exit 1; }
echo "bench: stall log:"
sed 's/^/  /' "$tmp/stall.log"
# The window's own memory: the same steps on 1,000 packets.
xvfb-run -a -s '-screen 0 1280x800x24' "$0" --inner "$tmp/small.log" "$small" >"$tmp/mem-small" 2>"$tmp/inner.err" ||
  { cat "$tmp/inner.err" >&2; exit 1; }

/usr/bin/time -f '%e %M' -o "$tmp/time" tshark -r "$capture" -Y "$filter" >/dev/null
read -r tshark_s tshark_rss <"$tmp/time"
echo "bench: load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

awk -v size="$size" -v n="$packets" -v ts="$tshark_s" -v tr="$tshark_rss" \
    -v memfile="$tmp/mem" -v smallfile="$tmp/mem-small" 'BEGIN {
  while ((getline line < memfile) > 0) { split(line, f, " "); mem[f[1]] = f[2] }
  while ((getline line < smallfile) > 0) { split(line, f, " "); small[f[1]] = f[2] }
}
# <ms> <event> <longest stall since the previous event> <main-thread CPU in it>
$2 == "long-stall" { next }
{ t[$2] = $1; s[$2] = $3; c[$2] = $4 }
END {
  first = t["first-rows"] / 1000; indexed = t["indexed"] / 1000
  filt = (t["filter-applied"] - t["filter-started"]) / 1000
  # Phases: start -> first rows, first rows -> indexed, the filter.
  st_first = s["first-rows"]; cpu_first = c["first-rows"]
  st_index = s["indexed"]; cpu_index = c["indexed"]
  st_filter = s["filter-applied"]; cpu_filter = c["filter-applied"]
  st_typing = s["filter-started"]; cpu_typing = c["filter-started"]
  rss = mem["VmHWM"]
  bpp = (rss * 1024 - size) / n
  anon = (mem["RssAnon"] - small["RssAnon"]) * 1024 / (n - 1000)
  printf "\n%-40s %9s %18s %10s\n", "", "seconds", "longest stall ms", "(its CPU)"
  printf "%-40s %9.2f %18.1f %10.1f\n", "remora: first rows shown", first, st_first, cpu_first
  printf "%-40s %9.2f %18.1f %10.1f\n", "remora: fully indexed", indexed, st_index, cpu_index
  printf "%-40s %9s %18.1f %10.1f\n", "remora: typing the filter", "", st_typing, cpu_typing
  printf "%-40s %9.2f %18.1f %10.1f\n", "remora: filter applied (Return to list)", filt, st_filter, cpu_filter
  printf "%-40s %9.2f\n", "tshark -r F -Y FILTER (1 run)", ts
  printf "(its CPU: main-thread CPU time during that stall; the rest it waited for a core or a lock)\n"
  printf "\n%-40s %12s\n", "", "peak RSS KB"
  printf "%-40s %12d\n", "remora (VmHWM)", rss
  printf "%-40s %12d\n", "tshark", tr
  printf "\n(before the first row: the loop started at %.2f s, after building the window)\n", t["loop-started"] / 1000
  printf "remora memory:   %8.1f B/packet   ((peak RSS - file size) / packets; target <= 64)\n", bpp
  printf "                 %8.1f B/packet   (anonymous memory per packet, beyond what the window\n", anon
  printf "                                     itself needs: RssAnon %d KB here, %d KB with 1,000 packets;\n", mem["RssAnon"], small["RssAnon"]
  printf "                                     file pages resident at the end: %d KB)\n", mem["RssFile"]
  worst = st_first; if (st_index > worst) worst = st_index; if (st_filter > worst) worst = st_filter
  if (st_typing > worst) worst = st_typing
  mem_ok = bpp <= 64 && anon <= 64
  printf "first rows < 1 s: %s   stalls <= 100 ms: %s   memory <= 64 B/packet (both): %s\n",
         (first < 1 ? "met" : "NOT MET"), (worst <= 100 ? "met" : "NOT MET"), (mem_ok ? "met" : "NOT MET")
  exit !(first < 1 && worst <= 100 && mem_ok)
}' "$tmp/stall.log"
