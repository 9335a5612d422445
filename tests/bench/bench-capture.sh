#!/usr/bin/env bash
# Live capture benchmark: how many small UDP packets a second each capture
# path takes without losing any, on a veth pair between two network
# namespaces made (and removed) here.  Needs root.
#
#   tests/bench/bench-capture.sh
#
# For each rate, BENCH_SECONDS of datagrams (18 bytes of payload, 60-byte
# frames) from tests/bench/udp-blast in one namespace, captured in the
# other with the capture filter "udp port 9" by:
#   remora   remora-cli -w /dev/null (the helper remora-capture writes)
#   dissect  remora-cli -q (the helper's pcapng piped to remora-cli, which
#            dissects every packet)
#   dumpcap  dumpcap -w /dev/null (Debian's wireshark-common)
#   app      the application, `remora -i IF -k -f FILTER -B N` under
#            xvfb-run, showing the packets as they come (its list, its
#            temporary file); stopped with SIGTERM, which ends the capture
#            as Stop does and quits.  Its stall meter (REMORA_STALL_LOG)
#            gives the packets the window received, the drops the helper
#            reported, and the longest main-loop stalls while capturing
#            ("capture-started" to "capture-stopping") and while the
#            capture ends ("capture-stopping" to "capture-stopped")
# A run is clean when the tool's own statistics report no drop and it
# captured every datagram sent.  Prints a table (the rate the sender
# reached, packets captured, packets the tool reports dropped), then for
# each tool the highest rate below which every run was clean, and the
# highest clean run at all (a busy machine makes single runs lose packets
# or not); on a busy machine the sender may also fall short of the rate
# asked for, and the rate reached is the one that counts.  For the app
# the table also shows the longest main-loop stalls in ms, while capturing
# and while the capture ended (target: none over 100 ms).
#
# Environment: BUILD (default build), BENCH_RATES (packets a second,
# default "10000 25000 50000 100000 200000 400000"), BENCH_SECONDS
# (default 10), BENCH_BUFFER (kernel buffer MiB for every tool, default 2,
# both tools' default), BENCH_TOOLS (default "remora dissect dumpcap app"),
# BENCH_KEEP_LOGS (a folder for the app's stall logs, app-RATE.stall.log).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
build="${BUILD:-build}"
cli="$build/src/cli/remora-cli"
helper="$build/src/capture/remora-capture"
blast="$build/tests/bench/udp-blast"
app="$build/src/ui/remora"
rates="${BENCH_RATES:-10000 25000 50000 100000 200000 400000}"
seconds="${BENCH_SECONDS:-10}"
buffer="${BENCH_BUFFER:-2}"

[[ $EUID -eq 0 ]] || { echo "bench: needs root (it makes network namespaces)" >&2; exit 2; }
tools=(${BENCH_TOOLS:-remora dissect dumpcap app})
for f in "$cli" "$helper" "$blast" "$app"; do
  [[ -x "$f" ]] || { echo "bench: $f not built (ninja -C $build)" >&2; exit 2; }
