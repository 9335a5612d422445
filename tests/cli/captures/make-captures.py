#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the tiny captures of the remora-cli golden tests.

Run from this folder; the output is checked in, so this only needs running
when a capture is added or changed.
"""
import struct


def csum(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def eth(dst, src, etype, payload):
    return bytes.fromhex(dst) + bytes.fromhex(src) + struct.pack('!H', etype) + payload


def ipv4(src, dst, proto, payload, ident=1, ttl=64):
    s = bytes(int(x) for x in src.split('.'))
    d = bytes(int(x) for x in dst.split('.'))
    hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), ident, 0x4000, ttl, proto, 0, s, d)
    hdr = hdr[:10] + struct.pack('!H', csum(hdr)) + hdr[12:]
    return hdr + payload


def tcp(sport, dport, seq, ack, flags, payload=b'', window=64240):
    return struct.pack('!HHIIBBHHH', sport, dport, seq, ack, 5 << 4, flags, window, 0, 0) + payload


def udp(sport, dport, payload):
    return struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload


def arp_request(smac, sip, tip):
    return struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + bytes.fromhex(smac) + \
        bytes(int(x) for x in sip.split('.')) + b'\0' * 6 + bytes(int(x) for x in tip.split('.'))


A = '020000000001'
B = '020000000002'


def packets():
    t0 = 1700000000
    yield t0, 0, eth(B, A, 0x0806, arp_request(A, '10.0.0.1', '10.0.0.2'))
    yield t0, 250, eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(45000, 45001, 1000, 0, 0x02)))
    yield t0, 900, eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 6, tcp(45001, 45000, 5000, 1001, 0x12)))
    yield t0, 1500, eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(45000, 45001, 1001, 5001, 0x10)))
    yield t0, 2100, eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6,
                                           tcp(45000, 45001, 1001, 5001, 0x18, b'remora says hi\x00\x01\x02\xff')))
    yield t0 + 1, 7, eth(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp(50000, 50001, b'hello, remora')))
    # out of order time stamp: negative delta
    yield t0, 500000, eth(A, B, 0x0800, ipv4('10.0.0.2', '10.0.0.1', 6, tcp(45001, 45000, 5001, 1019, 0x11)))


def write_pcap(path, pkts, nanos=False):
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b23c4d if nanos else 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for sec, frac, data in pkts:
            f.write(struct.pack('<IIII', sec, frac, len(data), len(data)))
            f.write(data)


def pcapng_block(btype, body):
    pad = (-len(body)) % 4
    total = 12 + len(body) + pad
    return struct.pack('<II', btype, total) + body + b'\0' * pad + struct.pack('<I', total)


def write_pcapng(path, pkts):
    with open(path, 'wb') as f:
        f.write(pcapng_block(0x0a0d0d0a, struct.pack('<IHHq', 0x1a2b3c4d, 1, 0, -1)))
        opts = struct.pack('<HH', 2, 4) + b'eth0' + struct.pack('<HHB3x', 9, 1, 9) + struct.pack('<HH', 0, 0)
        f.write(pcapng_block(1, struct.pack('<HHI', 1, 0, 262144) + opts))
        for sec, frac, data in pkts:
            ts = sec * 1000000000 + frac * 1000 + 123
            pad = (-len(data)) % 4
            body = struct.pack('<IIIII', 0, ts >> 32, ts & 0xffffffff, len(data), len(data)) + data + b'\0' * pad
            f.write(pcapng_block(6, body))


def main():
    pkts = list(packets())
    write_pcap('tiny.pcap', pkts)
    write_pcapng('tiny-ns.pcapng', pkts[:4])
    whole = open('tiny.pcap', 'rb').read()
    # cut in the middle of the fourth packet's data
    cut = 24 + sum(16 + len(p[2]) for p in pkts[:3]) + 16 + 20
    open('damaged.pcap', 'wb').write(whole[:cut])


if __name__ == '__main__':
    main()
