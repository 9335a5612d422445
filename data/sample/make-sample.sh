#!/usr/bin/env bash
# Record data/sample/http-dns.pcap: a client resolves www.example.test through
# a tiny DNS responder, then fetches a 4 KB page from python3's http.server.
# The two peers live in their own network namespaces joined by a veth pair
# whose MTU is 600, so the HTTP response spans several TCP segments.  Nothing
# leaves the namespaces.  Needs root, python3, iproute2 and tcpdump.
#
#   data/sample/make-sample.sh [OUT.pcap]
#
# Debian 12's tcpdump (4.99) writes pcap only, hence .pcap (with nanosecond
# timestamps) rather than pcapng.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/http-dns.pcap}"

if [[ $(id -u) -ne 0 ]]; then
  echo "make-sample: needs root (network namespaces, capture)" >&2
  exit 1
fi
for tool in ip tcpdump python3; do
  command -v "$tool" >/dev/null || { echo "make-sample: $tool not found" >&2; exit 1; }
done

tag="rmr$$"
srv="$tag-srv"
cli="$tag-cli"
srv_ip=10.99.0.1
cli_ip=10.99.0.2
name=www.example.test
work="$(mktemp -d)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  ip netns del "$srv" 2>/dev/null || true
  ip netns del "$cli" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$srv"
ip netns add "$cli"
ip link add "$tag-s" type veth peer name "$tag-c"
ip link set "$tag-s" netns "$srv"
ip link set "$tag-c" netns "$cli"
for ns in "$srv" "$cli"; do
  # No IPv6 autoconfiguration chatter: the sample is the exchange and nothing else.
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
  ip -n "$ns" link set lo up
done
# Fixed MAC addresses keep the file the same from one run to the next.
ip -n "$srv" link set "$tag-s" address 02:00:5e:10:00:01 mtu 600 gso_max_segs 1 up
ip -n "$cli" link set "$tag-c" address 02:00:5e:10:00:02 mtu 600 gso_max_segs 1 up
ip -n "$srv" addr add "$srv_ip/24" dev "$tag-s"
ip -n "$cli" addr add "$cli_ip/24" dev "$tag-c"

# The page: 4 KB of plain text.
mkdir -p "$work/www"
python3 - "$work/www/index.txt" <<'PY'
import sys
lines = ["Remora sample page.", ""]
n = 1
while sum(len(l) + 1 for l in lines) < 4000:
    lines.append(f"line {n:03d}: the quick brown fox jumps over the lazy dog")
    n += 1
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY

# The DNS responder: answers A queries for one name, NXDOMAIN for anything else.
cat > "$work/dns.py" <<'PY'
import socket, struct, sys

bind, name, addr = sys.argv[1], sys.argv[2].lower(), socket.inet_aton(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((bind, 53))
while True:
    q, peer = s.recvfrom(512)
    if len(q) < 12:
        continue
    qid, flags, qd = struct.unpack("!HHH", q[:6])
    i, labels = 12, []
    while i < len(q) and q[i] != 0:
        labels.append(q[i + 1:i + 1 + q[i]].decode("ascii", "replace"))
        i += 1 + q[i]
    question = q[12:i + 5]
    qtype = struct.unpack("!H", q[i + 1:i + 3])[0] if i + 3 <= len(q) else 0
    found = ".".join(labels).lower() == name
    rflags = 0x8400 | (flags & 0x0100) | (0 if found else 3)   # QR, AA, RD copied
    ans = found and qtype == 1
    r = struct.pack("!HHHHHH", qid, rflags, 1, 1 if ans else 0, 0, 0) + question
    if ans:
        r += struct.pack("!HHHIH", 0xC00C, 1, 1, 300, 4) + addr
    s.sendto(r, peer)
PY

# The client: one DNS query over UDP, then an HTTP GET with urllib.
cat > "$work/client.py" <<'PY'
import socket, struct, sys, urllib.request

server, name = sys.argv[1], sys.argv[2]
q = struct.pack("!HHHHHH", 0x5eed, 0x0100, 1, 0, 0, 0)
q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
q += struct.pack("!HH", 1, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.sendto(q, (server, 53))
r = s.recv(512)
if struct.unpack("!H", r[6:8])[0] < 1:
    sys.exit("no answer for " + name)
ip = socket.inet_ntoa(r[-4:])
req = urllib.request.Request(f"http://{ip}/index.txt", headers={"Host": name})
body = urllib.request.urlopen(req, timeout=5).read()
print(f"{name} -> {ip}; fetched {len(body)} bytes")
PY

ip netns exec "$srv" python3 "$work/dns.py" "$srv_ip" "$name" "$srv_ip" 2>"$work/dns.log" &
pids+=($!)
ip netns exec "$srv" python3 -m http.server 80 --bind "$srv_ip" --directory "$work/www" \
  >"$work/http.log" 2>&1 &
pids+=($!)

# Wait for both servers from inside their own namespace (over lo, not the veth).
for _ in $(seq 100); do
  if ip netns exec "$srv" ss -Hltn "src $srv_ip:80" | grep -q . &&
     ip netns exec "$srv" ss -Hlun "src $srv_ip:53" | grep -q .; then
    break
  fi
  sleep 0.1
done

ip netns exec "$cli" tcpdump -i "$tag-c" -Z root -U --immediate-mode \
  --time-stamp-precision=nano -w "$work/out.pcap" 2>"$work/tcpdump.log" &
tcpdump_pid=$!
pids+=($tcpdump_pid)
for _ in $(seq 100); do
  grep -q "listening on" "$work/tcpdump.log" && break
  sleep 0.1
done

ip netns exec "$cli" python3 "$work/client.py" "$srv_ip" "$name"
sleep 0.5
kill -INT "$tcpdump_pid"
wait "$tcpdump_pid" || true
cat "$work/tcpdump.log" >&2

cp "$work/out.pcap" "$out"
echo "make-sample: wrote $out ($(stat -c %s "$out") bytes)"