done
command -v dumpcap >/dev/null || { echo "bench: dumpcap missing (apt-get install wireshark-common)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "bench: xvfb-run missing (apt-get install xvfb xauth)" >&2; exit 2; }
command -v ip >/dev/null || { echo "bench: ip missing (iproute2)" >&2; exit 2; }

tag=$$
ns_a="rb-a-$tag"
ns_b="rb-b-$tag"
if_a="rba$tag"
if_b="rbb$tag"
addr_a=10.214.$((tag % 200 + 10)).1
addr_b=10.214.$((tag % 200 + 10)).2
work="$(mktemp -d /tmp/remora-bench-capture-XXXXXX)"
listener=""

cleanup () {
  [[ -n "$listener" ]] && kill "$listener" 2>/dev/null || true
  ip netns del "$ns_a" 2>/dev/null || true
  ip netns del "$ns_b" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$ns_a"
ip netns add "$ns_b"
ip link add "$if_a" netns "$ns_a" type veth peer name "$if_b" netns "$ns_b"
ip -n "$ns_a" addr add "$addr_a/24" dev "$if_a"
ip -n "$ns_b" addr add "$addr_b/24" dev "$if_b"
for ns in "$ns_a" "$ns_b"; do ip -n "$ns" link set lo up; done
ip -n "$ns_a" link set "$if_a" up
ip -n "$ns_b" link set "$if_b" up
# A socket on the port, so that the receiver answers no ICMP.
ip netns exec "$ns_b" python3 -c "
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('$addr_b', 9))
time.sleep(1e9)" &
listener=$!
# Resolve the neighbour before any capture starts.
ip netns exec "$ns_a" "$blast" "$addr_b" 9 100 0.05 >/dev/null
sleep 0.2

# run_one TOOL RATE: prints "sent rate-reached captured dropped stall-ms"
# (stall-ms: the app's, "-" for the others).
run_one () {
  local tool=$1 rate=$2 err="$work/err" pid out sent reached captured dropped line
  local log="$work/stall.log" stall=- ready="Capturing on" app_pid
  rm -f "$log" "$work/app.pid"
  case "$tool" in
    remora)
      ip netns exec "$ns_b" env REMORA_CAPTURE="$helper" "$cli" -i "$if_b" -B "$buffer" \
        -f "udp port 9" -w /dev/null 2>"$err" &
      ;;
    dissect)
      ip netns exec "$ns_b" env REMORA_CAPTURE="$helper" "$cli" -i "$if_b" -B "$buffer" \
        -f "udp port 9" -q 2>"$err" >/dev/null &
      ;;
    dumpcap)
      ip netns exec "$ns_b" dumpcap -i "$if_b" -B "$buffer" -f "udp port 9" -w /dev/null 2>"$err" &
      ;;
    app)
      # The shell writes its pid and becomes the application, which the
      # signal must reach (xvfb-run would not hand it on).
      ip netns exec "$ns_b" xvfb-run -a -s '-screen 0 1280x800x24' \
        sh -c 'echo $$ >"$0"; exec "$@"' "$work/app.pid" \
        env REMORA_STALL_LOG="$log" REMORA_CAPTURE="$helper" GSK_RENDERER=cairo GDK_BACKEND=x11 \
        GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
        "$app" -i "$if_b" -B "$buffer" -f "udp port 9" -k >/dev/null 2>"$err" &
      ready=" capture-started "
      err="$log"
      ;;
  esac
  pid=$!
  for _ in $(seq 300); do
    grep -q "$ready" "$err" 2>/dev/null && break
    sleep 0.1
  done
  sleep 0.5
  out=$(ip netns exec "$ns_a" "$blast" "$addr_b" 9 "$rate" "$seconds")
  sent=$(sed -n 's/^sent \([0-9]*\) .*/\1/p' <<<"$out")
  reached=$(sed -n 's/.*(\([0-9]*\)\/s)$/\1/p' <<<"$out")
  sleep 1
  # `ip netns exec` hands the signal on to the tool it runs.
  if [[ "$tool" == app ]]; then
    # SIGTERM ends the capture as Stop does, then the application quits;
    # one that has not after 30 s is stuck, and its run counts as a loss.
    app_pid=$(cat "$work/app.pid" 2>/dev/null || true)
    if [[ -n "$app_pid" ]]; then
      kill -TERM "$app_pid" 2>/dev/null || true
      for _ in $(seq 300); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$app_pid" 2>/dev/null && kill -KILL "$app_pid" 2>/dev/null || true
    fi
  else
    kill -INT "$pid"
  fi
  wait "$pid" || true
  case "$tool" in
    remora|dissect)
      captured=$(sed -n 's/^\([0-9]*\) packets\{0,1\} captured$/\1/p' "$err" | tail -1)
      dropped=$(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped .*/\1/p' "$err" | awk '{s += $1} END {print s + 0}')
      ;;
    dumpcap)
      captured=$(sed -n 's/.*Packets captured: \([0-9]*\)$/\1/p' "$err" | tail -1)
      # "Packets received/dropped on interface 'IF': R/D (pcap:P/dumpcap:X/flushed:F/ps_ifdrop:I)"
      line=$(grep "received/dropped" "$err" | tail -1)
      dropped=$(sed -n 's/.*: [0-9]*\/\([0-9]*\) .*/\1/p' <<<"$line")
      dropped=$((dropped + $(sed -n 's/.*ps_ifdrop:\([0-9]*\).*/\1/p' <<<"$line")))
      ;;
    app)
      # "<ms> capture-stopped <longest stall> <cpu> packets=N dropped=D"
      line=$(grep " capture-stopped " "$log" 2>/dev/null | tail -1)
      captured=$(sed -n 's/.* packets=\([0-9]*\).*/\1/p' <<<"$line")
      dropped=$(sed -n 's/.* dropped=\([0-9]*\).*/\1/p' <<<"$line")
      # Without that line the capture did not end well: a loss.
      [[ -n "$line" ]] || dropped=-1
      # Capturing: from the helper's "capturing" to the signal; the
      # end: the last batches and the list's switch to a finished capture.
      stall=$(awk '$2 == "capture-started" {on = 1; next}
                   $2 == "capture-stopping" && on {if ($3 > m) m = $3; on = 0; next}
                   $2 == "capture-stopped" {e = $3}
                   on {if ($3 > m) m = $3}
                   END {printf "%.0f/%.0f", m, e}' "$log" 2>/dev/null || echo -)
      [[ -n "${BENCH_KEEP_LOGS:-}" ]] && mkdir -p "$BENCH_KEEP_LOGS" &&
        cp "$log" "$BENCH_KEEP_LOGS/app-$rate.stall.log"
      ;;
  esac
  echo "${sent:-0} ${reached:-0} ${captured:-0} ${dropped:-0} ${stall:--}"
}

