#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the small TCP captures the reassembly, analysis and follow tests
read.  Deterministic (fixed addresses, ISNs and timestamps), standard
library only.  Run from anywhere: writes next to this script.

  tcp-http-ooo.pcap   an HTTP GET and a text response in 5 Ethernet-sized
                      segments, one out of order, one retransmitted
  tcp-lenpdu.pcap     a length-prefixed test protocol on port 7777 (4-byte
                      big-endian length, then that many bytes): a PDU over 5
                      segments with one out of order and one retransmission,
                      overlaps with conflicting data, a hole never filled,
                      two PDUs in one segment, a PDU ending mid-segment
  tcp-analysis.pcap   segments tshark flags: lost segment, ACKed unseen
                      segment, duplicate ACKs and a fast retransmission,
                      zero window, zero window probe, window update,
                      keep-alive and its ACK, spurious retransmission,
                      reused ports
  tcp-http-chunked-split.pcap
                      15 connections on port 80, each a GET answered by a
                      chunked response in 3 segments: the first ends inside
                      the first chunk's data, the second ends at every
                      position of "5\r\nhello\r\n0\r\n\r\n" in turn (the
                      last data chunk and the terminating chunk); then a
                      second GET and its Content-Length response
"""

import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


class Capture:
    def __init__(self):
        self.records = []
        self.t = 1_700_000_000 * 1_000_000
        self.ip_id = 1

    def tick(self, usec):
        self.t += usec

    def tcp(self, src, dst, sport, dport, seq, ack, flags, win, payload=b"", opts=b""):
        hlen = 20 + len(opts)
        tcp = struct.pack("!HHIIHHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                          (hlen // 4) << 12 | flags, win, 0, 0) + opts + payload
        pseudo = struct.pack("!4s4sBBH", bytes(src), bytes(dst), 0, 6, len(tcp))
        c = csum(pseudo + tcp)
        tcp = tcp[:16] + struct.pack("!H", c) + tcp[18:]
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), self.ip_id, 0x4000, 64, 6, 0,
                         bytes(src), bytes(dst))
        self.ip_id += 1
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        a_side = src[3] == 1
        eth = (MAC_B + MAC_A if a_side else MAC_A + MAC_B) + b"\x08\x00"
        self.records.append((self.t, eth + ip + tcp))
        self.tick(1000)

    def write(self, name):
        path = os.path.join(HERE, name)
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            for t, frame in self.records:
                f.write(struct.pack("<IIII", t // 1_000_000, t % 1_000_000, len(frame), len(frame)))
                f.write(frame)
        return path


class Conn:
    """One TCP connection between A (client) and B (server)."""

    def __init__(self, cap, a, b, aport, bport, isn_a, isn_b, win=64240):
        self.cap, self.a, self.b = cap, a, b
        self.aport, self.bport = aport, bport
        self.seq = {0: isn_a, 1: isn_b}
        self.win = win

    def send(self, side, flags, payload=b"", seq=None, ack=None, win=None, advance=True):
        src, dst = (self.a, self.b) if side == 0 else (self.b, self.a)
        sp, dp = (self.aport, self.bport) if side == 0 else (self.bport, self.aport)
        s = self.seq[side] if seq is None else seq
        k = self.seq[1 - side] if ack is None else ack
        self.cap.tcp(src, dst, sp, dp, s, k, flags, self.win if win is None else win, payload)
        if advance:
            end = s + len(payload) + (1 if flags & (SYN | FIN) else 0)
            if end - self.seq[side] > 0:
                self.seq[side] = end

    def handshake(self):
        self.send(0, SYN)
        self.cap.tick(20000)
        self.send(1, SYN | ACK)
        self.cap.tick(20000)
        self.send(0, ACK)

    def close(self):
        self.send(0, FIN | ACK)
        self.send(1, FIN | ACK)
        self.send(0, ACK)


A = (10, 0, 0, 1)
B = (10, 0, 0, 2)
MSS = 1448


def rfc_text():
    lines = []
    for i in range(1, 200):
        lines.append("Line %03d of the served text: the quick brown fox jumps over the lazy dog.\r\n" % i)
    return "".join(lines).encode()


def http_ooo():
    cap = Capture()
    c = Conn(cap, A, B, 40000, 80, 1000, 5000)
    c.handshake()
    c.send(0, PSH | ACK, b"GET /rfc2324.txt HTTP/1.1\r\nHost: 10.0.0.2\r\nUser-Agent: remora-test\r\n\r\n")
    c.send(1, ACK)
    body = rfc_text()[:6000]
    resp = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
    base = c.seq[1]
    segs = [resp[i:i + MSS] for i in range(0, len(resp), MSS)]
    assert len(segs) == 5, len(segs)
    off = [base + i * MSS for i in range(5)]
    # 1, 2, 4, 3 (out of order), 5, then 2 again (retransmission)
    c.send(1, ACK, segs[0], seq=off[0])
    c.send(1, ACK, segs[1], seq=off[1])
    c.send(1, ACK, segs[3], seq=off[3])
    c.send(1, ACK, segs[2], seq=off[2])
    c.send(0, ACK, ack=off[2])
    cap.tick(200000)
    c.send(1, PSH | ACK, segs[4], seq=off[4])
    cap.tick(300000)
    c.send(1, ACK, segs[1], seq=off[1])
    c.send(0, ACK)
    c.close()
    return cap.write("tcp-http-ooo.pcap")


def lpdu(data):
    return struct.pack("!I", len(data)) + data


def lenpdu():
    cap = Capture()
    # stream 0: one 5000-byte PDU over 5 segments: 1, 3 (out of order
    # ahead), 2, 2 again (same data), 4, 5
    c = Conn(cap, A, B, 40001, 7777, 100, 9000)
    c.handshake()
    pdu = lpdu(bytes((i * 7 + 3) & 0xFF for i in range(4996)))
    base = c.seq[0]
    segs = [pdu[i:i + 1000] for i in range(0, len(pdu), 1000)]
    order = [0, 2, 1, 1, 3, 4]
    for i in order:
        c.send(0, ACK, segs[i], seq=base + 1000 * i)
    c.send(1, ACK)
    c.close()

    # stream 1: overlap with conflicting data.  PDU of 2000 bytes: bytes
    # 0..1199, then 800..1999 where 800..1199 differ (the first copy wins)
    c = Conn(cap, A, B, 40002, 7777, 200, 9100)
    c.handshake()
    pdu = lpdu(b"A" * 1996)
    base = c.seq[0]
    c.send(0, ACK, pdu[:1200], seq=base)
    c.send(0, ACK, b"B" * 400 + pdu[1200:], seq=base + 800)
    c.send(1, ACK)
    c.close()

    # stream 2: a hole never filled: 3000-byte PDU, the middle 1000 never sent
    c = Conn(cap, A, B, 40003, 7777, 300, 9200)
    c.handshake()
    pdu = lpdu(b"h" * 2996)
    base = c.seq[0]
    c.send(0, ACK, pdu[:1000], seq=base)
    c.send(0, ACK, pdu[2000:], seq=base + 2000)
    c.send(1, ACK, ack=base + 1000)
    c.close()

    # stream 3: two whole PDUs in one segment, then a PDU ending mid-segment
    # with the next PDU starting in the same segment and ending in the next
    c = Conn(cap, A, B, 40004, 7777, 400, 9300)
    c.handshake()
    p1, p2 = lpdu(b"one"), lpdu(b"two!")
    c.send(0, PSH | ACK, p1 + p2)
    p3, p4 = lpdu(b"x" * 100), lpdu(b"y" * 60)
    c.send(0, ACK, p3[:50])
    c.send(0, ACK, p3[50:] + p4[:30])
    c.send(0, PSH | ACK, p4[30:])
    c.send(1, ACK)
    c.close()
    return cap.write("tcp-lenpdu.pcap")


def analysis():
    cap = Capture()
    c = Conn(cap, A, B, 40010, 5001, 1000, 70000, win=8192)
    c.handshake()
    d = bytes(range(100)) * 10
    # lost segment: skip 1000 bytes
    c.send(0, ACK, d)                     # seq 1
    c.seq[0] += 1000                      # seq 1001..2000 never captured
    c.send(0, ACK, d)                     # seq 2001: previous segment not captured
    c.send(1, ACK, ack=c.seq[0] - 2000)   # acks 1001 only
    # duplicate acks and a fast retransmission
    c.send(1, ACK, ack=c.seq[0] - 2000)
    c.send(1, ACK, ack=c.seq[0] - 2000)
    c.send(1, ACK, ack=c.seq[0] - 2000)
    c.send(0, ACK, d, seq=c.seq[0] - 2000)    # fast retransmission of 1001
    c.send(1, ACK)                             # acks everything
    # retransmission after an RTO
    cap.tick(400000)
    c.send(0, PSH | ACK, d[:100])
    cap.tick(300000)
    c.send(0, PSH | ACK, d[:100], seq=c.seq[0] - 100)
    c.send(1, ACK)
    # spurious retransmission: already acked data sent again
    cap.tick(100000)
    c.send(0, PSH | ACK, d[:100], seq=c.seq[0] - 100)
    # zero window, probe, window update
    c.send(0, PSH | ACK, d[:200])
    c.send(1, ACK, win=0)
    cap.tick(200000)
    c.send(0, ACK, d[:1])
    c.send(1, ACK, win=0, ack=c.seq[0] - 1)
    cap.tick(200000)
    c.send(1, ACK, win=8192, ack=c.seq[0] - 1)
    # the probe was never acknowledged: more data, then a keep-alive and its ACK
    cap.tick(100000)
    c.send(0, PSH | ACK, d[:10], seq=c.seq[0] - 1)
    c.send(1, ACK)
    cap.tick(1000000)
    c.send(0, ACK, seq=c.seq[0] - 1, advance=False)
    c.send(1, ACK)
    # ACKed unseen segment
    c.send(0, ACK, ack=c.seq[1] + 500)
    c.close()
    # reused ports: a new connection on the same ports
    cap.tick(2000000)
    c2 = Conn(cap, A, B, 40010, 5001, 555555, 777777, win=8192)
    c2.handshake()
    c2.send(0, PSH | ACK, b"again")
    c2.send(1, ACK)
    return cap.write("tcp-analysis.pcap")


CHUNK_TAIL = b"5\r\nhello\r\n0\r\n\r\n"


def http_chunked_split():
    cap = Capture()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    data = rfc_text()[:200]
    first = b"%x\r\n" % len(data) + data + b"\r\n"
    resp = head + first + CHUNK_TAIL
    cut1 = len(head) + 4 + 100
    for k in range(len(CHUNK_TAIL)):
        c = Conn(cap, A, B, 41000 + k, 80, 7000 + 100 * k, 90000 + 100 * k)
        c.handshake()
        c.send(0, PSH | ACK, b"GET /chunked/%d HTTP/1.1\r\nHost: 10.0.0.2\r\n\r\n" % k)
        cut2 = len(head) + len(first) + k
        c.send(1, ACK, resp[:cut1])
        c.send(1, ACK, resp[cut1:cut2])
        c.send(1, PSH | ACK, resp[cut2:])
        c.send(0, ACK)
        c.send(0, PSH | ACK, b"GET /next/%d HTTP/1.1\r\nHost: 10.0.0.2\r\n\r\n" % k)
        c.send(1, PSH | ACK, b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        c.send(0, ACK)
        c.close()
    return cap.write("tcp-http-chunked-split.pcap")


def main():
    for f in (http_ooo, lenpdu, analysis, http_chunked_split):
        print(f())


if __name__ == "__main__":
    sys.exit(main())
