#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the hostile captures of issue 7 into OUTDIR (deterministic, python3
standard library only; nothing here is committed, the test makes them):

  many-packets.pcap         N one-byte Ethernet records (default 1,000,000;
                            --packets 10000000 makes the 170 MB one)
  tcp-streams.pcap          100,000 concurrent TCP connections to port 80, each
                            SYN, SYN/ACK, then two segments of HTTP headers that
                            never reach the final CRLF CRLF: every stream keeps
                            a PDU pending until the end of the file
  dns-names.pcap            DNS over UDP and TCP with compression pointers to
                            themselves, pointer loops, long pointer chains,
                            forward and out-of-range pointers, 127-label names,
                            names over 255 bytes through compression, counts of
                            65535, and answers repeating one maximal name
  dns-loop-questions.pcap   8 UDP queries of 10,000 questions each, every name
                            a pointer into the same pointer loop (work per
                            packet must not be questions x message length)
  dns-label-chains.pcap     16 UDP queries of 2,700 questions, every name a
                            pointer to one 48 KB chain of 1-byte labels (work per
                            name must be bounded, not the message length)
  nested-ip.pcap            50 nested IPv4-in-IPv4 layers, 50 IPv6-in-IPv6,
                            50 alternating 4in6/6in4, 50 GRE-in-IP, 250 IPv4
                            and IPv6 layers (within the nesting limit of 256,
                            dissected to the end as tshark does) and 400
                            (beyond it: malformed)
  many-interfaces.pcapng    one section with 10,000 interfaces (every link type
                            Remora reads, with names), one packet on each
  bad-interface.pcapng      a packet on interface 10,000 of 10,000
  too-many-interfaces.pcapng 65,537 interfaces, one more than Remora reads
                            (with 300-byte names): refused with a message
  lengths-disagree.pcap     packets whose pcap caplen, pcap orig_len, IP total
                            length, IP header length, UDP/TCP lengths and DNS
                            counts all disagree with each other and the bytes

  make-hostile.py OUTDIR [--packets N] [--only NAME[,NAME...]]