declare -A best steady lossy best_stall steady_stall
for t in "${tools[@]}"; do best[$t]=0; steady[$t]=0; lossy[$t]=0; best_stall[$t]=-; steady_stall[$t]=-; done

printf '%8s' "asked/s"
for t in "${tools[@]}"; do
  if [[ "$t" == app ]]; then printf ' | %-44s' "$t: reached/s captured dropped stall/end"
  else printf ' | %-33s' "$t: reached/s captured dropped"; fi
done
printf '\n'
for rate in $rates; do
  printf '%8s' "$rate"
  for t in "${tools[@]}"; do
    read -r sent reached captured dropped stall < <(run_one "$t" "$rate")
    mark=""
    if [[ "$dropped" -eq 0 && "$captured" -ge "$sent" && "$sent" -gt 0 ]]; then
      (( reached > best[$t] )) && { best[$t]=$reached; best_stall[$t]=$stall; }
      (( lossy[$t] == 0 && reached > steady[$t] )) && { steady[$t]=$reached; steady_stall[$t]=$stall; }
    else
      mark=" LOSS"
      lossy[$t]=1
    fi
    printf ' | %9s %9s %7s%-5s' "$reached" "$captured" "$dropped" "$mark"
    [[ "$t" == app ]] && printf ' %10s' "$stall"
  done
  printf '\n'
done

echo
echo "Rates without loss (packets/s, ${seconds} s runs, ${buffer} MiB buffer):"
printf '  %-8s %22s %22s\n' "" "every run clean up to" "highest clean run"
for t in "${tools[@]}"; do
  printf '  %-8s %22s %22s\n' "$t" "${steady[$t]}" "${best[$t]}"
done
if [[ " ${tools[*]} " == *" app "* ]]; then
  echo "The app's longest main-loop stalls (while capturing/as it ended) at those rates:" \
    "${steady_stall[app]} ms, ${best_stall[app]} ms (target: at most 100 ms)"
fi
