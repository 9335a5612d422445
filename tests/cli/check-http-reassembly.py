#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The protocols issue's own capture, end to end through remora-cli.

tests/data/tcp-http-ooo.pcap (made by tests/data/make-tcp-captures.py) holds
an HTTP GET whose text response spans five Ethernet-sized TCP segments, one
of them out of order and one retransmitted.  A user filtering `http` must see
exactly the request and the response; the response must be dissected in the
segment that completes it, listing every segment; and its body must be the
text the server sent, byte for byte.
"""
import importlib.util
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "data")
cli = sys.argv[1]
capture = os.path.join(data, "tcp-http-ooo.pcap")

spec = importlib.util.spec_from_file_location("captures", os.path.join(data, "make-tcp-captures.py"))
captures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(captures)
served = captures.rfc_text()[:6000]


def run(*args):
    return subprocess.run([cli, "-r", capture, *args], check=True, stdout=subprocess.PIPE).stdout.decode()


failures = []
lines = run("-Y", "http").splitlines()
if len(lines) != 2 or "GET /rfc2324.txt" not in lines[0] or "HTTP/1.1 200 OK" not in lines[1]:
    failures.append("-Y http should list the GET and the 200 OK, got %r" % lines)

fields = run("-Y", "http.response", "-T", "fields", "-E", "occurrence=a",
             "-e", "frame.number", "-e", "tcp.segment.count", "-e", "tcp.segment").split("\t")
frame, count, segments = fields[0], fields[1], fields[2].strip().split(",")
if int(count) < 4 or len(segments) != int(count) or segments[-1] != frame:
    failures.append("the response should be reassembled in its last segment from at least 4: %r" % fields)
# the out-of-order segment keeps its place in the byte stream, not in capture order
if sorted(segments, key=int) == segments:
    failures.append("the segment list should follow the byte stream, with the out-of-order frame in its place: %r" % segments)

body = run("-Y", "http.response", "-T", "fields", "-e", "http.file_data").rstrip("\n")
body = body.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").encode()
if body != served:
    failures.append("the body differs from the served text (%d bytes vs %d)" % (len(body), len(served)))

for f in failures:
    print("FAIL:", f)
print("http reassembly: %s" % ("FAIL" if failures else "ok (2 packets, %s segments, %d body bytes equal)" % (count, len(served))))
sys.exit(1 if failures else 0)
