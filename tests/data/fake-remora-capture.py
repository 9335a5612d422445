#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A stand-in for remora-capture in tests/test-capture-session.c: writes a
pcapng stream on stdout slowly, and the helper's status lines on stderr,
as src/capture/README.md documents them.  Packet N is an Ethernet frame
carrying N as a big-endian 32-bit number right after the header.

Environment: FAKE_CAPTURE_PACKETS (how many, default 200),
FAKE_CAPTURE_DELAY (seconds between bursts, default 0.005),
FAKE_CAPTURE_HANG_AFTER (stop writing after that many and wait),
FAKE_CAPTURE_FAIL (an error KIND: print it and exit 2 before any output),
FAKE_CAPTURE_BURST (packets per burst, default 10),
FAKE_CAPTURE_ALTERNATE (1: odd-numbered packets carry EtherType 0x88b6
instead of 0x88b5, for display filters),
FAKE_CAPTURE_DIE_AFTER (after that many packets, written and flushed, die
as FAKE_CAPTURE_DIE_HOW says: "kill", SIGKILL to itself (the default), or
"error", an interface error line and exit status 3, as the real helper
does when its device goes away),
FAKE_CAPTURE_PAUSE_AFTER (after that many packets, flushed, pause for
FAKE_CAPTURE_PAUSE seconds, default 1, then go on)."""

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
    burst = max(1, int(os.environ.get("FAKE_CAPTURE_BURST", "10")))
    alternate = os.environ.get("FAKE_CAPTURE_ALTERNATE") == "1"
    die_after = int(os.environ.get("FAKE_CAPTURE_DIE_AFTER", "-1"))
    die_how = os.environ.get("FAKE_CAPTURE_DIE_HOW", "kill")
    pause_after = int(os.environ.get("FAKE_CAPTURE_PAUSE_AFTER", "-1"))
    pause = float(os.environ.get("FAKE_CAPTURE_PAUSE", "1"))
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
        if written == die_after:
            # What is in the pipe stays readable after the writer is gone.
            out.flush()
            if die_how == "error":
                status("error interface The device went away while capturing (fake)")
                return 3
            os.kill(os.getpid(), signal.SIGKILL)
        if written == pause_after:
            out.flush()
            time.sleep(pause)
        ethertype = b"\x88\xb6" if alternate and written % 2 == 1 else b"\x88\xb5"
        frame = (b"\xff" * 6 + b"\x02\0\0\0\0\1" + ethertype
                 + struct.pack(">I", written) + bytes(42))
        ts = start_ns + written * 1000
        epb = struct.pack("=IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(frame), len(frame)) + frame
        out.write(block(6, epb))
        written += 1
        if written % burst == 0:
            out.flush()
            status(f"stats {IFACE} {written} 0 0")
            time.sleep(delay)
    out.flush()
    status(f"stats {IFACE} {written} 0 0")
    status(f"packets {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