"""
import argparse
import os
import struct
import sys

ETH_SRC = bytes.fromhex("020000000001")
ETH_DST = bytes.fromhex("020000000002")
TS0 = 1700000000


# ---- writers ----

class Pcap:
    def __init__(self, path, link_type=1, snaplen=262144):
        self.f = open(path, "wb", buffering=1 << 20)
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, link_type))
        self.n = 0

    def add(self, data, orig_len=None, cap_len=None):
        self.n += 1
        cap = len(data) if cap_len is None else cap_len
        orig = len(data) if orig_len is None else orig_len
        self.f.write(struct.pack("<IIII", TS0 + self.n // 1000000, self.n % 1000000, cap, orig))
        self.f.write(data)

    def close(self):
        self.f.close()


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def eth(payload, ethertype=0x0800):
    return ETH_DST + ETH_SRC + struct.pack("!H", ethertype) + payload


def ipv4(src, dst, proto, payload, total_len=None, ihl=5, ident=1, ttl=64, options=b""):
    tl = 20 + len(options) + len(payload) if total_len is None else total_len
    head = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, tl & 0xFFFF, ident, 0x4000, ttl, proto, 0,
                       bytes(src), bytes(dst)) + options
    c = csum(head)
    return head[:10] + struct.pack("!H", c) + head[12:] + payload


def ipv6(src, dst, nxt, payload, plen=None):
    pl = len(payload) if plen is None else plen
    return struct.pack("!IHBB16s16s", 0x60000000, pl & 0xFFFF, nxt, 64, bytes(src), bytes(dst)) + payload


def udp(sport, dport, payload, length=None):
    ln = 8 + len(payload) if length is None else length
    return struct.pack("!HHHH", sport, dport, ln & 0xFFFF, 0) + payload


def tcp(sport, dport, seq, ack, flags, payload=b"", offset=5, window=65535):
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                       offset << 4, flags, window, 0, 0) + payload


def v4(i):
    return bytes([10, (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF])


def v6(i):
    return bytes.fromhex("20010db8000000000000000000000000")[:12] + struct.pack("!I", i)


# ---- the captures ----

def many_packets(out, count):
    """COUNT one-byte records, written a block at a time (a 10M file is
    170 MB and should take seconds, not minutes)."""
    with open(out, "wb", buffering=1 << 22) as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        block = 10000
        rec = struct.Struct("<IIIIB")
        for base in range(0, count, block):
            n = min(block, count - base)
            buf = bytearray(17 * n)
            for k in range(n):
                i = base + k
                rec.pack_into(buf, 17 * k, TS0 + i // 1000000, i % 1000000, 1, 1, i & 0xFF)
            f.write(buf)


def tcp_streams(out, streams=100000):
    p = Pcap(out)
    server = bytes([192, 0, 2, 80])
    part1 = b"GET /index.html HTTP/1.1\r\nHost: www.example.test\r\n"
    part2 = b"User-Agent: hostile/1.0\r\nAccept: */*\r\nX-Pad: " + b"a" * 40 + b"\r\n"
    def client(i):
        return v4(i), 1024 + (i % 60000)
    # Phase by phase across all streams, so every one is open at once.
    for i in range(streams):
        c, port = client(i)
        p.add(eth(ipv4(c, server, 6, tcp(port, 80, 1000, 0, 0x02))))
    for i in range(streams):
        c, port = client(i)
        p.add(eth(ipv4(server, c, 6, tcp(80, port, 5000, 1001, 0x12))))
    for i in range(streams):
        c, port = client(i)
        p.add(eth(ipv4(c, server, 6, tcp(port, 80, 1001, 5001, 0x18, part1))))
    for i in range(streams):
        c, port = client(i)
        p.add(eth(ipv4(c, server, 6, tcp(port, 80, 1001 + len(part1), 5001, 0x18, part2))))
    p.close()


def dns_header(ident, flags, qd, an, ns=0, ar=0):
    return struct.pack("!HHHHHH", ident, flags, qd, an, ns, ar)


def dns_messages():
    """(name, DNS message bytes) for each hostile case."""
    msgs = []
    q_tail = struct.pack("!HH", 1, 1)
    # A name that is a pointer to itself (offset 12).
    msgs.append(("self-pointer", dns_header(1, 0x0100, 1, 0) + b"\xc0\x0c" + q_tail))
    # Two pointers pointing at each other.
    msgs.append(("pointer-loop", dns_header(2, 0x0100, 1, 0) + b"\xc0\x0e\xc0\x0c" + q_tail))
    # A label then a pointer back to the start of that label: a loop that
    # grows the name by one label per turn.
    msgs.append(("label-loop", dns_header(3, 0x0100, 1, 0) + b"\x01a\xc0\x0c" + q_tail))
    # A long chain of pointers, each to the one before, ending in a label;
    # the question's name is a forward pointer to the chain's last link.
    chain = dns_header(5, 0x0100, 1, 0)
    chain_msg = bytearray(chain + b"\xc0\x00" + q_tail)
    start = len(chain_msg)
    chain_msg += b"\x03end\x00"
    prev = start
    for k in range(200):
        here = len(chain_msg)
        chain_msg += struct.pack("!H", 0xC000 | prev)
        prev = here
    struct.pack_into("!H", chain_msg, 12, 0xC000 | prev)
    msgs.append(("forward-pointer-chain", bytes(chain_msg)))
    # Pointer beyond the message.
    msgs.append(("pointer-out-of-range", dns_header(6, 0x0100, 1, 0) + b"\xff\xff" + q_tail))
    # Reserved label types 0x40 and 0x80.
    msgs.append(("reserved-label-types", dns_header(7, 0x0100, 2, 0) + b"\x41abc\x00" + q_tail
                 + b"\x81abc\x00" + q_tail))
    # 127 one-character labels: a 253-character name, the most DNS allows.
    max_labels = b"".join(b"\x01" + bytes([0x61 + k % 26]) for k in range(127)) + b"\x00"
    msgs.append(("127-labels", dns_header(8, 0x0100, 1, 0) + max_labels + q_tail))
    # Four 63-byte labels plus more: over 255 bytes in one name.
    long_labels = b"".join(b"\x3f" + bytes([0x61 + k]) * 63 for k in range(8)) + b"\x00"
    msgs.append(("over-255-direct", dns_header(9, 0x0100, 1, 0) + long_labels + q_tail))
    # Over 255 through compression: three 63-byte labels then a pointer to a
    # name of three more, itself followed by a pointer to another three.
    m = bytearray(dns_header(10, 0x0100, 3, 0))
    a_off = len(m)
    m += b"".join(b"\x3f" + b"x" * 63 for _ in range(3)) + b"\x00" + q_tail
    b_off = len(m)
    m += b"".join(b"\x3f" + b"y" * 63 for _ in range(3)) + struct.pack("!H", 0xC000 | a_off) + q_tail
    m += b"".join(b"\x3f" + b"z" * 63 for _ in range(3)) + struct.pack("!H", 0xC000 | b_off) + q_tail
    msgs.append(("over-255-compressed", bytes(m)))
    # Counts of 65535 in every section, with a single question present.
    msgs.append(("counts-65535", dns_header(11, 0x8180, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF)
                 + b"\x03www\x07example\x04test\x00" + q_tail))
    # An answer section of 300 records, each naming the 253-character name
    # by pointer: bounded work per record, not a blow-up.
    m = bytearray(dns_header(12, 0x8180, 1, 300))
    qname = len(m)
    m += max_labels + q_tail
    for k in range(300):
        m += struct.pack("!HHHIH", 0xC000 | qname, 5, 1, 60, 2) + struct.pack("!H", 0xC000 | qname)
    msgs.append(("300-answers-max-name", bytes(m)))
    # Record data lengths that run past the message.
    msgs.append(("rdlength-past-end", dns_header(13, 0x8180, 0, 1)
                 + b"\x00" + struct.pack("!HHIH", 1, 1, 60, 0xFFFF) + b"\x01\x02"))
    return msgs


def dns_names(out):
    p = Pcap(out)
    c, s = v4(1), v4(2)
    for i, (name, msg) in enumerate(dns_messages()):
        p.add(eth(ipv4(c, s, 17, udp(40000 + i, 53, msg))))
        p.add(eth(ipv4(s, c, 17, udp(53, 40000 + i, msg))))
        # The same over TCP, with the two-byte length in front, split over
        # two segments so reassembly holds it first.
        framed = struct.pack("!H", len(msg)) + msg
        half = len(framed) // 2
        port = 30000 + i
        p.add(eth(ipv4(c, s, 6, tcp(port, 53, 1, 0, 0x02))))
        p.add(eth(ipv4(s, c, 6, tcp(53, port, 100, 2, 0x12))))
        p.add(eth(ipv4(c, s, 6, tcp(port, 53, 2, 101, 0x18, framed[:half]))))
        p.add(eth(ipv4(c, s, 6, tcp(port, 53, 2 + half, 101, 0x18, framed[half:]))))
    p.close()


def dns_loop_questions(out, copies=8):
    """COPIES DNS queries of about 60 KB, each 10,000 questions whose names
    all point into one two-pointer loop at the end: a name reader that
    detects loops only by walking the message length does 10,000 times
    the message's length of work per packet."""
    n = 10000
    loop_off = 12 + n * 6
    body = bytearray()
    for i in range(n):
        body += struct.pack("!HHH", 0xC000 | loop_off, 1, 1)
    body += struct.pack("!HH", 0xC000 | (loop_off + 2), 0xC000 | loop_off)
    p = Pcap(out)
    for k in range(copies):
        msg = dns_header(0x100 + k, 0x0100, n, 0) + bytes(body)
        p.add(eth(ipv4(v4(1), v4(2), 17, udp(20000 + k, 53, msg))))
    p.close()


