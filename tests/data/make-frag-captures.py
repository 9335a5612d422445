#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the small fragmented-IP captures the defragmentation tests read.
Deterministic (fixed addresses, identifications and timestamps), standard
library only.  Run from anywhere: writes next to this script.

  ip-frag.pcap     UDP datagrams of 3008 bytes (8 + 3000 payload) to port
                   40001, each split in 3 fragments (1480, 1480, 48), over
                   IPv4 and then over IPv6 (fragment header; 1448, 1448,
                   112):
                     id 1: in order
                     id 2: out of order (last, first, middle)
                     id 3: the middle fragment twice (a duplicate)
                     id 4: an extra fragment overlapping two others with
                           different bytes (conflict), then the tail
                     id 5: the middle fragment missing (never reassembled)
                     id 6: an overlap with the same bytes
                     id 7: two different tails (multiple tails)
                   plus, for IPv4 only, id 8: a first fragment and a tail
                   at offset 65528 reaching past 65535 (never completes)

The UDP payload of datagram N is payload(N): the tests compare the
reassembled bytes with it.
"""

import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")
V4_SRC = bytes([10, 0, 0, 1])
V4_DST = bytes([10, 0, 0, 2])
V6_SRC = bytes.fromhex("20010db8000000000000000000000001")
V6_DST = bytes.fromhex("20010db8000000000000000000000002")
SPORT, DPORT = 40000, 40001
PAYLOAD_LEN = 3000


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def payload(n):
    """3000 bytes from a small linear congruential generator seeded by N
    (no byte pattern any heuristic dissector would recognise)."""
    x = 0x12345678 ^ n
    out = bytearray()
    for _ in range(PAYLOAD_LEN):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append((x >> 16) & 0xFF)
    return bytes(out)


def udp_datagram(n, pseudo):
    body = payload(n)
    udp = struct.pack("!HHHH", SPORT, DPORT, 8 + len(body), 0) + body
    c = csum(pseudo(len(udp)) + udp) or 0xFFFF
    return udp[:6] + struct.pack("!H", c) + udp[8:]


def v4_datagram(n):
    return udp_datagram(n, lambda ln: struct.pack("!4s4sBBH", V4_SRC, V4_DST, 0, 17, ln))


def v6_datagram(n):
    return udp_datagram(n, lambda ln: struct.pack("!16s16sI3xB", V6_SRC, V6_DST, ln, 17))


class Capture:
    def __init__(self):
        self.records = []
        self.t = 1_700_000_000 * 1_000_000

    def add(self, frame):
        self.t += 1000
        self.records.append((self.t, frame))

    def v4_frag(self, ident, off, data, more, proto=17):
        flags = (0x2000 if more else 0) | (off // 8)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(data), ident, flags, 64, proto, 0,
                         V4_SRC, V4_DST)
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        self.add(MAC_B + MAC_A + b"\x08\x00" + ip + data)

    def v6_frag(self, ident, off, data, more, nxt=17):
        fh = struct.pack("!BBHI", nxt, 0, off | (1 if more else 0), ident)
        ip = struct.pack("!IHBB16s16s", 0x60000000, 8 + len(data), 44, 64, V6_SRC, V6_DST)
        self.add(MAC_B + MAC_A + b"\x86\xdd" + ip + fh + data)

    def write(self, name):
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            for t, frame in self.records:
                f.write(struct.pack("<IIII", t // 1_000_000, t % 1_000_000, len(frame), len(frame)))
                f.write(frame)


def split(dgram, sizes):
    pieces, off = [], 0
    for s in sizes:
        pieces.append((off, dgram[off:off + s], off + s < len(dgram)))
        off += s
    return pieces


def scenarios(cap, frag, datagram, sizes):
    # 1: in order
    for off, d, more in split(datagram(1), sizes):
        frag(1, off, d, more)
    # 2: out of order
    p = split(datagram(2), sizes)
    for i in (2, 0, 1):
        frag(2, *p[i])
    # 3: a duplicate of the middle fragment
    p = split(datagram(3), sizes)
    for i in (0, 1, 1, 2):
        frag(3, *p[i])
    # 4: conflicting overlap: a fragment over the end of the first and the
    # start of the second, with other bytes
    dg = datagram(4)
    p = split(dg, sizes)
    frag(4, *p[0])
    frag(4, *p[1])
    mid = sizes[0] - 16
    frag(4, mid, bytes(b ^ 0xFF for b in dg[mid:mid + 32]), True)
    frag(4, *p[2])
    # 5: the middle one missing
    p = split(datagram(5), sizes)
    frag(5, *p[0])
    frag(5, *p[2])
    # 6: an overlap with the same bytes
    dg = datagram(6)
    p = split(dg, sizes)
    frag(6, *p[0])
    frag(6, mid, dg[mid:mid + 32], True)
    frag(6, *p[1])
    frag(6, *p[2])
    # 7: two tails, the second one shorter
    dg = datagram(7)
    p = split(dg, sizes)
    frag(7, *p[0])
    frag(7, *p[2])
    off, d, more = p[2]
    frag(7, off, d[:-8], False)
    frag(7, *p[1])


def main():
    cap = Capture()
    scenarios(cap, cap.v4_frag, v4_datagram, (1480, 1480, 48))
    # too long: offset 65528 with 16 bytes reaches past 65535
    cap.v4_frag(8, 0, v4_datagram(8)[:1480], True)
    cap.v4_frag(8, 65528, b"\x5a" * 16, False)
    scenarios(cap, cap.v6_frag, v6_datagram, (1448, 1448, 112))
    cap.write("ip-frag.pcap")


if __name__ == "__main__":
    main()
