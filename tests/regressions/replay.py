#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Replays every input kept under tests/regressions/<folder>/ through
remora-cli, in tree mode with hex (-V -x) and in fields mode with every
registered field (-T fields -E occurrence=a -e ...), each run under a time
and an address-space limit, as the robustness test does for the corpus.

How a file is replayed depends on its folder:
  fuzz-dissect/          [link type index][mode][frame]: wrapped into a
                         one-packet pcap of that link type
  fuzz-dfilter-compile/, fuzz-dfilter-eval/
                         a display filter: -Y TEXT over the sample capture
  anything else          a capture file (pcap, pcapng, gzip), read as is

A refusal (non-zero exit with a message) is fine; a signal, a sanitizer
report, a time-out or a silent non-zero exit fails, naming the file.
"""
import argparse
import os
import signal
import struct
import subprocess
import sys
import tempfile

# The order of fuzz_link_types in tests/fuzz/fuzz-common.c.
FUZZ_LINK_TYPES = [1, 101, 228, 229, 113, 276, 0, 108, 9, 50, 51, 104, 239, 147]
FILTER_FOLDERS = ("fuzz-dfilter-compile", "fuzz-dfilter-eval")


def pcap_of_frame(data, link_type, orig_extra):
    head = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, link_type)
    rec = struct.pack("<IIII", 1700000000, 0, len(data), len(data) + orig_extra)
    return head + rec + data


def first_finding(err):
    """The sanitizer's own summary line when there is one: the tail of a
    report is a stack trace, its head says what and where."""
    for line in err.splitlines():
        if "runtime error:" in line or "ERROR: AddressSanitizer" in line or "ERROR: LeakSanitizer" in line:
            return line.strip()
    return err[-300:]


def run(cli, argv, timeout, as_mib):
    limit = f"ulimit -v {as_mib * 1024}; " if as_mib > 0 else ""
    cmd = ["sh", "-c", limit + 'exec "$@"', "sh", cli] + argv
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout:g} s"
    err = p.stderr.decode(errors="replace").strip()
    if p.returncode < 0:
        try:
            name = signal.Signals(-p.returncode).name
        except ValueError:
            name = f"signal {-p.returncode}"
        return f"killed by {name}" + (f": {first_finding(err)}" if err else "")
    # Sanitizers exit with 1 after a report; their banner tells it apart
    # from a refusal.
    if "ERROR: AddressSanitizer" in err or "runtime error:" in err or "ERROR: LeakSanitizer" in err:
        return "sanitizer report: " + first_finding(err)
    if p.returncode != 0 and not err:
        return f"exit status {p.returncode} without an error message"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--dir", required=True, help="tests/regressions")
    ap.add_argument("--sample", required=True, help="capture the filters run over")
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--as-limit-mib", type=int,
                    default=int(os.environ.get("REMORA_ROBUSTNESS_AS_MIB", "256")))
    args = ap.parse_args()
    cli = os.path.abspath(args.cli)

    fields = [l.split("\t")[2] for l in subprocess.run([cli, "-G", "fields"], check=True,
              capture_output=True, text=True).stdout.splitlines() if l.startswith("F\t")]
    fields_args = ["-T", "fields", "-E", "occurrence=a"]
    for f in fields:
        fields_args += ["-e", f]
    modes = {"tree": ["-V", "-x"], "fields": fields_args}

    inputs = []
    for folder, _, names in os.walk(args.dir):
        for n in names:
            if not n.endswith((".md", ".py", ".build")) and n != "README":
                inputs.append(os.path.join(folder, n))
    inputs.sort()

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, path in enumerate(inputs):
            rel = os.path.relpath(path, args.dir)
            top = rel.split(os.sep)[0]
            data = open(path, "rb").read()
            if top in FILTER_FOLDERS:
                text = data.split(b"\0", 1)[0].decode("utf-8", "surrogateescape")
                runs = {m: ["-r", args.sample, "-Y", text] + a for m, a in modes.items()}
            else:
                capture = path
                if top == "fuzz-dissect":
                    if len(data) < 2:
                        continue
                    link = FUZZ_LINK_TYPES[data[0] % len(FUZZ_LINK_TYPES)]
                    capture = os.path.join(tmp, f"{i}.pcap")
                    with open(capture, "wb") as f:
                        f.write(pcap_of_frame(data[2:], link, 1000 if data[1] & 8 else 0))
                runs = {m: ["-r", capture] + a for m, a in modes.items()}
            for m, argv in runs.items():
                why = run(cli, argv, args.timeout, args.as_limit_mib)
                if why:
                    failures.append((rel, m, why))

    for rel, m, why in failures:
        print(f"FAIL {rel} ({m}): {why}")
    print(f"regressions: {len(inputs)} inputs x 2 modes, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