def dns_label_chains(out, copies=16):
    """COPIES DNS queries of about 64 KB: 2,700 questions, every name a
    pointer to one chain of one-character labels that fills the rest of
    the message (48 KB, 24,000 labels) before it ends.  A name reader whose
    walk is bounded only by the message length steps through 2,700 times
    24,000 labels per packet."""
    n = 2700
    chain_off = 12 + n * 6
    body = bytearray()
    for i in range(n):
        body += struct.pack("!HHH", 0xC000 | chain_off, 1, 1)
    while chain_off + len(body) - n * 6 < 65000 - 64 - 40:
        body += b"\x01" + bytes([0x61 + len(body) % 26])
    body += b"\x00"
    p = Pcap(out)
    for k in range(copies):
        msg = dns_header(0x200 + k, 0x0100, n, 0) + bytes(body)
        p.add(eth(ipv4(v4(1), v4(2), 17, udp(21000 + k, 53, msg))))
    p.close()


def nested_ip(out):
    p = Pcap(out)
    inner = udp(1234, 53, dns_header(99, 0x0100, 1, 0) + b"\x01x\x00" + struct.pack("!HH", 1, 1))

    def nest4(depth):
        pkt = ipv4(v4(depth + 1), v4(depth + 2), 17, inner)
        for k in range(depth - 1):
            pkt = ipv4(v4(k + 1), v4(k + 2), 4, pkt)
        return pkt

    def nest6(depth):
        pkt = ipv6(v6(depth + 1), v6(depth + 2), 17, inner)
        for k in range(depth - 1):
            pkt = ipv6(v6(k + 1), v6(k + 2), 41, pkt)
        return pkt

    def alternate(depth):
        pkt = ipv4(v4(1), v4(2), 17, inner)
        is6 = False
        for k in range(depth - 1):
            if is6:
                pkt = ipv4(v4(k + 1), v4(k + 2), 41, pkt)   # IPv6 inside IPv4
            else:
                pkt = ipv6(v6(k + 1), v6(k + 2), 4, pkt)    # IPv4 inside IPv6
            is6 = not is6
        return pkt, (0x86DD if is6 else 0x0800)

    def gre(depth):
        pkt = ipv4(v4(1), v4(2), 17, inner)
        for k in range(depth - 1):
            pkt = ipv4(v4(k + 1), v4(k + 2), 47, struct.pack("!HH", 0, 0x0800) + pkt)
        return pkt

    p.add(eth(nest4(50)))
    p.add(eth(nest6(50), 0x86DD))
    pkt, et = alternate(50)
    p.add(eth(pkt, et))
    p.add(eth(gre(50)))
    # Within the dissector nesting limit (256), as deep as tshark goes.
    p.add(eth(nest4(250)))
    p.add(eth(nest6(250), 0x86DD))
    # Beyond it: must stop (malformed), not recurse on.
    p.add(eth(nest4(400)))
    p.add(eth(nest6(400), 0x86DD))
    p.close()


