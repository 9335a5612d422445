#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile-capture test: makes the captures of make-hostile.py in the build
folder (once; they are deterministic) and runs remora-cli over each, in tree
mode with hex (-V -x) and in fields mode (-T fields with fields of every
layer the file exercises), each under a time limit and a memory bound.

A capture may be refused (non-zero exit with a message: bad-interface.pcapng
must be).  A signal, a sanitizer report, a silent non-zero exit, exceeding
the time limit or exceeding the peak-RSS bound fails, naming the file.
Prints elapsed time and peak RSS per run.

Bounds are for an optimised build; --slow N multiplies time bounds and
--rss-slack-mib adds to the memory bounds (sanitizer builds).
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# name: (seconds, peak RSS MiB beyond the file, must refuse).  Uncompressed
# files are mapped, so their pages count in the RSS: the bound is this
# figure plus the file's size.  Figures measured on an optimised build are
# in FIGURES.md here; the bounds leave a few times that, and say what
# "bounded" means: nothing grows with the file beyond its state caps.
CASES = {
    "many-packets.pcap":      (60, 64, False),
    "tcp-streams.pcap":       (90, 256, False),
    "dns-names.pcap":         (10, 64, False),
    "dns-loop-questions.pcap": (5, 64, False),
    "dns-label-chains.pcap":  (5, 64, False),
    "nested-ip.pcap":         (10, 64, False),
    "many-interfaces.pcapng": (20, 64, False),
    "bad-interface.pcapng":   (20, 64, True),
    "too-many-interfaces.pcapng": (30, 96, True),
    "lengths-disagree.pcap":  (10, 64, False),
}

WANTED_FIELDS = [
    "frame.number", "frame.len", "frame.protocols", "eth.type", "ip.src", "ip.len", "ip.hdr_len",
    "ipv6.plen", "udp.length", "tcp.stream", "tcp.len", "tcp.seq", "tcp.reassembled.length",
    "dns.qry.name", "dns.resp.name", "dns.count.queries", "dns.count.answers",
    "http.request.method", "http.host", "http.request.line", "tls.handshake.type",
    "_ws.col.Protocol", "_ws.col.Info", "_ws.malformed",
]


def first_finding(err):
    """The sanitizer's own summary line when there is one: the tail of a
    report is a stack trace, its head says what and where."""
    for line in err.splitlines():
        if "runtime error:" in line or "ERROR: AddressSanitizer" in line or "ERROR: LeakSanitizer" in line:
            return line.strip()
    return err[-300:]


def run(cmd, timeout, as_mib):
    """Runs CMD; returns (status or None on time-out, seconds, peak RSS KiB, stderr).

    /usr/bin/time measures the peak RSS: measured from Python, a forked
    child would count the interpreter's pages as its own.  The address-space
    limit is set by a shell that then execs the CLI."""
    limit = f"ulimit -v {as_mib * 1024}; " if as_mib > 0 else ""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        full = ["/usr/bin/time", "-q", "-f", "%M", "-o", rss.name,
                "sh", "-c", limit + 'exec "$@"', "sh"] + cmd
        t0 = time.monotonic()
        p = subprocess.Popen(full, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                             start_new_session=True)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return None, time.monotonic() - t0, 0, ""
        elapsed = time.monotonic() - t0
        err.seek(0)
        text = err.read().decode(errors="replace").strip()
        lines = rss.read().split()
    # time reports the child's fate on its own stderr line and exits 128+N
    # for a signal, as a shell would.
    status = p.returncode
    text = "\n".join(l for l in text.splitlines() if not l.startswith("Command terminated by signal")
                     and not l.startswith("Command exited with non-zero status"))
    return status, elapsed, int(lines[-1]) if lines and lines[-1].isdigit() else 0, text


