#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Follow TCP Stream oracle: remora-cli -q -z follow,tcp,MODE,N against tshark.

For every capture of corpus/public.txt that carries TCP (tshark decides),
streams 0 to 2 (those that exist) in ascii and hex mode must print the same
bytes as tshark's.  Accepted differences: tests/data/follow-accepted.txt,
lines FILE<TAB>MODE<TAB>STREAM<TAB>REASON, reported, never hidden.

Exit 0 when every run agrees, 1 otherwise, 77 when the corpus or tshark is
absent (a failure with REMORA_REQUIRE_ORACLE=1).
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys


def skip_or_fail(msg):
    if os.environ.get("REMORA_REQUIRE_ORACLE") == "1":
        print(f"follow oracle: {msg}; REMORA_REQUIRE_ORACLE=1, so this is a failure")
        sys.exit(1)
    print(f"follow oracle: {msg}; skipped")
    sys.exit(77)


def run(cmd):
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120).stdout
    except subprocess.TimeoutExpired:
        return b"<timeout>"


def tcp_streams(path):
    out = run(["tshark", "-r", path, "-Y", "tcp", "-T", "fields", "-e", "tcp.stream"])
    streams = set()
    for line in out.decode(errors="replace").split():
        if line.isdigit():
            streams.add(int(line))
    return sorted(streams)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--accepted", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    listing = os.path.join(args.corpus, "public.txt")
    if not os.path.exists(listing):
        skip_or_fail(f"corpus not found at {args.corpus}")
    if shutil.which("tshark") is None:
        skip_or_fail("tshark is not installed")

    accepted = {}
    if os.path.exists(args.accepted):
        for line in open(args.accepted):
            if not line.strip() or line.startswith("#"):
                continue
            f, mode, stream, reason = line.rstrip("\n").split("\t", 3)
            accepted[(f, mode, int(stream))] = reason

    files = [l.strip() for l in open(listing) if l.strip() and not l.startswith("#")]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        streams = dict(zip(files, ex.map(lambda f: tcp_streams(os.path.join(args.corpus, f)), files)))

    jobs = [(f, mode, s) for f in files for s in streams[f][:3] for mode in ("ascii", "hex")]

    def compare(job):
        f, mode, s = job
        path = os.path.join(args.corpus, f)
        z = f"follow,tcp,{mode},{s}"
        want = run(["tshark", "-r", path, "-q", "-z", z])
        got = run([args.cli, "-r", path, "-q", "-z", z])
        return job, want == got

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        results = list(ex.map(compare, jobs))

    bad = [job for job, ok in results if not ok and job not in accepted]
    acc = [job for job, ok in results if not ok and job in accepted]
    files_with_tcp = sum(1 for f in files if streams[f])
    print(f"follow oracle: {len(results)} runs over {files_with_tcp} captures with TCP; "
          f"{len(results) - len(bad) - len(acc)} identical, {len(acc)} accepted, {len(bad)} different")
    for job in acc:
        print("  accepted: %s %s stream %d: %s" % (job[0], job[1], job[2], accepted[job]))
    for job in bad:
        print("  DIFFERENT: %s %s stream %d" % job)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