def pcapng_block(btype, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


def pcapng_option(code, value):
    return struct.pack("<HH", code, len(value)) + value + b"\0" * (-len(value) % 4)


def too_many_interfaces(out, n_if=65537):
    """One interface more than Remora reads in a file (65,536), with a packet
    on the first one before the last interface: read up to there, then
    refused with a message."""
    with open(out, "wb", buffering=1 << 20) as f:
        f.write(pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
        idb = pcapng_block(1, struct.pack("<HHI", 1, 0, 0) + pcapng_option(2, b"x" * 300)
                           + pcapng_option(0, b""))
        for i in range(n_if - 1):
            f.write(idb)
        pkt = eth(ipv4(v4(1), v4(2), 17, udp(1, 2, b"x")))
        ts = TS0 * 1000000
        f.write(pcapng_block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(pkt), len(pkt)) + pkt))
        f.write(idb)


def many_interfaces(out, n_if=10000, bad_interface=False):
    link_types = [1, 101, 228, 229, 113, 276, 0, 108, 9, 239, 147]
    with open(out, "wb") as f:
        f.write(pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
        for i in range(n_if):
            opts = pcapng_option(2, f"if{i}".encode()) + pcapng_option(3, f"interface number {i}".encode())
            if i % 3 == 0:
                opts += pcapng_option(9, bytes([9]))        # nanoseconds
            opts += pcapng_option(0, b"")
            f.write(pcapng_block(1, struct.pack("<HHI", link_types[i % len(link_types)], 0, 0) + opts))
        pkt = eth(ipv4(v4(1), v4(2), 17, udp(1, 2, b"x")))
        targets = [n_if] if bad_interface else range(n_if)
        for i in targets:
            ts = (TS0 + i) * 1000000
            f.write(pcapng_block(6, struct.pack("<IIIII", i, ts >> 32, ts & 0xFFFFFFFF,
                                                len(pkt), len(pkt)) + pkt))


def lengths_disagree(out):
    p = Pcap(out, snaplen=100)
    c, s = v4(1), v4(2)
    dns = dns_header(7, 0x8180, 65535, 3, 0, 9) + b"\x03www\x00" + struct.pack("!HH", 1, 1)
    # IP says 1500, UDP says 200, DNS counts say 65535/3/0/9, the record
    # holds 80 bytes of a 40-byte original (caplen > orig_len, both > snaplen's
    # idea of the rest).
    pkt = eth(ipv4(c, s, 17, udp(5353, 53, dns, length=200), total_len=1500))
    p.add(pkt, orig_len=40)
    # The same with UDP length shorter than its header and IP total length
    # shorter than the IP header.
    p.add(eth(ipv4(c, s, 17, udp(5353, 53, dns, length=3), total_len=10)))
    # IP header length of 60 bytes in a 20-byte header; UDP length 0.
    p.add(eth(ipv4(c, s, 17, udp(5353, 53, dns, length=0), ihl=15)))
    # IP header length below the minimum (4 bytes).
    p.add(eth(ipv4(c, s, 17, udp(5353, 53, dns), ihl=1)))
    # TCP data offset of 60 bytes over 20; IP total length 65535.
    p.add(eth(ipv4(c, s, 6, tcp(80, 1234, 1, 1, 0x18, b"HTTP/1.1 200 OK\r\n", offset=15),
                   total_len=65535)))
    # TCP data offset below the minimum.
    p.add(eth(ipv4(c, s, 6, tcp(80, 1234, 1, 1, 0x18, b"x", offset=2))))
    # IPv6 payload length 65535 over a short packet; jumbo payload length 0.
    p.add(eth(ipv6(v6(1), v6(2), 17, udp(5353, 53, dns, length=65535), plen=65535), 0x86DD))
    p.add(eth(ipv6(v6(1), v6(2), 0, b"\x11\x00\xc2\x04\x00\x00\x00\x00" + udp(1, 53, dns), plen=0),
              0x86DD))
    # A zero-length record, a record whose orig_len is 0, and one as large
    # as Remora accepts (256 KiB) filled with a claimed Ethernet jumbo.
    p.add(b"")
    p.add(eth(ipv4(c, s, 17, udp(1, 53, dns))), orig_len=0)
    big = eth(ipv4(c, s, 17, udp(1, 53, dns + b"\0" * 200000), total_len=0xFFFF))
    p.add(big + b"\0" * (262144 - len(big)))
    p.close()


CAPTURES = {
    "many-packets.pcap": None,                         # filled in main (count)
    "tcp-streams.pcap": tcp_streams,
    "dns-names.pcap": dns_names,
    "dns-loop-questions.pcap": dns_loop_questions,
    "dns-label-chains.pcap": dns_label_chains,
    "nested-ip.pcap": nested_ip,
    "many-interfaces.pcapng": many_interfaces,
    "bad-interface.pcapng": lambda out: many_interfaces(out, bad_interface=True),
    "too-many-interfaces.pcapng": too_many_interfaces,
    "lengths-disagree.pcap": lengths_disagree,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--packets", type=int, default=1000000, help="records in many-packets.pcap")
    ap.add_argument("--only", default="", help="comma-separated file names to make")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    only = [n for n in args.only.split(",") if n]
    for name, make in CAPTURES.items():
        if only and name not in only:
            continue
        path = os.path.join(args.outdir, name)
        tmp = path + ".tmp"
        if name == "many-packets.pcap":
            many_packets(tmp, args.packets)
        else:
            make(tmp)
        os.replace(tmp, path)
        print(f"make-hostile: {name}: {os.path.getsize(path)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