def verdict(status, text, refuse):
    if status is None:
        return "timed out"
    if status > 128:
        sig = status - 128
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        return f"killed by {name}" + (f": {first_finding(text)}" if text else "")
    code = status
    if "ERROR: AddressSanitizer" in text or "runtime error:" in text or "ERROR: LeakSanitizer" in text:
        return "sanitizer report: " + first_finding(text)
    if code != 0 and not text:
        return f"exit status {code} without an error message"
    if refuse and code == 0:
        return "read without complaint, but the file is damaged"
    if not refuse and code != 0:
        return f"refused: {text[-300:]}"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--workdir", required=True, help="where the captures are made (the build folder)")
    ap.add_argument("--packets", type=int, default=1000000, help="records in many-packets.pcap")
    ap.add_argument("--slow", type=float, default=1.0, help="time-bound factor (sanitizers: 10)")
    ap.add_argument("--rss-slack-mib", type=int, default=0, help="added to each RSS bound")
    ap.add_argument("--as-limit-mib", type=int,
                    default=int(os.environ.get("REMORA_ROBUSTNESS_AS_MIB", "1024")),
                    help="address-space limit per run (0: none; sanitizer builds need 0)")
    ap.add_argument("--only", default="", help="comma-separated capture names")
    args = ap.parse_args()

    cli = os.path.abspath(args.cli)
    os.makedirs(args.workdir, exist_ok=True)
    names = [n for n in CASES if not args.only or n in args.only.split(",")]
    stamp = os.path.join(args.workdir, f".made-{args.packets}")
    script = os.path.join(HERE, "make-hostile.py")
    if (not os.path.exists(stamp) or os.path.getmtime(stamp) < os.path.getmtime(script)
            or not all(os.path.exists(os.path.join(args.workdir, n)) for n in names)):
        t0 = time.monotonic()
        subprocess.run([sys.executable, script, args.workdir, "--packets", str(args.packets)]
                       + (["--only", args.only] if args.only else []),
                       check=True, stdout=subprocess.DEVNULL)
        if not args.only:
            open(stamp, "w").close()
        print(f"hostile: captures made in {time.monotonic() - t0:.1f} s", flush=True)

    known = set(l.split("\t")[2] for l in subprocess.run([cli, "-G", "fields"], check=True,
                capture_output=True, text=True).stdout.splitlines() if l.count("\t") >= 2)
    fields = ["-T", "fields", "-E", "occurrence=a"]
    for f in WANTED_FIELDS:
        if f in known or f.startswith("_ws.col."):
            fields += ["-e", f]
    modes = {"-V -x": ["-V", "-x"], "-T fields": fields}

    failures = []
    print(f"{'capture':26} {'mode':10} {'seconds':>8} {'peak RSS':>10}  bound", flush=True)
    for name in names:
        secs, rss_mib, refuse = CASES[name]
        path = os.path.join(args.workdir, name)
        size = os.path.getsize(path)
        for mode, argv in modes.items():
            limit_s = secs * args.slow
            if name == "many-packets.pcap":
                limit_s *= max(1.0, args.packets / 1e6)
            limit_rss = rss_mib + args.rss_slack_mib + (size >> 20)
            status, elapsed, rss_kib, text = run([cli, "-r", path] + argv, limit_s, args.as_limit_mib)
            why = verdict(status, text, refuse)
            if why is None and rss_kib > limit_rss * 1024:
                why = f"peak RSS {rss_kib // 1024} MiB over the {limit_rss} MiB bound"
            print(f"{name:26} {mode:10} {elapsed:8.2f} {rss_kib / 1024:7.1f} MiB  "
                  f"{limit_s:g} s / {limit_rss} MiB{'  FAIL' if why else ''}", flush=True)
            if why:
                failures.append((name, mode, why))
        print(f"{'':26} ({size / 1e6:.1f} MB)", flush=True)

    for name, mode, why in failures:
        print(f"FAIL {name} ({mode}): {why}")
    print(f"hostile: {len(names) * len(modes) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
