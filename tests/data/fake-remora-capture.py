#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A stand-in for remora-capture in tests/test-capture-session.c: writes a
pcapng stream on stdout slowly, and the helper's status lines on stderr,
as src/capture/README.md documents them.  Packet N is an Ethernet frame
carrying N as a big-endian 32-bit number right after the header.

Environment: FAKE_CAPTURE_PACKETS (how many, default 200),
FAKE_CAPTURE_DELAY (seconds between bursts of 10, default 0.005),
FAKE_CAPTURE_HANG_AFTER (stop writing after that many and wait),
FAKE_CAPTURE_FAIL (an error KIND: print it and exit 2 before any output)."""

import os
import signal
import struct
import sys
import time

IFACE = "fake0"
out = sys.stdout.buffer
stopping = False


def status(line):
    sys.stderr.write(f"remora-capture: {line}\n")
    sys.stderr.flush()


def block(block_type, body):
    body += b"\0" * (-len(body) % 4)
    length = 12 + len(body)
    return struct.pack("=II", block_type, length) + body + struct.pack("=I", length)


def option(code, value):
    return struct.pack("=HH", code, len(value)) + value + b"\0" * (-len(value) % 4)


def on_sigint(signo, frame):
    global stopping
    stopping = True


def main():
    fail = os.environ.get("FAKE_CAPTURE_FAIL")
    if fail:
        status(f"error {fail} You don't have permission to capture on that device (fake)")
        return 2
    count = int(os.environ.get("FAKE_CAPTURE_PACKETS", "200"))
    delay = float(os.environ.get("FAKE_CAPTURE_DELAY", "0.005"))
    hang_after = int(os.environ.get("FAKE_CAPTURE_HANG_AFTER", "-1"))
    signal.signal(signal.SIGINT, on_sigint)

    shb = struct.pack("=IHHq", 0x1A2B3C4D, 1, 0, -1) + option(0, b"")
    idb = (struct.pack("=HHI", 1, 0, 262144) + option(2, IFACE.encode())
           + option(9, bytes([9])) + option(0, b""))
    out.write(block(0x0A0D0D0A, shb) + block(1, idb))
    out.flush()
    status(f"capturing {IFACE}")

    written = 0
    start_ns = time.time_ns()
    while written < count and not stopping:
        if written == hang_after:
            while not stopping:
                time.sleep(0.05)
            break
        frame = (b"\xff" * 6 + b"\x02\0\0\0\0\1" + b"\x88\xb5"
                 + struct.pack(">I", written) + bytes(42))
        ts = start_ns + written * 1000
        epb = struct.pack("=IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(frame), len(frame)) + frame
        out.write(block(6, epb))
        written += 1
        if written % 10 == 0:
            out.flush()
            status(f"stats {IFACE} {written} 0 0")
            time.sleep(delay)
    out.flush()
    status(f"stats {IFACE} {written} 0 0")
    status(f"packets {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
